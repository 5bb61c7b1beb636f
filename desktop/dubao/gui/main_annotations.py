"""The main window's handlers for highlights, notes and saved words (a mixin of `MainWindow`).

Each handler collects what the user chose and makes one call on `window.ops`; a refusal from the library
is shown in a message box, never dropped on a terminal.
"""

from __future__ import annotations

import logging


log = logging.getLogger(__name__)


def warn(parent, title: str, text: str) -> None:
    """A warning whose text is shown as typed: file names and error messages may contain '<' and '&',
    which the static QMessageBox functions would take for markup."""
    # at use: the window's first paint need not wait for their set-up (importing `Qt` sets up all its enums)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class AnnotationHandlers:
    def highlight_selection(self, color: str, with_note: bool = False) -> None:
        span = self.reader.selected_span()
        if span is None or self.current_article_id is None:
            self.statusBar().showMessage("Select some text first, then choose a highlight colour.", 4000)
            return
        note, tags = "", ()
        if with_note:
            from dubao.gui.note_editor import NoteEditor  # at use, like every dialog

            editor = NoteEditor(self.reader.text()[span[0]:span[1]], color, parent=self)
            if not editor.exec():
                return
            color, note, tags = editor.color, editor.note, editor.tags
        if self._attempt("Highlight", self.ops.add_annotation, self.current_article_id, span[0], span[1],
                         color, note, tags) is not None:
            self.reader.select_span(span[1], span[1])

    def edit_annotation(self, annotation_id: int) -> None:
        from dubao.gui.note_editor import NoteEditor

        annotation = self.store.get_annotation(annotation_id)
        editor = NoteEditor(annotation.quote, annotation.color, annotation.note, annotation.tags,
                            existing=True, parent=self)
        if not editor.exec():
            return
        if editor.deleted:
            self._attempt("Delete highlight", self.ops.delete_annotation, annotation_id)
            self.statusBar().showMessage("Highlight deleted — Ctrl+Z brings it back.", 5000)
        elif (editor.color, editor.note, editor.tags) != (annotation.color, annotation.note, annotation.tags):
            self._attempt("Save note", self.ops.update_annotation, annotation_id, color=editor.color,
                          note=editor.note, tags=editor.tags)

    def save_word(self, info) -> None:
        saved = self._attempt("Save word", self.ops.save_word, info, self.current_article_id)
        if saved is None:
            return
        self.hover.mark_saved(info.token.text)
        self.statusBar().showMessage(f"Saved {info.token.text} to the vocabulary list.", 3000)

    def _attempt(self, what: str, operation, *args, **kwargs):
        """Run a write; if the library refuses it (locked file, full disk, a removed article), say so
        instead of dropping a traceback on a terminal nobody sees. Returns None on failure."""
        try:
            result = operation(*args, **kwargs)
        except Exception as error:  # any refusal: the user must learn that nothing was saved
            log.exception("%s failed", what)
            warn(self, what, f"{what} failed — nothing was changed.\n\n{error}")
            return None
        return True if result is None else result

    def _on_annotations_changed(self, article_id: int) -> None:
        if article_id == self.current_article_id:
            self.reader.set_annotations(self.store.annotations(article_id=article_id))
        self.notes_panel.refresh()
