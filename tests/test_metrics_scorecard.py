"""Objective scorecard: grading rules by hand, then on a small database built row by row."""

from __future__ import annotations

import importlib
import json
import math

import pytest

from i18n import catalogue
from metrics import scorecard
from metrics.scorecard import (
    INCONCLUSIVE,
    MET,
    MISSED,
    OBJECTIVE_METRICS,
    TARGET_METRICS,
    UNLIKELY,
    Measurement,
    UnknownCampaign,
    grade_target,
    primary_metrics,
)
from sample_data.loader import read_manifest
from store import post_totals


def interval(low: float | None, high: float | None, value: float | None = None) -> Measurement:
    centre = value if value is not None else (low + high) / 2
    return Measurement(centre, low, high, "confidence", 0.90, "measured")


# --- grading by hand ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "status"),
    [
        (0.06, 0.10, MET),  # the whole interval above the 5-point target
        (0.05, 0.09, MET),  # touching the target from above still clears it
        (0.00, 0.04, MISSED),  # the whole interval below
        (-0.02, 0.0499, MISSED),
        (0.03, 0.08, INCONCLUSIVE),  # straddles 0.05
        (-0.01, 0.11, INCONCLUSIVE),
    ],
)
def test_a_lift_target_is_graded_on_its_interval(low, high, status):
    grade = grade_target("ad_recall_lift", 0.05, interval(low, high))
    assert grade.status == status
    assert (grade.ci_low, grade.ci_high, grade.target) == (low, high, 0.05)
    assert grade.interval == "confidence" and grade.confidence == 0.90
    assert "90% interval" in grade.reason and "+5.0 pts" in grade.reason


def test_an_inconclusive_lift_says_more_answers_would_settle_it():
    grade = grade_target("awareness_lift", 0.04, interval(-0.003, 0.084, 0.041))
    assert grade.status == INCONCLUSIVE
    assert grade.reason == (
        "-0.3 pts to +8.4 pts (90% interval) straddles the target +4.0 pts (higher is better): "
        "more answers would settle it"
    )


@pytest.mark.parametrize(
    ("cpm", "status", "words"),
    [
        (9.89, MET, "9.89 EUR is at or below the target 12.00 EUR (lower is better)"),
        (12.0, MET, "12.00 EUR is at or below the target 12.00 EUR (lower is better)"),
        (14.2, MISSED, "14.20 EUR is above the target 12.00 EUR (lower is better)"),
    ],
)
def test_a_lower_is_better_cpm_target(cpm, status, words):
    measured = Measurement(cpm, provenance="measured", currency="EUR")
    grade = grade_target("cpm", 12.0, measured, primary=False)
    assert (grade.status, grade.reason, grade.direction) == (status, words, "lower")
    assert grade.interval is None and grade.ci_low is None and grade.currency == "EUR"


def test_a_metric_that_cannot_be_computed_is_inconclusive_with_its_reason():
    missing = Measurement(None, reason="no cost recorded (no creator fee and no ad spend)")
    grade = grade_target("cpc", 3.0, missing)
    assert grade.status == INCONCLUSIVE
    assert grade.reason == "no cost recorded (no creator fee and no ad spend)"
    assert grade.value is None and grade.target == 3.0


def test_unknown_keys_and_bad_targets_are_inconclusive_not_errors():
    unknown = grade_target("likes_per_euro", 2.0, Measurement(5.0))
    assert unknown.status == INCONCLUSIVE and "no grading rule" in unknown.reason
    assert grade_target("reach", math.nan, Measurement(5.0)).reason == "the target is not a number"
    assert grade_target("reach", None, Measurement(5.0)).status == INCONCLUSIVE


@pytest.mark.parametrize(
    ("target", "status"),
    [(100_000, MET), (500_000, INCONCLUSIVE), (2_000_000, MISSED)],
)
def test_summed_reach_is_graded_on_its_bounds(target, status):
    # Unique reach lies between the largest single figure (210,881) and the sum (1,679,902).
    bounds = Measurement(1_679_902.0, 210_881.0, 1_679_902.0, "bounds", None, "estimated")
    grade = grade_target("reach", target, bounds)
    assert grade.status == status
    assert "(bounds)" in grade.reason and grade.confidence is None


def test_an_unbounded_side_counts_as_infinite():
    # Cost per lifted user when the lift interval reaches 0: the cost has no upper bound.
    open_ended = Measurement(None, 1.2, None, "confidence", 0.9, "estimated")
    assert grade_target("cost_per_lifted_user", 2.0, open_ended).status == INCONCLUSIVE
    assert grade_target("cost_per_lifted_user", 1.0, open_ended).status == MISSED
    assert "unbounded" in grade_target("cost_per_lifted_user", 2.0, open_ended).reason


def test_grades_are_plain_json():
    grade = grade_target("ad_recall_lift", 0.05, interval(0.06, 0.10), primary=True)
    values = json.loads(json.dumps(grade.as_dict(), allow_nan=False))
    assert values["status"] == MET and values["primary"] is True
    assert values["provider"] == "metrics.brand_lift.lift_by_question"


# --- the metric table --------------------------------------------------------------------------


def test_primary_metrics_of_each_objective_follow_the_spec():
    assert primary_metrics("awareness") == (
        "ad_recall_lift",
        "awareness_lift",
        "reach",
        "frequency",
    )
    assert primary_metrics("consideration") == (
        "consideration_lift",
        "favorability_lift",
        "saves_per_reach",
        "shares_per_reach",
    )
    assert primary_metrics("conversion") == ("clicks", "cpc", "purchase_intent_lift")
    assert primary_metrics("loyalty") == ("repeat_collaborations", "favorability_lift")
    assert primary_metrics(None) == ()
    with pytest.raises(ValueError, match="objective must be one of"):
        primary_metrics("virality")


def test_every_target_key_of_the_sample_data_and_of_the_objectives_is_known():
    used = {key for c in read_manifest()["campaigns"] for key in c["targets"]}
    primary = {key for keys in OBJECTIVE_METRICS.values() for key in keys}
    assert used | primary <= set(TARGET_METRICS)


def test_the_upload_page_keys_are_all_graded():
    from ui import campaign

    assert set(campaign.TARGET_METRICS) <= set(TARGET_METRICS)
    for objective, keys in campaign.OBJECTIVE_METRICS.items():
        assert tuple(keys) == primary_metrics(objective)


@pytest.mark.parametrize("key", list(TARGET_METRICS))
def test_every_target_metric_is_described_and_provided(key):
    metric = TARGET_METRICS[key]
    assert metric.key == key and metric.label and metric.definition
    for lang in catalogue.LANGUAGES:  # the label and the definition are written in each language
        assert catalogue.has(metric.label.code, lang) and catalogue.has(
            metric.definition.code, lang
        )
    assert metric.direction in ("higher", "lower")
    assert metric.unit in ("points", "ratio", "count", "currency", "times", "creators", "net")
    module_name, function = metric.provider.rsplit(".", 1)
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        pytest.skip(f"{module_name} is not installed")
    assert callable(getattr(module, function))


@pytest.mark.parametrize("module", ["metrics.scorecard", "metrics.report"])
def test_public_functions_are_documented_and_the_main_ones_name_their_source(module):
    import inspect

    loaded = importlib.import_module(module)
    for name, function in inspect.getmembers(loaded, inspect.isfunction):
        if function.__module__ == module and not name.startswith("_"):
            assert function.__doc__, f"{module}.{name} has no docstring"
    main = loaded.scorecard if module == "metrics.scorecard" else loaded.campaign_report
    assert "Source: README, What is in the dashboard" in main.__doc__


def test_labels_in_both_languages():
    assert scorecard.target_labels("fr")["reach"] == "Couverture (personnes)"
    assert scorecard.target_labels()["cpm"].startswith("CPM")
    with pytest.raises(ValueError):
        scorecard.target_labels("de")


# --- a small database, graded end to end -------------------------------------------------------

CAMPAIGN_SQL = """
INSERT INTO campaigns (campaign_id, client_id, name, objective, start_date, end_date, currency,
                       targets, brand_terms)
VALUES (?, 1, ?, ?, DATE '2026-03-01', DATE '2026-03-31', 'EUR', ?, '["Aurore"]')
"""

ANSWERS_SQL = """
INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, positive, weight)
SELECT ?, ? || i, ?, ?, i < ?, 1.0 FROM range(?) AS t(i)
"""


def add_answers(connection, campaign_id, question, positives_e, positives_c, n=1000):
    for group, positives in (("exposed", positives_e), ("control", positives_c)):
        connection.execute(ANSWERS_SQL, [campaign_id, f"{group[0]}", group, question, positives, n])


@pytest.fixture
def graded_db(connection):
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Aurore')")
    targets = {
        "ad_recall_lift": 0.05,
        "awareness_lift": 0.03,
        "consideration_lift": 0.02,
        "favorability_lift": 0.03,
        "frequency": 2.0,
        "cpm": 12.0,
        "cpc": 0.5,
        "repeat_collaborations": 1,
        "likes_per_euro": 3.0,
    }
    connection.execute(CAMPAIGN_SQL, ["c1", "Spring", "awareness", json.dumps(targets)])
    connection.execute(
        CAMPAIGN_SQL, ["c2", "Summer", "conversion", json.dumps({"purchase_intent_lift": 0.02})]
    )
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, cost)"
        " VALUES ('instagram:1', 'instagram', '1', 'instagram:ines', 'c1',"
        " TIMESTAMP '2026-03-05 10:00', 1000)"
    )
    # Impressions and clicks but no reach: CPM 1000 / 100,000 × 1000 = 10 EUR, CPC 1000 / 1000.
    connection.execute(
        "INSERT INTO post_metrics (post_id, metric_date, period, impressions, clicks, likes)"
        " VALUES ('instagram:1', DATE '2026-03-20', 'lifetime', 100000, 1000, 3000)"
    )
    post_totals.rebuild(connection)  # as the ingest does after writing metric rows
    # 300/1000 vs 200/1000: lift +10 pts, Newcombe 90 % interval [+6.8, +13.2] (> 5: met).
    add_answers(connection, "c1", "ad_recall", 300, 200)
    # 220/1000 vs 200/1000: +2 pts, interval [-1.0, +5.0] straddles 3; read on its upper side
    # (s = 3.0 / 1.645), P(lift > 3 pts) = Φ(-1.0 / 1.82) ≈ 0.29: unlikely.
    add_answers(connection, "c1", "awareness", 220, 200)
    # 180/1000 vs 200/1000: -2 pts, interval [-4.9, +0.9] all below 2: missed.
    add_answers(connection, "c1", "consideration", 180, 200)
    return connection


def test_a_campaign_graded_end_to_end(graded_db):
    grades = {g.key: g for g in scorecard.scorecard(graded_db, "c1")}
    assert list(grades)[:3] == ["ad_recall_lift", "awareness_lift", "frequency"]  # primary first
    assert grades["ad_recall_lift"].status == MET
    assert grades["ad_recall_lift"].ci_low == pytest.approx(0.068248, abs=1e-6)
    assert grades["ad_recall_lift"].ci_high == pytest.approx(0.131500, abs=1e-6)
    assert grades["ad_recall_lift"].value == pytest.approx(0.10)
    assert grades["awareness_lift"].status == UNLIKELY
    assert grades["awareness_lift"].ci_low == pytest.approx(-0.009972, abs=1e-6)
    awareness = grades["awareness_lift"]
    spread = (awareness.ci_high - 0.02) / 1.6448536269514722
    assert awareness.probability_met == pytest.approx(
        0.5 * math.erfc((0.03 - 0.02) / spread / math.sqrt(2)), abs=1e-9
    )
    assert 0.25 < awareness.probability_met < 0.33
    assert grades["ad_recall_lift"].probability_met > 0.95  # the interval clears the target
    assert grades["consideration_lift"].probability_met < 0.05
    assert grades["cpm"].probability_met is None  # an exact value: met or missed, no chance
    assert grades["consideration_lift"].status == MISSED
    assert grades["consideration_lift"].ci_high == pytest.approx(0.008872, abs=1e-6)
    assert grades["favorability_lift"].status == INCONCLUSIVE
    assert grades["favorability_lift"].reason == "the survey has no answers to favorability"
    assert grades["frequency"].status == INCONCLUSIVE
    assert "no reach exported" in grades["frequency"].reason
    assert (grades["cpm"].status, grades["cpm"].value) == (MET, pytest.approx(10.0))
    assert (grades["cpc"].status, grades["cpc"].value) == (MISSED, pytest.approx(1.0))
    assert grades["cpm"].currency == "EUR" and not grades["cpm"].primary
    assert (grades["repeat_collaborations"].status, grades["repeat_collaborations"].value) == (
        MISSED,
        0.0,
    )
    assert grades["likes_per_euro"].status == INCONCLUSIVE
    assert all(g.primary == (k in primary_metrics("awareness")) for k, g in grades.items())


def test_a_campaign_without_survey_says_so(graded_db):
    (grade,) = scorecard.scorecard(graded_db, "c2")
    assert (grade.key, grade.status) == ("purchase_intent_lift", INCONCLUSIVE)
    assert grade.reason == "no brand-lift survey loaded for this campaign"


def test_the_confidence_changes_the_interval(graded_db):
    at_90 = {g.key: g for g in scorecard.scorecard(graded_db, "c1")}
    at_99 = {g.key: g for g in scorecard.scorecard(graded_db, "c1", confidence=0.99)}
    assert at_99["ad_recall_lift"].ci_low < at_90["ad_recall_lift"].ci_low
    assert at_99["ad_recall_lift"].confidence == 0.99


def test_an_unknown_campaign_is_a_clear_error(graded_db):
    with pytest.raises(UnknownCampaign, match=r"no campaign 'c3' in this database; did you mean"):
        scorecard.scorecard(graded_db, "c3")
    with pytest.raises(ValueError, match="confidence"):
        scorecard.scorecard(graded_db, "c1", confidence=1.5)


def test_every_target_names_its_reference_in_words_in_each_language():
    for key in scorecard.TARGET_METRICS:
        reference = scorecard.reference(key)
        for lang in ("en", "fr"):
            words = reference.render(lang)
            assert words and "metrics." not in words and "_" not in words, (key, lang, words)
