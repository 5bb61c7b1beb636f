"""Code points ↔ UTF-16 units, for the Qt boundary.

Python indexes strings by code point; Qt (QString, QTextCursor) by UTF-16 unit, where a character outside
the Basic Multilingual Plane (𠮷 U+20BB7) takes two. A `Utf16Map` is built once per text in O(n) and then
converts either way in O(log k), k = number of astral characters (usually zero, then O(1)).
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    __slots__ = ("_astral", "_astral_utf16", "_length")

    def __init__(self, text: str):
        # code-point indices of characters that take two UTF-16 units
        # found by a regular expression: a Python loop over a 5 MB article would take a tenth of a second
        self._astral = [found.start() for found in _ASTRAL.finditer(text)] if not text.isascii() else []
        # the UTF-16 index at which each of those characters starts
        self._astral_utf16 = [index + rank for rank, index in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, index: int) -> int:
        """Code-point index -> UTF-16 index (index may equal len(text))."""
        if not self._astral:
            return index
        return index + bisect.bisect_left(self._astral, index)

    def to_codepoint(self, utf16_index: int) -> int:
        """UTF-16 index -> code-point index. An index inside a surrogate pair maps to the pair's character."""
        if not self._astral:
            return utf16_index
        # number of astral characters that start strictly before this UTF-16 position
        before = bisect.bisect_left(self._astral_utf16, utf16_index)
        if before and self._astral_utf16[before - 1] + 1 == utf16_index:
            # points at the low surrogate: snap to the character itself
            return self._astral[before - 1]
        return utf16_index - before

    def utf16_length(self) -> int:
        return self._length + len(self._astral)
