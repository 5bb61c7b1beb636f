"""Concordance (key word in context): every occurrence of a term in a part of the library, with its context.

Like search (dubao.core.library.search), the bigram index only proposes articles and every occurrence is
located in the article text, so offsets are exact code points and nothing false is reported. Sorted by date
(the default) only the requested page of hits is located: the total is counted inside SQLite and only the
articles that hold the page are read, so the first page of a term found in every issue of a decade costs no
more than its count. Sorting by the word before or after needs every hit, and a block-kind filter needs
every hit's block: both locate all of them (their context only, a few dozen characters each).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dubao.core.library.corpus import CorpusQueryError, Part, index_token_of_pair, term_needle, vocabulary_views
from dubao.core.library.search import _hex, _occurrences, fold

if TYPE_CHECKING:
    from dubao.core.library.corpus_records import Concordance, KwicHit

CONTEXT = 30  # characters either side of the term
COMMON_SHARE = 0.05  # a term whose rarest pair is in more of the articles than this is read in date order
SORTS = ("date", "left", "right", "paper")
# which block kinds each filter admits (core.models.BlockKind)
KIND_GROUPS = {
    "headline": ("kicker", "headline", "subheadline"),
    "body": ("paragraph", "heading"),
    "caption": ("caption",),
}


def _block_kind(blocks: list[tuple[int, int, str]], position: int) -> str | None:
    for start, end, kind in blocks:
        if start <= position < end:
            return kind
    return None


class KwicMixin:
    """Store methods: the concordance."""

    def _kwic_candidates(self, match: str, part: Part, needle: str, count_in_sql: bool) -> list[tuple]:
        """(article id, issue id, date, paper, source path, headline, count) of articles that may hold the
        term, oldest first then page order. `count` is exact when `count_in_sql`, else None (count later)."""
        where, params = part.where()
        count = "(length(a.text) - length(replace(a.text, ?, ''))) / ?" if count_in_sql else "NULL"
        count_params = [needle, len(needle)] if count_in_sql else []
        return self.conn.execute(
            f"""SELECT a.id, a.issue_id, i.date, i.paper, json_array(i.page, i.source_path), a.headline, {count}
                FROM search_index s JOIN articles a ON a.id = s.rowid JOIN issues i ON i.id = a.issue_id
                WHERE search_index MATCH ? AND {where}
                ORDER BY i.date IS NULL, i.date, i.id, a.idx""", [*count_params, match, *params]).fetchall()

    def _article_hits(self, candidate: tuple, needle: str, plain: bool, kinds: tuple[str, ...] | None,
                      context: int, text: str | None = None) -> list[KwicHit]:
        from dubao.core.library.corpus_records import KwicHit  # at first use: see corpus_records

        article_id, issue_id, date, paper, where_printed, headline = candidate[:6]
        if text is None:
            text = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        blocks = self.conn.execute(
            'SELECT start, "end", kind FROM blocks WHERE article_id = ? ORDER BY position', [article_id]).fetchall()
        stored_page, source_path = json.loads(where_printed)  # the page as imported, else the file name's folio
        page = stored_page
        if not page:
            from dubao.core.export.data import page_from_source_path  # at use: opening a library skips the exports

            page = page_from_source_path(source_path)
        hits = []
        for start in _occurrences(text if plain else fold(text), needle):
            kind = _block_kind(blocks, start)
            if kinds is not None and kind not in kinds:
                continue
            end = start + len(needle)
            hits.append(KwicHit(
                issue_id, date, paper, page, article_id, headline, start, end,
                text[max(0, start - context):start].replace("\n", " "), text[start:end],
                text[end:end + context].replace("\n", " "), kind))
        return hits

    # ---- a common term: read articles in date order until the page is full ------------------------------

    def _is_common(self, needle: str) -> bool:
        """True when even the term's rarest character pair is in more than COMMON_SHARE of the articles: then
        reading articles in date order fills a page sooner than the index can list every candidate."""
        if len(needle) < 2 or any(character.isspace() for character in needle):
            return False
        conn = self.conn
        vocabulary_views(conn)
        articles = self._article_count()
        rarest = articles
        for pair in (needle[index:index + 2] for index in range(len(needle) - 1)):
            row = conn.execute("SELECT doc FROM temp.search_vocab WHERE term = ?",
                               [_hex(pair[0]) + _hex(pair[1])]).fetchone()
            rarest = min(rarest, row[0] if row else 0)
        return articles > 0 and rarest > COMMON_SHARE * articles

    def _article_count(self) -> int:
        return self.conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0

    def _stream_window(self, needle: str, part: Part, offset: int, window_end: int, context: int) -> list:
        where, params = part.where()
        seen, hits = 0, []
        # dated issues in date order (the date index gives that order, so SQLite stops reading when we stop),
        # then undated ones, as the index path orders them
        for dated in ("i.date IS NOT NULL ORDER BY i.date, i.id, a.idx", "i.date IS NULL ORDER BY i.id, a.idx"):
            cursor = self.conn.execute(
                f"""SELECT a.id, a.issue_id, i.date, i.paper, json_array(i.page, i.source_path), a.headline, a.text
                    FROM issues i JOIN articles a ON a.issue_id = i.id
                    WHERE {where} AND instr(a.text, ?) > 0 AND {dated}""", [*params, needle])
            for row in cursor:
                count = row[6].count(needle)
                if seen + count > offset:
                    found = self._article_hits(row, needle, True, None, context, text=row[6])
                    hits.extend(found[max(0, offset - seen):window_end - seen])
                seen += count
                if seen >= window_end:
                    cursor.close()
                    return hits
        return hits

    def _undated_count(self, token: str, part: Part) -> int:
        if part.date_from is not None or part.date_to is not None:
            return 0  # a date range leaves undated issues out
        where, params = part.where()
        return self.conn.execute(
            f"""SELECT count(*) FROM temp.search_instances v JOIN article_counts c ON c.article_id = v.doc
                JOIN issues i ON i.id = c.issue_id WHERE v.term = ? AND i.date IS NULL AND {where}""",
            [token, *params]).fetchone()[0]

    def kwic_total(self, term: str, part: Part = Part()) -> int:
        """How many times `term` occurs in `part` (what `kwic(...).total` says)."""
        needle, match, plain = term_needle(term)
        whole_library = part.paper is None and part.date_from is None and part.date_to is None
        token = index_token_of_pair(needle) if plain else None
        if token is not None and whole_library:  # the occurrences are the index's instances of that token
            vocabulary_views(self.conn)
            row = self.conn.execute("SELECT cnt FROM temp.search_vocab WHERE term = ?", [token]).fetchone()
            return row[0] if row else 0
        if token is not None:  # within a part: the instances of dated issues of that part, from the index too
            return sum(self.term_counts_by_day(term, part).values()) + self._undated_count(token, part)
        total = 0
        for candidate in self._kwic_candidates(match, part, needle, count_in_sql=plain):
            count = candidate[6]
            if count is None:
                text = self.conn.execute("SELECT text FROM articles WHERE id = ?", [candidate[0]]).fetchone()[0]
                count = fold(text).count(needle)
            total += count
        return total

    def kwic(self, term: str, part: Part = Part(), *, kind: str | None = None, sort: str = "date",
             limit: int = 50, offset: int = 0, context: int = CONTEXT, count_total: bool = True) -> Concordance:
        """Every occurrence of `term` (a literal; ASCII case and width ignored, as in search) in `part`.
        `sort`: date (oldest first, then page order and position), left (by the characters just before,
        read leftwards), right (by those just after), paper (then date). `kind`: headline, body or caption.
        `count_total=False`: the total may be None when counting it would cost more than the page (a common
        term: the window shows the page at once and asks `kwic_total` on its own thread)."""
        from dubao.core.library.corpus_records import Concordance  # at first use: see corpus_records

        if sort not in SORTS:
            raise CorpusQueryError(f"--sort must be one of {', '.join(SORTS)}, not {sort!r}")
        if kind is not None and kind not in KIND_GROUPS:
            raise CorpusQueryError(f"--kind must be one of {', '.join(KIND_GROUPS)}, not {kind!r}")
        if limit < 0 or offset < 0:
            raise CorpusQueryError("--limit and --offset cannot be negative")
        needle, match, plain = term_needle(term)
        kinds = KIND_GROUPS[kind] if kind else None
        window_end = offset + limit
        if sort == "date" and kinds is None and plain and self._is_common(needle):
            hits = self._stream_window(needle, part, offset, window_end, context)
            return Concordance(term, self.kwic_total(term, part) if count_total else None, tuple(hits))
        if sort == "date" and kinds is None:
            candidates = self._kwic_candidates(match, part, needle, count_in_sql=plain)
            total, hits = 0, []
            for candidate in candidates:
                count = candidate[6]
                if count is None:  # the term has foldable characters: count on the folded text
                    text = self.conn.execute("SELECT text FROM articles WHERE id = ?", [candidate[0]]).fetchone()[0]
                    count = fold(text).count(needle)
                if count and total < window_end and total + count > offset:
                    found = self._article_hits(candidate, needle, plain, None, context)
                    hits.extend(found[max(0, offset - total):window_end - total])
                total += count
            return Concordance(term, total, tuple(hits))
        every = [hit for candidate in self._kwic_candidates(match, part, needle, count_in_sql=False)
                 for hit in self._article_hits(candidate, needle, plain, kinds, context)]
        if sort == "left":
            every.sort(key=lambda hit: (hit.left[::-1], hit.date or "", hit.article, hit.start))
        elif sort == "right":
            every.sort(key=lambda hit: (hit.right, hit.date or "", hit.article, hit.start))
        elif sort == "paper":
            every.sort(key=lambda hit: (hit.paper or "\uffff", hit.date or "", hit.article, hit.start))
        return Concordance(term, len(every), tuple(every[offset:window_end]))


def cite(hit: KwicHit) -> str:
    """The hit as a quotation with its source, for pasting into notes: “…left【term】right” 《paper》date, p., title."""
    where = "，".join(part for part in (
        f"《{hit.paper}》" if hit.paper else "", hit.date or "", f"第{hit.page}版" if hit.page else "",
        f"“{hit.headline}”" if hit.headline else "") if part)
    return f"“…{hit.left}【{hit.match}】{hit.right}…” {where}"


CSV_COLUMNS = ("date", "paper", "page", "headline", "left", "match", "right", "issue", "article", "start", "end", "kind")


def hits_to_csv(hits) -> str:
    """The hits as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese correctly)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        writer.writerow([getattr(hit, column) if getattr(hit, column) is not None else "" for column in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()
