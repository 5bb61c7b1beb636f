"""Hard-wrapped text: a PDF's text layer often breaks every printed line, not just every paragraph.

When many lines share one width, the page is hard-wrapped at that width. A line that fills the width is
body text even when it is short and has no punctuation (it would otherwise look like a title), and the
line after it continues the same paragraph — unless the page marks paragraph starts with an indent and
that line has one, or it opens with a dateline.
"""

from __future__ import annotations

from collections import Counter

from dubao.core.split.patterns import is_terminated
from dubao.core.split.source_line import Line

_MIN_LINES = 6
_MIN_SHARE = 0.3  # share of lines within one character of the common width
_MAX_WIDTH = 45  # wider lines are whole paragraphs anyway
_TEXT_SHAPES = frozenset({"body", "title", "names", "banner"})


def wrap_width(lines: list[Line]) -> int | None:
    """The width the text is hard-wrapped at, or None when lines end only at paragraphs."""
    widths = Counter(line.indent + len(line.text) for line in lines if len(line.text) >= 6)
    if sum(widths.values()) < _MIN_LINES:
        return None
    width, _ = max(widths.items(), key=lambda item: (item[1], item[0]))
    near = widths[width - 1] + widths[width] + widths[width + 1]
    if width < 8 or width > _MAX_WIDTH or near < _MIN_LINES or near < _MIN_SHARE * len(lines):
        return None
    # nothing is printed wider than the column: many longer lines mean paragraphs are whole lines
    wider = sum(count for line_width, count in widths.items() if line_width > width + 2)
    if wider > 0.1 * len(lines):
        return None
    return width


def mark_wrapped(lines: list[Line]) -> None:
    width = wrap_width(lines)
    if width is None:
        return
    indented_paragraphs = sum(1 for line in lines if line.indent and line.shape == "body") >= 2
    for previous, line in zip(lines, lines[1:]):
        if previous.shape not in _TEXT_SHAPES or line.shape not in _TEXT_SHAPES or line.dateline is not None:
            continue
        ended = is_terminated(previous.text)
        previous_width = previous.indent + len(previous.text)
        line_width = line.indent + len(line.text)
        # the first line of a paragraph whose indent the PDF tool dropped is two characters short
        nearly_full = previous_width >= width - 2 and not ended and line_width >= width - 1
        if previous_width < width - 1 and not nearly_full:
            continue
        # with indented paragraph starts the indent decides; without, the sentence end does. A short
        # title-shaped line after a finished sentence is a heading either way.
        if ended and line.shape == "title" and line_width < width - 1:
            continue
        if (not line.indent) if indented_paragraphs else not ended:
            line.continues = True
            line.shape = "body"
            previous.shape = "body"
