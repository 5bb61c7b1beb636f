"""How the reader cuts an article into display blocks, and the one offset map between the article's code points
and the reader's document positions.

Qt lays out and paints a QTextBlock as a unit: a 5 MB line (a book pasted as one paragraph) is one block whose
layout takes seconds and whose every repaint walks all its lines. So a line longer than `MAX_BLOCK` characters is
shown as several blocks, cut at sentence ends (at a clause mark or a space when a sentence runs on, hard only
when there is neither). The article's text never changes: a cut exists only in the document, where it takes one
position (Qt's paragraph separator) that belongs to no character.

`DisplayMap` converts code points to document positions and back, counting both the UTF-16 surrogate pairs
(𠮷 takes two positions) and those cuts. No Qt here: it is plain arithmetic, tested on its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from dubao.core.offsets import Utf16Map

MAX_BLOCK = 2000  # code points: a longer line is shown as several display blocks
TARGET_BLOCK = 500  # a cut is sought after this many characters of the line's current block
# after a sentence's closing mark (and any closing quotes or brackets that follow it)
_SENTENCE_END = re.compile(r"[。！？!?…]+[”’\"'」』）)\]】]*|[.;](?=\s)")
_CLAUSE_END = re.compile(r"[，、；：,;:]|\s")


def display_breaks(text: str, max_block: int | None = None, target: int | None = None) -> list[int]:
    """Offsets (code points, ascending) where a display block starts that no line break in `text` starts:
    empty for an article whose lines are all at most `max_block` (MAX_BLOCK) characters long."""
    max_block = max_block or MAX_BLOCK
    target = min(target or TARGET_BLOCK, max_block // 2)
    breaks: list[int] = []
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        end = length if end < 0 else end
        position = start
        while end - position > max_block:
            position = _cut(text, position, min(end, position + max_block), target)
            breaks.append(position)
        start = end + 1
    return breaks


def _cut(text: str, start: int, limit: int, target: int) -> int:
    """Where to end the display block that begins at `start` (before `limit`): after the first sentence end past
    `target` characters, else after the last clause mark or space, else at `limit` itself."""
    found = _SENTENCE_END.search(text, start + target, limit)
    if found is not None and found.end() < limit:
        return found.end()
    last = None
    for last in _CLAUSE_END.finditer(text, start + target, limit):
        pass
    if last is not None and last.end() < limit:
        return last.end()
    return limit  # code points: 𠮷 is one, never cut in two


def display_spans(text: str, breaks: list[int]) -> Iterator[tuple[int, int]]:
    """[start, end) of each display block, in order: the text's lines, cut at `breaks`."""
    cuts = iter(breaks)
    next_cut = next(cuts, None)
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        end = length if end < 0 else end
        while next_cut is not None and next_cut < end:
            yield start, next_cut
            start, next_cut = next_cut, next(cuts, None)
        yield start, end
        start = end + 1


class DisplayMap:
    """Code points of the article text <-> positions in the reader's document (see the module docstring)."""

    __slots__ = ("_utf16", "_breaks", "_separators")

    def __init__(self, text: str, breaks: list[int] | None = None):
        self._utf16 = Utf16Map(text)
        self._breaks = list(breaks or ())
        # the document position of the separator that each cut adds (the end of the block before it)
        self._separators = [self._utf16.to_utf16(cut) + number for number, cut in enumerate(self._breaks)]

    @property
    def breaks(self) -> list[int]:
        return self._breaks

    def to_document(self, offset: int, end: bool = False) -> int:
        """The document position of the character at code point `offset`; with `end`, of the end of the span
        that stops before `offset` (at a cut: the end of the block before it, not the start of the next)."""
        cuts = bisect.bisect_left(self._breaks, offset) if end else bisect.bisect_right(self._breaks, offset)
        return self._utf16.to_utf16(offset) + cuts

    def to_codepoint(self, position: int) -> int:
        """The code point at document `position` (a position inside a surrogate pair gives its character; the
        end of a block cut for display gives the first character of the next block)."""
        cuts = bisect.bisect_left(self._separators, position)
        return self._utf16.to_codepoint(position - cuts)
