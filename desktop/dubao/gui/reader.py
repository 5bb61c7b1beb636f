"""The reader: one article as a newspaper page, with an exact character hit test for the pinyin popup,
highlights drawn over the text, marked mentions, and paint overlays (ruby pinyin is drawn with one).

The document holds exactly the article text — one QTextBlock per line, and a very long line cut into several
at sentence ends (display_map.py) — inserted as plain text, so markup in the source (`<b>`, `<img src=…>`) is
shown literally. Offsets cross into Qt only here, through one `DisplayMap` (UTF-16 units and the display cuts);
everything outside speaks code points. Highlights and marks are ExtraSelections: the document never changes
under an annotation.

A huge article is built a slice at a time (reader_document.py): its first screens show at once and the rest
follows between paints. Until `is_complete()`, a far position may not be in the document yet: `char_rect` is
empty there, highlights beyond it appear when their text arrives, and `scroll_to` / `select_span` to such a
place happen when it does (`document_complete` is emitted when the whole text is in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCursor, QTextLine
from PySide6.QtWidgets import QFrame, QTextEdit

from dubao.core.text import is_han
from dubao.gui import reader_format
from dubao.gui.display_map import DisplayMap, display_breaks
from dubao.gui.reader_document import DocumentBuilder, blank_document
from dubao.gui.reader_viewport import reading_viewport
from dubao.gui.reader_highlights import ReaderHighlights

if TYPE_CHECKING:
    from dubao.core.analysis import Analysis
    from dubao.core.models import Annotation

PaintOverlay = Callable[[QPainter, "Reader"], None]

HOVER_COLOR = QColor(0, 0, 0, 22)
SCROLL_LOOKAHEAD = 5_000  # characters that must be in below a place the reader scrolls to (more than a screen)


class Reader(ReaderHighlights, QTextEdit):
    hovered = Signal(int)  # code-point offset of the Han character under the pointer
    hover_left = Signal()  # pointer over no character, or out of the reader
    annotation_clicked = Signal(int)  # annotation id under a plain click
    selection_span_changed = Signal()
    document_complete = Signal()  # the whole article text is in the document (at once, unless it is huge)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewport(reading_viewport(self))
        self.setObjectName("reader")
        self.setAccessibleName("Article text")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # QTextEdit's own first document measures its text on the viewport it was made with, which setViewport
        # has just deleted: it is replaced at once, by a document of ours like every later one
        self.setDocument(blank_document(self))
        self.current_article = None
        self.analysis: Analysis | None = None
        self.fullwidth_punctuation = True
        self._map = DisplayMap("")
        self._builder = DocumentBuilder(self)
        self._builder.progressed.connect(self._on_document_grew)
        self._builder.finished.connect(self._on_document_complete)
        self._pending_scroll: int | None = None  # scroll_to / select_span asked for text not in yet
        self._pending_selection: tuple[int, int] | None = None
        self._selections_cover = 0  # document position up to which the ExtraSelections were made
        self._text = ""
        self._font = QFont(reader_format.SERIF_FAMILIES[0], 15)
        self._line_height = 170
        self._overlays: list[PaintOverlay] = []
        self._annotations: list[Annotation] = []
        self._marks: list[tuple[int, int]] = []
        self._hover_span: tuple[int, int] | None = None
        self._last_hover: int | None = None
        self._press_pos: QPoint | None = None
        self.selectionChanged.connect(self.selection_span_changed)
        # the text moves under a resting pointer: the popup would describe the wrong word
        self.verticalScrollBar().valueChanged.connect(self._forget_hover)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._selection_window: tuple[int, int, int, int] | None = None
        self.placeholder = ""  # shown centred while there is no article ("Importing the sample issue…")

    # ---- content ------------------------------------------------------------------------------

    def show_article(self, article, analysis: Analysis | None = None) -> None:
        """Show an Article/Article (None clears). `analysis` may come later through set_analysis."""
        self.current_article = article
        self.analysis = analysis
        self._annotations, self._marks, self._hover_span, self._last_hover = [], [], None, None
        self._text = article.text if article is not None else ""
        self._map = DisplayMap(self._text, display_breaks(self._text))
        self._pending_scroll = self._pending_selection = None
        self._build_document()
        self.verticalScrollBar().setValue(0)
        self._refresh_selections()

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        self.viewport().update()

    def text(self) -> str:
        return self._text

    def is_complete(self) -> bool:
        """Whether the whole article text is in the document (a huge one arrives a slice at a time)."""
        return self._builder.complete

    def _build_document(self) -> None:
        article = self.current_article
        if article is None:
            self._builder.stop()
            document = blank_document(self)
        else:
            document = self._builder.start(self, self._text, self.fullwidth_punctuation, _line_kinds(article),
                                           self._map.breaks, self._font, self.palette(), self._line_height)
        # its first slice built detached (no relayout per line), then swapped in; QTextEdit never deletes a replaced
        # document of ours
        previous = self.document()
        self.setDocument(document)
        previous.deleteLater()
        self._selections_cover = 0
        if self._builder.complete:
            self.document_complete.emit()

    def _built(self, offset: int) -> bool:
        """Whether the character at code point `offset` is in the document yet."""
        return self._map.to_document(offset) < self._builder.built_until()

    def _room_below(self, offset: int) -> bool:
        """Whether the text from `offset` on is in far enough to scroll it to a third of the view (the document
        ending just after it would leave it at the bottom)."""
        return self._builder.complete or self._built(min(len(self._text) - 1, offset + SCROLL_LOOKAHEAD))

    def _on_document_grew(self) -> None:
        if self._pending_selection is not None and self._built(self._pending_selection[1] - 1):
            self.select_span(*self._pending_selection)  # (Qt may scroll to its end: the pending scroll decides)
        if self._pending_scroll is not None and self._room_below(self._pending_scroll):
            self.scroll_to(self._pending_scroll, always=True)
        if self._has_selections_beyond():
            self._refresh_selections()

    def _on_document_complete(self) -> None:
        self._on_document_grew()
        self._refresh_selections()
        self.document_complete.emit()

    def set_style(self, family: str, point_size: int, line_height: int, fullwidth: bool) -> None:
        """Font, line height (percent) and punctuation display at once: one relayout instead of three."""
        self._font = QFont(family, point_size)
        self._line_height = line_height
        self.fullwidth_punctuation = fullwidth
        self._rebuild_keeping_place()

    def set_reader_font(self, family: str, point_size: int) -> None:
        self._font = QFont(family, point_size)
        self._rebuild_keeping_place()

    def set_line_height_percent(self, percent: int) -> None:
        """Line height as a percentage of the font's; ruby pinyin asks for more to make room above lines."""
        self._line_height = percent
        self._rebuild_keeping_place()

    def set_fullwidth_punctuation(self, on: bool) -> None:
        self.fullwidth_punctuation = on
        self._rebuild_keeping_place()

    def _rebuild_keeping_place(self) -> None:
        if self.current_article is None:
            return
        # the character nearest the top-left corner stays at the top (nearest, not exact: any will do here)
        near = self.document().documentLayout().hitTest(QPointF(40, 5) + self._scroll(), Qt.HitTestAccuracy.FuzzyHit)
        top = self._map.to_codepoint(near) if near > 0 else None
        self._build_document()
        self._update_measure()  # a new font size changes the measure
        self._refresh_selections()
        if top is not None and top < len(self._text):
            if self._built(top):
                self.verticalScrollBar().setValue(int(self.char_rect(top).top() + self.verticalScrollBar().value()))
            else:
                self._pending_scroll = top

    # ---- geometry: code points <-> the layout ---------------------------------------------------

    def _scroll(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def offset_at(self, point: QPoint | QPointF) -> int | None:
        """Code-point offset of the character drawn under `point` (viewport coordinates), or None over
        margins, line ends and gaps between lines. Unlike cursorForPosition, which returns the nearest caret
        position (the right half of 市 gives 长), this asks each line which character box holds x."""
        if not self._text:
            return None
        doc_point = QPointF(point) + self._scroll()
        document = self.document()
        near = document.documentLayout().hitTest(doc_point, Qt.HitTestAccuracy.FuzzyHit)
        if near < 0:
            return None
        block = document.findBlock(near)
        layout = block.layout()
        if layout is None:
            return None
        local = doc_point - layout.position()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            if not (line.y() <= local.y() < line.y() + line.height()):
                continue
            position = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
            line_end = line.textStart() + line.textLength()
            if not (line.textStart() <= position < line_end):
                return None
            offset = self._map.to_codepoint(block.position() + position)
            width = 2 if ord(self._text[offset]) > 0xFFFF else 1
            left = _x(line, position)
            right = _x(line, position + width)
            if min(left, right) <= local.x() < max(left, right):
                return offset
            return None
        return None

    def char_rect(self, offset: int) -> QRectF:
        """Box of the character at code-point `offset`, in viewport coordinates (empty when out of range)."""
        if not 0 <= offset < len(self._text):
            return QRectF()
        position = self._map.to_document(offset)
        if position >= self._builder.built_until():
            return QRectF()  # not in the document yet
        width = 2 if ord(self._text[offset]) > 0xFFFF else 1
        block = self.document().findBlock(position)
        layout = block.layout()
        relative = position - block.position()
        line = layout.lineForTextPosition(relative)
        if not line.isValid():
            return QRectF()
        left, right = _x(line, relative), _x(line, relative + width)
        origin = layout.position() - self._scroll()
        return QRectF(origin.x() + min(left, right), origin.y() + line.y(), abs(right - left), line.height())

    def span_rect(self, start: int, end: int) -> QRectF:
        rect = QRectF()
        for offset in range(start, end):
            rect = rect.united(self.char_rect(offset))
        return rect

    # ---- selection ----------------------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_codepoint(cursor.selectionStart())
        end = self._map.to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select the code points [start, end) — once they are in the document, for a huge article still arriving."""
        if end > start and not self._built(end - 1):
            self._pending_selection = (start, end)
            return
        self._pending_selection = None
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_document(start))
        cursor.setPosition(self._map.to_document(end, end=True), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def createMimeDataFromSelection(self) -> QMimeData:
        # copy the article's own characters, not the display-only full-width punctuation
        data = QMimeData()
        span = self.selected_span()
        data.setText(self._text[span[0]:span[1]] if span else "")
        return data

    # ---- scrolling and the word under the popup ----------------------------------------------

    def scroll_to(self, offset: int, always: bool = False) -> None:
        """Bring the character at `offset` into view (once it is in the document), a third down the view; only
        when it is out of view unless `always`."""
        if 0 <= offset < len(self._text) and not self._room_below(offset):
            self._pending_scroll = offset
            return
        self._pending_scroll = None
        rect = self.char_rect(offset)
        if rect.isEmpty():
            return
        bar = self.verticalScrollBar()
        if always or rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar.setValue(int(bar.value() + rect.top() - self.viewport().height() / 3))

    def set_hover_span(self, span: tuple[int, int] | None) -> None:
        """Shade the word the popup is about. Painted in paintEvent and only the two words' boxes are
        repainted — not the whole page, as changing ExtraSelections would (this keeps hover under a frame)."""
        if span == self._hover_span:
            return
        dirty = [self.span_rect(*s) for s in (self._hover_span, span) if s]
        self._hover_span = span
        for rect in dirty:
            self.viewport().update(rect.toAlignedRect().adjusted(-2, -2, 2, 2))

    # ---- painting -----------------------------------------------------------------------------

    def add_paint_overlay(self, overlay: PaintOverlay) -> None:
        """`overlay(painter, reader)` runs after the text is painted, in viewport coordinates."""
        self._overlays.append(overlay)
        self.viewport().update()

    def remove_paint_overlay(self, overlay: PaintOverlay) -> None:
        if overlay in self._overlays:
            self._overlays.remove(overlay)
            self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.current_article is None and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()
        if self._hover_span:
            painter = QPainter(self.viewport())
            for offset in range(*self._hover_span):
                painter.fillRect(self.char_rect(offset), HOVER_COLOR)
            painter.end()
        if self._overlays:
            painter = QPainter(self.viewport())
            for overlay in list(self._overlays):
                painter.save()
                overlay(painter, self)
                painter.restore()
            painter.end()

    # ---- pointer ------------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        offset = self.offset_at(event.position())
        if offset is not None and not is_han(self._text[offset]):
            offset = None
        if event.buttons() != Qt.MouseButton.NoButton:
            offset = None  # selecting text: no popup in the way
        if offset != self._last_hover:
            self._last_hover = offset
            if offset is None:
                self.hover_left.emit()
            else:
                self.hovered.emit(offset)

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        clicked = self._press_pos is not None and (event.position().toPoint() - self._press_pos).manhattanLength() < 4
        if clicked and event.button() == Qt.MouseButton.LeftButton and self.selected_span() is None:
            offset = self.offset_at(event.position())
            annotation = self.annotation_at(offset) if offset is not None else None
            if annotation is not None:
                self.annotation_clicked.emit(annotation.id)
        self._press_pos = None

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._rebuild_keeping_place()  # text colours are baked into the character formats

    def _forget_hover(self) -> None:
        if self._last_hover is not None:
            self._last_hover = None
            self.hover_left.emit()

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.Leave and self._last_hover is not None:
            self._last_hover = None
            self.hover_left.emit()
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_measure()

    def _update_measure(self) -> None:
        # a comfortable measure: about 38 characters a line, centred, however wide the window
        measure = int(self._font.pointSizeF() * 96 / 72 * 38) + 48
        side = max(0, (self.width() - measure) // 2)
        if side != self.viewportMargins().left():
            self.setViewportMargins(side, 0, side, 0)


def _x(line: QTextLine, position: int) -> float:
    value = line.cursorToX(position)
    return float(value[0] if isinstance(value, tuple) else value)


def _line_kinds(article) -> dict[int, str]:
    """The block kind of the lines of the article text, by the line's start (lines not listed: paragraphs)."""
    return {block.start: block.kind for block in getattr(article, "blocks", ()) or ()}
