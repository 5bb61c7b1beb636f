"""Where a derived cache is read from and written to: first the prebuilt copy shipped inside the installed app
(`dubao.core.paths.prebuilt_cache_dir`, read-only), then the user's cache folder (`paths.cache_dir`), where a
missing or unusable cache is built.

A cache is a file or folder whose name carries a hash of its key (`cache_name`): everything its bytes are made
from (the shipped data, the format of Dubao's code, library versions) and `machine_stamp()`, what else they may
depend on (marshal's format changes with Python's version; arrays and tries are in native byte order). So a copy
built when the app was packaged is used exactly when it is the one this app, on this machine, would build; with
any other key its name differs, and the cache is built in the user's folder as before. The prebuilt folder is
never written to: writers always get `user_path`, and stale-cache clean-up only globs the user's folder.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Callable, TypeVar

from dubao.core import paths

T = TypeVar("T")


def machine_stamp() -> str:
    """What a cache's bytes depend on besides its inputs: Python's version (marshal), byte order."""
    return f"{sys.implementation.cache_tag}-{sys.byteorder}-marshal{marshal.version}"


def cache_name(prefix: str, key: str | bytes, suffix: str = "", digits: int = 16) -> str:
    """`prefix` + a hash of `key` and the machine stamp + `suffix`, e.g. "readings-0123456789abcdef.chunks"."""
    if isinstance(key, str):
        key = key.encode()
    digest = hashlib.sha1(key + b"|" + machine_stamp().encode()).hexdigest()[:digits]
    return f"{prefix}{digest}{suffix}"


def user_path(name: str) -> Path:
    """Where the cache `name` is (re)built: the user's cache folder."""
    return paths.cache_dir() / name


def prebuilt_path(name: str) -> Path | None:
    """The shipped copy of the cache `name` when the app has one with exactly this name (key), else None."""
    folder = paths.prebuilt_cache_dir()
    if folder is None:
        return None
    candidate = folder / name
    return candidate if candidate.exists() else None


def read_first(name: str, reader: Callable[[Path], T | None]) -> T | None:
    """`reader(path)` of the first copy of the cache `name` it can read (not None): the prebuilt copy, then the
    user's. None when neither is there or usable: the caller builds the cache at `user_path(name)`.
    (The user's cache folder is not even created when the prebuilt copy serves.)"""
    shipped = prebuilt_path(name)
    if shipped is not None:
        value = reader(shipped)
        if value is not None:
            return value
    return reader(user_path(name))
