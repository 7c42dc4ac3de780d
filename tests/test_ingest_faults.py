"""An ingest killed at any moment (kill -9) leaves the database as it was and no orphan file.

A ``sillage ingest`` subprocess loads a generated export of about 100 MB (the French YouTube
Studio file of ``scripts/bench_ingest.py``) into a copy of the demo database and is SIGKILLed at
a moment read from outside: while the raw copy is being written, while the file is staged (its
spill folder exists, the database is not open), as the final write starts and half-way through
it. After each kill the database opens, every table holds the same rows (count and a checksum of
each table), no kept ``.raw`` file lacks its upload, and the next ingest sweeps the leftovers and
loads.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from store import archive
from store.db import connect

ROOT = Path(__file__).resolve().parent.parent
SILLAGE = str(Path(sys.executable).with_name("sillage"))
FORMATS = Path(__file__).parent / "data" / "formats"
ROWS = 1_000_000

sys.path.insert(0, str(ROOT / "scripts"))
import bench_ingest  # noqa: E402


def snapshot(db: Path) -> dict[str, tuple[int, int | None]]:
    """Row count and an order-free checksum of every table."""
    with connect(db, read_only=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
            ).fetchall()
        ]
        return {
            table: connection.execute(f'SELECT count(*), sum(hash(t)) FROM "{table}" t').fetchone()
            for table in tables
        }


def kept_files(db: Path) -> set[str]:
    directory = archive.archive_dir(db)
    return {p.name for p in directory.iterdir()} if directory.is_dir() else set()


def referenced(db: Path) -> set[str]:
    with connect(db, read_only=True) as connection:
        rows = connection.execute("SELECT raw_path FROM uploads").fetchall()
    return {Path(row[0]).name for row in rows if row[0]}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "chart_fr.csv"
    bench_ingest.generate(path, ROWS, "french")
    return path


@pytest.fixture
def database(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database, with one upload's raw copy kept beside it."""
    db = tmp_path / "sillage.duckdb"
    shutil.copyfile(demo_db, db)
    done = subprocess.run(
        [SILLAGE, "ingest", "--db", str(db), str(FORMATS / "instagram_content__fr.csv"),
         "--campaign", "Spring", "--client", "Aurore"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    return db


def _holds(pid: int, path: Path) -> bool:
    """Whether the process has the file open (DuckDB holds the database only while it writes)."""
    with_fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in with_fds.iterdir())
    except OSError:
        return False


def _temporaries(db: Path, prefix: str) -> list[Path]:
    directory = archive.archive_dir(db)
    if not directory.is_dir():
        return []
    return [p for p in directory.iterdir() if p.name.startswith(prefix)]


def copying(db: Path, export: Path, pid: int) -> bool:
    return any(0 < p.stat().st_size < export.stat().st_size for p in _temporaries(db, ".incoming-"))


def staging(db: Path, export: Path, pid: int) -> bool:
    return bool(_temporaries(db, ".staging-")) and not _holds(pid, db)


def writing(db: Path, export: Path, pid: int) -> bool:
    """The final write: into the database itself, or into the copy of it that a large file is
    written to (``SILLAGE_INGEST_COPY_ROWS``) before the copy is swapped in."""
    folders = _temporaries(db, ".staging-")
    copies = [folder / "database.duckdb" for folder in folders]
    return bool(folders) and any(_holds(pid, path) for path in [db, *copies])


class Grown:
    """Half-way through the final write, read from the file itself: the database (or its copy)
    has grown by ``megabytes`` since the write started. A fixed delay instead is too late on a
    quiet machine, where the write can end before it."""

    def __init__(self, megabytes: int) -> None:
        self.bytes = megabytes * 1024 * 1024
        self.sizes: dict[Path, int] = {}

    def __call__(self, db: Path, export: Path, pid: int) -> bool:
        if not writing(db, export, pid):
            return False
        targets = [db, *(folder / "database.duckdb" for folder in _temporaries(db, ".staging-"))]
        for target in targets:
            try:
                size = target.stat().st_size
            except OSError:
                continue
            start = self.sizes.setdefault(target, size)
            if size - start >= self.bytes:
                return True
        return False


MOMENTS: dict[str, tuple[Callable[[], Callable[[Path, Path, int], bool]], float]] = {
    "archive copy": (lambda: copying, 0.0),
    "staging": (lambda: staging, 0.3),
    "write starts": (lambda: writing, 0.0),
    "mid-write": (lambda: Grown(megabytes=8), 0.0),
    "in place, write starts": (lambda: writing, 0.0),
    "in place, mid-write": (lambda: Grown(megabytes=8), 0.0),
}


def kill_at(db: Path, export: Path, moment: str) -> None:
    moment_reached, after = MOMENTS[moment]
    reached = moment_reached()
    env = dict(os.environ)
    if moment.startswith("in place"):
        env["SILLAGE_INGEST_COPY_ROWS"] = str(10 * ROWS)  # written into the database itself
    child = subprocess.Popen(
        [SILLAGE, "ingest", "--db", str(db), str(export), "--creator", bench_ingest.CREATOR],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 240
    try:
        while not reached(db, export, child.pid):
            assert child.poll() is None, f"the ingest ended before {moment}"
            assert time.monotonic() < deadline, f"{moment} never came"
            time.sleep(0.002)
        time.sleep(after)
        assert child.poll() is None, f"the ingest ended before it could be killed ({moment})"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


def check_unchanged_then_next_ingest(db: Path, before: dict, monkeypatch) -> None:
    assert snapshot(db) == before
    files = kept_files(db)
    raws = {name for name in files if name.endswith(".raw") and not name.startswith(".")}
    # No kept copy without its upload: whatever the kill left has a temporary name.
    assert raws <= referenced(db)
    assert all(name.startswith(archive.TEMPORARY_PREFIXES) for name in files - raws)
    # The next ingest sweeps the leftovers and loads.
    monkeypatch.setenv("SILLAGE_ARCHIVE_SWEEP_MINUTES", "0")
    done = subprocess.run(
        [SILLAGE, "ingest", "--db", str(db), str(FORMATS / "youtube_table__en.csv"),
         "--campaign", "Spring", "--client", "Aurore"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    files = kept_files(db)
    assert not [name for name in files if name.startswith(archive.TEMPORARY_PREFIXES)]
    # Every file left is an upload's (the demo's own copies stay beside its template).
    assert files <= referenced(db)


@pytest.mark.slow
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_an_ingest_killed_leaves_the_database_unchanged(
    moment: str, database: Path, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(database)
    kill_at(database, export, moment)
    check_unchanged_then_next_ingest(database, before, monkeypatch)


def test_a_leftover_held_by_a_live_ingest_is_not_swept(tmp_path: Path) -> None:
    db = tmp_path / "sillage.duckdb"
    pending = archive.store_stream(db, open(FORMATS / "youtube_table__en.csv", "rb"))
    old = time.time() - 3600
    os.utime(pending.path, (old, old))
    assert archive.sweep(db, 0) == []  # held by this process: a running ingest's
    pending.held.release()
    assert archive.sweep(db, 0) == [pending.path]
    assert kept_files(db) == set()


def test_a_committed_copy_takes_its_kept_name(tmp_path: Path) -> None:
    db = tmp_path / "sillage.duckdb"
    with open(FORMATS / "youtube_table__en.csv", "rb") as stream:
        pending = archive.store_stream(db, stream)
    assert kept_files(db) == {pending.path.name}
    assert pending.path.name.startswith(".incoming-")
    final = pending.commit()
    assert kept_files(db) == {f"{pending.sha256}.raw"} and final.name == f"{pending.sha256}.raw"
    assert archive.sweep(db, 0) == []


def _load_small(db: Path):
    from ingest import Assignment, ingest_path

    return ingest_path(
        db,
        FORMATS / "instagram_content__fr.csv",
        Assignment(campaign_id="Spring", client_name="Aurore"),
    )


def test_a_large_file_is_written_into_a_copy_swapped_in(db_path: Path, monkeypatch) -> None:
    from ingest import loader

    monkeypatch.setenv("SILLAGE_INGEST_COPY_ROWS", "1")
    swaps = []
    original = loader.replace_if_unchanged

    def replace(path, new, stamp):
        swaps.append(original(path, new, stamp))
        return swaps[-1]

    monkeypatch.setattr(loader, "replace_if_unchanged", replace)
    result = _load_small(db_path)
    assert result.refused is None and result.rows_loaded == 1 and swaps == [True]
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM posts").fetchone() == (1,)
        ((status, raw_path),) = connection.execute(
            "SELECT status, raw_path FROM uploads"
        ).fetchall()
    assert status == "loaded" and Path(raw_path).is_file()
    assert kept_files(db_path) == {Path(raw_path).name}
    assert not db_path.with_name(db_path.name + ".wal").exists()


def test_a_write_meanwhile_is_kept_and_the_file_loaded_again_in_place(
    db_path: Path, monkeypatch
) -> None:
    from ingest import loader

    monkeypatch.setenv("SILLAGE_INGEST_COPY_ROWS", "1")
    original = loader.snapshot_copy

    def copy_then_someone_writes(path, target):
        stamp = original(path, target)
        with connect(path) as connection:  # a share link or another page, meanwhile
            connection.execute("INSERT INTO clients (name) VALUES ('Written meanwhile')")
        return stamp

    monkeypatch.setattr(loader, "snapshot_copy", copy_then_someone_writes)
    result = _load_small(db_path)
    assert result.refused is None and result.rows_loaded == 1
    with connect(db_path, read_only=True) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM clients").fetchall()}
        assert names == {"Aurore", "Written meanwhile"}
        assert connection.execute("SELECT count(*) FROM posts").fetchone() == (1,)
        assert connection.execute("SELECT count(*) FROM uploads").fetchone() == (1,)
    assert not [n for n in kept_files(db_path) if n.startswith(archive.TEMPORARY_PREFIXES)]
