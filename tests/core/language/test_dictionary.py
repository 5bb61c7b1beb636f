"""CC-CEDICT with every entry per headword, longest match at an offset, HSK levels."""

from __future__ import annotations

import threading

import pytest

from dubao.core.language.dictionary import Dictionary, get_dictionary


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return get_dictionary()


@pytest.mark.parametrize(
    "word, readings",
    [("行", {"háng", "xíng"}), ("长", {"cháng", "zhǎng"}), ("了", {"le", "liǎo"}), ("还", {"hái", "huán"})],
)
def test_every_reading_of_a_polyphone_is_there(dictionary, word, readings):
    assert readings <= {entry.pinyin for entry in dictionary.lookup(word)}


def test_traditional_headwords_find_the_same_entries(dictionary):
    traditional = dictionary.lookup("銀行")
    assert traditional and traditional[0].simplified == "银行" and traditional[0].traditional == "銀行"
    assert traditional[0].numbers == "yin2 hang2" and traditional[0].pinyin == "yín háng"
    assert any("bank" in d for d in traditional[0].definitions)


def test_measure_words_are_split_from_definitions(dictionary):
    book = dictionary.lookup("书")
    assert any("本 běn" in e.measure_words for e in book)
    assert not any(d.startswith("CL:") for e in book for d in e.definitions)


def test_common_readings_come_before_surnames(dictionary):
    entries = dictionary.lookup("还")
    assert entries[-1].numbers[0].isupper() or all(not e.numbers[0].isupper() for e in entries)


def test_unknown_and_empty_words(dictionary):
    assert dictionary.lookup("") == []
    assert dictionary.lookup("xyzzy") == []


def test_longest_match_starting_at_the_offset(dictionary):
    text = "中国银行业协会"
    start, end, entries = dictionary.longest_match(text, 2)
    assert (start, end) == (2, 5) and entries[0].simplified == "银行业"
    assert dictionary.longest_match(text, 3)[:2] == (3, 5)  # 行业


def test_longest_match_covering_the_offset(dictionary):
    start, end, _ = dictionary.longest_match("他在银行工作", 3, covering=True)
    assert (start, end) == (2, 4)


def test_longest_match_with_a_character_outside_the_bmp_and_punctuation(dictionary):
    text = "𠮷，银行"
    assert dictionary.longest_match(text, 1) is None
    assert dictionary.longest_match(text, 2)[:2] == (2, 4)
    assert dictionary.longest_match(text, 99) is None
    assert dictionary.longest_match("", 0) is None


def test_hsk_levels(dictionary):
    assert dictionary.hsk_level("我") == 1
    assert dictionary.hsk_level("銀行") == dictionary.hsk_level("银行") is not None
    assert dictionary.hsk_level("xyzzy") is None
    assert 1 <= dictionary.hsk_level("颁布") <= 7


def test_shared_instance_is_thread_safe():
    found = []
    threads = [threading.Thread(target=lambda: found.append(get_dictionary())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(d) for d in found}) == 1


def test_reopening_uses_the_cached_index(dictionary):
    again = Dictionary.open()
    assert [e.numbers for e in again.lookup("行")] == [e.numbers for e in dictionary.lookup("行")]


@pytest.mark.skipif(not hasattr(__import__("os"), "pread"), reason="memory-mapped where positioned reads are missing")
def test_looking_words_up_keeps_no_part_of_the_data_file_resident(dictionary):
    from pathlib import Path

    for word in ("发展", "行", "長城", "中华人民共和国", "银行"):
        assert dictionary.lookup(word)
    maps = Path("/proc/self/maps").read_text()
    assert ".dat" not in "".join(line.split()[-1] for line in maps.splitlines() if len(line.split()) > 5
                                 and "cedict" in line)


def test_the_headword_index_keeps_every_entry_of_a_headword_in_order():
    from dubao.core.language.dictionary_index import HeadwordIndex

    index = HeadwordIndex.build({"行": [7 << 20 | 5, 3 << 20 | 4], "银行": [9 << 20 | 6], "银": [1 << 20 | 2]})
    again = HeadwordIndex.loads(index.dumps())
    assert again.get("行") == (7 << 20 | 5, 3 << 20 | 4) and again.get("银行") == (9 << 20 | 6,)
    assert again.get("行长") == () and "银" in again and "银行业" not in again and len(again) == 3
    assert again.lengths_at("银行业务") == [1, 2] and again.lengths_at("业务") == []
    trie, pointers, starts = index.dumps()
    with pytest.raises(ValueError):
        HeadwordIndex.loads((trie, pointers[:-8], starts))


def test_an_index_of_an_earlier_layout_is_rebuilt_not_trusted(monkeypatch, tmp_path):
    from dubao.core.caches import chunked_marshal
    from dubao.core.language import dictionary_index

    monkeypatch.setenv("DUBAO_CACHE_DIR", str(tmp_path))
    index_path, data_path = dictionary_index.index_paths()
    dictionary_index.build_index(index_path, data_path)
    chunked_marshal.write(index_path, ({"发展": 0},))  # a dict of headwords, as before format 4
    rebuilt = Dictionary.open()
    assert [e.pinyin for e in rebuilt.lookup("发展")] == ["fā zhǎn"]
