"""The window's one write path: every change calls the Store, then emits a signal saying what changed.

Widgets never write to the library themselves; they call a method here and refresh when the signal
tells them their data changed (Anki's "operations" idea). The Store commits each call at once, so a
crash a second later loses nothing. Annotation add/edit/delete go through a QUndoStack (Ctrl+Z /
Ctrl+Shift+Z): a delete is a soft delete in the Store, and undo restores the same row and id.

Signals: `annotations_changed(article_id)`, `vocabulary_changed()`, `glossary_changed()`, `library_changed()`,
`settings_changed()`. Which library is open is the session's business (`gui/session.py`, `store_replaced`).
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from dubao.gui import import_work
from dubao.gui.startup import after_paint

if TYPE_CHECKING:
    from dubao.core.models import Annotation
    from dubao.gui.session import Session


class Operations(QObject):
    annotations_changed = Signal(int)
    vocabulary_changed = Signal()
    glossary_changed = Signal()
    library_changed = Signal()
    settings_changed = Signal()

    def __init__(self, session: Session, settings, parent=None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        session.store_replaced.connect(self._on_store_replaced)

    @property
    def store(self):
        return self.session.store

    def _on_store_replaced(self) -> None:
        self.undo_stack.clear()  # undo history belongs to the library it was made in
        # the user's glossary matters to the popup and to entity detection, which both follow the text: it is
        # read once the window has painted the article (importing the entities package that reads it is ~25 ms
        # the text need not wait for)
        window = self.parent()
        if isinstance(window, QWidget) and window.isVisible():
            after_paint(window, self._use_library_glossary)
        else:
            QTimer.singleShot(0, self, self._use_library_glossary)
        self.library_changed.emit()

    # ---- annotations (undoable) ---------------------------------------------------------------

    def add_annotation(self, article_id: int, start: int, end: int, color: str = "yellow", note: str = "",
                       tags: Iterable[str] = ()) -> Annotation:
        command = _AddAnnotation(self, article_id, start, end, color, note, tuple(tags))
        self.undo_stack.push(command)  # push runs redo(), which does the insert
        return command.annotation

    def update_annotation(self, annotation_id: int, *, color: str | None = None, note: str | None = None,
                          tags: Iterable[str] | None = None) -> Annotation:
        before = self.store.get_annotation(annotation_id)
        after = dict(color=color, note=note, tags=None if tags is None else tuple(tags))
        command = _UpdateAnnotation(self, before, after)
        self.undo_stack.push(command)
        return self.store.get_annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> None:
        self.undo_stack.push(_DeleteAnnotation(self, self.store.get_annotation(annotation_id)))

    # ---- the user's glossary -------------------------------------------------------------------

    def _use_library_glossary(self) -> None:
        """The popup and detection see this library's own glossary entries over the shipped ones."""
        from dubao.core.entities.glossary import use_user_entries

        use_user_entries(self.store.glossary_entries() if self.store is not None else ())

    def save_glossary_entry(self, entry, previous_name: str | None = None):
        saved = self.store.save_glossary_entry(entry, previous_name)
        self._use_library_glossary()
        self.glossary_changed.emit()
        return saved

    def delete_glossary_entry(self, name: str) -> None:
        self.store.delete_glossary_entry(name)
        self._use_library_glossary()
        self.glossary_changed.emit()

    def import_glossary(self, path: str | Path) -> int:
        """Add every entry of a JSON or CSV glossary file (or none: a bad file raises GlossaryError)."""
        from dubao.core.export.glossary_file import read_glossary

        count = self.store.save_glossary_entries(read_glossary(path))
        self._use_library_glossary()
        self.glossary_changed.emit()
        return count

    def save_code(self, path: str, memo: str | None = None):
        """Make a code of the codebook (with its parents) or change its memo; codes on highlights are their tags
        (`update_annotation(tags=…)`, undoable)."""
        code = self.store.add_code(path, memo=memo)
        self.annotations_changed.emit(0)
        return code

    # ---- vocabulary ---------------------------------------------------------------------------

    def add_vocab(self, word: str, pinyin: str = "", definition: str = "", hsk: int | None = None,
                  sentence: str = "", article_id: int | None = None, start: int | None = None,
                  end: int | None = None, status: str = "learning"):
        item = self.store.add_vocab(word=word, pinyin=pinyin, definition=definition, hsk=hsk, sentence=sentence,
                                    article_id=article_id, start=start, end=end)
        if status != item.status:
            item = self.store.set_vocab_status(item.id, status)
        self.vocabulary_changed.emit()
        return item

    def save_word(self, info, article_id: int | None, status: str = "learning"):
        """Save the word a reader points at (the popup's WordInfo) to the vocabulary, with its one-line meaning
        (a dictionary sense, a formulation's English, or its parts') and its sentence; `status="known"` marks it
        known at once."""
        return self.add_vocab(info.token.text, pinyin=info.token.pinyin, definition=info.definition, hsk=info.hsk,
                              sentence=info.sentence, article_id=article_id, start=info.token.start,
                              end=info.token.end, status=status)

    def set_vocab_status(self, vocab_id: int, status: str):
        item = self.store.set_vocab_status(vocab_id, status)
        self.vocabulary_changed.emit()
        return item

    def delete_vocab(self, vocab_id: int) -> None:
        self.store.delete_vocab(vocab_id)
        self.vocabulary_changed.emit()

    # ---- library ------------------------------------------------------------------------------

    def import_files(self, paths: Iterable[str | Path],
                     progress: Callable[[int, int, str], None] | None = None) -> list[tuple[str, object]]:
        """Import each file; one bad file does not stop the rest. Returns (path, ImportOutcome or error
        message) per file; `progress(done, total, path)` is called before each file."""
        paths = [str(p) for p in paths]
        on_start = (lambda index, path: progress(index, len(paths), path)) if progress is not None else None
        results = import_work.import_each(self.store, paths, threading.Event(), on_start)
        if progress is not None:
            progress(len(paths), len(paths), "")
        if any(not failed(outcome) for _, outcome in results):
            self.library_changed.emit()
        return results

    def import_in_background(self, paths: Iterable[str | Path], on_done: Callable[[list], None],
                             context: QObject | None = None, on_file: Callable[[int, str, object], None] | None = None,
                             on_start: Callable[[int, str], None] | None = None,
                             cancel: threading.Event | None = None,
                             on_progress: Callable[[int, int, int], None] | None = None,
                             on_page: Callable[[int, str, int, int], None] | None = None) -> None:
        """Import files on a worker thread (its own connection to the library file), then emit
        `library_changed` and call `on_done(results)` on the GUI thread; results as for `import_files`.
        On the GUI thread too, as the worker goes: `on_start(index, path)` before each file and
        `on_file(index, path, outcome)` after it, `on_progress(index, done, total)` while a long file's
        entities are read (characters), and `on_page(index, path, pages read, pages)` as a page PDF
        issue's pages are read (a scanned page takes seconds of OCR). Setting `cancel` stops before the next
        file (a file is one transaction: never half imported); the results then cover the files done."""
        paths = [str(p) for p in paths]
        cancel = cancel or threading.Event()

        def finished(results) -> None:
            if any(not failed(outcome) for _, outcome in results):
                self.library_changed.emit()
            on_done(results)

        if self.store.path is None:  # an in-memory library has no second connection: import here
            results = import_work.import_each(self.store, paths, cancel, on_start, on_file, on_progress, on_page)
            finished(results)
            return
        # lives on the GUI thread: what the worker emits arrives here, queued
        relay = import_work.ImportRelay(context)
        if on_start is not None:
            relay.started.connect(on_start)
        if on_file is not None:
            relay.file_done.connect(on_file)
        if on_progress is not None:
            relay.file_progress.connect(on_progress)
        if on_page is not None:
            relay.page_read.connect(on_page)
        from dubao.gui import workers

        workers.run_in_background(import_work.import_with_own_connection, str(self.store.path), paths, cancel,
                                  relay,
                                  on_done=finished, on_error=lambda error: on_done([("", error)]),
                                  context=context)

    def import_annotations(self, text: str, on_done: Callable[[object], None],
                           on_error: Callable[[str], None], context: QObject | None = None) -> None:
        """Add a W3C Web Annotation document's annotations (re-anchored; one transaction) on a worker thread,
        then emit `annotations_changed` for every article that gained some and call `on_done(ImportReport)`;
        a bad file calls `on_error(message)` and changes nothing. Not undoable: it is a file's worth."""
        def finished(report) -> None:
            if failed(report):  # the file was refused: nothing was added
                on_error(describe(report))
                return
            for article_id in sorted({r.annotation.article_id for r in report.results if r.annotation}):
                self.annotations_changed.emit(article_id)
            on_done(report)

        if self.store.path is None:  # in memory: no second connection
            finished(import_work.import_annotations(self.store, text))
            return
        from dubao.gui import workers

        workers.run_in_background(import_work.import_annotations_with_own_connection, str(self.store.path), text,
                                  on_done=finished, on_error=lambda error: on_error(describe(error)),
                                  context=context)

    def import_text(self, text: str, on_done: Callable[[object], None], *, paper: str | None = None,
                    date: str | None = None, page: str | None = None, context: QObject | None = None) -> None:
        """Import an issue's pasted (or dropped) text through the same pipeline as files, on a worker thread (its
        own connection; splitting and finding entities take seconds), then emit `library_changed` and call
        `on_done(outcome)` on the GUI thread: the ImportOutcome (skipped when the library already holds the same
        issue) or the error (text with no article: nothing is stored)."""
        def finished(outcome) -> None:
            if not failed(outcome) and outcome.status != "skipped":
                self.library_changed.emit()
            on_done(outcome)

        options = {"paper": paper, "date": date, "page": page}
        if self.store.path is None:  # an in-memory library has no second connection: import here
            finished(import_work.import_text(self.store, text, options))
            return
        from dubao.gui import workers

        workers.run_in_background(import_work.import_text_with_own_connection, str(self.store.path), text, options,
                                  on_done=finished, on_error=finished, context=context)

    def update_issue(self, issue_id: int, *, paper: str | None = None, date: str | None = None):
        record = self.store.update_issue(issue_id, paper=paper, date=date)
        self.library_changed.emit()
        return record

    def save_entities(self, issue_id: int, entities) -> None:
        """Entities computed in the background for an issue imported without them (no signal: derived data)."""
        self.store.save_entities(issue_id, entities)

    # ---- settings -----------------------------------------------------------------------------

    def apply_settings(self, settings) -> None:
        """Adopt `settings` (a Settings), save them, and tell every widget to restyle."""
        if settings is not self.settings:
            for item in dataclasses.fields(settings):
                if item.name != "path":
                    setattr(self.settings, item.name, getattr(settings, item.name))
        self.settings.save()
        self.settings_changed.emit()


def describe(error: BaseException) -> str:
    """One line for the user: the message of a DubaoError, or the kind of an unexpected error."""
    return str(error) or type(error).__name__


def failed(outcome) -> bool:
    """True for a per-file result that is the exception that stopped the file, not its ImportOutcome."""
    return isinstance(outcome, BaseException)


class _AddAnnotation(QUndoCommand):
    def __init__(self, ops: Operations, article_id, start, end, color, note, tags):
        super().__init__("Add highlight")
        self.ops, self.args = ops, (article_id, start, end, color, note, tags)
        self.annotation: Annotation | None = None

    def redo(self) -> None:
        store = self.ops.store
        if self.annotation is None:
            self.annotation = store.add_annotation(*self.args[:4], note=self.args[4], tags=self.args[5])
        else:  # redo after undo: bring the same row back, keeping its id
            self.annotation = store.restore_annotation(self.annotation.id)
        self.ops.annotations_changed.emit(self.annotation.article_id)

    def undo(self) -> None:
        self.ops.store.delete_annotation(self.annotation.id)
        self.ops.annotations_changed.emit(self.annotation.article_id)


class _UpdateAnnotation(QUndoCommand):
    def __init__(self, ops: Operations, before: Annotation, after: dict):
        super().__init__("Edit note")
        self.ops, self.before, self.after = ops, before, after

    def redo(self) -> None:
        self.ops.store.update_annotation(self.before.id, **self.after)
        self.ops.annotations_changed.emit(self.before.article_id)

    def undo(self) -> None:
        before = self.before
        self.ops.store.update_annotation(before.id, color=before.color, note=before.note, tags=before.tags)
        self.ops.annotations_changed.emit(before.article_id)


class _DeleteAnnotation(QUndoCommand):
    def __init__(self, ops: Operations, annotation: Annotation):
        super().__init__("Delete highlight")
        self.ops, self.annotation = ops, annotation

    def redo(self) -> None:
        self.ops.store.delete_annotation(self.annotation.id)
        self.ops.annotations_changed.emit(self.annotation.article_id)

    def undo(self) -> None:
        self.ops.store.restore_annotation(self.annotation.id)
        self.ops.annotations_changed.emit(self.annotation.article_id)
