"""Creators and relationships: tenure, campaigns, cost, engagement, and results by collaboration.

A *collaboration* is one campaign of a creator (one account on one platform) for one client;
its *collaboration number* is its rank among that creator's campaigns for the same client,
ordered by the creator's first post in each (1st, 2nd, 3rd…). ``basis="post"`` numbers posts
instead (the 1st, 2nd, 3rd… post for the same brand). Numbers are counted over the creator's
whole history with the client, so a filtered view keeps the true rank.

"Does the relationship deepen results?" is answered on engagement rate by reach per
collaboration (Σ engagements / Σ reach of its posts): a mean per collaboration number with a
t-interval, and an OLS slope on the collaboration number *within* creator-client pairs (fixed
effects), so that creators who are rehired because they were good from the start do not pass
for relationships that improve.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import duckdb
import numpy as np
import pandas as pd
from scipy import stats

from i18n.messages import Message
from metrics.filters import Filters
from metrics.kpis import (
    ESTIMATED,
    MEASURED,
    facts_sql,
    nulls_to_none,
)

Basis = Literal["campaign", "post"]

COLLABORATION_NUMBERS_SQL: dict[str, str] = {
    "campaign": textwrap.dedent(
        """
        WITH ranked AS (
            SELECT p.creator_id, cam.client_id, p.campaign_id,
                   row_number() OVER (
                       PARTITION BY p.creator_id, cam.client_id
                       ORDER BY min(p.posted_at) NULLS LAST, min(cam.start_date) NULLS LAST,
                                p.campaign_id
                   ) AS collaboration_number
            FROM posts p
            JOIN campaigns cam ON cam.campaign_id = p.campaign_id
            WHERE p.creator_id IS NOT NULL AND coalesce(p.sponsored, true)
            GROUP BY p.creator_id, cam.client_id, p.campaign_id
        )
        SELECT p.post_id, r.collaboration_number
        FROM posts p
        JOIN campaigns cam ON cam.campaign_id = p.campaign_id
        JOIN ranked r
          ON r.creator_id = p.creator_id AND r.client_id = cam.client_id
         AND r.campaign_id = p.campaign_id
        """
    ),
    "post": textwrap.dedent(
        """
        SELECT p.post_id,
               row_number() OVER (
                   PARTITION BY p.creator_id, cam.client_id
                   ORDER BY p.posted_at NULLS LAST, p.post_id
               ) AS collaboration_number
        FROM posts p
        JOIN campaigns cam ON cam.campaign_id = p.campaign_id
        WHERE p.creator_id IS NOT NULL AND coalesce(p.sponsored, true)
        """
    ),
}
"""Per post, its collaboration number over the creator's whole history with the client.

Only sponsored posts are collaborations: a creator's organic posts get no number.

``campaign``: rank of the post's campaign among the creator's campaigns for that client, by the
creator's first post in each. ``post``: rank of the post among the creator's posts for that
client, by posting time ("1st, 2nd, 3rd… post for the same brand").
"""

COLLABORATION_POSTS_SQL = textwrap.dedent(
    """
    WITH facts AS ({facts}),
    numbers AS ({numbers})
    SELECT f.post_id, f.creator_id, cr.handle, f.platform, f.client_id, f.campaign_id,
           f.posted_at, n.collaboration_number, f.engagements, f.reach,
           CASE WHEN f.reach > 0 THEN f.engagements / f.reach END AS er_reach,
           CASE WHEN f.reach IS NULL THEN 'creators.no_reach'
                WHEN f.reach = 0 THEN 'creators.zero_reach'
                WHEN f.engagements IS NULL THEN 'creators.no_engagements' END AS er_reach_reason
    FROM facts f
    JOIN numbers n ON n.post_id = f.post_id
    LEFT JOIN creators cr ON cr.creator_id = f.creator_id
    ORDER BY f.creator_id, f.client_id, n.collaboration_number, f.posted_at, f.post_id
    """
)
"""Campaign posts under the filters with their collaboration number and engagement rate by reach."""

COLLABORATION_UNITS_SQL = textwrap.dedent(
    """
    WITH collaboration_posts AS ({posts})
    SELECT creator_id, handle, platform, client_id, campaign_id, collaboration_number,
           min(posted_at) AS first_post_at,
           count(*) AS posts,
           count(*) FILTER (WHERE engagements IS NOT NULL AND reach IS NOT NULL) AS posts_with_rate,
           sum(engagements) FILTER (WHERE reach IS NOT NULL) AS engagements,
           sum(reach) FILTER (WHERE engagements IS NOT NULL) AS reach,
           CASE WHEN sum(reach) FILTER (WHERE engagements IS NOT NULL) > 0
                THEN sum(engagements) FILTER (WHERE reach IS NOT NULL)
                     / sum(reach) FILTER (WHERE engagements IS NOT NULL) END AS er_reach
    FROM collaboration_posts
    GROUP BY ALL
    ORDER BY creator_id, client_id, collaboration_number
    """
)
"""One row per collaboration (creator × campaign) with its engagement rate by reach."""

CREATOR_SUMMARY_SQL = textwrap.dedent(
    """
    WITH facts AS ({facts}),
    surveyed AS (
        SELECT campaign_id FROM survey_responses
        UNION
        SELECT campaign_id FROM survey_results
    )
    SELECT f.creator_id, cr.handle, cr.platform, cr.followers, cr.followers_as_of,
           min(f.posted_at)::DATE AS first_collaboration,
           max(f.posted_at)::DATE AS last_collaboration,
           date_diff('day', min(f.posted_at)::DATE, max(f.posted_at)::DATE) AS tenure_days,
           count(DISTINCT f.client_id) AS clients,
           count(DISTINCT f.campaign_id) AS campaigns,
           count(*) AS posts,
           sum(f.cost) AS total_cost,
           count(f.cost) AS posts_with_cost,
           list(DISTINCT f.currency) FILTER (WHERE f.currency IS NOT NULL) AS currencies,
           sum(f.engagements) FILTER (WHERE f.reach IS NOT NULL) AS er_reach_num,
           sum(f.reach) FILTER (WHERE f.engagements IS NOT NULL) AS er_reach_den,
           count(DISTINCT f.campaign_id) FILTER (
               WHERE f.campaign_id IN (SELECT campaign_id FROM surveyed)
           ) AS surveyed_campaigns
    FROM facts f
    LEFT JOIN creators cr ON cr.creator_id = f.creator_id
    WHERE f.creator_id IS NOT NULL
    GROUP BY ALL
    ORDER BY f.creator_id
    """
)
"""Per creator under the filters: dates, counts, fees, engagement sums and surveyed campaigns."""

RISING = "rising"
FALLING = "falling"
INCONCLUSIVE = "inconclusive"
METHOD = Message("creators.method")
T_INTERVAL = "t-cluster"
"""Interval method of the relationship slope: Student's t with the larger of the OLS and the
pair-clustered variance (see ``relationship_trend``)."""
LOGNORMAL_FLOOR_BELOW = 30
"""Below this many collaborations the mean's interval is on the log scale with a lognormal floor."""
MEAN_INTERVAL = "log-t-lognormal-floor"
"""Interval method of the mean by collaboration number (see ``results_by_collaboration``)."""


@dataclass(frozen=True)
class Trend:
    """Change in engagement rate by reach per additional collaboration, with its interval.

    ``direction`` is ``rising`` or ``falling`` when the interval excludes 0, ``inconclusive``
    otherwise (an interval that includes 0 is not evidence of no effect), None without a slope.
    ``method`` names the interval (``t``: Student's t on the within-pair OLS slope); the
    estimator is ``METHOD``.
    """

    slope: float | None
    ci_low: float | None
    ci_high: float | None
    relative_slope: float | None
    confidence: float
    collaborations: int
    pairs: int
    df: int | None
    direction: str | None
    provenance: str | None = ESTIMATED
    method: str = T_INTERVAL
    reason: Message | None = None


def collaboration_posts(
    connection: duckdb.DuckDBPyConnection, filters: Filters, basis: Basis = "campaign"
) -> pd.DataFrame:
    """Campaign posts under ``filters`` with their collaboration number.

    collaboration number (``basis="campaign"``) = rank of the post's campaign among its
    creator's campaigns for the same client, by the creator's first post in each;
    (``basis="post"``) = rank of the post among the creator's posts for that client. Counted
    over the whole history, not only the filtered view. ``er_reach`` = engagements / reach of
    the post (None with ``er_reach_reason``).

    Source: README, What is in the dashboard (Creators: results by collaboration number).
    """
    sql, params = _posts_sql(connection, filters, basis)
    frame = connection.execute(sql, params).df()
    frame["er_reach_reason"] = pd.Series(
        [Message(code) if isinstance(code, str) else None for code in frame["er_reach_reason"]],
        dtype=object,
        index=frame.index,
    )
    return nulls_to_none(frame, ["handle", "engagements", "reach", "er_reach", "er_reach_reason"])


def collaboration_units(
    connection: duckdb.DuckDBPyConnection, filters: Filters, basis: Basis = "campaign"
) -> pd.DataFrame:
    """One row per collaboration with Σ engagements / Σ reach of its posts.

    A collaboration is a creator × campaign (``basis="campaign"``) or a single post
    (``basis="post"``). Only posts reporting both engagements and reach enter the rate
    (``posts_with_rate``); ``er_reach`` is None when they sum to no reach.

    Source: README, What is in the dashboard (Creators).
    """
    posts, params = _posts_sql(connection, filters, basis)
    frame = connection.execute(COLLABORATION_UNITS_SQL.format(posts=posts), params).df()
    return nulls_to_none(frame, ["handle", "first_post_at", "engagements", "reach", "er_reach"])


def creator_summary(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per creator under ``filters``: tenure, campaigns, posts, cost, engagement rate by reach, lift.

    tenure_days = last collaboration date − first collaboration date (posting dates);
    total_cost = Σ posts.cost (None with ``cost_reason`` when none is recorded or currencies
    differ); er_reach = Σ engagements / Σ reach over posts reporting both (``measured``).
    ``lift`` is None with ``lift_reason`` until surveys can be split by creator: survey
    responses are keyed by campaign, and per-creator lift needs respondents linked to this
    creator's posts (``exposures``).

    Source: Hootsuite engagement rate by reach.
    """
    facts, params = facts_sql(connection, filters)
    frame = connection.execute(CREATOR_SUMMARY_SQL.format(facts=facts), params).df()
    costs, currencies, cost_reasons = [], [], []
    rates, rate_provenance, rate_reasons, lift_reasons = [], [], [], []
    for row in frame.itertuples(index=False):
        units = sorted(row.currencies) if isinstance(row.currencies, (list, np.ndarray)) else []
        if len(units) > 1:
            costs.append(None)
            cost_reasons.append(Message("creators.mixed_currencies", currencies=units))
        elif row.posts_with_cost == 0:
            costs.append(None)
            cost_reasons.append(Message("creators.no_fee"))
        else:
            costs.append(float(row.total_cost))
            cost_reasons.append(None)
        currencies.append(units[0] if len(units) == 1 else None)
        den = None if _missing(row.er_reach_den) else float(row.er_reach_den)
        if den is None:
            rates.append(None)
            rate_provenance.append(None)
            rate_reasons.append(Message("creators.no_post_rated"))
        elif den == 0:
            rates.append(None)
            rate_provenance.append(None)
            rate_reasons.append(Message("creators.zero_reach"))
        else:
            rates.append(float(row.er_reach_num) / den)
            rate_provenance.append(MEASURED)
            rate_reasons.append(None)
        lift_reasons.append(
            Message("creators.lift_not_split", n=int(row.surveyed_campaigns))
            if row.surveyed_campaigns
            else Message("creators.no_lift_survey")
        )
    out = frame.drop(columns=["total_cost", "currencies", "er_reach_num", "er_reach_den"]).copy()
    out["total_cost"] = pd.Series(costs, dtype=object, index=frame.index)
    out["currency"] = currencies
    # Reasons are messages: object dtype keeps each one (a string column would make it text).
    out["cost_reason"] = pd.Series(cost_reasons, dtype=object, index=frame.index)
    out["er_reach"] = pd.Series(rates, dtype=object, index=frame.index)
    out["er_reach_provenance"] = rate_provenance
    out["er_reach_reason"] = pd.Series(rate_reasons, dtype=object, index=frame.index)
    out["lift"] = pd.Series([None] * len(frame), dtype=object, index=frame.index)
    out["lift_reason"] = pd.Series(lift_reasons, dtype=object, index=frame.index)
    for column in ("first_collaboration", "last_collaboration", "followers_as_of"):
        # DATE columns come back as timestamps: give pages plain dates.
        out[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in out[column]]
    return nulls_to_none(
        out,
        [
            "handle",
            "platform",
            "followers",
            "followers_as_of",
            "first_collaboration",
            "last_collaboration",
            "tenure_days",
            "currency",
            "cost_reason",
            "er_reach_provenance",
            "er_reach_reason",
        ],
    )


def results_by_collaboration(
    connection: duckdb.DuckDBPyConnection,
    filters: Filters,
    confidence: float | None = None,
    basis: Basis = "campaign",
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Mean engagement rate by reach per collaboration number, with a t-interval.

    For each collaboration number k: mean over collaborations numbered k of their engagement
    rate by reach ``m``. Interval at ``confidence`` (default ``filters.confidence``, 90 %):
    when fewer than 30 collaborations all have a positive rate, on the log of the mean,
    ``m·exp(± t(1 − α/2, n − 1)·√V)`` with ``V = max(s² / (n·m²), (exp(s²_log) − 1) / n)``
    (delta method, its variance floored at the lognormal model's, Aitchison & Brown 1957:
    engagement rates are skewed, and with a handful of collaborations the plain
    ``m ± t·s/√n`` covered 84-86 % at 90 %, docs/intervals.md); otherwise Student's
    ``m ± t(1 − α/2, n − 1)·s/√n``. ``method`` ``t-lognormal-floor``. One collaboration gives a mean and no
    interval.

    ``units``: ``collaboration_units(connection, filters, basis)`` when the caller has it already.

    Returns:
        Columns ``collaboration_number, collaborations, creators, posts, mean_er_reach, ci_low,
        ci_high, confidence, provenance, reason``.

    Source: Student's t-interval for a mean.
    """
    confidence = filters.confidence if confidence is None else confidence
    if units is None:
        units = collaboration_units(connection, filters, basis)
    rows = []
    for number, group in units.groupby("collaboration_number", sort=True):
        rated = group[group["er_reach"].notna()]
        mean, low, high, reason = _t_interval(rated["er_reach"].to_numpy(float), confidence)
        rows.append(
            {
                "collaboration_number": int(number),
                "collaborations": len(rated),
                "creators": rated["creator_id"].nunique(),
                "posts": int(group["posts"].sum()),
                "mean_er_reach": mean,
                "ci_low": low,
                "ci_high": high,
                "confidence": confidence,
                "provenance": MEASURED if mean is not None else None,
                "reason": reason,
            }
        )
    columns = [
        "collaboration_number",
        "collaborations",
        "creators",
        "posts",
        "mean_er_reach",
        "ci_low",
        "ci_high",
        "confidence",
        "provenance",
        "reason",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("mean_er_reach", "ci_low", "ci_high", "reason"):
        frame[column] = pd.Series([r[column] for r in rows], dtype=object)
    return frame


def relationship_trend(
    connection: duckdb.DuckDBPyConnection,
    filters: Filters,
    creator_id: str | None = None,
    confidence: float | None = None,
    basis: Basis = "campaign",
    units: pd.DataFrame | None = None,
) -> Trend:
    """Does the relationship deepen results? OLS slope of engagement rate on collaboration number.

    y = engagement rate by reach of a collaboration, x = its collaboration number; both are
    centred within each creator-client pair (fixed effects), slope = Σ x̃ỹ / Σ x̃², standard
    error √(SSR / (n − pairs − 1) / Σ x̃²), interval slope ± t(1 − α/2, n − pairs − 1) · SE.
    With one pair this is the ordinary least-squares line. When two or more pairs inform the
    slope, their slopes may differ: the cluster-robust variance by pair (Liang & Zeger 1986,
    CR1: ``G/(G − 1) · (n − 1)/(n − pairs − 1) · Σ_g (Σ x̃ e)² / (Σ x̃²)²`` over the ``G`` pairs
    with a non-zero score) replaces the OLS one when larger, with ``G − 1`` degrees of freedom
    (the larger of the two, Angrist & Pischke, *Mostly Harmless Econometrics*, §8.2; Cameron &
    Miller 2015 for the degrees of freedom). The OLS interval alone covered 82 % at 90 % when
    slopes differ by creator (docs/intervals.md); ``df`` is the interval's. ``method``
    ``t-cluster``. ``relative_slope`` = slope / mean y.

    Args:
        connection: an open DuckDB connection.
        filters: the view's restriction.
        creator_id: one creator's trend; None pools every creator (within-pair slope).
        confidence: interval level; default ``filters.confidence`` (90 %).
        basis: number collaborations by ``campaign`` (default) or by ``post``.
        units: ``collaboration_units(connection, filters, basis)`` when the caller has it.

    Source: Wooldridge, *Introductory Econometrics*, ch. 14 (fixed-effects / within
    estimator).
    """
    confidence = filters.confidence if confidence is None else confidence
    if units is None:
        units = collaboration_units(connection, filters, basis)
    if creator_id is not None:
        units = units[units["creator_id"] == creator_id]
    return _within_trend(units, confidence)


def creator_trends(
    connection: duckdb.DuckDBPyConnection,
    filters: Filters,
    confidence: float | None = None,
    basis: Basis = "campaign",
) -> pd.DataFrame:
    """``relationship_trend`` for each creator under ``filters``, one row per creator.

    Source: README, What is in the dashboard (Creators).
    """
    confidence = filters.confidence if confidence is None else confidence
    units = collaboration_units(connection, filters, basis)
    rows = []
    for creator, group in units.groupby("creator_id", sort=True):
        trend = _within_trend(group, confidence)
        rows.append(
            {
                "creator_id": creator,
                "handle": group["handle"].iloc[0],
                "platform": group["platform"].iloc[0],
                **{f: getattr(trend, f) for f in Trend.__dataclass_fields__},
            }
        )
    columns = ["creator_id", "handle", "platform", *Trend.__dataclass_fields__]
    frame = pd.DataFrame(rows, columns=columns)
    optional = ("slope", "ci_low", "ci_high", "relative_slope", "df", "direction", "provenance")
    for column in (*optional, "reason"):
        frame[column] = pd.Series([r[column] for r in rows], dtype=object)
    return frame


# --- helpers --------------------------------------------------------------------------------


def _posts_sql(
    connection: duckdb.DuckDBPyConnection, filters: Filters, basis: str
) -> tuple[str, list]:
    if basis not in COLLABORATION_NUMBERS_SQL:
        raise ValueError(f"basis must be one of {', '.join(COLLABORATION_NUMBERS_SQL)}")
    facts, params = facts_sql(connection, filters)
    sql = COLLABORATION_POSTS_SQL.format(facts=facts, numbers=COLLABORATION_NUMBERS_SQL[basis])
    return sql, params


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _t_interval(
    values: np.ndarray, confidence: float
) -> tuple[float | None, float | None, float | None, Message | None]:
    n = len(values)
    if n == 0:
        return None, None, None, Message("creators.no_collaboration_rated")
    mean = float(values.mean())
    if n == 1:
        return mean, None, None, Message("creators.one_collaboration")
    t = float(stats.t.ppf((1 + confidence) / 2, n - 1))
    if n < LOGNORMAL_FLOOR_BELOW and (values > 0).all() and mean > 0:
        # Engagement rates are skewed: on the log of the mean, with its variance floored at the
        # lognormal model's, so the interval is asymmetric and stays above 0.
        relative = float(values.var(ddof=1)) / (n * mean * mean)
        relative = max(relative, math.expm1(float(np.log(values).var(ddof=1))) / n)
        spread = min(t * math.sqrt(relative), 700.0)  # exp(700) is near the float limit
        return mean, mean * math.exp(-spread), mean * math.exp(spread), None
    half = t * float(values.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half, None


def _pair_means(pairs: Iterable[tuple], values: list[float]) -> np.ndarray:
    """Each value's mean within its pair, summed in row order.

    A plain loop rather than pandas' grouped mean on the object column, which falls back to one
    Python call per pair; the same left-to-right sums, so the same digits.
    """
    pairs = list(pairs)
    sums: dict[tuple, float] = {}
    counts: dict[tuple, int] = {}
    for pair, value in zip(pairs, values, strict=True):
        sums[pair] = sums[pair] + value if pair in sums else value
        counts[pair] = counts.get(pair, 0) + 1
    return np.array([sums[p] / counts[p] for p in pairs], dtype=float)


def _within_trend(units: pd.DataFrame, confidence: float) -> Trend:
    rated = units[units["er_reach"].notna()]
    n = len(rated)
    pairs = rated.groupby(["creator_id", "client_id"]).ngroups if n else 0
    empty = {
        "slope": None,
        "ci_low": None,
        "ci_high": None,
        "relative_slope": None,
        "confidence": confidence,
        "collaborations": n,
        "pairs": pairs,
        "df": None,
        "direction": None,
        "provenance": None,
    }
    if n == 0:
        return Trend(**empty, reason=Message("creators.no_collaboration_rated"))
    x = rated["collaboration_number"].to_numpy(float)
    y = rated["er_reach"].to_numpy(float)
    keys = [rated["creator_id"], rated["client_id"]]
    x_c = x - rated.groupby(keys)["collaboration_number"].transform("mean").to_numpy(float)
    y_c = y - _pair_means(zip(*(k.tolist() for k in keys), strict=True), y.tolist())
    sxx = float((x_c**2).sum())
    if sxx == 0:
        return Trend(
            **empty,
            reason=Message("creators.no_pairs"),
        )
    slope = float((x_c * y_c).sum() / sxx)
    mean_y = float(y.mean())
    relative = slope / mean_y if mean_y != 0 else None
    df = n - pairs - 1
    base = {
        **empty,
        "slope": slope,
        "relative_slope": relative,
        "df": df,
        "provenance": ESTIMATED,
    }
    if df <= 0:
        return Trend(**{**base, "df": None}, reason=Message("creators.too_few"))
    residuals = y_c - slope * x_c
    ssr = float((residuals**2).sum())
    variance = ssr / df / sxx
    # Slopes may differ between pairs: the cluster-robust variance by pair (CR1) carries that;
    # the larger of the two is used, with G − 1 degrees of freedom when it is the robust one.
    scores = pd.Series(x_c * residuals).groupby([k.to_numpy() for k in keys]).sum()
    informative = int((scores.abs() > 0).sum())
    if informative >= 2:
        factor = informative / (informative - 1) * (n - 1) / df
        robust = factor * float((scores.to_numpy() ** 2).sum()) / (sxx * sxx)
        if robust > variance:
            variance, df = robust, informative - 1
    half = float(stats.t.ppf((1 + confidence) / 2, df)) * math.sqrt(variance)
    low, high = slope - half, slope + half
    direction = RISING if low > 0 else FALLING if high < 0 else INCONCLUSIVE
    return Trend(**{**base, "df": df, "ci_low": low, "ci_high": high, "direction": direction})
