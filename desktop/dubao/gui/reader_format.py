"""How each kind of article block looks in the reader (newspaper typography). Kept apart from reader.py
so the widget stays about behaviour.

Every format here changes appearance only: the document's characters are exactly the article text
(one QTextBlock per line of `Article.text`), so code-point offsets map onto document positions through
`Utf16Map` and nothing else.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QTextBlockFormat, QTextCharFormat, QTextFormat
from PySide6.QtCore import Qt

# the reader's display-only punctuation (same length as the text): one implementation, in the core

# The CJK face first; DejaVu Sans draws the tone-marked vowels (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ) when a CJK face lacks them.
SERIF_FAMILIES = ["Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "DejaVu Serif", "DejaVu Sans"]
SANS_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "DejaVu Sans"]

ACCENT = "#b3261e"  # newspaper red: kickers and column tags
ANNOTATION_BACKGROUNDS = {
    "yellow": "#fff176",
    "green": "#b9f6ca",
    "blue": "#b3e5fc",
    "pink": "#f8bbd0",
    "purple": "#e1bee7",
}


@dataclass(frozen=True)
class BlockStyle:
    size: float = 1.0  # relative to the reader font size
    bold: bool = False
    quiet: bool = False  # greyed: bylines, captions, credits
    accent: bool = False
    align: str = "left"
    indent: bool = False  # paragraphs: first-line indent of two characters, as printed
    space_before: float = 0.0  # in units of the font size
    space_after: float = 0.6
    sans: bool = False


STYLES = {
    "kicker": BlockStyle(size=0.95, accent=True, align="center", space_after=0.3, sans=True),
    "headline": BlockStyle(size=1.9, bold=True, align="center", space_after=0.4),
    "subheadline": BlockStyle(size=1.2, align="center", space_after=0.6),
    "column": BlockStyle(size=0.85, accent=True, bold=True, space_after=0.4, sans=True),
    "byline": BlockStyle(size=0.85, quiet=True, align="center", space_after=1.0, sans=True),
    "heading": BlockStyle(size=1.1, bold=True, space_before=0.6, space_after=0.5, sans=True),
    "paragraph": BlockStyle(indent=True),
    "caption": BlockStyle(size=0.85, quiet=True, space_before=0.2, space_after=0.2, sans=True),
    "credit": BlockStyle(size=0.8, quiet=True, align="right", space_after=0.8, sans=True),
}

_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignJustify,
          "center": Qt.AlignmentFlag.AlignHCenter, "right": Qt.AlignmentFlag.AlignRight}


def block_formats(kind: str, base: QFont, palette: QPalette, line_height: int) -> tuple[QTextBlockFormat, QTextCharFormat]:
    """(block format, character format) for a block of `kind` in a reader using font `base`."""
    style = STYLES.get(kind, STYLES["paragraph"])
    point_size = base.pointSizeF() if base.pointSizeF() > 0 else 15.0
    size = point_size * style.size

    block = QTextBlockFormat()
    block.setAlignment(_ALIGN[style.align])
    block.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    pixels = size * 96 / 72
    block.setTopMargin(style.space_before * pixels)
    block.setBottomMargin(style.space_after * pixels)
    if style.indent:
        block.setTextIndent(2 * pixels)
    block.setProperty(QTextFormat.Property.UserProperty, kind)

    char = QTextCharFormat()
    families = SANS_FAMILIES if style.sans else [base.family(), *SERIF_FAMILIES]
    char.setFontFamilies(families)
    char.setFontPointSize(size)
    char.setFontWeight(QFont.Weight.Bold if style.bold else QFont.Weight.Normal)
    if style.accent:
        char.setForeground(QColor(ACCENT))
    elif style.quiet:
        char.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
    else:
        char.setForeground(palette.color(QPalette.ColorRole.Text))
    return block, char


def plain_tooltip(text: str) -> str:
    """Tool tips guess whether text is markup; article text such as "<b>" must show as typed, line breaks kept."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


# a character's display form depends on its neighbours and on the 40 characters before it (a ")" closing a "（")
FULLWIDTH_CONTEXT = 42


def fullwidth_slice(text: str, start: int, end: int) -> str:
    """`fullwidth_punctuation(text)[start:end]`, computed from that part and its context only (the reader
    converts a huge article a slice at a time)."""
    low = max(0, start - FULLWIDTH_CONTEXT)
    return fullwidth_punctuation(text[low:end + 1])[start - low:end - low]


def fullwidth_punctuation(text: str) -> str:
    """The text with half-width punctuation shown full-width (display only: same length, same offsets)."""
    from dubao.core.ingest.decode import fullwidth_display  # at use: not needed for the window's first paint

    return fullwidth_display(text)
