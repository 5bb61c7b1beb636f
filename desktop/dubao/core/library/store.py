"""The library: one SQLite file holding issues, articles, annotations, vocabulary, entities and a search index.

`Store` is the only way the rest of Dubao reads or writes it, and the modules of `dubao.core.library` are the
only ones with SQL. Every method returns frozen dataclasses from `dubao.core.models`, never rows.

Safety rules this module keeps, because people trust years of notes to this file:
- WAL journal + busy timeout: the window and a command-line import can use one library at once.
- Every write is one `BEGIN IMMEDIATE` transaction (`_write`): a killed process leaves all or nothing,
  and two writers queue instead of failing half-way.
- Before migrations run on an existing library, a consistent copy is written next to it.
- A file that is not a Dubao library is refused before anything is written to it; so is a damaged one
  when opened to write (`verify=True`: SQLite's quick check first), and a read never creates a library.
- SQLite's own errors (read-only file, full disk, lock held too long, damage) leave as one-line
  LibraryErrors (`health.library_error`); a writer that finds the library busy says so and waits.

The class is assembled from mixins, one per concern: issues and articles here, annotations in
`annotations` (adding them with a re-anchoring outcome, and in batches, in `anchored`), vocabulary and
entities in `vocabulary`, the search index in `search`, checks, sizes and backups in `maintenance` (what
to say when the file is in trouble in `health`), saving a split issue in `saving`, the user's own glossary entries in `user_glossary`. The store never calls
the importing pipeline: `dubao.core.pipeline` calls it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from typing import TYPE_CHECKING

from dubao.core.library import checking, migrations
from dubao.core.library.anchored import AnchoredAnnotationsMixin
from dubao.core.library.annotations import AnnotationsMixin
from dubao.core.library.codebook import CodebookMixin
from dubao.core.library.corpus import CorpusMixin
from dubao.core.library.corpus_keyness import KeynessMixin
from dubao.core.library.corpus_kwic import KwicMixin
from dubao.core.library.corpus_profile import ProfileMixin
from dubao.core.library.database import database
from dubao.core.library.health import copy_database, damaged_error, is_damage, library_error
from dubao.core.library.issues import IssuesMixin
from dubao.core.library.maintenance import MaintenanceMixin
from dubao.core.library.rows import LibraryError
from dubao.core.library.saving import SavingMixin
from dubao.core.library.search import SearchMixin
from dubao.core.library.user_glossary import UserGlossaryMixin
from dubao.core.library.vocabulary import WordsMixin

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["BUSY_TIMEOUT_SECONDS", "LibraryError", "Store"]

BUSY_TIMEOUT_SECONDS = 30.0
# A writer that finds the library locked waits this long without a word, then says it is waiting …
QUIET_WAIT_SECONDS = 2.0
# … and, when someone is told (`Store.on_busy`), waits this long in all: a long import holds the lock
WRITE_WAIT_SECONDS = 600.0
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _log_info(message: str) -> None:
    """Log to this module's logger; `logging` is imported only here, when a write has had to wait."""
    import logging

    logging.getLogger(__name__).info(message)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the library to WAL, waiting like any write for another Dubao that holds it.

    SQLite answers "database is locked" at once, without its busy timeout, when the switch needs the lock another
    process holds: two Dubaos creating the same new library (the window's first start and an import) must not make
    one of them fail for that."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() >= deadline:
                raise
        time.sleep(0.02)


def _check_is_library(path: Path) -> set[str] | None:
    """The migrations recorded in `path` when it holds an existing Dubao library, None when it is absent or empty
    (a new one). Raises LibraryError for anything else, without writing to the file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a Dubao library file")
    with open(path, "rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise LibraryError(f"{path} is not a Dubao library (it is not an SQLite database)")
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return None
            if "_sqlite_migrations" not in tables or not probe.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [migrations.MIGRATION_SET]
            ).fetchone():
                raise LibraryError(f"{path} is an SQLite database but not a Dubao library")
            applied = {row[0] for row in probe.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.MIGRATION_SET])}
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        if is_damage(error):  # a library whose first pages are damaged: still say how to recover
            raise damaged_error(path, str(error)) from None
        raise LibraryError(f"{path} cannot be read as a Dubao library: {error}") from error
    unknown = applied - set(migrations.names())
    if unknown:
        raise LibraryError(
            f"{path} was written by a newer Dubao (schema {sorted(unknown)[-1]}); update Dubao to open it")
    return applied


class Store(IssuesMixin, SavingMixin, AnnotationsMixin, AnchoredAnnotationsMixin, WordsMixin, SearchMixin,
            MaintenanceMixin, UserGlossaryMixin, CorpusMixin, KwicMixin, KeynessMixin, ProfileMixin,
            CodebookMixin):
    """An open library. Use `Store.open(path)`, and `close()` it (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, backup: Path | None = None):
        self.conn = conn  # reads use it directly; `db` (sqlite-utils) is made when a write or query needs it
        self._db: Database | None = None
        self.path = path
        self.backup_path = backup  # the copy taken before this open migrated the file, if any
        # told (with a message to show) when a write has to wait for another process's lock
        self.on_busy: Callable[[str], None] | None = None

    @property
    def db(self) -> Database:
        """The connection as a sqlite-utils Database, made at first use (dubao.core.library.database)."""
        if self._db is None:
            self._db = database(self.conn)
        return self._db

    def _query(self, sql: str, params=()) -> Iterator[dict]:
        """Rows as dicts, as sqlite-utils' `query` gives them, from the plain connection."""
        cursor = self.conn.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row))

    # ---- opening and closing ------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, verify: bool = False, check_later: bool = False) -> Store:
        """Open the library at `path`, migrating it if older than this code. `create`: make it when absent
        (else LibraryError: a read must not leave an empty library at a mistyped path). `verify`: run
        SQLite's quick check first and refuse a damaged file (DamagedLibraryError) before writing to it.
        `check_later` (with `verify`): when nothing needs migrating, open at once and leave the check to run
        before the first write instead (dubao.core.library.checking; the caller may start it on a worker thread
        with `checking.run(path)`)."""
        in_memory = str(path) == ":memory:"
        file_path = None if in_memory else Path(path).expanduser()
        if file_path is not None and not create and not file_path.exists():
            raise LibraryError(f"no library at {file_path}")
        recorded = None if in_memory else _check_is_library(file_path)
        existed = recorded is not None
        if file_path is not None:
            try:
                file_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                if isinstance(error, (FileExistsError, NotADirectoryError)):
                    raise LibraryError(f"cannot create {file_path}: {error.filename} is a file, not a folder") \
                        from None
                raise library_error(error, file_path) from None
        if verify and existed:
            if check_later and set(migrations.names()) <= recorded:  # opening writes nothing: check before writes
                checking.expect(file_path, partial(cls._verify, file_path))
            else:
                cls._verify(file_path)
        try:
            conn = sqlite3.connect(
                ":memory:" if in_memory else str(file_path),
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,  # we open transactions ourselves (BEGIN IMMEDIATE)
                check_same_thread=False,  # the GUI hands it to worker threads, one at a time
            )
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not in_memory:
                _use_wal(conn)
                # FULL: a committed note survives a power cut, not only a crash
                conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as error:
            raise library_error(error, file_path or path) from None
        store = cls(conn, file_path)
        try:
            store.backup_path = store._migrate(existed)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise library_error(error, file_path or path) from None
        except BaseException:
            conn.close()
            raise
        return store

    @staticmethod
    def _verify(path: Path) -> None:
        """The quick check on a read-only connection of its own: nothing is written before it passes."""
        try:
            probe = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                problems = [row[0] for row in probe.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]
            finally:
                probe.close()
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise library_error(error, path) from None
            problems = [str(error)]
        if problems:
            raise damaged_error(path, problems[0])

    def _migrate(self, existed: bool) -> Path | None:
        """Apply pending migrations under a write lock, so two processes opening one new library
        do not both create it. Returns the backup copy's path when an existing library was migrated."""
        if self._up_to_date():
            return None  # the usual case: no lock needed, so opening never waits for another writer
        backup = None
        if existed and self.path is not None:
            # before taking the write lock: SQLite cannot copy a database from inside its own write transaction
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = self.path.with_name(f"{self.path.stem}.before-migration-{stamp}{self.path.suffix}")
            counter = 1
            while backup.exists():  # never overwrite an earlier copy
                counter += 1
                backup = self.path.with_name(f"{self.path.stem}.before-migration-{stamp}-{counter}{self.path.suffix}")
            copy_database(self.conn, backup, self.path)  # on a full disk: one line, and no empty copy
        with self._write():
            # pending again: another process may have migrated the file meanwhile
            if migrations.pending(self.db):
                migrations.apply(self.db)
        return backup

    def _up_to_date(self) -> bool:
        """Every migration is recorded in the file: plain SQL, so the usual open never imports sqlite-utils."""
        try:
            applied = {row[0] for row in self.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.MIGRATION_SET])}
        except sqlite3.OperationalError:  # no record table: a new library
            return False
        return set(migrations.names()) <= applied

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Database]:
        """One write transaction. IMMEDIATE takes the write lock up front: a second writer waits
        (busy timeout) instead of failing when it later tries to upgrade a read lock."""
        checking.before_write(self.path)  # a damage check left for later (Store.open check_later) comes first
        conn = self.conn
        if conn.in_transaction:  # nested: let sqlite-utils use a savepoint
            with self.db.atomic():
                yield self.db
            return
        self._begin()
        try:
            yield self.db
        except sqlite3.DatabaseError as error:  # full disk, read-only file, damage: one line, not a traceback
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.IntegrityError):  # a constraint: the caller's business (or a bug)
                raise
            raise library_error(error, self.path) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise library_error(error, self.path) from None

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting for another writer: quietly at first, then (when `on_busy` is set, so
        someone hears why nothing happens) with a message, for up to WRITE_WAIT_SECONDS."""
        conn = self.conn
        waits = [QUIET_WAIT_SECONDS, max(0.001, (WRITE_WAIT_SECONDS if self.on_busy else BUSY_TIMEOUT_SECONDS)
                                         - QUIET_WAIT_SECONDS)]
        for attempt, seconds in enumerate(waits):
            conn.execute(f"PRAGMA busy_timeout = {max(1, int(seconds * 1000))}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise library_error(error, self.path) from None
                if attempt == len(waits) - 1:
                    raise library_error(error, self.path, busy_seconds=sum(waits)) from None
                message = f"waiting for {self.path}: another Dubao is writing to it (up to {waits[1]:.0f} s)…"
                (self.on_busy or _log_info)(message)
            finally:
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")

    def schema_migrations(self) -> list[str]:
        return [migration.name for migration in migrations.migrations.applied(self.db)]
