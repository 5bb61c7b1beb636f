"""Accuracy of Dubao's readings in context: prints, for the CPP polyphone benchmark's dev split,

- the fixed held-out tenth (never trained on) read by the shipped model, by the dictionary pipeline alone,
  by pypinyin alone and by each character's most frequent reading (counted on the other nine tenths);
- 5-fold cross-validated accuracy (the model retrained on four fifths, tested on the fifth; ~1 min);
- the hand-written press sentences (benchmarks/language_press_sentences.py), ours against pypinyin;
- what CC-CEDICT's neutral-tone last syllables (朋友 péng you) change on both, before/after;
- the named failure modes (加快调整 tiáo, 依法处理 chǔ, 分行业 háng, 供应链 gōng yìng).

    python -m benchmarks.language_accuracy [--no-cv]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path


from benchmarks.language_cpp import accuracy, is_held_out, load_samples, parse_marked, reading_at
from benchmarks.language_press_sentences import PRESS_SENTENCES

from dubao.core.language import readings as pinyin
from dubao.core.language.polyphone_model import PolyphoneModel
from dubao.core.language.syllables import normalise_numbered

FAILURE_MODES = [("加快调整", "调", "tiao2"), ("依法处理", "处", "chu3"), ("分行业", "行", "hang2"),
                 ("供应链", "供", "gong1"), ("供应链", "应", "ying4"),
                 # a dictionary word swallowing its neighbour's character (统率 in 入统率, 施工队 in 施工队长)
                 ("规上工业入统率", "率", "lü4"), ("当好施工队长", "长", "zhang3")]


def dubao_reading(sample) -> str:
    """What `dubao pinyin` and `pinyin.read` give by default: dictionary (citation) tones."""
    return reading_at(pinyin.read(sample.text), sample.position)


def with_neutral_tones(sample) -> str:
    """What the reader's popup shows: CC-CEDICT's neutral last syllables (朋友 péng you)."""
    return reading_at(pinyin.read(sample.text, neutral_tones=True), sample.position)


def pypinyin_reading(sample) -> str:
    import pypinyin

    readings = pypinyin.lazy_pinyin(sample.text, style=pypinyin.Style.TONE3, neutral_tone_with_five=True,
                                    errors=lambda chars: list(chars))
    return normalise_numbered(readings[sample.position])


def dictionary_only(sample) -> str:
    shipped = pinyin._model
    pinyin._model = PolyphoneModel({}, {})
    try:
        return dubao_reading(sample)
    finally:
        pinyin._model = shipped


def neutral_tone_differences(samples) -> list[str]:
    """Samples whose reading the neutral-tone rule changes, with the gold label, for the report."""
    lines = []
    for sample in samples:
        got, before = with_neutral_tones(sample), dubao_reading(sample)
        if got != before:
            mark = "right" if got == sample.gold else ("WAS right" if before == sample.gold else "both wrong")
            lines.append(f"    {sample.text[max(0, sample.position - 6):sample.position + 4]} "
                         f"[{sample.text[sample.position]}] {before} -> {got}, gold {sample.gold} ({mark})")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Print reading accuracy figures.")
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold cross-validation (retraining)")
    args = parser.parse_args(argv)
    pinyin.ensure_loaded()
    samples = load_samples()
    held_out = [s for s in samples if is_held_out(s)]
    train_part = [s for s in samples if not is_held_out(s)]
    majority: dict[str, Counter] = defaultdict(Counter)
    for sample in train_part:
        majority[sample.text[sample.position]][sample.gold] += 1

    def majority_reading(sample):
        counts = majority.get(sample.text[sample.position])
        return counts.most_common(1)[0][0] if counts else pypinyin_reading(sample)

    print(f"CPP dev split: {len(samples)} sentences; fixed held-out part (index % 10 == 0): {len(held_out)}")
    print(f"  Dubao (citation tones, default) {accuracy(held_out, dubao_reading):.4f}")
    print(f"  Dubao, neutral tones (popup)  {accuracy(held_out, with_neutral_tones):.4f}"
          "   (read(neutral_tones=True): CPP labels a neutral last syllable with its citation tone, 衣服 fu2)")
    print(f"  Dubao dictionary, no model    {accuracy(held_out, dictionary_only):.4f}")
    print(f"  pypinyin alone                {accuracy(held_out, pypinyin_reading):.4f}")
    print(f"  most frequent reading / char  {accuracy(held_out, majority_reading):.4f}")

    if not args.no_cv:
        from benchmarks.builders import language_train_polyphone as training

        print("5-fold cross-validation (retraining the model on each four fifths):")
        training.main(["--evaluate", "--no-write"])

    press = [parse_marked(marked, gold, i) for i, (marked, gold) in enumerate(PRESS_SENTENCES)]
    print(f"Press sentences ({len(press)}, never trained on):")
    print(f"  Dubao {accuracy(press, dubao_reading):.4f}   with neutral tones {accuracy(press, with_neutral_tones):.4f}"
          f"   pypinyin {accuracy(press, pypinyin_reading):.4f}")
    changes = neutral_tone_differences(held_out + press)
    print(f"Readings the neutral-tone rule changes (CPP held-out and press sentences): {len(changes)}")
    print("\n".join(changes))
    for sample in press:
        got = dubao_reading(sample)
        if got != sample.gold:
            print(f"    wrong: {sample.text}  [{sample.text[sample.position]}] {got}, expected {sample.gold}")
    print("Named failure modes:")
    for word, char, expected in FAILURE_MODES:
        got = reading_at(pinyin.read(word), word.index(char))
        print(f"  {word} {char}: {got} ({'ok' if got == expected else 'WRONG, expected ' + expected})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
