"""One issue imported twice — in another encoding, with other line ends, as saved web pages — is stored once and
the user is told which issue holds it; a different issue (one sentence changed, another date) is stored."""

from __future__ import annotations

import html

import pytest

from dubao.core.library import migrations
from dubao.core.library.content_hash import content_hash
from dubao.core.library.store import Store
from dubao.core.pipeline import import_file, import_text, read_issue


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as opened:
        yield opened


def test_the_same_issue_in_gbk_with_crlf_line_ends_is_not_stored_twice(store, sample_path, sample_text, tmp_path):
    copy = tmp_path / "lvliang-ribao-2023-02-18-gbk.txt"
    copy.write_bytes(sample_text.replace("\n", "\r\n").encode("gb18030"))
    first = import_file(store, sample_path, entities=False)
    again = import_file(store, copy, entities=False)
    assert (again.status, again.reason, again.issue_id) == ("skipped", "same-content", first.issue_id)
    assert len(store.list_issues()) == 1


def test_one_sentence_changed_is_another_issue(store, sample_path, sample_text, tmp_path):
    changed = tmp_path / "lvliang-ribao-2023-02-18-b.txt"
    changed.write_text(sample_text.replace("会议还研究了其他事项。", "会议还研究了人事任免事项。"), encoding="utf-8")
    import_file(store, sample_path, entities=False)
    assert import_file(store, changed, entities=False).status == "imported"
    assert len(store.list_issues()) == 2


def test_the_same_text_under_another_known_date_is_another_issue(store, sample_text):
    import_text(store, sample_text, paper="吕梁日报", date="2023-02-18", entities=False)
    other = import_text(store, sample_text, paper="吕梁日报", date="2023-02-19", entities=False)
    undated = import_text(store, sample_text, paper="吕梁日报", date=None, entities=False)
    assert other.status == "imported"  # the user says it is another day's issue
    assert (undated.status, undated.reason) == ("skipped", "same-content")  # nothing says it is another issue


def _as_web_pages(issue, folder):
    """The issue's articles saved as article pages of an e-paper site (markup written here)."""
    folder.mkdir()
    for article in issue.articles:
        body = "".join(f"<p>　　{html.escape(b.text)}</p>" for b in article.blocks if b.kind in ("paragraph", "heading"))
        (folder / f"nw.D140000llrb_20230218_{article.index}-01.htm").write_text(
            f"<html><head><meta charset='utf-8'><title>{html.escape(article.headline)}</title></head><body>"
            f"<div class='nav'><a href='#'>上一篇</a></div><div class='article'><h1>{html.escape(article.headline)}</h1>"
            f"<div id='ozoom'>{body}</div></div></body></html>", encoding="utf-8")


def test_the_same_issue_as_saved_web_pages_is_recognised(store, sample_path, tmp_path):
    issue, _ = read_issue(sample_path)
    _as_web_pages(issue, tmp_path / "web")
    web_issue, _ = read_issue(tmp_path / "web")
    assert content_hash(web_issue) == content_hash(issue)
    first = import_file(store, sample_path, entities=False)
    again = import_file(store, tmp_path / "web", entities=False)
    assert (again.status, again.reason, again.issue_id) == ("skipped", "same-content", first.issue_id)


def test_the_command_line_says_which_issue_holds_it(capsys, tmp_path, sample_path, sample_text):
    from dubao.cli import main

    copy = tmp_path / "copy-in-gbk.txt"
    copy.write_bytes(sample_text.encode("gb18030"))
    library = str(tmp_path / "cli.sqlite")
    assert main(["import", str(sample_path), "--library", library, "--no-entities"]) == 0
    capsys.readouterr()
    assert main(["import", str(copy), "--library", library, "--no-entities"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"skipped  {copy}: the same issue is already in the library as issue 1")


def test_libraries_from_before_the_fingerprint_get_it_for_the_issues_they_hold(tmp_path, sample_path):
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        issue_id = import_file(store, sample_path, entities=False).issue_id
        store.db.execute("UPDATE issues SET content_hash = NULL")  # as the migration finds it
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_content_hash'")
        store.db.execute("DROP INDEX issues_content_hash")
        store.db.execute("ALTER TABLE issues DROP COLUMN content_hash")
        store.db.execute("ALTER TABLE issues DROP COLUMN page")
    with Store.open(path) as store:
        assert sorted(store.schema_migrations()) == sorted(migrations.names())
        issue, _ = read_issue(sample_path)
        assert store.find_issue_by_content(content_hash(issue)).id == issue_id
