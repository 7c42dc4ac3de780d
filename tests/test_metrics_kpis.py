from __future__ import annotations

import datetime as dt
import inspect
import math

import pandas as pd
import pytest

from i18n import catalogue
from metrics import kpis
from metrics.filters import Filters
from metrics.kpis import DEFINITIONS, ESTIMATED, MEASURED
from store import post_totals


def insert(connection, table: str, rows: list[dict]) -> None:
    connection.register("rows_to_insert", pd.DataFrame(rows))
    try:
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_to_insert")
    finally:
        connection.unregister("rows_to_insert")


def campaign(connection, campaign_id="c1", client="Brand", currency="EUR") -> None:
    connection.execute(
        "INSERT INTO clients (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [client]
    )
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) "
        "SELECT ?, client_id, ?, ? FROM clients WHERE name = ?",
        [campaign_id, campaign_id.upper(), currency, client],
    )


def creator(connection, creator_id: str, followers: int | None = None) -> None:
    platform, handle = creator_id.split(":")
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle, followers) VALUES (?, ?, ?, ?)",
        [creator_id, platform, handle, followers],
    )


def post(connection, post_id, creator_id, campaign_id="c1", cost=None, posted_at="2026-03-01"):
    platform = creator_id.split(":")[0]
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored, cost) VALUES (?, ?, ?, ?, ?, ?, true, ?)",
        [post_id, platform, post_id, creator_id, campaign_id, posted_at, cost],
    )


def snapshot(connection, post_id, metric_date="2026-03-10", period="lifetime", **metrics):
    insert(
        connection,
        "post_metrics",
        [{"post_id": post_id, "metric_date": metric_date, "period": period, **metrics}],
    )
    post_totals.rebuild(connection)  # as the ingest does after writing metric rows


def value(frame: pd.DataFrame, metric: str, key: str = "all"):
    row = frame[(frame["metric"] == metric) & (frame["key"] == key)]
    assert len(row) == 1, f"{metric}/{key}: {len(row)} rows"
    return row.iloc[0]


@pytest.fixture
def three_posts(connection):
    """Three Instagram posts of one campaign, costs only from creator fees."""
    campaign(connection)
    creator(connection, "instagram:ana", followers=10_000)
    creator(connection, "instagram:ben", followers=40_000)
    for post_id, who, cost, reach, impressions, likes, comments, shares, saves in (
        ("p1", "instagram:ana", 300.0, 2_000, 3_000, 100, 10, 5, 5),
        ("p2", "instagram:ana", 300.0, 3_000, 4_000, 150, 20, 10, 20),
        ("p3", "instagram:ben", 900.0, 5_000, 8_000, 300, 30, 15, 35),
    ):
        post(connection, post_id, who, cost=cost)
        snapshot(
            connection,
            post_id,
            reach=reach,
            impressions=impressions,
            views=impressions,
            likes=likes,
            comments=comments,
            shares=shares,
            saves=saves,
            clicks=reach // 100,
            profile_visits=reach // 50,
        )
    return connection


def test_three_posts_hand_computed(three_posts):
    frame = kpis.kpis(three_posts, Filters(), by="campaign")
    # engagements: p1 100+10+5+5 = 120, p2 150+20+10+20 = 200, p3 300+30+15+35 = 380 -> 700
    assert value(frame, "engagements", "c1").value == 700
    # reach 2000 + 3000 + 5000 = 10000, summed over 3 posts -> estimated
    reach = value(frame, "reach", "c1")
    assert reach.value == 10_000 and reach.provenance == ESTIMATED
    assert "over-counts" in reach.note
    # ER by reach = 700 / 10000 = 0.07
    assert value(frame, "er_reach", "c1").value == pytest.approx(0.07)
    # ER by impressions = 700 / (3000 + 4000 + 8000) = 700 / 15000
    assert value(frame, "er_impressions", "c1").value == pytest.approx(700 / 15_000)
    # ER by followers = 700 / (10000 + 10000 + 40000): each post counts its creator's followers
    er_followers = value(frame, "er_followers", "c1")
    assert er_followers.value == pytest.approx(700 / 60_000)
    assert er_followers.provenance == ESTIMATED
    # cost 300 + 300 + 900 = 1500; CPM = 1500 / 15000 * 1000 = 100
    assert value(frame, "cost", "c1").value == 1500
    assert value(frame, "cost", "c1").unit == "EUR"
    cpm = value(frame, "cpm", "c1")
    assert cpm.value == pytest.approx(100.0) and cpm.provenance == MEASURED
    # CPE = 1500 / 700; CPV = 1500 / 15000 (views = impressions here); CPC = 1500 / (20+30+50)
    assert value(frame, "cpe", "c1").value == pytest.approx(1500 / 700)
    assert value(frame, "cpv", "c1").value == pytest.approx(0.1)
    assert value(frame, "cpc", "c1").value == pytest.approx(15.0)
    # signals: saves (5+20+35) / 10000, shares (5+10+15) / 10000, profile visits (40+60+100)
    assert value(frame, "saves_per_reach", "c1").value == pytest.approx(0.006)
    assert value(frame, "shares_per_reach", "c1").value == pytest.approx(0.003)
    assert value(frame, "clicks_per_reach", "c1").value == pytest.approx(0.01)
    assert value(frame, "profile_visits_per_reach", "c1").value == pytest.approx(0.02)
    assert "not a lift" in value(frame, "saves_per_reach", "c1").note


def test_three_engagement_rates_are_separate_metrics(three_posts):
    frame = kpis.kpis(three_posts, Filters(), by="all")
    rates = {m: value(frame, m).value for m in ("er_reach", "er_impressions", "er_followers")}
    assert len(set(rates.values())) == 3
    assert {value(frame, m).denominator for m in rates} == {10_000, 15_000, 60_000}


def test_per_creator_platform_and_post_levels(three_posts):
    by_creator = kpis.kpis(three_posts, Filters(), by="creator")
    # ana: engagements 120 + 200 = 320 over reach 5000; cost 600 over impressions 7000
    assert value(by_creator, "er_reach", "instagram:ana").value == pytest.approx(320 / 5000)
    assert value(by_creator, "cpm", "instagram:ana").value == pytest.approx(600 / 7000 * 1000)
    assert value(by_creator, "er_reach", "instagram:ben").value == pytest.approx(380 / 5000)
    by_post = kpis.kpis(three_posts, Filters(), by="post")
    single = value(by_post, "reach", "p1")
    assert single.value == 2000 and single.provenance == MEASURED
    assert value(by_post, "er_followers", "p3").value == pytest.approx(380 / 40_000)
    by_platform = kpis.kpis(three_posts, Filters(), by="platform")
    assert set(by_platform["key"]) == {"instagram"}
    assert value(by_platform, "engagements", "instagram").value == 700


def test_latest_lifetime_snapshot_wins_and_daily_rows_add_up(connection):
    campaign(connection)
    creator(connection, "instagram:ana")
    creator(connection, "youtube:yan")
    post(connection, "life", "instagram:ana")
    post(connection, "daily", "youtube:yan")
    post(connection, "both", "youtube:yan")
    # Cumulative snapshots: the latest is the total, never their sum (10 + 30).
    snapshot(connection, "life", "2026-03-02", likes=10, reach=100, impressions=150)
    snapshot(connection, "life", "2026-03-09", likes=30, reach=None, impressions=400)
    # Per-day rows: summed, 3 + 4 = 7 likes.
    snapshot(connection, "daily", "2026-03-02", "day", likes=3, views=50)
    snapshot(connection, "daily", "2026-03-03", "day", likes=4, views=70)
    # A lifetime snapshot covers the same counts as the days: it wins, no double count.
    snapshot(connection, "both", "2026-03-09", likes=20)
    snapshot(connection, "both", "2026-03-02", "day", likes=5, views=11)
    facts = kpis.post_facts(connection, Filters()).set_index("post_id")
    assert facts.loc["life", "likes"] == 30
    assert facts.loc["life", "impressions"] == 400
    # The latest snapshot lacks reach: the latest one that measured it stands.
    assert facts.loc["life", "reach"] == 100
    assert facts.loc["daily", "likes"] == 7
    assert facts.loc["daily", "views"] == 120
    assert facts.loc["both", "likes"] == 20
    assert facts.loc["both", "views"] == 11  # only days report views


def test_paid_delivery_adds_cost_impressions_reach_and_clicks(three_posts):
    insert(
        three_posts,
        "ad_delivery",
        [
            {
                "campaign_id": "c1",
                "date_start": "2026-03-01",
                "date_end": "2026-03-15",
                "spend": 500.0,
                "impressions": 25_000,
                "reach": 20_000,
                "link_clicks": 100,
                "currency": "EUR",
            }
        ],
    )
    frame = kpis.kpis(three_posts, Filters(), by="campaign")
    # cost 1500 fees + 500 spend = 2000; impressions 15000 + 25000 = 40000
    assert value(frame, "cost", "c1").value == 2000
    assert value(frame, "impressions", "c1").value == 40_000
    assert value(frame, "cpm", "c1").value == pytest.approx(2000 / 40_000 * 1000)
    # clicks 100 organic + 100 paid; CPC = 2000 / 200
    assert value(frame, "cpc", "c1").value == pytest.approx(10.0)
    # Engagement rates stay on posts: paid impressions do not dilute them.
    assert value(frame, "er_impressions", "c1").value == pytest.approx(700 / 15_000)
    # Creator level: fees only.
    by_creator = kpis.kpis(three_posts, Filters(), by="creator")
    assert value(by_creator, "cost", "instagram:ben").value == 900
    # A platform filter leaves unattributable paid rows out.
    filtered = kpis.kpis(three_posts, Filters(platforms=("instagram",)), by="campaign")
    assert value(filtered, "cost", "c1").value == 1500
    # A date range after the ad rows leaves them out; overlapping keeps them.
    late = Filters(start=dt.date(2026, 3, 16))
    assert (
        "no campaign posts or paid delivery"
        in value(kpis.kpis(three_posts, late, by="all"), "cost").reason
    )
    overlap = Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 1))
    assert value(kpis.kpis(three_posts, overlap, by="all"), "cost").value == 2000


def test_impressions_estimated_from_views_are_labelled(connection):
    campaign(connection)
    creator(connection, "tiktok:tom", followers=1_000)
    creator(connection, "youtube:yan", followers=1_000)
    post(connection, "t1", "tiktok:tom", cost=80.0)
    post(connection, "y1", "youtube:yan", cost=20.0)
    snapshot(connection, "t1", views=4_000, likes=200, comments=0, shares=0, saves=0)
    snapshot(connection, "y1", views=1_000, likes=50, comments=0, shares=0, saves=0)
    frame = kpis.kpis(connection, Filters(), by="all")
    impressions = value(frame, "impressions")
    # TikTok views stand in for impressions; YouTube views do not (thumbnail impressions).
    assert impressions.value == 4_000
    assert impressions.provenance == ESTIMATED
    assert "estimated from views" in impressions.note
    cpm = value(frame, "cpm")
    assert cpm.value == pytest.approx(100 / 4_000 * 1000) and cpm.provenance == ESTIMATED
    assert value(frame, "er_impressions").value == pytest.approx(200 / 4_000)
    assert value(frame, "cpv").provenance == MEASURED


@pytest.mark.parametrize(
    ("metrics", "cost", "followers", "metric", "reason"),
    [
        ({"reach": 0, "likes": 5}, 100.0, 1000, "er_reach", "reach is 0"),
        ({"reach": 0, "saves": 5}, 100.0, 1000, "saves_per_reach", "reach is 0"),
        ({"impressions": 0, "likes": 5}, 100.0, 1000, "cpm", "impressions is 0"),
        ({"impressions": 0, "likes": 5}, 100.0, 1000, "er_impressions", "impressions is 0"),
        ({"likes": 0, "comments": 0}, 100.0, 1000, "cpe", "engagements is 0"),
        ({"views": 0}, 100.0, 1000, "cpv", "views is 0"),
        ({"clicks": 0}, 100.0, 1000, "cpc", "clicks is 0"),
        ({"likes": 5}, 100.0, 0, "er_followers", "followers is 0"),
        ({"likes": 5}, 100.0, None, "er_followers", "followers unknown"),
        ({"likes": 5}, None, 1000, "cost", "no cost recorded"),
        ({"likes": 5, "impressions": 100}, None, 1000, "cpm", "no cost recorded"),
        ({"likes": 5}, 100.0, 1000, "er_reach", "no post reports both reach"),
        ({"reach": 10}, 100.0, 1000, "cpc", "no clicks"),
    ],
)
def test_undefined_values_are_none_with_a_reason(
    connection, metrics, cost, followers, metric, reason
):
    campaign(connection)
    creator(connection, "instagram:ana", followers=followers)
    post(connection, "p1", "instagram:ana", cost=cost)
    snapshot(connection, "p1", **metrics)
    row = value(kpis.kpis(connection, Filters(), by="campaign"), metric, "c1")
    assert row.value is None
    assert row.provenance is None
    assert reason in row.reason


def test_no_value_is_ever_inf_or_nan(connection):
    campaign(connection)
    creator(connection, "instagram:ana", followers=0)
    post(connection, "p1", "instagram:ana", cost=0.0)
    snapshot(connection, "p1", reach=0, impressions=0, views=0, likes=0, clicks=0, saves=0)
    for level in kpis.LEVELS:
        frame = kpis.kpis(connection, Filters(), by=level)
        for number in frame["value"]:
            assert number is None or math.isfinite(number)


def test_zero_cost_is_a_cost(connection):
    campaign(connection)
    creator(connection, "instagram:ana")
    post(connection, "p1", "instagram:ana", cost=0.0)
    snapshot(connection, "p1", impressions=1000, likes=10)
    frame = kpis.kpis(connection, Filters(), by="all")
    assert value(frame, "cost").value == 0
    assert value(frame, "cpm").value == 0


def test_no_posts(connection):
    campaign(connection)
    frame = kpis.kpis(connection, Filters(), by="all")
    assert set(frame["metric"]) == set(DEFINITIONS)
    assert frame["value"].map(lambda v: v is None).all()
    assert frame["reason"].str.contains("no campaign posts").all()
    assert kpis.kpis(connection, Filters(), by="campaign").empty
    assert kpis.summary(connection, Filters())["cpm"].value is None


def test_posts_outside_campaigns_are_not_campaign_content(three_posts):
    three_posts.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, sponsored) "
        "VALUES ('organic', 'instagram', 'o', 'instagram:ana', false)"
    )
    snapshot(three_posts, "organic", reach=1_000_000, likes=1)
    assert kpis.summary(three_posts, Filters())["reach"].value == 10_000


def test_impressions_below_reach_are_flagged_not_hidden(connection):
    campaign(connection)
    creator(connection, "instagram:ana")
    post(connection, "p1", "instagram:ana", cost=10.0)
    snapshot(connection, "p1", impressions=800, reach=1000, likes=40)
    frame = kpis.kpis(connection, Filters(), by="all")
    impressions = value(frame, "impressions")
    assert impressions.value == 800
    assert "fewer impressions than reach" in impressions.note
    # The rates keep their own denominators: 40 / 800 and 40 / 1000.
    assert value(frame, "er_impressions").value == pytest.approx(0.05)
    assert value(frame, "er_reach").value == pytest.approx(0.04)


def test_mixed_currencies_are_not_added(three_posts):
    campaign(three_posts, "c2", currency="USD")
    post(three_posts, "u1", "instagram:ana", campaign_id="c2", cost=100.0)
    snapshot(three_posts, "u1", impressions=1000, likes=1)
    frame = kpis.kpis(three_posts, Filters(), by="all")
    assert value(frame, "cost").value is None
    assert "mixed currencies (EUR, USD)" in value(frame, "cost").reason
    assert value(frame, "cpm").value is None
    # Per campaign each currency stands alone.
    by_campaign = kpis.kpis(three_posts, Filters(), by="campaign")
    assert value(by_campaign, "cost", "c2").unit == "USD"
    assert value(by_campaign, "cost", "c2").value == 100


def test_filters_restrict_posts(three_posts):
    campaign(three_posts, "c2", client="Other")
    post(three_posts, "x1", "instagram:ben", campaign_id="c2", cost=5.0)
    snapshot(three_posts, "x1", reach=50, likes=5)
    only_c1 = kpis.summary(three_posts, Filters(campaign_ids=("c1",)))
    assert only_c1["reach"].value == 10_000
    client_id = three_posts.execute("SELECT client_id FROM clients WHERE name = 'Other'").fetchone()
    assert kpis.summary(three_posts, Filters(client_id=client_id[0]))["reach"].value == 50
    only_ben = kpis.summary(three_posts, Filters(creator_ids=("instagram:ben",)))
    assert only_ben["reach"].value == 5_050


def test_unknown_level_is_refused(connection):
    with pytest.raises(ValueError, match="by must be one of"):
        kpis.kpis(connection, Filters(), by="week")  # type: ignore[arg-type]


def test_every_metric_has_a_definition(three_posts):
    emitted = set(kpis.kpis(three_posts, Filters(), by="all")["metric"])
    assert emitted == set(DEFINITIONS)
    for key, definition in DEFINITIONS.items():
        assert set(definition) == {"label", "formula", "source"}, key
        for lang in catalogue.LANGUAGES:  # written in every language, never an empty line
            assert all(
                catalogue.has(v.code, lang) and v.render(lang).strip() for v in definition.values()
            )
        # In plain words: no stored table or column a person would have to know.
        for word in ("ad_delivery", "posts.", ".spend", "metrics."):
            assert word not in definition["formula"].render("fr") + definition["formula"], key
    for key in ("saves_per_reach", "shares_per_reach", "clicks_per_reach"):
        assert "not lift" in DEFINITIONS[key]["label"]
        assert "pas un lift" in DEFINITIONS[key]["label"].render("fr")


def test_public_functions_name_their_source():
    for name, function in inspect.getmembers(kpis, inspect.isfunction):
        if name.startswith("_") or function.__module__ != kpis.__name__:
            continue
        if name == "nulls_to_none":
            continue
        assert "Source" in (function.__doc__ or ""), name
