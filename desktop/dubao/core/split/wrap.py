"""Hard-wrapped text: a PDF's text layer often breaks every printed line, not just every paragraph.

When many lines share one width, the page is hard-wrapped at that width. A line that fills the width is
body text even when it is short and has no punctuation (it would otherwise look like a title), and the
line after it continues the same paragraph — unless the page marks paragraph starts with an indent and
that line has one, or it opens with a dateline.

A PDF tool that reads the page column by column (pdftotext) leaves a blank line where one column's text
ends; the lines between blanks are one column's run. When blank lines are that rare, they mean something:
inside a run a line goes on with an unfinished sentence above it whatever its width (a narrow box's lines
are narrower than the page's common width), and the first line of a run goes on with the run above only
when it reads like the rest of a sentence (盗，请求查处。), never when it is a title (a headline that the
tool read into the column).
"""

from __future__ import annotations

import re
from collections import Counter

from dubao.core.split.patterns import CLAUSE_MARKS, HAN, PADDED_ALONE, is_terminated
from dubao.core.split.source_line import Line

_MIN_LINES = 6
_MIN_SHARE = 0.3  # share of lines within one character of the common width
_MAX_WIDTH = 45  # wider lines are whole paragraphs anyway
_TEXT_SHAPES = frozenset({"body", "title", "names", "banner"})
_UNDER_TITLE = frozenset({"subtitle", "byline", "dateline"})
_HEADLINE_GAP = re.compile(rf"[{HAN}] [{HAN}]")  # (a full-width space pads names and parts list items)
_MIN_RUNS = 3
_RUN_SHARE = 0.5  # blank lines mean column runs when fewer lines than this follow one


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


def column_runs(lines: list[Line]) -> bool:
    """Do blank lines mark where the tool's column runs end (rather than every paragraph, or nothing)?"""
    blanks = sum(1 for line in lines if line.blank_before)
    return blanks >= _MIN_RUNS and blanks < _RUN_SHARE * len(lines)


def mark_wrapped(lines: list[Line]) -> bool:
    """Mark the lines that go on with the line before; False when the text is not hard-wrapped."""
    width = wrap_width(lines)
    if width is None:
        return False
    indented_paragraphs = sum(1 for line in lines if line.indent and line.shape == "body") >= 2
    if column_runs(lines):
        _mark_runs(lines, indented_paragraphs)
    runs = column_runs(lines)
    for position, (previous, line) in enumerate(zip(lines, lines[1:]), start=1):
        if previous.shape not in _TEXT_SHAPES or line.shape not in _TEXT_SHAPES or line.dateline is not None:
            continue
        if previous.shape == "title" and _HEADLINE_GAP.search(previous.text):
            continue  # 聚焦高质量发展 打造内陆开放高地: a two-part headline, not a printed line of a paragraph
        following = lines[position + 1] if position + 1 < len(lines) else None
        if line.shape == "title" and following is not None and following.shape in _UNDER_TITLE:
            continue  # a title with its sub-title or byline under it
        if line.shape == "names" and PADDED_ALONE.match(line.text):
            continue  # 钟　声: a lone name padded to three characters signs the text; it never goes on a sentence
        if line.continues or (runs and line.blank_before and (line.shape == "title" or previous.shape != "body")):
            continue  # across a run's end only an unfinished paragraph goes on, and never into a title
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
    return True


def _mark_runs(lines: list[Line], indented_paragraphs: bool) -> None:
    """Inside a column run: a line goes on with the unfinished sentence above it, and a title-shaped line
    that the next line goes on from is a paragraph's first line when it has a comma (如今，城关派出所每个社区
    民警) or follows text in the same run."""
    for position, (previous, line) in enumerate(zip(lines, lines[1:]), start=1):
        if line.blank_before or line.dateline is not None or line.shape not in _TEXT_SHAPES:
            continue
        if indented_paragraphs and line.indent:
            continue  # the indent opens a paragraph
        goes_on = line.shape == "body" or (line.shape == "title" and bool(CLAUSE_MARKS.search(line.text)))
        if previous.shape == "title" and goes_on and not is_terminated(previous.text):
            before = lines[position - 2] if position >= 2 else None
            inside = not previous.blank_before and before is not None and before.shape == "body"
            if CLAUSE_MARKS.search(previous.text) or inside:
                previous.shape = "body"  # a paragraph's first line; a heading stands apart, after a blank
        if previous.shape == "body" and not is_terminated(previous.text):
            line.continues = True
            line.shape = "body"
