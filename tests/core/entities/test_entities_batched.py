"""An issue's paragraphs are tagged together in batches (their feature rows computed as one text, their Viterbi
packed into a few rows): the entities are exactly those each paragraph gets read alone, whatever sits at a
paragraph's edge."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy
import pytest

import dubao.core.entities as entities
from dubao.core.entities import spans as entities_spans
from dubao.core.entities.pos_words import words_with_pos
from dubao.core.entities.tagger import TAGS
from dubao.core.entities.tagger_ids import feature_rows, feature_rows_many
from dubao.core.entities.viterbi import best_paths
from dubao.core.entities.windowed import WINDOW
from dubao.core.paths import sample_issue
from dubao.core.split import split_issue

# paragraphs whose edges a batch could blur: a name at the end (the next paragraph goes on as if it continued),
# an organisation cut before its ending (公司 is an ending the tagger measures its distance to), a place ending
# (省) opening the next one, the padding characters themselves, a character outside the Basic Multilingual Plane
_EDGES = ["会议由市委书记孙大军", "主持。中国能源建设集", "公司董事长宋海良出席", "省委书记蓝佛安", "省", "中",
          "^^$$ 国务院总理李强$", "𠀀吕梁市委𠀀", "吕梁日报记者 王晓明 通讯员 李强"]


def _texts() -> list[str]:
    lines = [line for line in sample_issue().read_text("utf-8").splitlines() if line.strip()]
    return _EDGES + lines[:30]


def test_feature_rows_of_texts_together_are_each_texts_own():
    tagger = entities_spans.tagger()
    texts = _texts() + [""]
    items = [(text, words_with_pos(text), tagger.lac_analysis(text)) for text in texts]
    # words that leave the last characters uncovered: such a text is computed on its own, still the same rows
    items.append(("中国人民银行行长", [("中国", "ns"), ("人民", "n")], tagger.lac_analysis("中国人民银行行长")))
    together = feature_rows_many(tagger._id_tables(), items, tagger.lexicon)
    assert len(together) == len(items)
    for (text, words, analysis), rows in zip(items, together):
        assert numpy.array_equal(rows, feature_rows(tagger._id_tables(), text, words, tagger.lexicon, analysis)), text


def test_texts_prepared_together_get_the_words_spans_and_lac_names_each_gets_alone():
    texts = _texts() + ["", "   ", "市委书记孙大军主持会议。" * 200]  # blank ones, and one the tagger reads in pieces
    together = entities_spans.prepare_many(texts)
    assert together == [entities_spans.prepare_many([text])[0] for text in texts]
    assert sum(bool(prepared and prepared[2]) for prepared in together) > 5  # LAC named something in many


@pytest.mark.parametrize("seed", range(4))
def test_sequences_packed_into_few_rows_get_the_paths_each_gets_alone(seed):
    """Whole-number scores make many paths tie; a row restarts where a sequence starts."""
    tagger = entities_spans.tagger()
    generator = random.Random(seed)
    sequences = [numpy.array([[float(generator.randint(-2, 2)) for _ in TAGS] for _ in range(length)])
                 for length in [generator.choice((0, 1, 2, 5, 40, 130)) for _ in range(30)]]
    closing = [tag == "O" or tag[0] in "ES" for tag in TAGS]
    together = best_paths(sequences, tagger.transitions, tagger._previous, tagger._start_allowed, closing, rows=3)
    alone = [best_paths([emissions], tagger.transitions, tagger._previous, tagger._start_allowed, closing)[0]
             for emissions in sequences]
    assert together == alone
    assert [len(path) for path in together] == [len(emissions) for emissions in sequences]


def _issue():
    """The sample's articles, then the edge paragraphs and one longer than a window, and an empty paragraph."""
    long = "市委书记孙大军主持会议，研究吕梁市项目建设。" * (WINDOW // 20 + 10)
    text = sample_issue().read_text("utf-8") + "\n吕梁新闻\n" + "\n".join(_EDGES + [long] + _EDGES) + "\n"
    issue = split_issue(text)
    article = issue.articles[-1]
    assert any(len(block.text) > WINDOW for block in article.blocks)
    empty = replace(article.blocks[0], text="", end=article.blocks[0].start)
    articles = issue.articles[:-1] + (replace(article, blocks=(article.blocks[0], empty, *article.blocks[1:])),)
    return replace(issue, articles=articles)


def test_an_issue_read_in_batches_finds_what_it_finds_paragraph_by_paragraph(monkeypatch):
    issue = _issue()
    sizes: list[int] = []
    prepare = entities_spans.prepare_many

    def counted(texts):
        sizes.append(len(texts))
        return prepare(texts)

    monkeypatch.setattr(entities, "prepare_many", counted)
    batched = entities.extract_issue(issue)
    assert max(sizes) > 50  # the batches hold many paragraphs
    sizes.clear()
    monkeypatch.setattr(entities, "batches_of", lambda items, _length: ([item] for item in items))
    alone = entities.extract_issue(issue)
    assert set(sizes) == {1}
    assert batched == alone
    persons = {entity.name: len(entity.mentions) for entity in batched if entity.kind == "person"}
    assert persons["孙大军"] > WINDOW // 20 and "蓝佛安" in persons


def test_a_name_inside_a_proper_term_of_a_later_paragraph_is_not_recalled_there():
    # the proper terms the recall respects come from the paragraphs' own words, not a second reading of the article
    issue = split_issue("吕梁日报\n学习理论\n德国哲学家马克思出生于特里尔。\n全市党员坚持马克思主义，学习理论。\n")
    article = issue.articles[0]
    marx = next(entity for entity in entities.extract_issue(issue) if entity.name == "马克思")
    assert [article.text[m.start:m.end + 2] for m in marx.mentions] == ["马克思出生"]
