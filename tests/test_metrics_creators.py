from __future__ import annotations

import datetime as dt
import inspect
import math

import numpy as np
import pandas as pd
import pytest

from metrics import creators
from metrics.creators import FALLING, INCONCLUSIVE, RISING
from metrics.filters import Filters
from store import post_totals

T90_DF1 = 6.313751514675  # t(0.95, 1)
T90_DF2 = 2.919985580354  # t(0.95, 2)


def insert(connection, table: str, rows: list[dict]) -> None:
    connection.register("rows_to_insert", pd.DataFrame(rows))
    try:
        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_to_insert")
    finally:
        connection.unregister("rows_to_insert")


def client(connection, name: str) -> int:
    connection.execute("INSERT INTO clients (name) VALUES (?)", [name])
    return connection.execute("SELECT client_id FROM clients WHERE name = ?", [name]).fetchone()[0]


def campaign(connection, campaign_id: str, client_id: int, currency: str = "EUR") -> None:
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) VALUES (?, ?, ?, ?)",
        [campaign_id, client_id, campaign_id, currency],
    )


def creator(connection, creator_id: str) -> None:
    platform, handle = creator_id.split(":")
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle) VALUES (?, ?, ?)",
        [creator_id, platform, handle],
    )


def post(connection, post_id, creator_id, campaign_id, posted_at, reach=None, likes=None,
         cost=None):  # fmt: skip
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored, cost) VALUES (?, ?, ?, ?, ?, ?, true, ?)",
        [post_id, creator_id.split(":")[0], post_id, creator_id, campaign_id, posted_at, cost],
    )
    if reach is not None or likes is not None:
        connection.execute(
            "INSERT INTO post_metrics (post_id, metric_date, period, reach, likes) "
            "VALUES (?, '2026-12-31', 'lifetime', ?, ?)",
            [post_id, reach, likes],
        )
        post_totals.rebuild(connection)  # as the ingest does after writing metric rows


@pytest.fixture
def history(connection):
    """Creator ana: three campaigns for Brand out of id order, one for Other."""
    brand, other = client(connection, "Brand"), client(connection, "Other")
    for campaign_id in ("zeta", "alpha", "mid"):
        campaign(connection, campaign_id, brand)
    campaign(connection, "other", other)
    creator(connection, "instagram:ana")
    post(connection, "z1", "instagram:ana", "zeta", "2026-01-10", 1000, 50, 100.0)
    post(connection, "z2", "instagram:ana", "zeta", "2026-04-01", 3000, 90, 100.0)
    post(connection, "m1", "instagram:ana", "mid", "2026-02-01", 2000, 40, 200.0)
    post(connection, "a1", "instagram:ana", "alpha", "2026-03-01", None, 10, None)
    post(connection, "o1", "instagram:ana", "other", "2026-02-15", 500, 0, 50.0)
    return connection


def test_collaboration_number_follows_first_post_per_client(history):
    frame = creators.collaboration_posts(history, Filters()).set_index("post_id")
    # Brand: zeta (first post Jan 10) = 1, mid (Feb 1) = 2, alpha (Mar 1) = 3; z2 stays in zeta.
    assert frame.loc["z1", "collaboration_number"] == 1
    assert frame.loc["z2", "collaboration_number"] == 1
    assert frame.loc["m1", "collaboration_number"] == 2
    assert frame.loc["a1", "collaboration_number"] == 3
    # Other is a separate relationship: its first campaign is number 1.
    assert frame.loc["o1", "collaboration_number"] == 1
    # ER by reach per post: 50 / 1000; a1 has no reach -> None with a reason.
    assert frame.loc["z1", "er_reach"] == pytest.approx(0.05)
    assert frame.loc["a1", "er_reach"] is None
    assert frame.loc["a1", "er_reach_reason"] == "no reach exported"


def test_post_basis_numbers_each_post_for_the_brand(history):
    frame = creators.collaboration_posts(history, Filters(), basis="post").set_index("post_id")
    # Brand posts by time: z1 Jan 10, m1 Feb 1, a1 Mar 1, z2 Apr 1; Other: o1.
    numbers = frame["collaboration_number"].to_dict()
    assert numbers == {"z1": 1, "m1": 2, "a1": 3, "z2": 4, "o1": 1}
    units = creators.collaboration_units(history, Filters(), basis="post")
    assert len(units) == 5 and (units["posts"] == 1).all()
    with pytest.raises(ValueError, match="basis must be one of"):
        creators.collaboration_posts(history, Filters(), basis="week")  # type: ignore[arg-type]


def test_filtered_view_keeps_the_true_collaboration_number(history):
    only_alpha = creators.collaboration_posts(history, Filters(campaign_ids=("alpha",)))
    assert list(only_alpha["collaboration_number"]) == [3]
    late = creators.collaboration_posts(history, Filters(start=dt.date(2026, 2, 20)))
    assert dict(zip(late["post_id"], late["collaboration_number"], strict=True)) == {
        "a1": 3,
        "z2": 1,
    }


def test_creator_summary_hand_computed(history):
    insert(
        history,
        "survey_results",
        [{"campaign_id": "alpha", "question": "awareness", "group": "exposed", "respondents": 300}],
    )
    row = creators.creator_summary(history, Filters()).set_index("creator_id").loc["instagram:ana"]
    assert row["first_collaboration"] == dt.date(2026, 1, 10)
    assert row["last_collaboration"] == dt.date(2026, 4, 1)
    # Jan 10 -> Apr 1: 21 days left in January + 28 + 31 + 1 = 81
    assert row["tenure_days"] == 81
    assert (row["clients"], row["campaigns"], row["posts"]) == (2, 4, 5)
    # fees 100 + 100 + 200 + 50 (a1 has none)
    assert row["total_cost"] == pytest.approx(450.0) and row["currency"] == "EUR"
    # ER by reach over posts with reach: (50 + 90 + 40 + 0) / (1000 + 3000 + 2000 + 500)
    assert row["er_reach"] == pytest.approx(180 / 6500)
    assert row["er_reach_provenance"] == "measured"
    assert row["lift"] is None
    assert "cover 1 of this creator's campaigns" in row["lift_reason"]


def test_creator_summary_edge_cases(connection):
    brand = client(connection, "Brand")
    campaign(connection, "eur", brand, "EUR")
    campaign(connection, "usd", brand, "USD")
    creator(connection, "tiktok:tom")
    creator(connection, "tiktok:zed")
    post(connection, "t1", "tiktok:tom", "eur", "2026-05-01", 0, 10, 100.0)
    post(connection, "t2", "tiktok:tom", "usd", "2026-05-03", 0, 5, 100.0)
    post(connection, "zz", "tiktok:zed", "eur", "2026-05-02", None, None, None)
    frame = creators.creator_summary(connection, Filters()).set_index("creator_id")
    tom, zed = frame.loc["tiktok:tom"], frame.loc["tiktok:zed"]
    assert tom["total_cost"] is None and "mixed currencies (EUR, USD)" in tom["cost_reason"]
    assert tom["er_reach"] is None and tom["er_reach_reason"] == "reach is 0"
    assert tom["tenure_days"] == 2
    assert zed["total_cost"] is None and "no fee recorded" in zed["cost_reason"]
    assert zed["er_reach"] is None and "no post reports" in zed["er_reach_reason"]
    assert zed["tenure_days"] == 0
    assert zed["lift_reason"] == "no brand-lift survey for this creator's campaigns"


@pytest.fixture
def hand_made(connection):
    """Brand campaigns k1 < k2 < k3; one post of reach 1000 per collaboration.

    ana: ER 0.02, 0.03, 0.05 in collaborations 1, 2, 3; ben: 0.04, 0.05; cat: 0.06.
    """
    brand = client(connection, "Brand")
    for k in (1, 2, 3):
        campaign(connection, f"k{k}", brand)
    plan = {"ana": (20, 30, 50), "ben": (40, 50), "cat": (60,)}
    for handle, likes in plan.items():
        creator(connection, f"instagram:{handle}")
        for k, count in enumerate(likes, start=1):
            day = f"2026-0{k}-0{len(handle)}"
            post(connection, f"{handle}{k}", f"instagram:{handle}", f"k{k}", day, 1000, count)
    return connection


def test_results_by_collaboration_hand_computed(hand_made):
    frame = creators.results_by_collaboration(hand_made, Filters()).set_index(
        "collaboration_number"
    )
    first = frame.loc[1]
    # mean (0.02 + 0.04 + 0.06) / 3 = 0.04; on the log of the mean, V is the larger of
    # s² / (n·m²) = 0.0004 / (3 × 0.0016) = 1/12 and the lognormal floor (exp(s²_log) − 1) / n
    # with s²_log = var(ln 0.02, ln 0.04, ln 0.06) = 0.308634: 0.361585 / 3 = 0.120521.
    # Interval 0.04·exp(± t(0.95, 2)·√V). (The symmetric 0.04 ± t·s/√3 covered 86 % at 90 % on
    # five skewed rates; this form 90-91 %: docs/intervals.md.)
    assert first["collaborations"] == 3 and first["creators"] == 3
    assert first["mean_er_reach"] == pytest.approx(0.04)
    spread = T90_DF2 * math.sqrt(math.expm1(0.3086340) / 3)
    assert first["ci_low"] == pytest.approx(0.04 * math.exp(-spread))
    assert first["ci_high"] == pytest.approx(0.04 * math.exp(spread))
    assert first["ci_low"] == pytest.approx(0.01452, abs=1e-5)
    assert first["ci_high"] == pytest.approx(0.11024, abs=1e-5)
    # collaboration 2: 0.03 and 0.05 -> mean 0.04; s² / (n·m²) = 0.0002 / 0.0032 = 0.0625,
    # floor (exp((ln 5/3)² / 2) − 1) / 2 = 0.069686; t(0.95, 1)
    second = frame.loc[2]
    assert second["mean_er_reach"] == pytest.approx(0.04)
    spread = T90_DF1 * math.sqrt(math.expm1(math.log(5 / 3) ** 2 / 2) / 2)
    assert second["ci_high"] == pytest.approx(0.04 * math.exp(spread))
    # collaboration 3: ana alone -> a mean, no interval, and why
    third = frame.loc[3]
    assert third["mean_er_reach"] == pytest.approx(0.05)
    assert third["ci_low"] is None and third["ci_high"] is None
    assert third["reason"] == "one collaboration: no interval"
    # A 95 % interval is wider.
    wide = creators.results_by_collaboration(hand_made, Filters(), confidence=0.95)
    assert wide.loc[0, "ci_high"] > first["ci_high"]


def test_single_creator_trend_is_ols(hand_made):
    trend = creators.relationship_trend(hand_made, Filters(), creator_id="instagram:ana")
    # x = 1, 2, 3; y = 0.02, 0.03, 0.05; x̄ = 2, ȳ = 0.0333...
    # Sxy = (-1)(-0.01333) + 0 + (1)(0.01667) = 0.03; Sxx = 2 -> slope 0.015
    assert trend.slope == pytest.approx(0.015)
    # residuals 0.001667, -0.003333, 0.001667 -> SSR = 1.6667e-5, df = 3 - 1 - 1 = 1
    # SE = sqrt(1.6667e-5 / 1 / 2) = 0.0028868; half-width = t(0.95, 1) * SE
    half = T90_DF1 * math.sqrt((1 / 600) ** 2 * 6 / 2)
    assert trend.df == 1
    assert trend.ci_low == pytest.approx(0.015 - half)
    assert trend.ci_high == pytest.approx(0.015 + half)
    assert trend.direction == INCONCLUSIVE  # 3 points: the interval includes 0
    assert trend.relative_slope == pytest.approx(0.015 / (0.10 / 3))


def test_pooled_trend_is_within_creator(hand_made):
    trend = creators.relationship_trend(hand_made, Filters())
    # centred within pairs: ana x̃ = -1, 0, 1, ỹ = -0.01333, -0.00333, 0.01667;
    # ben x̃ = -0.5, 0.5, ỹ = -0.005, 0.005; cat alone contributes nothing.
    # Sxx = 2 + 0.5 = 2.5; Sxy = 0.03 + 0.005 = 0.035 -> slope 0.014
    assert trend.slope == pytest.approx(0.014)
    # residuals ana 0.000667, -0.003333, 0.002667; ben 0.002, -0.002
    ssr = (0.002 / 3) ** 2 + (0.01 / 3) ** 2 + (0.008 / 3) ** 2 + 2 * 0.002**2
    ols = ssr / (6 - 3 - 1) / 2.5  # 5.333e-6
    # Pair scores Σ x̃·e: ana (−1)(0.000667) + (1)(0.002667) = 0.002, ben (−0.5)(0.002) +
    # (0.5)(−0.002) = −0.002; cat has none, so G = 2 pairs inform the slope. CR1:
    # 2/1 · (6 − 1)/2 · (0.002² + 0.002²) / 2.5² = 6.4e-6 > OLS: the robust variance, df 1.
    # Two creators cannot show a deepening relationship at 90 % once their slopes may differ
    # (the OLS interval said "rising"; it covered 82 % with differing slopes, docs/intervals.md).
    robust = 2 / 1 * 5 / 2 * (0.002**2 + 0.002**2) / 2.5**2
    assert robust == pytest.approx(6.4e-6) and robust > ols
    assert trend.df == 1
    half = T90_DF1 * math.sqrt(robust)
    assert trend.ci_low == pytest.approx(0.014 - half)
    assert trend.ci_high == pytest.approx(0.014 + half)
    assert trend.direction == INCONCLUSIVE
    assert trend.method == "t-cluster"
    assert (trend.collaborations, trend.pairs) == (6, 3)


def plant(connection, profiles: dict[str, list[float]], seed: int, noise: float = 0.03) -> None:
    """One client, one campaign per month; each creator's posts follow its ER profile."""
    rng = np.random.default_rng(seed)
    brand = client(connection, "Planted")
    months = max(len(p) for p in profiles.values())
    for k in range(1, months + 1):
        campaign(connection, f"m{k}", brand)
    rows_posts, rows_metrics = [], []
    for handle, rates in profiles.items():
        creator(connection, f"instagram:{handle}")
        for k, rate in enumerate(rates, start=1):
            for i in range(3):
                post_id = f"{handle}-{k}-{i}"
                reach = int(rng.integers(8_000, 12_000))
                likes = round(reach * rate * (1 + rng.normal(0, noise)))
                rows_posts.append(
                    {
                        "post_id": post_id,
                        "platform": "instagram",
                        "native_id": post_id,
                        "creator_id": f"instagram:{handle}",
                        "campaign_id": f"m{k}",
                        "posted_at": dt.datetime(2025, k, 1 + i),
                        "sponsored": True,
                    }
                )
                rows_metrics.append(
                    {
                        "post_id": post_id,
                        "metric_date": dt.date(2025, 12, 31),
                        "period": "lifetime",
                        "reach": reach,
                        "likes": likes,
                    }
                )
    insert(connection, "posts", rows_posts)
    insert(connection, "post_metrics", rows_metrics)


def test_planted_rising_and_flat_creators(connection):
    plant(
        connection,
        {
            "riser": [0.03 * 1.10 ** (k - 1) for k in range(1, 9)],  # +10 % per collaboration
            "steady": [0.03] * 8,
            "fader": [0.05 * 0.90 ** (k - 1) for k in range(1, 9)],  # -10 % per collaboration
        },
        seed=20260301,
    )
    riser = creators.relationship_trend(connection, Filters(), creator_id="instagram:riser")
    assert riser.slope > 0 and riser.ci_low > 0 and riser.direction == RISING
    # the relative slope lands near the planted growth (a straight line through 1.1^k)
    assert 0.07 < riser.relative_slope < 0.13
    steady = creators.relationship_trend(connection, Filters(), creator_id="instagram:steady")
    assert steady.ci_low < 0 < steady.ci_high and steady.direction == INCONCLUSIVE
    fader = creators.relationship_trend(connection, Filters(), creator_id="instagram:fader")
    assert fader.ci_high < 0 and fader.direction == FALLING
    table = creators.creator_trends(connection, Filters()).set_index("creator_id")
    assert table.loc["instagram:riser", "direction"] == RISING
    # Post basis: 24 posts per creator, numbered 1..24; the effect shows the same way.
    per_post = creators.relationship_trend(
        connection, Filters(), creator_id="instagram:riser", basis="post"
    )
    assert per_post.collaborations == 24 and per_post.direction == RISING
    assert table.loc["instagram:steady", "direction"] == INCONCLUSIVE
    assert table.loc["instagram:fader", "direction"] == FALLING
    by_number = creators.results_by_collaboration(connection, Filters())
    assert list(by_number["collaboration_number"]) == list(range(1, 9))
    assert (by_number["collaborations"] == 3).all()


def test_rehiring_the_best_creator_is_not_a_deepening_relationship(connection):
    # A strong creator is rehired 6 times at a flat 8 %; six others are tried once at 2 %.
    profiles = {"star": [0.08] * 6, **{f"once{i}": [0.02] for i in range(6)}}
    plant(connection, profiles, seed=7)
    units = creators.collaboration_units(connection, Filters())
    naive = np.polyfit(units["collaboration_number"], units["er_reach"].astype(float), 1)[0]
    assert naive > 0.005  # the across-creator comparison sees a rising line
    trend = creators.relationship_trend(connection, Filters())
    # Within the star's own history there is nothing to find.
    assert abs(trend.slope) < naive / 10
    assert trend.direction != RISING


def test_trend_interval_covers_a_flat_truth_about_90_percent_of_the_time():
    rng = np.random.default_rng(90)
    covered = 0
    runs = 400
    for _ in range(runs):
        units = pd.DataFrame(
            {
                "creator_id": ["c"] * 8,
                "client_id": [1] * 8,
                "collaboration_number": range(1, 9),
                "er_reach": 0.03 * (1 + rng.normal(0, 0.05, 8)),
            }
        )
        trend = creators._within_trend(units, 0.90)
        covered += trend.ci_low <= 0 <= trend.ci_high
    # Binomial(400, 0.9): sd 6 runs; 0.85-0.95 is more than 3 sd either side.
    assert 0.85 <= covered / runs <= 0.95


def test_trend_without_repeat_collaborations(connection):
    brand = client(connection, "Brand")
    campaign(connection, "k1", brand)
    creator(connection, "instagram:ana")
    post(connection, "p1", "instagram:ana", "k1", "2026-01-01", 1000, 10)
    trend = creators.relationship_trend(connection, Filters())
    assert trend.slope is None and trend.direction is None
    assert "two collaborations" in trend.reason
    row = creators.creator_trends(connection, Filters()).iloc[0]
    assert row["slope"] is None and row["direction"] is None and row["df"] is None
    campaign(connection, "k2", brand)
    post(connection, "p2", "instagram:ana", "k2", "2026-02-01", 1000, 20)
    two = creators.relationship_trend(connection, Filters())
    # two points: a slope (0.01), no interval
    assert two.slope == pytest.approx(0.01) and two.ci_low is None
    assert two.reason == "too few collaborations for an interval"


def test_no_posts(connection):
    assert creators.creator_summary(connection, Filters()).empty
    assert creators.collaboration_posts(connection, Filters()).empty
    assert creators.results_by_collaboration(connection, Filters()).empty
    assert creators.creator_trends(connection, Filters()).empty
    trend = creators.relationship_trend(connection, Filters())
    assert trend.slope is None and trend.collaborations == 0
    assert "no collaboration" in trend.reason


def test_collaborations_without_reach_are_left_out_of_the_rates(hand_made):
    hand_made.execute("UPDATE post_metrics SET reach = NULL WHERE post_id = 'cat1'")
    post_totals.rebuild(hand_made)
    first = creators.results_by_collaboration(hand_made, Filters()).iloc[0]
    # ana 0.02, ben 0.04 -> 0.03
    assert first["collaborations"] == 2
    assert first["mean_er_reach"] == pytest.approx(0.03)


def test_public_functions_name_their_source():
    for name, function in inspect.getmembers(creators, inspect.isfunction):
        if name.startswith("_") or function.__module__ != creators.__name__:
            continue
        assert "Source" in (function.__doc__ or ""), name
