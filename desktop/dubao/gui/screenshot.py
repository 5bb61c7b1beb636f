"""`dubao --screenshot PNG [--article N] [--hover WORD] [--select START:END] [--tab NAME] [--search TEXT]
[--page-view]`:
render the main window offscreen into a PNG — for the README, for checks, and for looking at every change.

The hover popup is a window of its own, so it is painted onto the window's image at its place. The
pointer is moved over WORD with a real mouse event, so the picture shows what the hit test does.
A workbench tab (`--tab Concordance|Trends|Profiles|Keywords|Codebook`) pictures the workbench window instead,
with `--search` run in that tab.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication

from dubao.gui import workers


class ScreenshotError(Exception):
    pass


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Run the event loop until `condition()` holds (background results arrive by queued signals)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()
    return True


def hover_word(window, word: str) -> bool:
    """Move the pointer onto the first occurrence of `word` in the reader; True when the popup shows it."""
    reader = window.reader
    offset = reader.text().find(word)
    if offset < 0:
        raise ScreenshotError(f"'{word}' does not occur in the article shown")
    reader.scroll_to(offset)
    QApplication.processEvents()
    centre = reader.char_rect(offset).center()
    move_pointer(reader, centre)
    return window.hover.current is not None and window.hover.current.token.start <= offset < window.hover.current.token.end


def move_pointer(reader, point: QPointF) -> None:
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), reader.viewport().mapToGlobal(QPointF(point)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(reader.viewport(), event)


def grab_with_popup(window):
    """The window's pixels, with the hover popup painted where it floats."""
    image = window.grab().toImage()
    popup = window.hover.popup
    if popup.isVisible():
        painter = QPainter(image)
        painter.drawPixmap(popup.pos() - window.mapToGlobal(QPoint(0, 0)), popup.grab())
        painter.end()
    return image


def show_tab(window, name: str) -> None:
    """Bring the left or right panel's tab called `name` (case and "&" ignored) to the front."""
    wanted = name.replace("&", "").strip().lower()
    for tabs in (window.left_panel, window.sidebar):
        for index in range(tabs.count()):
            if tabs.tabText(index).replace("&", "").strip().lower() == wanted:
                tabs.setCurrentIndex(index)
                return
    names = [tabs.tabText(i) for tabs in (window.left_panel, window.sidebar) for i in range(tabs.count())]
    raise ScreenshotError(f"--tab {name}: no such tab (there are {', '.join(names)})")


def capture(window, path: str | Path, article: int | None = None, hover: str | None = None,
            select: tuple[int, int] | None = None, timeout: float = 90.0, tab: str | None = None,
            search: str | None = None, page_view: bool = False) -> None:
    window.show()
    if not wait_until(lambda: window.current_article_id is not None, timeout):
        raise ScreenshotError("the library did not load an article in time")
    if article is not None:
        ids = window.article_list.article_ids()
        if not 1 <= article <= len(ids):
            raise ScreenshotError(f"--article {article}: this issue has articles 1 to {len(ids)}")
        window.open_article(ids[article - 1])
    if not wait_until(lambda: window.reader.analysis is not None or window.analysis_error, timeout):
        raise ScreenshotError("the article's analysis did not finish in time")
    if window.reader.analysis is None:
        raise ScreenshotError(f"the article could not be analysed: {window.analysis_error}")
    if page_view:  # the printed page beside the text, once its picture is rendered
        window.reading.set_page_view(True)
        if not wait_until(window.page_view.settled, timeout):
            raise ScreenshotError("the printed page did not render in time")
    if select is not None:
        start, end = select
        if not 0 <= start < end <= len(window.reader.text()):
            raise ScreenshotError(f"--select {start}:{end} is outside the article (0:{len(window.reader.text())})")
        window.reader.select_span(start, end)
        window.reader.scroll_to(start)
    if tab and getattr(window, "workbench", None) is not None and window.workbench().show_tab(tab):
        image = _grab_workbench(window, tab, search)
        if not image.save(str(path), "PNG"):
            raise ScreenshotError(f"cannot write {path}")
        return
    if search:
        window.reading.search.search_library(search)  # shows the Search tab with the results
        wait_until(lambda: workers.pending_jobs() == 0, 10)
    if tab:
        show_tab(window, tab)
    wait_until(lambda: workers.pending_jobs() == 0, 10)  # e.g. difficulty figures, the ruby layout
    if hover:
        hover_word(window, hover)
    wait_until(lambda: workers.pending_jobs() == 0, 10)
    image = grab_with_popup(window)
    if not image.save(str(path), "PNG"):
        raise ScreenshotError(f"cannot write {path}")


def _grab_workbench(window, tab: str, query: str | None):
    """The workbench window at tab `tab`, with `query` run there (a term; for Trends, terms joined by commas;
    for Keywords, "A|B")."""
    bench = window.show_workbench()
    bench.show_tab(tab)
    if query:
        panel = bench.tabs.currentWidget()
        if panel is bench.keywords:
            panel.part_a.setText(query.split("|")[0])
            panel.part_b.setText(query.split("|")[-1])
            panel.run()
        elif panel is bench.trends:
            from dubao.gui.workbench_trend import split_terms

            panel.run(split_terms(query))
        elif panel is bench.codebook:
            panel.refresh()
        else:
            panel.run(query)
    wait_until(lambda: workers.pending_jobs() == 0, 600)
    QApplication.processEvents()
    return bench.grab().toImage()
