"""The library as a corpus: parts of it (by paper and dates), the per-article counts the workbench divides by,
and trends of terms and entities over time.

A `Part` names a slice of the library the way a researcher says it: "2016", "2016-03",
"2016-01-01..2016-06-30", "paper=人民日报", or several joined by commas ("paper=吕梁日报,2016"). Every
workbench query (concordance, trend, keyness) takes one, so their figures always cover the same articles.

Counting text: "characters" are Han characters (dubao.core.text), so per-10,000 rates do not depend on how
much punctuation, digits or Latin text a paper prints. They are cached per article in `article_counts`
(filled for any article that lacks them, cheaply); word counts (`article_words`) need segmentation and are
filled only for the articles a keyness query covers (see corpus_keyness).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dubao.core.errors import DubaoError
from dubao.core.models import ENTITY_KINDS
from dubao.core.library.search import _FOLD_TOUCHED, fold, match_expression
from dubao.core.library.search_counts import index_token_of_pair, vocabulary_views  # noqa: F401 (corpus_kwic)
from dubao.core.text import HAN_CHARACTER

if TYPE_CHECKING:
    from dubao.core.library.corpus_records import TrendPoint

PERIODS = ("day", "week", "month", "year")
_PART_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class CorpusQueryError(DubaoError):
    """A part, term or period the user gave cannot be understood."""


@dataclass(frozen=True, slots=True)
class Part:
    """A slice of the library: one paper or all, a date range (inclusive ISO dates) or all dates."""

    paper: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    label: str = "library"

    def where(self, issue_alias: str = "i") -> tuple[str, list]:
        """SQL conditions on the issues table (alias `issue_alias`) and their parameters; '1' when none."""
        clauses, params = [], []
        if self.paper is not None:
            clauses.append(f"{issue_alias}.paper = ?")
            params.append(self.paper)
        if self.date_from is not None:
            clauses.append(f"{issue_alias}.date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append(f"{issue_alias}.date <= ?")
            params.append(self.date_to)
        return (" AND ".join(clauses) or "1"), params


def _day_range(text: str, *, last: bool) -> str:
    """'2016' → '2016-01-01' (or '2016-12-31' when `last`), '2016-02' → '2016-02-01' / '2016-02-29'."""
    if not _PART_DATE.match(text):
        raise CorpusQueryError(f"a date must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    parts = [int(piece) for piece in text.split("-")]
    try:
        if len(parts) == 3:
            return _dt.date(*parts).isoformat()
        if len(parts) == 1:
            return f"{parts[0]:04d}-12-31" if last else f"{parts[0]:04d}-01-01"
        first = _dt.date(parts[0], parts[1], 1)
    except ValueError:
        raise CorpusQueryError(f"{text!r} is not a real date") from None
    if not last:
        return first.isoformat()
    following = _dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (following - _dt.timedelta(days=1)).isoformat()


def parse_part(spec: str) -> Part:
    """A `Part` from "2016", "2016-03", "2016-01-01..2016-06-30", "paper=NAME", or several joined by commas."""
    paper = date_from = date_to = None
    for piece in (piece.strip() for piece in spec.split(",")):
        if not piece:
            continue
        if piece.startswith("paper="):
            paper = piece[len("paper="):].strip() or None
        elif ".." in piece:
            start, end = piece.split("..", 1)
            date_from = _day_range(start.strip(), last=False) if start.strip() else None
            date_to = _day_range(end.strip(), last=True) if end.strip() else None
        else:
            date_from, date_to = _day_range(piece, last=False), _day_range(piece, last=True)
    if paper is None and date_from is None and date_to is None and spec.strip():
        raise CorpusQueryError(f"cannot read {spec!r} as a part of the library "
                               "(try 2016, 2016-03, 2016-01-01..2016-06-30 or paper=NAME)")
    return Part(paper, date_from, date_to, spec.strip() or "library")


def period_of(date: str, by: str) -> str:
    """The period a YYYY-MM-DD date falls in: '2026-01-14' (day), '2026-W03' (ISO week), '2026-01', '2026'."""
    if by == "day":
        return date
    if by == "month":
        return date[:7]
    if by == "year":
        return date[:4]
    if by == "week":
        year, week, _ = _dt.date.fromisoformat(date).isocalendar()
        return f"{year:04d}-W{week:02d}"
    raise CorpusQueryError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")


def periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from the one holding date `first` to the one holding `last`, gaps included."""
    day, end, found = _dt.date.fromisoformat(first), _dt.date.fromisoformat(last), []
    step = {"day": 1, "week": 7}.get(by)
    while day <= end:
        label = period_of(day.isoformat(), by)
        if not found or found[-1] != label:
            found.append(label)
        if step:
            day += _dt.timedelta(days=step)
        elif by == "month":
            day = _dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        else:
            day = _dt.date(day.year + 1, 1, 1)
    last_label = period_of(last, by)
    if found and found[-1] != last_label:
        found.append(last_label)
    return found


def han_count(text: str) -> int:
    return len(text) - len(HAN_CHARACTER.sub("", text))


def term_needle(term: str) -> tuple[str, str, bool]:
    """(folded needle, FTS match expression, plain) for a literal term; plain: SQLite may count it unfolded."""
    needle = fold(term.strip())
    match = match_expression(needle)
    if match is None:
        raise CorpusQueryError("the term is empty")
    return needle, match, not (set(needle) & _FOLD_TOUCHED)


class CorpusMixin:
    """Store methods: the counts cache and trends."""

    def entity_condition(self, name: str) -> tuple[str, list]:
        """SQL (on `entities e`) for the entities called `name`, and its parameters. By name through the
        (kind, name) index when any entity has that name; else by alias, which reads every entity's details."""
        kinds = ", ".join(f"'{kind}'" for kind in ENTITY_KINDS)
        by_name = f"e.kind IN ({kinds}) AND e.name = ?"
        if self.conn.execute(f"SELECT 1 FROM entities e WHERE {by_name} LIMIT 1", [name]).fetchone():
            return by_name, [name]
        return "EXISTS (SELECT 1 FROM json_each(e.details, '$.aliases') WHERE value = ?)", [name]

    def fill_char_counts(self) -> int:
        """Count the Han characters of every article that has no counts yet; returns how many were counted."""
        conn = self.conn
        # rows only come and go with their article, so equal numbers mean nothing is missing; both counts come
        # from small indexes, where looking for missing rows would read every (large) article row
        if conn.execute("SELECT count(*) FROM articles").fetchone()[0] == conn.execute(
                "SELECT count(*) FROM article_counts").fetchone()[0]:
            return 0
        missing = conn.execute(
            "SELECT a.id, a.issue_id, a.text FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM article_counts c WHERE c.article_id = a.id)").fetchall()
        if missing:
            with self._write():
                conn.executemany(
                    "INSERT OR IGNORE INTO article_counts (article_id, issue_id, chars) VALUES (?, ?, ?)",
                    [(article_id, issue_id, han_count(text)) for article_id, issue_id, text in missing])
        return len(missing)

    def chars_by_day(self, part: Part) -> dict[str, int]:
        """Han characters of the part's dated articles, per issue date."""
        self.fill_char_counts()
        where, params = part.where()
        return dict(self.conn.execute(
            f"""SELECT i.date, sum(c.chars) FROM article_counts c JOIN issues i ON i.id = c.issue_id
                WHERE i.date IS NOT NULL AND {where} GROUP BY i.date""",
            params).fetchall())

    def term_counts_by_day(self, term: str, part: Part) -> dict[str, int]:
        """Occurrences of a literal term (as search finds them) in the part's dated articles, per issue date."""
        needle, match, plain = term_needle(term)
        where, params = part.where()
        token = index_token_of_pair(needle) if plain else None
        if token is not None:  # counted from the index alone: no article text is read
            vocabulary_views(self.conn)
            self.fill_char_counts()  # article → issue, without reading the articles
            return dict(self.conn.execute(
                f"""SELECT i.date, sum(found.n) FROM
                        (SELECT doc, count(*) AS n FROM temp.search_instances WHERE term = ? GROUP BY doc) AS found
                    JOIN article_counts c ON c.article_id = found.doc JOIN issues i ON i.id = c.issue_id
                    WHERE i.date IS NOT NULL AND {where} GROUP BY i.date""", [token, *params]).fetchall())
        if plain:  # counted inside SQLite: the text never crosses into Python
            rows = self.conn.execute(
                f"""SELECT i.date, sum((length(a.text) - length(replace(a.text, ?, ''))) / ?)
                    FROM search_index s JOIN articles a ON a.id = s.rowid JOIN issues i ON i.id = a.issue_id
                    WHERE search_index MATCH ? AND i.date IS NOT NULL AND {where} GROUP BY i.date""",
                [needle, len(needle), match, *params]).fetchall()
            return {date: count for date, count in rows if count}
        counts: dict[str, int] = {}
        for date, text in self.conn.execute(
                f"""SELECT i.date, a.text FROM search_index s JOIN articles a ON a.id = s.rowid
                    JOIN issues i ON i.id = a.issue_id
                    WHERE search_index MATCH ? AND i.date IS NOT NULL AND {where}""", [match, *params]):
            found = fold(text).count(needle)
            if found:
                counts[date] = counts.get(date, 0) + found
        return counts

    def entity_counts_by_day(self, name: str, part: Part) -> dict[str, int]:
        """Mentions of an entity (by its name, or else by an alias) in the part's dated articles, per issue date."""
        where, params = part.where()
        matches, match_params = self.entity_condition(name)
        return dict(self.conn.execute(
            f"""SELECT i.date, count(*) FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
                JOIN issues i ON i.id = e.issue_id
                WHERE {matches} AND i.date IS NOT NULL AND {where} GROUP BY i.date""",
            [*match_params, *params]).fetchall())

    def trend(self, terms: list[str], by: str = "month", part: Part = Part(), *,
              entities: bool = False) -> dict[str, list[TrendPoint]]:
        """Each term's occurrences per period (raw and per 10,000 Han characters of that period's text),
        from the part's first dated issue to its last. `entities`: the terms are entity names and their
        mentions are counted (aliases included) rather than the literal string."""
        from dubao.core.library.corpus_records import TrendPoint  # at first use: see corpus_records

        if by not in PERIODS:
            raise CorpusQueryError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
        chars_per_day = self.chars_by_day(part)
        chars: dict[str, int] = {}
        for date, count in chars_per_day.items():
            label = period_of(date, by)
            chars[label] = chars.get(label, 0) + count
        labels = periods_between(min(chars_per_day), max(chars_per_day), by) if chars_per_day else []
        series = {}
        for term in terms:
            by_day = self.entity_counts_by_day(term, part) if entities else self.term_counts_by_day(term, part)
            counts: dict[str, int] = {}
            for date, count in by_day.items():
                label = period_of(date, by)
                counts[label] = counts.get(label, 0) + count
            points = []
            for label in labels:
                text_chars = chars.get(label, 0)
                if text_chars:
                    count = counts.get(label, 0)
                    points.append(TrendPoint(label, count, text_chars, round(count * 10000 / text_chars, 3)))
                else:
                    points.append(TrendPoint(label, None, 0, None))
            series[term] = points
        return series
