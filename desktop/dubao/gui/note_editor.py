"""The note editor: colour, a multi-line note and tags for one highlight; Delete for an existing one.

The dialog only collects values — the window hands them to `Operations`, which saves at once.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QRadioButton, QVBoxLayout)

from dubao.core.models import ANNOTATION_COLORS
from dubao.gui.colour_icon import colour_icon


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "economy, 两会 #policy": split on commas, spaces and Chinese commas; '#' dropped; no repeats."""
    seen: list[str] = []
    for tag in re.split(r"[,\s，、;；]+", text):
        tag = tag.strip().lstrip("#")
        if tag and tag not in seen:
            seen.append(tag)
    return tuple(seen)


class NoteEditor(QDialog):
    """`exec()` returns Accepted with `.color`, `.note`, `.tags` set, or `.deleted` True after Delete."""

    def __init__(self, quote: str, color: str = "yellow", note: str = "", tags: tuple[str, ...] = (),
                 existing: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit note" if existing else "New highlight")
        self.deleted = False
        layout = QVBoxLayout(self)
        shown = quote if len(quote) <= 160 else quote[:157] + "…"
        quote_label = QLabel(f"“{shown}”", self)
        quote_label.setTextFormat(Qt.TextFormat.PlainText)  # the quote is article text, never markup
        quote_label.setWordWrap(True)
        quote_label.setObjectName("noteQuote")
        layout.addWidget(quote_label)

        colours = QHBoxLayout()
        self._colour_group = QButtonGroup(self)
        for number, name in enumerate(ANNOTATION_COLORS):
            button = QRadioButton(name.capitalize(), self)
            button.setIcon(colour_icon(name))
            button.setChecked(name == color)
            self._colour_group.addButton(button, number)
            colours.addWidget(button)
        colours.addStretch(1)
        layout.addLayout(colours)

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText("Note (several lines are fine)")
        self.note_edit.setPlainText(note)
        self.note_edit.setMinimumHeight(120)
        layout.addWidget(self.note_edit)
        self.tags_edit = QLineEdit(", ".join(tags), self)
        self.tags_edit.setPlaceholderText("separated by commas: policy, 两会, people")
        tags_row = QHBoxLayout()
        tags_label = QLabel("&Tags:", self)
        tags_label.setBuddy(self.tags_edit)
        tags_row.addWidget(tags_label)
        tags_row.addWidget(self.tags_edit, 1)
        layout.addLayout(tags_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        if existing:
            delete = buttons.addButton("Delete highlight", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.clicked.connect(self._delete)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.note_edit.setFocus()
        self.resize(460, 320)

    @property
    def color(self) -> str:
        return ANNOTATION_COLORS[max(0, self._colour_group.checkedId())]

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    @property
    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_edit.text())

    def _delete(self) -> None:
        self.deleted = True
        self.accept()
