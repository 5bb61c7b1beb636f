"""The raw forms users bring beyond clean text: pdftotext output (letter-spaced lines, columns read one run at
a time), text blocks in PDF stream order (headlines after their bodies), page headers and footers.
Each rule on a small page written for it, and every page in tests/fixtures/split/ with a *.truth.json outline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dubao.core.split import split_issue
from dubao.core.split.lines import line_shape, page_kind
from dubao.core.split.source_line import make_line
from split_invariants import assert_split_invariants

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "split"


def split(text: str):
    issue = split_issue(text)
    assert_split_invariants(issue, text)
    return issue


def first_line_of(article, text: str) -> str:
    start = min(start for block in article.blocks for start, _ in block.source_spans)
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start : text.find("\n", start) if "\n" in text[start:] else len(text)].strip()


# ---- letter-spaced lines ----------------------------------------------------------------------------


def test_a_letter_spaced_line_is_read_without_its_spaces_and_its_spans_skip_them():
    raw = "近 年 来 ，清 水 县 公 安 局"
    line = make_line(0, 10, raw, 0)
    assert line.text == "近年来，清水县公安局"
    source = " " * 10 + raw
    assert "".join(source[a:b] for a, b in line.spans()) == line.text
    assert "".join(source[a:b] for a, b in line.spans(3, 7)) == "，清水县"


@pytest.mark.parametrize(
    "raw",
    ["劳务工资被拖欠 检察监督全追回", "王秀英 李春梅 张丽华 刘晓燕", "郑　红 孙　莉 马　兰 朱玉洁 胡春燕",
     "新时代 新征程 新伟业", "【字号 大 中 小】", "2024 年 8 月 9 日"],
)
def test_a_headline_gap_a_list_of_names_or_a_web_widget_keeps_its_spaces(raw):
    assert make_line(0, 0, raw, 0).text == raw


def test_a_letter_spaced_paragraph_reads_as_one_paragraph_of_plain_text():
    text = ("县人大常委会召开会议\n本 报 讯（记 者 罗 晓 军）5 月 9\n日 ，县 人 大 常 委 会 召 开 第\n"
            "十 二 次 会 议 ，审 议 了 有 关 报 告 。\n")
    article, = split(text).articles
    assert article.headline == "县人大常委会召开会议"
    assert article.reporters == ("罗晓军",)
    paragraphs = [block.text for block in article.blocks if block.kind == "paragraph"]
    assert paragraphs == ["本报讯（记者罗晓军）5 月 9日，县人大常委会召开第十二次会议，审议了有关报告。"]


# ---- page furniture -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [("8", "header"), ("3 政法新闻", "header"), ("2024 年 8 月 9 日 星期五", "header"),
     ("新闻热线：0931-1234567", "contact"), ("邮箱：desk@example.com", "contact"),
     ("2024 年1 月1 日，马某因琐事与邻居发生争执", None)],
)
def test_page_numbers_dates_with_spaces_and_contact_lines_are_furniture(line, kind):
    assert page_kind(line) == kind


def test_the_pages_name_beside_its_number_is_furniture_but_a_column_tag_after_a_date_is_not():
    page = split("8\n\n2024 年 8 月 9 日 星期五\n\n法治一线\n\n小区装上智能门禁\n本报讯 近日，某小区装上了智能门禁。\n")
    assert [item.text for item in page.page_items] == ["8", "2024 年 8 月 9 日 星期五", "法治一线"]
    assert page.articles[0].column is None
    tagged = split("2024年4月2日　星期二\n\n民营经济\n\n小微企业融资更便利\n\n本报讯 一季度，贷款余额同比增长。\n")
    assert [item.text for item in tagged.page_items] == ["2024年4月2日　星期二"]
    assert "民营经济" in tagged.articles[0].text


def test_text_after_the_pages_footer_is_another_item():
    text = ("小区装上智能门禁\n本报讯 近日，某小区装上了智能门禁，居民出入更方便。\n\n"
            "责编：刘思琪 版式：郑凯\n\n端午节前夕，消防员走进社区演示灭火器的使用方法。\n")
    gate, photo = split(text).articles
    assert gate.headline == "小区装上智能门禁" and photo.text.startswith("端午节前夕")


# ---- titles that are not titles --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["“谢谢你们化解了我们兄弟俩多", "员魏嘉熠张慧莹）", "帮扶队在开展矛盾排查化解工作中，积极向村干部、老党员、致富带头"],
)
def test_a_quotation_left_open_a_stray_bracket_or_a_long_line_with_a_comma_is_no_title(line):
    assert line_shape(line) == "body"


def test_a_byline_behind_a_media_groups_brand_is_a_byline():
    assert line_shape("新甘肃·甘肃法治报记者 齐洪德") == "byline"
    assert line_shape("云岭融媒·滇南日报通讯员 周晓岚") == "byline"


# ---- stream order and column runs ---------------------------------------------------------------------


def test_a_page_printed_body_first_gives_each_late_headline_to_the_body_above_it():
    text = (FIXTURES / "stream_order_blocks.txt").read_text(encoding="utf-8")
    court, wages, floods, gambling, photo = split(text).articles
    assert [a.headline for a in (court, wages, floods, gambling)] == [
        "巡回法庭开进村广场", "六名农民工拿回血汗钱", "未雨绸缪筑牢安全堤", "蒙河警方破获网络赌博案"]
    # weak word overlap (六名农民工 / 拖欠半年的工资) is enough once the page has shown its order
    assert wages.reporters == ("周晓岚", "李文博")
    assert floods.blocks[0].kind == "headline" and floods.subheadline == "蒙河县扎实做好防汛备汛工作"
    assert [b.text for b in floods.blocks if b.kind == "heading"] == ["隐患排查不留死角", "抢险队伍枕戈待旦"]
    assert floods.reporters == ("马俊峰",)  # the byline after the late headline above opens this body
    assert photo.headline == "" and photo.text.startswith("端午节前夕")


def test_pdftotext_columns_rejoin_a_sentence_across_a_column_break_without_a_stray_article():
    text = (FIXTURES / "pdftotext_columns.txt").read_text(encoding="utf-8")
    issue = split(text)
    school, congress, grain = issue.articles
    assert [item.text for item in issue.page_items][:3] == ["3", "2025 年 5 月 10 日 星期六", "要闻"]
    assert [b.text for b in school.blocks if b.kind == "heading"] == ["一块屏幕连起城乡课堂"]
    # the column that ran on past the next article's headline comes back to its sentence
    assert any("孩子们的眼界一下子打开了。" in b.text for b in school.blocks)
    assert not any("打开了" in b.text for b in congress.blocks)
    assert [b.kind for b in congress.blocks].count("paragraph") == 2
    assert grain.reporters == ("邓佳怡",)


def _truth_pages():
    return sorted(FIXTURES.glob("*.truth.json"))


@pytest.mark.parametrize("truth_path", _truth_pages(), ids=lambda path: path.name)
def test_every_fixture_with_an_outline_splits_into_exactly_its_articles(truth_path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")).read_text(encoding="utf-8")
    issue = split(text)
    found = [(first_line_of(article, text), article.headline.replace(" ", "")) for article in issue.articles]
    assert len(found) == len(truth["articles"])
    for (line, headline), expected in zip(found, truth["articles"]):
        assert line.startswith(expected["first_line"])
        assert headline == expected["headline"].replace(" ", "")


# ---- what is no article: notices, tables, web page furniture -----------------------------------------


def test_a_classified_notice_and_its_text_are_one_page_item_and_end_the_article_above():
    text = ("小区装上智能门禁\n\n本报讯 近日，某小区装上了智能门禁。\n\n遗失声明\n\n"
            "某某公司不慎遗失公章一枚，声明作废。\n\n老街夜市重新开张\n\n本报讯 近日，老街夜市重新开张。\n")
    issue = split(text)
    assert [a.headline for a in issue.articles] == ["小区装上智能门禁", "老街夜市重新开张"]
    notice, = issue.page_items
    assert (notice.kind, notice.text) == ("notice", "遗失声明\n某某公司不慎遗失公章一枚，声明作废。")


def test_a_table_with_its_title_is_one_page_item_and_a_single_row_is_not_a_table():
    text = "天气预报\n今天 小雨 18～24℃\n明天 多云 19～27℃\n\n社区食堂开张\n\n本报讯 近日，社区食堂开张。\n"
    issue = split(text)
    table, = issue.page_items
    assert table.kind == "table" and table.text.splitlines()[0] == "天气预报"
    assert [a.headline for a in issue.articles] == ["社区食堂开张"]
    lone = split("社区食堂开张\n\n本报讯 近日，社区食堂开张。\n今天 小雨 18～24℃\n")
    assert "table" not in [item.kind for item in lone.page_items]


@pytest.mark.parametrize(
    "line",
    ["首页 > 时政 > 正文", "2025-05-10 09:12:33　来源：江城日报", "当前位置：首页 > 要闻", "上一篇：江城举办读书节"],
)
def test_what_a_news_site_prints_around_an_article_is_web_furniture(line):
    assert page_kind(line) == "web"


# ---- blank lines that part articles ---------------------------------------------------------------------


def test_rare_blank_lines_between_whole_line_paragraphs_part_articles():
    text = (FIXTURES / "blank_line_separated.txt").read_text(encoding="utf-8")
    water, books, briefs, market = split(text).articles
    assert books.headline == "书香飘进田间地头"  # not a section heading of the feature above
    assert briefs.headline == "" and briefs.text.startswith("县图书馆")  # a brief after a blank is its own item
    assert [a.reporters for a in (water, books, market)] == [("梁晓雯",), ("唐一帆",), ("罗嘉宁",)]


def test_when_every_line_has_a_blank_line_only_the_wider_gaps_part_articles():
    text = (FIXTURES / "blank_line_separated.txt").read_text(encoding="utf-8")
    spaced = text.replace("\n\n", "\n\n\n\n").replace("\n", "\n\n").replace("\n\n\n\n\n\n\n\n", "\n\n\n\n")
    assert [a.headline for a in split(spaced).articles] == ["守护一江清水", "书香飘进田间地头", "", "夜市烟火气回来了"]
    # with one blank line everywhere, blanks say nothing: the brief stays with the article above
    even = text.replace("\n\n", "\n").replace("\n", "\n\n")
    assert [a.headline for a in split(even).articles] == ["守护一江清水", "书香飘进田间地头", "夜市烟火气回来了"]


def test_in_stream_order_a_photo_after_a_late_headline_is_its_own_item_with_its_tag():
    text = (FIXTURES / "national_page_stream_order.txt").read_text(encoding="utf-8")
    jobs, sowing, tea, photo, medals = split(text).articles
    assert (jobs.kicker, jobs.headline) == ("国务院常务会议研究部署", "进一步稳定和扩大就业")
    assert sowing.subheadline == "各地抓农时保春播"
    assert tea.headline == "茶园春意浓" and "credit" not in [b.kind for b in tea.blocks]
    assert (photo.column, photo.photographers, [b.kind for b in photo.blocks]) == (
        "图片报道", ("邹新民",), ["column", "caption", "credit"])
    assert medals.headline == "全国总工会表彰一批先进个人" and medals.column is None
    assert "孙志强" in medals.text  # the list of names printed under the story stays with it


def test_a_features_heading_in_two_short_parts_is_one_heading_not_a_new_article():
    text = ("守护一江清水\n本报记者 梁晓雯\n清晨六点，巡河员老周已经沿着江堤走了三公里。\n"
            "管好“责任田”\n守住一江水\n如今，沿江十二个村都有了专职巡河员。\n")
    article, = split(text).articles
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["管好“责任田”守住一江水"]
    # a headline with its sub-title after a news item (signed by its dateline) still opens an article
    news = ("小区装上智能门禁\n本报讯（记者 王一）近日，某小区装上了智能门禁。\n"
            "夜市重新开张\n老街人气旺\n傍晚时分，老街夜市亮起灯来。\n")
    assert [a.headline for a in split(news).articles] == ["小区装上智能门禁", "夜市重新开张"]


def test_a_news_photo_without_a_headline_is_named_by_its_captions_short_lead_sentence():
    text = ("小区装上智能门禁\n本报讯 近日，某小区装上了智能门禁，居民出入更方便。\n\n责编：刘思琪\n\n"
            "消防员进社区。5月8日，消防员在社区演示灭火器的使用方法。本报记者 田野 摄\n")
    gate, photo = split(text).articles
    assert photo.headline == "消防员进社区"
    # a caption whose first sentence is long, or has a comma, names nothing
    plain = split(text.replace("消防员进社区。", ""))
    assert plain.articles[1].headline == ""


def test_a_table_between_a_headline_and_its_text_is_one_item():
    text = "本市蔬菜价格本周总体保持平稳\n白菜 2.5元 每斤\n土豆 3.0元 每斤\n本报讯 近日，本市蔬菜价格总体平稳。\n"
    issue = split(text)
    table, = issue.page_items
    assert (table.kind, len(table.source_spans)) == ("table", 2)
    article, = issue.articles
    assert article.headline == "本市蔬菜价格本周总体保持平稳"


def test_a_padded_pen_name_under_a_full_width_headline_is_not_read_as_the_rest_of_a_sentence():
    body = "当今世界，百年变局加速演进，各\n种全球性挑战层出不穷，没有哪个\n国家能够独自应对这些挑战的。\n"
    text = "国际观察\n多边主义是应对全球挑战的正确选\n钟　声\n" + body * 3
    article, = split(text).articles
    assert article.headline == "多边主义是应对全球挑战的正确选"
    assert [b.kind for b in article.blocks][:3] == ["column", "headline", "byline"]


def test_in_hard_wrapped_text_a_kicker_as_wide_as_the_column_stays_a_title():
    body = "本报成都5月8日电　全省开放型\n经济发展大会8日在成都召开，会\n议总结了近年来的发展成效。\n"
    more = "会议指出，要坚持以开放促改革、\n促发展、促创新，稳住外贸基本盘\n，提升利用外资的质量和水平。\n"
    text = "聚焦高质量发展 打造开放高地\n全省开放型经济发展大会召开\n——推动外贸外资稳中提质\n" + body + more * 2
    article, = split(text).articles
    assert (article.kicker, article.headline, article.subheadline) == (
        "聚焦高质量发展 打造开放高地", "全省开放型经济发展大会召开", "推动外贸外资稳中提质")


def hard_wrap(text: str, width: int) -> str:
    """The page as a PDF tool prints it line by line: long lines cut at the column's width, blanks dropped."""
    out = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        out.extend(line[i : i + width] for i in range(0, len(line), width)) if len(line) > width + 3 else out.append(line)
    return "\n".join(out) + "\n"


def test_the_stream_order_page_hard_wrapped_keeps_its_articles_and_its_two_line_caption_is_a_photo():
    clean = (FIXTURES / "national_page_stream_order.txt").read_text(encoding="utf-8")
    wrapped = split(hard_wrap(clean, 15))
    assert [a.headline for a in wrapped.articles] == [a.headline for a in split(clean).articles]
    photo = wrapped.articles[3]
    assert [b.kind for b in photo.blocks] == ["column", "caption", "credit"]


def test_a_blank_line_now_and_then_between_paragraphs_of_one_article_parts_nothing():
    text = ("守护一江清水\n作者：梁晓雯\n清晨六点，巡河员老周已经沿着江堤走了三公里。\n\n"
            "“这条江养了我们祖祖辈辈，得有人看着。”老周说。\n如今，沿江十二个村都有了专职巡河员。\n\n"
            "江水一年比一年清，岸边的人也越来越多了。\n")
    article, = split(text).articles
    assert [b.kind for b in article.blocks].count("paragraph") == 4
