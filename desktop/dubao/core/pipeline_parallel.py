"""Importing many files on every core: worker processes decode, split and analyse; one writer saves.

The slow half of an import (decoding, splitting, entity extraction) needs no library, so it runs in worker
processes; the caller's process is the only one that writes, through `Store.save_issue`, one issue per
transaction, in the order the files were given (issue ids do not depend on which worker was quicker).

A worker that dies (killed, out of memory, a crash in a native library) loses no work that was saved and
saves nothing twice: the files it had not returned are tried again in a fresh pool; a file that was in
flight in two broken pools is tried once more on its own, and if that worker dies too, that file alone is
reported as failed. Workers are started with "spawn" (safe beside Qt's threads and on every OS) and load
the entity models once each.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from dubao.core import pipeline
from dubao.core.errors import IngestError
from dubao.core.windows import Progress
from dubao.core.models import Entity, ImportOutcome, ImportStatus, Issue

if TYPE_CHECKING:
    from dubao.core.library.store import Store

MODEL_THREADS_VARIABLE = "DUBAO_MODEL_THREADS"  # read by the models that can run on several threads
_SHARED_ATTEMPTS = 2  # pools a file may be in flight in when they break, before it is tried on its own
_WINDOW_PER_JOB = 2
_BYTES_PER_WORKER = 256 * 1024  # files handed out per worker ahead of saving: keeps workers busy, bounds memory


@dataclasses.dataclass(frozen=True, slots=True)
class PreparedIssue:
    """What a worker sends back for one file: the analysed issue and its source text, ready to save."""

    path: str
    issue: Issue
    source_text: str
    entities: list[Entity] | None


@dataclasses.dataclass(frozen=True, slots=True)
class ImportSettings:
    """The choices that apply to every file of one import."""

    paper: str | None = None
    date: str | None = None
    replace: bool = False
    entities: bool = True


def plain_text_files(paths) -> list[str]:
    """The paths among `paths` that are issue text files — what worker processes import. Page PDFs (whose printed
    pages the library keeps) and saved web pages (grouped into issues by paper and date) take the one-process path."""
    from dubao.core.ingest.html_issue import is_web_page

    def plain(path) -> bool:
        try:
            return not (pipeline.is_pdf_input(path) or pipeline.is_web_source(path) or is_web_page(path))
        except IngestError:  # a file named .pdf that is none: the one-process path reports it, file by file
            return False

    return [str(path) for path in paths if plain(path)]


def default_jobs() -> int:
    """The machine's cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def jobs_worth_starting(paths: list[str], entities: bool, cores: int | None = None) -> int:
    """How many workers pay for their start (a spawned worker loads the models for ~3 s): one per
    quarter megabyte of issue files to analyse (a sample-sized issue is ~17 kB, ~0.4 s), at most `cores`."""
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
    per_worker = _BYTES_PER_WORKER if entities else _BYTES_PER_WORKER * 4
    return max(1, min(cores or default_jobs(), total // per_worker))


def prepare_file(path: str, settings: ImportSettings, progress: Progress | None = None) -> PreparedIssue:
    """The slow, library-free half of importing one file (runs in a worker). Raises IngestError.
    `progress(done, total)`: characters read for entities so far (only where the file is imported in this
    process)."""
    issue, text = pipeline.read_issue(path, paper=settings.paper, date=settings.date)
    found = None
    if settings.entities:
        issue, found = pipeline.analyse_issue(issue, progress)
    return PreparedIssue(path, issue, text, found)


def _warm_up(entities: bool) -> None:
    """Worker initializer: load the splitter and the entity models before the first file, once per worker."""
    # the workers already fill every core: a model that starts threads of its own would only contend
    os.environ[MODEL_THREADS_VARIABLE] = "1"
    from dubao.core import split  # noqa: F401

    if entities:
        try:
            from dubao.core import entities as entity_models
        except ImportError:
            return
        entity_models.ensure_loaded()


def file_sha256(path: str) -> str | None:
    """The sha256 the library keys issues by (of the raw bytes), or None when the file cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class ParallelImport:
    """One import of many files: `run()` yields (path, ImportOutcome or the exception that stopped the file)
    in the order the files were given (after a worker died, files tried again come later), each saved before
    it is yielded."""

    def __init__(self, store: Store, paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None,
                 settings: ImportSettings = ImportSettings(), cancel: threading.Event | None = None,
                 prepare: Callable[[str, ImportSettings], PreparedIssue] = prepare_file,
                 progress: Progress | None = None) -> None:
        """`prepare`: what a worker does with one file (a module-level function: it is sent to the workers).
        `progress(done, total)`: characters of a file read so far, where files are imported in this process (one
        file, or `jobs=1`): `prepare` is then called with it as a third argument."""
        self.store = store
        self.prepare = prepare
        self.paths = [str(path) for path in paths]
        # asked for: that many; otherwise as many as the files are worth, up to every core
        self.jobs = max(1, jobs) if jobs else jobs_worth_starting(self.paths, settings.entities)
        self.settings = settings
        self.cancel = cancel or threading.Event()
        self.pools_broken = 0
        self.progress = progress

    def run(self) -> Iterator[tuple[str, ImportOutcome | Exception]]:
        todo = list(self.paths)
        if self.jobs == 1 or len(todo) <= 1:
            yield from self._run_here(todo)
            return
        attempts: collections.Counter[str] = collections.Counter()
        while todo and not self.cancel.is_set():
            shared = [path for path in todo if attempts[path] < _SHARED_ATTEMPTS]
            alone = [path for path in todo if attempts[path] >= _SHARED_ATTEMPTS]
            todo = []
            for path in alone:  # suspected of killing its worker: one pool of its own tells
                if self.cancel.is_set():
                    return
                yield from self._run_pool([path], 1, attempts, todo, last_try=True)
            if shared:
                yield from self._run_pool(shared, min(self.jobs, len(shared)), attempts, todo)

    # ---- one file here, or a pool of workers -------------------------------------------------------

    def _run_here(self, paths: list[str]) -> Iterator[tuple[str, ImportOutcome | Exception]]:
        for path in paths:
            if self.cancel.is_set():
                return
            if (skipped := self._skip_known(path)) is not None:
                yield path, skipped
                continue
            try:
                extra = () if self.progress is None else (self.progress,)
                yield path, self._save(self.prepare(path, self.settings, *extra))
            except Exception as error:  # reported per file; the rest still import
                yield path, error

    def _run_pool(self, paths: list[str], workers: int, attempts: collections.Counter, retry: list[str],
                  last_try: bool = False) -> Iterator[tuple[str, ImportOutcome | Exception]]:
        """Import `paths` on a fresh pool; files lost with a broken pool go to `retry`."""
        context = multiprocessing.get_context("spawn")
        pending = collections.deque(paths)
        in_flight: collections.deque[tuple[str, Future]] = collections.deque()
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up,
                                 initargs=(self.settings.entities,)) as pool:
            try:
                while pending or in_flight:
                    while pending and len(in_flight) < workers * _WINDOW_PER_JOB and not self.cancel.is_set():
                        path = pending[0]
                        if (skipped := self._skip_known(path)) is not None:
                            future: Future = Future()
                            future.set_result(skipped)
                        else:  # raises BrokenProcessPool once a worker died: the file stays pending
                            future = pool.submit(self.prepare, path, self.settings)
                        in_flight.append((pending.popleft(), future))
                    if not in_flight or self.cancel.is_set():  # cancelled: what is not saved yet is dropped
                        pool.shutdown(wait=False, cancel_futures=True)
                        return
                    path, future = in_flight[0]
                    outcome = self._outcome(future)  # BrokenProcessPool when a worker died
                    in_flight.popleft()
                    yield path, outcome
            except BrokenProcessPool:
                self.pools_broken += 1
                yield from self._salvage(in_flight, attempts, retry, last_try)
                retry.extend(pending)

    def _outcome(self, future: Future) -> ImportOutcome | Exception:
        """The saved outcome of a finished file, or the error that stopped it; raises BrokenProcessPool."""
        try:
            result = future.result()
        except BrokenProcessPool:
            raise
        except Exception as error:  # this file's fault (IngestError …); the rest still import
            return error
        return result if isinstance(result, ImportOutcome) else self._save(result)

    def _salvage(self, in_flight, attempts, retry: list[str], last_try: bool):
        """After a pool broke: save what its workers had finished; the files they had not are tried again."""
        for path, future in in_flight:
            if future.done() and not isinstance(future.exception(), BrokenProcessPool):
                yield path, self._outcome(future)
                continue
            attempts[path] += 1
            if last_try:
                yield path, IngestError(f"{path}: the worker importing this file stopped unexpectedly")
            else:
                retry.append(path)

    # ---- the writer --------------------------------------------------------------------------------

    def _skip_known(self, path: str) -> ImportOutcome | None:
        """An outcome for a file the library already holds (no worker needed), or None."""
        if self.settings.replace:
            return None
        sha = file_sha256(path)
        existing = self.store.find_issue_by_sha256(sha) if sha else None
        if existing is None:
            return None
        return ImportOutcome(ImportStatus.SKIPPED, str(Path(path).expanduser().resolve()), existing.id,
                             existing.article_count, reason="duplicate")

    def _save(self, prepared: PreparedIssue) -> ImportOutcome | Exception:
        try:
            return self.store.save_issue(prepared.issue, prepared.source_text, entities=prepared.entities,
                                         replace=self.settings.replace)
        except Exception as error:  # e.g. "database is locked": this file failed, the others may not
            return error


def import_files(store: Store, paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None,
                 settings: ImportSettings = ImportSettings(), cancel: threading.Event | None = None,
                 on_file: Callable[[int, str, object], None] | None = None) -> list[tuple[str, object]]:
    """Import every file with `jobs` worker processes (default: as many as the files are worth, up to every
    core); returns (path, ImportOutcome or the exception that stopped the file) per file, in the given order
    unless a worker died. `on_file(index, path, outcome)` after each file is saved; setting `cancel` stops
    before the next file is saved (those saved stay saved; the files being analysed are dropped)."""
    results = []
    run = ParallelImport(store, paths, jobs=jobs, settings=settings, cancel=cancel)
    for index, (path, outcome) in enumerate(run.run()):
        results.append((path, outcome))
        if on_file is not None:
            on_file(index, path, outcome)
    return results
