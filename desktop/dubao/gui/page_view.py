"""The printed page beside the text: for an issue imported from page PDFs, the page the current article is
printed on, with the article's blocks outlined; a click on another article's region opens that article; a
selection or an annotation in the text is shown where it sits on the page.

The picture comes from the page PDF the library keeps (`Store.issue_pages`), rendered by
`core/ingest/pdf_render.py` on the thread pool and cached on disk (by the PDF's hash and the scale), so the
window never waits for PDFium. Scales are rounded up to a few steps: fitting the width of a pane being
dragged does not render a new picture at every pixel. Issues imported from text show a short note instead.

The picture and its outlines are painted by `PageCanvas` (gui/page_canvas.py), which also holds the geometry
(blocks as `Region`s, offsets → blocks, a point → the block under it).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from dubao.gui import workers
from dubao.gui.page_canvas import PAGE_MARGIN, ZOOM_STEP, PageCanvas, Region, article_regions, regions_for_span

RENDER_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)  # pixels per point the pictures are made at
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
IMAGE_BUDGET_BYTES = 160 * 1024 * 1024  # pictures kept in memory (a zoomed-in e-paper page is ~60 MB)
NO_PAGE_NOTE = "This issue was imported from text: there is no printed page to show."


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


class PagePictures(QObject):
    """The pictures of one issue's pages at a few scales: the last few kept in memory, the missing ones asked
    for on the thread pool (each once). `clear()` starts afresh; results of jobs asked before it are dropped."""

    ready = Signal(int)  # the page whose picture arrived
    failed = Signal(int, str)  # page, why

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()  # (page, scale), most recent last
        self._pending: set[tuple[int, int, float]] = set()  # (generation, page, scale) on the pool
        self._generation = 0

    def clear(self) -> None:
        self._images.clear()
        self._generation += 1

    def has(self, page: int, scale: float) -> bool:
        return (page, scale) in self._images

    def scales(self, page: int) -> list[float]:
        return sorted(scale for shown, scale in self._images if shown == page)

    def best(self, page: int) -> QImage | None:
        """The sharpest picture of `page` at hand (a blurrier one stands in while the sharp one renders)."""
        scales = self.scales(page)
        return self._images[(page, scales[-1])] if scales else None

    def request(self, source, scale: float) -> bool:
        """True when the picture of `source` (a PageSource) at `scale` is at hand; else it is on its way."""
        key = (source.page, scale)
        if key in self._images:
            self._images.move_to_end(key)
            return True
        job = (self._generation, *key)
        if job not in self._pending:
            self._pending.add(job)
            workers.run_in_background(_render_image, source.pdf, scale,
                                      on_done=lambda image: self._done(job, image),
                                      on_error=lambda error: self._failed(job, error), context=self)
        return False

    def _done(self, job: tuple[int, int, float], image: QImage) -> None:
        self._pending.discard(job)
        generation, page, scale = job
        if generation == self._generation:
            self._images[(page, scale)] = image
            while len(self._images) > 1 and sum(i.sizeInBytes() for i in self._images.values()) > IMAGE_BUDGET_BYTES:
                self._images.popitem(last=False)  # the least recently shown
            self.ready.emit(page)

    def _failed(self, job: tuple[int, int, float], error: BaseException) -> None:
        self._pending.discard(job)
        if job[0] == self._generation:
            self.failed.emit(job[1], str(error) or type(error).__name__)


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
        self.pictures = PagePictures(self)
        self.pictures.ready.connect(lambda page: self._layout_page() if page == self.page else None)
        self.pictures.failed.connect(self._on_picture_failed)
        self.failures: dict[int, str] = {}  # page -> why its picture cannot be shown
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
        self.previous_button = _tool_button(self, "◀", "Previous page", lambda: self.go_to_page((self.page or 1) - 1))
        self.page_label = QLabel("", self)
        self.next_button = _tool_button(self, "▶", "Next page", lambda: self.go_to_page((self.page or 0) + 1))
        self.zoom_out_button = _tool_button(self, "−", "Zoom out (Ctrl+wheel)", lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = _tool_button(self, "+", "Zoom in (Ctrl+wheel)", lambda: self.zoom_by(ZOOM_STEP))
        self.fit_button = _tool_button(self, "Fit width", "Fit the page to the pane's width", lambda: self.set_zoom(None))
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

    # ---- following the session ------------------------------------------------------------------------

    def _on_store_replaced(self) -> None:
        self.issue_id = self.article_id = self.page = None
        self.sources, self.regions, self.highlight = {}, [], []
        self.pictures.clear()
        self.failures.clear()
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
        known = {region.article_id for region in self.regions}
        if issue_id != self.issue_id or (self.sources and self.session.current_article_id not in known):
            # another issue, or this one derived anew (import --replace): its articles have new ids
            self.issue_id = issue_id
            self.sources = {source.page: source for source in store.issue_pages(issue_id)}
            self.regions = article_regions(store.articles(issue_id)) if self.sources else []
            self.pictures.clear()
            self.failures.clear()
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
        """Outline the blocks holding `span` (code points into the current article); None clears. A hidden pane
        does nothing (no picture is rendered for nobody); it starts from the article when shown."""
        if not self.isVisible():
            return
        if self._stale:
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
        self.set_zoom(max(ZOOM_MIN, min(ZOOM_MAX, self.display_scale() * factor)))

    def set_zoom(self, zoom: float | None) -> None:
        """Points to pixels, or None to fit the width; the highlight (else the article) stays in view."""
        self.zoom = zoom
        self._layout_page()
        self._reveal([r for r in self.highlight if r.page == self.page] or self.regions_of(self.article_id))

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
        if self.pictures.request(source, self._picture_scale()):
            self.page_shown.emit(source.page)

    def _on_picture_failed(self, page: int, why: str) -> None:
        self.failures[page] = f"Page {page} cannot be shown: {why}"
        self.canvas.update()

    def _picture_scale(self) -> float:
        return render_step(self.display_scale() * self.devicePixelRatioF())

    def settled(self) -> bool:
        """Nothing left to show: no page, or the page's picture at the wanted sharpness is on screen."""
        source = self.current_source()
        if self._stale or source is None:
            return not self._stale
        return self.pictures.has(source.page, self._picture_scale()) or source.page in self.failures

    def _reveal(self, regions: list[Region]) -> None:
        """Scroll so that the regions are in view — their top-left part when they are larger than the pane."""
        if not regions:
            return
        area = self.canvas.screen_rect((min(r.bbox[0] for r in regions), min(r.bbox[1] for r in regions),
                                        max(r.bbox[2] for r in regions), max(r.bbox[3] for r in regions)))

        def scroll() -> None:
            pane = self.scroll.viewport()
            width, height = min(area.width(), pane.width() - 24), min(area.height(), pane.height() - 24)
            self.scroll.ensureVisible(int(area.left() + width / 2), int(area.top() + height / 2),
                                      int(width / 2) + 12, int(height / 2) + 12)

        QTimer.singleShot(0, self, scroll)

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


def _tool_button(parent: QWidget, text: str, tip: str, slot) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.clicked.connect(lambda _checked=False: slot())
    return button
