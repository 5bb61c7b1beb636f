"""W3C round trips: export from one library, import into a fresh one holding the same issue."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile

import pytest
from export_samples import ARTICLES, DATE, PAPER, build_issue, sample_library

from dubao.core.errors import LibraryError
from dubao.core.library.anchoring import FUZZY_MIN_SCORE
from dubao.core.export import export
from dubao.core.export.w3c_import import import_annotations
from dubao.core.export.w3c import AnnotationFileError, parse_annotations
from dubao.core.library.store import Store


@pytest.fixture()
def teacher():
    store, issue_id = sample_library()
    yield store, issue_id
    store.close()


def _fresh(articles=ARTICLES, paper=PAPER, date=DATE):
    store = Store.open(":memory:")
    source, issue = build_issue(articles)
    store.save_issue(issue, source, paper=paper, date=date)
    return store


def _work(store):
    return sorted((a.quote, a.start, a.end, a.note, a.tags, a.color) for a in store.annotations())


def test_round_trip_gives_same_quotes_positions_notes_tags_and_colours(teacher):
    store, issue_id = teacher
    document = export("w3c", store, issue_id=issue_id)
    student = _fresh()
    try:
        report = import_annotations(student, document)
        assert report.added == 4 and report.count("exact") == 4
        assert _work(student) == _work(store)
        # importing the same file again adds nothing
        again = import_annotations(student, document)
        assert again.added == 0 and again.count("duplicate") == 4
        assert len(student.annotations()) == 4
    finally:
        student.close()


def test_edited_text_reanchors_moved_and_fuzzy_and_reports_orphans(teacher):
    store, issue_id = teacher
    document = export("w3c", store, issue_id=issue_id)
    edited = [list(article) for article in ARTICLES]
    # article 1: text inserted before the highlights (they move); article 2: the highlighted phrase edited
    edited[0][3] = ("(编者按)" + ARTICLES[0][3][0], ARTICLES[0][3][1])
    edited[1][3] = (ARTICLES[1][3][0], "吕梁东靠汾河、西临黄河,以“985”重要产业链为抓手。")
    edited[2][3] = ("另一篇完全不同的稿件内容。", "毫无关系。")
    student = _fresh([tuple(article) for article in edited], paper=PAPER, date=DATE)
    try:
        report = import_annotations(student, document)  # other sha256: found by paper and date
        outcomes = {result.quote: result.outcome for result in report.results}
        assert outcomes["中国式现代化"] == "moved" and outcomes["市“两会”"] == "moved"
        assert outcomes["“985”重点产业链"] == "fuzzy"
        assert outcomes["𠮷野家首家门店"] == "orphaned"
        assert report.added == 4  # the orphan is kept too, but not placed somewhere wrong
        for result in report.results:
            assert result.annotation is not None and result.annotation.status == result.outcome
            if result.outcome != "orphaned":
                text = student.get_article(result.article_id).text
                assert text[result.start:result.end] == result.annotation.quote
        (orphan,) = student.annotations(status="orphaned")
        assert orphan.quote == "𠮷野家首家门店" and orphan.note == "-注意 'quote' \"双引号\"" and orphan.tags == ("经济",)
        assert orphan.quote not in student.get_article(orphan.article_id).text  # kept, with no place in the text
        assert orphan.source_start is None and orphan.score is None
        assert orphan.prefix and orphan.suffix  # its context travels with it, for a later re-anchoring
    finally:
        student.close()


def test_annotations_for_an_issue_not_in_the_library_are_reported(teacher):
    store, issue_id = teacher
    document = export("w3c", store, issue_id=issue_id)
    other = _fresh(paper="人民日报", date="2020-01-01")
    try:
        # the same text under another paper and date still matches by its sha256
        assert import_annotations(other, document).added == 4
    finally:
        other.close()
    empty = Store.open(":memory:")
    try:
        report = import_annotations(empty, document)
        assert report.count("no-issue") == 4 and report.added == 0
        assert {result.made_on for result in report.results} == {f"{PAPER} {DATE}"}
    finally:
        empty.close()


def test_foreign_annotation_with_position_only_and_bare_body(teacher):
    store, issue_id = teacher
    first = store.articles(issue_id)[0]
    sha = store.get_issue(issue_id).sha256
    start = first.text.index("常委会会议")
    foreign = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/anno/1", "type": "Annotation",
               "bodyValue": "a comment from Hypothesis-like tool",
               "target": {"source": f"urn:dubao:sha256:{sha}:article:1",
                          "selector": {"type": "TextPositionSelector", "start": start, "end": start + 5}}}
    report = import_annotations(store, json.dumps([foreign]))
    (result,) = report.results
    assert result.outcome == "exact" and result.annotation.quote == "常委会会议"
    assert result.annotation.note == "a comment from Hypothesis-like tool"


@pytest.mark.parametrize("text, message", [
    ("not json at all", "not JSON"),
    ('{"type": "Person"}', "no Annotation"),
    ("42", "expected a JSON object"),
])
def test_bad_files_are_refused_with_a_reason(text, message):
    with pytest.raises(AnnotationFileError, match=message):
        parse_annotations(text)


def _edited_student():
    """A library holding an edited copy of the issue: one highlight moved, one edited (fuzzy), one gone."""
    edited = [list(article) for article in ARTICLES]
    edited[0][3] = ("(编者按)" + ARTICLES[0][3][0], ARTICLES[0][3][1])
    edited[1][3] = (ARTICLES[1][3][0], "吕梁东靠汾河、西临黄河,以“985”重要产业链为抓手。")
    edited[2][3] = ("另一篇完全不同的稿件内容。", "毫无关系。")
    return _fresh([tuple(article) for article in edited])


@pytest.fixture()
def edited(teacher):
    """(the teacher's W3C export, an open student library holding an edited copy of the issue)."""
    store, issue_id = teacher
    student = _edited_student()
    yield export("w3c", store, issue_id=issue_id), student
    student.close()


def test_fuzzy_score_is_stored_and_reimporting_with_orphans_adds_nothing(edited):
    document, student = edited
    report = import_annotations(student, document)
    (fuzzy,) = [r for r in report.results if r.outcome == "fuzzy"]
    assert FUZZY_MIN_SCORE <= fuzzy.score < 1
    stored = student.get_annotation(fuzzy.annotation.id)
    assert (stored.status, stored.score) == ("fuzzy", fuzzy.score)
    statuses = sorted(a.status for a in student.annotations())
    assert statuses == ["fuzzy", "moved", "moved", "orphaned"]
    again = import_annotations(student, document)
    assert again.added == 0 and again.count("duplicate") == 4
    assert sorted(a.status for a in student.annotations()) == statuses
    # the student's own export, with the orphan in it, imported back: still nothing new
    assert import_annotations(student, export("w3c", student)).added == 0


def test_a_file_is_imported_in_one_transaction(edited):
    document, student = edited
    statements = []
    student.db.conn.set_trace_callback(statements.append)
    added = import_annotations(student, document).added
    student.db.conn.set_trace_callback(None)
    assert added == 4
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == ["BEGIN IMMEDIATE", "COMMIT"]


def test_an_import_failing_half_way_adds_nothing(edited, monkeypatch):
    document, student = edited
    original, calls = Store._set_tags, []

    def failing_set_tags(self, *args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:  # the third annotation of the file: two are already in the transaction
            raise sqlite3.OperationalError("disk I/O error")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_set_tags", failing_set_tags)
    with pytest.raises(LibraryError, match="disk"):  # one line for the user, not SQLite's exception
        import_annotations(student, document)
    assert student.annotations(include_deleted=True) == [] and student.tags() == []
    monkeypatch.setattr(Store, "_set_tags", original)
    assert import_annotations(student, document).added == 4  # a second try after the failure works


def test_dry_run_counts_the_orphan_it_would_keep_and_changes_nothing(edited):
    document, student = edited
    report = import_annotations(student, document, dry_run=True)
    assert report.summary(dry_run=True).startswith("4 annotations: 4 would be added")
    assert report.count("orphaned") == 1 and report.added == 0
    assert student.annotations() == []


def test_imported_orphans_appear_in_every_export(edited):
    document, student = edited
    import_annotations(student, document)
    markdown = export("markdown", student)
    orphan_section = markdown[markdown.index("### Orphaned"):]
    assert "> 𠮷野家首家门店" in orphan_section and "注意 'quote'" in orphan_section
    assert "𠮷野家首家门店" not in markdown[:markdown.index("### Orphaned")]
    assert "orphaned: 1" in markdown and "anchor: fuzzy, score 0." in markdown
    rows = list(csv.DictReader(io.StringIO(export("csv", student)[3:].decode("utf-8"), newline="")))
    (orphan_row,) = [row for row in rows if row["status"] == "orphaned"]
    assert (orphan_row["quote"], orphan_row["start"], orphan_row["end"]) == ("𠮷野家首家门店", "", "")
    (fuzzy_row,) = [row for row in rows if row["status"] == "fuzzy"]
    assert 0 < float(fuzzy_row["score"]) < 1
    items = json.loads(export("w3c", student))["first"]["items"]
    by_status = {item.get("dubao:status", "exact"): item for item in items}
    assert set(by_status) == {"moved", "fuzzy", "orphaned"}
    assert [s["type"] for s in by_status["orphaned"]["target"]["selector"]] == ["TextQuoteSelector"]
    assert 0 < by_status["fuzzy"]["dubao:score"] < 1
    with zipfile.ZipFile(io.BytesIO(export("qdpx", student))) as archive:
        qde = archive.read("project.qde").decode("utf-8")
    assert qde.count("<PlainTextSelection") == 3 and "not coded here" in qde and "𠮷野家首家门店" in qde
