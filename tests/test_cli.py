"""The ``sillage`` command as other tools call it: JSON on stdout, exit codes per SPEC §6."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
