"""Importing several issue files: progress, a line per file, failures listed, the rest imported — from the dialog
and by dropping files on the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from dubao.core.library.store import Store
from dubao.gui.import_dialog import ImportDialog, expand_paths
from dubao.gui.operations import Operations
from dubao.gui.settings import Settings
from dubao.gui.session import Session
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def _issue(folder: Path, name: str, headline: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{headline}\n\n本报讯 {body}\n", encoding="utf-8")
    return path


def _three_files(folder: Path) -> list[Path]:
    first = _issue(folder, "晚报-2024-03-01.txt", "市长调研城市建设", "3月1日，市长在城区调研城市建设工作，要求加快项目进度。")
    picture = folder / "front-page.png"
    picture.write_bytes(PNG_BYTES)
    second = _issue(folder, "晚报-2024-03-02.txt", "全市春耕生产有序推进", "记者从市农业农村局获悉，全市春耕备耕工作有序推进。")
    return [first, picture, second]


def _run(qtbot, dialog: ImportDialog) -> ImportDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_importing, timeout=60000):
        dialog.show()
    return dialog


def test_three_files_one_a_png_two_imported_and_the_png_listed_as_failed(qtbot, tmp_path):
    store = Store.open(tmp_path / "library.sqlite")
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    files = _three_files(tmp_path)
    with qtbot.waitSignal(ops.library_changed, timeout=60000):
        dialog = _run(qtbot, ImportDialog(ops, files))
    assert [Path(path).name for path, _ in dialog.results] == [f.name for f in files]
    lines = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert lines[0].startswith("晚报-2024-03-01.txt — ✓ imported, 1 article")
    assert lines[1].startswith("front-page.png — ✗") and len(lines[1]) > len("front-page.png — ✗ ") + 5
    assert "✓ imported" in lines[2]
    assert dialog.summary.text() == "2 imported, 1 failed."
    assert dialog.progress.value() == dialog.progress.maximum()
    headlines = sorted(store.articles(issue.id)[0].headline for issue in store.list_issues())
    assert headlines == ["全市春耕生产有序推进", "市长调研城市建设"]
    assert dialog.first_imported_issue() is not None
    # importing the same files again adds nothing and says so
    again = _run(qtbot, ImportDialog(ops, files[::2]))
    assert again.summary.text() == "0 imported, 2 already in the library."
    assert len(store.list_issues()) == 2
    store.close()


def test_a_dropped_folder_stands_for_the_issue_files_inside(tmp_path):
    folder = tmp_path / "march"
    (folder / "week1").mkdir(parents=True)
    a = _issue(folder, "a.txt", "标题", "正文。")
    b = _issue(folder / "week1", "b.txt", "标题二", "正文二。")
    (folder / "notes.docx").write_bytes(b"PK")
    assert expand_paths([folder, a]) == [str(a), str(b)]


def test_dropping_files_on_the_window_imports_them_and_opens_the_new_issue(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    files = _three_files(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    # as a real drag does: enter (the window must accept it), then drop
    enter = QDragEnterEvent(QPoint(400, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: len(window.store.list_issues()) == 3, timeout=60000)
    dialog = next(w for w in window.findChildren(ImportDialog))
    qtbot.waitUntil(lambda: dialog.summary.text() != "", timeout=60000)
    assert dialog.summary.text() == "2 imported, 1 failed."
    qtbot.waitUntil(lambda: window.reader.current_article.headline == "市长调研城市建设", timeout=10000)
    # the library tree shows the new paper's issues
    tree = window.reading.library_tree
    assert tree.issue_count() == 3


def test_the_window_stays_responsive_and_cancel_stops_before_the_next_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer

    store = Store.open(tmp_path / "library.sqlite")
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    files = _three_files(tmp_path)
    from dubao.core import pipeline, pipeline_parallel

    real_read = pipeline.read_issue

    def slow_read(path, *args, **kwargs):  # as a long issue would take: half a second per file
        import time

        time.sleep(0.5)
        return real_read(path, *args, **kwargs)

    # one process, so that the slow reading patched here is the one that runs
    monkeypatch.setattr(pipeline_parallel, "default_jobs", lambda: 1)
    monkeypatch.setattr(pipeline, "read_issue", slow_read)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    dialog = ImportDialog(ops, files)
    qtbot.addWidget(dialog)
    dialog.show()
    # the dialog names the file being read while the worker reads it
    qtbot.waitUntil(lambda: dialog.current.text().startswith("Importing 晚报-2024-03-01.txt (1 of 3)"), timeout=5000)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    qtbot.waitUntil(dialog.is_done, timeout=20000)
    timer.stop()
    assert len(ticks) >= 10  # the event loop kept running (a blocked GUI thread would tick once or twice)
    assert [Path(path).name for path, _ in dialog.results] == ["晚报-2024-03-01.txt"]
    assert dialog.summary.text() == "1 imported, 2 not imported (cancelled)."
    assert dialog.current.text() == "Cancelled."
    assert [store.articles(issue.id)[0].headline for issue in store.list_issues()] == ["市长调研城市建设"]
    store.close()


def test_a_long_file_shows_how_far_its_names_are_read(qtbot, tmp_path, monkeypatch, sample_text):
    """One long file takes minutes in real life: the line and the bar move while its entities are read."""
    store = Store.open(tmp_path / "library.sqlite")
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    body = "".join(line.strip() for line in sample_text.splitlines() if len(line.strip()) > 30)[:9000]
    long_file = _issue(tmp_path, "晚报-2024-03-03.txt", "全市重点工作综述", body)
    shown = []
    real = ImportDialog._on_progress

    def watched(dialog, index, done, total):
        real(dialog, index, done, total)
        shown.append((dialog.current.text(), dialog.progress.value()))

    monkeypatch.setattr(ImportDialog, "_on_progress", watched)
    dialog = _run(qtbot, ImportDialog(ops, [long_file]))
    percents = [int(text.rsplit(" ", 1)[1].rstrip("%…")) for text, _ in shown]
    assert len(set(percents)) >= 3 and percents == sorted(percents) and percents[-1] == 100, shown
    assert all(text.startswith("Importing 晚报-2024-03-03.txt (1 of 1): finding names, ") for text, _ in shown)
    assert [value for _, value in shown] == sorted(value for _, value in shown)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.summary.text() == "1 imported."


def test_importing_page_pdfs_says_which_page_is_being_read(qtbot, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "ingest"))
    from pdf_fixtures import sample_page

    folder = tmp_path / "2023-02-18"
    folder.mkdir()
    for name in ("p01.pdf", "p02.pdf"):
        (folder / name).write_bytes(sample_page().pdf)
    store = Store.open(tmp_path / "library.sqlite")
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    dialog = ImportDialog(ops, [folder])
    shown: list[str] = []
    show_text = dialog.current.setText
    dialog.current.setText = lambda text: (shown.append(text), show_text(text))
    _run(qtbot, dialog)
    assert dialog.summary.text() == "1 imported."
    assert [text for text in shown if "page" in text] == [
        "Importing 2023-02-18 (1 of 1): reading page 1 of 2…", "Importing 2023-02-18 (1 of 1): reading page 2 of 2…"]
    store.close()
