"""Work the window's imports do off the GUI thread: files, pasted text and annotation files, each on a worker
thread with its own library connection (SQLite connections are not shared across threads while the GUI reads).

Plain values in, plain values out: each returns ImportOutcomes (or the exception that stopped a file) and never
touches a widget; `gui/operations.py` starts them and broadcasts what changed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class ImportRelay(QObject):
    started = Signal(int, str)
    file_done = Signal(int, str, object)
    file_progress = Signal(int, int, int)  # index of the file, characters read for its entities, characters in all
    page_read = Signal(int, str, int, int)  # file index, path, pages read, pages in the issue


def import_pages_together(store, paths: list[str]) -> dict[str, object]:
    """Saved web pages given together: the pages of one paper and date make one issue. Each page's outcome (its
    issue's) or error, by the path as given."""
    from dubao.core import pipeline

    try:
        imported, problems = pipeline.import_web_pages(store, paths)
    except Exception as error:  # reported for every page: none of them was imported
        return {path: error for path in paths}
    given = {str(Path(path).expanduser().resolve()): path for path in paths}
    results: dict[str, object] = {}
    for pages, outcome in imported:
        for page in pages:
            results[given.get(page, page)] = outcome
    for problem in problems:  # its message starts with the page's path
        for path in paths:
            if str(problem).startswith(f"{path}: "):
                results[path] = problem
    return results


def import_each(store, paths: list[str], cancel: threading.Event, on_start=None, on_file=None,
                on_progress=None, on_page=None) -> list:
    # on the worker thread: splitting is not needed before the window paints. Text files are decoded, split and
    # analysed on worker processes (every core) and this thread is their one writer; page PDFs and saved web
    # pages are read here. `on_progress(index, done, total)`: how far the entities of a file read in this
    # process have come (one file, or one core: a long file then shows more than "1 of 1" for minutes).
    from dubao.core import pipeline
    from dubao.core.ingest.html_issue import is_web_page
    from dubao.core.pipeline_parallel import ParallelImport, plain_text_files

    current = [0]
    progress = None if on_progress is None else _percent_steps(lambda done, total: on_progress(current[0], done, total))
    texts = set(plain_text_files(paths))
    in_parallel = iter(ParallelImport(store, [p for p in paths if str(p) in texts], cancel=cancel,
                                      progress=progress).run())
    finished: dict[str, object] = {}
    pages = [path for path in paths if is_web_page(path)]
    together = import_pages_together(store, pages) if len(pages) > 1 else {}
    results = []
    for index, path in enumerate(paths):
        if cancel.is_set():
            break
        current[0] = index
        if on_start is not None:
            on_start(index, path)
        if str(path) in texts:
            outcome = parallel_outcome(str(path), in_parallel, finished)
        else:
            try:
                pages_read = None if on_page is None else (
                    lambda done, total, index=index, path=path: on_page(index, path, done, total))
                outcome = together[path] if path in together else pipeline.import_file(
                    store, path, progress=progress, on_page=pages_read)
            except Exception as error:  # reported per file; the rest still import
                outcome = error
        results.append((path, outcome))
        if on_file is not None:
            on_file(index, path, outcome)
    return results


def _percent_steps(report):
    """`report(done, total)` called when a whole percent more is done, not on every window read (signals cross
    threads)."""
    from dubao.core.windows import percent_done

    last = [-1]

    def progress(done: int, total: int) -> None:
        percent = percent_done(done, total)
        if percent != last[0]:
            last[0] = percent
            report(done, total)
    return progress


def parallel_outcome(path: str, in_parallel, finished: dict) -> object:
    """The outcome of `path` from the worker processes, which report in the given order (unless one died)."""
    while path not in finished:
        try:
            done_path, outcome = next(in_parallel)
        except StopIteration:
            return RuntimeError("not imported: the import was cancelled")
        finished[str(done_path)] = outcome
    return finished.pop(path)


def import_with_own_connection(library_path: str, paths: list[str], cancel: threading.Event,
                                relay: ImportRelay) -> list[tuple[str, object]]:
    # runs on a worker thread: SQLite connections are not shared across threads while the GUI reads
    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        return import_each(store, paths, cancel, emitter(relay.started), emitter(relay.file_done),
                           emitter(relay.file_progress), emitter(relay.page_read))


def import_text(store, text: str, options: dict):
    """The ImportOutcome of pasted text, or the error that refused it."""
    from dubao.core import pipeline

    try:
        return pipeline.import_text(store, text, **options)
    except Exception as error:  # reported to the user in one line; nothing was stored
        return error


def import_text_with_own_connection(library_path: str, text: str, options: dict):
    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        return import_text(store, text, options)


def emitter(signal):
    def emit(*args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the dialog that listened was closed meanwhile
            pass
    return emit


def import_annotations(store, text: str):
    """The ImportReport, or the reason the file was refused (a message for the user)."""
    from dubao.core.export.w3c_import import import_annotations
    from dubao.core.errors import AnnotationFileError

    try:
        return import_annotations(store, text)
    except AnnotationFileError as error:
        return error


def import_annotations_with_own_connection(library_path: str, text: str):
    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        return import_annotations(store, text)
