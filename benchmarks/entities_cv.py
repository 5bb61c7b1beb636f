"""K-fold estimate of the shipped entity tagger's F1 on People's Daily, closer to how it is trained.

    nice -n 10 python -m benchmarks.entities_cv            # 4 folds, ~2 min each on 2 cores
    nice -n 10 python -m benchmarks.entities_cv --folds 2  # the two halves (cf. entities_train.py fold A)

The fold models of entities_train.py see half of the People's Daily dev split; the shipped model sees all
of it. Here each fold trains (CRF, LAC features, as shipped) on the MSRA test set plus (K-1)/K of the PD dev
sentences, in contiguous blocks so that sentences of one article stay together, and is scored on the
remaining 1/K it never saw: the tagger alone and the full pipeline in People's Daily's conventions
(entities_accuracy.py explains "PD-view"). Printed per fold and pooled over all folds; the fold models
are kept in benchmarks/.cache/ (tagger_cv<K>_<fold>.json.gz).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


from benchmarks.entities_accuracy import pipeline_spans
from benchmarks.builders.entities_crf import train_crf
from benchmarks.builders.entities_train import (
    CACHE, MIN_COUNT, MSRA_TEST, PD_DEV, _frequent_only, featurize, jackknifed, print_scores, read_bio, span_f1,
)

from dubao.core.entities import spans as entities_spans
from dubao.core.entities.tagger import TAGS, Tagger, tags_to_spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=4)
    args = parser.parse_args()
    pd_sentences, msra_sentences = read_bio(PD_DEV), read_bio(MSRA_TEST)
    size = len(pd_sentences)
    bounds = [round(size * k / args.folds) for k in range(args.folds + 1)]
    gold_all, tagger_all, pipeline_all = [], [], []
    for fold in range(args.folds):
        held_out = pd_sentences[bounds[fold]:bounds[fold + 1]]
        training = msra_sentences + pd_sentences[:bounds[fold]] + pd_sentences[bounds[fold + 1]:]
        print(f"fold {fold + 1}/{args.folds}: train on MSRA + {size - len(held_out)} PD sentences, "
              f"score {len(held_out)}", flush=True)
        examples, lexicon = jackknifed(training)
        trained = train_crf(_frequent_only(examples, MIN_COUNT))
        tagger = Tagger(trained.weights, trained.transitions, lexicon, uses_lac=True)
        CACHE.mkdir(exist_ok=True)
        tagger.save(CACHE / f"tagger_cv{args.folds}_{fold + 1}.json.gz")  # for looking at its errors
        entities_spans.use_tagger(tagger)
        gold = [tags_to_spans(tags) for _, tags in held_out]
        alone = [tags_to_spans([TAGS[i] for i in tagger.decode(features)])
                 for features, _ in featurize(held_out, lexicon)]
        pipeline = [pipeline_spans(text, True) for text, _ in held_out]
        print_scores("  tagger alone     ", span_f1(gold, alone))
        print_scores("  pipeline PD-view ", span_f1(gold, pipeline))
        gold_all += gold
        tagger_all += alone
        pipeline_all += pipeline
    print(f"pooled over {args.folds} folds ({size} PD dev sentences, each scored once by a model that never saw it):")
    print_scores("  tagger alone     ", span_f1(gold_all, tagger_all))
    print_scores("  pipeline PD-view ", span_f1(gold_all, pipeline_all))


if __name__ == "__main__":
    main()
