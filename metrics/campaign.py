"""One campaign's numbers, composed once: what Overview, the PDF and ``sillage report`` show.

``build_campaign`` reads a campaign through one ``scorecard.CampaignMetrics`` (each metric
family computed once on first use) and returns a frozen ``CampaignView``: the graded targets,
the lift of each survey question, the KPI summary, the delivery ranges (unique reach and
average frequency as bounds when reach is summed across posts), the headline cost per lifted
user and the report's JSON sections. The dashboard reads it through ``ui.data.read`` (cached
per data version), ``sillage report --json`` prints its ``report``: a number shown on a page is
the number in the JSON.

``SECTIONS`` is the registry of the report's sections, in report order: a new metric is
written in its own module (a builder taking ``CampaignMetrics`` and returning plain values)
and named by one ``Section`` entry here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import duckdb

from metrics import creator_fit, fair_pay, longterm, planner, report, stats
from metrics.brand_lift import LiftResult
from metrics.exposure import FrequencySummary
from metrics.kpis import KpiValue
from metrics.scorecard import (
    CampaignMetrics,
    Measurement,
    TargetGrade,
    grade_campaign,
    load_campaign,
    measure,
)
from store.campaigns import Campaign


class Section(NamedTuple):
    """One section of the report: its key in the JSON and the function that builds it."""

    name: str
    build: Callable[[CampaignMetrics], Any]


def _cost_per_lifted_user(m: CampaignMetrics) -> Measurement:
    """The headline cost per lifted user (the scorecard's measurement, graded or not)."""
    return measure(m, "cost_per_lifted_user")


SECTIONS: tuple[Section, ...] = (
    Section("report", report._meta),
    Section("campaign", report._campaign),
    Section("scorecard", report._scorecard),
    Section("objective", report._objective),
    Section("lift", report._lift),
    Section("lift_unavailable_reason", report._lift_unavailable),
    Section("lift_by_exposure", report._lift_by_exposure),
    Section("favorability_over_time", report._favorability_over_time),
    Section("kpis", report._kpis),
    Section("emv", report._emv),
    Section("frequency", report._frequency),
    Section("cost_per_lifted_user", _cost_per_lifted_user),
    Section("frequency_distribution", report._frequency_distribution),
    Section("cumulative_reach", report._cumulative_reach),
    Section("adstock", report._adstock),
    Section("creators", report._creators),
    Section("disclosure", report._disclosure),
    Section("perception", report._perception),
    Section("recall", report._recall),
    Section("creator_fit", creator_fit.campaign_section),
    Section("fair_pay", fair_pay.campaign_section),
    Section("long_term", longterm.campaign_section),
    Section("study_plans", planner.campaign_section),
)
"""Section name → builder, in report order (``sillage report --json`` prints one key each)."""

SECTION_NAMES = tuple(section.name for section in SECTIONS)


@dataclasses.dataclass(frozen=True)
class CampaignView:
    """Everything shown of one campaign, built once by ``build_campaign``.

    ``grades`` are the targets graded (``metrics.scorecard``, primary metrics first);
    ``lifts`` the lift of each survey question, ``lift_reason`` why there is none at all;
    ``kpis`` the KPI summary by key (``metrics.kpis``); ``frequency`` the average frequency
    with its warnings; ``reach_range`` and ``frequency_range`` the same two numbers as
    measurements, with bounds when reach is summed across posts; ``cost_per_lifted_user`` the
    headline cost per lifted user; ``warnings`` the delivery caveats a page states once;
    ``report`` the JSON sections asked for (every one of ``SECTIONS`` for the report).
    """

    campaign: Campaign
    confidence: float
    grades: tuple[TargetGrade, ...]
    lifts: tuple[LiftResult, ...]
    lift_reason: str | None
    kpis: Mapping[str, KpiValue]
    frequency: FrequencySummary
    reach_range: Measurement
    frequency_range: Measurement
    cost_per_lifted_user: Measurement
    warnings: tuple[str, ...]
    report: Mapping[str, Any]

    @property
    def reach_summed(self) -> bool:
        """Whether reach is a sum of per-post figures (it then over-counts people)."""
        return self.frequency.reach_summed_across_posts


def build_campaign(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
    sections: Iterable[str] | None = None,
) -> CampaignView:
    """The campaign's numbers, each read once, for every view that shows them.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        confidence: Two-sided coverage of every interval (90 % by default).
        sections: Names of ``SECTIONS`` to build into ``report`` (as plain JSON values);
            None builds them all, as ``sillage report --json`` prints them.

    Returns:
        The campaign's ``CampaignView``.

    Raises:
        UnknownCampaign: When the campaign is not in the database.
        ValueError: When confidence is not strictly between 0 and 1, or a section is unknown.
    """
    wanted = SECTION_NAMES if sections is None else tuple(sections)
    unknown = sorted(set(wanted) - set(SECTION_NAMES))
    if unknown:
        raise ValueError(f"unknown report sections {unknown}: use names of metrics.campaign")
    stats.z_critical(confidence)
    metrics = CampaignMetrics(connection, load_campaign(connection, campaign_id), confidence)
    frequency = metrics.frequency
    return CampaignView(
        campaign=metrics.campaign,
        confidence=confidence,
        grades=tuple(grade_campaign(metrics)),
        lifts=tuple(metrics.lifts.values()),
        lift_reason=metrics.lift_reason,
        kpis=dict(metrics.kpi_values),
        frequency=frequency,
        reach_range=measure(metrics, "reach"),
        frequency_range=measure(metrics, "frequency"),
        cost_per_lifted_user=_cost_per_lifted_user(metrics),
        warnings=tuple(frequency.warnings),
        report={
            section.name: report.json_ready(section.build(metrics))
            for section in SECTIONS
            if section.name in wanted
        },
    )


def campaign_view(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> CampaignView:
    """``build_campaign`` for the dashboard: the typed numbers, without the JSON sections.

    The pages read the typed fields; the sections that look back over the client's other
    campaigns (favorability over time, creators' history) are left to the report, so a share
    link's cached view holds nothing of a campaign outside the link.
    """
    return build_campaign(connection, campaign_id, confidence, sections=())


def campaign_report(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> dict:
    """Every section of ``SECTIONS`` for one campaign: what ``sillage report --json`` prints."""
    return dict(build_campaign(connection, campaign_id, confidence).report)
