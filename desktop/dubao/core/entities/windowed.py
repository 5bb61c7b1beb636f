"""Entity spans of a text of any length, in bounded windows (`dubao.core.windows`): a huge line or paragraph
costs time linear in its length and memory bounded by the window, however long it is.

A text no longer than the window (every ordinary paragraph) is read whole, exactly as `find_spans` reads it.
A longer one is read window by window, cut after sentence ends (else commas or spaces, else hard with an overlap
so that no name is read cut in two); every span comes back with its offset in the whole text.
"""

from __future__ import annotations

import datetime
from operator import attrgetter, itemgetter
from typing import Callable, Iterable, Iterator

from dubao.core.entities.spans import Found, find_spans, prepare_many, term_units, word_spans
from dubao.core.windows import kept, windows

# As long as the longest paragraphs of a newspaper: those are read whole. The tagger reads LAC's evidence on
# texts up to this length (spans._LONG_TEXT), so a window of a huge line is read as a paragraph is.
WINDOW = 2000
# twice the longest name that must never be cut (long organisation names run to 30–40 characters)
OVERLAP = 100
# windows whose tagging is decoded together (tagger.Tagger.spans_many): numpy's cost is per call, so eight cost
# little more than one; their features stay bounded (8 × 2,000 characters)
TAGGED_TOGETHER = 8
# characters of an issue's paragraphs tagged together (`batches_of`): as many as TAGGED_TOGETHER windows, so a
# batch of short paragraphs costs what a window of a long text costs a character, and its features stay as bounded
TAGGED_CHARACTERS = TAGGED_TOGETHER * WINDOW
# and at most this many paragraphs a batch: the gazetteer remembers its names of twice as many texts
# (`gazetteer.known_names`), which the tagger's features and then the rules ask for in turn
TAGGED_TEXTS = 256
# proper terms (马克思主义) are looked up over a whole article at once: windowed only beyond this, where the words of
# the whole article at once would take hundreds of megabytes
_UNITS_WINDOW = 20000


def find_spans_windowed(text: str, issue_date: datetime.date | None = None, *, pd_view: bool = False,
                        size: int = WINDOW, overlap: int = OVERLAP,
                        done: Callable[[int], None] | None = None, prepared=None) -> list[Found]:
    """`find_spans` over `text` of any length (see the module's docstring). `done(characters)` is called after
    each window with how far into `text` the reading has come. `prepared`: `spans.prepare_many`'s for a text
    read whole."""
    if len(text) <= size:
        found = find_spans(text, issue_date, pd_view=pd_view, prepared=prepared)
        if done is not None:
            done(len(text))
        return found
    result: list[Found] = []
    after = 0
    for group in groups_of(windows(text, size, overlap), TAGGED_TOGETHER):
        pieces = [text[window.start:window.end] for window in group]
        for window, piece, prepared in zip(group, pieces, prepare_many(pieces)):
            spans = [found.shifted(window.start)
                     for found in find_spans(piece, issue_date, pd_view=pd_view, prepared=prepared)]
            chosen, after = kept(window, spans, attrgetter("start"), attrgetter("end"), after)
            result += chosen
            if done is not None:
                done(window.end)
    return result


def groups_of(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last one shorter)."""
    group: list = []
    for item in items:
        group.append(item)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def batches_of(items: Iterable, length: Callable[[object], int], size: int = TAGGED_CHARACTERS,
               count: int = TAGGED_TEXTS) -> Iterator[list]:
    """`items` in consecutive lists of about `size` characters (`length(item)`, a text longer than a window
    counted as one window: it is read in windows of its own) and at most `count` items."""
    group: list = []
    characters = 0
    for item in items:
        group.append(item)
        characters += min(length(item), WINDOW)
        if characters >= size or len(group) == count:
            yield group
            group, characters = [], 0
    if group:
        yield group


def article_units(text: str, size: int = _UNITS_WINDOW, from_lines: list[tuple[int, int]] | None = None
                  ) -> list[tuple[int, int]]:
    """`term_units` of a whole article's words, read in windows when the article is very long. `from_lines`: the
    units of the words of `text`'s lines, each read whole (the same words: jieba never joins two lines), if known."""
    if len(text) <= size:
        return from_lines if from_lines is not None else term_units(word_spans(text))
    units: list[tuple[int, int]] = []
    after = 0
    for window in windows(text, size, OVERLAP):
        found = [(start + window.start, end + window.start)
                 for start, end in term_units(word_spans(text[window.start:window.end]))]
        chosen, after = kept(window, found, itemgetter(0), itemgetter(1), after)
        units += chosen
    return units

