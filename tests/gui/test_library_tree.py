"""The library tree: papers → years → issues (newest first) → articles, filled lazily; editing an issue's paper and
date moves it; choosing an article opens it in the window."""

from __future__ import annotations

from pathlib import Path

from dubao.core.library.store import Store
from dubao.gui.library_dialogs import IssueDetailsDialog
from dubao.gui.library_tree import ID_ROLE, KIND_ROLE, LibraryTree, issue_label
from dubao.gui.operations import Operations
from dubao.gui.settings import Settings
from dubao.core.pipeline import import_file
from dubao.gui.session import Session
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401

HEADLINES = ["市长调研城市建设", "全市春耕生产有序推进", "我市召开优化营商环境大会", "市委理论学习中心组举行学习会",
             "全市重点项目集中开工", "乡村振兴工作会议召开", "市政协召开常委会议", "文明城市创建工作推进会举行",
             "市人大常委会举行会议", "全市安全生产工作会议召开"]
ISSUES = [("晚报", "2023-12-30"), ("晚报", "2024-01-02"), ("晚报", "2024-01-03"), ("日报", "2024-01-03"), (None, None)]


def _library(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "library.sqlite")
    for number, (paper, date) in enumerate(ISSUES):
        path = tmp_path / f"issue-{number}.txt"
        path.write_text(f"{HEADLINES[2 * number]}\n\n本报讯 第{number}期的正文，内容各不相同。\n\n"
                        f"{HEADLINES[2 * number + 1]}\n\n本报讯 又一篇文章的正文。\n", encoding="utf-8")
        import_file(store, path, paper=paper, date=date)
        if paper is None:  # the importer guesses; make this one truly unknown
            issue_id = store.list_issues()[-1].id
            store.update_issue(issue_id, paper="", date="")
    return store


def _children(item):
    return [item.child(i) for i in range(item.childCount())]


def test_papers_years_issues_articles_newest_first_and_lazy(qtbot, tmp_path):
    store = _library(tmp_path)
    tree = LibraryTree(Session(store))
    qtbot.addWidget(tree)
    papers = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert papers == ["日报  (1)", "晚报  (3)", "(paper unknown)  (1)"]
    evening = tree.topLevelItem(1)
    years = _children(evening)
    assert [y.text(0) for y in years] == ["2024  (2)", "2023  (1)"]
    assert years[0].childCount() == 0, "issues are created when their year is opened"
    years[0].setExpanded(True)
    issues = _children(years[0])
    assert [i.text(0) for i in issues] == ["2024-01-03 周三 · 2 articles", "2024-01-02 周二 · 2 articles"]
    assert issues[0].childCount() == 0
    issues[0].setExpanded(True)
    articles = _children(issues[0])
    assert [a.data(0, KIND_ROLE) for a in articles] == ["article", "article"]
    assert articles[0].text(0) == f"1. {HEADLINES[4]}"
    with qtbot.waitSignal(tree.article_chosen) as chosen:
        tree.itemActivated.emit(articles[1], 0)
    assert chosen.args == [articles[1].data(0, ID_ROLE)]
    assert tree.issue_count() == len(ISSUES)
    store.close()


def test_editing_an_issue_moves_it_and_reload_keeps_open_branches(qtbot, tmp_path):
    store = _library(tmp_path)
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    tree = LibraryTree(Session(store))
    qtbot.addWidget(tree)
    ops.library_changed.connect(lambda: tree.reload())
    unknown = next(i for i in store.list_issues() if i.paper is None)
    dialog = IssueDetailsDialog(unknown, store.papers())
    qtbot.addWidget(dialog)
    assert dialog.undated.isChecked() and not dialog.date.isEnabled()
    dialog.paper.setCurrentText(" 日报 ")
    dialog.undated.setChecked(False)
    dialog.date.setDate(dialog.date.date().fromString("2022-05-04", "yyyy-MM-dd"))
    paper, date = dialog.values()
    ops.update_issue(unknown.id, paper=paper, date=date)
    assert store.get_issue(unknown.id).paper == "日报" and store.get_issue(unknown.id).date == "2022-05-04"
    papers = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert papers == ["日报  (2)", "晚报  (3)"]
    item = tree.reveal_issue(unknown.id)
    assert item is tree.currentItem() and item.text(0).startswith("2022-05-04 周三")
    tree.reload()
    daily = tree.topLevelItem(0)
    assert daily.isExpanded() and any(y.isExpanded() for y in _children(daily)), "open branches stay open"
    store.close()


def test_issue_label_handles_missing_dates():
    from dubao.core.models import Issue, SourceInfo

    record = Issue(SourceInfo(None, "x", "utf-8", 0), id=1, importer_version="v", imported="t", article_count=1)
    assert issue_label(record) == "no date · 1 article"


def test_the_library_tab_in_the_window_opens_articles_and_follows_the_reader(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=3)
    tree = window.reading.library_tree
    assert window.left_panel.indexOf(tree) >= 0
    current = tree.currentItem()
    assert current.data(0, KIND_ROLE) == "article" and current.data(0, ID_ROLE) == window.current_article_id
    issue = current.parent()
    fifth = issue.child(4)
    tree.itemActivated.emit(fifth, 0)
    assert window.current_article_id == fifth.data(0, ID_ROLE)
    assert window.reader.current_article.headline == "奋楫争先谱华章"


def test_switching_to_a_new_library_refreshes_tree_vocabulary_and_search(qtbot, library_path, tmp_path):
    from dubao.gui.library_dialogs import open_library_in

    window = open_window(qtbot, library_path, tmp_path)
    window.ops.add_vocab("会谈", status="known")
    window.reading.search.search_library("吕梁")
    assert window.reading.search_panel.hit_items() and window.reading.vocab_tab.items()
    project = tmp_path / "project" / "research.sqlite"
    assert open_library_in(window, str(project))
    assert window.store.path == project
    assert window.reading.search_panel.hit_items() == [], "old results pointed into the other library"
    assert window.reading.vocab_tab.items() == [] and window.reading.learner.known_words() == set()
    # a new library gets the sample imported in the background, and the tree shows it
    qtbot.waitUntil(lambda: window.reading.library_tree.issue_count() == 1, timeout=60000)
