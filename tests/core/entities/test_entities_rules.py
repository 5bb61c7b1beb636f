"""Rules of entity extraction on single lines: dates, titles, credits, formulations, empty text."""

from __future__ import annotations

import datetime

from dubao.core.entities import extract_text
from dubao.core.entities.dates import find_dates
from dubao.core.entities.formulations import number_sum

ISSUE = datetime.date(2023, 2, 18)


def values(text, date=ISSUE):
    return [(surface, value) for surface, _s, _e, value in find_dates(text, date)]


def test_month_day_takes_the_issue_year_or_the_year_before():
    assert values("2月17日,市委召开") == [("2月17日", "2023-02-17")]
    assert values("从1月6日起至3月31日") == [("1月6日", "2023-01-06"), ("3月31日", "2023-03-31")]
    assert values("12月30日", datetime.date(2023, 1, 5)) == [("12月30日", "2022-12-30")]


def test_relative_and_vague_dates():
    assert values("去年以来") == [("去年", "2022")]
    assert values("今年,这里") == [("今年", "2023")]
    assert values("近日,第九届") == [("近日", None)]
    assert values("二〇二三年二月十七日") == [("二〇二三年二月十七日", "2023-02-17")]
    assert values("3个月后") == []


def test_number_sum_counts_parts():
    assert number_sum("一黑二白") == 3
    assert number_sum("两大三新") == 5
    assert number_sum("985") is None


def test_extract_text_offsets_and_kinds():
    text = "市委书记孙大军主持会议。"
    found = extract_text(text)
    assert ("孙大军", "person", 4, 7) in found
    for surface, _kind, start, end in found:
        assert text[start:end] == surface


def test_text_without_entities():
    assert extract_text("") == []
    assert extract_text("   ") == []
    assert extract_text("会议还研究了其他事项。") == []


def test_markup_and_sql_looking_text_is_only_text():
    text = "<b>'; DROP TABLE issues; --</b> 省委书记蓝佛安"
    found = extract_text(text)
    assert ("蓝佛安", "person", text.index("蓝佛安"), text.index("蓝佛安") + 3) in found


def test_title_after_name_with_organisation_before():
    found = extract_text("深入贯彻省委蓝佛安书记吕梁调研讲话")
    assert ("蓝佛安", "person", 6, 9) in found
    assert ("省委", "organization", 4, 6) in found


def test_concurrent_use_gives_the_same_result():
    from concurrent.futures import ThreadPoolExecutor

    text = "市长张广勇与中国能源建设集团有限公司市场开发事业部执行总经理高万才举行工作会谈。"
    expected = extract_text(text)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(extract_text, [text] * 8))
    assert all(result == expected for result in results)
    assert ("高万才", "person", text.index("高万才"), text.index("高万才") + 3) in expected


def test_organisation_abbreviation_merges_within_an_issue():
    from dubao.core.entities.merge import merge
    from dubao.core.entities.spans import Found

    found = [Found("山西鹏飞集团", "organization", 0, 6), Found("鹏飞集团", "organization", 10, 14),
             Found("吕梁", "place", 20, 22), Found("吕梁市", "place", 30, 33)]
    entities = {entity.name: entity for entity in merge([(1, found)])}
    assert entities["山西鹏飞集团"].aliases == ("鹏飞集团",)
    assert entities["吕梁市"].aliases == ("吕梁",)
    assert [m.start for m in entities["吕梁市"].mentions] == [20, 30]


def test_masthead_date_resolves_relative_dates():
    from dubao.core.entities import extract_issue
    from dubao.core.split import split_issue

    text = "吕梁日报\n2023年2月18日 星期六\n\n\n\n市委召开常委会会议\n\n本报讯(记者 李雅萍)2月17日,市委召开常委会会议。市委书记孙大军主持。\n"
    issue = split_issue(text)
    assert any("2023年2月18日" in item.text for item in issue.page_items)  # the header line, not article text
    dates = {e.name: e.value for e in extract_issue(issue) if e.kind == "date"}
    assert dates["2月17日"] == "2023-02-17"
    later = {e.name: e.value for e in extract_issue(issue, datetime.date(2024, 2, 18)) if e.kind == "date"}
    assert later["2月17日"] == "2024-02-17"  # an explicit date wins over the masthead


def test_tagger_guess_contradicted_by_the_issue_is_dropped():
    from dubao.core import entities
    from dubao.core.entities.spans import Found
    from dubao.core.split import split_issue

    issue = split_issue("氢能重卡上路\n\n一台氢能重卡一年减排,百辆氢能重卡飞驰。市长张广勇说,重卡是重点。\n")
    text = issue.articles[0].text
    guess = Found("重卡", "person", text.index("重卡"), text.index("重卡") + 2)
    start = text.index("张广勇")
    titled = Found("张广勇", "person", start, start + 3, title="市长")
    kept = entities._drop_inconsistent_persons(issue, [(1, [guess, titled])])
    assert kept == [(1, [titled])]


def test_enumeration_is_the_expansion_only_when_the_count_matches():
    from dubao.core.entities.formulations import find_formulations
    from dubao.core.entities.spans import word_spans

    def expansion(text):
        found_all = find_formulations(text, word_spans(text), set())
        (found,) = [f for f in found_all if f["term"] in ("一黑二白", "两大三新")]
        return found["expansion"]

    assert expansion("以煤、铝、酒“一黑二白”传统产业") == ["煤", "铝", "酒"]
    assert expansion("以煤、铝“一黑二白”传统产业") == []  # two parts listed, the term counts three
    assert expansion("发展“两大三新”新兴产业") == []


def test_unknown_local_formulation_keeps_its_sentence():
    from dubao.core.entities.formulations import find_formulations

    text = "会议要求。坚决落实“三个坚定不移”工作要求,推进工作。"
    (found,) = find_formulations(text, [], set())
    assert found["term"] == "三个坚定不移" and found["explanation"] == ""
    assert found["context"] == "坚决落实“三个坚定不移”工作要求,推进工作。"


def test_a_very_long_line_is_tagged_piece_by_piece_with_right_offsets():
    sentence = "市委书记孙大军主持会议,研究吕梁市项目建设。"
    text = sentence * 200  # 4,400 characters on one line
    found = extract_text(text)
    persons = [(start, end) for surface, kind, start, end in found if kind == "person"]
    assert len(persons) == 200
    assert all(text[start:end] == "孙大军" for start, end in persons)


def test_a_bare_day_takes_the_issue_month():
    assert values("习近平17日在人民大会堂会见") == [("17日", "2023-02-17")]
    assert values("28日召开", datetime.date(2023, 3, 2)) == [("28日", "2023-02-28")]
    assert values("3日内完成") == []  # a duration, not a date
    assert values("2月17日电") == [("2月17日", "2023-02-17")]


def test_titles_and_foreign_names_in_a_xinhua_lead():
    from dubao.core.entities.spans import find_spans

    text = "新华社北京2月17日电（记者 张晓松、朱基钗）国家主席习近平17日在人民大会堂会见来访的伊朗总统莱希。"
    persons = {f.text: (f.title, f.roles) for f in find_spans(text, ISSUE) if f.kind == "person"}
    assert persons["张晓松"] == (None, ("reporter",)) and persons["朱基钗"] == (None, ("reporter",))
    assert persons["习近平"] == ("国家主席", ())
    assert persons["莱希"][0] == "伊朗总统"


def test_no_date_inside_a_name_and_whole_company_names():
    text = "光明日报总编辑王晨和海南国际武术开发集团公司经理张三都表示"
    found = extract_text(text)
    assert not [f for f in found if f[1] == "date"]  # 明日 inside 光明日报
    assert ("王晨", "person", 7, 9) in found


def test_time_words_title_words_and_set_phrases_are_not_places_or_organisations():
    from dubao.core.entities import checks

    text = "新春伊始,省委书记蓝佛安在吕梁调研"
    assert checks.time_word(text, 0, 2)
    assert not checks.time_word(text, 13, 15)  # 吕梁
    assert checks.time_word("国庆前夕", 0, 2) and not checks.time_word("访华期间", 1, 2)
    assert checks.head_of_title("当好施工队长", 5) and checks.head_of_title("公安局长", 3)
    assert not checks.head_of_title("施工队伍", 3) and not checks.head_of_title("美国财政部长鲁宾", 5)
    listed = "集中办公、挂图作战、并联审批,容缺受理"
    assert checks.in_set_phrase_list(listed, 10, 12)
    assert not checks.in_set_phrase_list("华北地区、东北地区", 0, 4)  # the whole stretch is the name
    assert not checks.in_set_phrase_list("他在山西太原工作", 2, 4)
    assert checks.party_congress("二十大") and checks.party_congress("中共十五大")
    assert not checks.party_congress("十大") and not checks.party_congress("二十大精神")


def test_press_line_keeps_real_names_and_drops_time_and_title_words():
    found = {(surface, kind) for surface, kind, _s, _e in extract_text(
        "新春伊始,中国能源建设集团有限公司与吕梁市政府签约,扑下身子当好“施工队长”,学习贯彻党的二十大精神")}
    assert ("中国能源建设集团有限公司", "organization") in found
    assert ("吕梁市", "place") in found or ("吕梁市政府", "organization") in found
    kinds_of = {surface: kind for surface, kind in found}
    assert "新春" not in kinds_of and kinds_of.get("施工队") is None
    # the congress (printed as the glossary's variant 党的二十大) is a formulation, not an organisation
    assert [kind for surface, kind in found if "二十大" in surface] == ["formulation"]
    # People's Daily's own convention, for its benchmark: the congress is an organisation there
    assert ("二十大", "organization") in {(s, k) for s, k, _a, _b in extract_text("党的二十大精神", pd_view=True)} \
        or not any(k == "organization" for _s, k, _a, _b in extract_text("党的二十大精神"))


def test_one_character_countries_before_a_word_of_relations_are_places():
    places = lambda text: [s for s, kind, _a, _b in extract_text(text) if kind == "place"]  # noqa: E731
    assert places("严格遵守中韩建交时确立的原则") == ["中", "韩"]
    assert places("尽管巴以谈判遭遇挫折") == ["巴", "以"]
    assert "以" not in places("以中美关系大局为重")
    assert places("集中合作的力量") == []


def test_people_s_daily_view_differs_only_where_its_annotation_does():
    line = "华北地区的市政府和山西鹏飞集团"
    app = {(s, k) for s, k, _a, _b in extract_text(line)}
    pd = {(s, k) for s, k, _a, _b in extract_text(line, pd_view=True)}
    assert ("华北地区", "place") in app and ("市政府", "organization") in app
    assert ("华北", "place") in pd and ("市政府", "organization") not in pd
    assert ("山西鹏飞集团", "organization") in app & pd


def test_unambiguous_one_character_places_pass_but_ambiguous_need_context():
    from dubao.core.entities.checks import one_char_place

    assert one_char_place("为此俄指责拉脱维亚", 2, "LOC")
    assert not one_char_place("美丽乡村", 0, "LOC")  # 美 alone is beauty, not America
    assert one_char_place("中美关系", 1, "LOC")


def test_a_department_is_cut_off_its_company_but_a_group_company_stays_whole():
    from dubao.core.entities.checks import parent_org

    assert parent_org("山西鹏飞集团新能源营销事业部") == len("山西鹏飞集团")
    assert parent_org("中国能源建设集团有限公司市场开发事业部") == len("中国能源建设集团有限公司")
    assert parent_org("海南国际武术开发集团公司") is None


def test_word_tags_are_cached_and_old_private_dictionary_copies_removed(tmp_path, monkeypatch):
    from dubao.core import paths
    from dubao.core.entities import pos_words as entities_words

    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    stale = tmp_path / "entities-jieba-0123456789ab.marshal"
    stale.write_bytes(b"old private jieba copy")
    tags = entities_words._jieba_word_tags()
    assert tags["北京"].startswith("ns")
    assert not stale.exists()
    assert list(tmp_path.glob("entities-jieba-tags-*.marshal"))
    assert entities_words._jieba_word_tags() == tags  # read back from the cache


def kinds_in(text):
    return {(surface, kind) for surface, kind, _s, _e in extract_text(text)}


def test_a_name_stops_before_an_adverb_and_a_verb_is_no_surname():
    assert ("蓝佛安", "person") in kinds_in("新春伊始,省委书记蓝佛安便来到我市调研。")
    assert not {kind for _s, kind in kinds_in("奋楫争先谱华章") if kind == "person"}
    assert ("俊平", "person") in kinds_in("在医生的帮助下，俊平开通了一条热线。")


def test_press_words_and_rankings_are_no_organisations():
    assert kinds_in("锚定省委“两个基本实现”奋斗目标") >= {("省委", "organization")}
    assert ("锚定省委", "organization") not in kinds_in("锚定省委“两个基本实现”奋斗目标")
    organisations = {s for s, kind in kinds_in("认真贯彻执行新时代党的建设总要求,实现新时代新征程的良好开局。中国能建作为世界500强企业")
                     if kind == "organization"}
    assert not organisations & {"新时代", "新时代党", "世界500强"}
    assert "中国能建" in organisations


def test_a_known_place_followed_by_verbs_is_no_longer_place():
    places = {s for s, kind in kinds_in("市委要求落实到具体工作中,推动吕梁现代化建设行稳致远。") if kind == "place"}
    assert places == {"吕梁"}


def test_a_leading_word_jieba_calls_a_verb_stays_when_nothing_known_remains():
    assert ("临水乡", "place") in kinds_in("酒泉市临水乡北沟村农民")
    assert ("终审法院", "organization") in kinds_in("香港设立终审法院。")


def test_transcribed_names_jieba_knows_are_people_and_an_elder_is_one_too():
    assert ("穆巴拉克", "person") in kinds_in("穆巴拉克抵达拉塔基亚。")
    assert ("基里延科", "person") in kinds_in("叶利钦总统坚持提名基里延科。")
    assert ("胡", "person") in kinds_in("胡老说，当年的事还记得。")
    assert not {kind for _s, kind in kinds_in("各方为项目保驾护航。") if kind == "person"}


def test_famous_names_that_are_also_frequent_words_pass_when_lac_reads_a_person():
    assert ("鲁迅", "person") in kinds_in("鲁迅毕其一生致力于改造国民性。")
    assert ("释迦牟尼", "person") in kinds_in("还有释迦牟尼身边的两位弟子。")
    assert ("戴安娜", "person") in kinds_in("而戴安娜，不论她走到哪里")
    assert not {kind for _s, kind in kinds_in("把晚会的气氛推向高潮。") if kind == "person"}


def test_an_organisation_jieba_calls_an_ordinary_word_stays_when_lac_agrees():
    assert ("微软", "organization") in kinds_in("许多人认为微软垄断了操作系统市场。")
    assert ("特钢", "organization") not in kinds_in("集中力量打造氢能、铝镁、特钢、煤层气等九大工业经济增长极。")


def test_a_long_line_without_sentence_ends_is_read_whole_and_in_place():
    line = "孙大军在吕梁市调研" * 500  # 4,500 characters, no punctuation: tagged in pieces
    found = extract_text(line)
    people = [(start, end) for surface, kind, start, end in found if kind == "person"]
    assert people == [(9 * i, 9 * i + 3) for i in range(500)]
    assert all(line[start:end] == surface for surface, _kind, start, end in found)
