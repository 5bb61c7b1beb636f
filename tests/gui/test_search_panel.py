"""Search: keyword-in-context results grouped by issue; choosing one opens the article with the hit marked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dubao.gui.search_panel import HIT_ROLE, KWIC_ROLE, SearchPanel, find_in_text, kwic
from dubao.gui.session import Session
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def test_kwic_centres_the_hit_with_context_on_both_sides():
    text = "第一段\n吕梁市委召开会议，研究吕梁发展。"
    start = text.index("吕梁", 5)
    left, hit, right = kwic(text, start, start + 2, width=4)
    assert (left, hit, right) == ("议，研究", "吕梁", "发展。")
    assert kwic(text, 4, 6, width=10)[0] == "第一段 "  # the line break is shown as a space


def test_find_in_text_gives_every_occurrence_in_code_points():
    text = "𠮷吕梁，吕梁吕梁"
    assert find_in_text(text, "吕梁") == [(1, 3), (4, 6), (6, 8)]
    assert find_in_text(text, "") == [] and find_in_text(text, "北京") == []


def test_library_search_groups_hits_by_issue_with_the_hit_in_context(qtbot, library_path):
    from dubao.core.library.store import Store

    store = Store.open(library_path)
    panel = SearchPanel(Session(store), lambda: None, lambda issue_id: f"issue {issue_id}")
    qtbot.addWidget(panel)
    total = panel.search_library("吕梁")
    assert total == store.search("吕梁").total > 5
    assert panel.results.topLevelItemCount() == 1  # one issue in the library
    group = panel.results.topLevelItem(0)
    assert group.text(0).startswith("issue ") and group.text(0).endswith(str(total))
    rows = panel.hit_items()
    assert len(rows) == total
    for row in rows:
        article_id, start, end = row.data(0, HIT_ROLE)
        left, hit, right = row.data(0, KWIC_ROLE)
        text = store.get_article(article_id).text
        assert hit == text[start:end] == "吕梁"
        assert text[:start].replace("\n", " ").endswith(left) and text[end:].replace("\n", " ").startswith(right)
    assert f"{total} results for “吕梁” in 1 issue" in panel.summary.text()
    assert panel.search_library("不存在的词语") == 0 and "No results" in panel.summary.text()
    store.close()


def test_ctrl_shift_f_searches_and_choosing_a_hit_opens_the_article_with_it_marked(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=1)
    panel = window.reading.search_panel
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.sidebar.currentWidget() is panel and panel.scope() == "library"
    panel.field.setText("中国能源建设集团有限公司")  # typing CJK through QTest asserts in Qt; the field takes text
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    rows = panel.hit_items()
    assert rows, "the company name occurs in article 2"
    article_id, start, end = rows[0].data(0, HIT_ROLE)
    assert article_id != window.current_article_id
    panel.results.itemActivated.emit(rows[0], 0)
    assert window.current_article_id == article_id
    assert window.reader.text()[start:end] == "中国能源建设集团有限公司"
    mark = window.reader.extraSelections()[-1]
    assert mark.cursor.selectedText() == "中国能源建设集团有限公司"
    rect = window.reader.char_rect(start)
    assert 0 <= rect.top() < window.reader.viewport().height(), "the hit is scrolled into view"


def test_ctrl_f_finds_in_the_current_article_and_marks_every_hit(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=5)
    panel = window.reading.search_panel
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.scope() == "article" and panel.field.hasFocus()
    panel.field.setText("项目")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    expected = find_in_text(window.reader.text(), "项目")
    assert len(expected) > 1 and len(panel.hit_items()) == len(expected)
    marked = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.reader.extraSelections()]
    assert all(span in marked for span in expected)  # no astral characters here: UTF-16 = code points
    last = panel.hit_items()[-1]
    panel.results.itemActivated.emit(last, 0)
    start = last.data(0, HIT_ROLE)[1]
    assert 0 <= window.reader.char_rect(start).top() < window.reader.viewport().height()


def test_searching_an_entity_name_from_the_sidebar(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    total = window.reading.search.search_library("张广勇")
    assert total == window.store.search("张广勇").total > 0
    assert window.sidebar.currentWidget() is window.reading.search_panel
    assert window.reading.search_panel.field.text() == "张广勇"


def test_context_is_cut_from_the_store_snippet_without_reading_the_article():
    from dubao.core.library.search import _snippet
    from dubao.gui.search_panel import kwic_from_snippet

    text = "吕梁" + "市委召开常委会会议研究部署全年工作" * 4 + "吕梁\n发展"
    for start in (0, 20, text.rindex("吕梁")):
        assert kwic_from_snippet(_snippet(text, start, start + 2), start, start + 2) == kwic(text, start, start + 2)


def test_common_words_come_a_page_at_a_time(qtbot, library_path, monkeypatch):
    from dubao.core.library.store import Store
    from dubao.gui import search_panel

    monkeypatch.setattr(search_panel, "PAGE_SIZE", 10)
    store = Store.open(library_path)
    panel = SearchPanel(Session(store), lambda: None)
    qtbot.addWidget(panel)
    total = panel.search_library("的")
    assert total > 25 and len(panel.hit_items()) == 10
    assert not panel.more_button.isHidden() and "(showing 10)" in panel.summary.text()
    assert panel.show_more() == 10
    while not panel.more_button.isHidden():
        panel.show_more()
    spans = [item.data(0, HIT_ROLE) for item in panel.hit_items()]
    assert len(spans) == total == len(set(spans)), "every occurrence once, none twice"
    store.close()


def test_ctrl_shift_f_on_a_chosen_entity_searches_its_name(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    tree = window.entities_panel.tree
    qtbot.waitUntil(lambda: bool(window.entities_panel.entity_items()), timeout=30000)
    item = next(i for i in window.entities_panel.entity_items() if i.text(0).startswith("张广勇"))
    tree.setCurrentItem(item)
    tree.setFocus()
    window.reading.actions["find_library"].trigger()
    panel = window.reading.search_panel
    assert panel.field.text() == "张广勇" and panel.scope() == "library"
    assert len(panel.hit_items()) == window.store.search("张广勇").total


def test_f3_steps_through_the_hits_and_down_arrow_enters_the_list(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=5)
    panel = window.reading.search_panel
    window.reading.search.focus_search("article")
    panel.field.setText("项目")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    hits = [item.data(0, HIT_ROLE)[1] for item in panel.hit_items()]
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert panel.results.currentItem().data(0, HIT_ROLE)[1] == hits[2]
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert panel.results.currentItem().data(0, HIT_ROLE)[1] == hits[1]
    first_mark = window.reader.extraSelections()
    assert any(sel.cursor.selectionStart() == hits[1] for sel in first_mark)
    panel.field.setFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
