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
