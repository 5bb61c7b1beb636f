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
