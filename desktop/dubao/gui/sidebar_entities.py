"""The Entities tab: people (with titles), places, organisations, dates and formulations of the article
or the whole issue, grouped by kind with mention counts.

Choosing one emits `entity_chosen(entity)` (the window marks its mentions in the reader) and lists the
other articles in the library that mention it; choosing one of those emits `article_requested(article_id)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QLabel, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from dubao.core.kinds import ENTITY_KINDS
from dubao.gui.reader_format import plain_tooltip

GROUP_TITLES = {"person": "People", "place": "Places", "organization": "Organisations", "date": "Dates",
                "formulation": "Formulations"}
ROLE_ENTITY = Qt.ItemDataRole.UserRole


def entity_label(entity, article_index: int | None = None) -> str:
    """"孙大军 · 市委书记" — the name with what the text says about it."""
    value = (entity.value,) if entity.value and entity.value not in entity.name else ()
    extra = entity.titles or entity.role_labels or value or entity.expansion
    label = entity.name
    if extra:
        label += " · " + "、".join(extra[:2]) + ("…" if len(extra) > 2 else "")
    return label


def mention_count(entity, article_index: int | None) -> int:
    if article_index is None:
        return len(entity.mentions)
    return sum(1 for m in entity.mentions if m.article == article_index)


class EntitiesPanel(QWidget):
    entity_chosen = Signal(object)  # Entity, or None when the choice is cleared
    article_requested = Signal(int, str)  # article id, the entity name to mark there

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.article_index: int | None = None
        self.current_article_id: int | None = None
        self._issue_entities: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.scope = QComboBox(self)
        self.scope.addItems(["This article", "Whole issue"])
        self.scope.currentIndexChanged.connect(self._fill)
        layout.addWidget(self.scope)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setHeaderLabels(["Entity", "×"])
        self.tree.setColumnCount(2)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().resizeSection(1, 36)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(self._on_current)
        elsewhere = QWidget(splitter)
        elsewhere_layout = QVBoxLayout(elsewhere)
        elsewhere_layout.setContentsMargins(0, 4, 0, 0)
        self.elsewhere_label = QLabel("Also mentioned in", elsewhere)
        self.elsewhere_label.setObjectName("quietLabel")
        self.elsewhere = QTreeWidget(elsewhere)
        self.elsewhere.setHeaderLabels(["Article", "Date", "×"])
        self.elsewhere.setRootIsDecorated(False)
        self.elsewhere.itemActivated.connect(self._open_elsewhere)
        self.elsewhere.itemClicked.connect(self._open_elsewhere)
        elsewhere_layout.addWidget(self.elsewhere_label)
        elsewhere_layout.addWidget(self.elsewhere)
        elsewhere.setVisible(False)  # until an entity is chosen
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # carries error messages
        self.status.setObjectName("quietLabel")
        layout.addWidget(self.status)

    def set_entities(self, store, issue_entities, article_index: int | None, article_id: int | None) -> None:
        """Issue-wide entities (mentions carry the 1-based article index) and the article shown now."""
        self.store, self._issue_entities = store, list(issue_entities)
        self.article_index, self.current_article_id = article_index, article_id
        self._fill()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def _fill(self) -> None:
        # keep following the chosen entity from article to article (a researcher tracing one official)
        current = self.tree.currentItem()
        chosen = current.data(0, ROLE_ENTITY) if current is not None else None
        self.tree.blockSignals(True)
        self.tree.clear()
        self.elsewhere.clear()
        whole_issue = self.scope.currentIndex() == 1
        index = None if whole_issue else self.article_index
        for kind in ENTITY_KINDS:
            members = [e for e in self._issue_entities if e.kind == kind and mention_count(e, index)]
            if not members:
                continue
            members.sort(key=lambda e: (-mention_count(e, index), e.name))
            group = QTreeWidgetItem(self.tree, [GROUP_TITLES[kind], str(len(members))])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for entity in members:
                child = QTreeWidgetItem(group, [entity_label(entity), str(mention_count(entity, index))])
                child.setData(0, ROLE_ENTITY, entity)
                child.setToolTip(0, plain_tooltip(_tooltip(entity)))
            group.setExpanded(True)
        self.tree.blockSignals(False)
        if self.tree.topLevelItemCount() == 0 and not self.status.text():
            self.status.setText("No entities found.")
        if chosen is not None:
            same = [i for i in self.entity_items()
                    if (i.data(0, ROLE_ENTITY).name, i.data(0, ROLE_ENTITY).kind) == (chosen.name, chosen.kind)]
            if same:
                self.tree.setCurrentItem(same[0])

    def entity_items(self) -> list[QTreeWidgetItem]:
        items = []
        for row in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(row)
            items.extend(group.child(i) for i in range(group.childCount()))
        return items

    def _on_current(self, item, _previous) -> None:
        entity = item.data(0, ROLE_ENTITY) if item is not None else None
        self.entity_chosen.emit(entity)
        self._fill_elsewhere(entity)

    def _fill_elsewhere(self, entity) -> None:
        self.elsewhere.clear()
        self.elsewhere.parentWidget().setVisible(entity is not None)
        if entity is None or self.store is None:
            return
        for issue_id, article_id, headline, date, count in self.store.entity_mentions(entity.name, entity.kind):
            if article_id == self.current_article_id:
                continue
            row = QTreeWidgetItem(self.elsewhere, [headline, date or "", str(count)])
            row.setData(0, ROLE_ENTITY, (article_id, entity.name))
            row.setToolTip(0, plain_tooltip(headline))
        count = self.elsewhere.topLevelItemCount()
        self.elsewhere.setVisible(count > 0)
        self.elsewhere_label.setText(f"Also mentioned in {count} other article{'s' if count != 1 else ''}:"
                                     if count else "Not mentioned in any other article of the library.")

    def _open_elsewhere(self, item) -> None:
        article_id, name = item.data(0, ROLE_ENTITY)
        self.article_requested.emit(article_id, name)


def _tooltip(entity) -> str:
    lines = [entity.name]
    if entity.aliases:
        lines.append("Also: " + "、".join(entity.aliases))
    if entity.titles:
        lines.append("Titles: " + "、".join(entity.titles))
    if entity.expansion:
        lines.append("；".join(entity.expansion))
    if entity.explanation:
        lines.append(entity.explanation)
    return "\n".join(lines)
