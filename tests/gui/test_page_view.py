"""The printed page beside the text (View ▸ Printed page): an issue imported from two page PDFs shows the page of
the article being read with the article outlined; a click on another article's region opens it; a selection or
a clicked highlight is shown on its block; pages and zoom; a text issue says it has no printed page; the choice
is remembered; the picture is cached on disk; `dubao --screenshot --page-view` shows the pane."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "ingest"))
from pdf_fixtures import briefs_page, sample_page  # noqa: E402

from dubao.core.ingest import pdf_render  # noqa: E402
from dubao.core.library.store import Store  # noqa: E402
from dubao.core.paths import sample_issue  # noqa: E402
from dubao.core.pipeline import import_file  # noqa: E402
from dubao.gui.page_view import ZOOM_STEP, render_step  # noqa: E402
from window_helpers import open_window, settings_for  # noqa: E402


@pytest.fixture(scope="session")
def page_library_template(tmp_path_factory) -> tuple[Path, int, int]:
    """A library with the sample as text and, newer, an issue of two page PDFs (a folder): (path, text issue,
    PDF issue)."""
    root = tmp_path_factory.mktemp("page-library")
    folder = root / "pages"
    folder.mkdir()
    (folder / "吕梁日报_2023-02-20_01版.pdf").write_bytes(sample_page().pdf)
    (folder / "吕梁日报_2023-02-20_02版.pdf").write_bytes(briefs_page().pdf)
    path = root / "library.sqlite"
    with Store.open(path) as store:
        text_issue = import_file(store, sample_issue(), entities=False).issue_id
        pdf_issue = import_file(store, folder, entities=False).issue_id
        assert len(store.issue_pages(pdf_issue)) == 2
    return path, text_issue, pdf_issue


@pytest.fixture
def page_library(page_library_template, tmp_path) -> tuple[Path, int, int]:
    template, text_issue, pdf_issue = page_library_template
    target = tmp_path / "library.sqlite"
    with Store.open(template) as source:
        copy = sqlite3.connect(target)
        source.db.conn.backup(copy)
        copy.close()
    return target, text_issue, pdf_issue


def open_with_page(qtbot, library: Path, tmp_path: Path, show: bool = True):
    settings = settings_for(tmp_path)
    settings.show_page_view = show
    window = open_window(qtbot, library, tmp_path, settings=settings)
    qtbot.waitUntil(lambda: window.reading is not None)
    if show:
        qtbot.waitUntil(window.page_view.settled, timeout=30000)
    return window


def open_and_settle(qtbot, window, article_id: int) -> None:
    window.open_article(article_id)
    qtbot.waitUntil(window.page_view.settled, timeout=30000)


def pdf_articles(window, pdf_issue: int):
    return window.store.articles(pdf_issue)


def page_blocks(article, page: int):
    return [b for b in article.blocks if b.page == page and b.bbox]


def canvas_point(view, bbox) -> QPoint:
    rect = view.canvas.screen_rect(bbox)
    return rect.center().toPoint()


def tint_share(image: QImage, view, bbox, wanted) -> float:
    """Share of sampled pixels inside `bbox` whose colour passes `wanted(QColor)`."""
    rect = view.canvas.screen_rect(bbox).toRect()
    samples = [QColor(image.pixel(x, y)) for x in range(rect.left() + 2, rect.right() - 2, 3)
               for y in range(rect.top() + 2, rect.bottom() - 2, 3)]
    return sum(1 for colour in samples if wanted(colour)) / max(1, len(samples))


def bluish(colour: QColor) -> bool:
    return colour.blue() - colour.red() > 15


def amber(colour: QColor) -> bool:
    return colour.red() - colour.blue() > 40


def test_the_page_is_shown_with_the_article_outlined(qtbot, page_library, tmp_path):
    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    view = window.page_view
    assert window.current_issue_id == pdf_issue and view.isVisible() and not view.note.isVisible()
    lead, second = pdf_articles(window, pdf_issue)[:2]
    assert window.current_article_id == lead.id and view.page == 1
    image = view.canvas.grab().toImage()
    # printed text on the page, the lead article's blocks tinted, the next article's not
    lead_block = max(page_blocks(lead, 1), key=lambda b: (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]))
    other_block = page_blocks(second, 1)[-1]
    assert tint_share(image, view, lead_block.bbox, lambda c: c.lightness() < 200) > 0.05
    assert tint_share(image, view, lead_block.bbox, bluish) > 0.5
    assert tint_share(image, view, other_block.bbox, bluish) < 0.05


def test_a_click_on_another_articles_region_opens_it(qtbot, page_library, tmp_path):
    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    second = pdf_articles(window, pdf_issue)[1]
    block = page_blocks(second, 1)[-1]
    qtbot.mouseClick(window.page_view.canvas, Qt.MouseButton.LeftButton, pos=canvas_point(window.page_view, block.bbox))
    assert window.current_article_id == second.id
    assert window.reader.current_article.id == second.id
    # the outline follows: now the clicked article is the one tinted
    qtbot.waitUntil(window.page_view.settled)
    image = window.page_view.canvas.grab().toImage()
    assert tint_share(image, window.page_view, block.bbox, bluish) > 0.5


def test_a_selection_is_shown_on_its_block(qtbot, page_library, tmp_path):
    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    lead = pdf_articles(window, pdf_issue)[0]
    paragraphs = [b for b in lead.blocks if b.kind == "paragraph" and b.bbox]
    target = paragraphs[len(paragraphs) // 2]
    window.reader.select_span(target.start + 2, target.start + 6)  # part of one block: that block is outlined
    view = window.page_view
    assert [(r.start, r.end) for r in view.highlight] == [(target.start, target.end)]
    image = view.canvas.grab().toImage()
    assert tint_share(image, view, target.bbox, amber) > 0.5
    assert all(tint_share(image, view, b.bbox, amber) < 0.05 for b in paragraphs
               if b is not target and not _overlaps(b.bbox, target.bbox))
    window.reader.select_span(0, 0)  # no selection: nothing highlighted
    window.reader.setTextCursor(window.reader.cursorForPosition(QPoint(5, 5)))
    assert view.highlight == []


def _overlaps(a, b) -> bool:
    return a[0] < b[2] + 4 and b[0] < a[2] + 4 and a[1] < b[3] + 4 and b[1] < a[3] + 4


def test_a_clicked_highlight_is_shown_on_the_page(qtbot, page_library, tmp_path, monkeypatch):
    from dubao.gui import note_editor

    monkeypatch.setattr(note_editor.NoteEditor, "exec", lambda self: 0)  # the editor opens and is cancelled
    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    lead = pdf_articles(window, pdf_issue)[0]
    last = [b for b in lead.blocks if b.kind == "paragraph" and b.bbox][-1]
    window.ops.add_annotation(lead.id, last.start, last.start + 4, "green")
    window.reader.scroll_to(last.start)
    centre = window.reader.char_rect(last.start + 1).center().toPoint()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert [(r.start, r.end) for r in window.page_view.highlight] == [(last.start, last.end)]


def test_pages_follow_the_article_and_can_be_turned_and_zoomed(qtbot, page_library, tmp_path):
    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    view = window.page_view
    on_page_two = next(a for a in pdf_articles(window, pdf_issue) if page_blocks(a, 2))
    open_and_settle(qtbot, window, on_page_two.id)
    assert view.page == 2 and view.page_label.text() == "Page 2 / 2"
    assert view.regions_of(on_page_two.id) and view.previous_button.isEnabled()
    view.previous_button.click()
    assert view.page == 1 and not view.previous_button.isEnabled() and view.next_button.isEnabled()
    fitted = view.canvas.width()
    assert abs(fitted - view.scroll.viewport().width()) <= 2  # fit width: the page fills the pane's width
    view.zoom_in_button.click()
    assert view.canvas.width() > fitted * 1.2
    qtbot.waitUntil(view.settled, timeout=30000)  # a sharper picture for the larger page
    assert view.pictures.scales(view.page)[-1] >= render_step(view.display_scale())
    view.fit_button.click()
    assert view.canvas.width() == fitted


def test_the_picture_is_rendered_off_the_gui_thread_and_cached_on_disk(qtbot, page_library, tmp_path):
    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    view = window.page_view
    source = view.current_source()
    scale = render_step(view.display_scale() * view.devicePixelRatioF())
    assert (pdf_render.default_cache() / pdf_render.cache_key(source.pdf, scale)).is_file()
    view.zoom_by(2.0)
    assert not view.settled()  # the window goes on at once; the picture arrives later
    qtbot.waitUntil(view.settled, timeout=30000)


def test_a_text_issue_says_there_is_no_printed_page(qtbot, page_library, tmp_path):
    library, text_issue, _pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    window.open_article(window.store.articles(text_issue)[0].id)
    view = window.page_view
    assert view.note.isVisible() and "no printed page" in view.note.text()
    assert not view.scroll.isVisible() and not view.page_label.isVisible()


def test_the_toggle_is_remembered(qtbot, page_library, tmp_path):
    library, _text_issue, _pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path, show=False)
    action = window.reading.actions["page_view"]
    assert not window.page_view.isVisible() and not action.isChecked()
    window.reader.select_span(0, 4)  # a hidden pane renders nothing
    assert not window.page_view.pictures._pending and window.page_view.pictures.best(1) is None
    action.trigger()
    assert window.page_view.isVisible() and window.settings.show_page_view
    assert window.page_view.width() > 250  # it takes room from the reader, not a sliver
    qtbot.waitUntil(window.page_view.settled, timeout=30000)
    from dubao.gui.settings import Settings

    assert Settings.load(window.settings.path).show_page_view
    action.trigger()
    assert not window.page_view.isVisible() and not Settings.load(window.settings.path).show_page_view


def test_screenshot_with_the_page_view(qapp, page_library, tmp_path, capsys):
    from dubao.gui.app import main

    library, _text_issue, _pdf_issue = page_library
    plain, paged = tmp_path / "plain.png", tmp_path / "page.png"
    assert main(["--screenshot", str(plain), "--library", str(library)]) == 0
    assert main(["--screenshot", str(paged), "--library", str(library), "--page-view"]) == 0
    first, second = QImage(str(plain)), QImage(str(paged))
    assert first.size() == second.size()
    # the pane between the reader and the sidebar shows the page: many pixels change there
    changed = sum(1 for x in range(700, 1000, 6) for y in range(120, 700, 6) if first.pixel(x, y) != second.pixel(x, y))
    assert changed > 1000


def test_a_picture_asked_for_before_the_issue_changed_is_dropped(qtbot):
    from dubao.core.models import PageSource
    from dubao.gui.page_view import PagePictures

    pictures = PagePictures()
    source = PageSource(1, sample_page().pdf, 842.0, 1191.0)
    arrived = []
    pictures.ready.connect(arrived.append)
    assert not pictures.request(source, 0.5)
    pictures.clear()  # another issue opened while page 1 of the old one rendered
    qtbot.waitUntil(lambda: not pictures._pending, timeout=30000)
    assert arrived == [] and pictures.best(1) is None
    assert not pictures.request(source, 0.5)
    qtbot.waitUntil(lambda: arrived == [1], timeout=30000)
    assert pictures.request(source, 0.5) and pictures.best(1).width() in (421, 422)


def test_a_damaged_stored_page_says_so_and_the_rest_goes_on(qtbot, page_library, tmp_path):
    library, _text_issue, pdf_issue = page_library
    with sqlite3.connect(library) as db:  # the kept copy of page 1 damaged on disk
        db.execute("UPDATE issue_sources SET pdf = ? WHERE issue_id = ? AND page = 1", [b"%PDF-1.4 broken", pdf_issue])
    window = open_with_page(qtbot, library, tmp_path)
    view = window.page_view
    assert view.page == 1 and "Page 1 cannot be shown" in view.failures[1] and "cannot be read" in view.failures[1]
    on_page_two = next(a for a in pdf_articles(window, pdf_issue) if page_blocks(a, 2))
    open_and_settle(qtbot, window, on_page_two.id)  # the other page still renders
    assert view.page == 2 and view.pictures.best(2) is not None
    assert window.reader.current_article.id == on_page_two.id


def test_zooming_in_keeps_the_article_in_view(qtbot, page_library, tmp_path):
    from PySide6.QtCore import QRect

    library, _text_issue, pdf_issue = page_library
    window = open_with_page(qtbot, library, tmp_path)
    view = window.page_view
    on_page_one = [a for a in pdf_articles(window, pdf_issue) if page_blocks(a, 1)]
    # the article printed furthest right: out of view once the page is zoomed in from the left
    right_side = max(on_page_one, key=lambda a: page_blocks(a, 1)[0].bbox[0])
    open_and_settle(qtbot, window, right_side.id)
    view.zoom_by(ZOOM_STEP ** 4)
    qtbot.waitUntil(view.settled, timeout=30000)
    qtbot.wait(50)
    pane = view.scroll.viewport()
    assert view.canvas.width() > pane.width() * 1.5  # the page is wider than the pane now
    shown = QRect(view.scroll.horizontalScrollBar().value(), view.scroll.verticalScrollBar().value(),
                  pane.width(), pane.height())
    area = QRect()
    for block in page_blocks(right_side, 1):
        area = area.united(view.canvas.screen_rect(block.bbox).toRect())
    seen = shown.intersected(area)  # the article in full, or as much of it as the pane holds, from its top-left
    assert seen.topLeft() == area.topLeft()
    assert seen.width() >= min(area.width(), pane.width()) - 30
    assert seen.height() >= min(area.height(), pane.height()) - 30
