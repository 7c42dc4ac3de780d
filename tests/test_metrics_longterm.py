"""Long-term brand effect: lift per wave, the share remaining, the decay half-life and the control
baseline's slope, checked by hand on small surveys and recovered from planted ones (the demo's
brand tracker among them)."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pytest

from metrics import brand_lift, longterm, stats
from metrics.campaign import campaign_report
from store.db import connect

Z90 = 1.6448536269514722
TRUTH = json.loads(
    (Path(__file__).resolve().parent.parent / "sample_data" / "ground_truth.json").read_text(
        encoding="utf-8"
    )
)["long_term"]


def _client(connection, campaigns: dict[str, tuple[str, str]]) -> None:
    """One client and its campaigns: id -> (start, end)."""
    connection.execute("INSERT INTO clients (name) VALUES ('Maison Lune')")
    for campaign_id, (start, end) in campaigns.items():
        connection.execute(
            "INSERT INTO campaigns (campaign_id, client_id, name, start_date, end_date) "
            "SELECT ?, client_id, ?, ?, ? FROM clients",
            [campaign_id, campaign_id.title(), start, end],
        )


def _answers(connection, campaign_id: str, question: str, wave: str, week: float, counts) -> None:
    """Respondent rows of one wave: counts = {group: (positives, answers)}."""
    rows = []
    for group, (positive, total) in counts.items():
        rows += [
            (campaign_id, f"{wave}-{group}-{i}", group, question, i < positive, wave, week)
            for i in range(total)
        ]
    connection.executemany(
        'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, positive, '
        "wave, wave_week) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def test_each_wave_has_its_own_lift_and_the_later_wave_a_share_of_the_post_one(connection):
    _client(connection, {"hiver": ("2026-01-05", "2026-02-01")})
    _answers(connection, "hiver", "preference", "post", 0.0, {"exposed": (60, 100), "control": (30, 100)})  # fmt: skip
    _answers(connection, "hiver", "preference", "+4w", 4.0, {"exposed": (50, 100), "control": (30, 100)})  # fmt: skip
    waves = longterm.wave_lifts(connection, "hiver")
    assert [(w.wave, w.week) for w in waves] == [("post", 0.0), ("+4w", 4.0)]
    post, later = waves
    assert post.lift.absolute_lift == pytest.approx(0.60 - 0.30)
    assert later.lift.absolute_lift == pytest.approx(0.50 - 0.30)
    # The campaign lift's own interval (Newcombe), not a second implementation of it.
    assert (post.lift.ci_low, post.lift.ci_high) == stats.newcombe_interval(60, 100, 30, 100, 0.9)
    # p(1 - p)/n of each group, summed.
    assert post.variance == pytest.approx(0.6 * 0.4 / 100 + 0.3 * 0.7 / 100)
    assert later.variance == pytest.approx(0.5 * 0.5 / 100 + 0.3 * 0.7 / 100)
    (share,) = longterm.remaining_shares(waves)
    ratio = 0.2 / 0.3
    se = math.sqrt(0.0046 + ratio**2 * 0.0045) / 0.3  # delta method, by hand
    assert (share.wave, share.reference_wave, share.method) == ("+4w", "post", "delta")
    assert share.share == pytest.approx(2 / 3)
    assert share.ci_low == pytest.approx(ratio - Z90 * se)
    assert share.ci_high == pytest.approx(ratio + Z90 * se)
    assert (share.ci_low, share.ci_high) == pytest.approx((0.2212, 1.1121), abs=1e-4)


def test_a_post_lift_that_could_be_zero_gives_a_share_without_an_interval(connection):
    _client(connection, {"hiver": ("2026-01-05", "2026-02-01")})
    _answers(connection, "hiver", "top_of_mind", "post", 0.0, {"exposed": (4, 10), "control": (3, 10)})  # fmt: skip
    _answers(connection, "hiver", "top_of_mind", "+8w", 8.0, {"exposed": (4, 10), "control": (3, 10)})  # fmt: skip
    (share,) = longterm.remaining_shares(longterm.wave_lifts(connection, "hiver"))
    assert share.share == pytest.approx(1.0)
    assert (share.ci_low, share.ci_high) == (None, None)
    assert share.warnings[0].code == "lt.share_base_uncertain"


def _planted_decay(connection, half_life: float, lift: float = 0.12, n: int = 2000) -> None:
    """A tracker whose lift halves every ``half_life`` weeks, positives planted exactly."""
    _client(connection, {"hiver": ("2026-01-05", "2026-02-01")})
    for wave, week in (("pre", -27 / 7), ("post", 0.0), ("+4w", 4.0), ("+8w", 8.0), ("+12w", 12.0)):
        planted = 0.0 if week < 0 else lift * 2 ** (-week / half_life)
        counts = {"exposed": (round(n * (0.3 + planted)), n), "control": (round(n * 0.3), n)}
        _answers(connection, "hiver", "preference", wave, week, counts)


def test_a_planted_half_life_is_recovered_inside_its_profile_interval(connection):
    _planted_decay(connection, half_life=6.0)
    waves = longterm.wave_lifts(connection, "hiver")
    fit = longterm.decay_fit(waves)
    assert fit.waves == ("post", "+4w", "+8w", "+12w")  # the pre-launch wave is not fitted
    assert fit.method == "profile"
    assert fit.half_life == pytest.approx(6.0, abs=0.1)
    assert fit.ci_low < 6.0 < fit.ci_high
    assert fit.initial_lift == pytest.approx(0.12, abs=0.002)
    # The interval is where the profile χ² rises by z² above its minimum.
    t = np.array(fit.weeks)
    y = np.array([w.lift.absolute_lift for w in waves[1:]])
    w = 1 / np.array([x.variance for x in waves[1:]])
    for end in (fit.ci_low, fit.ci_high):
        chi, _ = longterm._chi_square(math.log(2) / end, t, y, w)
        assert chi - fit.chi_square == pytest.approx(Z90**2, rel=1e-6)
    # Remaining shares on the planted curve: 2^(-4/6), 2^(-8/6), 2^(-12/6).
    shares = longterm.remaining_shares(waves)
    assert [s.share for s in shares] == pytest.approx([2 ** (-w / 6) for w in (4, 8, 12)], abs=0.01)
    assert all(s.ci_low < 2 ** (-s.week / 6) < s.ci_high for s in shares)


def test_a_lift_that_does_not_decrease_has_no_half_life(connection):
    _planted_decay(connection, half_life=1e9)
    fit = longterm.decay_fit(longterm.wave_lifts(connection, "hiver"))
    assert fit.ci_high is None  # no decay is consistent with the answers
    assert any(w.code in ("lt.decay_unbounded", "lt.decay_not_decreasing") for w in fit.warnings)


def test_two_post_waves_are_too_few_for_a_half_life(connection):
    _client(connection, {"hiver": ("2026-01-05", "2026-02-01")})
    for wave, week in (("post", 0.0), ("+4w", 4.0)):
        _answers(connection, "hiver", "preference", wave, week, {"exposed": (50, 100), "control": (30, 100)})  # fmt: skip
    assert longterm.decay_fit(longterm.wave_lifts(connection, "hiver")) is None


def test_the_control_baseline_slope_across_a_clients_campaigns(connection):
    # Three campaigns a year apart in all; the control level rises 6 points a year.
    campaigns = {
        "printemps": ("2025-03-03", "2025-03-30"),
        "automne": ("2025-09-01", "2025-09-28"),
        "hiver": ("2026-01-05", "2026-02-01"),
    }
    _client(connection, campaigns)
    origin = 0.30
    for campaign_id, (_, end) in campaigns.items():
        for wave, week in (("post", 0.0), ("+4w", 4.0)):
            days = (dt.date.fromisoformat(end) - dt.date(2025, 3, 30)).days + 7 * week
            control = origin + 0.06 * days / 365.25
            counts = {"exposed": (round(1500 * (control + 0.05)), 1500), "control": (round(1500 * control), 1500)}  # fmt: skip
            _answers(connection, campaign_id, "preference", wave, week, counts)
    trend = longterm.control_baseline(connection, "hiver", "preference")
    assert trend.campaigns == 3 and len(trend.points) == 6
    assert trend.method == "wls"
    assert trend.slope_per_year == pytest.approx(0.06, abs=0.002)
    assert trend.ci_low < 0.06 < trend.ci_high
    # A share link that holds one campaign reads that campaign's control groups only.
    scoped = longterm.control_baseline(connection, "hiver", "preference", campaign_ids=("hiver",))
    assert {p.campaign_id for p in scoped.points} == {"hiver"}


def test_the_campaign_lift_leaves_the_tracker_waves_out_but_keeps_the_post_wave(connection):
    _planted_decay(connection, half_life=6.0)
    (lift,) = brand_lift.lift_by_question(connection, "hiver")
    assert lift.absolute_lift == pytest.approx(0.12, abs=0.001)


# --- The demo's brand tracker (sample_data/generate.py plants it) ----------------------------


@pytest.fixture(scope="module")
def tracker(demo_db: Path) -> longterm.LongTerm:
    with connect(demo_db, read_only=True) as connection:
        return longterm.long_term(connection, TRUTH["tracked_campaign_id"])


@pytest.mark.parametrize("question", ["preference", "top_of_mind", "repurchase_intent"])
def test_the_demo_trackers_half_life_and_remaining_shares_are_recovered(tracker, question):
    planted = TRUTH["questions"][question]
    view = tracker.by_question()[question]
    assert [w.wave for w in view.waves] == ["pre", "+1w", "+4w", "+8w", "+12w"]
    fit = view.decay
    assert fit.ci_low < planted["half_life_weeks"] < (fit.ci_high or math.inf)
    assert fit.half_life == pytest.approx(planted["half_life_weeks"], rel=0.1)
    for share in view.remaining:
        assert share.share == pytest.approx(planted["remaining_share"][share.wave], abs=0.03)


@pytest.mark.parametrize("question", ["preference", "top_of_mind", "repurchase_intent"])
def test_the_demo_clients_baseline_slope_is_recovered(tracker, question):
    planted = TRUTH["questions"][question]["baseline_slope_per_year"]
    trend = tracker.by_question()[question].baseline
    assert trend.campaigns == 3  # the three campaigns of the client and their waves
    assert len(trend.points) == TRUTH["control_groups"]
    assert trend.ci_low < planted < trend.ci_high
    assert trend.slope_per_year == pytest.approx(planted, abs=0.005)


def test_sillage_report_json_has_the_long_term_section(demo_db: Path):
    with connect(demo_db, read_only=True) as connection:
        report = campaign_report(connection, TRUTH["tracked_campaign_id"])
    section = report["long_term"]
    assert section["preference_questions"] == ["preference", "top_of_mind", "repurchase_intent"]
    preference = section["questions"]["preference"]
    assert preference["decay"]["half_life"] == pytest.approx(6.0, rel=0.1)
    assert preference["baseline"]["slope_per_year"] == pytest.approx(0.04, abs=0.005)
    assert [w["wave"] for w in preference["waves"]] == ["pre", "+1w", "+4w", "+8w", "+12w"]
    json.dumps(report, allow_nan=False)
