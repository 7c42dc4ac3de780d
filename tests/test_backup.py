"""``sillage backup`` and ``sillage restore``: an agency's history saved and put back whole."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from store import archive
from store.db import connect

SILLAGE = str(Path(sys.executable).with_name("sillage"))
FORMATS = Path(__file__).parent / "data" / "formats"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SILLAGE, *args], capture_output=True, text=True, timeout=120)


def tables(db: Path) -> dict[str, tuple]:
    with connect(db, read_only=True) as connection:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
            ).fetchall()
        ]
        return {
            n: connection.execute(f'SELECT count(*), sum(hash(t)) FROM "{n}" t').fetchone()
            for n in names
        }


def ingest(db: Path, name: str) -> None:
    done = run("ingest", "--db", str(db), str(FORMATS / name), "--campaign", "Spring",
               "--client", "Aurore")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_backup_then_restore_round_trip(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "sillage.duckdb"
    shutil.copyfile(demo_db, db)
    ingest(db, "instagram_content__fr.csv")
    saved, files = tables(db), sorted(p.name for p in archive.archive_dir(db).glob("*.raw"))
    assert files
    done = run("backup", "--db", str(db), str(tmp_path / "backup"))
    assert done.returncode == 0, done.stderr
    manifest = json.loads(done.stdout)
    assert manifest["tables"]["uploads"] == saved["uploads"][0] and manifest["files"] == len(files)
    # More work after the backup, then the file is lost.
    ingest(db, "youtube_table__en.csv")
    assert tables(db) != saved
    # Restoring over an existing database needs --force.
    refused = run("restore", "--db", str(db), str(tmp_path / "backup"))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    restored = run("restore", "--db", str(db), str(tmp_path / "backup"), "--force")
    assert restored.returncode == 0, restored.stderr
    assert tables(db) == saved
    # Into an empty place: the database and every kept raw file come back.
    elsewhere = tmp_path / "new" / "sillage.duckdb"
    assert run("restore", "--db", str(elsewhere), str(tmp_path / "backup")).returncode == 0
    assert tables(elsewhere) == saved
    assert sorted(p.name for p in archive.archive_dir(elsewhere).glob("*.raw")) == files
    with connect(elsewhere, read_only=True) as connection:
        for (raw_path,) in connection.execute("SELECT raw_path FROM uploads").fetchall():
            assert Path(raw_path).name.endswith(".raw")


def test_a_backup_never_overwrites_and_restore_checks_its_source(db_path: Path, tmp_path: Path):
    target = tmp_path / "full"
    target.mkdir()
    (target / "something").write_text("x")
    done = run("backup", "--db", str(db_path), str(target))
    assert done.returncode == 1 and "already exists" in done.stderr
    assert (target / "something").read_text() == "x"
    done = run("restore", "--db", str(db_path), str(tmp_path), "--force")
    assert done.returncode == 1 and "is not a Sillage backup" in done.stderr


def test_a_damaged_database_is_restored_from_its_backup(db_path: Path, tmp_path: Path):
    ingest(db_path, "instagram_content__fr.csv")
    saved = tables(db_path)
    assert run("backup", "--db", str(db_path), str(tmp_path / "b")).returncode == 0
    with open(db_path, "r+b") as handle:
        handle.write(b"\0" * 4096)  # the header gone
    damaged = run("report", "--db", str(db_path), "--campaign", "spring", "--json")
    assert damaged.returncode == 1
    assert "this file is damaged; restore it from a backup" in damaged.stderr
    assert run("restore", "--db", str(db_path), str(tmp_path / "b"), "--force").returncode == 0
    assert tables(db_path) == saved
