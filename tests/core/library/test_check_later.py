"""A library opened with its damage check left for later (what the window does, to show its first article at
once): reading goes ahead, and every write — on this connection or another in the process — waits for the check
and is refused, with the file untouched, when the library is damaged."""

from __future__ import annotations

import threading

import pytest

from dubao.core.library import checking
from dubao.core.library.health import DamagedLibraryError
from dubao.core.library.store import Store
from store_helpers import SAMPLE_ARTICLES, make_issue


def _library(path):
    source, issue = make_issue(SAMPLE_ARTICLES * 30)  # a few pages, so a page in the middle holds data
    with Store.open(path) as store:
        store.save_issue(issue, source)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _break_a_page(path) -> None:
    page_size = 4096
    pages = path.stat().st_size // page_size
    with open(path, "r+b") as handle:
        handle.seek((pages // 2) * page_size)
        handle.write(b"\xff" * 200)


def test_a_sound_library_opens_at_once_and_writes_after_its_check(tmp_path):
    path = tmp_path / "library.sqlite"
    _library(path)
    with Store.open(path, verify=True, check_later=True) as store:
        article = store.articles(store.list_issues()[0].id)[0]
        checking.run(path)  # as the window does, on a worker thread
        note = store.add_annotation(article.id, 0, 2, "yellow", "kept")
        assert [a.note for a in store.annotations(article_id=article.id)] == [note.note] == ["kept"]


def test_writes_to_a_damaged_library_are_refused_however_they_come(tmp_path):
    path = tmp_path / "library.sqlite"
    _library(path)
    _break_a_page(path)
    damaged = path.read_bytes()
    store = Store.open(path, verify=True, check_later=True)  # opens: the check has not run yet
    try:
        with pytest.raises(DamagedLibraryError):
            store.add_vocab("会议")  # the first write runs the check itself
        outcome = []

        def write_on_its_own_connection():  # as a background import does
            try:
                with Store.open(path) as other:
                    other.add_vocab("发展")
            except DamagedLibraryError as error:
                outcome.append(error)

        worker = threading.Thread(target=write_on_its_own_connection)
        worker.start()
        worker.join(60)
        assert len(outcome) == 1 and "damaged" in str(outcome[0])
        with pytest.raises(DamagedLibraryError):
            checking.run(path)
    finally:
        store.close()
    assert path.read_bytes() == damaged  # nothing was written to it


def test_a_library_that_needs_migrating_is_checked_before_opening(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite"
    _library(path)
    _break_a_page(path)
    from dubao.core.library import migrations

    monkeypatch.setattr(migrations, "names", lambda: [*[name for name, _f in migrations._steps], "9999_future"])
    with pytest.raises(DamagedLibraryError):  # a migration would write: the check cannot wait
        Store.open(path, verify=True, check_later=True)
