"""Pinyin above the characters (ruby), painted over the reader.

Why an overlay and not inline objects: the reader's document stays exactly as in hover mode — same text, same
offsets (𠮷 included), same hit testing, selection and highlight ExtraSelections — and only the line height is
raised to make room above each line. Each paint draws the syllables of the *visible* characters only (found by
bisecting on `reader.char_rect`), so the cost does not grow with the article's length.

Two parts:
- `ruby_syllables(tokens, mode, ...)`: which character gets which syllable, by pinyin mode
  ("hover" none, "above" every Han character, "unknown" only words the learner has not mastered);
- `RubyOverlay`: the painter the reader calls after drawing its text (`reader.add_paint_overlay`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from dubao.core.reading_stats import is_above_level, is_han

# ruby line height = the reader's own line spacing + this much of the font's height for the syllables
RUBY_EXTRA_PERCENT = 75
PINYIN_SCALE = 0.5  # syllable font size relative to the reader's font
# families that draw every tone mark (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ); WenQuanYi Micro Hei has blank glyphs for them
PINYIN_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans"]
NEUTRAL_TONE = 5


@dataclass(frozen=True, slots=True)
class RubySyllable:
    offset: int  # code point of the character in the article text
    syllable: str  # with tone marks: "zhǎng"
    tone: int  # 1..4, 5 = neutral


def _tone_of(number_syllable: str) -> int:
    last = number_syllable[-1:] if number_syllable else ""
    return int(last) if last in ("1", "2", "3", "4") else NEUTRAL_TONE


def _marked(number_syllable: str) -> str:
    from pypinyin.contrib.tone_convert import tone3_to_tone

    return tone3_to_tone(number_syllable.replace("u:", "v"))


def token_syllables(token) -> list[RubySyllable]:
    """One RubySyllable per Han character of a Token (`numbers` has one entry per character)."""
    text = token.text
    marks = token.pinyin.split()
    han_positions = [i for i, ch in enumerate(text) if is_han(ch)]
    if not han_positions:
        return []
    numbers = token.numbers if len(token.numbers) == len(text) else (None,) * len(text)
    # the tone-marked reading lists syllables of Han characters only (or of every character)
    if len(marks) == len(text):
        marks_by_position = dict(enumerate(marks))
    elif len(marks) == len(han_positions):
        marks_by_position = dict(zip(han_positions, marks))
    else:
        marks_by_position = {}
    result = []
    for position in han_positions:
        number = numbers[position]
        if number is None or number == text[position]:
            continue  # no reading known for this character
        mark = marks_by_position.get(position) or _marked(number)
        result.append(RubySyllable(token.start + position, mark, _tone_of(number)))
    return result


def ruby_syllables(
    tokens: Iterable,
    mode: str,
    hsk_level: int = 4,
    known: frozenset[str] | set[str] = frozenset(),
    hsk_of: Callable[[str], int | None] | None = None,
) -> list[RubySyllable]:
    """Syllables to draw for a pinyin mode, ordered by offset."""
    if mode not in ("above", "unknown"):
        return []
    result: list[RubySyllable] = []
    for token in tokens:
        if mode == "unknown" and not is_above_level(token.text, hsk_level, known, hsk_of or (lambda _w: None)):
            continue
        result.extend(token_syllables(token))
    result.sort(key=lambda item: item.offset)
    return result


def ruby_line_height(line_spacing_percent: int) -> int:
    return line_spacing_percent + RUBY_EXTRA_PERCENT


class RubyOverlay:
    """Draws syllables above characters; install with `reader.add_paint_overlay(overlay)`.

    `char_rect(offset) -> QRectF` (viewport coordinates) is the only thing it needs from the reader."""

    def __init__(self, char_rect: Callable[[int], QRectF]):
        self._char_rect = char_rect
        self._syllables: list[RubySyllable] = []
        self._offsets: list[int] = []
        self._palette: tuple[str, ...] | None = None
        self._default_color = QColor("#666666")
        self._font = QFont()
        self._font.setFamilies(PINYIN_FAMILIES)
        self._metrics = QFontMetricsF(self._font)
        self._widths: dict[str, float] = {}

    # ---- configuration ----------------------------------------------------------------------

    def set_syllables(self, syllables: list[RubySyllable]) -> None:
        self._syllables = syllables
        self._offsets = [item.offset for item in syllables]

    def syllables(self) -> list[RubySyllable]:
        return self._syllables

    def set_colors(self, palette: tuple[str, ...] | None, default_color: QColor | None = None) -> None:
        """`palette`: five colours for tones 1–4 and neutral; None draws every syllable in `default_color`."""
        self._palette = tuple(palette) if palette else None
        if default_color is not None:
            self._default_color = QColor(default_color)

    def set_reader_font(self, reader_font: QFont) -> None:
        size = reader_font.pointSizeF()
        if size <= 0:  # font given in pixels
            self._font.setPixelSize(max(7, round(reader_font.pixelSize() * PINYIN_SCALE)))
        else:
            self._font.setPointSizeF(max(6.0, size * PINYIN_SCALE))
        self._metrics = QFontMetricsF(self._font)
        self._widths.clear()

    def color_for(self, tone: int) -> QColor:
        if not self._palette:
            return self._default_color
        index = tone - 1 if 1 <= tone <= 4 else 4
        return QColor(self._palette[index])

    # ---- painting --------------------------------------------------------------------------------

    def visible_range(self, viewport_height: float) -> range:
        """Indices into the syllable list whose characters lie in [0, viewport_height)."""
        offsets = self._offsets
        if not offsets:
            return range(0)
        rect_of = self._char_rect
        low, high = 0, len(offsets)
        while low < high:  # first character whose bottom is inside the viewport
            middle = (low + high) // 2
            if rect_of(offsets[middle]).bottom() < 0:
                low = middle + 1
            else:
                high = middle
        first = low
        high = len(offsets)
        while low < high:  # first character whose top is below the viewport
            middle = (low + high) // 2
            if rect_of(offsets[middle]).top() <= viewport_height:
                low = middle + 1
            else:
                high = middle
        return range(first, low)

    def paint(self, painter: QPainter, viewport_height: float) -> int:
        """Draw the visible syllables; returns how many were drawn."""
        visible = self.visible_range(viewport_height)
        if not visible:
            return 0
        painter.save()
        painter.setFont(self._font)
        descent = self._metrics.descent()
        current_tone = None
        drawn = 0
        for index in visible:
            item = self._syllables[index]
            rect = self._char_rect(item.offset)
            if rect.isNull() or rect.width() <= 0:
                continue
            if item.tone != current_tone:
                painter.setPen(self.color_for(item.tone))
                current_tone = item.tone
            width = self._widths.get(item.syllable)
            if width is None:
                width = self._widths[item.syllable] = self._metrics.horizontalAdvance(item.syllable)
            baseline = rect.top() - descent - 1
            room = rect.width() * 1.08  # a syllable may reach slightly into the gap between characters
            if width <= room:
                painter.drawText(QPointF(rect.center().x() - width / 2, baseline), item.syllable)
            else:
                # long syllables (zhuàng) are condensed to the character's width rather than overlapping
                painter.save()
                painter.translate(rect.center().x() - room / 2, baseline)
                painter.scale(room / width, 1.0)
                painter.drawText(QPointF(0, 0), item.syllable)
                painter.restore()
            drawn += 1
        painter.restore()
        return drawn

    def __call__(self, painter: QPainter, reader) -> None:
        self.paint(painter, reader.viewport().height())
