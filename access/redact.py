"""Hide costs and budgets from a metric result before it reaches a client's view.

Applied to every read of a share link that hides costs, whatever the page does with the result:
a page that forgot to hide a cost card still shows nothing but an empty value, and its CSV and
PDF carry no cost column. Names are matched exactly, on dataclass fields, dict keys, data-frame
columns, and the ``metric``/``key`` that names a KPI or a scorecard target.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

COST_NAMES = frozenset(
    {
        "cost",
        "total_cost",
        "post_cost",
        "spend",
        "ad_spend",
        "budget",
        "cpm",
        "cpe",
        "cpv",
        "cpc",
        "cost_per_lifted_user",
        "cost_per_lifted_user_ci_low",
        "cost_per_lifted_user_ci_high",
        "cost_reason",
        "currency",  # alone it says nothing, but beside a hidden cost it shows one was there
        "fee",
        # Fair pay (metrics/fair_pay.py): amounts, peers' medians, and changes of amounts.
        "fee_per_post",
        "cost_per_1000_views",
        "cost_per_engagement",
        "peer_median_cost_per_1000_views",
        "peer_median_cost_per_engagement",
        "peer_median_cost_per_lifted_user",
        "fee_per_post_change",
        "cost_per_1000_views_change",
    }
)

_NAME_FIELDS = ("metric", "key")

_DROP = object()


def _names_a_cost(value: Any) -> bool:
    return any(getattr(value, name, None) in COST_NAMES for name in _NAME_FIELDS)


def _frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in frame.columns if str(c).lower() in COST_NAMES])
    for name in _NAME_FIELDS:
        if name in frame.columns:
            frame = frame[~frame[name].isin(COST_NAMES)]
    return frame


def _redact(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return _frame(value)
    if isinstance(value, dict):
        kept = {k: _redact(v) for k, v in value.items() if str(k).lower() not in COST_NAMES}
        return {k: v for k, v in kept.items() if v is not _DROP}
    if isinstance(value, list | tuple):
        items = [_redact(item) for item in value]
        items = [item for item in items if item is not _DROP]
        return type(value)(items) if isinstance(value, list) else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if _names_a_cost(value):
            return _DROP
        changes = {}
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            if field.name.lower() in COST_NAMES:
                changes[field.name] = None
            else:
                redacted = _redact(current)
                if redacted is not current:
                    changes[field.name] = None if redacted is _DROP else redacted
        return dataclasses.replace(value, **changes) if changes else value
    return value


def redact_costs(value: Any) -> Any:
    """``value`` with every cost and budget removed (fields set to None, keys/columns/rows dropped).

    A top-level value that is itself a cost (a KPI named ``cpm``) becomes None.
    """
    redacted = _redact(value)
    return None if redacted is _DROP else redacted
