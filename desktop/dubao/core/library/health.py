"""Store: a library file in trouble — damaged, read-only, on a full disk, locked — said in one line.

SQLite reports these as exceptions whose text means little to a reader of Chinese newspapers ("database
disk image is malformed", "attempt to write a readonly database"). `library_error` turns each into a
`LibraryError` that says what happened, that nothing was saved, and what to do; a damaged library gets
`DamagedLibraryError`, which names the newest rolling backup so the window can offer to open it.

Also here: where the rolling backups of a library live, and copying a database to a file whole or not at
all (a backup, or the copy taken before a migration) — a failed copy never leaves an empty file behind.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from dubao.core.errors import LibraryError

BACKUP_GLOB = "library-*.sqlite"

_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_DAMAGED_TEXT = ("malformed", "not a database", "file is encrypted", "could not decode to utf-8")


class DamagedLibraryError(LibraryError):
    """The library fails SQLite's check: Dubao writes nothing to it. `latest_backup` is the newest
    rolling copy, when there is one."""

    def __init__(self, message: str, path: Path | None, latest_backup: Path | None):
        super().__init__(message)
        self.path = path
        self.latest_backup = latest_backup


def backup_folder(library_path: str | Path) -> Path:
    """Where a library's rolling copies go: backups/<library file name without suffix>/ beside it."""
    library_path = Path(library_path)
    return library_path.parent / "backups" / library_path.stem


def latest_backup(library_path: str | Path | None) -> Path | None:
    """The newest rolling copy of the library, or None."""
    if library_path is None:
        return None
    folder = backup_folder(library_path)
    copies = sorted(folder.glob(BACKUP_GLOB)) if folder.is_dir() else []
    return copies[-1] if copies else None


def damaged_error(path: Path | None, detail: str) -> DamagedLibraryError:
    backup = latest_backup(path)
    where = f"open its latest backup {backup}" if backup else \
        f"restore a backup (`dubao library backup` copies; the window keeps them in {backup_folder(path or '.')})"
    detail = " ".join(detail.split())[:160]
    return DamagedLibraryError(
        f"{path} is damaged ({detail}); Dubao will not write to it. To recover: {where}, or salvage what is "
        f"readable with `sqlite3 {path} .recover | sqlite3 recovered.sqlite` and open recovered.sqlite",
        path, backup)


def is_damage(error: BaseException) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGED) or any(text in str(error).lower() for text in _DAMAGED_TEXT)


def library_error(error: BaseException, path: Path | str | None, busy_seconds: float | None = None) -> LibraryError:
    """A one-line LibraryError for an SQLite or OS error met while using the library at `path`."""
    if isinstance(error, LibraryError):
        return error
    path = Path(path) if path is not None else "the library"
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    lowered = text.lower()
    if is_damage(error):
        return damaged_error(path, text)
    if name.startswith("SQLITE_READONLY") or "readonly" in lowered or isinstance(error, PermissionError):
        return LibraryError(f"{path} is read-only ({text}): nothing was saved; check the permissions of the "
                            f"file and its folder, or copy it somewhere you can write")
    if name.startswith("SQLITE_FULL") or "is full" in lowered or getattr(error, "errno", None) in (
            errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return LibraryError(f"the disk holding {path} is full ({text}): nothing was saved; free some space "
                            f"and try again")
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in lowered:
        return LibraryError(f"cannot write {path} ({text}): the disk may be full or failing; nothing was "
                            f"saved")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in lowered:
        waited = f" for over {busy_seconds:g} s" if busy_seconds else ""
        return LibraryError(f"{path} is busy: another Dubao (a long import?) kept it locked{waited}; nothing "
                            f"was saved — try again when it has finished")
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return LibraryError(f"cannot use {path}: a part of its folder path is a file, not a folder")
    return LibraryError(f"cannot use the library {path}: {text}")


def copy_database(connection: sqlite3.Connection, destination: Path, library_path: Path | None) -> None:
    """Copy the open database to `destination` (which must not exist) with SQLite's online backup, through
    `<destination>.partial`: on any failure (a full disk) neither file is left behind, and the error says
    what happened in one line."""
    partial = destination.with_name(destination.name + ".partial")
    try:
        target = sqlite3.connect(str(partial))
        try:
            connection.backup(target)
        finally:
            target.close()
        partial.replace(destination)  # a half-written copy never carries the final name
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error) and is_damage(error):
            raise damaged_error(library_path, str(error)) from None
        raise library_error(error, destination.parent / destination.name) from None
