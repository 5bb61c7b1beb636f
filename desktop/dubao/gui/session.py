"""The window's session: the open library, the issue and article being read, and that article's analysis.

One object owns this state (napari's model / Anki's collection idea): widgets receive the session in their
constructor, read `session.store` when they need data, and subscribe to its signals; nothing is set onto the
window from outside. Writes still go through `gui/operations.py`, which holds the same session.

Analysis (words, readings, entities: jieba and the models take seconds the first time) runs on the thread pool;
the result comes back by `analysis_ready(article_id)`, or `analysis_failed(message)`. The last few analyses are
kept, so going back to an article is instant. A huge article is analysed window by window from the text in view
(gui/analysis_work.py): on the way, `analysis_progress` carries how far it is and `analysis(article_id)` gives the
words found so far (`analysis_complete(article_id)` tells them apart); opening another article stops it.

Signals:
- `store_replaced()` — another library file is open (or the first one): everything read from the old one is stale;
- `article_opened(article_id)` — the reader now shows that article (its issue is `current_issue_id`);
- `analysis_ready(article_id)` / `analysis_failed(message)`;
- `library_damaged(error)` — the open library failed its damage check (run after opening): it is read, never
  written.
- `analysis_progress(article_id, stage, done, total)` — a huge article: stage "words" or "entities", characters.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dubao.gui import workers

log = logging.getLogger(__name__)
ANALYSIS_CACHE_SIZE = 8
# while a huge article is analysed the worker thread runs Python for seconds: the GUI thread waits for the GIL up
# to this long each time Qt calls into Python (Python's default is 5 ms, and a paint makes several such calls)
ANALYSING_SWITCH_INTERVAL = 0.0005
# and the collector rarely walks the whole heap (the dictionary, jieba, the models: a pause of up to a second
# each time) while the analysis makes and drops millions of small objects; Python's own thresholds come back after
ANALYSING_GC_THRESHOLDS = (50_000, 20, 1_000)
ANALYSIS_CACHE_CHARS = 3_000_000  # analyses kept besides the newest, in characters of text (a huge one is big)


class Session(QObject):
    store_replaced = Signal()
    article_opened = Signal(int)
    analysis_ready = Signal(int)
    analysis_failed = Signal(str)
    library_damaged = Signal(object)  # the LibraryError of the open library's damage check: no writes to it
    analysis_progress = Signal(int, str, int, int)

    def __init__(self, store=None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store  # dubao.core.library.store.Store, None until a library is open
        self.current_issue_id: int | None = None
        self.current_article_id: int | None = None
        self.dictionary = None  # the shared Dictionary, once an analysis has loaded it (off the GUI thread)
        self.analysis_error: str | None = None  # the last analysis failure, shown in the Entities tab
        self._analyses: OrderedDict[int, object] = OrderedDict()  # article id -> Analysis, most recent last
        self._issue_entities: dict[int, list] = {}
        self._running: dict[int, object] = {}  # article id -> its analysis_work.Focus, while analysed
        self._partial: set[int] = set()  # article ids whose analysis so far is in _analyses
        self._python_settings: tuple | None = None  # Python's switch interval and GC thresholds, while tuned

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
        for running in self._running.values():
            running.cancel()
        self._running.clear()
        self._tune_for_analysis()
        self._partial.clear()
        self._analyses.clear()
        self._issue_entities.clear()
        self.current_issue_id = self.current_article_id = None
        self.store_replaced.emit()

    def close(self) -> None:
        for running in self._running.values():
            running.cancel()  # a huge article's analysis stops at its next window instead of running on
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
        """The article's analysis if it is at hand (for a huge article still being analysed: the words found so
        far), else None (ask with `request_analysis`)."""
        return self._analyses.get(article_id)

    def analysis_complete(self, article_id: int) -> bool:
        return article_id in self._analyses and article_id not in self._partial

    def request_analysis(self, article, focus: int = 0) -> None:
        """Analyse `article` on the thread pool unless it is already (its result: `analysis_ready`); a huge one
        from code point `focus` on. Any other article's unfinished analysis stops."""
        if self.analysis_complete(article.id):
            self.analysis_ready.emit(article.id)
            return
        for article_id, running in list(self._running.items()):
            if article_id != article.id:
                running.cancel()
                del self._running[article_id]
        self._tune_for_analysis()
        if article.id in self._running:
            return
        from dubao.gui.analysis_work import Focus, is_huge

        running = self._running[article.id] = Focus(focus)
        running.huge = is_huge(article.text)
        self._tune_for_analysis()
        entities = self._issue_entities.get(article.issue_id)
        workers.run_in_background(_analyse_article, article, entities, running,
                                  on_done=lambda result: self._on_analysed(article, result),
                                  on_error=lambda error: self._on_analysis_failed(article.id, error),
                                  on_progress=lambda item: self._on_progress(article.id, item), context=self)

    def _tune_for_analysis(self) -> None:
        """A short GIL switch interval and rare full collections while a huge article is analysed; Python's own
        settings otherwise."""
        if self.analysing():
            if self._python_settings is None:
                self._python_settings = (sys.getswitchinterval(), gc.get_threshold())
                sys.setswitchinterval(ANALYSING_SWITCH_INTERVAL)
                gc.set_threshold(*ANALYSING_GC_THRESHOLDS)
        elif self._python_settings is not None:
            interval, thresholds = self._python_settings
            sys.setswitchinterval(interval)
            gc.set_threshold(*thresholds)
            self._python_settings = None

    def analysing(self) -> bool:
        """Whether a huge article is being analysed (window by window) right now."""
        return any(running.huge for running in self._running.values())

    def set_focus(self, article_id: int, offset: int) -> None:
        """The reader shows code point `offset` of the article now: a huge one is read from there on."""
        running = self._running.get(article_id)
        if running is not None:
            running.offset = offset

    def _on_progress(self, article_id: int, item) -> None:
        stage, done, total, so_far = item
        if article_id not in self._running:
            return  # stopped meanwhile
        if so_far is not None:
            self._partial.add(article_id)
            self._keep(article_id, so_far)
        self.analysis_progress.emit(article_id, stage, done, total)

    def _keep(self, article_id: int, analysis) -> None:
        self._analyses[article_id] = analysis
        self._analyses.move_to_end(article_id)
        kept = sum(len(item.text) for item in self._analyses.values())
        while len(self._analyses) > 1 and (len(self._analyses) > ANALYSIS_CACHE_SIZE or kept > ANALYSIS_CACHE_CHARS):
            _article_id, dropped = self._analyses.popitem(last=False)
            self._partial.discard(_article_id)
            kept -= len(dropped.text)

    def _on_analysed(self, article, result) -> None:
        analysis, dictionary = result
        self.dictionary = dictionary
        self._running.pop(article.id, None)
        self._tune_for_analysis()
        self._partial.discard(article.id)
        self._keep(article.id, analysis)
        self.analysis_ready.emit(article.id)

    def _on_analysis_failed(self, article_id: int, error: BaseException) -> None:
        from dubao.gui.analysis_work import Cancelled

        self._running.pop(article_id, None)
        self._tune_for_analysis()
        if isinstance(error, Cancelled):
            return  # the reader moved on: nothing failed
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


def _analyse_article(article, entities, focus, report=None):
    from dubao.core.language.dictionary import get_dictionary
    from dubao.gui.analysis_work import analyse_article

    dictionary = get_dictionary()  # loaded here, off the GUI thread, before the first hover needs it
    return analyse_article(article, entities, focus, report), dictionary
