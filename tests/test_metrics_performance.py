"""Performance of a campaign's posts: hand-computed values on a tiny database, and the real-shaped
YouTube, TikTok and Instagram exports loaded through the ingest."""

from __future__ import annotations

import datetime as dt
import inspect
import math
from pathlib import Path

import pandas as pd
import pytest

from ingest import Assignment, ingest_path
from metrics import performance as perf
from metrics.filters import Filters
from store import post_totals
from store.db import connect

FORMATS = Path(__file__).parent / "data" / "formats"
C1 = Filters(campaign_ids=("c1",))


def insert(connection, table: str, rows: list[dict]) -> None:
    connection.register("rows_to_insert", pd.DataFrame(rows))
    try:
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_to_insert")
    finally:
        connection.unregister("rows_to_insert")


def campaign(connection, campaign_id="c1", currency="EUR") -> None:
    connection.execute("INSERT INTO clients (name) VALUES ('Brand') ON CONFLICT (name) DO NOTHING")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) "
        "SELECT ?, client_id, ?, ? FROM clients WHERE name = 'Brand'",
        [campaign_id, campaign_id.upper(), currency],
    )


def creator(connection, creator_id: str, followers: int | None = None) -> None:
    platform, handle = creator_id.split(":")
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle, followers) VALUES (?, ?, ?, ?)",
        [creator_id, platform, handle, followers],
    )


def post(connection, post_id, platform, creator_id, posted_at, *, cost=None, sponsored=True,
         campaign_id="c1", caption=None, title=None, url=None) -> None:  # fmt: skip
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored, cost, caption, title, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [post_id, platform, post_id.split(":")[-1], creator_id, campaign_id, posted_at,
         sponsored, cost, caption, title, url],
    )  # fmt: skip


def metrics_row(connection, post_id, metric_date="2026-03-20", period="lifetime", **values):
    insert(
        connection,
        "post_metrics",
        [{"post_id": post_id, "metric_date": metric_date, "period": period, **values}],
    )


@pytest.fixture
def tiny(connection):
    """Four sponsored posts (and one organic) of campaign c1, in EUR.

    p1 ana (instagram, 10,000 followers): fee 200, views 10,000, reach 4,000, likes 300,
       comments 50, shares 20, saves 30 -> engagements 400
    p2 ana: fee 100, views 2,000, reach 1,000, 60 + 10 + 5 + 25 = 100 engagements
    p3 tom (tiktok): no fee, views 5,000, 200 + 20 + 30 = 250 engagements (no saves exported)
    p4 the channel's own YouTube video (no creator): views 50, nothing else
    p5 tom, organic: views 1,000,000 (left out of a sponsored-only view)
    """
    campaign(connection)
    creator(connection, "instagram:ana", followers=10_000)
    creator(connection, "tiktok:tom")
    post(connection, "instagram:p1", "instagram", "instagram:ana", "2026-03-01 10:00", cost=200.0,
         caption="Morning   run\nwith the new shoes " + "x" * 100)  # fmt: skip
    post(connection, "instagram:p2", "instagram", "instagram:ana", "2026-03-03 08:00", cost=100.0)
    post(connection, "tiktok:p3", "tiktok", "tiktok:tom", "2026-03-05 18:00", title="Race day")
    post(connection, "youtube:vid4", "youtube", None, "2026-03-02 12:00")
    post(connection, "tiktok:p5", "tiktok", "tiktok:tom", "2026-03-04 09:00", sponsored=False)
    metrics_row(connection, "instagram:p1", views=10_000, reach=4_000, likes=300, comments=50,
                shares=20, saves=30)  # fmt: skip
    metrics_row(connection, "instagram:p2", views=2_000, reach=1_000, likes=60, comments=10,
                shares=5, saves=25)  # fmt: skip
    metrics_row(connection, "tiktok:p3", views=5_000, likes=200, comments=20, shares=30)
    metrics_row(connection, "youtube:vid4", views=50)
    metrics_row(connection, "tiktok:p5", views=1_000_000, likes=9_000)
    post_totals.rebuild(connection)
    return connection


def by_metric(items) -> dict:
    return {item.metric: item for item in items}


def test_totals_with_provenance(tiny) -> None:
    totals = by_metric(perf.totals(tiny, C1))
    assert list(totals) == list(perf.COUNT_METRICS)
    expected = {
        "views": (17_050, "summed", 4),
        "reach": (5_000, "summed", 2),
        "impressions": (17_000, "summed", 3),  # views stand in on Instagram and TikTok
        "likes": (560, "summed", 3),
        "comments": (80, "summed", 3),
        "shares": (55, "summed", 3),
        "saves": (55, "summed", 2),
        "engagements": (750, "summed", 3),
    }
    for metric, (value, provenance, reporting) in expected.items():
        total = totals[metric]
        assert (total.value, total.provenance, total.reporting, total.posts) == (
            value,
            provenance,
            reporting,
            4,
        ), metric
    assert totals["impressions"].estimated_posts == 3


def test_organic_posts_left_out_by_default(tiny) -> None:
    if "include_organic" not in Filters.__dataclass_fields__:
        pytest.skip("Filters has no include_organic yet")
    views = by_metric(perf.totals(tiny, C1))["views"]
    assert views.value == 17_050
    with_organic = Filters(campaign_ids=("c1",), include_organic=True)
    assert by_metric(perf.totals(tiny, with_organic))["views"].value == 1_017_050


def test_one_post_is_measured_and_a_missing_metric_not_exported(tiny) -> None:
    only_p3 = Filters(campaign_ids=("c1",), platforms=("tiktok",))
    totals = by_metric(perf.totals(tiny, only_p3))
    assert (totals["views"].value, totals["views"].provenance) == (5_000, "measured")
    assert (totals["reach"].value, totals["reach"].provenance) == (None, "not_exported")
    assert (totals["saves"].value, totals["saves"].provenance) == (None, "not_exported")


def test_engagement_rates_by_each_base(tiny) -> None:
    rates = by_metric(perf.engagement_rates(tiny, C1))
    # Impressions here are all views standing in: the rate by views already says it.
    assert list(rates) == ["er_views", "er_reach", "er_followers"]
    assert rates["er_views"].base == "views"
    assert rates["er_views"].value == pytest.approx(750 / 17_000)  # p4 has no engagements
    assert (rates["er_views"].numerator, rates["er_views"].denominator) == (750, 17_000)
    assert rates["er_views"].reporting == 3
    assert rates["er_reach"].value == pytest.approx(500 / 5_000)
    # Followers are counted once per post (metrics.kpis): 10,000 + 10,000.
    assert rates["er_followers"].value == pytest.approx(500 / 20_000)
    assert rates["er_followers"].provenance == "estimated"


def test_measured_impressions_keep_their_own_rate(tiny) -> None:
    metrics_row(tiny, "instagram:p1", metric_date="2026-03-21", impressions=16_000)
    post_totals.rebuild(tiny)
    rates = by_metric(perf.engagement_rates(tiny, C1))
    assert "er_impressions" in rates
    # p1 16,000 measured + p2 2,000 and p3 5,000 from views; p4 has no engagements.
    assert rates["er_impressions"].value == pytest.approx(750 / 23_000)


def test_unit_costs_from_fees(tiny) -> None:
    costs, cost, currency, reason = perf.unit_costs(tiny, C1)
    assert (cost, currency, reason) == (300.0, "EUR", None)
    costs = by_metric(costs)
    assert costs["cpv"].value == pytest.approx(300 / 17_050)
    assert costs["cpe"].value == pytest.approx(300 / 750)
    assert costs["cpv"].currency == "EUR"


def test_unit_costs_from_ad_spend(tiny) -> None:
    tiny.execute("UPDATE posts SET cost = NULL")
    insert(tiny, "ad_delivery", [{"campaign_id": "c1", "date_start": dt.date(2026, 3, 1),
                                  "date_end": dt.date(2026, 3, 7), "spend": 170.5,
                                  "currency": "EUR"}])  # fmt: skip
    costs, cost, _, _ = perf.unit_costs(tiny, C1)
    assert cost == 170.5
    assert by_metric(costs)["cpe"].value == pytest.approx(170.5 / 750)


def test_no_cost_says_why(tiny) -> None:
    tiny.execute("UPDATE posts SET cost = NULL")
    assert perf.unit_costs(tiny, C1) == ((), None, None, "perf.reason_no_cost")


def test_post_table(tiny) -> None:
    posts = perf.post_table(tiny, C1).set_index("post_id")
    assert list(posts.index) == ["instagram:p1", "youtube:vid4", "instagram:p2", "tiktok:p3"]
    p1 = posts.loc["instagram:p1"]
    assert p1["snippet"].startswith("Morning run with the new shoes xx")
    assert len(p1["snippet"]) == perf.SNIPPET_CHARS and p1["snippet"].endswith("…")
    assert p1["posted_at"] == dt.date(2026, 3, 1)
    assert (p1["views"], p1["engagements"], p1["er_views"]) == (10_000, 400, 0.04)
    assert posts.loc["tiktok:p3", "snippet"] == "Race day"
    assert posts.loc["youtube:vid4", "url"] == "https://www.youtube.com/watch?v=vid4"
    assert posts.loc["youtube:vid4", "er_views"] is None
    assert posts.loc["youtube:vid4", "handle"] is None


def test_creator_table(tiny) -> None:
    creators = perf.creator_table(tiny, C1)
    rows = {r.creator_id: r for r in creators.itertuples(index=False)}
    ana = rows["instagram:ana"]
    assert (ana.posts, ana.views, ana.engagements, ana.cost, ana.currency) == (
        2, 12_000, 500, 300.0, "EUR"
    )  # fmt: skip
    assert ana.er_views == pytest.approx(500 / 12_000)
    tom = rows["tiktok:tom"]
    assert (tom.posts, tom.views, tom.er_views, tom.cost) == (1, 5_000, 0.05, None)
    channel = rows[None]
    assert (channel.platform, channel.posts, channel.views, channel.engagements) == (
        "youtube", 1, 50, None
    )  # fmt: skip


def test_cumulative_from_posting_days(tiny) -> None:
    result = perf.cumulative(tiny, C1)
    assert result.source == "posting_day"
    assert result.launch == dt.date(2026, 3, 1)
    frame = result.frame
    assert list(frame["day"]) == [0, 1, 2, 4]
    assert list(frame["cumulative_views"]) == [10_000, 10_050, 12_050, 17_050]
    assert list(frame["cumulative_engagements"]) == [400, 400, 500, 750]
    assert frame["engagements"].tolist()[1] is None


def test_cumulative_from_daily_rows(connection) -> None:
    campaign(connection)
    creator(connection, "youtube:chan")
    post(connection, "youtube:a", "youtube", "youtube:chan", "2026-03-10 08:00")
    post(connection, "youtube:b", "youtube", "youtube:chan", "2026-03-12 08:00")
    metrics_row(connection, "youtube:a", "2026-03-10", "day", views=100, likes=10)
    metrics_row(connection, "youtube:a", "2026-03-11", "day", views=300, likes=20)
    metrics_row(connection, "youtube:b", "2026-03-20", "lifetime", views=1_000, likes=50)
    post_totals.rebuild(connection)
    result = perf.cumulative(connection, C1)
    assert result.source == "mixed"
    frame = result.frame
    assert list(frame["day"]) == [0, 1, 2]
    assert list(frame["cumulative_views"]) == [100, 400, 1_400]
    assert list(frame["cumulative_engagements"]) == [10, 30, 80]
    connection.execute("DELETE FROM post_metrics WHERE post_id = 'youtube:b'")
    connection.execute("DELETE FROM posts WHERE post_id = 'youtube:b'")
    post_totals.rebuild(connection)
    assert perf.cumulative(connection, C1).source == "daily"


def test_best_and_weakest_by_engagement_rate(tiny) -> None:
    ranking = perf.ranking(tiny, C1)
    assert (ranking.basis, ranking.min_views, ranking.eligible) == ("er_views", 100, 3)
    # p2 and p3 tie at 5 %: the earlier post goes first; p4 has 50 views, under the minimum.
    assert list(ranking.best["post_id"]) == ["instagram:p2"]
    assert list(ranking.weakest["post_id"]) == ["instagram:p1"]


def test_ranking_by_views_without_engagements(connection) -> None:
    campaign(connection)
    for i, views in enumerate((500, 90, 2_000, 800, 40)):
        post(connection, f"youtube:v{i}", "youtube", None, f"2026-03-0{i + 1}")
        metrics_row(connection, f"youtube:v{i}", views=views)
    post_totals.rebuild(connection)
    ranking = perf.ranking(connection, C1)
    assert (ranking.basis, ranking.eligible) == ("views", 3)
    assert list(ranking.best["post_id"]) == ["youtube:v2"]
    assert list(ranking.weakest["post_id"]) == ["youtube:v0"]


def test_too_few_posts_to_rank(connection) -> None:
    campaign(connection)
    post(connection, "youtube:v", "youtube", None, "2026-03-01")
    metrics_row(connection, "youtube:v", views=5_000)
    post_totals.rebuild(connection)
    ranking = perf.ranking(connection, C1)
    assert ranking.best.empty and ranking.weakest.empty
    assert ranking.reason == "perf.reason_few_posts"


def test_empty_view(connection) -> None:
    campaign(connection)
    result = perf.performance(connection, C1)
    assert all(t.provenance == "not_exported" and t.value is None for t in result.totals)
    assert result.rates == () and result.unit_costs == ()
    assert result.posts.empty and result.creators.empty and result.cumulative.frame.empty


def test_sources(tiny) -> None:
    insert(tiny, "comments", [{"comment_id": "k1", "post_id": "tiktok:p3", "text": "love it"}])
    found = perf.sources(tiny, C1)
    assert (found.posts, found.posts_with_numbers, found.comments) == (4, 4, 1)
    assert (found.survey_answers, found.exposures, found.ad_rows) == (0, 0, 0)
    assert not found.platform_only  # comments are there
    tiny.execute("DELETE FROM comments")
    assert perf.sources(tiny, C1).platform_only


def test_no_nan_in_frames(tiny) -> None:
    result = perf.performance(tiny, C1)
    for frame in (result.posts, result.creators, result.cumulative.frame):
        for column in frame.columns:
            for value in frame[column]:
                assert not (isinstance(value, float) and math.isnan(value)), column
                assert value is not pd.NaT, column


def test_every_public_formula_has_a_docstring() -> None:
    for name, function in inspect.getmembers(perf, inspect.isfunction):
        if function.__module__ == perf.__name__ and not name.startswith("_"):
            assert function.__doc__ and len(function.__doc__) > 40, name


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The YouTube Studio table, TikTok video list and Instagram content exports, one campaign."""
    path = tmp_path_factory.mktemp("performance") / "sillage.duckdb"
    with connect(path):
        pass
    for name in ("youtube_table__en.csv", "tiktok_videos__en.csv", "instagram_content__en.csv"):
        result = ingest_path(
            path, FORMATS / name, Assignment(campaign_id="spring", client_name="Stride")
        )
        assert result.loaded, name
    return path


def test_real_exports(exports: Path) -> None:
    spring = Filters(campaign_ids=("spring",))
    with connect(exports) as connection:
        result = perf.performance(connection, spring)
    totals = by_metric(result.totals)
    # YouTube 10,000 + 2,345; TikTok 15.3K + 8,402 + 475.8M; Instagram 15,000 + 120,500.
    assert totals["views"].value == 475_971_547
    assert totals["reach"].value == 9_800 + 80_200
    assert totals["reach"].provenance == "summed"
    # TikTok 1.2K+87+45, 956+12+3, 2.4M+1.1K+20K; Instagram 1,234+78+56+345, 5,010+120+400+1,002.
    assert totals["engagements"].value == 1_332 + 971 + 2_421_100 + 1_713 + 6_532
    assert totals["engagements"].reporting == 5  # YouTube's table has no likes
    rates = by_metric(result.rates)
    assert rates["er_views"].value == pytest.approx(2_431_648 / (475_971_547 - 12_345))
    assert rates["er_reach"].value == pytest.approx((1_713 + 6_532) / 90_000)
    assert result.unit_costs == () and result.cost_reason == "perf.reason_no_cost"
    posts = result.posts.set_index("post_id")
    assert posts.loc["youtube:-xYz_123abc", "url"] == "https://www.youtube.com/watch?v=-xYz_123abc"
    assert posts.loc["youtube:-xYz_123abc", "snippet"] == "My morning routine"
    assert posts.loc["instagram:17900000000000001", "snippet"] == (
        "Paid partnership with @stridelab Morning run #ad"
    )
    creators = result.creators.set_index("platform")
    assert creators.loc["youtube", "views"] == 12_345
    assert creators.loc["tiktok", "posts"] == 3
    assert result.cumulative.source == "posting_day"
    assert result.cumulative.launch == dt.date(2025, 8, 28)
    assert result.cumulative.frame["cumulative_views"].iloc[-1] == 475_971_547
    assert result.ranking.basis == "er_views" and result.ranking.eligible == 5
    assert list(result.ranking.best["post_id"]) == [
        "tiktok:7412345678901234999",  # 971 / 8,402
        "instagram:17900000000000001",  # 1,713 / 15,000
    ]
    assert list(result.ranking.weakest["post_id"])[0] == "tiktok:7412345678901235000"


def test_charts_draw_nothing_without_data(tiny) -> None:
    from charts import performance as charts

    words = {key: key for key in charts.WORDS}
    result = perf.performance(tiny, C1)
    cumulative = charts.cumulative_chart(result.cumulative.frame, words)
    assert [trace.name for trace in cumulative.data] == [
        "perf.chart_cumulative_views",
        "perf.chart_cumulative_engagements",
    ]
    best, weakest = tuple(result.ranking.best["post_id"]), tuple(result.ranking.weakest["post_id"])
    bars = charts.post_chart(result.posts, "er_views", best, weakest, words)
    assert len(bars.data[0].x) == 3  # the YouTube video has no engagements
    assert "%{x:.2f}%<br>" in bars.data[0].hovertemplate  # the rate ×100, 2 decimals, "%"
    empty = perf.performance(tiny, Filters(campaign_ids=("nothing",)))
    assert charts.cumulative_chart(empty.cumulative.frame, words) is None
    assert charts.post_chart(empty.posts, "views", (), (), words) is None
