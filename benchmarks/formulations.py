"""Formulations glossary figures: its size by category and by decade of first appearance, the share of
formulations found in press sentences written for this benchmark (benchmarks/formulation_sentences.py),
names wrongly cut out of them, and lookup time.

    python benchmarks/formulations.py

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


def main() -> int:
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
