"""Fair pay: what each collaboration cost per view, engagement and lifted user, against peers.

A *collaboration* is one creator's sponsored posts in one campaign (``metrics.creators``). Its
fee is Σ ``posts.cost`` in the fee's currency (``posts.cost_currency``, else the campaign's).
Per collaboration:

- cost per 1,000 views = Σ fee / Σ views × 1,000, over its posts with both a fee and views;
- cost per engagement = Σ fee / Σ engagements (likes + comments + shares + saves), likewise;
- cost per lifted user = Σ fee / (headline lift × Σ reach): the campaign's headline absolute
  brand lift (``creator_fit.headline_lift``) applied to this creator's reach, an estimate that
  assumes every reached person is lifted alike (None without a positive lift);
- fee per post = Σ fee / posts with a fee.

*Peers* are the agency's other creators' collaborations (every client, every campaign) on the
same platform, in the same follower tier (``TIERS``, on the latest known follower count) and
the same currency: amounts in two currencies are never compared or added, and nothing is
converted (no exchange rates are stored). With at least ``MIN_PEERS`` peers, the *usual range*
is the peers' median divided and multiplied by ``RANGE_FACTOR``; a cost below it is marked
``below``, above it ``above``, else ``within``; with fewer peers, ``too few peers``. A
collaboration whose posts are paid in two currencies has no fee (``mixed currencies``).
Across repeat collaborations, the change of fee per post and of cost per 1,000 views is taken
against the creator's previous collaboration with the same client in the same currency.
"""

from __future__ import annotations

import math
import textwrap

import duckdb
import numpy as np
import pandas as pd

from i18n.messages import Message, join
from metrics import creator_fit, creators
from metrics.filters import Filters
from metrics.kpis import facts_sql, nulls_to_none

TIERS: tuple[tuple[str, int, int | None], ...] = (
    ("nano", 0, 10_000),
    ("micro", 10_000, 100_000),
    ("mid", 100_000, 500_000),
    ("macro", 500_000, 1_000_000),
    ("mega", 1_000_000, None),
)
"""Follower tiers: name, lowest count (included), next tier's lowest count (excluded)."""

MIN_PEERS = 4
"""Fewer peer collaborations than this: no usual range ("too few peers")."""
RANGE_FACTOR = 2.0
"""The usual range is the peers' median ÷ this to the median × this."""

PAY_METRICS = ("cost_per_1000_views", "cost_per_engagement", "cost_per_lifted_user")
"""The costs compared with peers, each with ``peer_median_*``, ``peers_*`` and ``mark_*``."""

COST_COLUMNS = (
    "currency",
    "fee",
    "fee_per_post",
    "views",
    "engagements",
    "reach",
    "lifted_users",
    *PAY_METRICS,
)
"""A collaboration's fee, what it bought and its costs."""

BELOW, WITHIN, ABOVE, TOO_FEW = "below", "within", "above", "too_few_peers"
MARKS = (BELOW, WITHIN, ABOVE, TOO_FEW)

COLLABORATION_COSTS_SQL = textwrap.dedent(
    """
    WITH facts AS ({facts}),
    numbers AS ({numbers})
    SELECT f.creator_id, any_value(cr.handle) AS handle, f.platform,
           any_value(cr.followers) AS followers, f.client_id, f.campaign_id,
           any_value(cam.name) AS campaign, any_value(cam.objective) AS objective,
           min(n.collaboration_number) AS collaboration_number,
           min(f.posted_at) AS first_post_at,
           count(*) AS posts,
           count(f.cost) AS posts_with_fee,
           list(DISTINCT coalesce(f.currency, '?') ORDER BY coalesce(f.currency, '?'))
             FILTER (WHERE f.cost IS NOT NULL) AS currencies,
           sum(f.cost) AS fee,
           sum(f.cost) FILTER (WHERE f.views IS NOT NULL) AS fee_with_views,
           sum(f.views) FILTER (WHERE f.cost IS NOT NULL) AS views,
           sum(f.cost) FILTER (WHERE f.engagements IS NOT NULL) AS fee_with_engagements,
           sum(f.engagements) FILTER (WHERE f.cost IS NOT NULL) AS engagements,
           sum(f.cost) FILTER (WHERE f.reach IS NOT NULL) AS fee_with_reach,
           sum(f.reach) FILTER (WHERE f.cost IS NOT NULL) AS reach
    FROM facts f
    JOIN numbers n ON n.post_id = f.post_id
    JOIN campaigns cam ON cam.campaign_id = f.campaign_id
    LEFT JOIN creators cr ON cr.creator_id = f.creator_id
    WHERE f.creator_id IS NOT NULL
    GROUP BY f.creator_id, f.platform, f.client_id, f.campaign_id
    ORDER BY f.creator_id, f.client_id, collaboration_number
    """
)
"""One row per collaboration: fee sums paired with the views, engagements and reach they bought."""

SELECTED_SQL = "WITH facts AS ({facts}) SELECT DISTINCT creator_id, campaign_id FROM facts"


def follower_tier(followers: float | None) -> str | None:
    """The tier of a follower count (``TIERS``): nano < 10k ≤ micro < 100k ≤ mid < 500k ≤
    macro < 1M ≤ mega; None without a count."""
    if followers is None or (isinstance(followers, float) and math.isnan(followers)):
        return None
    for name, low, high in TIERS:
        if followers >= low and (high is None or followers < high):
            return name
    return None


def fair_pay(
    connection: duckdb.DuckDBPyConnection, filters: Filters, peers_within: Filters | None = None
) -> pd.DataFrame:
    """Each collaboration under ``filters`` with its costs, its peers' medians and marks.

    Definitions in the module docstring. Peers come from every collaboration the agency holds,
    whatever the filters, or only from those under ``peers_within`` (a client's share link: a
    client never sees a median computed from another client's fees); the rows are those under
    ``filters``.

    Columns: ``creator_id, handle, platform, followers, tier, client_id, campaign_id, campaign,
    collaboration_number, first_post_at, posts, currency, fee, fee_per_post, views,
    engagements, reach, lifted_users``, per cost of ``PAY_METRICS`` the cost, ``peer_median_*``,
    ``peers_*`` and ``mark_*`` (``MARKS``, None without a cost), ``fee_per_post_change`` and
    ``cost_per_1000_views_change`` (relative to the previous collaboration with the client), and
    ``note`` (a ``Message``: why a value is missing).

    Source: Sillage fair pay (module docstring); CPM as cost per 1,000 views (IAB); cost per
    lifted user as in Google and Meta Brand Lift (spend / lifted users).
    """
    everything = _collaborations(connection, peers_within or Filters(confidence=filters.confidence))
    if everything.empty:
        return everything
    facts, params = facts_sql(connection, filters)
    kept = set(connection.execute(SELECTED_SQL.format(facts=facts), params).fetchall())
    marked = _with_peers(everything)
    chosen = [
        (c, k) in kept for c, k in zip(marked["creator_id"], marked["campaign_id"], strict=True)
    ]
    return marked[chosen].reset_index(drop=True)


def pay_across_collaborations(
    connection: duckdb.DuckDBPyConnection, filters: Filters
) -> pd.DataFrame:
    """Fee per post and cost per 1,000 views over successive collaborations of a creator with a
    client, for the creators under ``filters`` with two collaborations or more in one currency.

    Source: ``fair_pay`` (same definitions; collaboration numbers from ``metrics.creators``).
    """
    frame = fair_pay(connection, filters)
    columns = [
        "creator_id",
        "handle",
        "platform",
        "client_id",
        "currency",
        "collaboration_number",
        "campaign",
        "fee_per_post",
        "cost_per_1000_views",
        "fee_per_post_change",
        "cost_per_1000_views_change",
    ]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame[frame["currency"].notna()]
    sizes = frame.groupby(["creator_id", "client_id", "currency"])["campaign_id"].transform("size")
    repeated = frame[sizes >= 2].sort_values(
        ["handle", "client_id", "currency", "collaboration_number"], kind="stable"
    )
    return repeated[columns].reset_index(drop=True)


def _collaborations(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every collaboration under ``filters`` with its costs (no peers yet)."""
    facts, params = facts_sql(connection, filters)
    sql = COLLABORATION_COSTS_SQL.format(
        facts=facts, numbers=creators.COLLABORATION_NUMBERS_SQL["campaign"]
    )
    frame = connection.execute(sql, params).df()
    lifts = {}
    for campaign_id, objective in set(zip(frame["campaign_id"], frame["objective"], strict=True)):
        found = creator_fit.headline_lift(
            connection, campaign_id, None if pd.isna(objective) else objective, filters.confidence
        )
        lifts[campaign_id] = found.absolute_lift if found is not None else None
    rows = [_costs(row, lifts.get(row.campaign_id)) for row in frame.itertuples(index=False)]
    columns = [
        "creator_id",
        "handle",
        "platform",
        "followers",
        "tier",
        "client_id",
        "campaign_id",
        "campaign",
        "collaboration_number",
        "first_post_at",
        "posts",
        *COST_COLUMNS,
        "reasons",
    ]
    return pd.DataFrame(rows, columns=columns)


def _costs(row, lift: float | None) -> dict:
    """One collaboration's fee and costs, with the reasons for those that cannot be given."""
    currencies = list(row.currencies) if isinstance(row.currencies, list | np.ndarray) else []
    reasons: list[Message] = []
    fee = fee_per_post = cpv = cpe = cplu = lifted = None
    currency = currencies[0] if len(currencies) == 1 and currencies[0] != "?" else None
    if row.posts_with_fee == 0:
        reasons.append(Message("pay.no_fee"))
    elif len(currencies) > 1:
        reasons.append(Message("pay.mixed_currencies", currencies=currencies))
    elif currency is None:
        reasons.append(Message("pay.no_currency"))
    else:
        fee = float(row.fee)
        fee_per_post = fee / int(row.posts_with_fee)
        cpv = _ratio(row.fee_with_views, row.views, 1000.0)
        cpe = _ratio(row.fee_with_engagements, row.engagements)
        if cpv is None:
            reasons.append(Message("pay.no_views"))
        if lift is not None and lift > 0 and _number(row.reach):
            lifted = lift * float(row.reach)
            cplu = _ratio(row.fee_with_reach, lifted)
        else:
            reasons.append(
                Message("pay.no_lift") if lift is None else Message("pay.lift_not_positive")
            )
    return {
        "creator_id": row.creator_id,
        "handle": row.handle,
        "platform": row.platform,
        "followers": None if not _number(row.followers) else int(row.followers),
        "tier": follower_tier(row.followers if _number(row.followers) else None),
        "client_id": int(row.client_id),
        "campaign_id": row.campaign_id,
        "campaign": row.campaign,
        "collaboration_number": int(row.collaboration_number),
        "first_post_at": row.first_post_at,
        "posts": int(row.posts),
        "currency": currency,
        "fee": fee,
        "fee_per_post": fee_per_post,
        "views": _int(row.views),
        "engagements": _int(row.engagements),
        "reach": _int(row.reach),
        "lifted_users": lifted,
        "cost_per_1000_views": cpv,
        "cost_per_engagement": cpe,
        "cost_per_lifted_user": cplu,
        "reasons": reasons,
    }


def _with_peers(frame: pd.DataFrame) -> pd.DataFrame:
    """Peer medians and marks per cost, and the change against the previous collaboration."""
    frame = frame.copy()
    keys = list(zip(frame["platform"], frame["tier"], frame["currency"], strict=True))
    notes = [list(r) for r in frame["reasons"]]
    for metric in PAY_METRICS:
        medians, counts, marks = [], [], []
        values = frame[metric].tolist()
        for i, (key, creator, value) in enumerate(
            zip(keys, frame["creator_id"], values, strict=True)
        ):
            peers = [
                float(v)
                for k, c, v in zip(keys, frame["creator_id"], values, strict=True)
                if k == key and c != creator and v is not None and not _nan(v)
            ]
            usable = key[1] is not None and key[2] is not None
            median = float(np.median(peers)) if usable and len(peers) >= MIN_PEERS else None
            medians.append(median)
            counts.append(len(peers) if usable else 0)
            if value is None or _nan(value):
                marks.append(None)
            elif median is None:
                marks.append(TOO_FEW)
                if metric == PAY_METRICS[0]:
                    notes[i].append(
                        Message("pay.no_tier")
                        if key[1] is None
                        else Message("pay.too_few_peers", n=len(peers), minimum=MIN_PEERS)
                    )
            elif value < median / RANGE_FACTOR:
                marks.append(BELOW)
            elif value > median * RANGE_FACTOR:
                marks.append(ABOVE)
            else:
                marks.append(WITHIN)
        frame[f"peer_median_{metric}"] = pd.Series(medians, dtype=object, index=frame.index)
        frame[f"peers_{metric}"] = counts
        frame[f"mark_{metric}"] = pd.Series(marks, dtype=object, index=frame.index)
    frame = frame.sort_values(
        ["creator_id", "client_id", "currency", "collaboration_number"], kind="stable"
    )
    for metric, name in (
        ("fee_per_post", "fee_per_post_change"),
        ("cost_per_1000_views", "cost_per_1000_views_change"),
    ):
        previous = frame.groupby(["creator_id", "client_id", "currency"], dropna=False)[
            metric
        ].shift(1)
        frame[name] = [
            None if _nan(p) or _nan(v) or not p else float(v) / float(p) - 1
            for p, v in zip(previous, frame[metric], strict=True)
        ]
    # ``notes`` follows the frame's labels (0…n−1) from before the sort.
    frame["note"] = pd.Series(
        [join(notes[i]) if notes[i] else None for i in frame.index], dtype=object, index=frame.index
    )
    frame = frame.drop(columns=["reasons"]).sort_values(
        ["client_id", "campaign", "handle"], kind="stable"
    )
    optional = [
        "followers",
        "tier",
        *COST_COLUMNS,
        *(f"peer_median_{m}" for m in PAY_METRICS),
        *(f"mark_{m}" for m in PAY_METRICS),
        "fee_per_post_change",
        "cost_per_1000_views_change",
    ]
    return nulls_to_none(frame.reset_index(drop=True), optional)


def _ratio(numerator: object, denominator: object, scale: float = 1.0) -> float | None:
    if not _number(numerator) or not _number(denominator) or float(denominator) <= 0:
        return None
    return float(numerator) / float(denominator) * scale


def _number(value: object) -> bool:
    return value is not None and not _nan(value)


def _int(value: object) -> int | None:
    return int(value) if _number(value) else None


def _nan(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


DEFINITIONS = {
    "cost_per_1000_views": "Σ fee / Σ views × 1,000 over the posts with both",
    "cost_per_engagement": "Σ fee / Σ engagements over the posts with both",
    "cost_per_lifted_user": "Σ fee / (the campaign's headline absolute lift × Σ reach); estimated",
    "peers": "other creators' collaborations on the same platform, follower tier and currency",
    "usual_range": f"peers' median / {RANGE_FACTOR:g} to median × {RANGE_FACTOR:g}, with at least "
    f"{MIN_PEERS} peers",
    "tiers": "nano < 10k ≤ micro < 100k ≤ mid < 500k ≤ macro < 1M ≤ mega (latest follower count)",
    "currencies": "amounts in different currencies are never added or compared; nothing is "
    "converted",
}
"""The fair-pay definitions, as the report prints them beside the numbers."""


def campaign_section(m) -> dict:
    """The ``fair_pay`` section of ``sillage report --json``: this campaign's collaborations
    against their peers, and the pay of its creators across their collaborations with the client.

    Source: see ``fair_pay`` and ``pay_across_collaborations``.
    """
    collaborations = fair_pay(m.connection, m.filters)
    creator_ids = tuple(collaborations["creator_id"]) if not collaborations.empty else ()
    history = (
        pay_across_collaborations(
            m.connection,
            Filters(
                client_id=m.campaign.client_id, creator_ids=creator_ids, confidence=m.confidence
            ),
        )
        if creator_ids
        else []
    )
    return {
        "definitions": DEFINITIONS,
        "collaborations": collaborations,
        "across_collaborations": history,
    }
