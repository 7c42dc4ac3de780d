from __future__ import annotations

import math
from dataclasses import asdict

import numpy as np
import pytest
from scipy.special import betaln
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    power_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from metrics import stats

Z95 = 1.959963984540054  # standard normal 0.975 quantile


def _assert_defined(values: dict) -> None:
    """No NaN or infinity anywhere: a number is finite or None."""
    for key, value in values.items():
        if isinstance(value, float):
            assert math.isfinite(value), f"{key} is {value}"


# --- Wilson ------------------------------------------------------------------------------------


def test_wilson_40_of_100_at_95_by_hand():
    # p = 0.4, n = 100, z² = 3.8414588206941254
    # denominator = 1 + z²/n = 1.0384145882069413
    # centre = (p + z²/2n) / denominator = (0.4 + 0.019207294) / 1.0384145882 = 0.4036993498
    # half = z·sqrt(p(1-p)/n + z²/4n²) / denominator
    #      = 1.959964 · sqrt(0.0024 + 0.0000960365) / 1.0384145882 = 0.0942980634
    z2 = Z95**2
    denominator = 1 + z2 / 100
    centre = (0.4 + z2 / 200) / denominator
    half = Z95 * math.sqrt(0.4 * 0.6 / 100 + z2 / 40_000) / denominator
    assert centre == pytest.approx(0.4036993498, abs=1e-10)
    assert half == pytest.approx(0.0942980634, abs=1e-10)
    low, high = stats.wilson_interval(40, 100, 0.95)
    assert low == pytest.approx(centre - half, abs=1e-12)
    assert high == pytest.approx(centre + half, abs=1e-12)
    # Published to four places (e.g. Newcombe 1998 Table I style): 0.3094 to 0.4980.
    assert (round(low, 4), round(high, 4)) == (0.3094, 0.4980)


@pytest.mark.parametrize(
    ("count", "nobs"), [(0, 1), (1, 1), (0, 10), (10, 10), (3, 7), (40, 100), (999, 1000)]
)
@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95])
def test_wilson_matches_statsmodels(count, nobs, confidence):
    expected = proportion_confint(count, nobs, alpha=1 - confidence, method="wilson")
    assert stats.wilson_interval(count, nobs, confidence) == pytest.approx(expected, abs=1e-9)


def test_wilson_empty_group_is_none_and_bad_counts_raise():
    assert stats.wilson_interval(0, 0) is None
    with pytest.raises(ValueError, match="0 <= positive <= total"):
        stats.wilson_interval(5, 4)
    with pytest.raises(ValueError, match="confidence"):
        stats.wilson_interval(1, 4, confidence=1.0)


# --- Newcombe ----------------------------------------------------------------------------------


def test_newcombe_56_70_vs_48_80_step_by_step():
    # Wilson 95 % of 56/70: centre ± half = 0.6918335550 to 0.8769526075
    # Wilson 95 % of 48/80: 0.4904546501 to 0.7003817240
    # d = 0.8 - 0.6 = 0.2
    # low  = d - sqrt((0.8 - 0.6918335550)² + (0.7003817240 - 0.6)²)
    #      = 0.2 - sqrt(0.01169998 + 0.01007649) = 0.2 - 0.14756853 = 0.05243147
    # high = d + sqrt((0.8769526075 - 0.8)² + (0.6 - 0.4904546501)²)
    #      = 0.2 + sqrt(0.00592170 + 0.01200018) = 0.2 + 0.13387265 = 0.33387265
    l1, u1 = 0.6918335550374695, 0.8769526075163705
    l2, u2 = 0.4904546500516039, 0.7003817240412906
    assert stats.wilson_interval(56, 70, 0.95) == pytest.approx((l1, u1), abs=1e-12)
    assert stats.wilson_interval(48, 80, 0.95) == pytest.approx((l2, u2), abs=1e-12)
    low = 0.2 - math.sqrt((0.8 - l1) ** 2 + (u2 - 0.6) ** 2)
    high = 0.2 + math.sqrt((u1 - 0.8) ** 2 + (0.6 - l2) ** 2)
    assert (low, high) == pytest.approx((0.05243147, 0.33387265), abs=1e-8)
    assert stats.newcombe_interval(56, 70, 48, 80, 0.95) == pytest.approx((low, high), abs=1e-12)


@pytest.mark.parametrize(
    ("counts", "published"),
    [
        # Newcombe (1998), Table II, method 10, 95 %.
        ((56, 70, 48, 80), (0.0524, 0.3339)),
        ((9, 10, 3, 10), (0.1705, 0.8090)),
        ((6, 7, 2, 7), (0.0582, 0.8062)),
        ((5, 56, 0, 29), (-0.0381, 0.1926)),
        ((0, 10, 0, 20), (-0.1611, 0.2775)),
        ((0, 10, 0, 10), (-0.2775, 0.2775)),
        ((10, 10, 0, 20), (0.6791, 1.0000)),
        ((10, 10, 0, 10), (0.6075, 1.0000)),
    ],
)
def test_newcombe_published_examples(counts, published):
    low, high = stats.newcombe_interval(*counts, confidence=0.95)
    assert (round(low, 4), round(high, 4)) == published


GRID = [
    (0, 1, 0, 1),
    (1, 1, 0, 1),
    (0, 1, 1, 1),
    (0, 50, 0, 60),
    (50, 50, 60, 60),
    (0, 300, 12, 300),
    (300, 300, 299, 300),
    (5, 56, 0, 29),
    (56, 70, 48, 80),
    (1140, 3000, 900, 3000),
    (17, 250, 30, 260),
    (480, 1000, 520, 1200),
    (7, 9, 2, 13),
    (123_456, 400_000, 120_000, 400_000),
]


@pytest.mark.parametrize("counts", GRID)
@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
def test_newcombe_matches_statsmodels(counts, confidence):
    expected = confint_proportions_2indep(
        *counts, method="newcomb", compare="diff", alpha=1 - confidence
    )
    result = stats.newcombe_interval(*counts, confidence=confidence)
    assert result == pytest.approx(tuple(float(v) for v in expected), abs=1e-9)


@pytest.mark.parametrize("counts", GRID)
def test_z_test_matches_statsmodels(counts):
    x_e, n_e, x_c, n_c = counts
    pooled = (x_e + x_c) / (n_e + n_c)
    result = stats.two_proportion_p_value(*counts)
    if pooled in (0.0, 1.0):
        # statsmodels divides 0 by 0 here; every answer is identical, so the difference is 0.
        assert result == 1.0
    else:
        _, expected = proportions_ztest([x_e, x_c], [n_e, n_c])
        assert result == pytest.approx(float(expected), abs=1e-9)


def test_z_test_by_hand():
    # 56/70 vs 48/80: pooled = 104/150 = 0.693333; se = sqrt(0.693333·0.306667·(1/70 + 1/80))
    # = sqrt(0.2126222·0.0267857) = 0.0754668; z = 0.2 / 0.0754668 = 2.650172; p = 0.008045
    assert stats.two_proportion_p_value(56, 70, 48, 80) == pytest.approx(0.008045, abs=1e-6)


# --- P(p_e > p_c) ------------------------------------------------------------------------------


def _miller(x_e: int, n_e: int, x_c: int, n_c: int) -> float:
    """Evan Miller's closed form for P(p_B > p_A) with Beta(1 + x, 1 + n - x) posteriors."""
    a_b, b_b, a_a, b_a = 1 + x_e, 1 + n_e - x_e, 1 + x_c, 1 + n_c - x_c
    return sum(
        math.exp(
            betaln(a_a + i, b_a + b_b) - math.log(b_b + i) - betaln(1 + i, b_b) - betaln(a_a, b_a)
        )
        for i in range(a_b)
    )


@pytest.mark.parametrize("counts", GRID[:-1])
def test_probability_greater_matches_closed_form(counts):
    assert stats.probability_greater(*counts) == pytest.approx(_miller(*counts), abs=1e-9)


def test_probability_greater_by_hand_and_by_simulation():
    # One respondent each, 1/1 vs 0/1: Beta(2,1) vs Beta(1,2); P = ∫ 2t · (2t - t²) dt = 5/6.
    assert stats.probability_greater(1, 1, 0, 1) == pytest.approx(5 / 6, abs=1e-12)
    assert stats.probability_greater(3, 10, 3, 10) == pytest.approx(0.5, abs=1e-12)
    # Non-integer (weighted) counts: check against a large seeded Monte Carlo.
    rng = np.random.default_rng(7)
    draws = 2_000_000
    e = rng.beta(1 + 40.5, 1 + 120.2 - 40.5, draws)
    c = rng.beta(1 + 30.25, 1 + 110.7 - 30.25, draws)
    assert stats.probability_greater(40.5, 120.2, 30.25, 110.7) == pytest.approx(
        float(np.mean(e > c)), abs=1.5e-3
    )


def test_probability_greater_empty_group_is_none():
    assert stats.probability_greater(0, 0, 3, 10) is None


# --- Minimum detectable lift -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n_e", "n_c", "base", "confidence"),
    [(3000, 3000, 0.30, 0.90), (250, 250, 0.10, 0.90), (800, 2000, 0.55, 0.95), (40, 60, 0.0, 0.8)],
)
def test_minimum_detectable_lift_has_the_target_power_in_statsmodels(n_e, n_c, base, confidence):
    mde = stats.minimum_detectable_lift(n_e, n_c, base, confidence)
    power = power_proportions_2indep(
        mde, base, n_e, ratio=n_c / n_e, alpha=1 - confidence, return_results=False
    )
    assert float(power) == pytest.approx(0.80, abs=1e-7)


def test_minimum_detectable_lift_close_to_the_textbook_formula():
    # (z_0.95 + z_0.80) · sqrt(2 p (1 - p) / n) = (1.644854 + 0.841621) · sqrt(0.42 / 3000)
    # = 2.486475 · 0.0118322 = 0.029420; the exact solution uses p_e's variance too, so it is
    # a little larger.
    textbook = (1.6448536269514722 + 0.8416212335729143) * math.sqrt(2 * 0.3 * 0.7 / 3000)
    mde = stats.minimum_detectable_lift(3000, 3000, 0.30, 0.90)
    assert textbook == pytest.approx(0.029420, abs=1e-6)
    assert textbook < mde < textbook * 1.02
    assert stats.minimum_detectable_lift(12000, 12000, 0.30) < mde


def test_minimum_detectable_lift_edges():
    assert stats.minimum_detectable_lift(0, 100, 0.3) is None
    assert stats.minimum_detectable_lift(100, 0, 0.3) is None
    assert stats.minimum_detectable_lift(100, 100, 1.0) is None
    # Two respondents cannot reach 80 % power below a 100-point lift from a 50 % base.
    assert stats.minimum_detectable_lift(1, 1, 0.5) is None


# --- Kish weights ------------------------------------------------------------------------------


def test_kish_effective_sample_size_by_hand():
    # weights 1, 1, 2, 2: (Σw)² / Σw² = 6² / (1 + 1 + 4 + 4) = 36 / 10 = 3.6
    assert stats.kish_effective_n([1, 1, 2, 2]) == pytest.approx(3.6)
    assert stats.kish_effective_n([]) == 0.0
    # positives are the first and third: Σwy = 1 + 2 = 3, rate 3 / 6 = 0.5, x_eff = 0.5 · 3.6
    assert stats.weighted_counts(6, 10, 3) == pytest.approx((1.8, 3.6))


def test_equal_weights_give_the_plain_counts_exactly():
    for weight in (1.0, 2.0, 0.37):
        n, x = 3000, 1140
        x_eff, n_eff = stats.weighted_counts(n * weight, n * weight * weight, x * weight)
        assert n_eff == pytest.approx(n, rel=1e-12)
        assert x_eff == pytest.approx(x, rel=1e-12)
    assert stats.weighted_counts(3000, 3000, 1140) == (1140.0, 3000.0)


# --- compare_proportions edge cases ------------------------------------------------------------


def test_compare_proportions_definitions_by_hand():
    result = stats.compare_proportions(38, 100, 30, 100)
    assert result.absolute_lift == pytest.approx(0.08)
    assert result.relative_lift == pytest.approx(0.08 / 0.30)
    assert result.headroom_lift == pytest.approx(0.08 / 0.70)
    assert result.certainty == pytest.approx(1 - result.p_value)
    assert (result.ci_low, result.ci_high) == pytest.approx(
        stats.newcombe_interval(38, 100, 30, 100, 0.90)
    )
    assert not result.significant and not result.low_certainty  # certainty 0.76
    assert any("not proof of no effect" in w for w in result.warnings)
    assert any("wider than the lift" in w for w in result.warnings)


EDGE_CASES = {
    "zero control positives": (12, 300, 0, 300),
    "all control positive": (300, 300, 300, 300),
    "all positive vs none": (300, 300, 0, 300),
    "empty exposed": (0, 0, 12, 300),
    "empty control": (12, 300, 0, 0),
    "both empty": (0, 0, 0, 0),
    "one respondent each": (1, 1, 0, 1),
    "one respondent, same answer": (1, 1, 1, 1),
    "weighted fractions": (0.4, 1.7, 0.0, 2.3),
}


@pytest.mark.parametrize("counts", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_compare_proportions_edge_cases_are_defined(counts):
    result = stats.compare_proportions(*counts)
    _assert_defined(asdict(result))
    if result.ci_low is not None:
        assert -1 <= result.ci_low <= result.absolute_lift <= result.ci_high <= 1
        assert 0 <= result.p_value <= 1 and 0 <= result.prob_positive <= 1


def test_compare_proportions_edge_semantics():
    zero = stats.compare_proportions(12, 300, 0, 300)
    assert zero.relative_lift is None and zero.headroom_lift == pytest.approx(0.04)
    assert zero.significant and zero.ci_low > 0
    full = stats.compare_proportions(300, 300, 300, 300)
    assert full.headroom_lift is None and full.relative_lift == 0.0
    assert full.p_value == 1.0 and full.min_detectable_lift is None and not full.significant
    for counts in [(0, 0, 12, 300), (12, 300, 0, 0), (0, 0, 0, 0)]:
        empty = stats.compare_proportions(*counts)
        assert empty.absolute_lift is None and empty.ci_low is None and empty.ci_high is None
        assert empty.p_value is None and empty.prob_positive is None
        assert empty.significant is False and empty.low_certainty is True
        assert any("respondents" in w for w in empty.warnings)
    assert stats.compare_proportions(0, 0, 12, 300).control_rate == pytest.approx(0.04)
    single = stats.compare_proportions(1, 1, 0, 1)
    assert single.absolute_lift == 1.0 and not single.significant


# --- Planted effects ---------------------------------------------------------------------------


def test_newcombe_false_positive_rate_near_ten_percent_without_lift():
    rng = np.random.default_rng(2024)
    draws = 2000
    exposed = rng.binomial(3000, 0.30, draws)
    control = rng.binomial(3000, 0.30, draws)
    significant = [
        not (low <= 0 <= high)
        for low, high in (
            stats.newcombe_interval(int(e), 3000, int(c), 3000, 0.90)
            for e, c in zip(exposed, control, strict=True)
        )
    ]
    # 10 % expected; the binomial standard error over 2000 draws is 0.67 points.
    assert 0.08 <= float(np.mean(significant)) <= 0.12


def test_newcombe_covers_a_planted_lift_ninety_percent_of_the_time():
    rng = np.random.default_rng(99)
    draws = 2000
    exposed = rng.binomial(3000, 0.38, draws)
    control = rng.binomial(3000, 0.30, draws)
    covered = [
        low <= 0.08 <= high
        for low, high in (
            stats.newcombe_interval(int(e), 3000, int(c), 3000, 0.90)
            for e, c in zip(exposed, control, strict=True)
        )
    ]
    assert 0.88 <= float(np.mean(covered)) <= 0.92


# --- Pooling -----------------------------------------------------------------------------------


def test_pooled_difference_by_hand():
    # w = 1/0.01, 1/0.04 = 100, 25; estimate = (100·0.1 + 25·0.2) / 125 = 0.12
    # se = 1/sqrt(125) = 0.0894427; Q = 100·0.02² + 25·0.08² = 0.2; I² = max(0, (0.2 - 1)/0.2) = 0
    pooled = stats.pooled_difference([0.1, 0.2], [0.01, 0.04], confidence=0.90)
    assert pooled.estimate == pytest.approx(0.12)
    assert pooled.standard_error == pytest.approx(0.0894427191)
    assert pooled.q_statistic == pytest.approx(0.2)
    assert pooled.i_squared == 0.0
    assert pooled.weights == pytest.approx((0.8, 0.2))
    z90 = 1.6448536269514722
    assert (pooled.ci_low, pooled.ci_high) == pytest.approx(
        (0.12 - z90 * 0.0894427191, 0.12 + z90 * 0.0894427191)
    )


def test_pooled_difference_matches_statsmodels_meta_analysis():
    effects = np.array([0.03, 0.08, -0.01, 0.05])
    variances = np.array([0.0004, 0.0009, 0.0002, 0.0006])
    expected = combine_effects(effects, variances, alpha=0.10)
    pooled = stats.pooled_difference(effects, variances, confidence=0.90)
    assert pooled.estimate == pytest.approx(expected.mean_effect_fe, abs=1e-12)
    assert pooled.standard_error == pytest.approx(expected.sd_eff_w_fe, abs=1e-12)
    assert pooled.q_statistic == pytest.approx(expected.q, abs=1e-9)
    assert pooled.i_squared == pytest.approx(max(0.0, expected.i2), abs=1e-9)
    low, high = expected.conf_int(alpha=0.10, use_t=False)[0]
    assert (pooled.ci_low, pooled.ci_high) == pytest.approx((low, high), abs=1e-12)
    assert any("disagree" in w for w in pooled.warnings)


def test_pooled_difference_with_nothing_to_pool():
    pooled = stats.pooled_difference([], [])
    assert pooled.estimate is None and pooled.k == 0 and not pooled.significant
    assert "nothing to pool" in pooled.warnings
    dropped = stats.pooled_difference([0.1, 0.2], [0.0, 0.01])
    assert dropped.k == 1 and dropped.estimate == pytest.approx(0.2)


def test_difference_variance_corrects_zero_cells():
    # 0/100: rate taken as 0.5/101 so the variance is positive.
    p = 0.5 / 101
    expected = p * (1 - p) / 100 + 0.3 * 0.7 / 100
    assert stats.difference_variance(0, 100, 30, 100) == pytest.approx(expected)
    assert stats.difference_variance(0, 0, 30, 100) is None
