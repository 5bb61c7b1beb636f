"""Exact numbers of occurrences for search, from the index alone wherever the index can tell.

A query of one character, or of two different characters, is one index token (or a range of tokens
sharing a prefix): each instance of those tokens is exactly one occurrence in the folded text, so FTS5's
vocabulary (fts5vocab) counts them without reading a single article — milliseconds for a word found
400,000 times, where reading the articles takes seconds. Longer queries are phrases of several tokens:
FTS5 does not expose how often a phrase occurs in each article, but it does tell which articles hold it and
how often each holds the phrase's rarest pair: only articles holding that pair more than once have their
text read (`phrase_counts`). A pair of equal characters (哈哈) overlaps itself (哈哈哈 holds one occurrence,
two instances): it is counted as a phrase. A query of several runs (words with spaces between), one limited
to one issue, or one with few candidates is counted by reading the candidates' text (search_page.read_all).
"""

from __future__ import annotations

from dubao.core.library.search import _hex, occurrence_finder


def vocabulary_views(conn) -> None:
    """Per-connection (temp) fts5vocab views of the search index: `search_vocab` (documents and instances per
    token) and `search_instances` (each token instance: document, offset). Nothing is written to the library."""
    if conn.execute("SELECT 1 FROM sqlite_temp_master WHERE name = 'search_instances'").fetchone() is None:
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_index, row)")
        conn.execute("CREATE VIRTUAL TABLE temp.search_instances USING fts5vocab(main, search_index, instance)")


def index_token_of_pair(needle: str) -> str | None:
    """The index token whose instances are exactly the occurrences of `needle`, when there is one: a pair of
    two different characters (a pair like 哈哈 overlaps itself in 哈哈哈, which counting occurrences does not)."""
    if len(needle) == 2 and needle[0] != needle[1] and not any(character.isspace() for character in needle):
        return _hex(needle[0]) + _hex(needle[1])
    return None


def token_range(needle: str) -> tuple[str, str] | None:
    """[low, high) of the index tokens whose instances are exactly the occurrences of the folded `needle`:
    one pair, or for one character every token it starts (its pairs, and itself closing a run)."""
    token = index_token_of_pair(needle)
    if token is not None:
        return token, token + "0"  # only `token` itself sorts in [token, token + "0")
    if len(needle) == 1 and not needle.isspace():
        return _hex(needle), f"{ord(needle) + 1:06x}"
    return None


def _scoped(column: str, scope: str | None) -> str:
    """SQL: `column` (an article id) is an article of the issues `i` meeting `scope`; read from the small
    indexes on issues and on articles' (issue_id, idx), never from the article rows."""
    if scope is None:
        return "1"
    return f"{column} IN (SELECT a.id FROM articles a JOIN issues i ON i.id = a.issue_id WHERE {scope})"


def index_counts(conn, needle: str, scope: str | None = None, params: list = ()) -> tuple[int, int] | None:
    """(occurrences, documents) of the folded `needle` in the whole library (or the articles of the issues `i`
    meeting `scope`), from the index alone; None when the index cannot count it. For one character in the
    whole library `documents` is an upper bound (an article holding it inside a pair and closing a run
    counts twice)."""
    terms = token_range(needle)
    if terms is None:
        return None
    vocabulary_views(conn)
    if scope is None:  # the vocabulary's totals per token: no instance is visited one by one
        return conn.execute("SELECT coalesce(sum(cnt), 0), coalesce(sum(doc), 0) FROM temp.search_vocab "
                            "WHERE term >= ? AND term < ?", terms).fetchone()
    return conn.execute(f"""SELECT count(*), count(DISTINCT doc) FROM temp.search_instances
                            WHERE term >= ? AND term < ? AND {_scoped("doc", scope)}""", [*terms, *params]).fetchone()


def candidate_ids(conn, match: str, scope: str | None = None, params: list = ()) -> set[int]:
    """Ids of the articles the index proposes for an FTS5 `match`, among the articles of the issues `i` meeting
    `scope` (read from the index and the small indexes only)."""
    # +rowid: a constraint FTS5 cannot see, else it would seek once per article of the scope
    return {row[0] for row in conn.execute(
        f"SELECT rowid FROM search_index WHERE search_index MATCH ? AND {_scoped('+rowid', scope)}",
        [match, *params])}


def phrase_counts(conn, needle: str, candidates: set[int], plain: bool) -> tuple[int, int] | None:
    """(occurrences, candidate articles) of a folded `needle` of two or more characters without whitespace in
    the `candidates` (candidate_ids), reading only the text of the few articles where it may occur more than
    once; None for other needles. Every article the index proposes
    holds the needle (its pairs in a row, within one run); it holds it at most as often as the needle's
    rarest pair, so where that pair occurs once, so does the needle, and only articles holding the rarest
    pair twice or more need their text counted."""
    if len(needle) < 2 or any(character.isspace() for character in needle):
        return None
    vocabulary_views(conn)
    pairs = sorted({_hex(first) + _hex(second) for first, second in zip(needle, needle[1:])})
    _, rarest = min(((conn.execute("SELECT cnt FROM temp.search_vocab WHERE term = ?", [pair]).fetchone()
                      or (0,))[0], pair) for pair in pairs)
    to_read = [doc for (doc,) in conn.execute(
        "SELECT doc FROM temp.search_instances WHERE term = ? GROUP BY doc HAVING count(*) > 1", [rarest])
        if doc in candidates]
    found, find = 0, occurrence_finder(needle)
    for batch in batched(to_read):
        for (text,) in conn.execute(
                f"SELECT text FROM articles WHERE id IN ({', '.join('?' * len(batch))})", batch):
            found += text.count(needle) if plain else len(find(text))
    # every candidate not read holds the needle exactly once
    return len(candidates) - len(to_read) + found, len(candidates)


_BATCH = 500  # article ids per IN (…): well under SQLite's limit on parameters


def batched(ids: list[int]) -> list[list[int]]:
    """`ids` in lists short enough for one IN (…)."""
    return [ids[start:start + _BATCH] for start in range(0, len(ids), _BATCH)]
# up to this many candidates, reading their text in one pass (~20 ms) beats looking up the rarest pair
READ_ALL = 2000


