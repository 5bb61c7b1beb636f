"""Formulations are found as whole units — quoted or not, by a variant, spelled out in their parts — and no
place, person or organisation is cut out of one. Test entries are our own (laid over the shipped glossary
as a user's would be), so the tests do not depend on what the shipped data holds."""

from __future__ import annotations

import pytest

from dubao.core.entities import extract_text
from dubao.core.entities import glossary as glossary_module
from dubao.core.entities.formulations import find_formulations
from dubao.core.entities.glossary import Formulation

ENTRIES = [
    Formulation("中国式现代化道路", explanation="a test entry that holds the place name 中国", category="ideology",
                variants=("中式现代化道路",), origin="user"),
    Formulation("三个务必", explanation="a numbered test entry whose parts the text may spell out",
                expansion=("务必不忘初心", "务必谦虚谨慎", "务必敢于斗争"), origin="user"),
]


@pytest.fixture
def test_entries():
    glossary_module.use_user_entries(ENTRIES)
    yield
    glossary_module.use_user_entries([])


def kinds(text):
    return [(surface, kind) for surface, kind, _s, _e in extract_text(text)]


def test_a_glossary_formulation_is_found_whole_quoted_or_not_and_holds_no_place(test_entries):
    for text in ("坚持走中国式现代化道路，推动发展。", "坚持走“中国式现代化道路”，推动发展。"):
        assert kinds(text) == [("中国式现代化道路", "formulation")]


def test_a_variant_is_reported_under_the_entrys_name(test_entries):
    (found,) = [f for f in find_formulations("走中式现代化道路", [], set()) if f["known"]]
    assert (found["term"], found["name"]) == ("中式现代化道路", "中国式现代化道路")


def test_spelled_out_parts_are_the_numbered_formulation(test_entries):
    text = "全党要务必不忘初心、务必谦虚谨慎和务必敢于斗争。"
    (found,) = [item for item in find_formulations(text, [], set()) if item["name"] == "三个务必"]
    assert found["name"] == "三个务必"
    assert text[found["start"]:found["end"]] == "务必不忘初心、务必谦虚谨慎和务必敢于斗争"
    not_in_a_row = find_formulations("务必不忘初心。另外务必谦虚谨慎", [], set())
    assert "三个务必" not in [item["name"] for item in not_in_a_row]


def test_proper_terms_hold_no_names():
    found = kinds("坚持马克思主义，实现中华民族伟大复兴。")
    assert not [f for f in found if f[1] in ("person", "place", "organization")], found


def test_names_outside_formulations_are_still_found(test_entries):
    found = kinds("中国和美国在北京会谈，走中国式现代化道路。")
    assert ("中国", "place") in found and ("美国", "place") in found
    assert ("中国式现代化道路", "formulation") in found
    assert [f for f in found if f == ("中国", "place")] == [("中国", "place")]


def test_local_formulations_keep_working_with_places_inside():
    found = kinds("以煤、铝、酒“一黑二白”为主导，打造“吕梁山猪”品牌。")
    assert ("一黑二白", "formulation") in found and ("吕梁山猪", "formulation") in found
    assert any(kind == "place" and surface.startswith("吕梁") for surface, kind in found)  # takes no characters


def test_a_two_character_form_unquoted_counts_only_as_a_numbered_abbreviation():
    entries = [Formulation("三防", explanation="a numbered test abbreviation", origin="user"),
               Formulation("信访", explanation="a test entry that is also an ordinary word", origin="user")]
    glossary_module.use_user_entries(entries)
    try:
        names = [item["name"] for item in find_formulations("做好三防和信访工作", [], set())]
        assert names == ["三防"]
        assert [item["name"] for item in find_formulations("做好“信访”工作", [], set())] == ["信访"]
    finally:
        glossary_module.use_user_entries([])
