"""The ``sillage`` command as other tools call it: JSON on stdout, exit codes as README's Command line says."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from store import archive
from store.db import connect

FORMATS = Path(__file__).parent / "data" / "formats"
SILLAGE = str(Path(sys.executable).with_name("sillage"))


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([SILLAGE, *args], capture_output=True, text=True, env=env, timeout=120)


def test_ingest_prints_one_json_object_per_file_and_exits_0(tmp_path: Path):
    db = tmp_path / "cli.duckdb"
    done = run(
        "ingest", "--db", str(db), str(FORMATS / "instagram_content__fr.csv"), str(FORMATS / "meta_ads__fr.csv"),
        "--campaign", "Spring", "--client", "Aurore",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["file"] for line in lines] == ["instagram_content__fr.csv", "meta_ads__fr.csv"]
    first = lines[0]
    assert set(first) >= {"file", "format", "rows_read", "rows_loaded", "rows_rejected", "errors"}
    assert (first["format"], first["rows_read"], first["rows_loaded"], first["rows_rejected"]) == (
        "instagram_content", 2, 1, 1,
    )  # fmt: skip
    assert first["errors"] == [
        {"line": 5, "column": "J'aime", "reason": "expected a whole number, found 'abc'"}
    ]
    assert db.exists()


def test_ingest_exits_1_when_a_file_is_refused_whole(tmp_path: Path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    done = run("ingest", "--db", str(tmp_path / "cli.duckdb"), str(pdf))
    assert done.returncode == 1
    line = json.loads(done.stdout)
    assert line["rows_loaded"] == 0 and line["format"] is None
    assert line["refused"] == "report.pdf: this is a PDF document, not a CSV file"


def test_ingest_exits_1_for_a_missing_file(tmp_path: Path):
    done = run("ingest", "--db", str(tmp_path / "cli.duckdb"), str(tmp_path / "nope.csv"))
    assert done.returncode == 1
    assert "no such file" in json.loads(done.stdout)["refused"]


def test_database_path_comes_from_the_environment(tmp_path: Path):
    import os

    env = dict(os.environ, SILLAGE_DB=str(tmp_path / "env.duckdb"))
    done = run("ingest", str(FORMATS / "youtube_table__en.csv"), "--creator", "nina", env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.duckdb").exists()


def test_serve_runs_streamlit_as_a_product(tmp_path: Path, monkeypatch):
    """No file watching and no forced full garbage collection after each page view.

    Streamlit's default collects after every script run, holding the interpreter lock long
    enough to stall every other viewer of a shared link.
    """
    import cli

    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, env: calls.append(command) or 0)
    db = tmp_path / "serve.duckdb"
    assert cli.main(["serve", "--db", str(db), "--port", "8599", "--headless"]) == 0
    (command,) = calls
    options = dict(zip(command[5::2], command[6::2], strict=True))
    assert command[3:5] == ["run", str(cli.PROJECT_ROOT / "app.py")]
    assert options["--runner.postScriptGC"] == "false"
    assert options["--server.fileWatcherType"] == "none"
    assert options["--server.port"] == "8599"
    assert options["--server.address"] == "localhost"
    assert options["--server.headless"] == "true"


# Every failure a plain message and the usual JSON, never a traceback.

KEYS = {"file", "format", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped",
        "rows_merged", "errors"}  # fmt: skip


def one_result(done: subprocess.CompletedProcess) -> dict:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    (line,) = done.stdout.splitlines()
    result = json.loads(line)
    assert set(result) >= KEYS
    counts = ("rows_loaded", "rows_rejected", "rows_skipped", "rows_merged")
    assert result["rows_read"] == sum(result[key] for key in counts)
    if result.get("refused"):
        assert result["rows_loaded"] == 0
    return result


def test_a_first_line_over_the_reader_limit_is_refused_plainly(tmp_path: Path):
    overlong = tmp_path / "overlong.csv"
    overlong.write_text("A" * 200_000 + ",Views\nx,1\n")
    good = FORMATS / "youtube_table__en.csv"
    db = str(tmp_path / "cli.duckdb")
    done = run("ingest", "--db", db, str(overlong), str(good), "--creator", "nina")
    assert done.returncode == 1
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert "longer than 131,072 characters" in first["refused"]
    assert second.get("refused") is None and second["rows_loaded"] > 0  # the next file loads
    assert "Traceback" not in done.stderr


def test_ingest_exits_1_when_a_file_loads_nothing(tmp_path: Path):
    db = str(tmp_path / "cli.duckdb")
    header = (FORMATS / "youtube_table__en.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    header_only = tmp_path / "header_only.csv"
    header_only.write_text(header + "\n")
    done = run("ingest", "--db", db, str(header_only), "--creator", "nina")
    assert done.returncode == 1
    result = one_result(done)
    assert result.get("refused") is None and result["rows_loaded"] == 0
    assert result["notes"] == ["nothing was loaded: the file holds no rows under its header"]
    rejected = tmp_path / "all_rejected.csv"
    rejected.write_text(header + "\n" + ",".join(["x"] * len(header.split(","))) + "\n")
    done = run("ingest", "--db", db, str(rejected), "--creator", "nina")
    assert done.returncode == 1
    result = one_result(done)
    assert result["rows_loaded"] == 0 and result["errors"]
    assert result["notes"] == ["nothing was loaded: of the file's 1 row, 1 rejected"]


def test_impossible_arguments_are_refused_plainly(tmp_path: Path):
    db = str(tmp_path / "cli.duckdb")
    done = run(
        "ingest", "--db", db, "--as-of", "2025-13-45", str(FORMATS / "youtube_table__en.csv")
    )
    assert done.returncode == 2
    assert "'2025-13-45' is not a date" in done.stderr and "Traceback" not in done.stderr
    for days in ("nan", "1e308", "inf", "-3", "0", "soon"):
        done = run("share", "create", "--db", db, "--client", "Aurore", "--expires", days)
        assert done.returncode == 2, days
        assert "--expires" in done.stderr and "Traceback" not in done.stderr, days


def _damage(db: Path, offset: int) -> None:
    with open(db, "r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xa5" * 4096)


def test_a_damaged_database_is_named_so_by_every_command(tmp_path: Path):
    good = FORMATS / "youtube_table__en.csv"
    for offset, where in ((0, "header"), (4096, "checksum")):
        db = tmp_path / f"{where}.duckdb"
        assert run("ingest", "--db", str(db), str(good), "--creator", "nina").returncode == 0
        _damage(db, offset)
        result = one_result(run("ingest", "--db", str(db), str(good), "--creator", "nina"))
        assert "this file is damaged; restore it from a backup" in result["refused"], where
        for command, rest in (
            (("report",), ("--campaign", "x", "--json")),
            (("share", "list"), ()),
            (("share", "create"), ("--client", "Aurore")),
            (("mapping", "list"), ()),
            (("backup",), (str(tmp_path / f"backup-{where}"),)),
        ):
            done = run(*command, "--db", str(db), *rest)
            assert done.returncode == 1, (where, command)
            assert "this file is damaged; restore it from a backup" in done.stderr, (where, command)
            assert "Traceback" not in done.stderr


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 14 MB file system, as a full disk (needs the rights to mount a tmpfs)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=14m", "tmpfs", str(mount)],
        capture_output=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def _generated(path: Path, rows: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import bench_ingest

    bench_ingest.generate(path, rows, "french")
    return path


@pytest.mark.parametrize("copy_rows", ["500000", "1"], ids=["in place", "into a copy"])
def test_a_full_disk_is_named_and_nothing_is_half_stored(
    small_disk: Path, tmp_path: Path, copy_rows: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SILLAGE_INGEST_COPY_ROWS", copy_rows)
    db = small_disk / "sillage.duckdb"
    large = _generated(tmp_path / "large.csv", 120_000)  # 13 MB: copied, then no room to write
    result = one_result(run("ingest", "--db", str(db), str(large), "--creator", "bench_creator"))
    assert "the disk is full (while writing to the database)" in result["refused"]
    assert result["rows_loaded"] == 0
    with connect(db, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM post_metrics").fetchone() == (0,)
        statuses = connection.execute("SELECT status FROM uploads").fetchall()
    assert statuses in ([("refused",)], [])
    # No room left even for the copy.
    for leftover in archive.archive_dir(db).iterdir():
        leftover.unlink()
    with open(small_disk / "fill", "ab") as fill:
        with contextlib.suppress(OSError):
            while True:
                fill.write(b"\0" * 1048576)
    done = run("ingest", "--db", str(db), str(FORMATS / "youtube_table__en.csv"),
               "--creator", "nina")  # fmt: skip
    assert done.returncode == 1
    result = one_result(done)
    assert result["refused"].count("the disk is full") == 1
    assert "while keeping a copy of the file" in result["refused"]
    assert [p for p in archive.archive_dir(db).iterdir() if not p.name.endswith(".raw")] == []
