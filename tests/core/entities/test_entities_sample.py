"""Entities of the bundled sample issue (吕梁日报 2023-02-18, page 1): what a reader of the sidebar sees."""

from __future__ import annotations

import datetime

import pytest

from dubao.core.entities import extract_issue
from dubao.core.ingest.decode import decode_file
from dubao.core.split import split_issue

SAMPLE_PERSONS = {
    "孙大军", "李雅萍", "习近平", "蓝佛安", "付永文", "张广勇", "高万才", "油晓峰", "张效彪", "王洋", "乔晓峰",
    "王阳平", "薛爱平", "郝金光", "张娟娟", "张安才", "刘小芳", "李艳", "王涛", "薛志雄", "刘斌奇", "李善元",
}


@pytest.fixture(scope="module")
def issue(sample_path):
    return split_issue(decode_file(sample_path).text)


@pytest.fixture(scope="module")
def found(issue):
    return extract_issue(issue, datetime.date(2023, 2, 18))


def by_name(found, kind):
    return {entity.name: entity for entity in found if entity.kind == kind}


def test_all_22_persons_and_no_false_ones(found):
    persons = by_name(found, "person")
    assert SAMPLE_PERSONS <= set(persons)
    for not_a_person in ("吕梁强", "奋楫", "吕梁", "荣获", "书记", "文明办"):
        assert not_a_person not in persons
    # anything else listed as a person must at least not be a place or an organisation of the issue
    others = set(persons) - SAMPLE_PERSONS
    assert others <= {"马克思"}, others


def test_titles_as_printed(found):
    persons = by_name(found, "person")
    assert persons["孙大军"].titles == ("市委书记",)
    assert persons["乔晓峰"].titles == ("市政协党组书记、主席",)
    assert persons["高万才"].titles == ("中国能源建设集团有限公司市场开发事业部执行总经理",)
    assert persons["张广勇"].titles == ("市长",)
    assert "省委书记" in persons["蓝佛安"].titles  # 省委书记蓝佛安 and 省委蓝佛安书记 merge
    assert persons["习近平"].titles == ("总书记",)
    # a list of names after one title shares it
    assert persons["郝金光"].titles == persons["薛爱平"].titles == ("党组成员、副主席",)
    assert persons["张效彪"].titles == ("市政府领导",)
    assert persons["李艳"].titles == ("吕梁市体育运动学校党支部书记",)


def test_bylines_and_credits_give_roles(found):
    persons = by_name(found, "person")
    for reporter in ("李雅萍", "付永文", "王洋", "张娟娟", "王涛"):
        assert persons[reporter].roles == ("reporter",)
    assert "photographer" in persons["薛志雄"].roles
    assert persons["孙大军"].roles == ()


def test_persons_in_protocol_order_of_first_mention(found):
    persons = [entity for entity in found if entity.kind == "person"]
    firsts = [(entity.mentions[0].article, entity.mentions[0].start) for entity in persons]
    assert firsts == sorted(firsts)
    names = [entity.name for entity in persons]
    assert names.index("孙大军") < names.index("张广勇") < names.index("高万才") < names.index("乔晓峰")


def test_repeated_mentions_merge(found):
    persons = by_name(found, "person")
    assert {m.article for m in persons["孙大军"].mentions} == {1, 5}
    assert len(persons["蓝佛安"].mentions) >= 3  # 省委蓝佛安书记 twice in article 1, twice in article 5


def test_places_merge_aliases(found):
    places = by_name(found, "place")
    assert "吕梁" in places["吕梁市"].aliases
    assert "山西" in places["山西省"].aliases
    for name in ("汾河", "黄河", "华北地区"):
        assert name in places


def test_organisations_and_abbreviations(found):
    orgs = by_name(found, "organization")
    assert "中国能建" in orgs["中国能源建设集团有限公司"].aliases
    assert "鹏飞集团" in orgs["山西鹏飞集团"].aliases
    for body in ("市委", "市政协党组", "省委宣传部", "市政府"):
        assert body in orgs
    assert any("党中央" == name or "党中央" in entity.aliases for name, entity in orgs.items())


def test_dates_resolved_against_issue_date(found):
    dates = [entity for entity in found if entity.kind == "date"]
    values = {alias: entity.value for entity in dates for alias in (entity.name,) + entity.aliases}
    assert values["2月17日"] == "2023-02-17"
    assert values["2月16日"] == "2023-02-16"
    assert values["去年"] == "2022"
    assert values["近日"] is None


def test_formulations_from_glossary_and_text(found):
    formulations = by_name(found, "formulation")
    assert formulations["四个意识"].expansion == ("政治意识", "大局意识", "核心意识", "看齐意识")
    assert formulations["两个确立"].explanation and formulations["两个确立"].source
    assert formulations["一黑二白"].expansion == ("煤", "铝", "酒")
    assert formulations["两大三新"].expansion == ("大数据", "大旅游", "新能源", "新材料", "新装备")
    assert len(formulations["六个专项行动"].expansion) == 6
    for local in ("985", "12+N", "三个坚定不移"):
        assert local in formulations
    assert "三个坚定不移" in formulations["三个坚定不移"].context


def test_mentions_index_into_article_text(issue, found):
    texts = {article.index: article.text for article in issue.articles}
    for entity in found:
        for mention in entity.mentions:
            assert texts[mention.article][mention.start:mention.end] == mention.text


def test_without_issue_date_relative_dates_stay_open(issue):
    dates = [entity for entity in extract_issue(issue) if entity.kind == "date"]
    values = {alias: entity.value for entity in dates for alias in (entity.name,) + entity.aliases}
    assert values["2月17日"] is None
    assert values["2022年度"] == "2022"  # absolute years need no issue date


def test_no_sidebar_noise_among_places_and_organisations(found):
    """新春 (新春伊始) is a time, 施工队 is cut out of the title “施工队长”, 并联 out of 并联审批, and
    党的二十大 is a congress explained by the glossary, not a standing organisation; a 民主生活会 is a
    meeting of the body, not a body."""
    places, orgs = by_name(found, "place"), by_name(found, "organization")
    for noise in ("新春", "并联", "并联审批", "伊始"):
        assert noise not in places and noise not in orgs
    for noise in ("施工队", "二十大", "党的二十大", "市政协党组班子民主生活会"):
        assert noise not in orgs
    for real in ("吕梁市", "汾河", "华北地区"):
        assert real in places
    for real in ("中国能源建设集团有限公司", "省委宣传部", "市政协党组", "市委", "省委"):
        assert real in orgs
    congress = by_name(found, "formulation")["二十大"]
    assert congress.explanation and "党的二十大" in congress.aliases  # the glossary's variant joins its entry
