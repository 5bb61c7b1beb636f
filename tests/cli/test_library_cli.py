"""`dubao import / issues / annotate / search`: the JSON shapes of the issue, exit statuses, clear errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dubao.cli as cli

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


@pytest.fixture(autouse=True)
def only_library_commands(monkeypatch):
    # isolate from other command modules that may be mid-development
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"import_cmd": ("import",), "library_cmd": ("issues", "annotate", "search")})


def run(capsys, *argv) -> tuple[int, object, str]:
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    try:
        data = json.loads(captured.out)
    except json.JSONDecodeError:
        data = captured.out
    return status, data, captured.err


@pytest.fixture
def library(tmp_path):
    return tmp_path / "library.sqlite"


@pytest.fixture
def imported(capsys, library, sample_path):
    status, data, _ = run(capsys, "import", sample_path, "--library", library, "--json", "--no-entities")
    assert status == 0
    return data["imported"][0]["issue_id"]


def test_import_reports_imported_skipped_and_failed(capsys, library, sample_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    copy = tmp_path / "copy.txt"
    shutil.copyfile(sample_path, copy)
    status, data, _ = run(capsys, "import", empty, sample_path, binary, copy, "--library", library, "--json",
                          "--no-entities")
    assert status == 2
    assert set(data) == {"imported", "skipped", "failed"}
    assert data["imported"] == [{"issue_id": data["imported"][0]["issue_id"], "path": str(sample_path),
                                 "articles": 5}]
    assert data["skipped"] == [{"path": str(copy), "reason": "duplicate"}]
    assert [item["path"] for item in data["failed"]] == [str(empty), str(binary)]
    assert all(item["error"] for item in data["failed"])

    status, data, _ = run(capsys, "import", sample_path, "--library", library, "--json")
    assert status == 0 and data["skipped"] == [{"path": str(sample_path), "reason": "duplicate"}]


def test_issues_lists_articles_with_id_index_headline(capsys, library, imported):
    status, data, _ = run(capsys, "issues", "--library", library, "--json")
    assert status == 0 and len(data) == 1
    issue = data[0]
    assert (issue["id"], issue["paper"], issue["date"]) == (imported, "吕梁日报", "2023-02-18")
    assert [article["index"] for article in issue["articles"]] == [1, 2, 3, 4, 5]
    assert set(issue["articles"][0]) == {"id", "index", "headline"}
    assert issue["articles"][0]["headline"] == "市委召开常委会会议"

    status, data, _ = run(capsys, "issues", "--library", library, "--id", imported, "--set-date", "2023-02-19",
                          "--json")
    assert status == 0 and data[0]["date"] == "2023-02-19"
    status, _, err = run(capsys, "issues", "--library", library, "--id", imported, "--set-date", "19.2.2023")
    assert status == 2 and "YYYY-MM-DD" in err


def test_annotate_add_list_delete_restore(capsys, library, imported):
    _, issues, _ = run(capsys, "issues", "--library", library, "--json")
    article_id = issues[0]["articles"][0]["id"]
    note = "<b>重要</b>'); DELETE FROM annotations; --"
    status, added, _ = run(capsys, "annotate", "add", "--article", article_id, "--start", 0, "--end", 9,
                           "--color", "green", "--note", note, "--tag", "会议", "--tag", "<i>", "--library", library,
                           "--json")
    assert status == 0
    assert set(added) == {"id", "article_id", "start", "end", "quote", "prefix", "suffix", "color", "note", "tags",
                          "status", "created", "updated"}
    assert (added["quote"], added["note"], added["tags"], added["status"]) == \
        ("市委召开常委会会议", note, ["会议", "<i>"], "exact")

    status, listed, _ = run(capsys, "annotate", "list", "--tag", "<i>", "--library", library, "--json")
    assert status == 0 and listed == [added]
    status, deleted, _ = run(capsys, "annotate", "delete", added["id"], "--library", library, "--json")
    assert status == 0
    assert run(capsys, "annotate", "list", "--library", library, "--json")[1] == []
    status, restored, _ = run(capsys, "annotate", "restore", added["id"], "--library", library, "--json")
    assert status == 0 and restored["note"] == note
    assert len(run(capsys, "annotate", "list", "--article", article_id, "--library", library, "--json")[1]) == 1


def test_annotate_errors_are_one_line(capsys, library, imported):
    status, _, err = run(capsys, "annotate", "add", "--article", 999999, "--start", 0, "--end", 2,
                         "--library", library)
    assert status == 2 and "no article 999999" in err and "Traceback" not in err
    status, _, err = run(capsys, "annotate", "delete", 424242, "--library", library)
    assert status == 2 and "424242" in err


def test_search_json_shape_and_offsets(capsys, library, imported):
    status, data, _ = run(capsys, "search", "吕梁", "--library", library, "--json")
    assert status == 0 and set(data) == {"query", "total", "hits"}
    assert data["query"] == "吕梁" and data["total"] == len(data["hits"]) > 5
    for hit in data["hits"]:
        assert set(hit) == {"issue_id", "article_id", "headline", "start", "end", "snippet"}
        assert hit["end"] - hit["start"] == 2 and "吕梁" in hit["snippet"]
    long_name = run(capsys, "search", "中国能源建设集团有限公司", "--library", library, "--json")[1]
    assert long_name["total"] >= 1


def test_a_file_that_is_not_a_library_is_a_clear_error(capsys, tmp_path):
    not_library = tmp_path / "notes.txt"
    not_library.write_text("hello", encoding="utf-8")
    status, _, err = run(capsys, "issues", "--library", not_library)
    assert status == 2 and "not a Dubao library" in err and len(err.strip().splitlines()) == 1
    assert not_library.read_text(encoding="utf-8") == "hello"


def test_the_real_entry_point_imports_and_lists(tmp_path, sample_path):
    """`python -m dubao import` end to end, as a script would call it."""
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    library = tmp_path / "library.sqlite"
    result = subprocess.run([sys.executable, "-m", "dubao", "import", str(sample_path), "--library", str(library),
                             "--json", "--no-entities"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"][0]["articles"] == 5
    result = subprocess.run([sys.executable, "-m", "dubao", "search", "孙大军", "--library", str(library)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0 and "孙大军" in result.stdout


def test_a_folder_imports_its_text_files(capsys, library, sample_path, tmp_path):
    folder = tmp_path / "2023"
    (folder / "02").mkdir(parents=True)
    text = sample_path.read_text(encoding="utf-8")
    (folder / "02" / "lvliang-ribao-2023-02-18.txt").write_text(text, encoding="utf-8")
    (folder / "lvliang-ribao-2023-02-19.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7")
    status, data, _ = run(capsys, "import", folder, "--library", library, "--json", "--no-entities")
    assert status == 0 and data["failed"] == []
    assert sorted(Path(item["path"]).name for item in data["imported"]) == \
        ["lvliang-ribao-2023-02-18.txt", "lvliang-ribao-2023-02-19.txt"]
    dates = [issue["date"] for issue in run(capsys, "issues", "--library", library, "--json")[1]]
    assert dates == ["2023-02-19", "2023-02-18"]


def test_a_corrected_copy_replaces_an_issue_and_keeps_its_notes(capsys, library, imported, sample_path, tmp_path):
    _, issues, _ = run(capsys, "issues", "--library", library, "--json")
    article_id = issues[0]["articles"][1]["id"]
    _, article_note, _ = run(capsys, "annotate", "add", "--article", article_id, "--start", 0, "--end", 4,
                             "--library", library, "--json")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text("勘误版\n\n" + sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    status, data, _ = run(capsys, "import", corrected, "--issue", imported, "--library", library, "--json",
                          "--no-entities")
    assert status == 0
    entry = data["imported"][0]
    assert entry["issue_id"] == imported and entry["replaced"] is True
    assert sum(entry["annotations"].values()) == 1 and entry["orphaned"] == []
    _, notes, _ = run(capsys, "annotate", "list", "--library", library, "--json")
    assert notes[0]["id"] == article_note["id"] and notes[0]["quote"] == article_note["quote"]
    assert notes[0]["status"] in ("exact", "moved")
    assert len(run(capsys, "issues", "--library", library, "--json")[1]) == 1
    status, _, err = run(capsys, "import", corrected, "--issue", 999, "--library", library, "--json")
    assert status == 2 and "999" in err


def test_find_in_notes_and_rename_a_tag(capsys, library, imported):
    _, issues, _ = run(capsys, "issues", "--library", library, "--json")
    article_id = issues[0]["articles"][0]["id"]
    for start, note, tag in ((0, "人事任命", "人事"), (10, "会议精神", "会议")):
        run(capsys, "annotate", "add", "--article", article_id, "--start", start, "--end", start + 3,
            "--note", note, "--tag", tag, "--library", library, "--json")
    found = run(capsys, "annotate", "list", "--find", "任命", "--library", library, "--json")[1]
    assert [a["note"] for a in found] == ["人事任命"]
    status, renamed, _ = run(capsys, "annotate", "rename-tag", "人事", "干部", "--library", library, "--json")
    assert status == 0 and renamed == {"tag": "干部", "annotations": 1}
    assert run(capsys, "annotate", "list", "--tag", "干部", "--library", library, "--json")[1][0]["note"] == "人事任命"


def test_resplit_every_issue_from_its_stored_source(capsys, library, imported):
    _, issues, _ = run(capsys, "issues", "--library", library, "--json")
    article_id = issues[0]["articles"][0]["id"]
    run(capsys, "annotate", "add", "--article", article_id, "--start", 0, "--end", 4, "--library", library, "--json")
    status, data, _ = run(capsys, "issues", "--resplit", "--no-entities", "--library", library, "--json")
    assert status == 0 and [issue["id"] for issue in data] == [imported]
    assert [a["index"] for a in data[0]["articles"]] == [1, 2, 3, 4, 5]
    notes = run(capsys, "annotate", "list", "--library", library, "--json")[1]
    assert notes[0]["status"] == "exact" and notes[0]["article_id"] == data[0]["articles"][0]["id"]


def test_issues_stale_lists_only_what_an_older_splitter_derived(capsys, library, imported, monkeypatch):
    from dubao.core import split

    status, data, _ = run(capsys, "issues", "--stale", "--library", library, "--json")
    assert status == 0 and data == []  # imported by this Dubao
    monkeypatch.setattr(split, "SPLITTER_VERSION", "a newer splitter")
    _, data, _ = run(capsys, "issues", "--stale", "--library", library, "--json")
    assert [issue["id"] for issue in data] == [imported] and data[0]["stale"]
    run(capsys, "issues", "--resplit", "--stale", "--no-entities", "--library", library, "--json")
    _, data, _ = run(capsys, "issues", "--stale", "--library", library, "--json")
    assert data == []


def test_library_check_and_backup(capsys, library, imported, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"import_cmd": ("import",), "library_cmd": ("issues", "annotate", "search"),
                                                 "library_file_cmd": ("library",)})
    status, report, _ = run(capsys, "library", "check", "--library", library, "--json")
    assert status == 0 and report["problems"] == [] and report["issues"] == 1 and report["articles"] == 5
    destination = tmp_path / "safe" / "copy.sqlite"
    status, written, _ = run(capsys, "library", "backup", destination, "--library", library, "--json")
    assert status == 0 and written["backup"] == str(destination) and destination.exists()
    status, _, err = run(capsys, "library", "backup", destination, "--library", library)
    assert status == 2 and "already exists" in err
    status, listed, _ = run(capsys, "issues", "--library", destination, "--json")
    assert status == 0 and listed[0]["id"] == imported


def test_without_library_the_default_one_in_the_user_data_folder_is_used(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DUBAO_DATA_DIR", str(tmp_path / "data"))
    status, listed, _ = run(capsys, "issues", "--json")
    assert status == 0 and listed == []
    assert (tmp_path / "data" / "library.sqlite").exists()
