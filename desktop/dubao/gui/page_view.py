"""The printed page beside the text: for an issue imported from page PDFs, the page the current article is
printed on, with the article's blocks outlined; a click on another article's region opens that article; a
selection or an annotation in the text is shown where it sits on the page.

The picture comes from the page PDF the library keeps (`Store.issue_pages`), rendered by
`core/ingest/pdf_render.py` on the thread pool and cached on disk (by the PDF's hash and the scale), so the
window never waits for PDFium. Scales are rounded up to a few steps: fitting the width of a pane being
dragged does not render a new picture at every pixel. Issues imported from text show a short note instead.

Geometry: block bboxes are PDF points with the origin top-left, so a point on screen is the point in the page
times the display scale. Offsets into the article text are code points (as `Block.start`/`end`).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QToolTip, QVBoxLayout,
                               QWidget)

from dubao.gui import workers

RENDER_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)  # pixels per point the pictures are made at
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 4.0
PAGE_MARGIN = 8  # pixels around the page in its pane
IMAGES_KEPT = 6
ARTICLE_FILL, ARTICLE_PEN = QColor(25, 103, 210, 38), QColor(25, 103, 210)
HIGHLIGHT_FILL, HIGHLIGHT_PEN = QColor(255, 193, 7, 110), QColor("#e65100")
HOVER_FILL = QColor(0, 0, 0, 24)
NO_PAGE_NOTE = "This issue was imported from text: there is no printed page to show."


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


def render_step(scale: float) -> float:
    """The smallest picture scale at least as sharp as `scale`."""
    return next((step for step in RENDER_STEPS if step >= scale - 1e-6), RENDER_STEPS[-1])


def _render_image(pdf: bytes, scale: float) -> QImage:
    """On the thread pool: the page's picture (rendered or from the cache) as a QImage (not a widget: allowed)."""
    from dubao.core.ingest import pdf_render

    image = QImage.fromData(pdf_render.page_png(pdf, scale, pdf_render.default_cache()), "PNG")
    if image.isNull():
        raise ValueError("the page picture could not be decoded")
    return image


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
        image = view.best_image()
        if image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(page_rect, image)
        else:
            painter.setPen(QColor(120, 120, 120))
            painter.drawText(page_rect, Qt.AlignmentFlag.AlignCenter, f"Rendering page {source.page} …")
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


class PageView(QWidget):
    """The page pane. Reads the session's store for the current issue's pages and blocks; asks for articles by
    `article_requested(article_id)` (the window opens them); `page_shown(page)` when a page's picture is on
    screen at the wanted sharpness."""

    article_requested = Signal(int)
    page_shown = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setAccessibleName("Printed page")
        self.session = session
        self.issue_id: int | None = None
        self.article_id: int | None = None
        self.sources: dict = {}  # page number -> PageSource
        self.regions: list[Region] = []
        self.highlight: list[Region] = []
        self.page: int | None = None
        self.zoom: float | None = None  # points -> pixels; None: fit the pane's width
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._rendering: set[tuple[int | None, int, float]] = set()  # (issue, page, scale) on the pool
        self._stale = True  # the session moved on while the pane was hidden
        self._build()
        session.article_opened.connect(self._on_article_opened)
        session.store_replaced.connect(self._on_store_replaced)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        self.previous_button = self._button("◀", "Previous page", lambda: self.go_to_page((self.page or 1) - 1))
        self.page_label = QLabel("", self)
        self.next_button = self._button("▶", "Next page", lambda: self.go_to_page((self.page or 0) + 1))
        self.zoom_out_button = self._button("−", "Zoom out (Ctrl+wheel)", lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = self._button("+", "Zoom in (Ctrl+wheel)", lambda: self.zoom_by(ZOOM_STEP))
        self.fit_button = self._button("Fit width", "Fit the page to the pane's width", self.fit_width)
        self.fit_button.setCheckable(True)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.canvas = PageCanvas(self)
        self.canvas.region_clicked.connect(self._on_region_clicked)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.scroll, 1)
        self.note = QLabel(NO_PAGE_NOTE, self)
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setMargin(24)
        layout.addWidget(self.note, 1)
        self._resize_timer = QTimer(self, singleShot=True, interval=120)
        self._resize_timer.timeout.connect(self._layout_page)
        self._show_state()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- following the session ------------------------------------------------------------------------

    def _on_store_replaced(self) -> None:
        self.issue_id = self.article_id = self.page = None
        self.sources, self.regions, self.highlight = {}, [], []
        self._images.clear()
        self._stale = True
        self._show_state()

    def _on_article_opened(self, _article_id: int) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the current issue's pages and blocks (when the issue changed) and show the current article."""
        self._stale = False
        store, issue_id = self.session.store, self.session.current_issue_id
        if store is None or issue_id is None:
            self._on_store_replaced()
            return
        if issue_id != self.issue_id:
            self.issue_id = issue_id
            self.sources = {source.page: source for source in store.issue_pages(issue_id)}
            self.regions = article_regions(store.articles(issue_id)) if self.sources else []
            self._images.clear()
            self.page = None
        self.article_id = self.session.current_article_id
        self.highlight = []
        pages = [r.page for r in self.regions if r.article_id == self.article_id and r.page in self.sources]
        if pages:
            self.go_to_page(min(pages))
            self._reveal(self.regions_of(self.article_id))
        elif self.sources and self.page is None:
            self.go_to_page(min(self.sources))
        self._show_state()

    def regions_of(self, article_id: int | None) -> list[Region]:
        """The article's blocks on the page shown."""
        return [r for r in self.regions if r.article_id == article_id and r.page == self.page]

    def _on_region_clicked(self, region: Region) -> None:
        if region.article_id != self.article_id:
            self.article_requested.emit(region.article_id)

    # ---- highlights -------------------------------------------------------------------------------------

    def show_span(self, span: tuple[int, int] | None) -> None:
        """Outline the blocks holding `span` (code points into the current article); None clears."""
        if self._stale and self.isVisible():
            self.refresh()
        if span is None or self.article_id is None:
            self.highlight = []
        else:
            self.highlight = regions_for_span(self.regions, self.article_id, *span)
            pages = sorted({r.page for r in self.highlight})
            if pages and self.page not in pages:
                self.go_to_page(pages[0])
            self._reveal([r for r in self.highlight if r.page == self.page])
        self.canvas.update()

    def show_annotation(self, annotation_id: int) -> None:
        """Outline where a highlight of the current article is printed."""
        if self.session.store is None:
            return
        annotation = self.session.store.get_annotation(annotation_id)
        if annotation.article_id == self.session.current_article_id:
            self.show_span((annotation.start, annotation.end))

    # ---- pages, zoom and pictures -----------------------------------------------------------------------

    def current_source(self):
        return self.sources.get(self.page) if self.page is not None else None

    def go_to_page(self, page: int) -> None:
        if page not in self.sources:
            return
        if page != self.page:
            self.page = page
            self.scroll.verticalScrollBar().setValue(0)
        self._layout_page()

    def display_scale(self) -> float:
        source = self.current_source()
        if self.zoom is not None or source is None:
            return self.zoom or 1.0
        width = self.scroll.viewport().width() - 2 * PAGE_MARGIN
        return max(ZOOM_MIN, min(ZOOM_MAX, width / max(source.width, 1.0)))

    def zoom_by(self, factor: float) -> None:
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, self.display_scale() * factor))
        self._layout_page()

    def fit_width(self) -> None:
        self.zoom = None
        self._layout_page()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.zoom is None:
            self._resize_timer.start()  # while the splitter is dragged, lay out once it rests

    def _layout_page(self) -> None:
        source = self.current_source()
        if source is None:
            return self._show_state()
        scale = self.display_scale()
        self.canvas.resize(int(source.width * scale) + 2 * PAGE_MARGIN, int(source.height * scale) + 2 * PAGE_MARGIN)
        self._show_state()
        self.canvas.update()
        key = (source.page, render_step(scale * self.devicePixelRatioF()))
        if key in self._images:
            self._images.move_to_end(key)
            self.page_shown.emit(source.page)
        elif (self.issue_id, *key) not in self._rendering:
            job = (self.issue_id, *key)
            self._rendering.add(job)
            workers.run_in_background(_render_image, source.pdf, key[1],
                                      on_done=lambda image: self._on_rendered(job, image),
                                      on_error=lambda error: self._on_render_failed(job, error), context=self)

    def _on_rendered(self, job: tuple[int | None, int, float], image: QImage) -> None:
        self._rendering.discard(job)
        issue_id, *key = job
        key = tuple(key)
        if issue_id != self.issue_id:  # the issue changed while it rendered
            return
        self._images[key] = image
        while len(self._images) > IMAGES_KEPT:
            self._images.popitem(last=False)
        if self.page == key[0]:
            self.canvas.update()
            self._layout_page()

    def _on_render_failed(self, job, error: BaseException) -> None:
        self._rendering.discard(job)
        if job[0] == self.issue_id:
            self.page_label.setText(f"Page {job[1]} cannot be shown: {error}")

    def settled(self) -> bool:
        """Nothing left to show: no page, or the page's picture at the wanted sharpness is on screen."""
        source = self.current_source()
        if self._stale or source is None:
            return not self._stale
        return (source.page, render_step(self.display_scale() * self.devicePixelRatioF())) in self._images

    def best_image(self) -> QImage | None:
        """The sharpest picture of the page at hand (a blurrier one stands in while the sharp one renders)."""
        pictures = [(scale, image) for (page, scale), image in self._images.items() if page == self.page]
        return max(pictures, key=lambda item: item[0])[1] if pictures else None

    def _reveal(self, regions: list[Region]) -> None:
        """Scroll so that the regions' top-left part is in view."""
        if not regions:
            return
        top = min(r.bbox[1] for r in regions)
        left = min(r.bbox[0] for r in regions)
        rect = self.canvas.screen_rect((left, top, left, top))
        QTimer.singleShot(0, self, lambda: self.scroll.ensureVisible(int(rect.x()), int(rect.y()), 40, 60))

    def _show_state(self) -> None:
        has_pages = bool(self.sources)
        self.note.setVisible(not has_pages)
        self.note.setText(NO_PAGE_NOTE if self.issue_id is not None else "Open an issue to see its printed page.")
        self.scroll.setVisible(has_pages)
        for button in (self.previous_button, self.next_button, self.zoom_in_button, self.zoom_out_button,
                       self.fit_button, self.page_label):
            button.setVisible(has_pages)
        pages = sorted(self.sources)
        if self.page is not None and pages:
            self.page_label.setText(f"Page {self.page} / {len(pages)}" if len(pages) > 1 else f"Page {self.page}")
            self.previous_button.setEnabled(self.page > pages[0])
            self.next_button.setEnabled(self.page < pages[-1])
        self.fit_button.setChecked(self.zoom is None)
