"""Select → highlight → note → restart → still there; click a highlight to edit; delete and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dubao.core.library.store import Store
from dubao.gui import note_editor
from dubao.gui.note_editor import NoteEditor, parse_tags
from window_helpers import library_path, open_window, sample_library_template, settings_for  # noqa: F401


def fake_editor(monkeypatch, color="blue", note="第一行\n第二行", tags="政策, 两会", delete=False):
    """Answer the note dialog as a user would, without a modal event loop."""
    seen = []

    def exec_(self):
        seen.append(self)
        if delete:
            self._delete()
            return True
        self._colour_group.button(note_editor.ANNOTATION_COLORS.index(color)).setChecked(True)
        self.note_edit.setPlainText(note)
        self.tags_edit.setText(tags)
        return True

    monkeypatch.setattr(NoteEditor, "exec", exec_)
    return seen


def test_highlight_with_note_survives_a_restart(qtbot, library_path, tmp_path, monkeypatch):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    text = window.reader.text()
    start = text.index("市长")
    window.reader.select_span(start, start + 2)
    fake_editor(monkeypatch)
    window.actions_by_name["highlight_note"].trigger()
    [saved] = window.store.annotations(article_id=window.current_article_id)
    assert (saved.start, saved.end, saved.quote) == (start, start + 2, "市长")
    assert (saved.color, saved.note, saved.tags) == ("blue", "第一行\n第二行", ("政策", "两会"))
    assert window.reader.extraSelections()[0].cursor.selectedText() == "市长"
    with Store.open(library_path) as elsewhere:  # committed at once: another process sees it before any close
        assert [a.note for a in elsewhere.annotations(article_id=saved.article_id)] == ["第一行\n第二行"]
    window.close()

    again = open_window(qtbot, library_path, tmp_path)
    assert again.reader.current_article.id == saved.article_id
    [restored] = again.store.annotations(article_id=saved.article_id)
    assert restored.note == "第一行\n第二行"
    assert any(sel.cursor.selectedText() == "市长" for sel in again.reader.extraSelections())
    assert again.notes_panel.list.count() == 1
    assert "第一行" in again.notes_panel.list.item(0).text()


def test_colour_shortcut_highlights_the_selection(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    window.reader.select_span(0, 4)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    [annotation] = window.store.annotations(article_id=window.current_article_id)
    assert (annotation.start, annotation.end, annotation.color) == (0, 4, "blue")


def test_clicking_a_highlight_opens_its_note_and_edits_it(qtbot, library_path, tmp_path, monkeypatch):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    start = window.reader.text().index("市长")
    annotation = window.ops.add_annotation(window.current_article_id, start, start + 2, "yellow", "old")
    seen = fake_editor(monkeypatch, color="pink", note="new note", tags="mayor")
    point = window.reader.char_rect(start).center().toPoint()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert seen, "the note editor opened"
    edited = window.store.get_annotation(annotation.id)
    assert (edited.color, edited.note, edited.tags) == ("pink", "new note", ("mayor",))
    window.ops.undo_stack.undo()
    assert window.store.get_annotation(annotation.id).note == "old"


def test_delete_and_undo_brings_the_highlight_back(qtbot, library_path, tmp_path, monkeypatch):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    start = window.reader.text().index("市长")
    annotation = window.ops.add_annotation(window.current_article_id, start, start + 2, "green", "keep me")
    fake_editor(monkeypatch, delete=True)
    window.edit_annotation(annotation.id)
    assert window.store.annotations(article_id=window.current_article_id) == []
    assert window.reader.extraSelections() == [] or all(
        sel.cursor.selectedText() != "市长" for sel in window.reader.extraSelections())
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = window.store.annotations(article_id=window.current_article_id)
    assert (back.id, back.note) == (annotation.id, "keep me")
    assert any(sel.cursor.selectedText() == "市长" for sel in window.reader.extraSelections())


def test_highlight_without_a_selection_explains_what_to_do(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    window.actions_by_name["highlight_yellow"].trigger()
    assert window.store.annotations(article_id=window.current_article_id) == []
    assert "Select" in window.statusBar().currentMessage()


def test_tags_are_split_like_a_person_types_them():
    assert parse_tags("政策, 两会，#economy  economy、人事") == ("政策", "两会", "economy", "人事")
    assert parse_tags("  ") == ()
