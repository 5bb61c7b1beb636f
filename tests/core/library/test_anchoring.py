"""Re-anchoring: annotations find their passage again after the text changes, or are kept as orphans."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import SAMPLE_ARTICLES, make_issue

from dubao.core.library.anchoring import anchor_context, reanchor, reanchor_among
from dubao.core.library.store import Store

TEXT = ("本报讯 2月17日,市委召开常委会会议和中心组学习会议,集中学习重要讲话精神,研究讨论市“两会”筹备工作。"
        "市委书记孙大军主持。会议强调,努力交出中国式现代化的吕梁优异答卷。")


def _annotation(text, quote, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    quote, prefix, suffix = anchor_context(text, start, start + len(quote))
    return SimpleNamespace(start=start, end=start + len(quote), quote=quote, prefix=prefix, suffix=suffix)


def test_unchanged_text_is_exact():
    annotation = _annotation(TEXT, "孙大军")
    assert reanchor(annotation, TEXT) == (annotation.start, annotation.end, "exact", 1.0)


def test_text_inserted_before_moves_the_annotation():
    annotation = _annotation(TEXT, "孙大军")
    new_text = "【头条】" + TEXT
    start, end, status, _ = reanchor(annotation, new_text)
    assert (new_text[start:end], status, start) == ("孙大军", "moved", annotation.start + 4)


def test_context_picks_the_right_one_of_repeated_quotes():
    annotation = _annotation(TEXT, "会议", occurrence=2)  # the one in 会议强调
    new_text = TEXT.replace("本报讯 ", "")
    start, end, status, _ = reanchor(annotation, new_text)
    assert status == "moved" and new_text[start:end + 2] == "会议强调"


def test_a_corrected_typo_inside_the_quote_is_fuzzy_with_a_score():
    annotation = _annotation(TEXT, "努力交出中国式现代化的吕梁优异答卷")
    new_text = TEXT.replace("优异答卷", "优秀答卷")
    start, end, status, score = reanchor(annotation, new_text)
    assert status == "fuzzy" and 0.8 < score < 1
    assert new_text[start:end] == "努力交出中国式现代化的吕梁优秀答卷"


def test_a_long_quote_with_an_edit_in_the_middle_is_found_fuzzily():
    quote = "集中学习重要讲话精神,研究讨论市“两会”筹备工作。市委书记孙大军主持。会议强调"
    annotation = _annotation(TEXT, quote)
    new_text = "导读\n" + TEXT.replace("“两会”", "\"两会\"")
    start, end, status, score = reanchor(annotation, new_text)
    assert status == "fuzzy" and score > 0.9
    assert new_text[start:end].startswith("集中学习") and new_text[start:end].endswith("会议强调")


def test_a_passage_that_is_gone_is_orphaned_not_dropped():
    annotation = _annotation(TEXT, "研究讨论市“两会”筹备工作")
    new_text = "完全不同的一篇文章,讲的是春耕生产和农业技术推广。"
    start, end, status, score = reanchor(annotation, new_text)
    assert status == "orphaned" and score is None
    assert 0 <= start <= end <= len(new_text)


def test_among_articles_the_preferred_one_wins_and_others_are_searched():
    annotation = _annotation(TEXT, "孙大军")
    candidates = [(10, "别的文章,孙大军出席。"), (11, TEXT)]
    assert reanchor_among(annotation, candidates, preferred=[11])[:4] == (11, annotation.start, annotation.end, "exact")
    # a re-split moved the sentence into another article: it is found there, with its context
    moved_sentence = "别的文章。" + TEXT[TEXT.index("市委书记"):]
    article_id, start, end, status, _ = reanchor_among(annotation, [(10, moved_sentence), (12, "无关")],
                                                       preferred=[12])
    assert (article_id, status, moved_sentence[start:end]) == (10, "moved", "孙大军")
    # the same name in an unrelated sentence is not the highlighted passage
    assert reanchor_among(annotation, [(10, "别的文章,孙大军出席。"), (12, "无关")], preferred=[12])[3] == "orphaned"


def test_replacing_an_issue_reanchors_and_keeps_orphans(tmp_path):
    """`import --replace` with a changed split: every annotation survives with a status."""
    with Store.open(tmp_path / "library.sqlite") as store:
        source, issue = make_issue(SAMPLE_ARTICLES, "/papers/issue.txt")
        issue_id = store.save_issue(issue, source, paper="吕梁日报", date="2023-02-18").issue_id
        first, second = store.articles(issue_id)
        kept = store.add_annotation(first.id, first.text.index("孙大军"), first.text.index("孙大军") + 3,
                                    note="书记", tags=["人物"])
        typo = store.add_annotation(second.id, second.text.index("新能源"), second.text.index("新能源") + 12)
        doomed = store.add_annotation(second.id, second.text.index("推动吕梁"), second.text.index("推动吕梁") + 9)
        deleted = store.add_annotation(first.id, 0, 4)
        store.delete_annotation(deleted.id)
        store.add_vocab("常委会", "cháng wěi huì", "standing committee", 6, "", first.id, 4, 7)

        # the re-split swaps the articles, fixes a typo and drops a sentence
        new_articles = [
            (SAMPLE_ARTICLES[1][0], ["2月16日,市政府与中国能源建设集团有限公司举行工作会谈。",
                                     "将在新能源、新型储能等领城深化合作。"]),
            ("导读", ["今日看点"]),
            SAMPLE_ARTICLES[0],
        ]
        new_source, new_issue = make_issue(new_articles, "/papers/issue.txt")
        outcome = store.save_issue(new_issue, new_source, replace=True)
        assert outcome.replaced and outcome.issue_id == issue_id and outcome.articles == 3
        by_id = {a.id: a for a in outcome.reanchored}
        assert set(by_id) == {kept.id, typo.id, doomed.id, deleted.id}

        articles = store.articles(issue_id)
        assert [a.headline for a in articles] == ["市政府与中国能建举行工作会谈", "导读", "市委召开常委会会议"]
        moved = store.get_annotation(kept.id)
        assert moved.status in ("exact", "moved") and moved.article_id == articles[2].id
        assert articles[2].text[moved.start:moved.end] == "孙大军" and moved.note == "书记"
        assert store.get_annotation(typo.id).status == "fuzzy"
        orphan = store.get_annotation(doomed.id)
        assert orphan.status == "orphaned" and orphan.quote == "推动吕梁高质量发展" and orphan.source_start is None
        assert store.annotations(status="orphaned") == [orphan]
        assert store.get_annotation(deleted.id).deleted  # still deleted, still restorable
        assert store.get_issue(issue_id).paper == "吕梁日报"  # the user's paper/date survive
        vocab = store.vocabulary()[0]
        assert articles[2].text[vocab.start:vocab.end] == "常委会"
        assert store.search("推动吕梁").total == 0 and store.search("今日看点").total == 1
        assert store.integrity_check() == []


def test_anchor_context_rejects_a_range_outside_the_text():
    with pytest.raises(ValueError):
        anchor_context("短", 0, 5)


_HAN = "市委召开常委会会议研究讨论高质量发展现代化建设吕梁山西中国能源合作项目人民群众"


@settings(max_examples=80, deadline=None)
@given(start=st.integers(0, len(TEXT) - 20), length=st.integers(2, 20),
       before=st.text(alphabet=_HAN + ",。 \n", max_size=40), after=st.text(alphabet=_HAN + ",。\n", max_size=40),
       cut=st.integers(0, 30))
def test_edits_outside_the_quote_never_lose_it(start, length, before, after, cut):
    """Text added or removed around a passage: it is found again, word for word. (A quote of a few
    characters whose surroundings were cut away is orphaned on purpose: it could be any occurrence; one
    whose very neighbours changed is placed as "fuzzy", since its context no longer vouches for it.)"""
    if length < 8:
        cut = min(cut, 6)
    annotation = SimpleNamespace(start=start, end=start + length, quote=TEXT[start:start + length],
                                 prefix=TEXT[max(0, start - 32):start], suffix=TEXT[start + length:start + length + 32])
    head, tail = TEXT[:start], TEXT[start + length:]
    new_text = before + head[min(cut, len(head)):] + annotation.quote + tail[:max(0, len(tail) - cut)] + after
    new_start, new_end, status, score = reanchor(annotation, new_text)
    assert status in ("exact", "moved", "fuzzy")
    assert new_text[new_start:new_end] == annotation.quote
    assert score == 1.0 if status != "fuzzy" else score < 1.0


def test_a_short_changed_quote_is_trusted_only_where_its_context_fits():
    annotation = _annotation(TEXT, "孙大军")
    corrected = TEXT.replace("孙大军", "孙大君")
    start, end, status, score = reanchor(annotation, corrected)
    assert status == "fuzzy" and corrected[start:end] == "孙大君" and score > 0.7
    elsewhere = "孙大君出席了另一场完全不同的活动,地点在太原。"
    assert reanchor(annotation, elsewhere)[2] == "orphaned"


def test_a_short_quote_at_its_old_offset_in_a_rewritten_text_is_not_taken_for_it():
    annotation = _annotation(TEXT, "会议", occurrence=2)
    other = ("春耕" * annotation.start)[:annotation.start] + "会议" + "农业技术推广和种子供应工作正在有序开展之中" * 2
    assert other[annotation.start:annotation.end] == "会议"  # same words at the same offset, by chance
    assert reanchor(annotation, other)[2] == "orphaned"


def test_the_same_words_in_a_parallel_phrase_are_not_the_passage():
    # the trial: 25个 highlighted in 提名奖25个, the source corrected to 提名奖2某个 -> it was "moved" (1.0)
    # onto 道德模范25个, another phrase of the same sentence
    text = "本报讯 全市今年共评选出道德模范25个、提名奖25个，受到市委市政府表彰。\n会议要求，各地要广泛宣传先进典型。"
    annotation = _annotation(text, "25个", occurrence=1)
    new_text = text.replace("提名奖25个", "提名奖2某个")
    new_start, new_end, status, score = reanchor(annotation, new_text)
    assert status != "moved" and score != 1.0
    assert status == "orphaned" or new_text[new_start:new_end] == "2某个"


def test_a_corrected_quote_stays_where_its_context_is_not_where_a_repeated_lead_has_its_words():
    plan = "政银企对接、项目用地保障、项目手续审批、重点项目入库、开发区提档升级、项目暖冬招引“六个专项行动”"
    text = f"今年我市明确了重点工作任务,包括{plan},努力把项目建设推向新高度。\n会上,市长强调要集中开展{plan}。"
    annotation = _annotation(text, "“六个")
    new_text = text.replace("“六个", "“某个", 1)  # a typo in the first one "corrected"
    new_start, new_end, status, _ = reanchor(annotation, new_text)
    assert (new_start, new_end) == (annotation.start, annotation.end) and status == "fuzzy"
