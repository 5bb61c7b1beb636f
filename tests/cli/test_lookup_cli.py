"""`dubao lookup`: all entries of a word, HSK level, JSON, unknown words exit 1."""

from __future__ import annotations

import json

import pytest

import dubao.cli as cli


@pytest.fixture(autouse=True)
def only_language_commands(monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"pinyin_cmd": ("pinyin",), "lookup_cmd": ("lookup",)})


def test_json_lists_every_entry(capsys):
    assert cli.main(["lookup", "行", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["word"] == "行" and isinstance(data["hsk"], int)
    readings = {e["numbers"] for e in data["entries"]}
    assert {"hang2", "xing2"} <= readings
    hang = next(e for e in data["entries"] if e["numbers"] == "hang2")
    assert hang["pinyin"] == "háng" and hang["simplified"] == hang["traditional"] == "行"
    assert "row" in hang["definitions"]


def test_text_output(capsys):
    assert cli.main(["lookup", "銀行"]) == 0
    out = capsys.readouterr().out
    assert "yín háng" in out and "bank" in out and "HSK" in out


def test_unknown_word_exits_1_with_a_message(capsys):
    assert cli.main(["lookup", "xyzzy"]) == 1
    err = capsys.readouterr().err
    assert "not in the dictionary" in err and "Traceback" not in err


def test_a_press_compound_cc_cedict_lacks_is_known_by_its_parts(capsys):
    assert cli.main(["lookup", "高质量发展", "--json", "--library", ":memory:"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"word", "pinyin", "hsk", "entries", "components", "formulation", "entity"}
    assert data["entries"] == [] and data["pinyin"] == "gāo zhì liàng fā zhǎn"
    parts = data["components"]
    assert "".join(part["word"] for part in parts) == "高质量发展" and len(parts) >= 2
    assert all(part["entries"] for part in parts)  # each part is a dictionary word
    assert [part["pinyin"] for part in parts] == ["gāo zhì liàng", "fā zhǎn"]


def test_a_glossary_formulation_brings_its_entry(capsys):
    from dubao.core.entities.glossary import shipped_entries

    entry = next(e for e in shipped_entries() if e.english and e.expansion)
    assert cli.main(["lookup", entry.variants[0] if entry.variants else entry.name, "--json",
                     "--library", ":memory:"]) == 0
    formulation = json.loads(capsys.readouterr().out)["formulation"]
    assert formulation["name"] == entry.name and formulation["english"] == entry.english
    assert formulation["expansion"] == list(entry.expansion) and formulation["category"] == entry.category


def test_a_word_in_the_dictionary_has_no_components_and_a_known_place_is_an_entity(capsys):
    assert cli.main(["lookup", "北京", "--json", "--library", ":memory:"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["components"] == [] and data["entries"]
    assert data["entity"]["kind"] == "place"


def test_nothing_known_exits_1_also_with_json(capsys):
    assert cli.main(["lookup", "xyzzy", "--json", "--library", ":memory:"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["formulation"] is None and data["entity"] is None and data["entries"] == []


def test_the_formulation_has_exactly_the_documented_keys(capsys):
    assert cli.main(["lookup", "高质量发展", "--json", "--library", ":memory:"]) == 0
    formulation = json.loads(capsys.readouterr().out)["formulation"]
    assert set(formulation) == {"name", "english", "expansion", "explanation", "since", "source", "category"}
    assert formulation["name"] == "高质量发展" and formulation["english"]
