"""`dubao pinyin`: readable output, JSON Lines with one object per input line, clear errors."""

from __future__ import annotations

import json

import pytest

import dubao.cli as cli


@pytest.fixture(autouse=True)
def only_language_commands(monkeypatch):
    # isolate from other command modules that may be mid-development
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"pinyin_cmd": ("pinyin",), "lookup_cmd": ("lookup",)})


def test_text_with_readings(capsys):
    assert cli.main(["pinyin", "银行行长"]) == 0
    out = capsys.readouterr().out
    assert "yín háng" in out and "háng zhǎng" in out


def test_json_lines_one_object_per_input_line(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text("在银行工作\n\n𠮷林a\n", encoding="utf-8")
    assert cli.main(["pinyin", "--plain", str(source), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])["tokens"]
    bank = next(t for t in first if t["text"] == "银行")
    assert bank == {"text": "银行", "start": 1, "end": 3, "pinyin": "yín háng",
                    "numbers": ["yin2", "hang2"], "spoken": None}
    assert json.loads(lines[1]) == {"tokens": []}
    third = json.loads(lines[2])["tokens"]
    assert third[-1]["text"] == "a" and third[-1]["start"] == 2 and third[-1]["numbers"] == ["a"]


def test_spoken_form_is_shown(capsys):
    cli.main(["pinyin", "不是"])
    assert "bú shì" in capsys.readouterr().out


def test_missing_file_and_missing_text_are_clear_errors(tmp_path, capsys):
    assert cli.main(["pinyin", "--plain", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert cli.main(["pinyin"]) == 2
    assert "nothing to read" in capsys.readouterr().err


def test_binary_file_is_refused(tmp_path, capsys):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert cli.main(["pinyin", "--plain", str(binary), "--json"]) == 2
    assert capsys.readouterr().err.strip()


def test_standard_input_line_by_line(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("银行\n不是\n"))
    assert cli.main(["pinyin", "--plain", "-", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [t["pinyin"] for t in lines[0]["tokens"]] == ["yín háng"]
    assert lines[1]["tokens"][0]["spoken"] == "bú shì"


def test_text_and_file_together_is_an_error(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text("银行", encoding="utf-8")
    assert cli.main(["pinyin", "行长", "--plain", str(source)]) == 2
    assert "not both" in capsys.readouterr().err


def test_a_line_longer_than_a_window_prints_one_json_object_covering_it(tmp_path, capsys):
    from dubao.core.language.reading_stream import WINDOW

    line = "银行行长说，要增强长期发展能力。" * (WINDOW // 16 + 50)  # read in two windows or more
    source = tmp_path / "huge.txt"
    source.write_text(line + "\n短句。\n", encoding="utf-8")
    assert cli.main(["pinyin", "--plain", str(source), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    tokens = json.loads(lines[0])["tokens"]
    assert "".join(t["text"] for t in tokens) == line
    assert all(line[t["start"]:t["end"]] == t["text"] for t in tokens)
    assert json.loads(lines[1])["tokens"][0]["start"] == 0
