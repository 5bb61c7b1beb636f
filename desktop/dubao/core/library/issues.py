"""Store: reading and editing issues and articles (listing, paper/date fixes, one article with its blocks)."""

from __future__ import annotations

import re

from dubao.core.errors import NotFoundError
from dubao.core.models import Article, Issue, PageSource
from dubao.core.library.rows import BLOCK_COLUMNS, LibraryError, blocks_from_tuples, row_to_article, row_to_issue

_ISSUE_COLUMNS = """i.id, i.paper, i.date, i.source_path, i.sha256, i.encoding, i.importer_version, i.imported,
    i.splitter_version, i.analyser_version, i.page, i.url,
    (SELECT count(*) FROM articles a WHERE a.issue_id = i.id) AS article_count"""
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_iso_date(date: str | None) -> str | None:
    """The date if it is YYYY-MM-DD (a real day), None for None/""; ValueError otherwise."""
    import datetime

    if date is None or date == "":
        return None
    if not _ISO_DATE.match(date):
        raise ValueError(f"date must look like YYYY-MM-DD, not {date!r}")
    datetime.date.fromisoformat(date)  # rejects 2023-02-30
    return date


def same_content_issue(db, content_hash: str | None, paper: str | None, date: str | None) -> int | None:
    """The id of the first issue with this content fingerprint whose paper and date do not contradict these."""
    if content_hash is None:
        return None
    for issue_id, held_paper, held_date in db.execute(
            "SELECT id, paper, date FROM issues WHERE content_hash = ? ORDER BY id", [content_hash]).fetchall():
        if paper and held_paper and paper != held_paper:
            continue
        if date and held_date and date != held_date:
            continue
        return issue_id
    return None


class IssuesMixin:
    def list_issues(self, paper: str | None = None, year: int | None = None) -> list[Issue]:
        """Issues, newest first (undated ones last), optionally of one paper and/or one year."""
        where, params = [], []
        if paper is not None:
            where.append("i.paper = ?")
            params.append(paper)
        if year is not None:
            # a range, not strftime(): it lets SQLite use the date index
            where.append("i.date >= ? AND i.date < ?")
            params += [f"{int(year):04d}-01-01", f"{int(year) + 1:04d}-01-01"]
        sql = f"SELECT {_ISSUE_COLUMNS} FROM issues i"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY i.date IS NULL, i.date DESC, i.id DESC"
        return [row_to_issue(row) for row in self._query(sql, params)]

    def get_issue(self, issue_id: int) -> Issue:
        rows = list(self._query(f"SELECT {_ISSUE_COLUMNS} FROM issues i WHERE i.id = ?", [issue_id]))
        if not rows:
            raise NotFoundError(f"no issue {issue_id} in the library")
        return row_to_issue(rows[0])

    def find_issue_by_sha256(self, sha256: str) -> Issue | None:
        row = self.conn.execute("SELECT id FROM issues WHERE sha256 = ?", [sha256]).fetchone()
        return self.get_issue(row[0]) if row else None

    def find_issue_by_content(self, content_hash: str | None, *, paper: str | None = None,
                              date: str | None = None) -> Issue | None:
        """The issue whose content has this fingerprint (library/content_hash.py): the same issue read from another
        file, encoding or format. An issue of another paper or date (both known) is not the same issue."""
        issue_id = same_content_issue(self.db, content_hash, paper, date)
        return self.get_issue(issue_id) if issue_id is not None else None

    def update_issue(self, issue_id: int, *, paper: str | None = None, date: str | None = None,
                     url: str | None = None) -> Issue:
        """Correct a guessed paper name or date, or set the issue's web address (http/https). Pass "" to
        clear a value; None leaves it as it is."""
        self.get_issue(issue_id)
        changes = {}
        if url is not None:
            url = url.strip()
            if url and not re.match(r"^https?://\S+$", url):
                raise ValueError(f"{url!r} is not a web address (it should start with http:// or https://)")
            changes["url"] = url or None
        if paper is not None:
            changes["paper"] = paper.strip() or None
        if date is not None:
            changes["date"] = check_iso_date(date.strip())
        if changes:
            with self._write():
                self.db["issues"].update(issue_id, changes)
        return self.get_issue(issue_id)

    def issue_source_text(self, issue_id: int) -> str:
        """The decoded source text, exactly as imported (blocks' source_spans index into it)."""
        row = self.conn.execute("SELECT source_text FROM issues WHERE id = ?", [issue_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no issue {issue_id} in the library")
        return row[0]

    def issue_pages(self, issue_id: int) -> list[PageSource]:
        """The printed pages of an issue imported from PDF (one-page PDFs, page 1 first); [] for text issues."""
        return [PageSource(*row) for row in self.conn.execute(
            "SELECT page, pdf, width, height, printed FROM issue_sources WHERE issue_id = ? ORDER BY page",
            [issue_id])]

    def papers(self) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT DISTINCT paper FROM issues WHERE paper IS NOT NULL ORDER BY paper")]

    def years(self, paper: str | None = None) -> list[int]:
        """Years that have dated issues, newest first (for a year picker)."""
        sql = "SELECT DISTINCT substr(date, 1, 4) FROM issues WHERE date IS NOT NULL"
        params = []
        if paper is not None:
            sql += " AND paper = ?"
            params.append(paper)
        return sorted((int(row[0]) for row in self.conn.execute(sql, params)), reverse=True)

    def articles(self, issue_id: int) -> list[Article]:
        """The issue's articles in page order, each with its blocks."""
        rows = list(self._query("SELECT * FROM articles WHERE issue_id = ? ORDER BY idx", [issue_id]))
        if not rows and self.conn.execute("SELECT 1 FROM issues WHERE id = ?", [issue_id]).fetchone() is None:
            raise NotFoundError(f"no issue {issue_id} in the library")
        blocks_by_article: dict[int, list] = {row["id"]: [] for row in rows}
        for block in self._query(
            "SELECT b.* FROM blocks b JOIN articles a ON a.id = b.article_id WHERE a.issue_id = ? "
            "ORDER BY b.article_id, b.position", [issue_id],
        ):
            blocks_by_article[block["article_id"]].append(block)
        return [row_to_article(row, blocks_by_article[row["id"]]) for row in rows]

    def article_headlines(self, issue_id: int) -> list[tuple[int, int, str]]:
        """(id, index, headline) of each article, cheaply (no text, no blocks): for lists."""
        return [tuple(row) for row in self.conn.execute(
            "SELECT id, idx, headline FROM articles WHERE issue_id = ? ORDER BY idx", [issue_id])]

    def get_article(self, article_id: int) -> Article:
        rows = list(self._query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise NotFoundError(f"no article {article_id} in the library")
        blocks = blocks_from_tuples(rows[0]["text"], self.conn.execute(
            f"SELECT {BLOCK_COLUMNS} FROM blocks WHERE article_id = ? ORDER BY position", [article_id]))
        return row_to_article(rows[0], blocks)

    def delete_issue(self, issue_id: int, *, with_annotations: bool = False) -> None:
        """Remove an issue. Refused while it carries annotations unless `with_annotations` (they go too)."""
        self.get_issue(issue_id)
        with self._write():
            article_ids = [row[0] for row in self.conn.execute(
                "SELECT id FROM articles WHERE issue_id = ?", [issue_id])]
            marks = ",".join("?" * len(article_ids)) or "NULL"
            noted = self.conn.execute(
                f"SELECT count(*) FROM annotations WHERE article_id IN ({marks})", article_ids).fetchone()[0]
            if noted and not with_annotations:
                raise LibraryError(f"issue {issue_id} has {noted} annotation(s); delete them first")
            self.conn.execute(f"DELETE FROM annotations WHERE article_id IN ({marks})", article_ids)
            for article_id, text in self.conn.execute(
                    f"SELECT id, text FROM articles WHERE id IN ({marks})", article_ids).fetchall():
                self._unindex_article(article_id, text)
            self.conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", article_ids)
            self.conn.execute("DELETE FROM issues WHERE id = ?", [issue_id])
