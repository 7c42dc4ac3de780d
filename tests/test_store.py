"""The store seam: what every backend answers (open, migrate, write clients, campaigns and
uploads, data version, raw-file archive), checked on the DuckDB file and on a second backend
written beside it, as docs/scaling.md describes."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from pathlib import Path

import duckdb
import pytest

from ingest import Assignment, ingest_path
from store import db
from store.archive import Archive
from store.campaigns import get_campaign
from store.migrations import MIGRATIONS
from store.store import DuckDBStore, Store
from store.uploads import Upload, raw_path, recent_uploads, saved_mapping

FORMATS = Path(__file__).parent / "data" / "formats"


class FolderStore(Store):
    """A second backend, for the contract: the database and its archive inside one folder of
    its own (``catalog.duckdb``, ``catalog.files/``). It is no path, and it writes large files in place."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._database = folder / "catalog.duckdb"
        self.archive = Archive(self._database)

    @property
    def name(self) -> str:
        return f"folder {self.folder.name}"

    @property
    def location(self) -> str:
        return str(self.folder)

    def exists(self) -> bool:
        return self._database.is_file()

    def connect(self, read_only: bool = False):
        self.folder.mkdir(parents=True, exist_ok=True)
        return db.connect(self._database, read_only=read_only)

    def attached(self, connection):
        return db.attached(connection, self._database)

    def data_version(self) -> str:
        return db.data_version(self._database)

    def backup(self, target):
        raise NotImplementedError

    def restore(self, source, force=False):
        raise NotImplementedError


@pytest.fixture(params=["duckdb", "folder"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "duckdb":
        return Store.open(tmp_path / "sillage.duckdb")
    return FolderStore(tmp_path / "agency")


def test_a_store_is_created_by_its_first_migration(store: Store) -> None:
    assert not store.exists()  # asking creates nothing
    assert store.migrate() == len(MIGRATIONS)
    assert store.exists()
    assert store.schema_version() == len(MIGRATIONS)
    assert store.migrate() == len(MIGRATIONS)  # once is enough


def test_clients_and_campaigns_are_written_in_one_transaction(store: Store) -> None:
    with store.transaction() as connection:
        campaign_id = store.ensure_campaign(connection, "Été 2026", "Aurore")
        assert store.ensure_campaign(connection, "été 2026", "aurore") == campaign_id
        store.update_campaign(connection, campaign_id, objective="awareness", budget=20_000.0)
        client_id = store.ensure_client(connection, "AURORE")
    with store.connect() as connection:
        campaign = get_campaign(connection, campaign_id)
    assert campaign_id == "ete-2026"
    assert (campaign.client_id, campaign.client_name) == (client_id, "Aurore")
    assert (campaign.objective, campaign.budget) == ("awareness", 20_000.0)


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(ValueError), store.transaction() as connection:
        store.ensure_client(connection, "Aurore")
        raise ValueError("stopped half-way")
    with store.connect() as connection:
        assert connection.execute("SELECT count(*) FROM clients").fetchone() == (0,)


def test_an_upload_row_and_its_mapping_are_recorded(store: Store) -> None:
    mapping = {"format": "creator_posts", "fields": {"post_id": "Identifiant"}}
    with store.transaction() as connection:
        upload_id = store.next_upload_id(connection)
        store.save_mapping(connection, "identifiant|vues", "creator_posts", mapping)
        store.record_upload(
            connection,
            Upload(
                upload_id=upload_id,
                file_name="export é.csv",
                sha256="0" * 64,
                size_bytes=12,
                raw_path=store.archive.kept_path("0" * 64),
                status="refused",
                message="no known format",
                errors=[{"line": 2, "column": "Vues", "reason": "not a number"}],
                columns_unused=["Réaction"],
            ),
        )
        assert store.next_upload_id(connection) == upload_id + 1
    with store.connect() as connection:
        (row,) = recent_uploads(connection).to_dict("records")
        assert (row["file_name"], row["status"], row["message"]) == (
            "export é.csv",
            "refused",
            "no known format",
        )
        assert raw_path(connection, upload_id) == store.archive.kept_path("0" * 64)
        assert saved_mapping(connection, "identifiant|vues") == (
            "creator_posts",
            {"post_id": "Identifiant"},
        )


def test_the_data_version_moves_with_a_write(store: Store) -> None:
    store.migrate()
    before = store.data_version()
    assert store.data_version() == before
    with store.transaction() as connection:
        store.ensure_client(connection, "Aurore")
    assert store.data_version() != before


def test_the_archive_keeps_raw_bytes_by_their_hash(store: Store) -> None:
    body = b"Identifiant;Vues\n1;10\n"
    pending = store.archive.keep_stream(io.BytesIO(body))
    assert pending.sha256 == hashlib.sha256(body).hexdigest() and pending.size == len(body)
    assert store.archive.kept_files() == []  # not kept until its upload is committed
    kept = pending.commit()
    assert kept == store.archive.kept_path(pending.sha256) and kept.read_bytes() == body
    assert store.archive.kept_files() == [kept]
    assert store.archive.sweep(0) == []  # kept files are never swept


@pytest.mark.parametrize("copy_rows", ["1", "1000000"])
def test_a_file_loads_through_any_store(
    store: Store, monkeypatch: pytest.MonkeyPatch, copy_rows: str
) -> None:
    # With one row as the threshold, the DuckDB file writes into a copy swapped in; a store
    # that does not copy writes in place.
    monkeypatch.setenv("SILLAGE_INGEST_COPY_ROWS", copy_rows)
    result = ingest_path(
        store,
        FORMATS / "instagram_content__fr.csv",
        Assignment(campaign_id="Spring", client_name="Aurore"),
    )
    assert result.refused is None and result.rows_loaded > 0
    with store.connect() as connection:
        posts = connection.execute("SELECT count(*) FROM posts").fetchone()[0]
        (kept,) = connection.execute("SELECT raw_path FROM uploads").fetchone()
    assert posts == result.rows_loaded
    assert [Path(kept)] == store.archive.kept_files()


def test_open_takes_a_store_a_path_or_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = FolderStore(tmp_path / "agency")
    assert Store.open(folder) is folder
    assert Store.open(tmp_path / "a.duckdb") == DuckDBStore(tmp_path / "a.duckdb")
    monkeypatch.setenv("SILLAGE_DB", str(tmp_path / "b.duckdb"))
    assert Store.open() == DuckDBStore(tmp_path / "b.duckdb")
    assert Store.open().location == str((tmp_path / "b.duckdb").resolve())


def test_the_duckdb_store_is_its_file(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "sillage.duckdb")
    store.migrate()
    # The file-level helpers and DuckDB's own tools take it as the path it is.
    with db.connect(store, read_only=True) as connection:
        assert db.schema_version(connection) == len(MIGRATIONS)
    with contextlib.closing(duckdb.connect(os.fspath(store), read_only=True)) as connection:
        assert connection.execute("SELECT count(*) FROM clients").fetchone() == (0,)
    assert store.archive.directory == tmp_path / "sillage.files"


def test_backup_and_restore_go_through_the_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "sillage.duckdb")
    with store.transaction() as connection:
        store.ensure_client(connection, "Aurore")
    store.archive.keep_stream(io.BytesIO(b"raw")).commit()
    manifest = store.backup(tmp_path / "backup")
    assert manifest["tables"]["clients"] == 1 and manifest["files"] == 1
    elsewhere = Store.open(tmp_path / "elsewhere" / "sillage.duckdb")
    elsewhere.restore(tmp_path / "backup")
    with elsewhere.connect(read_only=True) as connection:
        assert connection.execute("SELECT name FROM clients").fetchall() == [("Aurore",)]
    assert [p.name for p in elsewhere.archive.kept_files()] == [
        p.name for p in store.archive.kept_files()
    ]
