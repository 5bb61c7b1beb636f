"""File ▸ New issue from clipboard, and plain text dropped on the window: a pasted issue, confirmed, then imported.

The dialog shows the text (editable: a stray line can go before importing), how it splits (how many articles,
their headlines, updated as the text changes) and the paper, date and page guessed from its header
(`人民日报 2026年1月14日 星期三`, `第01版`) for the user to confirm or correct. Importing goes through
`Operations.import_text` (the one write path, on a worker thread) into the same pipeline as files; an issue the library already holds
is not stored twice and the user is told which issue it is.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox,
    QPlainTextEdit, QVBoxLayout, QWidget,
)

from dubao.core.ingest.guess import guess_date, guess_page, guess_paper
from dubao.gui.operations import describe, failed

PREVIEW_HEADLINES = 6
_RESPLIT_DELAY_MS = 400  # typing in the text re-splits it once the user pauses


def split_preview(text: str) -> tuple[int, str]:
    """(number of articles, a one-line list of their first headlines) of the text as it would be imported."""
    from dubao.core.split import split_issue

    articles = split_issue(text).articles if text.strip() else ()
    headlines = [article.headline or "（无标题）" for article in articles[:PREVIEW_HEADLINES]]
    more = "…" if len(articles) > PREVIEW_HEADLINES else ""
    return len(articles), "、".join(headlines) + more


class PasteIssueDialog(QDialog):
    """Confirm a pasted issue's text, paper, date and page; `values()` gives them for `Operations.import_text`."""

    def __init__(self, text: str, papers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New issue from pasted text")
        self.resize(640, 520)
        self.text = QPlainTextEdit(text)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.articles = QLabel("")
        self.articles.setWordWrap(True)
        self.articles.setTextFormat(Qt.TextFormat.PlainText)
        self.paper = QComboBox()
        self.paper.setEditable(True)
        self.paper.addItems(papers)
        self.paper.setCurrentText(guess_paper(None, text) or "")
        self.paper.lineEdit().setPlaceholderText("e.g. 人民日报")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.undated = QCheckBox("Date unknown")
        self.undated.toggled.connect(lambda on: self.date.setEnabled(not on))
        guessed = guess_date(None, text)
        if guessed:
            day = _dt.date.fromisoformat(guessed)
            self.date.setDate(QDate(day.year, day.month, day.day))
        else:
            self.date.setDate(QDate.currentDate())
            self.undated.setChecked(True)
        self.page = QLineEdit(guess_page(None, text) or "")
        self.page.setPlaceholderText("e.g. 1 or A3 (optional)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Paper", self.paper)
        form.addRow("Date", self.date)
        form.addRow("", self.undated)
        form.addRow("Page", self.page)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The text, as it will be split into articles:"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.articles)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._resplit = QTimer(self)
        self._resplit.setSingleShot(True)
        self._resplit.setInterval(_RESPLIT_DELAY_MS)
        self._resplit.timeout.connect(self.refresh_preview)
        self.text.textChanged.connect(self._resplit.start)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        count, headlines = split_preview(self.text.toPlainText())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(count > 0)
        if count == 0:
            self.articles.setText("No articles found in this text: paste the text of a newspaper page.")
        else:
            noun = "article" if count == 1 else "articles"
            self.articles.setText(f"{count} {noun}: {headlines}")

    def values(self) -> dict:
        """text, paper, date (ISO or None) and page (or None), as `Operations.import_text` takes them."""
        return {
            "text": self.text.toPlainText(),
            "paper": self.paper.currentText().strip() or None,
            "date": None if self.undated.isChecked() else self.date.date().toString("yyyy-MM-dd"),
            "page": self.page.text().strip() or None,
        }


def outcome_message(outcome) -> str:
    """What the user is told after importing pasted text."""
    if failed(outcome):
        return describe(outcome)
    if outcome.status == "skipped":
        return (f"This issue is already in the library (issue {outcome.issue_id}, {outcome.articles} articles): "
                "the same text was imported before, from a file or an earlier paste. It was not stored again.")
    return f"Imported {outcome.articles} article{'s' if outcome.articles != 1 else ''}."


def _message_box(window, message: str, is_error: bool) -> None:
    show = QMessageBox.warning if is_error else QMessageBox.information
    show(window, "New issue from clipboard", message)


def import_pasted_text(window, text: str, *, confirm=None, notify=None, on_done=None) -> bool:
    """Ask the user to confirm the pasted text's paper, date and page, then import it in the background through
    `window.ops`; tell them when it failed or the library already holds it, and call `on_done(outcome)` (the
    ImportOutcome or the error). `confirm(dialog) -> bool` and `notify(message, is_error)` stand in for the modal
    dialog and message box in tests. Returns False when the user cancelled or there was nothing to import."""
    notify = notify or (lambda message, is_error: _message_box(window, message, is_error))
    if window.store is None:
        return False
    if not text.strip():
        notify("The clipboard holds no text.", False)
        return False
    dialog = PasteIssueDialog(text, window.store.papers(), window)
    accepted = confirm(dialog) if confirm is not None else dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted:
        return False
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def finished(outcome) -> None:
        QGuiApplication.restoreOverrideCursor()
        if failed(outcome) or outcome.status == "skipped":
            notify(outcome_message(outcome), failed(outcome))
        if on_done is not None:
            on_done(outcome)

    window.ops.import_text(on_done=finished, context=window, **dialog.values())
    return True
