from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

from metrics import brand_lift, stats
from store import post_totals

REPORT_KEYS = {
    "exposed_rate",
    "control_rate",
    "absolute_lift",
    "relative_lift",
    "headroom_lift",
    "ci_low",
    "ci_high",
    "p_value",
    "prob_positive",
    "significant",
    "n_exposed",
    "n_control",
}


def _campaign(connection, campaign_id: str = "spring", client: str = "Acme") -> str:
    connection.execute("INSERT INTO clients (name) VALUES (?) ON CONFLICT DO NOTHING", [client])
    client_id = connection.execute(
        "SELECT client_id FROM clients WHERE name = ?", [client]
    ).fetchone()[0]
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, objective, currency) "
        "VALUES (?, ?, ?, 'awareness', 'EUR')",
        [campaign_id, client_id, campaign_id.title()],
    )
    return campaign_id


def _respondents(
    campaign_id: str,
    question: str,
    exposed: np.ndarray,
    control: np.ndarray,
    exposures: np.ndarray | None = None,
    weights: np.ndarray | None = None,
    prefix: str = "r",
) -> pd.DataFrame:
    positive = np.concatenate([exposed, control]).astype(bool)
    n_e = len(exposed)
    frame = pd.DataFrame(
        {
            "campaign_id": campaign_id,
            "respondent_id": [f"{prefix}{i}" for i in range(len(positive))],
            "group": ["exposed"] * n_e + ["control"] * len(control),
            "question": question,
            "positive": positive,
            "exposures": (
                pd.array(list(exposures) + [0] * len(control), dtype="Int64")
                if exposures is not None
                else pd.array([None] * len(positive), dtype="Int64")
            ),
            "responded_at": pd.Timestamp("2026-03-02 12:00"),
            "weight": weights if weights is not None else 1.0,
        }
    )
    return frame


def _insert_responses(connection, frame: pd.DataFrame) -> None:
    connection.register("incoming", frame)
    connection.execute(
        'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, positive, '
        "exposures, responded_at, weight) "
        'SELECT campaign_id, respondent_id, "group", question, positive, exposures, '
        "responded_at, weight FROM incoming"
    )
    connection.unregister("incoming")


def _simulate(connection, campaign_id, question, p_e, p_c, n, seed, **kwargs) -> None:
    rng = np.random.default_rng(seed)
    exposed = rng.random(n) < p_e
    control = rng.random(n) < p_c
    _insert_responses(
        connection,
        _respondents(campaign_id, question, exposed, control, prefix=f"{question}-", **kwargs),
    )


def _counts(connection, campaign_id, question):
    return connection.execute(
        "SELECT count(*) FILTER (WHERE \"group\" = 'exposed' AND positive), "
        "count(*) FILTER (WHERE \"group\" = 'exposed'), "
        "count(*) FILTER (WHERE \"group\" = 'control' AND positive), "
        "count(*) FILTER (WHERE \"group\" = 'control') "
        "FROM survey_responses WHERE campaign_id = ? AND question = ?",
        [campaign_id, question],
    ).fetchone()


def _assert_defined(values: dict) -> None:
    for key, value in values.items():
        if isinstance(value, float):
            assert math.isfinite(value), f"{key} is {value}"


def _post(connection, post_id, campaign_id, cost=None, snapshots=()):
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, campaign_id, posted_at, cost) "
        "VALUES (?, 'instagram', ?, ?, TIMESTAMP '2026-03-01 10:00', ?)",
        [post_id, post_id, campaign_id, cost],
    )
    for day, impressions, reach in snapshots:
        connection.execute(
            "INSERT INTO post_metrics (post_id, metric_date, period, impressions, reach) "
            "VALUES (?, ?, 'lifetime', ?, ?)",
            [post_id, day, impressions, reach],
        )
    post_totals.rebuild(connection)  # as the ingest does after writing metric rows


# --- Planted effects ---------------------------------------------------------------------------


def test_planted_lift_is_recovered(connection):
    campaign = _campaign(connection)
    _simulate(connection, campaign, "ad_recall", 0.38, 0.30, 3000, seed=11)
    (result,) = brand_lift.lift_by_question(connection, campaign)
    x_e, n_e, x_c, n_c = _counts(connection, campaign, "ad_recall")
    assert (result.n_exposed, result.n_control) == (n_e, n_c) == (3000, 3000)
    assert result.source == "respondents" and result.provenance == "measured"
    assert result.ci_low <= 0.08 <= result.ci_high
    assert result.significant and result.ci_low > 0
    assert result.absolute_lift == pytest.approx(x_e / n_e - x_c / n_c, abs=1e-12)
    expected = confint_proportions_2indep(x_e, n_e, x_c, n_c, method="newcomb", alpha=0.10)
    assert (result.ci_low, result.ci_high) == pytest.approx(tuple(expected), abs=1e-9)
    _, p_value = proportions_ztest([x_e, x_c], [n_e, n_c])
    assert result.p_value == pytest.approx(p_value, abs=1e-9)
    assert result.certainty == pytest.approx(1 - p_value, abs=1e-9)
    assert result.prob_positive > 0.999 and not result.low_certainty
    assert result.min_detectable_lift == pytest.approx(
        stats.minimum_detectable_lift(3000, 3000, x_c / n_c, 0.90)
    )
    assert not any("250" in w for w in result.warnings)
    assert REPORT_KEYS <= set(result.as_dict())
    # The chance of a lift above zero, read off the lower side of the interval: Φ(z · d / (d − low)).
    z = stats.z_critical(0.90)
    spread = (result.absolute_lift - result.ci_low) / z
    by_hand = 0.5 * math.erfc(-result.absolute_lift / spread / math.sqrt(2))
    assert result.chance_above_zero() == pytest.approx(by_hand, abs=1e-12)
    assert brand_lift.lift_frame([result])["chance_positive"].tolist() == [by_hand]


def test_no_lift_simulation_is_not_significant(connection):
    campaign = _campaign(connection)
    _simulate(connection, campaign, "awareness", 0.30, 0.30, 3000, seed=3)
    (result,) = brand_lift.lift_by_question(connection, campaign)
    assert result.ci_low < 0 < result.ci_high
    assert not result.significant
    assert any("not proof of no effect" in w for w in result.warnings)


def test_questions_come_in_a_fixed_order_and_confidence_is_used(connection):
    campaign = _campaign(connection)
    for seed, question in enumerate(["purchase_intent", "ad_recall", "consideration"]):
        _simulate(connection, campaign, question, 0.35, 0.30, 400, seed=seed)
    results = brand_lift.lift_by_question(connection, campaign, confidence=0.95)
    assert [r.question for r in results] == ["ad_recall", "consideration", "purchase_intent"]
    x_e, n_e, x_c, n_c = _counts(connection, campaign, "ad_recall")
    assert (results[0].ci_low, results[0].ci_high) == pytest.approx(
        stats.newcombe_interval(x_e, n_e, x_c, n_c, 0.95), abs=1e-12
    )
    assert all(r.confidence == 0.95 for r in results)


# --- Weights -----------------------------------------------------------------------------------


def test_respondent_weights_enter_through_kish(connection):
    campaign = _campaign(connection)
    # exposed: 4 answers, positives weighted 2 and 1, negatives 1 and 0.5
    # Σw = 4.5, Σw² = 4 + 1 + 1 + 0.25 = 6.25, Σwy = 3
    # rate = 3 / 4.5 = 0.6667; n_eff = 4.5² / 6.25 = 3.24; x_eff = 0.6667 · 3.24 = 2.16
    # control: 3 answers weight 1, one positive: rate 1/3, n_eff 3, x_eff 1
    frame = _respondents(
        campaign,
        "favorability",
        np.array([1, 1, 0, 0]),
        np.array([1, 0, 0]),
        weights=np.array([2.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0]),
    )
    _insert_responses(connection, frame)
    (result,) = brand_lift.lift_by_question(connection, campaign)
    assert result.n_exposed == 4 and result.n_exposed_effective == pytest.approx(3.24)
    assert result.exposed_rate == pytest.approx(2 / 3)
    assert result.control_rate == pytest.approx(1 / 3)
    expected = stats.compare_proportions(2.16, 3.24, 1.0, 3.0)
    assert (result.ci_low, result.ci_high) == pytest.approx((expected.ci_low, expected.ci_high))
    assert result.p_value == pytest.approx(expected.p_value)


def test_equal_weights_change_nothing_and_bad_weights_are_dropped(connection):
    first, second = _campaign(connection, "plain"), _campaign(connection, "doubled")
    rng = np.random.default_rng(5)
    exposed, control = rng.random(300) < 0.4, rng.random(300) < 0.3
    _insert_responses(connection, _respondents(first, "awareness", exposed, control))
    weights = np.full(600, 2.0)
    _insert_responses(
        connection, _respondents(second, "awareness", exposed, control, weights=weights)
    )
    (plain,) = brand_lift.lift_by_question(connection, first)
    (doubled,) = brand_lift.lift_by_question(connection, second)
    for key in ("exposed_rate", "control_rate", "ci_low", "ci_high", "p_value", "prob_positive"):
        assert getattr(doubled, key) == pytest.approx(getattr(plain, key), abs=1e-12)
    connection.execute(
        "UPDATE survey_responses SET weight = -1 WHERE campaign_id = 'doubled' "
        "AND respondent_id IN ('r0', 'r1')"
    )
    connection.execute(
        "UPDATE survey_responses SET weight = 'NaN'::DOUBLE WHERE campaign_id = 'doubled' "
        "AND respondent_id = 'r2'"
    )
    (dropped,) = brand_lift.lift_by_question(connection, second)
    assert dropped.n_exposed == 297
    assert any("3 exposed answers left out" in w for w in dropped.warnings)
    _assert_defined(dropped.as_dict())


# --- Aggregated results ------------------------------------------------------------------------


def test_aggregated_results_when_no_respondents(connection):
    campaign = _campaign(connection)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, '
        "positive_count, positive_rate) VALUES "
        "(?, 'awareness', 'exposed', 1200, 540, NULL), (?, 'awareness', 'control', 1100, 418, NULL),"
        "(?, 'consideration', 'exposed', 1000, NULL, 0.21), "
        "(?, 'consideration', 'control', 900, NULL, 0.2)",
        [campaign] * 4,
    )
    awareness, consideration = brand_lift.lift_by_question(connection, campaign)
    assert awareness.source == consideration.source == "aggregated"
    assert awareness.exposed_rate == pytest.approx(0.45)
    assert awareness.control_rate == pytest.approx(0.38)
    expected = confint_proportions_2indep(540, 1200, 418, 1100, method="newcomb", alpha=0.10)
    assert (awareness.ci_low, awareness.ci_high) == pytest.approx(tuple(expected), abs=1e-9)
    # 0.21 · 1000 = 210 and 0.2 · 900 = 180 positives
    assert consideration.absolute_lift == pytest.approx(0.01)
    _, p_value = proportions_ztest([210, 180], [1000, 900])
    assert consideration.p_value == pytest.approx(p_value, abs=1e-9)
    assert consideration.low_certainty


def test_respondents_take_precedence_over_aggregated(connection):
    campaign = _campaign(connection)
    _simulate(connection, campaign, "awareness", 0.5, 0.4, 300, seed=1)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, positive_count) '
        "VALUES (?, 'awareness', 'exposed', 10, 9), (?, 'awareness', 'control', 10, 1), "
        "(?, 'ad_recall', 'exposed', 500, 200), (?, 'ad_recall', 'control', 500, 150)",
        [campaign] * 4,
    )
    results = {r.question: r for r in brand_lift.lift_by_question(connection, campaign)}
    assert results["awareness"].source == "respondents"
    assert results["awareness"].n_exposed == 300
    assert results["ad_recall"].source == "aggregated"
    assert results["ad_recall"].absolute_lift == pytest.approx(0.1)


def test_inconsistent_aggregated_counts_give_a_warning_not_an_error(connection):
    campaign = _campaign(connection)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, positive_count) '
        "VALUES (?, 'awareness', 'exposed', 100, 4500), (?, 'awareness', 'control', 100, 40)",
        [campaign] * 2,
    )
    (result,) = brand_lift.lift_by_question(connection, campaign)
    assert result.absolute_lift is None and not result.significant
    assert any("inconsistent" in w for w in result.warnings)
    assert not any("no exposed respondents" in w for w in result.warnings)
    _assert_defined(result.as_dict())


# --- Lifted users and their cost ---------------------------------------------------------------


def test_lifted_users_and_cost_per_lifted_user(connection):
    campaign = _campaign(connection)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, positive_count) '
        "VALUES (?, 'ad_recall', 'exposed', 1000, 400), (?, 'ad_recall', 'control', 1000, 300)",
        [campaign] * 2,
    )
    # Latest lifetime snapshot per post: reach 20 000 (not the earlier 5 000) and 30 000.
    _post(
        connection,
        "p1",
        campaign,
        cost=1500.0,
        snapshots=[("2026-03-02", 8000, 5000), ("2026-03-09", 30000, 20000)],
    )
    _post(connection, "p2", campaign, cost=500.0, snapshots=[("2026-03-09", 40000, 30000)])
    _post(
        connection,
        "elsewhere",
        _campaign(connection, "other"),
        cost=9999.0,
        snapshots=[("2026-03-09", 10**6, 10**6)],
    )
    connection.execute(
        "INSERT INTO ad_delivery (campaign_id, date_start, date_end, reach, impressions, spend, "
        "currency) VALUES (?, '2026-03-01', '2026-03-07', 50000, 120000, 1000.0, 'EUR')",
        [campaign],
    )
    (result,) = brand_lift.lift_by_question(connection, campaign)
    # reach = 20 000 + 30 000 + 50 000 = 100 000; lift = 0.40 - 0.30 = 0.10
    # lifted users = 0.10 · 100 000 = 10 000; spend = 1500 + 500 + 1000 = 3000
    # cost per lifted user = 3000 / 10 000 = 0.30
    assert result.exposed_reach == 100_000
    assert result.spend == pytest.approx(3000.0)
    assert result.lifted_users == pytest.approx(10_000)
    assert result.cost_per_lifted_user == pytest.approx(0.30)
    assert result.reach_provenance == "estimated"
    assert result.lifted_users_provenance == "estimated"
    assert any("over-count" in w for w in result.warnings)


def test_single_post_reach_is_measured(connection):
    campaign = _campaign(connection)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, positive_count) '
        "VALUES (?, 'awareness', 'exposed', 500, 200), (?, 'awareness', 'control', 500, 150)",
        [campaign] * 2,
    )
    _post(connection, "p1", campaign, cost=None, snapshots=[("2026-03-09", 9000, 6000)])
    (result,) = brand_lift.lift_by_question(connection, campaign)
    assert result.exposed_reach == 6000 and result.reach_provenance == "measured"
    assert result.lifted_users == pytest.approx(0.1 * 6000)
    assert result.spend is None and result.cost_per_lifted_user is None


@pytest.mark.parametrize(
    ("exposed", "control", "reach"),
    [(300, 300, 1000), (250, 300, 1000), (400, 300, 0), (400, 300, None)],
    ids=["no lift", "negative lift", "reach 0", "no reach"],
)
def test_lifted_users_are_none_when_undefined(connection, exposed, control, reach):
    campaign = _campaign(connection)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, positive_count) '
        "VALUES (?, 'awareness', 'exposed', 1000, ?), (?, 'awareness', 'control', 1000, ?)",
        [campaign, exposed, campaign, control],
    )
    if reach is not None:
        _post(connection, "p1", campaign, cost=100.0, snapshots=[("2026-03-09", reach, reach)])
    (result,) = brand_lift.lift_by_question(connection, campaign)
    assert result.lifted_users is None and result.cost_per_lifted_user is None
    _assert_defined(result.as_dict())


# --- Edge cases --------------------------------------------------------------------------------


def test_no_survey_gives_an_empty_list_and_a_reason(connection):
    campaign = _campaign(connection)
    assert brand_lift.lift_by_question(connection, campaign) == []
    assert brand_lift.lift_by_exposure(connection, campaign, "awareness") == []
    assert "no brand-lift survey" in brand_lift.lift_unavailable_reason(connection, campaign)
    assert "no campaign" in brand_lift.lift_unavailable_reason(connection, "missing")
    assert brand_lift.lift_frame([]).empty
    pooled = brand_lift.pooled_lift(connection, [campaign], "awareness")
    assert pooled.estimate is None and not pooled.significant
    _simulate(connection, campaign, "awareness", 0.4, 0.3, 10, seed=0)
    assert brand_lift.lift_unavailable_reason(connection, campaign) is None


EDGE_SURVEYS = {
    "zero control positives": ([1] * 20 + [0] * 280, [0] * 300),
    "all control positive": ([1] * 290 + [0] * 10, [1] * 300),
    "empty control": ([1] * 5 + [0] * 5, []),
    "empty exposed": ([], [1] * 5 + [0] * 5),
    "one respondent each": ([1], [0]),
}


@pytest.mark.parametrize("answers", EDGE_SURVEYS.values(), ids=EDGE_SURVEYS.keys())
def test_edge_surveys_are_defined(connection, answers):
    campaign = _campaign(connection)
    exposed, control = (np.array(a, dtype=bool) for a in answers)
    _insert_responses(connection, _respondents(campaign, "awareness", exposed, control))
    _post(connection, "p1", campaign, cost=10.0, snapshots=[("2026-03-09", 100, 80)])
    (result,) = brand_lift.lift_by_question(connection, campaign)
    _assert_defined(result.as_dict())
    assert (result.n_exposed, result.n_control) == (len(exposed), len(control))
    if len(exposed) == 0 or len(control) == 0:
        assert result.absolute_lift is None and result.ci_low is None and result.p_value is None
        assert result.significant is False and result.lifted_users is None
        assert any("no exposed" in w or "no control" in w for w in result.warnings)
    else:
        assert result.ci_low <= result.absolute_lift <= result.ci_high
    if len(control) and not any(control):
        assert result.relative_lift is None and result.headroom_lift is not None
    if len(control) and all(control):
        assert result.headroom_lift is None and result.relative_lift is not None
    for label, group in (("exposed", exposed), ("control", control)):
        below = 0 < len(group) < brand_lift.MIN_ANSWERS_PER_GROUP
        assert any(f"{label} answers: below the 250" in w for w in result.warnings) == below


# --- Lift by exposure --------------------------------------------------------------------------


def test_lift_grows_with_exposure_when_planted(connection):
    campaign = _campaign(connection)
    rng = np.random.default_rng(21)
    per_bucket = 1500
    counts = np.repeat([1, 2, 3, 4, 6], [per_bucket, per_bucket, per_bucket, 800, 700])
    true_rate = 0.30 + 0.03 * np.minimum(counts, 4)
    exposed = rng.random(counts.size) < true_rate
    control = rng.random(3000) < 0.30
    _insert_responses(
        connection, _respondents(campaign, "ad_recall", exposed, control, exposures=counts)
    )
    curve = brand_lift.lift_by_exposure(connection, campaign, "ad_recall")
    assert [r.exposure_bucket for r in curve] == ["1", "2", "3", "4+"]
    assert [r.n_exposed for r in curve] == [1500, 1500, 1500, 1500]
    assert all(r.n_control == 3000 for r in curve)
    lifts = [r.absolute_lift for r in curve]
    assert lifts == sorted(lifts)
    assert curve[-1].significant and curve[-1].ci_low > 0
    for result, planted in zip(curve, (0.03, 0.06, 0.09, 0.12), strict=True):
        assert result.ci_low <= planted <= result.ci_high
    frame = brand_lift.lift_frame(curve)
    assert list(frame["exposure_bucket"]) == ["1", "2", "3", "4+"]


def test_exposure_counts_come_from_the_log_up_to_the_answer(connection):
    campaign = _campaign(connection)
    frame = _respondents(campaign, "awareness", np.array([1, 1, 0, 1, 0]), np.array([0, 1, 0]))
    frame["responded_at"] = pd.Timestamp("2026-03-10 12:00")
    _insert_responses(connection, frame)
    log = [
        ("r0", "2026-03-01"),
        ("r1", "2026-03-01"),
        ("r1", "2026-03-02"),
        ("r2", "2026-03-01"),
        ("r2", "2026-03-03"),
        ("r2", "2026-03-20"),  # after the answer: not counted
        ("r3", "2026-03-01"),
        ("r3", "2026-03-02"),
        ("r3", "2026-03-03"),
        ("r3", "2026-03-04"),
        ("r3", "2026-03-05"),
        ("r5", "2026-03-01"),  # a control respondent who was exposed after all
    ]
    for person, day in log:
        connection.execute(
            "INSERT INTO exposures (campaign_id, person_id, post_id, exposed_at) VALUES (?, ?, 'p', ?)",
            [campaign, person, dt.datetime.fromisoformat(day)],
        )
    curve = {
        r.exposure_bucket: r for r in brand_lift.lift_by_exposure(connection, campaign, "awareness")
    }
    # r0: 1, r1: 2, r2: 2 (one after the answer), r3: 5 → 4+, r4: never seen
    assert curve["1"].n_exposed == 1 and curve["1"].exposed_rate == 1.0
    assert curve["2"].n_exposed == 2 and curve["2"].exposed_rate == 0.5
    assert curve["3"].n_exposed == 0 and curve["3"].absolute_lift is None
    assert curve["4+"].n_exposed == 1
    assert all(r.n_control == 3 for r in curve.values())
    warnings = curve["1"].warnings
    assert any("1 exposed answers with no recorded exposure" in w for w in warnings)
    assert any("1 control respondents have recorded exposures" in w for w in warnings)
    for result in curve.values():
        _assert_defined(result.as_dict())


# --- Pooling -----------------------------------------------------------------------------------


def test_pooled_lift_across_campaigns_by_hand(connection):
    a, b, c = (_campaign(connection, name) for name in ("a", "b", "c"))
    rows = [
        (a, "exposed", 1000, 400),
        (a, "control", 1000, 300),
        (b, "exposed", 400, 120),
        (b, "control", 400, 100),
    ]
    for campaign, group, respondents, positives in rows:
        connection.execute(
            'INSERT INTO survey_results (campaign_id, question, "group", respondents, '
            "positive_count) VALUES (?, 'awareness', ?, ?, ?)",
            [campaign, group, respondents, positives],
        )
    pooled = brand_lift.pooled_lift(connection, [a, b, c], "awareness", confidence=0.90)
    # a: d = 0.10, v = 0.4·0.6/1000 + 0.3·0.7/1000 = 0.00045
    # b: d = 0.05, v = 0.3·0.7/400 + 0.25·0.75/400 = 0.00099375
    # w = 2222.22, 1006.29; estimate = (222.222 + 50.314) / 3228.51 = 0.0844153
    w_a, w_b = 1 / 0.00045, 1 / 0.00099375
    estimate = (w_a * 0.10 + w_b * 0.05) / (w_a + w_b)
    se = 1 / math.sqrt(w_a + w_b)
    assert estimate == pytest.approx(0.0844153, abs=1e-6)
    assert pooled.campaign_ids == (a, b)
    assert pooled.estimate == pytest.approx(estimate, abs=1e-12)
    assert pooled.standard_error == pytest.approx(se, abs=1e-12)
    z90 = 1.6448536269514722
    assert (pooled.ci_low, pooled.ci_high) == pytest.approx(
        (estimate - z90 * se, estimate + z90 * se), abs=1e-12
    )
    assert pooled.significant
    assert any("c: no answers" in w for w in pooled.warnings)


def test_pooled_lift_recovers_a_common_planted_lift(connection):
    campaigns = [_campaign(connection, f"c{i}") for i in range(4)]
    for seed, campaign in enumerate(campaigns):
        _simulate(connection, campaign, "consideration", 0.25, 0.20, 1500, seed=200 + seed)
    pooled = brand_lift.pooled_lift(connection, campaigns, "consideration")
    assert pooled.ci_low <= 0.05 <= pooled.ci_high and pooled.significant
    single = brand_lift.lift_by_question(connection, campaigns[0])[0]
    assert pooled.ci_high - pooled.ci_low < single.ci_high - single.ci_low
