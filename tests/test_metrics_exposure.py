from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from metrics import exposure
from metrics.filters import Filters
from store import post_totals


def _campaign(connection, campaign_id: str = "spring", client: str = "Acme") -> str:
    connection.execute("INSERT INTO clients (name) VALUES (?) ON CONFLICT DO NOTHING", [client])
    client_id = connection.execute(
        "SELECT client_id FROM clients WHERE name = ?", [client]
    ).fetchone()[0]
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) VALUES (?, ?, ?, 'EUR')",
        [campaign_id, client_id, campaign_id.title()],
    )
    return campaign_id


def _post(
    connection,
    post_id,
    campaign_id,
    platform="instagram",
    creator=None,
    cost=None,
    posted_at="2026-03-02 10:00",
):
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, cost) "
        "VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP, ?)",
        [post_id, platform, post_id, creator, campaign_id, posted_at, cost],
    )


def _metrics(
    connection,
    post_id,
    day,
    period="lifetime",
    impressions=None,
    reach=None,
    views=None,
    likes=None,
):
    connection.execute(
        "INSERT INTO post_metrics (post_id, metric_date, period, impressions, reach, views, likes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [post_id, day, period, impressions, reach, views, likes],
    )
    post_totals.rebuild(connection)  # as the ingest does after writing metric rows


def _ads(
    connection, campaign_id, start, end, reach=None, impressions=None, spend=None, currency="EUR"
):
    connection.execute(
        "INSERT INTO ad_delivery (campaign_id, date_start, date_end, reach, impressions, spend, "
        "currency) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [campaign_id, start, end, reach, impressions, spend, currency],
    )


def _exposures(connection, campaign_id, rows):
    for person, post, when in rows:
        connection.execute(
            "INSERT INTO exposures (campaign_id, person_id, post_id, exposed_at) "
            "VALUES (?, ?, ?, ?::TIMESTAMP)",
            [campaign_id, person, post, when],
        )


def _assert_defined(values) -> None:
    for key, value in vars(values).items():
        if isinstance(value, float):
            assert math.isfinite(value), f"{key} is {value}"


SPRING = Filters(campaign_ids=("spring",))


# --- Average frequency -------------------------------------------------------------------------


def test_frequency_of_one_post_uses_its_latest_snapshot(connection):
    _campaign(connection)
    _post(connection, "p1", "spring")
    _metrics(connection, "p1", "2026-03-03", impressions=1000, reach=900)
    _metrics(connection, "p1", "2026-03-10", impressions=5000, reach=2000)
    result = exposure.average_frequency(connection, SPRING)
    # 5000 / 2000 = 2.5 from the latest snapshot, not the earlier one
    assert (result.impressions, result.reach, result.frequency) == (5000, 2000, 2.5)
    assert not result.reach_summed_across_posts and result.provenance == "measured"
    assert result.warnings == ()


def test_frequency_over_several_posts_says_reach_is_summed(connection):
    _campaign(connection)
    _campaign(connection, "other")
    for post_id, impressions, reach in (("p1", 5000, 2000), ("p2", 3000, 2000)):
        _post(connection, post_id, "spring")
        _metrics(connection, post_id, "2026-03-10", impressions=impressions, reach=reach)
    _post(connection, "x", "other")
    _metrics(connection, "x", "2026-03-10", impressions=10**6, reach=10)
    _ads(connection, "spring", "2026-03-01", "2026-03-07", reach=4000, impressions=12000, spend=50)
    result = exposure.average_frequency(connection, SPRING)
    # (5000 + 3000 + 12000) / (2000 + 2000 + 4000) = 20000 / 8000 = 2.5
    assert result.impressions == 20000 and result.reach == 8000
    assert result.frequency == pytest.approx(2.5)
    assert result.reach_summed_across_posts and result.provenance == "estimated"
    assert any("over-counts" in w for w in result.warnings)
    # A platform filter drops the paid rows, which carry no platform.
    organic = exposure.average_frequency(
        connection, Filters(campaign_ids=("spring",), platforms=("instagram",))
    )
    assert organic.impressions == 8000 and organic.reach == 4000
    assert any("paid delivery left out" in w for w in organic.warnings)


def test_frequency_guards(connection):
    _campaign(connection)
    _post(connection, "p1", "spring")
    _metrics(connection, "p1", "2026-03-10", impressions=100, reach=400)
    below = exposure.average_frequency(connection, SPRING)
    assert below.frequency is None
    assert any("below reach" in w for w in below.warnings)
    connection.execute("UPDATE post_metrics SET reach = 0")
    post_totals.rebuild(connection)
    zero = exposure.average_frequency(connection, SPRING)
    assert zero.frequency is None and any("reach is 0" in w for w in zero.warnings)
    nothing = exposure.average_frequency(connection, Filters(campaign_ids=("none",)))
    assert nothing.frequency is None and nothing.reach is None
    assert any("no reach exported" in w for w in nothing.warnings)
    for result in (below, zero, nothing):
        _assert_defined(result)


def test_each_metric_comes_from_the_latest_snapshot_that_reports_it(connection):
    _campaign(connection)
    _post(connection, "p1", "spring")
    _metrics(connection, "p1", "2026-03-03", impressions=1000, reach=800)
    _metrics(connection, "p1", "2026-03-10", impressions=3000, reach=None)
    result = exposure.average_frequency(connection, SPRING)
    # impressions 3000 from the 10th; reach 800 from the 3rd, the latest that reports it
    assert (result.impressions, result.reach) == (3000, 800)
    assert result.frequency == pytest.approx(3.75)


def test_youtube_views_are_not_impressions(connection):
    _campaign(connection)
    _post(connection, "yt", "spring", platform="youtube")
    _metrics(connection, "yt", "2026-03-10", views=3000, reach=1000)
    result = exposure.average_frequency(connection, SPRING)
    assert result.frequency is None and not result.impressions_from_views
    assert any("no impressions exported" in w for w in result.warnings)


def test_views_stand_in_for_missing_impressions_and_daily_reach_is_flagged(connection):
    _campaign(connection)
    _post(connection, "p1", "spring")
    _metrics(connection, "p1", "2026-03-10", views=3000, reach=1000)
    views = exposure.average_frequency(connection, SPRING)
    assert views.frequency == pytest.approx(3.0)
    assert views.impressions_from_views and views.provenance == "estimated"
    connection.execute("DELETE FROM post_metrics")
    post_totals.rebuild(connection)
    for day, impressions, reach in (("2026-03-02", 300, 200), ("2026-03-03", 500, 300)):
        _metrics(connection, "p1", day, period="day", impressions=impressions, reach=reach)
    daily = exposure.average_frequency(connection, SPRING)
    # One post, but its reach adds two days: 800 / 500 = 1.6, an estimate.
    assert daily.frequency == pytest.approx(1.6)
    assert daily.reach_summed_across_posts and daily.provenance == "estimated"


def test_delivery_totals_spend_and_currency_warning(connection):
    _campaign(connection)
    _post(connection, "p1", "spring", cost=1200.0)
    _post(connection, "p2", "spring", cost=None)
    _ads(connection, "spring", "2026-03-01", "2026-03-07", spend=300.0, currency="USD")
    totals = exposure.delivery_totals(connection, SPRING)
    assert totals.spend == pytest.approx(1500.0)
    assert totals.posts == 2 and totals.posts_with_metrics == 0
    assert any("USD" in w and "EUR" in w for w in totals.warnings)
    assert any("2 of 2 post(s) have no metrics" in w for w in totals.warnings)
    dated = exposure.delivery_totals(
        connection, Filters(campaign_ids=("spring",), start=dt.date(2026, 3, 8))
    )
    assert dated.ad_rows == 0 and dated.ad_spend is None


# --- Frequency distribution and cumulative reach -----------------------------------------------


def test_frequency_distribution_by_hand(connection):
    _campaign(connection)
    seen = {"a": 1, "b": 2, "c": 3, "d": 5, "e": 10, "f": 12}
    rows = [
        (person, "p1", dt.datetime(2026, 3, 1, 8) + dt.timedelta(hours=i))
        for person, times in seen.items()
        for i in range(times)
    ]
    _exposures(connection, "spring", rows)
    result = exposure.frequency_distribution(connection, SPRING)
    table = result.buckets
    # at least 1: all 6; 2: b..f = 5; 3: c..f = 4; 4: d, e, f = 3; 5: d, e, f = 3; 10: e, f = 2
    assert list(table["bucket"]) == ["1+", "2+", "3+", "4+", "5+", "10+"]
    assert list(table["people"]) == [6, 5, 4, 3, 3, 2]
    assert list(table["share"]) == pytest.approx([1, 5 / 6, 4 / 6, 3 / 6, 3 / 6, 2 / 6])
    assert result.people_reached == 6 and result.exposures == 33
    assert result.average_frequency == pytest.approx(33 / 6)
    assert set(table["provenance"]) == {"measured"}


def test_frequency_distribution_without_a_log(connection):
    _campaign(connection)
    result = exposure.frequency_distribution(connection, SPRING)
    assert list(result.buckets["people"]) == [0] * 6
    assert all(share is None for share in result.buckets["share"])
    assert result.people_reached == 0 and result.average_frequency is None
    assert result.warnings == ("no exposure log for this selection",)


def test_frequency_distribution_follows_filters(connection):
    _campaign(connection)
    _post(connection, "ig", "spring", platform="instagram")
    _post(connection, "tt", "spring", platform="tiktok")
    _exposures(
        connection,
        "spring",
        [
            ("a", "ig", "2026-03-01 10:00"),
            ("a", "tt", "2026-03-02 10:00"),
            ("b", "tt", "2026-03-05 10:00"),
        ],
    )
    tiktok = exposure.frequency_distribution(
        connection, Filters(campaign_ids=("spring",), platforms=("tiktok",))
    )
    assert tiktok.people_reached == 2 and tiktok.exposures == 2
    early = exposure.frequency_distribution(
        connection, Filters(campaign_ids=("spring",), end=dt.date(2026, 3, 2))
    )
    assert early.people_reached == 1 and list(early.buckets["people"])[:2] == [1, 1]


def test_cumulative_reach_by_day(connection):
    _campaign(connection)
    _exposures(
        connection,
        "spring",
        [
            ("a", "p", "2026-03-01 09:00"),
            ("b", "p", "2026-03-01 18:00"),
            ("a", "p", "2026-03-02 09:00"),
            ("c", "p", "2026-03-04 09:00"),
            ("b", "p", "2026-03-04 10:00"),
        ],
    )
    frame = exposure.cumulative_reach(connection, SPRING)
    assert [str(day)[:10] for day in frame["day"]] == [
        "2026-03-01",
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
    ]
    assert list(frame["new_people"]) == [2, 0, 0, 1]
    assert list(frame["cumulative_reach"]) == [2, 2, 2, 3]
    assert list(frame["cumulative_exposures"]) == [2, 3, 3, 5]
    assert list(frame["cumulative_frequency"]) == pytest.approx([1.0, 1.5, 1.5, 5 / 3])
    assert exposure.cumulative_reach(connection, Filters(campaign_ids=("none",))).empty


# --- Adstock -----------------------------------------------------------------------------------


def test_geometric_adstock_by_hand():
    # θ = 0.5: 1; 0 + 0.5·1 = 0.5; 0 + 0.5·0.5 = 0.25; 2 + 0.5·0.25 = 2.125
    assert exposure.geometric_adstock([1, 0, 0, 2], 0.5) == pytest.approx([1, 0.5, 0.25, 2.125])
    assert exposure.geometric_adstock([3, 1], 0.0) == pytest.approx([3, 1])


def _planted_series(seed: int, theta: float, weeks: int = 60, noise: float = 0.03):
    rng = np.random.default_rng(seed)
    spend = np.where(rng.random(weeks) < 0.6, rng.gamma(2.0, 50.0, weeks), 0.0)
    outcome = 0.2 + 0.001 * exposure.geometric_adstock(spend, theta)
    return outcome + rng.normal(0.0, noise, weeks), spend


def test_adstock_recovers_a_planted_theta():
    outcome, spend = _planted_series(seed=0, theta=0.6)
    fit = exposure.fit_adstock(outcome, spend)
    assert abs(fit.theta - 0.6) <= 0.1
    assert fit.theta_low <= 0.6 <= fit.theta_high
    assert fit.theta_low <= fit.theta <= fit.theta_high
    assert fit.half_life == pytest.approx(math.log(0.5) / math.log(fit.theta))
    assert fit.half_life_low <= fit.half_life <= fit.half_life_high
    assert fit.slope == pytest.approx(0.001, rel=0.25)
    assert fit.weeks == 60 and fit.warnings == ()
    assert fit.method == "profile" and not fit.indicative
    assert exposure.fit_adstock(outcome, spend) == fit  # no resampling: same interval


def test_adstock_interval_coverage_over_simulations():
    covered = 0
    for seed in range(30):
        outcome, spend = _planted_series(seed=1000 + seed, theta=0.6)
        fit = exposure.fit_adstock(outcome, spend)
        covered += fit.theta_low <= 0.6 <= fit.theta_high
    # Nominal 90 %: 30 fits cover 27 on average; 22 is more than 2.5 standard errors below.
    assert covered >= 22


def test_adstock_without_carry_over_and_with_gaps():
    outcome, spend = _planted_series(seed=8, theta=0.0, noise=0.01)
    fit = exposure.fit_adstock(outcome, spend)
    assert fit.theta <= 0.1 and fit.theta_low == 0.0
    if fit.theta == 0.0:
        assert fit.half_life is None
    gappy = [None if i % 5 == 0 else v for i, v in enumerate(outcome)]
    gappy_fit = exposure.fit_adstock(gappy, spend)
    assert gappy_fit.weeks == 48 and gappy_fit.theta <= 0.1


def test_adstock_edge_cases_are_defined():
    short = exposure.fit_adstock([0.1, 0.2, 0.3], [1, 0, 1])
    assert short.theta is None and "at least 6" in short.warnings[0]
    flat = exposure.fit_adstock([0.1, 0.2, 0.3, 0.2, 0.1, 0.3, 0.2], [0] * 7)
    assert flat.theta is None and "does not vary" in flat.warnings[0]
    empty = exposure.fit_adstock([], [])
    assert empty.theta is None and empty.weeks == 0
    rng = np.random.default_rng(0)
    falling = exposure.fit_adstock(-np.arange(20.0) + rng.normal(0, 0.1, 20), np.arange(20.0))
    assert any("does not rise" in w for w in falling.warnings)
    for fit in (short, flat, empty, falling):
        _assert_defined(fit)
    with pytest.raises(ValueError, match="one value per week"):
        exposure.fit_adstock([1.0, 2.0], [1.0])


# --- Weekly series from the database -----------------------------------------------------------


def test_weekly_series_spreads_paid_spend_over_its_days(connection):
    _campaign(connection)
    # Wednesday 7 January to Tuesday 13 January: 5 days in the week of the 5th, 2 in the 12th.
    _ads(connection, "spring", "2026-01-07", "2026-01-13", spend=70.0)
    _post(connection, "p1", "spring", cost=100.0, posted_at="2026-01-14 09:00")
    _post(connection, "p2", "spring", cost=None, posted_at="2026-01-27 09:00")
    frame = exposure.weekly_series(connection, "spring")
    weeks = [str(week)[:10] for week in frame["week"]]
    assert weeks == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
    assert list(frame["spend"]) == pytest.approx([50.0, 120.0, 0.0, 0.0])
    assert list(frame["posts"]) == [0, 1, 0, 1]
    assert frame["outcome"].isna().all() and list(frame["observations"]) == [0, 0, 0, 0]
    assert exposure.weekly_series(connection, "none").empty
    assert exposure.fit_campaign_adstock(connection, "none").theta is None


def test_campaign_adstock_from_its_own_survey_recovers_theta(connection):
    _campaign(connection)
    rng = np.random.default_rng(17)
    weeks, theta = 40, 0.6
    monday = dt.date(2026, 1, 5)
    spend = np.where(rng.random(weeks) < 0.6, rng.gamma(2.0, 50.0, weeks), 0.0)
    rate = 0.2 + 0.001 * exposure.geometric_adstock(spend, theta)
    frames = []
    for week in range(weeks):
        start = monday + dt.timedelta(weeks=week)
        if spend[week] > 0:
            _ads(connection, "spring", start, start + dt.timedelta(days=6), spend=spend[week])
        answers = 2000
        frames.append(
            pd.DataFrame(
                {
                    "respondent_id": [f"w{week}-{i}" for i in range(answers)],
                    "group": "exposed",
                    "positive": rng.random(answers) < rate[week],
                    "responded_at": pd.Timestamp(start) + pd.Timedelta(days=2),
                }
            )
        )
    survey = pd.concat(frames, ignore_index=True)
    connection.register("incoming", survey)
    connection.execute(
        'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, positive, '
        "responded_at) SELECT 'spring', respondent_id, \"group\", 'awareness', positive, "
        "responded_at FROM incoming"
    )
    series = exposure.weekly_series(connection, "spring", question="awareness")
    assert len(series) == weeks
    assert list(series["spend"]) == pytest.approx(list(spend), abs=1e-9)
    assert series["observations"].eq(2000).all()
    fit = exposure.fit_campaign_adstock(connection, "spring", question="awareness")
    assert abs(fit.theta - theta) <= 0.1 and fit.theta_low <= theta <= fit.theta_high
    engagement = exposure.weekly_series(connection, "spring", outcome="engagements")
    assert engagement["outcome"].isna().all()
    with pytest.raises(ValueError, match="outcome must be"):
        exposure.weekly_series(connection, "spring", outcome="sales")


def test_engagement_outcome_by_week(connection):
    _campaign(connection)
    _post(connection, "p1", "spring", posted_at="2026-01-05 09:00")
    for day, likes in (("2026-01-05", 10), ("2026-01-06", 5), ("2026-01-13", 7)):
        _metrics(connection, "p1", day, period="day", likes=likes)
    frame = exposure.weekly_series(connection, "spring", outcome="engagements")
    assert list(frame["outcome"]) == [15.0, 7.0]
    assert list(frame["posts"]) == [1, 0]


# --- Brand channel outcome ---------------------------------------------------------------------


def _brand_campaign(connection, campaign_id="spring", start="2026-03-02", end="2026-03-15"):
    _campaign(connection, campaign_id)
    connection.execute(
        "UPDATE campaigns SET brand_terms = ?::JSON, start_date = ?, end_date = ? "
        "WHERE campaign_id = ?",
        ['["Les Délices Verts", "Délices Verts", "#delicesverts"]', start, end, campaign_id],
    )


def _creator(connection, creator_id, handle, platform="youtube"):
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle) VALUES (?, ?, ?)",
        [creator_id, platform, handle],
    )


def test_brand_channel_outcome_is_the_brand_channels_daily_views(connection):
    _brand_campaign(connection)
    # The handle meets the brand term "Délices Verts" once accents, case and dots are dropped.
    _creator(connection, "youtube:delices.verts", "Delices.Verts")
    _creator(connection, "youtube:someone", "someone")
    _post(connection, "yt:brand", None, platform="youtube", creator="youtube:delices.verts")
    _post(connection, "yt:other", None, platform="youtube", creator="youtube:someone")
    _post(connection, "p1", "spring", cost=100.0, posted_at="2026-03-03 10:00")
    # Window: 4 weeks before the week of 2 March (2 February) to 7 weeks after the week of
    # 15 March (the week of 27 April, through Sunday 3 May).
    for day, views in (
        ("2026-01-26", 1),  # before the window
        ("2026-02-02", 10),
        ("2026-02-08", 5),
        ("2026-03-04", 20),
        ("2026-05-03", 7),
        ("2026-05-04", 1),  # after the window
    ):
        _metrics(connection, "yt:brand", day, period="day", views=views)
    _metrics(connection, "yt:brand", "2026-03-10", period="lifetime", views=1000)
    _metrics(connection, "yt:other", "2026-03-04", period="day", views=500)
    frame = exposure.weekly_series(connection, "spring", outcome="brand_channel")
    weeks = [str(week)[:10] for week in frame["week"]]
    assert weeks[0] == "2026-02-02" and weeks[-1] == "2026-04-27" and len(weeks) == 13
    outcome = dict(zip(weeks, frame["outcome"], strict=True))
    assert outcome["2026-02-02"] == 15.0 and outcome["2026-03-02"] == 20.0
    assert outcome["2026-04-27"] == 7.0
    assert frame["outcome"].notna().sum() == 3
    assert dict(zip(weeks, frame["spend"], strict=True))["2026-03-02"] == 100.0
    assert dict(zip(weeks, frame["observations"], strict=True))["2026-02-02"] == 2


def test_brand_channel_without_a_matching_handle_has_no_outcome(connection):
    _brand_campaign(connection)
    _creator(connection, "youtube:lesdelices", "lesdelices")
    _post(connection, "yt:x", None, platform="youtube", creator="youtube:lesdelices")
    _metrics(connection, "yt:x", "2026-03-04", period="day", views=20)
    _post(connection, "p1", "spring", cost=100.0, posted_at="2026-03-03 10:00")
    frame = exposure.weekly_series(connection, "spring", outcome="brand_channel")
    assert frame["outcome"].isna().all() and list(frame["spend"]) == [100.0]


def _planted_channel(connection, theta: float, weeks: int = 30, seed: int = 5) -> None:
    """A brand channel whose weekly views follow 1000 + 0.5·adstock(spend) plus noise."""
    rng = np.random.default_rng(seed)
    monday = dt.date(2026, 1, 5)
    spend = np.where(rng.random(weeks) < 0.5, rng.gamma(2.0, 500.0, weeks), 0.0)
    spend[0] = 800.0
    views = 1000 + 0.5 * exposure.geometric_adstock(spend, theta) + rng.normal(0, 10, weeks)
    last_spend = monday + dt.timedelta(weeks=int(np.flatnonzero(spend)[-1]))
    _brand_campaign(connection, start=monday.isoformat(), end=last_spend.isoformat())
    _creator(connection, "youtube:delicesverts", "delicesverts")
    _post(connection, "yt:brand", None, platform="youtube", creator="youtube:delicesverts")
    for week in range(-4, weeks):
        start = monday + dt.timedelta(weeks=week)
        value = 1000.0 if week < 0 else views[week]
        _metrics(connection, "yt:brand", start, period="day", views=round(value))
        if week >= 0 and spend[week] > 0:
            _ads(connection, "spring", start, start + dt.timedelta(days=6), spend=spend[week])


def test_campaign_adstock_falls_back_on_the_brand_channel(connection):
    _planted_channel(connection, theta=0.5)
    # Two weeks of survey: too short to fit on.
    for week, responded in enumerate(("2026-01-07", "2026-01-14")):
        connection.execute(
            'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, '
            "positive, responded_at) VALUES ('spring', ?, 'exposed', 'awareness', true, ?)",
            [f"r{week}", responded],
        )
    fit = exposure.fit_campaign_adstock(connection, "spring")
    assert isinstance(fit, exposure.AdstockFit)
    assert fit.outcome == "brand_channel" and fit.input == "spend"
    assert abs(fit.theta - 0.5) <= 0.1 and fit.theta_low <= 0.5 <= fit.theta_high
    assert "survey covers 2 week(s)" in fit.warnings[0]
    survey = exposure.fit_campaign_adstock(connection, "spring", outcome="survey")
    assert survey.outcome == "survey" and survey.theta is None
    channel = exposure.fit_campaign_adstock(connection, "spring", outcome="brand_channel")
    assert channel.theta == fit.theta and channel.warnings == fit.warnings[1:]


def test_campaign_adstock_says_when_no_outcome_is_long_enough(connection):
    _brand_campaign(connection)
    _post(connection, "p1", "spring", cost=100.0, posted_at="2026-03-03 10:00")
    fit = exposure.fit_campaign_adstock(connection, "spring")
    assert fit.outcome == "survey" and fit.theta is None
    assert any("brand's own channel has views in 0 week(s)" in w for w in fit.warnings)
    assert any("at least 6" in w for w in fit.warnings)
    _assert_defined(fit)
