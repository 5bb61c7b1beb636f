"""The entity tagger's features as rows of its weight matrix, for a whole text at once.

`tagger.char_features` spells every feature of every character as a string (23 to 36 a character) and the
tagger then looks each one up in its weights: that was most of the time entity finding took. Here every
feature template gets an integer code per character from numpy arrays (the character, its word, its
position in the word …); only the distinct codes are spelt as strings and looked up, once each.

`feature_rows(...)` gives a characters × columns array of rows of the tagger's weight matrix. Column k is the
k-th feature `char_features` (and `lac.features`) would list, so `Tagger.summed_rows` adds the very rows the
strings give, in the same order: the same floats. A feature the model never kept is the zero row; one a character does not
have (LAC's margin features, its named-word length), is `ABSENT` (-1) and left out of the sum.
"""

from __future__ import annotations

import numpy

from dubao.core.entities.tagger import ORG_ENDINGS, _PLACE_ENDINGS, _char_class, _find_all, known_marks

POSITIONS = ("B", "M", "E", "S", "")  # a character's place in its word; "" = no word covers it
_NO_WORD = 4
ABSENT = -1  # a feature a character does not have (not the same as one the model never kept: see summed_rows)
_CLASSES = "dahsp^$"  # `_char_class` values, then the padding before and after the text
_FAR = 11  # distance code for "no ending within 10 characters" ("-")

# (feature prefix, offset of its first and second character from the current one)
_CHAR_TEMPLATES = (("c-2", -2), ("c-1", -1), ("c0", 0), ("c1", 1), ("c2", 2))
_PAIR_TEMPLATES = (("p-1", -1, 0), ("p0", 0, 1), ("p-2", -2, -1), ("p1", 1, 2), ("k", -1, 1))


class _Rows:
    """Feature string -> matrix row, with `unknown` (the zero row) for features the model never kept."""

    def __init__(self, rows: dict[str, int]):
        self.rows = rows
        self.unknown = len(rows)

    def table(self, spelt) -> numpy.ndarray:
        get, unknown = self.rows.get, self.unknown
        return numpy.fromiter((get(feature, unknown) for feature in spelt), dtype=numpy.int64)


_UNICODE = 0x110000  # keys pairing a code with a character: code * _UNICODE + ord(character)
_SHIFT = 42  # a key (< 2 ** 41: two characters at most) behind the number of its template
_NO_KEY = (1 << _SHIFT) - 1  # stands for a key with a part no feature of the model holds: found in no table


class _Keyed:
    """One template's rows by integer key (sorted keys searched with numpy); any other key: `unknown`."""

    def __init__(self, entries: dict[int, int], unknown: int):
        keys = sorted(entries)
        self.keys = numpy.array(keys or [-1], dtype=numpy.int64)
        self.rows = numpy.array([entries[key] for key in keys] or [unknown], dtype=numpy.int64)
        self.unknown = unknown

    def __call__(self, keys: numpy.ndarray) -> numpy.ndarray:
        at = numpy.minimum(numpy.searchsorted(self.keys, keys), len(self.keys) - 1)
        return numpy.where(self.keys[at] == keys, self.rows[at], self.unknown)


class Tables:
    """The templates with many values (characters, character pairs, words, a character with its word's part of
    speech …) as `_Keyed` tables, read once from the model's feature strings: looking a text's features up is
    then a numpy search, with no string spelt. A feature string is read back into its parts exactly as the
    template spells it (one character is one code point, a position one of B/M/E/S), so a key is found exactly
    when the string it stands for is a feature of the model."""

    def __init__(self, rows: dict[str, int]):
        self.rows = _Rows(rows)
        self.pos: dict[str, int] = {}  # parts of speech, known-name marks, LAC tags, words -> codes
        self.marks: dict[str, int] = {}
        self.lac_tags: dict[str, int] = {}
        self.words: dict[str, int] = {}
        self.margins: list[numpy.ndarray] | None = None  # LAC's margin features' rows (see _lac_columns)
        entries: dict[str, dict[int, int]] = {name: {} for name in (
            *(prefix for prefix, _offset in _CHAR_TEMPLATES), *(prefix for prefix, _a, _b in _PAIR_TEMPLATES),
            "w", "cp", "cwp", "gzc", "Lc")}
        singles = {prefix for prefix, _offset in _CHAR_TEMPLATES}
        pairs = {prefix for prefix, _a, _b in _PAIR_TEMPLATES}
        for feature, row in rows.items():
            for size in (2, 3):
                prefix = feature[:-1] if size == 2 else feature[:-2]
                if len(feature) > 1 and size == 2 and prefix in singles:
                    entries[prefix][ord(feature[-1])] = row
                if len(feature) > 2 and size == 3 and prefix in pairs:
                    entries[prefix][ord(feature[-2]) * _UNICODE + ord(feature[-1])] = row
            if feature.startswith("cwp") and len(feature) >= 4 and feature[4:] in POSITIONS:
                entries["cwp"][POSITIONS.index(feature[4:]) * _UNICODE + ord(feature[3])] = row
            elif feature.startswith("cp") and len(feature) >= 3:
                entries["cp"][self._code(self.pos, feature[3:]) * _UNICODE + ord(feature[2])] = row
            elif feature.startswith("gzc") and len(feature) >= 4:
                entries["gzc"][self._code(self.marks, feature[3:-1]) * _UNICODE + ord(feature[-1])] = row
            elif feature.startswith("Lc") and len(feature) >= 3:
                entries["Lc"][self._code(self.lac_tags, feature[3:]) * _UNICODE + ord(feature[2])] = row
            elif feature == "w":  # no word covers the character: no position, no word
                entries["w"][self._code(self.words, "") * 5 + POSITIONS.index("")] = row
            elif feature[:1] == "w" and feature[1:2] in ("B", "M", "E", "S"):
                entries["w"][self._code(self.words, feature[2:]) * 5 + POSITIONS.index(feature[1])] = row
        # all templates in one table, each key behind its template's number: a text's lookups are one search
        self.template = {name: number for number, name in enumerate(entries)}
        self.keyed = _Keyed({(self.template[name] << _SHIFT) + key: row
                             for name, found in entries.items() for key, row in found.items()}, self.rows.unknown)

    @staticmethod
    def _code(codes: dict[str, int], value: str) -> int:
        return codes.setdefault(value, len(codes))

    @staticmethod
    def codes_of(codes: dict[str, int], values) -> numpy.ndarray:
        """Codes of `values`, -1 for a value no feature of the model holds (so no key of it is found)."""
        return numpy.fromiter((codes.get(value, -1) for value in values), dtype=numpy.int64)


def _sparse_codes(marks: dict[int, str], n: int) -> tuple[numpy.ndarray, list[str]]:
    """Codes of the marks of `n` characters (code 0 = "", no mark) given the marked ones by offset."""
    found, spelt = _interned(["", *marks.values()])
    codes = numpy.zeros(n, dtype=numpy.int64)
    codes[numpy.fromiter(marks, dtype=numpy.int64, count=len(marks))] = found[1:]
    return codes, spelt


def _interned(values) -> tuple[numpy.ndarray, list[str]]:
    """Integer codes for strings, and the strings by code."""
    index: dict[str, int] = {}
    codes = numpy.fromiter((index.setdefault(value, len(index)) for value in values), dtype=numpy.int64)
    return codes, list(index)


def _distance_codes(padded: str, endings: tuple[str, ...], here: numpy.ndarray,
                    ends_of: numpy.ndarray) -> numpy.ndarray:
    """Per character (at `here` in `padded`), characters until the nearest following ending of its own text when 10
    or fewer, else `_FAR` (`tagger._distance_to` as codes). `ends_of`: per character, where its text ends in
    `padded` (an ending is all Han, so none runs across the padding between two texts)."""
    ends = numpy.array(sorted({m for ending in endings for m in _find_all(padded, ending)}), dtype=numpy.int64)
    if not len(ends):
        return numpy.full(len(here), _FAR, dtype=numpy.int64)
    following = numpy.searchsorted(ends, here)
    at = ends[numpy.minimum(following, len(ends) - 1)]
    distance = at - here
    return numpy.where((following < len(ends)) & (at < ends_of) & (distance <= 10), distance, _FAR)


def _word_positions(lengths: numpy.ndarray, n: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Per character: the index of the word covering it (len(lengths) where none does) and its position code."""
    count = len(lengths)
    starts = numpy.cumsum(lengths) - lengths
    word = numpy.repeat(numpy.arange(count, dtype=numpy.int64), lengths)[:n]
    if len(word) < n:
        word = numpy.concatenate([word, numpy.full(n - len(word), count, dtype=numpy.int64)])
    covered = word < count
    safe = numpy.minimum(word, max(count - 1, 0))
    length = lengths[safe] if count else numpy.zeros(n, dtype=numpy.int64)
    offset = numpy.arange(n, dtype=numpy.int64) - (starts[safe] if count else 0)
    position = numpy.where(length == 1, 3, numpy.where(offset == 0, 0, numpy.where(offset == length - 1, 2, 1)))
    return word, numpy.where(covered, position, _NO_WORD)


def _per_character(names: list[str], word: numpy.ndarray, firsts: numpy.ndarray):
    """Codes per character of its word's value, the previous word's ("^" at the start of its text) and the next
    word's ("$" at the end of its text), "" where no word covers it; and the values spelt by code. `firsts`: the
    index of each text's first word (the words of several texts follow one another in `names`)."""
    codes, spelt = _interned(["", "^", "$", *names])  # "" is 0, "^" 1, "$" 2
    own = codes[3:]
    none = numpy.zeros(1, dtype=numpy.int64)  # the last entry: characters no word covers
    before = numpy.concatenate([[1], own[:-1]]) if len(own) else own
    after = numpy.concatenate([own[1:], [2]]) if len(own) else own
    if len(own):
        before[firsts] = 1
        after[firsts[1:] - 1] = 2
    return (*(numpy.concatenate([values, none])[word] for values in (own, before, after)), spelt)


class _Columns:
    """The feature columns of one text, their lookups made together at the end: one numpy search for every
    keyed template and one `unique` for every spelt one, so that a short paragraph costs a few numpy calls
    rather than dozens."""

    def __init__(self, tables: Tables):
        self.tables = tables
        self.columns: list = []  # an array of rows, or (kind, index, where the feature is present)
        self.keys: list[numpy.ndarray] = []
        self.codes: list[numpy.ndarray] = []
        self.spells: list = []

    def add(self, rows: numpy.ndarray) -> None:
        self.columns.append(rows)

    def keyed(self, template: str, keys: numpy.ndarray) -> None:
        self.keys.append(numpy.where(keys < 0, _NO_KEY, keys) + (self.tables.template[template] << _SHIFT))
        self.columns.append(("keyed", len(self.keys) - 1, None))

    def spelt(self, codes: numpy.ndarray, spell, present: numpy.ndarray | None = None) -> None:
        """Rows of the features `spell(code)` (codes >= 0); `present`: where the feature exists at all."""
        self.codes.append(codes + (len(self.spells) << _SHIFT))
        self.spells.append(spell)
        self.columns.append(("spelt", len(self.spells) - 1, present))

    def rows(self, n: int) -> numpy.ndarray:
        found = {}
        if self.keys:
            found["keyed"] = self.tables.keyed(numpy.concatenate(self.keys)).reshape(len(self.keys), n)
        if self.codes:
            distinct, inverse = numpy.unique(numpy.concatenate(self.codes), return_inverse=True)
            mask, spells = (1 << _SHIFT) - 1, self.spells
            table = self.tables.rows.table(spells[code >> _SHIFT](code & mask) for code in distinct.tolist())
            found["spelt"] = table[inverse.reshape(-1)].reshape(len(self.codes), n)
        result = numpy.empty((n, len(self.columns)), dtype=numpy.int64)
        for number, column in enumerate(self.columns):
            if isinstance(column, tuple):
                kind, index, present = column
                column = found[kind][index]
                if present is not None:
                    column = numpy.where(present, column, ABSENT)
            result[:, number] = column
        return result


def feature_rows(tables: Tables, text: str, words: list[tuple[str, str]], lexicon,
                 lac_analysis=None) -> numpy.ndarray:
    """Matrix rows of `char_features(text, words, lexicon, lac.features(text))`, characters × columns.
    `lac_analysis` = LAC's (scores, spans) of `text`, or None where the tagger reads no LAC."""
    return _rows_together(tables, [(text, words, lac_analysis)], lexicon)[0]


def feature_rows_many(tables: Tables, texts: list[tuple[str, list[tuple[str, str]], object]],
                      lexicon) -> list[numpy.ndarray]:
    """`feature_rows` of several (text, words, LAC's analysis), the same rows, computed together: a short
    paragraph alone costs a few dozen numpy calls and string look-ups whatever its length, so a real issue's
    paragraphs are computed as one text. Texts whose words do not cover them exactly (and empty ones) are
    computed alone."""
    result: list[numpy.ndarray | None] = [None] * len(texts)
    together = [k for k, (text, words, _analysis) in enumerate(texts)
                if text and sum(len(word) for word, _pos in words) == len(text)]
    with_lac = {k for k in together if texts[k][2] is not None}
    for chosen in ([k for k in together if k in with_lac], [k for k in together if k not in with_lac]):
        if chosen:
            for k, rows in zip(chosen, _rows_together(tables, [texts[k] for k in chosen], lexicon)):
                result[k] = rows
    for k, item in enumerate(texts):
        if result[k] is None:
            result[k] = _rows_together(tables, [item], lexicon)[0]
    return result


def _rows_together(tables: Tables, texts: list[tuple[str, list[tuple[str, str]], object]],
                   lexicon) -> list[numpy.ndarray]:
    """`feature_rows` of one text, or of several whose words cover them exactly and that all have LAC's analysis
    or none has. The texts are laid one after another, each padded as `char_features` pads it (^^text$$), so a
    character's neighbours are those it has in its own text; each text's first and last words see "^" and "$";
    marks and distances to endings are each text's own."""
    table = tables.rows
    sizes = [len(text) for text, _words, _analysis in texts]
    n = sum(sizes)
    padded = "".join("^^" + text + "$$" for text, _words, _analysis in texts)
    ords = numpy.fromiter(map(ord, padded), dtype=numpy.int64, count=len(padded))
    starts = numpy.cumsum([0, *sizes])  # where each text begins among the characters of all
    pads = numpy.arange(len(texts), dtype=numpy.int64) * 4
    size_array = numpy.array(sizes, dtype=numpy.int64)
    text_of = numpy.repeat(numpy.arange(len(texts), dtype=numpy.int64), size_array)
    here = numpy.arange(n, dtype=numpy.int64) + 2 + pads[text_of]  # each character's place in `padded`
    opening = starts[:-1] + pads  # where each text's ^^ is in `padded`
    closing = starts[1:] + 2 + pads  # where its $$ is: where the text ends
    ends_of = closing[text_of]

    def at(offset: int) -> numpy.ndarray:  # each character's neighbour `offset` away, as a code point
        return ords[here + offset]

    columns = _Columns(tables)
    columns.add(numpy.full(n, table.rows.get("b", table.unknown), dtype=numpy.int64))
    for prefix, offset in _CHAR_TEMPLATES:
        columns.keyed(prefix, at(offset))
    for prefix, first, second in _PAIR_TEMPLATES:
        columns.keyed(prefix, at(first) * _UNICODE + at(second))
    distinct, inverse = numpy.unique(ords, return_inverse=True)
    classes = numpy.array([_CLASSES.index(_char_class(chr(code))) for code in distinct.tolist()],
                          dtype=numpy.int64)[inverse.reshape(-1)]
    for offset in (0, 1):
        classes[opening + offset], classes[closing + offset] = _CLASSES.index("^"), _CLASSES.index("$")
    columns.spelt(classes[here - 1] * 49 + classes[here] * 7 + classes[here + 1],
                  lambda code: "t" + _CLASSES[code // 49] + _CLASSES[code // 7 % 7] + _CLASSES[code % 7])

    # the word jieba puts each character in: its part of speech, the word, its neighbours' parts of speech
    words = [word for _text, text_words, _analysis in texts for word in text_words]
    firsts = numpy.cumsum([0, *(len(text_words) for _text, text_words, _analysis in texts)])[:-1]
    lengths = numpy.fromiter((len(word) for word, _pos in words), dtype=numpy.int64, count=len(words))
    word, position = _word_positions(lengths, n)
    pos_names = [pos for _word, pos in words]
    pos_of, before, after, pos_spelt = _per_character(pos_names, word, firsts)
    c0 = at(0)
    columns.spelt(pos_of * 5 + position, lambda code: "wp" + POSITIONS[code % 5] + pos_spelt[code // 5])
    word_codes = tables.codes_of(tables.words, [w if len(w) <= 6 else "" for w, _pos in words] + [""])
    columns.keyed("w", word_codes[word] * 5 + position)
    columns.spelt(before * 5 + position, lambda code: "pp" + pos_spelt[code // 5] + POSITIONS[code % 5])
    columns.spelt(after * 5 + position, lambda code: "np" + pos_spelt[code // 5] + POSITIONS[code % 5])
    columns.keyed("cp", tables.codes_of(tables.pos, pos_spelt)[pos_of] * _UNICODE + c0)
    columns.keyed("cwp", position * _UNICODE + c0)

    known, known_spelt = _sparse_codes(_each_text(known_marks, texts, starts), n)
    columns.add(table.table("gz" + mark for mark in known_spelt)[known])
    columns.keyed("gzc", tables.codes_of(tables.marks, known_spelt)[known] * _UNICODE + c0)
    seen, seen_spelt = _sparse_codes(_each_text(lexicon.sparse_marks, texts, starts), n)
    columns.add(table.table("lx" + mark for mark in seen_spelt)[seen])
    for prefix, endings in (("oe", ORG_ENDINGS), ("le", _PLACE_ENDINGS)):
        columns.spelt(_distance_codes(padded, endings, here, ends_of) * 5 + position,
                      lambda code, p=prefix: p + (str(code // 5) if code // 5 < _FAR else "-")
                      + POSITIONS[code % 5])
    if texts[0][2] is not None:
        _lac_columns(columns, n, c0, [analysis for _text, _words, analysis in texts])
    rows = columns.rows(n)
    return [rows[start:end] for start, end in zip(starts[:-1].tolist(), starts[1:].tolist())]


def _each_text(marks_of, texts, starts) -> dict[int, str]:
    """`marks_of(text)` (marks by offset) of every text, by offset among the characters of all."""
    if len(texts) == 1:
        return marks_of(texts[0][0])
    return {start + i: mark for (text, _words, _analysis), start in zip(texts, starts.tolist())
            for i, mark in marks_of(text).items()}


def _lac_columns(columns: _Columns, n: int, c0: numpy.ndarray, analyses) -> None:
    """The rows of `lac.features(text)` of each text (`analyses`: LAC's (scores, spans) of each, one after
    another): LAC's word position and tag, its neighbours' tags, the character with the tag, a named word's
    length, then the margin buckets (absent ones as the zero row)."""
    from dubao.core.entities import lac as entities_lac

    tables = columns.tables
    table = tables.rows
    spans = [span for _scores, text_spans in analyses for span in text_spans]
    firsts = numpy.cumsum([0, *(len(text_spans) for _scores, text_spans in analyses)])[:-1]
    scores = analyses[0][0] if len(analyses) == 1 else numpy.concatenate([each for each, _spans in analyses])
    lengths = numpy.fromiter((end - start for start, end, _tag in spans), dtype=numpy.int64, count=len(spans))
    word, position = _word_positions(lengths, n)
    tag, before, after, spelt = _per_character([tag for _start, _end, tag in spans], word, firsts)
    kinds = len(spelt)
    columns.spelt(tag * 5 + position, lambda code: "L" + POSITIONS[code % 5] + spelt[code // 5])
    columns.spelt((before * 5 + position) * kinds + tag, lambda code: "Lp" + spelt[code // kinds // 5]
                  + POSITIONS[code // kinds % 5] + spelt[code % kinds])
    columns.spelt((after * 5 + position) * kinds + tag, lambda code: "Ln" + spelt[code // kinds // 5]
                  + POSITIONS[code // kinds % 5] + spelt[code % kinds])
    columns.keyed("Lc", tables.codes_of(tables.lac_tags, spelt)[tag] * _UNICODE + c0)
    named = numpy.array([name in entities_lac.NAMED for name in spelt], dtype=bool)[tag]
    size = numpy.minimum(numpy.append(lengths, 0)[word], 8)
    columns.spelt((tag * 9 + size) * 5 + position, lambda code: "Ll" + spelt[code // 45]
                  + str(code // 5 % 9) + POSITIONS[code % 5], present=named)
    buckets = entities_lac.margin_buckets(scores)  # characters × margin tags, -1 = far behind
    if tables.margins is None:  # per margin tag, the rows of its buckets; bucket -1 (far behind) reads the last
        tables.margins = [numpy.append(table.table(names), ABSENT) for names in entities_lac.MARGIN_BUCKETS]
    for k, rows in enumerate(tables.margins):
        columns.add(rows[buckets[:, k]])
