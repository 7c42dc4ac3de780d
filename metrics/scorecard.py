"""Objective scorecard: each campaign target graded ``met``, ``missed`` or ``inconclusive``.

Every objective names its primary metrics (README, What is in the dashboard): awareness →
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

from i18n import catalogue
from i18n.messages import Message, join
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
    ``source`` is the KPI metric or survey question it reads. ``label`` (the catalogue's
    ``target.<key>``) and ``definition`` are messages, written in the reader's language.
    """

    key: str
    label: Message
    unit: str
    direction: Direction
    provider: str
    definition: Message
    kind: str
    source: str | None = None


def _target(
    key: str, unit: str, direction: Direction, provider: str, source: str | None = None
) -> TargetMetric:
    """A target measured its own way (its kind is its key), defined by ``sc.definition.<key>``."""
    return TargetMetric(
        key=key,
        label=Message(f"target.{key}"),
        unit=unit,
        direction=direction,
        provider=provider,
        definition=Message(f"sc.definition.{key}"),
        kind=key,
        source=source,
    )


def _lift(question: str) -> TargetMetric:
    return TargetMetric(
        key=f"{question}_lift",
        label=Message(f"target.{question}_lift"),
        unit="points",
        direction="higher",
        provider="metrics.brand_lift.lift_by_question",
        definition=Message("sc.definition.lift", question=question),
        kind="lift",
        source=question,
    )


def _kpi(key: str, metric: str, unit: str, direction: Direction) -> TargetMetric:
    return TargetMetric(
        key=key,
        label=Message(f"target.{key}"),
        unit=unit,
        direction=direction,
        provider="metrics.kpis.summary",
        definition=kpis.DEFINITIONS[metric]["formula"],
        kind="kpi",
        source=metric,
    )


_METRICS: tuple[TargetMetric, ...] = (
    _lift("ad_recall"),
    _lift("awareness"),
    _lift("consideration"),
    _lift("favorability"),
    _lift("purchase_intent"),
    _target("reach", "count", "higher", "metrics.kpis.summary", source="reach"),
    _kpi("impressions", "impressions", "count", "higher"),
    _kpi("views", "views", "count", "higher"),
    _kpi("engagements", "engagements", "count", "higher"),
    _target("frequency", "times", "higher", "metrics.exposure.average_frequency"),
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
    _target("cost_per_lifted_user", "currency", "lower", "metrics.brand_lift.lift_by_question"),
    _target("repeat_collaborations", "creators", "higher", "metrics.creators.collaboration_units"),
    _target("emv", "currency", "higher", "metrics.emv.emv"),
    _target("net_sentiment", "net", "higher", "metrics.perception.perception_summary"),
    _target("brand_mention_share", "ratio", "higher", "metrics.perception.brand_mention_share"),
    _target("unaided_recall_lift", "points", "higher", "metrics.recall.unaided_recall"),
    _target("disclosed_share", "ratio", "higher", "metrics.disclosure.disclosure_rates"),
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
"""The primary metrics of each objective (README, What is in the dashboard: Overview)."""

HEADLINE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "awareness": ("ad_recall", "awareness"),
    "consideration": ("consideration", "favorability"),
    "conversion": ("purchase_intent", "consideration"),
    "loyalty": ("favorability",),
}
"""Survey questions whose lift prices a lifted user, in order of preference, per objective."""

OBJECTIVE_HELP = Message("sc.objective_help")
"""The objectives and their primary metrics, in words (the upload page's help)."""


def reference(key: str) -> Message | None:
    """Where a target metric's definition comes from, in words a client reads (never a module).

    A classic KPI names its published definition (``kpis.DEFINITIONS``); the others name the
    measurement they come from (``sc.reference.<key>`` in the catalogue).
    """
    metric = TARGET_METRICS.get(key)
    if metric is None:
        return None
    if metric.kind == "kpi" or key == "reach":
        return kpis.DEFINITIONS[metric.source or key]["source"]
    return Message(f"sc.reference.{metric.kind}")


def primary_metrics(objective: str | None) -> tuple[str, ...]:
    """The primary metric keys of an objective (README, What is in the dashboard: Overview).

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
    """Metric key → label in ``language`` (one of the catalogue's), for pickers and tables."""
    if language not in (*catalogue.LANGUAGES, catalogue.PSEUDO):
        raise ValueError(
            f"language must be one of {', '.join(catalogue.LANGUAGES)}, not {language!r}"
        )
    return {key: m.label.render(language) for key, m in TARGET_METRICS.items()}


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
    reason: Message | None = None
    note: Message | None = None
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
    return metrics.lift_reason or Message("sc.reason.no_answers_to", question=question)


def _from_lift(result: brand_lift.LiftResult) -> Measurement:
    if result.absolute_lift is None:
        reason = next(iter(result.warnings), Message("sc.reason.lift_cannot"))
        return Measurement(None, reason=reason)
    notes = [w for w in result.warnings if "250" in w or "wider than the lift" in w]
    if result.low_certainty:
        notes.insert(0, Message("sc.note.low_certainty", certainty=result.certainty or 0))
    return Measurement(
        value=result.absolute_lift,
        ci_low=result.ci_low,
        ci_high=result.ci_high,
        interval="confidence",
        confidence=result.confidence,
        provenance=result.provenance,
        method=stats.NEWCOMBE,
        note=join(notes) or None,
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
        return Measurement(
            None, reason=value.reason if value else Message("sc.reason.not_computed")
        )
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
    low = Message("val.unknown_number") if floor is None else Message("val.count", x=floor)
    return Measurement(
        value=measured.value,
        ci_low=None if floor is None else float(floor),
        ci_high=measured.value,
        interval="bounds",
        provenance=measured.provenance,
        method="bounds",
        note=Message("sc.note.unique_reach", low=low, high=Message("val.count", x=measured.value)),
    )


def _measure_frequency(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    summary = metrics.frequency
    if summary.frequency is None:
        reason = next((w for w in summary.warnings if "cannot" in w or "undefined" in w), None)
        return Measurement(None, reason=reason or Message("sc.reason.frequency_cannot"))
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
        note=Message("sc.note.frequency_bounds"),
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
        return Measurement(
            None, reason=metrics.lift_reason or Message("sc.reason.no_lift_question")
        )
    spend, reach = result.spend, result.exposed_reach
    if spend is None:
        return Measurement(None, reason=Message("kpi.reason.no_cost"))
    if not reach:
        return Measurement(None, reason=Message("sc.reason.no_reach_lifted"))
    high_lift, low_lift = result.ci_high, result.ci_low
    note = join(
        [
            Message("sc.note.on_lift", question=result.question),
            Message("sc.note.cost_understated") if result.reach_provenance == "estimated" else "",
        ]
    )
    if high_lift is None or high_lift <= 0:
        return Measurement(
            None,
            reason=Message("sc.reason.no_lifted", question=result.question),
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
        return Measurement(None, reason=Message("sc.reason.no_creator_posts"))
    repeat = units.loc[units["collaboration_number"] >= 2, "creator_id"].nunique()
    return Measurement(float(repeat), provenance=kpis.MEASURED)


def _measure_emv(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    result = metrics.emv
    if result.value is None:
        return Measurement(None, reason=result.reason)
    note = join([Message("sc.note.rate_version", version=result.version), result.note or ""])
    return Measurement(result.value, provenance=result.provenance, note=note)


def _not_installed(module: str) -> Message:
    return Message("sc.reason.not_installed", module=module)


def _measure_net_sentiment(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    summary = metrics.perception
    if summary is None:
        return Measurement(None, reason=_not_installed("metrics.perception"))
    overall = summary.overall
    if overall.net_sentiment is None:
        return Measurement(None, reason=Message("sc.reason.no_comments"))
    return Measurement(
        overall.net_sentiment,
        overall.ci_low,
        overall.ci_high,
        "confidence",
        overall.confidence,
        kpis.ESTIMATED,
        note=Message("sc.note.scored", n=int(overall.comments)),
        method=overall.method,
    )


def _measure_brand_mentions(metrics: CampaignMetrics, metric: TargetMetric) -> Measurement:
    summary = metrics.perception
    if summary is None:
        return Measurement(None, reason=_not_installed("metrics.perception"))
    mentions = summary.brand_mentions
    if mentions.share is None:
        return Measurement(None, reason=Message("sc.reason.no_comments"))
    if not mentions.brand_terms:
        return Measurement(None, reason=Message("sc.reason.no_brand_terms"))
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
        return Measurement(None, reason=_not_installed("metrics.recall"))
    comparison = result.comparison
    if comparison.absolute_lift is None:
        return Measurement(
            None, reason=next(iter(result.warnings), Message("sc.reason.no_open_answers"))
        )
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
        return Measurement(None, reason=Message("sc.reason.no_sponsored"))
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
    label: str  # a ``Message`` (the catalogue's ``target.<key>``), or an unknown key as is
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
    reason: Message
    note: Message | None
    primary: bool
    provider: str | None
    method: str | None = None
    probability_met: float | None = None
    probability_positive: float | None = None
    detectable: float | None = None

    def as_dict(self) -> dict:
        """Plain JSON-ready values; the label in English and in French (``label_en``,
        ``label_fr``), as the report's JSON has always given it."""
        values = asdict(self)
        label = values.pop("label")
        return {
            "key": values.pop("key"),
            "label_en": str(label),
            "label_fr": catalogue.written(label, "fr"),
            **values,
        }


def value_message(value: float | None, unit: str, currency: str | None = None) -> Message:
    """A metric value in words, written in the reader's language: ``+5.0 pts``, ``0.57 %``,
    ``9.89 EUR``, ``1,679,902`` in English."""
    if value is None:
        return Message("val.na")
    if unit == "points":
        return Message("val.points", pct=value * 100)
    if unit == "ratio":
        return Message("val.ratio", pct=value * 100)
    if unit == "currency" and currency:
        return Message("val.money", x=value, currency=currency)
    if unit in ("times", "net"):
        return Message(f"val.{unit}", x=value)
    if unit == "currency" or not float(value).is_integer():
        return Message("val.decimal", x=value)
    return Message("val.count", x=value)


def format_value(value: float | None, unit: str, currency: str | None = None) -> str:
    """A metric value in English words: ``+5.0 pts``, ``0.57 %``, ``9.89 EUR``, ``1,679,902``."""
    return str(value_message(value, unit, currency))


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
        "label": metric.label if metric else key,
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
        reason = Message("sc.reason.no_rule", metric=key)
        return TargetGrade(**base, status=INCONCLUSIVE, reason=reason)
    if not _finite(target):
        return TargetGrade(**base, status=INCONCLUSIVE, reason=Message("sc.reason.target_nan"))
    target = float(target)
    if measurement.interval is None:
        if measurement.value is None:
            reason = measurement.reason or Message("sc.reason.cannot_compute")
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


def _reason(metric: TargetMetric, target: float, m: Measurement, status: str) -> Message:
    def fmt(value: float | None) -> Message:
        if value is None:
            return Message("val.unbounded")
        return value_message(value, metric.unit, m.currency)

    aim = Message(f"sc.aim.{metric.direction}", target=fmt(target))
    side = {
        (MET, "higher"): "at_or_above",
        (MET, "lower"): "at_or_below",
        (MISSED, "higher"): "below",
        (MISSED, "lower"): "above",
    }.get((status, metric.direction))
    side_words = Message(f"sc.side.{side}") if side else ""
    if m.interval is None:
        return Message("sc.reason.exact", value=fmt(m.value), side=side_words, aim=aim)
    kind = (
        Message("sc.interval.confidence", level=m.confidence)
        if m.interval == "confidence" and m.confidence is not None
        else Message("sc.interval.bounds")
    )
    span = {"low": fmt(m.ci_low), "high": fmt(m.ci_high), "kind": kind, "aim": aim}
    if status in (INCONCLUSIVE, LIKELY_MET, UNLIKELY):
        more = "_more" if m.interval == "confidence" else ""
        return Message(f"sc.reason.straddles{more}", **span)
    return Message("sc.reason.wholly", side=side_words, **span)


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

    Source: README, What is in the dashboard (Overview: each target is met, missed or
    inconclusive when the interval straddles it). Lifts are graded on their Newcombe (1998) interval at
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
