"""Checks on the formulations glossary files for economy, rural policy, foreign policy, ecology, defence,
technology and Hong Kong/Macao/Taiwan (resources/data/formulations/<category>.json).

A student hovers a slogan and reads what these files say, so a broken entry is a wrong answer on screen:
an entry the schema rejects, a name claimed by two entries, pinyin that does not line up with the
characters (or gives a character a reading it never has), a related entry that leads nowhere.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pypinyin
import pytest

from dubao.core.entities.dates import chinese_number
from dubao.core.paths import resource
from dubao.core.text import HAN, is_han

CATEGORIES = ("economy", "rural_policy", "foreign_policy", "ecology", "defence", "technology", "hk_macao_taiwan")

# Related names whose entries live in the other writer's categories (ideology, party building, governance, law,
# society, culture, meetings, history; branch glossa). They resolve once those files are in the folder; until
# then they must be listed here, so that a typo in a related name still fails.
EXPECTED_IN_OTHER_CATEGORIES = frozenset(
    {
        "两个大局", "两弹一星精神", "中国式现代化", "中央农村工作会议", "中央经济工作会议", "五位一体",
        "人类文明新形态", "以人民为中心", "全面建成小康社会", "全面深化改革", "农民工", "十九届四中全会",
        "十八届三中全会", "南方谈话", "古田会议", "基层治理", "就业优先", "平安中国", "意识形态安全",
        "户籍制度改革", "改革开放", "教育强国", "枫桥经验", "统一战线", "统筹发展和安全", "讲好中国故事",
    }
)

# A count in a name: any numeral before a character (三农, 六稳, 五大战区), or 一 before 个/降/补, where 一 is a
# count (四个革命、一个合作; 三去一降一补) rather than part of a word (一国两制, 一带一路, 一体化).
COUNT_IN_NAME = re.compile(f"([两二三四五六七八九十]+|一(?=[个降补]))(?=[{HAN}])")

TONE_MARKS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")


def _folder() -> Path:
    return resource("data", "formulations")


def _entries(category: str) -> list[dict]:
    return json.loads((_folder() / f"{category}.json").read_text(encoding="utf-8"))


def _all_my_entries() -> list[dict]:
    return [entry for category in CATEGORIES for entry in _entries(category)]


def _names_in_folder() -> set[str]:
    names: set[str] = set()
    for path in _folder().glob("*.json"):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            names.add(entry["name"])
            names.update(entry.get("variants", []))
    return names


def test_every_entry_is_valid_against_the_schema_and_sits_in_the_file_of_its_category():
    schema = json.loads(resource("data", "formulations.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for category in CATEGORIES:
        entries = _entries(category)
        if not entries:
            problems.append((category, "the file holds no entries"))
        # name the entry and the field, so a broken entry can be found among hundreds
        for error in validator.iter_errors(entries):
            where = entries[error.path[0]].get("name", error.path[0]) if error.path else category
            problems.append((category, where, list(error.path)[1:], error.message))
        problems.extend((category, entry["name"], "category", entry["category"])
                        for entry in entries if entry.get("category") != category)
    assert problems == []


def test_no_name_or_variant_belongs_to_two_entries():
    owner: dict[str, str] = {}
    clashes = []
    for entry in _all_my_entries():
        for form in {entry["name"], *entry.get("variants", [])}:
            if form in owner:
                clashes.append((form, owner[form], entry["name"]))
            owner[form] = entry["name"]
    assert clashes == []


def test_no_name_or_variant_is_also_claimed_by_another_category_file():
    mine = {form for entry in _all_my_entries() for form in {entry["name"], *entry.get("variants", [])}}
    others: set[str] = set()
    for path in _folder().glob("*.json"):
        if path.stem not in CATEGORIES:
            for entry in json.loads(path.read_text(encoding="utf-8")):
                others.update({entry["name"], *entry.get("variants", [])})
    assert sorted(mine & others) == []


def test_pinyin_gives_each_han_character_one_syllable_it_can_have():
    wrong = []
    for entry in _all_my_entries():
        characters = [character for character in entry["name"] if is_han(character)]
        syllables = entry["pinyin"].split(" ")
        if len(characters) != len(syllables):
            wrong.append((entry["name"], entry["pinyin"], "count"))
            continue
        for character, syllable in zip(characters, syllables):
            known = {reading for reading in pypinyin.pinyin(character, heteronym=True)[0]}
            # the dictionary writes ü as v in some readings and has no toneless forms for citation tones
            if syllable not in known and syllable.translate(TONE_MARKS) not in {r.translate(TONE_MARKS) for r in known}:
                wrong.append((entry["name"], character, syllable))
    assert wrong == []


def test_no_syllable_carries_two_tone_marks():
    marked = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
    doubled = [
        (entry["name"], syllable)
        for entry in _all_my_entries()
        for syllable in entry["pinyin"].split(" ")
        if sum(letter in marked for letter in syllable) > 1
    ]
    assert doubled == []


def test_related_entries_resolve():
    names = _names_in_folder()
    dangling = sorted(
        {
            related
            for entry in _all_my_entries()
            for related in entry.get("related", [])
            if related not in names and related not in EXPECTED_IN_OTHER_CATEGORIES
        }
    )
    assert dangling == []


def test_no_entry_is_related_to_itself():
    assert [entry["name"] for entry in _all_my_entries() if entry["name"] in entry.get("related", [])] == []


def test_expansion_parts_are_distinct():
    assert [entry["name"] for entry in _all_my_entries() if len(set(entry.get("expansion", []))) != len(entry.get("expansion", []))] == []


def test_a_numbered_formulation_expands_into_as_many_parts_as_its_name_counts():
    wrong = []
    for entry in _all_my_entries():
        counts = COUNT_IN_NAME.findall(entry["name"])
        if counts and entry.get("expansion"):
            total = sum(chinese_number(count.replace("两", "二")) for count in counts)
            if total != len(entry["expansion"]):
                wrong.append((entry["name"], total, len(entry["expansion"])))
    assert wrong == []
