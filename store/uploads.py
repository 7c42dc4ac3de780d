"""Read-only views of uploads, campaigns and saved column mappings for the dashboard pages.

Every function takes an open connection and returns plain values or a DataFrame; the pages never
see SQL. Nothing here writes.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

HAS_UPLOADS = "SELECT EXISTS (SELECT 1 FROM uploads)"

COUNTS = textwrap.dedent(
    """
    SELECT
        (SELECT count(*) FROM clients) AS clients,
        (SELECT count(*) FROM campaigns) AS campaigns,
        (SELECT count(*) FROM posts) AS posts,
        (SELECT count(*) FROM uploads WHERE status = 'loaded') AS uploads
    """
)

RECENT_UPLOADS = textwrap.dedent(
    """
    SELECT u.upload_id, u.uploaded_at, u.file_name, u.detected_format, u.status,
           u.rows_read, u.rows_loaded, u.rows_rejected, u.campaign_id,
           coalesce(c.name, u.campaign_id) AS campaign_name, u.message
    FROM uploads u
    LEFT JOIN campaigns c ON c.campaign_id = u.campaign_id
    ORDER BY u.uploaded_at DESC, u.upload_id DESC
    LIMIT ?
    """
)

CAMPAIGN_SUMMARY = textwrap.dedent(
    """
    WITH post_counts AS (
        SELECT campaign_id, count(*) AS posts, count(DISTINCT creator_id) AS creators
        FROM posts WHERE campaign_id IS NOT NULL GROUP BY campaign_id
    )
    SELECT cl.name AS client, c.campaign_id, c.name AS campaign, c.objective,
           c.start_date, c.end_date, c.budget, c.currency,
           coalesce(p.posts, 0) AS posts, coalesce(p.creators, 0) AS creators
    FROM campaigns c
    JOIN clients cl USING (client_id)
    LEFT JOIN post_counts p USING (campaign_id)
    ORDER BY cl.name, c.start_date NULLS LAST, c.name
    """
)

RAW_PATH = "SELECT raw_path FROM uploads WHERE upload_id = ?"

SAVED_MAPPING = "SELECT target_format, mapping FROM column_mappings WHERE header_signature = ?"

FIND_CAMPAIGN = textwrap.dedent(
    """
    SELECT c.campaign_id, c.name, cl.name
    FROM campaigns c JOIN clients cl USING (client_id)
    WHERE c.campaign_id = ? OR lower(c.name) = lower(?)
    ORDER BY c.campaign_id = ? DESC
    LIMIT 1
    """
)

CLIENTS_WITH_CAMPAIGNS = textwrap.dedent(
    """
    SELECT DISTINCT cl.name
    FROM campaigns c JOIN clients cl USING (client_id)
    WHERE list_contains(?::TEXT[], lower(cl.name) || '|' || lower(c.name))
    ORDER BY cl.name
    """
)


@dataclass(frozen=True)
class Counts:
    """How much the database holds, for the landing page."""

    clients: int
    campaigns: int
    posts: int
    uploads: int


@dataclass(frozen=True)
class CampaignRef:
    """A campaign found by id or name, with the client it belongs to."""

    campaign_id: str
    name: str
    client_name: str


def has_uploads(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether any file was ever uploaded (loaded or refused)."""
    return bool(connection.execute(HAS_UPLOADS).fetchone()[0])


def counts(connection: duckdb.DuckDBPyConnection) -> Counts:
    """Number of clients, campaigns, posts and loaded files."""
    return Counts(*connection.execute(COUNTS).fetchone())


def recent_uploads(connection: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The latest uploads, newest first, one row per file (refused files included)."""
    return connection.execute(RECENT_UPLOADS, [limit]).df()


def campaign_summary(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every campaign with its client, settings, and how many posts and creators it has."""
    return connection.execute(CAMPAIGN_SUMMARY).df()


def raw_path(connection: duckdb.DuckDBPyConnection, upload_id: int) -> Path | None:
    """Where the raw bytes of an upload are kept, or None for an unknown upload."""
    row = connection.execute(RAW_PATH, [upload_id]).fetchone()
    return Path(row[0]) if row else None


def saved_mapping(
    connection: duckdb.DuckDBPyConnection, header_signature: str
) -> tuple[str, dict[str, str]] | None:
    """The column mapping saved for these headers: (target format, {field: header}), if any."""
    row = connection.execute(SAVED_MAPPING, [header_signature]).fetchone()
    if row is None:
        return None
    saved = json.loads(row[1])
    # Kept whole since the mapping grew file-wide values and survey questions; once a bare
    # {field: header}.
    if isinstance(saved, dict) and isinstance(saved.get("fields"), dict) and "format" in saved:
        return row[0], saved["fields"]
    return row[0], saved


def find_campaign(
    connection: duckdb.DuckDBPyConnection, campaign_id: str, name: str
) -> CampaignRef | None:
    """The campaign whose id is ``campaign_id`` or whose name is ``name`` (case-insensitive)."""
    row = connection.execute(FIND_CAMPAIGN, [campaign_id, name, campaign_id]).fetchone()
    return CampaignRef(*row) if row else None


def clients_with_campaigns(
    connection: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]
) -> list[str]:
    """Clients that have one of the (client name, campaign name) pairs, case-insensitive."""
    keys = [f"{client.lower()}|{campaign.lower()}" for client, campaign in pairs]
    return [row[0] for row in connection.execute(CLIENTS_WITH_CAMPAIGNS, [keys]).fetchall()]
