"""jieba's word table served from a trie: it reads as the dict it replaces, and words, routes and ties come out
exactly as jieba's own code over that dict gives them."""

from __future__ import annotations

import jieba
import pytest

from dubao.core.language import tokens
from dubao.core.language.word_table import WordTable, WordTags


@pytest.fixture(scope="module")
def plain_jieba() -> jieba.Tokenizer:
    """A tokenizer running jieba's own get_DAG and calc over the same words, as a plain dict."""
    tokens.ensure_loaded()
    plain = jieba.Tokenizer()
    plain.FREQ, plain.total = dict(jieba.dt.FREQ.items()), jieba.dt.total
    plain.initialized = True
    return plain


def test_the_table_reads_as_the_dict_it_was_built_from():
    source = {"中": 5, "中国": 10, "中国人": 0, "中国人民": 7, "国": 3, "x": 1}
    table = WordTable.from_dict(source)
    assert len(table) == len(source) and set(table) == set(source) and dict(table.items()) == source
    for word, freq in source.items():
        assert word in table and table[word] == freq and table.get(word) == freq
    for missing in ("人民", "中国人民共和国", "", "X"):
        assert missing not in table and table.get(missing) is None and table.get(missing, 0) == 0
        with pytest.raises(KeyError):
            table[missing]
    assert 5 not in table and table.get(None) is None


def test_a_table_survives_its_cache_bytes():
    table = WordTable.from_dict({"银行": 9, "银": 2, "行长": 4, "行": 8})
    again = WordTable.loads(table.dumps())
    assert dict(again.items()) == dict(table.items()) and again.digest == table.digest
    trie, freqs, logs, longest = table.dumps()
    with pytest.raises(ValueError):
        WordTable.loads((trie, freqs[:-8], logs, longest))


@pytest.mark.parametrize("hmm", [True, False])
def test_words_come_out_exactly_as_jiebas_own_code_cuts_them(plain_jieba, sample_text, hmm):
    text = sample_text + "工信部发布《关于推进5G+工业互联网的通知》，ＡＩ芯片、东数西算。𠮷野家在吕梁开店"
    assert list(jieba.dt.tokenize(text, HMM=hmm)) == list(plain_jieba.tokenize(text, HMM=hmm))
    assert jieba.dt.lcut(text, HMM=hmm) == plain_jieba.lcut(text, HMM=hmm)


def test_routes_over_a_dag_made_elsewhere_are_jiebas_too(plain_jieba):
    sentence = "中国人民银行行长易纲"
    dag = jieba.Tokenizer.get_DAG(plain_jieba, sentence)  # a plain dict: the table looks the words up itself
    ours, theirs = {}, {}
    jieba.dt.calc(sentence, dag, ours)
    plain_jieba.calc(sentence, dag, theirs)
    assert ours == theirs
    assert jieba.dt.get_DAG(sentence) == dag


def test_word_tags_over_the_table_read_as_a_dict():
    table = WordTable.from_dict({"银行": 9, "银": 2, "行长": 4, "行": 8, "行长们": 0})
    tags = WordTags.build(table, {"银行": "n", "行长": "n", "行": "v", "外来词": "x"})
    assert dict(tags.items()) == {"银行": "n", "行长": "n", "行": "v"}
    assert tags.get("银") is None and tags.get("银", "n") == "n" and tags.get("外来词") is None
    tags.update({"行长": "nr", "银": "nz"})
    assert tags["行长"] == "nr" and tags["银"] == "nz" and "行长们" not in tags and len(tags) == 4
    again = WordTags(table, *reversed(_as_arrays(tags)))
    assert again == tags


def _as_arrays(tags: WordTags):
    from array import array

    names, numbers = tags.dumps()
    ids = array("H")
    ids.frombytes(numbers)
    return names, ids
