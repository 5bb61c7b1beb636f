"""File ▸ Import annotations… (a W3C Web Annotation file, e.g. a teacher's layer of glosses) and the rolling
backup of the library made at start-up.

Importing goes through `window.ops.import_annotations` (the one write path; `dubao.core.export.w3c_import` does
the re-anchoring, all of the file or none of it) and ends with a summary: how many were added, which were
already there, which could not be placed (orphaned, with their quotes) or belong to an issue not in the
library. The reader's highlights and the Notes tab refresh through `annotations_changed`.

The backup: once a library is open and shown, `Store.rolling_backup` copies it (at most weekly, five copies
kept) into `backups/<library name>/` beside the library file, on a worker thread with its own connection.
A library that fails SQLite's check on opening is not written to: `offer_latest_backup` asks to open a copy
of its newest backup instead, leaving the damaged file as it is for `sqlite3 … .recover`.
"""

from __future__ import annotations

import datetime as _dt
import logging
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QVBoxLayout, QWidget,
)

from dubao.core.library import health

from dubao.gui import workers
from dubao.gui.main_annotations import warn

log = logging.getLogger(__name__)
ANNOTATION_FILTER = "W3C Web Annotations (*.jsonld *.json);;All files (*)"
MAX_ANNOTATION_FILE_BYTES = 200 * 1024 * 1024
QUOTE_CHARS = 40


def read_annotation_file(path: str | Path) -> str:
    """The file's text; ValueError with a message a user understands for a missing, huge or non-UTF-8 file."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path.name}: no such file")
    if path.stat().st_size > MAX_ANNOTATION_FILE_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_ANNOTATION_FILE_BYTES // 2**20} MB — "
                         "not an annotation file?")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{path.name} is not UTF-8 text (W3C annotation files are JSON in UTF-8)") from None


def import_annotations_from(window, path: str | Path | None = None) -> None:
    """Ask for a file (unless given), import it in the background, then show the summary."""
    if window.store is None:
        return
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Import annotations", "", ANNOTATION_FILTER)
        if not path:
            return
    try:
        text = read_annotation_file(path)
    except (ValueError, OSError) as error:
        warn(window, "Import annotations", str(error))
        return
    name = Path(path).name
    window.statusBar().showMessage(f"Importing annotations from {name}…")
    window.ops.import_annotations(
        text, on_done=lambda report: _show_summary(window, name, report),
        on_error=lambda message: _refused(window, name, message), context=window)


def _refused(window, name: str, message: str) -> None:
    window.statusBar().clearMessage()
    warn(window, "Import annotations", f"{name}: {message}\n\nNothing was added.")


def _show_summary(window, name: str, report) -> None:
    window.statusBar().showMessage(f"{name}: {report.added} annotations added.", 5000)
    dialog = AnnotationImportSummary(name, report, window)
    window.annotation_import_summary = dialog  # kept for tests, and so it is not collected while shown
    dialog.show()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:QUOTE_CHARS]}…”" if len(text) > QUOTE_CHARS else f"“{text}”"


def describe_result(result) -> str | None:
    """One line for an annotation the user should hear about; None for one simply placed where it was."""
    if result.outcome == "orphaned":
        kept = "kept without a place in the text" if result.annotation else "not added: the issue has no articles"
        return f"Orphaned — passage not found ({kept}): {_quote(result.quote)}"
    if result.outcome == "rejected":
        return f"Not imported — annotation #{result.index} of the file: {result.reason}"
    if result.outcome == "duplicate":
        return f"Already in the library: {_quote(result.quote)}"
    if result.outcome == "no-issue":
        return f"Not added — its issue ({result.made_on or 'unknown'}) is not in the library: {_quote(result.quote)}"
    if result.outcome == "fuzzy":
        return f"Placed by a close match (score {result.score:.2f}): {_quote(result.quote)}"
    if result.outcome == "moved":
        return f"Placed where the passage moved to: {_quote(result.quote)}"
    return None


class AnnotationImportSummary(QDialog):
    """Added / duplicates / orphaned (with their quotes) for one imported file."""

    def __init__(self, name: str, report, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Annotations imported")
        self.resize(620, 380)
        self.report = report
        figures = [f"{report.added} added"]
        for outcome, label in (("duplicate", "already in the library"), ("orphaned", "orphaned"),
                               ("no-issue", "on issues not in this library"), ("rejected", "not readable")):
            if report.count(outcome):
                figures.append(f"{report.count(outcome)} {label}")
        self.summary = QLabel(f"{name}: {len(report.results)} annotations — " + ", ".join(figures) + ".")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for result in report.results:
            line = describe_result(result)
            if line is not None:
                item = QListWidgetItem(line)
                if result.outcome in ("orphaned", "no-issue", "rejected"):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.list.addItem(item)
        hint = QLabel("Orphaned annotations keep their quote, note and tags; they are listed in the Notes tab "
                      "of their issue.") if report.count("orphaned") else None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        if hint is not None:
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(buttons)
        self.list.setVisible(self.list.count() > 0)

    def lines(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]


# ---- the start-up backup -------------------------------------------------------------------------------


def backup_folder(library_path: str | Path) -> Path:
    """Where a library's rolling copies go: backups/<library file name without suffix>/ beside it."""
    return health.backup_folder(library_path)


def offer_latest_backup(window, path: str | Path, error: Exception) -> bool:
    """For a library refused as damaged: ask to open a copy of its newest rolling backup (beside the
    library, named …restored-<time>.sqlite). True when the copy is now open; False when the user
    declined, there is no backup, or the error is not damage."""
    if not isinstance(error, health.DamagedLibraryError) or error.latest_backup is None:
        return False
    backup = error.latest_backup
    when = _dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(
        window, "Library damaged",
        f"{error}\n\nOpen a copy of the latest backup, {backup.name} (made {when})? Work saved since then "
        f"is not in it. The damaged file stays as it is.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    path = Path(path)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.stem}.restored-{stamp}{path.suffix or '.sqlite'}")
    try:
        shutil.copyfile(backup, copy)
    except OSError as copy_error:
        warn(window, "Library damaged", f"Could not copy the backup to {copy}: {copy_error}")
        return False
    window.open_library(copy)
    return True


def back_up_when_loaded(window) -> None:
    """Make the rolling backup of each library the window opens, once, after its articles are shown."""
    done: set[str] = set()

    def on_loaded() -> None:
        store = window.store
        if store is None or store.path is None or str(store.path) in done:
            return
        done.add(str(store.path))
        workers.run_in_background(_rolling_backup, str(store.path), str(backup_folder(store.path)),
                                  on_done=lambda made: _backed_up(window, made),
                                  on_error=lambda message: log.warning("backup failed: %s", message),
                                  context=window)

    window.library_loaded.connect(on_loaded)
    if getattr(window, "library_shown", False):  # installed after the library was shown: back it up now
        on_loaded()


def _backed_up(window, made: str | None) -> None:
    window.last_backup = made
    if made:
        log.info("library backed up to %s", made)


def _rolling_backup(library_path: str, folder: str) -> str | None:
    # a worker thread: its own connection (SQLite's online backup copies a consistent state)
    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        made = store.rolling_backup(folder)
    return str(made) if made is not None else None
