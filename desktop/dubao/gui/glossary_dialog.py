"""The user's own glossary in the window: add or edit an entry for the word under the popup (a local
formulation, a class's reading of a slogan, a note on a person), and share the library's entries as a JSON
or CSV file.

`GlossaryEntryDialog` is a form over one `Formulation`; `edit_glossary_entry(window)` opens it for the
popup's word (prefilled from the library's entry, else from the shipped one, else just the word), and the
import/export helpers ask for a file. Every write goes through `gui/operations.py`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLineEdit, QMessageBox, QPlainTextEdit,
)

from dubao.core.errors import DubaoError

CATEGORIES = ("user", "person", "place", "organization", "ideology", "party_building", "governance", "law",
              "economy", "rural_policy", "foreign_policy", "society", "ecology", "culture", "defence",
              "technology", "hk_macao_taiwan", "meetings", "history")
FILE_FILTER = "Glossary (*.json *.csv)"


def _split(text: str, separators: str = ";；\n") -> tuple[str, ...]:
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return tuple(part.strip() for part in text.split(separators[0]) if part.strip())


class GlossaryEntryDialog(QDialog):
    """A form for one glossary entry; `entry()` gives what the user typed as a Formulation."""

    def __init__(self, entry, parent=None, *, deletable: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Glossary entry")
        self.original_name = entry.name
        self.delete_requested = False
        form = QFormLayout(self)
        self.name = QLineEdit(entry.name)
        self.pinyin = QLineEdit(entry.pinyin)
        self.english = QLineEdit(entry.english)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(CATEGORIES)
        self.category.setCurrentText(entry.category)
        self.variants = QLineEdit("; ".join(entry.variants))
        self.expansion = QPlainTextEdit("\n".join(entry.expansion))
        self.expansion.setPlaceholderText("one part a line (for a numbered formulation)")
        self.explanation = QPlainTextEdit(entry.explanation)
        self.explanation.setPlaceholderText("what it means, in your words; or your note on the person")
        self.since = QLineEdit(entry.since)
        self.source = QLineEdit(entry.source)
        for label, widget in (("Name", self.name), ("Pinyin", self.pinyin), ("English", self.english),
                              ("Category", self.category), ("Variants (; between)", self.variants),
                              ("Parts", self.expansion), ("Explanation / note", self.explanation),
                              ("Since (year)", self.since), ("Source", self.source)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        if deletable:
            remove = buttons.addButton("Delete", QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(self._delete)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.related = entry.related

    def _delete(self) -> None:
        self.delete_requested = True
        self.accept()

    def entry(self):
        """The form's content as a user's `Formulation`."""
        from dubao.core.entities.glossary import Formulation

        return Formulation(
            name=self.name.text().strip(), explanation=self.explanation.toPlainText().strip(),
            category=self.category.currentText().strip() or "user", pinyin=self.pinyin.text().strip(),
            english=self.english.text().strip(), variants=_split(self.variants.text()),
            expansion=_split(self.expansion.toPlainText(), "\n;；"), since=self.since.text().strip(),
            source=self.source.text().strip(), related=self.related, origin="user")


def edit_glossary_entry(window, word: str | None = None) -> bool:
    """Add or edit the library's glossary entry for `word` (default: the popup's word). True when saved."""
    from dubao.core.entities.glossary import Formulation, glossary  # not at start-up: a package of its own

    if window.ops.store is None:
        return False
    current = window.hover.current
    word = word or (current.word if current is not None else "")
    if not word:
        QMessageBox.information(window, "Glossary entry", "Point at a word first (its popup shows), then press G.")
        return False
    known = glossary().lookup(word)
    own = known is not None and known.origin == "user"
    dialog = GlossaryEntryDialog(known if known is not None else Formulation(word), window, deletable=own)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        if dialog.delete_requested:
            window.ops.delete_glossary_entry(dialog.original_name)
        else:
            window.ops.save_glossary_entry(dialog.entry(), dialog.original_name if own else None)
    except DubaoError as error:
        QMessageBox.warning(window, "Glossary entry", str(error))
        return False
    return True


def import_glossary(window) -> int:
    path, _ = QFileDialog.getOpenFileName(window, "Import a glossary", "", FILE_FILTER)
    if not path:
        return 0
    try:
        count = window.ops.import_glossary(path)
    except DubaoError as error:  # GlossaryError is one
        QMessageBox.warning(window, "Import a glossary", f"Nothing was imported: {error}")
        return 0
    window.statusBar().showMessage(f"{count} glossary entries imported", 5000)
    return count


def export_glossary(window) -> int:
    from dubao.core.export.glossary_file import write_glossary

    path, _ = QFileDialog.getSaveFileName(window, "Export your glossary", "glossary.json", FILE_FILTER)
    if not path:
        return 0
    try:
        count = write_glossary(path, window.ops.store.glossary_entries())
    except (OSError, DubaoError) as error:
        QMessageBox.warning(window, "Export your glossary", str(error))
        return 0
    window.statusBar().showMessage(f"{count} glossary entries written to {path}", 5000)
    return count
