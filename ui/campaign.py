"""Campaign settings as the upload page edits them: labels, target rows, and checks before saving."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from store.campaigns import Campaign

# Metrics a target can be set on. Lifts and rates are fractions (0.05 = 5 %, or 5 points of
# lift), costs are in the campaign's currency: the objective scorecard (SPEC §4) reads targets
# under these keys, and the bundled sample data writes them the same way.
TARGET_METRICS: dict[str, str] = {
    "ad_recall_lift": "Ad-recall lift",
    "awareness_lift": "Awareness lift",
    "consideration_lift": "Consideration lift",
    "favorability_lift": "Favorability lift",
    "purchase_intent_lift": "Purchase-intent lift",
    "reach": "Reach (people)",
    "impressions": "Impressions",
    "views": "Views",
    "frequency": "Average frequency (impressions / reach)",
    "engagement_rate_reach": "Engagement rate by reach",
    "saves_per_reach": "Saves per reach",
    "shares_per_reach": "Shares per reach",
    "clicks": "Link clicks",
    "cpm": "CPM (cost per 1,000 impressions)",
    "cpc": "CPC (cost per click)",
    "cpv": "CPV (cost per view)",
    "cpe": "CPE (cost per engagement)",
    "cost_per_lifted_user": "Cost per lifted user",
    "repeat_collaborations": "Repeat collaborations (creators)",
}

TARGETS_HELP = (
    "One row per metric. Lifts and rates are fractions: 0.05 means 5 % (or 5 points of lift). "
    "Costs are in the campaign's currency. Rows without a target are not saved."
)

# The primary metrics of each objective (SPEC §4, objective scorecard), offered as target rows.
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

OBJECTIVE_HELP = (
    "Awareness: ad recall and awareness lift, reach, frequency. "
    "Consideration: consideration and favorability lift, saves and shares per reach. "
    "Conversion: clicks, CPC, purchase-intent lift. "
    "Loyalty: repeat collaborations, favorability over time."
)

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY")


def campaign_label(campaign: Campaign) -> str:
    """How a campaign is named in pickers: client, then campaign."""
    return f"{campaign.client_name} · {campaign.name}"


def metric_label(key: str) -> str:
    """The label of a target metric key (unknown keys are shown as they are)."""
    return TARGET_METRICS.get(key, key)


def default_index(ids: Sequence[str], *preferred: str | None) -> int:
    """Position of the first preferred id present in ``ids``, else 0."""
    for candidate in preferred:
        if candidate in ids:
            return list(ids).index(candidate)
    return 0


def targets_frame(targets: dict[str, float], objective: str | None) -> pd.DataFrame:
    """Rows of metric and target; without saved targets, the objective's metrics, blank."""
    if targets:
        rows = [{"metric": k, "target": float(v)} for k, v in targets.items()]
    else:
        rows = [{"metric": k, "target": None} for k in OBJECTIVE_METRICS.get(objective or "", ())]
    return pd.DataFrame(rows, columns=["metric", "target"]).astype({"target": "float64"})


def targets_from_frame(frame: pd.DataFrame) -> tuple[dict[str, float], list[str]]:
    """The targets an edited table holds (rows without a target are dropped), or the problems."""
    targets: dict[str, float] = {}
    problems: list[str] = []
    for row in frame.to_dict("records"):
        metric, target = row.get("metric"), row.get("target")
        blank_target = target is None or (isinstance(target, float) and math.isnan(target))
        if not metric:
            if not blank_target:
                problems.append(
                    f"A target of {target:g} has no metric: choose one or delete the row."
                )
            continue
        if blank_target:
            continue
        if metric in targets:
            problems.append(f"{metric_label(metric)} has two targets: keep one.")
            continue
        targets[metric] = float(target)
    return targets, problems


def normalise_currency(currency: str | None) -> str | None:
    """An ISO-style currency code as typed (" eur") made canonical ("EUR"); blank is None."""
    code = (currency or "").strip().upper()
    return code or None


def check_settings(start: dt.date | None, end: dt.date | None, budget: float | None) -> list[str]:
    """Problems with dates and budget, in words a user can act on."""
    problems = []
    if start and end and end < start:
        problems.append(
            f"The end date ({end:%Y-%m-%d}) is before the start date ({start:%Y-%m-%d})."
        )
    if budget is not None and budget < 0:
        problems.append("The budget cannot be negative.")
    return problems
