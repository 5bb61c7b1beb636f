"""The printed page beside the text: seconds to render a page at the default zoom, cold and cached, and how long
the window's event loop stalls while the page view renders one.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.page_view [--runs 5] [PAGE.pdf …]

Pages: the fixture page the tests lay out from the sample issue (needs reportlab, a test dependency), the dev
e-paper pages in ../shared/data/epaper_pdf_dev when they are there (read in place), and any PDFs named.
Default zoom: the page fitted to the width of the page pane in a first-start window (1360 px wide, the reader's
56 % shared with the page), on a screen at 1× and at 2× device pixels — the picture scale is that, rounded up
to the view's next render step. Per page and scale, medians over --runs:
  pdfium   PDFium's render of the page alone (the baseline: what no cache can beat the first time)
  cold     `pdf_render.page_png` into an empty cache: render + PNG + write
  cached   the second look: `page_png` from the cache + decoding it into the QImage the view paints
Stall: a page view on a library holding the first dev page (or the first PDF named, else the fixture page),
in an offscreen window, renders the page cold while a 5 ms timer ticks on the GUI thread; the longest gap
between ticks, beside the same render done on the GUI thread (what the window would freeze for without the
thread pool).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DUBAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="dubao-page-bench-")  # cold: never the user's cache

from dubao.core.ingest import pdf_render
from dubao.gui.page_view import PAGE_MARGIN, render_step
from benchmarks.split_speed import median_seconds

DEV = REPO.parent / "shared" / "data" / "epaper_pdf_dev"
FIRST_START_PANE = 1360 * 0.56 / 2 - 2 * PAGE_MARGIN - 16  # the page pane's share, less margins and scroll bar


def pages(named: list[str]) -> list[tuple[str, bytes]]:
    found = []
    try:
        from tests.core.ingest.pdf_fixtures import sample_page

        found.append(("fixture page (A3)", sample_page().pdf))
    except ImportError:
        print("(reportlab missing: no fixture page)")
    import pypdfium2

    paths = [Path(p) for p in named] or sorted(DEV.glob("*.pdf"))
    for path in paths:
        document = pypdfium2.PdfDocument(path.read_bytes())
        for index in range(len(document)):  # one-page PDFs, as the library keeps them
            single = pypdfium2.PdfDocument.new()
            single.import_pages(document, [index])
            buffer = io.BytesIO()
            single.save(buffer)
            found.append((f"{path.name} p{index + 1}", buffer.getvalue()))
        document.close()
    return found


def default_scales(pdf: bytes) -> list[float]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    width = document[0].get_size()[0]
    document.close()
    fit = FIRST_START_PANE / width
    return sorted({render_step(fit), render_step(fit * 2)})


def render_figures(named: list[str], runs: int) -> None:
    from PySide6.QtGui import QImage

    print(f"{'page':32} {'scale':>5} {'pixels':>11} {'pdfium s':>9} {'cold s':>8} {'cached s':>9} {'PNG KB':>7}")
    for name, pdf in pages(named):
        for scale in default_scales(pdf):
            rendered = pdf_render.render_rgb(pdf, scale)
            baseline = median_seconds(lambda: pdf_render.render_rgb(pdf, scale), runs)

            def cold():
                with tempfile.TemporaryDirectory() as folder:
                    pdf_render.page_png(pdf, scale, Path(folder))

            cold_seconds = median_seconds(cold, runs)
            with tempfile.TemporaryDirectory() as folder:
                png = pdf_render.page_png(pdf, scale, Path(folder))
                cached = median_seconds(lambda: QImage.fromData(pdf_render.page_png(pdf, scale, Path(folder)), "PNG"), runs)
            print(f"{name[:32]:32} {scale:5.2f} {rendered.width:5}×{rendered.height:<5} {baseline:9.3f} "
                  f"{cold_seconds:8.3f} {cached:9.3f} {len(png) // 1024:7}")


def stall_figures(named: list[str]) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from dubao.core.library.store import Store
    from dubao.core.pipeline import import_file
    from dubao.gui import workers
    from dubao.gui.page_view import PageView
    from dubao.gui.session import Session
    from tests.core.ingest.pdf_fixtures import sample_page

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="dubao-page-bench-lib-"))
    candidates = [Path(p) for p in named] or sorted(DEV.glob("*.pdf"))
    page = candidates[0] if candidates else folder / "page.pdf"
    if not candidates:
        page.write_bytes(sample_page().pdf)
    store = Store.open(folder / "library.sqlite")
    issue_id = import_file(store, page, entities=False).issue_id
    session = Session(store)
    view = PageView(session)
    view.resize(int(FIRST_START_PANE) + 40, 800)
    view.show()
    article = store.articles(issue_id)[0]
    gaps, clock = [], QElapsedTimer()
    ticker = QTimer(interval=5)

    def tick():
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    started = time.perf_counter()
    session.set_current(article)  # the view asks for the picture on the thread pool
    while not view.settled():
        app.processEvents()
        time.sleep(0.001)
    shown = time.perf_counter() - started
    ticker.stop()
    workers.wait_for_all()
    source = view.current_source()
    scale = render_step(view.display_scale() * view.devicePixelRatioF())
    blocking = median_seconds(lambda: pdf_render.page_png(source.pdf, scale), 3)
    print(f"\nstall while the page view renders {page.name} cold (scale {scale}): longest event-loop gap "
          f"{max(gaps[1:] or [0])} ms (page on screen after {shown:.3f} s); the same render on the GUI thread "
          f"would freeze the window {blocking * 1000:.0f} ms")
    view.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", help="page PDFs (default: the fixture page and the dev pages)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    render_figures(args.pdfs, args.runs)
    stall_figures(args.pdfs)


if __name__ == "__main__":
    main()
