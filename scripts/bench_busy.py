"""How long a reader waits for the database while a large file loads.

One process runs ``ingest.ingest_path`` on a large generated export (the French YouTube Studio
"Chart data" file of ``scripts/bench_ingest.py``); a second process opens the same database file
read/write again and again, as a dashboard page or a ``sillage share`` command does, and records
how long each open waited for the file (DuckDB lets one process hold a file for writing and
keeps every other process out meanwhile). The waits are printed as max, p95 and median, with the
ingest's own time, and written to ``<out>/busy-<label>.json``.

Run from the project root:

    .venv/bin/python scripts/bench_busy.py --keep
    .venv/bin/python scripts/bench_busy.py --keep --code /tmp/sillage-before --label before

``--code`` loads with the ``ingest`` package of another checkout (e.g. a ``git worktree`` of an
earlier commit), for a side-by-side figure; the reader and the generated file are the same.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "scripts"))

import bench_ingest  # noqa: E402  (the generator, machine and version helpers)

# The reader: opens the file read/write in a loop, each time waiting as long as it takes, runs
# one small query, closes it, pauses, and prints one JSON line per open until told to stop.
READER = r"""
import json, sys, time
import duckdb

path, pause, stop = sys.argv[1], float(sys.argv[2]), sys.argv[3]
import os
print("ready", flush=True)
while not os.path.exists(stop):
    asked = time.time()
    first = time.perf_counter()
    while True:
        try:
            connection = duckdb.connect(path)
            break
        except duckdb.Error:
            time.sleep(0.005)
    waited = time.perf_counter() - first
    connection.execute("SELECT count(*) FROM uploads").fetchone()
    connection.close()
    print(json.dumps({"at": asked, "wait": waited}), flush=True)
    time.sleep(pause)
"""

# The load, run with the chosen checkout's code first on the path.
LOADER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import ingest, store.db
from ingest import Assignment, ingest_path
from pathlib import Path

db, file, creator = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
with store.db.connect(db):
    pass
if sys.argv[5] == "1":  # the database already holds the file once: the measured load replaces it
    ingest_path(db, file, Assignment(creator_handle=creator))
print("ready", flush=True)
sys.stdin.readline()
started = time.time()
result = ingest_path(db, file, Assignment(creator_handle=creator))
ended = time.time()
print(json.dumps({
    "started": started, "ended": ended, "rows_loaded": result.rows_loaded,
    "refused": result.refused, "code": ingest.__file__,
}), flush=True)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def code_version(code: Path) -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=code, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "ingest", "store", "settings.py")
    return {
        "code": str(code),
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "subject": git("log", "-1", "--format=%s") or None,
        "uncommitted_ingest_changes": changed.splitlines() if changed else [],
    }


def run(code: Path, file: Path, pause: float, work: Path, preload: bool) -> dict[str, Any]:
    # Absolute: the loader runs from the checkout it loads with.
    work, file = work.resolve(), file.resolve()
    db = work / "busy.duckdb"
    stop = work / "stop"
    loader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LOADER,
            str(code),
            str(db),
            str(file),
            bench_ingest.CREATOR,
            "1" if preload else "0",
        ],  # fmt: skip
        cwd=code,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert loader.stdout.readline().strip() == "ready"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(pause), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "ready"
    time.sleep(1.0)  # a few opens of an idle file first
    database_bytes = db.stat().st_size
    loader.stdin.write("go\n")
    loader.stdin.flush()
    outcome = json.loads(loader.stdout.readline())
    loader.wait(timeout=60)
    time.sleep(1.0)
    stop.touch()
    opens = [json.loads(line) for line in reader.stdout]
    reader.wait(timeout=60)
    during = [
        o["wait"]
        for o in opens
        if o["at"] + o["wait"] >= outcome["started"] and o["at"] <= outcome["ended"]
    ]
    waits = [o["wait"] for o in opens]
    return {
        "database_bytes_before": database_bytes,
        "ingest_seconds": round(outcome["ended"] - outcome["started"], 2),
        "rows_loaded": outcome["rows_loaded"],
        "refused": outcome["refused"],
        "ingest_code": outcome["code"],
        "opens": len(waits),
        "opens_during_ingest": len(during),
        "max_wait": round(max(during, default=0.0), 3),
        "p95_wait": round(percentile(during, 0.95), 3),
        "median_wait": round(statistics.median(during), 3) if during else None,
        "idle_max_wait": round(max((w for w in waits if w not in during), default=0.0), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=6_000_000, help="records in the export")
    parser.add_argument("--out", type=Path, default=Path("bench_out"), help="work directory")
    parser.add_argument("--keep", action="store_true", help="keep the generated export file")
    parser.add_argument("--code", type=Path, default=PROJECT_ROOT, help="checkout to load with")
    parser.add_argument("--label", default="current", help="name of the result file")
    parser.add_argument(
        "--preload",
        action="store_true",
        help="load the file once before the measured load (which then replaces its rows in a "
        "database that already holds them)",
    )
    parser.add_argument(
        "--pause", type=float, default=0.05, help="seconds the reader rests between opens"
    )
    parser.add_argument(
        "--date-style", choices=("french", "numeric"), default="french", help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    file = args.out / f"youtube_chart_fr_{args.rows}.csv"
    generated = bench_ingest.generate(file, args.rows, args.date_style)
    code = args.code.resolve()
    print(f"machine: {json.dumps(bench_ingest.machine())}")
    print(f"code: {json.dumps(code_version(code))}")
    print(f"file: {file} ({generated.bytes / 1e6:.0f} MB, {generated.rows:,} rows)")
    try:
        with tempfile.TemporaryDirectory(prefix="sillage-busy-", dir=args.out) as work:
            measured = run(code, file, args.pause, Path(work), args.preload)
    finally:
        if not args.keep:
            file.unlink(missing_ok=True)
            file.with_suffix(".meta.json").unlink(missing_ok=True)
    print(f"database before the measured load: {measured['database_bytes_before'] / 1e6:.0f} MB")
    print(
        f"ingest {measured['ingest_seconds']} s ({measured['rows_loaded']:,} rows); reader opens "
        f"during it: {measured['opens_during_ingest']}, wait max {measured['max_wait']} s, "
        f"p95 {measured['p95_wait']} s, median {measured['median_wait']} s"
    )
    report = {
        "machine": bench_ingest.machine(),
        "code": code_version(code),
        "file": {"rows": generated.rows, "bytes": generated.bytes},
        "pause": args.pause,
        "command": " ".join([".venv/bin/python", "scripts/bench_busy.py", *(argv or sys.argv[1:])]),
        **measured,
    }
    target = args.out / f"busy-{args.label}.json"
    target.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written: {target}")
    return 0 if measured["refused"] is None else 1


if __name__ == "__main__":
    raise SystemExit(main())
