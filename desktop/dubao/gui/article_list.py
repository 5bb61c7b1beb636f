"""The issue's articles in page order, on the left: headline, then column/kicker and reporters, and a
length figure. Up/down moves through articles; choosing one emits `article_chosen(article_id)`.

`set_badge(article_id, text)` adds a short figure under an article (the reading-level figures use it).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyledItemDelegate

from dubao.core.text import is_han
from dubao.gui.reader_format import plain_tooltip

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_DETAIL = Qt.ItemDataRole.UserRole + 1
ROLE_LENGTH = Qt.ItemDataRole.UserRole + 2
ROLE_BADGE = Qt.ItemDataRole.UserRole + 3


def detail_line(article) -> str:
    """Second line of an entry: column or kicker, then reporters."""
    parts = [part for part in (article.column, article.kicker) if part]
    if article.reporters:
        parts.append("记者 " + "、".join(article.reporters))
    return " · ".join(parts)


def length_label(text: str) -> str:
    """Length as Chinese readers count it: characters (汉字), shown as e.g. "1.2k 字"."""
    count = sum(1 for char in text if is_han(char))
    return f"{count / 1000:.1f}k 字" if count >= 1000 else f"{count} 字"


class _ArticleDelegate(QStyledItemDelegate):
    PADDING = 8

    def sizeHint(self, option, index) -> QSize:
        metrics = QFontMetrics(option.font)
        lines = 2 + bool(index.data(ROLE_BADGE))
        return QSize(200, int(metrics.height() * 1.25 * lines + 2 * self.PADDING))

    def paint(self, painter, option, index) -> None:
        from PySide6.QtWidgets import QStyle  # here: its many enums cost 5 ms, and the list starts empty

        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet_colour = text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(self.PADDING + 2, self.PADDING, -self.PADDING, -self.PADDING)
        metrics = QFontMetrics(option.font)
        line_height = int(metrics.height() * 1.25)

        length = index.data(ROLE_LENGTH) or ""
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        small_metrics = QFontMetrics(small)
        length_width = small_metrics.horizontalAdvance(length) + 6

        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        headline_rect = QRect(rect.left(), rect.top(), rect.width() - length_width, line_height)
        headline = QFontMetrics(bold).elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, headline_rect.width())
        painter.drawText(headline_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, headline)

        painter.setFont(small)
        painter.setPen(quiet_colour)
        painter.drawText(QRect(rect.right() - length_width, rect.top(), length_width, line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, length)
        detail_rect = QRect(rect.left(), rect.top() + line_height, rect.width(), line_height)
        detail = small_metrics.elidedText(index.data(ROLE_DETAIL) or "", Qt.TextElideMode.ElideRight, detail_rect.width())
        painter.drawText(detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        badge = index.data(ROLE_BADGE)
        if badge:
            badge_rect = detail_rect.translated(0, line_height)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             small_metrics.elidedText(badge, Qt.TextElideMode.ElideRight, badge_rect.width()))
        painter.restore()


class ArticleList(QListWidget):
    article_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName("Articles of the issue")
        self.setItemDelegate(_ArticleDelegate(self))
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentItemChanged.connect(self._on_current_changed)
        self._quiet = False

    def set_articles(self, articles) -> None:
        """Fill with ArticleRecords (page order kept as given); no selection and no signal."""
        self._quiet = True
        self.clear()
        for article in articles:
            item = QListWidgetItem(article.headline or "（无标题）")
            item.setData(ROLE_ID, article.id)
            item.setData(ROLE_DETAIL, detail_line(article))
            item.setData(ROLE_LENGTH, length_label(article.text))
            item.setToolTip(plain_tooltip(article.headline))
            self.addItem(item)
        self._quiet = False

    def article_ids(self) -> list[int]:
        return [self.item(row).data(ROLE_ID) for row in range(self.count())]

    def select_article(self, article_id: int) -> None:
        """Make `article_id` current without emitting article_chosen (the window already shows it)."""
        self._quiet = True
        for row in range(self.count()):
            if self.item(row).data(ROLE_ID) == article_id:
                self.setCurrentRow(row)
                self.scrollToItem(self.item(row))
                break
        self._quiet = False

    def set_badge(self, article_id: int, text: str) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ROLE_ID) == article_id:
                item.setData(ROLE_BADGE, text)

    def _on_current_changed(self, current, _previous) -> None:
        if current is not None and not self._quiet:
            self.article_chosen.emit(current.data(ROLE_ID))
