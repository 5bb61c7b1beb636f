"""Where each of many names is printed in a text, in one pass over the text.

The issue-wide passes of entity finding (a name the issue confirms is recalled wherever it is printed; a guess
left untagged at most of its occurrences is dropped) look up every name of the issue in every article. Searching
for the names one by one costs names × characters, which grows with the square of a huge file (more text, more
names); one pass that tries, at each character, only the names that begin with it, costs about the characters.
"""

from __future__ import annotations

from typing import Iterable


def occurrences(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Per name (non-empty strings), the starts of its occurrences in `text` as repeated `str.find` from the end
    of the one before gives them: in order and not overlapping each other (so their count is `text.count(name)`).
    Names never printed are left out."""
    by_first: dict[str, list[str]] = {}
    for name in set(names):
        if name:
            by_first.setdefault(name[0], []).append(name)
    found: dict[str, list[int]] = {}
    next_free: dict[str, int] = {}  # per name: where a next occurrence may start (after the last one found)
    for start, char in enumerate(text):
        candidates = by_first.get(char)
        if candidates is None:
            continue
        for name in candidates:
            if start >= next_free.get(name, 0) and text.startswith(name, start):
                found.setdefault(name, []).append(start)
                next_free[name] = start + len(name)
    return found
