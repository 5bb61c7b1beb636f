"""The damage check before writes, run after the library has opened instead of before.

`Store.open(path, verify=True)` runs SQLite's quick check first and refuses a damaged file before anything writes
to it. On a large library that check reads the whole file (seconds), and reading does not need it — only writing
does. So a caller that wants to show the library at once opens it with `check_later=True`: the check is then
registered here for that file (`expect`), run by whoever comes first — the caller on a worker thread (`run`), or
the first write on any connection to that file in this process (`Store._write` calls `before_write`) — and every
write waits for its outcome. A damaged file is refused for writing as before (DamagedLibraryError), however it
is reached; a sound one is forgotten here, and writes go straight on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

_lock = threading.Lock()
_checks: dict[str, "_Check"] = {}


class _Check:
    def __init__(self, check: Callable[[], None]):
        self._check = check
        self._running = threading.Lock()  # the first caller runs the check; later ones wait on this lock
        self.done = False
        self.error: Exception | None = None

    def outcome(self) -> Exception | None:
        with self._running:
            if not self.done:
                try:
                    self._check()
                except Exception as error:  # damaged or unreadable: kept, and raised to every writer
                    self.error = error
                self.done = True
        return self.error


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def expect(path: str | Path, check: Callable[[], None]) -> None:
    """Writes to `path` wait for `check()` (raising: the file must not be written) from now on."""
    with _lock:
        _checks[_key(path)] = _Check(check)


def run(path: str | Path) -> None:
    """Run the expected check of `path` now, if it is not done yet (on a worker thread). Raises its error."""
    before_write(path)


def before_write(path: str | Path | None) -> None:
    """Called before each write transaction: waits for the file's expected check; raises its error if it failed."""
    if path is None or not _checks:  # the usual case: nothing expected, nothing to wait for
        return
    with _lock:
        check = _checks.get(_key(path))
    if check is None:
        return
    error = check.outcome()
    if error is not None:
        raise error
    with _lock:
        if _checks.get(_key(path)) is check:
            del _checks[_key(path)]  # sound: later writes need not ask again
