"""Full-text search over unsegmented Chinese: an FTS5 index of overlapping character pairs.

Why pairs: SQLite's default tokenizer sees a run of Han characters as one token (so 吕梁 finds nothing
inside 吕梁日报), and `trigram` cannot match a two-character word. Indexing every pair of neighbouring
characters and querying the pairs of the query as one phrase finds any substring of two or more
characters; a single character is a prefix query over the pairs (plus the last character of each run,
indexed alone). The index only proposes articles: every occurrence is then located in the article text
itself, so nothing false is reported and offsets are exact code points.

Tokens are hexadecimal code points (6 digits per character) so that no FTS5 tokenizer rule — case
folding, diacritics, punctuation as separators — can alter them. The FTS table is contentless (the text
lives in `articles`); deleting an article's entry re-computes its tokens from the unchanged article text.
Search folds ASCII case and full-width ASCII forms (Ａ，（ → A , ( ) one character to one, so offsets
survive. Changing `index_tokens` requires a migration that rebuilds the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dubao.core.models import SearchResult

SNIPPET_CONTEXT = 24  # characters shown either side of a hit

_FOLD = {code: code + 0x20 for code in range(ord("A"), ord("Z") + 1)}
_FOLD.update({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})  # full-width ASCII forms
_FOLD.update({code: code - 0xFEE0 + 0x20 for code in range(0xFF21, 0xFF3B)})  # Ａ → a, not A
_FOLD[0x3000] = 0x20  # ideographic space
# characters that fold to something else or are the image of such a fold: queries containing one of them
# must be counted on folded text (in Python); all others can be counted by SQLite on the raw text
_FOLD_TOUCHED = {chr(code) for code in _FOLD} | {chr(code) for code in _FOLD.values()}
_RUN = re.compile(r"\S+")


_FOLDABLE = re.compile("[A-Z\uff01-\uff5e\u3000]")


def fold(text: str) -> str:
    """Search-equivalent form of `text`, same length. (A regex, not str.translate: translate is slow on
    non-ASCII text, and newspaper text has few characters to fold.)"""
    return _FOLDABLE.sub(lambda found: chr(_FOLD[ord(found.group())]), text)


def _hex(character: str) -> str:
    return f"{ord(character):06x}"


_PIECE = 65536  # characters turned into tokens at a time: a huge article never holds a Python string per pair


def index_tokens(text: str) -> str:
    """The FTS5 document for an article text: its pairs, plus each whitespace-separated run's last character."""
    pieces: list[str] = []
    for run in _RUN.findall(fold(text)):
        for start in range(0, len(run) - 1, _PIECE):  # each piece holds one character of the next: no pair is lost
            codes = [_hex(character) for character in run[start:start + _PIECE + 1]]
            pieces.append(" ".join(first + second for first, second in zip(codes, codes[1:])))
        pieces.append(_hex(run[-1]))
    return " ".join(pieces)


def match_expression(needle: str) -> str | None:
    """FTS5 MATCH for a folded query: a phrase of pairs per run, ANDed; None when there is nothing to look for."""
    parts = []
    for run in _RUN.findall(needle):
        codes = [_hex(character) for character in run]
        if len(codes) == 1:
            parts.append(f'"{codes[0]}"*')
        else:
            parts.append('"' + " ".join(first + second for first, second in zip(codes, codes[1:])) + '"')
    return " AND ".join(parts) or None


def create_search_index(db) -> None:
    db.execute("CREATE VIRTUAL TABLE search_index USING fts5(tokens, content='', columnsize=0, detail='full')")


def index_article(db, article_id: int, text: str) -> None:
    db.execute("INSERT INTO search_index (rowid, tokens) VALUES (?, ?)", [article_id, index_tokens(text)])


def unindex_article(db, article_id: int, text: str) -> None:
    # contentless FTS5: deleting needs the very tokens that were inserted
    db.execute("INSERT INTO search_index (search_index, rowid, tokens) VALUES ('delete', ?, ?)",
               [article_id, index_tokens(text)])


def _snippet(text: str, start: int, end: int) -> str:
    left = max(0, start - SNIPPET_CONTEXT)
    right = min(len(text), end + SNIPPET_CONTEXT)
    piece = text[left:right].replace("\n", " ")
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


def _occurrences(haystack: str, needle: str) -> list[int]:
    starts, position = [], haystack.find(needle)
    while position >= 0:
        starts.append(position)
        position = haystack.find(needle, position + len(needle))
    return starts


_PREIMAGES: dict[str, str] = {}  # folded character -> every character that folds to it, itself first
for _code, _image in _FOLD.items():
    _PREIMAGES[chr(_image)] = _PREIMAGES.get(chr(_image), chr(_image)) + chr(_code)
del _code, _image


def occurrence_finder(needle: str) -> Callable[[str], list[int]]:
    """text -> starts of the occurrences of the folded `needle` in fold(text), non-overlapping, left to right.
    Found in the text itself: folding maps one character to one, so a class of each needle character's
    pre-images matches where the folded text holds the needle, without folding a whole article first
    (Chinese text is full of full-width punctuation, which folding rewrites one regex match at a time)."""
    if not set(needle) & _FOLD_TOUCHED:
        return lambda text: _occurrences(text, needle)
    pattern = re.compile("".join(f"[{re.escape(_PREIMAGES[character])}]" if character in _PREIMAGES
                                 else re.escape(character) for character in needle))
    return lambda text: [found.start() for found in pattern.finditer(text)]


def is_plain(needle: str) -> bool:
    """No character of the folded `needle` is touched by folding: it may be counted in the raw text."""
    return not (set(needle) & _FOLD_TOUCHED)


class SearchMixin:
    def _unindex_article(self, article_id: int, text: str) -> None:
        unindex_article(self.db, article_id, text)

    def search(self, query: str, limit: int = 200, offset: int = 0, *, issue_id: int | None = None,
               paper: str | None = None) -> SearchResult:
        """Every occurrence of `query` (a literal string, ASCII case and width ignored) in the library,
        newest issue first, then page order and position. `total` counts all occurrences; `hits` is the
        window [offset, offset + limit). The total comes from the index where it can (see search_counts);
        only the articles up to the end of the window are read (see search_page)."""
        from dubao.core.library.search_counts import READ_ALL, candidate_ids, index_counts, phrase_counts
        from dubao.core.library.search_page import page_hits, read_all, walk_budget

        needle = fold(query.strip())
        match = match_expression(needle)
        if match is None:
            return SearchResult(query=query, total=0, hits=())
        conditions, params = [], []
        if issue_id is not None:
            conditions.append("i.id = ?")
            params.append(issue_id)
        if paper is not None and self.conn.execute(  # a paper filter only narrows a library of several papers
                "SELECT 1 FROM issues WHERE paper IS NOT ? LIMIT 1", [paper]).fetchone() is not None:
            conditions.append("i.paper = ?")
            params.append(paper)
        scope = " AND ".join(conditions) or "1"
        narrowed = scope if conditions else None
        # one issue, or few candidates: read them all once. Many: count from the index, then read only the page
        counted = ids = None
        if issue_id is None:
            counted = index_counts(self.conn, needle, narrowed, params)
            if counted is None:
                ids = candidate_ids(self.conn, match, narrowed, params)
                if len(ids) > READ_ALL:
                    counted = phrase_counts(self.conn, needle, ids, is_plain(needle))
        if counted is None:
            total, hits = read_all(self.conn, needle, scope, params, offset, limit, ids=ids)
            return SearchResult(query=query, total=total, hits=hits)
        total, candidates = counted
        if total == 0:
            return SearchResult(query=query, total=0, hits=())
        walk = walk_budget(self.conn, needle, scope, params, total, candidates, offset + max(0, limit))
        hits = page_hits(self.conn, needle, match, scope, params, offset, limit, walk=walk)
        return SearchResult(query=query, total=total, hits=hits)

    def count_by_scan(self, query: str) -> int:
        """Occurrences of `query` found by reading every article, without the index: the slow reference
        that benchmarks compare the index with. Exact characters only (no folding)."""
        needle = query.strip()
        if not needle:
            return 0
        row = self.conn.execute(
            "SELECT sum((length(text) - length(replace(text, :needle, ''))) / :length) FROM articles "
            "WHERE instr(text, :needle) > 0", {"needle": needle, "length": len(needle)}).fetchone()
        return row[0] or 0

    def rebuild_search_index(self) -> int:
        """Re-create the index from the articles (after a crash of an old version, or to compact it)."""
        with self._write():
            self.conn.execute("DROP TABLE IF EXISTS search_index")
            create_search_index(self.db)
            count = 0
            # a cursor, not fetchall(): a large library's text must not be loaded at once
            for article_id, text in self.conn.execute("SELECT id, text FROM articles"):
                index_article(self.db, article_id, text)
                count += 1
        return count
