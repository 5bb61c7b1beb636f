"""Store: the user's own glossary entries (a local formulation, a class's reading of a slogan, a note on a
term), kept in the library so they travel with it and can be exported for a class to share.

Entries are `dubao.core.entities.glossary.Formulation` records with origin "user"; list fields are stored
as JSON arrays. Names are unique: saving an entry with a name already there replaces it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dubao.core.errors import NotFoundError
from dubao.core.library.rows import utc_now

if TYPE_CHECKING:  # the entities package is imported when an entry is read or written: opening a library skips it
    from dubao.core.entities.glossary import Formulation

_LIST_FIELDS = ("variants", "expansion", "related")
_TEXT_FIELDS = ("pinyin", "english", "explanation", "category", "since", "source")


def _row_to_entry(row) -> Formulation:
    from dubao.core.entities.glossary import Formulation

    return Formulation(
        name=row["name"], explanation=row["explanation"], category=row["category"], pinyin=row["pinyin"],
        english=row["english"], variants=tuple(json.loads(row["variants"])),
        expansion=tuple(json.loads(row["expansion"])), since=row["since"], source=row["source"],
        related=tuple(json.loads(row["related"])), origin="user",
    )


def _entry_row(entry: Formulation) -> dict:
    from dubao.core.entities.glossary import GlossaryError

    name = entry.name.strip()
    if len(name) < 1:
        raise GlossaryError("a glossary entry needs a name")
    row = {"name": name, "updated": utc_now()}
    row.update({key: json.dumps(list(getattr(entry, key)), ensure_ascii=False) for key in _LIST_FIELDS})
    row.update({key: getattr(entry, key) or "" for key in _TEXT_FIELDS})
    row["category"] = row["category"] or "user"
    return row


class UserGlossaryMixin:
    def glossary_entries(self) -> list[Formulation]:
        """The user's entries, by name."""
        return [_row_to_entry(row) for row in self._query("SELECT * FROM user_glossary ORDER BY name")]

    def glossary_entry(self, name: str) -> Formulation:
        rows = list(self._query("SELECT * FROM user_glossary WHERE name = ?", [name]))
        if not rows:
            raise NotFoundError(f"no glossary entry named {name!r} in this library")
        return _row_to_entry(rows[0])

    def save_glossary_entry(self, entry: Formulation, previous_name: str | None = None) -> Formulation:
        """Add an entry, or replace the one named `entry.name` (or `previous_name`, when renaming)."""
        row = _entry_row(entry)
        with self._write():
            if previous_name and previous_name != row["name"]:
                self.conn.execute("DELETE FROM user_glossary WHERE name = ?", [previous_name])
            self.db["user_glossary"].upsert(row, pk="name", alter=False)
        return self.glossary_entry(row["name"])

    def save_glossary_entries(self, entries: Iterable[Formulation]) -> int:
        """Add or replace several entries in one transaction (an import): all or none. Returns how many."""
        rows = [_entry_row(entry) for entry in entries]
        with self._write():
            for row in rows:
                self.db["user_glossary"].upsert(row, pk="name", alter=False)
        return len(rows)

    def delete_glossary_entry(self, name: str) -> None:
        with self._write():
            if not self.conn.execute("DELETE FROM user_glossary WHERE name = ?", [name]).rowcount:
                raise NotFoundError(f"no glossary entry named {name!r} in this library")
