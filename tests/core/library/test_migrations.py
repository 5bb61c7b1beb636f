"""A library written by the first schema version opens in the current code: migrated, backed up, nothing lost."""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database

from dubao.core.library import migrations
from dubao.core.library.store import Store

FIRST_VERSION = "0001_issues_articles_annotations"


def _first_version_library(path):
    """What Dubao wrote before vocabulary, entities and search existed: one issue, one article, one note."""
    db = Database(path)
    following = migrations.names()[migrations.names().index(FIRST_VERSION) + 1]
    migrations.migrations.apply(db, stop_before=following)
    text = "市委召开常委会会议\n市委书记孙大军主持。"
    db["issues"].insert({"id": 1, "paper": "吕梁日报", "date": "2023-02-18", "source_path": "/old/issue.txt",
                         "sha256": "ab" * 32, "encoding": "gb18030", "source_text": text,
                         "importer_version": "dubao 0.0.1", "imported": "2023-02-18T08:00:00+00:00"})
    db["articles"].insert({"id": 7, "issue_id": 1, "idx": 1, "headline": "市委召开常委会会议", "text": text})
    db["blocks"].insert_all([
        {"article_id": 7, "position": 0, "kind": "headline", "start": 0, "end": 9, "source_spans": "[[0, 9]]"},
        {"article_id": 7, "position": 1, "kind": "paragraph", "start": 10, "end": 20, "source_spans": "[[10, 20]]"},
    ])
    db["annotations"].insert({"id": 3, "article_id": 7, "start": 14, "end": 17, "quote": "孙大军", "prefix": "市委书记",
                              "suffix": "主持。", "color": "pink", "note": "多年的笔记", "status": "exact",
                              "created": "2023-02-18T09:00:00+00:00", "updated": "2023-02-18T09:00:00+00:00"})
    db["tags"].insert({"id": 1, "name": "人物"})
    db["annotation_tags"].insert({"annotation_id": 3, "tag_id": 1, "position": 0})
    db.close()


def test_first_schema_version_is_migrated_with_a_backup(tmp_path):
    path = tmp_path / "library.sqlite"
    _first_version_library(path)
    with Store.open(path) as store:
        assert store.schema_migrations() == migrations.names()
        backup = store.backup_path
        assert backup is not None and backup.exists() and backup.parent == path.parent
        annotation = store.get_annotation(3)
        assert (annotation.quote, annotation.note, annotation.tags, annotation.color) == \
            ("孙大军", "多年的笔记", ("人物",), "pink")
        # the migration that added search indexed the articles that were already there
        assert [(hit.article_id, hit.start) for hit in store.search("孙大军").hits] == [(7, 14)]
        assert store.integrity_check() == []
        store.add_vocab("常委会")  # the new tables work
    # the backup is the library as it was: first version only, data intact
    copy = sqlite3.connect(backup)
    applied = [row[0] for row in copy.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == [FIRST_VERSION]
    assert copy.execute("SELECT note FROM annotations WHERE id = 3").fetchone()[0] == "多年的笔记"
    copy.close()


def test_an_up_to_date_library_is_not_copied_again(tmp_path):
    path = tmp_path / "library.sqlite"
    Store.open(path).close()
    with Store.open(path) as store:
        assert store.backup_path is None
    assert sorted(p.name for p in tmp_path.iterdir() if "before-migration" in p.name) == []


def test_migrations_are_append_only_names_in_order():
    names = migrations.names()
    assert names == sorted(names) and names[0] == FIRST_VERSION
    assert len(set(names)) == len(names)


def test_the_schema_works_in_memory():
    with Store.open(":memory:") as store:
        assert store.schema_migrations() == migrations.names()
        assert json.loads(store.db.execute("SELECT json_array(1)").fetchone()[0]) == [1]
