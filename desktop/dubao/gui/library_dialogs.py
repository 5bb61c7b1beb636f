"""File ▸ Open library… / New library… (a separate library file per research project), the small dialog
that corrects an issue's paper and date (guessed at import, editable later), and `LibraryController`, which
puts the library tree, importing and dropping files into the window.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QMessageBox,
    QWidget,
)

from dubao.core import paths

LIBRARY_FILTER = "Dubao libraries (*.sqlite *.db *.dubao);;All files (*)"


def choose_library_to_open(parent: QWidget | None, start_dir: str | None = None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open library", start_dir or str(paths.data_dir()),
                                          LIBRARY_FILTER)
    return path or None


def choose_new_library(parent: QWidget | None, start_dir: str | None = None) -> str | None:
    """A path for a new, empty library; refuses an existing file (it would not be "new")."""
    path, _ = QFileDialog.getSaveFileName(parent, "New library", str(Path(start_dir or paths.data_dir())
                                                                       / "project.sqlite"), LIBRARY_FILTER)
    if not path:
        return None
    if not Path(path).suffix:
        path += ".sqlite"
    if Path(path).exists() and Path(path).stat().st_size > 0:
        QMessageBox.warning(parent, "New library",
                            f"{path} already exists. Use File ▸ Open library… to open it, or pick another name.")
        return None
    return path


def open_library_in(window, path: str) -> bool:
    """Ask the window to switch libraries; a file that is not a library gives a message, not a crash."""
    try:
        window.open_library(path)
    except Exception as error:  # LibraryError, OSError: the current library stays open
        QMessageBox.warning(window, "Open library", f"Could not open {path}:\n{error}")
        return False
    return True


class IssueDetailsDialog(QDialog):
    """Edit one issue's paper name (any text; known papers offered) and date (or no date)."""

    def __init__(self, issue, papers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Issue details")
        self.paper = QComboBox()
        self.paper.setEditable(True)
        self.paper.addItems(papers)
        self.paper.setCurrentText(issue.paper or "")
        self.undated = QCheckBox("Date unknown")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        if issue.date:
            day = _dt.date.fromisoformat(issue.date)
            self.date.setDate(QDate(day.year, day.month, day.day))
        else:
            self.date.setDate(QDate.currentDate())
            self.undated.setChecked(True)
        self.date.setEnabled(not self.undated.isChecked())
        self.undated.toggled.connect(lambda on: self.date.setEnabled(not on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(issue.source_path or ""))
        form.addRow("Paper", self.paper)
        form.addRow("Date", self.date)
        form.addRow("", self.undated)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        """(paper, date) as `Store.update_issue` takes them: "" clears a value."""
        date = "" if self.undated.isChecked() else self.date.date().toString("yyyy-MM-dd")
        return self.paper.currentText().strip(), date


def edit_issue_details(window, issue_id: int) -> bool:
    """Show the dialog for an issue and save through `window.ops`; True when something was saved."""
    store = window.store
    dialog = IssueDetailsDialog(store.get_issue(issue_id), store.papers(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paper, date = dialog.values()
    try:
        window.ops.update_issue(issue_id, paper=paper, date=date)
    except ValueError as error:
        QMessageBox.warning(window, "Issue details", str(error))
        return False
    return True


class LibraryController(QObject):
    """The library in the window: the tree on the left following the reader, File ▸ Import issues… and files
    dropped on the window, Open/New library, and issue details."""

    def __init__(self, window):
        super().__init__(window)
        from dubao.gui.library_tree import LibraryTree

        self.window = window
        self.tree = LibraryTree(window.session)
        window.left_panel.addTab(self.tree, "Library")
        self.tree.article_chosen.connect(window.open_article)
        self.tree.issue_chosen.connect(self.open_issue)
        self.tree.edit_issue_requested.connect(lambda issue_id: edit_issue_details(window, issue_id))
        window.ops.library_changed.connect(self._on_library_changed)
        window.library_loaded.connect(self._on_library_changed)  # after the window's own background imports
        window.analysis_ready.connect(self._follow_reader)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _follow_reader(self, article_id: int) -> None:
        if self.window.store is None:
            return
        if self.tree.reveal_issue(self.window.current_issue_id, article_id) is None:
            self.tree.reload()  # an issue the tree has not seen (imported by another way)
            self.tree.reveal_issue(self.window.current_issue_id, article_id)

    def _on_library_changed(self) -> None:
        if self.window.store is not None:  # None: the window is closing
            self.tree.reload(self.window.current_issue_id)

    def open_issue(self, issue_id: int) -> None:
        headlines = self.window.store.article_headlines(issue_id)
        if headlines:
            self.window.open_article(headlines[0][0])

    def import_files(self, paths):
        """Import `paths` with the progress dialog; the first newly imported issue opens when done."""
        from dubao.gui.import_dialog import ImportDialog

        dialog = ImportDialog(self.window.ops, paths, self.window)
        dialog.finished_importing.connect(lambda _results: self._after_import(dialog))
        dialog.show()
        return dialog

    def choose_and_import(self) -> None:
        from dubao.gui.import_dialog import choose_issue_files

        paths = choose_issue_files(self.window)
        if paths:
            self.import_files(paths)

    def _after_import(self, dialog) -> None:
        issue_id = dialog.first_imported_issue()
        if issue_id is not None:
            self.open_issue(issue_id)

    def paste_issue(self, text: str | None = None) -> None:
        """File ▸ New issue from clipboard (or text dropped on the window): confirm, import, open it."""
        from PySide6.QtGui import QGuiApplication

        from dubao.gui.paste_dialog import import_pasted_text

        def opened(outcome) -> None:
            if not isinstance(outcome, BaseException) and outcome.status != "skipped":
                self.open_issue(outcome.issue_id)

        import_pasted_text(self.window, QGuiApplication.clipboard().text() if text is None else text, on_done=opened)

    def open_library(self) -> None:
        path = choose_library_to_open(self.window)
        if path:
            open_library_in(self.window, path)

    def new_library(self) -> None:
        path = choose_new_library(self.window)
        if path:
            open_library_in(self.window, path)

    def edit_current_issue(self) -> None:
        """The issue chosen in the tree (when it has focus), else the one being read."""
        issue_id = self.tree.selected_issue_id() if self.tree.hasFocus() else None
        issue_id = issue_id or self.window.current_issue_id
        if issue_id is not None:
            edit_issue_details(self.window, issue_id)

    def eventFilter(self, watched, event) -> bool:
        """Files dragged onto the window are imported, as with File ▸ Import issues…; dragged text is a new
        issue, as with File ▸ New issue from clipboard."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) and _local_files(event):
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self.import_files(_local_files(event))
            return True
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) and _dropped_text(event):
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                text = _dropped_text(event)
                QTimer.singleShot(0, lambda: self.paste_issue(text))  # the drop ends before the dialog opens
            return True
        return super().eventFilter(watched, event)


def _local_files(event) -> list[str]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _dropped_text(event) -> str:
    """Plain text dragged onto the window (not files, not a drag from inside the reader)."""
    mime = event.mimeData()
    if mime is None or mime.hasUrls() or not mime.hasText() or event.source() is not None:
        return ""
    return mime.text()
