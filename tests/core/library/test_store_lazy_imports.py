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
