"""Report benchmark: ``metrics.report.campaign_report`` on 10 M post-metric rows, against pandas.

The script builds once (cached in ``<out>/report.duckdb``) a Sillage database generated in DuckDB
with SQL straight into the tables (``range()``, ``random()`` after ``setseed``; one thread so that
the same seed gives the same rows): two clients, four campaigns, 2,000 creators, 20,000 posts
with 500 rows each in ``post_metrics`` (per-day rows, and a lifetime snapshot for half the posts
in place of their last day: 10 M rows), 360 days of paid delivery, and 1 M brand-lift answers
(five questions, 60 % exposed, planted lifts, exposure counts, some weights and missing answers).
Since the rows bypass the ingest, the build then fills ``post_totals`` and ``post_weeks`` the way
the ingest does after every file (``store.post_totals.rebuild``).

Then, each run on a fresh short-lived connection as the dashboard opens them:

* ``report``: the full ``campaign_report`` of one campaign (every section of ``metrics.campaign.SECTIONS``);
* ``core (Sillage)``: ``kpis.summary`` + ``brand_lift.lift_by_question`` only;
* ``core (pandas, raw rows)``: the same core in pandas from the raw rows: the campaign's
  ``post_metrics`` rows loaded into DataFrames, the post-totals rule (latest lifetime snapshot
  per metric, else the sum of daily rows), the KPIs and the lift per question with the same
  formulas (``metrics.stats`` on Kish-weighted counts);
* ``core (pandas, post_totals)``: the same, starting from the campaign's ``post_totals`` rows
  instead of applying the rule.

Which pandas is "the same computation"? Sillage reads per-post totals that the ingest keeps in
``post_totals`` (the rule applied once per file, for the posts it touched), so a report never
regroups the 10 M metric rows. The raw-rows pandas is what an analyst without that table does;
it includes the regrouping, so its ratio measures the table as much as the engine. The
post_totals pandas gets exactly Sillage's inputs, so its ratio compares the engines alone. Both
are printed, and both are checked against Sillage's results. What the table costs is printed
too: ``refresh``, one rebuild of ``post_totals`` and ``post_weeks`` from all 10 M rows (what the
ingest pays, once, for a file that writes every row; rolled back).

Median of ``--runs`` runs after one warm-up. A Markdown table goes to stdout, the figures to
``<out>/report.json``, a per-family timing table and a cProfile of one report after it.

Run from the project root:

    .venv/bin/python scripts/bench_report.py
    .venv/bin/python scripts/bench_report.py --runs 3 --campaign bench-c1
    .venv/bin/python scripts/bench_report.py --rebuild --rows 1000000 --answers 100000
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from metrics import brand_lift, kpis, report, scorecard, stats  # noqa: E402
from metrics.campaign import SECTIONS  # noqa: E402
from metrics.filters import Filters  # noqa: E402
from store import post_totals  # noqa: E402
from store.db import connect  # noqa: E402

GENERATOR_VERSION = 3
SEED = 0.20261127
POSTS = 20_000
CREATORS = 2_000
ROWS = 10_000_000
ANSWERS = 1_000_000
CAMPAIGNS = 4
AD_DAYS = 90
QUESTIONS = ("ad_recall", "awareness", "consideration", "favorability", "purchase_intent")
CONTROL_RATES = (0.20, 0.35, 0.25, 0.40, 0.15)
PLANTED_LIFTS = (0.06, 0.04, 0.03, 0.02, 0.015)
TARGET_SECONDS = 1.0
TARGET_RATIO = 5.0

CLIENTS_SQL = "INSERT INTO clients (client_id, name) VALUES (1, 'Bench Brand'), (2, 'Other Brand')"

CAMPAIGNS_SQL = """
INSERT INTO campaigns
SELECT 'bench-c' || i AS campaign_id,
       CASE WHEN i < 4 THEN 1 ELSE 2 END AS client_id,
       'Bench campaign ' || i AS name,
       ['awareness', 'consideration', 'awareness', 'conversion'][i] AS objective,
       DATE '2025-01-06' + ((i - 1) * 91)::INTEGER AS start_date,
       DATE '2025-01-06' + ((i - 1) * 91 + 62)::INTEGER AS end_date,
       500000.0 AS budget,
       'EUR' AS currency,
       ?::JSON AS targets,
       '["Bench Brand", "#benchbrand"]'::JSON AS brand_terms
FROM range(1, ? + 1) AS t(i)
"""

CREATORS_SQL = """
INSERT INTO creators
SELECT platform || ':creator' || c AS creator_id, platform, 'creator' || c AS handle,
       'Creator ' || c AS display_name, (5000 + random() * 995000)::BIGINT AS followers,
       DATE '2026-06-01' AS followers_as_of
FROM (SELECT c, ['instagram', 'tiktok', 'youtube'][c % 3 + 1] AS platform FROM range(?) t(c))
"""

# Post i belongs to campaign i // (posts / campaigns) + 1 and creator i % creators, so every
# creator works on every campaign: collaboration numbers 1 to 4.
POSTS_SQL = """
INSERT INTO posts
SELECT platform || ':p' || i AS post_id, platform, 'p' || i AS native_id,
       platform || ':creator' || c AS creator_id,
       'bench-c' || (i // (? // ?) + 1) AS campaign_id,
       (DATE '2025-01-06' + ((i // (? // ?)) * 91 + i % 60)::INTEGER)::TIMESTAMP
           + INTERVAL (i % 24) HOUR AS posted_at,
       'Video' AS format, NULL AS title,
       CASE i % 4 WHEN 0 THEN 'Ma routine #pub' WHEN 1 THEN 'Merci à @benchbrand'
            WHEN 2 THEN 'Nouveau produit #ad' ELSE 'Trop bien' END AS caption,
       NULL AS url, NULL AS duration_seconds, true AS sponsored, i % 8 = 0 AS paid_label,
       round(200 + random() * 1800) AS cost, NULL AS upload_id
FROM (SELECT i, i % ? AS c, ['instagram', 'tiktok', 'youtube'][i % ? % 3 + 1] AS platform
      FROM range(?) t(i))
"""

# Row r is day k = r // posts of post r % posts; the last day of every even post is replaced by
# a lifetime snapshot, so that the post-totals rule has both kinds of rows to combine.
POST_METRICS_SQL = """
INSERT INTO post_metrics
WITH base AS (
    SELECT r % ? AS i, r // ? AS k, r // ? = ? - 1 AND r % ? % 2 = 0 AS lifetime
    FROM range(?) t(r)
),
daily AS (
    SELECT b.i, b.k::INTEGER AS k, b.lifetime, p.post_id, p.posted_at::DATE AS posted,
           (20 + random() * 400)::BIGINT AS impressions,
           random() AS u1, random() AS u2, random() AS u3
    FROM base AS b
    JOIN posts AS p ON p.native_id = 'p' || b.i
)
SELECT post_id,
       CASE WHEN lifetime THEN posted + k + 14 ELSE posted + k END AS metric_date,
       CASE WHEN lifetime THEN 'lifetime' ELSE 'day' END AS period,
       impressions * CASE WHEN lifetime THEN k ELSE 1 END AS impressions,
       (impressions * (0.55 + 0.35 * u1))::BIGINT * CASE WHEN lifetime THEN k // 2 ELSE 1 END
           AS reach,
       (impressions * (0.6 + 0.3 * u2))::BIGINT * CASE WHEN lifetime THEN k ELSE 1 END AS views,
       (impressions * 0.06 * u3)::BIGINT * CASE WHEN lifetime THEN k ELSE 1 END AS likes,
       (impressions * 0.004 * u1)::BIGINT AS comments,
       (impressions * 0.003 * u2)::BIGINT AS shares,
       (impressions * 0.005 * u3)::BIGINT AS saves,
       CASE WHEN lifetime THEN NULL ELSE (impressions * 0.004 * u2)::BIGINT END AS clicks,
       (impressions * 0.01 * u1)::BIGINT AS profile_visits,
       (impressions * 0.001 * u3)::BIGINT AS follows,
       impressions * u2 / 120.0 AS watch_time_hours,
       NULL AS subscribers, NULL AS upload_id
FROM daily
"""

AD_DELIVERY_SQL = """
INSERT INTO ad_delivery
SELECT 'bench-c' || c AS campaign_id,
       DATE '2025-01-06' + ((c - 1) * 91 + d)::INTEGER AS date_start,
       DATE '2025-01-06' + ((c - 1) * 91 + d)::INTEGER AS date_end,
       'Bench campaign ' || c, 'adset', 'ad',
       (8000 + random() * 12000)::BIGINT AS reach,
       NULL::BIGINT AS impressions, NULL::DOUBLE AS frequency,
       round(300 + random() * 400, 2) AS spend, 'EUR' AS currency,
       NULL::BIGINT AS results, (100 + random() * 300)::BIGINT AS link_clicks, NULL AS upload_id
FROM range(1, ? + 1) a(c), range(?) b(d)
"""

AD_IMPRESSIONS_SQL = "UPDATE ad_delivery SET impressions = (reach * (1.6 + random()))::BIGINT"
AD_FREQUENCY_SQL = "UPDATE ad_delivery SET frequency = impressions / reach"

# Answer r: campaign r // per_campaign + 1, respondent j // 5, question j % 5. Respondents with
# id % 5 < 3 are exposed; exposed respondents seen more often answer a little more positively.
SURVEY_SQL = """
INSERT INTO survey_responses
WITH base AS (
    SELECT r // (? // ?) + 1 AS c, (r % (? // ?)) // 5 AS respondent, r % 5 AS q,
           random() AS u, random() AS v
    FROM range(?) t(r)
),
answered AS (
    SELECT *, respondent % 5 < 3 AS exposed, 1 + respondent % 7 AS seen,
           (?::DOUBLE[])[q + 1] AS p_control, (?::DOUBLE[])[q + 1] AS lift
    FROM base
)
SELECT 'bench-c' || c AS campaign_id, 'r' || respondent AS respondent_id,
       CASE WHEN exposed THEN 'exposed' ELSE 'control' END AS "group",
       (?::TEXT[])[q + 1] AS question,
       CASE WHEN v < 0.03 THEN NULL
            ELSE u < p_control + CASE WHEN exposed
                                      THEN lift * (0.7 + 0.1 * least(seen, 6)) ELSE 0 END
       END AS positive,
       CASE WHEN v < 0.03 THEN NULL WHEN u < 0.5 THEN 'Yes' ELSE 'No' END AS raw_answer,
       CASE WHEN exposed THEN seen END AS exposures,
       (DATE '2025-01-06' + ((c - 1) * 91 + respondent % 56)::INTEGER)::TIMESTAMP
           + INTERVAL (respondent % 24) HOUR AS responded_at,
       CASE WHEN respondent % 10 = 0 THEN 2.0 ELSE 1.0 END AS weight,
       NULL AS upload_id
FROM answered
"""

TARGETS = {
    "ad_recall_lift": 0.05,
    "awareness_lift": 0.03,
    "reach": 5_000_000,
    "frequency": 1.5,
    "cpm": 5.0,
    "saves_per_reach": 0.004,
    "cost_per_lifted_user": 2.0,
    "repeat_collaborations": 1500,
}


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def build(path: Path, rows: int, answers: int, rebuild: bool) -> dict[str, Any]:
    """Generate the database (or reuse the cached one with the same parameters)."""
    meta_path = path.with_suffix(".meta.json")
    params = {
        "version": GENERATOR_VERSION,
        "rows": rows,
        "answers": answers,
        "posts": POSTS,
        "creators": CREATORS,
        "campaigns": CAMPAIGNS,
        "seed": SEED,
    }
    if not rebuild and path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("params") == params:
            return {**meta, "reused": True}
    if rows % POSTS:
        raise SystemExit(f"--rows must be a multiple of {POSTS} posts")
    days = rows // POSTS
    if answers % (CAMPAIGNS * 5):
        raise SystemExit(f"--answers must be a multiple of {CAMPAIGNS * 5}")
    partial = path.with_name(path.stem + ".partial.duckdb")
    _remove(partial)
    started = time.perf_counter()
    with connect(partial) as connection:
        connection.execute("SET threads = 1")  # one thread: the seed then fixes every row
        connection.execute("SELECT setseed(?)", [SEED])
        connection.execute("BEGIN TRANSACTION")
        connection.execute(CLIENTS_SQL)
        connection.execute(CAMPAIGNS_SQL, [json.dumps(TARGETS), CAMPAIGNS])
        connection.execute(CREATORS_SQL, [CREATORS])
        connection.execute(
            POSTS_SQL, [POSTS, CAMPAIGNS, POSTS, CAMPAIGNS, CREATORS, CREATORS, POSTS]
        )
        connection.execute(POST_METRICS_SQL, [POSTS, POSTS, POSTS, days, POSTS, rows])
        post_totals.rebuild(connection)  # as the ingest does after writing metric rows
        connection.execute(AD_DELIVERY_SQL, [CAMPAIGNS, AD_DAYS])
        connection.execute(AD_IMPRESSIONS_SQL)
        connection.execute(AD_FREQUENCY_SQL)
        connection.execute(
            SURVEY_SQL,
            [
                answers,
                CAMPAIGNS,
                answers,
                CAMPAIGNS,
                answers,
                list(CONTROL_RATES),
                list(PLANTED_LIFTS),
                list(QUESTIONS),
            ],
        )
        connection.execute("COMMIT")
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("posts", "post_metrics", "survey_responses", "ad_delivery")
        }
        connection.execute("CHECKPOINT")
    _remove(path)
    partial.rename(path)
    meta = {
        "params": params,
        "counts": counts,
        "build_seconds": round(time.perf_counter() - started, 1),
        "bytes": path.stat().st_size,
    }
    meta_path.write_text(json.dumps(meta, indent=1))
    return {**meta, "reused": False}


# --- the three contenders ---------------------------------------------------------------------


def run_report(path: Path, campaign_id: str) -> dict:
    with connect(path) as connection:
        return report.campaign_report(connection, campaign_id)


def run_core(path: Path, campaign_id: str) -> dict:
    with connect(path) as connection:
        filters = Filters(campaign_ids=(campaign_id,))
        values = kpis.summary(connection, filters)
        lifts = brand_lift.lift_by_question(connection, campaign_id)
    return {
        "kpis": {k: v.value for k, v in values.items()},
        "lift": {r.question: r for r in lifts},
    }


PANDAS_POSTS_SQL = """
SELECT p.post_id, p.platform, p.creator_id, p.cost, cam.currency
FROM posts AS p JOIN campaigns AS cam ON cam.campaign_id = p.campaign_id
WHERE p.campaign_id = ?
"""
PANDAS_METRICS_SQL = """
SELECT * FROM post_metrics
WHERE post_id IN (SELECT post_id FROM posts WHERE campaign_id = ?)
"""
PANDAS_TOTALS_SQL = """
SELECT * FROM post_totals
WHERE post_id IN (SELECT post_id FROM posts WHERE campaign_id = ?)
"""
PANDAS_CREATORS_SQL = "SELECT creator_id, followers FROM creators"
PANDAS_ADS_SQL = "SELECT * FROM ad_delivery WHERE campaign_id = ?"
PANDAS_SURVEY_SQL = """
SELECT question, "group", positive, weight FROM survey_responses WHERE campaign_id = ?
"""


def run_pandas(path: Path, campaign_id: str, source: str = "raw") -> dict:
    """The core in pandas: load the campaign's rows, then the same rules and formulas.

    ``source="raw"`` starts from the ``post_metrics`` rows and applies the post-totals rule;
    ``source="post_totals"`` starts from the per-post totals Sillage reads.
    """
    names = list(kpis.SNAPSHOT_METRICS)
    with connect(path) as connection:
        posts = connection.execute(PANDAS_POSTS_SQL, [campaign_id]).df()
        if source == "raw":
            metrics = connection.execute(PANDAS_METRICS_SQL, [campaign_id]).df()
        else:
            totals = connection.execute(PANDAS_TOTALS_SQL, [campaign_id]).df()
        creators = connection.execute(PANDAS_CREATORS_SQL).df()
        ads = connection.execute(PANDAS_ADS_SQL, [campaign_id]).df()
        answers = connection.execute(PANDAS_SURVEY_SQL, [campaign_id]).df()

    if source == "raw":
        lifetime = metrics[metrics["period"] == "lifetime"].sort_values("metric_date")
        latest = lifetime.groupby("post_id")[names].last()  # last non-null value per metric
        summed = metrics[metrics["period"] == "day"].groupby("post_id")[names].sum(min_count=1)
        totals = latest.combine_first(summed)
    else:
        totals = totals.set_index("post_id")[names]
    facts = posts.merge(totals, left_on="post_id", right_index=True, how="left")
    facts = facts.merge(creators, on="creator_id", how="left")
    from_views = facts["impressions"].isna() & facts["platform"].isin(
        kpis.IMPRESSIONS_FROM_VIEWS_PLATFORMS
    )
    facts["impressions"] = facts["impressions"].where(~from_views, facts["views"])
    parts = facts[["likes", "comments", "shares", "saves"]]
    facts["engagements"] = parts.sum(axis=1, min_count=1)

    def total(series: pd.Series) -> float | None:
        return float(series.sum()) if series.notna().any() else None

    def add(*values: float | None) -> float | None:
        present = [v for v in values if v is not None]
        return sum(present) if present else None

    def ratio(num: float | None, den: float | None, scale: float = 1.0) -> float | None:
        return None if num is None or not den else num / den * scale

    def paired(a: str, b: str) -> float | None:
        both = facts[a].notna() & facts[b].notna()
        return ratio(total(facts.loc[both, a]), total(facts.loc[both, b]))

    impressions = add(total(facts["impressions"]), total(ads["impressions"]))
    reach = add(total(facts["reach"]), total(ads["reach"]))
    clicks = add(total(facts["clicks"]), total(ads["link_clicks"]))
    cost = add(total(facts["cost"]), total(ads["spend"]))
    engagements, views = total(facts["engagements"]), total(facts["views"])
    values = {
        "impressions": impressions,
        "reach": reach,
        "views": views,
        "engagements": engagements,
        "clicks": clicks,
        "cost": cost,
        "er_reach": paired("engagements", "reach"),
        "er_impressions": paired("engagements", "impressions"),
        "er_followers": paired("engagements", "followers"),
        "cpm": ratio(cost, impressions, 1000.0),
        "cpe": ratio(cost, engagements),
        "cpv": ratio(cost, views),
        "cpc": ratio(cost, clicks),
        **{f"{s}_per_reach": paired(s, "reach") for s in ("saves", "shares", "clicks")},
        "profile_visits_per_reach": paired("profile_visits", "reach"),
    }

    answered = answers[answers["positive"].notna()].copy()
    answered["w"] = answered["weight"].fillna(1.0)
    answered = answered[np.isfinite(answered["w"]) & (answered["w"] > 0)]
    answered["w2"] = answered["w"] ** 2
    answered["wy"] = answered["w"] * answered["positive"].astype(bool)
    sums = answered.groupby(["question", "group"])[["w", "w2", "wy"]].sum()
    lifts = {}
    for question in sums.index.get_level_values(0).unique():
        x_e, n_e = stats.weighted_counts(*sums.loc[(question, "exposed")])
        x_c, n_c = stats.weighted_counts(*sums.loc[(question, "control")])
        lifts[question] = stats.compare_proportions(x_e, n_e, x_c, n_c)
    return {"kpis": values, "lift": lifts}


def check_agreement(sillage: dict, pandas: dict) -> list[str]:
    """Differences between the Sillage core and the pandas core (empty when they agree)."""
    problems = []
    for metric, value in sillage["kpis"].items():
        other = pandas["kpis"].get(metric)
        if (value is None) != (other is None) or (
            value is not None and not math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-9)
        ):
            problems.append(f"kpi {metric}: Sillage {value} vs pandas {other}")
    for question, result in sillage["lift"].items():
        other = pandas["lift"].get(question)
        for field in ("absolute_lift", "ci_low", "ci_high", "p_value"):
            a, b = getattr(result, field), getattr(other, field) if other else None
            if a is None or b is None or not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
                problems.append(f"lift {question}.{field}: Sillage {a} vs pandas {b}")
    return problems


def time_refresh(path: Path, runs: int = 2) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of rebuilding ``post_totals`` and ``post_weeks`` from every metric
    row, in a transaction rolled back (the database is left as it was)."""
    walls, cpus = [], []
    for _ in range(runs):
        with connect(path) as connection:
            connection.execute("BEGIN TRANSACTION")
            wall, cpu = time.perf_counter(), time.process_time()
            post_totals.rebuild(connection)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            connection.execute("ROLLBACK")
    return walls, cpus


def timed(function: Callable[[], Any], runs: int) -> tuple[list[float], list[float], Any]:
    """Wall-clock and CPU seconds (all threads of the process) of each run after a warm-up."""
    function()
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def family_timings(path: Path, campaign_id: str, runs: int) -> dict[str, dict[str, float]]:
    """Median wall and CPU seconds of each report section, built in order on a fresh connection."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in SECTIONS}
    for _ in range(runs):
        with connect(path) as connection:
            campaign = scorecard.load_campaign(connection, campaign_id)
            metrics = scorecard.CampaignMetrics(connection, campaign)
            for name, builder in SECTIONS:
                wall, cpu = time.perf_counter(), time.process_time()
                builder(metrics)
                samples[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {
        name: {
            "wall": statistics.median(v[0] for v in values),
            "cpu": statistics.median(v[1] for v in values),
        }
        for name, values in samples.items()
    }


def profile(path: Path, campaign_id: str, top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    run_report(path, campaign_id)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def machine() -> dict[str, Any]:
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "ram_gib": ram,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
        "numpy": np.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench_out")
    parser.add_argument("--campaign", default="bench-c3")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--answers", type=int, default=ANSWERS)
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached database")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "report.duckdb"
    built = build(path, args.rows, args.answers, args.rebuild)
    print(
        f"database: {path} ({built['counts']['post_metrics']:,} post-metric rows, "
        f"{built['counts']['survey_responses']:,} survey answers; "
        + ("reused" if built["reused"] else f"built in {built['build_seconds']} s")
        + ")",
        file=sys.stderr,
    )

    load_before = os.getloadavg()
    runs = {
        "report": timed(lambda: run_report(path, args.campaign), args.runs),
        "core_sillage": timed(lambda: run_core(path, args.campaign), args.runs),
        "core_pandas": timed(lambda: run_pandas(path, args.campaign, "raw"), args.runs),
        "core_pandas_totals": timed(
            lambda: run_pandas(path, args.campaign, "post_totals"), args.runs
        ),
    }
    load_after = os.getloadavg()
    refresh_seconds, refresh_cpu = time_refresh(path)
    core = runs["core_sillage"][2]
    problems = [
        *check_agreement(core, runs["core_pandas"][2]),
        *(f"(from post_totals) {p}" for p in check_agreement(core, runs["core_pandas_totals"][2])),
    ]
    json.dumps(runs["report"][2], allow_nan=False)

    seconds = {name: walls for name, (walls, _, _) in runs.items()}
    cpu_seconds = {name: cpus for name, (_, cpus, _) in runs.items()}
    medians = {name: statistics.median(walls) for name, walls in seconds.items()}
    cpu_medians = {name: statistics.median(cpus) for name, cpus in cpu_seconds.items()}
    families = family_timings(path, args.campaign, 3)
    profile_text = profile(path, args.campaign)
    (args.out / "report_profile.txt").write_text(profile_text)

    command = " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])
    ratio_core = medians["core_pandas"] / medians["core_sillage"]
    ratio_report = medians["core_pandas"] / medians["report"]
    ratio_core_totals = medians["core_pandas_totals"] / medians["core_sillage"]
    info = machine()

    def row(label: str, name: str, ratios: str) -> str:
        runs_text = ", ".join(f"{s:.3f}" for s in seconds[name])
        return (
            f"| {label} | {medians[name]:.3f} | {cpu_medians[name]:.3f} | {runs_text} | {ratios} |"
        )

    lines = [
        f"Command: `{command}`",
        "",
        f"Machine: {info['nproc']} CPUs (nproc), {info['ram_gib']} GiB RAM, Python "
        f"{info['python']}, DuckDB {info['duckdb']}, pandas {info['pandas']}, numpy "
        f"{info['numpy']}",
        f"Data: {built['counts']['post_metrics']:,} post-metric rows, "
        f"{built['counts']['survey_responses']:,} survey answers, {POSTS:,} posts; campaign "
        f"{args.campaign} ({built['counts']['post_metrics'] // CAMPAIGNS:,} metric rows, "
        f"{built['counts']['survey_responses'] // CAMPAIGNS:,} answers)",
        f"Median of {args.runs} runs after one warm-up, fresh connection per run; load "
        f"average {load_before[0]:.1f} before, {load_after[0]:.1f} after (other processes "
        "share the CPUs when it exceeds nproc: CPU seconds are the steadier figure).",
        "Sillage reads per-post totals (`post_totals`) and weekly sums (`post_weeks`) that the "
        "ingest maintains for the posts each file touches; the first pandas row recomputes "
        "them from the raw metric rows, the second starts from `post_totals` like Sillage.",
        "",
        "| what | median wall s | median CPU s | runs, wall s | pandas raw / this; "
        "pandas post_totals / this (wall) |",
        "|---|---:|---:|---|---:|",
        row(
            "full `campaign_report` (DuckDB)",
            "report",
            f"{ratio_report:.1f}×; {medians['core_pandas_totals'] / medians['report']:.1f}×",
        ),
        row(
            "core: `kpis.summary` + `lift_by_question` (DuckDB)",
            "core_sillage",
            f"{ratio_core:.1f}×; {ratio_core_totals:.1f}×",
        ),
        row(
            "core in pandas from raw rows (load + post-totals rule + KPIs + lift)",
            "core_pandas",
            "1.0×; –",
        ),
        row(
            "core in pandas from `post_totals` (load + KPIs + lift)",
            "core_pandas_totals",
            "–; 1.0×",
        ),
        f"| ingest side: rebuild `post_totals` + `post_weeks` from all "
        f"{built['counts']['post_metrics']:,} rows (once per file that writes them all) | "
        f"{statistics.median(refresh_seconds):.3f} | {statistics.median(refresh_cpu):.3f} | "
        f"{', '.join(f'{s:.3f}' for s in refresh_seconds)} | – |",
        "",
        f"Targets: report under {TARGET_SECONDS:.0f} s: "
        + ("met" if medians["report"] < TARGET_SECONDS else "MISSED")
        + f"; ≥ {TARGET_RATIO:.0f}× faster than the same computation in pandas on the "
        f"{built['counts']['post_metrics']:,} metric rows (core vs core): "
        + ("met" if ratio_core >= TARGET_RATIO else "MISSED")
        + f" ({ratio_core:.1f}×).",
        f"For reference, not the target: pandas handed Sillage's own per-post totals "
        f"({ratio_core_totals:.1f}× slower than Sillage's core), and the pandas core against "
        f"Sillage's full report of every family ({ratio_report:.1f}×).",
        "Sillage and both pandas cores agree: "
        + ("yes" if not problems else "NO\n  " + "\n  ".join(problems)),
        "",
        "| report section (in order; shared work counted where first used) | wall s | CPU s |",
        "|---|---:|---:|",
        *(f"| {name} | {t['wall']:.3f} | {t['cpu']:.3f} |" for name, t in families.items()),
        "",
        f"cProfile of one report: {args.out / 'report_profile.txt'}",
    ]
    print("\n".join(lines))
    result = {
        "command": command,
        "cwd": str(Path.cwd()),
        "machine": info,
        "database": {"path": str(path), **built},
        "campaign": args.campaign,
        "runs": args.runs,
        "seconds": seconds,
        "median_seconds": medians,
        "median_cpu_seconds": cpu_medians,
        "cpu_seconds": cpu_seconds,
        "refresh_seconds": refresh_seconds,
        "refresh_cpu_seconds": refresh_cpu,
        "load_average": {"before": load_before, "after": load_after},
        "ratio_pandas_to_core": ratio_core,
        "ratio_pandas_totals_to_core": ratio_core_totals,
        "ratio_pandas_to_report": ratio_report,
        "families_median_seconds": families,
        "agreement_problems": problems,
        "targets": {"report_seconds": TARGET_SECONDS, "ratio": TARGET_RATIO},
    }
    (args.out / "report.json").write_text(json.dumps(result, indent=1))
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
