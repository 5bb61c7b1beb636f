"""The main window as a user meets it: first start, picking articles, coming back to where they left off."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from window_helpers import (article_number, library_path, open_window, sample_library_template,  # noqa: F401
                            settings_for)


def test_first_start_imports_the_sample_and_shows_its_first_article(qtbot, tmp_path):
    empty_library = tmp_path / "new" / "library.sqlite"
    window = open_window(qtbot, empty_library, tmp_path)
    assert window.store.list_issues(), "the sample issue was imported"
    assert window.reader.current_article.headline == "市委召开常委会会议"
    assert window.reader.text().startswith("市委召开常委会会议")
    assert window.article_list.count() == 5
    assert article_number(window) == 1
    assert "吕梁日报" in window.windowTitle() or "2023-02-18" in window.windowTitle()


def test_picking_an_article_and_moving_with_the_keyboard(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    window.article_list.setCurrentRow(2)
    assert window.reader.current_article.headline.startswith("市政协党组召开")
    window.article_list.setFocus()
    qtbot.keyClick(window.article_list, Qt.Key.Key_Down)
    assert window.reader.current_article.headline.startswith("我市6人荣获")
    assert window.article_list.currentRow() == 3
    window.actions_by_name["previous_article"].trigger()
    assert article_number(window) == 3


def test_restart_restores_the_last_article_and_window_state(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=4)
    window.splitter.setSizes([200, 900, 260])
    sizes = window.splitter.sizes()
    window.close()
    again = open_window(qtbot, library_path, tmp_path)
    assert again.reader.current_article.headline.startswith("我市6人荣获")
    assert again.splitter.sizes() == sizes


def test_opening_a_file_imports_it_and_shows_that_issue(qtbot, library_path, tmp_path):
    issue = tmp_path / "晚报.txt"
    issue.write_text("市长调研城市建设\n\n本报讯 3月1日，市长在城区调研城市建设工作。\n", encoding="utf-8")
    window = open_window(qtbot, library_path, tmp_path, open_files=[str(issue)])
    qtbot.waitUntil(lambda: len(window.store.list_issues()) == 2, timeout=30000)
    qtbot.waitUntil(lambda: "市长在城区调研" in window.reader.text(), timeout=30000)
    assert window.store.get_issue(window.current_issue_id).source_path.endswith("晚报.txt")
    assert window.article_list.count() == len(window.store.articles(window.current_issue_id))


def test_a_long_file_opened_with_the_window_shows_how_far_its_names_are_read(qtbot, library_path, tmp_path,
                                                                             monkeypatch, sample_text):
    from dubao.gui.main_window import MainWindow

    body = "".join(line.strip() for line in sample_text.splitlines() if len(line.strip()) > 30)[:9000]
    issue = tmp_path / "晚报-长文.txt"
    issue.write_text(f"全市重点工作综述\n\n本报讯 {body}\n", encoding="utf-8")
    shown = []
    real = MainWindow._show_import_progress

    def watched(window, path, done, total):
        real(window, path, done, total)
        shown.append(window.status_label.text())

    monkeypatch.setattr(MainWindow, "_show_import_progress", watched)
    window = open_window(qtbot, library_path, tmp_path, open_files=[str(issue)])
    qtbot.waitUntil(lambda: "全市重点工作综述" in window.reader.text(), timeout=60000)
    assert len(set(shown)) >= 3 and shown[-1] == "Importing 晚报-长文.txt: finding names, 100%…", shown
    assert window.status_label.text() == ""  # the line goes once the issue is in


def test_public_surface_for_the_reading_features(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    assert [window.sidebar.tabText(i) for i in range(2)] == ["Entities", "Notes"]
    assert window.left_panel.tabText(0) == "Articles"
    for name in ("&File", "&Edit", "&View", "&Help"):
        assert window.menu(name).title() == name
    assert window.menu("&Edit").actions(), "Edit holds undo, redo and the highlight actions"
    signals = ("annotations_changed", "vocabulary_changed", "library_changed", "settings_changed")
    assert all(hasattr(window.ops, name) for name in signals)
    assert window.toolbar.actions()


def test_another_library_does_not_open_the_last_article_of_the_first(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=3)
    window.close()
    other = tmp_path / "other" / "library.sqlite"
    other.parent.mkdir()
    shutil.copy(library_path, other)
    again = open_window(qtbot, other, tmp_path)
    assert article_number(again) == 1, "a different library starts at its first article"


def test_opening_a_good_and_a_broken_file_imports_one_and_names_the_other(qtbot, library_path, tmp_path,
                                                                         monkeypatch):
    from dubao.gui import main_window

    warnings = []
    monkeypatch.setattr(main_window, "warn", lambda parent, title, text: warnings.append(text))
    good = tmp_path / "good.txt"
    good.write_text("市长调研城市建设\n\n本报讯 3月1日，市长在城区调研城市建设工作。\n", encoding="utf-8")
    broken = tmp_path / "photo.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    window = open_window(qtbot, library_path, tmp_path, open_files=[str(good), str(broken)])
    qtbot.waitUntil(lambda: bool(warnings), timeout=30000)
    assert "photo.png" in warnings[0] and "good.txt" not in warnings[0]
    assert len(window.store.list_issues()) == 2
    qtbot.waitUntil(lambda: "市长在城区调研" in window.reader.text(), timeout=30000)
