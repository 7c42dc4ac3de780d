"""Sponsored against organic: hand-computed ratios on a tiny table, and a planted effect."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats

from metrics import organic
from metrics.filters import Filters
from metrics.organic import er_ratio, organic_baseline, pooled, views_ratio


def _setup(connection, start="2026-03-01", end="2026-03-31"):
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, start_date, end_date) "
        "VALUES ('spring', 1, 'Spring', ?, ?)",
        [start, end],
    )


def _post(connection, native, creator, when, sponsored, views, likes=None, campaign="spring"):
    platform, handle = creator.split(":")
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [creator, platform, handle],
    )
    post_id = f"{platform}:{native}"
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [post_id, platform, native, creator, campaign, when, sponsored],
    )
    connection.execute(
        "INSERT INTO post_metrics (post_id, metric_date, period, views, likes) "
        "VALUES (?, '2026-06-01', 'lifetime', ?, ?)",
        [post_id, views, likes],
    )


def _tiny(connection):
    _setup(connection)
    # Sponsored views 100, 200, 300 (mean 200), likes 10, 30, 20 (rate 60 / 600 = 0.10).
    for i, (views, likes) in enumerate([(100, 10), (200, 30), (300, 20)]):
        _post(connection, f"s{i}", "tiktok:ana", f"2026-03-{10 + i}", True, views, likes)
    # Organic views 100, 100, 100 (mean 100), likes 5, 5, 5 (rate 15 / 300 = 0.05).
    for i in range(3):
        _post(connection, f"o{i}", "tiktok:ana", f"2026-02-0{1 + i}", False, 100, 5)
    # Organic but far from the campaign (more than 90 days before): not in the baseline.
    _post(connection, "old", "tiktok:ana", "2025-06-01", False, 1_000_000, 1)


def test_hand_computed_views_ratio():
    result = views_ratio(np.array([100.0, 200, 300]), np.array([100.0, 100, 100]))
    assert result.ratio == pytest.approx(2.0)
    # Sponsored: delta s²_s / (n m²_s) = 10 000 / (3 × 40 000) = 1/12, below the lognormal
    # floor (exp(s²_log) − 1) / n with s²_log = var(ln 100, ln 200, ln 300) = 0.308634, i.e.
    # 0.361585 / 3 = 0.120521 (views are heavy-tailed: the floor brought a 3-post creator's
    # coverage from 83 % to 89 % at 90 %, docs/intervals.md). Organic: no spread, 0. Welch df = 2.
    variance = math.expm1(0.3086340) / 3
    half = stats.t.ppf(0.95, 2) * math.sqrt(variance)
    assert result.df == pytest.approx(2.0)
    assert result.log_variance == pytest.approx(0.120521, abs=1e-6)
    assert result.low == pytest.approx(2 * math.exp(-half))
    assert result.high == pytest.approx(2 * math.exp(half))
    assert result.low == pytest.approx(0.7257, abs=1e-3)
    assert result.high == pytest.approx(5.5116, abs=1e-3)
    assert result.method == "delta-log-welch"


def test_hand_computed_engagement_rate_ratio():
    result = er_ratio(
        np.array([10.0, 30, 20]),
        np.array([100.0, 200, 300]),
        np.array([5.0, 5, 5]),
        np.array([100.0, 100, 100]),
    )
    assert result.sponsored_value == pytest.approx(0.10)
    assert result.organic_value == pytest.approx(0.05)
    assert result.ratio == pytest.approx(2.0)
    # Jackknife: leaving out one post gives rates 50/500, 30/400, 40/300, whose logs sit at
    # ln 0.1 + (0, ln 3/4, ln 4/3); Var(log r_s) = (2/3)·2·ln(4/3)² = 0.110348 (the organic
    # side has one rate, 0). The linearised form gave 1/12 and covered 81 % at 90 % on 3 posts.
    assert result.log_variance == pytest.approx(4 / 3 * math.log(4 / 3) ** 2)
    assert result.log_variance == pytest.approx(0.110348, abs=1e-6)
    # Degrees of freedom from Kish's effective posts: 600² / (100² + 200² + 300²) − 1 = 11/7.
    assert result.df == pytest.approx(11 / 7)
    half = stats.t.ppf(0.95, 11 / 7) * math.sqrt(4 / 3 * math.log(4 / 3) ** 2)
    assert result.low == pytest.approx(2 * math.exp(-half))
    assert result.high == pytest.approx(2 * math.exp(half))


def test_too_few_posts_give_a_reason():
    result = views_ratio(np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0]))
    assert result.ratio is None
    assert result.reason == "fewer than 3 sponsored posts with views (2)"
    result = views_ratio(np.array([1.0, 2.0, 3.0]), np.array([1.0, np.nan, 3.0]))
    assert result.reason == "fewer than 3 organic posts with views (2)"
    result = views_ratio(np.array([1.0, 2.0, 3.0]), np.array([0.0, 0.0, 0.0]))
    assert result.reason == "the organic posts have no views"


def test_baseline_from_the_database(connection):
    _tiny(connection)
    by_creator = organic_baseline(connection, Filters(), "creator")
    row = by_creator.iloc[0]
    assert (row["creator_id"], row["handle"], row["platform"]) == ("tiktok:ana", "ana", "tiktok")
    assert row["views_ratio"] == pytest.approx(2.0)
    assert row["views_sponsored"] == pytest.approx(200.0)
    assert row["views_organic"] == pytest.approx(100.0)  # the 2025 post is out of the window
    assert (row["views_sponsored_posts"], row["views_organic_posts"]) == (3, 3)
    assert row["er_views_ratio"] == pytest.approx(2.0)
    assert row["views_reason"] is None

    by_campaign = organic_baseline(connection, Filters(), "campaign").iloc[0]
    assert by_campaign["campaign_id"] == "spring"
    assert by_campaign["creators"] == 1
    assert by_campaign["views_ratio"] == pytest.approx(2.0)
    assert by_campaign["views_low"] == pytest.approx(row["views_low"])

    # The filter's dates restrict the sponsored posts, never the organic baseline.
    dated = organic_baseline(
        connection, Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)), "creator"
    )
    assert dated.iloc[0]["views_ratio"] == pytest.approx(2.0)


def test_no_organic_posts_says_what_is_needed(connection):
    _setup(connection)
    for i in range(4):
        _post(connection, f"s{i}", "tiktok:ana", f"2026-03-1{i}", True, 100 + i, 1)
    row = organic_baseline(connection, Filters(), "creator").iloc[0]
    assert row["views_ratio"] is None
    assert row["views_low"] is None
    assert row["views_reason"] == "fewer than 3 organic posts with views (0)"
    overall = organic_baseline(connection, Filters(), "all").iloc[0]
    assert overall["views_ratio"] is None
    assert overall["views_reason"] == "no creator has 3 sponsored and 3 organic posts to compare"


def test_empty_database_has_one_all_row(connection):
    assert organic_baseline(connection, Filters(), "creator").empty
    assert organic_baseline(connection, Filters(), "campaign").empty
    overall = organic_baseline(connection, Filters(), "all")
    assert len(overall) == 1 and overall.iloc[0]["views_ratio"] is None


def test_unknown_level_is_refused(connection):
    with pytest.raises(ValueError, match="by must be one of"):
        organic_baseline(connection, Filters(), "week")  # type: ignore[arg-type]


def _planted(rng, n, effect=1.5, base=10_000.0, sigma=0.8):
    """Lognormal views with a true mean of ``base`` (organic) and ``effect × base`` (sponsored)."""
    mu = math.log(base) - sigma**2 / 2
    organic_views = rng.lognormal(mu, sigma, n)
    sponsored_views = rng.lognormal(mu + math.log(effect), sigma, n)
    return sponsored_views, organic_views


def test_planted_effect_is_covered_in_most_seeds():
    covered, excluded_one = 0, 0
    seeds = range(200)
    for seed in seeds:
        sponsored, organic_views = _planted(np.random.default_rng(seed), 20)
        result = views_ratio(sponsored, organic_views, confidence=0.90)
        covered += result.low <= 1.5 <= result.high
    # A 90 % interval: about 180 of 200; a clear majority at least.
    assert covered >= 165, covered
    for seed in range(20):
        sponsored, organic_views = _planted(np.random.default_rng(1000 + seed), 400)
        result = views_ratio(sponsored, organic_views, confidence=0.90)
        assert result.ratio == pytest.approx(1.5, rel=0.15)
        excluded_one += result.low > 1.0
    assert excluded_one == 20


def test_planted_engagement_rate_effect():
    rng = np.random.default_rng(7)
    covered = 0
    for _ in range(200):
        views_s = rng.lognormal(9, 0.8, 30)
        views_o = rng.lognormal(9, 0.8, 30)
        # Engagements ~ Poisson(rate × views): sponsored rate 0.06, organic 0.04 (ratio 1.5).
        engagements_s = rng.poisson(0.06 * views_s).astype(float)
        engagements_o = rng.poisson(0.04 * views_o).astype(float)
        result = er_ratio(engagements_s, views_s, engagements_o, views_o, confidence=0.90)
        covered += result.low <= 1.5 <= result.high
    assert covered >= 165, covered


def test_campaign_pool_over_creators_with_a_planted_effect(connection):
    _setup(connection, start="2026-03-01", end="2026-03-31")
    rng = np.random.default_rng(3)
    for creator, base in [
        ("tiktok:big", 200_000.0),
        ("tiktok:mid", 20_000.0),
        ("tiktok:small", 2_000.0),
    ]:
        sponsored, organic_views = _planted(rng, 60, base=base)
        for i, views in enumerate(sponsored):
            when = dt.datetime(2026, 3, 1) + dt.timedelta(hours=11 * i)
            _post(connection, f"{creator}-s{i}", creator, when, True, int(views), 1)
        for i, views in enumerate(organic_views):
            when = dt.datetime(2026, 1, 1) + dt.timedelta(hours=13 * i)
            _post(connection, f"{creator}-o{i}", creator, when, False, int(views), 1)
    campaign = organic_baseline(connection, Filters(), "campaign").iloc[0]
    assert campaign["creators"] == 3
    assert campaign["views_low"] > 1.0
    # One draw: the estimate near the planted 1.5 (coverage is checked over seeds above).
    assert campaign["views_ratio"] == pytest.approx(1.5, rel=0.2)
    # A pooled ratio, not total views: the big creator does not drown the others.
    assert organic_baseline(connection, Filters(), "all").iloc[0]["views_ratio"] == pytest.approx(
        campaign["views_ratio"]
    )


def test_hand_computed_pooled_ratio():
    # Two creators with log ratios ln 2 and ln 1.5 and no sampling bias: equal posts, equal
    # weights; mean (ln 2 + ln 1.5) / 2 = ln √3; the spread between them gives
    # SE = sqrt(Σ w (y − ȳ)² / ((k − 1) Σ w)) = |ln 2 − ln 1.5| / 2, with t(0.95, 1).
    one = organic.Ratio(2.0, None, None, 4, 8, log_ratio=math.log(2.0), log_variance=0.04)
    two = organic.Ratio(1.5, None, None, 4, 8, log_ratio=math.log(1.5), log_variance=0.09)
    result = pooled([one, two], confidence=0.90)
    assert result.ratio == pytest.approx(math.sqrt(3.0))
    half = stats.t.ppf(0.95, 1) * abs(math.log(2.0) - math.log(1.5)) / 2
    assert result.low == pytest.approx(math.sqrt(3.0) * math.exp(-half))
    assert result.high == pytest.approx(math.sqrt(3.0) * math.exp(half))
    assert result.sponsored_posts == 8 and result.organic_posts == 16
    assert result.method == "creator-t" and result.df == 1.0


def test_pooling_one_creator_keeps_its_interval():
    one = views_ratio(np.array([100.0, 200, 300]), np.array([100.0, 110, 90]))
    assert pooled([one]) == one


def test_module_names_its_definition_and_method():
    doc = organic.__doc__ or ""
    assert "delta method" in doc and "DerSimonian" in doc and "90" in doc
