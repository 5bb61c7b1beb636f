"""The reader's highlights (annotations) and marks (entity mentions, search hits), drawn as ExtraSelections —
the document never changes under an annotation — and which part of the text is in view.

A mixin of `Reader` (reader.py), kept apart so the widget's module stays about the text and the pointer. It uses
the reader's `_map` (code points -> document positions), `_builder` (how much of a huge article is in) and
`_text`. Qt keeps every selection's cursor up to date and looks at each on every paint: past `MAX_SELECTIONS`
(every hit of a common word in a huge article) only those within `SELECTION_MARGIN` characters of the view are
made, and made again when scrolling leaves that window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from dubao.gui import reader_format

if TYPE_CHECKING:
    from dubao.core.models import Annotation

MARK_COLOR = QColor(255, 193, 7, 110)  # entity / search mentions: amber wash plus an underline
MARK_UNDERLINE = QColor("#e65100")
MAX_SELECTIONS = 300  # highlights and marks made at once; beyond, only those near the view
SELECTION_MARGIN = 20_000  # characters either side of the view


class ReaderHighlights:
    def set_annotations(self, annotations: Iterable[Annotation]) -> None:
        self._annotations = [a for a in annotations if not a.deleted and a.status != "orphaned"]
        self._refresh_selections()

    def annotation_at(self, offset: int) -> Annotation | None:
        covering = [a for a in self._annotations if a.start <= offset < a.end]
        return min(covering, key=lambda a: a.end - a.start) if covering else None

    def mark_spans(self, spans: list[tuple[int, int]], scroll: bool = True) -> None:
        """Mark mentions (entity, search hit); scroll the first into view. An empty list clears."""
        self._marks = [(s, e) for s, e in spans if 0 <= s < e <= len(self._text)]
        self._refresh_selections()
        if scroll and self._marks:
            self.scroll_to(self._marks[0][0])

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_document(start))
        cursor.setPosition(self._map.to_document(end, end=True), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _refresh_selections(self) -> None:
        """Highlights and marks as ExtraSelections, for the text already in the document. Qt keeps every
        selection's cursor up to date and looks at each on every paint: past `MAX_SELECTIONS` (every hit of a
        common word in a huge article) only those within `SELECTION_MARGIN` characters of the view are made,
        and made again when scrolling leaves that window."""
        self._selections_cover = self._builder.built_until()
        limit = self._selections_cover
        low, high = 0, len(self._text)
        self._selection_window = None
        if len(self._annotations) + len(self._marks) > MAX_SELECTIONS:
            first, last = self.visible_offsets()
            low, high = max(0, first - SELECTION_MARGIN), last + SELECTION_MARGIN
            self._selection_window = (low, high, first, last)

        def wanted(start: int, end: int) -> bool:
            return end > low and start < high and self._map.to_document(end, end=True) <= limit

        selections = []
        for annotation in sorted(self._annotations, key=lambda a: a.start - a.end):  # short ones on top
            if not wanted(annotation.start, annotation.end):
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(reader_format.ANNOTATION_BACKGROUNDS.get(annotation.color, "#fff176")))
            if annotation.note:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor("#5f6368"))
            selections.append(self._selection(annotation.start, annotation.end, fmt))
        for start, end in self._marks:
            if not wanted(start, end):
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(MARK_COLOR)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(MARK_UNDERLINE)
            selections.append(self._selection(start, end, fmt))
        self.setExtraSelections(selections)

    def _has_selections_beyond(self) -> bool:
        """Whether a highlight or mark lies in text that arrived since the selections were made."""
        cover, built = self._selections_cover, self._builder.built_until()
        spans = [(a.start, a.end) for a in self._annotations] + self._marks
        return any(cover < self._map.to_document(end, end=True) <= built for _start, end in spans)

    def first_visible_offset(self) -> int:
        """The code point nearest the top-left corner of the view (0 without text)."""
        return self.visible_offsets()[0] if self._text else 0

    def visible_offsets(self) -> tuple[int, int]:
        """Code points at the top-left and bottom-right of the view (nearest characters)."""
        layout = self.document().documentLayout()
        top = layout.hitTest(self._scroll(), Qt.HitTestAccuracy.FuzzyHit)
        bottom = layout.hitTest(self._scroll() + QPointF(self.viewport().width(), self.viewport().height()),
                                Qt.HitTestAccuracy.FuzzyHit)
        return self._map.to_codepoint(max(0, top)), self._map.to_codepoint(max(0, bottom))

    def _on_scrolled(self) -> None:
        if self._selection_window is not None:
            low, high, first, last = self._selection_window
            now_first, now_last = self.visible_offsets()
            # made again only when the view has moved half a margin: not on every scroll step
            if now_first < low + SELECTION_MARGIN // 2 or now_last > high - SELECTION_MARGIN // 2:
                self._refresh_selections()
