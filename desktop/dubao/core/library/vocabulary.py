"""Store: the vocabulary list and entity mentions (who/where/what appears in which article)."""

from __future__ import annotations

import json

from dubao.core.errors import NotFoundError
from dubao.core.models import ENTITY_KINDS, Entity, Mention, VocabItem
from dubao.core.library.rows import utc_now

VOCAB_STATUSES = ("learning", "known")
_ENTITY_DETAILS = ("aliases", "titles", "roles", "expansion", "explanation", "value")


def _row_to_vocab(row) -> VocabItem:
    return VocabItem(
        id=row["id"], word=row["word"], pinyin=row["pinyin"], definition=row["definition"], hsk=row["hsk"],
        sentence=row["sentence"], article_id=row["article_id"], start=row["start"], end=row["end"],
        status=row["status"], added=row["added"], updated=row["updated"] or row["added"],
    )


def save_entities_rows(db, issue_id: int, entities, article_ids: dict[int, int]) -> None:
    """Replace the issue's entities. `article_ids` maps article index (as in Mention.article) to article id."""
    db.execute("DELETE FROM entities WHERE issue_id = ?", [issue_id])
    for entity in entities:
        details = {name: getattr(entity, name) for name in _ENTITY_DETAILS}
        entity_id = db.execute(
            "INSERT INTO entities (issue_id, name, kind, details) VALUES (?, ?, ?, ?)",
            [issue_id, entity.name, entity.kind, json.dumps(details, ensure_ascii=False)],
        ).lastrowid
        db.conn.executemany(
            'INSERT INTO entity_mentions (entity_id, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(entity_id, article_ids[m.article], m.start, m.end, m.text)
             for m in entity.mentions if m.article in article_ids],
        )


class WordsMixin:
    # ---- vocabulary -----------------------------------------------------------------------------

    def add_vocab(self, word: str, pinyin: str = "", definition: str = "", hsk: int | None = None,
                  sentence: str = "", article_id: int | None = None, start: int | None = None,
                  end: int | None = None) -> VocabItem:
        """Add a word to the list. A word already there stays one item: its status and first example are
        kept (that is where it was first met); empty fields are filled from the new call."""
        word = word.strip()
        if not word:
            raise ValueError("an empty word cannot go on the vocabulary list")
        with self._write():
            existing = self.conn.execute("SELECT * FROM vocabulary WHERE word = ?", [word]).fetchone()
            if existing is None:
                item_id = self.db["vocabulary"].insert({
                    "word": word, "pinyin": pinyin or "", "definition": definition or "", "hsk": hsk,
                    "sentence": sentence or "", "article_id": article_id, "start": start, "end": end,
                    "status": "learning", "added": utc_now(), "updated": utc_now(),
                }).last_pk
            else:
                item_id = existing[0]
                current = self.db["vocabulary"].get(item_id)
                fills = {key: value for key, value in {
                    "pinyin": pinyin, "definition": definition, "hsk": hsk, "sentence": sentence}.items()
                    if value and not current[key]}
                if current["article_id"] is None and article_id is not None:
                    fills.update(article_id=article_id, start=start, end=end)
                if fills:
                    self.db["vocabulary"].update(item_id, {**fills, "updated": utc_now()})
        return self.get_vocab(item_id)

    def get_vocab(self, item_id: int) -> VocabItem:
        rows = list(self._query("SELECT * FROM vocabulary WHERE id = ?", [item_id]))
        if not rows:
            raise NotFoundError(f"no vocabulary item {item_id}")
        return _row_to_vocab(rows[0])

    def vocabulary(self, status: str | None = None) -> list[VocabItem]:
        """The list, most recently added first."""
        sql, params = "SELECT * FROM vocabulary", []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        return [_row_to_vocab(row) for row in self._query(sql + " ORDER BY added DESC, id DESC", params)]

    def set_vocab_status(self, item_id: int, status: str) -> VocabItem:
        if status not in VOCAB_STATUSES:
            raise ValueError(f"status must be one of {', '.join(VOCAB_STATUSES)}, not {status!r}")
        self.get_vocab(item_id)
        with self._write():
            self.db["vocabulary"].update(item_id, {"status": status, "updated": utc_now()})
        return self.get_vocab(item_id)

    def delete_vocab(self, item_id: int) -> None:
        self.get_vocab(item_id)
        with self._write():
            self.conn.execute("DELETE FROM vocabulary WHERE id = ?", [item_id])

    def known_words(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT word FROM vocabulary WHERE status = 'known'")}

    # ---- entities ---------------------------------------------------------------------------------

    def save_entities(self, issue_id: int, entities: list[Entity]) -> None:
        """Replace the entities found in an issue (mentions refer to articles by their 1-based index)."""
        for entity in entities:
            if entity.kind not in ENTITY_KINDS:
                raise ValueError(f"unknown entity kind {entity.kind!r}")
        article_ids = {index: article_id for article_id, index, _ in self.article_headlines(issue_id)}
        with self._write():
            save_entities_rows(self.db, issue_id, entities, article_ids)

    def has_entities(self, issue_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM entities WHERE issue_id = ? LIMIT 1", [issue_id]).fetchone() is not None

    def issue_entities(self, issue_id: int) -> list[Entity]:
        """The entities saved for an issue, with their mentions (article = 1-based index)."""
        entities = []
        for entity_id, name, kind, details in self.conn.execute(
                "SELECT id, name, kind, details FROM entities WHERE issue_id = ? ORDER BY id", [issue_id]).fetchall():
            mentions = tuple(Mention(*row) for row in self.conn.execute(
                'SELECT a.idx, m.start, m."end", m.text FROM entity_mentions m JOIN articles a ON a.id = m.article_id '
                'WHERE m.entity_id = ? ORDER BY a.idx, m.start', [entity_id]))
            fields = json.loads(details)
            for key in ("aliases", "titles", "roles", "expansion"):
                fields[key] = tuple(fields.get(key) or ())
            entities.append(Entity(name=name, kind=kind, mentions=mentions, **fields))
        return entities

    def entity_mentions(self, name: str, kind: str | None = None) -> list[tuple[int, int, str, str | None, int]]:
        """Articles anywhere in the library that mention the entity (by name or as one of its mention
        texts): (issue_id, article_id, headline, date, count), newest first."""
        sql = """SELECT a.issue_id, a.id, a.headline, i.date, count(*) AS n
                 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
                 JOIN articles a ON a.id = m.article_id JOIN issues i ON i.id = a.issue_id
                 WHERE (e.name = :name OR m.text = :name)"""
        params = {"name": name}
        if kind is not None:
            sql += " AND e.kind = :kind"
            params["kind"] = kind
        sql += " GROUP BY a.id ORDER BY i.date IS NULL, i.date DESC, i.id DESC, a.idx"
        return [tuple(row) for row in self.conn.execute(sql, params)]
