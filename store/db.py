"""Short-lived connections to the one database file.

DuckDB lets one process hold a file open for writing and then keeps every other process out,
so nothing here caches a connection: the dashboard, ``sillage ingest`` and ``sillage share``
each open the file for the length of one unit of work and close it.
"""

from __future__ import annotations

import contextlib
import errno
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb

import settings
from store.migrations import MIGRATIONS

# DuckDB names the holder of a file lock: "Conflicting lock is held in /usr/bin/duckdb (PID 42)".
_HOLDER = re.compile(r"lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")

T = TypeVar("T")


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


class DatabaseDamaged(RuntimeError):
    """The database file cannot be read: DuckDB found a bad header, a bad checksum or a WAL it
    cannot replay. Nothing Sillage does repairs it; a backup (``sillage backup``) restores it.

    ``str()`` is the plain message for the agency; ``detail`` keeps DuckDB's first line.
    """

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"the database {path.name} cannot be read ({detail}): this file is "
            "damaged; restore it from a backup (sillage restore BACKUP), or move it aside to "
            "start an empty database"
        )

    @property
    def public_message(self) -> str:
        return "The dashboard cannot be shown right now. Please contact the agency."


class DiskFull(OSError):
    """The disk holding the database or its archive has no space left; nothing was stored."""

    def __init__(self, where: str) -> None:
        super().__init__(
            errno.ENOSPC,
            f"the disk is full ({where}): nothing from the file was stored; free some space "
            "and load it again",
        )

    def __str__(self) -> str:
        return self.strerror


# DuckDB's words for a file it cannot trust: a header that is not DuckDB's, a block whose
# checksum differs, a write-ahead log it cannot replay.
_DAMAGE = (
    "not a valid duckdb database file",
    "corrupt database file",
    "does not match stored checksum",
    "failure while replaying wal",
    "replaying wal file",
)
_DISK_FULL = ("no space left on device", "disk is full", "disk full")


def damaged(path: str | Path, error: BaseException) -> DatabaseDamaged | None:
    """The ``DatabaseDamaged`` that ``error`` (a DuckDB error) stands for, if it is one."""
    if not isinstance(error, duckdb.Error) or is_disk_full(error):
        return None
    text = str(error).strip()
    if any(words in text.lower() for words in _DAMAGE):
        return DatabaseDamaged(Path(path), text.splitlines()[0][:200] if text else "")
    return None


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` (an OS or DuckDB error) says the disk has no space left."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return any(words in str(error).lower() for words in _DISK_FULL)


def _is_lock_error(error: Exception) -> bool:
    return "lock" in str(error).lower()


def _waiting(path: Path, attempt: Callable[[], T]) -> T:
    """``attempt()`` until the file is free: another process or thread may hold it for a moment
    (an ingest beside the dashboard). Waits a bounded time, then says who holds it."""
    waited = settings.get_float("lock_wait_seconds")
    deadline = time.monotonic() + waited
    while True:
        try:
            return attempt()
        except duckdb.IOException as error:
            if (found := damaged(path, error)) is not None:
                raise found from error
            if not _is_lock_error(error):
                raise
            if time.monotonic() > deadline:
                raise DatabaseInUse(path, waited, str(error)) from error
            time.sleep(0.1)
        except (duckdb.ConnectionException, duckdb.ResourceInUseException) as error:
            # Another thread of this process holds the file in the other mode, or through its
            # own DuckDB instance (an ingest's staging connection), for one unit of work.
            if time.monotonic() > deadline:
                raise DatabaseInUse(path, waited, str(error)) from error
            time.sleep(0.05)
        except duckdb.Error as error:
            if (found := damaged(path, error)) is not None:
                raise found from error
            raise


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    return _waiting(path, lambda: duckdb.connect(str(path), read_only=read_only))


@contextlib.contextmanager
def connect(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database (creating and migrating it when writable) and close it afterwards.

    Raises ``DatabaseInUse`` when another program holds the file past the wait, and
    ``DatabaseDamaged`` when DuckDB finds the file damaged, on opening or on any read inside.
    """
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
    except duckdb.Error as error:
        if (found := damaged(path, error)) is not None:
            raise found from error
        raise
    finally:
        with contextlib.suppress(duckdb.Error):
            connection.close()


ATTACHED = "sillage"
"""The name the main database goes by while it is attached to an ingest's staging connection."""


@contextlib.contextmanager
def attached(connection: duckdb.DuckDBPyConnection, path: str | Path) -> Iterator[None]:
    """The database file attached to ``connection`` (an ingest's in-memory staging connection)
    and made its default catalog, so that unqualified names reach the file's tables while the
    connection's temporary tables stay where they are; detached afterwards.

    The file is held only between entry and exit: the same bounded wait as ``connect``, the
    same ``DatabaseInUse`` and ``DatabaseDamaged``.
    """
    path = Path(path)
    home = connection.execute("SELECT current_database()").fetchone()[0]
    quoted = str(path).replace("'", "''")
    _waiting(path, lambda: connection.execute(f"ATTACH '{quoted}' AS {ATTACHED}"))
    try:
        connection.execute(f"USE {ATTACHED}")
        yield
    except duckdb.Error as error:
        if (found := damaged(path, error)) is not None:
            raise found from error
        raise
    finally:
        # After a fatal error (a full disk at commit) DuckDB may refuse both: closing the
        # staging connection then lets the file go.
        with contextlib.suppress(duckdb.Error):
            connection.execute(f"USE {home}")
        with contextlib.suppress(duckdb.Error):
            connection.execute(f"DETACH {ATTACHED}")


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


BACKUP_DATABASE = "sillage.duckdb"
BACKUP_FILES = "files"
BACKUP_MANIFEST = "backup.json"


class BackupError(RuntimeError):
    """A backup or restore that cannot be made; the message says why, nothing was changed."""


def _table_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = connection.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT temporary "
        "AND database_name = current_database() ORDER BY table_name"
    ).fetchall()
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for (name,) in tables
    }


def backup(path: str | Path, target: str | Path) -> dict:
    """Copy the database and its raw-file archive into the new folder ``target``.

    The file is checkpointed and copied while this process holds it open, so no other program
    writes meanwhile: the copy is one consistent state. Returns the manifest written beside it
    (time, source, row count per table, files kept).
    """
    import datetime as dt
    import json
    import shutil

    from store.archive import Archive

    path, target = Path(path), Path(target)
    if not path.is_file():
        raise BackupError(f"there is no database at {path}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} already exists: give a new folder for the backup")
    target.mkdir(parents=True, exist_ok=True)
    try:
        with connect(path) as connection:
            connection.execute("CHECKPOINT")
            counts = _table_counts(connection)
            shutil.copyfile(path, target / BACKUP_DATABASE)
            kept = Archive(path).kept_files()
            (target / BACKUP_FILES).mkdir()
            for raw in kept:
                shutil.copyfile(raw, target / BACKUP_FILES / raw.name)
        manifest = {
            "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source": str(path.resolve()),
            "tables": counts,
            "files": len(kept),
        }
        (target / BACKUP_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return manifest


def restore(source: str | Path, path: str | Path, force: bool = False) -> dict:
    """Put the backup in folder ``source`` back as the database at ``path`` with its archive.

    Refuses to replace an existing database unless ``force``; the backup is checked to open
    first, and the replaced file is swapped while this process holds it (or is damaged).
    """
    import json
    import os
    import shutil

    from store.archive import archive_dir

    source, path = Path(source), Path(path)
    copy = source / BACKUP_DATABASE
    if not copy.is_file() or not (source / BACKUP_MANIFEST).is_file():
        raise BackupError(f"{source} is not a Sillage backup (sillage backup makes one)")
    manifest = json.loads((source / BACKUP_MANIFEST).read_text())
    if path.exists() and not force:
        raise BackupError(
            f"{path} exists: restoring would replace it and everything loaded since the backup; "
            "add --force to replace it"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming = path.with_name(f".{path.name}.restoring")
    shutil.copyfile(copy, incoming)
    try:
        try:
            with duckdb.connect(str(incoming), read_only=True) as check:
                counts = _table_counts(check)
        except duckdb.Error as error:
            raise BackupError(f"the backup in {source} cannot be read ({error})") from error
        if counts != manifest.get("tables"):
            raise BackupError(f"the backup in {source} does not hold what its manifest says")
        files = archive_dir(path)
        files.mkdir(parents=True, exist_ok=True)
        for raw in sorted((source / BACKUP_FILES).glob("*.raw")):
            if not (files / raw.name).exists():
                shutil.copyfile(raw, files / raw.name)
        holder = None
        if path.exists():
            try:
                holder = _open(path, read_only=False)
            except DatabaseDamaged:
                holder = None  # nobody can use a damaged file: it is simply replaced
        try:
            os.replace(incoming, path)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path.with_name(path.name + ".wal"))  # the replaced file's log
        finally:
            if holder is not None:
                with contextlib.suppress(duckdb.Error):
                    holder.close()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(incoming)
    return {"restored": str(path), "made_at": manifest.get("made_at"), "tables": counts}


# The whole file to itself: a configuration no other connection of this process uses, so that a
# thread with the file open (which would share DuckDB's instance) is waited for too.
_EXCLUSIVE = {"threads": 1}


@contextlib.contextmanager
def exclusive(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The database file held by this process alone (no migration, no other thread), closed
    afterwards; the same bounded wait, ``DatabaseInUse`` and ``DatabaseDamaged`` as ``connect``."""
    path = Path(path)
    connection = _waiting(path, lambda: duckdb.connect(str(path), config=dict(_EXCLUSIVE)))
    try:
        yield connection
    finally:
        with contextlib.suppress(duckdb.Error):
            connection.close()


def file_stamp(path: str | Path) -> tuple:
    """What changes whenever a committed write reaches the file: its size, modification time and
    header blocks, and its write-ahead log. Opening and closing the file without a write leaves
    it alone."""
    import hashlib

    path = Path(path)
    stat = path.stat()
    with open(path, "rb") as handle:
        header = hashlib.sha256(handle.read(3 * 4096)).hexdigest()
    wal = path.with_name(path.name + ".wal")
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, header, wal.exists() and wal.stat().st_size


def snapshot_copy(path: str | Path, target: str | Path) -> tuple:
    """Copy the database, checkpointed, to ``target`` while holding it; returns its stamp."""
    import shutil

    with exclusive(path) as connection:
        connection.execute("CHECKPOINT")
        stamp = file_stamp(path)
        shutil.copyfile(path, target)
    return stamp


def replace_if_unchanged(path: str | Path, new: str | Path, stamp: tuple) -> bool:
    """Put the database file ``new`` in place of ``path`` if nothing was written to ``path``
    since ``stamp`` was taken; the swap is made while holding the file, so no program is reading
    or writing it meanwhile. Returns whether it was swapped."""
    import os

    path = Path(path)
    with exclusive(path):
        if file_stamp(path) != stamp:
            return False
        os.replace(new, path)
    return True
