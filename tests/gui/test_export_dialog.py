"""File ▸ Export…: the choices a user makes lead to the right file."""

from __future__ import annotations

import io
import zipfile

import pytest
from export_samples import sample_library

from dubao.gui.export_dialog import ExportDialog


@pytest.fixture()
def library():
    store, issue_id = sample_library()
    yield store, issue_id
    store.close()


def test_exports_the_current_article_as_markdown(qtbot, library, tmp_path):
    store, issue_id = library
    article = store.articles(issue_id)[0]
    dialog = ExportDialog(store, issue_id, article.id, None)
    qtbot.addWidget(dialog)
    assert dialog.scope() == "article"  # the narrowest scope available is preselected
    assert "2 highlights" in dialog.summary.text()
    assert dialog.path_edit.text().endswith(".md")
    target = tmp_path / "notes.md"
    dialog.path_edit.setText(str(target))
    assert dialog.export()
    text = target.read_text("utf-8")
    assert "# 市委召开常委会会议" in text and "“985”" not in text
    assert dialog.written == target


def test_scope_tag_and_format_follow_the_choices(qtbot, library, tmp_path):
    store, issue_id = library
    dialog = ExportDialog(store, issue_id, None, None)
    qtbot.addWidget(dialog)
    assert not dialog.findChild(type(dialog.scope_buttons.buttons()[0]), "scope_article").isEnabled()
    assert dialog.scope() == "issue"
    dialog.set_format("qdpx")
    assert dialog.path_edit.text().endswith(".qdpx")
    dialog.tag_box.setCurrentIndex(dialog.tag_box.findData("经济"))
    assert "2 highlights" in dialog.summary.text()
    dialog.set_format("apkg")
    assert not dialog.tag_box.isEnabled() and "2 words" in dialog.summary.text()
    dialog.set_format("qdpx")
    target = tmp_path / "coded.qdpx"
    dialog.path_edit.setText(str(target))
    dialog.set_scope("library")
    assert dialog.path_edit.text() == str(target)  # a name the user typed is kept
    assert dialog.export()
    qde = zipfile.ZipFile(io.BytesIO(target.read_bytes())).read("project.qde").decode("utf-8")
    assert 'name="经济"' in qde and 'name="理论"' not in qde


def test_a_missing_folder_is_reported_and_the_dialog_stays_open(qtbot, library, tmp_path, monkeypatch):
    store, issue_id = library
    warnings = []
    monkeypatch.setattr("dubao.gui.export_dialog.QMessageBox.warning", lambda *args: warnings.append(args[2]))
    dialog = ExportDialog(store, issue_id, None, None)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "no" / "such" / "folder" / "x.csv"))
    assert not dialog.export()
    assert warnings and "does not exist" in warnings[0] and dialog.written is None


def test_markdown_export_reads_as_intended_in_a_commonmark_renderer(library):
    """Qt's Markdown reader (md4c, CommonMark) stands in for Obsidian: quotes are block quotes, escapes vanish."""
    from PySide6.QtGui import QTextDocument, QTextFormat

    from dubao.core.export import export

    store, issue_id = library
    document = QTextDocument()
    document.setMarkdown(export("markdown", store, issue_id=issue_id))
    shown = document.toPlainText()
    assert "=cmd|' /C calc'!A0" in shown and "\\" not in shown  # escapes disappear when rendered
    assert "-注意 'quote' \"双引号\"" in shown
    quotes = [block.text() for block in _blocks(document) if block.blockFormat().hasProperty(QTextFormat.Property.BlockQuoteLevel)]
    assert "中国式现代化" in quotes and "𠮷野家首家门店" in quotes


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_copy_puts_a_text_export_on_the_clipboard(qtbot, library):
    from PySide6.QtGui import QGuiApplication

    store, issue_id = library
    dialog = ExportDialog(store, issue_id, None, None)
    qtbot.addWidget(dialog)
    dialog.set_format("ris")
    assert dialog.copy_button.isEnabled() and dialog.copy_to_clipboard()
    assert QGuiApplication.clipboard().text().startswith("TY  - NEWS")
    dialog.set_format("apkg")
    assert not dialog.copy_button.isEnabled()


def test_anki_export_without_words_says_there_is_nothing_and_names_the_note_type(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    store, issue_id = sample_library(with_work=False)
    try:
        dialog = ExportDialog(store, issue_id, None, None)
        qtbot.addWidget(dialog)
        dialog.set_format("apkg")
        assert "nothing to export" in dialog.summary.text().lower()
        assert not dialog.export_button.isEnabled()
        dialog.path_edit.setText(str(tmp_path / "words.apkg"))
        assert not dialog.export() and not (tmp_path / "words.apkg").exists()
        first = store.articles(issue_id)[0]
        store.add_vocab("会议", "huìyì", article_id=first.id, start=0, end=2)
        dialog.set_format("anki-tsv")
        assert "Dubao 读报 vocabulary" in dialog.summary.text()  # which note type to import the text file into
    finally:
        store.close()
