"""What the blank lines of a page say about where its articles begin.

Blank lines mean different things in different raw forms:
  * a blank line between every line or paragraph (PDF text blocks, many web pages) says nothing — unless
    a few gaps are wider (two blank lines or more): those part articles;
  * blank lines that are rare in text whose paragraphs are whole lines (pasted web copy, a reader's own
    notes) part articles when they mostly stand before titles: the paragraphs of one article follow each
    other directly;
  * blank lines that are rare in hard-wrapped text (pdftotext) end a column's run, which is not an
    article's end: wrap.py reads those.
A line after a parting gap is marked `separated`: it cannot continue the article above as a section
heading or a new paragraph.
"""

from __future__ import annotations

from dubao.core.split.source_line import Line

_MIN_LINES = 5
_COMMON = 0.5  # share of lines after a blank above which blanks are the page's normal spacing
_WIDE_RARE = 0.3  # wider gaps must be rarer than this to part articles
_HEADS = frozenset({"title", "subtitle", "column", "byline", "dateline", "page", "banner"})


def _titles_after_blanks(lines: list[Line]) -> int:
    return sum(1 for line in lines[1:] if line.gap and line.shape in _HEADS)


def mark_separators(lines: list[Line], wrapped: bool) -> None:
    gaps = [line.gap for line in lines[1:]]
    if len(gaps) < _MIN_LINES:
        return
    blank = sum(1 for gap in gaps if gap)
    wide = sum(1 for gap in gaps if gap >= 2)
    if blank >= _COMMON * len(gaps):
        if not wide or wide > _WIDE_RARE * len(gaps) or blank - wide < 2 * wide:
            return
        least = 2
    elif blank and not wrapped and 2 * _titles_after_blanks(lines) >= blank:
        least = 1  # (a blank now and then between the paragraphs of one article parts nothing)
    else:
        return
    for line in lines[1:]:
        line.separated = line.gap >= least
