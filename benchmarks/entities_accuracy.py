"""Entity extraction figures: F1 per kind on held-out dev data, time per issue, model load time.

    python -m benchmarks.entities_accuracy            # needs the fold models: run entities_train.py first
    python -m benchmarks.entities_accuracy --quick    # 400 sentences per set

Splits (the same as entities_train.py, so every figure is on sentences the model never saw):
  People's Daily NER dev, second half  <- fold A model (trained on MSRA test + PD dev first half)
  MSRA NER test, second half           <- fold B model (trained on PD dev + MSRA test first half)
Compared in the same run with jieba.posseg alone (nr -> PER, ns -> LOC, nt -> ORG).
Spans are exact character spans; the full pipeline (tagger + rules + gazetteers) is `extract_text`,
with person -> PER, place -> LOC, organization -> ORG; dates and formulations are not scored here.
"full pipeline" is what the app shows; "pipeline PD-view" applies People's Daily's conventions where
the app deliberately differs: a numbered Party congress (十五大) is an ORG there and a glossary
formulation in the app; regions without 地区 (东北, not 东北地区); a bare 市政府/县政府/省政府 untagged;
every one-character place the tagger finds kept (京 in 京剧, 华 in 华侨).
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from benchmarks.builders.entities_train import CACHE, MSRA_TEST, PD_DEV, halves, print_scores, read_bio, span_f1
from benchmarks.proc_memory import status_mb

from dubao.core.entities.tagger import Tagger, tags_to_spans

_KIND = {"person": "PER", "place": "LOC", "organization": "ORG"}
_POSSEG = {"nr": "PER", "ns": "LOC", "nt": "ORG"}


def jieba_spans(text: str):
    """jieba.posseg as shipped (HMM on, so unknown names are guessed): the issue's 0.54 baseline."""
    import jieba.posseg

    spans, offset = [], 0
    for word, pos in ((pair.word, pair.flag) for pair in jieba.posseg.cut(text)):
        kind = _POSSEG.get(pos[:2])
        if kind:
            spans.append((kind, offset, offset + len(word)))
        offset += len(word)
    return spans


def pipeline_spans(text: str, pd_view: bool = False):
    from dubao.core.entities import extract_text

    return [(_KIND[kind], start, end) for _s, kind, start, end in extract_text(text, pd_view) if kind in _KIND]


def score(label: str, sentences, tagger: Tagger) -> None:
    from dubao.core.entities import spans as entities_spans

    entities_spans.use_tagger(tagger)
    gold = [tags_to_spans(tags) for _, tags in sentences]
    print_scores(f"{label} jieba.posseg  ", span_f1(gold, [jieba_spans(text) for text, _ in sentences]))
    print_scores(f"{label} tagger alone  ", span_f1(gold, [tagger.spans(text) for text, _ in sentences]))
    started = time.perf_counter()
    predicted = [pipeline_spans(text) for text, _ in sentences]
    elapsed = time.perf_counter() - started
    print_scores(f"{label} full pipeline ", span_f1(gold, predicted))
    # the same with People's Daily's conventions where the app differs (十五大 an organisation)
    print_scores(f"{label} pipeline PD-view", span_f1(gold, [pipeline_spans(text, True) for text, _ in sentences]))
    chars = sum(len(text) for text, _ in sentences)
    print(f"{label} pipeline speed: {chars / elapsed:,.0f} characters/s", flush=True)


def timing() -> None:
    """Model load (fresh process state) and time per issue on the bundled sample."""
    from dubao.core import entities
    from dubao.core.entities import lac as entities_lac
    from dubao.core.entities import spans as entities_spans
    from dubao.core.ingest.decode import decode_file
    from dubao.core.paths import resource, sample_issue
    from dubao.core.split import split_issue

    started = time.perf_counter()
    entities_spans.use_tagger(Tagger.load(resource("data", "entities_tagger.json.gz")))
    entities_lac.model()
    tagger_load = time.perf_counter() - started
    issue = split_issue(decode_file(sample_issue()).text)
    runs = []
    for _ in range(5):
        entities_lac.clear_cache()  # every issue is new text to LAC
        started = time.perf_counter()
        found = entities.extract_issue(issue, datetime.date(2023, 2, 18))
        runs.append(time.perf_counter() - started)
    lac_runs = []
    for _ in range(5):
        entities_lac.clear_cache()
        started = time.perf_counter()
        for article in issue.articles:
            for block in article.blocks:
                entities_lac.features(block.text)
        lac_runs.append(time.perf_counter() - started)
    size = resource("data", "entities_tagger.json.gz").stat().st_size / 1e6
    print(f"shipped tagger: {size:.1f} MB on disk, load {tagger_load * 1000:.0f} ms (LAC included)")
    print(f"of which LAC's analysis of the sample: median {statistics.median(lac_runs) * 1000:.0f} ms")
    print(f"sample issue ({sum(len(a.text) for a in issue.articles)} characters, {len(found)} entities): "
          f"median {statistics.median(runs) * 1000:.0f} ms per issue over {len(runs)} runs (models loaded)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    limit = 400 if args.quick else None

    started = time.perf_counter()
    resident_before = status_mb("VmRSS")
    from dubao.core import entities

    entities.ensure_loaded()
    print(f"first load (jieba dictionary, tagger, LAC, gazetteers): {(time.perf_counter() - started) * 1000:.0f} ms, "
          f"{status_mb('VmRSS') - resident_before:.0f} MB more resident memory")
    if not args.no_timing:
        timing()
    for label, path, fold in (("PD dev 2nd half  ", PD_DEV, "A"), ("MSRA test 2nd half", MSRA_TEST, "B")):
        model = CACHE / f"tagger_fold_{fold}.json.gz"
        if not model.exists():
            print(f"{label}: no fold model {model.name}; run python -m benchmarks.builders.entities_train first")
            continue
        held_out = halves(read_bio(path))[1][:limit]
        print(f"{label}: {len(held_out)} sentences, fold {fold} model")
        score(label, held_out, Tagger.load(model))


if __name__ == "__main__":
    main()
