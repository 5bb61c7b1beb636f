"""Tables printed between articles — a weather box, a price list, a schedule — are page items, not articles.

A table row in text form is a short line of three or more cells separated by white space, at least one
of them with a figure, and no sentence punctuation (今天 小雨 18～24℃). Two such rows in a row make a table;
a short title line right above the first row is the table's own title (天气预报).
"""

from __future__ import annotations

import re

from dubao.core.split.source_line import Line

_CELL_SPLIT = re.compile(r"[\s\u3000]+")
_SENTENCE = re.compile(r"[，,。；;！？!?、]")
_FIGURE = re.compile(r"\d")
_MIN_CELLS = 3
_MAX_CELL = 12
_MAX_ROW = 60
_MIN_ROWS = 2
_TITLE_MAX = 10


def is_table_row(text: str) -> bool:
    if len(text) > _MAX_ROW or not _FIGURE.search(text) or _SENTENCE.search(text):
        return False
    cells = [cell for cell in _CELL_SPLIT.split(text) if cell]
    return (
        len(cells) >= _MIN_CELLS and all(len(cell) <= _MAX_CELL for cell in cells)
        and any(_FIGURE.search(cell) for cell in cells)
    )


def mark_tables(lines: list[Line]) -> None:
    """Set `shape = "page"`, `furniture = "table"` on the rows of every table and on its title."""
    rows = [line.shape != "page" and is_table_row(line.text) for line in lines]
    position = 0
    while position < len(lines):
        if not rows[position]:
            position += 1
            continue
        end = position
        while end < len(lines) and rows[end]:
            end += 1
        if end - position < _MIN_ROWS:
            position = end
            continue
        first = position
        above = lines[position - 1] if position else None
        if above is not None and above.shape == "title" and len(above.text) <= _TITLE_MAX:
            first -= 1
        for line in lines[first:end]:
            line.shape, line.furniture = "page", "table"
        position = end
