"""Share links: a read-only view of one client's campaigns, opened with a secret token.

A token carries 256 random bits from ``secrets``; only its SHA-256 is stored, so a copy of the
database does not hand out working links. A slow password hash buys nothing here: the token is
random, not chosen by a person, so it cannot be guessed from its hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

import duckdb

TOKEN_BYTES = 32

# Client-facing pages a link may show, in navigation order; admin pages are never shareable.
SHAREABLE_SECTIONS = (
    "overview",
    "perception",
    "consideration",
    "recall",
    "repeat_exposure",
    "creators",
    "compare",
    "long_term",
    "disclosure",
)

# A link's "last opened" is written at most this often, so that viewers do not turn every
# page view into a write (each write also refreshes every cached read of the dashboard).
OPENED_RESOLUTION = dt.timedelta(minutes=10)


class ShareLinkError(ValueError):
    """A share link cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class ShareLink:
    link_id: int
    client_id: int
    client_name: str
    campaign_ids: tuple[str, ...]
    label: str | None
    sections: tuple[str, ...]
    hide_costs: bool
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_opened_at: dt.datetime | None

    def status(self, now: dt.datetime | None = None) -> str:
        """``active``, ``revoked`` or ``expired``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or _now()):
            return "expired"
        return "active"


@dataclass(frozen=True)
class ShareScope:
    """What one valid link lets its holder see."""

    link_id: int
    client_id: int
    client_name: str
    campaign_ids: tuple[str, ...]
    sections: tuple[str, ...]
    hide_costs: bool
    expires_at: dt.datetime | None
    last_opened_at: dt.datetime | None


def _now() -> dt.datetime:
    # Stored timestamps are naive UTC, as DuckDB's current_timestamp cast to TIMESTAMP gives.
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


_SELECT = """
    SELECT s.link_id, s.client_id, c.name, s.campaign_ids, s.label, s.sections, s.hide_costs,
           s.created_at, s.expires_at, s.revoked_at, s.last_opened_at, s.token_hash
    FROM share_links s JOIN clients c USING (client_id)
"""


def _from_row(row) -> ShareLink:
    return ShareLink(
        link_id=row[0],
        client_id=row[1],
        client_name=row[2],
        campaign_ids=tuple(json.loads(row[3])),
        label=row[4],
        sections=tuple(json.loads(row[5])) if row[5] else SHAREABLE_SECTIONS,
        hide_costs=bool(row[6]),
        created_at=row[7],
        expires_at=row[8],
        revoked_at=row[9],
        last_opened_at=row[10],
    )


def _client_id(connection: duckdb.DuckDBPyConnection, client: int | str) -> tuple[int, str]:
    row = connection.execute(
        "SELECT client_id, name FROM clients WHERE client_id = TRY_CAST(? AS INTEGER) OR name = ?",
        [str(client), str(client)],
    ).fetchone()
    if row is None:
        known = [
            r[0] for r in connection.execute("SELECT name FROM clients ORDER BY name").fetchall()
        ]
        raise ShareLinkError(
            f"No client {client!r}. Known clients: {', '.join(known) or 'none yet'}."
        )
    return row[0], row[1]


def create_share_link(
    connection: duckdb.DuckDBPyConnection,
    client: int | str,
    campaign_ids: list[str] | tuple[str, ...] = (),
    *,
    label: str | None = None,
    sections: list[str] | tuple[str, ...] = SHAREABLE_SECTIONS,
    hide_costs: bool = False,
    expires_in_days: float | None = 30,
    now: dt.datetime | None = None,
) -> tuple[ShareLink, str]:
    """Create a link for ``client`` (id or name); returns the link and its token, shown once.

    No campaign ids means every campaign the client has now; later campaigns are not added.
    """
    client_id, client_name = _client_id(connection, client)
    owned = [
        r[0]
        for r in connection.execute(
            "SELECT campaign_id FROM campaigns WHERE client_id = ? ORDER BY start_date, campaign_id",
            [client_id],
        ).fetchall()
    ]
    chosen = list(dict.fromkeys(campaign_ids)) or owned
    foreign = [c for c in chosen if c not in owned]
    if foreign:
        raise ShareLinkError(
            f"Campaign {', '.join(foreign)} does not belong to {client_name}: a link shows one "
            "client's campaigns only."
        )
    if not chosen:
        raise ShareLinkError(f"{client_name} has no campaign to share yet.")
    unknown = [s for s in sections if s not in SHAREABLE_SECTIONS]
    if unknown or not sections:
        raise ShareLinkError(
            f"Sections must be some of {', '.join(SHAREABLE_SECTIONS)}; got {', '.join(unknown) or 'none'}."
        )
    if expires_in_days is not None and expires_in_days <= 0:
        raise ShareLinkError("A link's lifetime must be a positive number of days.")
    now = now or _now()
    expires_at = now + dt.timedelta(days=expires_in_days) if expires_in_days is not None else None
    token = new_token()
    ordered_sections = [s for s in SHAREABLE_SECTIONS if s in sections]
    link_id = connection.execute(
        """
        INSERT INTO share_links
            (token_hash, client_id, campaign_ids, label, sections, hide_costs, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        RETURNING link_id
        """,
        [
            token_hash(token),
            client_id,
            json.dumps(chosen),
            (label or "").strip() or None,
            json.dumps(ordered_sections),
            hide_costs,
            now,
            expires_at,
        ],
    ).fetchone()[0]
    return get_share_link(connection, link_id), token


def get_share_link(connection: duckdb.DuckDBPyConnection, link_id: int) -> ShareLink | None:
    row = connection.execute(_SELECT + " WHERE s.link_id = ?", [link_id]).fetchone()
    return _from_row(row) if row else None


def list_share_links(connection: duckdb.DuckDBPyConnection) -> list[ShareLink]:
    rows = connection.execute(_SELECT + " ORDER BY s.created_at DESC, s.link_id DESC").fetchall()
    return [_from_row(row) for row in rows]


def revoke_share_link(
    connection: duckdb.DuckDBPyConnection, link_id: int, now: dt.datetime | None = None
) -> ShareLink:
    """Revoke a link for good; revoking it again keeps the first revocation time."""
    link = get_share_link(connection, link_id)
    if link is None:
        raise ShareLinkError(f"No share link with id {link_id}.")
    connection.execute(
        "UPDATE share_links SET revoked_at = coalesce(revoked_at, ?) WHERE link_id = ?",
        [now or _now(), link_id],
    )
    return get_share_link(connection, link_id)


def link_for_token_hash(connection: duckdb.DuckDBPyConnection, digest: str) -> ShareLink | None:
    """The link whose stored hash equals ``digest``, compared in constant time.

    The index lookup narrows to at most one row by the hash (which reveals nothing about the
    token); the final comparison does not stop at the first differing character.
    """
    row = connection.execute(_SELECT + " WHERE s.token_hash = ?", [digest]).fetchone()
    if row is None or not hmac.compare_digest(row[11], digest):
        return None
    return _from_row(row)


def scope_for(link: ShareLink | None, now: dt.datetime | None = None) -> ShareScope | None:
    """The scope a link grants now, or None when it is missing, revoked or expired."""
    if link is None or link.status(now) != "active":
        return None
    return ShareScope(
        link_id=link.link_id,
        client_id=link.client_id,
        client_name=link.client_name,
        campaign_ids=link.campaign_ids,
        sections=link.sections,
        hide_costs=link.hide_costs,
        expires_at=link.expires_at,
        last_opened_at=link.last_opened_at,
    )


def resolve_token(
    connection: duckdb.DuckDBPyConnection, token: str, now: dt.datetime | None = None
) -> ShareScope | None:
    """The scope of a token, or None for a forged, revoked or expired one (no reason given)."""
    if not token or len(token) > 200:
        return None
    return scope_for(link_for_token_hash(connection, token_hash(token)), now)


def record_opened(
    connection: duckdb.DuckDBPyConnection, link_id: int, now: dt.datetime | None = None
) -> bool:
    """Stamp the link as opened unless it was stamped within ``OPENED_RESOLUTION``."""
    now = now or _now()
    changed = connection.execute(
        """
        UPDATE share_links SET last_opened_at = ?
        WHERE link_id = ? AND (last_opened_at IS NULL OR last_opened_at <= ?)
        RETURNING link_id
        """,
        [now, link_id, now - OPENED_RESOLUTION],
    ).fetchall()
    return bool(changed)
