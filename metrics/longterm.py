"""Long-term brand effect: what remains of a campaign's lift weeks after it, and whether the
brand's baseline moves across a client's campaigns.

Influence works on "perception, consideration, memorisation and long-term preference"; a brand
tracker asks the same questions in waves (pre-launch, in flight, post, +4, +8, +12 weeks; see
``ingest.waves``). Per question and wave the lift is the campaign's own exposed-versus-control
lift (``metrics.brand_lift``: Kish-effective counts, Newcombe interval). On those lifts:

- **remaining share**: the lift N weeks after as a share of the post-campaign lift, with a
  delta-method interval;
- **half-life**: an exponential decay fitted to the post and later waves (at least three) by
  weighted least squares, with a profile-likelihood interval;
- **baseline**: the control group's positive rate over time across the client's campaigns, its
  slope per year by weighted least squares with a Wald interval.

The preference family (``PREFERENCE_QUESTIONS``) is what a tracker asks beside the usual five:
brand preference, top of mind (the brand named first) and intent to repurchase.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import numpy as np
from scipy import optimize, special

from i18n.messages import Message
from metrics import brand_lift, stats

PREFERENCE_QUESTIONS = ("preference", "top_of_mind", "repurchase_intent")
"""The preference family: brand preference, top of mind, intent to repurchase."""

MIN_DECAY_WAVES = 3  # post and later waves needed to fit a half-life
DAYS_PER_YEAR = 365.25
# The decay rates (per week) searched for the half-life: from a lift growing by half in a year
# to one halving in a day.
RATE_RANGE = (-math.log(2) / 52.0, math.log(2) / (1 / 7))
DELTA = "delta"  # interval methods, as docs/intervals.md names them
PROFILE = "profile"
WLS = "wls"

# A wave's weeks after the end: the pre-launch wave at the campaign's first day and the in-flight
# one at its middle, as the campaign's dates now stand (they may be set after the survey was
# loaded); any other wave at its answers' mean week.
WAVE_WEEK = textwrap.dedent(
    """
    coalesce(
        CASE wave
            WHEN 'pre' THEN (SELECT date_diff('day', end_date, start_date) / 7.0
                             FROM campaigns WHERE campaign_id = ?)
            WHEN 'in_flight' THEN (SELECT date_diff('day', end_date, start_date) / 14.0
                                   FROM campaigns WHERE campaign_id = ?)
        END,
        avg(wave_week))
    """
)

# Per wave, question and group: weighted sums of the answers (as brand_lift's counts), the
# wave's mean week and mean answer date.
WAVE_COUNTS_SQL = textwrap.dedent(
    f"""
    SELECT wave, question, "group",
           count(*) FILTER (WHERE valid) AS answers,
           count(*) FILTER (WHERE NOT valid) AS dropped,
           coalesce(sum(w) FILTER (WHERE valid), 0) AS sum_w,
           coalesce(sum(w * w) FILTER (WHERE valid), 0) AS sum_w2,
           coalesce(sum(w) FILTER (WHERE valid AND positive), 0) AS sum_wy,
           {WAVE_WEEK} AS week
    FROM (
        SELECT wave, wave_week, question, "group", positive, coalesce(weight, 1.0) AS w,
               isfinite(coalesce(weight, 1.0)) AND coalesce(weight, 1.0) > 0 AS valid
        FROM survey_responses
        WHERE campaign_id = ? AND wave IS NOT NULL AND positive IS NOT NULL
    )
    GROUP BY wave, question, "group"
    """
)

WAVE_AGGREGATE_SQL = textwrap.dedent(
    f"""
    SELECT wave, question, "group", sum(respondents) AS respondents,
           sum(coalesce(positive_count, positive_rate * respondents)) AS positives,
           {WAVE_WEEK} AS week
    FROM survey_results
    WHERE campaign_id = ? AND wave IS NOT NULL
    GROUP BY wave, question, "group"
    """
)

# The control group of each wave of each campaign of a client (``wave`` NULL: the campaign's
# answers without a wave), placed on a day: its answers' mean date, else the campaign's start
# (pre-launch) or middle (in flight) as its dates now stand, else its end moved by the wave's
# week, else (no wave) its end.
CONTROL_SQL = textwrap.dedent(
    """
    WITH scope AS (
        SELECT c.campaign_id, c.name, c.start_date, c.end_date
        FROM campaigns AS c
        JOIN campaigns AS this ON this.campaign_id = ?
        WHERE c.client_id = this.client_id
          AND (CAST(? AS TEXT[]) IS NULL OR list_contains(CAST(? AS TEXT[]), c.campaign_id))
    ),
    answers AS (
        SELECT r.campaign_id, r.wave, r.question,
               count(*) AS answers,
               sum(w) AS sum_w, sum(w * w) AS sum_w2, sum(w) FILTER (WHERE positive) AS sum_wy,
               avg(wave_week) AS week,
               to_timestamp(avg(epoch(responded_at))) AS answered
        FROM (
            SELECT *, coalesce(weight, 1.0) AS w FROM survey_responses
            WHERE "group" = 'control' AND positive IS NOT NULL
              AND isfinite(coalesce(weight, 1.0)) AND coalesce(weight, 1.0) > 0
        ) AS r
        JOIN scope USING (campaign_id)
        WHERE r.question = ?
        GROUP BY ALL
    ),
    results AS (
        SELECT a.campaign_id, a.wave, a.question, sum(respondents) AS answers,
               sum(respondents) AS sum_w, sum(respondents) AS sum_w2,
               sum(coalesce(positive_count, positive_rate * respondents)) AS sum_wy,
               avg(wave_week) AS week, CAST(NULL AS TIMESTAMP) AS answered
        FROM survey_results AS a
        JOIN scope USING (campaign_id)
        WHERE a."group" = 'control' AND a.question = ?
          AND NOT EXISTS (
              SELECT 1 FROM answers AS x
              WHERE x.campaign_id = a.campaign_id AND x.wave IS NOT DISTINCT FROM a.wave
          )
        GROUP BY ALL
    )
    SELECT g.campaign_id, s.name, g.wave, g.answers, g.sum_w, g.sum_w2, coalesce(g.sum_wy, 0),
           coalesce(
               CAST(g.answered AS DATE),
               CASE g.wave
                   WHEN 'pre' THEN s.start_date
                   WHEN 'in_flight' THEN s.start_date
                       + CAST(date_diff('day', s.start_date, s.end_date) / 2 AS INTEGER)
               END,
               CAST(s.end_date + CAST(round(g.week * 7) AS INTEGER) AS DATE),
               CASE WHEN g.wave IS NULL THEN s.end_date END
           ) AS day
    FROM (SELECT * FROM answers UNION ALL SELECT * FROM results) AS g
    JOIN scope AS s USING (campaign_id)
    ORDER BY day NULLS LAST, g.campaign_id, g.wave
    """
)

QUESTIONS_SQL = textwrap.dedent(
    """
    SELECT DISTINCT question FROM (
        SELECT question FROM survey_responses WHERE campaign_id = ? AND wave IS NOT NULL
        UNION ALL
        SELECT question FROM survey_results WHERE campaign_id = ? AND wave IS NOT NULL
    )
    """
)


def wave_name(label: str | None) -> str:
    """A stored wave label in words: Pre-launch, In flight, Post, +4 weeks, a date, or as written.

    Returns:
        A ``Message`` for the labels Sillage writes; the label itself otherwise.
    """
    if label is None:
        return Message("lt.wave.none")
    if label in ("pre", "in_flight", "post"):
        return Message(f"lt.wave.{label}")
    if label.endswith("w") and label[:1] in "+-":
        try:
            weeks = float(label[1:-1])
        except ValueError:
            return label
        shown = int(weeks) if weeks.is_integer() else weeks
        return Message("lt.wave.after" if label[0] == "+" else "lt.wave.before", n=shown)
    try:
        return Message("lt.wave.date", day=dt.date.fromisoformat(label))
    except ValueError:
        return label


@dataclass(frozen=True)
class WaveLift:
    """One question's lift in one wave of the campaign's tracker.

    ``week`` is the wave's weeks after the campaign's end (negative before; None when unknown);
    ``variance`` the variance of the lift (``stats.difference_variance``), which weights it in
    the decay fit and the remaining share.
    """

    question: str
    wave: str
    week: float | None
    lift: brand_lift.LiftResult
    variance: float | None

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "wave": self.wave,
            "week": self.week,
            "variance": self.variance,
            **{k: v for k, v in self.lift.as_dict().items() if k != "question"},
        }


@dataclass(frozen=True)
class Remaining:
    """The lift of a later wave as a share of the post-campaign lift (``share`` = L_N / L_post).

    Interval: delta method, ``Var(R) ≈ (V_N + R² V_post) / L_post²`` with the two waves'
    answers independent; None when the post lift's own interval holds zero.
    """

    question: str
    wave: str
    week: float | None
    reference_wave: str
    share: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    method: str = DELTA
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecayFit:
    """An exponential decay ``L(t) = L0 · exp(−λ t)`` fitted to the post and later waves.

    ``half_life`` is ``ln 2 / λ`` in weeks; its interval comes from the profile likelihood of
    ``λ``; ``ci_high`` None means no decay at all is consistent with the answers (the lift may
    last), ``half_life`` None that the lifts do not decrease.
    """

    question: str
    waves: tuple[str, ...]
    weeks: tuple[float, ...]
    initial_lift: float | None
    rate_per_week: float | None
    half_life: float | None
    ci_low: float | None
    ci_high: float | None
    chi_square: float | None
    confidence: float
    method: str = PROFILE
    warnings: tuple[str, ...] = ()

    def curve(self, points: int = 40) -> list[tuple[float, float]]:
        """(week, fitted lift) from the first to the last fitted wave, for a chart."""
        if self.initial_lift is None or self.rate_per_week is None or not self.weeks:
            return []
        grid = np.linspace(min(self.weeks), max(self.weeks), points)
        return [
            (float(t), float(self.initial_lift * math.exp(-self.rate_per_week * t))) for t in grid
        ]


@dataclass(frozen=True)
class BaselinePoint:
    """The control group of one wave of one campaign: its positive rate on a day (Wilson interval)."""

    campaign_id: str
    campaign_name: str
    wave: str | None
    day: dt.date
    rate: float
    answers: int
    effective: float
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class BaselineTrend:
    """The control group's level over time across a client's campaigns, and its slope per year.

    Weighted least squares of the control rates on their day, weights ``1 / Var`` (``p(1−p)/n``
    with Kish-effective n, 0.5 zero-cell correction); with three campaigns or more, each
    campaign is one point (its waves' weighted mean day and rate, their summed weight), since
    its waves share its panel. Wald interval ``b ± q·SE`` with ``SE = sqrt(φ / Σ w (t − t̄)²)``,
    ``φ = max(1, χ² / (k − 2))`` when the campaigns scatter more than their answers explain,
    ``q`` the normal quantile, or Student's t on ``k − 2`` degrees of freedom when ``φ > 1``.
    """

    question: str
    points: tuple[BaselinePoint, ...]
    campaigns: int
    slope_per_year: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    dispersion: float | None
    line: tuple[tuple[dt.date, float], ...]
    confidence: float
    method: str = WLS
    warnings: tuple[str, ...] = ()
    left_out: int = 0


@dataclass(frozen=True)
class QuestionLongTerm:
    """Everything the Long-term page and the report say about one question."""

    question: str
    waves: tuple[WaveLift, ...]
    reference: WaveLift | None  # the post-campaign wave later waves are compared with
    remaining: tuple[Remaining, ...]
    decay: DecayFit | None
    baseline: BaselineTrend | None


@dataclass(frozen=True)
class LongTerm:
    """A campaign's tracker: per question, its waves, what remains, the decay and the baseline."""

    campaign_id: str
    confidence: float
    questions: tuple[QuestionLongTerm, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def by_question(self) -> dict[str, QuestionLongTerm]:
        return {q.question: q for q in self.questions}


def _ordered(questions: set[str]) -> list[str]:
    known = [q for q in (*PREFERENCE_QUESTIONS, *brand_lift.QUESTIONS) if q in questions]
    return known + sorted(questions - set(known))


def _variance(counts: brand_lift.QuestionCounts) -> float | None:
    e, c = counts.exposed, counts.control
    if not (
        e.total > 0 and c.total > 0 and math.isfinite(e.positive) and math.isfinite(c.positive)
    ):
        return None
    return stats.difference_variance(
        min(e.positive, e.total), e.total, min(c.positive, c.total), c.total
    )


def _sort_key(wave: WaveLift) -> tuple:
    return (wave.week is None, wave.week if wave.week is not None else 0.0, wave.wave)


def wave_lifts(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> list[WaveLift]:
    """Exposed-versus-control lift of each question in each wave of the campaign's tracker.

    Each wave is a survey of its own, computed as ``brand_lift.lift_by_question`` computes the
    campaign's lift: Kish-effective counts for weighted answers, ``p_e − p_c`` with its Newcombe
    (1998) method-10 interval, the pooled z-test and ``P(lift > 0)``; respondent-level answers
    take precedence over a vendor's aggregated results of the same wave and question.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        confidence: Two-sided coverage of the intervals.

    Returns:
        One entry per question and wave, by question then by week (waves without a week last);
        empty when no answer carries a wave.
    """
    stats.z_critical(confidence)
    groups: dict[tuple[str, str], dict[str, brand_lift.GroupCounts]] = {}
    weeks: dict[tuple[str, str], float | None] = {}
    source: dict[tuple[str, str], str] = {}
    for wave, question, group, answers, dropped, sum_w, sum_w2, sum_wy, week in connection.execute(
        WAVE_COUNTS_SQL, [campaign_id] * 3
    ).fetchall():
        key = (question, wave)
        groups.setdefault(key, {})[group] = brand_lift.GroupCounts.weighted(
            answers, sum_w, sum_w2, sum_wy, dropped
        )
        weeks[key] = week if week is not None else weeks.get(key)
        source[key] = "respondents"
    for wave, question, group, respondents, positives, week in connection.execute(
        WAVE_AGGREGATE_SQL, [campaign_id] * 3
    ).fetchall():
        key = (question, wave)
        if source.get(key) == "respondents":
            continue
        source[key] = "aggregated"
        total = float(respondents or 0)
        positive = float(positives) if positives is not None else math.nan
        groups.setdefault(key, {})[group] = brand_lift.GroupCounts(int(total), positive, total)
        weeks[key] = week if week is not None else weeks.get(key)
    results = []
    for (question, wave), by_group in groups.items():
        counts = brand_lift.QuestionCounts(
            question,
            source[(question, wave)],
            by_group.get("exposed", brand_lift.EMPTY_GROUP),
            by_group.get("control", brand_lift.EMPTY_GROUP),
        )
        results.append(wave_lift(counts, wave, weeks[(question, wave)], confidence))
    order = {q: i for i, q in enumerate(_ordered({w.question for w in results}))}
    return sorted(results, key=lambda w: (order[w.question], *_sort_key(w)))


def wave_lift(
    counts: brand_lift.QuestionCounts,
    wave: str,
    week: float | None,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> WaveLift:
    """One wave's lift from its two groups' counts, as ``wave_lifts`` computes each wave.

    Args:
        counts: The wave's exposed and control counts of one question (Kish-effective).
        wave: The wave's label.
        week: Its weeks after the campaign's end (None when unknown).
        confidence: Two-sided coverage of the interval.

    Returns:
        The lift with its Newcombe interval and its variance.
    """
    lift = brand_lift._lift_result(
        counts.question, counts.source, counts.exposed, counts.control, confidence
    )
    return WaveLift(counts.question, wave, week, lift, _variance(counts))


def _reference(waves: Sequence[WaveLift]) -> WaveLift | None:
    """The post-campaign wave: the one labelled post, else the first at or after the end."""
    post = [w for w in waves if w.wave == "post"]
    if post:
        return post[0]
    after = [w for w in waves if w.week is not None and w.week >= 0]
    return min(after, key=_sort_key) if after else None


def remaining_shares(
    waves: Sequence[WaveLift], confidence: float = stats.DEFAULT_CONFIDENCE
) -> list[Remaining]:
    """How much of the post-campaign lift remains in each later wave of one question.

    ``R = L_N / L_post``; delta-method interval ``R ± z · sqrt(V_N + R² V_post) / |L_post|``
    (first-order Taylor expansion of a ratio of two independent estimates; Casella & Berger,
    *Statistical Inference*, 2nd ed., §5.5.4). The expansion is poor when ``L_post`` is near
    zero, so no interval is given when the post lift's own interval holds zero.

    Args:
        waves: ``wave_lifts`` of one question.
        confidence: Two-sided coverage of the intervals.

    Returns:
        One entry per wave after the post wave, in time order; empty without a post wave.
    """
    z = stats.z_critical(confidence)
    reference = _reference(waves)
    if reference is None:
        return []
    base, base_variance = reference.lift.absolute_lift, reference.variance
    later = [
        w
        for w in sorted(waves, key=_sort_key)
        if w is not reference
        and w.week is not None
        and (reference.week is None or w.week > reference.week)
    ]
    results = []
    for wave in later:
        lift, variance = wave.lift.absolute_lift, wave.variance
        warnings: list[str] = []
        share = low = high = None
        if base is None or lift is None or base == 0:
            warnings.append(Message("lt.no_share_base", wave=wave_name(reference.wave)))
        else:
            share = lift / base
            if reference.lift.ci_low is not None and reference.lift.ci_low <= 0:
                warnings.append(Message("lt.share_base_uncertain", wave=wave_name(reference.wave)))
            elif variance is not None and base_variance is not None:
                se = math.sqrt(variance + share * share * base_variance) / abs(base)
                low, high = share - z * se, share + z * se
        results.append(
            Remaining(
                question=wave.question,
                wave=wave.wave,
                week=wave.week,
                reference_wave=reference.wave,
                share=share,
                ci_low=low,
                ci_high=high,
                confidence=confidence,
                warnings=tuple(warnings),
            )
        )
    return results


def _chi_square(rate: float, t: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """(χ², L0) at decay rate ``rate``: the best initial lift in closed form, then the residual."""
    e = np.exp(-rate * t)
    denominator = float(np.sum(w * e * e))
    initial = float(np.sum(w * y * e) / denominator) if denominator > 0 else 0.0
    return float(np.sum(w * (y - initial * e) ** 2)), initial


def decay_fit(
    waves: Sequence[WaveLift], confidence: float = stats.DEFAULT_CONFIDENCE
) -> DecayFit | None:
    """The half-life of one question's lift after the campaign, from its post and later waves.

    Weighted least squares of ``L(t) = L0 · exp(−λ t)`` on the waves' lifts at their weeks
    ``t ≥ 0`` (the post wave at 0), weights ``1 / Var(lift)``: for each ``λ`` the best ``L0`` is
    closed-form and ``χ²(λ)`` is profiled over a grid then refined (Brent). The interval on
    ``λ`` is the profile-likelihood one, ``χ²(λ) − χ²_min ≤ φ·z²`` (the χ²₁ quantile at the
    confidence; Venzon & Moolgavkar 1988), mapped to the half-life ``ln 2 / λ``; a bound past
    ``λ = 0`` leaves the half-life unbounded above. ``φ = max(1, χ²_min / (k − 2))`` with four
    waves or more (the multiplicative dispersion: waves scattering beyond their sampling
    error), else 1.

    Args:
        waves: ``wave_lifts`` of one question.
        confidence: Two-sided coverage of the interval.

    Returns:
        The fit, or None with fewer than ``MIN_DECAY_WAVES`` post waves having a variance.
    """
    z = stats.z_critical(confidence)
    used = sorted(
        (
            w
            for w in waves
            if w.week is not None
            and w.week >= 0
            and w.lift.absolute_lift is not None
            and w.variance is not None
            and w.variance > 0
        ),
        key=_sort_key,
    )
    if len(used) < MIN_DECAY_WAVES:
        return None
    t = np.array([w.week for w in used], dtype=float)
    y = np.array([w.lift.absolute_lift for w in used], dtype=float)
    weights = 1.0 / np.array([w.variance for w in used], dtype=float)
    low_rate, high_rate = RATE_RANGE
    grid = np.concatenate([np.linspace(low_rate, 0.0, 41)[:-1], np.geomspace(1e-4, high_rate, 400)])
    profile = np.array([_chi_square(r, t, y, weights)[0] for r in grid])
    at = int(np.argmin(profile))
    lo, hi = grid[max(at - 1, 0)], grid[min(at + 1, len(grid) - 1)]
    refined = optimize.minimize_scalar(
        lambda r: _chi_square(r, t, y, weights)[0],
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-10},
    )
    rate = float(refined.x) if refined.fun <= profile[at] else float(grid[at])
    best, initial = _chi_square(rate, t, y, weights)
    # Waves that scatter around the curve beyond their sampling error (a wave's panel or
    # fieldwork differing from the others') widen the interval by the multiplicative dispersion
    # ``max(1, χ²_min / (k − 2))``, from four waves on (three leave one degree of freedom).
    dof = len(used) - 2
    dispersion = max(1.0, best / dof) if dof >= 2 else 1.0
    threshold = best + z * z * dispersion

    def excess(r: float) -> float:
        return _chi_square(r, t, y, weights)[0] - threshold

    rate_low = optimize.brentq(excess, low_rate, rate, xtol=1e-12) if excess(low_rate) > 0 else None
    rate_high = (
        optimize.brentq(excess, rate, high_rate, xtol=1e-12) if excess(high_rate) > 0 else None
    )
    warnings: list[str] = []
    if initial <= 0:
        warnings.append(Message("lt.decay_no_lift"))
    half_life = math.log(2) / rate if rate > 0 else None
    if half_life is None:
        warnings.append(Message("lt.decay_not_decreasing"))
    # Higher rates are shorter half-lives: the interval's ends swap.
    ci_low = math.log(2) / rate_high if rate_high is not None else None
    ci_high = math.log(2) / rate_low if rate_low is not None and rate_low > 0 else None
    if half_life is not None and ci_high is None:
        warnings.append(Message("lt.decay_unbounded"))
    if half_life is not None and rate_high is None:
        ci_low = 0.0
    if dof > 0 and float(special.chdtrc(dof, best)) < 1.0 - confidence:
        warnings.append(Message("lt.decay_scatter", chi=best, dof=dof))
    return DecayFit(
        question=used[0].question,
        waves=tuple(w.wave for w in used),
        weeks=tuple(float(x) for x in t),
        initial_lift=initial,
        rate_per_week=rate,
        half_life=half_life,
        ci_low=ci_low,
        ci_high=ci_high,
        chi_square=best,
        confidence=confidence,
        warnings=tuple(warnings),
    )


def control_baseline(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    question: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
    campaign_ids: Sequence[str] | None = None,
) -> BaselineTrend:
    """The control group's level of one question over time across the client's campaigns.

    Every wave of every campaign of the campaign's client (and the answers without a wave) gives
    its control group's positive rate (Kish-effective counts, Wilson interval), placed on its
    answers' mean date, else on the campaign's end moved by the wave's week. The slope per year
    is the weighted least-squares line through them (``baseline_trend``: weights ``1 / Var``,
    the variance ``p(1−p)/n`` with the 0.5 zero-cell correction; with three campaigns or more
    each campaign is one point, its waves' weighted mean), its standard error multiplied by
    ``sqrt(max(1, χ² / (k − 2)))`` when the points scatter beyond their sampling error (the
    multiplicative dispersion of meta-regression; Thompson & Sharp 1999), with a Wald interval
    (Student's t on ``k − 2`` degrees of freedom when the dispersion is above 1).
    Unexposed people moving with time is the long-term brand effect, or the market moving.

    Args:
        connection: An open Sillage database.
        campaign_id: A campaign of the client.
        question: The survey question.
        confidence: Two-sided coverage of the intervals.
        campaign_ids: The campaigns that may be read (a share link's); None for all the client's.

    Returns:
        The points and the trend; the slope None (with a warning) with fewer than two days.
    """
    stats.z_critical(confidence)
    allowed = list(campaign_ids) if campaign_ids is not None else None
    rows = connection.execute(
        CONTROL_SQL, [campaign_id, allowed, allowed, question, question]
    ).fetchall()
    points, left_out = [], 0
    for cid, name, wave, answers, sum_w, sum_w2, sum_wy, day in rows:
        positive, total = stats.weighted_counts(
            float(sum_w or 0), float(sum_w2 or 0), float(sum_wy)
        )
        if day is None or total <= 0:
            left_out += 1
            continue
        interval = stats.wilson_interval(positive, total, confidence)
        points.append(
            BaselinePoint(
                campaign_id=cid,
                campaign_name=name,
                wave=wave,
                day=day,
                rate=positive / total,
                answers=int(answers),
                effective=total,
                ci_low=interval[0] if interval else None,
                ci_high=interval[1] if interval else None,
            )
        )
    return baseline_trend(question, points, confidence, left_out)


def baseline_trend(
    question: str,
    points: Sequence[BaselinePoint],
    confidence: float = stats.DEFAULT_CONFIDENCE,
    left_out: int = 0,
) -> BaselineTrend:
    """The weighted least-squares slope per year through control groups' rates on their days,
    with its widened Wald interval (the method ``control_baseline`` documents).

    Args:
        question: The survey question.
        points: The control groups, each a rate on a day with its Kish-effective size.
        confidence: Two-sided coverage of the interval.
        left_out: Control groups that could not be placed on a day (said in a warning).

    Returns:
        The trend; the slope None (with a warning) with fewer than two days.
    """
    z = stats.z_critical(confidence)
    points = list(points)
    warnings: list[str] = []
    if left_out:
        warnings.append(Message("lt.baseline_left_out", n=left_out))
    campaigns = len({p.campaign_id for p in points})
    if len({p.day for p in points}) < 2:
        warnings.append(Message("lt.baseline_one_day"))
        return BaselineTrend(
            question, tuple(points), campaigns, None, None, None, None, None, (), confidence,
            warnings=tuple(warnings), left_out=left_out,
        )  # fmt: skip
    origin = min(p.day for p in points)
    t = np.array([(p.day - origin).days / DAYS_PER_YEAR for p in points])
    y = np.array([p.rate for p in points])
    w = 1.0 / np.array([_rate_variance(p.rate, p.effective) for p in points])
    if campaigns >= 3:
        # The waves of one campaign share its panel and its season: the campaign is the unit,
        # each at its waves' weighted mean day and rate, weighted by their summed weights.
        ids = np.array([p.campaign_id for p in points])
        units = [ids == c for c in dict.fromkeys(ids)]
        unit_t = np.array([float(np.sum(w[u] * t[u]) / np.sum(w[u])) for u in units])
        if np.ptp(unit_t) > 0:
            y = np.array([float(np.sum(w[u] * y[u]) / np.sum(w[u])) for u in units])
            t, w = unit_t, np.array([float(np.sum(w[u])) for u in units])
    t_bar, y_bar = float(np.sum(w * t) / np.sum(w)), float(np.sum(w * y) / np.sum(w))
    spread = float(np.sum(w * (t - t_bar) ** 2))
    slope = float(np.sum(w * (t - t_bar) * (y - y_bar)) / spread)
    residual = float(np.sum(w * (y - y_bar - slope * (t - t_bar)) ** 2))
    dof = len(t) - 2
    dispersion = max(1.0, residual / dof) if dof > 0 else 1.0
    se = math.sqrt(dispersion / spread)
    # A dispersion estimated from few units: Student's t on their k − 2 degrees of freedom.
    estimated = dispersion > 1.0
    quantile = float(special.stdtrit(dof, (1.0 + confidence) / 2.0)) if estimated else z
    if se <= 0:
        p_value = None
    elif estimated:
        p_value = float(2.0 * special.stdtr(dof, -abs(slope) / se))
    else:
        p_value = float(2.0 * special.ndtr(-abs(slope) / se))
    if campaigns < 2:
        warnings.append(Message("lt.baseline_one_campaign"))
    if dispersion > 1.0:
        warnings.append(Message("lt.baseline_dispersion", factor=math.sqrt(dispersion)))
    ends = (origin, max(p.day for p in points))
    line = tuple(
        (day, y_bar + slope * ((day - origin).days / DAYS_PER_YEAR - t_bar)) for day in ends
    )
    return BaselineTrend(
        question=question,
        points=tuple(points),
        campaigns=campaigns,
        slope_per_year=slope,
        ci_low=slope - quantile * se,
        ci_high=slope + quantile * se,
        p_value=p_value,
        dispersion=dispersion,
        line=line,
        confidence=confidence,
        warnings=tuple(warnings),
        left_out=left_out,
    )


def _rate_variance(rate: float, total: float) -> float:
    """``p(1−p)/n``; a rate at 0 or 1 taken as ``(x + 0.5) / (n + 1)`` (the zero-cell correction
    ``stats.difference_variance`` applies), so that no point gets an infinite weight."""
    if rate <= 0.0 or rate >= 1.0:
        rate = (rate * total + 0.5) / (total + 1.0)
    return rate * (1.0 - rate) / total


def tracked_questions(connection: duckdb.DuckDBPyConnection, campaign_id: str) -> list[str]:
    """The questions the campaign's tracker asks in waves, the preference family first."""
    rows = connection.execute(QUESTIONS_SQL, [campaign_id, campaign_id]).fetchall()
    return _ordered({r[0] for r in rows})


def long_term(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
    campaign_ids: Sequence[str] | None = None,
) -> LongTerm:
    """A campaign's long-term view: per tracked question, the lift of each wave
    (``wave_lifts``), the share remaining after the post wave (``remaining_shares``), the
    decay half-life (``decay_fit``) and the control baseline across the client's campaigns
    (``control_baseline``, within ``campaign_ids`` when given).

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        confidence: Two-sided coverage of every interval.
        campaign_ids: The campaigns the baseline may read; None for all of the client's.

    Returns:
        The view; no question (and a warning) when no answer of the campaign carries a wave.
    """
    lifts = wave_lifts(connection, campaign_id, confidence)
    by_question: dict[str, list[WaveLift]] = {}
    for lift in lifts:
        by_question.setdefault(lift.question, []).append(lift)
    questions = tuple(
        QuestionLongTerm(
            question=question,
            waves=tuple(waves),
            reference=_reference(waves),
            remaining=tuple(remaining_shares(waves, confidence)),
            decay=decay_fit(waves, confidence),
            baseline=control_baseline(connection, campaign_id, question, confidence, campaign_ids),
        )
        for question, waves in by_question.items()
    )
    warnings = () if questions else (Message("lt.no_waves"),)
    return LongTerm(campaign_id, confidence, questions, warnings)


def report_section(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> dict:
    """The long-term section of ``sillage report --json``: per question its waves (lift,
    interval, week), remaining shares, decay half-life and control baseline slope per year."""
    view = long_term(connection, campaign_id, confidence)
    return {
        "preference_questions": list(PREFERENCE_QUESTIONS),
        "questions": {
            q.question: {
                "waves": [w.as_dict() for w in q.waves],
                "reference_wave": q.reference.wave if q.reference else None,
                "remaining": [asdict(r) for r in q.remaining],
                "decay": asdict(q.decay) if q.decay else None,
                "baseline": asdict(q.baseline) if q.baseline else None,
            }
            for q in view.questions
        },
        "warnings": list(view.warnings),
    }


def campaign_section(m: Any) -> dict:
    """The ``long_term`` section of ``sillage report --json`` for a ``scorecard.CampaignMetrics``
    (``report_section`` on its connection, campaign and confidence)."""
    return report_section(m.connection, m.campaign.campaign_id, m.confidence)
