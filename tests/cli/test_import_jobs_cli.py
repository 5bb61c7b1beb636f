"""`dubao import --jobs N`: worker processes, one writer; the same report as one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import dubao.cli as cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "split"


@pytest.fixture(autouse=True)
def only_library_commands(monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"import_cmd": ("import",), "library_cmd": ("issues",)})


def run_json(capsys, *argv):
    status = cli.main([str(arg) for arg in argv] + ["--json"])
    return status, json.loads(capsys.readouterr().out)


def test_import_with_two_jobs_reports_every_file_in_order(tmp_path, capsys):
    folder = tmp_path / "issues"
    folder.mkdir()
    for index, source in enumerate(sorted(FIXTURES.glob("*.txt"))[:4]):
        shutil.copy(source, folder / f"paper-2024-05-{index + 1:02d}.txt")
    (folder / "paper-2024-05-09.txt").write_bytes(b"\x00\xff" * 500)
    library = tmp_path / "library.sqlite"
    status, report = run_json(capsys, "import", folder, "--jobs", "2", "--no-entities", "--library", library)
    assert status == 2  # one file failed; the others are in
    assert [Path(item["path"]).name for item in report["imported"]] == [
        f"paper-2024-05-0{day}.txt" for day in range(1, 5)]
    assert [Path(item["path"]).name for item in report["failed"]] == ["paper-2024-05-09.txt"]
    _, issues = run_json(capsys, "issues", "--library", library)
    assert len(issues) == 4


def test_jobs_must_be_a_positive_number(tmp_path, capsys, sample_path):
    status = cli.main(["import", str(sample_path), "--jobs", "0", "--library", str(tmp_path / "l.sqlite")])
    assert status == 2
    assert "--jobs" in capsys.readouterr().err
