"""The bundled sample page (吕梁日报 2023-02-18, p. 1) must split as a reader of the paper sees it."""

from __future__ import annotations

import re

import pytest

from dubao.core.ingest.decode import fullwidth_display
from dubao.core.split import issue_to_json, split_issue
from split_invariants import assert_split_invariants


@pytest.fixture(scope="module")
def issue(sample_text):
    return split_issue(sample_text)


def _kinds(article, kind):
    return [block for block in article.blocks if block.kind == kind]


def test_five_articles_with_their_headlines_in_page_order(issue):
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("市委召开常委会会议", "孙大军主持"),
        ("市政府与中国能建举行工作会谈", "张广勇出席"),
        ("市政协党组召开2022年度民主生活会", "乔晓峰主持"),
        ("我市6人荣获第九届山西道德模范1人获提名", None),
        ("奋楫争先谱华章", "我市加快推进项目建设综述"),
    ]
    assert [a.column for a in issue.articles] == [None, None, None, None, "两会特稿"]


def test_reporters_photographer_and_datelines(issue):
    assert [a.reporters for a in issue.articles] == [("李雅萍",), ("付永文",), ("王洋",), ("张娟娟",), ("王涛",)]
    assert [a.photographers for a in issue.articles] == [(), (), (), (), ("薛志雄",)]
    assert [a.dateline for a in issue.articles[:3]] == ["2月17日", "2月17日", "2月16日"]


def test_paragraph_counts_with_broken_paragraphs_joined(issue):
    assert [len(_kinds(a, "paragraph")) for a in issue.articles] == [5, 3, 4, 2, 20]
    joined = [b for a in issue.articles for b in _kinds(a, "paragraph") if len(b.source_spans) > 1]
    assert [len(b.source_spans) for b in joined] == [3, 2, 2]  # 4 column breaks mended
    assert "重要战略支点的战略定位,持续抓好" in joined[0].text
    assert "带头增强历史主动" in joined[0].text
    assert "破解要素制约,推动项目早开工" in joined[1].text  # across the photo caption
    assert "我们有信心为吕梁氢能产业发展" in joined[2].text


def test_feature_has_three_headings_one_caption_and_its_credit(issue):
    feature = issue.articles[4]
    assert [b.text for b in _kinds(feature, "heading")] == [
        "“冬季行动”让“冬歇”变“冬忙”", "“氢”装上阵能源革命迈出新步伐", "多元产业格局加快形成",
    ]
    (caption,) = _kinds(feature, "caption")
    assert caption.text.startswith("图为") and "开工仪式现场" in caption.text
    (credit,) = _kinds(feature, "credit")
    assert credit.text == "记者 薛志雄 摄"
    (byline,) = _kinds(feature, "byline")
    assert byline.text == "□ 本报记者 王涛"
    assert [b.kind for b in feature.blocks[:4]] == ["column", "headline", "subheadline", "byline"]


def test_the_banner_is_a_page_item_not_part_of_an_article(issue):
    assert [(item.kind, item.text) for item in issue.page_items] == [("banner", "新时代 新征程 新伟业")]
    assert all("新征程 新伟业" not in a.text for a in issue.articles)


def test_headline_printed_after_its_body_heads_that_body(issue):
    talks = issue.articles[1]
    assert talks.blocks[0].kind == "headline" and talks.blocks[1].kind == "subheadline"
    first_paragraph = _kinds(talks, "paragraph")[0]
    # the headline comes later in the source than the body it heads
    assert talks.blocks[0].source_spans[0][0] > first_paragraph.source_spans[0][0]
    assert first_paragraph.text.startswith("本报讯(记者 付永文)")


def test_inline_byline_and_dateline_stay_in_the_paragraph(issue):
    first = _kinds(issue.articles[0], "paragraph")[0]
    assert first.text.startswith("本报讯(记者 李雅萍)2月17日,市委召开常委会会议")
    assert not _kinds(issue.articles[0], "byline")


def test_nothing_lost_and_spans_exact(issue, sample_text):
    assert_split_invariants(issue, sample_text)


def test_json_shape_matches_the_documented_example(issue, sample_text):
    data = issue_to_json(issue)
    assert set(data) == {"source", "page_items", "articles"}
    assert data["source"]["chars"] == len(sample_text) == 5971
    assert data["page_items"][0] == {"kind": "banner", "text": "新时代 新征程 新伟业", "source_spans": [[3064, 3075]]}
    first = data["articles"][0]
    assert first["text"].startswith("市委召开常委会会议\n孙大军主持\n本报讯(记者 李雅萍)2月17日,")
    assert first["blocks"][0] == {
        "kind": "headline", "text": "市委召开常委会会议", "start": 0, "end": 9, "source_spans": [[4, 13]],
    }
    assert set(first) == {
        "index", "headline", "kicker", "subheadline", "column", "reporters", "photographers", "dateline",
        "text", "blocks",
    }


def test_split_is_deterministic(sample_text):
    assert split_issue(sample_text) == split_issue(sample_text)


def _structure(issue):
    return (
        [(a.headline, a.subheadline, a.column, a.reporters, a.photographers, a.dateline,
          tuple(b.kind for b in a.blocks)) for a in issue.articles],
        [(p.kind, p.text) for p in issue.page_items],
    )


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
        pytest.param(lambda t: re.sub(r"\n+", "\n", t), id="no-blank-lines"),
        pytest.param(lambda t: re.sub(r"\n(?=[^\n])", "\n\u3000\u3000", t), id="indented"),
        pytest.param(fullwidth_display, id="full-width-punctuation"),
    ],
)
def test_same_split_whatever_the_line_ends_blank_lines_indents_or_punctuation_width(sample_text, issue, variant):
    text = variant(sample_text)
    varied = split_issue(text)
    assert_split_invariants(varied, text)
    assert _structure(varied) == _structure(issue)
