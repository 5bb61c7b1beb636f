"""The library file: opening, importing issues, reading them back, annotations, vocabulary, entities."""

from __future__ import annotations

import sqlite3

import pytest
from store_helpers import SAMPLE_ARTICLES, make_issue

from dubao.core.models import Entity, Mention
from dubao.core.library.store import LibraryError, Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as opened:
        yield opened


@pytest.fixture
def issue_id(store):
    source, issue = make_issue(SAMPLE_ARTICLES, "/papers/lvliang-2023-02-18.txt")
    return store.save_issue(issue, source, paper="吕梁日报", date="2023-02-18").issue_id


def test_new_library_uses_wal_foreign_keys_and_a_busy_timeout(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert store.backup_path is None  # nothing to back up in a brand-new file


def test_a_file_that_is_not_a_library_is_refused_and_left_untouched(tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("这不是数据库", encoding="utf-8")
    before = text_file.read_bytes()
    with pytest.raises(LibraryError, match="not a Dubao library"):
        Store.open(text_file)
    assert text_file.read_bytes() == before

    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE stuff (x)")
    connection.commit()
    connection.close()
    with pytest.raises(LibraryError, match="SQLite database but not a Dubao library"):
        Store.open(other)
    with pytest.raises(LibraryError, match="folder"):
        Store.open(tmp_path)


def test_a_library_from_a_newer_dubao_is_refused(tmp_path):
    path = tmp_path / "library.sqlite"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('dubao', '9999_from_the_future', 'x')")
    connection.commit()
    connection.close()
    with pytest.raises(LibraryError, match="newer Dubao"):
        Store.open(path)


def test_import_stores_articles_and_blocks_exactly(store, issue_id):
    source, issue = make_issue(SAMPLE_ARTICLES, "/papers/lvliang-2023-02-18.txt")
    stored = store.articles(issue_id)
    assert [a.headline for a in stored] == [a.headline for a in issue.articles]
    for record, original in zip(stored, issue.articles):
        assert record.text == original.text
        assert record.blocks == original.blocks
        assert store.get_article(record.id) == record
    assert store.issue_source_text(issue_id) == source
    record = store.get_issue(issue_id)
    assert (record.paper, record.date, record.article_count) == ("吕梁日报", "2023-02-18", 2)


def test_the_same_source_twice_adds_nothing(store, issue_id):
    source, issue = make_issue(SAMPLE_ARTICLES, "/elsewhere/copy.txt")
    outcome = store.save_issue(issue, source)
    assert (outcome.status, outcome.reason, outcome.issue_id) == ("skipped", "duplicate", issue_id)
    assert len(store.list_issues()) == 1


def test_listing_by_paper_and_year_newest_first(store):
    for date, paper in [("2022-12-31", "吕梁日报"), ("2023-01-05", "吕梁日报"), ("2023-03-01", "人民日报"),
                        (None, "人民日报")]:
        # four issues, so four contents (an undated issue with another's content would be that issue)
        brief = ("简讯", [f"{paper}{date}期另有简讯一则。"])
        source, issue = make_issue(SAMPLE_ARTICLES + [brief], None, salt=f"{date}{paper}")
        store.save_issue(issue, source, paper=paper, date=date)
    assert [i.date for i in store.list_issues()] == ["2023-03-01", "2023-01-05", "2022-12-31", None]
    assert [i.date for i in store.list_issues(year=2023)] == ["2023-03-01", "2023-01-05"]
    assert [i.date for i in store.list_issues(paper="吕梁日报", year=2023)] == ["2023-01-05"]
    assert store.papers() == sorted(["人民日报", "吕梁日报"])
    assert store.years() == [2023, 2022]


def test_paper_and_date_can_be_corrected_but_not_to_a_non_date(store, issue_id):
    updated = store.update_issue(issue_id, paper="山西日报", date="2023-02-19")
    assert (updated.paper, updated.date) == ("山西日报", "2023-02-19")
    for bad in ("2023-02-30", "18/02/2023", "'; DROP TABLE issues; --"):
        with pytest.raises(ValueError):
            store.update_issue(issue_id, date=bad)
    assert store.get_issue(issue_id).date == "2023-02-19"


def test_annotation_keeps_quote_context_and_source_offsets(store, issue_id):
    article = store.articles(issue_id)[1]
    start = article.text.index("中国能源建设集团有限公司")
    end = start + len("中国能源建设集团有限公司")
    annotation = store.add_annotation(article.id, start, end, color="green", note="央企", tags=["企业", "能源"])
    assert annotation.quote == "中国能源建设集团有限公司"
    assert annotation.prefix == article.text[max(0, start - 32):start]
    assert annotation.suffix == article.text[end:end + 32]
    source = store.issue_source_text(issue_id)
    assert source[annotation.source_start:annotation.source_end] == annotation.quote
    assert (annotation.color, annotation.note, annotation.tags, annotation.status) == \
        ("green", "央企", ("企业", "能源"), "exact")


def test_sql_and_html_looking_notes_and_tags_come_back_verbatim(store, issue_id):
    article = store.articles(issue_id)[0]
    note = "'); DROP TABLE annotations; --\n<script>alert('x')</script> &amp; \"引号\" \\ %_"
    tags = ["<b>bold</b>", "x' OR '1'='1", "标签"]
    annotation = store.add_annotation(article.id, 0, 4, note=note, tags=tags)
    again = store.get_annotation(annotation.id)
    assert again.note == note and again.tags == tuple(tags)
    assert store.annotations(tag="x' OR '1'='1") == [again]
    assert store.annotations(tag="x") == []
    assert set(store.tags()) == set(tags)


def test_a_one_megabyte_note_is_stored_whole(store, issue_id):
    article = store.articles(issue_id)[0]
    note = ("笔记" * 262_144) + "𠮷"  # 2 MB of UTF-8, one astral character at the end
    annotation = store.add_annotation(article.id, 1, 3, note=note)
    assert store.get_annotation(annotation.id).note == note


def test_annotations_are_listed_in_text_order_and_filtered(store, issue_id):
    first, second = store.articles(issue_id)
    late = store.add_annotation(first.id, 20, 25, color="blue", tags=["a"])
    early = store.add_annotation(first.id, 2, 6, tags=["b"])
    other = store.add_annotation(second.id, 0, 3, color="blue")
    assert [a.id for a in store.annotations(issue_id=issue_id)] == [early.id, late.id, other.id]
    assert [a.id for a in store.annotations(article_id=first.id)] == [early.id, late.id]
    assert [a.id for a in store.annotations(color="blue")] == [late.id, other.id]
    assert [a.id for a in store.annotations(tag="b")] == [early.id]
    store.delete_annotation(other.id)
    assert store.annotation_counts() == {issue_id: 2}
    assert store.annotation_counts(issue_id) == {first.id: 2}


def test_delete_is_soft_and_restore_brings_it_back(store, issue_id):
    article = store.articles(issue_id)[0]
    annotation = store.add_annotation(article.id, 0, 3, note="重要", tags=["x"])
    deleted = store.delete_annotation(annotation.id)
    assert deleted.deleted
    assert store.annotations(article_id=article.id) == []
    assert store.tags() == []
    assert [a.id for a in store.annotations(article_id=article.id, include_deleted=True)] == [annotation.id]
    with pytest.raises(KeyError):
        store.get_annotation(annotation.id, include_deleted=False)
    restored = store.restore_annotation(annotation.id)
    assert not restored.deleted and restored.note == "重要" and restored.tags == ("x",)


def test_update_changes_only_what_is_given(store, issue_id):
    article = store.articles(issue_id)[0]
    annotation = store.add_annotation(article.id, 0, 3, note="一", tags=["a", "b"])
    changed = store.update_annotation(annotation.id, color="pink")
    assert (changed.color, changed.note, changed.tags) == ("pink", "一", ("a", "b"))
    changed = store.update_annotation(annotation.id, note="二", tags=["c", " c ", ""])
    assert (changed.note, changed.tags) == ("二", ("c",))
    assert store.update_annotation(annotation.id, tags=()).tags == ()


def test_bad_annotation_requests_are_refused(store, issue_id):
    article = store.articles(issue_id)[0]
    for start, end in [(5, 5), (-1, 3), (0, len(article.text) + 1), (8, 3)]:
        with pytest.raises(ValueError):
            store.add_annotation(article.id, start, end)
    with pytest.raises(ValueError, match="colour"):
        store.add_annotation(article.id, 0, 2, color="red; DROP")
    with pytest.raises(KeyError):
        store.add_annotation(99999, 0, 2)
    assert store.annotations() == []


def test_an_issue_with_notes_is_not_deleted_by_accident(store, issue_id):
    article = store.articles(issue_id)[0]
    store.add_annotation(article.id, 0, 3)
    with pytest.raises(LibraryError, match="annotation"):
        store.delete_issue(issue_id)
    assert store.get_issue(issue_id)
    store.delete_issue(issue_id, with_annotations=True)
    assert store.list_issues() == [] and store.search("吕梁").total == 0


def test_vocabulary_keeps_one_item_per_word(store, issue_id):
    article = store.articles(issue_id)[0]
    item = store.add_vocab("常委会", "cháng wěi huì", "standing committee", None, "市委召开常委会会议",
                           article.id, 4, 7)
    again = store.add_vocab("常委会", "", "", 6, "另一个句子")
    assert again.id == item.id
    assert (again.sentence, again.hsk, again.article_id) == ("市委召开常委会会议", 6, article.id)
    assert [v.word for v in store.vocabulary()] == ["常委会"]
    assert store.known_words() == set()
    store.set_vocab_status(item.id, "known")
    assert store.known_words() == {"常委会"}
    assert [v.word for v in store.vocabulary(status="learning")] == []
    with pytest.raises(ValueError):
        store.set_vocab_status(item.id, "forgotten")
    store.delete_vocab(item.id)
    assert store.vocabulary() == []


def test_entity_mentions_across_issues(store, issue_id):
    source, issue = make_issue(SAMPLE_ARTICLES[1:], None, salt="another day")
    second_issue = store.save_issue(issue, source, paper="吕梁日报", date="2023-02-20").issue_id
    store.save_entities(issue_id, [
        Entity("孙大军", "person", titles=("市委书记",), mentions=(Mention(1, 33, 36, "孙大军"),)),
        Entity("吕梁", "place", mentions=(Mention(1, 57, 59, "吕梁"), Mention(2, 67, 69, "吕梁"))),
    ])
    store.save_entities(second_issue, [Entity("吕梁", "place", mentions=(Mention(1, 67, 69, "吕梁"),))])
    mentions = store.entity_mentions("吕梁", "place")
    assert [(m[0], m[3], m[4]) for m in mentions] == [
        (second_issue, "2023-02-20", 1), (issue_id, "2023-02-18", 1), (issue_id, "2023-02-18", 1)]
    assert store.entity_mentions("吕梁", "person") == []
    entities = store.issue_entities(issue_id)
    assert entities[0].name == "孙大军" and entities[0].titles == ("市委书记",)
    assert entities[1].mentions == (Mention(1, 57, 59, "吕梁"), Mention(2, 67, 69, "吕梁"))
    assert store.has_entities(issue_id)


def test_renaming_a_tag_merges_it_into_an_existing_one(store, issue_id):
    article = store.articles(issue_id)[0]
    both = store.add_annotation(article.id, 0, 2, tags=["人事", "人物"])
    old_only = store.add_annotation(article.id, 3, 5, tags=["人事"])
    assert store.rename_tag("人事", "人物") == 2
    assert store.get_annotation(both.id).tags == ("人物",)
    assert store.get_annotation(old_only.id).tags == ("人物",)
    assert store.tags() == ["人物"]
    with pytest.raises(KeyError):
        store.rename_tag("人事", "x")


def test_finding_annotations_by_note_or_quote_text(store, issue_id):
    article = store.articles(issue_id)[0]
    noted = store.add_annotation(article.id, 0, 2, note="关于 50% 的_比例")
    quoted = store.add_annotation(article.id, 2, 6)
    assert store.annotations(contains="50%") == [noted]
    assert store.annotations(contains="%") == [noted]  # literal, not a LIKE pattern
    assert store.annotations(contains=quoted.quote) == [quoted]
    assert store.counts() == {"issues": 1, "articles": 2, "annotations": 2, "vocabulary": 0}
