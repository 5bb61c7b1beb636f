"""The pinyin popup: rest the pointer on a Chinese word and see its reading in context (tone-coloured),
every CC-CEDICT entry, its HSK level, and the entity or formulation it belongs to.

`HoverController` listens to the reader's `hovered(offset)` / `hover_left()` and fills one `HoverPopup`
in place — no hide/show while the pointer moves along a line, so there is no flicker. Everything it shows
comes from the article's `Analysis` (already computed off the GUI thread) and dictionary lookups, which
keeps pointer-to-popup well inside one frame. All text is HTML-escaped: the popup never renders markup
from an article or the dictionary.

The popup can be pinned (its Pin button, or P): it then stays on its word while the pointer moves
elsewhere — to read a long entry, or to copy from the reader — and only the keyboard moves it (Alt+→ /
Alt+← word by word); Esc closes it and unpins.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from dubao.core.text import is_han

if TYPE_CHECKING:  # imported at use: the window paints before the language layer is loaded
    from dubao.core.analysis import Analysis
    from dubao.core.models import DictEntry, Entity, Token

KIND_LABELS = {"person": "Person", "place": "Place", "organization": "Organisation", "date": "Date",
               "formulation": "Formulation"}
HIDE_DELAY_MS = 250  # time to move the pointer from the word into the popup (to press its button)


@dataclass(frozen=True)
class HoverInfo:
    """What the popup shows for one word; built without widgets, so it is testable and fast."""

    token: Token
    offset: int  # the character under the pointer
    entries: tuple[DictEntry, ...]
    entries_for: str  # the headword the entries are for (the token, or the dictionary word around the pointer)
    hsk: int | None
    entities: tuple[tuple[Entity, str], ...]  # (entity, mention text)
    sentence: str


def hover_info(analysis: Analysis, offset: int, dictionary) -> HoverInfo | None:
    """The word at `offset` and what is known about it; None over punctuation, Latin text or space."""
    from dubao.core.analysis import sentence_around

    if not 0 <= offset < len(analysis.text) or not is_han(analysis.text[offset]):
        return None
    token = analysis.token_at(offset)
    if token is None:
        return None
    found = analysis.entities_at(offset)
    token = _name_token(analysis, token, found)
    entries = tuple(dictionary.lookup(token.text)) if dictionary else ()
    headword = token.text
    if not entries and dictionary:
        # names and long compounds jieba keeps whole: explain the dictionary word under the pointer instead
        match = dictionary.longest_match(analysis.text, offset, covering=True)
        if match:
            headword, entries = analysis.text[match[0]:match[1]], tuple(match[2])
    hsk = dictionary.hsk_level(token.text) if dictionary else None
    entities = tuple((entity, mention.text) for entity, mention in found)
    sentence = sentence_around(analysis.text, token.start, token.end)
    return HoverInfo(token, offset, entries, headword, hsk, entities, sentence)


def _name_token(analysis: Analysis, token: Token, found) -> Token:
    """jieba often cuts a person's name (孙 | 大军): when a person mention covers the word, the popup is for
    the whole name, its reading joined from the words it is made of."""
    from dubao.core.models import Token

    for entity, mention in found:
        if entity.kind != "person" or (mention.start, mention.end) == (token.start, token.end):
            continue
        parts = []
        offset = mention.start
        while offset < mention.end:
            part = analysis.token_at(offset)
            if part is None or part.start < mention.start or part.end > mention.end:
                return token  # the name does not fall on word edges: keep jieba's word
            parts.append(part)
            offset = part.end
        return Token(mention.text, mention.start, mention.end, " ".join(p.pinyin for p in parts if p.pinyin),
                     tuple(n for p in parts for n in p.numbers))
    return token


def tone_number(syllable_with_number: str) -> int:
    digit = syllable_with_number[-1:] if syllable_with_number else ""
    return int(digit) if digit in "1234" and digit else 5


def coloured_reading(token: Token, palette: tuple[str, ...] | None) -> tuple[str, str]:
    """(word HTML, reading HTML): each Han character and its syllable in its tone's colour."""
    syllables = token.pinyin.split()
    han_numbers = [n for ch, n in zip(token.text, token.numbers) if is_han(ch)]
    word_parts, reading_parts, index = [], [], 0
    for char in token.text:
        if is_han(char) and index < len(syllables):
            tone = tone_number(han_numbers[index]) if index < len(han_numbers) else 5
            colour = palette[tone - 1] if palette else None
            style = f' style="color:{colour}"' if colour else ""
            word_parts.append(f"<span{style}>{html.escape(char)}</span>")
            reading_parts.append(f"<span{style}>{html.escape(syllables[index])}</span>")
            index += 1
        else:
            word_parts.append(html.escape(char))
    return "".join(word_parts), " ".join(reading_parts) or html.escape(token.pinyin)


def popup_html(info: HoverInfo, palette: tuple[str, ...] | None) -> str:
    word, reading = coloured_reading(info.token, palette)
    parts = [f'<div style="font-size:22pt">{word}</div>',
             f'<div style="font-size:13pt; font-family:\'DejaVu Sans\'">{reading}']
    if info.token.spoken and info.token.spoken != info.token.pinyin:
        parts.append(f' <span style="color:#777">(spoken {html.escape(info.token.spoken)})</span>')
    if info.hsk:
        level = "7–9" if info.hsk >= 7 else str(info.hsk)
        parts.append(f' &nbsp;<span style="background:#e8eaed; color:#333">&nbsp;HSK {level}&nbsp;</span>')
    parts.append("</div>")
    for entity, mention in info.entities:
        parts.append(_entity_html(entity, mention))
    if info.entries:
        if info.entries_for != info.token.text:
            parts.append(f'<div style="color:#777; margin-top:4px">{html.escape(info.entries_for)}:</div>')
        parts.append('<ol style="margin-left:0; -qt-list-indent:1">')
        for entry in info.entries:
            parts.append(_entry_html(entry))
        parts.append("</ol>")
    else:
        parts.append('<div style="color:#777; margin-top:4px">Not in CC-CEDICT.</div>')
    return "".join(parts)


def _entry_html(entry: DictEntry) -> str:
    traditional = f"{html.escape(entry.traditional)} " if entry.traditional != entry.simplified else ""
    definitions = "; ".join(html.escape(d) for d in entry.definitions)
    measure = f' <span style="color:#777">MW {html.escape(", ".join(entry.measure_words))}</span>' if entry.measure_words else ""
    return (f'<li style="margin-top:3px">{traditional}<span style="font-family:\'DejaVu Sans\'; color:#555">'
            f"[{html.escape(entry.pinyin)}]</span> {definitions}{measure}</li>")


def _entity_html(entity: Entity, mention: str) -> str:
    label = KIND_LABELS.get(entity.kind, entity.kind)
    details = []
    if entity.titles:
        details.append(html.escape("、".join(entity.titles)))
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
    """Connects a reader to a popup. `save_requested(HoverInfo)` asks the window to save the word."""

    save_requested = Signal(object)
    shown = Signal(object)  # HoverInfo, after the popup is up to date (tests and the latency benchmark)

    def __init__(self, reader, dictionary_provider, palette_provider, parent=None):
        super().__init__(parent)
        self.reader = reader
        self._popup: HoverPopup | None = None  # made on first use: not needed for the window's first paint
        self._dictionary = dictionary_provider  # () -> Dictionary | None (None until loaded)
        self._palette = palette_provider  # () -> tone palette or None when tone colours are off
        self.current: HoverInfo | None = None
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
        if self.current is None or (self.current.token, self.current.entries_for) != (info.token, info.entries_for):
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

    def _place(self, info: HoverInfo) -> None:
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
