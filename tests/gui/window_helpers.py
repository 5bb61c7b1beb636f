"""Shared set-up for the main-window tests: a library with the sample imported once per session (import runs
jieba and entity extraction, seconds), copied for each test so tests never see each other's notes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dubao.core.paths import sample_issue
from dubao.core.library.store import Store
from dubao.core.pipeline import import_file


@pytest.fixture(scope="session")
def sample_library_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("library-template") / "library.sqlite"
    with Store.open(path) as store:
        import_file(store, sample_issue())
    return path


@pytest.fixture
def library_path(sample_library_template, tmp_path) -> Path:
    target = tmp_path / "library.sqlite"
    with Store.open(sample_library_template) as source:
        # a consistent copy even while WAL pages are not yet checkpointed
        copy = sqlite3.connect(target)
        source.db.conn.backup(copy)
        copy.close()
    return target


def settings_for(tmp_path: Path):
    from dubao.gui.settings import Settings

    return Settings.load(str(tmp_path / "settings.ini"))


def open_window(qtbot, library: Path, tmp_path: Path, settings=None, article: int | None = None, **kwargs):
    """A shown MainWindow on `library`, with article number `article` (1-based) analysed and on screen."""
    from dubao.gui.main_window import MainWindow

    window = MainWindow(library, settings=settings or settings_for(tmp_path), **kwargs)
    qtbot.addWidget(window)
    window.resize(1360, 860)
    window.show()
    qtbot.waitUntil(lambda: window.current_article_id is not None, timeout=60000)
    if article is not None:
        window.open_article(window.article_list.article_ids()[article - 1])
    qtbot.waitUntil(lambda: window.reader.analysis is not None, timeout=60000)
    return window


def article_number(window) -> int:
    return window.article_list.article_ids().index(window.current_article_id) + 1


__all__ = ["sample_library_template", "library_path", "settings_for", "open_window", "article_number"]
