"""The library on the left: papers → years → issues (newest first) → articles.

Built for a years-long archive: one `Store.list_issues()` query (records only, no article text) groups
every issue by paper and year; the issue rows of a year are created when the year is opened and the
articles of an issue when the issue is opened, so 3,650 issues load in a few milliseconds. Choosing an
article emits `article_chosen(article_id)`; choosing an issue emits `issue_chosen(issue_id)`. The context
menu edits an issue's paper and date (through `Operations`).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from dubao.core.models import Issue

KIND_ROLE = Qt.ItemDataRole.UserRole  # "paper" | "year" | "issue" | "article"
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # paper name, year, issue id or article id
UNKNOWN_PAPER = "(paper unknown)"
UNDATED = "Undated"
WEEKDAYS = "一二三四五六日"


def issue_label(issue: Issue) -> str:
    """"2023-02-18 周六 · 5 articles" (the weekday matters: many papers print differently on weekends)."""
    date = issue.date or "no date"
    weekday = ""
    if issue.date:
        try:
            weekday = " 周" + WEEKDAYS[_dt.date.fromisoformat(issue.date).weekday()]
        except ValueError:
            weekday = ""
    count = issue.article_count
    return f"{date}{weekday} · {count} article{'s' if count != 1 else ''}"


def issue_title(issue: Issue) -> str:
    """Paper and date, for search results and dialogs."""
    return f"{issue.paper or UNKNOWN_PAPER} {issue.date or UNDATED}"


class LibraryTree(QTreeWidget):
    article_chosen = Signal(int)
    issue_chosen = Signal(int)
    edit_issue_requested = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._issues_by_group: dict[tuple[str, str], list[Issue]] = {}
        self._issue_items: dict[int, QTreeWidgetItem] = {}
        # indexes so that following the reader (every article switch) is a few dictionary look-ups
        self._group_of_issue: dict[int, tuple[str, str]] = {}
        self._group_items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.itemExpanded.connect(self._fill_children)
        self.itemActivated.connect(self._activate)
        self.reload()

    # ---- building -----------------------------------------------------------------------------

    def reload(self, current_issue_id: int | None = None) -> None:
        """Rebuild from the store, keeping open the papers and years that were open."""
        opened = {(item.data(0, KIND_ROLE), item.data(0, ID_ROLE), item.parent() and item.parent().data(0, ID_ROLE))
                  for item in self._all_items() if item.isExpanded()}
        self.clear()
        self._issue_items.clear()
        self._group_items.clear()
        self._issues_by_group = {}
        if self._session.store is None:
            return
        grouped: dict[str, dict[str, list[Issue]]] = defaultdict(lambda: defaultdict(list))
        for issue in self._session.store.list_issues():  # newest first, undated last
            year = issue.date[:4] if issue.date else UNDATED
            grouped[issue.paper or UNKNOWN_PAPER][year].append(issue)
        self._issues_by_group = {(paper, year): issues for paper, years in grouped.items()
                                 for year, issues in years.items()}
        self._group_of_issue = {issue.id: key for key, issues in self._issues_by_group.items() for issue in issues}
        for paper in sorted(grouped, key=lambda name: (name == UNKNOWN_PAPER, name)):
            years = grouped[paper]
            total = sum(len(issues) for issues in years.values())
            paper_item = self._node(self, "paper", paper, f"{paper}  ({total})")
            for year in years:  # already newest first
                self._group_items[(paper, year)] = self._node(paper_item, "year", year,
                                                              f"{year}  ({len(years[year])})", lazy=True)
            if ("paper", paper, None) in opened or len(grouped) == 1:
                paper_item.setExpanded(True)
        for year_item in self._items_of_kind("year"):
            key = ("year", year_item.data(0, ID_ROLE), year_item.parent().data(0, ID_ROLE))
            if key in opened:
                year_item.setExpanded(True)
        if current_issue_id is not None:
            self.reveal_issue(current_issue_id)
        elif not opened:
            first_year = next(iter(self._items_of_kind("year")), None)
            if first_year is not None:
                first_year.setExpanded(True)

    def _node(self, parent, kind: str, key, text: str, lazy: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, key)
        if lazy:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def _fill_children(self, item: QTreeWidgetItem) -> None:
        if item.childCount() or self._session.store is None:  # no store: the window is closing
            return
        kind = item.data(0, KIND_ROLE)
        if kind == "year":
            key = (item.parent().data(0, ID_ROLE), item.data(0, ID_ROLE))
            for issue in self._issues_by_group.get(key, []):
                issue_item = self._node(item, "issue", issue.id, issue_label(issue), lazy=True)
                issue_item.setToolTip(0, f"{issue_title(issue)}\n{issue.source_path or ''}")
                self._issue_items[issue.id] = issue_item
        elif kind == "issue":
            for article_id, index, headline in self._session.store.article_headlines(item.data(0, ID_ROLE)):
                article_item = self._node(item, "article", article_id, f"{index}. {headline or '(no headline)'}")
                article_item.setToolTip(0, headline)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)

    # ---- navigation ---------------------------------------------------------------------------

    def reveal_issue(self, issue_id: int, article_id: int | None = None) -> QTreeWidgetItem | None:
        """Open the path to an issue (and select it, or its article)."""
        group = self._group_of_issue.get(issue_id)
        if group is None:
            return None
        year_item = self._group_items[group]
        year_item.parent().setExpanded(True)
        year_item.setExpanded(True)
        target = self._issue_items[issue_id]
        if article_id is not None:
            target.setExpanded(True)
            target = next((target.child(r) for r in range(target.childCount())
                           if target.child(r).data(0, ID_ROLE) == article_id), target)
        self.blockSignals(True)
        self.setCurrentItem(target)
        self.blockSignals(False)
        self.scrollToItem(target)
        return target

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == "article":
            self.article_chosen.emit(item.data(0, ID_ROLE))
        elif kind == "issue":
            self.issue_chosen.emit(item.data(0, ID_ROLE))
        else:
            item.setExpanded(not item.isExpanded())

    def selected_issue_id(self) -> int | None:
        item = self.currentItem()
        while item is not None and item.data(0, KIND_ROLE) not in ("issue",):
            if item.data(0, KIND_ROLE) in ("paper", "year"):
                return None
            item = item.parent()
        return item.data(0, ID_ROLE) if item is not None else None

    def _context_menu(self, position) -> None:
        item = self.itemAt(position)
        if item is None:
            return
        self.setCurrentItem(item)
        issue_id = self.selected_issue_id()
        if issue_id is None:
            return
        menu = QMenu(self)
        menu.addAction("Open issue", lambda: self.issue_chosen.emit(issue_id))
        menu.addAction("Edit paper and date…", lambda: self.edit_issue_requested.emit(issue_id))
        menu.exec(self.viewport().mapToGlobal(position))

    # ---- helpers ------------------------------------------------------------------------------

    def _all_items(self) -> list[QTreeWidgetItem]:
        items, stack = [], [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            items.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return items

    def _items_of_kind(self, kind: str) -> list[QTreeWidgetItem]:
        return [item for item in self._all_items() if item.data(0, KIND_ROLE) == kind]

    def issue_count(self) -> int:
        return sum(len(issues) for issues in self._issues_by_group.values())
