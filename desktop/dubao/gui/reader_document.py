"""Builds the reader's QTextDocument for an article a slice at a time, so a huge article never freezes the window.

The first `FIRST_SLICE_CHARS` characters (several screens) go in before `start` returns: the text shows at
once. The rest is appended on the GUI thread by a zero-delay timer in slices of about `SLICE_MS`, each one
edit block (one relayout); the slice size adapts to what the last slice cost, layout included. Between slices
the window paints, scrolls and answers the pointer. `complete` says whether the whole text is in;
`built_until` (a document position) says how far it is, for callers that must wait for a far position.

The document holds exactly the article's characters, one QTextBlock per display block (`display_map`): a line
of the text, or part of a very long one. Formats per block kind come from `reader_format`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QTextCursor, QTextDocument

from dubao.gui import reader_format
from dubao.gui.display_map import display_spans

FIRST_SLICE_CHARS = 20_000
SLICE_MS = 20
MIN_SLICE_CHARS, MAX_SLICE_CHARS = 2_000, 400_000


class DocumentBuilder(QObject):
    progressed = Signal()  # another slice is in (the document grew)
    finished = Signal()  # the whole text is in

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._next_slice)
        self.document: QTextDocument | None = None
        self._blocks: list[tuple[str, int, int]] = []  # (kind, start, end) of each display block
        self._next = 0
        self._text = ""
        self._fullwidth = True
        self._formats: dict[str, tuple] = {}
        self._style: tuple[QFont, QPalette, int] | None = None
        self._slice_chars = FIRST_SLICE_CHARS

    def start(self, parent: QObject, text: str, fullwidth: bool, kinds: dict[int, str], breaks: list[int],
              font: QFont, palette: QPalette, line_height: int) -> QTextDocument:
        """A new document holding the first slice of `text` (with full-width punctuation shown when `fullwidth`:
        same length); `kinds` maps a line's start offset to its block kind. The rest follows on the event loop."""
        self._timer.stop()
        document = blank_document(parent)
        self.document, self._text, self._fullwidth, self._next = document, text, fullwidth, 0
        self._style, self._formats = (font, palette, line_height), {}
        self._blocks = []
        kind = "paragraph"
        cuts = set(breaks)
        for start, end in display_spans(text, breaks):
            if start not in cuts:  # a line of the text, not the rest of a long one
                kind = kinds.get(start, "paragraph")
            self._blocks.append((kind, start, end))
        self._insert(QTextCursor(document), FIRST_SLICE_CHARS)
        self._slice_chars = FIRST_SLICE_CHARS
        if not self.complete:
            self._timer.start()
        return document

    @property
    def complete(self) -> bool:
        return self._next >= len(self._blocks)

    def built_until(self) -> int:
        """Document positions below this hold text already (the whole document once complete)."""
        if self.document is None:
            return 0
        return self.document.characterCount() if self.complete else max(0, self.document.characterCount() - 1)

    def stop(self) -> None:
        self._timer.stop()
        self.document, self._blocks, self._next = None, [], 0

    def _formats_for(self, kind: str) -> tuple:
        formats = self._formats.get(kind)
        if formats is None:
            font, palette, line_height = self._style
            formats = self._formats[kind] = reader_format.block_formats(kind, font, palette, line_height)
        return formats

    def _insert(self, cursor: QTextCursor, budget: int) -> int:
        """Append display blocks until `budget` characters are in; returns how many went in."""
        inserted = 0
        blocks, text = self._blocks, self._text
        while self._next < len(blocks) and inserted < budget:
            kind, start, end = blocks[self._next]
            block_format, char_format = self._formats_for(kind)
            if self._next:
                cursor.insertBlock(block_format, char_format)
            else:
                cursor.setBlockFormat(block_format)
                cursor.setBlockCharFormat(char_format)
            # converted here, a block at a time: the whole of a huge article at once would hold up the window
            shown = reader_format.fullwidth_slice(text, start, end) if self._fullwidth else text[start:end]
            cursor.insertText(shown, char_format)  # plain text: never parsed as markup
            inserted += end - start + 1
            self._next += 1
        return inserted

    def _next_slice(self) -> None:
        if self.document is None or self.complete:
            return
        started = time.perf_counter()
        cursor = QTextCursor(self.document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()  # one change, one relayout of what was added
        inserted = self._insert(cursor, self._slice_chars)
        cursor.endEditBlock()
        elapsed = max(time.perf_counter() - started, 1e-4)
        # aim the next slice at SLICE_MS from this one's rate (the machine may be busy: never too small)
        wanted = int(inserted * SLICE_MS / 1000 / elapsed)
        self._slice_chars = max(MIN_SLICE_CHARS, min(MAX_SLICE_CHARS, wanted, self._slice_chars * 2))
        self.progressed.emit()
        if self.complete:
            self.finished.emit()
        else:
            self._timer.start()


def blank_document(parent: QObject) -> QTextDocument:
    """An empty document as the reader shows them: its page margin, and no undo history (it is read-only)."""
    document = QTextDocument(parent)
    document.setDocumentMargin(24)
    document.setUndoRedoEnabled(False)
    return document
