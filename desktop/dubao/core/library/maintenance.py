"""Store: looking after the file — integrity checks, counts and sizes, compaction, consistent backups.

Backups use SQLite's online backup API, so a copy taken while the window or an import is using the
library is still a consistent snapshot (copying the file would not be: the WAL holds recent commits).
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

from dubao.core.library.health import BACKUP_GLOB, copy_database, damaged_error, is_damage

__all__ = ["BACKUP_GLOB", "MaintenanceMixin"]


class MaintenanceMixin:
    def integrity_check(self) -> list[str]:
        """Problems SQLite and the foreign keys report; empty when the file is sound."""
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
        problems += [f"foreign key: {tuple(row)}" for row in self.conn.execute("PRAGMA foreign_key_check").fetchall()]
        try:
            # FTS5 runs its check as an INSERT: on a library opened read-only it cannot run at all,
            # which says nothing about the index
            self.conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            if "readonly" not in str(error).lower():
                problems.append(f"search index: {error}")
        return problems

    def quick_check(self) -> list[str]:
        """SQLite's quick check (the structure of every page, without matching indexes to tables): the
        problems it finds, empty when the file is sound. Damage it cannot even read counts as one."""
        try:
            return [row[0] for row in self.conn.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                return [str(error)]
            raise

    def ensure_sound(self) -> None:
        """Raise DamagedLibraryError (with the way to recover) when the file fails the quick check."""
        problems = self.quick_check()
        if problems:
            raise damaged_error(self.path, problems[0])

    def counts(self) -> dict[str, int]:
        """How much the library holds (for a status line): issues, articles, live annotations, vocabulary."""
        queries = {"issues": "SELECT count(*) FROM issues", "articles": "SELECT count(*) FROM articles",
                   "annotations": "SELECT count(*) FROM annotations WHERE deleted IS NULL",
                   "vocabulary": "SELECT count(*) FROM vocabulary"}
        return {name: self.conn.execute(sql).fetchone()[0] for name, sql in queries.items()}

    def optimize(self) -> None:
        """After a large import: merge the search index's segments and fold the WAL back into the file."""
        with self._write():
            self.conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        self.conn.execute("PRAGMA optimize")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def table_sizes(self) -> dict[str, int]:
        """Bytes on disk per table and its indexes (the FTS index's shadow tables count as "search_index")."""
        sizes: dict[str, int] = {}
        rows = self.conn.execute(
            "SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s "
            "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1").fetchall()
        for name, size in rows:
            key = "search_index" if name.startswith("search_index") else name
            sizes[key] = sizes.get(key, 0) + size
        return sizes

    def backup(self, destination: str | Path) -> Path:
        """Write a consistent copy of the library to `destination` (a new file; never the library itself)."""
        destination = Path(destination).expanduser()
        if self.path is not None and destination.resolve() == self.path.resolve():
            raise ValueError("a backup cannot overwrite the library it copies")
        if destination.exists():
            raise FileExistsError(f"{destination} already exists; choose a new name")
        destination.parent.mkdir(parents=True, exist_ok=True)
        copy_database(self.conn, destination, self.path)
        return destination

    def rolling_backup(self, folder: str | Path, keep: int = 5, every_days: float = 7) -> Path | None:
        """Copy the library into `folder` if its newest copy there is older than `every_days`, keeping
        the `keep` newest copies. Returns the new copy, or None when a recent one exists. Meant for the
        window to call at start-up. A damaged library is not copied: its copy would push a good one out."""
        folder = Path(folder).expanduser()
        self.ensure_sound()
        folder.mkdir(parents=True, exist_ok=True)
        copies = sorted(folder.glob(BACKUP_GLOB))
        now = _dt.datetime.now()
        if copies and now.timestamp() - copies[-1].stat().st_mtime < every_days * 86400:
            return None
        created = self.backup(folder / f"library-{now.strftime('%Y%m%d-%H%M%S')}.sqlite")
        for old in sorted(folder.glob(BACKUP_GLOB))[:-keep]:
            old.unlink()
        return created
