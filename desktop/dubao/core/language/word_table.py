"""jieba's word-frequency table (`Tokenizer.FREQ`) held in a compact trie instead of a Python dictionary.

jieba keeps every dictionary word and every prefix of one (503,000 strings with the press words) in a dict:
about 70 MB resident, the biggest single part of Dubao's memory. `WordTable` holds the same keys in a MARISA
trie (`marisa-trie`, MIT with a BSD-2 core; 1.2 MB) with the frequencies in an array indexed by the trie's key
id, and reads like the dict it replaces (`in`, `[]`, `get`, `len`, iteration) for jieba and for our own code.

jieba's two hot loops read that table per character, so `install` replaces them on the tokenizer with
equivalents over the trie: `get_DAG` asks the trie once per position for every word starting there (jieba
extends a slice character by character while it is a key: the same words, since the keys include every
prefix), and `calc` reads the log-frequencies found on the way instead of looking each word up again.
Words, routes and ties come out exactly as jieba's own code gives them.

The table is immutable: jieba's `add_word` cannot change it (Dubao merges the press words before building it).
`WordTags` gives the entity tagger a part-of-speech table over the same trie (tag per key id).
"""

from __future__ import annotations

import hashlib
import math
from array import array
from typing import Iterable, Iterator, Mapping

import marisa_trie


class _DAG(dict):
    """jieba's DAG ({start: [end index of each word starting there]}) with the words' log-frequencies."""

    __slots__ = ("logs",)


class WordTable:
    """{word or prefix of a word: frequency (0 for a prefix)} over a trie. Read-only, thread-safe."""

    def __init__(self, trie: marisa_trie.Trie, freqs: array, logs: array, longest: int):
        self._trie = trie
        self._freqs = freqs
        self._logs = logs  # log(frequency or 1) per key id, as jieba's calc computes it
        self._longest = max(longest, 1)  # the longest key: how far get_DAG looks ahead
        self.digest = hashlib.sha1(trie.tobytes()).hexdigest()[:16]  # names caches aligned with the key ids

    # ---- building and caching -----------------------------------------------------------------------

    @classmethod
    def from_dict(cls, table: Mapping[str, int]) -> "WordTable":
        trie = marisa_trie.Trie(table.keys())
        freqs = array("q", bytes(8 * len(trie)))
        for word, freq in table.items():
            freqs[trie.key_id(word)] = freq
        return cls(trie, freqs, array("d", [math.log(freq or 1) for freq in freqs]),
                   max(map(len, table), default=1))

    def dumps(self) -> tuple[bytes, bytes, bytes, int]:
        """The table for a cache file: trie, frequencies and log-frequencies as bytes, the longest key."""
        return self._trie.tobytes(), self._freqs.tobytes(), self._logs.tobytes(), self._longest

    @classmethod
    def loads(cls, parts: tuple[bytes, bytes, bytes, int]) -> "WordTable":
        trie_bytes, freq_bytes, log_bytes, longest = parts
        freqs, logs = array("q"), array("d")
        freqs.frombytes(freq_bytes)
        logs.frombytes(log_bytes)
        trie = marisa_trie.Trie().frombytes(trie_bytes)
        if not (len(freqs) == len(logs) == len(trie)):
            raise ValueError("word table parts of different sizes")
        return cls(trie, freqs, logs, longest)

    # ---- the dict jieba and our code read -----------------------------------------------------------

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def __getitem__(self, word: str) -> int:
        key = self._trie.get(word) if isinstance(word, str) else None
        if key is None:
            raise KeyError(word)
        return self._freqs[key]

    def get(self, word: str, default=None):
        key = self._trie.get(word) if isinstance(word, str) else None
        return default if key is None else self._freqs[key]

    def key_id(self, word: str) -> int | None:
        """The word's position in the table's arrays, None when it is no key."""
        return self._trie.get(word) if isinstance(word, str) else None

    def __len__(self) -> int:
        return len(self._trie)

    def __iter__(self) -> Iterator[str]:
        return self._trie.iterkeys()

    def keys(self) -> Iterable[str]:
        return self._trie.keys()

    def items(self) -> Iterator[tuple[str, int]]:
        freqs, key_id = self._freqs, self._trie.key_id
        return ((word, freqs[key_id(word)]) for word in self._trie.iterkeys())

    def values(self) -> Iterator[int]:
        return (freq for _word, freq in self.items())

    # ---- jieba's hot loops over the trie ------------------------------------------------------------

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 - jieba's name
        """jieba's `Tokenizer.get_DAG`: for each position, the end index of every word starting there (the
        position itself when none does)."""
        prefixes, freqs, logs, longest = self._trie.iter_prefixes_with_ids, self._freqs, self._logs, self._longest
        dag, weights = _DAG(), {}
        for start in range(len(sentence)):
            ends, found = [], []
            for word, key in prefixes(sentence[start:start + longest]):
                if freqs[key]:
                    ends.append(start + len(word) - 1)
                    found.append(logs[key])
            if not ends:  # jieba's fallback: the character alone, read with frequency 1 when it is no word
                ends.append(start)
                found.append(0.0)
            dag[start] = ends
            weights[start] = found
        dag.logs = weights
        return dag

    def calc(self, tokenizer, sentence: str, dag: dict, route: dict) -> None:
        """jieba's `Tokenizer.calc` (the most probable route), with the log-frequencies `get_DAG` found."""
        n = len(sentence)
        route[n] = (0, 0)
        logtotal = math.log(tokenizer.total)
        weights = getattr(dag, "logs", None)
        if weights is None:  # a DAG made elsewhere: look the words up as jieba does
            logs, key_id = self._logs, self._trie.get
            weights = {idx: [logs[key] if (key := key_id(sentence[idx:x + 1])) is not None else 0.0 for x in ends]
                       for idx, ends in dag.items()}
        for idx in range(n - 1, -1, -1):
            ends = dag[idx]
            if len(ends) == 1:  # most positions: max() of one candidate is that candidate
                end = ends[0]
                route[idx] = (weights[idx][0] - logtotal + route[end + 1][0], end)
            else:
                route[idx] = max((log - logtotal + route[x + 1][0], x) for x, log in zip(ends, weights[idx]))


def install(tokenizer, table: WordTable) -> None:
    """Make `table` the tokenizer's FREQ and its DAG and route searches the trie's."""
    tokenizer.FREQ = table
    tokenizer.get_DAG = table.get_DAG
    tokenizer.calc = lambda sentence, dag, route: table.calc(tokenizer, sentence, dag, route)


def uninstall(tokenizer) -> None:
    """jieba's own searches again (over whatever dict FREQ is set to next)."""
    for name in ("get_DAG", "calc"):
        tokenizer.__dict__.pop(name, None)


class WordTags:
    """{word: part-of-speech tag} over a `WordTable`'s keys: one small number per key instead of a dict."""

    def __init__(self, table: WordTable, tag_ids: array, names: list[str]):
        self._table = table
        self._ids = tag_ids  # per key id: 0 for no tag, else 1 + index into names
        self._names = [None, *names]

    @classmethod
    def build(cls, table: WordTable, tags: Mapping[str, str]) -> "WordTags":
        names: dict[str, int] = {}
        ids = array("H", bytes(2 * len(table)))
        for word, tag in tags.items():
            key = table.key_id(word)
            if key is not None:
                ids[key] = names.setdefault(tag, len(names) + 1)
        return cls(table, ids, list(names))

    def dumps(self) -> tuple[list[str], bytes]:
        """(tag names, tag numbers per key as bytes) for a cache file; `WordTags(table, ids, names)` reads them."""
        return self._names[1:], self._ids.tobytes()

    def update(self, tags: Mapping[str, str]) -> None:
        """Set the tags of these words (those that are keys of the table)."""
        for word, tag in tags.items():
            key = self._table.key_id(word)
            if key is not None:
                if tag not in self._names:
                    self._names.append(tag)
                self._ids[key] = self._names.index(tag)

    def get(self, word: str, default=None):
        key = self._table.key_id(word)
        tag = self._names[self._ids[key]] if key is not None else None
        return default if tag is None else tag

    def __getitem__(self, word: str) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def items(self) -> Iterator[tuple[str, str]]:
        names, ids, key_id = self._names, self._ids, self._table.key_id
        for word in self._table:
            tag = names[ids[key_id(word)]]
            if tag is not None:
                yield word, tag

    def __len__(self) -> int:
        return sum(1 for tag_id in self._ids if tag_id)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Mapping, WordTags)):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None
