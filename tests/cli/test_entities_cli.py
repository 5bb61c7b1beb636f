"""`dubao entities`: the issue merged (JSON and outline) and the per-line plain mode."""

from __future__ import annotations

import json

from dubao.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_issue_json_has_the_documented_shape(capsys, sample_path):
    status, out, _ = run(capsys, "entities", str(sample_path), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["date"] == "2023-02-18"  # taken from the file name
    first = next(e for e in data["entities"] if e["name"] == "孙大军")
    assert first["kind"] == "person" and first["titles"] == ["市委书记"]
    assert set(first) >= {"name", "kind", "aliases", "titles", "roles", "expansion", "explanation", "value", "mentions"}
    assert set(first["mentions"][0]) == {"article", "start", "end", "text"}


def test_issue_date_option_changes_resolution(capsys, sample_path):
    _, out, _ = run(capsys, "entities", str(sample_path), "--json", "--date", "2024-02-18")
    values = {e["name"]: e["value"] for e in json.loads(out)["entities"] if e["kind"] == "date"}
    assert values["2月17日"] == "2024-02-17"


def test_outline_lists_kinds(capsys, sample_path):
    status, out, _ = run(capsys, "entities", str(sample_path))
    assert status == 0
    assert "Persons (" in out and "孙大军 — 市委书记" in out and "Formulations (" in out


def test_plain_mode_one_json_line_per_input_line(capsys, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("吕梁市委书记孙大军\n\n会议还研究了其他事项。\n", encoding="utf-8")
    status, out, _ = run(capsys, "entities", "--plain", str(path), "--json")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])["entities"]
    assert {"text": "孙大军", "kind": "person", "start": 6, "end": 9} in first
    assert json.loads(lines[1]) == {"entities": []} and json.loads(lines[2]) == {"entities": []}


def test_bad_input_is_one_line_error(capsys, tmp_path):
    status, _, err = run(capsys, "entities", str(tmp_path / "missing.txt"))
    assert status == 2 and "no such file" in err and "Traceback" not in err
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    status, _, err = run(capsys, "entities", str(binary))
    assert status == 2 and err.count("\n") == 1
    status, _, err = run(capsys, "entities", str(tmp_path / "missing.txt"), "--date", "18.02.2023")
    assert status == 2 and "YYYY-MM-DD" in err
