"""How well annotations survive a changed text: random highlights on the sample's articles, realistic edits,
and where `reanchor` puts each highlight afterwards.

    python -m benchmarks.anchoring_accuracy [--trials 2000]

Edits: text inserted before the passage (a new lead, a caption moved), a character corrected inside it,
a character inserted inside it, half-width punctuation turned full-width everywhere, and the passage's
paragraph deleted (the only case where "orphaned" is the right answer). A highlight counts as right when
it lands on the passage's new place (overlap ≥ 50% of the union), or is orphaned exactly when its passage
is gone.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace


from dubao.core.library.anchoring import anchor_context, reanchor
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
    for _ in range(args.trials):
        text = rng.choice(articles)
        length = rng.choice([2, 3, 4, 6, 10, 20, 40, 80])
        start = rng.randrange(0, len(text) - length)
        end = start + length
        if "\n" in text[start:end]:
            continue
        quote, prefix, suffix = anchor_context(text, start, end)
        annotation = SimpleNamespace(start=start, end=end, quote=quote, prefix=prefix, suffix=suffix)
        kind, new_text, truth = edit(rng, text, start, end)
        new_start, new_end, status, _ = reanchor(annotation, new_text)
        statuses[status] += 1
        if truth is None:
            verdict = "right" if status == "orphaned" else "anchored a deleted passage"
        elif status == "orphaned":
            verdict = "lost (orphaned)"
        else:
            overlap = max(0, min(new_end, truth[1]) - max(new_start, truth[0]))
            union = max(new_end, truth[1]) - min(new_start, truth[0])
            verdict = "right" if overlap / union >= 0.5 else "wrong place"
        outcomes.setdefault(kind, Counter())[verdict] += 1
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
