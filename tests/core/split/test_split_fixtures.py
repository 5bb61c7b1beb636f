"""Pages written in the styles of other papers (tests/fixtures/split/): every article boundary right."""

from __future__ import annotations

from pathlib import Path

import pytest

from dubao.core.ingest.decode import decode_bytes
from dubao.core.split import split_issue
from split_invariants import assert_split_invariants

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "split"


def load(name: str, encoding: str = "utf-8"):
    raw = (FIXTURES / name).read_bytes()
    if encoding != "utf-8":
        raw = raw.decode("utf-8").encode(encoding)
    text = decode_bytes(raw).text
    issue = split_issue(text)
    assert_split_invariants(issue, text)
    return issue


def count(article, kind):
    return sum(1 for block in article.blocks if block.kind == kind)


def test_national_front_page_three_part_headline_editorial_photo_item_and_name_list():
    issue = load("national_front_page.txt")
    assert [p.kind for p in issue.page_items] == ["header", "header", "contents", "jump", "editor"]
    assert len(issue.page_items[2].source_spans) == 4  # 导读 and its three entries
    leader, heritage, editorial, photo, honours = issue.articles
    assert (leader.kicker, leader.headline, leader.subheadline) == (
        "在参加江淮代表团审议时强调", "因地制宜推动产业转型升级", "周明远出席")
    assert (leader.dateline, leader.reporters) == ("北京3月5日", ("陈立新", "杜晓雯"))
    assert (heritage.headline, heritage.reporters, count(heritage, "paragraph")) == (
        "全国非物质文化遗产保护工作会议召开", ("郑海鸥",), 3)
    assert (editorial.column, editorial.subheadline, count(editorial, "paragraph")) == (
        "社论", "写在全国春耕生产工作会议召开之际", 4)
    assert (photo.column, photo.photographers, count(photo, "caption")) == ("图片报道", ("邹新民",), 1)
    assert honours.headline == "全国三八红旗手（集体）名单公布"
    assert [b.text for b in honours.blocks if b.kind == "heading"] == ["全国三八红旗手", "全国三八红旗集体"]
    assert count(honours, "paragraph") == 4


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_wire_page_with_crlf_indents_and_no_blank_lines(encoding):
    river, feature, white_paper = load("wire_crlf_no_blank_lines.txt", encoding).articles
    assert river.headline == "长江经济带生态保护修复取得新进展"
    assert (river.dateline, river.reporters, river.photographers) == ("武汉4月10日", ("韩思远",), ("肖艺",))
    assert [count(river, k) for k in ("paragraph", "caption", "credit")] == [3, 1, 1]
    assert feature.reporters == ("林岚", "扎西次仁")
    assert [b.text for b in feature.blocks if b.kind == "heading"] == ["从“菜难买”到“送上门”", "让更多农牧民搭上“数字快车”"]
    assert count(feature, "paragraph") == 5  # the paragraph broken after "四茬，" is joined
    assert white_paper.headline == "国务院新闻办发布白皮书"  # printed after its body
    assert (white_paper.dateline, white_paper.blocks[0].kind) == ("北京4月10日", "headline")


def test_local_page_body_first_commentary_and_column_of_briefs():
    issue = load("local_paper_body_first.txt")
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("青川县召开春季农业生产推进会", None), ("县人大代表视察重点项目建设", "吴世明参加"),
        ("走好新时代群众路线", None), ("", None), ("", None),
    ]
    assert issue.articles[0].reporters == ("罗晓峰", "何志强")
    assert issue.articles[1].reporters == ("苏婉清",)
    assert [b.kind for b in issue.articles[2].blocks][:2] == ["headline", "byline"]
    assert [a.column for a in issue.articles[3:]] == ["青川简讯", "青川简讯"]
    assert [a.reporters for a in issue.articles[3:]] == [("罗晓峰",), ("邓雪梅",)]


@pytest.mark.parametrize("indented", [True, False])
def test_hard_wrapped_pdf_text_rejoins_printed_lines_into_paragraphs(indented):
    issue = load("pdf_hard_wrapped.txt")
    if not indented:  # the same page from a PDF tool that drops paragraph indents
        text = (FIXTURES / "pdf_hard_wrapped.txt").read_text(encoding="utf-8").replace("　　", "")
        issue = split_issue(text)
        assert_split_invariants(issue, text)
    street, trees = issue.articles
    assert (street.headline, street.reporters) == ("城南老街焕发新活力", ("钟雨桐",))
    assert [b.kind for b in street.blocks] == [
        "headline", "byline", "paragraph", "paragraph", "heading", "paragraph", "paragraph"]
    assert street.blocks[2].text.endswith("不时驻足拍照。") and len(street.blocks[2].source_spans) == 4
    assert (trees.headline, trees.dateline, trees.reporters) == ("春季植树活动在城郊启动", "3月12日", ("夏明轩",))


def test_presidium_name_list_with_padded_names_stays_one_article():
    names, meeting = load("name_list_presidium.txt").articles
    assert names.headline == "全省第十四届人民代表大会第二次会议主席团和秘书长名单"
    assert [b.text for b in names.blocks if b.kind == "heading"] == ["主席团（84人）", "秘书长"]
    assert names.blocks[-1].text == "刘\u3000奇"  # the lone padded name is list text, not a headline
    assert count(names, "paragraph") == 9
    assert (meeting.headline, meeting.reporters, meeting.dateline) == ("省十四届人大二次会议举行预备会议", ("顾清和",), "1月20日")


def test_business_page_with_bullet_headings_boxes_and_agency_photo_credit():
    issue = load("economic_daily_style.txt")
    assert [(p.kind, p.text) for p in issue.page_items] == [("header", "经济日报\u30002024年4月2日\u3000星期二")]
    loans, port = issue.articles
    assert (loans.column, loans.headline, loans.subheadline) == ("民营经济", "小微企业融资难题逐步破解", "首贷户数量同比增长两成")
    assert loans.reporters == ("许佳宁",)  # byline line and 记者许佳宁报道 name the same person once
    assert [b.text for b in loans.blocks if b.kind == "heading"] == [
        "■ 信用信息“跑起来”", "■ 服务链条“延起来”", "链接", "记者手记"]
    assert (port.headline, port.reporters, port.photographers) == ("港口集装箱吞吐量创新高", ("魏一鸣",), ("江涛",))
    assert [b.kind for b in port.blocks] == ["headline", "paragraph", "caption", "credit"]


def test_evening_paper_two_line_headline_editors_note_and_interview():
    lifts, travel, interview = load("evening_paper_style.txt").articles
    assert (lifts.headline, lifts.subheadline, lifts.reporters) == ("老旧小区加装电梯", "今年再推进一百台", ("蒋一帆",))
    assert travel.blocks[1].text.startswith("编者按：")  # the note stays with the story it introduces
    assert (travel.reporters, travel.dateline, count(travel, "paragraph")) == (("严晓", "周宇航"), "1月26日", 3)
    assert (interview.column, interview.headline, interview.subheadline) == (
        "对话", "“让每个孩子都能就近上好学”", "访市教育局局长吕文博")
    assert interview.reporters == ("姚思远",) and count(interview, "paragraph") == 4


def test_briefs_with_end_credits_and_a_byline_after_the_body():
    rail, cruise, spending, photo = load("briefs_end_bylines.txt").articles
    assert (rail.column, rail.headline, rail.reporters) == ("综合新闻", "全国铁路春运发送旅客创新高", ("齐志明",))
    assert (cruise.dateline, count(cruise, "paragraph")) == ("上海2月26日", 3)  # （据新华社电） kept as printed
    assert (spending.reporters, spending.blocks[-1].kind) == (("罗珊珊",), "byline")  # the byline closes it
    assert (photo.headline, photo.photographers, photo.reporters) == ("春日田野", ("周牧",), ())
    assert [b.kind for b in photo.blocks] == ["headline", "caption", "credit"]


def test_provincial_page_cueless_kicker_photo_pair_and_bulleted_briefs():
    issue = load("provincial_page_two.txt")
    meeting, experts, photos, *briefs = issue.articles
    assert (meeting.column, meeting.kicker, meeting.headline, meeting.subheadline) == (
        "要闻", "聚焦高质量发展 打造内陆开放高地", "全省开放型经济发展大会召开", "推动外贸外资稳中提质")
    assert (meeting.reporters, meeting.dateline) == (("梁晓东",), "成都5月8日")
    assert experts.headline == "专家：消费市场有望持续回暖"
    assert (photos.column, photos.photographers, [b.kind for b in photos.blocks]) == (
        "图片报道", ("何川", "赵洋"), ["column", "caption", "credit", "caption", "credit"])
    assert [(b.column, b.reporters) for b in briefs] == [
        ("全省简讯", ("白云飞",)), ("全省简讯", ("冯晓燕",)), ("全省简讯", ("梁晓东",))]


def test_theory_page_essays_with_bare_name_bylines_numbered_headings_and_author_notes():
    first, second = load("theory_page.txt").articles
    assert (first.column, first.headline, first.subheadline, first.reporters) == (
        "理论周刊", "以新质生产力推动高质量发展", None, ("王建华",))
    assert [b.kind for b in first.blocks].count("heading") == 2
    assert first.blocks[-1].text == "（作者为省委党校经济学教研部教授）"  # the author note stays with its essay
    assert (second.headline, second.reporters, count(second, "paragraph")) == (
        "让城乡融合发展走深走实", ("李敏", "陈晓峰"), 3)


def test_international_page_with_correspondent_and_pen_name():
    un, floods, commentary = load("international_page.txt").articles
    assert (un.column, un.dateline, un.reporters) == ("国际", "联合国3月4日", ("谢宁",))
    assert (floods.headline, floods.reporters, count(floods, "paragraph")) == ("欧洲多国遭遇强降雨", ("方莹",), 2)
    assert (commentary.column, commentary.reporters, count(commentary, "paragraph")) == ("国际观察", ("钟声",), 2)
