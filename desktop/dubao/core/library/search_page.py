"""The hits of one page of a search, in library order, at a cost that follows the page rather than the hits.

Library order is newest issue first (undated last, then by issue id, newest first), then page order, then
position. When the index proposes few articles (or the search is of one issue), `read_all` reads each once,
counting and sorting them (the total needs their text anyway). When the total came from the index
(search_counts), two ways reach the page's hits:

- walking: issues are taken in library order and the index is asked only about each issue's articles (a
  rowid range: FTS5 seeks there instead of reading the whole list of matches); the walk stops as soon as the
  page is full. A common word fills 200 hits within a few issues however many years the library holds.
- gathering: the index's candidates are all sorted by library order (one row lookup each), then read in
  that order until the page is full. Cheaper when the query is rare: walking would visit many issues
  holding nothing.

`walk_budget` picks one from the numbers the caller already knows (occurrences, candidate articles), and
bounds the walk: a word that only appears in older issues ends up gathered after a short walk.
Either way only the articles up to the end of the page have their text read: a page's cost follows its
offset and size, not the number of hits.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from dubao.core.library.search import _snippet, is_plain, occurrence_finder
from dubao.core.library.search_counts import batched
from dubao.core.models import SearchHit

# asking the index about one issue costs about as much as looking up this many candidate rows (measured on
# ten years of a daily: ~40 µs a seek against ~3 µs a row), which decides between walking and gathering
_ISSUE_PROBE_ROWS = 12
_FIRST_BATCH = 8  # issues whose article ranges are read at once; doubles as the walk goes on
_WALK_SLACK = 4  # times the expected number of issues walked before the rest is gathered
_LIBRARY_ORDER = "i.date IS NULL, i.date DESC, i.id DESC"


def walk_budget(conn, needle: str, scope: str, params: list, total: int, candidates: int,
                wanted: int) -> int | None:
    """How many issues meeting `scope` to walk for the first `wanted` hits of `total`, or None when gathering
    the index's candidates is cheaper. The walk expects to visit about wanted / (total / issues) issues (hits
    spread evenly); words come and go with the years, so it may walk a few times that before it gathers the
    rest. `candidates`: how many articles the index proposes."""
    issues = conn.execute(f"SELECT count(*) FROM issues i WHERE {scope}", params).fetchone()[0]
    if total <= 0 or issues <= 0:
        return None
    issue_cost = _ISSUE_PROBE_ROWS
    if len(needle) == 1:  # walked by reading each issue's articles (see _walked_issues): an issue costs those;
        # ids are given out in order, so the largest is about the number of articles (and costs no count)
        issue_cost = max(1, (conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) // issues)
    issues_to_walk = min(issues, wanted * issues // total + 1)
    return issues_to_walk * _WALK_SLACK if issues_to_walk * issue_cost < candidates else None


def _issues_in_library_order(conn, scope: str, params: list) -> Iterator[int]:
    """Ids of the issues meeting `scope`, in library order, read from the date index as the walk goes (dated
    and undated apart: ordering by `date IS NULL` would sort every issue before the first could be read)."""
    for row in conn.execute(f"SELECT i.id FROM issues i WHERE i.date IS NOT NULL AND {scope} "
                            "ORDER BY i.date DESC, i.id DESC", params):
        yield row[0]
    for row in conn.execute(f"SELECT i.id FROM issues i WHERE i.date IS NULL AND {scope} ORDER BY i.id DESC",
                            params):
        yield row[0]


def _walked_issues(conn, match: str | None, scope: str, params: list) -> Iterator[tuple[int, list[tuple]]]:
    """(issue id, its candidates as (article id, issue id, headline) in page order), issue by issue in library
    order; every article of each issue when `match` is None (a prefix query, which one character is, reads the
    lists of every pair the character starts whatever the rowid range: reading a dense character's issues is
    cheaper)."""
    issue_ids, batch = _issues_in_library_order(conn, scope, params), _FIRST_BATCH
    while chunk := list(islice(issue_ids, batch)):
        batch *= 2
        marks = ", ".join("?" * len(chunk))
        ranges = {issue: (low, high) for issue, low, high in conn.execute(
            f"SELECT issue_id, min(id), max(id) FROM articles WHERE issue_id IN ({marks}) GROUP BY issue_id", chunk)}
        for issue in chunk:
            if issue not in ranges:
                yield issue, []
            elif match is None:
                yield issue, conn.execute(
                    "SELECT id, issue_id, headline FROM articles WHERE issue_id = ? ORDER BY idx", [issue]).fetchall()
            else:
                found = [row[0] for row in conn.execute(
                    "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid BETWEEN ? AND ?",
                    [match, *ranges[issue]])]
                # the range may hold other issues' articles when ids were not given out in one go: keep this issue's
                yield issue, conn.execute(
                    f"""SELECT id, issue_id, headline FROM articles WHERE issue_id = ?
                        AND id IN ({", ".join("?" * len(found))}) ORDER BY idx""", [issue, *found]).fetchall() \
                    if found else []


def _walked_then_gathered(conn, needle: str, match: str, scope: str, params: list, budget: int) -> Iterator[tuple]:
    """The candidates in library order: walking at most `budget` issues, then gathering those of the rest
    (walked issues come first in library order, so skipping them keeps the order)."""
    walked = set()
    for issue, rows in _walked_issues(conn, None if len(needle) == 1 else match, scope, params):
        if len(walked) >= budget:
            break
        walked.add(issue)
        yield from rows
    else:
        return
    yield from (row for row in _gathered_candidates(conn, match, scope, params) if row[1] not in walked)


def _gathered_candidates(conn, match: str, scope: str, params: list) -> Iterator[tuple]:
    """(article id, issue id, headline) of all the index's candidates, sorted in library order."""
    yield from conn.execute(
        f"""SELECT a.id, a.issue_id, a.headline FROM search_index s JOIN articles a ON a.id = s.rowid
            JOIN issues i ON i.id = a.issue_id WHERE search_index MATCH ? AND {scope}
            ORDER BY {_LIBRARY_ORDER}, a.idx""", [match, *params]).fetchall()


def read_all(conn, needle: str, scope: str, params: list, offset: int, limit: int, *,
             ids: set[int] | None) -> tuple[int, tuple[SearchHit, ...]]:
    """(total, hits [offset, offset + limit)) by reading every candidate's text once: the cheapest way when
    the index proposes few articles, and the only one when it cannot count (several runs). Only the sort key
    is kept of each article, not its text (sorting rows with their text costs more). `ids`: the candidates
    (candidate_ids); None: every article of the issues meeting `scope`, which is one issue (a one-character
    prefix query reads the lists of every pair the character starts, however few articles the issue holds)."""
    columns = ("SELECT a.id, a.issue_id, a.headline, i.date, a.idx, a.text "
               "FROM articles a JOIN issues i ON i.id = a.issue_id")
    if ids is None:
        rows = conn.execute(f"{columns} WHERE {scope}", params)
    else:
        rows = (row for batch in batched(sorted(ids)) for row in conn.execute(
            f"{columns} WHERE a.id IN ({', '.join('?' * len(batch))})", batch))
    find, plain = occurrence_finder(needle), is_plain(needle)
    ordered = []
    for article_id, issue, headline, date, index, text in rows:
        found = text.count(needle) if plain else len(find(text))
        if found:
            # newest first (dates are checked YYYY-MM-DD), undated last, then page order
            newest_first = -int(date.replace("-", "")) if date else 0
            ordered.append(((date is None, newest_first, -issue, index), article_id, issue, headline, found))
    ordered.sort()
    total = sum(row[-1] for row in ordered)
    return total, _window(conn, needle, ((row[1], row[2], row[3]) for row in ordered), offset, limit)


def page_hits(conn, needle: str, match: str, scope: str, params: list, offset: int, limit: int, *,
              walk: int | None) -> tuple[SearchHit, ...]:
    """Hits [offset, offset + limit) of the folded `needle` among the articles of issues `i` meeting `scope`,
    walking at most `walk` issues first (None: gathering at once)."""
    if walk:
        candidates = _walked_then_gathered(conn, needle, match, scope, params, walk)
    else:
        candidates = _gathered_candidates(conn, match, scope, params)
    return _window(conn, needle, candidates, offset, limit)


def _window(conn, needle: str, candidates, offset: int, limit: int) -> tuple[SearchHit, ...]:
    """The hits [offset, offset + limit) among `candidates` (article id, issue id, headline) in library order,
    reading the text of the candidates up to the end of the window only."""
    window_end = offset + max(0, limit)
    if window_end <= offset:
        return ()
    seen, hits, find = 0, [], occurrence_finder(needle)
    for article_id, issue, headline in candidates:
        text = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        starts = find(text)
        for rank, start in enumerate(starts):
            if offset <= seen + rank < window_end:
                end = start + len(needle)
                hits.append(SearchHit(issue, article_id, headline, start, end, _snippet(text, start, end)))
        seen += len(starts)
        if seen >= window_end:
            break
    return tuple(hits)
