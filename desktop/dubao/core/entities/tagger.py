"""The statistical part of entity extraction: a character-level sequence tagger for PER / LOC / ORG.

An averaged structured perceptron over BIOES tags, decoded with Viterbi in numpy (several texts in the same steps:
`spans_many`, `viterbi`). The features are spelt as strings by `char_features` (training reads those); tagging
computes the same features as rows of the weight matrix for a whole text, or a batch of texts, at once
(`tagger_ids`), with the same scores. Features per character: the characters and character pairs around it,
character classes, and the word jieba puts it in (position in the word, part of speech, the word itself, the
neighbouring words' parts of speech).
jieba's dictionary tags (nr/ns/nt) act as a large built-in gazetteer this way. A tagger trained with
Baidu LAC's analysis (`entities_lac`: its words, tags and score margins) also reads those; the
perceptron learns how far to trust LAC under People's Daily's conventions.

The weights are trained by `benchmarks/builders/entities_train.py` and shipped as
`resources/data/entities_tagger.json.gz`. `Tagger.spans(text)` gives (kind, start, end) with kind in
PER / LOC / ORG, offsets in code points.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from dubao.core.entities.lexicon import Lexicon
from dubao.core.entities.pos_words import segmenter, words_with_pos  # noqa: F401  (the tagger's words)
from dubao.core.text import is_han

KINDS = ("PER", "LOC", "ORG")
TAGS = ("O",) + tuple(f"{prefix}-{kind}" for kind in KINDS for prefix in "BIES")
TAG_INDEX = {tag: index for index, tag in enumerate(TAGS)}

# Words that end organisation / place names; the distance to the next one is a feature, so the tagger
# sees 中国能源建设集团有限公司 coming before it reaches 公司.
ORG_ENDINGS = ("公司", "集团", "委员会", "大学", "学院", "学校", "中学", "小学", "协会", "银行", "医院", "研究院",
                "研究所", "中心", "政府", "法院", "检察院", "部", "局", "厅", "委", "办", "队", "社", "党", "军",
                "组织", "联盟", "基金会", "厂", "院", "所", "站", "会", "报", "台")
_PLACE_ENDINGS = ("省", "市", "县", "区", "镇", "乡", "村", "河", "江", "湖", "山", "岛", "州", "湾", "海", "路",
                  "街", "峡", "港", "地区", "流域", "盆地", "高原", "平原")


def _distance_to(text: str, endings: tuple[str, ...], n: int) -> list[str]:
    """Per character: chars until the nearest following ending (capped), as a string bucket."""
    ends = sorted({m for ending in endings for m in _find_all(text, ending)})
    distances = ["-"] * n
    following = None
    pointer = len(ends) - 1
    for i in range(n - 1, -1, -1):
        while pointer >= 0 and ends[pointer] >= i:
            following = ends[pointer]
            pointer -= 1
        if following is not None and following - i <= 10:
            distances[i] = str(following - i)
    return distances


def _find_all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start != -1:
        found.append(start + len(word) - 1)
        start = text.find(word, start + 1)
    return found


def _char_class(char: str) -> str:
    if char.isdigit() or char in "零一二三四五六七八九十百千万亿两〇":
        return "d"
    if char.isascii() and char.isalpha():
        return "a"
    if is_han(char):
        return "h"
    if char.isspace():
        return "s"
    return "p"


def char_features(text: str, words: list[tuple[str, str]] | None = None,
                  lexicon: "Lexicon | None" = None, extra: list[list[str]] | None = None) -> list[list[str]]:
    """Feature strings for every character of `text` (`words` = jieba's (word, pos) over it;
    `lexicon` = names seen in the training data, whose matches are a feature; `extra` = more feature
    strings per character, LAC's from `entities_lac.features`)."""
    if words is None:
        words = words_with_pos(text)
    n = len(text)
    # per character: position in its word (B/M/E/S), the word, its POS, the previous/next words' POS
    in_word = [""] * n
    word_of = [""] * n
    pos_of = [""] * n
    prev_pos = [""] * n
    next_pos = [""] * n
    offset = 0
    word_spans = []
    for word, pos in words:
        word_spans.append((offset, offset + len(word), word, pos))
        offset += len(word)
    for index, (start, end, word, pos) in enumerate(word_spans):
        before = word_spans[index - 1][3] if index > 0 else "^"
        after = word_spans[index + 1][3] if index + 1 < len(word_spans) else "$"
        for i in range(start, min(end, n)):
            if end - start == 1:
                in_word[i] = "S"
            elif i == start:
                in_word[i] = "B"
            elif i == end - 1:
                in_word[i] = "E"
            else:
                in_word[i] = "M"
            word_of[i] = word if len(word) <= 6 else ""
            pos_of[i] = pos
            prev_pos[i] = before
            next_pos[i] = after
    known = _known_names(text, n)
    seen = lexicon.marks(text) if lexicon is not None else [""] * n
    to_org = _distance_to(text, ORG_ENDINGS, n)
    to_place = _distance_to(text, _PLACE_ENDINGS, n)
    padded = "^^" + text + "$$"
    classes = "^^" + "".join(_char_class(c) for c in text) + "$$"
    features = []
    for i in range(n):
        j = i + 2  # index into padded
        c_2, c_1, c0, c1, c2 = padded[j - 2], padded[j - 1], padded[j], padded[j + 1], padded[j + 2]
        position = in_word[i]
        features.append([
            "b",
            "c-2" + c_2, "c-1" + c_1, "c0" + c0, "c1" + c1, "c2" + c2,
            "p-1" + c_1 + c0, "p0" + c0 + c1, "p-2" + c_2 + c_1, "p1" + c1 + c2, "k" + c_1 + c1,
            "t" + classes[j - 1:j + 2],
            "wp" + position + pos_of[i],
            "w" + position + word_of[i],
            "pp" + prev_pos[i] + position,
            "np" + next_pos[i] + position,
            "cp" + c0 + pos_of[i],
            "cwp" + c0 + position,
            "gz" + known[i],
            "gzc" + known[i] + c0,
            "lx" + seen[i],
            "oe" + to_org[i] + position,
            "le" + to_place[i] + position,
        ])
    if extra:
        for char_features_, more in zip(features, extra):
            char_features_.extend(more)
    return features


def _known_names(text: str, n: int) -> list[str]:
    """Per character: its position (B/M/E/S) and kind in a gazetteer name or Party body, or ""."""
    marks = [""] * n
    for i, mark in known_marks(text).items():
        marks[i] = mark
    return marks


def known_marks(text: str) -> dict[int, str]:
    """`_known_names` of the characters that have a mark, by offset."""
    from dubao.core.entities.gazetteer import find_party_bodies, known_names

    marks: dict[int, str] = {}
    found = [(kind, start, end) for _s, kind, start, end in known_names(text)]
    found += [("organization", start, end) for _s, start, end in find_party_bodies(text)]
    for kind, start, end in found:
        for i in range(start, end):
            if i in marks:
                continue
            position = "S" if end - start == 1 else "B" if i == start else "E" if i == end - 1 else "M"
            marks[i] = position + kind[0]
    return marks


class Tagger:
    """Averaged-perceptron weights and Viterbi decoding; read-only once built, so thread-safe."""

    def __init__(self, weights: dict[str, dict[int, float]], transitions: list[list[float]],
                 lexicon: Lexicon | None = None, uses_lac: bool = False):
        self.weights = weights
        self.transitions = transitions
        self.lexicon = lexicon or Lexicon()
        self.uses_lac = uses_lac  # trained with LAC's features (entities_lac), so it wants them
        self._rows: dict[str, int] = {}  # feature -> row of self._matrix
        self._matrix = None
        self._tables = None  # the features' rows by integer keys (tagger_ids.Tables)
        self._build_matrix()
        # for each tag, the tags that may precede it (BIOES grammar), so Viterbi skips the rest
        self._previous = [[a for a in range(len(TAGS)) if _transition_allowed(TAGS[a], TAGS[b])]
                          for b in range(len(TAGS))]
        self._start_allowed = [tag == "O" or tag[0] in "BS" for tag in TAGS]

    # ---- inference -------------------------------------------------------------------------

    def emission_scores(self, features: list[list[str]]):
        """Per character, the summed weights of its features for every tag (characters × tags array)."""
        import numpy

        rows, unknown = self._rows, len(self._rows)
        width = max((len(char_features_) for char_features_ in features), default=0)
        ids = numpy.full((len(features), width), -1, dtype=numpy.int64)
        for i, char_features_ in enumerate(features):
            ids[i, :len(char_features_)] = [rows.get(feature, unknown) for feature in char_features_]
        return self.summed_rows(ids)

    def summed_rows(self, ids):
        """Per character, the sum of the matrix rows `ids[character]` names (-1: no feature there). One numpy
        gather and segmented sum over a feature × tag matrix; numpy's segmented sum adds in its own order, so
        the absent features are left out rather than added as zeros: the floats stay the same to the last bit."""
        import numpy

        scores = numpy.zeros((len(ids), len(TAGS)))
        for first in range(0, len(ids), 4096):  # bounded temporaries on a very long text
            chunk = ids[first:first + 4096]
            present = chunk >= 0
            counts = present.sum(axis=1)
            scores[first:first + 4096] = numpy.add.reduceat(self._matrix[chunk[present]],
                                                            numpy.cumsum(counts) - counts, axis=0)
        return scores

    def _build_matrix(self) -> None:
        import numpy

        rows = {feature: row for row, feature in enumerate(self.weights)}
        matrix = numpy.zeros((len(rows) + 1, len(TAGS)))  # the last row: features the model never kept
        for feature, entry in self.weights.items():
            for tag, weight in entry.items():
                matrix[rows[feature], tag] = weight
        self._matrix, self._rows = matrix, rows

    def decode(self, features: list[list[str]]) -> list[int]:
        return self._viterbi(self.emission_scores(features))

    def _viterbi(self, emissions) -> list[int]:
        return self._viterbi_many([emissions])[0]

    def _viterbi_many(self, sequences, rows: int = 16) -> list[list[int]]:
        """The best tag path of each sequence of emission scores, all decoded in the same steps (`viterbi`)."""
        from dubao.core.entities.viterbi import best_paths

        closing = [tag == "O" or tag[0] in "ES" for tag in TAGS]  # the last tag must close any entity
        return best_paths(sequences, self.transitions, self._previous, self._start_allowed, closing, rows)

    def features(self, text: str, words: list[tuple[str, str]] | None = None) -> list[list[str]]:
        """The feature strings this tagger was trained with, for every character of `text`."""
        extra = None
        if self.uses_lac:
            from dubao.core.entities import lac as entities_lac

            extra = entities_lac.features(text)
        return char_features(text, words, self.lexicon, extra)

    def tags(self, text: str, words: list[tuple[str, str]] | None = None) -> list[str]:
        return [TAGS[i] for i in self._viterbi(self.summed_rows(self.feature_rows(text, words)))]

    def feature_rows(self, text: str, words: list[tuple[str, str]] | None = None):
        """`features(text, words)` as rows of the weight matrix (characters × features array), computed for
        the whole text at once (`tagger_ids`): the same scores, several times faster than the strings."""
        from dubao.core.entities.tagger_ids import feature_rows

        return feature_rows(self._id_tables(), text, words_with_pos(text) if words is None else words, self.lexicon,
                            self.lac_analysis(text))

    def _id_tables(self):
        from dubao.core.entities.tagger_ids import Tables

        if self._tables is None:  # read from the weights at the first text (training never needs them)
            self._tables = Tables(self._rows)
        return self._tables

    def lac_analysis(self, text: str):
        """LAC's analysis of `text` when this tagger reads LAC's features (None for an empty text, or without LAC)."""
        if not (self.uses_lac and text):
            return None
        from dubao.core.entities import lac as entities_lac

        return entities_lac.analysis(text)

    def spans(self, text: str, words: list[tuple[str, str]] | None = None) -> list[tuple[str, int, int]]:
        return tags_to_spans(self.tags(text, words))

    def spans_many(self, texts: list[tuple[str, list[tuple[str, str]]]],
                   analyses: list | None = None) -> list[list[tuple[str, int, int]]]:
        """`spans(text, words)` of several (text, words), their features computed and decoded together
        (`tagger_ids.feature_rows_many`, `_viterbi_many`): a paragraph costs what its characters cost, not a
        text's fixed costs. `analyses`: LAC's analysis of each text (`lac.analysis`), when the caller has them."""
        import numpy

        from dubao.core.entities.tagger_ids import feature_rows_many

        if analyses is None:
            analyses = [self.lac_analysis(text) for text, _words in texts]
        rows = feature_rows_many(self._id_tables(), [(text, words, analysis) for (text, words), analysis
                                                     in zip(texts, analyses)], self.lexicon)
        emissions: list = [None] * len(rows)
        by_width: dict[int, list[int]] = {}  # texts read alone may lack LAC's columns: summed apart
        for k, text_rows in enumerate(rows):
            by_width.setdefault(text_rows.shape[1], []).append(k)
        for chosen in by_width.values():
            summed = self.summed_rows(numpy.concatenate([rows[k] for k in chosen]))
            bounds = numpy.cumsum([0, *(len(rows[k]) for k in chosen)]).tolist()
            for k, start, end in zip(chosen, bounds, bounds[1:]):
                emissions[k] = summed[start:end]
        return [tags_to_spans([TAGS[i] for i in path]) for path in self._viterbi_many(emissions)]

    def pruned(self, min_abs: float) -> "Tagger":
        """Drop weights smaller than `min_abs`: at 1.5 a quarter of the features remain, held-out
        F1 is unchanged (0.749 vs 0.749 on PD dev), loading and tagging get faster."""
        weights = {}
        for feature, entry in self.weights.items():
            kept = {tag: w for tag, w in entry.items() if abs(w) >= min_abs}
            if kept:
                weights[feature] = kept
        return Tagger(weights, self.transitions, self.lexicon, self.uses_lac)

    # ---- persistence -----------------------------------------------------------------------

    def save(self, path: Path, scale: int = 100) -> None:
        """Weights rounded to integers / `scale` (a smaller file; accuracy is unchanged)."""
        packed = {}
        for feature, entry in self.weights.items():
            kept = {str(tag): round(w * scale) for tag, w in entry.items() if round(w * scale)}
            if kept:
                packed[feature] = kept
        data = {
            "tags": list(TAGS),
            "scale": scale,
            "transitions": [[round(w * scale) for w in row] for row in self.transitions],
            "weights": packed,
            "lexicon": [list(entry) for entry in self.lexicon.entries],
            "features": ["lac"] if self.uses_lac else [],
        }
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> "Tagger":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        if data["tags"] != list(TAGS):
            raise ValueError(f"{path}: tagger was trained with other tags")
        scale = float(data["scale"])
        weights = {
            feature: {int(tag): w / scale for tag, w in entry.items()}
            for feature, entry in data["weights"].items()
        }
        transitions = [[w / scale for w in row] for row in data["transitions"]]
        return cls(weights, transitions, Lexicon([tuple(entry) for entry in data.get("lexicon", [])]),
                   uses_lac="lac" in data.get("features", []))


def _transition_allowed(a: str, b: str) -> bool:
    """BIOES grammar: inside an entity only I/E of the same kind may follow."""
    a_open = a[0] in "BI"
    if a_open:
        return b[0] in "IE" and b[2:] == a[2:]
    return b == "O" or b[0] in "BS"


def tags_to_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """BIOES or BIO tags -> (kind, start, end). Lenient: a stray I starts a span."""
    spans = []
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, tag_kind = tag.partition("-")
        if start is not None and (prefix in ("O", "B", "S") or tag_kind != kind):
            spans.append((kind, start, i))
            start, kind = None, None
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, kind = i, tag_kind
        if prefix in ("E", "S") and start is not None:
            spans.append((kind, start, i + 1))
            start, kind = None, None
    return spans
