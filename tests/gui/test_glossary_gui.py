"""The user's own glossary in the window: an entry added for the word under the popup is saved in the library
(through operations), shows in the popup at once, and is gone from the popup when deleted."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from dubao.core.entities import glossary as glossary_module
from dubao.gui import glossary_dialog
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def _answer_dialog(monkeypatch, fill):
    def exec_(dialog):
        fill(dialog)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(glossary_dialog.GlossaryEntryDialog, "exec", exec_)


def test_an_entry_added_for_the_hovered_word_is_stored_and_shown(qtbot, library_path, tmp_path, monkeypatch):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    try:
        offset = window.reader.text().index("市长")
        assert window.hover.show_at(offset)

        def fill(dialog):
            assert dialog.name.text() == "市长"
            dialog.explanation.setPlainText("Our class note: the city's head of government, under the Party secretary.")
            dialog.english.setText("mayor")
        _answer_dialog(monkeypatch, fill)
        assert glossary_dialog.edit_glossary_entry(window)
        (saved,) = window.ops.store.glossary_entries()
        assert saved.name == "市长" and saved.english == "mayor"
        assert "Our class note" in window.hover.popup.label.text()  # refreshed at once

        _answer_dialog(monkeypatch, lambda dialog: dialog._delete())
        assert glossary_dialog.edit_glossary_entry(window)
        assert window.ops.store.glossary_entries() == []
        assert "Our class note" not in window.hover.popup.label.text()
    finally:
        glossary_module.use_user_entries([])
