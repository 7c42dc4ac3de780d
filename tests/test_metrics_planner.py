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
