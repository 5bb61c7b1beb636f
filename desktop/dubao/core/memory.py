"""Giving memory back after the big loads (word tables, reading tables, dictionary, entity models).

Two things keep memory resident that nothing uses once a loader has finished:
- PySide6 reads the whole source of every module imported after it into `linecache` (its `__feature__` import
  hook calls `inspect.getsource` to see whether the module uses PySide6): jieba, pypinyin, sqlite-utils … about
  17 MB of source lines held for good. Clearing that cache loses nothing: a traceback reads the lines again.
- glibc keeps freed heap pages mapped; `malloc_trim(0)` returns them (elsewhere — macOS, Windows, musl — a no-op).

`release()` does both; the loaders call it when they finish (`dubao.core.language.tokens`, `readings`,
`dictionary`, `dubao.core.entities`), so the memory freed by one is reused by the next or returned.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import linecache
import sys


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        function = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function


def trim() -> bool:
    """Return free heap memory to the system (glibc only); True when something was given back. ctypes lets go of
    the GIL for the call, so other threads run meanwhile."""
    function = _malloc_trim()
    return bool(function(0)) if function is not None else False


def release() -> None:
    """Forget the source lines cached while modules were imported, then return free heap memory."""
    linecache.clearcache()
    trim()
