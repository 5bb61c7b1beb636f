"""sqlite-utils, imported when the library first needs it rather than when it opens.

Opening a library and reading an article are plain `sqlite3` calls; sqlite-utils (table helpers, upserts, the
migrations runner) is used by writes, imports and migrations. Importing it costs about 0.1 s, so the window
shows its first article without it (`Store.db` makes the `Database` at first use, through `database`).

sqlite-utils imports pandas and numpy when they are installed (to store their values: the library never does):
they are kept out while it imports (`dubao.core.imports.without_modules`); and sqlite-utils plugins installed
elsewhere on the machine are not Dubao's to run on a library (finding them reads every installed package's
entry points), so they are marked as already loaded.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from dubao.core.imports import without_modules

if TYPE_CHECKING:
    from sqlite_utils import Database


def import_sqlite_utils():
    """The sqlite_utils module, imported once without pandas, numpy or plugins."""
    with without_modules("pandas", "numpy"):
        import sqlite_utils
        import sqlite_utils.migrations
        import sqlite_utils.plugins
    sqlite_utils.plugins._plugins_loaded = True
    return sqlite_utils


def database(conn: sqlite3.Connection) -> Database:
    """A sqlite-utils Database over an open connection."""
    return import_sqlite_utils().Database(conn)
