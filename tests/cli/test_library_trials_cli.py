"""What the reliability trial did to a library from the command line (issue 18, items 1, 3, 9, 14, 15):
a damaged file, a read-only one, a full disk, a held lock, mistyped paths and odd input — one line, exit 2,
nothing half-written, nothing created by a command that only reads."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import dubao.cli as cli

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
TESTS = Path(__file__).resolve().parents[1]


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err  # one line: no traceback
    assert "Traceback" not in err
    return lines[0]


def _build_library(path: Path, articles: int = 40) -> tuple[int, int]:
    """A library big enough that damage in its middle hits article pages: (issue id, first article id)."""
    sys.path.insert(0, str(TESTS))
    from store_helpers import make_issue

    from dubao.core.library.store import Store

    with Store.open(path) as store:
        source, issue = make_issue([(f"标题{i}", ["会议强调,努力交出中国式现代化的吕梁优异答卷。" * 20] * 5)
                                    for i in range(articles)])
        issue_id = store.save_issue(issue, source, paper="某报", date="2023-01-01").issue_id
        article_id = store.articles(issue_id)[0].id
        store.add_annotation(article_id, 0, 2)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return issue_id, article_id


def _damage(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        data = handle.read(200)
        handle.seek(size // 2)
        handle.write(bytes(byte ^ 0xFF for byte in data))


@pytest.fixture
def library(tmp_path) -> Path:
    return tmp_path / "library.sqlite"


def test_check_reports_a_damaged_library_in_one_line_and_says_how_to_recover(capsys, library):
    _, article_id = _build_library(library)
    _damage(library)
    status, _, err = run(capsys, "library", "check", "--library", library)
    line = _one_line(err)
    assert status == 2 and "damaged" in line and "backup" in line and ".recover" in line


def test_every_command_refuses_to_write_to_a_damaged_library(capsys, library):
    issue_id, article_id = _build_library(library)
    _damage(library)
    damaged = library.read_bytes()
    for argv in (("annotate", "add", "--article", article_id, "--start", 0, "--end", 2),
                 ("issues", "--id", issue_id, "--set-paper", "别报"),
                 ("annotate", "delete", 1)):
        status, _, err = run(capsys, *argv, "--library", library)
        assert status == 2 and "damaged" in _one_line(err), argv
    assert library.read_bytes() == damaged  # not one byte written
    status, _, err = run(capsys, "search", "会议", "--library", library)  # reads the damaged pages
    assert status == 2 and "damaged" in _one_line(err)
    for argv in (("issues",), ("export", "--format", "markdown")):  # may or may not meet the damage
        status, _, err = run(capsys, *argv, "--library", library)
        if status != 0:
            assert status == 2 and "damaged" in _one_line(err), argv


def test_read_commands_never_create_a_library(capsys, tmp_path):
    missing = tmp_path / "mistyped.sqlite"
    for argv in (("search", "会议"), ("issues",), ("library", "check"), ("annotate", "list")):
        status, _, err = run(capsys, *argv, "--library", missing)
        assert status == 2 and "no library at" in _one_line(err), argv
    assert not missing.exists()


def test_an_empty_folder_import_says_there_is_nothing(capsys, library, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    status, _, err = run(capsys, "import", folder, "--library", library)
    assert status == 2 and "no .txt files" in _one_line(err)


def test_a_non_utf8_file_name_imports(capsys, library, tmp_path, sample_path):
    name = os.fsdecode(str(tmp_path).encode() + b"/\xb1\xa8\xd6\xbd-2023-02-18.txt")  # GBK bytes of 报纸
    Path(name).write_bytes(sample_path.read_bytes())
    status, out, err = run(capsys, "import", name, "--library", library, "--no-entities")
    assert status == 0, err
    assert "imported" in out


def test_huge_ids_say_there_is_no_such_thing(capsys, library, sample_path):
    run(capsys, "import", sample_path, "--library", library, "--no-entities")
    for argv in (("issues", "--id", 2**63), ("annotate", "delete", 2**64),
                 ("annotate", "add", "--article", 2**63, "--start", 0, "--end", 1)):
        status, _, err = run(capsys, *argv, "--library", library)
        assert status == 2 and "no " in _one_line(err), argv


def test_a_library_whose_parent_is_a_file_is_one_line(capsys, tmp_path, sample_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    status, _, err = run(capsys, "import", sample_path, "--library", blocker / "library.sqlite")
    assert status == 2 and "not a folder" in _one_line(err)


def test_restoring_a_live_note_says_it_is_not_deleted(capsys, library, sample_path):
    run(capsys, "import", sample_path, "--library", library, "--no-entities", "--json")
    article = json.loads(run(capsys, "issues", "--library", library, "--json")[1])[0]["articles"][0]["id"]
    run(capsys, "annotate", "add", "--article", article, "--start", 0, "--end", 2, "--library", library)
    status, _, err = run(capsys, "annotate", "restore", 1, "--library", library)
    assert status == 2 and "not deleted" in _one_line(err)


def test_an_invalid_date_on_import_is_one_clear_line(capsys, library, sample_path):
    status, _, err = run(capsys, "import", sample_path, "--date", "2023-13-45", "--library", library)
    assert status == 2 and "2023-13-45" in _one_line(err)
    assert not library.exists()


def test_help_texts_say_what_a_new_user_needs(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    assert "--library" in text and "--screenshot" in text and "FILE" in text
    with pytest.raises(SystemExit):
        cli.main(["annotate", "add", "--help"])
    assert "code points" in capsys.readouterr().out


def test_a_busy_library_waits_with_a_message(capsys, library, sample_path, monkeypatch):
    from dubao.core.library import store as store_module

    run(capsys, "import", sample_path, "--library", library, "--no-entities")
    article = json.loads(run(capsys, "issues", "--library", library, "--json")[1])[0]["articles"][0]["id"]
    monkeypatch.setattr(store_module, "QUIET_WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(library, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # a long import holds the write lock …
    timer = threading.Timer(1.5, lambda: holder.execute("COMMIT"))  # … and finishes
    timer.start()
    try:
        status, _, err = run(capsys, "annotate", "add", "--article", article, "--start", 0, "--end", 2,
                             "--library", library)
    finally:
        timer.join()
        holder.close()
    assert status == 0 and "waiting" in err


def test_a_lock_held_too_long_is_one_line(capsys, library, sample_path, monkeypatch):
    from dubao.core.library import store as store_module

    run(capsys, "import", sample_path, "--library", library, "--no-entities")
    monkeypatch.setattr(store_module, "QUIET_WAIT_SECONDS", 0.1)
    monkeypatch.setattr(store_module, "WRITE_WAIT_SECONDS", 0.3)
    holder = sqlite3.connect(library, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        status, _, err = run(capsys, "annotate", "add", "--article", 1, "--start", 0, "--end", 2,
                             "--library", library)
    finally:
        holder.close()
    lines = [line for line in err.splitlines() if line.strip() and "waiting" not in line]
    assert status == 2 and len(lines) == 1 and "busy" in lines[0] and "Traceback" not in err


# ---- a read-only file; in a child process, a file size limit (a full disk) ------------------------------


def _child(argv, *, file_limit: int) -> subprocess.CompletedProcess:
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail (EFBIG) like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    return subprocess.run([sys.executable, "-m", "dubao", *map(str, argv)], capture_output=True, text=True,
                          env=env, timeout=120, preexec_fn=limit)


@pytest.fixture
def immutable():
    """Make files read-only even for root (tests may run as root, whom permissions do not stop)."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not available here")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_read_only_library_refuses_writes_in_one_line_and_checks_clean(capsys, library, immutable):
    _, article_id = _build_library(library, articles=3)
    for path in [library, *library.parent.glob(library.name + "-*")]:
        immutable(path)
    status, _, err = run(capsys, "annotate", "add", "--article", article_id, "--start", 0, "--end", 2,
                         "--library", library)
    assert status == 2 and "read-only" in _one_line(err)
    status, out, err = run(capsys, "library", "check", "--library", library)
    assert "search index" not in out + err  # no false alarm
    assert status == 0, out + err


def test_a_backup_onto_a_full_disk_is_one_line_and_leaves_no_partial_file(library, tmp_path):
    _build_library(library, articles=20)
    target = tmp_path / "copy.sqlite"
    result = _child(["library", "backup", target, "--library", library], file_limit=64 * 1024)
    assert result.returncode == 2 and "full" in _one_line(result.stderr)
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("copy")) == []


def test_a_migration_on_a_full_disk_leaves_no_empty_copy(library, tmp_path):
    _build_library(library, articles=20)
    with sqlite3.connect(library) as db:  # as an older Dubao left it: the last migration not applied
        db.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_word_times_issue_urls'")
        db.execute("ALTER TABLE vocabulary DROP COLUMN updated")
        db.execute("ALTER TABLE issues DROP COLUMN url")
    result = _child(["issues", "--library", library], file_limit=64 * 1024)
    assert result.returncode == 2 and "full" in _one_line(result.stderr)
    assert [path.name for path in tmp_path.iterdir() if "before-migration" in path.name] == []


def test_an_unreadable_annotation_file_is_one_line(capsys, library, tmp_path, monkeypatch):
    _build_library(library, articles=1)
    secret = tmp_path / "glosses.jsonld"
    secret.write_text("[]")
    real_read = Path.read_bytes

    def refuse(path):  # what the OS says for a file of another user's, mode 0600
        if path == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    status, _, err = run(capsys, "import-annotations", secret, "--library", library)
    assert status == 2 and "permission" in _one_line(err).lower()


def test_a_long_file_says_before_its_long_work_starts(capsys, library, sample_path, monkeypatch):
    from dubao.cli import import_cmd

    monkeypatch.setattr(import_cmd, "LONG_FILE_BYTES", 1000)  # the sample stands in for a huge page
    monkeypatch.setattr("dubao.cli.import_cmd.import_file", lambda *args, **kwargs: (_ for _ in ()).throw(
        ValueError("stopped here: only the message is under test")))
    status, _, err = run(capsys, "import", sample_path, "--library", library)
    assert "takes minutes" in err and "--no-entities" in err
    status, _, err = run(capsys, "import", sample_path, "--library", library, "--no-entities")
    assert "takes minutes" not in err
