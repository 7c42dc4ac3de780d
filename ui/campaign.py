"""Campaign settings as the upload page edits them: labels, target rows, and checks before saving."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from i18n.messages import Message
from metrics import scorecard
from metrics.scorecard import OBJECTIVE_METRICS
from store.campaigns import Campaign
from ui.i18n import say

# The scorecard owns the metric keys a target can be set on and the objectives' primary metrics;
# the upload page offers them by their labels.
TARGET_METRICS: dict[str, Message] = {k: m.label for k, m in scorecard.TARGET_METRICS.items()}

TARGETS_HELP = Message("cs.targets_help")

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY")


def campaign_label(campaign: Campaign) -> str:
    """How a campaign is named in pickers: client, then campaign."""
    return f"{campaign.client_name} · {campaign.name}"


def metric_label(key: str) -> str:
    """The label of a target metric key in the interface language (unknown keys as they are)."""
    return say(TARGET_METRICS.get(key, key))


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


def targets_from_frame(frame: pd.DataFrame) -> tuple[dict[str, float], list[Message]]:
    """The targets an edited table holds (rows without a target are dropped), or the problems."""
    targets: dict[str, float] = {}
    problems: list[Message] = []
    for row in frame.to_dict("records"):
        metric, target = row.get("metric"), row.get("target")
        blank_target = target is None or (isinstance(target, float) and math.isnan(target))
        if not metric:
            if not blank_target:
                problems.append(Message("cs.no_metric", target=target))
            continue
        if blank_target:
            continue
        if metric in targets:
            problems.append(Message("cs.two_targets", label=TARGET_METRICS.get(metric, metric)))
            continue
        targets[metric] = float(target)
    return targets, problems


def normalise_currency(currency: str | None) -> str | None:
    """An ISO-style currency code as typed (" eur") made canonical ("EUR"); blank is None."""
    code = (currency or "").strip().upper()
    return code or None


def check_settings(
    start: dt.date | None, end: dt.date | None, budget: float | None
) -> list[Message]:
    """Problems with dates and budget, in words a user can act on."""
    problems = []
    if start and end and end < start:
        problems.append(Message("cs.end_before_start", end=end, start=start))
    if budget is not None and budget < 0:
        problems.append(Message("cs.negative_budget"))
    return problems
