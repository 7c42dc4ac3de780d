"""The ingest benchmark on a small export: its checks pass and its statement listing adds up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_ingest.py"


def test_statement_listing_accounts_for_the_ingest(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--rows", "3000", "--only", "ingest", "--statements",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "MISMATCH" not in done.stdout and "WRONG" not in done.stdout
    report = json.loads((tmp_path / "ingest.json").read_text())
    (run,) = report["runs"]
    statements = run["detail"]["statements"]
    *slow, short = statements
    # The short statements are summed on one line: a load runs dozens of them.
    counted = int(short["sql"].split()[0].lstrip("("))
    assert counted + len(slow) > 20
    timed = sum(s["seconds"] for s in statements)
    # The statements are most of the load; the rest is Python around them (sniffing, copying).
    assert 0.3 * run["seconds"] < timed <= run["seconds"]
    assert report["ingest_checks"]["rows_match"]


def test_parse_floor_reads_every_cell(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--rows", "3000", "--only", "parse", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (run,) = json.loads((tmp_path / "ingest.json").read_text())["runs"]
    assert (run["rows"], run["detail"]["cells"]) == (3000, 3000 * 9)
