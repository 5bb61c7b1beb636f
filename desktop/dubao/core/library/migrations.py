"""The library's schema, as an append-only list of sqlite-utils migrations.

Never edit or reorder a migration that has shipped: a library written by an older Dubao has those
migrations recorded in `_sqlite_migrations` and only the ones after them run. Add a new function at the
end instead. Each migration runs in one transaction together with the record of it (sqlite-utils does
that), and `Store.open` copies the file before running any pending migration on an existing library.

Design notes, kept here because the schema outlives the code:
- Articles' text never changes after import; blocks keep `start`/`end` into it (their text is the slice)
  plus `source_spans` (JSON) into the decoded source, which `issues.source_text` keeps exactly.
- Annotations reference articles with a plain (RESTRICT) foreign key, so deleting an article that still
  carries notes fails loudly instead of dropping them; `--replace` re-points them first.
- The search index is a contentless FTS5 table over overlapping character pairs (see store_search).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "dubao"

# (name, function) in order. sqlite-utils' Migrations runner is built from this list when a library needs
# migrating or its record is read (`runner()`, also `migrations.migrations`): opening an up-to-date library
# compares names only (Store.open), without importing sqlite-utils.
_steps: list[tuple[str, Callable[[Database], None]]] = []
_runner: Migrations | None = None


def _migration(name: str):
    def register(function: Callable[[Database], None]) -> Callable[[Database], None]:
        _steps.append((name, function))
        return function
    return register


migrations = _migration  # the decorator below reads as before: @migrations(name=...)


@migrations(name="0001_issues_articles_annotations")
def _issues_articles_annotations(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            paper TEXT,
            date TEXT,                      -- ISO 8601 date or NULL
            source_path TEXT,
            sha256 TEXT NOT NULL UNIQUE,    -- of the source bytes: the same file is never imported twice
            encoding TEXT NOT NULL,
            source_text TEXT NOT NULL,      -- decoded source, exactly; source_spans index into it
            importer_version TEXT NOT NULL,
            imported TEXT NOT NULL,
            page_items TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX issues_paper_date ON issues(paper, date);
        CREATE INDEX issues_date ON issues(date);

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            idx INTEGER NOT NULL,
            headline TEXT NOT NULL,
            kicker TEXT,
            subheadline TEXT,
            column_name TEXT,
            reporters TEXT NOT NULL DEFAULT '[]',
            photographers TEXT NOT NULL DEFAULT '[]',
            dateline TEXT,
            text TEXT NOT NULL,
            UNIQUE (issue_id, idx)
        );

        CREATE TABLE blocks (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT,                      -- NULL when it equals the article text[start:end]
            source_spans TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        );

        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            source_start INTEGER,
            source_end INTEGER,
            color TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'exact',
            score REAL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT                    -- when it was (softly) deleted; NULL while it is live
        );
        CREATE INDEX annotations_article ON annotations(article_id, start);

        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (annotation_id, tag_id)
        );
        CREATE INDEX annotation_tags_tag ON annotation_tags(tag_id);
        """
    )


@migrations(name="0002_vocabulary")
def _vocabulary(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE vocabulary (
            id INTEGER PRIMARY KEY,
            word TEXT NOT NULL UNIQUE,
            pinyin TEXT NOT NULL DEFAULT '',
            definition TEXT NOT NULL DEFAULT '',
            hsk INTEGER,
            sentence TEXT NOT NULL DEFAULT '',
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            start INTEGER,
            "end" INTEGER,
            status TEXT NOT NULL DEFAULT 'learning',
            added TEXT NOT NULL
        );
        """
    )


@migrations(name="0003_entities")
def _entities(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}'  -- aliases, titles, roles, expansion, explanation, value
        );
        CREATE INDEX entities_issue ON entities(issue_id);
        CREATE TABLE entity_mentions (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
        CREATE INDEX entity_mentions_article ON entity_mentions(article_id);
        CREATE INDEX entities_name ON entities(kind, name);
        """
    )


@migrations(name="0004_search_index")
def _search_index(db: Database) -> None:
    from dubao.core.library.search import create_search_index, index_article

    create_search_index(db)
    # libraries from before this migration: index what they already hold
    for row in db.query("SELECT id, text FROM articles"):
        index_article(db, row["id"], row["text"])


@migrations(name="0005_issue_versions")
def _issue_versions(db: Database) -> None:
    # which splitter and analyser derived an issue's articles and entities: `dubao issues --stale` compares them
    # with this Dubao's. Issues stored before this migration have neither (NULL): they count as stale.
    db.execute("ALTER TABLE issues ADD COLUMN splitter_version TEXT")
    db.execute("ALTER TABLE issues ADD COLUMN analyser_version TEXT")


@migrations(name="0006_block_positions")
def _block_positions(db: Database) -> None:
    """Where each block is printed (issues from page PDFs) and the pages themselves, to show beside the text."""
    db.executescript(
        """
        ALTER TABLE blocks ADD COLUMN page INTEGER;        -- 1-based page of the issue; NULL for text sources
        ALTER TABLE blocks ADD COLUMN bbox TEXT;           -- JSON [x0, y0, x1, y1], PDF points, top-left origin
        ALTER TABLE blocks ADD COLUMN ocr_confidence REAL; -- 0..1 when read by OCR
        CREATE TABLE issue_sources (
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            page INTEGER NOT NULL,
            pdf BLOB NOT NULL,                              -- the printed page as a one-page PDF
            width REAL NOT NULL,
            height REAL NOT NULL,
            printed TEXT,                                   -- the page number printed on it ("8"), if known
            PRIMARY KEY (issue_id, page)
        );
        """
    )


@migrations(name="0007_user_glossary")
def _user_glossary(db: Database) -> None:
    # the user's own formulations glossary entries (and notes on a term or a person), laid over the shipped
    # glossary; list fields are JSON arrays of strings
    db.executescript(
        """
        CREATE TABLE user_glossary (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            variants TEXT NOT NULL DEFAULT '[]',
            pinyin TEXT NOT NULL DEFAULT '',
            english TEXT NOT NULL DEFAULT '',
            expansion TEXT NOT NULL DEFAULT '[]',
            explanation TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT 'user',
            since TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            related TEXT NOT NULL DEFAULT '[]',
            updated TEXT NOT NULL
        );
        """
    )


@migrations(name="0008_content_hash")
def _content_hash(db: Database) -> None:
    # content_hash: the fingerprint of what the issue prints (library/content_hash.py), so the same issue in another
    # encoding or format is not stored twice; page: the page as printed ("1", "A3") when the issue is one page.
    # Issues stored before this migration get their fingerprint from the articles the library already holds.
    from dubao.core.library.content_hash import content_hash_of_blocks

    db.execute("ALTER TABLE issues ADD COLUMN content_hash TEXT")
    db.execute("ALTER TABLE issues ADD COLUMN page TEXT")
    db.execute("CREATE INDEX issues_content_hash ON issues(content_hash)")
    for (issue_id,) in db.execute("SELECT id FROM issues").fetchall():
        rows = db.execute(
            """SELECT b.kind, coalesce(b.text, substr(a.text, b.start + 1, b."end" - b.start)) FROM blocks b
               JOIN articles a ON a.id = b.article_id WHERE a.issue_id = ? ORDER BY a.idx, b.position""",
            [issue_id]).fetchall()
        db.execute("UPDATE issues SET content_hash = ? WHERE id = ?", [content_hash_of_blocks(rows), issue_id])


@migrations(name="0008_word_times_issue_urls")
def _word_times_issue_urls(db: Database) -> None:
    # when a word last changed (status, fields): Anki updates a re-imported note only when it is newer.
    # Words saved before this migration changed last when they were added, as far as anyone knows.
    db.execute("ALTER TABLE vocabulary ADD COLUMN updated TEXT")
    db.execute("UPDATE vocabulary SET updated = added")
    # where the issue can be read on the web (an e-paper page), for citations; NULL when unknown
    db.execute("ALTER TABLE issues ADD COLUMN url TEXT")


@migrations(name="0009_codebook")
def _codebook(db: Database) -> None:
    # Codes are the annotation tags: a code's place in the hierarchy is its path ("经济/增长" sits under "经济"),
    # so a highlight keeps carrying several codes through annotation_tags. code_memos holds a memo per code.
    # article_counts caches what the workbench divides by: Han characters, and article_words (filled when first
    # needed, segmenting takes time) the words of each article, as arrays of word ids (corpus_words) so that a year's
    # counts add up in numpy in a fraction of a second. Articles never change, so rows only come and go
    # with their article (ON DELETE CASCADE); libraries from before this migration are filled lazily.
    db.executescript(
        """
        CREATE TABLE code_memos (
            tag_id INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
            memo TEXT NOT NULL DEFAULT '',
            updated TEXT NOT NULL
        );
        CREATE TABLE article_counts (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            issue_id INTEGER NOT NULL,      -- the article's: sums by date never read the (large) article rows
            chars INTEGER NOT NULL          -- Han characters of the article text
        );
        CREATE INDEX article_counts_issue ON article_counts(issue_id, chars);  -- sums by date read only this
        CREATE TABLE article_words (        -- apart from article_counts, whose small rows sums by date scan
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            words INTEGER NOT NULL,         -- words with a Han character, as Dubao segments them
            word_counts BLOB NOT NULL       -- those words counted: n word ids then n counts, int32 little-endian
        );
        CREATE TABLE corpus_words (         -- the ids of word_counts; never renumbered
            id INTEGER PRIMARY KEY,
            word TEXT NOT NULL UNIQUE
        );
        """
    )
# 0006 and 0007 are taken by work in progress on other branches (PDF pages, the user glossary).


del migrations  # from here on, `migrations.migrations` is the sqlite-utils runner (module __getattr__)


def runner() -> Migrations:
    """sqlite-utils' Migrations for the steps above, built once."""
    global _runner
    if _runner is None:
        from dubao.core.library.database import import_sqlite_utils

        built = import_sqlite_utils().migrations.Migrations(MIGRATION_SET)
        for name, function in _steps:
            built(name=name)(function)
        _runner = built
    return _runner


def __getattr__(attribute: str):
    if attribute == "migrations":
        return runner()
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")


def apply(db: Database) -> None:
    runner().apply(db)


def pending(db: Database) -> list[str]:
    return [migration.name for migration in runner().pending(db)]


def names() -> list[str]:
    return [name for name, _function in _steps]
