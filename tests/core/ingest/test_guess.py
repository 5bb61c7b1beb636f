"""Paper, date and page guessed from the names e-paper sites and people give files, and from page headers."""

from __future__ import annotations

import pytest

from dubao.core.ingest.guess import guess_date, guess_page, guess_paper


@pytest.mark.parametrize("name, paper, date, page", [
    ("人民日报_2026-01-14_01版.pdf", "人民日报", "2026-01-14", "1"),
    ("rmrb20260114-01.txt", "人民日报", "2026-01-14", "1"),
    ("2026-01/14/nw.D110000renmrb_20260114_1-01.htm", "人民日报", "2026-01-14", "1"),
    ("2026-01/14/nw.D110000renmrb_20260114_3-12.htm", "人民日报", "2026-01-14", "12"),
    ("gmrb_2025-11-03_p7.txt", "光明日报", "2025-11-03", "7"),
    ("新华日报 2024.05.06 第A3版.txt", "新华日报", "2024-05-06", "A3"),
    ("lvliang-ribao-2023-02-18-p1.txt", "吕梁日报", "2023-02-18", "1"),
    ("renmin_ribao_20240105.txt", "人民日报", "2024-01-05", None),
    ("2024-07/09/content_123.htm", None, "2024-07-09", None),
    ("notes.txt", None, None, None),
])
def test_file_names(name, paper, date, page):
    assert (guess_paper(name, ""), guess_date(name, ""), guess_page(name, "")) == (paper, date, page)


@pytest.mark.parametrize("header, paper, date, page", [
    ("人民日报 2026年1月14日 星期三\n第01版：要闻\n推动冬季农田水利建设提质增效\n", "人民日报", "2026-01-14", "1"),
    ("2024年8月9日 星期五 甘肃法治报\n8版 : 法治文化\n", "甘肃法治报", "2024-08-09", "8"),
    ("第 A5 版\n经济日报\n2025年12月1日\n", "经济日报", "2025-12-01", "A5"),
    # a date or page in the story is no header
    ("市委召开常委会会议\n本报讯 2月17日，市委召开常委会会议。\n详见第3版\n", None, None, None),
])
def test_page_headers(header, paper, date, page):
    assert (guess_paper(None, header), guess_date(None, header), guess_page(None, header)) == (paper, date, page)


# pages whose masthead is a picture: the paper is named only where its reporters sign
_STORY = "记者从市里获悉，今年以来全市新增就业岗位一万二千个。\n"


@pytest.mark.parametrize("text, paper", [
    # two articles signed by the paper's reporters, one in brackets after 本报讯, one on a line of its own
    ("2025年3月2日 星期日\n要闻\n本报讯（南方日报记者 林某）" + _STORY + "稳就业有了新办法\n南方日报全媒体记者 陈某\n" + _STORY,
     "南方日报"),
    # a dateline names it too; one article reprinted from another paper does not rename the page
    ("羊城晚报讯 " + _STORY + "文/羊城晚报首席记者 何某\n" + _STORY + "（人民日报记者 王某）\n" + _STORY, "羊城晚报"),
    # one byline is not enough, two papers as often as each other are not either, and 本报 names none
    ("（新华日报记者 赵某）\n" + _STORY, None),
    ("（新华日报记者 赵某）\n" + _STORY + "（扬子晚报记者 钱某）\n" + _STORY, None),
    ("本报记者 孙某\n" + _STORY + "本报讯 " + _STORY, None),
])
def test_paper_from_bylines_when_no_header_names_it(text, paper):
    assert guess_paper(None, text) == paper


def test_a_paper_in_the_header_comes_before_the_bylines():
    text = "经济日报 2025年12月1日\n（新华日报记者 赵某）\n" + _STORY + "（新华日报记者 钱某）\n" + _STORY
    assert guess_paper(None, text) == "经济日报"
