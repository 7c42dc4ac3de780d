"""Clients and campaigns: created by the uploads that name them, with the objective, dates,
budget and targets an analyst sets by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

import duckdb

from store.target_audience import parse_target

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
    target_audience: dict[str, list[str]] = field(default_factory=dict)


_SELECT = """
    SELECT c.campaign_id, c.client_id, cl.name, c.name, c.objective, c.start_date, c.end_date,
           c.budget, c.currency, c.targets, c.brand_terms, c.target_audience
    FROM campaigns c JOIN clients cl USING (client_id)
"""


class CampaignUnclear(ValueError):
    """The campaign named matches several clients' campaigns, or none and no client was named."""


class CampaignOfAnotherClient(ValueError):
    """The campaign id given belongs to another client than the one named."""


def slug(text: str) -> str:
    """The campaign id made from a campaign's name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "campaign"


def ensure_client(connection: duckdb.DuckDBPyConnection, name: str) -> int:
    """The id of the client called ``name`` (case-insensitive), created if new."""
    found = connection.execute(
        "SELECT client_id FROM clients WHERE lower(name) = lower(?)", [name]
    ).fetchone()
    if found:
        return found[0]
    return connection.execute(
        "INSERT INTO clients (name) VALUES (?) RETURNING client_id", [name]
    ).fetchone()[0]


def ensure_campaign(
    connection: duckdb.DuckDBPyConnection, campaign: str, client_name: str | None
) -> str:
    """The id of the campaign named or identified by ``campaign``, created under the client if new.

    With a client, only that client's campaigns match: two clients may each have a "Spring"
    campaign, and one client's rows never land in another's. The id of another client's campaign
    given with a client is refused (``CampaignOfAnotherClient``), never taken as the name of a new
    campaign; a new name whose slug another client's campaign holds gets a numbered id.
    """
    client_id = None
    if client_name:
        found_client = connection.execute(
            "SELECT client_id FROM clients WHERE lower(name) = lower(?)", [client_name]
        ).fetchone()
        client_id = found_client[0] if found_client else None
    matches = connection.execute(
        "SELECT campaign_id, client_id FROM campaigns WHERE (campaign_id = ? OR lower(name) = lower(?)) "
        "AND (? IS NULL OR client_id = ?) ORDER BY campaign_id = ? DESC",
        [campaign, campaign, client_id, client_id, campaign],
    ).fetchall()
    if client_name and client_id is None:
        matches = []  # a client that does not exist yet has no campaigns
    if len(matches) == 1 or (matches and matches[0][0] == campaign):
        return matches[0][0]
    if matches:
        raise CampaignUnclear(
            f"several clients have a campaign called {campaign!r}: name the client (--client)"
        )
    if not client_name:
        raise CampaignUnclear(
            f"campaign {campaign!r} does not exist yet: name its client (--client) to create it"
        )
    owner = connection.execute(
        "SELECT k.name FROM campaigns c JOIN clients k USING (client_id) WHERE c.campaign_id = ?",
        [campaign],
    ).fetchone()
    if owner:
        raise CampaignOfAnotherClient(
            f"campaign {campaign!r} belongs to the client {owner[0]!r}, not {client_name!r}: "
            "choose that client, or one of this client's campaigns"
        )
    client_id = ensure_client(connection, client_name)
    campaign_id, suffix = slug(campaign), 1
    while connection.execute(
        "SELECT 1 FROM campaigns WHERE campaign_id = ?", [campaign_id]
    ).fetchone():
        suffix += 1
        campaign_id = f"{slug(campaign)}-{suffix}"
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name) VALUES (?, ?, ?)",
        [campaign_id, client_id, campaign],
    )
    return campaign_id


def _from_row(row) -> Campaign:
    return Campaign(
        *row[:9],
        targets=json.loads(row[9]) if row[9] else {},
        brand_terms=json.loads(row[10]) if row[10] else [],
        target_audience=json.loads(row[11]) if row[11] else {},
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
    """Set any of: name, objective, start_date, end_date, budget, currency, targets, brand_terms,
    target_audience (checked by ``store.target_audience.parse_target``)."""
    allowed = {
        "name",
        "objective",
        "start_date",
        "end_date",
        "budget",
        "currency",
        "targets",
        "brand_terms",
        "target_audience",
    }
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown campaign fields: {', '.join(sorted(unknown))}")
    if values.get("objective") not in (None, *OBJECTIVES):
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}")
    if values.get("target_audience") is not None:
        values["target_audience"] = parse_target(values["target_audience"]).as_json() or None
    for key in ("targets", "brand_terms", "target_audience"):
        if key in values and values[key] is not None:
            values[key] = json.dumps(values[key])
    if not values:
        return
    dated = "start_date" in values or "end_date" in values
    before = campaign_dates(connection, campaign_id) if dated else None
    # One statement, so a campaign is never half-updated; column names come from the allowed set.
    assignments = ", ".join(f"{key} = ?" for key in values)
    connection.execute(
        f"UPDATE campaigns SET {assignments} WHERE campaign_id = ?", [*values.values(), campaign_id]
    )
    if before is not None:
        refresh_waves(connection, campaign_id, *before)


def campaign_dates(
    connection: duckdb.DuckDBPyConnection, campaign_id: str
) -> tuple[dt.date | None, dt.date | None] | None:
    """The campaign's (start, end) as stored, or None for a campaign that does not exist."""
    return connection.execute(
        "SELECT start_date, end_date FROM campaigns WHERE campaign_id = ?", [campaign_id]
    ).fetchone()


# Survey rows whose weeks follow the campaign's dates: a pre-launch or in-flight wave placed by
# its label moves from the old start or middle ($pre0, $mid0: weeks after the old end) to the new
# one ($pre1, $mid1); a row placed by its survey date (its week is not its label's own: a date's,
# an unread label's) keeps its day, so moves back by the end's shift ($shift weeks); ``post`` and
# ``+4w`` stay, counted from whatever the end is.
REFRESH_WEEKS_SQL = """
    UPDATE {table} SET wave_week = CASE
        WHEN wave = 'pre' AND (wave_week IS NULL OR abs(wave_week - $pre0) < 1e-6) THEN $pre1
        WHEN wave = 'in_flight' AND (wave_week IS NULL OR abs(wave_week - $mid0) < 1e-6)
            THEN $mid1
        WHEN wave_week IS NOT NULL AND NOT coalesce(abs(wave_week - CASE wave
                WHEN 'post' THEN 0.0
                WHEN 'pre' THEN $pre0
                WHEN 'in_flight' THEN $mid0
                ELSE TRY_CAST(regexp_extract(wave, '^([+-][0-9.]+)w$', 1) AS DOUBLE)
            END) < 1e-6, false)
            THEN coalesce(wave_week - $shift, wave_week)
        ELSE wave_week
    END
    WHERE campaign_id = $campaign
"""

# Rows labelled by a date because the campaign had no end when they were loaded: labelled and
# placed again by the ingest's own rule (``ingest.waves.WAVE_COLUMNS_SQL``) on today's dates.
RELABEL_DATES_SQL = """
    UPDATE {table} SET wave = m.wave, wave_week = m.wave_week
    FROM (
        SELECT w.label AS dated, {columns}
        FROM (
            SELECT DISTINCT wave AS label, '{kind}' AS kind, CAST(NULL AS DOUBLE) AS week,
                   TRY_CAST(wave AS DATE) AS day
            FROM {table}
            WHERE campaign_id = $campaign AND regexp_full_match(wave, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')
        ) AS w
        CROSS JOIN (SELECT * FROM campaigns WHERE campaign_id = $campaign) AS c
        WHERE w.day IS NOT NULL
    ) AS m
    WHERE {table}.campaign_id = $campaign AND {table}.wave = m.dated
"""


def refresh_waves(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    old_start: dt.date | None,
    old_end: dt.date | None,
) -> None:
    """Bring the stored ``wave`` and ``wave_week`` of the campaign's survey rows to its dates as
    they now stand, after they changed from ``old_start`` and ``old_end``.

    Runs in the caller's transaction. A wave's week is counted from the campaign's end at upload
    (``ingest.waves``); this keeps every reader (the campaign's own lift, unaided recall, the
    Long-term page) on the current dates.
    """
    from ingest.waves import DATE, WAVE_COLUMNS_SQL

    dates = campaign_dates(connection, campaign_id)
    if dates is None:
        return
    start, end = dates

    def weeks(a: dt.date | None, b: dt.date | None) -> float | None:
        return (a - b).days / 7.0 if a is not None and b is not None else None

    pre0, pre1 = weeks(old_start, old_end), weeks(start, end)
    params = {
        "campaign": campaign_id,
        "pre0": pre0,
        "mid0": pre0 / 2 if pre0 is not None else None,
        "pre1": pre1,
        "mid1": pre1 / 2 if pre1 is not None else None,
        "shift": weeks(end, old_end),
    }
    relabel_params = {"campaign": campaign_id}
    columns = WAVE_COLUMNS_SQL.format(day="w.day")
    for table in ("survey_responses", "survey_results"):
        connection.execute(REFRESH_WEEKS_SQL.format(table=table), params)
        connection.execute(
            RELABEL_DATES_SQL.format(table=table, columns=columns, kind=DATE), relabel_params
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
