"""File ▸ Open library… / New library… (a separate library file per research project) and the small dialog
that corrects an issue's paper and date (guessed at import, editable later).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QDate
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
