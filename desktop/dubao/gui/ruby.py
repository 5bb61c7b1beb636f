"""Pinyin above the characters (ruby), painted over the reader.

Why an overlay and not inline objects: the reader's document stays exactly as in hover mode — same text, same
offsets (𠮷 included), same hit testing, selection and highlight ExtraSelections — and only the line height is
raised to make room above each line. Each paint draws the syllables of the *visible* characters only (found by
bisecting on `reader.char_rect`), so the cost does not grow with the article's length.

Three parts:
- `ruby_syllables(tokens, mode, ...)`: which character gets which syllable, by pinyin mode
  ("hover" none, "above" every Han character, "unknown" only words the learner has not mastered);
- `RubyOverlay`: draws them above their characters — centred, pushed apart where long syllables meet,
  condensed only when there is no room — for the visible part of the page;
- `RubyController`: keeps it in step with the reader and settings (taller lines and letter-spaced text in the
  ruby modes, syllables recomputed when the article, mode, level or known words change, character boxes
  cached in document coordinates so scrolling costs a subtraction per syllable).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextCharFormat, QTextCursor

from dubao.core.language.learner_stats import unknown_parts

# ruby line height = the reader's own line spacing + this much of the font's height for the syllables
RUBY_EXTRA_PERCENT = 45
# characters are spaced out in ruby mode (letter spacing, a display property: offsets and hit tests unchanged)
# so that most syllables fit over their character, as printed ruby texts and Du Chinese do
RUBY_LETTER_SPACING = 125  # percent
PINYIN_SCALE = 0.34  # syllable pixel size relative to the height of its character's line
# CJK faces put the top of an ideograph this far below the top of its line (a share of the line height):
# syllables sit just above the glyph, not above the line's empty ascent
GLYPH_TOP = 0.16
# families that draw every tone mark (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ); WenQuanYi Micro Hei has blank glyphs for them
PINYIN_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans"]
SYLLABLE_GAP = 2.0  # pixels kept between neighbouring syllables
# an analysis with more words (a huge article) gets syllables only near the view, made again when it moves on
RUBY_ALL_TOKENS = 20_000
RUBY_MARGIN = 10_000  # characters either side of the view


@dataclass(frozen=True, slots=True)
class RubySyllable:
    offset: int  # code point of the character in the article text
    syllable: str  # with tone marks: "zhǎng"
    tone: int  # 1..4, 5 = neutral


def token_syllables(token) -> list[RubySyllable]:
    """One RubySyllable per Han character of a Token that has a reading (the core's `character_readings`)."""
    from dubao.core.language.word_info import character_readings  # the glossary's package: not at start-up

    return [RubySyllable(item.offset, item.syllable, item.tone) for item in character_readings(token)]


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
        syllables = token_syllables(token)
        if mode == "unknown":  # only over the parts still to learn (集中 of 集中学习, never 学习)
            parts = unknown_parts(token.text, hsk_level, known, hsk_of or (lambda _w: None))
            syllables = [s for s in syllables if any(a <= s.offset - token.start < b for a, b in parts)]
        result.extend(syllables)
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
        # one pinyin font per line height: headline syllables are larger than body-text syllables
        self._fonts: dict[int, tuple[QFont, QFontMetricsF, dict[str, float]]] = {}

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

    def _font_for(self, line_height: float) -> tuple[QFont, QFontMetricsF, dict[str, float]]:
        key = round(line_height)
        entry = self._fonts.get(key)
        if entry is None:
            font = QFont()
            font.setFamilies(PINYIN_FAMILIES)
            font.setPixelSize(max(8, round(line_height * PINYIN_SCALE)))
            entry = self._fonts[key] = (font, QFontMetricsF(font), {})
        return entry

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
        while low < high:  # first character below the viewport (or not laid out yet: Qt lays out lazily)
            middle = (low + high) // 2
            rect = rect_of(offsets[middle])
            # a character just below the bottom edge still shows its syllable, which sits above it
            if not rect.isNull() and rect.top() <= viewport_height + rect.height():
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
        current_tone = current_height = line_baseline = None
        metrics = widths = None
        previous_right = -1e9
        drawn = 0
        for index in visible:
            item = self._syllables[index]
            rect = self._char_rect(item.offset)
            if rect.isNull() or rect.width() <= 0:
                continue
            if rect.height() != current_height:
                current_height = rect.height()
                font, metrics, widths = self._font_for(current_height)
                painter.setFont(font)
            if item.tone != current_tone:
                painter.setPen(self.color_for(item.tone))
                current_tone = item.tone
            width = widths.get(item.syllable)
            if width is None:
                width = widths[item.syllable] = metrics.horizontalAdvance(item.syllable)
            baseline = rect.top() + current_height * GLYPH_TOP - metrics.descent()
            centre = rect.center().x()
            if baseline != line_baseline:  # a new line: nothing to its left yet
                line_baseline, previous_right = baseline, -1e9
            # centred over the character, pushed right past the previous syllable, and never reaching more
            # than a quarter into the next character: beyond that the syllable is condensed
            left = max(centre - width / 2, previous_right + SYLLABLE_GAP)
            limit = centre + rect.width() * 0.75
            if left + width <= limit:
                painter.drawText(QPointF(left, baseline), item.syllable)
                previous_right = left + width
            else:
                room = max(limit - left, rect.width() * 0.6)
                painter.save()
                painter.translate(left, baseline)
                painter.scale(room / width, 1.0)
                painter.drawText(QPointF(0, 0), item.syllable)
                painter.restore()
                previous_right = left + room
            drawn += 1
        painter.restore()
        return drawn

    def __call__(self, painter: QPainter, reader) -> None:
        self.paint(painter, reader.viewport().height())


class RubyController:
    """Keeps the reader's ruby layer in step with the pinyin mode, the article and the learner.

    Syllables are recomputed lazily at paint time when the reader's analysis, the mode, the HSK level or the
    known words changed (an identity check per paint otherwise), so it needs no hook into article switching.
    """

    def __init__(self, reader, settings, known_words: Callable[[], set[str]]):
        self.reader = reader
        self.settings = settings
        self._known_words = known_words
        self.overlay = RubyOverlay(self._char_rect)
        # character boxes in document coordinates, kept while the layout stays (same document, same width):
        # scrolling then costs a subtraction per syllable instead of a layout query
        self._rects: dict[int, QRectF] = {}
        self._rects_key: tuple | None = None
        self._scroll = QPointF()
        self._key: tuple | None = None  # what the current syllables were computed for
        self._known_version = 0
        reader.add_paint_overlay(self._paint)
        # the reader builds a new document on every article and restyle; setting it emits textChanged
        self._spacing = False
        reader.textChanged.connect(self._space_document)

    def mode(self) -> str:
        return self.settings.pinyin_mode

    def known_words_changed(self) -> None:
        self._known_version += 1
        self.reader.viewport().update()

    def apply_settings(self, rebuild: bool = False) -> None:
        """After any settings change: line height for the mode, colours, repaint. The window has just restyled
        the reader with the plain line spacing; ruby modes raise it (one more relayout), hover mode needs
        nothing more unless `rebuild` asks for a fresh document anyway (a new theme's colours)."""
        ruby = self.mode() in ("above", "unknown")
        if ruby or rebuild:
            self.reader.set_line_height_percent(ruby_line_height(self.settings.line_spacing) if ruby
                                                else self.settings.line_spacing)
        else:
            self._space_document()
        palette = tuple(self.settings.tone_palette) if self.settings.tone_colors else None
        self.overlay.set_colors(palette, self.reader.palette().color(self.reader.foregroundRole()).lighter(160))
        self.reader.viewport().update()

    def _space_document(self) -> None:
        if self._spacing:  # our own format change below emits textChanged again
            return
        document = self.reader.document()
        font = document.defaultFont()
        ruby = self.mode() in ("above", "unknown")
        spacing = RUBY_LETTER_SPACING if ruby else 100
        if round(font.letterSpacing()) == spacing and font.letterSpacingType() == QFont.SpacingType.PercentageSpacing:
            return
        self._spacing = True
        try:
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
            document.setDefaultFont(font)
            if ruby:
                _unspace_large_blocks(document)
        finally:
            self._spacing = False

    def current_syllables(self) -> list[RubySyllable]:
        """The syllables for the reader's article in the current mode (computed if out of date)."""
        analysis = self.reader.analysis
        mode = self.mode()
        if analysis is None or mode == "hover" or analysis.text != self.reader.text():
            return []
        tokens, window = analysis.tokens, None
        if len(tokens) > RUBY_ALL_TOKENS:
            first, last = self.reader.visible_offsets()
            window = self._key[-1] if self._key is not None else None
            if window is None or not (window[0] <= first and last <= window[1]):
                window = (max(0, first - RUBY_MARGIN), last + RUBY_MARGIN)
            low = bisect.bisect_left(tokens, window[0], key=lambda token: token.start)
            tokens = tokens[low:bisect.bisect_left(tokens, window[1], lo=low, key=lambda token: token.start)]
        key = (id(analysis), mode, self.settings.hsk_level, self._known_version, window)
        if key != self._key:
            known: set[str] = set()
            hsk_of = None
            if mode == "unknown":
                from dubao.core.language.dictionary import get_dictionary  # loaded by the analysis already

                known = self._known_words()
                hsk_of = get_dictionary().hsk_level
            self.overlay.set_syllables(ruby_syllables(tokens, mode, self.settings.hsk_level, known, hsk_of))
            self._key = key
        return self.overlay.syllables()

    def _char_rect(self, offset: int) -> QRectF:
        rect = self._rects.get(offset)
        if rect is None:
            rect = self.reader.char_rect(offset)
            if rect.isNull():
                return rect  # not laid out yet: ask again next time
            rect = self._rects[offset] = rect.translated(self._scroll)
        return rect.translated(-self._scroll)

    def _paint(self, painter: QPainter, reader) -> None:
        if not self.current_syllables():
            return
        document = reader.document()
        key = (id(document), document.pageSize().width(), document.revision())
        if key != self._rects_key:
            self._rects.clear()
            self._rects_key = key
        self._scroll = QPointF(reader.horizontalScrollBar().value(), reader.verticalScrollBar().value())
        self.overlay(painter, reader)


def _unspace_large_blocks(document) -> None:
    """Headlines keep their natural spacing: their syllables are large enough, and spaced out they would wrap."""
    sizes: dict[float, int] = {}
    block = document.begin()
    while block.isValid():
        size = block.charFormat().fontPointSize()
        sizes[size] = sizes.get(size, 0) + block.length()
        block = block.next()
    body = max(sizes, key=sizes.get) if sizes else 0.0
    plain = QTextCharFormat()
    plain.setFontLetterSpacingType(QFont.SpacingType.PercentageSpacing)
    plain.setFontLetterSpacing(100)
    block = document.begin()
    while block.isValid():
        if body and block.charFormat().fontPointSize() >= body * 1.5:
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(plain)
        block = block.next()
