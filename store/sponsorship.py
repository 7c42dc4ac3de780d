"""Which posts are sponsored: the campaign's paid content, or the creator's organic posts.

``posts.sponsored`` is the flag. An organic post keeps its ``campaign_id`` (so a share link
scoped to the campaign still reaches it) with ``sponsored = false``: metrics count sponsored
posts only, and the same creator's organic posts serve as their baseline (``metrics.organic``).

At upload the user picks one rule for the whole file (``apply_rule``, called inside the load's
transaction); later, single posts are switched by hand (``set_sponsored``).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

RULES = ("all", "none", "campaign_dates", "paid_label")
"""How an upload's posts are flagged:

- ``all``: every post of the file is sponsored;
- ``none``: every post of the file is organic;
- ``campaign_dates``: sponsored when posted within its campaign's start and end dates (both
  days included), organic outside; sponsored when the campaign, its dates or the posting time
  are unknown (nothing to judge by, and a sponsored post left unchecked is the worse mistake);
- ``paid_label``: sponsored when the platform's paid-partnership label is set, organic when it
  is false or missing.
"""

_RULE_SQL = {
    "all": "true",
    "none": "false",
    "campaign_dates": (
        "coalesce((SELECT (c.start_date IS NULL OR p.posted_at >= c.start_date)"
        " AND (c.end_date IS NULL OR p.posted_at < c.end_date + INTERVAL 1 DAY)"
        " FROM campaigns c WHERE c.campaign_id = p.campaign_id), true)"
    ),
    "paid_label": "coalesce(p.paid_partnership_label, false)",
}

SNIPPET_CHARS = 80
"""Length of the title or caption snippet shown beside each post in the picker."""


def apply_rule(connection: duckdb.DuckDBPyConnection, rule: str, upload_id: int) -> int:
    """Set ``sponsored`` by ``rule`` (one of ``RULES``) for the posts written by ``upload_id``.

    Returns the number of posts set. Runs in the caller's transaction (no BEGIN/COMMIT here).
    """
    if rule not in _RULE_SQL:
        raise ValueError(f"sponsorship rule must be one of {', '.join(RULES)}, not {rule!r}")
    return _count(
        connection.execute(
            f"UPDATE posts AS p SET sponsored = {_RULE_SQL[rule]} WHERE p.upload_id = ?",
            [upload_id],
        )
    )


def set_sponsored(
    connection: duckdb.DuckDBPyConnection, post_ids: Iterable[str], sponsored: bool
) -> int:
    """Mark the given posts sponsored (True) or organic (False); returns how many were set."""
    ids = list(dict.fromkeys(post_ids))
    if not ids:
        return 0
    return _count(
        connection.execute(
            "UPDATE posts SET sponsored = ? WHERE list_contains(?::TEXT[], post_id)",
            [bool(sponsored), ids],
        )
    )


def campaign_posts(connection: duckdb.DuckDBPyConnection, campaign_id: str) -> pd.DataFrame:
    """The campaign's posts for a post picker, newest first.

    Columns: ``post_id``, ``creator`` (``@handle``, else the creator id), ``platform``,
    ``posted_at``, ``snippet`` (title, else caption, cut to ``SNIPPET_CHARS``), ``url`` and
    ``sponsored`` (a post with no flag counts as sponsored, as the metrics count it).
    """
    return connection.execute(
        f"""
        SELECT p.post_id,
               coalesce('@' || c.handle, p.creator_id) AS creator,
               p.platform,
               p.posted_at,
               CASE WHEN length(s.text) > {SNIPPET_CHARS}
                    THEN rtrim(left(s.text, {SNIPPET_CHARS - 1})) || '…' ELSE s.text END
                   AS snippet,
               p.url,
               coalesce(p.sponsored, true) AS sponsored
        FROM posts p
        LEFT JOIN creators c ON c.creator_id = p.creator_id
        CROSS JOIN LATERAL (
            SELECT regexp_replace(trim(coalesce(nullif(trim(p.title), ''), p.caption, '')),
                                  '\\s+', ' ', 'g') AS text
        ) s
        WHERE p.campaign_id = ?
        ORDER BY p.posted_at DESC NULLS LAST, p.post_id
        """,
        [campaign_id],
    ).df()


def _count(cursor: duckdb.DuckDBPyConnection) -> int:
    row = cursor.fetchone()
    return int(row[0]) if row else 0
