"""Saved web pages become articles: headline, kicker, subheadline, byline, paragraphs, paper, date and page read
from the page; several pages of one paper and date are one issue; a page with no article text is refused.

The pages in tests/fixtures/web/ are written for these tests in the markup styles of a national e-paper article
page (the publishing system's property comment, h3/h1/h2/h4, one page saved as GB18030) and of a news portal
(meta tags, navigation, a figure, an editor line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dubao.core.errors import IngestError
from dubao.core.ingest.html_issue import issue_from_pages, read_web_files
from dubao.core.ingest.html_page import read_web_page
from dubao.core.pipeline import import_file, import_web_pages, read_issue, read_web_issue
from dubao.core.library.store import Store

WEB = Path(__file__).resolve().parents[2] / "fixtures" / "web"
EPAPER = WEB / "rmrb-2026-01-14"


def _page(html: str, name: str | None = None):
    return read_web_page(html.encode("utf-8"), name)


def test_an_epaper_article_page_gives_every_title_part_the_byline_and_where_it_was_printed():
    page = read_web_page((EPAPER / "nw.D110000renmrb_20260114_1-01.htm").read_bytes())
    assert (page.kicker, page.headline, page.subheadline) == (
        "各地抓住农闲时节兴修水利", "推动冬季农田水利建设提质增效", "今冬以来已完成投资四百余亿元")
    assert page.byline == "本报记者 王立新 陈晓雨"
    assert (page.paper, page.date, page.page) == ("人民日报", "2026-01-14", "1")
    assert [kind for kind, _ in page.paragraphs] == ["paragraph"] * 3
    assert page.paragraphs[0][1].startswith("本报北京1月13日电")
    assert not any("返回目录" in text or "网站声明" in text for _, text in page.paragraphs)


def test_a_folder_of_one_issues_pages_is_one_issue_with_spans_into_its_source_text():
    issue, text = read_issue(EPAPER)
    assert (issue.paper, issue.date, issue.page, issue.source.encoding) == ("人民日报", "2026-01-14", "1", "html")
    assert [a.headline for a in issue.articles] == ["推动冬季农田水利建设提质增效", "让群众冬季出行更安心"]
    first, second = issue.articles
    assert first.reporters == ("王立新", "陈晓雨") and first.dateline == "北京1月13日"
    assert second.reporters == ("刘畅",)  # read from the GB18030 page, padded name closed up
    for article in issue.articles:
        for block in article.blocks:
            assert "".join(text[start:end] for start, end in block.source_spans) == block.text
            assert article.text[block.start:block.end] == block.text


def test_a_news_page_without_title_markup_uses_meta_tags_and_keeps_navigation_out():
    issue, _ = read_issue(WEB / "xinhua_style_news.html")
    (article,) = issue.articles
    assert article.headline == "新能源汽车下乡活动启动"
    assert (issue.paper, issue.date) == ("经济日报", "2026-03-02")  # the paper it names as its source
    kinds = [block.kind for block in article.blocks]
    assert kinds == ["headline", "paragraph", "caption", "credit", "paragraph", "paragraph"]
    assert article.reporters == ("赵明远",) and article.photographers == ("孙启明",)
    assert [item.kind for item in issue.page_items] == ["editor"]  # 【责任编辑：李华】 is no one's photo credit
    assert not any(word in article.text for word in ("首页", "相关新闻", "版权所有", "广告位"))


def test_titles_from_structure_alone_kicker_above_and_subheadline_below_the_h1():
    page = _page("""<html><head><meta charset="utf-8"><title>某地报</title></head><body>
        <div class="content"><h2>坚持稳中求进</h2><h1>全省经济运行总体平稳</h1><h2>一季度生产总值同比增长百分之五</h2>
        <p>省统计局日前发布数据，一季度全省经济运行总体平稳，主要指标好于预期。</p>
        <p>工业生产稳步回升，消费市场持续恢复，投资结构不断优化。</p></div></body></html>""")
    assert (page.kicker, page.headline, page.subheadline) == (
        "坚持稳中求进", "全省经济运行总体平稳", "一季度生产总值同比增长百分之五")


def test_paragraphs_separated_only_by_br_in_a_table_cell_are_paragraphs():
    page = _page("""<html><head><meta charset="gbk"></head><body><table><tr><td class="font01">城区新建三座公园</td></tr>
        <tr><td>　　本报讯 今年以来，城区新建三座口袋公园，方便市民就近休闲。<br>　　公园配建健身步道和儿童游乐设施。<br>
        　　下一步还将改造老旧绿地。</td></tr></table></body></html>""")
    assert page.headline == "城区新建三座公园"
    assert [text for _, text in page.paragraphs] == [
        "本报讯 今年以来，城区新建三座口袋公园，方便市民就近休闲。", "公园配建健身步道和儿童游乐设施。", "下一步还将改造老旧绿地。"]


@pytest.mark.parametrize("html", [
    (WEB / "navigation_only.html").read_text(encoding="utf-8"),
    "<html><body><script>var a = '这是一段很长很长的脚本里的中文字符串不应算作文章正文内容';</script></body></html>",
    "<html><body></body></html>",
])
def test_a_page_with_no_article_text_is_one_clear_error(html):
    with pytest.raises(IngestError, match="no article text"):
        _page(html)


def test_the_split_command_refuses_such_a_page_in_one_line(capsys):
    from dubao.cli import main

    assert main(["split", str(WEB / "navigation_only.html")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no article text" in err[0]


def test_pages_of_two_dates_are_two_issues_and_a_bad_page_is_left_out(tmp_path):
    library = Store.open(":memory:")
    outcomes, problems = import_web_pages(library, [EPAPER, WEB / "xinhua_style_news.html",
                                                    WEB / "navigation_only.html"], entities=False)
    assert sorted((library.get_issue(o.issue_id).date, o.articles) for _, o in outcomes) == [
        ("2026-01-14", 2), ("2026-03-02", 1)]
    assert len(problems) == 1 and "navigation_only.html" in str(problems[0])
    with pytest.raises(IngestError, match="2 issues"):
        read_web_issue([EPAPER, WEB / "xinhua_style_news.html"])  # split: one issue at a time


def test_an_issue_from_pages_given_paper_date_and_page_keeps_them():
    pages = read_web_files([EPAPER / "nw.D110000renmrb_20260114_2-01.htm"])
    issue, _ = issue_from_pages(pages, paper="人民日报海外版", date="2026-01-15", page="A3")
    assert (issue.paper, issue.date, issue.page) == ("人民日报海外版", "2026-01-15", "A3")


def test_web_pages_import_once_even_when_saved_again_in_another_encoding(tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for page in EPAPER.iterdir():  # the same pages, re-saved as UTF-8 with a different charset declaration
        text = page.read_bytes().decode("gb18030" if "gb2312" in page.read_bytes().decode("latin-1") else "utf-8")
        (copy / page.name).write_text(text.replace("charset=gb2312", "charset=utf-8"), encoding="utf-8")
    with Store.open(tmp_path / "library.sqlite") as library:
        first = import_file(library, EPAPER, entities=False)
        again = import_file(library, copy, entities=False)
        assert first.status == "imported" and (again.status, again.reason) == ("skipped", "same-content")
        assert again.issue_id == first.issue_id and len(library.list_issues()) == 1


def test_title_parts_named_by_their_classes_and_paragraphs_as_divs():
    page = _page("""<html><head><meta charset="utf-8"></head><body>
        <div class="list"><div><a href="a.htm">本版其他文章标题之一</a></div><div><a href="b.htm">本版其他文章标题之二</a></div></div>
        <div class="detail"><div class="yinti">聚焦民生实事</div><div class="biaoti">老旧小区改造惠及三万户</div>
        <div class="futi">今年将再开工一百个小区</div><div class="zuozhe">记者 赵 敏</div>
        <div class="zw"><div>　　记者从市住建局获悉，去年全市完成老旧小区改造一百二十个，惠及居民三万余户。</div>
        <div>　　改造内容包括管网更新、加装电梯和增设停车位等。</div><div>2026年01月14日 星期三</div></div></div>
        </body></html>""")
    assert (page.kicker, page.headline, page.subheadline) == (
        "聚焦民生实事", "老旧小区改造惠及三万户", "今年将再开工一百个小区")
    assert page.byline == "记者 赵敏"
    assert [text for _, text in page.paragraphs] == [
        "记者从市住建局获悉，去年全市完成老旧小区改造一百二十个，惠及居民三万余户。", "改造内容包括管网更新、加装电梯和增设停车位等。"]
    assert page.furniture == (("header", "2026年01月14日 星期三"),)


def test_a_names_only_heading_under_the_subheadline_is_the_byline():
    page = _page("""<html><body><div class="text_c"><h1>乡村振兴开新局</h1><h2>一季度农业生产开局良好</h2><h4>王立新　陈晓雨</h4>
        <div class="c_c"><p>　　一季度，全省农业生产开局良好，春播面积稳中有增，畜牧业生产平稳。</p></div></div></body></html>""")
    assert (page.subheadline, page.byline) == ("一季度农业生产开局良好", "王立新 陈晓雨")


def test_a_picture_saved_under_a_web_page_name_is_named_as_binary(tmp_path):
    fake = tmp_path / "page.html"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match="binary file"):
        read_issue(fake)


def test_the_paper_comes_from_the_source_line_not_from_other_words_ending_in_bao():
    page = _page("""<html><head><title>城市更新提速--人民网</title></head><body>
        <div class="top"><a href="#">电子报</a> <a href="#">读报</a></div><p>违法和不良信息举报电话：12377</p>
        <div class="col"><h1>城市更新提速</h1><p class="sou">2026年01月14日08:21 | 来源：人民网－人民日报</p>
        <div class="rm_txt_con"><p>　　各地推进城市更新，改造老旧街区，完善公共服务设施，城市面貌持续改善。</p></div></div>
        </body></html>""")
    assert (page.paper, page.date, page.headline) == ("人民日报", "2026-01-14", "城市更新提速")
