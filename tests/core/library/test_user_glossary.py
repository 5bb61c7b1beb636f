"""The user's glossary in the library: saved, renamed, deleted, imported all-or-nothing, and used when an issue
is imported, so a local formulation of the class's own is found as one unit."""

from __future__ import annotations

import pytest

from dubao.core.entities import glossary as glossary_module
from dubao.core.entities.glossary import Formulation, GlossaryError
from dubao.core.errors import NotFoundError
from dubao.core.export.glossary_file import glossary_csv, read_glossary_text
from dubao.core.library.store import Store
from dubao.core.pipeline import import_file


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as opened:
        yield opened
    glossary_module.use_user_entries([])


def entry(name="三项机制", **fields):
    return Formulation(name, explanation=fields.pop("explanation", "our class's note on a county slogan"),
                       origin="user", **fields)


def test_entries_are_saved_replaced_renamed_and_deleted(store):
    store.save_glossary_entry(entry(variants=("三机制",), expansion=("容错纠错", "能上能下", "激励担当")))
    store.save_glossary_entry(entry(english="three mechanisms"))  # same name: replaced
    (saved,) = store.glossary_entries()
    assert saved.english == "three mechanisms" and saved.variants == () and saved.origin == "user"
    store.save_glossary_entry(entry("三项新机制"), previous_name="三项机制")
    assert [e.name for e in store.glossary_entries()] == ["三项新机制"]
    store.delete_glossary_entry("三项新机制")
    assert store.glossary_entries() == []
    with pytest.raises(NotFoundError):
        store.delete_glossary_entry("三项新机制")


def test_a_csv_round_trip_keeps_lists_and_a_bad_row_imports_nothing(store):
    original = [entry(variants=("三机制", "三项机制建设"), expansion=("容错纠错", "能上能下"), since="2018")]
    assert read_glossary_text(glossary_csv(original), "csv") == original
    with pytest.raises(GlossaryError):
        read_glossary_text("name,explanation\n四个一,fine\n,no name here\n", "csv")
    assert store.glossary_entries() == []


def test_an_imported_issue_finds_the_users_formulation_whole(store, tmp_path):
    store.save_glossary_entry(entry("新疆棉花产业带", category="economy",
                                    explanation="a test entry that holds the place name 新疆"))
    issue = tmp_path / "晚报-2024-03-01.txt"
    issue.write_text("县里推进新疆棉花产业带建设\n\n本报讯 县里推进新疆棉花产业带建设，新疆棉农增收。\n", encoding="utf-8")
    outcome = import_file(store, issue)
    found = {(e.kind, e.name) for e in store.issue_entities(outcome.issue_id)}
    assert ("formulation", "新疆棉花产业带") in found
    entities = store.issue_entities(outcome.issue_id)
    inside = {(m.article, m.start, m.end) for e in entities if e.kind == "formulation" for m in e.mentions}
    places = [m for e in entities if e.kind == "place" for m in e.mentions]
    assert len(inside) == 2
    # 新疆 may be a place where it stands alone (新疆棉农), never inside the formulation
    assert not [m for m in places if any(a == m.article and s <= m.start < e for a, s, e in inside)]
