"""Words: jieba with the press dictionary, code-point offsets, fast cached load."""

from __future__ import annotations

import time

import pytest

from dubao.core import paths
from dubao.core.language import tokens


def _words(text: str) -> list[str]:
    return [word for word, _, _ in tokens.tokenize(text)]


def _assert_covers(text: str, result: list[tuple[str, int, int]]) -> None:
    position = 0
    for word, start, end in result:
        assert start == position and text[start:end] == word and end > start
        position = end
    assert position == len(text)


@pytest.mark.parametrize("word", ["常委会", "中国式现代化", "高质量发展", "营商环境", "两个确立", "新质生产力"])
def test_press_vocabulary_comes_out_whole(word):
    assert word in _words(f"会议强调，要推进{word}工作。") or word in _words(f"{word}是重点")


def test_offsets_are_code_points_with_a_character_outside_the_bmp():
    text = "𠮷野家召开常委会会议"
    result = tokens.tokenize(text)
    _assert_covers(text, result)
    assert ("常委会", 5, 8) in result


def test_every_character_is_covered_in_order_for_mixed_text():
    text = "2月17日，市委召开常委会会议 (GDP增长5.2%)\r\n他说：“好！”\tabc"
    _assert_covers(text, tokens.tokenize(text))


def test_empty_and_non_chinese_input():
    assert tokens.tokenize("") == []
    text = "Hello, world 123!"
    result = tokens.tokenize(text)
    _assert_covers(text, result)
    assert "Hello" in [w for w, _, _ in result]


def test_cache_lives_in_the_app_cache_folder_and_loading_is_idempotent():
    tokens.ensure_loaded()
    tokens.ensure_loaded()
    cached = list(paths.cache_dir().glob("jieba-press-*.chunks"))
    assert cached, "the merged prefix dictionary is cached in Dubao's cache folder"
    import jieba

    assert jieba.dt.tmp_dir == str(paths.cache_dir())


def test_press_dictionary_entries_are_well_formed():
    entries = tokens.read_press_dict()
    assert len(entries) > 300
    assert all(" " not in word and word for word, _, _ in entries)
    assert len({word for word, _, _ in entries}) == len(entries), "no duplicate entries"


def test_a_one_megabyte_line_is_tokenized_in_linear_time():
    unit = "市委召开常委会会议，研究推进中国式现代化和高质量发展。"
    large = unit * (2**20 // len(unit.encode("utf-8")) + 1)  # one line of 1 MB (UTF-8)
    small = large[: len(large) // 20]
    start = time.perf_counter()
    _assert_covers(small, tokens.tokenize(small))
    small_time = time.perf_counter() - start
    start = time.perf_counter()
    _assert_covers(large, tokens.tokenize(large))
    large_time = time.perf_counter() - start
    assert large_time < small_time * 20 * 3  # 20x the text; quadratic would be 400x


def test_glossary_forms_are_whole_words_but_the_entity_tagger_reads_new_ones_as_their_parts():
    from dubao.core.entities.pos_words import words_with_pos
    from dubao.core.language import tokens

    from dubao.core.text import is_han

    only = sorted(word for word, before in tokens.glossary_only_words().items()
                  if not before and 3 <= len(word) <= 6 and all(map(is_han, word)))  # words only the glossary makes
    assert only  # the glossary adds words jieba and the press dictionary lack
    for word in only[:20]:
        text = f"全面推进{word}工作"
        assert word in [w for w, _s, _e in tokens.tokenize(text)]  # the reader's word, whole
        parts = tokens.base_cut(word)
        assert "".join(parts) == word and len(parts) > 1
        assert word not in [w for w, _pos in words_with_pos(text)]  # the tagger's features as it was trained
