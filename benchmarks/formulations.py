"""Formulations glossary figures: its size by category and by decade of first appearance, the share of
formulations found in press sentences written for this benchmark (benchmarks/formulation_sentences.py),
names wrongly cut out of them, and lookup time.

    python -m benchmarks.formulations [--ner 1000]

`--ner N` adds what the rule "no name is cut out of a formulation" costs on the NER dev data in ../shared/data
(first N sentences of People's Daily dev and MSRA test, app view, exact spans): F1 with the rule and without it
in the same run. Those corpora tag 中国 in 中国特色社会主义 and 邓小平 in 邓小平理论; the app deliberately does not.

"found" counts a sentence when entity extraction (what the Entities tab and the popup show) reports the
expected glossary entry over it. The baseline in the same run is the glossary's names alone, exactly as
printed — no variants, no parts spelled out — with places and persons still cut out of formulations (as
People's Daily's annotation does): what detection did before.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path

from dubao.core.entities import extract_text
from dubao.core.entities import glossary as glossary_module
from dubao.core.entities.formulations import find_formulations
from dubao.core.entities.spans import word_spans

import importlib.util

_spec = importlib.util.spec_from_file_location("formulation_sentences", Path(__file__).with_name("formulation_sentences.py"))
_sentences = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sentences)
SENTENCES = _sentences.SENTENCES


def size_figures(entries) -> None:
    print(f"Glossary: {len(entries)} entries, {sum(len(e.variants) for e in entries)} variants, "
          f"{sum(bool(e.english) for e in entries)} with an English rendering, "
          f"{sum(bool(e.expansion) for e in entries)} with parts")
    print("  by category: " + ", ".join(f"{name} {count}" for name, count in Counter(e.category for e in entries).most_common()))
    decades = Counter(f"{e.since[:3]}0s" if e.since else "unknown" for e in entries)
    print("  by decade first seen: " + ", ".join(f"{d} {decades[d]}" for d in sorted(decades)))


def _found_names(text: str, names_inside: bool = False) -> tuple[set[str], int]:
    """Glossary names reported over `text`, and how many person/place/organisation spans lie inside them.
    `names_inside`: names may be cut out of formulations, as before this rule (and as People's Daily tags)."""
    found = extract_text(text, pd_view=names_inside)
    formulations = [(start, end) for _s, kind, start, end in found if kind == "formulation"]
    names = {item["name"] for item in find_formulations(text, word_spans(text), set()) if item["known"]}
    cut = sum(1 for _s, kind, start, end in found if kind in ("person", "place", "organization")
              and any(a <= start and end <= b and (a, b) != (start, end) for a, b in formulations))
    return names, cut


def detection_share(label: str, names_inside: bool = False) -> None:
    hits = cut = 0
    missed = []
    for text, expected in SENTENCES:
        names, inside = _found_names(text, names_inside)
        cut += inside
        if expected in names:
            hits += 1
        else:
            missed.append(expected)
    print(f"  {label:<34} {hits}/{len(SENTENCES)} = {hits / len(SENTENCES):.1%}   names cut out of formulations: {cut}")
    if missed:
        print(f"      missed: {', '.join(missed)}")


def lookup_times() -> None:
    from dubao.core.language.word_info import word_info

    words = [expected for _text, expected in SENTENCES][:30] + ["市长", "发展", "高质量发展", "入统率"]
    word_info(words[0])  # load dictionary, readings and gazetteer once
    times = []
    for word in words:
        started = time.perf_counter()
        word_info(word)
        times.append((time.perf_counter() - started) * 1000)
    print(f"  word_info (dubao lookup's answer), {len(words)} words: median {statistics.median(times):.2f} ms, "
          f"max {max(times):.2f} ms")
    text = "".join(text for text, _ in SENTENCES) * 20
    table = glossary_module.glossary()
    started = time.perf_counter()
    table.occurrences(text)
    scan = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    find_formulations(text, [], set())
    full = (time.perf_counter() - started) * 1000
    print(f"  over {len(text):,} characters: glossary scan {scan:.1f} ms, find_formulations {full:.1f} ms")


DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NER_SETS = (("People's Daily dev", DATA / "peoples_daily_ner_dev" / "example.dev"),
            ("MSRA test", DATA / "msra_ner_test" / "msra_test_bio.txt"))
_KIND = {"person": "PER", "place": "LOC", "organization": "ORG"}


def _bio_sentences(path: Path, limit: int):
    chars, tags = [], []
    for line in path.open(encoding="utf-8"):
        parts = line.split()
        if parts:
            chars.append(parts[0])
            tags.append(parts[-1])
            continue
        if chars:
            yield "".join(chars), tags
            limit -= 1
            if not limit:
                return
            chars, tags = [], []


def _gold(tags) -> set:
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                spans.add((kind, start, i))
            start, kind = (i, tag[2:]) if tag.startswith(("B-", "I-")) else (None, None)
    return spans


def _ner_f1(path: Path, limit: int) -> float:
    tp = fp = fn = 0
    for text, tags in _bio_sentences(path, limit):
        gold = _gold(tags)
        found = {(_KIND[kind], start, end) for _s, kind, start, end in extract_text(text) if kind in _KIND}
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


def ner_cost(limit: int) -> None:
    """App-view F1 with and without the rule (glossary formulations and doctrine terms hold no names)."""
    from dubao.core.entities import spans

    print(f"Names inside formulations, NER dev data (first {limit} sentences, app view, F1):")
    real_find, real_units = spans.find_formulations, spans.term_units
    for label, path in NER_SETS:
        if not path.exists():
            print(f"  {label}: {path} not found")
            continue
        with_rule = _ner_f1(path, limit)
        spans.find_formulations = lambda *args: [dict(item, known=False) for item in real_find(*args)]
        spans.term_units = lambda words: []
        try:
            without = _ner_f1(path, limit)
        finally:
            spans.find_formulations, spans.term_units = real_find, real_units
        print(f"  {label:<20} names cut out as before {without:.4f}   never cut (Dubao) {with_rule:.4f}")


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner", type=int, default=0, metavar="N", help="also score N sentences of each NER set")
    args = parser.parse_args()
    entries = glossary_module.shipped_entries()
    size_figures(entries)
    print(f"Formulations found in {len(SENTENCES)} press sentences written for this benchmark:")
    extract_text("预热。")  # load the tagger before timing anything
    names_only = [glossary_module.Formulation(e.name, e.explanation, e.category) for e in entries]
    glossary_module.use_user_entries(())
    import dubao.core.entities.formulations as formulations_module

    real_spelled_out = formulations_module.spelled_out
    try:
        formulations_module.spelled_out = lambda text, table: []
        glossary_module._active = glossary_module.Glossary.build(names_only)  # baseline: names as printed only
        detection_share("baseline (names only, names cut)", names_inside=True)
    finally:
        formulations_module.spelled_out = real_spelled_out
        glossary_module.use_user_entries(())
    detection_share("Dubao (names, variants, parts)")
    print("Lookup time:")
    lookup_times()
    if args.ner:
        ner_cost(args.ner)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
