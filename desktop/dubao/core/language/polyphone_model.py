"""A small trained model that picks the reading of a polyphonic character from its context.

For each character it knows (了 还 长 行 重 …) the model holds weights of context features
(`dubao.core.language.polyphone_features`) for each candidate reading, plus weights for trusting the dictionary's
proposal. Shared weights, learnt over all characters, score how far to trust each kind of proposal and
how likely a reading is from its candidate features (most common reading, share of dictionary words).
The reading with the highest score wins; a character the model does not know keeps the dictionary's reading.

It is a multiclass logistic regression (averaged stochastic gradient) trained by `benchmarks/builders/language_train_polyphone.py` on the CPP polyphone
benchmark's dev split (Apache-2.0), shipped as `resources/data/polyphone_model.json` and evaluated on a
held-out part of that split that it never saw. Inference is plain Python dictionary look-ups: no numpy,
no neural runtime, nothing downloaded.

Model file: {"format": 1, "chars": {char: {"candidates": [readings seen in training], "words":
{"w=<word>": [readings training saw for that word against the dictionary]}, "weights": {feature:
{label: w}}}}, "shared": {feature: w}}. In a character's weights the label "=" means "the dictionary's
proposal". A shared feature starting with "@" scores the candidate that has it; any other scores the
proposal.
"""

from __future__ import annotations

import json

from dubao.core import paths
from dubao.core.caches import cache_files, chunked_marshal
from dubao.core.language.polyphone_features import options, sites

MODEL_NAME = "polyphone_model.json"
PROPOSAL = "="
_CHARS_PER_SLICE = 32  # each character's weights are a few hundred entries: small slices keep each load short


class PolyphoneModel:
    """Per-character weights; `correct` rewrites readings in place. Read-only after loading, so thread-safe
    (the per-character reading-feature cache only ever gains equal values)."""

    def __init__(self, chars: dict[str, dict], shared: dict[str, float]):
        self._chars = chars
        self._shared = shared
        self._reading_cache: dict = {}
        self._corrected_words = {char: model.get("words", {}) for char, model in chars.items()}

    def __bool__(self) -> bool:
        return bool(self._chars)

    def knows(self, char: str) -> bool:
        return char in self._chars

    def predict(self, site) -> str:
        model = self._chars[site.char]
        weights = model["weights"]
        proposal = site.proposal
        allowed = options(site, model["candidates"], model.get("words", {}))
        if len(allowed) == 1:
            return proposal
        scores = dict.fromkeys(sorted(allowed), 0.0)  # sorted: ties resolve the same in every process
        shared = self._shared
        agreement = 0.0
        for feature in site.features():
            by_label = weights.get(feature)
            if by_label:
                for label, weight in by_label.items():
                    if label == PROPOSAL:
                        agreement += weight
                    elif label in scores:
                        scores[label] += weight
            agreement += shared.get(feature, 0.0)
        scores[proposal] += agreement
        for label, features in site.candidate_features().items():
            if label in scores:
                for feature in features:
                    scores[label] += shared.get(feature, 0.0)
        best, best_score = proposal, scores[proposal]  # ties go to the dictionary's proposal
        for label, score in scores.items():
            if score > best_score:
                best, best_score = label, score
        return best

    def correct(self, words: list[str], readings, sources: list[str], tables) -> dict[int, list[str]]:
        """Re-decide the reading of every polyphonic character the model knows, given the dictionary's
        `readings` (one sequence of syllables per word) from `tables` (`pinyin_table.ReadingTables`).
        Returns {word index: its new syllables} for the words whose reading changed."""
        changed: dict[int, list[str]] = {}
        if not self._chars:
            return changed
        for site in sites(words, readings, sources, self._chars, tables, self._reading_cache,
                          self._corrected_words):
            reading = self.predict(site)
            if reading != readings[site.index][site.position]:
                changed.setdefault(site.index, list(readings[site.index]))[site.position] = reading
        return changed


def load_model(path=None) -> PolyphoneModel:
    """The bundled model; an empty model (dictionary readings only) when the file is absent.

    The JSON is parsed once and kept in Dubao's cache folder as a sliced marshal file (keyed on the
    model file's content): one json.loads of the whole file holds the GIL for up to 0.1 s, which froze
    the window while a worker thread loaded the language layer."""
    model_path = path or paths.resource("data", MODEL_NAME)
    try:
        raw = model_path.read_bytes()
    except FileNotFoundError:
        return PolyphoneModel({}, {})
    name = cache_files.cache_name("polyphone-", raw, ".chunks")
    cached = cache_files.read_first(name, chunked_marshal.read)  # the prebuilt copy, else the user's
    if cached is None:
        data = json.loads(raw.decode("utf-8"))
        cached = (data.get("chars", {}), data.get("shared", {}))
        chunked_marshal.write(cache_files.user_path(name), cached, stale_glob="polyphone-*",
                              slice_items=_CHARS_PER_SLICE)
    return PolyphoneModel(*cached)
