"""A progress line on stderr for long CLI work (entities, pinyin or an import of a huge text), so that a silent
terminal is not taken for a hang — and nothing at all for work done within a couple of seconds.

    report = ProgressLine("finding entities")
    extract_issue(issue, date, progress=report)      # called with (characters done, characters in all)
    report.finish()

On a terminal the line is rewritten in place; when stderr is a file or a pipe, plain lines, a few seconds apart.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

# work that ends sooner (counted from the first report, once the models are loaded) says nothing
QUIET_SECONDS = 2.0
_TERMINAL_EVERY = 0.2
_PLAIN_EVERY = 5.0


class ProgressLine:
    """Callable as `progress(done, total)`; `finish()` ends the line once the work is done."""

    def __init__(self, label: str, stream: TextIO | None = None, *, quiet_seconds: float = QUIET_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.quiet_seconds = quiet_seconds
        self.clock = clock
        self.started: float | None = None  # at the first report: loading models before it is no progress to show
        self.last_shown: float | None = None
        self.in_place = _is_terminal(self.stream)
        self.last_done = self.last_total = 0

    def __call__(self, done: int, total: int) -> None:
        self.last_done, self.last_total = done, total
        now = self.clock()
        if self.started is None:
            self.started = now
        if now - self.started < self.quiet_seconds:
            return
        every = _TERMINAL_EVERY if self.in_place else _PLAIN_EVERY
        if self.last_shown is not None and now - self.last_shown < every:
            return
        self.last_shown = now
        self._show(done, total, now)

    def finish(self) -> None:
        """Say the work is done (only where a progress line was shown); the next report starts a new line."""
        if self.last_shown is not None:
            self._show(self.last_total, self.last_total, self.clock())
            if self.in_place:
                self.stream.write("\n")
                self.stream.flush()
        self.started = self.last_shown = None

    def _show(self, done: int, total: int, now: float) -> None:
        share = done / total if total else 1.0
        line = (f"{self.label}: {share:4.0%} ({_characters(done)} of {_characters(total)} characters, "
                f"{now - self.started:.0f} s)")
        self.stream.write(f"\r{line}\033[K" if self.in_place else line + "\n")
        self.stream.flush()


def _characters(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1e6:.1f} M"
    if count >= 10_000:
        return f"{count / 1e3:.0f} k"
    return str(count)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
