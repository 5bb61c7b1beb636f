"""Bounded windows over a long text, so that work on one huge line (a whole page pasted without line breaks, a
50 MB file of one paragraph) costs time linear in its length and memory bounded by the window.

    for window in windows(text, size=2000):
        ... read text[window.start:window.end]; keep what starts in [window.keep_start, window.keep_end) ...

A text no longer than `size` is one window: ordinary paragraphs are read exactly as before. A longer text is cut
after the last sentence end (。！？… and the closing quotes or brackets that follow) in the second half of the
window; failing that after the last comma, enumeration comma, semicolon, colon or space; failing that (a run of
characters with no punctuation at all) it is cut hard, and the next window starts `overlap` characters earlier
so that no word or name is read cut in two: each of the two windows keeps only what starts on its side of the
middle of the overlap. Offsets are code points into `text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

# Callback for long work: (characters done, characters in all). The CLI prints a progress line from it; the
# window shows a progress bar.
Progress = Callable[[int, int], None]


def percent_done(done: int, total: int) -> int:
    """Whole percent of a Progress report, 0–100 (an empty total counts as done)."""
    return min(100, done * 100 // total) if total > 0 else 100

SENTENCE_ENDS = "。！？…!?\n"
# what may follow a sentence end and still belongs to the sentence (……”, 。）)
_CLOSERS = "…”’」』）)】》\"'"
SOFT_BREAKS = "，、；：,;: 　\t"


@dataclass(frozen=True, slots=True)
class Window:
    """text[start:end] is read; results that start in [keep_start, keep_end) belong to this window."""

    start: int
    end: int
    keep_start: int
    keep_end: int


def _last_break(text: str, low: int, high: int, marks: str) -> int:
    """The position just after the last of `marks` in text[low:high] (and the closers that follow it), or -1."""
    found = max(text.rfind(mark, low, high) for mark in marks)
    if found < 0:
        return -1
    cut = found + 1
    while cut < high and text[cut] in _CLOSERS:
        cut += 1
    return cut


def windows(text: str, size: int, overlap: int = 100) -> Iterator[Window]:
    """Windows of at most `size` characters covering `text` in order (see the module's docstring).
    `overlap` (at most half the size) must exceed twice the longest name or word that should never be cut."""
    if size < 4 or not 0 < overlap <= size // 2:
        raise ValueError(f"a window of {size} characters cannot overlap by {overlap}")
    start = keep_start = 0
    length = len(text)
    while length - start > size:
        high = start + size
        low = start + size // 2
        cut = _last_break(text, low, high, SENTENCE_ENDS)
        if cut < 0:
            cut = _last_break(text, low, high, SOFT_BREAKS)
        if cut > start:
            yield Window(start, cut, keep_start, cut)
            start = keep_start = cut
            continue
        middle = high - overlap // 2  # a hard cut: both windows read the overlap, each keeps its half
        yield Window(start, high, keep_start, middle)
        start, keep_start = high - overlap, middle
    yield Window(start, length, keep_start, length)


def kept(window: Window, spans: list, start_of: Callable, end_of: Callable, after: int) -> tuple[list, int]:
    """The spans (offsets already in the whole text) this window keeps — those starting on its side that do not
    overlap what the window before it kept (which ended at `after`) — and where the kept spans end."""
    chosen = [span for span in spans if window.keep_start <= start_of(span) < window.keep_end
              and start_of(span) >= after]
    return chosen, max([after] + [end_of(span) for span in chosen])
