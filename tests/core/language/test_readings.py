"""Readings in context: word readings, re-split words, sandhi, output conventions."""

from __future__ import annotations

import time

import pytest

from dubao.core.language import readings as pinyin


def _numbers_of(text: str) -> list[str]:
    return [n for token in pinyin.read(text) for n in token.numbers]


def _reading_at(text: str, char_index: int) -> str:
    return _numbers_of(text)[char_index]


def test_issue_example_yinhang_hangzhang():
    tokens = pinyin.read("银行行长")
    assert "".join(t.pinyin.replace(" ", "") for t in tokens) == "yínhánghángzhǎng"
    assert [n for t in tokens for n in t.numbers] == ["yin2", "hang2", "hang2", "zhang3"]


@pytest.mark.parametrize(
    "text, char, expected",
    [
        ("加快调整产业结构", "调", "tiao2"),
        ("依法处理违法行为", "处", "chu3"),
        ("分行业统计数据", "行", "hang2"),
        ("保障供应链稳定", "应", "ying4"),
        ("保障供应链稳定", "供", "gong1"),
    ],
)
def test_words_missing_from_the_phrase_table_are_re_split(text, char, expected):
    assert _reading_at(text, text.index(char)) == expected


def test_tokens_cover_the_text_and_numbers_have_one_entry_per_character():
    text = "2023年，𠮷林省GDP增长5%，他说：“好！”"
    position = 0
    for token in pinyin.read(text):
        assert token.start == position and text[token.start:token.end] == token.text
        assert len(token.numbers) == len(token.text)
        position = token.end
    assert position == len(text)


def test_non_han_tokens_give_themselves_and_empty_pinyin():
    tokens = pinyin.read("GDP，2023")
    assert all(t.pinyin == "" for t in tokens)
    assert [n for t in tokens for n in t.numbers] == list("GDP，2023")


def test_mixed_token_keeps_latin_in_place():
    (token,) = pinyin.read_words([("5G网络", 0, 4)])
    assert token.pinyin == "5G wǎng luò"
    assert token.numbers == ("5", "G", "wang3", "luo4")


def test_empty_input():
    assert pinyin.read("") == []


def test_readings_are_citation_tones_and_spoken_form_shows_sandhi():
    by_text = {t.text: t for t in pinyin.read("一行人不是一个一个地来")}
    assert by_text["一行"].pinyin == "yī xíng" and by_text["一行"].spoken == "yì xíng"
    assert by_text["不是"].pinyin == "bù shì" and by_text["不是"].spoken == "bú shì"


@pytest.mark.parametrize("text", ["第一", "统一思想", "一九四九年", "十一月", "唯一"])
def test_no_sandhi_where_yi_is_a_number_or_word_final(text):
    assert all(t.spoken is None for t in pinyin.read(text))


def test_tone_of():
    assert [pinyin.tone_of(s) for s in ("hang2", "le5", "lü4", "ma")] == [2, 5, 4, 5]


def test_umlaut_is_written_as_u_with_diaeresis():
    token = next(t for t in pinyin.read("绿色发展") if t.text.startswith("绿"))
    assert token.numbers[0] == "lü4" and token.pinyin.startswith("lǜ")


def test_a_one_megabyte_line_without_quadratic_slowdown():
    unit = "银行行长说，要加快调整产业结构，依法处理问题。"
    large = unit * (2**20 // len(unit.encode("utf-8")) + 1)  # one line of 1 MB (UTF-8)
    small = large[: len(large) // 20]
    start = time.perf_counter()
    pinyin.read(small)
    small_time = time.perf_counter() - start
    start = time.perf_counter()
    result = pinyin.read(large)
    large_time = time.perf_counter() - start
    assert result[-1].end == len(large)
    assert large_time < small_time * 20 * 3


def test_erhua_suffix_is_r_but_er_as_a_word_stays():
    where = next(t for t in pinyin.read("你在哪儿？") if t.text == "哪儿")
    assert where.numbers == ("na3", "r5") and where.pinyin == "nǎ r"
    daughter = next(t for t in pinyin.read("她的女儿在银行工作。") if t.text == "女儿")
    assert daughter.numbers == ("nü3", "er2")


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("我的朋友告诉我", "朋友", "péng you"),
        ("我的朋友告诉我", "告诉", "gào su"),
        ("我不知道这件事", "知道", "zhī dao"),
        ("买了很多东西", "东西", "dōng xi"),
        ("感谢各位先生", "先生", "xiān sheng"),
        ("这是什么意思", "意思", "yì si"),
        ("她的衣服", "衣服", "yī fu"),
    ],
)
def test_words_with_a_neutral_last_syllable_read_as_learners_say_them(text, word, expected):
    token = next(t for t in pinyin.read(text, neutral_tones=True) if t.text == word)
    assert token.pinyin == expected
    assert token.numbers[-1].endswith("5")


def test_neutral_tone_only_at_the_end_of_a_word_and_not_where_another_sense_is_meant():
    numbers = {t.text: t.numbers for t in pinyin.read("推进东西部协作，中央和地方政府，文章大意", neutral_tones=True)}
    # east and west, not "thing" (东西部 may be read inside the glossary's 东西部协作)
    east_west = next(text for text in numbers if text.startswith("东西部"))
    assert numbers[east_west][:3] == ("dong1", "xi1", "bu4")
    assert numbers["地方"] == ("di4", "fang1")  # local government: CC-CEDICT's other sense keeps the tone
    assert numbers["大意"] == ("da4", "yi4")
    # a longer token ending in such a word: 很漂亮 is one jieba word
    assert "".join(t.pinyin for t in pinyin.read("她很漂亮", neutral_tones=True)).endswith("piào liang")
    # ... but not one whose end only looks like it: 个别 + 人, not 个 + 别人 (bié ren)
    def spoken_numbers(text):
        return [n for token in pinyin.read(text, neutral_tones=True) for n in token.numbers]

    assert spoken_numbers("个别人") == ["ge4", "bie2", "ren2"]
    assert spoken_numbers("干事创业")[:2] == ["gan4", "shi4"]  # get things done, not the clerk (gàn shi)


def test_citation_tones_by_default():
    citation = {t.text: t.pinyin for t in pinyin.read("我的朋友知道")}
    assert citation["朋友"] == "péng yǒu" and citation["知道"] == "zhī dào"
