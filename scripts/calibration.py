"""Coverage of every interval Sillage computes, by simulation from known models.

Each scenario draws data from a model whose true value is known, in a shape users have (small
and large samples, rates at 0 %, unequal groups, short weekly series, carry-over near its
limits, autocorrelated weeks, creators with few posts, brand trackers of three to five waves,
a client's campaigns with several control waves each), runs the product's own function and
counts how often its interval holds the truth. A row passes when its coverage is at least
``nominal − 2.5·sqrt(nominal·(1 − nominal) / draws)`` (the binomial allowance); the median
width is kept so that a method cannot pass by being wide. Draws the product marks
``indicative`` are counted apart: the allowance applies to the draws shown as a
``confidence`` interval.

Run ``python scripts/calibration.py`` for the table (``--draws``, ``--only``, ``--markdown``);
``tests/test_calibration.py`` runs the same scenarios and asserts every row.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import datetime as dt  # noqa: E402

from metrics import brand_lift, creators, exposure, longterm, organic, perception, scorecard, stats  # noqa: E402

DRAWS = 1000
SEED = 20_261_206
NOMINAL = 0.90
ALLOWANCE_SE = 2.5


@dataclass(frozen=True)
class Draw:
    """One simulated interval: its ends (None: unbounded side), the truth, whether shown as
    indicative."""

    low: float | None
    high: float | None
    truth: float
    indicative: bool = False
    missing: bool = False  # the product gave no interval although the data allow one


@dataclass(frozen=True)
class Scenario:
    """A data-generating model for one interval; ``draw(rng)`` yields one ``Draw``."""

    interval: str
    method: str
    name: str
    draw: Callable[[np.random.Generator], Draw]
    max_median_width: float
    draws: int = DRAWS


@dataclass(frozen=True)
class Row:
    """One line of the calibration table."""

    interval: str
    method: str
    scenario: str
    nominal: float
    draws: int
    coverage: float
    median_width: float
    indicative_share: float
    shown: int
    shown_coverage: float | None
    floor: float | None
    max_median_width: float

    @property
    def passes(self) -> bool:
        """Coverage of the draws shown as a confidence interval within the allowance, and a
        bounded median width; a row shown only as indicative passes on its width."""
        width_ok = self.median_width <= self.max_median_width
        if self.shown == 0:
            return width_ok
        return width_ok and self.shown_coverage >= self.floor


def allowance_floor(nominal: float, draws: int) -> float:
    """``nominal − 2.5·sqrt(nominal·(1 − nominal) / draws)``: the lowest coverage a correct
    interval reaches by chance in all but about 0.6 % of runs."""
    return nominal - ALLOWANCE_SE * math.sqrt(nominal * (1.0 - nominal) / draws)


def run_scenario(scenario: Scenario, seed: int = SEED, draws: int | None = None) -> Row:
    """Draw ``scenario`` ``draws`` times and summarise coverage and width."""
    draws = scenario.draws if draws is None else draws
    rng = np.random.default_rng([seed, _stable_hash(scenario.interval + scenario.name)])
    covered, widths, flagged = [], [], []
    for _ in range(draws):
        d = scenario.draw(rng)
        low = -math.inf if d.low is None else d.low
        high = math.inf if d.high is None else d.high
        covered.append(not d.missing and low - 1e-12 <= d.truth <= high + 1e-12)
        widths.append(math.inf if d.missing else high - low)
        flagged.append(d.indicative)
    covered_a, flagged_a = np.array(covered), np.array(flagged)
    shown = int((~flagged_a).sum())
    return Row(
        interval=scenario.interval,
        method=scenario.method,
        scenario=scenario.name,
        nominal=NOMINAL,
        draws=draws,
        coverage=float(covered_a.mean()),
        median_width=float(np.median(widths)),
        indicative_share=float(flagged_a.mean()),
        shown=shown,
        shown_coverage=float(covered_a[~flagged_a].mean()) if shown else None,
        floor=allowance_floor(NOMINAL, shown) if shown else None,
        max_median_width=scenario.max_median_width,
    )


def _stable_hash(text: str) -> int:
    return zlib.crc32(text.encode())


# --- proportions ------------------------------------------------------------------------------


def _wilson(n: int, p: float) -> Callable[[np.random.Generator], Draw]:
    def draw(rng: np.random.Generator) -> Draw:
        low, high = stats.wilson_interval(int(rng.binomial(n, p)), n, NOMINAL)
        return Draw(low, high, p)

    return draw


def _newcombe(n_e: int, p_e: float, n_c: int, p_c: float) -> Callable[..., Draw]:
    def draw(rng: np.random.Generator) -> Draw:
        x_e, x_c = int(rng.binomial(n_e, p_e)), int(rng.binomial(n_c, p_c))
        low, high = stats.newcombe_interval(x_e, n_e, x_c, n_c, NOMINAL)
        return Draw(low, high, p_e - p_c)

    return draw


def _newcombe_weighted(n: int, p_e: float, p_c: float, spread: float) -> Callable[..., Draw]:
    """Respondent weights lognormal(0, spread), answers independent of weights: Kish counts."""

    def group(rng: np.random.Generator, p: float) -> tuple[float, float]:
        w = rng.lognormal(0.0, spread, n)
        y = rng.random(n) < p
        return stats.weighted_counts(float(w.sum()), float((w * w).sum()), float(w[y].sum()))

    def draw(rng: np.random.Generator) -> Draw:
        x_e, n_e = group(rng, p_e)
        x_c, n_c = group(rng, p_c)
        low, high = stats.newcombe_interval(x_e, n_e, x_c, n_c, NOMINAL)
        return Draw(low, high, p_e - p_c)

    return draw


def _cost_per_lifted_user(n: int, p_e: float, p_c: float) -> Callable[..., Draw]:
    """Spend 10,000 over a reach of 200,000: the scorecard's interval from the lift's."""
    spend, reach = 10_000.0, 200_000

    def draw(rng: np.random.Generator) -> Draw:
        x_e, x_c = int(rng.binomial(n, p_e)), int(rng.binomial(n, p_c))
        comparison = stats.newcombe_interval(x_e, n, x_c, n, NOMINAL)
        lift = x_e / n - x_c / n
        result = SimpleNamespace(
            spend=spend,
            exposed_reach=reach,
            ci_low=comparison[0],
            ci_high=comparison[1],
            question="awareness",
            reach_provenance="measured",
            cost_per_lifted_user=spend / (lift * reach) if lift > 0 else None,
            confidence=NOMINAL,
        )
        scorecard_metrics = SimpleNamespace(lift_reason=None)
        original = scorecard._headline_lift
        scorecard._headline_lift = lambda _m: result
        try:
            measured = scorecard._measure_cost_per_lifted_user(scorecard_metrics, None)
        finally:
            scorecard._headline_lift = original
        truth = spend / ((p_e - p_c) * reach)
        if measured.value is None and measured.ci_low is None:
            # No lifted users at all (the lift interval is at or below 0): the page shows no
            # range; the truth [cost, ∞) is then not bounded by anything shown.
            return Draw(None, None, truth, missing=True)
        return Draw(measured.ci_low, measured.ci_high, truth)

    return draw


def _pooled(k: int, n: int, p_c: float, lift: float) -> Callable[..., Draw]:
    def draw(rng: np.random.Generator) -> Draw:
        d, v = [], []
        for _ in range(k):
            x_e, x_c = int(rng.binomial(n, p_c + lift)), int(rng.binomial(n, p_c))
            d.append(x_e / n - x_c / n)
            v.append(stats.difference_variance(x_e, n, x_c, n))
        pooled = stats.pooled_difference(d, v, NOMINAL)
        return Draw(pooled.ci_low, pooled.ci_high, lift)

    return draw


# --- comments -----------------------------------------------------------------------------


def _sentiment(n: int, shares: tuple[float, float, float]) -> Callable[..., Draw]:
    def draw(rng: np.random.Generator) -> Draw:
        pos, neu, neg = (int(c) for c in rng.multinomial(n, shares))
        result = perception.net_sentiment(pos, neu, neg, NOMINAL)
        return Draw(result.ci_low, result.ci_high, shares[0] - shares[2])

    return draw


# --- creators -----------------------------------------------------------------------------


def _er_values(rng: np.random.Generator, size: int, mean: float, cv: float) -> np.ndarray:
    """Engagement rates by reach: gamma with the given mean and coefficient of variation."""
    shape = 1.0 / (cv * cv)
    return rng.gamma(shape, mean / shape, size)


def _collaboration_mean(n: int, mean: float, cv: float, shape: str) -> Callable[..., Draw]:
    """Rates gamma or lognormal with the given mean and coefficient of variation."""
    sigma = math.sqrt(math.log(1.0 + cv * cv))

    def draw(rng: np.random.Generator) -> Draw:
        if shape == "gamma":
            values = _er_values(rng, n, mean, cv)
        else:
            values = rng.lognormal(math.log(mean) - sigma * sigma / 2.0, sigma, n)
        _, low, high, _ = creators._t_interval(values, NOMINAL)
        return Draw(low, high, mean)

    return draw


def _relationship_slope(
    pairs: int,
    collaborations: tuple[int, int],
    slope: float,
    noise: float,
    slope_sd: float = 0.0,
) -> Callable[..., Draw]:
    """Pairs with their own level (creator fixed effect), a number of collaborations each, a
    slope per collaboration (common, or varying by pair with ``slope_sd`` around ``slope``,
    the truth then being the mean slope), normal noise: the within-pair OLS slope's t-interval."""

    def draw(rng: np.random.Generator) -> Draw:
        rows = []
        for pair in range(pairs):
            count = int(rng.integers(collaborations[0], collaborations[1] + 1))
            level = rng.lognormal(math.log(0.05), 0.5)
            own = slope + rng.normal(0.0, slope_sd) if slope_sd else slope
            for k in range(1, count + 1):
                er = level + own * (k - 1) + rng.normal(0.0, noise)
                rows.append((f"c{pair}", "client", k, er))
        units = pd.DataFrame(
            rows, columns=["creator_id", "client_id", "collaboration_number", "er_reach"]
        )
        trend = creators._within_trend(units, NOMINAL)
        return Draw(trend.ci_low, trend.ci_high, slope, missing=trend.ci_low is None)

    return draw


# --- sponsored against organic ------------------------------------------------------------


def _views_ratio(n_s: int, n_o: int, ratio: float, sigma: float) -> Callable[..., Draw]:
    """Views lognormal(μ, σ) per post, the sponsored mean ``ratio`` times the organic one."""
    mu_o = math.log(20_000.0)
    mu_s = mu_o + math.log(ratio)

    def draw(rng: np.random.Generator) -> Draw:
        s = rng.lognormal(mu_s, sigma, n_s)
        o = rng.lognormal(mu_o, sigma, n_o)
        r = organic.views_ratio(s, o, NOMINAL)
        return Draw(r.low, r.high, ratio)

    return draw


def _er_ratio(
    n_s: int, n_o: int, rate_s: float, rate_o: float, sigma: float
) -> Callable[..., Draw]:
    """Views lognormal(log 20,000, σ); engagements binomial(views, rate · lognormal(0, 0.3)
    normalised to mean 1): the ratio of the ratio estimators' targets ``rate_s / rate_o``."""

    def side(rng: np.random.Generator, n: int, rate: float) -> tuple[np.ndarray, np.ndarray]:
        views = np.maximum(np.round(rng.lognormal(math.log(20_000.0), sigma, n)), 1)
        post_rate = rate * rng.lognormal(-0.045, 0.3, n)
        return rng.binomial(views.astype(np.int64), np.minimum(post_rate, 1.0)).astype(float), views

    def draw(rng: np.random.Generator) -> Draw:
        e_s, v_s = side(rng, n_s, rate_s)
        e_o, v_o = side(rng, n_o, rate_o)
        r = organic.er_ratio(e_s, v_s, e_o, v_o, NOMINAL)
        return Draw(r.low, r.high, rate_s / rate_o)

    return draw


def _pooled_ratio(
    creators_n: int, n_s: int, n_o: int, ratio: float, tau: float
) -> Callable[..., Draw]:
    """Creators of different sizes, each with its own ratio exp(log ratio + N(0, τ²)); the truth
    is the mean log ratio the random-effects model estimates."""
    sigma = 0.8

    def draw(rng: np.random.Generator) -> Draw:
        ratios = []
        for _ in range(creators_n):
            mu_o = rng.normal(math.log(20_000.0), 1.0)
            own = math.log(ratio) + rng.normal(0.0, tau)
            s = rng.lognormal(mu_o + own, sigma, n_s)
            o = rng.lognormal(mu_o, sigma, n_o)
            ratios.append(organic.views_ratio(s, o, NOMINAL))
        r = organic.pooled(ratios, NOMINAL)
        return Draw(r.low, r.high, ratio)

    return draw


# --- adstock ------------------------------------------------------------------------------


def weekly_input(rng: np.random.Generator, weeks: int) -> np.ndarray:
    """Sparse weekly posts: a burst of 1 + Poisson(2) posts in about 40 % of weeks."""
    x = np.where(rng.random(weeks) < 0.4, rng.poisson(2.0, weeks) + 1, 0).astype(float)
    if not x.any():
        x[int(rng.integers(weeks))] = 2.0
    return x


def weekly_noise(rng: np.random.Generator, weeks: int, sd: float, rho: float) -> np.ndarray:
    """Normal noise with standard deviation ``sd``, AR(1) with coefficient ``rho``."""
    if rho == 0:
        return rng.normal(0.0, sd, weeks)
    innovations = rng.normal(0.0, sd * math.sqrt(1.0 - rho * rho), weeks)
    out = np.empty(weeks)
    previous = rng.normal(0.0, sd)
    for t in range(weeks):
        previous = rho * previous + innovations[t]
        out[t] = previous
    return out


def _adstock(
    weeks: int,
    sd: float,
    theta: tuple[float, float],
    rho: float = 0.0,
    target: str = "theta",
) -> Callable[..., Draw]:
    """``y = 100 + 5·A_t(θ) + noise``, θ uniform in ``theta``, on sparse weekly posts."""

    def draw(rng: np.random.Generator) -> Draw:
        true_theta = float(rng.uniform(*theta))
        x = weekly_input(rng, weeks)
        y = (
            100.0
            + 5.0 * exposure.geometric_adstock(x, true_theta)
            + weekly_noise(rng, weeks, sd, rho)
        )
        fit = exposure.fit_adstock(y, x, confidence=NOMINAL)
        if target == "half_life":
            truth = math.log(0.5) / math.log(true_theta)
            return Draw(fit.half_life_low, fit.half_life_high, truth, fit.indicative)
        return Draw(fit.theta_low, fit.theta_high, true_theta, fit.indicative)

    return draw


# --- long-term brand tracking --------------------------------------------------------------


@dataclass(frozen=True)
class Tracker:
    """A brand tracker's waves after the campaign: the lift ``lift·exp(−λ t)`` at each week of
    ``weeks`` (``λ = ln 2 / half_life``), ``n`` answers a group, the control at ``control``;
    ``wave_sd`` adds to each wave's lift a normal error beyond sampling (a wave's panel or
    fieldwork differing from the others'), ``spread`` gives respondents lognormal(0, spread)
    weights (Kish-effective counts)."""

    weeks: tuple[float, ...]
    n: int
    half_life: float
    lift: float
    control: float = 0.30
    wave_sd: float = 0.0
    spread: float = 0.0

    @property
    def rate(self) -> float:
        return math.log(2) / self.half_life

    def label(self) -> str:
        waves = ", ".join(f"{t:g}" for t in self.weeks)
        text = (
            f"waves at {waves} weeks, {self.n} a group, half-life {self.half_life:g} weeks, "
            f"lift {self.lift:.0%} on {self.control:.0%}"
        )
        if self.wave_sd:
            text += f", wave error sd {self.wave_sd:.1%}"
        if self.spread:
            text += f", lognormal(0, {self.spread:g}) weights"
        return text

    def waves(self, rng: np.random.Generator) -> list[longterm.WaveLift]:
        """One simulated tracker: each wave's lift as ``metrics.longterm.wave_lifts`` gives it."""
        result = []
        for t in self.weeks:
            lift = self.lift * math.exp(-self.rate * t) + (
                rng.normal(0.0, self.wave_sd) if self.wave_sd else 0.0
            )
            exposed = self._group(rng, min(max(self.control + lift, 0.0), 1.0))
            control = self._group(rng, self.control)
            counts = brand_lift.QuestionCounts("awareness", "respondents", exposed, control)
            label = "post" if t == 0 else f"+{t:g}w"
            result.append(longterm.wave_lift(counts, label, float(t), NOMINAL))
        return result

    def _group(self, rng: np.random.Generator, p: float) -> brand_lift.GroupCounts:
        if not self.spread:
            return brand_lift.GroupCounts(self.n, float(rng.binomial(self.n, p)), float(self.n))
        w = rng.lognormal(0.0, self.spread, self.n)
        y = rng.random(self.n) < p
        return brand_lift.GroupCounts.weighted(
            self.n, float(w.sum()), float((w * w).sum()), float(w[y].sum())
        )


def _half_life(tracker: Tracker) -> Callable[..., Draw]:
    """The decay fit's profile interval on the half-life, against the true one."""

    def draw(rng: np.random.Generator) -> Draw:
        fit = longterm.decay_fit(tracker.waves(rng), NOMINAL)
        if fit is None:
            return Draw(None, None, tracker.half_life, missing=True)
        return Draw(fit.ci_low, fit.ci_high, tracker.half_life)

    return draw


def _remaining(tracker: Tracker, week: float) -> Callable[..., Draw]:
    """The share of the post lift left at ``week``: ``exp(−λ·week)``. A draw whose post lift
    is not clear of zero gets no interval from the product (only the share): counted apart."""
    truth = math.exp(-tracker.rate * week)

    def draw(rng: np.random.Generator) -> Draw:
        shares = longterm.remaining_shares(tracker.waves(rng), NOMINAL)
        share = next(r for r in shares if r.week == week)
        if share.ci_low is None:
            return Draw(None, None, truth, indicative=True)
        return Draw(share.ci_low, share.ci_high, truth)

    return draw


def _baseline(
    campaigns: int,
    waves: int,
    n: int,
    slope: float,
    span_days: int = 600,
    level: float = 0.30,
    campaign_sd: float = 0.0,
) -> Callable[..., Draw]:
    """Control groups of ``campaigns`` campaigns spread over ``span_days``, each with ``waves``
    waves four weeks apart, ``n`` answers each, the control rate ``level + slope·years`` (plus a
    campaign's own normal offset of sd ``campaign_sd``, shared by its waves): the slope's
    interval against ``slope`` per year."""
    origin = dt.date(2025, 1, 6)

    def draw(rng: np.random.Generator) -> Draw:
        points = []
        starts = np.sort(rng.uniform(0, span_days - 28 * (waves - 1), campaigns))
        for c, start in enumerate(starts):
            offset = rng.normal(0.0, campaign_sd) if campaign_sd else 0.0
            for k in range(waves):
                day = origin + dt.timedelta(days=int(start) + 28 * k)
                years = (day - origin).days / longterm.DAYS_PER_YEAR
                p = min(max(level + slope * years + offset, 0.0), 1.0)
                rate = rng.binomial(n, p) / n
                points.append(
                    longterm.BaselinePoint(
                        f"c{c}", f"c{c}", None, day, rate, n, float(n), None, None
                    )
                )
        trend = longterm.baseline_trend("awareness", points, NOMINAL)
        return Draw(trend.ci_low, trend.ci_high, slope, missing=trend.ci_low is None)

    return draw


# --- the table ------------------------------------------------------------------------------


def scenarios() -> Iterator[Scenario]:
    """Every interval and the shapes it is checked in."""
    for n, p, width in (
        (30, 0.0, 0.12),
        (30, 0.03, 0.2),
        (50, 0.3, 0.25),
        (250, 0.5, 0.12),
        (1000, 0.9, 0.04),
    ):
        yield Scenario("Wilson proportion", "wilson", f"n={n}, p={p:.0%}", _wilson(n, p), width)
    for n_e, p_e, n_c, p_c, width in (
        (30, 0.05, 30, 0.0, 0.3),
        (250, 0.35, 250, 0.30, 0.15),
        (400, 0.12, 100, 0.08, 0.15),
        (2000, 0.52, 2000, 0.50, 0.06),
    ):
        yield Scenario(
            "Brand lift p_e - p_c",
            "newcombe",
            f"exposed {n_e} at {p_e:.0%}, control {n_c} at {p_c:.0%}",
            _newcombe(n_e, p_e, n_c, p_c),
            width,
        )
    yield Scenario(
        "Brand lift p_e - p_c",
        "newcombe",
        "300 a group, 35 % vs 30 %, lognormal(0, 0.6) weights (Kish)",
        _newcombe_weighted(300, 0.35, 0.30, 0.6),
        0.2,
    )
    yield Scenario(
        "Cost per lifted user",
        "newcombe",
        "400 a group, 30 % vs 20 %",
        _cost_per_lifted_user(400, 0.30, 0.20),
        1.0,
    )
    yield Scenario(
        "Cost per lifted user",
        "newcombe",
        "1500 a group, 25 % vs 20 %",
        _cost_per_lifted_user(1500, 0.25, 0.20),
        2.5,
    )
    for k, n, p_c, lift, width in (
        (3, 300, 0.3, 0.05, 0.1),
        (6, 60, 0.1, 0.03, 0.12),
        (2, 1000, 0.5, 0.0, 0.06),
    ):
        yield Scenario(
            "Pooled lift",
            "fixed-effect",
            f"{k} campaigns x {n} a group, {p_c:.0%} + {lift:.0%}",
            _pooled(k, n, p_c, lift),
            width,
        )
    for n, shares, width in (
        (10, (0.6, 0.3, 0.1), 0.9),
        (40, (0.05, 0.9, 0.05), 0.25),
        (40, (1.0, 0.0, 0.0), 0.15),
        (200, (0.5, 0.2, 0.3), 0.26),
        (2000, (0.45, 0.4, 0.15), 0.07),
    ):
        label = "/".join(f"{s:.0%}" for s in shares)
        yield Scenario(
            "Net sentiment",
            "adjusted-wald",
            f"{n} comments, +/0/- {label}",
            _sentiment(n, shares),
            width,
        )
    for n, cv, shape, width in (
        (3, 0.6, "gamma", 0.12),
        (5, 0.6, "gamma", 0.08),
        (5, 0.8, "lognormal", 0.1),
        (10, 1.0, "gamma", 0.12),
        (20, 1.0, "lognormal", 0.06),
        (40, 1.0, "gamma", 0.04),
    ):
        yield Scenario(
            "Mean ER by collaboration number",
            creators.MEAN_INTERVAL,
            f"{n} collaborations, {shape} ER mean 5 %, cv {cv}",
            _collaboration_mean(n, 0.05, cv, shape),
            width,
        )
    for pairs, sizes, width in ((1, (4, 4), 0.05), (8, (2, 6), 0.015), (40, (2, 5), 0.008)):
        yield Scenario(
            "Relationship slope",
            creators.T_INTERVAL,
            f"{pairs} creator-client pairs, {sizes[0]}-{sizes[1]} collaborations",
            _relationship_slope(pairs, sizes, 0.002, 0.01),
            width,
        )
    yield Scenario(
        "Relationship slope",
        creators.T_INTERVAL,
        "20 creator-client pairs, 2-6 collaborations, slopes differ by pair (sd 0.002)",
        _relationship_slope(20, (2, 6), 0.002, 0.01, slope_sd=0.002),
        0.01,
    )
    for n_s, n_o, sigma, width in (
        (3, 10, 0.8, 4.5),
        (5, 20, 0.8, 3.0),
        (10, 30, 0.5, 1.2),
        (20, 60, 1.0, 2.0),
    ):
        yield Scenario(
            "Sponsored/organic views ratio",
            organic.DELTA_LOG_WELCH,
            f"{n_s} sponsored vs {n_o} organic posts, lognormal σ {sigma}",
            _views_ratio(n_s, n_o, 1.3, sigma),
            width,
        )
    for n_s, n_o, width in ((3, 10, 1.0), (10, 30, 0.5)):
        yield Scenario(
            "Sponsored/organic ER ratio",
            organic.DELTA_LOG_WELCH,
            f"{n_s} sponsored vs {n_o} organic posts, 4 % vs 5 %",
            _er_ratio(n_s, n_o, 0.04, 0.05, 0.8),
            width,
        )
    for count, tau, width in ((3, 0.0, 3.0), (8, 0.0, 1.2), (8, 0.3, 1.4)):
        yield Scenario(
            "Pooled sponsored/organic ratio",
            organic.CREATOR_T,
            f"{count} creators x (5 sponsored, 15 organic), τ {tau}",
            _pooled_ratio(count, 5, 15, 1.3, tau),
            width,
        )
    for weeks in (12, 26, 52):
        for sd in (2.0, 6.0):
            yield Scenario(
                "Adstock θ",
                exposure.ADSTOCK_METHOD,
                f"{weeks} weeks, noise sd {sd:g}, θ in [0.2, 0.8]",
                _adstock(weeks, sd, (0.2, 0.8)),
                {12: 0.7, 26: 0.45, 52: 0.3}[weeks],
            )
    for weeks, sd, theta, rho, width in (
        (8, 2.0, (0.2, 0.8), 0.0, 0.6),
        (12, 2.0, (0.02, 0.08), 0.0, 0.4),
        (26, 2.0, (0.88, 0.92), 0.0, 0.15),
        (12, 2.0, (0.2, 0.8), 0.3, 0.4),
        (26, 2.0, (0.2, 0.8), 0.3, 0.25),
        (52, 6.0, (0.2, 0.8), 0.5, 0.6),
    ):
        shape = f"{weeks} weeks, noise sd {sd:g}, θ in [{theta[0]:g}, {theta[1]:g}]"
        if rho:
            shape += f", AR(1) noise ρ {rho:g}"
        yield Scenario(
            "Adstock θ", exposure.ADSTOCK_METHOD, shape, _adstock(weeks, sd, theta, rho), width
        )
    for weeks in (12, 52):
        yield Scenario(
            "Adstock half-life (weeks)",
            exposure.ADSTOCK_METHOD,
            f"{weeks} weeks, noise sd 2, θ in [0.2, 0.8]",
            _adstock(weeks, 2.0, (0.2, 0.8), target="half_life"),
            {12: 4.0, 52: 1.5}[weeks],
        )

    for tracker, width in (
        (Tracker((0, 4, 8), 1000, 6.0, 0.10), 45.0),
        (Tracker((0, 4, 8, 12), 800, 6.0, 0.10), 35.0),
        (Tracker((0, 4, 8, 12), 2000, 4.0, 0.06), 20.0),
        (Tracker((0, 4, 8, 12, 26), 1000, 10.0, 0.08), 65.0),
        (Tracker((0, 4, 8, 12, 26), 1500, 8.0, 0.12, control=0.15), 12.0),
        (Tracker((0, 4, 8, 12), 1000, 6.0, 0.10, spread=0.6), 40.0),
        (Tracker((0, 4, 8, 12), 1000, 6.0, 0.10, wave_sd=0.01), 35.0),
        (Tracker((0, 4, 8, 12, 26), 1500, 8.0, 0.12, control=0.15, wave_sd=0.01), 14.0),
    ):
        yield Scenario(
            "Long-term half-life (weeks)",
            longterm.PROFILE,
            tracker.label(),
            _half_life(tracker),
            width,
        )
    for tracker, width in (
        (Tracker((0, 4, 8), 1000, 6.0, 0.10), 1.2),
        (Tracker((0, 4, 8, 12), 800, 6.0, 0.10), 1.4),
        (Tracker((0, 4, 8, 12), 2000, 4.0, 0.06), 1.4),
        (Tracker((0, 4, 8, 12), 500, 10.0, 0.08), 2.4),
        (Tracker((0, 4, 8, 12), 300, 6.0, 0.12), 1.9),
        (Tracker((0, 4, 8, 12), 1000, 6.0, 0.10, spread=0.6), 1.5),
    ):
        yield Scenario(
            "Long-term share remaining at +4 weeks",
            longterm.DELTA,
            tracker.label(),
            _remaining(tracker, 4.0),
            width,
        )
    for campaigns, waves, n, slope, sd, width in (
        (9, 1, 1000, 0.04, 0.0, 0.065),
        (5, 1, 300, 0.02, 0.0, 0.18),
        (12, 1, 1500, 0.0, 0.0, 0.045),
        (4, 4, 600, 0.03, 0.0, 0.1),
        (6, 3, 800, 0.02, 0.015, 0.11),
        (4, 4, 600, 0.0, 0.02, 0.25),
        (9, 1, 1000, 0.02, 0.015, 0.09),
        (2, 4, 800, 0.02, 0.0, 0.16),
    ):
        shape = f"{campaigns} campaigns x {waves} control waves of {n}, slope {slope:+.0%} a year"
        if sd:
            shape += f", campaign offset sd {sd:.1%}"
        yield Scenario(
            "Long-term control baseline slope (per year)",
            longterm.WLS,
            shape,
            _baseline(campaigns, waves, n, slope, campaign_sd=sd),
            width,
        )


def run(only: str | None = None, draws: int | None = None, seed: int = SEED) -> list[Row]:
    """Every scenario (or those whose interval contains ``only``), summarised."""
    rows = []
    for scenario in scenarios():
        if only and only.lower() not in scenario.interval.lower():
            continue
        rows.append(run_scenario(scenario, seed, draws))
    return rows


def format_table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| interval | method | scenario | nominal | draws | coverage | floor | median width "
        "| indicative | |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        shown = (
            "—"
            if r.indicative_share == 0
            else f"{r.indicative_share:.0%} (shown: {_fmt(r.shown_coverage)})"
        )
        lines.append(
            f"| {r.interval} | {r.method} | {r.scenario} | {r.nominal:.0%} | {r.draws} "
            f"| {r.coverage:.3f} | {_fmt(r.floor)} | {_width(r.median_width)} | {shown} "
            f"| {'ok' if r.passes else 'SHORT'} |"
        )
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _width(value: float) -> str:
    if not math.isfinite(value):
        return "∞"
    return f"{value:.4g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=None, help=f"draws per row (default {DRAWS})")
    parser.add_argument("--only", default=None, help="intervals whose name contains this")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args.only, args.draws, args.seed)
    print(format_table(rows))
    short = [r for r in rows if not r.passes]
    print(
        f"\n{len(rows)} rows, {len(rows) - len(short)} within nominal − 2.5 SE, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 1 if short else 0


if __name__ == "__main__":
    raise SystemExit(main())
