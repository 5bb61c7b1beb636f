"""File ▸ Import issues… and files dropped on the window: import several issue files with progress shown, list
what happened to each file (imported with N articles, already in the library, or why it failed), and import
the rest when one fails. An issue the library already holds — the same file, or the same text from another file,
encoding or format — is not stored twice, and its line says which issue holds it.

Files are imported on a worker thread through `Operations.import_in_background` (the one write path), which
reports each file as it starts and ends, so the window stays responsive, the dialog shows which file is being
read, and Cancel stops before the next file (an issue is never half imported: each file is one transaction in
the Store). A dropped folder stands for the issue files (.txt) inside it; a folder of page PDFs is one issue.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout,
    QWidget,
)

from dubao.gui.operations import describe as describe_error, failed

ISSUE_FILTER = "Newspaper issues (*.txt *.text *.pdf *.html *.htm);;All files (*)"
ISSUE_SUFFIXES = (".txt", ".text")


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files as given; a folder becomes the issue files inside it (sorted, recursively), a folder of page PDFs
    one issue, and a folder of saved web pages one issue's pages."""
    from dubao.core.ingest.html_issue import web_files
    from dubao.core.pipeline import issue_inputs

    files: list[str] = []
    for path in map(Path, paths):
        if path.is_dir() and web_files(path):
            files.append(str(path))
        else:
            files.extend(issue_inputs([path], ISSUE_SUFFIXES))
    return list(dict.fromkeys(files))  # a file dropped twice is imported once


def describe(outcome, path: str = "") -> tuple[str, bool]:
    """(one line for the list, failed?) for an ImportOutcome or the error that stopped the file (its leading path dropped:
    the line already names the file)."""
    if failed(outcome):
        message = describe_error(outcome)
        for prefix in (f"{path}: ", f"{Path(path).resolve()}: ") if path else ():
            if message.startswith(prefix):
                message = message[len(prefix):]
        return f"✗ {message}", True
    if outcome.status == "skipped" and outcome.reason == "same-content":
        return (f"already in the library as issue {outcome.issue_id} "
                "(the same issue from another file, encoding or format)"), False
    if outcome.status == "skipped":
        return "already in the library" + (f" ({outcome.reason})" if outcome.reason not in (None, "duplicate") else ""), False
    replaced = " (replaced)" if getattr(outcome, "replaced", False) else ""
    return f"✓ imported, {outcome.articles} article{'s' if outcome.articles != 1 else ''}{replaced}", False


class ImportDialog(QDialog):
    """Runs the import when shown; `finished_importing(results)` gives [(path, outcome or message)]."""

    finished_importing = Signal(list)

    def __init__(self, ops, paths: Iterable[str | Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import issues")
        self.resize(560, 360)
        self._ops = ops
        self._paths = expand_paths(paths)
        self._total = len(self._paths)
        self.results: list[tuple[str, object]] = []
        self._cancel = threading.Event()
        self._done = False
        self.current = QLabel("")
        self.current.setTextFormat(Qt.TextFormat.PlainText)  # file names
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, self._total) * 100)  # a hundred steps a file: long files show theirs
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.summary = QLabel("")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.progress)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        QTimer.singleShot(0, self._start)

    def is_done(self) -> bool:
        return self._done

    def _start(self) -> None:
        if not self._paths:
            self._finish([])
            return
        self._ops.import_in_background(self._paths, self._finish, context=self, on_start=self._on_start,
                                       on_file=self._add_result, cancel=self._cancel, on_progress=self._on_progress,
                                       on_page=self._on_page)

    def _on_start(self, index: int, path: str) -> None:
        if not self._cancel.is_set():
            self.current.setText(f"Importing {Path(path).name} ({index + 1} of {self._total})…")

    def _on_progress(self, index: int, done: int, total: int) -> None:
        """A long file: how far its names and places are read (most of its time), in the line and the bar."""
        if self._cancel.is_set() or not total or index >= self._total:
            return
        from dubao.core.windows import percent_done

        percent = percent_done(done, total)
        name = Path(self._paths[index]).name
        self.current.setText(f"Importing {name} ({index + 1} of {self._total}): finding names, {percent}%…")
        self.progress.setValue(index * 100 + percent)

    def _on_page(self, index: int, path: str, done: int, pages: int) -> None:
        if not self._cancel.is_set() and done < pages:  # the page being read next: OCR takes a while
            self.current.setText(f"Importing {Path(path).name} ({index + 1} of {self._total}): "
                                 f"reading page {done + 1} of {pages}…")

    def _add_result(self, _index: int, path: str, outcome) -> None:
        self.results.append((path, outcome))
        self.progress.setValue(len(self.results) * 100)
        line, failed = describe(outcome, path)
        item = QListWidgetItem(f"{Path(path).name or 'Import'} — {line}")  # no path: the library refused
        item.setToolTip(path)
        if failed:
            item.setForeground(Qt.GlobalColor.darkRed)
        self.list.addItem(item)
        self.list.scrollToItem(item)

    def _finish(self, results: list) -> None:
        if len(results) == 1 and results[0][0] == "" and not self.results:  # the worker itself failed
            self._add_result(0, "", results[0][1])
        imported = sum(1 for _p, o in self.results if not failed(o) and o.status != "skipped")
        skipped = sum(1 for _p, o in self.results if not failed(o) and o.status == "skipped")
        failures = sum(1 for _p, o in self.results if failed(o))
        parts = [f"{imported} imported"]
        if skipped:
            parts.append(f"{skipped} already in the library")
        if failures:
            parts.append(f"{failures} failed")
        left = self._total - len(self.results)
        if self._cancel.is_set() and left > 0:
            parts.append(f"{left} not imported (cancelled)")
        else:
            self.progress.setValue(self.progress.maximum())
        self.current.setText("Cancelled." if self._cancel.is_set() and left > 0 else "Done.")
        self.summary.setText(", ".join(parts) + ".")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        self._done = True
        self.finished_importing.emit(list(self.results))

    def _cancel_or_close(self) -> None:
        if self._done:
            self.accept()
        else:
            self._cancel.set()  # the file being imported finishes; the rest are skipped
            self.current.setText("Cancelling after this file…")

    def reject(self) -> None:  # Esc and the title bar's close button cancel first, as the button does
        self._cancel_or_close()

    def first_imported_issue(self) -> int | None:
        for _path, outcome in self.results:
            if not failed(outcome) and outcome.status != "skipped":
                return outcome.issue_id
        return None


def choose_issue_files(parent: QWidget | None) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import issues", "", ISSUE_FILTER)
    return paths
