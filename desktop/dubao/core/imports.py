"""Importing a library without the optional modules it would pull in for features Dubao never uses.

sqlite-utils imports pandas and numpy when they are installed (to store their values: the library never
does), and jieba imports setuptools' pkg_resources (to find its own data file, which a plain path finds as
well). Together they cost about half a second and tens of MB before the first article can be shown.
While `without_modules(...)` is active, importing one of those names raises ImportError, so the library
takes its fallback; afterwards they import normally (the entity tagger still gets numpy when it loads).
A module already imported is left alone.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

_lock = threading.Lock()


@contextlib.contextmanager
def without_modules(*names: str) -> Iterator[None]:
    """Make `names` unimportable for the duration (only those not imported yet)."""
    with _lock:
        blocked = [name for name in names if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # the import system's marker for "not importable"
        try:
            yield
        finally:
            for name in blocked:
                if sys.modules.get(name, ...) is None:
                    del sys.modules[name]
