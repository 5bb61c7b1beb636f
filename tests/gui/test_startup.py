"""The staged start-up (gui/startup.py): the window paints, then the first article's text, then the reading tools
arrive — and the window the user ends up with works as before: every menu action, hover after the analysis,
an import right away."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject, QTimer

from dubao.gui import main_window as main_window_module
from dubao.gui import startup
from window_helpers import library_path, sample_library_template, settings_for  # noqa: F401


def _shown_window(qtbot, library, tmp_path):
    from dubao.gui.main_window import MainWindow

    window = MainWindow(library, settings=settings_for(tmp_path))
    qtbot.addWidget(window)
    window.resize(1360, 860)
    window.show()
    qtbot.waitUntil(lambda: window.reader is not None, timeout=30000)  # the frame has painted; the reader follows it
    return window


class _PaintRecorder(QObject):
    def __init__(self, record):
        super().__init__()
        self.record = record

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.record()
        return False


def test_the_frame_paints_then_the_text_then_the_panels_then_the_tools(qtbot, library_path, tmp_path, monkeypatch):
    """What the user sees, in order: the window's frame (menus, toolbar, the panels' places), then the article's
    text, then the article list and sidebar, then the reading tools; the analysis waits for all of them."""
    seen = {}
    install = main_window_module._install_reading_features

    def recording_install(window):
        seen["listed"] = window.article_list.article_ids()
        seen["entities status"] = window.entities_panel.status.text()
        seen["analysis"] = window.session.analysis(window.current_article_id)
        install(window)

    monkeypatch.setattr(main_window_module, "_install_reading_features", recording_install)
    from dubao.gui.main_window import MainWindow

    window = MainWindow(library_path, settings=settings_for(tmp_path))
    qtbot.addWidget(window)
    frames = []

    def record():
        reader = window.reader
        frames.append((window.store is not None, reader.text() if reader is not None else None,
                       window.article_list is not None and bool(window.article_list.article_ids())))

    watcher = _PaintRecorder(record)
    window.installEventFilter(watcher)
    window.show()
    qtbot.waitUntil(lambda: window.reading is not None, timeout=30000)
    first = frames[0]
    assert first == (False, None, False), "the first paint is the frame alone: no library, reader or list yet"
    text_first = next(frame for frame in frames if frame[1])
    assert text_first[1].startswith("市委召开常委会会议") and not text_first[2], "the text painted before the list"
    assert frames[-1][2], "the list followed"
    assert [action.text() for action in window.menuBar().actions()][:4] == ["&File", "&Edit", "&View", "&Help"]
    assert len(seen["listed"]) > 1, "the panels were filled before the reading tools were built"
    assert seen["analysis"] is None and seen["entities status"] != "Analysing…", "no analysis began before them"
    qtbot.waitUntil(lambda: window.reader.analysis is not None, timeout=60000)  # and it follows them


def test_a_library_that_cannot_be_opened_still_gives_the_whole_window(qtbot, tmp_path):
    from dubao.gui import main_annotations
    from dubao.gui.main_window import MainWindow

    not_a_library = tmp_path / "notes.sqlite"
    not_a_library.write_text("these are not a library's bytes", encoding="utf-8")
    warned = []
    import dubao.gui.main_window as module

    original_warn = module.warn
    module.warn = lambda parent, title, text: warned.append(title)
    try:
        window = MainWindow(not_a_library, settings=settings_for(tmp_path))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.reading is not None, timeout=30000)
    finally:
        module.warn = original_warn
    assert warned == ["Cannot open library"]
    assert window.store is None and window.article_list is not None and window.actions_by_name
    assert not_a_library.read_text(encoding="utf-8") == "these are not a library's bytes"
    del main_annotations


def test_every_menu_action_is_there_and_works_once_started(qtbot, library_path, tmp_path):
    window = _shown_window(qtbot, library_path, tmp_path)
    qtbot.waitUntil(lambda: window.reading is not None and window.reader.analysis is not None, timeout=60000)
    titles = {menu_action.text(): [action.text() for action in menu_action.menu().actions() if action.text()]
              for menu_action in window.menuBar().actions()}
    assert "&Import issues…" in titles["&File"] and "&Export…" in titles["&File"]
    assert "&Undo" in titles["&Edit"] and "&Find in article…" in titles["&Edit"]
    assert "Printed &page beside the text" in titles["&View"] and "&Keyboard shortcuts" in titles["&Help"]
    window.actions_by_name["next_article"].trigger()
    assert window.article_list.article_ids().index(window.current_article_id) == 1
    size = window.settings.font_size
    window.reading.actions["larger"].trigger()
    assert window.settings.font_size == size + 1
    window.reading.actions["pinyin_above"].trigger()
    assert window.settings.pinyin_mode == "above"
    assert window.reading.actions["pinyin_above"].isChecked()
    assert window.page_view is not None and not window.page_view.isVisible()  # built after the text, hidden
    window.reading.actions["page_view"].trigger()
    assert window.page_view.isVisible() and window.splitter.indexOf(window.page_view) == 2


def test_hover_shows_the_popup_after_the_analysis(qtbot, library_path, tmp_path):
    from dubao.gui.screenshot import hover_word

    window = _shown_window(qtbot, library_path, tmp_path)
    qtbot.waitUntil(lambda: window.reader.analysis is not None, timeout=60000)
    assert hover_word(window, "常委会")
    assert window.hover.popup.isVisible()


def test_an_import_right_after_start_up_works(qtbot, library_path, tmp_path):
    issue = tmp_path / "晚报.txt"
    issue.write_text("市长调研城市建设\n\n本报讯 3月1日，市长在城区调研城市建设工作。\n", encoding="utf-8")
    window = _shown_window(qtbot, library_path, tmp_path)
    qtbot.waitUntil(lambda: window.reader.text() != "", timeout=30000)  # the text is there, the tools may not be
    results = []
    window.ops.import_in_background([str(issue)], results.extend, context=window)
    qtbot.waitUntil(lambda: bool(results), timeout=60000)
    assert len(window.store.list_issues()) == 2
    qtbot.waitUntil(lambda: window.reading is not None, timeout=30000)
    assert window.reading.library_tree.topLevelItemCount() >= 1


def test_the_collector_runs_again_once_the_window_has_started(qtbot, library_path, tmp_path):
    assert gc.isenabled()
    startup.pause_collector()
    try:
        assert not gc.isenabled()
        window = _shown_window(qtbot, library_path, tmp_path)
        qtbot.waitUntil(lambda: window.reading is not None, timeout=30000)
        assert gc.isenabled()
    finally:
        startup.resume_collector()


def test_the_collector_pause_has_a_limit_even_if_no_window_finishes(qtbot, monkeypatch):
    monkeypatch.setattr(startup, "PAUSE_LIMIT_MS", 50)
    try:
        startup.pause_collector()
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
    finally:
        startup.resume_collector()
    assert gc.isenabled()


def test_after_paint_runs_once_even_when_no_paint_comes(qtbot):
    from PySide6.QtWidgets import QWidget

    hidden = QWidget()  # never shown: never painted
    qtbot.addWidget(hidden)
    calls = []
    startup.after_paint(hidden, lambda: calls.append("ran"), wait_ms=20)
    qtbot.waitUntil(lambda: calls == ["ran"], timeout=5000)
    QTimer.singleShot(50, lambda: None)
    qtbot.wait(100)
    assert calls == ["ran"]


def test_the_first_article_is_analysed_once(qtbot, library_path, tmp_path, monkeypatch):
    from dubao.gui import main_articles
    from dubao.gui.session import Session

    # the article's own analysis timer firing after the start-up is done (a fast machine) must not ask again
    monkeypatch.setattr(main_articles, "ANALYSIS_DELAY_MS", 400)
    asked = []
    request = Session.request_analysis
    monkeypatch.setattr(Session, "request_analysis",
                        lambda self, article, *rest: asked.append(article.id) or request(self, article, *rest))
    window = _shown_window(qtbot, library_path, tmp_path)
    qtbot.waitUntil(lambda: window.reader.analysis is not None, timeout=60000)
    qtbot.wait(600)  # the article's own analysis timer has fired
    assert asked == [window.current_article_id]


_FIRST_PAINT_IMPORTS = """
import sys
from dubao.gui.app import create_application
app = create_application([])
from dubao.gui.main_window import MainWindow
later = ("dubao.core.models", "dubao.core.library.store", "sqlite_utils", "numpy", "jieba", "pypinyin",
         "dubao.core.entities", "dubao.core.export", "dubao.gui.reading_tools", "dubao.gui.page_view",
         "dubao.gui.note_editor", "dubao.gui.workbench_window")
print(sorted(name for name in later if name in sys.modules))
"""


def test_what_the_first_paint_waits_for_stays_small():
    """The window's module imports none of what only comes after its first paint (the library, the models,
    the reading tools, dialogs): each of them once cost the first paint tens of milliseconds."""
    result = subprocess.run([sys.executable, "-c", _FIRST_PAINT_IMPORTS], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


_MODULE_CHECK = """
import inspect, json, sys
import dubao.gui  # puts the quick check in place
import dubao.gui.reader, dubao.core.text, json.decoder
feature = sys.modules["shibokensupport.feature"]
check = feature._mod_uses_pyside
def pyside_answer(module):
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False
names = ["dubao.gui.reader", "dubao.core.text", "json.decoder", "sys", "_sqlite3" if "_sqlite3" in sys.modules else "math"]
import math
print(json.dumps({"quick": getattr(check, "dubao_quick", False),
                  "answers": {name: [check(sys.modules[name]), pyside_answer(sys.modules[name])] for name in names}}))
"""


def test_pyside_checks_each_imported_module_quickly_with_the_same_answer():
    """PySide reads every module imported after it to learn whether it uses PySide (gui/pyside_imports.py); the
    window's start-up gives it that answer from one read of the file instead (~8 ms before the first paint). The
    answer must be PySide's own for modules that use PySide, that do not, and that have no source."""
    result = subprocess.run([sys.executable, "-c", _MODULE_CHECK], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    import json

    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["quick"] is True
    answers = found["answers"]
    assert answers["dubao.gui.reader"] == [True, True]
    assert answers["dubao.core.text"] == [False, False]
    assert all(quick == pyside for quick, pyside in answers.values())


def _window_lightness(window) -> int:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_the_system_theme_paints_the_frame_as_last_time_and_then_follows_the_system(qtbot, library_path, tmp_path,
                                                                                   monkeypatch):
    """Theme "system": the first frame is painted in the scheme the system had at the last start (no light flash
    on a dark desktop, without asking the system before the first paint); once started, the window follows the
    system, and remembers it for the next start."""
    from PySide6.QtWidgets import QApplication

    from dubao.gui import reading_tools, settings_dialog

    original = QApplication.palette()
    try:
        for last_start_dark, system_dark in ((False, True), (True, False)):
            for module in (settings_dialog, reading_tools):
                monkeypatch.setattr(module, "system_prefers_dark", lambda dark=system_dark: dark)
            settings = settings_for(tmp_path)
            settings.theme, settings.system_dark = "system", last_start_dark
            from dubao.gui.main_window import MainWindow

            window = MainWindow(library_path, settings=settings)
            qtbot.addWidget(window)
            frames = []
            recorder = _PaintRecorder(lambda: frames.append(_window_lightness(window)))
            window.installEventFilter(recorder)
            window.show()
            qtbot.waitUntil(lambda: window.reading is not None, timeout=30000)
            assert (frames[0] < 128) == last_start_dark, "the first frame in the scheme of the last start"
            assert (_window_lightness(window) < 128) == system_dark, "then the system's scheme"
            assert window.settings.system_dark == system_dark
            window.close()
            QApplication.setPalette(original)
    finally:
        QApplication.setPalette(original)


def test_the_keys_read_the_article_once_it_shows(qtbot, library_path, tmp_path):
    """The reader has the keyboard when the window has started: Page Down scrolls the article at once."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = _shown_window(qtbot, library_path, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.reading is not None, timeout=30000)
    window.resize(900, 500)
    qtbot.waitUntil(lambda: window.reader.verticalScrollBar().maximum() > 0, timeout=10000)
    assert QApplication.focusWidget() is window.reader
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    assert window.reader.verticalScrollBar().value() > 0
