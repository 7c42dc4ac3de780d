from __future__ import annotations

import datetime as dt
import inspect

import duckdb
import pandas as pd
import pytest

from metrics import emv
from metrics.filters import Filters
from metrics.kpis import ESTIMATED
from store import migrations, post_totals
from store.db import ensure_schema

RATES = {
    "instagram": {
        "impression": 0.01,
        "like": 0.10,
        "comment": 1.0,
        "share": 2.0,
        "save": 0.5,
        "click": 3.0,
    },
    "*": {"like": 0.20},
}


def insert(connection, table: str, rows: list[dict]) -> None:
    connection.register("rows_to_insert", pd.DataFrame(rows))
    try:
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_to_insert")
    finally:
        connection.unregister("rows_to_insert")


@pytest.fixture
def two_posts(connection):
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) "
        "VALUES ('c1', 1, 'C1', 'EUR')"
    )
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle) VALUES "
        "('instagram:ana', 'instagram', 'ana'), ('youtube:yan', 'youtube', 'yan')"
    )
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored, cost) VALUES "
        "('ig1', 'instagram', '1', 'instagram:ana', 'c1', '2026-03-01', true, 100), "
        "('yt1', 'youtube', '2', 'youtube:yan', 'c1', '2026-03-02', true, 200)"
    )
    insert(
        connection,
        "post_metrics",
        [
            {
                "post_id": "ig1",
                "metric_date": "2026-03-10",
                "period": "lifetime",
                "impressions": 1000,
                "likes": 100,
                "comments": 10,
                "shares": 5,
                "saves": 4,
                "clicks": 2,
            },
            {
                "post_id": "yt1",
                "metric_date": "2026-03-10",
                "period": "lifetime",
                "impressions": 2000,
                "likes": 50,
            },
        ],
    )
    post_totals.rebuild(connection)  # as the ingest does after writing metric rows
    emv.add_version(connection, "test-v1", "EUR", dt.date(2026, 2, 1), RATES, "hand-made")
    return connection


def test_default_version_is_seeded_visible_and_illustrative(connection):
    versions = emv.list_versions(connection)
    assert list(versions["version"]) == [emv.DEFAULT_VERSION]
    assert bool(versions.loc[0, "illustrative"]) is True
    assert "ILLUSTRATIVE" in versions.loc[0, "description"]
    assert versions.loc[0, "platforms"] == len(emv.DEFAULT_RATES)
    rates = emv.get_rates(connection, emv.DEFAULT_VERSION)
    assert list(rates["platform"])[-1] == "*"
    instagram = rates.set_index("platform").loc["instagram"]
    assert instagram["per_like"] == emv.DEFAULT_RATES["instagram"]["like"]
    current = emv.current_version(connection, as_of=dt.date(2026, 6, 1))
    assert current.version == emv.DEFAULT_VERSION and current.currency == "EUR"


def test_migrating_again_keeps_one_rate_version(connection):
    ensure_schema(connection)
    ensure_schema(connection)
    count = connection.execute("SELECT count(*) FROM emv_rate_versions").fetchone()[0]
    assert count == 1


def test_migration_text_builds_the_same_table(connection):
    seeded = duckdb.connect()
    seeded.execute(migrations.V2)
    seeded.execute(migrations.V2)  # idempotent: safe on a migrated database
    assert seeded.execute("SELECT count(*) FROM emv_rates").fetchone()[0] == len(emv.DEFAULT_RATES)
    expected = emv.get_rates(connection, emv.DEFAULT_VERSION)
    assert emv.get_rates(seeded, emv.DEFAULT_VERSION).equals(expected)
    for platform, rates in emv.DEFAULT_RATES.items():
        row = expected.set_index("platform").loc[platform]
        assert [row[f"per_{a}"] for a in emv.ACTIONS] == [rates[a] for a in emv.ACTIONS]
    description = emv.get_version(seeded, emv.DEFAULT_VERSION).description
    assert description == emv.DEFAULT_DESCRIPTION  # the apostrophe survives quoting


def test_emv_hand_computed_with_the_version_used(two_posts):
    result = emv.emv(two_posts, Filters(), version="test-v1")
    # ig1 (instagram rates): 1000*0.01 + 100*0.10 + 10*1 + 5*2 + 4*0.5 + 2*3
    #                      = 10 + 10 + 10 + 10 + 2 + 6 = 48
    # yt1 (no youtube row -> '*' row, likes only): 50 * 0.20 = 10
    assert result.value == pytest.approx(58.0)
    assert result.version == "test-v1"
    assert result.currency == "EUR"
    assert result.provenance == ESTIMATED
    assert result.illustrative is False
    assert result.posts == 2 and result.posts_valued == 2 and result.posts_without_rate == 0
    assert result.components["like"] == pytest.approx(10 + 10)
    assert result.components["impression"] == pytest.approx(10)
    by_post = emv.emv_by_post(two_posts, Filters(), version="test-v1").set_index("post_id")
    assert by_post.loc["ig1", "emv"] == pytest.approx(48)
    assert by_post.loc["yt1", "rate_platform"] == "*"
    assert by_post.loc["yt1", "emv"] == pytest.approx(10)


def test_current_version_follows_effective_date(two_posts):
    # test-v1 (2026-02-01) supersedes the illustrative default (2020-01-01) from February.
    assert emv.current_version(two_posts, dt.date(2026, 1, 15)).version == emv.DEFAULT_VERSION
    assert emv.current_version(two_posts, dt.date(2026, 2, 1)).version == "test-v1"
    emv.add_version(two_posts, "future", "EUR", dt.date(2099, 1, 1), {"*": {"like": 9.0}})
    assert emv.current_version(two_posts, dt.date(2026, 3, 1)).version == "test-v1"
    with pytest.raises(emv.UnknownRateVersion, match="no EMV rate version is effective"):
        emv.current_version(two_posts, dt.date(2019, 12, 31))


def test_pinned_version_reproduces_a_past_number(two_posts):
    before = emv.emv(two_posts, Filters(), version="test-v1").value
    doubled = {p: {a: 2 * v for a, v in r.items()} for p, r in RATES.items()}
    emv.add_version(two_posts, "test-v2", "EUR", dt.date(2026, 2, 2), doubled)
    assert emv.emv(two_posts, Filters(), version="test-v1").value == before
    assert emv.emv(two_posts, Filters(), version="test-v2").value == pytest.approx(2 * before)


def test_edit_by_copying_a_version_as_a_frame(two_posts):
    frame = emv.get_rates(two_posts, "test-v1")
    frame.loc[frame["platform"] == "*", "per_like"] = 1.0
    emv.add_version(two_posts, "test-v1-edited", "EUR", dt.date(2026, 2, 3), frame)
    # ig1 unchanged (48); yt1 now 50 likes * 1.0 = 50
    assert emv.emv(two_posts, Filters(), version="test-v1-edited").value == pytest.approx(98)
    assert emv.current_version(two_posts, dt.date(2026, 3, 1)).version == "test-v1-edited"


def test_platform_without_rate_is_left_out_and_said(two_posts):
    emv.add_version(
        two_posts, "instagram-only", "EUR", dt.date(2026, 2, 5), {"instagram": RATES["instagram"]}
    )
    result = emv.emv(two_posts, Filters(), version="instagram-only")
    assert result.value == pytest.approx(48)
    assert result.posts_valued == 1 and result.posts_without_rate == 1
    assert "youtube" in result.note
    only_youtube = emv.emv(two_posts, Filters(platforms=("youtube",)), version="instagram-only")
    assert only_youtube.value is None
    assert "no rate for youtube" in only_youtube.reason


def test_paid_delivery_is_not_earned_media(two_posts):
    before = emv.emv(two_posts, Filters(), version="test-v1").value
    insert(
        two_posts,
        "ad_delivery",
        [
            {
                "campaign_id": "c1",
                "date_start": "2026-03-01",
                "date_end": "2026-03-31",
                "impressions": 1_000_000,
                "link_clicks": 5_000,
                "spend": 1000.0,
            }
        ],
    )
    assert emv.emv(two_posts, Filters(), version="test-v1").value == before


def test_no_posts_gives_none_with_reason(connection):
    result = emv.emv(connection, Filters())
    assert result.value is None
    assert result.version == emv.DEFAULT_VERSION
    assert "no campaign posts" in result.reason
    assert result.illustrative is True


def test_unknown_version_names_the_known_ones(two_posts):
    with pytest.raises(emv.UnknownRateVersion, match="test-v1"):
        emv.emv(two_posts, Filters(), version="nope")


@pytest.mark.parametrize(
    ("version", "currency", "rates", "message"),
    [
        ("test-v1", "EUR", {"*": {"like": 1}}, "exists already"),
        ("", "EUR", {"*": {"like": 1}}, "needs a label"),
        ("x", "euro", {"*": {"like": 1}}, "3-letter ISO"),
        ("x", "EUR", {}, "at least one platform"),
        ("x", "EUR", {"*": {"retweet": 1}}, "unknown actions retweet"),
        ("x", "EUR", {"*": {"like": -0.1}}, "finite number >= 0"),
        ("x", "EUR", {"*": {"like": float("inf")}}, "finite number >= 0"),
        ("x", "EUR", {"*": {"like": "cheap"}}, "not a number"),
        ("x", "EUR", {"Instagram": {}, "instagram ": {}}, "appears twice"),
    ],
)
def test_invalid_versions_are_refused(two_posts, version, currency, rates, message):
    with pytest.raises(emv.InvalidRates, match=message):
        emv.add_version(two_posts, version, currency, dt.date(2026, 5, 1), rates)
    assert "x" not in set(emv.list_versions(two_posts)["version"])


def test_missing_action_is_worth_zero_and_currency_is_normalised(two_posts):
    saved = emv.add_version(two_posts, "likes-only", "usd", dt.date(2026, 4, 1), {"*": {"like": 1}})
    assert saved.currency == "USD"
    rates = emv.get_rates(two_posts, "likes-only").iloc[0]
    assert rates["per_like"] == 1 and rates["per_impression"] == 0
    # 100 + 50 likes at 1 USD each
    result = emv.emv(two_posts, Filters(), version="likes-only")
    assert result.value == pytest.approx(150) and result.currency == "USD"


def test_public_functions_name_their_source():
    for name, function in inspect.getmembers(emv, inspect.isfunction):
        if name.startswith("_") or function.__module__ != emv.__name__:
            continue
        assert "Source" in (function.__doc__ or ""), name
