"""The Search tab: find a word in the current article (Ctrl+F) or across the whole library (Ctrl+Shift+F).

Results are a keyword-in-context list — the hit centred in its column, the words before it right-aligned up to
it, the words after it following — grouped under their issue. Choosing a result emits `hit_chosen(article_id,
start, end)`; the window opens the article with the hit marked. Library search is one `Store.search` call
(an FTS index over character pairs); the in-article search is a plain scan of the article text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QRadioButton, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

CONTEXT_CHARS = 24  # characters of context on each side of a hit
MAX_SHOWN_HITS = 1000  # in-article hits listed at most; the total is still reported
PAGE_SIZE = 200  # library hits fetched at a time ("More results" fetches the next page)
HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # (article_id, start, end)
KWIC_ROLE = Qt.ItemDataRole.UserRole + 2  # (left, hit, right)
SCOPES = ("article", "library")


def kwic(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(left context, hit, right context) around text[start:end]; line breaks shown as spaces."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return left, text[start:end], right


def kwic_from_snippet(snippet: str, start: int, end: int) -> tuple[str, str, str] | None:
    """(left, hit, right) cut from a SearchHit's snippet (text around the hit, "…" where it was cut), or None
    when the snippet does not have that shape — the caller then reads the article text."""
    from dubao.core.library.search import SNIPPET_CONTEXT

    left_length = min(start, SNIPPET_CONTEXT)
    body = snippet[1:] if start > SNIPPET_CONTEXT and snippet.startswith("…") else snippet
    hit = body[left_length:left_length + end - start]
    if len(hit) != end - start:
        return None
    right = body[left_length + end - start:]
    if right.endswith("…"):
        right = right[:-1]
    return body[:left_length], hit, right


def find_in_text(text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) of `query` in `text`, non-overlapping, in code points."""
    if not query:
        return []
    spans, position = [], text.find(query)
    while position >= 0:
        spans.append((position, position + len(query)))
        position = text.find(query, position + len(query))
    return spans


class KwicDelegate(QStyledItemDelegate):
    """Paints a hit row as left context | hit (bold, marked) | right context, the hit centred."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        parts = index.data(KWIC_ROLE)
        if not parts:
            super().paint(painter, option, index)
            return
        left, hit, right = parts
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        rect = QRectF(option.rect).adjusted(4, 0, -4, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bold = QFont(option.font)
        bold.setBold(True)
        plain_metrics, bold_metrics = QFontMetricsF(option.font), QFontMetricsF(bold)
        hit_width = bold_metrics.horizontalAdvance(hit)
        hit_left = rect.center().x() - hit_width / 2
        # the left context is elided at its start, the right context at its end
        left_room = max(0.0, hit_left - rect.left() - 3)
        right_room = max(0.0, rect.right() - hit_left - hit_width - 3)
        left_text = plain_metrics.elidedText(left, Qt.TextElideMode.ElideLeft, left_room)
        right_text = plain_metrics.elidedText(right, Qt.TextElideMode.ElideRight, right_room)
        flags_v = Qt.AlignmentFlag.AlignVCenter
        painter.setPen(text_color)
        painter.setFont(option.font)
        painter.drawText(QRectF(rect.left(), rect.top(), left_room, rect.height()),
                         int(flags_v | Qt.AlignmentFlag.AlignRight), left_text)
        painter.drawText(QRectF(hit_left + hit_width + 3, rect.top(), right_room, rect.height()),
                         int(flags_v | Qt.AlignmentFlag.AlignLeft), right_text)
        hit_rect = QRectF(hit_left, rect.top() + 2, hit_width, rect.height() - 4)
        if not selected:
            painter.fillRect(hit_rect.adjusted(-1, 0, 1, 0), QColor(255, 214, 0, 110))
        painter.setFont(bold)
        painter.drawText(hit_rect, int(flags_v | Qt.AlignmentFlag.AlignHCenter), hit)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 360), hint.height() + 4)


class SearchPanel(QWidget):
    """Search field, scope switch and the grouped keyword-in-context results."""

    hit_chosen = Signal(int, int, int)  # article_id, start, end
    article_hits_found = Signal(list)  # [(start, end)] of every hit in the current article, to mark them all

    def __init__(self, session, current_article: Callable[[], object | None],
                 issue_label: Callable[[int], str] | None = None, parent: QWidget | None = None,
                 display: Callable[[str], str] | None = None):
        super().__init__(parent)
        self._display = display or (lambda text: text)  # e.g. full-width punctuation, as the reader shows it
        self._session = session
        self._current_article = current_article
        self._issue_label = issue_label or (lambda issue_id: f"Issue {issue_id}")
        self.field = QLineEdit(placeholderText="Search… (Enter)")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.run)
        self.field.installEventFilter(self)
        self.article_scope = QRadioButton("This article")
        self.library_scope = QRadioButton("Whole library")
        self.library_scope.setChecked(True)
        scopes = QButtonGroup(self)
        for button in (self.article_scope, self.library_scope):
            scopes.addButton(button)
            button.toggled.connect(lambda on: on and self.field.text() and self.run())
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setItemDelegate(KwicDelegate(self.results))
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.article_scope)
        scope_row.addWidget(self.library_scope)
        scope_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addLayout(scope_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.more_button = QPushButton("More results")
        self.more_button.setVisible(False)
        self.more_button.clicked.connect(self.show_more)
        layout.addWidget(self.more_button)
        self._query, self._shown = "", 0
        self._groups: dict[int, QTreeWidgetItem] = {}
        self._counts: dict[int, int] = {}

    # ---- entry points ------------------------------------------------------------------------

    def clear(self) -> None:
        """Forget the results (another library was opened: they point into the old one)."""
        self.results.clear()
        self.summary.setText("")
        self.more_button.setVisible(False)
        self._query, self._shown = "", 0

    def scope(self) -> str:
        return "article" if self.article_scope.isChecked() else "library"

    def focus_search(self, scope: str) -> None:
        """Ctrl+F / Ctrl+Shift+F: switch scope, select the field's text for typing over it."""
        (self.article_scope if scope == "article" else self.library_scope).setChecked(True)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def search_library(self, text: str) -> int:
        """Search the whole library for `text` (the entity sidebar's "search this name"); returns the total."""
        self.library_scope.blockSignals(True)
        self.library_scope.setChecked(True)
        self.library_scope.blockSignals(False)
        self.field.setText(text)
        return self.run()

    def run(self) -> int:
        query = self.field.text().strip()
        self.results.clear()
        self.more_button.setVisible(False)
        if not query:
            self.summary.setText("")
            return 0
        if self.scope() == "article":
            return self._search_article(query)
        return self._search_library(query)

    # ---- the two scopes -------------------------------------------------------------------------

    def _search_article(self, query: str) -> int:
        article = self._current_article()
        if article is None:
            self.summary.setText("No article is open.")
            return 0
        spans = find_in_text(article.text, query)
        group = QTreeWidgetItem(self.results, [article.headline or "This article"])
        for start, end in spans[:MAX_SHOWN_HITS]:
            self._hit_item(group, kwic(article.text, start, end), article.id, start, end)
        group.setExpanded(True)
        self.summary.setText(self._count_text(len(spans), len(spans), query, "in this article"))
        self.article_hits_found.emit(spans)
        self._select_first()
        return len(spans)

    def _search_library(self, query: str) -> int:
        self._query, self._shown, self._groups, self._counts = query, 0, {}, {}
        return self._fetch_page()

    def show_more(self) -> int:
        """The next page of library results (the "More results" button); returns how many rows were added."""
        before = self._shown
        if self._query:
            self._fetch_page()
        return self._shown - before

    def _fetch_page(self) -> int:
        """Append the next PAGE_SIZE hits of the current query: a page comes back in one store call, so the
        list appears at once however common the word is."""
        store, query = self._session.store, self._query
        result = store.search(query, limit=PAGE_SIZE, offset=self._shown)
        texts: dict[int, str] = {}
        for hit in result.hits:
            group = self._groups.get(hit.issue_id)
            if group is None:
                group = self._groups[hit.issue_id] = QTreeWidgetItem(self.results, [self._issue_label(hit.issue_id)])
                group.setExpanded(True)
            parts = kwic_from_snippet(hit.snippet, hit.start, hit.end)
            if parts is None or parts[1].replace(" ", "").lower() != query.replace(" ", "").lower():
                text = texts.get(hit.article_id)  # an odd snippet (folded width or case): cut from the text
                if text is None:
                    text = texts[hit.article_id] = store.get_article(hit.article_id).text
                parts = kwic(text, hit.start, hit.end)
            item = self._hit_item(group, parts, hit.article_id, hit.start, hit.end)
            item.setToolTip(0, hit.headline)
            self._counts[hit.issue_id] = self._counts.get(hit.issue_id, 0) + 1
        first_page = self._shown == 0
        self._shown += len(result.hits)
        for issue_id in {hit.issue_id for hit in result.hits}:
            self._groups[issue_id].setText(0, f"{self._issue_label(issue_id)} — {self._counts[issue_id]}")
        issues = len(self._groups)
        self.summary.setText(self._count_text(result.total, self._shown, query,
                                              f"in {issues}{'+' if self._shown < result.total else ''} "
                                              f"issue{'s' if issues != 1 else ''}"))
        self.more_button.setVisible(self._shown < result.total)
        if first_page:
            self._select_first()
        return result.total

    # ---- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _count_text(total: int, shown: int, query: str, where: str) -> str:
        if total == 0:
            return f"No results for “{query}”."
        more = f" (showing {shown})" if shown < total else ""
        return f"{total} result{'s' if total != 1 else ''} for “{query}” {where}{more}"

    def _hit_item(self, group: QTreeWidgetItem, parts: tuple[str, str, str], article_id: int, start: int,
                  end: int) -> QTreeWidgetItem:
        left, hit, right = (self._display(part) for part in parts)
        item = QTreeWidgetItem(group, [f"{left}【{hit}】{right}"])
        item.setData(0, HIT_ROLE, (article_id, start, end))
        item.setData(0, KWIC_ROLE, (left, hit, right))
        return item

    def _select_first(self) -> None:
        first_group = self.results.topLevelItem(0)
        if first_group is not None and first_group.childCount():
            self.results.setCurrentItem(first_group.child(0))

    def _choose(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit:
            self.hit_chosen.emit(*hit)

    def step_hit(self, step: int) -> bool:
        """Choose the next (1) or previous (-1) result, wrapping around (F3 / Shift+F3)."""
        items = self.hit_items()
        if not items:
            return False
        current = self.results.currentItem()
        index = items.index(current) + step if current in items else (0 if step > 0 else -1)
        item = items[index % len(items)]
        self.results.setCurrentItem(item)
        self._choose(item)
        return True

    def eventFilter(self, watched, event) -> bool:
        # ↓ in the search field goes to the results, as in a browser's find bar
        if watched is self.field and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if self.results.topLevelItemCount():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def hit_items(self) -> list[QTreeWidgetItem]:
        """Every result row, in display order."""
        items = []
        for group_index in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(group_index)
            items.extend(group.child(row) for row in range(group.childCount()))
        return items


class SearchController(QObject):
    """The Search tab in the window: Ctrl+F / Ctrl+Shift+F, opening hits, and "search this name" from the
    entity sidebar (its context menu, or Ctrl+Shift+F while an entity is chosen)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._article_hits: list[tuple[int, int]] = []  # the in-article search's hits, all kept marked
        self._labels: dict[int, str] = {}  # issue id -> "paper date", until the library changes
        window.ops.library_changed.connect(self._labels.clear)
        self.panel = SearchPanel(window.session, lambda: window.reader.current_article, self._issue_label,
                                 display=self._as_in_reader)
        window.sidebar.addTab(self.panel, "Search")
        window.session.store_replaced.connect(self.panel.clear)
        self.panel.hit_chosen.connect(self.open_hit)
        self.panel.article_hits_found.connect(self._mark_article_hits)
        tree = getattr(getattr(window, "entities_panel", None), "tree", None)
        if tree is not None:
            tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            tree.customContextMenuRequested.connect(self._entity_menu)

    def focus_search(self, scope: str) -> None:
        entity = self._focused_entity_name()
        self.window.sidebar.setCurrentWidget(self.panel)
        if scope == "library" and entity:
            self.search_library(entity)
        else:
            self.panel.focus_search(scope)

    def search_library(self, text: str) -> int:
        """Search the library for `text` and show the results; returns the number of occurrences."""
        self.window.sidebar.setCurrentWidget(self.panel)
        return self.panel.search_library(text)

    def open_hit(self, article_id: int, start: int, end: int) -> None:
        reader = self.window.reader
        if article_id != self.window.current_article_id:
            self.window.open_article(article_id, (start, end) if end > start else None)
        elif (start, end) in self._article_hits:  # keep every hit of the in-article search marked
            reader.mark_spans([(start, end), *[span for span in self._article_hits if span != (start, end)]])
        elif end > start:
            reader.mark_spans([(start, end)])

    def _mark_article_hits(self, spans: list) -> None:
        self._article_hits = [tuple(span) for span in spans]
        self.window.reader.mark_spans(self._article_hits, scroll=False)

    def _as_in_reader(self, text: str) -> str:
        """Context shown as the reader shows text (full-width punctuation is display-only, same length)."""
        if not self.window.settings.fullwidth_punctuation:
            return text
        from dubao.gui.reader_format import fullwidth_punctuation

        return fullwidth_punctuation(text)

    def _issue_label(self, issue_id: int) -> str:
        label = self._labels.get(issue_id)
        if label is None:
            from dubao.gui.library_tree import issue_title

            label = self._labels[issue_id] = issue_title(self.window.store.get_issue(issue_id))
        return label

    def _focused_entity_name(self) -> str | None:
        tree = getattr(getattr(self.window, "entities_panel", None), "tree", None)
        if tree is None or not tree.hasFocus() or tree.currentItem() is None:
            return None
        return getattr(tree.currentItem().data(0, Qt.ItemDataRole.UserRole), "name", None)

    def _entity_menu(self, point) -> None:
        tree = self.window.entities_panel.tree
        item = tree.itemAt(point)
        entity = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if getattr(entity, "name", None):
            menu = QMenu(tree)
            menu.addAction(f"Search the library for “{entity.name}”", lambda: self.search_library(entity.name))
            menu.exec(tree.viewport().mapToGlobal(point))
