"""Classic KPIs: reach, impressions, views, engagements, three engagement rates, unit costs, signals.

Every number comes with its provenance (``measured``: straight from an export; ``estimated``:
derived with an assumption) and, when it cannot be computed, ``None`` with the reason. Rates are
fractions (0.042, not 4.2 %); money is in the campaign currency, which the ``unit`` column names.

A post's totals follow one rule, written once in ``POST_TOTALS_SQL``: per metric, the latest
lifetime snapshot that reports it; failing any lifetime snapshot, the sum of its per-day rows.
Ingest keeps the rule's result in the ``post_totals`` table (``store.post_totals``), which the
post facts read instead of regrouping every metric row.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import duckdb
import pandas as pd
from babel.numbers import get_currency_precision

from i18n.messages import Message, join
from metrics.filters import Filters, campaign_condition, post_condition
from store import post_totals

MEASURED = "measured"
ESTIMATED = "estimated"

Level = Literal["all", "campaign", "platform", "creator", "post"]
LEVELS: dict[str, str] = {
    "all": "'all'",
    "campaign": "campaign_id",
    "platform": "platform",
    "creator": "creator_id",
    "post": "post_id",
}
"""Grouping level -> column of the post facts it groups by (a fixed list of identifiers)."""

SNAPSHOT_METRICS = post_totals.METRICS
"""The ``post_metrics`` columns a post has totals of."""

IMPRESSIONS_FROM_VIEWS_PLATFORMS: tuple[str, ...] = ("instagram", "facebook", "tiktok")
"""Platforms whose views stand in for impressions when an export has no impressions.

Meta replaced Instagram and Facebook impressions by "views" in 2025, and TikTok exports only
views; YouTube is left out because its impressions count thumbnail displays, a different unit.
"""


POST_TOTALS_SQL = post_totals.RULE_SQL
"""One row per post: its current totals (latest lifetime snapshot per metric, else summed days).

The rule lives in ``store.post_totals``, which keeps its result in the ``post_totals`` table at
ingest; ``post_totals.totals_sql`` reads that table, or this rule when the table is behind.
"""

# Only the selected posts' totals are read: on the rule's fallback path rows are kept before
# they are grouped, which on a large table is most of the work saved.
_SELECTED_POSTS = "post_id IN (SELECT post_id FROM selected)"

POST_FACTS_SQL = textwrap.dedent(
    """
    WITH selected AS (
        SELECT p.post_id FROM posts p JOIN campaigns cam ON cam.campaign_id = p.campaign_id
        WHERE {condition}
    ),
    totals AS ({totals})
    SELECT p.post_id, p.campaign_id, cam.client_id, p.creator_id, p.platform, p.posted_at,
           p.cost, coalesce(p.cost_currency, cam.currency) AS currency, cr.followers, cr.followers_as_of,
           t.impressions AS impressions_measured,
           CASE WHEN t.impressions IS NULL AND list_contains(?::TEXT[], p.platform)
                THEN t.views END AS impressions_from_views,
           coalesce(t.impressions, impressions_from_views) AS impressions,
           t.reach, t.views, t.likes, t.comments, t.shares, t.saves, t.clicks, t.profile_visits,
           CASE WHEN coalesce(t.likes, t.comments, t.shares, t.saves) IS NOT NULL
                THEN coalesce(t.likes, 0) + coalesce(t.comments, 0)
                     + coalesce(t.shares, 0) + coalesce(t.saves, 0) END AS engagements,
           (t.likes IS NULL)::INTEGER + (t.comments IS NULL)::INTEGER
             + (t.shares IS NULL)::INTEGER + (t.saves IS NULL)::INTEGER
             AS engagement_parts_missing
    FROM selected s
    JOIN posts p ON p.post_id = s.post_id
    JOIN campaigns cam ON cam.campaign_id = p.campaign_id
    LEFT JOIN totals t ON t.post_id = p.post_id
    LEFT JOIN creators cr ON cr.creator_id = p.creator_id
    """
)
"""Campaign posts (posts with a campaign) under the filters, with totals, cost and followers.

``{condition}`` restricts the posts; ``{totals}`` is ``post_totals.totals_sql`` for them.
"""

_SIGNALS = ("saves", "shares", "clicks", "profile_visits")

POST_AGGREGATE_SQL = textwrap.dedent(
    """
    WITH facts AS ({{facts}})
    SELECT {{key}} AS key,
           count(*) AS posts,
           sum(impressions) AS impressions, count(impressions) AS impressions_n,
           count(impressions_from_views) AS impressions_estimated_n,
           count(*) FILTER (WHERE impressions_measured < reach) AS impressions_below_reach_n,
           sum(reach) AS reach, count(reach) AS reach_n,
           sum(views) AS views, count(views) AS views_n,
           sum(clicks) AS clicks, count(clicks) AS clicks_n,
           sum(engagements) AS engagements, count(engagements) AS engagements_n,
           count(*) FILTER (WHERE engagement_parts_missing > 0 AND engagements IS NOT NULL)
             AS engagements_partial_n,
           sum(cost) AS cost, count(cost) AS cost_n,
           list(DISTINCT currency) FILTER (WHERE currency IS NOT NULL) AS currencies,
           list({{{{'currency': currency, 'amount': cost}}}}) FILTER (WHERE cost IS NOT NULL)
             AS cost_items,
           sum(engagements) FILTER (WHERE reach IS NOT NULL) AS er_reach_num,
           sum(reach) FILTER (WHERE engagements IS NOT NULL) AS er_reach_den,
           count(*) FILTER (WHERE engagements IS NOT NULL AND reach IS NOT NULL) AS er_reach_n,
           sum(engagements) FILTER (WHERE impressions IS NOT NULL) AS er_impressions_num,
           sum(impressions) FILTER (WHERE engagements IS NOT NULL) AS er_impressions_den,
           count(*) FILTER (WHERE engagements IS NOT NULL AND impressions IS NOT NULL)
             AS er_impressions_n,
           count(*) FILTER (WHERE engagements IS NOT NULL AND impressions_from_views IS NOT NULL)
             AS er_impressions_estimated_n,
           sum(engagements) FILTER (WHERE followers IS NOT NULL) AS er_followers_num,
           sum(followers) FILTER (WHERE engagements IS NOT NULL) AS er_followers_den,
           count(*) FILTER (WHERE engagements IS NOT NULL AND followers IS NOT NULL)
             AS er_followers_n,
           min(followers_as_of) FILTER (WHERE engagements IS NOT NULL) AS followers_as_of,
           {signals}
    FROM facts
    GROUP BY ALL
    ORDER BY key
    """
).format(
    signals=",\n       ".join(
        f"sum({s}) FILTER (WHERE reach IS NOT NULL) AS {s}_per_reach_num, "
        f"sum(reach) FILTER (WHERE {s} IS NOT NULL) AS {s}_per_reach_den, "
        f"count(*) FILTER (WHERE {s} IS NOT NULL AND reach IS NOT NULL) AS {s}_per_reach_n"
        for s in _SIGNALS
    )
)
"""Sums per level over the post facts; ``{key}`` comes from ``LEVELS`` only."""

PAID_AGGREGATE_SQL = textwrap.dedent(
    """
    WITH delivered AS (
        SELECT * FROM ad_delivery
        WHERE campaign_id IS NOT NULL
          AND {condition}
          AND (?::DATE IS NULL OR date_end >= ?::DATE)
          AND (?::DATE IS NULL OR date_start <= ?::DATE)
    ),
    sources AS (
        SELECT campaign_id, campaign_name, adset_name, ad_name,
               arg_min(coalesce(breakdown, ''), (
                   CASE WHEN breakdown IS NULL THEN 0
                        WHEN list_has_all({reach_dims}, string_split(breakdown, '|')) THEN 1
                        WHEN breakdown = 'day' THEN 2
                        WHEN breakdown = 'week' THEN 3
                        ELSE 4 END,
                   coalesce(breakdown, ''))) AS source
        FROM delivered
        GROUP BY ALL
    ),
    chosen AS (
        SELECT d.*,
               d.breakdown IS NULL
                 OR list_has_all({reach_dims}, string_split(d.breakdown, '|')) AS reach_adds
        FROM delivered d
        JOIN sources s ON s.campaign_id = d.campaign_id
         AND s.campaign_name IS NOT DISTINCT FROM d.campaign_name
         AND s.adset_name IS NOT DISTINCT FROM d.adset_name
         AND s.ad_name IS NOT DISTINCT FROM d.ad_name
         AND s.source = coalesce(d.breakdown, '')
    )
    SELECT {key} AS key,
           count(*) AS rows,
           sum(spend) AS spend, count(spend) AS spend_n,
           sum(impressions) AS impressions, count(impressions) AS impressions_n,
           sum(reach) FILTER (WHERE reach_adds) AS reach,
           count(reach) FILTER (WHERE reach_adds) AS reach_n,
           list(DISTINCT breakdown) FILTER (WHERE reach IS NOT NULL AND NOT reach_adds)
             AS reach_left_out,
           list(DISTINCT breakdown) FILTER (WHERE breakdown IS NOT NULL) AS breakdowns,
           sum(link_clicks) AS clicks, count(link_clicks) AS clicks_n,
           list(DISTINCT currency) FILTER (WHERE currency IS NOT NULL) AS currencies,
           list({{'currency': currency, 'amount': spend}}) FILTER (WHERE spend IS NOT NULL)
             AS spend_items
    FROM chosen
    GROUP BY ALL
    ORDER BY key
    """
)
"""Paid amplification (ad_delivery) per campaign; date filter keeps rows that overlap the range.

Each ad's rows (campaign, ad set and ad names) are read from one source, so that no delivery
counts twice: its undivided rows when it has any, else one breakdown (``ad_delivery.breakdown``), preferring one
whose rows add up for reach (age, gender, country, region), then day, week, and the others.
Reach is summed only over undivided rows or such a breakdown: summed over days, weeks,
placements or platforms, a person would count once per row (``reach_left_out`` names them).
"""

REACH_ADDS_DIMENSIONS: tuple[str, ...] = ("age", "gender", "country", "region")
"""Breakdowns whose rows split people: a person is in one age group, gender, country, region."""


DEFINITIONS: dict[str, dict[str, Message]] = {
    metric: {
        "label": Message(f"kpi.{metric}"),
        "formula": Message(f"kpi.{metric}.formula"),
        "source": Message(f"kpi.{metric}.source"),
    }
    for metric in (
        "impressions",
        "reach",
        "views",
        "engagements",
        "clicks",
        "cost",
        "er_reach",
        "er_impressions",
        "er_followers",
        "cpm",
        "cpe",
        "cpv",
        "cpc",
        "saves_per_reach",
        "shares_per_reach",
        "clicks_per_reach",
        "profile_visits_per_reach",
    )
}
"""Every KPI key -> its label, its formula in plain words and its source, shown next to the
number: messages of the catalogue (``kpi.<metric>``, ``kpi.<metric>.formula``,
``kpi.<metric>.source``), written in the reader's language. How each is computed from the
stored columns is in ``kpis``'s docstring and the SQL above."""

COLUMNS = (
    "level",
    "key",
    "metric",
    "value",
    "unit",
    "provenance",
    "reason",
    "note",
    "numerator",
    "denominator",
    "posts",
)


@dataclass(frozen=True)
class KpiValue:
    """One KPI: its value (None when it cannot be computed), provenance and why."""

    metric: str
    value: float | None
    unit: str | None
    provenance: str | None
    reason: Message | None = None
    note: Message | None = None


def post_facts(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per campaign post under ``filters`` with its current totals, cost and followers.

    Totals follow ``POST_TOTALS_SQL`` (latest lifetime snapshot per metric, else summed per-day
    rows); ``impressions`` falls back to views on ``IMPRESSIONS_FROM_VIEWS_PLATFORMS``
    (``impressions_from_views`` says when); ``engagements`` = likes + comments + shares + saves.

    Source: docs/schema.md (``post_metrics`` keeps daily or cumulative rows).
    """
    sql, params = facts_sql(connection, filters)
    return connection.execute(sql, params).df()


def kpis(
    connection: duckdb.DuckDBPyConnection, filters: Filters, by: Level = "campaign"
) -> pd.DataFrame:
    """Classic KPIs under ``filters``, one tidy row per (key, metric).

    Definitions in ``DEFINITIONS``: impressions, reach, views, engagements, link clicks, cost,
    engagement rate by reach / impressions / followers (three separate metrics), CPM = cost /
    impressions × 1000, CPE = cost / engagements, CPV = cost / views, CPC = cost / clicks, and
    saves, shares, link clicks and profile visits per reach (signals, not lift).

    Cost is creator fees (``posts.cost``) plus, at the ``all`` and ``campaign`` levels, paid
    amplification spend (``ad_delivery.spend``) with its impressions, reach and link clicks. Paid
    rows carry no platform or creator, so they are left out when those filters are set.

    Args:
        connection: an open DuckDB connection to a migrated database.
        filters: the view's restriction.
        by: ``all`` (one key, ``"all"``), ``campaign``, ``platform``, ``creator`` or ``post``.

    Returns:
        Columns ``level, key, metric, value, unit, provenance, reason, note, numerator,
        denominator, posts``. ``value`` is a float or None (never inf or NaN); ``reason`` says
        why a value is None; ``note`` carries caveats on a value that is there.

    Source: Hootsuite engagement-rate formulas; IAB
    Glossary of Interactive Advertising Terms.
    """
    if by not in LEVELS:
        raise ValueError(f"by must be one of {', '.join(LEVELS)}, not {by!r}")
    posts = _aggregate_posts(connection, filters, by)
    paid = _aggregate_paid(connection, filters, by) if by in ("all", "campaign") else {}
    keys = ["all"] if by == "all" else sorted(set(posts) | set(paid), key=str)
    rows: list[dict[str, Any]] = []
    for key in keys:
        for value in _kpis_for(posts.get(key), paid.get(key), by):
            rows.append(
                {
                    "level": by,
                    "key": key,
                    "metric": value.metric,
                    "value": value.value,
                    "unit": value.unit,
                    "provenance": value.provenance,
                    "reason": value.reason,
                    "note": value.note,
                    "numerator": value.numerator,
                    "denominator": value.denominator,
                    "posts": value.posts,
                }
            )
    # Object dtype keeps None as None instead of turning it into NaN.
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in COLUMNS})
    frame["posts"] = frame["posts"].astype("int64")
    return frame


def nulls_to_none(frame: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Give ``columns`` object dtype with None for every missing value (no NaN, NaT or NA)."""
    for column in columns:
        values = frame[column].tolist()
        # One vectorised test instead of a pd.isna call per cell (same rule: None, NaN, NaT, NA).
        missing = frame[column].isna().tolist()
        frame[column] = pd.Series(
            [None if gone else v for v, gone in zip(values, missing, strict=True)],
            dtype=object,
            index=frame.index,
        )
    return frame


def summary(connection: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, KpiValue]:
    """Every KPI over everything the filters select (the ``all`` level of ``kpis``), by key.

    Source: see ``kpis`` and ``DEFINITIONS``.
    """
    frame = kpis(connection, filters, by="all")
    return {
        row.metric: KpiValue(row.metric, row.value, row.unit, row.provenance, row.reason, row.note)
        for row in frame.itertuples(index=False)
    }


# --- assembly -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    metric: str
    value: float | None
    unit: str | None
    provenance: str | None
    reason: Message | None = None
    note: Message | None = None
    numerator: float | None = None
    denominator: float | None = None
    posts: int = 0


def facts_sql(connection: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, list]:
    """``POST_FACTS_SQL`` under ``filters``, with its parameters in order.

    Totals come from ``post_totals.totals_sql``: the ``post_totals`` table, or the rule over
    ``post_metrics`` when the table is behind.

    Source: docs/schema.md (``post_totals``: latest lifetime snapshot per metric, else summed days).
    """
    condition, params = post_condition(filters, "p")
    totals = post_totals.totals_sql(connection, _SELECTED_POSTS)
    sql = POST_FACTS_SQL.format(condition=condition, totals=textwrap.indent(totals, "    "))
    # The condition now comes first in the statement, before the platform list.
    return sql, [*params, list(IMPRESSIONS_FROM_VIEWS_PLATFORMS)]


def _fetch_keyed(connection: duckdb.DuckDBPyConnection, sql: str, params: list) -> dict:
    result = connection.execute(sql, params)
    names = [d[0] for d in result.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in result.fetchall()}


def _aggregate_posts(connection: duckdb.DuckDBPyConnection, filters: Filters, by: str) -> dict:
    facts, params = facts_sql(connection, filters)
    sql = POST_AGGREGATE_SQL.format(facts=facts, key=LEVELS[by])
    return _fetch_keyed(connection, sql, params)


def _aggregate_paid(connection: duckdb.DuckDBPyConnection, filters: Filters, by: str) -> dict:
    if filters.platforms or filters.creator_ids:
        return {}
    condition, params = campaign_condition(filters, "campaign_id")
    dims = "[" + ", ".join(f"'{d}'" for d in REACH_ADDS_DIMENSIONS) + "]"
    sql = PAID_AGGREGATE_SQL.format(key=LEVELS[by], condition=condition, reach_dims=dims)
    params += [filters.start, filters.start, filters.end, filters.end]
    return _fetch_keyed(connection, sql, params)


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _ratio(
    metric: str,
    numerator: float | None,
    denominator: float | None,
    *,
    missing: Message,
    zero: Message,
    unit: str | None,
    provenance: str,
    scale: float = 1.0,
    note: Message | None = None,
    posts: int = 0,
) -> _Value:
    """A ratio that is None with a reason instead of inf or NaN."""
    if numerator is None or denominator is None:
        return _Value(metric, None, unit, None, missing, None, numerator, denominator, posts)
    if denominator == 0:
        return _Value(metric, None, unit, None, zero, None, numerator, denominator, posts)
    value = float(numerator) / float(denominator) * scale
    return _Value(metric, value, unit, provenance, None, note, numerator, denominator, posts)


def _join(*notes: Message | None) -> Message | None:
    return join(notes) or None


def _word(what: str) -> Message:
    """A measure named in a KPI sentence: "reach" / "la couverture"."""
    return Message(f"kpi.word.{what}")


def _coverage(n: int, total: int, *what: str) -> Message | None:
    """ "n of total posts report what (and what)", or None when every post reports it."""
    if n >= total:
        return None
    if what == ("cost",):
        return Message("kpi.note.coverage_cost", n=n, total=total)
    if len(what) == 2:
        return Message(
            "kpi.note.coverage_both", n=n, total=total, a=_word(what[0]), b=_word(what[1])
        )
    return Message("kpi.note.coverage", n=n, total=total, what=_word(what[0]))


def _add(*values: Any) -> float | None:
    present = [float(v) for v in values if v is not None]
    return sum(present) if present else None


def per_currency_totals(*item_lists: Any) -> dict[str | None, float]:
    """Amounts summed per currency, never across two: ``{"EUR": 1200.0, "MAD": 5000.0}``.

    Each list holds ``{"currency": code or None, "amount": value}`` items, as the ``cost_items``
    and ``spend_items`` columns of the aggregates give them; codes sort first, None last.

    Source: docs/schema.md (totals never add two currencies); ISO 4217 codes.
    """
    totals: dict[str | None, float] = {}
    for items in item_lists:
        for item in items or []:
            if item["amount"] is not None:
                code = item["currency"]
                totals[code] = totals.get(code, 0.0) + float(item["amount"])
    return dict(sorted(totals.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))


def _no_both(a: str, b: str) -> Message:
    return Message("kpi.reason.no_both", a=_word(a), b=_word(b))


def _zero(base: str) -> Message:
    return Message("kpi.reason.zero", what=_word(base))


def _breakdown_note(paid: Mapping) -> Message | None:
    breakdowns = sorted(paid.get("breakdowns") or [])
    if not breakdowns:
        return None
    return Message("kpi.note.breakdown", dims=breakdowns)


def _kpis_for(post: Mapping | None, paid: Mapping | None, by: str) -> list[_Value]:
    post = post or {}
    paid = paid or {}
    n_posts = int(post.get("posts") or 0)
    n_paid = int(paid.get("rows") or 0)
    count_unit = "count"
    if n_posts == 0 and n_paid == 0:
        reason = Message("kpi.reason.nothing")
        return [_Value(m, None, None, None, reason) for m in DEFINITIONS]

    values: list[_Value] = []

    # Counts.
    impressions = _add(post.get("impressions"), paid.get("impressions"))
    estimated_n = int(post.get("impressions_estimated_n") or 0)
    below_n = int(post.get("impressions_below_reach_n") or 0)
    impressions_provenance = ESTIMATED if estimated_n else MEASURED
    impressions_note = _join(
        Message("kpi.note.from_views", n=estimated_n) if estimated_n else None,
        _coverage(int(post.get("impressions_n") or 0), n_posts, "impressions"),
        Message("kpi.note.paid_impressions", x=paid["impressions"])
        if paid.get("impressions")
        else None,
        _breakdown_note(paid),
        Message("kpi.note.below_reach", n=below_n) if below_n else None,
    )
    impressions_value = _Value(
        "impressions",
        impressions,
        count_unit,
        impressions_provenance if impressions is not None else None,
        None if impressions is not None else Message("kpi.reason.no_impressions"),
        impressions_note if impressions is not None else None,
        posts=n_posts,
    )
    values.append(impressions_value)

    reach = _add(post.get("reach"), paid.get("reach"))
    reach_rows = int(post.get("reach_n") or 0) + int(paid.get("reach_n") or 0)
    left_out = sorted(paid.get("reach_left_out") or [])
    reach_left_out = Message("kpi.reason.paid_reach_left_out", dims=left_out) if left_out else None
    values.append(
        _Value(
            "reach",
            reach,
            count_unit,
            None if reach is None else (MEASURED if reach_rows == 1 else ESTIMATED),
            None if reach is not None else (reach_left_out or Message("kpi.reason.no_reach")),
            None
            if reach is None
            else _join(
                None if reach_rows == 1 else Message("kpi.note.reach_summed", n=reach_rows),
                reach_left_out,
            ),
            posts=n_posts,
        )
    )

    views = _num(post.get("views"))
    values.append(
        _Value(
            "views",
            views,
            count_unit,
            MEASURED if views is not None else None,
            None if views is not None else Message("kpi.reason.no_views"),
            _coverage(int(post.get("views_n") or 0), n_posts, "views")
            if views is not None
            else None,
            posts=n_posts,
        )
    )

    engagements = _num(post.get("engagements"))
    partial_n = int(post.get("engagements_partial_n") or 0)
    values.append(
        _Value(
            "engagements",
            engagements,
            count_unit,
            MEASURED if engagements is not None else None,
            None if engagements is not None else Message("kpi.reason.no_engagements"),
            _join(
                Message("kpi.note.partial_engagements", n=partial_n) if partial_n else None,
                _coverage(int(post.get("engagements_n") or 0), n_posts, "engagements"),
            )
            if engagements is not None
            else None,
            posts=n_posts,
        )
    )

    clicks = _add(post.get("clicks"), paid.get("clicks"))
    values.append(
        _Value(
            "clicks",
            clicks,
            count_unit,
            MEASURED if clicks is not None else None,
            None if clicks is not None else Message("kpi.reason.no_clicks"),
            Message("kpi.note.paid_clicks", x=paid["clicks"]) if paid.get("clicks") else None,
            posts=n_posts,
        )
    )

    # Cost, in one currency or not at all (then per currency, in the note).
    currencies = sorted(set(post.get("currencies") or []) | set(paid.get("currencies") or []))
    currency = currencies[0] if len(currencies) == 1 else None
    cost = _add(post.get("cost"), paid.get("spend"))
    cost_reason = None
    per_currency = None
    if len(currencies) > 1:
        cost, cost_reason = None, Message("kpi.reason.mixed_costs", currencies=currencies)
        totals = per_currency_totals(post.get("cost_items"), paid.get("spend_items"))
        per_currency = Message(
            "kpi.note.per_currency",
            amounts=[
                Message("kpi.amount", currency=code, x=amount, places=get_currency_precision(code))
                if code
                else Message("kpi.amount_no_currency", x=amount)
                for code, amount in totals.items()
            ],
        )
    elif cost is None:
        cost_reason = Message("kpi.reason.no_cost")
    cost_note = _join(
        _coverage(int(post.get("cost_n") or 0), n_posts, "cost"),
        Message("kpi.note.ad_spend", x=paid["spend"]) if paid.get("spend") else None,
        Message("kpi.note.spend_not_attributable")
        if by in ("platform", "creator", "post")
        else None,
    )
    values.append(
        _Value(
            "cost",
            cost,
            currency,
            MEASURED if cost is not None else None,
            cost_reason,
            cost_note if cost is not None else per_currency,
            posts=n_posts,
        )
    )

    # Engagement rates: posts only, each with its own denominator.
    er_imp_estimated = int(post.get("er_impressions_estimated_n") or 0)
    followers_as_of = post.get("followers_as_of")
    rates = (
        ("er_reach", "reach", MEASURED, _no_both("reach", "engagements"), None),
        (
            "er_impressions",
            "impressions",
            ESTIMATED if er_imp_estimated else MEASURED,
            _no_both("impressions", "engagements"),
            Message("kpi.note.from_views", n=er_imp_estimated) if er_imp_estimated else None,
        ),
        (
            "er_followers",
            "followers",
            ESTIMATED,
            Message("kpi.reason.no_followers"),
            Message("kpi.note.followers_as_of", day=followers_as_of)
            if followers_as_of
            else Message("kpi.note.followers_latest"),
        ),
    )
    for metric, base, provenance, missing, note in rates:
        n = int(post.get(f"{metric}_n") or 0)
        values.append(
            _ratio(
                metric,
                _num(post.get(f"{metric}_num")),
                _num(post.get(f"{metric}_den")),
                missing=missing,
                zero=_zero(base),
                unit="ratio",
                provenance=provenance,
                note=_join(note, _coverage(n, n_posts, base, "engagements")),
                posts=n,
            )
        )

    # Unit costs.
    costs = (
        ("cpm", impressions, "impressions", 1000.0, impressions_value.provenance),
        ("cpe", engagements, "engagements", 1.0, MEASURED),
        ("cpv", views, "views", 1.0, MEASURED),
        ("cpc", clicks, "clicks", 1.0, MEASURED),
    )
    for metric, base_value, base, scale, provenance in costs:
        if cost is None:
            values.append(_Value(metric, None, currency, None, cost_reason, posts=n_posts))
            continue
        values.append(
            _ratio(
                metric,
                cost,
                base_value,
                missing=Message("kpi.reason.no_base", what=_word(base)),
                zero=_zero(base),
                unit=currency,
                provenance=provenance or MEASURED,
                scale=scale,
                note=_join(
                    cost_note,
                    impressions_value.note if metric == "cpm" else None,
                ),
                posts=n_posts,
            )
        )

    # Behavioural signals per reach (posts only).
    for signal in _SIGNALS:
        metric = f"{signal}_per_reach"
        n = int(post.get(f"{metric}_n") or 0)
        values.append(
            _ratio(
                metric,
                _num(post.get(f"{metric}_num")),
                _num(post.get(f"{metric}_den")),
                missing=_no_both(signal, "reach"),
                zero=_zero("reach"),
                unit="ratio",
                provenance=MEASURED,
                note=_join(Message("kpi.note.signal"), _coverage(n, n_posts, signal, "reach")),
                posts=n,
            )
        )
    return values
