"""What a Han character is, defined once for the whole app.

Every CJK Unified Ideographs block (the basic block, Extension A, Extensions B–I on planes 2 and 3), the
compatibility ideographs, and 〇 (the ideographic zero of 二〇二三年). Characters outside the Basic
Multilingual Plane such as 𠮷 count: a Python `str` holds them as one code point.

`HAN` is the character-class body for regular expressions (`f"[{HAN}]"`), so patterns elsewhere can combine
it with other characters; `is_han` and `has_han` answer for plain strings.
"""

from __future__ import annotations

import re

HAN = (
    "\u3007"  # 〇
    "\u3400-\u4dbf"  # Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uf900-\ufaff"  # Compatibility Ideographs
    "\U00020000-\U0002fa1f"  # plane 2: Extensions B–F and I, Compatibility Supplement
    "\U00030000-\U000323af"  # plane 3: Extensions G and H
)
HAN_CHARACTER = re.compile(f"[{HAN}]")


def is_han(character: str) -> bool:
    """True when `character` (one code point) is a Chinese character."""
    return len(character) == 1 and HAN_CHARACTER.match(character) is not None


def has_han(text: str) -> bool:
    """True when `text` holds at least one Chinese character."""
    return HAN_CHARACTER.search(text) is not None
