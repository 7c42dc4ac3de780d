"""Brand lift per question, pooled across campaigns, and by exposure count.

Counts are aggregated in DuckDB (weighted sums for respondent-level answers, vendor totals for
aggregated results); the statistics on those few numbers live in ``metrics.stats``.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import duckdb
import pandas as pd

from i18n.messages import Message, join
from metrics import stats
from metrics.exposure import DeliveryTotals, delivery_totals
from metrics.filters import Filters

QUESTIONS = ("ad_recall", "awareness", "consideration", "favorability", "purchase_intent")
MIN_ANSWERS_PER_GROUP = 250  # Meta Brand Lift's floor per group and question
TOP_EXPOSURE_BUCKET = 4
EXPOSURE_BUCKETS = ("1", "2", "3", f"{TOP_EXPOSURE_BUCKET}+")

# The answers a campaign's own lift reads: those without a wave, those of its in-flight and post
# waves, and those of a wave not placed in time; its pre-launch and follow-up waves are read wave
# by wave (metrics.longterm).
CAMPAIGN_WAVES = (
    "(wave IS NULL OR wave IN ('in_flight', 'post') OR (wave <> 'pre' AND wave_week IS NULL))"
)

# A weight that is missing counts as 1; zero, negative or non-finite weights drop the answer.
RESPONSE_COUNTS_SQL = textwrap.dedent(
    f"""
    SELECT question, "group",
           count(*) FILTER (WHERE valid) AS answers,
           count(*) FILTER (WHERE NOT valid) AS dropped,
           coalesce(sum(w) FILTER (WHERE valid), 0) AS sum_w,
           coalesce(sum(w * w) FILTER (WHERE valid), 0) AS sum_w2,
           coalesce(sum(w) FILTER (WHERE valid AND positive), 0) AS sum_wy
    FROM (
        SELECT question, "group", positive, coalesce(weight, 1.0) AS w,
               isfinite(coalesce(weight, 1.0)) AND coalesce(weight, 1.0) > 0 AS valid
        FROM survey_responses
        WHERE campaign_id = ? AND positive IS NOT NULL AND {CAMPAIGN_WAVES}
    )
    GROUP BY question, "group"
    """
)

AGGREGATE_COUNTS_SQL = textwrap.dedent(
    f"""
    SELECT question, "group",
           sum(respondents) AS respondents,
           sum(coalesce(positive_count, positive_rate * respondents)) AS positives
    FROM survey_results
    WHERE campaign_id = ? AND {CAMPAIGN_WAVES}
    GROUP BY question, "group"
    """
)

# Exposure count per answer: the survey's own column, else the exposure log up to the answer.
EXPOSURE_BUCKET_COUNTS_SQL = textwrap.dedent(
    f"""
    WITH answers AS (
        SELECT respondent_id, "group", positive, exposures, responded_at,
               coalesce(weight, 1.0) AS w,
               isfinite(coalesce(weight, 1.0)) AND coalesce(weight, 1.0) > 0 AS valid
        FROM survey_responses
        WHERE campaign_id = ? AND question = ? AND positive IS NOT NULL AND {CAMPAIGN_WAVES}
    ),
    logged AS (
        SELECT a.respondent_id, count(*) AS seen
        FROM answers AS a
        JOIN exposures AS e
          ON e.campaign_id = ? AND e.person_id = a.respondent_id
         AND (a.responded_at IS NULL OR e.exposed_at <= a.responded_at)
        GROUP BY a.respondent_id
    ),
    any_log AS (SELECT count(*) > 0 AS present FROM exposures WHERE campaign_id = ?),
    counted AS (
        SELECT a.*,
               coalesce(a.exposures, CASE WHEN g.present THEN coalesce(l.seen, 0) END) AS seen
        FROM answers AS a
        CROSS JOIN any_log AS g
        LEFT JOIN logged AS l ON l.respondent_id = a.respondent_id
    ),
    bucketed AS (
        SELECT *,
               CASE
                   WHEN "group" = 'control' THEN 'control'
                   WHEN seen IS NULL THEN 'unknown'
                   WHEN seen <= 0 THEN 'none'
                   WHEN seen >= ? THEN ?::TEXT || '+'
                   ELSE seen::TEXT
               END AS bucket
        FROM counted
    )
    SELECT bucket,
           count(*) FILTER (WHERE valid) AS answers,
           count(*) FILTER (WHERE NOT valid) AS dropped,
           coalesce(sum(w) FILTER (WHERE valid), 0) AS sum_w,
           coalesce(sum(w * w) FILTER (WHERE valid), 0) AS sum_w2,
           coalesce(sum(w) FILTER (WHERE valid AND positive), 0) AS sum_wy,
           count(*) FILTER (WHERE seen > 0) AS with_exposures
    FROM bucketed
    GROUP BY bucket
    """
)

SURVEY_PRESENCE_SQL = textwrap.dedent(
    """
    SELECT (SELECT count(*) FROM campaigns WHERE campaign_id = ?) AS campaigns,
           (SELECT count(*) FROM survey_responses WHERE campaign_id = ?) AS responses,
           (SELECT count(*) FROM survey_responses
             WHERE campaign_id = ? AND positive IS NOT NULL) AS answered,
           (SELECT count(*) FROM survey_results WHERE campaign_id = ?) AS results
    """
)


@dataclass(frozen=True)
class GroupCounts:
    """One group's answers to one question: raw answers and Kish-effective counts."""

    answers: int
    positive: float
    total: float
    dropped: int = 0

    @classmethod
    def weighted(
        cls, answers: int, sum_w: float, sum_w2: float, sum_wy: float, dropped: int = 0
    ) -> GroupCounts:
        """Counts from weighted sums, through Kish's effective sample size (Kish 1965)."""
        positive, total = stats.weighted_counts(float(sum_w), float(sum_w2), float(sum_wy))
        return cls(int(answers), positive, total, int(dropped))


EMPTY_GROUP = GroupCounts(0, 0.0, 0.0)


@dataclass(frozen=True)
class QuestionCounts:
    """The two groups' counts for one question, and where they came from."""

    question: str
    source: str
    exposed: GroupCounts
    control: GroupCounts


@dataclass(frozen=True)
class LiftResult:
    """Brand lift of one question (optionally one exposure bucket) of one campaign.

    ``n_exposed`` and ``n_control`` count answers; the ``*_effective`` sizes are Kish's and
    equal them when every weight is equal. Reach, lifted users and their cost are estimates
    (a survey lift extrapolated to a reach that may be summed across posts).
    """

    question: str
    n_exposed: int
    n_control: int
    n_exposed_effective: float
    n_control_effective: float
    exposed_rate: float | None
    control_rate: float | None
    absolute_lift: float | None
    relative_lift: float | None
    headroom_lift: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    p_value: float | None
    certainty: float | None
    prob_positive: float | None
    significant: bool
    low_certainty: bool
    min_detectable_lift: float | None
    warnings: tuple[str, ...]
    source: str
    provenance: str = "measured"
    exposure_bucket: str | None = None
    exposed_reach: int | None = None
    reach_provenance: str | None = None
    spend: float | None = None
    lifted_users: float | None = None
    cost_per_lifted_user: float | None = None
    lifted_users_provenance: str = "estimated"

    def as_dict(self) -> dict:
        """Plain JSON-ready values (warnings as a list)."""
        values = asdict(self)
        values["warnings"] = list(self.warnings)
        return values

    def chance_above_zero(self) -> float | None:
        """The probability that the lift is above zero, read off its interval
        (``stats.probability_beyond``), as the scorecard reads a target."""
        if self.absolute_lift is None or self.ci_low is None or self.ci_high is None:
            return None
        return stats.probability_beyond(
            self.absolute_lift, self.ci_low, self.ci_high, 0.0, self.confidence
        )


@dataclass(frozen=True)
class PooledLift:
    """Inverse-variance pooled lift of one question across campaigns."""

    question: str
    campaign_ids: tuple[str, ...]
    lifts: tuple[float, ...]
    weights: tuple[float, ...]
    estimate: float | None
    standard_error: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    certainty: float | None
    significant: bool
    i_squared: float | None
    confidence: float
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _ordered(questions: set[str]) -> list[str]:
    known = [q for q in QUESTIONS if q in questions]
    return known + sorted(questions - set(QUESTIONS))


def question_counts(
    connection: duckdb.DuckDBPyConnection, campaign_id: str
) -> dict[str, QuestionCounts]:
    """Per question, the exposed and control counts a lift is computed from.

    Respondent-level answers (``survey_responses``, weighted by ``weight`` through Kish's
    effective sample size) take precedence over a vendor's aggregated ``survey_results`` for the
    same question.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.

    Returns:
        A mapping question → counts, in the order of ``QUESTIONS``; empty without a survey.
    """
    by_question: dict[str, dict[str, GroupCounts]] = {}
    source: dict[str, str] = {}
    rows = connection.execute(RESPONSE_COUNTS_SQL, [campaign_id]).fetchall()
    for question, group, answers, dropped, sum_w, sum_w2, sum_wy in rows:
        by_question.setdefault(question, {})[group] = GroupCounts.weighted(
            answers, sum_w, sum_w2, sum_wy, dropped
        )
        source[question] = "respondents"
    for question, group, respondents, positives in connection.execute(
        AGGREGATE_COUNTS_SQL, [campaign_id]
    ).fetchall():
        if source.get(question) == "respondents":
            continue
        source[question] = "aggregated"
        total = float(respondents or 0)
        positive = float(positives) if positives is not None else math.nan
        by_question.setdefault(question, {})[group] = GroupCounts(int(total), positive, total)
    return {
        q: QuestionCounts(
            q,
            source[q],
            by_question[q].get("exposed", EMPTY_GROUP),
            by_question[q].get("control", EMPTY_GROUP),
        )
        for q in _ordered(set(by_question))
    }


def _usable(group: GroupCounts) -> bool:
    return (
        math.isfinite(group.positive)
        and math.isfinite(group.total)
        and 0 <= group.positive <= group.total * (1 + 1e-9)
    )


def _compare(
    exposed: GroupCounts, control: GroupCounts, confidence: float
) -> tuple[stats.ProportionComparison, list[str]]:
    warnings = []
    for label, group in (("exposed", exposed), ("control", control)):
        if not _usable(group):
            warnings.append(Message("lift.inconsistent_counts", group=label))
    if warnings:
        # Nothing trustworthy to compare: every number stays None, only the reason is shown.
        return stats.compare_proportions(0, 0, 0, 0, confidence), warnings
    comparison = stats.compare_proportions(
        min(exposed.positive, exposed.total),
        exposed.total,
        min(control.positive, control.total),
        control.total,
        confidence,
    )
    for label, group in (("exposed", exposed), ("control", control)):
        if 0 < group.answers < MIN_ANSWERS_PER_GROUP:
            warnings.append(
                Message(
                    "lift.below_min_answers",
                    n=group.answers,
                    group=label,
                    minimum=MIN_ANSWERS_PER_GROUP,
                )
            )
        elif group.answers >= MIN_ANSWERS_PER_GROUP and group.total < MIN_ANSWERS_PER_GROUP:
            warnings.append(
                Message(
                    "lift.below_min_effective",
                    group=label,
                    n=group.total,
                    minimum=MIN_ANSWERS_PER_GROUP,
                )
            )
        if group.dropped:
            warnings.append(Message("lift.dropped_weights", n=group.dropped, group=label))
    return comparison, warnings + list(comparison.warnings)


def _lift_result(
    question: str,
    source: str,
    exposed: GroupCounts,
    control: GroupCounts,
    confidence: float,
    delivery: DeliveryTotals | None = None,
    bucket: str | None = None,
    extra_warnings: Sequence[str] = (),
) -> LiftResult:
    comparison, warnings = _compare(exposed, control, confidence)
    reach = spend = lifted = cost = None
    reach_provenance = None
    if delivery is not None:
        reach, spend = delivery.reach, delivery.spend
        reach_provenance = delivery.reach_provenance
        lift = comparison.absolute_lift
        if lift is not None and lift > 0 and reach:
            lifted = lift * reach
            cost = spend / lifted if spend is not None else None
        if reach_provenance == "estimated" and lift is not None and lift > 0:
            warnings.append(Message("lift.reach_over_count"))
    return LiftResult(
        question=question,
        n_exposed=exposed.answers,
        n_control=control.answers,
        n_exposed_effective=comparison.n_exposed,
        n_control_effective=comparison.n_control,
        exposed_rate=comparison.exposed_rate,
        control_rate=comparison.control_rate,
        absolute_lift=comparison.absolute_lift,
        relative_lift=comparison.relative_lift,
        headroom_lift=comparison.headroom_lift,
        ci_low=comparison.ci_low,
        ci_high=comparison.ci_high,
        confidence=confidence,
        p_value=comparison.p_value,
        certainty=comparison.certainty,
        prob_positive=comparison.prob_positive,
        significant=comparison.significant,
        low_certainty=comparison.low_certainty,
        min_detectable_lift=comparison.min_detectable_lift,
        warnings=tuple(extra_warnings) + tuple(warnings),
        source=source,
        exposure_bucket=bucket,
        exposed_reach=reach,
        reach_provenance=reach_provenance,
        spend=spend,
        lifted_users=lifted,
        cost_per_lifted_user=cost,
    )


def lift_by_question(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> list[LiftResult]:
    """Brand lift per survey question of one campaign (Sillage spec §4, brand lift).

    ``p_e - p_c`` with its Newcombe (1998) method-10 interval, pooled z-test p-value and
    certainty, ``P(lift > 0)`` under Beta(1 + x, 1 + n - x) posteriors, the minimum detectable
    lift, Meta's 250-answers-per-group floor; lifted users ``= absolute lift × exposed reach``
    and cost per lifted user ``= spend / lifted users`` (None when the lift is not positive or
    reach is 0). Reach and spend: latest snapshot of each post plus paid delivery.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        confidence: Two-sided coverage of the intervals (0.90 as Google and Meta report).

    Returns:
        One result per question answered; an empty list without a survey (see
        ``lift_unavailable_reason``).
    """
    stats.z_critical(confidence)
    counts = question_counts(connection, campaign_id)
    if not counts:
        return []
    delivery = delivery_totals(connection, Filters(campaign_ids=(campaign_id,)))
    return [
        _lift_result(c.question, c.source, c.exposed, c.control, confidence, delivery)
        for c in counts.values()
    ]


def lift_unavailable_reason(
    connection: duckdb.DuckDBPyConnection, campaign_id: str
) -> Message | None:
    """Why a campaign has no lift to show, in words for the page; None when it has one.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.

    Returns:
        The reason, or None.
    """
    campaigns, responses, answered, results = connection.execute(
        SURVEY_PRESENCE_SQL, [campaign_id] * 4
    ).fetchone()
    if not campaigns:
        return Message("lift.no_campaign", campaign=campaign_id)
    if not responses and not results:
        return Message("lift.no_survey")
    if not answered and not results:
        return Message("lift.no_usable_answers")
    return None


def lift_by_exposure(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    question: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> list[LiftResult]:
    """Frequency-response curve: lift of exposed respondents seen 1, 2, 3, 4+ times vs control.

    Each bucket of exposed respondents is compared with the whole control group (Newcombe 1998
    interval, as ``lift_by_question``). The exposure count is the survey's ``exposures`` column,
    else the number of logged exposures of that person up to the answer. Buckets are
    self-selected (heavier users see more posts), so the curve is descriptive, not causal.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        question: The survey question.
        confidence: Two-sided coverage of the intervals.

    Returns:
        One result per bucket ``1``, ``2``, ``3``, ``4+`` (empty buckets carry a warning);
        an empty list when the question has no respondent-level answers or no exposed
        respondent has an exposure count.
    """
    stats.z_critical(confidence)
    rows = connection.execute(
        EXPOSURE_BUCKET_COUNTS_SQL,
        [campaign_id, question, campaign_id, campaign_id, TOP_EXPOSURE_BUCKET, TOP_EXPOSURE_BUCKET],
    ).fetchall()
    if not rows:
        return []
    groups: dict[str, GroupCounts] = {}
    contaminated = 0
    for bucket, answers, dropped, sum_w, sum_w2, sum_wy, with_exposures in rows:
        groups[bucket] = GroupCounts.weighted(answers, sum_w, sum_w2, sum_wy, dropped)
        if bucket == "control":
            contaminated = with_exposures
    notes = []
    for bucket, code in (
        ("unknown", "lift.no_exposure_count"),
        ("none", "lift.no_recorded_exposure"),
    ):
        if bucket in groups:
            notes.append(Message(code, n=groups[bucket].answers))
    if contaminated:
        notes.append(Message("lift.control_exposed", n=contaminated))
    if not any(bucket in groups for bucket in EXPOSURE_BUCKETS):
        return []  # no exposed respondent has an exposure count: there is no curve to draw
    control = groups.get("control", EMPTY_GROUP)
    return [
        _lift_result(
            question,
            "respondents",
            groups.get(bucket, EMPTY_GROUP),
            control,
            confidence,
            bucket=bucket,
            extra_warnings=notes,
        )
        for bucket in EXPOSURE_BUCKETS
    ]


def pooled_lift(
    connection: duckdb.DuckDBPyConnection,
    campaign_ids: Sequence[str],
    question: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> PooledLift:
    """Absolute lift of one question pooled across campaigns by inverse-variance weighting.

    Fixed-effect meta-analysis of the per-campaign differences ``p_e - p_c`` with variances
    ``p_e(1-p_e)/n_e + p_c(1-p_c)/n_c`` (Kish-effective sizes; 0.5 zero-cell correction), Wald
    interval and Higgins & Thompson's I² (Borenstein et al. 2009, ch. 11 and 16).

    Args:
        connection: An open Sillage database.
        campaign_ids: The campaigns to pool.
        question: The survey question.
        confidence: Two-sided coverage of the interval.

    Returns:
        The pooled lift; numbers None with a warning when no campaign has both groups.
    """
    stats.z_critical(confidence)
    used: list[str] = []
    lifts: list[float] = []
    variances: list[float] = []
    warnings: list[str] = []
    for campaign_id in dict.fromkeys(campaign_ids):
        counts = question_counts(connection, campaign_id).get(question)
        if counts is None:
            warnings.append(
                Message("lift.pool_no_answers", campaign=campaign_id, question=question)
            )
            continue
        exposed, control = counts.exposed, counts.control
        if not (_usable(exposed) and _usable(control)) or not exposed.total or not control.total:
            warnings.append(Message("lift.pool_left_out", campaign=campaign_id))
            continue
        used.append(campaign_id)
        lifts.append(exposed.positive / exposed.total - control.positive / control.total)
        variances.append(
            stats.difference_variance(
                exposed.positive, exposed.total, control.positive, control.total
            )
        )
    pooled = stats.pooled_difference(lifts, variances, confidence)
    return PooledLift(
        question=question,
        campaign_ids=tuple(used),
        lifts=tuple(lifts),
        weights=pooled.weights,
        estimate=pooled.estimate,
        standard_error=pooled.standard_error,
        ci_low=pooled.ci_low,
        ci_high=pooled.ci_high,
        p_value=pooled.p_value,
        certainty=None if pooled.p_value is None else 1.0 - pooled.p_value,
        significant=pooled.significant,
        i_squared=pooled.i_squared,
        confidence=confidence,
        warnings=tuple(warnings) + pooled.warnings,
    )


def lift_frame(results: Sequence[LiftResult]) -> pd.DataFrame:
    """The results as a tidy frame (one row per result), for tables and CSV downloads.

    Args:
        results: Results of ``lift_by_question`` or ``lift_by_exposure``.

    Returns:
        One column per ``LiftResult`` field, and ``chance_positive`` (the probability the lift
        is above zero); warnings joined by "; " (``i18n.messages.join``: each in the reader's
        language when shown).
    """
    columns = [*LiftResult.__dataclass_fields__, "chance_positive"]
    rows = []
    for result in results:
        values = result.as_dict()
        values["warnings"] = join(result.warnings)
        values["chance_positive"] = result.chance_above_zero()
        rows.append(values)
    frame = pd.DataFrame(rows, columns=columns)
    # Object dtype keeps each note a message (a string column would make it English text).
    frame["warnings"] = pd.Series([r["warnings"] for r in rows], dtype=object, index=frame.index)
    return frame
