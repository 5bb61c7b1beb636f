"""One test per splitting rule, on small pages written for the purpose (no sample strings in the rules)."""

from __future__ import annotations

import pytest

from dubao.core.split import outline, split_issue
from dubao.core.split.lines import line_shape
from dubao.core.split.patterns import is_terminated
from dubao.core.split.people import byline_people, credit_people, paragraph_dateline
from split_invariants import assert_split_invariants


def split(text: str):
    issue = split_issue(text)
    assert_split_invariants(issue, text)
    return issue


def kinds(article):
    return [block.kind for block in article.blocks]


@pytest.mark.parametrize(
    ("line", "shape"),
    [
        ("省政府召开常务会议", "title"),
        ("王建国主持", "title"),
        ("——写在春耕生产全面展开之际", "subtitle"),
        ("■ 本报记者 赵一鸣 通讯员 钱多多", "byline"),
        ("文/图 本报记者 孙晓", "byline"),
        ("本报评论员", "byline"),
        ("新华社记者 李四 摄", "credit"),
        ("图/王五", "credit"),
        ("（社论）", "column"),
        ("新华社北京3月4日电", "dateline"),
        ("图为村民在田间劳作。", "caption"),
        ("张三 李四 王五 赵六 钱七 孙八", "names"),
        ("奋进新征程 建功新时代 永远跟党走", "banner"),
        ("2024年3月6日　星期三", "page"),
        ("（下转第三版）", "page"),
        ("本版图片均由受访者提供", "credit"),
        ("视觉中国供图", "credit"),
        ("二〇二四年三月五日　星期二", "page"),
        ("会议还研究了其他事项。", "body"),
        ("据悉，该项目总投资12亿元，预计年底建成投产，届时可带动就业岗位两千余个", "body"),
    ],
)
def test_line_shapes(line, shape):
    assert line_shape(line) == shape


@pytest.mark.parametrize(
    ("text", "ended"),
    [("到会指导。", True), ("他说：“好。”", True), ("（完）", True), ("名单如下：", True),
     ("重要战略支点的战略", False), ("破解要素制", False), ("他说“好”", False), ("持续抓好,", False)],
)
def test_sentence_end_decides_whether_a_paragraph_continues(text, ended):
    assert is_terminated(text) is ended


def test_datelines_and_credits_are_read():
    assert paragraph_dateline("新华社北京3月4日电（记者 张三、李四）国务院4日发布") == ("北京3月4日", ("张三", "李四"))
    assert paragraph_dateline("本报北京1月13日电 （记者郑海鸥）文化和旅游部") == ("北京1月13日", ("郑海鸥",))
    assert paragraph_dateline("本报讯（记者 王明 通讯员 刘芳）3月2日，全县") == ("3月2日", ("王明", "刘芳"))
    assert paragraph_dateline("本报讯(记者 王明)近日,全县") == (None, ("王明",))
    assert paragraph_dateline("会议指出，要加强通讯员队伍建设") == (None, ())
    assert byline_people("文/图 本报记者 孙晓") == (("孙晓",), ("孙晓",))
    assert byline_people("本报记者 林　岚　通讯员 扎西次仁") == (("林岚", "扎西次仁"), ())
    assert credit_people("新华社发（王五 摄）") == ("王五",)
    assert credit_people("新华社发") == ()


def test_paragraph_broken_by_a_column_is_joined_and_remembers_both_spans():
    text = "市里召开防汛会议\n\n本报讯 5月6日，市里召开防汛工作会议，要求各地\n\n压实责任，做好准备。\n\n会议还强调了安全。\n"
    (article,) = split(text).articles
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    assert [p.text for p in paragraphs] == ["本报讯 5月6日，市里召开防汛工作会议，要求各地压实责任，做好准备。", "会议还强调了安全。"]
    assert len(paragraphs[0].source_spans) == 2


def test_caption_interrupting_a_paragraph_is_kept_apart_and_the_paragraph_joined():
    text = (
        "大桥合龙\n\n□ 本报记者 周平\n\n工人们连续奋战，终于在清晨完成了主跨的\n\n"
        "图为大桥合龙现场。\n\n本报记者 周平 摄\n\n合龙作业，比计划提前十天。\n"
    )
    (article,) = split(text).articles
    assert kinds(article) == ["headline", "byline", "paragraph", "caption", "credit"]
    assert article.blocks[2].text == "工人们连续奋战，终于在清晨完成了主跨的合龙作业，比计划提前十天。"
    assert article.photographers == ("周平",) and article.reporters == ("周平",)


def test_credit_printed_at_the_end_of_a_caption_line_becomes_its_own_block():
    text = "江豚重现\n\n新华社武汉4月10日电 江豚频频出现。\n\n图为游客观赏江豚。　新华社记者 肖　艺 摄\n"
    (article,) = split(text).articles
    assert kinds(article) == ["headline", "paragraph", "caption", "credit"]
    assert article.blocks[2].text == "图为游客观赏江豚。"
    assert article.photographers == ("肖艺",)


def test_three_part_headline_kicker_headline_subheadline():
    text = "在全省经济工作会议上强调\n\n坚定信心 真抓实干\n\n李明出席\n\n本报讯 12月20日，全省经济工作会议召开。\n"
    (article,) = split(text).articles
    assert (article.kicker, article.headline, article.subheadline) == ("在全省经济工作会议上强调", "坚定信心 真抓实干", "李明出席")


def test_articles_separated_only_by_blank_lines_each_start_at_their_headline():
    text = (
        "甲县春耕有序推进\n\n本报讯 3月1日，甲县春耕全面展开。\n\n目前已完成备耕任务的九成。\n\n"
        "乙县新建十所学校\n\n本报讯 3月2日，乙县十所新学校同时开工。\n\n"
        "丙县举办技能大赛\n\n新华社成都3月3日电 丙县技能大赛吸引了五百名选手参赛。\n"
    )
    issue = split(text)
    assert [a.headline for a in issue.articles] == ["甲县春耕有序推进", "乙县新建十所学校", "丙县举办技能大赛"]
    assert [a.dateline for a in issue.articles] == ["3月1日", "3月2日", "成都3月3日"]


def test_section_headings_inside_a_feature_but_a_new_headline_after_a_news_item():
    feature = (
        "山村新貌\n\n□ 本报记者 吴桐\n\n清晨的山村格外宁静。\n\n道路通了\n\n过去进村要走两个小时山路。\n\n"
        "产业兴了\n\n如今村里办起了合作社。\n"
    )
    (article,) = split(feature).articles
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["道路通了", "产业兴了"]
    news = "市里召开会议\n\n本报讯 3月1日，市里召开会议。\n\n全市植树活动启动\n\n今年全市计划植树十万株。\n"
    assert [a.headline for a in split(news).articles] == ["市里召开会议", "全市植树活动启动"]


def test_headline_after_its_body_is_found_by_word_overlap():
    text = (
        "水库除险加固完工\n\n本报讯 4月1日，全县水库除险加固工程完工。\n\n"
        "本报讯（记者 何琳）4月2日，县里举行茶叶采摘节，茶农纷纷展示新茶。\n\n茶叶采摘节吸引游客三千人次。\n\n"
        "县里举办茶叶采摘节\n\n刘强出席\n\n老旧小区改造启动\n\n本报讯 4月3日，全县老旧小区改造启动。\n"
    )
    issue = split(text)
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("水库除险加固完工", None), ("县里举办茶叶采摘节", "刘强出席"), ("老旧小区改造启动", None),
    ]
    tea = issue.articles[1]
    assert kinds(tea)[:2] == ["headline", "subheadline"] and tea.reporters == ("何琳",)


def test_editorial_photo_item_and_contents_box():
    text = (
        "导读\n\n春季招聘会今日开幕　第二版\n\n乡村振兴一线见闻　第三版\n\n"
        "奋力开创新局面\n\n（社论）\n\n新的一年，新的征程。\n\n"
        "图片报道\n\n3月4日，农民在田间翻耕作业。\n\n本报记者 邹新民摄\n"
    )
    issue = split(text)
    assert [(p.kind, p.text.split("\n")[0]) for p in issue.page_items] == [("contents", "导读")]
    assert len(issue.page_items[0].source_spans) == 3
    editorial, photo = issue.articles
    assert (editorial.headline, editorial.column) == ("奋力开创新局面", "社论")
    assert photo.column == "图片报道" and kinds(photo) == ["column", "caption", "credit"]
    assert photo.photographers == ("邹新民",)


def test_long_name_list_stays_in_its_article():
    names = "\n\n".join(" ".join(f"{a}{b}{c}" for a, b, c in zip("王李张刘陈杨赵黄", "秀春丽晓海建国明", "英梅华燕峰军强")) for _ in range(3))
    text = f"先进个人名单公布\n\n本报讯 3月8日，表彰名单公布。名单如下：\n\n先进个人\n\n{names}\n\n乙县开工建设\n\n本报讯 3月9日，另一件事。\n"
    first, second = split(text).articles
    assert kinds(first) == ["headline", "paragraph", "heading", "paragraph", "paragraph", "paragraph"]
    assert second.headline == "乙县开工建设"


def test_offsets_are_exact_with_crlf_cr_and_indented_lines():
    for newline in ("\r\n", "\r", "\n"):
        text = newline.join(["　　标题在此", "", "　　本报讯 5月1日，正文第一段。", "正文第二段。", ""])
        (article,) = split(text).articles
        headline = article.blocks[0]
        (start, end), = headline.source_spans
        assert text[start:end] == "标题在此"


def test_outline_names_articles_bylines_and_counts():
    text = "大桥合龙\n\n□ 本报记者 周平\n\n工人们连续奋战。\n\n图为合龙现场。\n\n本报记者 周平 摄\n"
    shown = outline(split(text))
    assert "1. 大桥合龙" in shown and "reporters 周平" in shown and "photos 周平" in shown
    assert "1 paragraph, 1 caption, 1 credit" in shown


@pytest.mark.parametrize("text", ["", "\n\n\n", "　", "一", "。", "——", "□", "图为", "新华社北京3月4日电"])
def test_degenerate_pages_do_not_fail(text):
    split(text)


def test_items_announced_by_a_colon_stay_paragraphs_and_numbered_headings_stay_headings():
    text = (
        "全县部署安全生产工作\n\n本报讯 3月1日，全县召开安全生产会议。会议要求：\n\n一是压实属地责任\n\n二是开展隐患排查\n\n"
        "三是强化应急值守\n\n会议还通报了近期事故情况。\n\n一、总体要求\n\n二、重点任务\n\n全年开展专项整治三次。\n"
    )
    (article,) = split(text).articles
    assert [b.kind for b in article.blocks] == [
        "headline", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "heading", "heading", "paragraph",
    ]


def test_page_furniture_from_a_web_page_and_the_masthead_are_page_items():
    text = "青川日报\n\n2023-03-12\n\n来源：青川日报\n\n【字号 大 中 小】\n\n小城故事\n\n作者：王一凡\n\n故事从一条小河说起。\n"
    issue = split(text)
    assert [p.kind for p in issue.page_items] == ["masthead", "header", "web", "web"]
    (article,) = issue.articles
    assert (article.headline, article.reporters) == ("小城故事", ("王一凡",))


def test_more_credit_byline_and_dateline_forms():
    assert line_shape("■ 道路通了") == "title" and line_shape("□ 王涛") == "byline"
    assert line_shape("摄影 张三") == "credit" and line_shape("本报记者 张三 摄影报道") == "credit"
    assert paragraph_dateline("本报讯 记者张三报道：3月1日，") == (None, ("张三",))
    assert paragraph_dateline("央视网消息（新闻联播）：今天，") == (None, ())


def test_three_chunk_headline_over_its_body_is_a_headline_not_a_banner():
    text = "稳就业 保民生 促发展\n\n本报讯 3月1日，全市就业工作会议召开。\n\n新时代 新征程 新伟业\n\n专题\n\n走在前列\n\n本报讯 3月2日，另一条。\n"
    issue = split(text)
    assert issue.articles[0].headline == "稳就业 保民生 促发展"
    assert [p.kind for p in issue.page_items] == ["banner"]


def test_contents_box_right_after_a_headline_still_takes_its_entries():
    text = "本期要目\n\n导读\n\n春耕一线见闻　第三版\n\n城市更新观察　第五版\n\n甲县召开会议\n\n本报讯 3月1日，甲县开会。\n"
    issue = split(text)
    assert [(p.kind, p.text) for p in issue.page_items][0] == ("title", "本期要目")  # no text under it
    assert [p.kind for p in issue.page_items][1:] == ["contents"]
    assert [a.headline for a in issue.articles] == ["甲县召开会议"]


def test_xinhua_titled_dispatch_reads_its_headline_from_the_dateline_line():
    text = (
        "甲县召开会议\n\n本报讯 3月1日，甲县开会。\n\n"
        "新华社北京3月4日电　题：春天里的新希望\n\n新华社记者 张晓明　李　华\n\n春风吹绿了田野。\n\n农民们忙着播种。\n"
    )
    first, dispatch = split(text).articles
    assert (dispatch.headline, dispatch.dateline, dispatch.reporters) == ("春天里的新希望", "北京3月4日", ("张晓明", "李华"))
    assert [b.kind for b in dispatch.blocks] == ["headline", "byline", "byline", "paragraph", "paragraph"]
    assert dispatch.blocks[1].text == "新华社北京3月4日电"


def test_caption_without_a_cue_word_inside_a_broken_sentence_is_recognised_by_its_credit():
    text = (
        "春耕正忙\n\n□ 本报记者 周平\n\n连日来，全县抢抓农时，组织农机手\n\n"
        "3月4日，农民驾驶农机在田间翻耕作业。\n\n本报记者 周平 摄\n\n开展春耕生产，确保不误农时。\n"
    )
    (article,) = split(text).articles
    assert kinds(article) == ["headline", "byline", "paragraph", "caption", "credit"]
    assert article.blocks[2].text == "连日来，全县抢抓农时，组织农机手开展春耕生产，确保不误农时。"
    assert article.blocks[3].text == "3月4日，农民驾驶农机在田间翻耕作业。"


def test_end_byline_after_a_heading_of_a_signed_feature_reveals_the_next_article():
    text = (
        "山村新貌\n\n□ 本报记者 吴桐\n\n清晨的山村格外宁静。\n\n道路通了\n\n过去进村要走两个小时山路。\n\n"
        "城区新增十座口袋公园\n\n今年以来，城区利用边角地新建十座口袋公园，市民休闲有了好去处。\n\n本报记者 秦川\n"
    )
    village, parks = split(text).articles
    assert [b.text for b in village.blocks if b.kind == "heading"] == ["道路通了"]
    assert (parks.headline, parks.reporters, kinds(parks)) == (
        "城区新增十座口袋公园", ("秦川",), ["headline", "paragraph", "byline"])


def test_titled_dispatch_with_nothing_under_it_is_one_page_item():
    text = "新华社北京3月4日电\u3000题：本报讯(记者 李雅萍)2月17日,"
    issue = split(text)
    assert [(p.kind, p.text) for p in issue.page_items] == [("title", text)] and not issue.articles


def test_two_bodies_printed_before_both_their_headlines():
    text = (
        "本报讯 3月1日，全县水库除险加固工程全面完工，新增库容两百万立方米。\n\n"
        "本报讯（记者 何琳）3月2日，县里举行茶叶采摘节，茶农纷纷展示新茶。\n\n"
        "水库除险加固工程完工\n\n县里举办茶叶采摘节\n\n刘强出席\n\n老旧小区改造启动\n\n"
        "本报讯 3月3日，全县老旧小区改造启动。\n"
    )
    issue = split(text)
    assert [(a.headline, a.subheadline) for a in issue.articles] == [
        ("水库除险加固工程完工", None), ("县里举办茶叶采摘节", "刘强出席"), ("老旧小区改造启动", None),
    ]
    assert all(a.blocks[0].kind == "headline" for a in issue.articles)


def test_a_closing_note_ends_an_unsigned_piece_so_the_next_title_is_a_headline():
    text = (
        "把论文写在大地上\n\n青年学者要深入基层，在实践中发现真问题。\n\n（作者为大学教授）\n\n"
        "让阅读成为习惯\n\n读书是一个人成长的阶梯。\n\n（完）\n\n"
        "守护绿水青山\n\n生态环境保护是功在当代、利在千秋的事业。\n"
    )
    assert [a.headline for a in split(text).articles] == ["把论文写在大地上", "让阅读成为习惯", "守护绿水青山"]
