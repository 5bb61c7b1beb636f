"""The shipped formulations glossary: every entry valid, names unique across files, related names resolve;
the loader indexes names and variants, and the user's entries lie over the shipped ones."""

from __future__ import annotations

import json

import jsonschema
import pytest

from dubao.core import paths
from dubao.core.entities import glossary as glossary_module
from dubao.core.entities.glossary import Formulation, Glossary, GlossaryError, formulation_from_json
from dubao.core.text import is_han


def _files():
    return glossary_module.glossary_files()


def test_there_are_glossary_files_and_the_old_single_file_is_gone():
    assert _files(), "resources/data/formulations/*.json"
    assert not paths.resource("data", "formulations.json").exists()


def test_every_entry_of_every_file_matches_the_schema():
    schema = json.loads(paths.resource("data", "formulations.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for path in _files():
        data = json.loads(path.read_text(encoding="utf-8"))
        problems += [f"{path.name}: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        # a file holds one category, named after it
        problems += [f"{path.name}: {item.get('name')} is {item.get('category')}" for item in data
                     if isinstance(item, dict) and item.get("category") != path.stem]
    assert not problems, "\n".join(problems[:30])


def test_pinyin_has_one_syllable_per_han_character():
    wrong = [entry.name for entry in glossary_module.shipped_entries()
             if len(entry.pinyin.split()) != sum(map(is_han, entry.name))]
    assert not wrong, wrong


def test_no_name_or_variant_means_two_entries():
    seen: dict[str, str] = {}
    clashes = []
    for entry in glossary_module.shipped_entries():
        for form in entry.forms():
            if form in seen and seen[form] != entry.name:
                clashes.append(f"{form}: {seen[form]} / {entry.name}")
            seen.setdefault(form, entry.name)
    names = [entry.name for entry in glossary_module.shipped_entries()]
    clashes += [f"{name} twice" for name in {n for n in names if names.count(n) > 1}]
    assert not clashes, clashes


def test_related_names_resolve_to_entries():
    table = glossary_module.shipped_glossary()
    dangling = [f"{entry.name} -> {name}" for entry in table.entries for name in entry.related
                if table.lookup(name) is None]
    assert not dangling, dangling


def _entry(name, **fields):
    return Formulation(name=name, explanation=fields.pop("explanation", "an explanation for a test entry"), **fields)


def test_names_and_variants_lead_to_one_entry_and_longest_forms_win():
    table = Glossary.build([_entry("四个全面", variants=("四全",)), _entry("全面", category="x"),
                            _entry("一带一路", variants=("一带一路倡议",))])
    assert table.lookup("四全").name == "四个全面"
    assert [(o.form, o.start, o.entry.name) for o in table.occurrences("推进一带一路倡议和四个全面")] == [
        ("一带一路倡议", 2, "一带一路"), ("四个全面", 9, "四个全面")]


def test_user_entries_lie_over_the_shipped_ones_until_taken_back():
    shipped = glossary_module.shipped_entries()[0]
    mine = _entry(shipped.name, explanation="our class reads it this way", origin="user")
    try:
        glossary_module.use_user_entries([mine, _entry("一黑二白", origin="user")])
        assert glossary_module.glossary().lookup(shipped.name).explanation == "our class reads it this way"
        assert "一黑二白" in glossary_module.glossary()
    finally:
        glossary_module.use_user_entries([])
    assert glossary_module.glossary().lookup(shipped.name) == shipped
    assert "一黑二白" not in glossary_module.glossary()


def test_entry_from_json_rejects_unknown_fields_and_splits_lists():
    entry = formulation_from_json({"name": "三个务必", "expansion": "务必不忘初心; 务必谦虚谨慎"})
    assert entry.expansion == ("务必不忘初心", "务必谦虚谨慎")
    with pytest.raises(GlossaryError):
        formulation_from_json({"name": "三个务必", "meaning": "?"})
    with pytest.raises(GlossaryError):
        formulation_from_json({"explanation": "no name"})


def test_a_form_at_the_very_end_of_the_text_has_its_own_length():
    table = Glossary.build([_entry("民主生活会"), _entry("民主生活会议程安排")])
    text = "开好民主生活会"
    assert [(o.start, o.end) for o in table.occurrences(text)] == [(2, 7)]
