"""The long-term intervals' widening, checked by hand: a client's campaigns are the baseline's
units (their waves share a panel), a dispersion estimated from few campaigns takes Student's t,
and a half-life fitted to four waves or more that scatter beyond their sampling error is widened
by the multiplicative dispersion. Coverage itself is simulated in scripts/calibration.py."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import special

from metrics import brand_lift, longterm

Z90 = 1.6448536269514722
DAY0 = dt.date(2025, 1, 6)


def _point(campaign: str, day: int, rate: float, n: int = 1000) -> longterm.BaselinePoint:
    return longterm.BaselinePoint(
        campaign, campaign, None, DAY0 + dt.timedelta(days=day), rate, n, float(n), None, None
    )


def _wave(week: float, positives: int, n: int = 1000, control: int = 300) -> longterm.WaveLift:
    counts = brand_lift.QuestionCounts(
        "awareness",
        "respondents",
        brand_lift.GroupCounts(n, float(positives), float(n)),
        brand_lift.GroupCounts(n, float(control), float(n)),
    )
    return longterm.wave_lift(counts, "post" if week == 0 else f"+{week:g}w", week)


def test_a_campaigns_waves_are_one_point_of_the_baseline():
    # Three campaigns a year apart, two waves 28 days apart each at the same rate, on the line
    # 0.30 + 0.02 per year: each campaign stands at its waves' mean day (day 14 of its own),
    # with their summed weight 2 / (p(1 - p) / 1000).
    rates = (0.30, 0.32, 0.34)
    points = [_point(f"c{k}", round(k * 365.25) + d, rates[k]) for k in range(3) for d in (0, 28)]
    trend = longterm.baseline_trend("awareness", points)
    days = [round(k * 365.25) + 14 for k in range(3)]
    t = [(d - days[0]) / 365.25 for d in days]
    w = np.array([2.0 / (r * (1 - r) / 1000) for r in rates])
    t, y = np.array(t), np.array(rates)
    t_bar = np.sum(w * t) / np.sum(w)
    spread = np.sum(w * (t - t_bar) ** 2)
    slope = np.sum(w * (t - t_bar) * (y - 0.32)) / spread
    assert trend.slope_per_year == pytest.approx(slope, rel=1e-9)
    assert trend.dispersion == pytest.approx(1.0)
    half = Z90 / math.sqrt(spread)
    assert trend.ci_high - trend.slope_per_year == pytest.approx(half, rel=1e-9)
    # Six independent points would have claimed a narrower interval: the within-campaign days
    # add spread that the shared panel does not give.
    assert trend.campaigns == 3 and len(trend.points) == 6


def test_a_dispersion_estimated_from_few_campaigns_takes_students_t():
    # Four campaigns, one wave each, off the line by more than their sampling error.
    rates = (0.30, 0.36, 0.29, 0.37)
    points = [_point(f"c{k}", 120 * k, r) for k, r in enumerate(rates)]
    trend = longterm.baseline_trend("awareness", points)
    assert trend.dispersion > 1.0
    w = np.array([1.0 / (r * (1 - r) / 1000) for r in rates])
    t = np.arange(4) * 120 / 365.25
    t_bar = np.sum(w * t) / np.sum(w)
    spread = np.sum(w * (t - t_bar) ** 2)
    half = special.stdtrit(2, 0.95) * math.sqrt(trend.dispersion / spread)
    assert trend.ci_high - trend.slope_per_year == pytest.approx(half, rel=1e-9)
    t_stat = trend.slope_per_year / math.sqrt(trend.dispersion / spread)
    assert trend.p_value == pytest.approx(2 * special.stdtr(2, -abs(t_stat)), rel=1e-9)


def test_two_campaigns_keep_their_waves_as_points():
    points = [_point("a", 0, 0.30), _point("a", 28, 0.31), _point("b", 365, 0.33)]
    trend = longterm.baseline_trend("awareness", points)
    assert trend.campaigns == 2 and trend.slope_per_year is not None
    # Three points, one degree of freedom: the dispersion is from the points themselves.
    assert trend.ci_low < trend.slope_per_year < trend.ci_high


def _chi_square_at_half_life(waves, half_life: float) -> float:
    """χ² of the decay curve through ``waves`` at the half-life (its best initial lift)."""
    t = np.array([w.week for w in waves])
    y = np.array([w.lift.absolute_lift for w in waves])
    weights = np.array([1.0 / w.variance for w in waves])
    return longterm._chi_square(math.log(2) / half_life, t, y, weights)[0]


def test_four_scattered_waves_widen_the_half_life_by_their_dispersion():
    # Lifts 10, 5, 7, 1 points: χ²_min well above its 2 degrees of freedom.
    waves = [_wave(0, 400), _wave(4, 350), _wave(8, 370), _wave(12, 310)]
    fit = longterm.decay_fit(waves)
    dispersion = fit.chi_square / 2
    assert dispersion > 1.0
    rise = _chi_square_at_half_life(waves, fit.ci_low) - fit.chi_square
    assert rise == pytest.approx(dispersion * Z90 * Z90, rel=1e-6)


def test_three_waves_keep_the_known_variance_threshold():
    # One degree of freedom cannot tell scatter from chance: the threshold stays z².
    waves = [_wave(0, 400), _wave(4, 330), _wave(8, 370)]
    fit = longterm.decay_fit(waves)
    assert fit.chi_square > 1.0
    rise = _chi_square_at_half_life(waves, fit.ci_low) - fit.chi_square
    assert rise == pytest.approx(Z90 * Z90, rel=1e-6)
