"""Looking after the file: consistent backups (also while another process writes), rolling copies, checks."""

from __future__ import annotations

import os
import time

import pytest
from store_helpers import SAMPLE_ARTICLES, make_issue

from dubao.core.library.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as opened:
        source, issue = make_issue(SAMPLE_ARTICLES, None)
        issue_id = opened.save_issue(issue, source, paper="吕梁日报", date="2023-02-18").issue_id
        opened.add_annotation(opened.articles(issue_id)[0].id, 0, 4, note="备份里也要有")
        yield opened


def test_a_backup_is_a_complete_library_even_with_uncheckpointed_commits(store, tmp_path):
    # the commits above sit in the WAL: a plain file copy would miss them, the backup must not
    copy = store.backup(tmp_path / "copies" / "backup.sqlite")
    with Store.open(copy) as restored:
        assert [a.note for a in restored.annotations()] == ["备份里也要有"]
        assert restored.search("孙大军").total == 1 and restored.integrity_check() == []
    assert not list((tmp_path / "copies").glob("*.partial"))


def test_a_backup_never_overwrites(store, tmp_path):
    with pytest.raises(ValueError):
        store.backup(store.path)
    existing = tmp_path / "existing.sqlite"
    existing.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        store.backup(existing)
    assert existing.read_bytes() == b"precious"


def test_rolling_backups_are_taken_when_due_and_pruned(store, tmp_path):
    folder = tmp_path / "backups"
    first = store.rolling_backup(folder, keep=2, every_days=7)
    assert first is not None and store.rolling_backup(folder, keep=2, every_days=7) is None  # not due yet
    made = [first]
    for age_days in (30, 20):  # pretend the earlier copies are old, so new ones are due
        os.utime(made[-1], (time.time() - age_days * 86400,) * 2)
        time.sleep(1.1)  # copies are named by the second
        made.append(store.rolling_backup(folder, keep=2, every_days=7))
    assert sorted(folder.iterdir()) == sorted(made[-2:])


def test_check_and_counts(store):
    assert store.integrity_check() == []
    assert store.counts() == {"issues": 1, "articles": 2, "annotations": 1, "vocabulary": 0}
    sizes = store.table_sizes()
    assert sizes["articles"] > 0 and sizes["search_index"] > 0
