"""Profiles: everything the library's entities say about one person, place, organisation or formulation.

Entities are stored per issue (entities + entity_mentions, see vocabulary.py), each with the titles and
roles printed with it in that issue. A profile gathers them across the library: when the name was first and
last seen (each with its article), every title printed with it and the span of dates it was printed over,
the people and organisations mentioned in the same articles, and mentions per month.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dubao.core.errors import NotFoundError

if TYPE_CHECKING:
    from dubao.core.library.corpus_records import Profile

class ProfileMixin:
    """Store methods: profiles of entities."""

    def _sightings(self, name: str) -> list[tuple]:
        """(entity id, kind, details, date, paper, issue, first article id, headline, mentions) per issue
        entity matching `name`, oldest first."""
        matches, params = self.entity_condition(name)
        return self.conn.execute(
            f"""SELECT e.id, e.kind, e.details, i.date, i.paper, i.id,
                       (SELECT m.article_id FROM entity_mentions m JOIN articles x ON x.id = m.article_id
                        WHERE m.entity_id = e.id ORDER BY x.idx, m.start LIMIT 1) AS article,
                       (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id) AS mentions
                FROM entities e JOIN issues i ON i.id = e.issue_id WHERE {matches}
                ORDER BY i.date IS NULL, i.date, i.id""", params).fetchall()

    def profile(self, name: str, *, co_mentions: int = 20) -> Profile:
        """The profile of `name` (an entity's name, or else one of its aliases); NotFoundError when no issue has it."""
        # at first use: see corpus_records
        from dubao.core.library.corpus_records import CoMention, Profile, Sighting, TitleSpan

        name = name.strip()
        rows = [row for row in self._sightings(name) if row[6] is not None]
        if not rows:
            raise NotFoundError(f"no person, place, organisation or formulation called {name!r} in the library")
        headlines = dict(self.conn.execute(
            f"SELECT id, headline FROM articles WHERE id IN ({','.join('?' * len(rows))})",
            [row[6] for row in rows]).fetchall())
        titles: dict[str, list] = {}
        roles: dict[str, None] = {}
        kinds: dict[str, None] = {}
        sightings = []
        expansion, explanation = (), ""
        for _, kind, details, date, paper, issue, article, _ in rows:
            sighting = Sighting(date, paper, issue, article, headlines[article])
            sightings.append(sighting)
            kinds.setdefault(kind, None)
            fields = json.loads(details)
            for title in fields.get("titles") or ():
                titles.setdefault(title, []).append(sighting)
            for role in fields.get("roles") or ():
                roles.setdefault(role, None)
            expansion = tuple(fields.get("expansion") or ()) or expansion
            explanation = fields.get("explanation") or explanation
        spans = [TitleSpan(title, len(seen), seen[0], seen[-1]) for title, seen in titles.items()]
        spans.sort(key=lambda span: (span.first.date is None, span.first.date or "", span.title))
        entity_ids = [row[0] for row in rows]
        marks = ",".join("?" * len(entity_ids))
        mentions, articles = self.conn.execute(
            f"SELECT count(*), count(DISTINCT article_id) FROM entity_mentions WHERE entity_id IN ({marks})",
            entity_ids).fetchone()
        together = self.conn.execute(
            f"""SELECT e.name, e.kind, count(DISTINCT m.article_id) AS shared
                FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
                WHERE m.article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id IN ({marks}))
                AND e.id NOT IN ({marks}) AND e.name != ? AND e.kind IN ('person', 'organization', 'place')
                GROUP BY e.kind, e.name ORDER BY shared DESC, e.name LIMIT ?""",
            [*entity_ids, *entity_ids, name, co_mentions]).fetchall()
        timeline = self.conn.execute(
            f"""SELECT substr(i.date, 1, 7), count(*) FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
                JOIN issues i ON i.id = e.issue_id WHERE e.id IN ({marks}) AND i.date IS NOT NULL
                GROUP BY 1 ORDER BY 1""", entity_ids).fetchall()
        return Profile(
            name=name, kinds=tuple(kinds), mentions=mentions, articles=articles, issues=len({s.issue for s in sightings}),
            first=sightings[0], last=sightings[-1], titles=tuple(spans), roles=tuple(roles),
            co_mentions=tuple(CoMention(*row) for row in together), timeline=tuple(tuple(row) for row in timeline),
            expansion=expansion, explanation=explanation)
