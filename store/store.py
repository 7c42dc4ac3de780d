"""The one owner of Sillage's data: where it lives, its connections, its data version, its
migrations, the writes to clients, campaigns and uploads, and the archive of raw files.

The rest of the code holds a ``Store`` and never a file path or a DDL statement. ``DuckDBStore``
is the one DuckDB file with its archive folder beside it; another backend (a DuckLake catalog, a
MotherDuck database: docs/scaling.md) is a class beside it that answers the same methods.
"""

from __future__ import annotations

import abc
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

import settings
from store import campaigns, db, uploads
from store.archive import Archive


class Store(abc.ABC):
    """Where the data lives. Its connections speak DuckDB SQL over the tables of docs/schema.md.

    Writes run on a connection from ``connect`` (or ``transaction``), or on an ingest's staging
    connection inside ``attached``, in the caller's transaction.
    """

    archive: Archive
    """The raw bytes of every upload, and the temporary files an ingest works in."""

    copies_large_writes: bool = False
    """Whether a large ingest is written into a copy (``scratch``, filled by
    ``store.db.snapshot_copy``) swapped in at the end if nothing was written meanwhile
    (``store.db.replace_if_unchanged``), so that readers wait only for the swap; else it is
    written in place."""

    @staticmethod
    def open(location: Store | str | os.PathLike[str] | None = None) -> Store:
        """The store at ``location``; a ``Store`` is itself. A path, or nothing (then
        ``SILLAGE_DB``, then ``./sillage.duckdb``), is a DuckDB file."""
        if isinstance(location, Store):
            return location
        return DuckDBStore(settings.database_path(location))

    @property
    @abc.abstractmethod
    def name(self) -> str:
        """How the agency's own messages name the store (a client's never do)."""

    @property
    @abc.abstractmethod
    def location(self) -> str:
        """What ``SILLAGE_DB`` holds for another process (``sillage serve``) to open this store."""

    @abc.abstractmethod
    def exists(self) -> bool:
        """Whether the store holds a database yet (asking creates nothing)."""

    @abc.abstractmethod
    def connect(self, read_only: bool = False) -> contextlib.AbstractContextManager[Any]:
        """A short-lived connection, migrated when writable and closed afterwards.

        Raises ``DatabaseInUse`` after a bounded wait for another holder, ``DatabaseDamaged``
        for data that cannot be read.
        """

    @abc.abstractmethod
    def attached(self, connection: duckdb.DuckDBPyConnection) -> contextlib.AbstractContextManager:
        """The store attached to ``connection`` (an ingest's in-memory staging connection) as
        its default catalog for the block: plain table names reach the store, the connection's
        temporary tables stay where they are."""

    @abc.abstractmethod
    def data_version(self) -> str:
        """A stamp that changes whenever the data may have changed (for cache keys)."""

    @abc.abstractmethod
    def backup(self, target: str | os.PathLike[str]) -> dict:
        """A consistent copy of the data and the archive in the new folder ``target``."""

    @abc.abstractmethod
    def restore(self, source: str | os.PathLike[str], force: bool = False) -> dict:
        """The data and archive of the backup in ``source`` put back in place of this store's."""

    def damaged(self, error: BaseException) -> db.DatabaseDamaged | None:
        """The ``DatabaseDamaged`` that ``error`` stands for, if it is one."""
        return db.damaged(self.name, error)

    def migrate(self) -> int:
        """Apply every migration the store lacks; returns the schema version reached."""
        with self.connect() as connection:
            return db.ensure_schema(connection)

    def schema_version(self) -> int:
        with self.connect(read_only=True) as connection:
            return db.schema_version(connection)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection in one transaction: committed when the block ends, rolled back if it
        raises."""
        with self.connect() as connection:
            connection.execute("BEGIN TRANSACTION")
            try:
                yield connection
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    # The writes to clients, campaigns and uploads, each in the caller's transaction. Their SQL
    # lives in store/campaigns.py and store/uploads.py; a backend whose SQL differs overrides
    # them here.

    def ensure_client(self, connection: duckdb.DuckDBPyConnection, name: str) -> int:
        return campaigns.ensure_client(connection, name)

    def ensure_campaign(
        self, connection: duckdb.DuckDBPyConnection, campaign: str, client_name: str | None
    ) -> str:
        return campaigns.ensure_campaign(connection, campaign, client_name)

    def update_campaign(
        self, connection: duckdb.DuckDBPyConnection, campaign_id: str, **values: Any
    ) -> None:
        campaigns.update_campaign(connection, campaign_id, **values)

    def next_upload_id(self, connection: duckdb.DuckDBPyConnection) -> int:
        return uploads.next_upload_id(connection)

    def record_upload(self, connection: duckdb.DuckDBPyConnection, upload: uploads.Upload) -> None:
        uploads.record_upload(connection, upload)

    def save_mapping(
        self,
        connection: duckdb.DuckDBPyConnection,
        header_signature: str,
        target_format: str,
        mapping: dict[str, Any],
    ) -> None:
        uploads.save_mapping(connection, header_signature, target_format, mapping)


class DuckDBStore(Store):
    """One DuckDB file, with the raw-file archive in the folder beside it (``<stem>.files``).

    It is also a path (``os.fspath``) to that file, for DuckDB's own tools and the file-level
    helpers of ``store.db``.
    """

    copies_large_writes = True

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.archive = Archive(self.path)

    def __fspath__(self) -> str:
        return str(self.path)

    def __repr__(self) -> str:
        return f"DuckDBStore({str(self.path)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DuckDBStore) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def location(self) -> str:
        return str(self.path.resolve())

    def exists(self) -> bool:
        return self.path.is_file()

    def connect(
        self, read_only: bool = False
    ) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        return db.connect(self.path, read_only=read_only)

    def attached(self, connection: duckdb.DuckDBPyConnection) -> contextlib.AbstractContextManager:
        return db.attached(connection, self.path)

    def data_version(self) -> str:
        return db.data_version(self.path)

    def backup(self, target: str | os.PathLike[str]) -> dict:
        return db.backup(self.path, target)

    def restore(self, source: str | os.PathLike[str], force: bool = False) -> dict:
        return db.restore(source, self.path, force=force)

    def scratch(self, folder: Path) -> DuckDBStore:
        """A store in ``folder`` (an ingest's staging folder) to write a copy of this one into."""
        return DuckDBStore(folder / "database.duckdb")

    def fully_written(self) -> bool:
        """Whether every committed write is in the file itself (no write-ahead log left)."""
        return not self.path.with_name(self.path.name + ".wal").exists()
