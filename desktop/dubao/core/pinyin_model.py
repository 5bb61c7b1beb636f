"""A small trained model that picks the reading of a polyphonic character from its context.

For each character it knows (了 还 长 行 重 …) the model holds weights of context features — the jieba
word the character is in, the neighbouring characters and words — for each candidate reading, plus
weights for trusting the dictionary's proposal (a whole word from the reading table, a word found by
re-splitting, or the character's most common reading). The reading with the highest score wins; a
character the model does not know keeps the dictionary's reading.

It is an averaged perceptron trained by `benchmarks/language_train_polyphone.py` on the CPP polyphone
benchmark's dev split (Apache-2.0), shipped as `resources/data/polyphone_model.json` and evaluated
on a held-out part of that split that it never saw. Inference is plain Python dictionary look-ups:
no numpy, no neural runtime, nothing downloaded.

Model file layout: {"format": 1, "chars": {char: {"candidates": [...], "weights": {feature: {label: w}}}},
"shared": {feature: w}}. The label "=" in a character's weights means "the dictionary's proposal".
"""

from __future__ import annotations

import json

from dubao.core import paths

MODEL_NAME = "polyphone_model.json"
PROPOSAL = "="


def context_features(text: str, p: int, word: str, prev_word: str, next_word: str, source: str) -> list[str]:
    """Features of the character at `text[p]`, which sits in `word`; `source` is how the dictionary read it."""
    before = text[max(0, p - 2):p]
    after = text[p + 1:p + 3]
    l1 = before[-1:] or "^"
    r1 = after[:1] or "$"
    return [
        "b",
        "s=" + source,
        "w=" + word if len(word) > 1 else "w1",
        "l1=" + l1,
        "r1=" + r1,
        "l2=" + before,
        "r2=" + after,
        "lr=" + l1 + r1,
        "pw=" + prev_word,
        "nw=" + next_word,
        "ws=" + source + str(len(word) > 1),
    ]


class PolyphoneModel:
    """Per-character weights; `correct` rewrites readings in place. Read-only, so thread-safe."""

    def __init__(self, chars: dict[str, dict], shared: dict[str, float]):
        self._chars = chars
        self._shared = shared

    def __bool__(self) -> bool:
        return bool(self._chars)

    def knows(self, char: str) -> bool:
        return char in self._chars

    def predict(self, char: str, features: list[str], proposal: str, candidates: tuple[str, ...]) -> str:
        model = self._chars[char]
        weights = model["weights"]
        options = set(model["candidates"]).union(candidates)
        options.add(proposal)
        scores = dict.fromkeys(options, 0.0)
        shared = self._shared
        agreement = 0.0
        for feature in features:
            by_label = weights.get(feature)
            if by_label:
                for label, weight in by_label.items():
                    if label == PROPOSAL:
                        agreement += weight
                    elif label in scores:
                        scores[label] += weight
            agreement += shared.get(feature, 0.0)
        scores[proposal] += agreement
        # ties go to the dictionary's proposal
        return max(scores, key=lambda label: (scores[label], label == proposal))

    def correct(
        self,
        words: list[str],
        readings: list[list[str]],
        sources: list[str],
        chars: dict[str, tuple[str, ...]],
    ) -> None:
        """Re-decide, in place, the reading of every polyphonic character the model knows."""
        if not self._chars:
            return
        known = self._chars
        text = "".join(words)
        offset = 0
        for index, word in enumerate(words):
            for position, char in enumerate(word):
                if char in known:
                    candidates = chars.get(char, ())
                    if len(candidates) > 1 or len(known[char]["candidates"]) > 1:
                        features = context_features(
                            text,
                            offset + position,
                            word,
                            words[index - 1] if index else "^",
                            words[index + 1] if index + 1 < len(words) else "$",
                            sources[index][position],
                        )
                        readings[index][position] = self.predict(
                            char, features, readings[index][position], candidates
                        )
            offset += len(word)


def load_model(path=None) -> PolyphoneModel:
    """The bundled model; an empty model (dictionary readings only) when the file is absent."""
    model_path = path or paths.resource("data", MODEL_NAME)
    try:
        data = json.loads(model_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return PolyphoneModel({}, {})
    return PolyphoneModel(data.get("chars", {}), data.get("shared", {}))
