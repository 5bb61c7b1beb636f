"""File ▸ Import annotations… (a W3C file, e.g. a teacher's glosses) and the start-up backup of the library."""

from __future__ import annotations

import json
from pathlib import Path

from dubao.core.export import collect, render
from dubao.gui.library_io import backup_folder, import_annotations_from
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401

GONE = "这段话在这一期报纸上根本找不到了"


def _export_then_delete(window, tmp_path: Path) -> tuple[Path, list]:
    """Three highlights made, exported as W3C, one quote in the file changed to text the issue lacks, deleted."""
    ops, article_id, text = window.ops, window.current_article_id, window.reader.text()
    spans = [(0, 4), (10, 16), (30, 36)]
    made = [ops.add_annotation(article_id, start, end, "green", note=f"注释 {n}", tags=("老师",))
            for n, (start, end) in enumerate(spans)]
    document = json.loads(render("w3c", collect(window.store, issue_id=window.current_issue_id)))
    items = document["first"]["items"] if "first" in document else document["items"]
    gone_item = next(item for item in items if any(selector.get("exact") == text[30:36]
                                                   for selector in item["target"]["selector"]))
    for selector in gone_item["target"]["selector"]:
        if selector["type"] == "TextQuoteSelector":
            selector["exact"], selector["prefix"], selector["suffix"] = GONE, "", ""
        if selector["type"] == "TextPositionSelector":
            selector["start"], selector["end"] = 5000, 5000 + len(GONE)
    path = tmp_path / "glosses.jsonld"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for annotation in made:
        ops.delete_annotation(annotation.id)
    assert window.store.annotations(article_id=article_id) == []
    return path, [text[s:e] for s, e in spans]


def _import(qtbot, window, path):
    window.annotation_import_summary = None
    import_annotations_from(window, path)
    qtbot.waitUntil(lambda: window.annotation_import_summary is not None, timeout=30000)
    return window.annotation_import_summary


def test_importing_an_exported_gloss_layer_restores_highlights_and_lists_orphans(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    path, quotes = _export_then_delete(window, tmp_path)
    assert window.reader.annotation_at(1) is None and window.notes_panel.list.count() == 0

    summary = _import(qtbot, window, path)
    assert summary.report.added == 3
    assert "3 annotations — 3 added, 1 orphaned." in summary.summary.text()
    assert any(line.startswith("Orphaned") and GONE[:10] in line for line in summary.lines())
    # the two placed highlights are drawn in the reader and listed in the Notes tab at once
    assert window.reader.annotation_at(1) is not None and window.reader.annotation_at(12).note == "注释 1"
    notes = [window.notes_panel.list.item(row).text() for row in range(window.notes_panel.list.count())]
    assert any(quotes[0] in line for line in notes) and any(quotes[1] in line for line in notes)

    again = _import(qtbot, window, path)  # importing the same file twice adds nothing
    assert again.report.added == 0
    assert "3 already in the library" in again.summary.text()
    assert len([a for a in window.store.annotations(article_id=window.current_article_id)]) == 3


def test_a_file_that_is_not_annotations_is_refused_and_nothing_changes(qtbot, library_path, tmp_path, monkeypatch):
    window = open_window(qtbot, library_path, tmp_path)
    warnings = []
    monkeypatch.setattr("dubao.gui.library_io.warn", lambda parent, title, text: warnings.append(text))
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    import_annotations_from(window, bad)
    qtbot.waitUntil(lambda: warnings != [], timeout=30000)
    assert warnings[0].startswith("notes.json: ") and "Nothing was added." in warnings[0]
    binary = tmp_path / "scan.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    import_annotations_from(window, binary)
    assert "not UTF-8" in warnings[-1]
    assert window.store.annotations() == []


def test_a_backup_of_the_library_appears_beside_it_after_start(qtbot, library_path, tmp_path):
    folder = backup_folder(library_path)
    assert not folder.exists()
    window = open_window(qtbot, library_path, tmp_path)
    qtbot.waitUntil(lambda: getattr(window, "last_backup", None) is not None, timeout=30000)
    copies = list(folder.glob("library-*.sqlite"))
    assert [Path(window.last_backup)] == copies
    from dubao.core.library.store import Store

    with Store.open(copies[0]) as copy:  # a real library with the same issues
        assert [i.id for i in copy.list_issues()] == [i.id for i in window.store.list_issues()]


def _break_a_page(path: Path) -> None:
    """Overwrite the header of a page in the middle of the file: SQLite's quick check must see it."""
    page_size = 4096
    pages = path.stat().st_size // page_size
    with open(path, "r+b") as handle:
        handle.seek((pages // 2) * page_size)
        handle.write(b"\xff" * 200)


def test_a_damaged_library_offers_to_open_its_latest_backup(qtbot, library_path, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        issues = [issue.id for issue in store.list_issues()]
        store.backup(backup_folder(library_path) / "library-20260101-000000.sqlite")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _break_a_page(library_path)
    damaged = library_path.read_bytes()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.Yes)
    window = open_window(qtbot, library_path, tmp_path)
    assert asked and "damaged" in asked[0] and "library-20260101-000000.sqlite" in asked[0]
    assert window.store.path != library_path and window.store.path.parent == library_path.parent
    assert [issue.id for issue in window.store.list_issues()] == issues  # the backup's work, in a copy of it
    assert library_path.read_bytes() == damaged  # the damaged file is left for `.recover`
