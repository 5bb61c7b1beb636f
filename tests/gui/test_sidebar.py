"""Entities tab: grouped by kind with counts, choosing one marks its mentions; Notes tab: list, filter, jump."""

from __future__ import annotations

from dubao.gui.sidebar_entities import ROLE_ENTITY
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def entity_item(panel, name):
    for item in panel.entity_items():
        if item.data(0, ROLE_ENTITY).name == name:
            return item
    raise AssertionError(f"{name} not listed: {[i.text(0) for i in panel.entity_items()]}")


def test_entities_are_grouped_by_kind_with_counts(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    tree = window.entities_panel.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert "People" in groups and "Organisations" in groups
    person = entity_item(window.entities_panel, "张广勇")
    assert "市长" in person.text(0)
    mentions = person.data(0, ROLE_ENTITY).mentions
    assert int(person.text(1)) == sum(1 for m in mentions if m.article == 2)


def test_choosing_an_entity_marks_all_its_mentions(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    item = entity_item(window.entities_panel, "张广勇")
    window.entities_panel.tree.setCurrentItem(item)
    text = window.reader.text()
    marked = [sel.cursor.selectedText() for sel in window.reader.extraSelections()]
    assert marked and set(marked) <= {"张广勇"} | set(item.data(0, ROLE_ENTITY).aliases)
    assert len(marked) == text.count("张广勇")


def test_whole_issue_scope_and_other_articles_mentioning_it(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=1)
    panel = window.entities_panel
    in_article = len(panel.entity_items())
    panel.scope.setCurrentIndex(1)
    assert len(panel.entity_items()) > in_article
    item = entity_item(panel, "孙大军")
    panel.tree.setCurrentItem(item)
    others = panel.elsewhere.topLevelItemCount()
    assert others >= 1, "孙大军 appears in other articles of the issue"
    row = panel.elsewhere.topLevelItem(0)
    target = row.data(0, ROLE_ENTITY)[0]
    panel._open_elsewhere(row)
    assert window.current_article_id == target
    assert any(sel.cursor.selectedText() == "孙大军" for sel in window.reader.extraSelections())
    assert panel.tree.currentItem().data(0, ROLE_ENTITY).name == "孙大军", "still following the same person"


def test_notes_tab_lists_filters_and_jumps(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    article_two = window.current_article_id
    text = window.reader.text()
    start = text.index("市长")
    window.ops.add_annotation(article_two, start, start + 2, "green", "mayor", ("people",))
    window.ops.add_annotation(article_two, 0, 3, "pink", "", ("headline",))
    notes = window.notes_panel
    assert notes.list.count() == 2
    notes.colour_filter.setCurrentIndex(notes.colour_filter.findData("green"))
    assert notes.list.count() == 1 and "mayor" in notes.list.item(0).text()
    notes.colour_filter.setCurrentIndex(0)
    notes.tag_filter.setCurrentIndex(notes.tag_filter.findText("headline"))
    assert notes.list.count() == 1 and "#headline" in notes.list.item(0).text()
    notes.tag_filter.setCurrentIndex(0)
    window.open_article(window.article_list.article_ids()[0])
    assert notes.list.count() == 0
    notes.scope.setCurrentIndex(1)
    assert notes.list.count() == 2
    notes._jump(notes.list.item(notes.list.count() - 1))
    assert window.current_article_id == article_two
    assert [sel.cursor.selectedText() for sel in window.reader.extraSelections()].count("市长") == 2


def test_notes_quote_with_full_width_punctuation_and_roles_read_in_chinese():
    from dubao.core.models import Annotation, Entity
    from dubao.gui.hover_popup import _entity_html
    from dubao.gui.sidebar_entities import entity_label
    from dubao.gui.sidebar_notes import annotation_summary

    note = Annotation(1, 0, 12, quote="会议指出,习近平总书记的重要讲话(节选)")
    assert annotation_summary(note).splitlines()[0] == "“会议指出，习近平总书记的重要讲话（节选）”"  # as the reader shows it
    assert annotation_summary(note, fullwidth=False).splitlines()[0] == "“会议指出,习近平总书记的重要讲话(节选)”"
    reporter = Entity("李雅萍", "person", roles=("reporter",))
    assert entity_label(reporter) == "李雅萍 · 记者"
    assert "记者" in _entity_html(reporter, "李雅萍") and "reporter" not in _entity_html(reporter, "李雅萍")
