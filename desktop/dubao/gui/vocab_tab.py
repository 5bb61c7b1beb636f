"""The Vocabulary tab, and the `Learner` behind it: the words a learner saved from the popup, with reading, first definition, HSK level,
the sentence and article they came from, the date added, and a learning/known status.

Marking a word known (K, or the button) stops it getting syllables in the "unknown words" pinyin mode and
stops it counting as new in the article figures. Enter (or a double-click) opens the article at the word.
Every change goes through `Operations`; the tab refreshes itself on `vocabulary_changed`.
"""

from __future__ import annotations


from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from dubao.core.language.dictionary import hsk_label
from dubao.core.models import VocabItem

COLUMNS = ("Word", "Pinyin", "Definition", "HSK", "Status", "Added", "Article")
STATUS_FILTERS = (("All words", None), ("Learning", "learning"), ("Known", "known"))
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class _Cell(QTableWidgetItem):
    """Sorts by SORT_ROLE when set: the Added column shows the day but sorts by (time added, id)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return super().__lt__(other)


def first_definition(definition: str) -> str:
    """The first sense of a CC-CEDICT definition list ("bank / row" → "bank")."""
    for separator in ("/", ";"):
        definition = definition.split(separator)[0]
    return definition.strip()


def matches(item: VocabItem, needle: str) -> bool:
    """Filter on word, pinyin (with or without tone marks) or definition."""
    if not needle:
        return True
    needle = needle.lower()
    return any(needle in field.lower() for field in (item.word, item.pinyin, _plain(item.pinyin), item.definition))


def _plain(pinyin: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", pinyin) if not unicodedata.combining(ch))


class VocabTab(QWidget):
    """List of saved words; `open_requested(article_id, start, end)` asks the window to show one in context."""

    open_requested = Signal(int, int, int)

    def __init__(self, session, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._ops = ops
        self._items: list[VocabItem] = []
        self._headlines: dict[int, str] = {}
        self.filter_field = QLineEdit(placeholderText="Filter words, pinyin, meanings…")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(self._fill)
        self.status_filter = QComboBox()
        for label, _status in STATUS_FILTERS:
            self.status_filter.addItem(label)
        self.status_filter.currentIndexChanged.connect(self._fill)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Added"), Qt.SortOrder.DescendingOrder)  # newest first
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Definition"), QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel("")
        self.known_button = QPushButton("Mark known (K)")
        self.known_button.clicked.connect(self.toggle_known)
        self.delete_button = QPushButton("Remove")
        self.delete_button.clicked.connect(self.delete_selected)
        self._add_key_actions()
        top = QHBoxLayout()
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.status_filter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.known_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        ops.vocabulary_changed.connect(self.refresh)
        session.store_replaced.connect(self.refresh)
        self.refresh()

    def _add_key_actions(self) -> None:
        # Delete removes the word while the list has focus; K (known) is the window's Edit ▸ Mark word known,
        # which toggles the selected word here when no popup is up
        for text, key, slot in (("Remove word", QKeySequence.StandardKey.Delete, self.delete_selected),):
            action = QAction(text, self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

    # ---- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self._session.store  # None while the window opens its library
        self._items = list(store.vocabulary()) if store is not None else []
        self._headlines.clear()
        self._fill()

    def items(self) -> list[VocabItem]:
        return list(self._items)

    def _headline(self, article_id: int | None) -> str:
        if article_id is None:
            return ""
        if article_id not in self._headlines:
            try:
                self._headlines[article_id] = self._session.store.get_article(article_id).headline
            except KeyError:  # the article's issue was deleted
                self._headlines[article_id] = ""
        return self._headlines[article_id]

    def _fill(self) -> None:
        selected = self.selected_item()
        status = STATUS_FILTERS[self.status_filter.currentIndex()][1]
        needle = self.filter_field.text().strip()
        shown = [item for item in self._items
                 if (status is None or item.status == status) and matches(item, needle)]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(shown))
        for row, item in enumerate(shown):
            values = (item.word, item.pinyin, first_definition(item.definition), hsk_label(item.hsk),
                      item.status, item.added[:10],
                      self._headline(item.article_id))
            for column, value in enumerate(values):
                cell = _Cell()
                cell.setData(Qt.ItemDataRole.DisplayRole, value)
                cell.setData(ID_ROLE, item.id)
                if column == COLUMNS.index("Added"):
                    cell.setData(SORT_ROLE, f"{item.added} {item.id:012d}")
                if column == 0:
                    cell.setToolTip(item.sentence)
                self.table.setItem(row, column, cell)
        self.table.setSortingEnabled(True)
        known = sum(1 for item in self._items if item.status == "known")
        self.count_label.setText(f"{len(self._items)} words · {known} known · {len(self._items) - known} learning")
        if selected is not None:
            self.select_word(selected.word)
        self._show_details()

    # ---- selection and actions -----------------------------------------------------------------

    def selected_item(self) -> VocabItem | None:
        row = self.table.currentRow()
        if row < 0 or not self.table.selectionModel().hasSelection():
            return None
        cell = self.table.item(row, 0)
        vocab_id = cell.data(ID_ROLE) if cell else None
        return next((item for item in self._items if item.id == vocab_id), None)

    def select_word(self, word: str) -> bool:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == word:
                self.table.selectRow(row)
                return True
        return False

    def _show_details(self) -> None:
        item = self.selected_item()
        self.known_button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None)
        if item is None:
            self.details.setText("")
            return
        self.known_button.setText("Mark learning (K)" if item.status == "known" else "Mark known (K)")
        source = self._headline(item.article_id)
        lines = [f"{item.word}  {item.pinyin}", item.definition]
        if item.sentence:
            lines.append(f"“{item.sentence}”")
        if source:
            lines.append(f"from {source}")
        self.details.setText("\n".join(lines))

    def toggle_known(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._ops.set_vocab_status(item.id, "learning" if item.status == "known" else "known")

    def delete_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._ops.delete_vocab(item.id)

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None and item.article_id is not None:
            start = item.start if item.start is not None else 0
            end = item.end if item.end is not None else start
            self.open_requested.emit(item.article_id, start, end)


class Learner(QObject):
    """What the window knows about the learner: known words (cached), the popup's Known button and K key,
    and the per-article difficulty badges in the article list ("57% above HSK 4 · 115 new")."""

    known_changed = Signal()

    def __init__(self, window, vocab_tab: VocabTab):
        super().__init__(window)
        self.window = window
        self.vocab_tab = vocab_tab
        self._known: set[str] | None = None
        self._figured: dict[int, str] = {}  # article id -> badge, for the current level and known words
        window.ops.vocabulary_changed.connect(self.changed)
        window.session.store_replaced.connect(self.changed)
        window.ops.library_changed.connect(self.update_figures)
        window.analysis_ready.connect(lambda _article_id: self.update_figures())
        self.known_button = self._add_popup_button()

    def known_words(self) -> set[str]:
        if self._known is None:
            self._known = set(self.window.store.known_words()) if self.window.store is not None else set()
        return self._known

    def changed(self) -> None:
        """Vocabulary, library file or HSK level changed: known words and badges are recomputed."""
        self._known = None
        self._figured.clear()
        self.known_changed.emit()
        self.update_figures()

    def _add_popup_button(self) -> QPushButton | None:
        """A "Known" button next to the popup's "Save word" (K does the same)."""
        popup = getattr(getattr(self.window, "hover", None), "popup", None)
        save = getattr(popup, "save_button", None)
        row = save.parentWidget().layout().itemAt(1).layout() if save is not None else None
        if row is None:
            return None
        known = QPushButton("✓ Known  (K)", popup)
        known.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        known.setToolTip("I know this word: no syllables over it in the 'unknown words' mode")
        known.clicked.connect(self.mark_known)
        row.insertWidget(row.indexOf(save), known)
        return known

    def mark_known(self) -> None:
        """Mark the word in the popup known; with no popup up, toggle the word selected in the Vocabulary tab."""
        info = getattr(getattr(self.window, "hover", None), "current", None)
        if info is None:
            if self.vocab_tab.isVisible():
                self.vocab_tab.toggle_known()
            return
        word, ops = info.token.text, self.window.ops
        saved = next((item for item in self.window.store.vocabulary() if item.word == word), None)
        if saved is not None:
            ops.set_vocab_status(saved.id, "known")
        else:
            ops.save_word(info, self.window.current_article_id, status="known")
        self.window.statusBar().showMessage(f"{word} marked known.", 3000)

    def update_figures(self) -> None:
        """Badges under each article of the shown issue, computed off the GUI thread (jieba over every article)."""
        window = self.window
        if window.store is None or window.current_issue_id is None:
            return
        articles = {a.id: a.text for a in window.store.articles(window.current_issue_id)}
        for article_id, badge in self._figured.items():
            if article_id in articles:
                window.article_list.set_badge(article_id, badge)
        missing = {key: text for key, text in articles.items() if key not in self._figured}
        if window.session.analysing():  # a huge article's words are being read: its figures wait until then
            from dubao.gui.analysis_work import is_huge

            missing = {key: text for key, text in missing.items() if not is_huge(text)}
        if not missing:
            return
        from dubao.gui import workers

        saved = frozenset(item.word for item in window.store.vocabulary())
        workers.run_in_background(_figures, missing, window.settings.hsk_level, frozenset(self.known_words()),
                                  saved, self._name_spans(window.current_issue_id, missing),
                                  on_done=self._show_figures)

    def _name_spans(self, issue_id: int, article_ids) -> dict:
        """{article id: spans of person/place mentions}: names are not counted as words to learn."""
        from dubao.core.language.learner_stats import name_spans

        store = self.window.store
        if not store.has_entities(issue_id):
            return {}
        entities = store.issue_entities(issue_id)
        index_of = {article.id: article.index for article in store.articles(issue_id)}
        return {key: name_spans(entities, index_of[key]) for key in article_ids if key in index_of}

    def _show_figures(self, figures: dict) -> None:
        if self.window.store is None:  # the window closed meanwhile
            return
        for article_id, item in figures.items():
            self._figured[article_id] = item.summary()
            self.window.article_list.set_badge(article_id, item.summary())
        self.window.article_list.viewport().update()


def _figures(articles: dict, level: int, known: frozenset, saved: frozenset, names: dict) -> dict:
    from dubao.core.language.learner_stats import figures_by_article

    return figures_by_article(articles, level, known, saved, skip_spans=names)
