"""The import dialog takes a folder of saved web pages as one issue, and tells the user when a file holds an
issue the library already has from another file or encoding."""

from __future__ import annotations

from pathlib import Path

from dubao.core.library.store import Store
from dubao.gui.import_dialog import ImportDialog, expand_paths
from dubao.gui.operations import Operations
from dubao.gui.session import Session
from dubao.gui.settings import Settings

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"


def test_a_folder_of_web_pages_is_one_issue_and_a_copy_in_gbk_is_named_as_held(qtbot, tmp_path, sample_path,
                                                                                sample_text):
    store = Store.open(tmp_path / "library.sqlite")
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    gbk = tmp_path / "lvliang-copy-gbk.txt"
    gbk.write_bytes(sample_text.encode("gb18030"))
    epaper = WEB / "rmrb-2026-01-14"
    assert expand_paths([epaper]) == [str(epaper)]
    dialog = ImportDialog(ops, [epaper, sample_path, gbk])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_importing, timeout=120000):
        dialog.show()
    lines = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert lines[0] == "rmrb-2026-01-14 — ✓ imported, 2 articles"
    sample_issue = dialog.results[1][1].issue_id
    assert lines[2] == (f"lvliang-copy-gbk.txt — already in the library as issue {sample_issue} "
                        "(the same issue from another file, encoding or format)")
    assert dialog.summary.text() == "2 imported, 1 already in the library."
    assert sorted(issue.paper for issue in store.list_issues()) == ["人民日报", "吕梁日报"]


def test_web_pages_chosen_together_are_one_issue(qtbot, tmp_path):
    store = Store.open(tmp_path / "library.sqlite")
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    pages = sorted((WEB / "rmrb-2026-01-14").iterdir()) + [WEB / "navigation_only.html"]
    dialog = ImportDialog(ops, pages)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_importing, timeout=120000):
        dialog.show()
    outcomes = [outcome for _path, outcome in dialog.results]
    assert outcomes[0].issue_id == outcomes[1].issue_id and outcomes[0].articles == 2
    assert isinstance(outcomes[2], Exception)
    (issue,) = store.list_issues()
    assert (issue.paper, issue.date, issue.article_count) == ("人民日报", "2026-01-14", 2)
