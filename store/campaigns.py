"""Clients and campaigns: the objective, dates, budget and targets an analyst sets by hand."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import duckdb

OBJECTIVES = ("awareness", "consideration", "conversion", "loyalty")


@dataclass
class Campaign:
    campaign_id: str
    client_id: int
    client_name: str
    name: str
    objective: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget: float | None = None
    currency: str | None = None
    targets: dict[str, float] = field(default_factory=dict)
    brand_terms: list[str] = field(default_factory=list)


_SELECT = """
    SELECT c.campaign_id, c.client_id, cl.name, c.name, c.objective, c.start_date, c.end_date,
           c.budget, c.currency, c.targets, c.brand_terms
    FROM campaigns c JOIN clients cl USING (client_id)
"""


def _from_row(row) -> Campaign:
    return Campaign(
        *row[:9],
        targets=json.loads(row[9]) if row[9] else {},
        brand_terms=json.loads(row[10]) if row[10] else [],
    )


def list_clients(connection: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    return connection.execute("SELECT client_id, name FROM clients ORDER BY name").fetchall()


def list_campaigns(
    connection: duckdb.DuckDBPyConnection, client_id: int | None = None
) -> list[Campaign]:
    rows = connection.execute(
        _SELECT + " WHERE ? IS NULL OR c.client_id = ? ORDER BY c.start_date NULLS LAST, c.name",
        [client_id, client_id],
    ).fetchall()
    return [_from_row(r) for r in rows]


def get_campaign(connection: duckdb.DuckDBPyConnection, campaign_id: str) -> Campaign | None:
    row = connection.execute(_SELECT + " WHERE c.campaign_id = ?", [campaign_id]).fetchone()
    return _from_row(row) if row else None


def update_campaign(connection: duckdb.DuckDBPyConnection, campaign_id: str, **values) -> None:
    """Set any of: name, objective, start_date, end_date, budget, currency, targets, brand_terms."""
    allowed = {
        "name",
        "objective",
        "start_date",
        "end_date",
        "budget",
        "currency",
        "targets",
        "brand_terms",
    }
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown campaign fields: {', '.join(sorted(unknown))}")
    if values.get("objective") not in (None, *OBJECTIVES):
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}")
    for key in ("targets", "brand_terms"):
        if key in values and values[key] is not None:
            values[key] = json.dumps(values[key])
    if not values:
        return
    # One statement, so a campaign is never half-updated; column names come from the allowed set.
    assignments = ", ".join(f"{key} = ?" for key in values)
    connection.execute(
        f"UPDATE campaigns SET {assignments} WHERE campaign_id = ?", [*values.values(), campaign_id]
    )


@dataclass(frozen=True)
class FilterOptions:
    """What a view can be filtered on, as the database holds it now."""

    clients: tuple[tuple[int, str], ...]
    campaigns: tuple[tuple[str, str, int, dt.date | None], ...]  # id, name, client id, start
    platforms: tuple[str, ...]
    creators: tuple[tuple[str, str], ...]  # creator id, "@handle (platform)"


def filter_options(
    connection: duckdb.DuckDBPyConnection, campaign_ids: tuple[str, ...] | None = None
) -> FilterOptions:
    """Everything the filter bar offers; with ``campaign_ids``, only what those campaigns hold."""
    everything = campaign_ids is None
    ids = list(campaign_ids or ())
    clients = connection.execute(
        "SELECT client_id, name FROM clients WHERE ? OR client_id IN "
        "(SELECT client_id FROM campaigns WHERE list_contains(?::TEXT[], campaign_id)) ORDER BY name",
        [everything, ids],
    ).fetchall()
    campaigns = connection.execute(
        "SELECT campaign_id, name, client_id, start_date FROM campaigns"
        " WHERE ? OR list_contains(?::TEXT[], campaign_id) ORDER BY start_date NULLS LAST, name",
        [everything, ids],
    ).fetchall()
    platforms = connection.execute(
        "SELECT DISTINCT platform FROM posts"
        " WHERE ? OR list_contains(?::TEXT[], campaign_id) ORDER BY 1",
        [everything, ids],
    ).fetchall()
    creators = connection.execute(
        "SELECT creator_id, '@' || handle || ' (' || platform || ')' FROM creators"
        " WHERE ? OR creator_id IN"
        " (SELECT creator_id FROM posts WHERE list_contains(?::TEXT[], campaign_id))"
        " ORDER BY handle",
        [everything, ids],
    ).fetchall()
    return FilterOptions(
        tuple(clients), tuple(campaigns), tuple(p[0] for p in platforms), tuple(creators)
    )
