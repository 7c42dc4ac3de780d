"""The study planner: answers per group for a lift target, and what a planned size can see."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from metrics import stats
from metrics.planner import plan

SILLAGE = str(Path(sys.executable).with_name("sillage"))


def fleiss_per_group(p_c: float, lift: float, z_alpha: float, z_beta: float) -> float:
    """Fleiss, Levin & Paik (eq. 4.14, no continuity correction), the far tail left out."""
    p_e = p_c + lift
    mean = (p_c + p_e) / 2
    spread = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_beta * math.sqrt(
        p_c * (1 - p_c) + p_e * (1 - p_e)
    )
    return spread**2 / lift**2


def test_respondents_per_group_match_the_textbook_formula():
    # 30 % base, +5 points, 90 % two-sided, 80 % power: (1.6449·0.66238 + 0.8416·0.66144)² /
    # 0.05² = 1,084.0 by hand.
    by_hand = fleiss_per_group(0.30, 0.05, 1.6448536, 0.8416212)
    assert by_hand == pytest.approx(1084.0, abs=0.5)
    assert stats.respondents_per_group(0.05, 0.30) == math.ceil(by_hand)
    assert stats.respondents_per_group(0.02, 0.30, 0.95, 0.9) == pytest.approx(
        fleiss_per_group(0.30, 0.02, 1.959964, 1.2815516), abs=1.0
    )


def test_the_needed_size_is_the_inverse_of_the_detectable_lift():
    needed = stats.respondents_per_group(0.05, 0.30)
    assert stats.minimum_detectable_lift(needed, needed, 0.30) <= 0.05
    assert stats.minimum_detectable_lift(needed - 1, needed - 1, 0.30) > 0.05


@pytest.mark.parametrize(("lift", "base"), [(0.0, 0.3), (-0.02, 0.3), (0.8, 0.3)])
def test_a_lift_that_cannot_be_seen_needs_no_size(lift, base):
    assert stats.respondents_per_group(lift, base) is None


def test_a_small_study_is_told_which_lifts_it_can_see():
    small = plan(0.30, 0.02, per_group=300)
    assert small.too_small and small.needed_per_group == stats.respondents_per_group(0.02, 0.30)
    assert small.detectable_lift == pytest.approx(stats.minimum_detectable_lift(300, 300, 0.30))
    assert small.sentence().startswith(
        "with 300 answers per group this study can only see lifts above 9.7 points"
    )
    large = plan(0.30, 0.05, per_group=2000)
    assert not large.too_small and large.detectable_lift < 0.05


def test_sillage_plan_prints_the_plan_and_refuses_shares_out_of_range():
    done = subprocess.run(
        [SILLAGE, "plan", "--base-rate", "0.30", "--lift", "0.05", "--per-group", "300"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert (printed["needed_per_group"], printed["too_small"]) == (1084, True)
    refused = subprocess.run(
        [SILLAGE, "plan", "--base-rate", "30", "--lift", "0.05"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "--base-rate must be a share between 0 and 1, got 30.0" in refused.stderr


def test_each_lift_target_of_a_campaign_is_planned_from_its_survey(demo_db: Path):
    from metrics import brand_lift
    from metrics.planner import ASSUMED_BASE_RATE, campaign_plans
    from store.db import connect

    with connect(demo_db, read_only=True) as connection:
        plans = campaign_plans(connection, "trail-series-2026")
        counts = brand_lift.question_counts(connection, "trail-series-2026")["purchase_intent"]
    assert [p.key for p in plans] == ["purchase_intent_lift"]  # link clicks and CPC: no survey
    (item,) = plans
    base = counts.control.positive / counts.control.total
    per_group = int(min(counts.exposed.total, counts.control.total))
    assert item.observed and item.plan.base_rate == pytest.approx(base)
    assert item.plan.per_group == per_group
    assert item.plan.needed_per_group == stats.respondents_per_group(0.04, base)
    assert item.plan.too_small  # 961 answers a group see lifts from 4.6 points, not 4
    assert ASSUMED_BASE_RATE == 0.30


def test_the_report_carries_each_targets_study_plan(demo_db: Path):
    from metrics.campaign import build_campaign
    from store.db import connect

    with connect(demo_db, read_only=True) as connection:
        (plan,) = build_campaign(connection, "trail-series-2026").report["study_plans"]
    assert plan["target"] == "purchase_intent_lift" and plan["observed"] and plan["too_small"]
    assert plan["needed_per_group"] > plan["per_group"] == 961
    assert "can only see lifts above 4.6 points" in plan["sentence"]


GRID = [
    (base, lift, confidence, power)
    for base in (0.2, 0.3, 0.5)
    for lift in (0.02, 0.05, 0.1)
    for confidence in (0.9, 0.95)
    for power in (0.8, 0.9)
]


def power_by_hand(lift: float, base: float, per_group: float, confidence: float) -> float:
    """Fleiss, Levin & Paik §4.2, both tails: pooled variance under H0, unpooled under H1."""
    from scipy.stats import norm

    z = norm.ppf(1 - (1 - confidence) / 2)
    exposed, pooled = base + lift, base + lift / 2
    sd_null = math.sqrt(2 * pooled * (1 - pooled) / per_group)
    sd_alt = math.sqrt((exposed * (1 - exposed) + base * (1 - base)) / per_group)
    return norm.cdf((lift - z * sd_null) / sd_alt) + norm.cdf((-z * sd_null - lift) / sd_alt)


@pytest.mark.parametrize(("base", "lift", "confidence", "power"), GRID)
def test_planner_figures_equal_the_hand_computed_two_proportion_power(
    base, lift, confidence, power
):
    from scipy.stats import norm

    z_alpha, z_beta = norm.ppf(1 - (1 - confidence) / 2), norm.ppf(power)
    exposed, pooled = base + lift, base + lift / 2
    # The textbook size (near tail only); the far tail only adds power, so the answer is at most it.
    textbook = (
        z_alpha * math.sqrt(2 * pooled * (1 - pooled))
        + z_beta * math.sqrt(exposed * (1 - exposed) + base * (1 - base))
    ) ** 2 / lift**2
    z = stats.z_critical(confidence)
    for per_group in (textbook, 2 * textbook, 100):
        assert stats._power(lift, base, per_group, per_group, z) == pytest.approx(
            power_by_hand(lift, base, per_group, confidence), abs=1e-9
        )
    needed = math.ceil(textbook)
    while power_by_hand(lift, base, needed - 1, confidence) >= power:
        needed -= 1
    assert stats.respondents_per_group(lift, base, confidence, power) == needed
    detectable = stats.minimum_detectable_lift(needed, needed, base, confidence, power)
    assert power_by_hand(detectable, base, needed, confidence) == pytest.approx(power, abs=1e-6)
    assert detectable <= lift + 1e-9  # the needed size sees the target lift


@pytest.mark.parametrize(("base", "lift", "confidence", "power"), GRID[::3])
def test_power_equals_statsmodels_two_independent_proportions(base, lift, confidence, power):
    from statsmodels.stats.proportion import power_proportions_2indep

    for per_group in (150, 800, 4000):
        expected = power_proportions_2indep(
            lift, base, per_group, ratio=1, alpha=1 - confidence, alternative="two-sided"
        ).power
        z = stats.z_critical(confidence)
        assert stats._power(lift, base, per_group, per_group, z) == pytest.approx(
            expected, abs=1e-9
        )
