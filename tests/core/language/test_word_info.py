"""One answer to "what is this word, here": components that cover a compound exactly with their readings in
context, a first meaning that is a meaning, the formulation and entity, and the per-character syllables the
ruby layer draws."""

from __future__ import annotations

from dubao.core.analysis import Analysis
from dubao.core.language.dictionary import get_dictionary, hsk_label
from dubao.core.language.word_info import character_readings, components, split_into_words, word_info, word_info_at
from dubao.core.models import DictEntry, Entity, Mention, Token


def test_components_cover_a_compound_exactly_with_the_fewest_dictionary_words():
    dictionary = get_dictionary()
    for word in ("高质量发展", "重要讲话", "中国式现代化", "施工队长"):
        parts = split_into_words(word, dictionary)
        assert "".join(parts) == word and len(parts) >= 2
        assert all(part in dictionary for part in parts)
    assert split_into_words("高质量发展", dictionary) == ["高质量", "发展"]


def test_a_word_in_cc_cedict_has_no_components():
    assert word_info("发展").components == () and word_info("发展").entries


def test_components_keep_the_reading_in_context():
    token = Token("施工队长", 0, 4, "shī gōng duì zhǎng", ("shi1", "gong1", "dui4", "zhang3"))
    parts = components(token, get_dictionary())
    assert [(p.word, p.pinyin) for p in parts] == [("施工", "shī gōng"), ("队长", "duì zhǎng")]
    assert parts[1].first_meaning and not parts[1].first_meaning.startswith("used in")


def test_first_meaning_skips_cross_references():
    from dubao.core.language.word_info import Component

    entry = DictEntry("个", "個", "gè", "ge4", ("used in 自個兒|自个儿[zi4 ge3 r5]", "classifier for people"))
    assert Component("个", "gè", (entry,)).first_meaning == "classifier for people"


def test_nothing_known_about_latin_letters():
    info = word_info("xyzzy")
    assert not info.known()
    assert info.to_json() == {"word": "xyzzy", "pinyin": "", "hsk": None, "entries": [], "components": [],
                              "formulation": None, "entity": None}


def test_in_context_a_persons_name_cut_by_jieba_is_one_word_with_its_titles():
    text = "市委书记孙大军主持"
    tokens = (Token("市委书记", 0, 4, "shì wěi shū jì", ("shi4", "wei3", "shu1", "ji4")),
              Token("孙", 4, 5, "sūn", ("sun1",)), Token("大军", 5, 7, "dà jūn", ("da4", "jun1")),
              Token("主持", 7, 9, "zhǔ chí", ("zhu3", "chi2")))
    person = Entity("孙大军", "person", titles=("市委书记",), mentions=(Mention(1, 4, 7, "孙大军"),))
    info = word_info_at(Analysis.build(text, tokens, (person,)), 5, get_dictionary())
    assert (info.word, info.token.pinyin) == ("孙大军", "sūn dà jūn")
    assert info.entity.titles == ("市委书记",)
    assert info.to_json()["entity"]["titles"] == ["市委书记"]


def test_character_readings_and_hsk_label():
    token = Token("G20峰会", 3, 8, "G 2 0 fēng huì", ("G", "2", "0", "feng1", "hui4"))
    assert [(r.offset, r.syllable, r.tone) for r in character_readings(token)] == [(6, "fēng", 1), (7, "huì", 4)]
    assert [hsk_label(level) for level in (None, 4, 7)] == ["", "4", "7–9"]


def test_the_one_line_definition_falls_back_to_the_formulation_then_the_parts():
    from dubao.core.entities.glossary import Formulation

    assert word_info("发展").definition == get_dictionary().lookup("发展")[0].definitions[0]
    compound = word_info("重要讲话")
    assert compound.definition.startswith("重要 ") and " + 讲话 " in compound.definition
    token = Token("两个确立", 0, 4, "liǎng gè què lì", ("liang3", "ge4", "que4", "li4"))
    entry = Formulation("两个确立", explanation="a test entry", english="Two Establishments")
    from dubao.core.language.word_info import WordInfo

    assert WordInfo(token, None, (), (), entry).definition == "Two Establishments"


def test_no_component_reads_its_characters_otherwise_than_the_context():
    info = word_info("规上工业入统率"[4:])  # 入统率: read rù tǒng lǜ (rate), not 统率 tǒng shuài (to command)
    assert info.token.pinyin == "rù tǒng lǜ"
    assert "统率" not in [part.word for part in info.components]
    rate = info.components[-1]
    assert (rate.word, rate.pinyin) == ("率", "lǜ") and "rate" in rate.first_meaning
