"""The formulations glossary files for ideology, Party building, governance, law, society, culture, meetings and
history: every entry valid against the schema, findable under one name only, with a reading a learner can trust
and related entries that point somewhere."""

from __future__ import annotations

import json
import re
import unicodedata

import jsonschema
import pytest
from pypinyin import Style, pinyin

from dubao.core import paths
from dubao.core.entities.dates import chinese_number
from dubao.core.text import HAN_CHARACTER

CATEGORIES = ("ideology", "party_building", "governance", "law", "society", "culture", "meetings", "history")
FOLDER = paths.resource("data", "formulations")

# Related names that belong to categories written separately (economy, foreign policy, ecology …): they resolve once
# those files are in the folder; until then they must at least be listed here, so a typo still fails.
EXPECTED_FROM_OTHER_CATEGORIES = {
    "新发展理念", "共同富裕", "新型城镇化", "营商环境", "三农", "生态文明建设", "人与自然和谐共生",
    "科教兴国战略", "人才强国战略", "总体国家安全观", "百年未有之大变局",
}


def _load(category: str) -> list[dict]:
    return json.loads((FOLDER / f"{category}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return [entry for category in CATEGORIES for entry in _load(category)]


@pytest.fixture(scope="module")
def every_name_in_folder() -> set[str]:
    names = set()
    for path in FOLDER.glob("*.json"):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            names.add(entry["name"])
            names.update(entry.get("variants", []))
    return names


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_file_is_valid_against_the_schema_and_holds_its_own_category(category):
    schema = json.loads(paths.resource("data", "formulations.schema.json").read_text(encoding="utf-8"))
    data = _load(category)
    jsonschema.validate(data, schema)
    assert data, f"{category}.json is empty"
    assert {entry["category"] for entry in data} == {category}


def test_the_glossary_has_at_least_230_entries_in_these_categories(entries):
    assert len(entries) >= 230


def test_a_name_or_variant_leads_to_one_entry_only(entries):
    seen: dict[str, str] = {}
    for entry in entries:
        for form in [entry["name"], *entry.get("variants", [])]:
            assert form not in seen, f"{form} is both in {seen[form]} and in {entry['name']}"
            seen[form] = entry["name"]


def _readings(character: str) -> set[str]:
    return set(pinyin(character, style=Style.TONE, heteronym=True)[0])


def _without_tone(syllable: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(ch)).replace("u\u0308", "ü")


def test_the_pinyin_has_one_reading_of_each_han_character_of_the_name(entries):
    wrong = []
    for entry in entries:
        characters = HAN_CHARACTER.findall(entry["name"])
        syllables = entry["pinyin"].split(" ")
        if len(characters) != len(syllables):
            wrong.append(f"{entry['name']}: {len(characters)} characters, {len(syllables)} syllables")
            continue
        for character, syllable in zip(characters, syllables):
            readings = _readings(character)
            # the neutral tone is written without a mark: accept it for any reading with the same letters
            if syllable not in readings and syllable not in {_without_tone(reading) for reading in readings}:
                wrong.append(f"{entry['name']}: {character} read {syllable}, not one of {sorted(readings)}")
    assert not wrong, "\n".join(wrong)


def test_a_numbered_formulation_expands_into_as_many_parts_as_its_number(entries):
    wrong = []
    for entry in entries:
        counted = re.match(r"^([两二三四五六七八九十]+)(个|项|大|条|种|类|为|不)", entry["name"])
        if counted and entry.get("expansion"):
            number = chinese_number(counted.group(1).replace("两", "二"))
            if number != len(entry["expansion"]):
                wrong.append(f"{entry['name']}: {len(entry['expansion'])} parts")
    assert not wrong, "\n".join(wrong)


def test_related_entries_exist(entries, every_name_in_folder):
    dangling = sorted({name for entry in entries for name in entry.get("related", [])
                       if name not in every_name_in_folder and name not in EXPECTED_FROM_OTHER_CATEGORIES})
    assert not dangling, "related names with no entry: " + "、".join(dangling)


def test_no_entry_lists_itself_as_related(entries):
    assert not [entry["name"] for entry in entries if entry["name"] in entry.get("related", [])]
