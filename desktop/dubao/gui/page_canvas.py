"""The page view's picture: `PageCanvas` paints a printed page at the display scale with the current article's
blocks outlined and the highlight over its blocks, and turns a click into the block (`Region`) under it.

Geometry is Qt-free and lives here too: block bboxes are PDF points with the origin top-left, so a point on
screen is PAGE_MARGIN plus the point in the page times the display scale; offsets into an article's text are
code points (as `Block.start`/`end`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

if TYPE_CHECKING:
    from dubao.gui.page_view import PageView

PAGE_MARGIN = 8  # pixels around the page in its pane
ZOOM_STEP = 1.25
ARTICLE_FILL, ARTICLE_PEN = QColor(25, 103, 210, 38), QColor(25, 103, 210)
HIGHLIGHT_FILL, HIGHLIGHT_PEN = QColor(255, 193, 7, 110), QColor("#e65100")
HOVER_FILL = QColor(0, 0, 0, 24)


@dataclass(frozen=True, slots=True)
class Region:
    """One block of an article where it is printed."""

    article_id: int
    headline: str
    page: int
    bbox: tuple[float, float, float, float]
    start: int  # the block's code points in the article text
    end: int


def article_regions(articles) -> list[Region]:
    """The printed blocks of stored articles (blocks without a page or bbox, e.g. from text, are left out)."""
    return [Region(article.id, article.headline, block.page, tuple(block.bbox), block.start, block.end)
            for article in articles for block in article.blocks if block.page is not None and block.bbox]


def regions_for_span(regions: list[Region], article_id: int, start: int, end: int) -> list[Region]:
    """The blocks of the article that hold any of [start, end) (a partial block counts whole)."""
    return [r for r in regions if r.article_id == article_id and r.start < end and start < r.end]


def region_at(regions: list[Region], page: int, x: float, y: float) -> Region | None:
    """The block printed at (x, y) points on `page`; the smallest when blocks overlap."""
    hits = [r for r in regions if r.page == page and r.bbox[0] <= x <= r.bbox[2] and r.bbox[1] <= y <= r.bbox[3]]
    return min(hits, key=lambda r: (r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1])) if hits else None


class PageCanvas(QWidget):
    """Paints one page's picture at the display scale with the outlines, and turns clicks into regions."""

    region_clicked = Signal(object)  # Region

    def __init__(self, view: "PageView"):
        super().__init__()
        self.view = view
        self.setMouseTracking(True)
        self._hovered: Region | None = None
        self._press: QPointF | None = None

    def page_point(self, point: QPointF) -> tuple[float, float]:
        scale = self.view.display_scale()
        return (point.x() - PAGE_MARGIN) / scale, (point.y() - PAGE_MARGIN) / scale

    def screen_rect(self, bbox) -> QRectF:
        scale = self.view.display_scale()
        return QRectF(PAGE_MARGIN + bbox[0] * scale, PAGE_MARGIN + bbox[1] * scale,
                      (bbox[2] - bbox[0]) * scale, (bbox[3] - bbox[1]) * scale)

    def paintEvent(self, event) -> None:
        view, painter = self.view, QPainter(self)
        source = view.current_source()
        if source is None:
            return
        page_rect = self.screen_rect((0, 0, source.width, source.height))
        painter.fillRect(page_rect, Qt.GlobalColor.white)
        image = view.pictures.best(view.page)
        if image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(page_rect, image)
        else:
            painter.setPen(QColor(120, 120, 120))
            message = view.failures.get(source.page, f"Rendering page {source.page} …")
            painter.drawText(page_rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._hovered is not None and self._hovered.article_id != view.article_id:
            for region in view.regions_of(self._hovered.article_id):
                painter.fillRect(self.screen_rect(region.bbox), HOVER_FILL)
        self._outline(painter, view.regions_of(view.article_id), ARTICLE_FILL, ARTICLE_PEN, 1.5)
        self._outline(painter, [r for r in view.highlight if r.page == view.page], HIGHLIGHT_FILL, HIGHLIGHT_PEN, 2.5)
        painter.end()

    def _outline(self, painter: QPainter, regions, fill: QColor, pen: QColor, width: float) -> None:
        painter.setPen(QPen(pen, width))
        painter.setBrush(fill)
        for region in regions:
            painter.drawRect(self.screen_rect(region.bbox).adjusted(-2, -2, 2, 2))

    def mouseMoveEvent(self, event) -> None:
        region = region_at(self.view.regions, self.view.page, *self.page_point(event.position()))
        if region != self._hovered:
            self._hovered = region
            self.setCursor(Qt.CursorShape.PointingHandCursor if region else Qt.CursorShape.ArrowCursor)
            self.setToolTip(region.headline if region else "")
            if region is None:
                QToolTip.hideText()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        self._hovered = None
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:
        self._press = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        pressed, self._press = self._press, None
        if pressed is not None and (event.position() - pressed).manhattanLength() < 6:  # a click, not a drag
            region = region_at(self.view.regions, self.view.page, *self.page_point(event.position()))
            if region is not None:
                self.region_clicked.emit(region)
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Ctrl+wheel zooms, as in every viewer
            self.view.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)
