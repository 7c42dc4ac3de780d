"""The filters every metric takes, and the one place they become SQL conditions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """What a view is restricted to; empty tuples and None mean "no restriction"."""

    client_id: int | None = None
    campaign_ids: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    platforms: tuple[str, ...] = ()
    creator_ids: tuple[str, ...] = ()
    confidence: float = 0.90
    include_organic: bool = False
    """Count the creators' organic posts (``posts.sponsored = false``) too; metrics of a
    campaign's content count its sponsored posts only (a post with no flag counts as sponsored)."""


def campaign_condition(filters: Filters, column: str = "campaign_id") -> tuple[str, list]:
    """SQL condition and parameters restricting ``column`` to the filtered client's campaigns."""
    sql = (
        f"(? IS NULL OR {column} IN (SELECT campaign_id FROM campaigns WHERE client_id = ?))"
        f" AND (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], {column}))"
    )
    ids = list(filters.campaign_ids)
    return sql, [filters.client_id, filters.client_id, ids, ids]


def post_condition(filters: Filters, alias: str = "p") -> tuple[str, list]:
    """SQL condition and parameters for rows of ``posts`` (aliased) under these filters."""
    campaign_sql, params = campaign_condition(filters, f"{alias}.campaign_id")
    sql = (
        f"{campaign_sql}"
        f" AND (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], {alias}.platform))"
        f" AND (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], {alias}.creator_id))"
        f" AND (?::DATE IS NULL OR {alias}.posted_at >= ?::DATE)"
        f" AND (?::DATE IS NULL OR {alias}.posted_at < ?::DATE + INTERVAL 1 DAY)"
        f" AND (?::BOOLEAN OR coalesce({alias}.sponsored, true))"
    )
    platforms, creators = list(filters.platforms), list(filters.creator_ids)
    params += [
        platforms,
        platforms,
        creators,
        creators,
        filters.start,
        filters.start,
        filters.end,
        filters.end,
        filters.include_organic,
    ]
    return sql, params
