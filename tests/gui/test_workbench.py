"""The workbench window: concordance lines, sorting and opening, the trend chart and its exports, profiles,
keywords and the codebook — each panel on a library holding the sample page (with its entities)."""

from __future__ import annotations

import csv
import io

from PySide6.QtGui import QGuiApplication

from dubao.core.library.store import Store
from dubao.gui.operations import Operations
from dubao.gui.session import Session
from dubao.gui.settings import Settings
from dubao.gui.workbench_window import WorkbenchWindow
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def _bench(qtbot, library_path, tmp_path):
    store = Store.open(library_path)
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    bench = WorkbenchWindow(ops.session, ops)
    qtbot.addWidget(bench)
    bench.show()
    return store, ops, bench


def test_concordance_lines_up_the_term_and_names_the_article(qtbot, library_path, tmp_path):
    store, _, bench = _bench(qtbot, library_path, tmp_path)
    panel = bench.concordance
    assert panel.run("吕梁")
    qtbot.waitUntil(lambda: panel.total is not None, timeout=10000)  # a common term's total comes after its lines
    assert "counting" not in panel.summary.text()
    total = store.kwic("吕梁").total
    assert panel.total == total == panel.table.rowCount() > 5
    for row, hit in enumerate(panel.hits):
        assert panel.table.item(row, 5).text() == "吕梁"
        assert panel.table.item(row, 4).text() == hit.left and panel.table.item(row, 6).text() == hit.right
        assert panel.table.item(row, 3).text() == store.get_article(hit.article).headline
    panel.set_sort("right")
    qtbot.waitUntil(lambda: not panel.busy, timeout=20000)  # every hit, sorted on the thread pool
    rights = [panel.table.item(row, 6).text() for row in range(panel.table.rowCount())]
    assert rights == sorted(rights)
    opened = []
    panel.open_requested.connect(lambda *args: opened.append(args))
    panel.table.selectRow(2)
    panel.open_hit(2)
    assert opened == [(panel.hits[2].article, panel.hits[2].start, panel.hits[2].end)]
    copied = panel.copy_selected()
    assert QGuiApplication.clipboard().text() == copied
    assert "【吕梁】" in copied and panel.hits[2].headline in copied and "吕梁日报" in copied


def test_concordance_exports_every_hit_to_csv_not_only_those_loaded(qtbot, library_path, tmp_path, monkeypatch):
    import dubao.gui.workbench_kwic as kwic

    monkeypatch.setattr(kwic, "PAGE_SIZE", 3)
    store, _, bench = _bench(qtbot, library_path, tmp_path)
    panel = bench.concordance
    panel.run("发展")
    qtbot.waitUntil(lambda: panel.total is not None, timeout=10000)
    assert len(panel.hits) == 3 < panel.total and panel.more.isEnabled()
    panel.load_more()
    assert len(panel.hits) == 6
    target = tmp_path / "kwic.csv"
    assert panel.export_csv(target) == panel.total
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == panel.total and {row["match"] for row in rows} == {"发展"}


def test_a_bad_filter_is_one_line_in_the_panel(qtbot, library_path, tmp_path):
    _, _, bench = _bench(qtbot, library_path, tmp_path)
    bench.concordance.filters.date_from.setText("yesterday")
    assert not bench.concordance.run("吕梁")
    assert "YYYY" in bench.concordance.summary.text()


def test_trend_chart_has_one_series_per_term_and_exports(qtbot, library_path, tmp_path):
    _, _, bench = _bench(qtbot, library_path, tmp_path)
    panel = bench.trends
    assert panel.run(["吕梁", "发展"])
    assert set(panel.series) == {"吕梁", "发展"}
    drawn = [item for item in panel.plot.getPlotItem().listDataItems()]
    assert len(drawn) == 2  # one issue: one run of periods per term
    panel.export_png(tmp_path / "trend.png")
    panel.export_svg(tmp_path / "trend.svg")
    panel.export_csv(tmp_path / "trend.csv")
    assert (tmp_path / "trend.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "trend.svg").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "trend.csv").read_text(encoding="utf-8-sig"))))
    assert {row["term"] for row in rows} == {"吕梁", "发展"}


def test_trend_draws_gaps_as_breaks_in_the_line(qtbot):
    from dubao.core.library.corpus_records import TrendPoint
    from dubao.gui.workbench_trend import runs

    points = [TrendPoint("2021-01", 2, 100, 200.0), TrendPoint("2021-02", None, 0, None),
              TrendPoint("2021-03", 0, 50, 0.0), TrendPoint("2021-04", 1, 80, 125.0)]
    assert [[index for index, _ in run] for run in runs(points)] == [[0], [2, 3]]


def test_profile_page_lists_titles_and_links_articles(qtbot, library_path, tmp_path):
    store, _, bench = _bench(qtbot, library_path, tmp_path)
    panel = bench.profiles
    assert panel.run("孙大军")
    page = panel.page.toPlainText()
    assert "市委书记" in page and "First seen" in page
    opened = []
    panel.open_requested.connect(lambda *args: opened.append(args))
    from PySide6.QtCore import QUrl

    panel.page.anchorClicked.emit(QUrl(f"article:{panel.profile.first.article}"))
    assert opened == [(panel.profile.first.article, 0, 0)]
    assert not panel.run("无此人") and "no person" in panel.page.toPlainText()


def test_codebook_shows_the_hierarchy_memos_and_coded_highlights(qtbot, library_path, tmp_path):
    store, ops, bench = _bench(qtbot, library_path, tmp_path)
    article = store.articles(store.list_issues()[0].id)[0]
    annotation = ops.add_annotation(article.id, 0, 4, tags=("人事/任免", "会议"))
    panel = bench.codebook
    panel.refresh()
    top = [panel.tree.topLevelItem(index).text(0) for index in range(panel.tree.topLevelItemCount())]
    assert top == ["人事", "会议"]
    child = panel.tree.topLevelItem(0).child(0)
    assert child.text(0) == "任免" and child.text(1) == "1"
    panel.tree.setCurrentItem(child)
    panel.memo.setPlainText("appointments and removals")
    panel.save_memo()
    assert store.get_code("人事/任免").memo == "appointments and removals"
    assert panel.highlights.count() == 1 and annotation.quote in panel.highlights.item(0).text()
    assert panel.cooccurrence.rowCount() == 2
    assert panel.add_code("人事/任免/副职")
    assert [code.path for code in store.codes()].count("人事/任免/副职") == 1


def test_the_main_window_opens_the_workbench_and_a_hit_marks_the_article(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=1)
    window.actions_by_name  # noqa: B018 — the window is fully built
    bench = window.show_workbench()
    assert bench.isVisible()
    bench.concordance.run("中国能源建设集团有限公司")
    hit = bench.concordance.hits[0]
    bench.concordance.open_hit(0)
    qtbot.waitUntil(lambda: window.current_article_id == hit.article, timeout=10000)
    assert window.reader.selected_span() == (hit.start, hit.end) or window.reader.text()[hit.start:hit.end] == hit.match


def test_keywords_run_off_the_gui_thread_and_fill_the_table(qtbot, library_path, tmp_path):
    store, _, bench = _bench(qtbot, library_path, tmp_path)
    panel = bench.keywords
    panel.part_a.setText("last year")
    assert not panel.run() and "YYYY" in panel.summary.text()
    store.update_issue(store.list_issues()[0].id, date="2023-02-18")
    panel.part_a.setText("2023")
    panel.part_b.setText("paper=吕梁日报")
    assert panel.run()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60000)
    assert panel.go.isEnabled()
    assert panel.table.rowCount() == len(panel.result.keywords)
    assert panel.result.words_a == panel.result.words_b > 0  # the same articles on both sides


def test_screenshot_pictures_the_workbench_tab_asked_for(qapp, library_path, tmp_path):
    from PySide6.QtGui import QImage

    from dubao.gui.app import main

    target = tmp_path / "kwic.png"
    assert main(["--screenshot", str(target), "--library", str(library_path), "--tab", "Concordance",
                 "--search", "吕梁"]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 760)  # the workbench window, not the main one
