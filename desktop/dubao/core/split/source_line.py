"""One non-blank line of the source text, as the splitter's steps see and annotate it.

A PDF text tool prints justified Chinese columns *letter-spaced* (近 年 来 ，清 水 县): a space between every
two characters. Such a line is read without those spaces — its `text` is the compact form every rule sees —
and `spans()` gives the source slices around them, so blocks still map exactly onto the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dubao.core.text import HAN

# a single ASCII space between two characters that are not ASCII (Han, CJK punctuation, full-width forms)
_LETTER_GAP = re.compile(r"(?<=[^\x00-\x7f\s]) (?=[^\x00-\x7f\s])")
# two Han characters side by side, with or without one space between them (全角 padding counts as none)
_HAN_PAIR = re.compile(rf"[{HAN}](?=(\s?)[{HAN}])")
_MIN_GAPS = 2
_MIN_GAP_SHARE = 0.8  # of the Han pairs, how many an ASCII space separates


def letter_gaps(raw: str) -> list[int]:
    """Indexes in `raw` of the spaces that letter-space it, or [] when it is not a letter-spaced line.
    A headline's one gap (劳务工资被拖欠 检察监督全追回) and a list of names (王　宁 李春梅) keep their spaces."""
    spaces = raw.count(" ")
    if spaces < _MIN_GAPS or spaces * 4 < len(raw):  # quick no: a spaced line is about half spaces
        return []
    pairs = spaced = 0
    for match in _HAN_PAIR.finditer(raw):
        pairs += 1
        spaced += match.group(1) == " "
    if spaced < _MIN_GAPS or spaced < _MIN_GAP_SHARE * pairs:
        return []
    return [match.start() for match in _LETTER_GAP.finditer(raw)]


@dataclass(slots=True)
class Line:
    """A non-blank source line, trimmed of surrounding whitespace. `start`/`end` are source offsets; `text` is
    the source slice less any letter-spacing (`cuts` are the indexes in `text` where a space was left out)."""

    index: int
    start: int
    end: int
    text: str
    shape: str = "body"
    dateline: re.Match[str] | None = None  # set on body lines that open with a dateline
    indent: int = 0  # leading whitespace characters (paragraph indents: 　　)
    continues: bool = False  # set in hard-wrapped text: this line goes on with the line before
    title_at: int | None = None  # 新华社北京3月4日电　题：春天里的新希望 — where the headline starts
    cuts: tuple[int, ...] = ()
    blank_before: bool = False  # a blank line separates it from the line before
    gap: int = 0  # how many blank lines come before it
    separated: bool = False  # the gap before it parts articles (gaps.py)
    furniture: str | None = None  # the kind of page item it belongs to, when its neighbours decided it (table)

    def source_offset(self, position: int) -> int:
        """The source offset of `text[position]`."""
        return self.start + position + bisect.bisect_right(self.cuts, position)

    def spans(self, first: int = 0, last: int | None = None) -> list[tuple[int, int]]:
        """The source slices that hold `text[first:last]`, in order (several when letter-spacing is left out)."""
        last = len(self.text) if last is None else last
        if last <= first:
            return []
        if not self.cuts:
            return [(self.start + first, self.start + last)]
        bounds = [first] + [cut for cut in self.cuts if first < cut < last] + [last]
        return [
            (self.source_offset(a), self.source_offset(b - 1) + 1) for a, b in zip(bounds, bounds[1:])
        ]


def make_line(index: int, start: int, raw: str, indent: int, gap: int = 0) -> Line:
    """A Line for the trimmed source slice `raw` that begins at source offset `start`, after `gap` blank lines."""
    gaps = letter_gaps(raw)
    if not gaps:
        return Line(index, start, start + len(raw), raw, indent=indent, blank_before=gap > 0, gap=gap)
    cuts = tuple(at - number for number, at in enumerate(gaps))
    compact = "".join(raw[a:b] for a, b in zip([0] + [g + 1 for g in gaps], gaps + [len(raw)]))
    return Line(index, start, start + len(raw), compact, indent=indent, cuts=cuts, blank_before=gap > 0, gap=gap)
