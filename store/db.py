"""Short-lived connections to the one database file.

DuckDB lets one process hold a file open for writing and then keeps every other process out,
so nothing here caches a connection: the dashboard, ``sillage ingest`` and ``sillage share``
each open the file for the length of one unit of work and close it.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

import settings
from store.migrations import MIGRATIONS

# DuckDB names the holder of a file lock: "Conflicting lock is held in /usr/bin/duckdb (PID 42)".
_HOLDER = re.compile(r"lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


class DatabaseInUse(RuntimeError):
    """Another program held the database file for longer than ``SILLAGE_LOCK_WAIT_SECONDS``.

    ``program`` and ``pid`` name the holder when DuckDB says who it is. ``str()`` is the plain
    message for the agency's own screens and the command line; ``public_message`` names no
    path, program or process, for a client's view.
    """

    def __init__(self, path: Path, waited: float, detail: str) -> None:
        holder = _HOLDER.search(detail)
        self.path = path
        self.waited = waited
        self.program = Path(holder["program"]).name if holder else None
        self.pid = int(holder["pid"]) if holder else None
        super().__init__(self._message())

    def _message(self) -> str:
        who = (
            f"another program ({self.program}, process {self.pid})"
            if self.program
            else "another program"
        )
        return (
            f"the database {self.path.name} is in use by {who} and stayed locked for "
            f"{self.waited:g} s. Close that program (a DuckDB shell or script opened on the file "
            "for writing) or wait for its load to finish, then try again; "
            "SILLAGE_LOCK_WAIT_SECONDS sets how long Sillage waits."
        )

    @property
    def public_message(self) -> str:
        return "The dashboard is being updated. Reload the page in a minute."


def _is_lock_error(error: Exception) -> bool:
    return "lock" in str(error).lower()


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    # Another process may hold the file for a moment (an ingest beside the dashboard): wait a
    # bounded time, then say who holds it.
    waited = settings.get_float("lock_wait_seconds")
    deadline = time.monotonic() + waited
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise
            if time.monotonic() > deadline:
                raise DatabaseInUse(path, waited, str(error)) from error
            time.sleep(0.1)
        except duckdb.ConnectionException as error:
            # Another thread of this process holds the file in the other mode, for one read.
            if time.monotonic() > deadline:
                raise DatabaseInUse(path, waited, str(error)) from error
            time.sleep(0.05)


@contextlib.contextmanager
def connect(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database (creating and migrating it when writable) and close it afterwards."""
    path = Path(path)
    if read_only and not path.exists():
        # A read-only open of a missing file fails; an empty migrated file is the honest answer.
        with connect(path, read_only=False):
            pass
    connection = _open(path, read_only)
    try:
        if not read_only:
            ensure_schema(connection)
        yield connection
    finally:
        connection.close()


def schema_version(connection: duckdb.DuckDBPyConnection) -> int:
    exists = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return connection.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the file's schema version; returns the version reached."""
    current = schema_version(connection)
    if current >= len(MIGRATIONS):
        return current
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        for version, statement in enumerate(MIGRATIONS[current:], start=current + 1):
            connection.execute(statement)
            connection.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
    return len(MIGRATIONS)


def data_version(path: str | Path) -> str:
    """A stamp that changes whenever the file's data may have changed (for cache keys)."""
    path = Path(path)
    stamps = []
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            stat = candidate.stat()
            stamps.append(f"{stat.st_mtime_ns}:{stat.st_size}")
    return "|".join(stamps) or "empty"
