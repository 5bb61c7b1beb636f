"""The Concordance tab of the workbench: every occurrence of a term, centred, with its left and right context.

Columns: date, paper, page, headline, the context before (right-aligned, so the term lines up), the term,
the context after. Clicking the header of "Before" sorts by the word before the term, "Term"/"After" by the
word after, "Date" and "Paper" by those; filters narrow by paper, dates and block kind. Hits load a page at a
time (the total is always exact). Double-click (or Enter) opens the article with the hit marked; the hits
export to CSV and copy with their citation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from dubao.core.errors import DubaoError
from dubao.core.library.corpus import Part, parse_part
from dubao.core.library.corpus_kwic import cite, hits_to_csv
from dubao.gui import workers

PAGE_SIZE = 200
ALL = 1 << 62  # a limit that never cuts
COLUMNS = ("Date", "Paper", "Page", "Headline", "Before", "Term", "After")
SORT_BY_COLUMN = {0: "date", 1: "paper", 4: "left", 5: "right", 6: "right"}
KIND_CHOICES = (("Any text", None), ("Headlines", "headline"), ("Body text", "body"), ("Captions", "caption"))


def part_from_filters(paper: str | None, date_from: str, date_to: str) -> Part:
    """The Part the filter widgets describe (DubaoError for a date that cannot be read)."""
    pieces = [f"paper={paper}"] if paper else []
    if date_from.strip() or date_to.strip():
        pieces.append(f"{date_from.strip()}..{date_to.strip()}")
    return parse_part(",".join(pieces)) if pieces else Part()


def _total_with_own_connection(library_path: str, term: str, part: Part) -> int:
    # on a worker thread: its own connection, so the window keeps reading the library meanwhile
    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        return store.kwic_total(term, part)


def _all_hits_with_own_connection(library_path: str, query: tuple, sort: str) -> list:
    from dubao.core.library.store import Store

    term, part, kind = query
    with Store.open(library_path) as store:
        return list(store.kwic(term, part, kind=kind, sort=sort, limit=ALL).hits)


class PartFilters(QWidget):
    """Paper and date-range pickers shared by the workbench tabs."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.paper = QComboBox(self)
        self.date_from = QLineEdit(self)
        self.date_to = QLineEdit(self)
        for edit, hint in ((self.date_from, "from YYYY[-MM[-DD]]"), (self.date_to, "to YYYY[-MM[-DD]]")):
            edit.setPlaceholderText(hint)
            edit.setMinimumWidth(140)
            edit.setMaximumWidth(170)
        for widget in (QLabel("Paper", self), self.paper, self.date_from, self.date_to):
            layout.addWidget(widget)
        session.store_replaced.connect(self.refresh_papers)
        self.refresh_papers()

    def refresh_papers(self) -> None:
        current = self.paper.currentData()
        self.paper.clear()
        self.paper.addItem("All papers", None)
        for name in (self.session.store.papers() if self.session.store is not None else []):
            self.paper.addItem(name, name)
        index = self.paper.findData(current)
        self.paper.setCurrentIndex(max(0, index))

    def part(self) -> Part:
        return part_from_filters(self.paper.currentData(), self.date_from.text(), self.date_to.text())


class ConcordancePanel(QWidget):
    open_requested = Signal(int, int, int)  # article id, start, end

    def __init__(self, session, ops, parent=None):
        super().__init__(parent)
        self.session, self.ops = session, ops
        self.hits: list = []
        self.total = 0
        self.sort = "date"
        self._query: tuple | None = None  # (term, part, kind) of the hits shown
        self._sorted: list | None = None  # every hit, when sorted by context or filtered by kind
        self.busy = False  # every hit is being located on the thread pool
        self.term = QLineEdit(self)
        self.term.setPlaceholderText("Term, e.g. 高质量发展")
        self.term.returnPressed.connect(self.run)
        self.filters = PartFilters(session, self)
        self.kind = QComboBox(self)
        for label, value in KIND_CHOICES:
            self.kind.addItem(label, value)
        go = QPushButton("Concordance", self)
        go.clicked.connect(self.run)
        top = QHBoxLayout()
        for widget in (self.term, self.filters, self.kind, go):
            top.addWidget(widget)
        top.setStretch(0, 1)
        self.summary = QLabel("Type a term and press Enter.", self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        for column, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.ResizeToContents),
                             (2, QHeaderView.ResizeMode.ResizeToContents), (4, QHeaderView.ResizeMode.Stretch),
                             (5, QHeaderView.ResizeMode.ResizeToContents), (6, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(3, 220)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_hit(row))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=lambda: self.open_hit(self.table.currentRow()))
        QShortcut(QKeySequence.StandardKey.Copy, self.table, activated=self.copy_selected)
        self.more = QPushButton("Load more", self)
        self.more.clicked.connect(self.load_more)
        copy = QPushButton("Copy with citation", self)
        copy.clicked.connect(self.copy_selected)
        export = QPushButton("Export CSV…", self)
        export.clicked.connect(self.choose_csv)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for widget in (self.more, copy, export):
            bottom.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._update_more()

    # ---- querying ----------------------------------------------------------------------------------

    def run(self, term: str | None = None) -> bool:
        """Show the first page of hits for `term` (default: the typed one) under the filters."""
        if term:
            self.term.setText(term)
        if self.session.store is None or not self.term.text().strip():
            return False
        try:
            self._query = (self.term.text().strip(), self.filters.part(), self.kind.currentData())
            self._sorted = None
            if self.sort != "date" or self._query[2] is not None:
                self._sort_all()
                return True
            result = self._fetch(0)
        except DubaoError as error:
            self.summary.setText(str(error))
            return False
        self._show_first_page(result)
        return True

    def _sort_all(self) -> None:
        """Sorting by context (or filtering by block kind) needs every hit: located on the thread pool, with the
        library's own connection there, then paged here."""
        store, query, sort = self.session.store, self._query, self.sort
        self.busy = True
        self.summary.setText(f"Finding and sorting every occurrence of “{query[0]}”…")
        if store.path is None:
            self._sorted_ready((query, sort), list(store.kwic(query[0], query[1], kind=query[2], sort=sort,
                                                              limit=ALL).hits))
            return
        workers.run_in_background(_all_hits_with_own_connection, str(store.path), query, sort,
                                  on_done=lambda hits: self._sorted_ready((query, sort), hits),
                                  on_error=self._sort_failed, context=self)

    def _sorted_ready(self, asked: tuple, hits: list) -> None:
        if asked != (self._query, self.sort):
            return  # another query or order was asked meanwhile
        self.busy = False
        self._sorted = hits
        self.hits, self.total = hits[:PAGE_SIZE], len(hits)
        self._fill()

    def _sort_failed(self, error: BaseException) -> None:
        self.busy = False
        self.summary.setText(f"Could not list the occurrences: {error}")

    def _show_first_page(self, result) -> None:
        self.hits, self.total = list(result.hits), result.total
        if self.total is None:  # a common term: the page is here, its total is counted on the thread pool
            self._count_total()
        self._fill()

    def _count_total(self) -> None:
        store, query = self.session.store, self._query
        if store.path is None:
            self.total = store.kwic_total(query[0], query[1])
            return
        workers.run_in_background(_total_with_own_connection, str(store.path), query[0], query[1],
                                  on_done=lambda total: self._total_counted(query, total), context=self)

    def _total_counted(self, query: tuple, total: int) -> None:
        if query == self._query and self.total is None:
            self.total = total
            self._fill(keep_rows=True)

    def _fetch(self, offset: int):
        term, part, kind = self._query
        return self.session.store.kwic(term, part, kind=kind, sort=self.sort, limit=PAGE_SIZE, offset=offset,
                                       count_total=offset > 0)

    def load_more(self) -> None:
        if self._query is None or (self.total is not None and len(self.hits) >= self.total):
            return
        if self._sorted is not None:
            self.hits = self._sorted[:len(self.hits) + PAGE_SIZE]
            self._fill()
            return
        result = self._fetch(len(self.hits))
        self.hits.extend(result.hits)
        self.total = result.total
        self._fill()

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        if self._query is None:
            return
        self._sorted = None
        if sort != "date" or self._query[2] is not None:
            self._sort_all()
        else:
            self._show_first_page(self._fetch(0))

    def _header_clicked(self, column: int) -> None:
        if column in SORT_BY_COLUMN:
            self.set_sort(SORT_BY_COLUMN[column])

    # ---- showing -----------------------------------------------------------------------------------

    def _fill(self, keep_rows: bool = False) -> None:
        self.table.setRowCount(len(self.hits))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, hit in enumerate([] if keep_rows else self.hits):
            cells = (hit.date or "undated", hit.paper or "", hit.page or "", hit.headline, hit.left, hit.match,
                     hit.right)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                elif column == 5:
                    item.setFont(bold)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 3:
                    item.setToolTip(hit.headline)
                self.table.setItem(row, column, item)
        sorted_by = {"date": "date", "paper": "paper", "left": "the word before", "right": "the word after"}[self.sort]
        total = "counting…" if self.total is None else f"{self.total:,}"
        self.summary.setText(f"{total} occurrence(s) of “{self._query[0]}”; showing {len(self.hits):,}, "
                             f"sorted by {sorted_by}. Double-click a line to read it.")
        self._update_more()

    def _update_more(self) -> None:
        self.more.setEnabled(self._query is not None and len(self.hits) < (self.total or len(self.hits) + 1))

    def open_hit(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.open_requested.emit(hit.article, hit.start, hit.end)

    def selected_hits(self) -> list:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.hits[row] for row in rows if row < len(self.hits)]

    def copy_selected(self) -> str:
        """Put the selected hits (or all shown when none is selected) on the clipboard, each with its citation."""
        text = "\n".join(cite(hit) for hit in (self.selected_hits() or self.hits))
        QGuiApplication.clipboard().setText(text)
        return text

    # ---- exporting ---------------------------------------------------------------------------------

    def all_hits(self) -> list:
        if self._query is None:
            return []
        if self._sorted is not None:
            return list(self._sorted)
        term, part, kind = self._query
        total = self.total if self.total is not None else self.session.store.kwic_total(term, part)
        return list(self.session.store.kwic(term, part, kind=kind, sort=self.sort, limit=total).hits)

    def export_csv(self, path: str | Path) -> int:
        """Write every hit (not only those loaded) to `path`; returns how many."""
        hits = self.all_hits()
        Path(path).write_text(hits_to_csv(hits), encoding="utf-8")
        return len(hits)

    def choose_csv(self) -> None:
        if self._query is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export concordance", f"kwic-{self._query[0]}.csv", "CSV (*.csv)")
        if path:
            try:
                self.export_csv(path)
            except OSError as error:
                QMessageBox.warning(self, "Export concordance", f"Cannot write {path}: {error.strerror or error}")
