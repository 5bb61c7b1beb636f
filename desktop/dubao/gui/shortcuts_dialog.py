"""Help ▸ Keyboard shortcuts: a table generated from the window's actual QActions (menus first, in menu
order, then actions that live only on toolbars or widgets), so it can never drift from what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)


KEY_SEPARATOR = "  or  "  # not a comma: "Ctrl+," is itself a shortcut


def _label(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def _keys(action: QAction) -> str:
    return KEY_SEPARATOR.join(sequence.toString(QKeySequence.SequenceFormat.NativeText)
                      for sequence in action.shortcuts() if not sequence.isEmpty())


def shortcut_groups(window: QWidget) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group title, [(action text, keys)])] for every action that has a shortcut."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[int] = set()

    def walk(menu_title: str, actions) -> None:
        rows = []
        for action in actions:
            if action.menu() is not None:
                walk(f"{menu_title} ▸ {_label(action.menu().menuAction())}", action.menu().actions())
                continue
            seen.add(id(action))
            if action.isSeparator() or not _keys(action):
                continue
            rows.append((_label(action), _keys(action)))
        if rows:
            groups.append((menu_title, rows))

    menu_bar = window.menuBar() if hasattr(window, "menuBar") else None
    if menu_bar is not None:
        for top in menu_bar.actions():
            if top.menu() is not None:
                walk(_label(top), top.menu().actions())
    others = []
    for action in window.findChildren(QAction):
        if id(action) in seen or action.isSeparator() or not _keys(action) or action.menu() is not None:
            continue
        seen.add(id(action))
        others.append((_label(action), _keys(action)))
    if others:
        groups.append(("Elsewhere (toolbars, lists, popup)", sorted(set(others))))
    return groups


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 600)
        self.filter = QLineEdit(placeholderText="Filter…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for title, rows in shortcut_groups(window):
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for text, keys in rows:
                QTreeWidgetItem(group, [text, keys])
            group.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[tuple[str, str]]:
        return [(group.child(i).text(0), group.child(i).text(1))
                for group in (self.tree.topLevelItem(g) for g in range(self.tree.topLevelItemCount()))
                for i in range(group.childCount())]

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            visible = 0
            for i in range(group.childCount()):
                child = group.child(i)
                hidden = bool(needle) and needle not in child.text(0).lower() and needle not in child.text(1).lower()
                child.setHidden(hidden)
                visible += not hidden
            group.setHidden(visible == 0)
