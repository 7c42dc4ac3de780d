"""Ingest benchmark: Sillage's ingest against bare DuckDB and pandas on one large French export.

The script generates a YouTube Studio "Chart data" export in French (one row per video and day,
comma-separated, decimal comma in quoted cells, U+202F as the thousands separator, day-first
French dates), then loads it side by side with:

* ``ingest``: the project's ``ingest.ingest_path`` into a fresh Sillage database;
* ``duckdb``: ``CREATE TABLE t AS SELECT * FROM read_csv('<file>')`` into a fresh DuckDB file;
* ``pandas``: ``pandas.read_csv(file, decimal=',', thousands='\\u202f')`` into a DataFrame;
* ``parse`` (only with ``--only``): DuckDB's CSV reader alone, every cell read as text and
  counted, nothing typed or stored: the floor under any DuckDB load of the file.

Each load runs in its own fresh Python process; its wall-clock time and peak RSS are measured
per process (``os.wait4``). Results go to stdout as a Markdown table and to ``<out>/ingest.json``.

Run from the project root (takes several minutes at the default 10 M rows):

    .venv/bin/python scripts/bench_ingest.py
    .venv/bin/python scripts/bench_ingest.py --rows 200000 --repeat 3 --keep
    .venv/bin/python scripts/bench_ingest.py --only ingest,duckdb --keep --date-style numeric
    .venv/bin/python scripts/bench_ingest.py --only ingest --keep --statements

``--statements`` also times each SQL statement of the Sillage ingest (wall and process CPU time,
the archive thread included) and lists the slow ones: where the time goes, statement by statement.

The generated file (about 1 GB at 10 M rows) is reused by the next run when it was kept with
``--keep`` and has the same row count and date style; otherwise it is deleted at the end.
Runs read the file from the page cache when it fits in memory (it was just written or read).
Wall-clock times depend on what else runs on the machine: the 1-minute load average before each
run and each process's CPU time are reported beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("ingest", "duckdb", "pandas", "parse")
DEFAULT_TOOLS = ("ingest", "duckdb", "pandas")
GENERATOR_VERSION = 1

HEADERS = (
    "Date",
    "Contenu",
    "Titre de la vidéo",
    "Heure de publication de la vidéo",
    "Durée",
    "Vues",
    "Durée de visionnage (heures)",
    "Impressions",
    "J'aime",
)
VIDEOS = 20_000
FIRST_DAY = dt.date(2025, 1, 1)
CREATOR = "bench_creator"
FRENCH_MONTHS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip
TITLE_OPENINGS = (
    "Ma routine du matin", "Conseils running pour débutants", "Vlog de la semaine",
    "Test complet du nouveau téléphone", "Recette facile et rapide", "Unboxing surprise",
    "Tuto maquillage naturel", "Voyage à Lisbonne en trois jours", "Séance de yoga douce",
    "Haul de la rentrée", "Défi trente jours", "Mon avis honnête", "Ce qu'il y a dans mon sac",
    "Week-end à Lyon entre amis", "Préparation du marathon de Paris", "Skincare du soir",
    "Cuisine végétarienne", "Rangement de printemps", "Les essentiels du dressing",
    "Balade en forêt",
)  # fmt: skip
TITLE_ENDINGS = (
    "", " : ce que personne ne vous dit", " — épisode {n}", ", partie {n}", " #{n}",
    " (ft. Léa)", ' "sans filtre"', " en dix minutes", " : mes favoris du mois",
    " | spécial débutants", ", astuces et erreurs à éviter", " (version longue)",
)  # fmt: skip
NNBSP = "\u202f"
TARGET_RATIO = 1.5
TARGET_PEAK_MIB = 2048


# --------------------------------------------------------------------------------------------
# Generation


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _uniform(key: str, salt: int) -> str:
    """A deterministic number in [0, 1) from a row or video number."""
    return f"((hash({key}, {salt}) % 1000003) / 1000003.0)"


def _date_text(column: str, style: str) -> str:
    if style == "numeric":
        return f"strftime({column}, '%d/%m/%Y')"
    return (
        f"CAST(day({column}) AS VARCHAR) || ' ' || {_sql_list(FRENCH_MONTHS)}[month({column})] "
        f"|| ' ' || CAST(year({column}) AS VARCHAR)"
    )


def _french_int(column: str) -> str:
    grouped = f"replace(format('{{:,}}', {column}), ',', chr(8239))"
    return f"CASE WHEN {column} >= 1000 THEN '\"' || {grouped} || '\"' ELSE CAST({column} AS VARCHAR) END"


def _french_decimal(column: str) -> str:
    return f"'\"' || translate(format('{{:,.1f}}', {column}), ',.', chr(8239) || ',') || '\"'"


def rows_sql(rows: str, style: str) -> str:
    """One row per record number ``r`` of ``rows`` (a table expression with column ``r``).

    Every value is a function of the record number and its video, so any record can be rebuilt
    on its own (the checks after an ingest use this).
    """
    openings, endings = _sql_list(TITLE_OPENINGS), _sql_list(TITLE_ENDINGS)
    title = (
        f"{openings}[CAST(1 + hash(v, 9) % {len(TITLE_OPENINGS)} AS BIGINT)] || "
        f"replace({endings}[CAST(1 + hash(v, 10) % {len(TITLE_ENDINGS)} AS BIGINT)], '{{n}}', "
        f"CAST(1 + hash(v, 11) % 120 AS VARCHAR))"
    )
    normal = f"sqrt(-2 * ln({_uniform('v', 3)} + 1e-9)) * cos(2 * pi() * {_uniform('v', 4)})"
    return f"""
        WITH base AS (
            SELECT r, r % {VIDEOS} AS v, CAST(r // {VIDEOS} AS INTEGER) AS d FROM {rows}
        ), video AS (
            SELECT r, v,
                left(translate(to_base64(unhex(md5('sillage-' || v))), '+/', '-_'), 11) AS native_id,
                {title} AS title,
                DATE '{FIRST_DAY}' - CAST(hash(v, 1) % 700 AS INTEGER) AS posted,
                CAST(30 + hash(v, 2) % 1770 AS INTEGER) AS duration,
                exp(7.0 + 1.6 * {normal}) AS popularity,
                DATE '{FIRST_DAY}' + d AS day
            FROM base
        ), viewed AS (
            SELECT *, CAST(round(popularity * pow(1 + (day - posted) / 90.0, -0.5)
                * (0.5 + {_uniform("r", 5)})) AS BIGINT) AS views
            FROM video
        ), measured AS (
            SELECT *,
                round(views * duration * (0.25 + 0.5 * {_uniform("r", 6)}) / 3600, 1) AS watch_hours,
                CAST(round(views * (3 + 17 * {_uniform("r", 7)})) AS BIGINT) AS impressions,
                CAST(round(views * (0.01 + 0.06 * {_uniform("r", 8)})) AS BIGINT) AS likes
            FROM viewed
        )
        SELECT *,
            CASE WHEN contains(title, ',') OR contains(title, '"')
                THEN '"' || replace(title, '"', '""') || '"' ELSE title END AS title_cell,
            {_date_text("day", style)} AS day_cell,
            {_date_text("posted", style)} AS posted_cell,
            {_french_int("views")} AS views_cell,
            {_french_decimal("watch_hours")} AS watch_cell,
            {_french_int("impressions")} AS impressions_cell,
            {_french_int("likes")} AS likes_cell
        FROM measured
    """


LINE_SQL = (
    "concat_ws(',', day_cell, native_id, title_cell, posted_cell, CAST(duration AS VARCHAR), "
    "views_cell, watch_cell, impressions_cell, likes_cell)"
)


@dataclass
class Generated:
    path: str
    rows: int
    date_style: str
    bytes: int
    seconds: float
    reused: bool
    videos: int
    days: int
    nnbsp_share: float  # share of the numeric cells written with a U+202F thousands separator
    version: int = GENERATOR_VERSION


def generate(path: Path, rows: int, style: str) -> Generated:
    """Write the export (reused when a kept file with the same row count and style exists)."""
    import duckdb

    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if (
            meta.get("rows") == rows
            and meta.get("date_style") == style
            and meta.get("version") == GENERATOR_VERSION
            and meta.get("bytes") == path.stat().st_size
        ):
            meta["reused"] = True
            return Generated(**meta)
    path.unlink(missing_ok=True)
    meta_path.unlink(missing_ok=True)
    partial = path.with_suffix(".partial")
    header = ",".join(HEADERS).replace('"', '""')
    started = time.perf_counter()
    connection = duckdb.connect()
    try:
        # The line is written as one unquoted text column, and its column name is the header row.
        connection.execute(
            f'COPY (SELECT {LINE_SQL} AS "{header}" FROM ({rows_sql(f"range({rows}) t(r)", style)})) '
            f"TO '{_sql_path(partial)}' (FORMAT csv, HEADER true, QUOTE '', ESCAPE '', DELIMITER '\\t')"
        )
        seconds = time.perf_counter() - started
        step = max(1, rows // 100_000)
        share = connection.execute(
            "SELECT avg((contains(views_cell, chr(8239))::INT + contains(watch_cell, chr(8239))::INT "
            "+ contains(impressions_cell, chr(8239))::INT + contains(likes_cell, chr(8239))::INT) / 4) "
            f"FROM ({rows_sql(f'range(0, {rows}, {step}) t(r)', style)})"
        ).fetchone()[0]
    finally:
        connection.close()
    partial.replace(path)
    generated = Generated(
        path=str(path),
        rows=rows,
        date_style=style,
        bytes=path.stat().st_size,
        seconds=round(seconds, 2),
        reused=False,
        videos=min(VIDEOS, rows),
        days=-(-rows // VIDEOS),
        nnbsp_share=round(float(share or 0), 4),
    )
    meta_path.write_text(json.dumps(asdict(generated), indent=2))
    return generated


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def check_detection(path: Path) -> str:
    """The format Sillage recognises from the generated headers (must be youtube_chart, French)."""
    from ingest.formats import detect
    from ingest.sniff import sniff

    sniffed = sniff(path)
    detection = detect(sniffed.headers)
    if detection is None:
        raise SystemExit(f"ingest.formats.detect does not recognise {sniffed.headers}")
    if detection.format.name != "youtube_chart" or detection.locale != "fr":
        raise SystemExit(
            f"detected {detection.format.name} ({detection.locale}), expected youtube_chart (fr)"
        )
    if len(detection.columns) != len(HEADERS):
        raise SystemExit(f"only {len(detection.columns)} of {len(HEADERS)} headers were mapped")
    return f"{detection.format.name} ({detection.locale}), {len(detection.columns)} columns mapped"


# --------------------------------------------------------------------------------------------
# One measured load, in a child process


# Statements faster than this are summed into one line of the ``--statements`` listing.
STATEMENT_SHOWN_SECONDS = 0.05


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _TimedConnection:
    """A DuckDB connection that records the wall and CPU time of each ``execute``."""

    def __init__(self, connection: Any, log: list[dict[str, Any]]) -> None:
        self._connection = connection
        self._log = log

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), _process_cpu()
        result = self._connection.execute(sql, *args, **kwargs)
        self._log.append(
            {
                "sql": " ".join(sql.split()),
                "seconds": time.perf_counter() - started,
                "cpu_seconds": _process_cpu() - cpu,
            }
        )
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def _timed_store(db: Path, log: list[dict[str, Any]]) -> Any:
    """The database ``db`` as a store whose connections, and the loader's staging connections,
    record their statements into ``log``."""
    import contextlib

    from ingest import loader
    from store.store import DuckDBStore

    class TimedStore(DuckDBStore):
        @contextlib.contextmanager
        def connect(self, read_only: bool = False) -> Any:
            with super().connect(read_only) as connection:
                yield _TimedConnection(connection, log)

    staging = loader._staging

    # A file is read and typed in a staging connection of its own, then written to the database.
    @contextlib.contextmanager
    def timed_staging(store: Any) -> Any:
        with staging(store) as (connection, folder):
            yield _TimedConnection(connection, log), folder

    loader._staging = timed_staging
    return TimedStore(db)


def _statement_summary(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = [s for s in log if s["seconds"] >= STATEMENT_SHOWN_SECONDS]
    rest = [s for s in log if s["seconds"] < STATEMENT_SHOWN_SECONDS]
    rows = [
        {
            "sql": s["sql"][:160],
            "seconds": round(s["seconds"], 3),
            "cpu_seconds": round(s["cpu_seconds"], 2),
        }
        for s in shown
    ]
    rows.append(
        {
            "sql": f"({len(rest)} statements under {STATEMENT_SHOWN_SECONDS * 1000:.0f} ms)",
            "seconds": round(sum(s["seconds"] for s in rest), 3),
            "cpu_seconds": round(sum(s["cpu_seconds"] for s in rest), 2),
        }
    )
    return rows


def child(tool: str, file: Path, db: Path, statements: bool = False) -> dict[str, Any]:
    if tool == "ingest":
        from ingest import Assignment, ingest_path

        log: list[dict[str, Any]] = []
        store = _timed_store(db, log) if statements else db
        phases: list[tuple[str, float]] = []
        started = time.perf_counter()

        def progress(fraction: float, message: str) -> None:
            if not phases or phases[-1][0] != message:
                phases.append((message, time.perf_counter() - started))

        result = ingest_path(store, file, Assignment(creator_handle=CREATOR), progress)
        seconds = time.perf_counter() - started
        marks = [*phases, ("end", seconds)]
        return {
            "seconds": seconds,
            "rows": result.rows_loaded,
            "rows_read": result.rows_read,
            "rows_rejected": result.rows_rejected,
            "rows_skipped": result.rows_skipped,
            "upload_id": result.upload_id,
            "format": result.format,
            "refused": result.refused,
            "notes": result.notes,
            "errors": [e.as_dict() for e in result.errors[:5]],
            "phases": {
                name: round(marks[i + 1][1] - at, 3) for i, (name, at) in enumerate(marks[:-1])
            },
            **({"statements": _statement_summary(log)} if statements else {}),
        }
    if tool == "duckdb":
        import duckdb

        connection = duckdb.connect(str(db))
        started = time.perf_counter()
        connection.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{_sql_path(file)}')")
        seconds = time.perf_counter() - started
        rows = connection.execute("SELECT count(*) FROM t").fetchone()[0]
        types = connection.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 't' ORDER BY ordinal_position"
        ).fetchall()
        connection.close()
        return {"seconds": seconds, "rows": rows, "types": dict(types)}
    if tool == "pandas":
        import pandas as pd

        started = time.perf_counter()
        frame = pd.read_csv(file, decimal=",", thousands=NNBSP)
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "rows": len(frame),
            "types": {str(k): str(v) for k, v in frame.dtypes.items()},
        }
    if tool == "parse":
        import duckdb

        connection = duckdb.connect()
        started = time.perf_counter()
        width = len(HEADERS)
        counts = ", ".join(f"count(column{i})" for i in range(width))
        names = ", ".join(f"'column{i}'" for i in range(width))
        counted = connection.execute(
            f"SELECT count(*), {counts} FROM read_csv('{_sql_path(file)}', all_varchar = true, "
            f"header = true, names = [{names}])"
        ).fetchone()
        seconds = time.perf_counter() - started
        connection.close()
        return {"seconds": seconds, "rows": counted[0], "cells": sum(counted[1:])}
    raise ValueError(tool)


@dataclass
class Run:
    tool: str
    repeat: int
    seconds: float  # the load itself, timed inside the child
    process_seconds: float  # the whole child process, interpreter start and imports included
    cpu_seconds: float  # user + system CPU time of the child process, all threads
    peak_mib: float
    load_before: float  # 1-minute load average when the run started (other work on the machine)
    rows: int
    detail: dict[str, Any] = field(default_factory=dict)


def _remove_database(db: Path) -> None:
    for candidate in (db, db.with_name(db.name + ".wal")):
        candidate.unlink(missing_ok=True)
    for directory in (db.with_name(db.name + ".tmp"), db.with_name(db.stem + ".files")):
        shutil.rmtree(directory, ignore_errors=True)


def measure(tool: str, repeat: int, file: Path, out: Path, statements: bool = False) -> Run:
    db = out / f"{tool}.duckdb"
    _remove_database(db)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        tool,
        "--file",
        str(file),
        "--db",
        str(db),
        *(["--statements"] if statements else []),
    ]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{tool} run failed with exit code {process.returncode}")
    detail = json.loads(output.strip().splitlines()[-1])
    return Run(
        tool=tool,
        repeat=repeat,
        seconds=round(detail.pop("seconds"), 3),
        process_seconds=round(elapsed, 3),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
        peak_mib=round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        rows=int(detail.pop("rows")),
        load_before=round(load_before, 2),
        detail=detail,
    )


# --------------------------------------------------------------------------------------------
# Checks on the database the project's ingest wrote


def check_ingest(run: Run, db: Path, generated: Generated) -> dict[str, Any]:
    """Row accounting and a few parsed values compared with what the generator wrote."""
    import duckdb

    style = generated.date_style
    rows = generated.rows
    connection = duckdb.connect()
    try:
        step = max(1, rows // 50_000)
        sample = f"({rows_sql(f'range(0, {rows}, {step}) t(r)', style)})"
        picks = {
            "first record": "r = 0",
            "decimal comma with U+202F thousands (watch time)": "watch_hours >= 1000",
            "U+202F thousands (views)": "views >= 1000 AND views < 1000000",
            "French date in février, août or décembre": "month(day) IN (2, 8, 12)",
            "decimal comma below 1000": "watch_hours < 1000 AND watch_hours <> round(watch_hours)",
        }
        wanted: dict[str, int] = {}
        for label, condition in picks.items():
            taken = ", ".join(str(r) for r in wanted.values()) or "-1"
            found = connection.execute(
                f"SELECT min(r) FROM {sample} WHERE {condition} AND r NOT IN ({taken})"
            ).fetchone()[0]
            if found is not None:
                wanted[label] = int(found)
        wanted["last record"] = rows - 1
        columns = (
            "r, native_id, title, day, posted, duration, views, watch_hours, impressions, likes, "
            f"{LINE_SQL} AS line"
        )
        expected = {
            label: connection.execute(
                f"SELECT {columns} FROM ({rows_sql(f'range({r}, {r + 1}) t(r)', style)})"
            ).fetchone()
            for label, r in wanted.items()
        }
    finally:
        connection.close()

    from store.store import Store

    with Store.open(db).connect(read_only=True) as connection:
        upload = run.detail.get("upload_id")
        table_rows = connection.execute(
            "SELECT count(*) FROM post_metrics WHERE upload_id = ? AND period = 'day'", [upload]
        ).fetchone()[0]
        posts = connection.execute("SELECT count(*) FROM posts").fetchone()[0]
        values = []
        for label, row in expected.items():
            (_, native, title, day, posted, duration, views, watch, impressions, likes, line) = row
            got = connection.execute(
                "SELECT m.metric_date, m.views, m.watch_time_hours, m.impressions, m.likes, "
                "p.posted_at, p.title, p.duration_seconds, p.creator_id "
                "FROM post_metrics m JOIN posts p USING (post_id) "
                "WHERE m.post_id = ? AND m.metric_date = ? AND m.period = 'day'",
                ["youtube:" + native, day],
            ).fetchone()
            want = (
                day,
                views,
                watch,
                impressions,
                likes,
                dt.datetime.combine(posted, dt.time()),
                title,
                float(duration),
                f"youtube:{CREATOR}",
            )
            ok = got is not None and all(
                abs(a - b) < 1e-6 if isinstance(a, float) else a == b
                for a, b in zip(got, want, strict=True)
            )
            values.append(
                {
                    "what": label,
                    "line": line,
                    "expected": [str(v) for v in want],
                    "loaded": [str(v) for v in got] if got else None,
                    "ok": ok,
                }
            )
    accounted = rows - run.detail.get("rows_rejected", 0) - run.detail.get("rows_skipped", 0)
    return {
        "rows_in_file": rows,
        "rows_read": run.detail.get("rows_read"),
        "rows_rejected": run.detail.get("rows_rejected"),
        "rows_loaded_reported": run.rows,
        "rows_in_post_metrics": table_rows,
        "posts": posts,
        "rows_match": table_rows == run.rows == accounted,
        "values": values,
        "values_ok": all(v["ok"] for v in values),
    }


# --------------------------------------------------------------------------------------------
# Report


def machine() -> dict[str, Any]:
    import duckdb
    import pandas as pd

    memory_kib = 0
    cpu = platform.processor()
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "nproc": int(nproc) if nproc.isdigit() else os.cpu_count(),
        "ram_gib": round(memory_kib / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
    }


def code_version() -> dict[str, Any]:
    """The commit the project's code was measured at, and whether ingest/ or store/ had edits."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "ingest", "store", "settings.py")
    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "subject": git("log", "-1", "--format=%s") or None,
        "uncommitted_ingest_changes": changed.splitlines() if changed else [],
    }


def summarise(runs: list[Run]) -> dict[str, dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    for tool in TOOLS:
        mine = [r for r in runs if r.tool == tool]
        if not mine:
            continue
        summary[tool] = {
            "seconds": round(statistics.median(r.seconds for r in mine), 2),
            "process_seconds": round(statistics.median(r.process_seconds for r in mine), 2),
            "cpu_seconds": round(statistics.median(r.cpu_seconds for r in mine), 2),
            "peak_mib": round(statistics.median(r.peak_mib for r in mine), 1),
            "rows": mine[-1].rows,
            "runs": len(mine),
        }
    base = summary.get("duckdb", {}).get("seconds")
    for row in summary.values():
        row["ratio_to_duckdb"] = round(row["seconds"] / base, 2) if base else None
    return summary


LABELS = {
    "ingest": "Sillage ingest (`ingest_path`)",
    "duckdb": "bare DuckDB `read_csv` → table",
    "pandas": "pandas `read_csv` (decimal=',', thousands=U+202F)",
    "parse": "DuckDB CSV parse alone (text, counted)",
}


def table(summary: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| tool | seconds | ratio to bare DuckDB | peak memory (MB) | rows loaded | CPU seconds |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for tool, row in summary.items():
        ratio = f"{row['ratio_to_duckdb']:.2f}×" if row["ratio_to_duckdb"] else "n/a"
        lines.append(
            f"| {LABELS[tool]} | {row['seconds']:.2f} | {ratio} | {row['peak_mib']:,.0f} "
            f"| {row['rows']:,} | {row['cpu_seconds']:.1f} |"
        )
    return "\n".join(lines)


def targets(summary: dict[str, dict[str, Any]]) -> dict[str, bool | None]:
    ingest = summary.get("ingest")
    if not ingest:
        return {}
    duck, pandas = summary.get("duckdb"), summary.get("pandas")
    return {
        f"ingest within {TARGET_RATIO}× of bare DuckDB": (
            ingest["seconds"] <= TARGET_RATIO * duck["seconds"] if duck else None
        ),
        "ingest faster than pandas": ingest["seconds"] < pandas["seconds"] if pandas else None,
        f"ingest peak memory under 2 GiB ({TARGET_PEAK_MIB} MiB)": ingest["peak_mib"]
        < TARGET_PEAK_MIB,
    }


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="records in the export")
    parser.add_argument("--out", type=Path, default=Path("bench_out"), help="work directory")
    parser.add_argument("--keep", action="store_true", help="keep the generated export file")
    parser.add_argument(
        "--only",
        default=",".join(DEFAULT_TOOLS),
        help=f"comma-separated subset of {', '.join(TOOLS)} (default: {', '.join(DEFAULT_TOOLS)})",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the median is kept")
    parser.add_argument(
        "--date-style",
        choices=("named", "numeric"),
        default="named",
        help="dates as '28 sept. 2026' (named) or '28/09/2026' (numeric)",
    )
    parser.add_argument(
        "--statements",
        action="store_true",
        help="time each SQL statement of the Sillage ingest and list the slow ones",
    )
    parser.add_argument("--child", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tools = [t.strip() for t in args.only.split(",") if t.strip()]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown or not tools:
        parser.error(f"--only takes a subset of {', '.join(TOOLS)}; got {args.only!r}")
    args.tools = [t for t in TOOLS if t in tools]
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    if args.child:
        detail = child(args.child, args.file.resolve(), args.db.resolve(), args.statements)
        print(json.dumps(detail, default=str))
        return 0

    command = shlex.join([sys.executable, *sys.argv]) if argv is None else shlex.join(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    info = machine()
    version = code_version()
    print(f"command: {command}")
    print(f"cwd: {Path.cwd()}")
    print(
        f"code: {version['commit']} ({version['subject']})"
        + (
            f", uncommitted: {', '.join(version['uncommitted_ingest_changes'])}"
            if version["uncommitted_ingest_changes"]
            else ""
        )
    )
    print(
        f"machine: nproc={info['nproc']}, RAM {info['ram_gib']} GiB, {info['cpu']}; "
        f"Python {info['python']}, DuckDB {info['duckdb']}, pandas {info['pandas']}"
    )

    file = out / f"youtube_chart_fr_{args.rows}_{args.date_style}.csv"
    generated = generate(file, args.rows, args.date_style)
    with open(file, encoding="utf-8") as handle:
        head = [next(handle).rstrip("\n") for _ in range(3)]
    print(
        f"export: {file} ({generated.bytes / 1e9:.3f} GB, {generated.rows:,} rows, "
        f"{generated.videos:,} videos × {generated.days} days, dates {generated.date_style}, "
        f"{generated.nnbsp_share:.0%} of numeric cells with U+202F) "
        + ("reused" if generated.reused else f"generated in {generated.seconds:.1f} s")
    )
    for line in head:
        print(f"  {line!r}")
    print(f"detected: {check_detection(file)}", flush=True)

    runs: list[Run] = []
    checks: dict[str, Any] | None = None
    try:
        for repeat in range(1, args.repeat + 1):
            for tool in args.tools:
                run = measure(tool, repeat, file, out, args.statements)
                runs.append(run)
                print(
                    f"  {tool} #{repeat}: {run.seconds:.2f} s (process {run.process_seconds:.2f} s, "
                    f"CPU {run.cpu_seconds:.1f} s), peak {run.peak_mib:,.0f} MiB, {run.rows:,} rows "
                    f"(load average before: {run.load_before:.1f})",
                    flush=True,
                )
                if tool == "ingest":
                    if run.detail.get("refused"):
                        print(f"    refused: {run.detail['refused']}")
                    print(f"    phases (s): {run.detail.get('phases')}", flush=True)
                    for statement in run.detail.get("statements", []):
                        print(
                            f"    {statement['seconds']:6.2f} s {statement['cpu_seconds']:6.2f} CPU s  "
                            f"{statement['sql'][:100]}"
                        )
                    checks = check_ingest(run, out / "ingest.duckdb", generated)
                    _remove_database_archive(out / "ingest.duckdb")
    finally:
        if not args.keep:
            file.unlink(missing_ok=True)
            file.with_suffix(".meta.json").unlink(missing_ok=True)

    summary = summarise(runs)
    goals = targets(summary)
    print()
    print(table(summary))
    print()
    print("Seconds: median wall-clock time of the load itself, timed inside its own process;")
    print("peak memory: that process's maximum RSS in MiB; CPU seconds: user + system time of the")
    print("process (all threads). pandas leaves the U+202F columns as text (its C parser takes")
    print("only a one-byte thousands separator).")
    # Each run keeps both cores busy, so the 1-minute load average seen by the next run mostly
    # counts this benchmark itself: only the load before the first run tells of other work.
    if runs and runs[0].load_before > 0.5 * info["nproc"]:
        print(
            f"Warning: the 1-minute load average was {runs[0].load_before:.1f} on {info['nproc']} "
            "CPUs before the first run: other work shared the machine, so wall-clock times may be "
            "inflated."
        )
    for goal, met in goals.items():
        print(f"- {goal}: {'n/a' if met is None else 'yes' if met else 'NO'}")
    if checks:
        print(
            f"- ingest rows: {checks['rows_in_file']:,} in file, {checks['rows_rejected']:,} "
            f"rejected, {checks['rows_loaded_reported']:,} reported loaded, "
            f"{checks['rows_in_post_metrics']:,} in post_metrics: "
            + ("consistent" if checks["rows_match"] else "MISMATCH")
        )
        for value in checks["values"]:
            print(f"- {'ok' if value['ok'] else 'WRONG'}: {value['what']}: {value['line']!r}")
            if not value["ok"]:
                print(f"    expected {value['expected']}\n    loaded   {value['loaded']}")

    report = {
        "command": command,
        "cwd": str(Path.cwd()),
        "machine": info,
        "code": version,
        "export": asdict(generated),
        "summary": summary,
        "targets": goals,
        "ingest_checks": checks,
        "runs": [asdict(r) for r in runs],
    }
    (out / "ingest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    print(f"\nwritten: {out / 'ingest.json'}")
    return 0


def _remove_database_archive(db: Path) -> None:
    """The ingest keeps a copy of every upload beside the database: drop the benchmark's copy."""
    shutil.rmtree(db.with_name(db.stem + ".files"), ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
