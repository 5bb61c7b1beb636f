"""The window's session: the open library, the issue and article being read, and that article's analysis.

One object owns this state (napari's model / Anki's collection idea): widgets receive the session in their
constructor, read `session.store` when they need data, and subscribe to its signals; nothing is set onto the
window from outside. Writes still go through `gui/operations.py`, which holds the same session.

Analysis (words, readings, entities: jieba and the models take seconds the first time) runs on the thread pool;
the result comes back by `analysis_ready(article_id)`, or `analysis_failed(message)`. The last few analyses are
kept, so going back to an article is instant.

Signals:
- `store_replaced()` — another library file is open (or the first one): everything read from the old one is stale;
- `article_opened(article_id)` — the reader now shows that article (its issue is `current_issue_id`);
- `analysis_ready(article_id)` / `analysis_failed(message)`;
- `library_damaged(error)` — the open library failed its damage check (run after opening): it is read, never
  written.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dubao.gui import workers

log = logging.getLogger(__name__)
ANALYSIS_CACHE_SIZE = 8


class Session(QObject):
    store_replaced = Signal()
    article_opened = Signal(int)
    analysis_ready = Signal(int)
    analysis_failed = Signal(str)
    library_damaged = Signal(object)  # the LibraryError of the open library's damage check: no writes to it

    def __init__(self, store=None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store  # dubao.core.library.store.Store, None until a library is open
        self.current_issue_id: int | None = None
        self.current_article_id: int | None = None
        self.dictionary = None  # the shared Dictionary, once an analysis has loaded it (off the GUI thread)
        self.analysis_error: str | None = None  # the last analysis failure, shown in the Entities tab
        self._analyses: OrderedDict[int, object] = OrderedDict()  # article id -> Analysis, most recent last
        self._issue_entities: dict[int, list] = {}

    # ---- the library --------------------------------------------------------------------------------

    def open_library(self, path: str | Path):
        """Open (or create) the library at `path` and make it the session's. Raises LibraryError (and leaves the
        session as it was) for a file that is not a usable library. SQLite's damage check (seconds on a large
        library) runs on the thread pool after the open instead of before it: writes wait for it, and a damaged
        file is refused for writing as before; `library_damaged(error)` tells the window."""
        from dubao.core.library import checking
        from dubao.core.library.store import Store

        store = Store.open(Path(path), verify=True, check_later=True)
        self.replace_store(store)
        if store.path is not None:
            workers.run_in_background(checking.run, store.path, on_error=self._on_check_failed, context=self)
        return store

    def _on_check_failed(self, error: BaseException) -> None:
        log.error("library check failed: %s", error)
        self.library_damaged.emit(error)

    def replace_store(self, store) -> None:
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store = store
        self._analyses.clear()
        self._issue_entities.clear()
        self.current_issue_id = self.current_article_id = None
        self.store_replaced.emit()

    def close(self) -> None:
        workers.wait_for_all(5000)
        if self.store is not None:
            self.store.close()
            self.store = None

    # ---- the article being read ---------------------------------------------------------------------

    def set_current(self, article) -> None:
        """The reader shows `article` now (a stored Article)."""
        self.current_issue_id = article.issue_id
        self.current_article_id = article.id
        self.analysis_error = None
        self.article_opened.emit(article.id)

    def analysis(self, article_id: int):
        """The article's analysis if it is at hand, else None (ask with `request_analysis`)."""
        return self._analyses.get(article_id)

    def request_analysis(self, article) -> None:
        """Analyse `article` on the thread pool unless it is already (its result: `analysis_ready`)."""
        if article.id in self._analyses:
            self.analysis_ready.emit(article.id)
            return
        entities = self._issue_entities.get(article.issue_id)
        workers.run_in_background(_analyse_article, article, entities,
                                  on_done=lambda result: self._on_analysed(article, result),
                                  on_error=self._on_analysis_failed, context=self)

    def _on_analysed(self, article, result) -> None:
        analysis, dictionary = result
        self.dictionary = dictionary
        self._analyses[article.id] = analysis
        while len(self._analyses) > ANALYSIS_CACHE_SIZE:
            self._analyses.popitem(last=False)
        self.analysis_ready.emit(article.id)

    def _on_analysis_failed(self, error: BaseException) -> None:
        message = str(error) or type(error).__name__
        log.error("analysis failed: %s", message)
        self.analysis_error = message
        self.analysis_failed.emit(message)

    def issue_entities(self, issue_id: int) -> list | None:
        """The entities the library holds for an issue (read once), or None when it was imported without them."""
        if issue_id not in self._issue_entities and self.store is not None and self.store.has_entities(issue_id):
            self._issue_entities[issue_id] = self.store.issue_entities(issue_id)
        return self._issue_entities.get(issue_id)


# ---- work done on the thread pool: plain values in, plain values out ---------------------------------


def _analyse_article(article, entities):
    from dubao.core.analysis import analyse
    from dubao.core.language.dictionary import get_dictionary

    dictionary = get_dictionary()  # loaded here, off the GUI thread, before the first hover needs it
    return analyse(article, entities), dictionary
