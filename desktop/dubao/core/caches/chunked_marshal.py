"""Cache files read in small slices, so loading them on a worker thread never freezes the GUI thread.

One `marshal.loads` of a few-MB dictionary is a single C call that holds the GIL for 0.1-0.3 s; the
window's GUI thread, waiting for the GIL, stalls for that long. Here a cache is a tuple of parts; every
dictionary part is written as slices of at most `SLICE_ITEMS` items, each its own marshal blob, and
reading rebuilds the dictionaries slice by slice, handing the GIL over (`time.sleep(0)`) between slices.
Total load time stays about the same; the longest hold drops to a few milliseconds.

File layout: `MAGIC`, the skeleton's length (4 bytes, little-endian), marshal of the skeleton — a list,
per part, of ("v", value) for a small part or ("d", byte length of each slice) for a sliced dictionary —
then the slices' marshal blobs one after another.
"""

from __future__ import annotations

import marshal
import os
import tempfile
import time
from itertools import islice
from pathlib import Path

MAGIC = b"DUBAO-CHUNKED-MARSHAL-1\n"
SLICE_ITEMS = 8192  # about 5-10 ms of marshal.loads each


def replace_atomically(path: Path, data: bytes) -> None:
    """Write a cache file so that readers see the old file or the whole new one, never a part."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise


def _slices(mapping: dict, size: int):
    items = iter(mapping.items())
    while True:
        piece = dict(islice(items, size))
        if not piece:
            return
        yield piece


def dumps(parts: tuple, *, slice_items: int = SLICE_ITEMS) -> bytes:
    """The bytes of a cache file holding `parts` (marshallable values; big dictionaries get sliced)."""
    skeleton: list = []
    blobs: list[bytes] = []
    for part in parts:
        if isinstance(part, dict) and len(part) > slice_items:
            pieces = [marshal.dumps(piece) for piece in _slices(part, slice_items)]
            skeleton.append(("d", tuple(len(piece) for piece in pieces)))
            blobs.extend(pieces)
        else:
            skeleton.append(("v", part))
    head = marshal.dumps(skeleton)
    return MAGIC + len(head).to_bytes(4, "little") + head + b"".join(blobs)


def loads(data: bytes) -> tuple:
    """The parts back from `dumps`' bytes, yielding the GIL between slices. ValueError when damaged."""
    if not data.startswith(MAGIC):
        raise ValueError("not a chunked marshal cache")
    view = memoryview(data)[len(MAGIC):]
    head_length = int.from_bytes(view[:4], "little")
    skeleton = marshal.loads(view[4:4 + head_length])
    position = 4 + head_length
    parts = []
    for kind, value in skeleton:
        if kind == "v":
            parts.append(value)
            continue
        rebuilt: dict = {}
        for length in value:
            rebuilt.update(marshal.loads(view[position:position + length]))
            position += length
            time.sleep(0)  # let the GUI thread run between slices
        parts.append(rebuilt)
    if position != len(view):
        raise ValueError("chunked marshal cache has trailing or missing bytes")
    return tuple(parts)


def read(path: Path) -> tuple | None:
    """The parts cached at `path`, or None when the file is missing or damaged (the caller rebuilds)."""
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(path: Path, parts: tuple, *, stale_glob: str | None = None, slice_items: int = SLICE_ITEMS) -> None:
    """Cache `parts` at `path` atomically; then remove older caches matching `stale_glob` in the same
    folder (caches of inputs since replaced). A read-only cache folder is not an error: the caller keeps
    working from memory and rebuilds next time."""
    try:
        replace_atomically(path, dumps(parts, slice_items=slice_items))
    except OSError:
        return
    if stale_glob:
        for old in path.parent.glob(stale_glob):
            if old != path and not old.name.endswith(".part"):
                try:
                    old.unlink()
                except OSError:
                    pass
