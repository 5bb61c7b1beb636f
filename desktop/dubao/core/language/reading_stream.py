"""Readings of a text of any length, in bounded windows (`dubao.core.windows`), token by token: a huge line is read
in time linear in its length, and a caller that writes tokens out as they come holds one window at a time.

    for token in read_stream(text, progress=report):   # offsets into the whole text
        ...

A text no longer than the window is read whole, exactly as `readings.read` reads it. A longer one is cut after
sentence ends (else commas or spaces, else hard with an overlap, each window keeping the words that start on its
side): the tokens still cover every character of the text once, in order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from dubao.core.models import Token
from dubao.core.windows import Progress, windows

# far longer than any paragraph: ordinary text is read whole
WINDOW = 10000
OVERLAP = 100


def read_stream(text: str, *, neutral_tones: bool = False, size: int = WINDOW, overlap: int = OVERLAP,
                progress: Progress | None = None) -> Iterator[Token]:
    """Tokens covering every character of `text` in order, with readings in context (`readings.read`), read
    window by window. `progress(done, total)`: characters read so far, after each window."""
    total = len(text)
    covered = 0  # the tokens yielded so far cover text[:covered]
    for window in windows(text, size, overlap):
        # the whole window is read, so the words near a hard cut still have their neighbours as context
        read = _read(text[window.start:window.end], window.start, neutral_tones)
        kept = [token for token in read if covered <= token.start < window.keep_end]
        if kept and kept[0].start > covered:
            # a hard cut where the two windows split a word differently: the characters between are read alone
            yield from _read(text[covered:kept[0].start], covered, neutral_tones)
        yield from kept
        if kept:
            covered = kept[-1].end
        if progress is not None:
            progress(covered, total)
    if covered < total:  # one word longer than a window (a run of Latin letters) ran past the last window's start
        yield from _read(text[covered:], covered, neutral_tones)


def _read(piece: str, offset: int, neutral_tones: bool) -> list[Token]:
    """`readings.read(piece)`, offsets moved by `offset`."""
    from dubao.core.language import tokens as words
    from dubao.core.language.readings import read_words, unswallow

    tokens = read_words(unswallow(words.tokenize(piece)), neutral_tones=neutral_tones) if piece else []
    return tokens if not offset else [replace(token, start=token.start + offset, end=token.end + offset)
                                      for token in tokens]
