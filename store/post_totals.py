"""Per-post totals and weekly sums kept beside ``post_metrics``, so that a report never
regroups every metric row of the database.

A post's totals follow one rule (docs/schema.md: ``post_metrics`` keeps daily or cumulative
rows as exported): per metric, the latest lifetime snapshot that reports it; failing any
lifetime snapshot, the sum of the post's per-day rows. ``RULE_SQL`` writes the rule once; the
``post_totals`` table holds its result, one row per post with metric rows. ``post_weeks`` holds
each post's per-day rows summed by week (``WEEKS_SQL``), for weekly engagement series.

Ingest refreshes both for the posts a file wrote metrics for, inside the file's transaction
(``refresh_upload``); ``rebuild`` recomputes every post. Each ``post_totals`` row keeps
``metric_rows``, the post's row count in ``post_metrics``: when their sum differs from the row
count of ``post_metrics``, something wrote metric rows without refreshing the tables (a script
or an analyst's ``INSERT``), and readers then compute from ``post_metrics`` (``is_current``),
so numbers never go stale. An ``UPDATE`` of metric values in place keeps the count: run
``rebuild`` after one. A change to either rule needs a migration that rebuilds the tables.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import duckdb

METRICS = (
    "impressions",
    "reach",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "profile_visits",
    "follows",
    "watch_time_hours",
    "subscribers",
)
"""The ``post_metrics`` columns a post has totals of."""

# Sums of BIGINT columns are HUGEINT in DuckDB: the table stores BIGINT (the documented type of
# counts) and readers cast back, so totals read from the table carry the types of the rule.
_READ_TYPES = {m: "DOUBLE" if m == "watch_time_hours" else "HUGEINT" for m in METRICS}


def _list(template: str, indent: int) -> str:
    return f",\n{' ' * indent}".join(template.format(m=m) for m in METRICS)


# Per-day rows and lifetime rows are grouped apart (plain sums need no FILTER over every row,
# and lifetime rows are few), then each metric takes the lifetime value when there is one.
_RULE_TEMPLATE = textwrap.dedent(
    """
    WITH days AS (
        SELECT post_id, count(*) AS day_rows,
               {day_sums}
        FROM {source}
        WHERE period = 'day'{where}
        GROUP BY post_id
    ),
    lifetimes AS (
        SELECT post_id, count(*) AS lifetime_rows, max(metric_date) AS lifetime_as_of,
               {latest}
        FROM {source}
        WHERE period = 'lifetime'{where}
        GROUP BY post_id
    )
    SELECT coalesce(d.post_id, l.post_id) AS post_id,
           l.lifetime_as_of,
           coalesce(d.day_rows, 0) AS day_rows,
           coalesce(d.day_rows, 0) + coalesce(l.lifetime_rows, 0) AS metric_rows,
           {totals}
    FROM days AS d
    FULL JOIN lifetimes AS l ON l.post_id = d.post_id
    """
).format(
    day_sums=_list("sum({m}) AS {m}", 11),
    latest=_list("arg_max({m}, metric_date) FILTER (WHERE {m} IS NOT NULL) AS {m}", 11),
    totals=_list("coalesce(l.{m}, d.{m}) AS {m}", 7),
    where="{where}",
    source="{source}",
)

RULE_SQL = _RULE_TEMPLATE.format(where="", source="post_metrics")
"""One row per post with metric rows: per metric, the latest lifetime snapshot that reports it,
else the sum of its per-day rows; ``lifetime_as_of`` (date of the latest lifetime snapshot),
``day_rows`` (per-day rows) and ``metric_rows`` (all its rows)."""

TABLE_SQL = textwrap.dedent(
    """
    CREATE TABLE IF NOT EXISTS post_totals (
        post_id TEXT PRIMARY KEY,
        lifetime_as_of DATE,
        day_rows BIGINT NOT NULL,
        metric_rows BIGINT NOT NULL,
        impressions BIGINT,
        reach BIGINT,
        views BIGINT,
        likes BIGINT,
        comments BIGINT,
        shares BIGINT,
        saves BIGINT,
        clicks BIGINT,
        profile_visits BIGINT,
        follows BIGINT,
        watch_time_hours DOUBLE,
        subscribers BIGINT
    );
    """
)
"""The table (schema migration V4 creates it and fills it with ``RULE_SQL``)."""

WEEK_METRICS = ("likes", "comments", "shares", "saves")
"""The ``post_metrics`` columns ``post_weeks`` sums by week (the parts of engagements)."""

_WEEKS_TEMPLATE = textwrap.dedent(
    """
    SELECT post_id, date_trunc('week', metric_date)::DATE AS week, count(*) AS day_rows,
           {sums}
    FROM {source}
    WHERE period = 'day'{where}
    GROUP BY ALL
    """
).replace("{sums}", ", ".join(f"sum({m}) AS {m}" for m in WEEK_METRICS))

WEEKS_SQL = _WEEKS_TEMPLATE.format(where="", source="post_metrics")
"""One row per post and week (ISO, starting on Monday) with per-day rows: how many, and the
sums of ``WEEK_METRICS`` (None when no row of the week reports the metric)."""

WEEKS_TABLE_SQL = textwrap.dedent(
    """
    CREATE TABLE IF NOT EXISTS post_weeks (
        post_id TEXT NOT NULL,
        week DATE NOT NULL,
        day_rows BIGINT NOT NULL,
        likes BIGINT,
        comments BIGINT,
        shares BIGINT,
        saves BIGINT
    );
    """
)
"""The weekly table (schema migration V4 creates it and fills it with ``WEEKS_SQL``).

No primary key: (``post_id``, ``week``) is unique by construction, and maintaining an index on
a table this long more than doubles what the ingest pays to fill it."""

_TABLE_READ_SQL = textwrap.dedent(
    """
    SELECT post_id, lifetime_as_of, day_rows, metric_rows,
           {metrics}
    FROM post_totals
    {where}
    """
).replace("{metrics}", ",\n       ".join(f"{m}::{_READ_TYPES[m]} AS {m}" for m in METRICS))

CURRENT_SQL = textwrap.dedent(
    """
    SELECT (SELECT count(*) FROM post_metrics)
           = (SELECT coalesce(sum(metric_rows), 0) FROM post_totals)
    """
)
"""Whether every metric row is accounted for in ``post_totals`` (both counts are cheap)."""

_TABLE_EXISTS_SQL = (
    "SELECT count(*) FROM duckdb_tables() "
    "WHERE schema_name = 'main' AND table_name = 'post_totals' AND NOT temporary"
)

_TOUCHED = "post_totals_touched"
_ROWS = "post_totals_touched_rows"


def rule_sql(where: str = "") -> str:
    """``RULE_SQL`` over the ``post_metrics`` rows that ``where`` keeps (a SQL condition)."""
    return _RULE_TEMPLATE.format(where=f" AND {where}" if where else "", source="post_metrics")


def is_current(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``post_totals`` exists and accounts for every row of ``post_metrics``.

    ``post_weeks`` is written with ``post_totals`` every time, so it is current too.
    """
    if not connection.execute(_TABLE_EXISTS_SQL).fetchall()[0][0]:
        return False  # a file opened read-only before its migration to V4
    return bool(connection.execute(CURRENT_SQL).fetchall()[0][0])


def totals_sql(connection: duckdb.DuckDBPyConnection, where: str = "") -> str:
    """A SELECT of per-post totals (the rule's columns), restricted by ``where`` on ``post_id``.

    Reads ``post_totals`` when it is current, else applies ``RULE_SQL`` to ``post_metrics``:
    either way the same rows with the same types.

    Args:
        connection: An open Sillage database.
        where: A SQL condition on ``post_id`` (e.g. ``post_id IN (SELECT post_id FROM
            selected)``), or empty for every post.
    """
    if is_current(connection):
        return _TABLE_READ_SQL.format(where=f"WHERE {where}" if where else "")
    return rule_sql(where)


def refresh(connection: duckdb.DuckDBPyConnection, post_ids_sql: str, params: Sequence = ()) -> int:
    """Recompute the totals and weeks of the posts that ``post_ids_sql`` (a SELECT of
    ``post_id``) names.

    A post left without metric rows loses its rows. Runs inside the caller's transaction.

    Returns:
        The number of posts recomputed.
    """
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE {_TOUCHED} AS "
        f"SELECT DISTINCT post_id FROM ({post_ids_sql}) WHERE post_id IS NOT NULL",
        list(params),
    )
    touched = connection.execute(f"SELECT count(*) FROM {_TOUCHED}").fetchall()[0][0]
    if touched:
        selected = f"post_id IN (SELECT post_id FROM {_TOUCHED})"
        # Their rows are picked out of post_metrics once, for both tables.
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE {_ROWS} AS SELECT * FROM post_metrics WHERE {selected}"
        )
        connection.execute(f"DELETE FROM post_totals WHERE {selected}")
        totals = _RULE_TEMPLATE.format(where="", source=_ROWS)
        connection.execute(f"INSERT INTO post_totals BY NAME {totals}")
        connection.execute(f"DELETE FROM post_weeks WHERE {selected}")
        weeks = _WEEKS_TEMPLATE.format(where="", source=_ROWS)
        connection.execute(f"INSERT INTO post_weeks BY NAME {weeks}")
        connection.execute(f"DROP TABLE {_ROWS}")
    connection.execute(f"DROP TABLE {_TOUCHED}")
    return touched


def refresh_upload(connection: duckdb.DuckDBPyConnection, upload_id: int | None) -> int:
    """Recompute the totals and weeks of the posts an upload wrote metric rows for.

    Ingest writes every metric row of a file with the file's ``upload_id`` (a row it replaces
    is deleted and written anew), so those rows name every post whose totals may have changed.
    """
    if upload_id is None:
        return 0
    written = connection.execute(
        "SELECT count(*) FROM post_metrics WHERE upload_id = ?", [upload_id]
    ).fetchall()[0][0]
    if not written:
        return 0
    if written == connection.execute("SELECT count(*) FROM post_metrics").fetchall()[0][0]:
        # Every metric row is this file's (a first load): no need to pick its posts out.
        return rebuild(connection)
    return refresh(connection, "SELECT post_id FROM post_metrics WHERE upload_id = ?", [upload_id])


def rebuild(connection: duckdb.DuckDBPyConnection) -> int:
    """Recompute every post's totals and weeks from ``post_metrics`` (after writing it by other
    means).

    Returns:
        The number of posts with totals.
    """
    connection.execute("DELETE FROM post_totals")
    connection.execute(f"INSERT INTO post_totals BY NAME {RULE_SQL}")
    connection.execute("DELETE FROM post_weeks")
    connection.execute(f"INSERT INTO post_weeks BY NAME {WEEKS_SQL}")
    return connection.execute("SELECT count(*) FROM post_totals").fetchall()[0][0]
