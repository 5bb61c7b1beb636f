"""The Codebook tab of the workbench: the code hierarchy with memos, the highlights under a code, code counts by
paper and period, and the code co-occurrence table; REFI-QDA codebooks (.qdc) in and out.

Codes are highlight tags written as paths ("经济/增长"), so a highlight is coded in the Notes sidebar by giving
it such tags (several per highlight); this tab creates codes, writes their memos (through `window.ops`) and
shows how the coding distributes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from dubao.core.errors import DubaoError
from dubao.core.export.qdc import CodebookEntry, read_codebook, write_codebook
from dubao.core.library.corpus import PERIODS

PATH_ROLE = Qt.ItemDataRole.UserRole


class CodebookPanel(QWidget):
    open_requested = Signal(int, int, int)  # article id, start, end

    def __init__(self, session, ops, parent=None):
        super().__init__(parent)
        self.session, self.ops = session, ops
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Code", "Highlights", "Memo"])
        self.tree.currentItemChanged.connect(lambda *_: self._show_code())
        self.memo = QPlainTextEdit(self)
        self.memo.setPlaceholderText("Memo on the selected code: its definition, when to apply it, examples …")
        save_memo = QPushButton("Save memo", self)
        save_memo.clicked.connect(self.save_memo)
        self.highlights = QListWidget(self)
        self.highlights.itemDoubleClicked.connect(self._open_highlight)
        buttons = QHBoxLayout()
        for label, slot in (("New code…", self.new_code), ("Import .qdc…", self.choose_import),
                            ("Export .qdc…", self.choose_export)):
            button = QPushButton(label, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(QLabel("Memo", left))
        left_layout.addWidget(self.memo)
        left_layout.addWidget(save_memo)
        self.period = QComboBox(self)
        for period in PERIODS:
            self.period.addItem(f"by {period}", period)
        self.period.setCurrentIndex(PERIODS.index("year"))
        self.period.currentIndexChanged.connect(lambda *_: self.refresh_tables())
        self.counts = QTableWidget(0, 4, self)
        self.counts.setHorizontalHeaderLabels(["Code", "Paper", "Period", "Highlights"])
        self.cooccurrence = QTableWidget(0, 0, self)
        views = QTabWidget(self)
        views.addTab(self.highlights, "Highlights with the code")
        counts_page = QWidget(self)
        counts_layout = QVBoxLayout(counts_page)
        counts_layout.addWidget(self.period)
        counts_layout.addWidget(self.counts, 1)
        views.addTab(counts_page, "Counts by paper and period")
        views.addTab(self.cooccurrence, "Co-occurrence")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(views)
        splitter.setSizes([400, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        session.store_replaced.connect(self.refresh)
        ops.annotations_changed.connect(lambda *_: self.refresh())

    # ---- showing -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.session.store
        current = self.current_path()
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        codes = store.codes() if store is not None else []
        parents = {code.parent for code in codes if code.parent}
        for code in codes:
            parent = items.get(code.parent) if code.parent else None
            count = str(code.highlights)
            if code.path in parents:  # a parent: also how many highlights carry it or a code under it
                count += f" ({len(store.code_highlights(code.path))} with sub-codes)"
            item = QTreeWidgetItem([code.name, count, code.memo.split("\n", 1)[0]])
            item.setData(0, PATH_ROLE, code.path)
            item.setToolTip(2, code.memo)
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[code.path] = item
            if code.path == current:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.refresh_tables()

    def refresh_tables(self) -> None:
        store = self.session.store
        rows = store.code_counts(self.period.currentData()) if store is not None else []
        self.counts.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.counts.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        pairs = store.code_cooccurrence() if store is not None else {}
        codes = sorted({code for pair in pairs for code in pair})
        self.cooccurrence.setRowCount(len(codes))
        self.cooccurrence.setColumnCount(len(codes))
        self.cooccurrence.setHorizontalHeaderLabels(codes)
        self.cooccurrence.setVerticalHeaderLabels(codes)
        for (first, second), count in pairs.items():
            for row, column in ((codes.index(first), codes.index(second)), (codes.index(second), codes.index(first))):
                self.cooccurrence.setItem(row, column, QTableWidgetItem(str(count)))

    def current_path(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, PATH_ROLE) if item is not None else None

    def _show_code(self) -> None:
        path = self.current_path()
        self.highlights.clear()
        if path is None or self.session.store is None:
            self.memo.clear()
            return
        self.memo.setPlainText(self.session.store.get_code(path).memo)
        for annotation in self.session.store.code_highlights(path):
            item = QListWidgetItem(f"“{annotation.quote}”  [{', '.join(annotation.tags)}]"
                                   + (f" — {annotation.note}" if annotation.note else ""))
            item.setData(PATH_ROLE, (annotation.article_id, annotation.start, annotation.end))
            self.highlights.addItem(item)

    def _open_highlight(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(*item.data(PATH_ROLE))

    # ---- writing (through window.ops) --------------------------------------------------------------

    def new_code(self) -> None:
        parent = self.current_path()
        path, ok = QInputDialog.getText(self, "New code", "Code (parents first, separated by /):",
                                        text=f"{parent}/" if parent else "")
        if ok and path.strip():
            self.add_code(path)

    def add_code(self, path: str, memo: str | None = None) -> bool:
        try:
            self.ops.save_code(path, memo)
        except (DubaoError, ValueError) as error:
            QMessageBox.warning(self, "New code", str(error))
            return False
        return True

    def save_memo(self) -> None:
        path = self.current_path()
        if path is not None:
            self.ops.save_code(path, self.memo.toPlainText())

    def import_codebook(self, path: str | Path) -> int:
        entries = read_codebook(Path(path).read_bytes())
        for entry in entries:
            self.ops.save_code(entry.path, entry.memo or None)
        return len(entries)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a REFI-QDA codebook", "", "Codebook (*.qdc *.qde)")
        if path:
            try:
                self.import_codebook(path)
            except (OSError, DubaoError) as error:
                QMessageBox.warning(self, "Import codebook", str(error))

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the codebook", "codebook.qdc", "Codebook (*.qdc)")
        if path:
            entries = [CodebookEntry(code.path, code.memo) for code in self.session.store.codes()]
            try:
                Path(path).write_bytes(write_codebook(entries))
            except OSError as error:
                QMessageBox.warning(self, "Export codebook", f"Cannot write {path}: {error.strerror or error}")
