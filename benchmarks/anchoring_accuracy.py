"""How well annotations survive a changed text: random highlights on the sample's articles, realistic edits,
and where `reanchor` puts each highlight afterwards.

    python -m benchmarks.anchoring_accuracy [--trials 2000]

Edits: text inserted before the passage (a new lead, a caption moved), a character corrected inside it,
a character inserted inside it, half-width punctuation turned full-width everywhere, and the passage's
paragraph deleted (the only case where "orphaned" is the right answer). A highlight counts as right when
it lands on the passage's new place (overlap ≥ 50% of the union), or is orphaned exactly when its passage
is gone.

A third of the highlights are phrases that occur more than once in their article (会议, 25个, a headline
repeated in the lead): there the quote alone cannot tell the passage from a parallel one, and only its
context can. Every highlight is re-anchored once with no fuzzy threshold at all, so the script can print
how the weakest accepted matches split into right places and passages that were deleted: the threshold
with the fewest errors is the one `FUZZY_MIN_SCORE` should hold.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace


from dubao.core.library.anchoring import FUZZY_MIN_SCORE, anchor_context, reanchor
from dubao.core.paths import sample_issue

_INSERTS = ["(本报记者 王涛 摄)", "图为会议现场。", "——我市加快推进项目建设综述", "本报讯"]
_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def edit(rng: random.Random, text: str, start: int, end: int) -> tuple[str, str, tuple[int, int] | None]:
    """(kind, new text, where the passage is now or None when it is gone)."""
    kind = rng.choice(["insert before", "typo fixed inside", "char added inside", "punctuation", "paragraph deleted"])
    if kind == "insert before":
        at = rng.randrange(0, start + 1)
        extra = rng.choice(_INSERTS)
        return kind, text[:at] + extra + text[at:], (start + len(extra), end + len(extra))
    if kind == "typo fixed inside":
        at = rng.randrange(start, end)
        return kind, text[:at] + "某" + text[at + 1:], (start, end)
    if kind == "char added inside":
        at = rng.randrange(start + 1, end) if end - start > 1 else end
        return kind, text[:at] + "的" + text[at:], (start, end + 1)
    if kind == "punctuation":
        return kind, text.translate(_HALF_TO_FULL), (start, end)
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end + 1
    return kind, text[:paragraph_start] + text[paragraph_end:], None


def repeated_span(rng: random.Random, text: str) -> tuple[int, int] | None:
    """A span whose words occur elsewhere in `text` too (2–6 characters), or None when none is found."""
    for _ in range(50):
        length = rng.choice([2, 3, 4, 6])
        start = rng.randrange(0, len(text) - length)
        quote = text[start:start + length]
        if "\n" not in quote and text.count(quote) > 1:
            return start, start + length
    return None


def verdict_of(status: str, placed: tuple[int, int], truth: tuple[int, int] | None) -> str:
    if truth is None:
        return "right" if status == "orphaned" else "anchored a deleted passage"
    if status == "orphaned":
        return "lost (orphaned)"
    overlap = max(0, min(placed[1], truth[1]) - max(placed[0], truth[0]))
    union = max(placed[1], truth[1]) - min(placed[0], truth[0])
    return "right" if overlap / union >= 0.5 else "wrong place"


def print_threshold(fuzzy: list[tuple[float, bool]]) -> None:
    """How many errors each fuzzy threshold makes: wrong matches kept plus right ones thrown away."""
    def errors(threshold: float) -> tuple[int, int]:
        kept_wrong = sum(1 for score, right in fuzzy if score >= threshold and not right)
        lost_right = sum(1 for score, right in fuzzy if score < threshold and right)
        return kept_wrong, lost_right

    thresholds = [round(0.40 + step / 100, 2) for step in range(56)]
    best = min(thresholds, key=lambda t: (sum(errors(t)), -t))
    wrong = sorted(score for score, right in fuzzy if not right)
    right_scores = sorted(score for score, right in fuzzy if right)
    print(f"fuzzy matches without a threshold: {len(right_scores)} right (lowest {right_scores[0]:.2f}), "
          f"{len(wrong)} wrong (highest {wrong[-1]:.2f})" if wrong and right_scores else
          f"fuzzy matches without a threshold: {len(right_scores)} right, {len(wrong)} wrong")
    for threshold in sorted({FUZZY_MIN_SCORE, best, 0.6, 0.7, 0.8}):
        kept_wrong, lost_right = errors(threshold)
        mark = " <- FUZZY_MIN_SCORE" if threshold == FUZZY_MIN_SCORE else ""
        mark += " <- fewest errors" if threshold == best else ""
        print(f"  threshold {threshold:.2f}: {kept_wrong} wrong kept, {lost_right} right lost{mark}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000)
    args = parser.parse_args()
    from dubao.core.ingest.decode import decode_file, source_info
    from dubao.core.split import split_issue

    decoded = decode_file(sample_issue())
    articles = [a.text for a in split_issue(decoded.text, source_info(decoded)).articles]
    rng = random.Random(1)
    outcomes: dict[str, Counter] = {}
    statuses: Counter = Counter()
    started = time.perf_counter()
    fuzzy_scores: list[tuple[float, bool]] = []  # (score, right?) of every fuzzy match, threshold 0
    for trial in range(args.trials):
        text = rng.choice(articles)
        span = repeated_span(rng, text) if trial % 3 == 0 else None
        if span is None:
            length = rng.choice([2, 3, 4, 6, 10, 20, 40, 80])
            start = rng.randrange(0, len(text) - length)
            span = (start, start + length)
        start, end = span
        if "\n" in text[start:end]:
            continue
        quote, prefix, suffix = anchor_context(text, start, end)
        annotation = SimpleNamespace(start=start, end=end, quote=quote, prefix=prefix, suffix=suffix)
        kind, new_text, truth = edit(rng, text, start, end)
        new_start, new_end, status, _ = reanchor(annotation, new_text)
        statuses[status] += 1
        verdict = verdict_of(status, (new_start, new_end), truth)
        outcomes.setdefault(kind, Counter())[verdict] += 1
        any_start, any_end, any_status, any_score = reanchor(annotation, new_text, min_score=0.0)
        if any_status == "fuzzy":
            fuzzy_scores.append((any_score, verdict_of(any_status, (any_start, any_end), truth) == "right"))
    elapsed = time.perf_counter() - started
    total = sum(sum(c.values()) for c in outcomes.values())
    right = sum(c["right"] for c in outcomes.values())
    print(f"re-anchoring {total} highlights after one random edit: {right / total:.1%} right "
          f"({elapsed / total * 1000:.2f} ms each)")
    for kind, counter in sorted(outcomes.items()):
        n = sum(counter.values())
        others = ", ".join(f"{verdict} {count}" for verdict, count in counter.most_common() if verdict != "right")
        print(f"  {kind:<18} {counter['right'] / n:6.1%} right of {n}" + (f"; {others}" if others else ""))
    print("  statuses: " + ", ".join(f"{status} {count}" for status, count in statuses.most_common()))
    print_threshold(fuzzy_scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
