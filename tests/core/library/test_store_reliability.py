"""The library under stress: an import killed with SIGKILL, two processes writing at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dubao.core.library.store import Store

TESTS = Path(__file__).resolve().parents[2]  # where store_helpers lives
DESKTOP = TESTS.parent / "desktop"

_IMPORTER = textwrap.dedent("""
    import sys
    from store_helpers import make_issue
    from dubao.core.library.store import Store

    library, tag, count, articles = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    paragraph = "市委召开常委会会议,研究讨论全市高质量发展和现代化建设的思路举措。" * 6
    with Store.open(library) as store:
        for number in range(count):
            marker = f"标记{tag}号{number}期"
            issue = [(f"第{index}篇", [marker + paragraph, paragraph]) for index in range(articles)]
            source, built = make_issue(issue, None, salt=marker)
            outcome = store.save_issue(built, source, paper="测试报")
            first = store.articles(outcome.issue_id)[0]
            store.add_annotation(first.id, 0, 3, note=marker)
            print("committed", marker, flush=True)
""")


def _start(library: Path, tag: str, count: int, articles: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(DESKTOP), str(TESTS)]))
    return subprocess.Popen([sys.executable, "-c", _IMPORTER, str(library), tag, str(count), str(articles)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _check_all_or_nothing(library: Path, articles: int) -> int:
    with Store.open(library) as store:
        assert store.integrity_check() == []
        issues = store.list_issues()
        for issue in issues:
            assert issue.article_count == articles  # never half an issue
            marker = store.articles(issue.id)[0].text[len("第0篇\n"):].split("市委")[0]
            assert store.search(marker).total == articles  # the search index committed with it
        return len(issues)


@pytest.mark.slow
def test_sigkill_mid_import_leaves_whole_issues_only(tmp_path):
    library = tmp_path / "library.sqlite"
    Store.open(library).close()
    committed_before = 0
    for attempt, delay in enumerate((0.05, 0.17, 0.31)):
        process = _start(library, f"k{attempt}", count=50, articles=400)
        seen = 0
        while seen < 2:  # let it commit a couple of issues, so the kill lands in a later one
            line = process.stdout.readline()
            assert line, process.stderr.read()
            seen += 1
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        seen += len(process.stdout.read().splitlines())
        committed_now = _check_all_or_nothing(library, 400)
        # every reported issue is there, plus at most the one committed but not yet reported
        assert committed_before + seen <= committed_now <= committed_before + seen + 1
        committed_before = committed_now


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(tmp_path):
    library = tmp_path / "library.sqlite"
    processes = [_start(library, tag, count=12, articles=20) for tag in ("甲", "乙")]
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    assert _check_all_or_nothing(library, 20) == 24
    with Store.open(library) as store:
        assert len(store.annotations()) == 24


def test_a_library_damaged_in_its_first_pages_still_says_how_to_recover(tmp_path):
    from dubao.core.library.health import DamagedLibraryError
    from dubao.core.library.store import Store

    path = tmp_path / "library.sqlite"
    with Store.open(path) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "r+b") as handle:  # the schema page, past the 100-byte file header
        handle.seek(100)
        handle.write(b"\xff" * 400)
    for verify in (False, True):
        with pytest.raises(DamagedLibraryError, match="recover"):
            Store.open(path, verify=verify)


def _hold_new_library(path: Path, seconds: float):
    """Another Dubao creating the same new library: it holds the file's write lock (before its switch to WAL)."""
    import sqlite3
    import threading

    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE IF NOT EXISTS being_made (x)")
    release = threading.Timer(seconds, lambda: (other.execute("ROLLBACK"), other.close()))
    release.start()
    return release


def test_opening_a_new_library_another_dubao_is_creating_waits_for_it(tmp_path):
    """SQLite refuses the switch to WAL at once, without its busy timeout, while another process holds the new
    file: two Dubaos creating one library at the same moment (the window's first start and an import) made one
    of them fail with "is busy". Now it waits, as every write does, and both work."""
    from store_helpers import make_issue

    path = tmp_path / "library.sqlite"
    release = _hold_new_library(path, 0.5)
    with Store.open(path) as store:
        source, issue = make_issue([("标题", ["第一段。"])])
        store.save_issue(issue, source)
        assert len(store.list_issues()) == 1
    release.join()


def test_a_new_library_held_too_long_is_refused_in_one_line(tmp_path, monkeypatch):
    from dubao.core.library import store as store_module
    from dubao.core.errors import LibraryError

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.3)
    path = tmp_path / "library.sqlite"
    release = _hold_new_library(path, 3.0)
    try:
        with pytest.raises(LibraryError, match="is busy"):
            Store.open(path)
    finally:
        release.join()
