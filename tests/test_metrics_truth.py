"""The metrics recover what the demo generator planted (``sample_data/ground_truth.json``).

The demo is loaded once per session through the real ingest, then each metric is checked
against the planted truth: brand-lift intervals cover the true lift ``p_e − p_c``, the no-lift
campaign is not significant, lift grows with exposure count, the fitted adstock θ is within
±0.1 of the planted one, relationship trends have the planted sign, disclosure classes and the
exposure log's counts match. Every expected value is read from the ground truth.

A 90 % interval misses its true value 1 time in 10 by design, so coverage is checked over all
cases of a family at once: the number covered must reach the lowest count a Binomial(n, 0.9)
reaches with probability ≥ 99 % (``coverage_floor``), and the misses are listed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics import brand_lift, creators, disclosure, exposure
from metrics.filters import Filters
from sample_data import GROUND_TRUTH_PATH
from sample_data.loader import load_demo
from store.db import connect

TRUTH: dict = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))
CAMPAIGNS: dict[str, dict] = TRUTH["campaigns"]
CONFIDENCE = 0.90
# Chance that the coverage floor fails although every interval is right.
FLOOR_RISK = 0.01
THETA_TOLERANCE = 0.1

pytestmark = pytest.mark.slow


def coverage_floor(cases: int, confidence: float = CONFIDENCE) -> int:
    """Smallest count k with P(Binomial(cases, confidence) < k) < ``FLOOR_RISK``."""
    return int(stats.binom.ppf(FLOOR_RISK, cases, confidence))


def assert_coverage(misses: list[str], cases: int, what: str) -> None:
    """At least ``coverage_floor(cases)`` of ``cases`` intervals cover their planted value."""
    assert cases > 0, f"no {what} to check"
    covered, floor = cases - len(misses), coverage_floor(cases)
    assert covered >= floor, (
        f"{what}: {covered} of {cases} intervals cover the planted value, fewer than the "
        f"{floor} a {CONFIDENCE:.0%} interval reaches 99 % of the time; misses:\n"
        + "\n".join(misses)
    )


def covers(low: float | None, high: float | None, value: float) -> bool:
    return low is not None and high is not None and low <= value <= high


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("truth") / "sillage.duckdb"
    load_demo(path)
    return path


@pytest.fixture
def db(demo_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with connect(demo_path) as connection:
        yield connection


def surveyed() -> dict[str, dict]:
    """Campaign id → its planted survey, for campaigns with one."""
    return {cid: c["survey"] for cid, c in CAMPAIGNS.items() if c.get("survey")}


def lifts_by_question(db: duckdb.DuckDBPyConnection, campaign_id: str) -> dict:
    return {r.question: r for r in brand_lift.lift_by_question(db, campaign_id, CONFIDENCE)}


# --- Brand lift --------------------------------------------------------------------------------


def test_lift_counts_are_the_planted_answers(db: duckdb.DuckDBPyConnection) -> None:
    for campaign_id, survey in surveyed().items():
        results = lifts_by_question(db, campaign_id)
        assert set(results) == set(survey["questions"]), campaign_id
        for question, planted in survey["questions"].items():
            result, observed = results[question], planted["observed"]
            where = f"{campaign_id} {question}"
            assert result.n_exposed == observed["exposed"]["n"], where
            assert result.n_control == observed["control"]["n"], where
            key = "weighted_rate" if survey["weighted"] else "rate"
            for group, rate in (("exposed", result.exposed_rate), ("control", result.control_rate)):
                n = observed[group]["n"]
                # Vendor exports round the rate: it must still give the count to half an answer.
                tolerance = 1e-6 if result.source == "respondents" else 0.5 / n
                assert rate == pytest.approx(observed[group][key], abs=tolerance), (where, group)


def test_lift_intervals_cover_the_planted_lift(db: duckdb.DuckDBPyConnection) -> None:
    misses, cases = [], 0
    for campaign_id, survey in surveyed().items():
        if survey["no_real_lift"]:
            continue
        results = lifts_by_question(db, campaign_id)
        for question, planted in survey["questions"].items():
            true_lift = planted["p_exposed"] - planted["p_control"]
            assert true_lift == pytest.approx(planted["absolute_lift"], abs=1e-6)
            result = results[question]
            assert result.confidence == CONFIDENCE
            cases += 1
            if not covers(result.ci_low, result.ci_high, true_lift):
                misses.append(
                    f"{campaign_id} {question}: planted {true_lift:+.4f}, measured "
                    f"{result.absolute_lift:+.4f} [{result.ci_low:+.4f}, {result.ci_high:+.4f}]"
                )
    assert_coverage(misses, cases, "lift by question")


def test_no_lift_campaign_is_not_significant(db: duckdb.DuckDBPyConnection) -> None:
    no_lift = {cid: s for cid, s in surveyed().items() if s["no_real_lift"]}
    assert no_lift, "the demo plants a campaign without lift"
    for campaign_id, survey in no_lift.items():
        results = lifts_by_question(db, campaign_id)
        for question, planted in survey["questions"].items():
            assert planted["p_exposed"] == planted["p_control"]
            result = results[question]
            assert not result.significant, (
                f"{campaign_id} {question}: significant lift {result.absolute_lift:+.4f} "
                f"[{result.ci_low:+.4f}, {result.ci_high:+.4f}] where none was planted"
            )
            assert covers(result.ci_low, result.ci_high, 0.0)


def test_pooled_lift_covers_the_weighted_planted_lift(db: duckdb.DuckDBPyConnection) -> None:
    by_question: dict[str, list[str]] = {}
    for campaign_id, survey in surveyed().items():
        for question in survey["questions"]:
            by_question.setdefault(question, []).append(campaign_id)
    misses = []
    for question, campaign_ids in by_question.items():
        pooled = brand_lift.pooled_lift(db, campaign_ids, question, CONFIDENCE)
        assert set(pooled.campaign_ids) == set(campaign_ids), question
        planted = [
            CAMPAIGNS[cid]["survey"]["questions"][question]["absolute_lift"]
            for cid in pooled.campaign_ids
        ]
        # A fixed-effect pool estimates the same weighted mean of the campaigns' true lifts.
        target = float(np.average(planted, weights=pooled.weights))
        if not covers(pooled.ci_low, pooled.ci_high, target):
            misses.append(
                f"{question}: planted weighted lift {target:+.4f}, pooled {pooled.estimate:+.4f} "
                f"[{pooled.ci_low:+.4f}, {pooled.ci_high:+.4f}]"
            )
    assert_coverage(misses, len(by_question), "pooled lift")


def test_small_survey_gets_the_sample_size_warning(db: duckdb.DuckDBPyConnection) -> None:
    floor = f"below the {brand_lift.MIN_ANSWERS_PER_GROUP} per group"
    assert brand_lift.MIN_ANSWERS_PER_GROUP == 250  # Meta's floor, the truth's flag
    small = [cid for cid, s in surveyed().items() if s["below_250_per_group"]]
    assert small, "the demo plants a survey below 250 answers per group"
    for campaign_id, survey in surveyed().items():
        for question, result in lifts_by_question(db, campaign_id).items():
            warned = any(floor in w for w in result.warnings)
            assert warned == survey["below_250_per_group"], (campaign_id, question, result.warnings)


# --- Lift by exposure count ------------------------------------------------------------------


def dose_cases() -> list[tuple[str, str, dict]]:
    """(campaign, question, planted question) for every question with a planted dose curve."""
    return [
        (cid, question, planted)
        for cid, survey in surveyed().items()
        for question, planted in survey["questions"].items()
        if "dose_response" in planted
    ]


def test_lift_grows_with_exposure_count(db: duckdb.DuckDBPyConnection) -> None:
    cases = dose_cases()
    assert cases, "the demo plants a dose curve"
    z = stats.norm.ppf((1 + CONFIDENCE) / 2)
    for campaign_id, question, planted in cases:
        curve = {
            r.exposure_bucket: r for r in brand_lift.lift_by_exposure(db, campaign_id, question)
        }
        buckets = list(planted["dose_response"])
        assert list(curve) == buckets == list(brand_lift.EXPOSURE_BUCKETS)
        truth = [planted["dose_response"][b]["absolute_lift"] for b in buckets]
        assert truth == sorted(truth) and truth[-1] > truth[0]
        for bucket in buckets:
            observed = planted["observed"]["by_exposures"][bucket]
            assert curve[bucket].n_exposed == observed["n"], (campaign_id, bucket)
            rate = observed["positive"] / observed["n"]
            assert curve[bucket].exposed_rate == pytest.approx(rate, abs=1e-9)
        estimates = [curve[b].absolute_lift for b in buckets]
        where = f"{campaign_id} {question}: lifts {[round(e, 4) for e in estimates]}"
        assert estimates[-1] - estimates[0] > 0, where
        slope = np.polyfit(np.arange(len(buckets)), estimates, 1)[0]
        assert slope > 0, where
        # Ordered as planted up to sampling noise: buckets share the control group, so two
        # buckets' lifts differ by their exposed rates only.
        for low, high in zip(buckets, buckets[1:], strict=False):
            a, b = curve[low], curve[high]
            se = math.sqrt(
                a.exposed_rate * (1 - a.exposed_rate) / a.n_exposed_effective
                + b.exposed_rate * (1 - b.exposed_rate) / b.n_exposed_effective
            )
            assert b.absolute_lift - a.absolute_lift > -z * se, f"{where}: {low} → {high}"


def test_exposure_buckets_cover_their_planted_lift(db: duckdb.DuckDBPyConnection) -> None:
    misses, cases = [], 0
    for campaign_id, question, planted in dose_cases():
        for result in brand_lift.lift_by_exposure(db, campaign_id, question, CONFIDENCE):
            if not result.n_exposed:  # an empty bucket has no interval to check
                continue
            true_lift = planted["dose_response"][result.exposure_bucket]["absolute_lift"]
            cases += 1
            if not covers(result.ci_low, result.ci_high, true_lift):
                misses.append(
                    f"{campaign_id} {question} {result.exposure_bucket}: planted "
                    f"{true_lift:+.4f}, measured {result.absolute_lift:+.4f} "
                    f"[{result.ci_low:+.4f}, {result.ci_high:+.4f}]"
                )
    assert_coverage(misses, cases, "lift by exposure bucket")


# --- Adstock ----------------------------------------------------------------------------------


def adstock_cases() -> dict[str, dict]:
    return {cid: c["adstock"] for cid, c in CAMPAIGNS.items() if c.get("adstock")}


def test_brand_channel_series_is_the_planted_series(db: duckdb.DuckDBPyConnection) -> None:
    assert adstock_cases(), "the demo plants adstock"
    for campaign_id, planted in adstock_cases().items():
        series = exposure.weekly_series(db, campaign_id, outcome="brand_channel")
        weeks = [pd.Timestamp(w).date().isoformat() for w in series["week"]]
        assert weeks == planted["weeks"], campaign_id
        # The truth's input is in thousands of EUR.
        spend_keur = (series["spend"] / 1000).tolist()
        assert spend_keur == pytest.approx(planted["x_keur"], abs=1e-5), campaign_id
        assert series["outcome"].tolist() == planted["observed_outcome"], campaign_id
        rows = db.execute(planted["outcome_sql"]).fetchall()
        assert [int(views) for _, views in rows] == planted["observed_outcome"], campaign_id


def test_adstock_theta_is_recovered(db: duckdb.DuckDBPyConnection) -> None:
    far, misses = [], []
    for campaign_id, planted in adstock_cases().items():
        theta = planted["theta"]
        fit = exposure.fit_campaign_adstock(db, campaign_id, confidence=CONFIDENCE)
        # The surveys are too short to fit on: the fit falls back on the planted outcome.
        assert fit.outcome == "brand_channel", (campaign_id, fit.warnings)
        assert fit.input == "spend" and fit.weeks == len(planted["weeks"]), campaign_id
        assert fit.theta is not None, (campaign_id, fit.warnings)
        line = (
            f"{campaign_id}: planted θ {theta}, fitted {fit.theta:.2f} "
            f"[{fit.theta_low:.3f}, {fit.theta_high:.3f}]"
        )
        if abs(fit.theta - theta) > THETA_TOLERANCE + 1e-9:
            far.append(line)
        if not covers(fit.theta_low - 1e-9, fit.theta_high + 1e-9, theta):
            misses.append(line)
    assert not far, "θ further than ±0.1 from the planted one:\n" + "\n".join(far)
    assert_coverage(misses, len(adstock_cases()), "adstock θ")


# --- Creators and relationships ---------------------------------------------------------------


def planted_posts() -> pd.DataFrame:
    """Planted sponsored posts of every creator with their collaboration number and rates."""
    rows = [
        {"creator_id": creator_id, "relationship": creator["relationship"], **post}
        for creator_id, creator in TRUTH["creators"].items()
        for post in creator["posts"]
    ]
    return pd.DataFrame(rows)


def within_slope(frame: pd.DataFrame, y: str) -> float | None:
    """OLS slope of ``y`` on collaboration number, both centred within creator-client pairs."""
    keys = ["creator_id", "client"]
    x_c = frame["collab_number"] - frame.groupby(keys)["collab_number"].transform("mean")
    y_c = frame[y] - frame.groupby(keys)[y].transform("mean")
    sxx = float((x_c**2).sum())
    return float((x_c * y_c).sum() / sxx) if sxx > 0 else None


def test_collaboration_numbers_are_the_planted_ones(db: duckdb.DuckDBPyConnection) -> None:
    # The generator numbers each post among the creator's posts for the client: basis "post".
    measured = creators.collaboration_posts(db, Filters(), basis="post").set_index("post_id")
    planted = planted_posts().set_index("post_id")
    assert set(planted.index) <= set(measured.index)
    numbers = measured.loc[planted.index, "collaboration_number"].astype(int)
    assert numbers.tolist() == planted["collab_number"].tolist()
    rates = measured.loc[planted.index, "er_reach"].astype(float)
    assert rates.tolist() == pytest.approx(planted["observed_er_by_reach"].tolist(), abs=1e-6)


def test_relationship_trends_have_the_planted_sign(db: duckdb.DuckDBPyConnection) -> None:
    posts = planted_posts()
    directed = posts[posts["relationship"].isin(["deepening", "fatigue"])]
    assert set(directed["relationship"]) == {"deepening", "fatigue"}
    misses, cases = [], 0
    for creator_id, planted in posts.groupby("creator_id"):
        trend = creators.relationship_trend(
            db, Filters(), creator_id=creator_id, confidence=CONFIDENCE, basis="post"
        )
        relationship = planted["relationship"].iloc[0]
        expected_slope = within_slope(planted, "expected_er_by_reach")
        if expected_slope is None:  # one post per client: no trend to measure
            assert trend.slope is None, creator_id
            continue
        # The truth's rates are rounded to 6 decimals.
        observed_slope = within_slope(planted, "observed_er_by_reach")
        assert trend.slope == pytest.approx(observed_slope, abs=1e-6), creator_id
        where = f"{creator_id} ({relationship}): slope {trend.slope:+.5f}"
        if relationship == "deepening":
            assert trend.slope > 0, where
        elif relationship == "fatigue":
            assert trend.slope < 0, where
        if trend.ci_low is not None:
            cases += 1
            if not covers(trend.ci_low, trend.ci_high, expected_slope):
                misses.append(
                    f"{where} [{trend.ci_low:+.5f}, {trend.ci_high:+.5f}], planted "
                    f"{expected_slope:+.5f}"
                )
    assert_coverage(misses, cases, "relationship slope")


# --- Disclosure, exposure log ------------------------------------------------------------------


def test_disclosure_classes_are_the_planted_ones(db: duckdb.DuckDBPyConnection) -> None:
    planted = {
        p["post_id"]: p["disclosure"]
        for p in TRUTH["posts"]
        if p["disclosure"] in disclosure.STATUSES
    }
    assert len(planted) == TRUTH["counts"]["sponsored_posts"]
    measured = disclosure.post_disclosure(db, Filters()).set_index("post_id")["status"].to_dict()
    assert set(measured) == set(planted)
    wrong = {
        post_id: (status, measured[post_id])
        for post_id, status in planted.items()
        if measured[post_id] != status
    }
    assert not wrong, f"planted vs measured: {wrong}"
    counts = pd.Series(list(measured.values())).value_counts().to_dict()
    assert counts == TRUTH["counts"]["disclosure"]


def test_exposure_log_counts_are_the_planted_ones(db: duckdb.DuckDBPyConnection) -> None:
    log = TRUTH["exposure_log"]
    filters = Filters(campaign_ids=(log["campaign_id"],))
    distribution = exposure.frequency_distribution(db, filters)
    assert distribution.people_reached == log["persons"]
    assert distribution.exposures == log["rows"]
    assert distribution.average_frequency == pytest.approx(log["average_frequency"], abs=1e-4)
    people = dict(zip(distribution.buckets["bucket"], distribution.buckets["people"], strict=True))
    assert people == log["persons_with_at_least"]
    daily = exposure.cumulative_reach(db, filters)
    days = pd.to_datetime(daily["day"])
    weekly = daily.groupby((days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date)[
        "cumulative_reach"
    ].max()
    for row in log["cumulative_unique_reach"]:
        week = pd.Timestamp(row["week"]).date()
        assert weekly[week] == row["unique_reach"], row
