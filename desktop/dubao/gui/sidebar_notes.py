"""The Notes tab: the article's (or the whole issue's) highlights with colour, quote, note and tags;
filter by colour or tag; click one to jump to it in the reader (`jump_requested(article_id, start, end)`).
It reads through the Store and never writes; it refreshes when `Operations.annotations_changed` fires.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dubao.core.kinds import ANNOTATION_COLORS
from dubao.gui.colour_icon import colour_icon
from dubao.gui.reader_format import plain_tooltip

ALL = "All"


def annotation_summary(annotation, headline: str | None = None, fullwidth: bool = True) -> str:
    """The list entry of a highlight. `fullwidth`: punctuation as the reader shows it (its setting)."""
    from dubao.gui.reader_format import fullwidth_punctuation

    quote = annotation.quote if len(annotation.quote) <= 60 else annotation.quote[:58] + "…"
    quote = fullwidth_punctuation(quote) if fullwidth else quote
    lines = [f"“{quote}”"]
    if annotation.note:
        lines.append(annotation.note)
    if annotation.tags:
        lines.append(" ".join("#" + tag for tag in annotation.tags))
    if headline:
        lines.append(f"— {headline}")
    if annotation.status == "orphaned":  # the quote is all that is left of where it was
        lines.append("[orphaned: passage no longer in the text]")
    elif annotation.status not in ("exact", "moved"):
        lines.append(f"[{annotation.status}]")
    return "\n".join(lines)


class NotesPanel(QWidget):
    jump_requested = Signal(int, int, int)  # article id, start, end

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.fullwidth_punctuation = True  # follows the reader's setting (MainWindow sets both)
        self.article_id: int | None = None
        self.issue_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.scope = QComboBox(self)
        self.scope.addItems(["This article", "Whole issue"])
        self.colour_filter = QComboBox(self)
        self.colour_filter.addItem(ALL)
        for name in ANNOTATION_COLORS:
            self.colour_filter.addItem(colour_icon(name), name.capitalize(), name)
        self.tag_filter = QComboBox(self)
        self.tag_filter.addItem(ALL)
        for combo in (self.scope, self.colour_filter, self.tag_filter):
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        layout.addLayout(filters)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        layout.addWidget(self.list, 1)
        self.empty_label = QLabel("No highlights yet. Select text and press Ctrl+1 … Ctrl+5.", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("quietLabel")
        layout.addWidget(self.empty_label)

    def set_context(self, store, article_id: int | None, issue_id: int | None) -> None:
        self.store, self.article_id, self.issue_id = store, article_id, issue_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.store is None or self.article_id is None:
            self.empty_label.setVisible(True)
            return
        self._refresh_tags()
        colour = self.colour_filter.currentData()
        tag = self.tag_filter.currentText() if self.tag_filter.currentIndex() > 0 else None
        whole_issue = self.scope.currentIndex() == 1
        if whole_issue:
            annotations = self.store.annotations(issue_id=self.issue_id, color=colour, tag=tag)
            headlines = {a.id: a.headline for a in self.store.articles(self.issue_id)}
        else:
            annotations = self.store.annotations(article_id=self.article_id, color=colour, tag=tag)
            headlines = {}
        for annotation in annotations:
            headline = headlines.get(annotation.article_id) if annotation.article_id != self.article_id else None
            item = QListWidgetItem(colour_icon(annotation.color),
                                   annotation_summary(annotation, headline, self.fullwidth_punctuation))
            item.setData(Qt.ItemDataRole.UserRole, (annotation.article_id, annotation.start, annotation.end))
            item.setToolTip(plain_tooltip(annotation.quote))
            self.list.addItem(item)
        self.empty_label.setVisible(self.list.count() == 0)

    def _refresh_tags(self) -> None:
        current = self.tag_filter.currentText()
        tags = self.store.tags()
        if [self.tag_filter.itemText(i) for i in range(1, self.tag_filter.count())] == tags:
            return
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(ALL)
        self.tag_filter.addItems(tags)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findText(current)))
        self.tag_filter.blockSignals(False)

    def _jump(self, item: QListWidgetItem) -> None:
        article_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self.jump_requested.emit(article_id, start, end)
