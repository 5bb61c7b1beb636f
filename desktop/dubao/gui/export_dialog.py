"""File ▸ Export…: choose a format, what to export (this article, this issue, the library), an optional tag,
and a file; the dialog then makes the same core calls as `dubao export` (`collect`, `render`, `write_export`).

The dialog only reads the library, so it talks to the Store directly rather than through `Operations`
(which exists for changes that other widgets must hear about). A line under the choices says how much
will be exported before the user commits to a file name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from dubao.core.errors import DubaoError
from dubao.core.export import FORMATS, collect, render, suggested_filename, write_export
from dubao.core.export.anki import NOTE_TYPE_NAME

ALL_TAGS = "All highlights"
_SCOPES = ("article", "issue", "library")


class ExportDialog(QDialog):
    """`ExportDialog(store, current_issue_id, current_article_id, parent).exec()`."""

    def __init__(self, store, current_issue_id: int | None = None, current_article_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)
        self._store = store
        self._issue_id = current_issue_id
        self._article_id = current_article_id
        self.written: Path | None = None  # the file written, once the export succeeded
        self._last_suggestion = Path.home() / "export"

        self.format_box = QComboBox()
        for fmt in FORMATS.values():
            self.format_box.addItem(fmt.label, fmt.name)
        self.scope_buttons = QButtonGroup(self)
        scope_row = QHBoxLayout()
        for key, label, available in (("article", "This article", current_article_id is not None),
                                      ("issue", "This issue", current_issue_id is not None),
                                      ("library", "Whole library", True)):
            button = QRadioButton(label)
            button.setObjectName(f"scope_{key}")
            button.setEnabled(available)
            self.scope_buttons.addButton(button, _SCOPES.index(key))
            scope_row.addWidget(button)
        first_available = next(b for b in self.scope_buttons.buttons() if b.isEnabled())
        first_available.setChecked(True)
        self.tag_box = QComboBox()
        self.tag_box.addItem(ALL_TAGS, None)
        for tag in store.tags():
            self.tag_box.addItem(f"#{tag}", tag)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Choose where to save…")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        # text formats can go straight into a Zotero note, Obsidian or an e-mail
        self.copy_button = self.buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Copy the export to the clipboard instead of saving a file")
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("Export:", scope_row)
        form.addRow("Tag:", self.tag_box)
        form.addRow("File:", path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._refresh)
        self.scope_buttons.idToggled.connect(lambda _id, checked: checked and self._refresh())
        self.tag_box.currentIndexChanged.connect(self._refresh)
        self.path_edit.textChanged.connect(self._update_button)
        self._refresh()

    # ---- choices --------------------------------------------------------------------------------

    def format_name(self) -> str:
        return self.format_box.currentData()

    def set_format(self, name: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(name))

    def scope(self) -> str:
        return _SCOPES[self.scope_buttons.checkedId()]

    def set_scope(self, scope: str) -> None:
        self.scope_buttons.button(_SCOPES.index(scope)).setChecked(True)

    def tag(self) -> str | None:
        return self.tag_box.currentData()

    def _scope_ids(self) -> dict:
        scope = self.scope()
        return {"article_id": self._article_id if scope == "article" else None,
                "issue_id": self._issue_id if scope == "issue" else None}

    def _collect(self):
        return collect(self._store, tag=self.tag(), **self._scope_ids())

    # ---- feedback -------------------------------------------------------------------------------

    def _refresh(self) -> None:
        fmt = FORMATS[self.format_name()]
        # the tag filter means nothing for a vocabulary deck
        self.tag_box.setEnabled(fmt.content != "vocabulary")
        self.copy_button.setEnabled(fmt.is_text)
        try:
            data = self._collect()
        except KeyError as error:
            self.summary.setText(f"Cannot export: {error.args[0] if error.args else error}")
            self._update_button()
            return
        counts = {"annotations": (len(data.annotations), "highlight"), "vocabulary": (len(data.vocabulary), "word"),
                  "articles": (len(data.articles), "article")}
        count, noun = counts[fmt.content]
        text = f"{count} {noun}{'' if count == 1 else 's'} from “{data.title}”."
        self._nothing_to_export = count == 0 and fmt.content == "vocabulary"
        if self._nothing_to_export:  # an empty deck helps nobody
            text = "No saved words here: nothing to export. Add words from the reader first."
        elif count == 0:
            text += " The file will be valid but empty."
        if fmt.name == "anki-tsv" and count:
            text += f" In Anki, import it with the note type “{NOTE_TYPE_NAME}” (importing an .apkg once adds it)."
        self.summary.setText(text)
        self._suggest_path(str(self._last_suggestion.parent / suggested_filename(fmt.name, data)), fmt.extension)
        self._update_button()

    def _suggest_path(self, suggestion: str, extension: str) -> None:
        """Follow the choices with the file name, unless the user typed their own (then fix only its extension)."""
        current = self.path_edit.text().strip()
        if not current or Path(current) == self._last_suggestion:
            self.path_edit.setText(suggestion)
        elif Path(current).suffix.lower() != f".{extension}":
            self.path_edit.setText(str(Path(current).with_suffix(f".{extension}")))
        self._last_suggestion = Path(suggestion)

    def _update_button(self) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip())
                                      and not getattr(self, "_nothing_to_export", False))

    def _browse(self) -> None:
        fmt = FORMATS[self.format_name()]
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path_edit.text(),
                                                f"{fmt.label} (*.{fmt.extension});;All files (*)")
        if chosen:
            if not Path(chosen).suffix:
                chosen += f".{fmt.extension}"
            self.path_edit.setText(chosen)

    # ---- doing it -------------------------------------------------------------------------------

    def export(self) -> bool:
        """Write the export; on success close the dialog, on failure say why and stay open."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.parent.is_dir():
            self._fail(f"The folder {path.parent} does not exist.")
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_export(path, render(self.format_name(), self._collect()))
        except (OSError, KeyError, ValueError, DubaoError) as error:
            QGuiApplication.restoreOverrideCursor()
            self._fail(f"Could not export to {path}: {getattr(error, 'strerror', None) or error}")
            return False
        QGuiApplication.restoreOverrideCursor()
        self.written = path
        self.accept()
        return True

    def copy_to_clipboard(self) -> bool:
        """Put a text format's export on the clipboard (the dialog stays open)."""
        if not FORMATS[self.format_name()].is_text:
            return False
        try:
            text = render(self.format_name(), self._collect())
        except (KeyError, DubaoError) as error:
            self._fail(f"Cannot export: {error.args[0] if error.args else error}")
            return False
        QGuiApplication.clipboard().setText(text)
        self.summary.setText(self.summary.text().split(" Copied")[0] + " Copied to the clipboard.")
        return True

    def _fail(self, message: str) -> None:
        self.summary.setText(message)
        QMessageBox.warning(self, "Export failed", message)
