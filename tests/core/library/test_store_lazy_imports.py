"""Opening an up-to-date library and reading an article needs only sqlite3: sqlite-utils, numpy, the exports and
the entity tagger's package are imported when a write, a migration or a corpus query first needs them (the
window's first article shows that much sooner). The library behaves the same once they are imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dubao.core.library import migrations
from dubao.core.library.store import Store
from store_helpers import SAMPLE_ARTICLES, make_issue

_READ_ONE_ARTICLE = """
import json, sys
from dubao.core.library.store import Store
with Store.open(sys.argv[1], verify=True) as store:
    issue = store.list_issues()[0]
    article = store.get_article(store.articles(issue.id)[0].id)
    store.get_issue(issue.id); store.annotations(article_id=article.id); store.issue_entities(issue.id)
    store.known_words(); store.article_headlines(issue.id)
    heavy = sorted(name for name in ("sqlite_utils", "numpy", "pandas", "dubao.core.export", "dubao.core.entities")
                   if name in sys.modules)
    print(json.dumps({"headline": article.headline, "loaded": heavy}))
"""


def _library_with_one_issue(path: Path) -> None:
    source, issue = make_issue(SAMPLE_ARTICLES)
    with Store.open(path) as store:
        issue_id = store.save_issue(issue, source).issue_id
        article = store.articles(issue_id)[0]
        store.add_annotation(article.id, 0, 2, "yellow", "a note")


def test_reading_an_article_imports_none_of_the_heavy_modules(tmp_path):
    library = tmp_path / "library.sqlite"
    _library_with_one_issue(library)
    result = subprocess.run([sys.executable, "-c", _READ_ONE_ARTICLE, str(library)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["headline"]  # the article was read …
    assert figures["loaded"] == []  # … with sqlite3 alone


def test_the_store_writes_and_migrates_through_sqlite_utils_when_needed(tmp_path):
    library = tmp_path / "library.sqlite"
    _library_with_one_issue(library)  # a new library: every migration ran (sqlite-utils imported then)
    with Store.open(library) as store:
        assert store.schema_migrations() == migrations.names()
        assert migrations.pending(store.db) == []
        article = store.articles(store.list_issues()[0].id)[0]
        store.add_vocab("会议", "huìyì", "meeting", article_id=article.id)  # a write: through sqlite-utils
        assert [item.word for item in store.vocabulary()] == ["会议"]
        assert [note.note for note in store.annotations(article_id=article.id)] == ["a note"]
        assert migrations.migrations is migrations.runner()  # the sqlite-utils runner, built once


# What the window's start-up (gui.session.open_library → the first article painted) must not import, because
# only saving, importing a file, re-anchoring and the workbench's queries need them: hashing (content_hash and
# ingest.decode, which the reader imports to display the text: hashlib, _hashlib),
# re-anchoring (anchoring: difflib, diff-match-patch), the workbench's result records (corpus_records: a dozen
# frozen dataclasses, each compiled at import) and logging (said only when a write waits for a lock).
# benchmarks/import_cost.py prints what importing the store costs.
_LAZY_FOR_READING = ("hashlib", "_hashlib", "difflib", "diff_match_patch", "logging",
                     "dubao.core.library.content_hash", "dubao.core.library.anchoring",
                     "dubao.core.library.corpus_records")

_READ_THEN_SAVE = """
import json, sys
lazy = json.loads(sys.argv[2])
from dubao.core.library.store import Store
with Store.open(sys.argv[1], verify=True, check_later=True) as store:  # as the window opens it
    issue = store.list_issues()[0]
    article = store.get_article(store.articles(issue.id)[0].id)
    store.get_issue(issue.id)
    notes = store.annotations(article_id=article.id)
    from dubao.core.ingest.decode import fullwidth_display  # as the reader formats the text it paints
    shown = fullwidth_display(article.text)
    loaded_to_read = sorted(name for name in lazy if name in sys.modules)
    # the same process then saves an issue, anchors a highlight and runs workbench queries: they load what they need
    sys.path.insert(0, sys.argv[3])
    from store_helpers import make_issue
    source, new_issue = make_issue([("新的文章", ["这是第二期报纸的第一段文字。"])], salt="second")
    outcome = store.save_issue(new_issue, source, date="2023-02-18")
    new_article = store.articles(outcome.issue_id)[0]
    highlight = store.add_annotation(new_article.id, 0, 2, "blue", "later")
    print(json.dumps({
        "headline": article.headline, "shown": len(shown) == len(article.text),
        "notes": [note.note for note in notes], "loaded_to_read": loaded_to_read,
        "saved": [outcome.status, outcome.articles, len(store.list_issues())], "quote": highlight.quote,
        "trend": [(point.period, point.count) for point in store.trend(["报纸"], by="year")["报纸"]],
        "kwic": [hit.match for hit in store.kwic("报纸").hits], "codes": [code.path for code in store.codes()],
        "loaded_after": sorted(name for name in lazy if name in sys.modules),
    }))
"""


def test_reading_leaves_hashing_reanchoring_and_query_records_unloaded_until_a_save_needs_them(tmp_path):
    """The window opens the library and paints the first article before the user does anything else: what only
    saving, anchoring or the workbench need must not be imported on the way (each costs the start-up CPU time).
    Import it inside the function that needs it instead; the same process must then still save and query."""
    library = tmp_path / "library.sqlite"
    _library_with_one_issue(library)
    tests_folder = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", _READ_THEN_SAVE, str(library), json.dumps(_LAZY_FOR_READING), str(tests_folder)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["headline"] == SAMPLE_ARTICLES[0][0] and figures["shown"] and figures["notes"] == ["a note"]
    assert figures["loaded_to_read"] == []
    assert figures["saved"] == ["imported", 1, 2]
    assert figures["quote"] == "新的"
    assert figures["trend"] == [["2023", 1]] and figures["kwic"] == ["报纸"] and figures["codes"] == []
    # the save, the highlight and the queries did use the modules left out of reading (so the list names real ones)
    assert {"_hashlib", "dubao.core.library.content_hash", "dubao.core.library.anchoring",
            "dubao.core.library.corpus_records"} <= set(figures["loaded_after"])
