"""The pinyin popup: rest the pointer on a Chinese word and see its reading in context (tone-coloured),
every CC-CEDICT entry, its HSK level, the parts of a compound CC-CEDICT lacks (each with its reading and
first meaning), the glossary formulation it is (English rendering, parts, explanation, origin) and the
entity it names (a person with the titles this issue prints).

`HoverController` listens to the reader's `hovered(offset)` / `hover_left()` and fills one `HoverPopup`
in place — no hide/show while the pointer moves along a line, so there is no flicker. Everything it shows
comes from the core's one answer to "what is this word, here" (`dubao.core.language.word_info`), over the
article's `Analysis` (already computed off the GUI thread) and dictionary lookups, which
keeps pointer-to-popup well inside one frame. All text is HTML-escaped: the popup never renders markup
from an article or the dictionary.

The popup can be pinned (its Pin button, or P): it then stays on its word while the pointer moves
elsewhere — to read a long entry, or to copy from the reader — and only the keyboard moves it (Alt+→ /
Alt+← word by word); Esc closes it and unpins.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

if TYPE_CHECKING:  # imported at use: the window paints before the language layer is loaded
    from dubao.core.analysis import Analysis
    from dubao.core.entities.glossary import Formulation
    from dubao.core.language.word_info import WordInfo
    from dubao.core.models import DictEntry, Entity, Token

KIND_LABELS = {"person": "Person", "place": "Place", "organization": "Organisation", "date": "Date",
               "formulation": "Formulation"}
HIDE_DELAY_MS = 250  # time to move the pointer from the word into the popup (to press its button)


def hover_info(analysis: Analysis, offset: int, dictionary) -> WordInfo | None:
    """The word at `offset` and what is known about it (the core's one answer); None over punctuation."""
    from dubao.core.language.word_info import word_info_at

    return word_info_at(analysis, offset, dictionary)


def coloured_reading(token: Token, palette: tuple[str, ...] | None) -> tuple[str, str]:
    """(word HTML, reading HTML): each Han character and its syllable in its tone's colour."""
    from dubao.core.language.word_info import character_readings

    readings = {reading.offset - token.start: reading for reading in character_readings(token)}
    word_parts, reading_parts = [], []
    for position, char in enumerate(token.text):
        reading = readings.get(position)
        if reading is None:
            word_parts.append(html.escape(char))
            continue
        colour = palette[reading.tone - 1] if palette else None
        style = f' style="color:{colour}"' if colour else ""
        word_parts.append(f"<span{style}>{html.escape(char)}</span>")
        reading_parts.append(f"<span{style}>{html.escape(reading.syllable)}</span>")
    return "".join(word_parts), " ".join(reading_parts) or html.escape(token.pinyin)


_GREY = 'style="color:#777"'


def popup_html(info: WordInfo, palette: tuple[str, ...] | None) -> str:
    from dubao.core.language.dictionary import hsk_label

    word, reading = coloured_reading(info.token, palette)
    parts = [f'<div style="font-size:22pt">{word}</div>',
             f'<div style="font-size:13pt; font-family:\'DejaVu Sans\'">{reading}']
    if info.token.spoken and info.token.spoken != info.token.pinyin:
        parts.append(f' <span {_GREY}>(spoken {html.escape(info.token.spoken)})</span>')
    if info.hsk:
        parts.append(f' &nbsp;<span style="background:#e8eaed; color:#333">&nbsp;HSK {hsk_label(info.hsk)}&nbsp;</span>')
    parts.append("</div>")
    if info.formulation is not None:
        parts.append(_formulation_html(info.formulation, info.word))
    for entity, mention in info.entities:
        if entity.kind == "formulation" and info.formulation is not None:
            continue  # the glossary entry above says more
        parts.append(_entity_html(entity, mention))
    if info.entries:
        parts.append('<ol style="margin-left:0; -qt-list-indent:1">')
        for entry in info.entries:
            parts.append(_entry_html(entry))
        parts.append("</ol>")
    elif info.components:
        parts.append(_components_html(info))
    else:
        parts.append(f'<div {_GREY} style="margin-top:4px">Not in CC-CEDICT.</div>')
    return "".join(parts)


def _components_html(info: WordInfo) -> str:
    """Each dictionary word the compound is made of, with its reading here and its first meaning."""
    rows = [f'<div {_GREY} style="margin-top:4px">Not in CC-CEDICT as one word; its parts:</div>',
            '<table style="margin-top:2px">']
    for part in info.components:
        meaning = html.escape(part.first_meaning) if part.entries else "<i>not in CC-CEDICT</i>"
        rows.append(f'<tr valign="middle"><td style="padding-right:6px">{html.escape(part.word)}</td>'
                    f'<td style="padding-right:6px; font-family:\'DejaVu Sans\'; color:#555">{html.escape(part.pinyin)}</td>'
                    f"<td>{meaning}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _formulation_html(entry: Formulation, printed: str) -> str:
    """A glossary formulation: English rendering, its parts, what it means, where it comes from."""
    name = entry.name if entry.name == printed else f"{printed} → {entry.name}"
    heading = f"Your note ({KIND_LABELS.get(entry.category, entry.category)})" if entry.is_note else "Formulation"
    lines = [f"<b>{heading}</b>: {html.escape(name)}"]
    if entry.english:
        lines.append(f"<i>{html.escape(entry.english)}</i>")
    if entry.expansion:
        items = "".join(f"<li>{html.escape(part)}</li>" for part in entry.expansion)
        lines.append(f'<ol style="margin:0; -qt-list-indent:1">{items}</ol>')
    if entry.explanation:
        lines.append(html.escape(entry.explanation))
    if entry.related:
        lines.append(f"<span {_GREY}>Related: {html.escape('、'.join(entry.related))}</span>")
    origin = "; ".join(html.escape(x) for x in (entry.source, entry.since) if x)
    if origin:
        lines.append(f"<span {_GREY}>Since: {origin}</span>")
    if entry.origin == "user" and not entry.is_note:
        lines.append(f"<span {_GREY}>(your glossary)</span>")
    return f'<div style="margin-top:6px; background:#eef4ff; padding:3px">{"<br>".join(lines)}</div>'


def _entry_html(entry: DictEntry) -> str:
    traditional = f"{html.escape(entry.traditional)} " if entry.traditional != entry.simplified else ""
    definitions = "; ".join(html.escape(d) for d in entry.definitions)
    measure = f' <span {_GREY}>MW {html.escape(", ".join(entry.measure_words))}</span>' if entry.measure_words else ""
    return (f'<li style="margin-top:3px">{traditional}<span style="font-family:\'DejaVu Sans\'; color:#555">'
            f"[{html.escape(entry.pinyin)}]</span> {definitions}{measure}</li>")


def _entity_html(entity: Entity, mention: str) -> str:
    label = KIND_LABELS.get(entity.kind, entity.kind)
    details = []
    if entity.titles:
        details.append("Titles in this issue: " + html.escape("、".join(entity.titles)))
    if entity.roles:
        details.append(html.escape("、".join(entity.role_labels)))
    if entity.value:
        details.append(html.escape(entity.value))
    if entity.expansion:
        details.append(html.escape("；".join(entity.expansion)))
    if entity.explanation:
        details.append(html.escape(entity.explanation))
    name = entity.name if entity.name == mention else f"{mention} → {entity.name}"
    body = "<br>".join(details)
    return (f'<div style="margin-top:6px; background:#fff4e5; padding:3px">'
            f'<b>{label}</b>: {html.escape(name)}{"<br>" + body if body else ""}</div>')


class HoverPopup(QFrame):
    """A frameless tool-tip window; it never takes focus away from the reader."""

    save_clicked = Signal()
    pin_clicked = Signal(bool)
    pointer_left = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("hoverPopup")
        self.setAccessibleName("Word details")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setMaximumWidth(380)
        self.label.setMinimumWidth(220)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton("☆ Save word  (S)", self)
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button.clicked.connect(self.save_clicked)
        row.addWidget(self.save_button)
        self.pin_button = QPushButton(self)
        self.pin_button.setCheckable(True)
        self.pin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_button.toggled.connect(self._show_pinned)
        self.pin_button.clicked.connect(self.pin_clicked)
        self._show_pinned(False)
        row.insertWidget(0, self.pin_button)
        layout.addLayout(row)
        self.pointer_inside = False

    def _show_pinned(self, pinned: bool) -> None:
        self.pin_button.setText("✓ Pinned" if pinned else "Pin  (P)")
        self.pin_button.setToolTip("Unpin: the popup follows the pointer again (P, or Esc to close)" if pinned
                                   else "Keep this popup open while the pointer moves; Alt+→ / Alt+← move it")
        if self.isVisible():
            self.adjustSize()

    def set_saved(self, saved: bool) -> None:
        self.save_button.setText("★ Saved" if saved else "☆ Save word  (S)")
        self.save_button.setEnabled(not saved)

    def enterEvent(self, event) -> None:
        self.pointer_inside = True
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        self.pointer_inside = False
        self.pointer_left.emit()
        super().leaveEvent(event)


class HoverController(QObject):
    """Connects a reader to a popup. `save_requested(WordInfo)` asks the window to save the word."""

    save_requested = Signal(object)
    shown = Signal(object)  # WordInfo, after the popup is up to date (tests and the latency benchmark)

    def __init__(self, reader, dictionary_provider, palette_provider, parent=None):
        super().__init__(parent)
        self.reader = reader
        self._popup: HoverPopup | None = None  # made on first use: not needed for the window's first paint
        self._dictionary = dictionary_provider  # () -> Dictionary | None (None until loaded)
        self._palette = palette_provider  # () -> tone palette or None when tone colours are off
        self.current: WordInfo | None = None
        self.saved_words: set[str] = set()
        self._hide_timer = QTimer(self, singleShot=True, interval=HIDE_DELAY_MS, timeout=self._hide_unless_inside)
        self.pinned = False
        reader.hovered.connect(self._on_hovered)
        reader.hover_left.connect(self._on_left)

    @property
    def popup(self) -> HoverPopup:
        if self._popup is None:
            window = self.reader.window()
            self._popup = HoverPopup(window if window is not self.reader else None)
            self._popup.save_clicked.connect(self.save_current)
            self._popup.pin_clicked.connect(self.set_pinned)
            self._popup.pointer_left.connect(self._on_left)
        return self._popup

    def set_pinned(self, pinned: bool) -> bool:
        """Pin (or unpin) the popup on its word; nothing to pin without a popup. Returns the new state."""
        was_pinned, self.pinned = self.pinned, bool(pinned) and self.current is not None
        self.popup.pin_button.setChecked(self.pinned)
        if was_pinned and not self.pinned and self.current is not None:
            self._hide_timer.start()  # unpinned: gone soon unless the pointer is on the popup or a word
        return self.pinned

    def toggle_pin(self) -> bool:
        return self.set_pinned(not self.pinned)

    def _on_hovered(self, offset: int) -> None:
        if not self.pinned:  # a pinned popup moves only by the keyboard
            self.show_at(offset)

    def show_at(self, offset: int) -> bool:
        """Show the popup for the word at `offset`; False when there is nothing to show."""
        analysis = self.reader.analysis
        if analysis is None or analysis.text != self.reader.text():
            return False
        info = hover_info(analysis, offset, self._dictionary())
        if info is None:
            self.hide()
            return False
        self._hide_timer.stop()
        if self.current is None or self.current.token != info.token:
            self.current = info
            self.popup.label.setText(popup_html(info, self._palette()))
            self.popup.set_saved(info.token.text in self.saved_words)
            self.popup.adjustSize()
            self.reader.set_hover_span((info.token.start, info.token.end))
            self._place(info)
            if not self.popup.isVisible():
                self.popup.show()
                self.popup.raise_()
        self.current = info
        self.shown.emit(info)
        return True

    def refresh(self) -> None:
        """Show the current word again (its glossary entry changed)."""
        if self.current is not None:
            offset, self.current = self.current.offset, None
            self.show_at(offset)

    def _place(self, info: WordInfo) -> None:
        """Just below the word, flipped above it when the screen ends, kept inside the screen sideways."""
        rect = self.reader.span_rect(info.token.start, info.token.end)
        viewport = self.reader.viewport()
        below = viewport.mapToGlobal(QPoint(int(rect.left()), int(rect.bottom()) + 4))
        above = viewport.mapToGlobal(QPoint(int(rect.left()), int(rect.top()) - 4))
        size = self.popup.size()  # adjustSize() just set it
        screen = QGuiApplication.screenAt(below) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        x, y = below.x(), below.y()
        if area is not None:
            if y + size.height() > area.bottom():
                y = above.y() - size.height()
            x = max(area.left(), min(x, area.right() - size.width()))
        self.popup.move(x, y)

    def hide(self) -> None:
        self.set_pinned(False)
        self._hide_timer.stop()
        self.current = None
        self.popup.hide()
        self.reader.set_hover_span(None)

    def _on_left(self) -> None:
        if self.pinned:
            return
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self.hide()  # a drag or a scroll: the word is no longer under the pointer
        else:
            self._hide_timer.start()

    def _hide_unless_inside(self) -> None:
        if not self.popup.pointer_inside:
            self.hide()

    def save_current(self) -> None:
        if self.current is not None:
            self.save_requested.emit(self.current)

    def mark_saved(self, word: str) -> None:
        self.saved_words.add(word)
        if self.current is not None and self.current.token.text == word:
            self.popup.set_saved(True)
