"""Objective scorecard: each campaign target graded ``met``, ``missed`` or ``inconclusive``.

Every objective names its primary metrics (Sillage SPEC §4, objective scorecard): awareness →
ad-recall and awareness lift, reach, frequency; consideration → consideration and favorability
lift, saves and shares per reach; conversion → link clicks, CPC, purchase-intent lift; loyalty →
repeat collaborations, favorability (whose course over the client's campaigns the report shows).

``TARGET_METRICS`` is the one list of metric keys a target can be set on: the upload page offers
them, ``campaigns.targets`` stores values under them, and ``scorecard`` grades them. Lifts and
rates are fractions (a lift target of 0.05 is 5 points), costs are in the campaign currency.

Grading rule: a metric with an interval (a lift's confidence interval, or the bounds of unique
reach when reach is summed across posts) is ``met`` when the whole interval is on the good side
of the target and ``missed`` when the whole interval is on the bad side. A confidence interval
that straddles the target is read as a probability that the target is met
(``stats.probability_beyond``): ``likely_met`` from 2/3, ``unlikely`` up to 1/3, and
``inconclusive`` (too few answers to say) in between; bounds that straddle it are
``inconclusive``. A metric without an interval is ``met`` or ``missed`` by comparison. A metric
that cannot be computed (no survey, no cost…) is ``inconclusive`` with the reason.
"""

from __future__ import annotations

import difflib
import importlib
import math
import textwrap
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from types import ModuleType
from typing import Literal

import duckdb
import pandas as pd

from metrics import brand_lift, creators, disclosure, emv, exposure, kpis, stats
from metrics.filters import Filters
from store.campaigns import OBJECTIVES, Campaign, get_campaign

MET = "met"
LIKELY_MET = "likely_met"
INCONCLUSIVE = "inconclusive"
UNLIKELY = "unlikely"
MISSED = "missed"
STATUSES = (MET, LIKELY_MET, INCONCLUSIVE, UNLIKELY, MISSED)
# The probability of meeting a target from which a straddling interval reads as "likely met"
# (and below one minus it, "unlikely"): the "likely" of the IPCC's calibrated language.
LIKELY = 2 / 3

Direction = Literal["higher", "lower"]


def optional_module(name: str) -> ModuleType | None:
    """Import ``metrics.<name>`` when it is installed, else None (its metrics then say so)."""
    try:
        return importlib.import_module(f"metrics.{name}")
    except ImportError:
        return None


@dataclass(frozen=True)
class TargetMetric:
    """A metric a campaign target can be set on.

    ``unit``: ``points`` (lift, a difference of two proportions), ``ratio`` (a fraction),
    ``count``, ``currency`` (the campaign's), ``times`` (average frequency), ``creators`` or
    ``net`` (net sentiment, from -1 to 1). ``kind`` says how the value is measured;
    ``source`` is the KPI metric or survey question it reads.
    """

    key: str
    label_en: str
    label_fr: str
    unit: str
    direction: Direction
    provider: str
    definition: str
    kind: str
    source: str | None = None


def _lift(question: str, en: str, fr: str) -> TargetMetric:
    return TargetMetric(
        key=f"{question}_lift",
        label_en=f"{en} lift",
        label_fr=f"Lift {fr}",
        unit="points",
        direction="higher",
        provider="metrics.brand_lift.lift_by_question",
        definition=f"absolute lift p_e - p_c of the {question} question (exposed minus control "
        "positive rate, in points); graded on its Newcombe interval at the report's confidence",
        kind="lift",
        source=question,
    )


def _kpi(key: str, metric: str, unit: str, direction: Direction) -> TargetMetric:
    definition = kpis.DEFINITIONS[metric]
    return TargetMetric(
        key=key,
        label_en=definition["label_en"],
        label_fr=definition["label_fr"],
        unit=unit,
        direction=direction,
        provider="metrics.kpis.summary",
        definition=definition["formula"],
        kind="kpi",
        source=metric,
    )


_METRICS: tuple[TargetMetric, ...] = (
    _lift("ad_recall", "Ad-recall", "de mémorisation publicitaire"),
    _lift("awareness", "Awareness", "de notoriété"),
    _lift("consideration", "Consideration", "de considération"),
    _lift("favorability", "Favorability", "d'image (favorabilité)"),
    _lift("purchase_intent", "Purchase-intent", "d'intention d'achat"),
    TargetMetric(
        key="reach",
        label_en="Reach (people)",
        label_fr="Couverture (personnes)",
        unit="count",
        direction="higher",
        provider="metrics.kpis.summary",
        definition="Σ post reach + Σ paid reach. When several reach figures are added, unique "
        "reach lies between the largest single figure and the sum: the target is graded on "
        "those bounds",
        kind="reach",
        source="reach",
    ),
    _kpi("impressions", "impressions", "count", "higher"),
    _kpi("views", "views", "count", "higher"),
    _kpi("engagements", "engagements", "count", "higher"),
    TargetMetric(
        key="frequency",
        label_en="Average frequency (impressions / reach)",
        label_fr="Répétition moyenne (impressions / couverture)",
        unit="times",
        direction="higher",
        provider="metrics.exposure.average_frequency",
        definition="impressions / reach over posts and ad rows reporting both; when reach is "
        "summed across posts the true frequency lies between impressions / Σ reach and "
        "impressions / the largest single reach figure: the target is graded on those bounds",
        kind="frequency",
    ),
    _kpi("engagement_rate_reach", "er_reach", "ratio", "higher"),
    _kpi("engagement_rate_impressions", "er_impressions", "ratio", "higher"),
    _kpi("engagement_rate_followers", "er_followers", "ratio", "higher"),
    _kpi("saves_per_reach", "saves_per_reach", "ratio", "higher"),
    _kpi("shares_per_reach", "shares_per_reach", "ratio", "higher"),
    _kpi("clicks_per_reach", "clicks_per_reach", "ratio", "higher"),
    _kpi("profile_visits_per_reach", "profile_visits_per_reach", "ratio", "higher"),
    _kpi("clicks", "clicks", "count", "higher"),
    _kpi("cpm", "cpm", "currency", "lower"),
    _kpi("cpc", "cpc", "currency", "lower"),
    _kpi("cpv", "cpv", "currency", "lower"),
    _kpi("cpe", "cpe", "currency", "lower"),
    TargetMetric(
        key="cost_per_lifted_user",
        label_en="Cost per lifted user",
        label_fr="Coût par personne convaincue",
        unit="currency",
        direction="lower",
        provider="metrics.brand_lift.lift_by_question",
        definition="spend / (absolute lift × exposed reach) on the objective's headline "
        "question (awareness: ad recall; consideration: consideration; conversion: purchase "
        "intent; loyalty: favorability); its interval comes from the lift's interval",
        kind="cost_per_lifted_user",
    ),
    TargetMetric(
        key="repeat_collaborations",
        label_en="Repeat collaborations (creators)",
        label_fr="Collaborations renouvelées (créateurs)",
        unit="creators",
        direction="higher",
        provider="metrics.creators.collaboration_units",
        definition="creators of the campaign on their 2nd or later campaign for the same "
        "client (collaboration number ≥ 2)",
        kind="repeat_collaborations",
    ),
    TargetMetric(
        key="emv",
        label_en="Earned media value (rate table)",
        label_fr="Valeur média gagnée (table de tarifs)",
        unit="currency",
        direction="higher",
        provider="metrics.emv.emv",
        definition="Σ posts Σ actions count × rate of the rate-table version in force",
        kind="emv",
    ),
    TargetMetric(
        key="net_sentiment",
        label_en="Net sentiment of comments",
        label_fr="Sentiment net des commentaires",
        unit="net",
        direction="higher",
        provider="metrics.perception.perception_summary",
        definition="(positive - negative) / comments, with its adjusted Wald interval",
        kind="net_sentiment",
    ),
    TargetMetric(
        key="brand_mention_share",
        label_en="Comments naming the brand",
        label_fr="Commentaires citant la marque",
        unit="ratio",
        direction="higher",
        provider="metrics.perception.brand_mention_share",
        definition="comments naming a brand term / comments, with its Wilson interval",
        kind="brand_mention_share",
    ),
    TargetMetric(
        key="unaided_recall_lift",
        label_en="Unaided recall lift",
        label_fr="Lift de mémorisation spontanée",
        unit="points",
        direction="higher",
        provider="metrics.recall.unaided_recall",
        definition="share of exposed minus control respondents naming the brand in an open "
        "answer, with its Newcombe interval",
        kind="unaided_recall_lift",
    ),
    TargetMetric(
        key="disclosed_share",
        label_en="Sponsored posts disclosed",
        label_fr="Publications sponsorisées signalées",
        unit="ratio",
        direction="higher",
        provider="metrics.disclosure.disclosure_rates",
        definition="sponsored posts with a clear disclosure / sponsored posts",
        kind="disclosed_share",
    ),
)

TARGET_METRICS: dict[str, TargetMetric] = {m.key: m for m in _METRICS}
"""Every metric key a target can be set on → its labels, unit, direction, provider, definition."""

OBJECTIVE_METRICS: dict[str, tuple[str, ...]] = {
    "awareness": ("ad_recall_lift", "awareness_lift", "reach", "frequency"),
    "consideration": (
        "consideration_lift",
        "favorability_lift",
        "saves_per_reach",
        "shares_per_reach",
    ),
    "conversion": ("clicks", "cpc", "purchase_intent_lift"),
    "loyalty": ("repeat_collaborations", "favorability_lift"),
}
"""The primary metrics of each objective (SPEC §4, objective scorecard)."""

HEADLINE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "awareness": ("ad_recall", "awareness"),
    "consideration": ("consideration", "favorability"),
    "conversion": ("purchase_intent", "consideration"),
    "loyalty": ("favorability",),
}
"""Survey questions whose lift prices a lifted user, in order of preference, per objective."""

OBJECTIVE_HELP = (
    "Awareness: ad recall and awareness lift, reach, frequency. "
    "Consideration: consideration and favorability lift, saves and shares per reach. "
    "Conversion: clicks, CPC, purchase-intent lift. "
    "Loyalty: repeat collaborations, favorability over time."
)


def primary_metrics(objective: str | None) -> tuple[str, ...]:
    """The primary metric keys of an objective (SPEC §4, objective scorecard).

    Args:
        objective: ``awareness``, ``consideration``, ``conversion``, ``loyalty`` or None.

    Returns:
        Keys of ``TARGET_METRICS``; empty for a campaign without an objective.

    Raises:
        ValueError: For an objective that is not one of the four.
    """
    if objective is None:
        return ()
    if objective not in OBJECTIVE_METRICS:
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}, not {objective!r}")
    return OBJECTIVE_METRICS[objective]


def target_labels(language: str = "en") -> dict[str, str]:
    """Metric key → label in ``en`` or ``fr``, for pickers and tables."""
    if language not in ("en", "fr"):
        raise ValueError(f"language must be 'en' or 'fr', not {language!r}")
    return {key: getattr(m, f"label_{language}") for key, m in TARGET_METRICS.items()}


# --- measuring --------------------------------------------------------------------------------

_REACH_FIGURES_SQL = textwrap.dedent(
    """
    SELECT max(reach) AS reach_floor,
           max(reach) FILTER (WHERE paired) AS paired_reach_floor
    FROM (
        SELECT m.reach,
               m.impressions IS NOT NULL
                   OR (m.views IS NOT NULL AND list_contains(?::TEXT[], p.platform)) AS paired
        FROM post_metrics AS m
        JOIN posts AS p ON p.post_id = m.post_id
        WHERE p.campaign_id = ? AND coalesce(p.sponsored, true)
          AND m.reach IS NOT NULL AND m.period IN {periods}
        UNION ALL
        SELECT reach, impressions IS NOT NULL AS paired
        FROM ad_delivery_counted
        WHERE campaign_id = ? AND reach IS NOT NULL
    )
    """
)

REACH_FLOOR_SQL = _REACH_FIGURES_SQL.format(periods="('lifetime')")
"""The largest single reach figure of a campaign among lifetime snapshots and ad rows: each
counts people of the campaign's audience, so unique reach can be no smaller.
``paired_reach_floor`` keeps the figures that come with impressions (or views standing in).
Lifetime rows are few, so this reads a small part of ``post_metrics``."""

DAILY_REACH_FLOOR_SQL = _REACH_FIGURES_SQL.format(periods="('lifetime', 'day')")
"""The same over daily rows too, for campaigns whose posts have only daily rows (a day's
reach is also a floor); it reads every metric row of the campaign's posts."""


@dataclass(frozen=True)
class Measurement:
    """A metric's value for grading, with its interval and where it comes from.

    ``interval`` is ``confidence`` (a statistical interval at ``confidence``), ``bounds``
    (hard bounds, e.g. unique reach between the largest single figure and the sum) or None. A
    missing side of an interval is unbounded; ``value`` None with no interval means the metric
    cannot be computed, and ``reason`` says why.
    """

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    interval: str | None = None
    confidence: float | None = None
    provenance: str | None = None
    reason: str | None = None
    note: str | None = None
    currency: str | None = None
    method: str | None = None
    # The smallest lift the study's answers detect with 80 % power (a lift's minimum detectable
    # lift): a target below it cannot be settled by this study.
    detectable: float | None = None


class CampaignMetrics:
    """The metric families of one campaign, each computed once on first use.

    The scorecard and the report read the same objects, so a number appears identically in
    both and no query runs twice for one report.
    """

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        campaign: Campaign,
        confidence: float = stats.DEFAULT_CONFIDENCE,
    ) -> None:
        stats.z_critical(confidence)
        self.connection = connection
        self.campaign = campaign
        self.confidence = confidence
        self.filters = Filters(campaign_ids=(campaign.campaign_id,), confidence=confidence)

    @cached_property
    def lifts(self) -> dict[str, brand_lift.LiftResult]:
        """``lift_by_question`` by question."""
        results = brand_lift.lift_by_question(
            self.connection, self.campaign.campaign_id, self.confidence
        )
        return {r.question: r for r in results}

    @cached_property
    def lift_reason(self) -> str | None:
        """``lift_unavailable_reason``: why there is no lift at all, or None."""
        return brand_lift.lift_unavailable_reason(self.connection, self.campaign.campaign_id)

    @cached_property
    def kpi_frame(self) -> pd.DataFrame:
        """``kpis.kpis`` at the ``all`` level (one row per KPI)."""
        return kpis.kpis(self.connection, self.filters, by="all")

    @cached_property
    def kpi_values(self) -> dict[str, kpis.KpiValue]:
        """The KPIs as ``kpis.summary`` returns them, from ``kpi_frame``."""
        return {
            row.metric: kpis.KpiValue(
                row.metric, row.value, row.unit, row.provenance, row.reason, row.note
            )
            for row in self.kpi_frame.itertuples(index=False)
        }

    @cached_property
    def frequency(self) -> exposure.FrequencySummary:
        """``exposure.average_frequency`` of the campaign."""
        return exposure.average_frequency(self.connection, self.filters)

    @cached_property
    def reach_floor(self) -> tuple[int | None, int | None]:
        """Largest single reach figure, overall and among figures paired with impressions."""
        platforms = list(kpis.IMPRESSIONS_FROM_VIEWS_PLATFORMS)
        params = [platforms, self.campaign.campaign_id, self.campaign.campaign_id]
        row = self.connection.execute(REACH_FLOOR_SQL, params).fetchone()
        if row[0] is None:
            row = self.connection.execute(DAILY_REACH_FLOOR_SQL, params).fetchone()
        return row[0], row[1]

    @cached_property
    def collaboration_units(self) -> pd.DataFrame:
        """``creators.collaboration_units`` of the campaign (numbers over the whole history)."""
        return creators.collaboration_units(self.connection, self.filters)

    @cached_property
    def emv(self) -> emv.EmvResult:
        """``emv.emv`` with the rate version in force."""
        return emv.emv(self.connection, self.filters)

    @cached_property
    def disclosure_summary(self) -> pd.DataFrame:
        """``disclosure.disclosure_rates`` at the ``all`` level."""
        return disclosure.disclosure_rates(self.connection, self.filters, by="all")

    @cached_property
    def perception(self):  # -> perception.PerceptionSummary | None
        """``perception.perception_summary``, or None when the module is absent."""
        module = optional_module("perception")
        if module is None:
            return None
        return module.perception_summary(self.connection, self.campaign.campaign_id, self.filters)

    @cached_property
    def unaided_recall(self):  # -> recall.UnaidedRecall | None
        """``recall.unaided_recall``, or None when the module is absent."""
        module = optional_module("recall")
        if module is None:
            return None
        return module.unaided_recall(self.connection, self.campaign.campaign_id, self.filters)


def _lift_reason(metrics: CampaignMetrics, question: str) -> str:
    return metrics.lift_reason or f"the survey has no answers to {question}"


def _from_lift(result: brand_lift.LiftResult) -> Measurement:
    if result.absolute_lift is None:
        reason = next(iter(result.warnings), "the lift cannot be computed")
        return Measurement(None, reason=reason)
    notes = [w for w in result.warnings if "250" in w or "wider than the lift" in w]
    if result.low_certainty:
        notes.insert(0, f"low certainty ({(result.certainty or 0):.0%})")
    return Measurement(
        value=result.absolute_lift,
        ci_low=result.ci_low,
        ci_high=result.ci_high,
        interval="confidence",
        confidence=result.confidence,
        provenance=result.provenance,
        method=stats.NEWCOMBE,
        note="; ".join(notes) or None,
        detectable=result.min_detectable_lift,
    )


def _measure_lift(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    question = metric.source or ""
    result = metrics.lifts.get(question)
    if result is None:
        return Measurement(None, reason=_lift_reason(metrics, question))
    return _from_lift(result)


def _measure_kpi(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    value = metrics.kpi_values.get(metric.source or "")
    if value is None or value.value is None:
        return Measurement(None, reason=value.reason if value else "not computed")
    return Measurement(
        value=float(value.value),
        provenance=value.provenance,
        note=value.note,
        currency=value.unit if metric.unit == "currency" else None,
    )


def _measure_reach(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    measured = _measure_kpi(metrics, metric)
    floor = metrics.reach_floor[0]
    if measured.value is None:
        return measured
    if floor is not None and floor >= measured.value:
        return measured
    if floor is None and measured.provenance != kpis.ESTIMATED:
        return measured
    low = "an unknown number" if floor is None else f"{floor:,.0f}"
    return Measurement(
        value=measured.value,
        ci_low=None if floor is None else float(floor),
        ci_high=measured.value,
        interval="bounds",
        provenance=measured.provenance,
        method="bounds",
        note=f"unique reach is between {low} (largest single reach figure exported) and "
        f"{measured.value:,.0f} (sum of reach figures, which counts a person once per post)",
    )


def _measure_frequency(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    summary = metrics.frequency
    if summary.frequency is None:
        reason = next((w for w in summary.warnings if "cannot" in w or "undefined" in w), None)
        return Measurement(None, reason=reason or "average frequency cannot be computed")
    floor = metrics.reach_floor[1]
    if not summary.reach_summed_across_posts or (floor is not None and floor >= summary.reach):
        return Measurement(summary.frequency, provenance=summary.provenance)
    # Σ reach over-counts people, so impressions / Σ reach under-states the true frequency.
    return Measurement(
        value=summary.frequency,
        ci_low=summary.frequency,
        ci_high=summary.impressions / floor if floor else None,
        interval="bounds",
        provenance=summary.provenance,
        method="bounds",
        note="reach summed across posts over-counts people, so the true frequency is between "
        "impressions / Σ reach and impressions / the largest single reach figure",
    )


def _headline_lift(metrics: CampaignMetrics) -> brand_lift.LiftResult | None:
    objective = metrics.campaign.objective or ""
    preferred = HEADLINE_QUESTIONS.get(objective, ()) + brand_lift.QUESTIONS
    for question in preferred:
        result = metrics.lifts.get(question)
        if result is not None and result.absolute_lift is not None:
            return result
    return None


def _measure_cost_per_lifted_user(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    result = _headline_lift(metrics)
    if result is None:
        return Measurement(None, reason=metrics.lift_reason or "no usable brand-lift question")
    spend, reach = result.spend, result.exposed_reach
    if spend is None:
        return Measurement(None, reason="no cost recorded (no creator fee and no ad spend)")
    if not reach:
        return Measurement(None, reason="no reach exported: lifted users cannot be counted")
    high_lift, low_lift = result.ci_high, result.ci_low
    note = f"on the {result.question} lift"
    if result.reach_provenance == "estimated":
        note += "; reach summed across posts over-counts people, so the cost is understated"
    if high_lift is None or high_lift <= 0:
        return Measurement(
            None,
            reason=f"no lifted users: the {result.question} lift interval is at or below 0",
            provenance="estimated",
        )
    # The cost falls as the lift rises: the interval's ends swap.
    return Measurement(
        value=result.cost_per_lifted_user,
        ci_low=spend / (high_lift * reach),
        ci_high=spend / (low_lift * reach) if low_lift is not None and low_lift > 0 else None,
        interval="confidence",
        confidence=result.confidence,
        provenance="estimated",
        method=stats.NEWCOMBE,
        note=note,
    )


def _measure_repeat_collaborations(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    units = metrics.collaboration_units
    if units.empty:
        return Measurement(None, reason="no campaign posts with a creator")
    repeat = units.loc[units["collaboration_number"] >= 2, "creator_id"].nunique()
    return Measurement(float(repeat), provenance=kpis.MEASURED)


def _measure_emv(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    result = metrics.emv
    if result.value is None:
        return Measurement(None, reason=result.reason)
    note = f"rate version {result.version}" + (f"; {result.note}" if result.note else "")
    return Measurement(result.value, provenance=result.provenance, note=note)


def _measure_net_sentiment(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    summary = metrics.perception
    if summary is None:
        return Measurement(None, reason="metrics.perception is not installed")
    overall = summary.overall
    if overall.net_sentiment is None:
        return Measurement(None, reason="no comments on this campaign's posts")
    return Measurement(
        overall.net_sentiment,
        overall.ci_low,
        overall.ci_high,
        "confidence",
        overall.confidence,
        kpis.ESTIMATED,
        note=f"{overall.comments} comments scored automatically",
        method=overall.method,
    )


def _measure_brand_mentions(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    summary = metrics.perception
    if summary is None:
        return Measurement(None, reason="metrics.perception is not installed")
    mentions = summary.brand_mentions
    if mentions.share is None:
        return Measurement(None, reason="no comments on this campaign's posts")
    if not mentions.brand_terms:
        return Measurement(None, reason="the campaign has no brand terms")
    return Measurement(
        mentions.share,
        mentions.ci_low,
        mentions.ci_high,
        "confidence",
        mentions.confidence,
        kpis.MEASURED,
        method=mentions.method,
    )


def _measure_unaided(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    result = metrics.unaided_recall
    if result is None:
        return Measurement(None, reason="metrics.recall is not installed")
    comparison = result.comparison
    if comparison.absolute_lift is None:
        return Measurement(None, reason=next(iter(result.warnings), "no open answers"))
    return Measurement(
        comparison.absolute_lift,
        comparison.ci_low,
        comparison.ci_high,
        "confidence",
        comparison.confidence,
        kpis.MEASURED,
        method=comparison.method,
    )


def _measure_disclosed(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    frame = metrics.disclosure_summary
    share = frame["disclosed_share"].iloc[0] if len(frame) else None
    if share is None:
        return Measurement(None, reason="no sponsored posts in this campaign")
    return Measurement(float(share), provenance=kpis.ESTIMATED, note=frame["note"].iloc[0])


_MEASURE = {
    "lift": _measure_lift,
    "kpi": _measure_kpi,
    "reach": _measure_reach,
    "frequency": _measure_frequency,
    "cost_per_lifted_user": _measure_cost_per_lifted_user,
    "repeat_collaborations": _measure_repeat_collaborations,
    "emv": _measure_emv,
    "net_sentiment": _measure_net_sentiment,
    "brand_mention_share": _measure_brand_mentions,
    "unaided_recall_lift": _measure_unaided,
    "disclosed_share": _measure_disclosed,
}


def measure(metrics: CampaignMetrics, key: str) -> Measurement:
    """The value of one ``TARGET_METRICS`` key for the campaign, with interval and provenance.

    Args:
        metrics: The campaign's metric families.
        key: A key of ``TARGET_METRICS``.

    Returns:
        The measurement; value None with a reason when it cannot be computed.

    Raises:
        KeyError: For a key that is not in ``TARGET_METRICS``.
    """
    metric = TARGET_METRICS[key]
    measurement = _MEASURE[metric.kind](metrics, metric)
    if metric.unit == "currency" and measurement.currency is None:
        return replace(measurement, currency=metrics.campaign.currency)
    return measurement


# --- grading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetGrade:
    """One target of a campaign, graded.

    ``status`` is ``met``, ``likely_met``, ``inconclusive``, ``unlikely`` or ``missed``;
    ``reason`` says why in one line. ``probability_met`` is the probability that the target is
    met, read off a confidence interval (None for exact values and hard bounds);
    ``probability_positive`` the probability that a lift or net score is above zero;
    ``detectable`` the smallest lift the study detects (``metrics.planner``), for lifts.
    ``ci_low``/``ci_high`` bound the value (``interval`` says whether it is a confidence
    interval or hard bounds; a missing side is unbounded; ``method`` names how it was made:
    ``newcombe``, ``wilson``, ``adjusted-wald`` or ``bounds``); ``primary`` marks the
    objective's primary metrics.
    """

    key: str
    label_en: str
    label_fr: str
    unit: str
    currency: str | None
    direction: str | None
    target: float | None
    status: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    interval: str | None
    confidence: float | None
    provenance: str | None
    reason: str
    note: str | None
    primary: bool
    provider: str | None
    method: str | None = None
    probability_met: float | None = None
    probability_positive: float | None = None
    detectable: float | None = None

    def as_dict(self) -> dict:
        """Plain JSON-ready values."""
        return asdict(self)


def format_value(value: float | None, unit: str, currency: str | None = None) -> str:
    """A metric value in words: ``+5.0 pts``, ``0.57 %``, ``9.89 EUR``, ``1,679,902``."""
    if value is None:
        return "n/a"
    if unit == "points":
        return f"{value * 100:+.1f} pts"
    if unit == "ratio":
        return f"{value * 100:.2f} %"
    if unit == "currency":
        return f"{value:,.2f} {currency or ''}".rstrip()
    if unit == "times":
        return f"{value:.2f}"
    if unit == "net":
        return f"{value:+.2f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def grade_target(
    key: str,
    target: float | None,
    measurement: Measurement,
    *,
    primary: bool = False,
) -> TargetGrade:
    """Grade one target against its measurement (the rule in the module docstring).

    With an interval ``[low, high]`` (a missing side unbounded): for higher-is-better metrics
    ``met`` when ``low ≥ target``, ``missed`` when ``high < target``; for lower-is-better
    metrics ``met`` when ``high ≤ target``, ``missed`` when ``low > target``; ``inconclusive``
    otherwise. Without an interval ``low = high = value``. An uncomputable metric, an unknown
    key or a target that is not a number is ``inconclusive`` with the reason.

    Args:
        key: The metric key (``TARGET_METRICS``).
        target: The target value, in the metric's unit.
        measurement: The metric's value and interval.
        primary: Whether the metric is a primary metric of the campaign's objective.

    Returns:
        The grade.
    """
    metric = TARGET_METRICS.get(key)
    base = {
        "key": key,
        "label_en": metric.label_en if metric else key,
        "label_fr": metric.label_fr if metric else key,
        "unit": metric.unit if metric else "unknown",
        "currency": measurement.currency,
        "direction": metric.direction if metric else None,
        "target": float(target) if _finite(target) else None,
        "value": measurement.value,
        "ci_low": measurement.ci_low,
        "ci_high": measurement.ci_high,
        "interval": measurement.interval,
        "method": measurement.method,
        "confidence": measurement.confidence if measurement.interval == "confidence" else None,
        "provenance": measurement.provenance,
        "note": measurement.note,
        "primary": primary,
        "provider": metric.provider if metric else None,
        "detectable": measurement.detectable,
    }
    if metric is None:
        reason = f"no grading rule for {key!r}: use a key of metrics.scorecard.TARGET_METRICS"
        return TargetGrade(**base, status=INCONCLUSIVE, reason=reason)
    if not _finite(target):
        return TargetGrade(**base, status=INCONCLUSIVE, reason="the target is not a number")
    target = float(target)
    if measurement.interval is None:
        if measurement.value is None:
            reason = measurement.reason or "the metric cannot be computed"
            return TargetGrade(**base, status=INCONCLUSIVE, reason=reason)
        low = high = measurement.value
    else:
        low = measurement.ci_low if measurement.ci_low is not None else -math.inf
        high = measurement.ci_high if measurement.ci_high is not None else math.inf
    if metric.direction == "higher":
        status = MET if low >= target else MISSED if high < target else INCONCLUSIVE
    else:
        status = MET if high <= target else MISSED if low > target else INCONCLUSIVE
    chances = _chances(metric, target, measurement)
    if status == INCONCLUSIVE and chances["probability_met"] is not None:
        met = chances["probability_met"]
        status = LIKELY_MET if met >= LIKELY else UNLIKELY if met <= 1 - LIKELY else status
    return TargetGrade(
        **base, **chances, status=status, reason=_reason(metric, target, measurement, status)
    )


def _chances(metric: TargetMetric, target: float, m: Measurement) -> dict[str, float | None]:
    """The probabilities a confidence interval gives: target met, and above zero for a lift."""
    if m.interval != "confidence" or m.value is None or m.confidence is None:
        return {"probability_met": None, "probability_positive": None}
    low = m.ci_low if m.ci_low is not None else -math.inf
    high = m.ci_high if m.ci_high is not None else math.inf
    above = stats.probability_beyond(m.value, low, high, target, m.confidence)
    positive = None
    if metric.unit in ("points", "net"):
        positive = stats.probability_beyond(m.value, low, high, 0.0, m.confidence)
    return {
        "probability_met": above if metric.direction == "higher" else 1.0 - above,
        "probability_positive": positive,
    }


def _reason(metric: TargetMetric, target: float, m: Measurement, status: str) -> str:
    def fmt(value: float | None) -> str:
        return format_value(value, metric.unit, m.currency)

    aim = f"the target {fmt(target)} ({metric.direction} is better)"
    side = {
        (MET, "higher"): "at or above",
        (MET, "lower"): "at or below",
        (MISSED, "higher"): "below",
        (MISSED, "lower"): "above",
    }.get((status, metric.direction), "")
    if m.interval is None:
        return f"{fmt(m.value)} is {side} {aim}"
    low = fmt(m.ci_low) if m.ci_low is not None else "unbounded"
    high = fmt(m.ci_high) if m.ci_high is not None else "unbounded"
    kind = (
        f"{m.confidence:.0%} interval"
        if m.interval == "confidence" and m.confidence is not None
        else "bounds"
    )
    span = f"{low} to {high} ({kind})"
    if status in (INCONCLUSIVE, LIKELY_MET, UNLIKELY):
        more = ": more answers would settle it" if m.interval == "confidence" else ""
        return f"{span} straddles {aim}{more}"
    return f"{span} lies wholly {side} {aim}"


class UnknownCampaign(LookupError):
    """The campaign id is not in the database."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown campaign"


def load_campaign(connection: duckdb.DuckDBPyConnection, campaign_id: str) -> Campaign:
    """The campaign, or ``UnknownCampaign`` naming the closest ids that exist.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign id.

    Returns:
        The campaign.

    Raises:
        UnknownCampaign: When no campaign has that id.
    """
    campaign = get_campaign(connection, campaign_id)
    if campaign is not None:
        return campaign
    ids = [row[0] for row in connection.execute("SELECT campaign_id FROM campaigns").fetchall()]
    close = difflib.get_close_matches(campaign_id, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownCampaign(f"no campaign {campaign_id!r} in this database{hint}")


def grade_campaign(metrics: CampaignMetrics) -> list[TargetGrade]:
    """Grade every target of the campaign whose metrics are given (see ``scorecard``)."""
    campaign = metrics.campaign
    primary = set(primary_metrics(campaign.objective)) if campaign.objective else set()
    ordered = sorted(
        campaign.targets,
        key=lambda k: (
            k not in primary,
            list(TARGET_METRICS).index(k) if k in TARGET_METRICS else len(TARGET_METRICS),
            k,
        ),
    )
    grades = []
    for key in ordered:
        target = campaign.targets[key]
        measurement = measure(metrics, key) if key in TARGET_METRICS else Measurement(None)
        grades.append(grade_target(key, _number(target), measurement, primary=key in primary))
    return grades


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def delivery_ranges(
    connection: duckdb.DuckDBPyConnection, campaign_id: str
) -> tuple[Measurement, Measurement]:
    """Unique reach and average frequency of a campaign, as bounds when reach is summed.

    Summed across posts, reach counts a person once per post, so unique reach lies between the
    largest single reach figure and the sum, and frequency between impressions / Σ reach and
    impressions / the largest figure (``_measure_reach``, ``_measure_frequency``): a page shows
    that range, never one end of it as the value.
    """
    metrics = CampaignMetrics(connection, load_campaign(connection, campaign_id))
    return measure(metrics, "reach"), measure(metrics, "frequency")


def scorecard(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> list[TargetGrade]:
    """Every target of a campaign graded ``met``, ``missed`` or ``inconclusive``.

    Source: Sillage SPEC §4 (objective scorecard: each target is met, missed or inconclusive
    when the interval straddles it). Lifts are graded on their Newcombe (1998) interval at
    ``confidence``; reach and frequency on hard bounds when reach is summed across posts;
    other metrics by comparison (rules in ``grade_target``).

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        confidence: Two-sided coverage of the lift intervals (90 % as Google and Meta report).

    Returns:
        One grade per target, the objective's primary metrics first.

    Raises:
        UnknownCampaign: When the campaign is not in the database.
    """
    campaign = load_campaign(connection, campaign_id)
    return grade_campaign(CampaignMetrics(connection, campaign, confidence))
