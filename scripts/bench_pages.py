"""Server time per page rerun, measured with Streamlit's AppTest, caching on and off.

Every page of ``app.PAGE_TABLE`` whose file exists is opened through ``app.py`` and run once (not timed: imports, first reads),
then rerun ``--runs`` times, each rerun timed, without a full garbage collection after each run
(as ``sillage serve`` runs). Caching off clears Streamlit's caches before each rerun, so every
``ui.data.read`` goes to the database again and every chart and table is built again. Two databases: the demo, and a
10 M-row one built once into ``bench_out/pages_10m.duckdb`` (the demo, then ``post_metrics`` grown
to 10 M per-day rows for the demo's posts and ~1 M survey answers, all with DuckDB SQL).

Usage::

    python scripts/bench_pages.py [--runs 10] [--pages compare,home] [--databases demo,10m]

Writes ``bench_out/pages.json`` and prints a Markdown table (median and p95 ms per page, database
and caching mode) with the command line, CPU count, RAM and versions.
"""

from __future__ import annotations

import argparse
import ast
import json
import logging
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench_out"
DEMO_DB = OUT / "pages_demo.duckdb"
BIG_DB = OUT / "pages_10m.duckdb"
TARGET_MS = 300.0
METRIC_ROWS = 10_000_000
SURVEY_ROWS = 1_000_000
TIMEOUT = 600

GROW_POST_METRICS_SQL = """
INSERT INTO post_metrics (post_id, metric_date, period, impressions, reach, views, likes,
                          comments, shares, saves, clicks)
WITH demo_posts AS (
    SELECT post_id, posted_at::DATE AS posted_on, row_number() OVER (ORDER BY post_id) - 1 AS k
    FROM posts
),
n AS (SELECT count(*) AS posts FROM demo_posts)
SELECT p.post_id,
       p.posted_on + CAST(r.range // n.posts AS INTEGER) + 1 AS metric_date,
       'day',
       (hash(r.range) % 5000)::BIGINT AS impressions,
       (hash(r.range + 1) % 4000)::BIGINT AS reach,
       (hash(r.range + 2) % 6000)::BIGINT AS views,
       (hash(r.range + 3) % 300)::BIGINT AS likes,
       (hash(r.range + 4) % 30)::BIGINT AS comments,
       (hash(r.range + 5) % 20)::BIGINT AS shares,
       (hash(r.range + 6) % 20)::BIGINT AS saves,
       (hash(r.range + 7) % 50)::BIGINT AS clicks
FROM range(?) r, n
JOIN demo_posts p ON p.k = r.range % n.posts
"""

GROW_SURVEY_SQL = """
INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, positive,
                              responded_at, weight)
WITH surveyed AS (
    SELECT campaign_id, start_date, row_number() OVER (ORDER BY campaign_id) - 1 AS k
    FROM campaigns WHERE start_date IS NOT NULL
),
n AS (SELECT count(*) AS campaigns FROM surveyed)
SELECT s.campaign_id,
       'bench-' || r.range,
       CASE WHEN r.range % 2 = 0 THEN 'exposed' ELSE 'control' END,
       ['ad_recall', 'awareness', 'consideration', 'favorability', 'purchase_intent']
         [1 + (r.range // 2) % 5],
       (hash(r.range) % 100) < CASE WHEN r.range % 2 = 0 THEN 38 ELSE 32 END,
       s.start_date + INTERVAL (hash(r.range + 9) % 56) DAY,
       1.0
FROM range(?) r, n
JOIN surveyed s ON s.k = r.range % n.campaigns
"""


def build_demo(path: Path) -> None:
    """The demo database, loaded once."""
    if path.exists():
        return
    from sample_data.loader import load_demo

    load_demo(path)


def build_big(path: Path) -> None:
    """The 10 M-row database: the demo, then per-day rows and survey answers added in SQL.

    The rows bypass the ingest, so the per-post totals the ingest keeps are then rebuilt, as
    ``sillage ingest`` would have left them (a file from before that step is brought up to date).
    """
    from store import post_totals
    from store.db import connect

    if path.exists():
        with connect(path) as connection:
            if not post_totals.is_current(connection):
                post_totals.rebuild(connection)
                connection.execute("CHECKPOINT")
        return

    build_demo(DEMO_DB)
    partial = path.with_name(path.name + ".partial")
    shutil.copyfile(DEMO_DB, partial)
    with connect(partial) as connection:
        existing = connection.execute("SELECT count(*) FROM post_metrics").fetchone()[0]
        connection.execute(GROW_POST_METRICS_SQL, [METRIC_ROWS - existing])
        connection.execute(GROW_SURVEY_SQL, [SURVEY_ROWS])
        post_totals.rebuild(connection)
        connection.execute("CHECKPOINT")
    partial.rename(path)


def page_files(wanted: set[str] | None) -> list[tuple[str, str]]:
    """(url path, file) of every page in ``app.PAGE_TABLE`` whose file exists.

    The table is read from ``app.py``'s source, not imported: importing runs the app.
    """
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PAGE_TABLE" for t in node.targets
        ):
            table = ast.literal_eval(node.value)
            break
    else:
        raise SystemExit("PAGE_TABLE not found in app.py")
    return [
        (url, path)
        for path, _icon, url in table
        if (ROOT / path).exists() and (not wanted or url in wanted)
    ]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def time_page(file: str, runs: int, cached: bool) -> dict:
    """Median and p95 ms of ``runs`` reruns of one page after a first, untimed run."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    # Through app.py, as a browser reaches a page: navigation, page links and shell included.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.switch_page(file)
    at.run()
    error = at.exception[0].message if at.exception else None
    if error is None and not at.title and at.error:  # a refusal in place of the page
        error = f"the page did not run: {at.error[0].value[:80]}"
    timings = []
    for _ in range(runs):
        if not cached:
            st.cache_data.clear()
            st.cache_resource.clear()
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
        if at.exception and error is None:
            error = at.exception[0].message
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "runs": runs,
        "error": error,
    }


def environment(argv: list[str]) -> dict:
    import duckdb
    import pandas
    import plotly
    import streamlit

    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "command": " ".join(["python", *argv]),
        "nproc": os.cpu_count(),
        "ram_gib": round(ram, 1),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "duckdb": duckdb.__version__,
        "plotly": plotly.__version__,
        "pandas": pandas.__version__,
        "platform": platform.platform(),
    }


def markdown(results: list[dict], env: dict) -> str:
    lines = [
        f"Command: `{env['command']}` — nproc {env['nproc']}, RAM {env['ram_gib']} GiB, "
        f"Python {env['python']}, Streamlit {env['streamlit']}, DuckDB {env['duckdb']}, "
        f"plotly {env['plotly']}",
        "",
        "| page | database | cache on median | cache on p95 | cache off median | cache off p95 "
        f"| < {TARGET_MS:.0f} ms cached | error |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        on, off = r["cache_on"], r["cache_off"]
        ok = "yes" if on["median_ms"] < TARGET_MS else "**no**"
        error = on["error"] or off["error"] or ""
        lines.append(
            f"| {r['page']} | {r['database']} | {on['median_ms']:.0f} | {on['p95_ms']:.0f} | "
            f"{off['median_ms']:.0f} | {off['p95_ms']:.0f} | {ok} | {error[:80]} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed reruns per page and mode")
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: all)")
    parser.add_argument("--databases", default="demo,10m", help="demo, 10m or both")
    parser.add_argument("--out", default=str(OUT / "pages.json"))
    args = parser.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from streamlit import config

    # As `sillage serve` runs pages by default: on localhost (no admin password), and with no
    # forced full garbage collection after each run.
    config.set_option("server.address", "localhost")
    config.set_option("runner.postScriptGC", False)

    OUT.mkdir(exist_ok=True)
    databases = {"demo": DEMO_DB, "10m": BIG_DB}
    chosen = [d for d in args.databases.split(",") if d]
    build_demo(DEMO_DB)
    if "10m" in chosen:
        started = time.perf_counter()
        build_big(BIG_DB)
        print(f"10 M database ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    pages = page_files({p for p in args.pages.split(",") if p} or None)
    results = []
    for name in chosen:
        os.environ["SILLAGE_DB"] = str(databases[name])
        for url, file in pages:
            row = {
                "page": url,
                "file": file,
                "database": name,
                "cache_on": time_page(file, args.runs, cached=True),
                "cache_off": time_page(file, args.runs, cached=False),
            }
            print(json.dumps(row), file=sys.stderr)
            results.append(row)
    env = environment([f"scripts/{Path(__file__).name}", *argv])
    Path(args.out).write_text(
        json.dumps({"environment": env, "target_ms": TARGET_MS, "results": results}, indent=2),
        encoding="utf-8",
    )
    print(markdown(results, env))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
