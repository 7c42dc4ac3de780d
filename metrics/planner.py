"""Realistic targets: how many answers a brand-lift study needs to see the lift a target names.

A target of +2 points on ad recall with 300 answers per group cannot be met or missed: the study
only sees lifts from about 8 points. ``plan`` says both numbers before the campaign, from the same
two-proportion power as the scorecard's intervals (``stats.respondents_per_group`` and
``stats.minimum_detectable_lift``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from i18n.messages import Message
from metrics import brand_lift, stats
from metrics.scorecard import TARGET_METRICS
from store.campaigns import get_campaign


@dataclass(frozen=True)
class StudyPlan:
    """What a study of ``per_group`` answers a group can see, against a lift target.

    ``needed_per_group`` is the group size that detects ``target_lift`` with ``power`` at
    ``confidence``; ``detectable_lift`` the smallest lift the planned size detects (None without
    a planned size); ``too_small`` whether the planned size cannot see the target.
    """

    base_rate: float
    target_lift: float
    confidence: float
    power: float
    needed_per_group: int | None
    per_group: int | None
    detectable_lift: float | None
    too_small: bool

    def as_dict(self) -> dict:
        """Plain JSON-ready values."""
        return asdict(self)

    def sentence(self) -> str:
        """The plan in one plain English sentence."""
        if self.needed_per_group is None:
            return (
                f"a lift of {self.target_lift * 100:+.1f} points cannot be reached from a base "
                f"rate of {self.base_rate:.0%}"
            )
        needed = (
            f"{self.needed_per_group:,} answers per group see a lift of "
            f"{self.target_lift * 100:+.1f} points ({self.power:.0%} power, "
            f"{self.confidence:.0%} confidence, base rate {self.base_rate:.0%})"
        )
        if self.per_group is None or self.detectable_lift is None:
            return needed
        seen = (
            f"with {self.per_group:,} answers per group this study can only see lifts above "
            f"{self.detectable_lift * 100:.1f} points"
        )
        return f"{seen}: {needed}" if self.too_small else f"{needed}; {seen}"


def plan(
    base_rate: float,
    target_lift: float,
    per_group: int | None = None,
    confidence: float = stats.DEFAULT_CONFIDENCE,
    power: float = stats.DEFAULT_POWER,
) -> StudyPlan:
    """The answers a study needs for a lift target, and what a planned size can see.

    Args:
        base_rate: The control group's expected positive rate (a past campaign's, or a guess).
        target_lift: The lift target in proportion points (0.05 is 5 points).
        per_group: The planned answers per group, when known.
        confidence: ``1 - alpha`` of the two-sided test (90 %, as Google and Meta report).
        power: The chance of detecting a lift as large as the target (80 % by convention).

    Returns:
        The plan; ``too_small`` is True when the planned size detects only larger lifts.
    """
    needed = stats.respondents_per_group(target_lift, base_rate, confidence, power)
    detectable = (
        stats.minimum_detectable_lift(per_group, per_group, base_rate, confidence, power)
        if per_group
        else None
    )
    too_small = bool(per_group) and (needed is None or per_group < needed)
    return StudyPlan(
        base_rate=base_rate,
        target_lift=target_lift,
        confidence=confidence,
        power=power,
        needed_per_group=needed,
        per_group=per_group,
        detectable_lift=detectable,
        too_small=too_small,
    )


# The control rate assumed for a question no survey of the campaign has answered yet: roughly
# the ad-recall and awareness base rates brand-lift vendors report for a known brand.
ASSUMED_BASE_RATE = 0.30


@dataclass(frozen=True)
class TargetPlan:
    """A campaign's lift target with its study plan; ``observed`` says whether the base rate and
    group size come from the campaign's survey (else the assumed base rate, no size)."""

    key: str
    label: Message  # the catalogue's ``target.<key>``
    plan: StudyPlan
    observed: bool


def campaign_plans(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
    power: float = stats.DEFAULT_POWER,
) -> list[TargetPlan]:
    """Each lift target of a campaign with the answers it needs, and what the survey can see.

    The base rate is the survey's control rate for the question and the planned size its smaller
    group (effective answers when weighted), when the campaign has a survey; otherwise
    ``ASSUMED_BASE_RATE`` and no size.
    """
    campaign = get_campaign(connection, campaign_id)
    counts = brand_lift.question_counts(connection, campaign_id)
    plans = []
    for key, target in (campaign.targets or {}).items():
        metric = TARGET_METRICS.get(key)
        if metric is None or metric.kind != "lift" or not target or target <= 0:
            continue
        question = counts.get(metric.source or "")
        observed = (
            question is not None and question.exposed.total > 0 and question.control.total > 0
        )
        base = question.control.positive / question.control.total if observed else None
        per_group = int(min(question.exposed.total, question.control.total)) if observed else None
        plans.append(
            TargetPlan(
                key=key,
                label=metric.label,
                plan=plan(
                    ASSUMED_BASE_RATE if base is None else base,
                    float(target),
                    per_group,
                    confidence,
                    power,
                ),
                observed=observed,
            )
        )
    return plans


def campaign_section(m: Any) -> list[dict]:
    """The ``study_plans`` section of ``sillage report --json`` for a
    ``scorecard.CampaignMetrics``: each lift target with its plan (``campaign_plans``), the plan's
    sentence in English."""
    return [
        {
            "target": target.key,
            "label": str(target.label),
            "observed": target.observed,
            **target.plan.as_dict(),
            "sentence": target.plan.sentence(),
        }
        for target in campaign_plans(m.connection, m.campaign.campaign_id, m.confidence)
    ]
