"""post_totals and post_weeks: the post-totals rule kept at ingest, and the same numbers as
computing it from post_metrics on every read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from ingest import Assignment, ingest_path, ingest_stream
from metrics import creators, emv, exposure, kpis
from metrics.filters import Filters
from store import post_totals
from store.db import connect
from store.migrations import MIGRATIONS

FORMATS = Path(__file__).parent / "data" / "formats"
COLUMNS = ["post_id", "lifetime_as_of", "day_rows", "metric_rows", *post_totals.METRICS]


def metric_rows(connection, rows: list[tuple]) -> None:
    """Insert (post_id, date, period, likes, reach, views) rows straight into post_metrics."""
    connection.executemany(
        "INSERT INTO post_metrics (post_id, metric_date, period, likes, reach, views) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def table(connection, name: str, order: str = "post_id") -> pd.DataFrame:
    return connection.execute(f"SELECT * FROM {name} ORDER BY {order}").df()


def from_rule(connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rule and the weekly sums applied to post_metrics now, in the tables' column types."""
    connection.execute(f"CREATE OR REPLACE TEMP TABLE expected_totals AS {post_totals.RULE_SQL}")
    connection.execute(f"CREATE OR REPLACE TEMP TABLE expected_weeks AS {post_totals.WEEKS_SQL}")
    casts = ", ".join(
        f"{c}::{'DOUBLE' if c == 'watch_time_hours' else 'BIGINT'} AS {c}"
        for c in post_totals.METRICS
    )
    totals = connection.execute(
        f"SELECT post_id, lifetime_as_of, day_rows, metric_rows, {casts} "
        "FROM expected_totals ORDER BY post_id"
    ).df()
    weeks = connection.execute(
        "SELECT post_id, week, day_rows, likes::BIGINT AS likes, comments::BIGINT AS comments, "
        "shares::BIGINT AS shares, saves::BIGINT AS saves FROM expected_weeks "
        "ORDER BY post_id, week"
    ).df()
    return totals, weeks


def assert_current(connection) -> None:
    totals, weeks = from_rule(connection)
    assert post_totals.is_current(connection)
    pd.testing.assert_frame_equal(table(connection, "post_totals")[COLUMNS], totals[COLUMNS])
    pd.testing.assert_frame_equal(table(connection, "post_weeks", "post_id, week"), weeks)


def test_the_rule_latest_lifetime_snapshot_else_summed_days(connection):
    metric_rows(
        connection,
        [
            # Cumulative snapshots: the latest that reports a metric is its total.
            ("life", "2026-03-02", "lifetime", 10, 100, None),
            ("life", "2026-03-09", "lifetime", 30, None, None),
            # Per-day rows add up, by post and by week (Monday 2 to Sunday 8, then Monday 9).
            ("daily", "2026-03-02", "day", 5, 50, 7),
            ("daily", "2026-03-08", "day", 7, None, None),
            ("daily", "2026-03-09", "day", None, None, None),
            # A lifetime snapshot wins over days, metric by metric.
            ("both", "2026-03-03", "day", 4, 40, 400),
            ("both", "2026-03-10", "lifetime", 50, None, None),
        ],
    )
    assert post_totals.rebuild(connection) == 3
    got = table(connection, "post_totals").set_index("post_id")
    assert got.loc["life", ["likes", "reach", "day_rows", "metric_rows"]].tolist() == [
        30,
        100,
        0,
        2,
    ]
    assert got.loc["life", "lifetime_as_of"] == pd.Timestamp("2026-03-09")
    assert got.loc["daily", ["likes", "reach", "views", "day_rows", "metric_rows"]].tolist() == [
        12,
        50,
        7,
        3,
        3,
    ]
    assert pd.isna(got.loc["daily", "lifetime_as_of"])
    assert got.loc["both", ["likes", "reach", "views"]].tolist() == [50, 40, 400]
    weeks = table(connection, "post_weeks", "post_id, week")
    daily = weeks[weeks["post_id"] == "daily"]
    assert daily["week"].dt.date.tolist() == [dt.date(2026, 3, 2), dt.date(2026, 3, 9)]
    assert daily["day_rows"].tolist() == [2, 1]
    assert daily["likes"].tolist()[0] == 12 and pd.isna(daily["likes"].tolist()[1])
    assert "life" not in set(weeks["post_id"])  # lifetime rows are not days
    assert_current(connection)


def test_refresh_recomputes_the_named_posts_only(connection):
    metric_rows(
        connection,
        [("a", "2026-03-02", "day", 1, None, None), ("b", "2026-03-02", "day", 2, None, None)],
    )
    post_totals.rebuild(connection)
    connection.execute("UPDATE post_metrics SET likes = likes * 10")
    assert post_totals.refresh(connection, "SELECT 'a' AS post_id") == 1
    likes = dict(connection.execute("SELECT post_id, likes FROM post_totals").fetchall())
    assert likes == {"a": 10, "b": 2}  # b was not named: still the old total
    connection.execute("DELETE FROM post_metrics WHERE post_id = 'a'")
    post_totals.refresh(connection, "SELECT 'a' AS post_id")
    assert connection.execute("SELECT list(post_id) FROM post_totals").fetchall()[0][0] == ["b"]
    assert connection.execute("SELECT count(*) FROM post_weeks WHERE post_id = 'a'").fetchall() == [
        (0,)
    ]


def test_rows_written_behind_its_back_are_read_from_post_metrics(connection):
    connection.execute("INSERT INTO clients (name) VALUES ('Brand')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) VALUES ('c1', 1, 'C1', 'EUR')"
    )
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, campaign_id, sponsored) "
        "VALUES ('p1', 'instagram', 'p1', 'c1', true)"
    )
    metric_rows(connection, [("p1", "2026-03-02", "lifetime", 10, 100, None)])
    post_totals.rebuild(connection)
    assert kpis.summary(connection, Filters())["engagements"].value == 10
    metric_rows(connection, [("p1", "2026-03-09", "lifetime", 25, 100, None)])
    assert not post_totals.is_current(connection)
    assert "FROM post_metrics" in post_totals.totals_sql(connection)
    assert kpis.summary(connection, Filters())["engagements"].value == 25
    post_totals.rebuild(connection)
    assert "FROM post_totals" in post_totals.totals_sql(connection)
    assert kpis.summary(connection, Filters())["engagements"].value == 25


def test_ingest_keeps_both_tables_current(db_path: Path):
    for name in ("instagram_content__en.csv", "youtube_chart__en.csv", "tiktok_videos__en.csv"):
        assignment = Assignment(
            campaign_id="Spring", client_name="Aurore", as_of=dt.date(2026, 10, 1)
        )
        result = ingest_path(db_path, FORMATS / name, assignment)
        assert result.loaded, result.refused
        with connect(db_path) as connection:
            assert_current(connection)
    # A later export of one of the posts: a new snapshot, the totals follow.
    header = (FORMATS / "instagram_content__en.csv").read_text(encoding="utf-8").splitlines()[0]
    later = (
        f"{header}\n17900000000000001,178400009,stride.lab.run,Stride Lab,Morning run #ad,0,"
        "09/15/2026 18:00,https://www.instagram.com/p/BBB1/,IG carousel,,Lifetime,"
        '"20,000","12,000","2,000",60,12,80,400\n'
    ).encode()
    assignment = Assignment(campaign_id="Spring", client_name="Aurore", as_of=dt.date(2026, 10, 8))
    ingest_stream(db_path, "later.csv", io.BytesIO(later), len(later), assignment)
    with connect(db_path) as connection:
        assert_current(connection)
        likes = connection.execute(
            "SELECT likes FROM post_totals WHERE post_id = 'instagram:17900000000000001'"
        ).fetchall()
        assert likes == [(2000,)]


def test_a_file_without_metric_rows_leaves_the_tables_alone(db_path: Path):
    spring = Assignment(campaign_id="Spring", client_name="Aurore")
    ingest_path(db_path, FORMATS / "youtube_chart__en.csv", spring)
    with connect(db_path) as connection:
        before = table(connection, "post_totals")
    result = ingest_path(db_path, FORMATS / "survey_responses__en.csv", spring)
    assert result.loaded, result.refused
    with connect(db_path) as connection:
        pd.testing.assert_frame_equal(table(connection, "post_totals"), before)
        assert_current(connection)


def test_migration_fills_the_tables_of_an_older_file(tmp_path: Path):
    path = tmp_path / "v3.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for version, statement in enumerate(MIGRATIONS[:3], start=1):
        raw.execute(statement)
        raw.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
    metric_rows(
        raw,
        [("p1", "2026-03-02", "day", 3, 30, None), ("p1", "2026-03-03", "day", 4, 40, None)],
    )
    raw.close()
    with connect(path, read_only=True) as connection:
        # Not migrated yet: no table, the rule runs on post_metrics.
        assert not post_totals.is_current(connection)
        rows = connection.execute(post_totals.totals_sql(connection)).fetchall()
        assert [r[:4] for r in rows] == [("p1", None, 2, 2)]
    with connect(path) as connection:
        assert_current(connection)
        assert connection.execute("SELECT likes, reach FROM post_totals").fetchall() == [(7, 70)]


# --- the table and the rule give the same numbers ----------------------------------------------


@pytest.fixture
def varied(connection):
    """Posts on four platforms with lifetime snapshots, per-day rows, both, gaps and none."""
    rng = np.random.default_rng(7)
    connection.execute("INSERT INTO clients (name) VALUES ('Brand')")
    for campaign_id in ("c1", "c2"):
        connection.execute(
            "INSERT INTO campaigns (campaign_id, client_id, name, currency) "
            "VALUES (?, 1, ?, 'EUR')",
            [campaign_id, campaign_id.upper()],
        )
    platforms = ("instagram", "tiktok", "youtube", "facebook")
    for c in range(6):
        connection.execute(
            "INSERT INTO creators (creator_id, platform, handle, followers) VALUES (?, ?, ?, ?)",
            [
                f"{platforms[c % 4]}:cr{c}",
                platforms[c % 4],
                f"cr{c}",
                int(rng.integers(1, 9)) * 1000,
            ],
        )
    rows = []
    for i in range(40):
        platform = platforms[i % 4]
        post_id = f"{platform}:p{i}"
        connection.execute(
            "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
            "sponsored, cost) VALUES (?, ?, ?, ?, ?, ?, true, ?)",
            [
                post_id,
                platform,
                f"p{i}",
                f"{platform}:cr{i % 6 - i % 6 % 4 + i % 4 if i % 6 < 4 else i % 6}",
                "c1" if i < 25 else "c2",
                dt.datetime(2026, 3, 1) + dt.timedelta(days=int(i % 20), hours=i),
                None if i % 7 == 0 else float(rng.integers(100, 900)),
            ],
        )
        kind = i % 5  # 0 lifetime only, 1 days only, 2 both, 3 nothing, 4 days with gaps
        if kind == 3:
            continue
        for day in range(int(rng.integers(1, 12))):

            def value(scale: int, missing: float = 0.15) -> int | None:
                return None if rng.random() < missing else int(rng.integers(0, scale))

            date = dt.date(2026, 3, 1) + dt.timedelta(days=i % 20 + day)
            if kind in (1, 2, 4):
                rows.append(
                    (post_id, date, "day", value(5000), value(4000), value(9000, 0.3 if kind == 4 else 0.1),
                     value(300), value(40), value(30), value(20), value(15))
                )  # fmt: skip
            if kind in (0, 2) and day % 3 == 0:
                rows.append(
                    (post_id, date + dt.timedelta(days=5), "lifetime", value(50000),
                     value(30000), value(90000), value(3000), value(400), value(300),
                     value(200), value(150))
                )  # fmt: skip
    connection.executemany(
        "INSERT INTO post_metrics (post_id, metric_date, period, impressions, reach, views, likes, "
        "comments, shares, saves, clicks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.execute(
        "INSERT INTO ad_delivery (campaign_id, date_start, date_end, reach, impressions, spend, "
        "currency) VALUES ('c1', DATE '2026-03-02', DATE '2026-03-08', 5000, 9000, 300, 'EUR')"
    )
    return connection


def _everything(connection) -> list:
    out = []
    for filters in (
        Filters(),
        Filters(campaign_ids=("c1",)),
        Filters(platforms=("tiktok", "youtube")),
        Filters(start=dt.date(2026, 3, 5), end=dt.date(2026, 3, 15)),
    ):
        for level in kpis.LEVELS:
            out.append(kpis.kpis(connection, filters, by=level))
        # Post facts come in no set order.
        facts = kpis.post_facts(connection, filters)
        out.append(facts.sort_values("post_id", ignore_index=True))
        out.append(dataclasses.asdict(exposure.delivery_totals(connection, filters)))
        out.append(creators.creator_summary(connection, filters))
        out.append(creators.collaboration_units(connection, filters))
        out.append(creators.results_by_collaboration(connection, filters))
        out.append(emv.emv_by_post(connection, filters))
    for campaign_id in ("c1", "c2"):
        out.append(exposure.weekly_series(connection, campaign_id, "engagements"))
    return out


def _assert_same(left: list, right: list) -> None:
    assert len(left) == len(right)
    for a, b in zip(left, right, strict=True):
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b)
        else:
            assert a == b


def test_the_tables_give_the_numbers_of_the_rule(varied, monkeypatch):
    post_totals.rebuild(varied)
    assert post_totals.is_current(varied)
    from_tables = _everything(varied)
    monkeypatch.setattr(post_totals, "is_current", lambda connection: False)
    _assert_same(from_tables, _everything(varied))
