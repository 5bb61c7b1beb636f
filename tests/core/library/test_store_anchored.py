"""Adding annotations with their re-anchoring outcome: fuzzy scores, orphans kept, batches all-or-nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_helpers import SAMPLE_ARTICLES, make_issue

from dubao.core.library.store import Store
from dubao.core.models import Annotation


@pytest.fixture
def path(tmp_path):
    return tmp_path / "library.sqlite"


@pytest.fixture
def store(path):
    with Store.open(path) as opened:
        yield opened


@pytest.fixture
def articles(store):
    source, issue = make_issue(SAMPLE_ARTICLES, "/papers/lvliang-2023-02-18.txt")
    return store.articles(store.save_issue(issue, source, paper="吕梁日报", date="2023-02-18").issue_id)


def _span(article, needle):
    start = article.text.index(needle)
    return start, start + len(needle)


def test_a_fuzzy_annotation_keeps_its_score_and_reads_its_quote_from_the_text(store, articles):
    first = articles[0]
    start, end = _span(first, "中国式现代化")
    added = store.add_anchored_annotation(Annotation(
        first.id, start, end, color="blue", note="老师的批注", tags=("理论",), status="fuzzy", score=0.82,
        quote="中国式现代代化"))  # the teacher's quote had a typo: what is stored is what the text holds
    again = store.get_annotation(added.id)
    assert (again.status, again.score, again.quote) == ("fuzzy", 0.82, "中国式现代化")
    assert again.prefix.endswith("努力交出") and again.suffix.startswith("的吕梁")
    assert again.source_start is not None and again.tags == ("理论",)
    assert [a.id for a in store.annotations(status="fuzzy")] == [added.id]


def test_an_orphan_is_kept_with_its_quote_and_context_and_listed(store, articles):
    second = articles[1]
    orphan = store.add_anchored_annotation(Annotation(
        second.id, 500, 510, color="pink", note="这段话不见了\n第二行", tags=("人事",), status="orphaned",
        score=0.4, quote="孙大军同志讲话", prefix="会上,", suffix="。会议要求"))
    assert orphan.status == "orphaned" and orphan.score is None  # nothing matched: no score to give
    assert (orphan.quote, orphan.prefix, orphan.suffix) == ("孙大军同志讲话", "会上,", "。会议要求")
    assert orphan.start == orphan.end == len(second.text)  # a hint clipped into the article, never past its end
    assert orphan.source_start is None and orphan.source_end is None
    assert store.annotations(status="orphaned") == [orphan]
    assert orphan in store.annotations(article_id=second.id)
    # like any other annotation it can be deleted and restored
    store.delete_annotation(orphan.id)
    assert store.annotations(status="orphaned") == []
    assert store.restore_annotation(orphan.id).status == "orphaned"


@pytest.mark.parametrize("changes, message", [
    ({"status": "fuzzy", "score": None}, "needs the score"),
    ({"status": "fuzzy", "score": 1.5}, "between 0 and 1"),
    ({"status": "lost"}, "status must be one of"),
    ({"color": "orange"}, "colour must be one of"),
    ({"start": 5, "end": 5}, "not a non-empty part"),
])
def test_a_bad_outcome_is_refused(store, articles, changes, message):
    fields = {"article_id": articles[0].id, "start": 0, "end": 4, **changes}
    with pytest.raises(ValueError, match=message):
        store.add_anchored_annotation(Annotation(**fields))
    assert store.annotations(include_deleted=True) == []


def test_add_annotation_keeps_its_signature_and_checks(store, articles):
    first = articles[0]
    added = store.add_annotation(first.id, 0, 4, "green", "note", ["a", " a ", "b"])
    assert (added.status, added.score, added.color, added.tags) == ("exact", None, "green", ("a", "b"))
    assert store.add_annotation(first.id, start=1, end=3, tags="单个").tags == ("单个",)
    with pytest.raises(ValueError, match="not a non-empty part"):
        store.add_annotation(first.id, 3, 3)
    with pytest.raises(KeyError):
        store.add_annotation(9999, 0, 1)


def test_a_batch_comes_back_in_order_in_one_transaction(store, articles):
    first, second = articles
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    items = [Annotation(article.id, i, i + 2, tags=("共用", f"第{i}")) for i in range(0, 40, 3)
             for article in (second, first)]
    items.append(Annotation(first.id, 0, 0, status="orphaned", quote="已删去的句子"))
    added = store.add_annotations(items)
    store.db.conn.set_trace_callback(None)
    assert [(a.article_id, a.start, a.status) for a in added] == [(i.article_id, i.start, i.status) for i in items]
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == ["BEGIN IMMEDIATE", "COMMIT"]
    assert all(a.tags[0] == "共用" for a in added[:-1])
    assert len(store.annotations()) == len(items)
    assert store.add_annotations([]) == []


def test_a_batch_failing_half_way_leaves_the_library_as_it_was(store, articles, path):
    first = articles[0]
    kept = store.add_annotation(first.id, 0, 2, note="before the batch")
    items = [Annotation(first.id, i, i + 1, tags=("新标签",)) for i in range(10)]
    items.insert(6, Annotation(first.id, 0, len(first.text) + 5, note="past the end"))
    with pytest.raises(ValueError, match="not a non-empty part"):
        store.add_annotations(items)
    assert store.annotations() == [kept]
    assert "新标签" not in store.tags()
    # another connection (another process) sees the same: nothing of the batch reached the file
    other = sqlite3.connect(path)
    try:
        assert other.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
        assert other.execute("SELECT count(*) FROM tags WHERE name = '新标签'").fetchone()[0] == 0
    finally:
        other.close()
    store.add_annotations(items[:6])  # the library still works afterwards
    assert len(store.annotations()) == 7


def test_an_imported_orphan_looks_like_one_left_by_a_re_split(store, articles):
    """Both ways of becoming an orphan give the same record, so every list and export treats them alike."""
    second = articles[1]
    store.add_annotation(second.id, *_span(second, "新型储能"), note="re-split")
    changed = [SAMPLE_ARTICLES[0], (SAMPLE_ARTICLES[1][0], ["这篇稿件已全部改写。"])]
    source, issue = make_issue(changed, "/papers/lvliang-2023-02-18.txt")
    store.save_issue(issue, source, replace=True)
    (resplit,) = store.annotations(status="orphaned")
    imported = store.add_anchored_annotation(Annotation(
        resplit.article_id, resplit.start, resplit.end, status="orphaned", note="imported", quote=resplit.quote,
        prefix=resplit.prefix, suffix=resplit.suffix))
    for field in ("article_id", "start", "end", "quote", "prefix", "suffix", "status", "score", "source_start",
                  "source_end"):
        assert getattr(imported, field) == getattr(resplit, field), field


_KILLED_IMPORTER = textwrap.dedent("""
    import sys, time
    from dubao.core.export.w3c_import import import_annotations
    from dubao.core.library.store import Store

    library, document = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
    original, calls = Store._set_tags, []

    def slow_set_tags(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 150:  # half of the file is in the open transaction: wait here to be killed
            print("half", flush=True)
            time.sleep(60)
        return original(self, *args, **kwargs)

    Store._set_tags = slow_set_tags
    with Store.open(library) as store:
        import_annotations(store, document)
""")


def test_sigkill_in_the_middle_of_an_annotation_import_leaves_none_of_it(tmp_path):
    from dubao.core.export import export
    from dubao.core.export.w3c_import import import_annotations

    source, issue = make_issue(SAMPLE_ARTICLES, "/papers/lvliang-2023-02-18.txt")
    with Store.open(":memory:") as teacher:
        article = teacher.articles(teacher.save_issue(issue, source, paper="吕梁日报", date="2023-02-18").issue_id)[0]
        teacher.add_annotations(Annotation(article.id, i % 20, i % 20 + 3, note=f"批注 {i}", tags=(f"t{i}",))
                                for i in range(300))
        document = tmp_path / "glosses.jsonld"
        document.write_text(export("w3c", teacher), encoding="utf-8")
    library = tmp_path / "student.sqlite"
    with Store.open(library) as student:
        student.save_issue(issue, source, paper="吕梁日报", date="2023-02-18")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3] / "desktop"))
    process = subprocess.Popen([sys.executable, "-c", _KILLED_IMPORTER, str(library), str(document)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout.readline() == "half\n", process.stderr.read()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with Store.open(library) as student:
        assert student.integrity_check() == []
        assert student.annotations(include_deleted=True) == [] and student.tags() == []
        assert import_annotations(student, document.read_text(encoding="utf-8")).added == 300
