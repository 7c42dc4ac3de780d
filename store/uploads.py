"""Uploads and saved column mappings: the rows an ingest writes, and the views the pages read.

Every function takes an open connection and returns plain values or a DataFrame; the pages never
see SQL. The writes (``next_upload_id``, ``record_upload``, ``save_mapping``) run inside the
caller's transaction, the one that writes the file's rows.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
           c.start_date, c.end_date,
           CASE WHEN current_date < c.start_date THEN 'planned'
                WHEN current_date > c.end_date THEN 'ended'
                WHEN c.start_date IS NOT NULL THEN 'running' END AS status,
           c.budget, c.currency,
           coalesce(p.posts, 0) AS posts, coalesce(p.creators, 0) AS creators
    FROM campaigns c
    JOIN clients cl USING (client_id)
    LEFT JOIN post_counts p USING (campaign_id)
    ORDER BY cl.name, c.start_date NULLS LAST, c.name
    """
)

NEXT_UPLOAD_ID = "SELECT nextval('upload_ids')"

INSERT_UPLOAD = textwrap.dedent(
    """
    INSERT INTO uploads (upload_id, file_name, sha256, size_bytes, detected_format, encoding,
        delimiter, status, message, rows_read, rows_loaded, rows_rejected, errors, campaign_id,
        client_id, raw_path, rows_skipped, rows_merged, skipped_reasons, columns_unused, mapping)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """
)

SAVE_MAPPING = (
    "INSERT OR REPLACE INTO column_mappings (header_signature, target_format, mapping) "
    "VALUES (?, ?, ?)"
)

RAW_PATH = "SELECT raw_path FROM uploads WHERE upload_id = ?"

SAVED_MAPPING = "SELECT target_format, mapping FROM column_mappings WHERE header_signature = ?"
SAVED_MAPPINGS = (
    "SELECT header_signature, target_format, mapping, saved_at FROM column_mappings "
    "ORDER BY saved_at, header_signature"
)

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


@dataclass(frozen=True)
class Upload:
    """One ``uploads`` row: a file loaded or refused, with the accounting of its rows."""

    upload_id: int
    file_name: str
    sha256: str
    size_bytes: int
    raw_path: Path
    status: str  # "loaded" or "refused"
    message: str | None = None
    detected_format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    rows_merged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    columns_unused: list[str] = field(default_factory=list)
    campaign_ids: list[str] = field(default_factory=list)
    client_id: int | None = None
    mapping: dict[str, Any] | None = None


def next_upload_id(connection: duckdb.DuckDBPyConnection) -> int:
    """A new upload id, taken before the file's rows are written (they carry it)."""
    return connection.execute(NEXT_UPLOAD_ID).fetchone()[0]


def record_upload(connection: duckdb.DuckDBPyConnection, upload: Upload) -> None:
    """Write the upload's row."""
    connection.execute(
        INSERT_UPLOAD,
        [
            upload.upload_id,
            upload.file_name,
            upload.sha256,
            upload.size_bytes,
            upload.detected_format,
            upload.encoding,
            upload.delimiter,
            upload.status,
            upload.message,
            upload.rows_read,
            upload.rows_loaded,
            upload.rows_rejected,
            json.dumps(upload.errors),
            ",".join(upload.campaign_ids) or None,
            upload.client_id,
            str(upload.raw_path),
            upload.rows_skipped,
            upload.rows_merged,
            json.dumps(upload.skipped_reasons),
            json.dumps(upload.columns_unused, ensure_ascii=False),
            json.dumps(upload.mapping, ensure_ascii=False) if upload.mapping is not None else None,
        ],
    )


def save_mapping(
    connection: duckdb.DuckDBPyConnection,
    header_signature: str,
    target_format: str,
    mapping: dict[str, Any],
) -> None:
    """Remember the column mapping a file was read through, for the next file with its headers."""
    connection.execute(
        SAVE_MAPPING,
        [header_signature, target_format, json.dumps(mapping, ensure_ascii=False)],
    )


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


def saved_mapping_row(
    connection: duckdb.DuckDBPyConnection, header_signature: str
) -> tuple[str, str] | None:
    """The column mapping saved for these headers as it is kept: (target format, JSON text)."""
    return connection.execute(SAVED_MAPPING, [header_signature]).fetchone()


def saved_mapping_rows(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every saved mapping as it is kept: (header signature, target format, JSON text, saved at),
    oldest first."""
    return connection.execute(SAVED_MAPPINGS).fetchall()


def saved_mapping(
    connection: duckdb.DuckDBPyConnection, header_signature: str
) -> tuple[str, dict[str, str]] | None:
    """The column mapping saved for these headers: (target format, {field: header}), if any."""
    row = saved_mapping_row(connection, header_signature)
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
