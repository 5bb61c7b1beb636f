"""One non-blank line of the source text, as the splitter's steps see and annotate it."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class Line:
    """A non-blank source line, trimmed of surrounding whitespace. `start`/`end` are source offsets."""

    index: int
    start: int
    end: int
    text: str
    shape: str = "body"
    dateline: re.Match[str] | None = None  # set on body lines that open with a dateline
    indent: int = 0  # leading whitespace characters (paragraph indents: 　　)
    continues: bool = False  # set in hard-wrapped text: this line goes on with the line before
    title_at: int | None = None  # 新华社北京3月4日电　题：春天里的新希望 — where the headline starts
