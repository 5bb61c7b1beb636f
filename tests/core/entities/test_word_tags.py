"""The entity tagger's part-of-speech table: jieba's own tags for every dictionary word plus the press words',
read over the shared word table and cached; a damaged or foreign cache is rebuilt, never trusted."""

from __future__ import annotations

import jieba

from dubao.core.entities import pos_words
from dubao.core.entities.pos_words import read_jieba_tags
from dubao.core.language import tokens
from dubao.core.language.word_table import WordTable


def test_every_dictionary_word_keeps_its_jieba_tag_through_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("DUBAO_CACHE_DIR", str(tmp_path))
    tokens.ensure_loaded()
    expected = read_jieba_tags()  # the file itself, uncached: what the compact table must read like
    built = pos_words._tags_over(jieba.dt.FREQ)  # no cache yet: built and written
    assert built == expected
    assert list(tmp_path.glob("entities-word-tags-*.marshal"))
    assert pos_words._tags_over(jieba.dt.FREQ) == expected  # read back from the cache
    for cache in tmp_path.glob("entities-word-tags-*.marshal"):
        cache.write_bytes(b"\x00damaged")
    assert pos_words._tags_over(jieba.dt.FREQ) == expected


def test_a_cache_of_another_word_table_is_not_used(monkeypatch, tmp_path):
    monkeypatch.setenv("DUBAO_CACHE_DIR", str(tmp_path))
    tokens.ensure_loaded()
    words = dict(jieba.dt.FREQ.items())
    first = pos_words._tags_over(WordTable.from_dict(words))
    words["新词甲乙丙"] = 5  # the press dictionary grew: the table's digest differs
    again = pos_words._tags_over(WordTable.from_dict(words))
    assert again == first
    assert "新词甲乙丙" not in again and len(list(tmp_path.glob("entities-word-tags-*.marshal"))) == 1
