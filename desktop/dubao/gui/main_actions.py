"""Menus, toolbar, shortcuts and the reader's context menu of the main window.

Every action is reachable from the keyboard; the shortcuts are set here in one place:
Ctrl+1…Ctrl+5 highlight in yellow/green/blue/pink/purple, Ctrl+Return highlight with a note,
S saves the word under the pointer, Ctrl+Z / Ctrl+Shift+Z undo and redo, Ctrl+PgDown / Ctrl+PgUp
move to the next / previous article.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from dubao.core.kinds import ANNOTATION_COLORS
from dubao.gui.colour_icon import colour_icon


def build_actions(window) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}

    def add(name: str, text: str, slot, shortcut=None, icon=None, tip: str = "") -> QAction:
        action = QAction(text, window)
        if icon is not None:
            action.setIcon(icon)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or text.replace('&', '')} ({QKeySequence(shortcut).toString()})" if shortcut else tip or text)
        action.triggered.connect(lambda _checked=False: slot())
        window.addAction(action)  # shortcuts work wherever focus is in the window
        actions[name] = action
        return action

    for number, color in enumerate(ANNOTATION_COLORS, start=1):
        add(f"highlight_{color}", f"Highlight {color}", lambda c=color: window.highlight_selection(c),
            f"Ctrl+{number}", colour_icon(color, 16), f"Highlight the selection in {color}")
    add("highlight_note", "Highlight with &note…", lambda: window.highlight_selection("yellow", with_note=True),
        "Ctrl+Return", tip="Highlight the selection and write a note")
    add("save_word", "&Save word to vocabulary", window.hover.save_current, "S",
        tip="Save the word under the pointer with its sentence")
    undo = window.ops.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.ops.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    for name, action in (("undo", undo), ("redo", redo)):
        window.addAction(action)
        actions[name] = action
    add("copy", "&Copy", window.reader.copy, QKeySequence.StandardKey.Copy)
    add("next_article", "&Next article", lambda: window.step_article(1), "Ctrl+PgDown")
    add("previous_article", "&Previous article", lambda: window.step_article(-1), "Ctrl+PgUp")
    add("quit", "&Quit", window.close, QKeySequence.StandardKey.Quit)
    add("export", "&Export…", lambda: _open_export(window), "Ctrl+E")
    add("import_annotations", "Import &annotations…", lambda: _import_annotations(window), "Ctrl+Shift+I",
        tip="Add a W3C Web Annotation file's highlights and notes (e.g. a teacher's glosses)")
    add("about", "&About Dubao", lambda: _open_about(window))

    file_menu = window.menu("&File")
    file_menu.addAction(actions["export"])
    file_menu.addAction(actions["import_annotations"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])
    edit_menu = window.menu("&Edit")
    for name in ("undo", "redo", None, "copy", None, *[f"highlight_{c}" for c in ANNOTATION_COLORS],
                 "highlight_note", None, "save_word"):
        edit_menu.addSeparator() if name is None else edit_menu.addAction(actions[name])
    view_menu = window.menu("&View")
    view_menu.addAction(actions["next_article"])
    view_menu.addAction(actions["previous_article"])
    window.menu("&Help").addAction(actions["about"])

    toolbar = window.toolbar  # made with the window's frame (main_window.py), filled here
    toolbar.clear()  # the frame's stand-in buttons
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(actions["previous_article"])
    toolbar.addAction(actions["next_article"])
    toolbar.addSeparator()
    for color in ANNOTATION_COLORS:
        toolbar.addAction(actions[f"highlight_{color}"])
        toolbar.widgetForAction(actions[f"highlight_{color}"]).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    toolbar.addAction(actions["highlight_note"])
    toolbar.addSeparator()
    toolbar.addAction(undo)
    toolbar.addAction(redo)
    toolbar.addSeparator()
    actions["previous_article"].setText("◀ Previous")
    actions["next_article"].setText("Next ▶")

    window.reader.customContextMenuRequested.connect(lambda point: _context_menu(window, actions, point))
    return actions


def _context_menu(window, actions, point) -> None:
    menu = QMenu(window)
    has_selection = window.reader.selected_span() is not None
    menu.addAction(actions["copy"]).setEnabled(has_selection)
    offset = window.reader.offset_at(point)
    annotation = window.reader.annotation_at(offset) if offset is not None else None
    if annotation is not None:
        menu.addAction("Edit note…", lambda: window.edit_annotation(annotation.id))
        menu.addAction("Delete highlight", lambda: window.ops.delete_annotation(annotation.id))
    menu.addSeparator()
    for color in ANNOTATION_COLORS:
        menu.addAction(actions[f"highlight_{color}"]).setEnabled(has_selection)
    menu.addAction(actions["highlight_note"]).setEnabled(has_selection)
    if window.hover.current is not None:
        menu.addSeparator()
        menu.addAction(actions["save_word"])
    menu.exec(window.reader.viewport().mapToGlobal(point))


def _open_export(window) -> None:
    from dubao.gui.export_dialog import ExportDialog  # at use: the dialog is not needed before the first paint

    ExportDialog(window.store, window.current_issue_id, window.current_article_id, window).exec()


def _import_annotations(window) -> None:
    from dubao.gui.library_io import import_annotations_from

    import_annotations_from(window)


def _open_about(window) -> None:
    from dubao.gui.about_dialog import AboutDialog

    AboutDialog(window).exec()
