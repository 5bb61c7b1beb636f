"""The entity tagger's fast paths give exactly what its feature strings and a plain Viterbi give.

Features are computed for a whole text at once as rows of the weight matrix (`tagger_ids`), Viterbi runs over
numpy arrays, the gazetteer and lexicon marks are kept sparse: the same scores, tags and marks as before, so the
same entities are found, faster.
"""

from __future__ import annotations

import random

import numpy
import pytest

from dubao.core.entities import lac as entities_lac
from dubao.core.entities import spans as entities_spans
from dubao.core.entities.tagger import TAGS, Lexicon
from dubao.core.paths import sample_issue


def _sample_texts() -> list[str]:
    text = sample_issue().read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[:12] + [text[:2000], text[2500:4000]]


_ODD_TEXTS = ["", "中", "a", "𠀀中国人民银行𠀀 行长 xyz123，ＡＢＣ１２３", "^^$$ 中共中央政治局常委、国务院总理李强",
              "——“吕梁山猪”\n\n山西省委书记蓝佛安在京调研"]


@pytest.mark.parametrize("text", _sample_texts() + _ODD_TEXTS)
def test_whole_text_feature_rows_score_exactly_as_the_feature_strings(text):
    tagger = entities_spans.tagger()
    from_strings = tagger.emission_scores(tagger.features(text))
    from_rows = tagger.summed_rows(tagger.feature_rows(text))
    assert from_rows.shape == (len(text), len(TAGS))
    assert numpy.array_equal(from_strings, from_rows)
    assert tagger.tags(text) == [TAGS[i] for i in tagger.decode(tagger.features(text))]


def test_characters_no_word_covers_score_as_the_feature_strings_do():
    tagger = entities_spans.tagger()
    text, words = "中国人民银行行长", [("中国", "ns"), ("人民", "n")]  # the last four characters in no word
    assert numpy.array_equal(tagger.emission_scores(tagger.features(text, words)),
                             tagger.summed_rows(tagger.feature_rows(text, words)))


def test_feature_rows_without_lac_score_as_the_strings_without_lac(monkeypatch):
    monkeypatch.setattr(entities_lac, "_model", None)
    monkeypatch.setattr(entities_lac, "_failed", True)
    tagger = entities_spans.tagger()
    text = _sample_texts()[0]
    assert tagger.features(text)[0] and not any(f.startswith("L") for f in tagger.features(text)[0])
    assert numpy.array_equal(tagger.emission_scores(tagger.features(text)),
                             tagger.summed_rows(tagger.feature_rows(text)))


def _plain_viterbi(tagger, emissions: list[list[float]]) -> list[int]:
    """Viterbi as a loop over tags in order, a strict `>` keeping the first best (the reference)."""
    size, neg = len(TAGS), float("-inf")
    score = [e if ok else neg for e, ok in zip(emissions[0], tagger._start_allowed)]
    back = []
    for row in emissions[1:]:
        new_score, pointers = [neg] * size, [0] * size
        for b in range(size):
            best, best_a = neg, 0
            for a in tagger._previous[b]:
                if score[a] + tagger.transitions[a][b] > best:
                    best, best_a = score[a] + tagger.transitions[a][b], a
            new_score[b], pointers[b] = best + row[b], best_a
        score = new_score
        back.append(pointers)
    path = [max((i for i, tag in enumerate(TAGS) if tag == "O" or tag[0] in "ES"), key=lambda i: score[i])]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return path[::-1]


@pytest.mark.parametrize("seed", range(6))
def test_viterbi_breaks_ties_as_the_plain_loop_does(seed):
    """Whole-number scores make many paths tie: the first best tag must win, as it always has."""
    tagger = entities_spans.tagger()
    generator = random.Random(seed)
    emissions = [[float(generator.randint(-2, 2)) for _ in TAGS] for _ in range(generator.randint(1, 300))]
    assert tagger._viterbi(numpy.array(emissions)) == _plain_viterbi(tagger, emissions)


def test_viterbi_on_real_scores_matches_the_plain_loop():
    tagger = entities_spans.tagger()
    emissions = tagger.summed_rows(tagger.feature_rows(_sample_texts()[-2]))
    assert tagger._viterbi(emissions) == _plain_viterbi(tagger, emissions.tolist())


def test_lexicon_marks_the_longest_name_from_left_to_right():
    lexicon = Lexicon([("中国", "LOC"), ("中国人民银行", "ORG"), ("人民", "ORG"), ("[新]华社", "ORG"), ("京", "LOC")])
    text = "在中国人民银行看人民日报、中国，[新]华社在京"
    marks = lexicon.marks(text)
    assert marks[1:7] == ["BORG", "MORG", "MORG", "MORG", "MORG", "EORG"]
    assert marks[8:10] == ["BORG", "EORG"]  # 人民 of 人民日报
    assert marks[13:15] == ["BLOC", "ELOC"]
    assert marks[16:21] == ["BORG", "MORG", "MORG", "MORG", "EORG"]  # a name holding regular-expression signs
    assert marks[22] == "SLOC"
    assert [mark for i, mark in enumerate(marks) if i in (0, 7, 10, 11, 12, 15, 21)] == [""] * 7
    assert lexicon.sparse_marks(text) == {i: mark for i, mark in enumerate(marks) if mark}
    assert Lexicon().marks("中国") == ["", ""]


def test_lac_runs_on_one_thread_unless_told(monkeypatch):
    monkeypatch.delenv("DUBAO_MODEL_THREADS", raising=False)
    assert entities_lac._threads() == 1
    monkeypatch.setenv("DUBAO_MODEL_THREADS", "2")
    assert entities_lac._threads() == 2


def test_texts_tagged_together_get_the_spans_each_gets_alone():
    from dubao.core.entities.pos_words import words_with_pos

    tagger = entities_spans.tagger()
    texts = _sample_texts()[:6] + ["", "中", _sample_texts()[-2]]
    together = tagger.spans_many([(text, words_with_pos(text)) for text in texts])
    assert together == [tagger.spans(text) for text in texts]
    assert any(together)


def test_prepared_windows_find_what_each_window_finds_alone():
    texts = _sample_texts()[:5] + ["   ", "市委书记孙大军主持会议。" * 200]  # blank, and one the tagger reads in pieces
    prepared = entities_spans.prepare_many(texts)
    assert prepared[5] is None and prepared[6] is None
    for text, ready in zip(texts, prepared):
        assert entities_spans.find_spans(text, prepared=ready) == entities_spans.find_spans(text)
