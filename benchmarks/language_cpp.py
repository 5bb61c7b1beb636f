"""Shared by the language benchmarks: the CPP polyphone dev split, its fixed held-out part, and the
training examples the polyphone model learns from. Not a benchmark itself.

The data are read from ../shared/data/cpp_polyphone_dev (never copied into the repo). Each sentence has
one target character wrapped in ▁…▁; its reading is on the same line of dev.lb ("lu:4" style).
The fixed held-out part is every 10th sentence (index % 10 == 0): the shipped model never trains on it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

DATA = Path(os.environ.get("DUBAO_CPP_DIR", REPO.parent / "shared" / "data" / "cpp_polyphone_dev"))
HELD_OUT_EVERY = 10


@dataclass(frozen=True)
class Sample:
    index: int
    text: str  # the sentence without the ▁ markers
    position: int  # code-point index of the target character
    gold: str  # Dubao spelling: "lü4", "le5"


def parse_marked(sentence: str, label: str, index: int) -> Sample | None:
    """A sentence with its target wrapped in ▁…▁ and the target's reading -> Sample (None if malformed)."""
    from dubao.core.language.syllables import normalise_numbered

    head, _, rest = sentence.partition("▁")
    target, _, tail = rest.partition("▁")
    if len(target) != 1:
        return None
    return Sample(index, head + target + tail, len(head), normalise_numbered(label.strip()))


def load_samples() -> list[Sample]:
    sentences = (DATA / "dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (DATA / "dev.lb").read_text(encoding="utf-8").splitlines()
    samples = (parse_marked(sentence, label, index) for index, (sentence, label) in enumerate(zip(sentences, labels)))
    return [sample for sample in samples if sample is not None]


def is_held_out(sample: Sample) -> bool:
    return sample.index % HELD_OUT_EVERY == 0


def reading_at(tokens, position: int) -> str:
    for token in tokens:
        if token.start <= position < token.end:
            return token.numbers[position - token.start]
    raise IndexError(position)


def accuracy(samples: list[Sample], predict) -> float:
    """predict(sample) -> reading; fraction right."""
    if not samples:
        return float("nan")
    return sum(predict(sample) == sample.gold for sample in samples) / len(samples)
