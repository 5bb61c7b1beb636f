"""The entity names the tagger saw in training (江泽民 PER, 联合国 ORG …), shipped inside its model file: the
longest match covering a character is one of the tagger's features (`tagger.char_features`)."""

from __future__ import annotations


class Lexicon:
    """Entity names seen in training (江泽民 PER, 联合国 ORG …): the longest match covering a
    character is a feature. Shipped inside the model file, because the weights were learnt with it."""

    def __init__(self, entries: list[tuple[str, str]] = ()):
        self.entries = sorted(set(entries))
        self.by_first_char: dict[str, list[tuple[str, str]]] = {}
        for name, kind in self.entries:
            self.by_first_char.setdefault(name[0], []).append((name, kind))
        for candidates in self.by_first_char.values():
            candidates.sort(key=lambda entry: -len(entry[0]))
        self._first_chars = None  # a regular expression of the first characters, compiled at the first text
        self._by_length: dict[str, list[tuple[int, dict[str, str]]]] = {}

    def marks(self, text: str) -> list[str]:
        marks = [""] * len(text)
        for i, mark in self.sparse_marks(text).items():
            marks[i] = mark
        return marks

    def sparse_marks(self, text: str) -> dict[int, str]:
        """`marks` of the characters that have one, by offset. Names are matched from left to right, the
        longest at each place; the search jumps from one possible first character to the next."""
        import re

        if self._first_chars is None:  # built once; the pattern is set last, so other threads see both or none
            # per first character, (length, {name: kind}) longest first: the first entry of a name wins
            by_length = {}
            for first, candidates in self.by_first_char.items():
                lengths: dict[int, dict[str, str]] = {}
                for name, kind in candidates:
                    lengths.setdefault(len(name), {}).setdefault(name, kind)
                by_length[first] = sorted(lengths.items(), reverse=True)
            self._by_length = by_length
            self._first_chars = re.compile("[" + "".join(map(re.escape, sorted(self.by_first_char))) + "]"
                                           if self.by_first_char else "(?!)")
        marks: dict[int, str] = {}
        i = 0
        search, by_length = self._first_chars.search, self._by_length
        while (found := search(text, i)) is not None:
            i = found.start()
            for length, names in by_length[text[i]]:
                kind = names.get(text[i:i + length])
                if kind is not None:
                    end = i + length
                    for j in range(i, end):
                        marks[j] = ("S" if length == 1 else "B" if j == i else "E" if j == end - 1 else "M") + kind
                    i = end
                    break
            else:
                i += 1
        return marks
