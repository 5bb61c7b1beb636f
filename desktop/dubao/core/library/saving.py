"""Store: saving one split issue into the library, and re-deriving one already there (`--replace`).

Each call is one transaction: after a crash or `kill -9` the library holds the whole issue or none of it.
Replacing keeps the issue's id, its corrected paper/date and every annotation: annotations are
re-anchored into the new articles (exact / moved / fuzzy / orphaned) before the old articles go.
"""

from __future__ import annotations

import json

from dubao import __version__
from dubao.core.models import ImportOutcome, Issue
from dubao.core.library.annotations import source_offset
from dubao.core.library.issues import check_iso_date, same_content_issue
from dubao.core.library.rows import utc_now
from dubao.core.library.search import index_article
from dubao.core.library.vocabulary import save_entities_rows


# ImportOutcome.reason of an issue skipped because the library holds the same content from another file
SAME_CONTENT = "same-content"


def importer_version() -> str:
    return f"dubao {__version__}"


def _insert_articles(db, issue_id: int, issue: Issue) -> dict[int, int]:
    """Insert the issue's articles, blocks and search entries; returns article index -> id."""
    ids = {}
    for article in issue.articles:
        article_id = db.execute(
            "INSERT INTO articles (issue_id, idx, headline, kicker, subheadline, column_name, reporters, "
            "photographers, dateline, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [issue_id, article.index, article.headline, article.kicker, article.subheadline, article.column,
             json.dumps(list(article.reporters), ensure_ascii=False),
             json.dumps(list(article.photographers), ensure_ascii=False), article.dateline, article.text],
        ).lastrowid
        db.conn.executemany(
            'INSERT INTO blocks (article_id, position, kind, start, "end", text, source_spans, page, bbox, '
            "ocr_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, position, block.kind, block.start, block.end,
              None if article.text[block.start:block.end] == block.text else block.text,
              json.dumps([list(span) for span in block.source_spans]), block.page,
              None if block.bbox is None else json.dumps(list(block.bbox)), block.ocr_confidence)
             for position, block in enumerate(article.blocks)],
        )
        index_article(db, article_id, article.text)
        ids[article.index] = article_id
    return ids


def _reanchor_annotations(store, issue, old_articles, new_ids: dict[int, int]) -> list[int]:
    """Point every annotation of the old articles at the new ones; returns their ids."""
    from dubao.core.library.anchoring import reanchor_among  # difflib, diff-match-patch: not needed to read

    db = store.db
    by_index = {article.index: article for article in issue.articles}
    candidates = [(new_ids[article.index], article.text) for article in issue.articles]
    old_by_id = {row[0]: row for row in old_articles}  # id -> (id, idx, headline)
    moved = []
    index_of = {article_id: index for index, article_id in new_ids.items()}
    for annotation in _annotations_of(store, list(old_by_id)):
        _, old_index, old_headline = old_by_id[annotation.article_id]
        preferred = [new_ids[a.index] for a in issue.articles if a.headline == old_headline]
        if old_index in new_ids:
            preferred.append(new_ids[old_index])
        elif not preferred:  # fewer articles now: an orphan stays with the last one
            preferred.append(new_ids[max(new_ids)])
        article_id, start, end, status, score = reanchor_among(annotation, candidates, preferred)
        article = by_index[index_of[article_id]]
        # an orphan has no place in the new source: its quote, prefix and suffix are what remain of it
        anchored = status != "orphaned"
        db.execute(
            'UPDATE annotations SET article_id = ?, start = ?, "end" = ?, status = ?, score = ?, '
            "source_start = ?, source_end = ? WHERE id = ?",
            [article_id, start, end, status, score,
             source_offset(article.blocks, start, at_end=False) if anchored else None,
             source_offset(article.blocks, end, at_end=True) if anchored else None,
             annotation.id],
        )
        moved.append(annotation.id)
    return moved


def _annotations_of(store, article_ids: list[int]):
    result = []
    for article_id in article_ids:
        result += store.annotations(article_id=article_id, include_deleted=True)
    return result


def _repoint_vocabulary(db, old_articles, issue: Issue, new_ids: dict[int, int]) -> None:
    """Vocabulary examples follow their article (same headline, else same index, else any article that
    has the word); the word is looked up again near its old position."""
    for old_id, old_index, old_headline in old_articles:
        order = sorted(issue.articles, key=lambda a: (a.headline != old_headline, a.index != old_index))
        for item_id, word, start in db.execute(
                "SELECT id, word, start FROM vocabulary WHERE article_id = ?", [old_id]).fetchall():
            article = next((a for a in order if word in a.text), None)
            if article is None:
                db.execute('UPDATE vocabulary SET article_id = NULL, start = NULL, "end" = NULL WHERE id = ?',
                           [item_id])
                continue
            found = article.text.find(word, max(0, (start or 0) - len(word)))
            if found < 0:
                found = article.text.find(word)
            db.execute('UPDATE vocabulary SET article_id = ?, start = ?, "end" = ? WHERE id = ?',
                       [new_ids[article.index], found, found + len(word), item_id])


def _page_item_json(item) -> dict:
    row = {"kind": item.kind, "text": item.text, "source_spans": [list(span) for span in item.source_spans]}
    if item.page is not None:  # from a page PDF: where it is printed
        row["page"] = item.page
        row["bbox"] = list(item.bbox) if item.bbox is not None else None
    return row


def _save_pages(db, issue_id: int, pdf_pages, from_pdf: bool) -> None:
    """Keep the printed pages (one-page PDFs) of an issue from PDF. An issue re-derived from its kept pages
    keeps them; one replaced by a text source has no printed pages any more."""
    if pdf_pages is None and from_pdf:
        return
    db.execute("DELETE FROM issue_sources WHERE issue_id = ?", [issue_id])
    if pdf_pages is None:
        return
    db.conn.executemany(
        "INSERT INTO issue_sources (issue_id, page, pdf, width, height, printed) VALUES (?, ?, ?, ?, ?, ?)",
        [(issue_id, number, *page) for number, page in enumerate(pdf_pages, start=1)],
    )


class SavingMixin:
    def save_issue(self, issue: Issue, source_text: str, *, paper: str | None = None, date: str | None = None,
                   entities=None, replace: bool = False, replace_id: int | None = None,
                   pdf_pages=None) -> ImportOutcome:
        """Store a split (and perhaps analysed) issue with the source text it was split from, in one transaction.
        `paper`/`date` override the issue's own; `entities`: a list of models.Entity to save with it, or None;
        `pdf_pages`: for an issue from page PDFs, its printed pages as (one-page PDF, width, height), kept to be
        shown beside the text. `replace`: re-derive the issue with the same source (or source path), re-anchoring
        its annotations; `replace_id`: re-derive that issue (a corrected copy of its source under another name)."""
        if replace_id is not None:
            self.get_issue(replace_id)  # NotFoundError for an unknown issue, before any work
        return _store_issue(self, source_text, issue, paper or issue.paper, date or issue.date,
                            replace or replace_id is not None, entities, replace_id, pdf_pages)


def storable_path(path: str | None) -> str | None:
    """A file name as SQLite can hold it: bytes that are not UTF-8 (an old GBK-named file on Linux, kept by
    Python as lone surrogates) are written as \\xNN escapes, the same way each time."""
    if path is None:
        return None
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _store_issue(store, source_text: str, issue: Issue, paper: str | None, date: str | None,
                 replace: bool = False, entities=None, replace_id: int | None = None,
                 pdf_pages=None) -> ImportOutcome:
    from dubao.core.library.content_hash import content_hash  # hashlib: opening a library to read skips it

    if not issue.articles:
        raise ValueError("the issue has no articles to store")
    date = check_iso_date(date)
    path = storable_path(issue.source.path)
    db = store.db
    with store._write():
        existing = db.execute("SELECT id FROM issues WHERE sha256 = ?", [issue.source.sha256]).fetchone()
        if existing and not replace:
            count = db.execute("SELECT count(*) FROM articles WHERE issue_id = ?", [existing[0]]).fetchone()[0]
            return ImportOutcome("skipped", path, existing[0], count, reason="duplicate")
        fingerprint = content_hash(issue)
        same = None if replace else same_content_issue(db, fingerprint, paper, date)
        if same is not None:  # the same issue from another file, encoding or format
            count = db.execute("SELECT count(*) FROM articles WHERE issue_id = ?", [same]).fetchone()[0]
            return ImportOutcome("skipped", path, same, count, reason=SAME_CONTENT)
        if existing and replace_id is not None and existing[0] != replace_id:
            raise ValueError(f"this source is already issue {existing[0]}; it cannot also replace issue {replace_id}")
        target = replace_id if replace_id is not None else (existing[0] if existing else None)
        if target is None and replace and path:
            row = db.execute("SELECT id FROM issues WHERE source_path = ? ORDER BY id DESC", [path]).fetchone()
            target = row[0] if row else None
        fields = {
            "source_path": path, "sha256": issue.source.sha256, "encoding": issue.source.encoding,
            "source_text": source_text, "importer_version": importer_version(), "imported": utc_now(),
            "splitter_version": issue.splitter_version, "content_hash": fingerprint,
            "analyser_version": issue.analyser_version if entities is not None else None,
            "page_items": json.dumps([_page_item_json(item) for item in issue.page_items], ensure_ascii=False),
        }
        if target is None:
            issue_id = db["issues"].insert({"paper": paper, "date": date, "page": issue.page, **fields}).last_pk
            new_ids = _insert_articles(db, issue_id, issue)
            reanchored = []
        else:
            issue_id = target
            if paper:
                fields["paper"] = paper
            if date:
                fields["date"] = date
            if issue.page:
                fields["page"] = issue.page
            old_articles = db.execute(
                "SELECT id, idx, headline FROM articles WHERE issue_id = ?", [issue_id]).fetchall()
            # park the old articles out of the way of UNIQUE(issue_id, idx) until they are deleted
            db.execute("UPDATE articles SET idx = -idx - 1 WHERE issue_id = ?", [issue_id])
            db["issues"].update(issue_id, fields)
            new_ids = _insert_articles(db, issue_id, issue)
            reanchored = _reanchor_annotations(store, issue, old_articles, new_ids)
            _repoint_vocabulary(db, old_articles, issue, new_ids)
            db.execute("DELETE FROM entities WHERE issue_id = ?", [issue_id])
            for old_id, _, _ in old_articles:
                text = db.execute("SELECT text FROM articles WHERE id = ?", [old_id]).fetchone()[0]
                store._unindex_article(old_id, text)
                db.execute("DELETE FROM articles WHERE id = ?", [old_id])
        _save_pages(db, issue_id, pdf_pages, issue.source.encoding == "pdf")
        if entities:
            save_entities_rows(db, issue_id, entities, new_ids)
    return ImportOutcome(
        "imported", path, issue_id, len(new_ids), replaced=target is not None,
        reanchored=tuple(store.get_annotation(annotation_id) for annotation_id in reanchored),
    )
