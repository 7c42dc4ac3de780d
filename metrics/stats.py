"""Closed-form statistics for two proportions, on numbers already aggregated in DuckDB.

Every function accepts effective (possibly non-integer) counts so that respondent weights enter
through the Kish effective sample size, and every function gives a defined answer (``None`` and a
warning, never NaN or an exception) for an empty group, 0 % or 100 % positives and one respondent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import integrate, optimize, special

from i18n.messages import Message

DEFAULT_CONFIDENCE = 0.90
DEFAULT_POWER = 0.80

# Names of the interval methods, carried by every result with an interval (``method``) and
# described with their simulated coverage in docs/intervals.md.
WILSON = "wilson"
NEWCOMBE = "newcombe"
FIXED_EFFECT = "fixed-effect"


def z_critical(confidence: float) -> float:
    """Two-sided standard-normal critical value ``z_(1 - alpha/2)`` with ``alpha = 1 - confidence``.

    Args:
        confidence: Coverage of the interval, strictly between 0 and 1.

    Returns:
        The quantile of the standard normal distribution.

    Raises:
        ValueError: When confidence is not strictly between 0 and 1.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    # norm.isf(q) is -ndtri(q); called directly, without scipy.stats' per-call checks.
    return float(-special.ndtri((1.0 - confidence) / 2.0))


def _normal_sf(x: float) -> float:
    # What scipy.stats.norm.sf computes (ndtr(-x)), without its per-call argument checks,
    # which cost more than the function inside the root-finding of minimum_detectable_lift.
    return special.ndtr(-x)


def probability_beyond(
    value: float, low: float, high: float, threshold: float, confidence: float
) -> float:
    """The probability that the true value lies above ``threshold``, read off its interval.

    Normal approximation around the estimate, its spread taken from the side of the interval
    that faces the threshold (``s = (value - low) / z`` below the estimate, ``(high - value) / z``
    above it, ``z = z_critical(confidence)``), so that an asymmetric interval (Newcombe) is read
    on the right side. A threshold at an end of the interval gets ``(1 ± confidence) / 2``: an
    interval that clears a target is the same statement as a probability of at least
    ``(1 + confidence) / 2`` that the target is beaten.

    Args:
        value: The estimate.
        low: The interval's lower end.
        high: The interval's upper end.
        threshold: The value to beat (0 for "is there any lift", a target otherwise).
        confidence: The interval's coverage.

    Returns:
        ``P(true value > threshold)`` in [0, 1].
    """
    z = z_critical(confidence)
    spread = (value - low) / z if threshold <= value else (high - value) / z
    if not spread > 0:
        return 1.0 if value > threshold else 0.0 if value < threshold else 0.5
    return float(_normal_sf((threshold - value) / spread))


def _check_counts(positive: float, total: float) -> None:
    if total < 0 or positive < 0 or positive > total * (1 + 1e-12) + 1e-9:
        raise ValueError(f"need 0 <= positive <= total, got {positive!r} of {total!r}")


def _rate(positive: float, total: float) -> float:
    return min(max(positive / total, 0.0), 1.0)


def kish_effective_n(weights: Sequence[float]) -> float:
    """Kish (1965) effective sample size ``(sum w)^2 / sum w^2`` of a weighted sample.

    Args:
        weights: Non-negative respondent weights.

    Returns:
        The effective number of respondents; 0.0 for an empty sample or all-zero weights.
    """
    w = np.asarray(weights, dtype=float)
    total_sq = float(np.sum(w * w))
    return float(np.sum(w)) ** 2 / total_sq if total_sq > 0 else 0.0


def weighted_counts(sum_w: float, sum_w2: float, sum_wy: float) -> tuple[float, float]:
    """Effective positives and effective respondents of a weighted group (Kish 1965).

    The weighted rate ``sum(w·y) / sum(w)`` is kept and the sample size becomes Kish's
    ``n_eff = (sum w)^2 / sum w^2``, so that ``x_eff = rate · n_eff``. With equal weights this
    returns the plain counts exactly.

    Args:
        sum_w: Sum of the weights.
        sum_w2: Sum of the squared weights.
        sum_wy: Sum of the weights of the positive answers.

    Returns:
        ``(x_eff, n_eff)``; ``(0.0, 0.0)`` for an empty group.
    """
    if sum_w <= 0 or sum_w2 <= 0:
        return 0.0, 0.0
    n_eff = sum_w * sum_w / sum_w2
    x_eff = sum_wy * sum_w / sum_w2
    return min(max(x_eff, 0.0), n_eff), n_eff


def wilson_interval(
    positive: float, total: float, confidence: float = DEFAULT_CONFIDENCE
) -> tuple[float, float] | None:
    """Wilson (1927) score interval for a single proportion.

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``, clipped to [0, 1].

    Args:
        positive: Positive answers (may be an effective, non-integer count).
        total: Respondents (may be an effective count).
        confidence: Two-sided coverage.

    Returns:
        ``(low, high)``, or None when the group is empty.
    """
    _check_counts(positive, total)
    z = z_critical(confidence)
    if total == 0:
        return None
    p = _rate(positive, total)
    z2 = z * z
    denominator = 1.0 + z2 / total
    centre = (p + z2 / (2.0 * total)) / denominator
    half = z * math.sqrt(p * (1.0 - p) / total + z2 / (4.0 * total * total)) / denominator
    return max(centre - half, 0.0), min(centre + half, 1.0)


def newcombe_interval(
    positive_e: float,
    total_e: float,
    positive_c: float,
    total_c: float,
    confidence: float = DEFAULT_CONFIDENCE,
) -> tuple[float, float] | None:
    """Newcombe (1998) hybrid score interval for ``p_e - p_c``, method 10.

    From the Wilson intervals ``(l_e, u_e)`` and ``(l_c, u_c)`` of each group:
    ``low = d - sqrt((p_e - l_e)² + (u_c - p_c)²)``,
    ``high = d + sqrt((u_e - p_e)² + (p_c - l_c)²)``. Newcombe, R. G. (1998), "Interval
    estimation for the difference between independent proportions: comparison of eleven
    methods", Statistics in Medicine 17, 873-890.

    Args:
        positive_e: Positive answers in the exposed group.
        total_e: Respondents in the exposed group.
        positive_c: Positive answers in the control group.
        total_c: Respondents in the control group.
        confidence: Two-sided coverage.

    Returns:
        ``(low, high)``, or None when either group is empty.
    """
    wilson_e = wilson_interval(positive_e, total_e, confidence)
    wilson_c = wilson_interval(positive_c, total_c, confidence)
    if wilson_e is None or wilson_c is None:
        return None
    p_e, p_c = _rate(positive_e, total_e), _rate(positive_c, total_c)
    (low_e, high_e), (low_c, high_c) = wilson_e, wilson_c
    difference = p_e - p_c
    low = difference - math.sqrt((p_e - low_e) ** 2 + (high_c - p_c) ** 2)
    high = difference + math.sqrt((high_e - p_e) ** 2 + (p_c - low_c) ** 2)
    return max(low, -1.0), min(high, 1.0)


def two_proportion_p_value(
    positive_e: float, total_e: float, positive_c: float, total_c: float
) -> float | None:
    """Two-sided p-value of the pooled two-proportion z-test (Wald test under H0: p_e = p_c).

    ``z = (p_e - p_c) / sqrt(p̄(1 - p̄)(1/n_e + 1/n_c))`` with the pooled rate ``p̄``
    (e.g. Agresti, *Categorical Data Analysis*, 3rd ed., §3.1.3).

    Args:
        positive_e: Positive answers in the exposed group.
        total_e: Respondents in the exposed group.
        positive_c: Positive answers in the control group.
        total_c: Respondents in the control group.

    Returns:
        The p-value; 1.0 when every answer in both groups is the same (the difference is then
        exactly 0); None when either group is empty.
    """
    _check_counts(positive_e, total_e)
    _check_counts(positive_c, total_c)
    if total_e == 0 or total_c == 0:
        return None
    difference = _rate(positive_e, total_e) - _rate(positive_c, total_c)
    pooled = _rate(positive_e + positive_c, total_e + total_c)
    variance = pooled * (1.0 - pooled) * (1.0 / total_e + 1.0 / total_c)
    if variance <= 0.0:
        return 1.0
    return float(2.0 * _normal_sf(abs(difference) / math.sqrt(variance)))


def probability_greater(
    positive_e: float, total_e: float, positive_c: float, total_c: float
) -> float | None:
    """Posterior probability that ``p_e > p_c`` under independent Beta(1 + x, 1 + n - x).

    Uniform Beta(1, 1) priors (Bayes-Laplace); computed exactly as
    ``∫ f_e(t) · F_c(t) dt`` by adaptive quadrature over the region holding the posterior mass
    (the integral Evan Miller's closed form sums for integer counts).

    Args:
        positive_e: Positive answers in the exposed group.
        total_e: Respondents in the exposed group.
        positive_c: Positive answers in the control group.
        total_c: Respondents in the control group.

    Returns:
        The probability in [0, 1], or None when either group is empty.
    """
    _check_counts(positive_e, total_e)
    _check_counts(positive_c, total_c)
    if total_e == 0 or total_c == 0:
        return None
    a_e, b_e = 1.0 + positive_e, 1.0 + total_e - positive_e
    a_c, b_c = 1.0 + positive_c, 1.0 + total_c - positive_c
    tail = 1e-13
    low = min(special.betaincinv(a_e, b_e, tail), special.betaincinv(a_c, b_c, tail))
    high = max(special.betainccinv(a_e, b_e, tail), special.betainccinv(a_c, b_c, tail))
    log_norm_e = special.betaln(a_e, b_e)

    # The integrand with scipy.special's plain functions: frozen scipy.stats objects cost ~50x.
    def integrand(t: float) -> float:
        log_pdf = (a_e - 1) * math.log(t) + (b_e - 1) * math.log1p(-t) - log_norm_e
        return math.exp(log_pdf) * special.betainc(a_c, b_c, t)

    # Below ``low`` both masses are negligible; above ``high`` F_c = 1 up to the tail.
    inside, _ = integrate.quad(
        integrand,
        low,
        high,
        points=sorted({a_e / (a_e + b_e), a_c / (a_c + b_c)}),
        limit=500,
        epsabs=1e-12,
        epsrel=1e-10,
    )
    return float(min(max(inside + special.betaincc(a_e, b_e, high), 0.0), 1.0))


def _power(difference: float, base_rate: float, total_e: float, total_c: float, z: float) -> float:
    p_e = base_rate + difference
    pooled = (total_e * p_e + total_c * base_rate) / (total_e + total_c)
    sd_null = math.sqrt(pooled * (1 - pooled) * (1 / total_e + 1 / total_c))
    sd_alt = math.sqrt(p_e * (1 - p_e) / total_e + base_rate * (1 - base_rate) / total_c)
    if sd_alt == 0.0:
        return 1.0 if difference > 0 else 0.0
    return float(
        _normal_sf((z * sd_null - difference) / sd_alt)
        + special.ndtr((-z * sd_null - difference) / sd_alt)
    )


def minimum_detectable_lift(
    total_e: float,
    total_c: float,
    base_rate: float,
    confidence: float = DEFAULT_CONFIDENCE,
    power: float = DEFAULT_POWER,
) -> float | None:
    """Smallest absolute lift the pooled z-test detects with the given power.

    Solves ``power(d) = target`` for ``d > 0`` where ``power`` is the normal approximation with
    the pooled variance under H0 and the unpooled variance under H1, both tails counted (Fleiss,
    Levin & Paik, *Statistical Methods for Rates and Proportions*, 3rd ed., §4.2; the same
    function as statsmodels' ``power_proportions_2indep``). Two-sided alpha is
    ``1 - confidence``.

    Args:
        total_e: Respondents in the exposed group (effective count when weighted).
        total_c: Respondents in the control group.
        base_rate: The control group's positive rate.
        confidence: ``1 - alpha`` of the two-sided test.
        power: Target power.

    Returns:
        The lift in proportion points, or None when a group is empty, the base rate is 100 %
        (no headroom) or even a lift to 100 % would not reach the power.
    """
    z = z_critical(confidence)
    if not 0.0 < power < 1.0:
        raise ValueError(f"power must be strictly between 0 and 1, got {power!r}")
    if total_e <= 0 or total_c <= 0 or base_rate is None or not 0.0 <= base_rate < 1.0:
        return None
    headroom = 1.0 - base_rate
    if _power(headroom, base_rate, total_e, total_c, z) < power:
        return None
    return float(
        optimize.brentq(
            lambda d: _power(d, base_rate, total_e, total_c, z) - power,
            1e-12,
            headroom,
            xtol=1e-12,
            rtol=1e-12,
        )
    )


def respondents_per_group(
    lift: float,
    base_rate: float,
    confidence: float = DEFAULT_CONFIDENCE,
    power: float = DEFAULT_POWER,
) -> int | None:
    """Respondents needed in each of two equal groups to detect ``lift`` with ``power``.

    The inverse of ``minimum_detectable_lift``: the same two-sided pooled z-test power (Fleiss,
    Levin & Paik, §4.2; R's ``power.prop.test`` and LinkedIn LiftTest's ``get.min.size`` answer
    the same question), solved for the group size and rounded up.

    Args:
        lift: The absolute lift to detect, in proportion points (0.05 is 5 points).
        base_rate: The control group's expected positive rate.
        confidence: ``1 - alpha`` of the two-sided test.
        power: Target power.

    Returns:
        Respondents per group, or None when the lift is not positive or goes past 100 %.
    """
    z = z_critical(confidence)
    if not 0.0 < power < 1.0:
        raise ValueError(f"power must be strictly between 0 and 1, got {power!r}")
    if not 0.0 <= base_rate < 1.0 or not 0.0 < lift <= 1.0 - base_rate:
        return None
    upper = 10.0
    while _power(lift, base_rate, upper, upper, z) < power:
        upper *= 10.0
        if upper > 1e12:
            return None
    size = optimize.brentq(
        lambda n: _power(lift, base_rate, n, n, z) - power, 1.0, upper, xtol=1e-6
    )
    return math.ceil(size - 1e-9)


def difference_variance(
    positive_e: float, total_e: float, positive_c: float, total_c: float
) -> float | None:
    """Variance of ``p_e - p_c``: ``p_e(1-p_e)/n_e + p_c(1-p_c)/n_c``.

    A group at 0 % or 100 % would get zero variance (and infinite weight when pooling), so its
    rate is taken as ``(x + 0.5) / (n + 1)``, the 0.5 zero-cell correction of the Cochrane
    Handbook (§10.4.4.2) and Sweeting, Sutton & Lambert (2004).

    Returns:
        The variance, or None when a group is empty.
    """
    if total_e <= 0 or total_c <= 0:
        return None

    def part(x: float, n: float) -> float:
        p = _rate(x, n)
        if p in (0.0, 1.0):
            p = (x + 0.5) / (n + 1.0)
        return p * (1.0 - p) / n

    return part(positive_e, total_e) + part(positive_c, total_c)


@dataclass(frozen=True)
class PooledEstimate:
    """Fixed-effect inverse-variance pooled difference and its heterogeneity."""

    estimate: float | None
    standard_error: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    significant: bool
    k: int
    weights: tuple[float, ...]
    q_statistic: float | None
    i_squared: float | None
    confidence: float
    warnings: tuple[str, ...]
    method: str = FIXED_EFFECT


def pooled_difference(
    estimates: Sequence[float],
    variances: Sequence[float],
    confidence: float = DEFAULT_CONFIDENCE,
) -> PooledEstimate:
    """Inverse-variance (fixed-effect) pooled estimate with a Wald interval (``fixed-effect``).

    ``θ̂ = Σ w_i d_i / Σ w_i`` with ``w_i = 1 / v_i`` and ``SE = 1 / sqrt(Σ w_i)``; Cochran's
    ``Q = Σ w_i (d_i - θ̂)²`` and Higgins & Thompson (2002) ``I² = max(0, (Q - (k-1)) / Q)``
    (Borenstein et al., *Introduction to Meta-Analysis*, 2009, ch. 11 and 16).

    Args:
        estimates: One difference per study (campaign).
        variances: Their variances, all strictly positive.
        confidence: Two-sided coverage of the interval.

    Returns:
        The pooled estimate; every number None and a warning when there is nothing to pool.
    """
    z = z_critical(confidence)
    d = np.asarray(estimates, dtype=float)
    v = np.asarray(variances, dtype=float)
    if d.shape != v.shape:
        raise ValueError("estimates and variances must have the same length")
    keep = np.isfinite(d) & np.isfinite(v) & (v > 0)
    warnings = []
    if (~keep).any():
        warnings.append(Message("stats.no_positive_variance", n=int((~keep).sum())))
    d, v = d[keep], v[keep]
    if d.size == 0:
        return PooledEstimate(
            None,
            None,
            None,
            None,
            None,
            False,
            0,
            (),
            None,
            None,
            confidence,
            (*warnings, Message("stats.nothing_to_pool")),
        )
    w = 1.0 / v
    estimate = float(np.sum(w * d) / np.sum(w))
    se = float(1.0 / math.sqrt(np.sum(w)))
    low, high = estimate - z * se, estimate + z * se
    p_value = float(2.0 * _normal_sf(abs(estimate) / se))
    q = float(np.sum(w * (d - estimate) ** 2))
    i_squared = max(0.0, (q - (d.size - 1)) / q) if d.size > 1 and q > 0 else 0.0
    if d.size == 1:
        warnings.append(Message("stats.one_campaign"))
    if i_squared > 0.5:
        warnings.append(Message("stats.campaigns_disagree", share=i_squared))
    return PooledEstimate(
        estimate=estimate,
        standard_error=se,
        ci_low=max(low, -1.0),
        ci_high=min(high, 1.0),
        p_value=p_value,
        significant=bool(low > 0 or high < 0),
        k=int(d.size),
        weights=tuple(float(x) for x in w / np.sum(w)),
        q_statistic=q,
        i_squared=float(i_squared),
        confidence=confidence,
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class ProportionComparison:
    """Everything §4 of the spec asks about one exposed-versus-control comparison."""

    n_exposed: float
    n_control: float
    exposed_rate: float | None
    control_rate: float | None
    absolute_lift: float | None
    relative_lift: float | None
    headroom_lift: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    certainty: float | None
    prob_positive: float | None
    significant: bool
    low_certainty: bool
    min_detectable_lift: float | None
    confidence: float
    warnings: tuple[str, ...]
    method: str = NEWCOMBE


LOW_CERTAINTY = 0.70


def compare_proportions(
    positive_e: float,
    total_e: float,
    positive_c: float,
    total_c: float,
    confidence: float = DEFAULT_CONFIDENCE,
) -> ProportionComparison:
    """Lift of the exposed group over the control group, with its uncertainty.

    Absolute lift ``p_e - p_c``; relative lift ``(p_e - p_c) / p_c``; headroom lift
    ``(p_e - p_c) / (1 - p_c)``; Newcombe (1998) method-10 interval; pooled z-test p-value and
    certainty ``1 - p`` (Google Brand Lift's "lift certainty"; results under 70 % are flagged,
    not hidden); ``P(p_e > p_c)`` under Beta(1 + x, 1 + n - x) posteriors; the minimum
    detectable lift at power 0.8. ``significant`` means the interval excludes 0.

    Args:
        positive_e: Positive answers in the exposed group (effective count when weighted).
        total_e: Respondents in the exposed group.
        positive_c: Positive answers in the control group.
        total_c: Respondents in the control group.
        confidence: Two-sided coverage of the interval.

    Returns:
        The comparison; rates, interval and p-value are None when a group is empty.
    """
    z_critical(confidence)
    _check_counts(positive_e, total_e)
    _check_counts(positive_c, total_c)
    warnings: list[str] = []
    p_e = _rate(positive_e, total_e) if total_e > 0 else None
    p_c = _rate(positive_c, total_c) if total_c > 0 else None
    for label, total in (("exposed", total_e), ("control", total_c)):
        if total == 0:
            warnings.append(Message("stats.no_respondents", group=label))
    absolute = relative = headroom = None
    if p_e is not None and p_c is not None:
        absolute = p_e - p_c
        relative = absolute / p_c if p_c > 0 else None
        headroom = absolute / (1.0 - p_c) if p_c < 1 else None
        if p_c == 0:
            warnings.append(Message("stats.no_control_positive"))
        if p_c == 1:
            warnings.append(Message("stats.control_all_positive"))
    interval = newcombe_interval(positive_e, total_e, positive_c, total_c, confidence)
    p_value = two_proportion_p_value(positive_e, total_e, positive_c, total_c)
    certainty = None if p_value is None else 1.0 - p_value
    significant = bool(interval is not None and (interval[0] > 0 or interval[1] < 0))
    if interval is not None and absolute is not None and interval[1] - interval[0] > abs(absolute):
        warnings.append(Message("stats.interval_wider", width=interval[1] - interval[0]))
    if interval is not None and not significant:
        # Not significant: the interval holds 0, so its upper end is at or above 0.
        warnings.append(Message("stats.not_proof", high=abs(interval[1])))
    return ProportionComparison(
        n_exposed=total_e,
        n_control=total_c,
        exposed_rate=p_e,
        control_rate=p_c,
        absolute_lift=absolute,
        relative_lift=relative,
        headroom_lift=headroom,
        ci_low=None if interval is None else interval[0],
        ci_high=None if interval is None else interval[1],
        p_value=p_value,
        certainty=certainty,
        prob_positive=probability_greater(positive_e, total_e, positive_c, total_c),
        significant=significant,
        low_certainty=certainty is None or certainty < LOW_CERTAINTY,
        min_detectable_lift=(
            None if p_c is None else minimum_detectable_lift(total_e, total_c, p_c, confidence)
        ),
        confidence=confidence,
        warnings=tuple(warnings),
    )
