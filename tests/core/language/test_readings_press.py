"""Readings a student of the political press relies on: the issue's named failure modes, common
one-character polyphones in typical press sentences, thread-safety and a quiet, fast load."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dubao.core.language import readings as pinyin

REPO = Path(__file__).resolve().parents[3]


def _reading(marked: str) -> str:
    """Reading of the character wrapped in ▁…▁ in `marked`, read in its sentence."""
    head, _, rest = marked.partition("▁")
    sentence = head + rest.replace("▁", "", 1)
    position = len(head)
    for token in pinyin.read(sentence):
        if token.start <= position < token.end:
            return token.numbers[position - token.start]
    raise AssertionError("no token covers the character")


@pytest.mark.parametrize(
    "marked, expected",
    [
        ("会议强调，要加快▁调▁整产业结构。", "tiao2"),
        ("依法▁处▁理群众反映的问题。", "chu3"),
        ("分▁行▁业看，制造业增长较快。", "hang2"),
        ("保障产业链▁供▁应链稳定。", "gong1"),
        ("保障产业链供▁应▁链稳定。", "ying4"),
        ("人民银行行▁长▁出席会议。", "zhang3"),
        ("为▁了▁推动高质量发展，全市上下齐心协力。", "le5"),
        ("会议研究部署▁了▁下一阶段工作。", "le5"),
        ("他被评▁为▁全国劳动模范。", "wei2"),
        ("改革▁还▁有很长的路要走。", "hai2"),
        ("企业按期偿▁还▁贷款。", "huan2"),
        ("广大党员干部▁都▁要发挥先锋模范作用。", "dou1"),
        ("首▁都▁北京迎来国际友人。", "du1"),
        ("工作取▁得▁了明显成效。", "de2"),
        ("经济保持稳定增▁长▁。", "zhang3"),
        ("要坚持▁长▁期主义。", "chang2"),
        ("这是一项▁重▁要任务。", "zhong4"),
        ("灾后▁重▁建工作有序推进。", "chong2"),
        ("市委书记▁率▁队赴企业调研。", "shuai4"),
        ("城镇调查失业▁率▁保持稳定。", "lü4"),
        ("深入开展▁调▁查研究。", "diao4"),
        ("积极▁应▁对风险挑战。", "ying4"),
        ("城乡收入▁差▁距逐步缩小。", "cha1"),
        ("他▁曾▁担任县委书记。", "ceng2"),
        ("▁当▁前经济运行总体平稳。", "dang1"),
        ("广大▁干▁部要真抓实干。", "gan4"),
        ("会议期▁间▁，代表们认真审议报告。", "jian1"),
        ("▁数▁字经济规模不断扩大。", "shu4"),
        ("要提高发展质▁量▁。", "liang4"),
        ("弘扬▁传▁统文化。", "chuan2"),
        ("推动经济▁发▁展。", "fa1"),
        ("全面加强▁教▁育工作。", "jiao4"),
        ("这是一个▁好▁消息。", "hao3"),
        ("推广优良品▁种▁。", "zhong3"),
        ("▁没▁有调查就没有发言权。", "mei2"),
        ("两地▁相▁距不远。", "xiang1"),
        ("为企业提供▁便▁利服务。", "bian4"),
        ("游客▁乘▁坐高铁抵达。", "cheng2"),
        ("群众的▁兴▁趣十分浓厚。", "xing4"),
        ("他们沿▁着▁总书记指引的方向前进。", "zhe5"),
        ("大家认真▁地▁落实中央决策部署。", "de5"),
        ("全市耕▁地▁保有量保持稳定。", "di4"),
    ],
)
def test_press_sentence_readings(marked, expected):
    assert _reading(marked) == expected


def test_reading_from_several_threads_gives_the_same_result():
    text = "银行行长说，要加快调整产业结构，依法处理问题。" * 50
    expected = pinyin.read(text)
    results = []
    threads = [threading.Thread(target=lambda: results.append(pinyin.read(text))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


def test_loading_is_quiet_and_caches_in_the_app_cache_folder(tmp_path):
    """A fresh process with an empty cache folder: no log lines from jieba, caches written there."""
    env = dict(os.environ, DUBAO_CACHE_DIR=str(tmp_path), PYTHONPATH=str(REPO / "desktop"))
    done = subprocess.run(
        [sys.executable, "-c", "from dubao.core.language import readings; print(readings.read('银行')[0].pinyin)"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "yín háng"
    assert done.stderr == ""
    cached = {path.name.split("-")[0] for path in tmp_path.iterdir()}
    assert {"jieba", "readings"} <= cached


def test_a_dictionary_word_does_not_swallow_its_neighbours_character():
    from dubao.core.language.readings import read

    def reading(text, char):
        token = next(t for t in read(text) if char in t.text)
        return token.text, token.numbers[token.text.index(char)]

    # 入 | 统率 (tǒng shuài, "to command") is 入统 (counted in the statistics) | 率 lǜ (rate)
    assert reading("规上工业入统率达到百分之百", "率") == ("率", "lü4")
    # 施工队 | 长 is 施工 | 队长 (duì zhǎng, team leader), also when jieba joins 长 to the next word
    assert reading("当好施工队长", "长") == ("队长", "zhang3")
    assert reading("施工队长说", "长") == ("队长", "zhang3")
    # where the dictionary word is right it stays
    assert reading("统率三军", "率") == ("统率", "shuai4")
    assert reading("时间长", "长") == ("长", "chang2")


def test_a_glossary_formulation_is_read_as_the_glossary_spells_it():
    from dubao.core.entities.glossary import shipped_entries
    from dubao.core.language.readings import read
    from dubao.core.language.tokens import glossary_readings

    table = glossary_readings()
    assert table and all(len(reading.split()) == len(name) for name, reading in table.items())
    checked = [entry for entry in shipped_entries() if entry.name in table][:200]
    whole = 0
    for entry in checked:
        (token,) = [t for t in read(entry.name) if t.text == entry.name] or [None]
        if token is not None:  # jieba keeps the formulation whole: its reading is the glossary's
            assert token.pinyin == entry.pinyin.lower(), entry.name
            whole += 1
    assert whole > len(checked) * 0.8  # glossary names are press words: nearly all come out whole
