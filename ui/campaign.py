"""Campaign settings as the upload page edits them: labels, target rows, and checks before saving."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from metrics.scorecard import OBJECTIVE_METRICS, target_labels
from store.campaigns import Campaign

# The scorecard owns the metric keys a target can be set on and the objectives' primary metrics;
# the upload page offers them by their labels.
TARGET_METRICS: dict[str, str] = target_labels("en")

TARGETS_HELP = (
    "One row per metric. Lifts and rates are fractions: 0.05 means 5 % (or 5 points of lift). "
    "Costs are in the campaign's currency. Rows without a target are not saved."
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
