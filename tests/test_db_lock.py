"""Another program holding the database file: a bounded wait, then a plain message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import cli
from store.db import DatabaseInUse, connect

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"

# A second process that opens the file for writing, as an analyst's DuckDB shell does, and holds
# it until its standard input closes.
HOLDER = (
    "import duckdb, sys\n"
    "connection = duckdb.connect(sys.argv[1])\n"
    "print('holding', flush=True)\n"
    "sys.stdin.read()\n"
)


@pytest.fixture
def held(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[subprocess.Popen]:
    """The test's database file, held open for writing by another process."""
    monkeypatch.setenv("SILLAGE_LOCK_WAIT_SECONDS", "0.5")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    yield holder
    holder.stdin.close()
    holder.wait(timeout=30)


def test_connect_waits_then_names_the_holder(db_path: Path, held: subprocess.Popen) -> None:
    with pytest.raises(DatabaseInUse) as caught:
        with connect(db_path):
            pass
    error = caught.value
    assert error.pid == held.pid
    assert error.program.startswith("python")
    assert error.waited == 0.5
    message = str(error)
    assert db_path.name in message and f"process {held.pid}" in message
    assert "SILLAGE_LOCK_WAIT_SECONDS" in message
    # A client's view names neither the file nor the holder.
    assert db_path.name not in error.public_message
    assert str(held.pid) not in error.public_message


def test_connect_succeeds_once_the_holder_lets_go(
    db_path: Path, held: subprocess.Popen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SILLAGE_LOCK_WAIT_SECONDS", "20")
    held.stdin.close()  # the holder exits while connect() waits
    with connect(db_path) as connection:
        assert connection.execute("SELECT 42").fetchone() == (42,)


def test_report_says_the_database_is_in_use(
    db_path: Path, held: subprocess.Popen, capsys: pytest.CaptureFixture
) -> None:
    status = cli.main(["report", "--campaign", "any", "--json", "--db", str(db_path)])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert "sillage report: the database sillage.duckdb is in use" in captured.err
    assert "Traceback" not in captured.err


def test_share_list_says_the_database_is_in_use(
    db_path: Path, held: subprocess.Popen, capsys: pytest.CaptureFixture
) -> None:
    status = cli.main(["share", "list", "--db", str(db_path)])
    assert status == 1
    assert "is in use by another program" in capsys.readouterr().err


def test_ingest_prints_the_usual_json_with_refused(db_path: Path, held: subprocess.Popen) -> None:
    """Run as a user would: a separate process, its whole output read."""
    env = dict(os.environ, SILLAGE_LOCK_WAIT_SECONDS="0.5")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cli, sys; sys.exit(cli.main(sys.argv[1:]))",
            "ingest",
            str(DATA / "formats" / "youtube_table__en.csv"),
            "--campaign",
            "spring",
            "--client",
            "Maison Aurore",
            "--db",
            str(db_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    payload = json.loads(run.stdout.strip().splitlines()[-1])
    assert payload["file"] == "youtube_table__en.csv"
    assert payload["rows_loaded"] == 0
    assert "is in use by another program" in payload["refused"]
    assert f"process {held.pid}" in payload["refused"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "is in use by another program"), ("fr", "est utilisée par un autre programme")],
)
def test_pages_say_the_database_is_in_use(
    db_path: Path,
    held: subprocess.Popen,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    expected: str,
) -> None:
    monkeypatch.setenv("SILLAGE_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert expected in errors
    assert str(held.pid) in errors


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "the file is damaged. Restore it from a backup"), ("fr", "le fichier est endommagé")],
)
def test_pages_say_a_damaged_database_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    damaged = tmp_path / "sillage.duckdb"
    damaged.write_bytes(b"not a database, but long enough to have a header" * 200)
    monkeypatch.setenv("SILLAGE_DB", str(damaged))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert expected in " ".join(e.value for e in at.error)
