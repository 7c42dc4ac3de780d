"""Repeat exposure: average frequency, frequency distribution, unique reach, geometric adstock.

Aggregation runs in DuckDB; the adstock fit is a small least-squares problem on weekly numbers
already aggregated there.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from scipy.stats import f as f_dist

from i18n.messages import Message
from metrics.filters import Filters, campaign_condition, post_condition
from metrics.kpis import IMPRESSIONS_FROM_VIEWS_PLATFORMS
from store import post_totals

FREQUENCY_BUCKETS = (1, 2, 3, 4, 5, 10)
ADSTOCK_THETA_MAX = 0.95
ADSTOCK_GRID_STEP = 0.01
ADSTOCK_MIN_WEEKS = 6
ADSTOCK_METHOD = "profile"
# Fewer weeks than this: the θ range is shown as indicative. The profile interval holds 90 % on
# 8 weeks with independent errors (docs/intervals.md), but on short series the residuals cannot
# show whether the errors are autocorrelated, so the range is not promised at its level there.
ADSTOCK_INDICATIVE_WEEKS = 12
INDICATIVE_WARNINGS = ("exposure.indicative_short", "exposure.indicative_limit")
"""Codes of the warnings that say the θ range is indicative (the page says so in its own words)."""
# Brand-channel outcome window around the campaign: weeks before give the channel's base level,
# weeks after let the carry-over decay (the window of the demo's planted adstock truth).
BRAND_CHANNEL_WEEKS_BEFORE = 4
BRAND_CHANNEL_WEEKS_AFTER = 7
# A handle or brand term as compared: lower case, no accents, no spaces, dots or underscores,
# no leading @ or # ("Les Délices Verts", "@delicesverts" and "delices_verts" all meet).
HANDLE_KEY_SQL = "regexp_replace(strip_accents(lower({column})), '^[@#]|[\\s._]', '', 'g')"

# Post totals follow the one rule of metrics.kpis (latest lifetime snapshot per metric, else the
# sum of daily rows), so every page shows the same totals; ``{post_totals}`` is
# ``store.post_totals.totals_sql`` for the selected posts. Summed daily reach over-counts people
# seen on several days.
POST_TOTALS_SQL = textwrap.dedent(
    """
    WITH selected AS (
        SELECT p.post_id, p.platform, p.cost FROM posts AS p WHERE {condition}
    ),
    snapshots AS (
        SELECT s.post_id, s.platform, s.cost,
               t.post_id IS NOT NULL AS has_metrics,
               t.impressions, t.views, t.reach,
               t.lifetime_as_of IS NULL AND t.day_rows > 1 AS reach_over_days
        FROM selected AS s
        LEFT JOIN ({post_totals}) AS t ON t.post_id = s.post_id
    ),
    per_post AS (
        SELECT *,
               impressions IS NULL AND views IS NOT NULL
                   AND list_contains(?::TEXT[], platform) AS from_views,
               CASE WHEN impressions IS NULL AND list_contains(?::TEXT[], platform)
                    THEN views ELSE impressions END AS shown
        FROM snapshots
    )
    SELECT count(*) AS posts,
           count(*) FILTER (WHERE has_metrics) AS posts_with_metrics,
           sum(shown)::BIGINT AS impressions,
           count(*) FILTER (WHERE from_views) AS impressions_from_views,
           sum(reach)::BIGINT AS reach,
           count(reach) AS posts_with_reach,
           count(*) FILTER (WHERE reach_over_days) AS reach_over_days,
           sum(shown) FILTER (WHERE reach IS NOT NULL)::BIGINT AS paired_impressions,
           sum(reach) FILTER (WHERE shown IS NOT NULL)::BIGINT AS paired_reach,
           count(*) FILTER (WHERE has_metrics AND (reach IS NULL) <> (shown IS NULL)) AS unpaired,
           -- Money is summed exactly: a float sum's last digit follows the order rows arrive in.
           sum(cost::DECIMAL(38, 6))::DOUBLE AS cost,
           count(cost) AS posts_with_cost
    FROM per_post
    """
)

AD_TOTALS_SQL = textwrap.dedent(
    """
    SELECT count(*) AS ad_rows,
           sum(a.impressions)::BIGINT AS impressions,
           sum(a.reach)::BIGINT AS reach,
           count(a.reach) AS rows_with_reach,
           sum(a.impressions) FILTER (WHERE a.reach IS NOT NULL)::BIGINT AS paired_impressions,
           sum(a.reach) FILTER (WHERE a.impressions IS NOT NULL)::BIGINT AS paired_reach,
           sum(a.spend::DECIMAL(38, 6))::DOUBLE AS spend,
           count(a.spend) AS rows_with_spend,
           coalesce(list(DISTINCT a.currency ORDER BY a.currency)
               FILTER (WHERE a.currency IS NOT NULL), []) AS currencies
    FROM ad_delivery_counted AS a
    WHERE {condition}
      AND (?::DATE IS NULL OR a.date_end >= ?::DATE)
      AND (?::DATE IS NULL OR a.date_start <= ?::DATE)
    """
)

CAMPAIGN_CURRENCIES_SQL = textwrap.dedent(
    """
    SELECT coalesce(list(DISTINCT c.currency ORDER BY c.currency)
               FILTER (WHERE c.currency IS NOT NULL), [])
    FROM campaigns AS c
    WHERE {condition}
    """
)

# Rows of the exposure log under the filters; platform and creator come from the post seen.
EXPOSURE_CONDITION = textwrap.dedent(
    """
    {campaign}
    AND (?::DATE IS NULL OR e.exposed_at >= ?::DATE)
    AND (?::DATE IS NULL OR e.exposed_at < ?::DATE + INTERVAL 1 DAY)
    AND ((len(?::TEXT[]) = 0 AND len(?::TEXT[]) = 0) OR e.post_id IN (
        SELECT p.post_id FROM posts AS p
        WHERE (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], p.platform))
          AND (len(?::TEXT[]) = 0 OR list_contains(?::TEXT[], p.creator_id))
    ))
    """
)

FREQUENCY_DISTRIBUTION_SQL = textwrap.dedent(
    """
    WITH per_person AS (
        SELECT e.person_id, count(*) AS seen
        FROM exposures AS e
        WHERE {condition}
        GROUP BY e.person_id
    ),
    buckets AS (SELECT unnest(?::INTEGER[]) AS at_least)
    SELECT b.at_least,
           count(p.person_id) AS people,
           count(p.person_id) / nullif((SELECT count(*) FROM per_person), 0) AS share,
           (SELECT count(*) FROM per_person) AS people_reached,
           (SELECT coalesce(sum(seen), 0) FROM per_person)::BIGINT AS exposures
    FROM buckets AS b
    LEFT JOIN per_person AS p ON p.seen >= b.at_least
    GROUP BY b.at_least
    ORDER BY b.at_least
    """
)

CUMULATIVE_REACH_SQL = textwrap.dedent(
    """
    WITH logged AS (
        SELECT e.person_id, e.exposed_at::DATE AS day
        FROM exposures AS e
        WHERE {condition}
    ),
    calendar AS (
        SELECT unnest(generate_series(min(day), max(day), INTERVAL 1 DAY))::DATE AS day
        FROM logged
    ),
    daily AS (SELECT day, count(*) AS exposures FROM logged GROUP BY day),
    firsts AS (SELECT person_id, min(day) AS day FROM logged GROUP BY person_id),
    newly AS (SELECT day, count(*) AS new_people FROM firsts GROUP BY day),
    joined AS (
        SELECT c.day,
               coalesce(d.exposures, 0)::BIGINT AS exposures,
               coalesce(n.new_people, 0)::BIGINT AS new_people
        FROM calendar AS c
        LEFT JOIN daily AS d ON d.day = c.day
        LEFT JOIN newly AS n ON n.day = c.day
    )
    SELECT day, exposures, new_people,
           sum(new_people) OVER (ORDER BY day)::BIGINT AS cumulative_reach,
           sum(exposures) OVER (ORDER BY day)::BIGINT AS cumulative_exposures,
           sum(exposures) OVER (ORDER BY day)
               / nullif(sum(new_people) OVER (ORDER BY day), 0) AS cumulative_frequency
    FROM joined
    ORDER BY day
    """
)

OUTCOME_SQL = {
    "survey": textwrap.dedent(
        """
        SELECT date_trunc('week', responded_at)::DATE AS week,
               sum(CASE WHEN positive THEN w ELSE 0 END) / sum(w) AS outcome,
               count(*) AS observations
        FROM (
            SELECT responded_at, positive, coalesce(weight, 1.0) AS w
            FROM survey_responses
            WHERE campaign_id = ? AND positive IS NOT NULL AND responded_at IS NOT NULL
              AND (?::TEXT IS NULL OR question = ?)
              AND (?::TEXT IS NULL OR "group" = ?)
        )
        WHERE w > 0
        GROUP BY 1
        """
    ),
    "engagements": textwrap.dedent(
        """
        SELECT date_trunc('week', m.metric_date)::DATE AS week,
               sum(coalesce(m.likes, 0) + coalesce(m.comments, 0) + coalesce(m.shares, 0)
                   + coalesce(m.saves, 0))::DOUBLE AS outcome,
               count(*) AS observations
        FROM post_metrics AS m JOIN posts AS p ON p.post_id = m.post_id
        WHERE p.campaign_id = ? AND coalesce(p.sponsored, true) AND m.period = 'day'
        GROUP BY 1
        """
    ),
    "brand_channel": textwrap.dedent(
        """
        WITH campaign AS (
            SELECT brand_terms, start_date, end_date FROM campaigns WHERE campaign_id = ?
        ),
        terms AS (
            SELECT DISTINCT {handle_key:term} AS term
            FROM (SELECT unnest(json_extract_string(brand_terms, '$[*]')) AS term FROM campaign)
        ),
        channel AS (
            SELECT creator_id FROM creators
            WHERE {handle_key:handle} IN (SELECT term FROM terms WHERE term <> '')
        ),
        activity AS (
            SELECT min(day) AS first_day, max(day) AS last_day
            FROM (
                SELECT posted_at::DATE AS day FROM posts
                WHERE campaign_id = ? AND coalesce(sponsored, true)
                UNION ALL SELECT date_start FROM ad_delivery WHERE campaign_id = ?
                UNION ALL SELECT date_end FROM ad_delivery WHERE campaign_id = ?
            )
        ),
        span AS (
            -- Campaign dates when set, else the days it posted or bought ads.
            SELECT date_trunc('week', coalesce(c.start_date, a.first_day))::DATE
                       - to_weeks(?::INTEGER) AS first_day,
                   date_trunc('week', coalesce(c.end_date, a.last_day))::DATE
                       + to_weeks(?::INTEGER) + INTERVAL 6 DAY AS last_day
            FROM campaign AS c, activity AS a
        )
        SELECT date_trunc('week', m.metric_date)::DATE AS week,
               sum(m.views)::DOUBLE AS outcome,
               count(*) AS observations
        FROM post_metrics AS m
        JOIN posts AS p ON p.post_id = m.post_id
        CROSS JOIN span AS s
        WHERE p.creator_id IN (SELECT creator_id FROM channel)
          AND m.period = 'day' AND m.views IS NOT NULL
          AND m.metric_date BETWEEN s.first_day AND s.last_day
        GROUP BY 1
        """
    )
    .replace("{handle_key:term}", HANDLE_KEY_SQL.format(column="term"))
    .replace("{handle_key:handle}", HANDLE_KEY_SQL.format(column="handle")),
}

ENGAGEMENTS_FROM_WEEKS_SQL = textwrap.dedent(
    """
    SELECT w.week,
           sum(coalesce(w.likes, 0) + coalesce(w.comments, 0) + coalesce(w.shares, 0)
               + coalesce(w.saves, 0))::DOUBLE AS outcome,
           sum(w.day_rows) AS observations
    FROM post_weeks AS w JOIN posts AS p ON p.post_id = w.post_id
    WHERE p.campaign_id = ? AND coalesce(p.sponsored, true)
    GROUP BY 1
    """
)
"""``OUTCOME_SQL["engagements"]`` read from ``post_weeks`` (the campaign's daily rows already
summed by post and week at ingest): the same integers, from far fewer rows."""

WEEKLY_SERIES_SQL = textwrap.dedent(
    """
    WITH outcome AS ({outcome}),
    post_weeks AS (
        SELECT date_trunc('week', posted_at)::DATE AS week, count(*) AS posts,
               sum(cost) AS spend
        FROM posts
        WHERE campaign_id = ? AND coalesce(sponsored, true) AND posted_at IS NOT NULL
        GROUP BY 1
    ),
    ad_days AS (
        -- A delivery row covers several days: spread its spend evenly over them.
        SELECT unnest(generate_series(date_start, date_end, INTERVAL 1 DAY))::DATE AS day,
               spend / (date_diff('day', date_start, date_end) + 1) AS spend
        FROM ad_delivery_counted
        WHERE campaign_id = ? AND spend IS NOT NULL AND date_end >= date_start
    ),
    ad_weeks AS (
        SELECT date_trunc('week', day)::DATE AS week, sum(spend) AS spend
        FROM ad_days GROUP BY 1
    ),
    bounds AS (
        SELECT min(week) AS first_week, max(week) AS last_week
        FROM (
            SELECT week FROM post_weeks
            UNION ALL SELECT week FROM ad_weeks
            UNION ALL SELECT week FROM outcome
        )
    ),
    calendar AS (
        SELECT unnest(generate_series(first_week, last_week, INTERVAL 7 DAY))::DATE AS week
        FROM bounds
    )
    SELECT c.week,
           coalesce(p.posts, 0)::BIGINT AS posts,
           (coalesce(p.spend, 0) + coalesce(a.spend, 0))::DOUBLE AS spend,
           o.outcome::DOUBLE AS outcome,
           coalesce(o.observations, 0)::BIGINT AS observations
    FROM calendar AS c
    LEFT JOIN post_weeks AS p ON p.week = c.week
    LEFT JOIN ad_weeks AS a ON a.week = c.week
    LEFT JOIN outcome AS o ON o.week = c.week
    ORDER BY c.week
    """
)


@dataclass(frozen=True)
class DeliveryTotals:
    """Impressions, reach and spend of the filtered posts and paid delivery, with their caveats."""

    posts: int
    posts_with_metrics: int
    post_impressions: int | None
    post_reach: int | None
    post_cost: float | None
    ad_rows: int
    ad_impressions: int | None
    ad_reach: int | None
    ad_spend: float | None
    impressions: int | None
    reach: int | None
    spend: float | None
    paired_impressions: int | None
    paired_reach: int | None
    reach_summed_across_posts: bool
    impressions_from_views: bool
    reach_provenance: str
    warnings: tuple[str, ...]


def _add(*values: float | int | None) -> float | int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def delivery_totals(connection: duckdb.DuckDBPyConnection, filters: Filters) -> DeliveryTotals:
    """Total impressions, reach and spend of posts (latest snapshots) plus paid delivery.

    Reach is ``Σ reach`` over posts and delivery rows: people who saw several posts are counted
    once per post, so as soon as more than one reach figure is added the total over-counts
    people and is labelled ``estimated`` (Sillage spec §4, provenance). Spend is
    ``Σ posts.cost + Σ ad_delivery.spend``. Paid rows are left out when the filters name
    platforms or creators, which delivery exports do not carry.

    Args:
        connection: An open Sillage database.
        filters: The view's filters (campaigns, client, dates, platforms, creators).

    Returns:
        The totals; sums are None when nothing of that kind was exported.
    """
    post_sql, post_params = post_condition(filters, "p")
    platforms = list(IMPRESSIONS_FROM_VIEWS_PLATFORMS)
    totals = post_totals.totals_sql(connection, "post_id IN (SELECT post_id FROM selected)")
    row = connection.execute(
        POST_TOTALS_SQL.format(condition=post_sql, post_totals=totals),
        [*post_params, platforms, platforms],
    ).fetchone()
    (
        posts,
        with_metrics,
        post_impressions,
        from_views,
        post_reach,
        posts_with_reach,
        over_days,
        post_paired_impressions,
        post_paired_reach,
        unpaired,
        post_cost,
        _posts_with_cost,
    ) = row
    warnings: list[str] = []
    ads_apply = not filters.platforms and not filters.creator_ids
    ad_rows, ad_impressions, ad_reach, ad_rows_with_reach = 0, None, None, 0
    ad_paired_impressions = ad_paired_reach = ad_spend = None
    currencies: list[str] = []
    if ads_apply:
        ad_sql, ad_params = campaign_condition(filters, "a.campaign_id")
        dates = [filters.start, filters.start, filters.end, filters.end]
        (
            ad_rows,
            ad_impressions,
            ad_reach,
            ad_rows_with_reach,
            ad_paired_impressions,
            ad_paired_reach,
            ad_spend,
            _rows_with_spend,
            currencies,
        ) = connection.execute(AD_TOTALS_SQL.format(condition=ad_sql), ad_params + dates).fetchone()
        campaign_sql, campaign_params = campaign_condition(filters, "c.campaign_id")
        campaign_currencies = connection.execute(
            CAMPAIGN_CURRENCIES_SQL.format(condition=campaign_sql), campaign_params
        ).fetchone()[0]
        if len(currencies) > 1:
            warnings.append(Message("exposure.mixed_currencies", currencies=list(currencies)))
        elif currencies and campaign_currencies and set(currencies) != set(campaign_currencies):
            warnings.append(
                Message(
                    "exposure.currency_mismatch",
                    currency=currencies[0],
                    budget=list(campaign_currencies),
                )
            )
    elif filters.platforms or filters.creator_ids:
        warnings.append(Message("exposure.paid_left_out"))
    reach_figures = posts_with_reach + ad_rows_with_reach
    summed = reach_figures > 1 or over_days > 0
    if summed:
        warnings.append(Message("exposure.reach_summed", n=int(reach_figures)))
    if from_views:
        warnings.append(Message("exposure.views_for_impressions", n=int(from_views)))
    if unpaired:
        warnings.append(Message("exposure.unpaired", n=int(unpaired)))
    if posts and with_metrics < posts:
        warnings.append(
            Message("exposure.no_metrics_yet", n=int(posts - with_metrics), total=int(posts))
        )
    return DeliveryTotals(
        posts=int(posts),
        posts_with_metrics=int(with_metrics),
        post_impressions=post_impressions,
        post_reach=post_reach,
        post_cost=post_cost,
        ad_rows=int(ad_rows),
        ad_impressions=ad_impressions,
        ad_reach=ad_reach,
        ad_spend=ad_spend,
        impressions=_add(post_impressions, ad_impressions),
        reach=_add(post_reach, ad_reach),
        spend=_add(post_cost, ad_spend),
        paired_impressions=_add(post_paired_impressions, ad_paired_impressions),
        paired_reach=_add(post_paired_reach, ad_paired_reach),
        reach_summed_across_posts=summed,
        impressions_from_views=bool(from_views),
        reach_provenance="estimated" if summed else "measured",
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class FrequencySummary:
    """Average frequency of the filtered delivery and how far it can be trusted."""

    impressions: int | None
    reach: int | None
    frequency: float | None
    reach_summed_across_posts: bool
    impressions_from_views: bool
    provenance: str
    warnings: tuple[str, ...]


def average_frequency(connection: duckdb.DuckDBPyConnection, filters: Filters) -> FrequencySummary:
    """Average frequency ``impressions / reach`` (Meta Ads Manager's definition of frequency).

    Only posts and delivery rows that export both impressions (or views) and reach enter the
    ratio. When reach is a sum of per-post reach it over-counts people, so the frequency
    under-states repetition: ``reach_summed_across_posts`` says so and provenance is
    ``estimated``. Impressions below reach cannot happen for one audience: the frequency is
    then None with a warning, as it is when reach is 0 or missing.

    Args:
        connection: An open Sillage database.
        filters: The view's filters.

    Returns:
        The frequency summary.
    """
    totals = delivery_totals(connection, filters)
    impressions, reach = totals.paired_impressions, totals.paired_reach
    warnings = list(totals.warnings)
    frequency = None
    if impressions is None or reach is None:
        missing = (
            "exposure.no_reach_frequency"
            if totals.reach is None
            else "exposure.no_impressions_frequency"
            if totals.impressions is None
            else "exposure.no_paired_frequency"
        )
        warnings.append(Message(missing))
    elif reach == 0:
        warnings.append(Message("exposure.zero_reach"))
    elif impressions < reach:
        warnings.append(
            Message("exposure.impressions_below_reach", impressions=impressions, reach=reach)
        )
    else:
        frequency = impressions / reach
    estimated = totals.reach_summed_across_posts or totals.impressions_from_views
    return FrequencySummary(
        impressions=impressions,
        reach=reach,
        frequency=frequency,
        reach_summed_across_posts=totals.reach_summed_across_posts,
        impressions_from_views=totals.impressions_from_views,
        provenance="estimated" if estimated else "measured",
        warnings=tuple(warnings),
    )


def _exposure_condition(filters: Filters) -> tuple[str, list]:
    campaign_sql, params = campaign_condition(filters, "e.campaign_id")
    platforms, creators = list(filters.platforms), list(filters.creator_ids)
    params += [filters.start, filters.start, filters.end, filters.end]
    params += [platforms, creators, platforms, platforms, creators, creators]
    return EXPOSURE_CONDITION.format(campaign=campaign_sql), params


@dataclass(frozen=True, eq=False)
class FrequencyDistribution:
    """People reached at least k times, from an exposure log."""

    buckets: pd.DataFrame
    people_reached: int
    exposures: int
    average_frequency: float | None
    warnings: tuple[str, ...]


def frequency_distribution(
    connection: duckdb.DuckDBPyConnection,
    filters: Filters,
    buckets: Sequence[int] = FREQUENCY_BUCKETS,
) -> FrequencyDistribution:
    """Cumulative frequency distribution ("reach at k+") from person-level exposure logs.

    For each k in 1+, 2+, 3+, 4+, 5+, 10+ (the buckets of Nielsen and Meta frequency
    reports), the number of people exposed at least k times and their share of the people
    reached. Measured, not estimated: every row of the log is one person seeing one post.

    Args:
        connection: An open Sillage database.
        filters: The view's filters; dates restrict ``exposed_at``.
        buckets: The thresholds k.

    Returns:
        A frame with columns ``bucket``, ``at_least``, ``people``, ``share``, ``provenance``
        (share None when nobody was reached) and the totals.
    """
    condition, params = _exposure_condition(filters)
    frame = connection.execute(
        FREQUENCY_DISTRIBUTION_SQL.format(condition=condition),
        params + [sorted({int(k) for k in buckets})],
    ).df()
    people_reached = int(frame["people_reached"].iloc[0]) if len(frame) else 0
    exposures = int(frame["exposures"].iloc[0]) if len(frame) else 0
    table = pd.DataFrame(
        {
            "bucket": [f"{int(k)}+" for k in frame["at_least"]],
            "at_least": frame["at_least"].astype("int64"),
            "people": frame["people"].astype("int64"),
            "share": [None if pd.isna(s) else float(s) for s in frame["share"]],
            "provenance": "measured",
        }
    )
    warnings = () if people_reached else (Message("exposure.no_exposure_log"),)
    return FrequencyDistribution(
        buckets=table,
        people_reached=people_reached,
        exposures=exposures,
        average_frequency=exposures / people_reached if people_reached else None,
        warnings=warnings,
    )


def cumulative_reach(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Cumulative unique reach by day from person-level exposure logs.

    A person counts on the day of their first exposure in the selection; cumulative frequency
    is cumulative exposures over cumulative unique people. Every calendar day between the first
    and the last exposure has a row.

    Args:
        connection: An open Sillage database.
        filters: The view's filters; dates restrict ``exposed_at``.

    Returns:
        Columns ``day``, ``exposures``, ``new_people``, ``cumulative_reach``,
        ``cumulative_exposures``, ``cumulative_frequency``; empty when there is no log.
    """
    condition, params = _exposure_condition(filters)
    return connection.execute(CUMULATIVE_REACH_SQL.format(condition=condition), params).df()


def geometric_adstock(values: Sequence[float], theta: float) -> np.ndarray:
    """Geometric adstock ``A_t = x_t + θ·A_(t-1)`` with ``A_(-1) = 0``.

    Broadbent (1979) "adstock"; the geometric transform of Meta Robyn and Google LightweightMMM.

    Args:
        values: The input series x (e.g. weekly spend or posts).
        theta: Weekly carry-over rate in [0, 1).

    Returns:
        The adstocked series, same length as ``values``.
    """
    return _adstock_grid(np.asarray(values, dtype=float), np.array([float(theta)]))[0]


def _adstock_grid(x: np.ndarray, thetas: np.ndarray) -> np.ndarray:
    out = np.zeros((thetas.size, x.size))
    carry = np.zeros(thetas.size)
    for t, value in enumerate(x):
        carry = value + thetas * carry
        out[:, t] = carry
    return out


def _sse_by_theta(centred_a: np.ndarray, sxx: np.ndarray, y: np.ndarray) -> np.ndarray:
    """SSE of ``y = a + b·A(θ)`` for every θ (rows) and every series in ``y`` (columns)."""
    yc = y - y.mean(axis=-1, keepdims=True)
    syy = np.sum(yc * yc, axis=-1)
    sxy = centred_a @ yc.T
    explained = np.divide(sxy * sxy, sxx[:, None], out=np.zeros_like(sxy), where=sxx[:, None] > 0)
    return syy[None, :] - explained


def _half_life(theta: float | None) -> float | None:
    if theta is None or theta <= 0:
        return None
    return math.log(0.5) / math.log(theta)


@dataclass(frozen=True)
class AdstockFit:
    """Fitted carry-over of a weekly input into a weekly outcome."""

    theta: float | None
    theta_low: float | None
    theta_high: float | None
    half_life: float | None
    half_life_low: float | None
    half_life_high: float | None
    intercept: float | None
    slope: float | None
    r_squared: float | None
    weeks: int
    confidence: float
    warnings: tuple[str, ...]
    residual_autocorrelation: float | None = None
    indicative: bool = False
    method: str = ADSTOCK_METHOD


def fit_adstock(
    outcome_weekly: Sequence[float | None],
    input_weekly: Sequence[float],
    *,
    confidence: float = 0.90,
    theta_max: float = ADSTOCK_THETA_MAX,
    step: float = ADSTOCK_GRID_STEP,
) -> AdstockFit:
    """Fit the geometric adstock rate θ of ``y_t = a + b·A_t(θ) + e_t``.

    Geometric adstock as in Meta Robyn (``A_t = x_t + θ·A_(t-1)``); θ is chosen on a grid over
    [0, 0.95] by ordinary least squares at each θ (profile least squares, the fitted line's
    SSE(θ) minimised over the grid); half-life ``ln 0.5 / ln θ`` weeks (None when θ = 0; a bound
    at θ = 0 is the limit, 0 weeks).

    Interval (``method = "profile"``): the profile-likelihood (F-based) region for one nonlinear
    parameter of a least-squares model with ``p = 3`` parameters (Bates & Watts 1988, *Nonlinear
    Regression Analysis and Its Applications*, §6.1; Seber & Wild 1989, §5.9.1),
    ``{θ : SSE(θ) ≤ SSE_min·(1 + k·F(confidence; 1, n − 3) / (n − 3))}``, its ends placed
    between grid points by linear interpolation of SSE. ``k = (1 + ρ̃) / (1 − ρ̃)`` widens it
    for autocorrelated weekly errors: ρ̃ is the lag-1 autocorrelation of the residuals with the
    Marriott-Pope (1954) bias correction ``ρ̂ + (1 + 3ρ̂) / n``, clipped to [0, 0.9] (the
    long-run variance factor of AR(1) errors); ``k = 1`` when the residuals show none. The
    half-life range is the θ range transformed. Coverage is simulated in ``docs/intervals.md``
    (``scripts/calibration.py``); it replaced a block-bootstrap percentile interval that
    covered 76-84 % at 90 %.

    ``indicative`` is True, with a warning, when fewer than ``ADSTOCK_INDICATIVE_WEEKS`` weeks
    have an outcome (too few residuals to tell whether the errors are autocorrelated) or when
    the range reaches the grid's upper limit (the range is cut there): the range is then shown
    as indicative, not as a ``confidence`` interval.

    Weeks whose outcome is missing (None or NaN) still carry the input forward but are left out
    of the fit.

    Args:
        outcome_weekly: The outcome per week (a rate, engagements…); gaps allowed.
        input_weekly: The input per week (spend, posts), same length, no gaps.
        confidence: Coverage of the interval.
        theta_max: Largest θ tried.
        step: Grid step for θ.

    Returns:
        The fit; θ and everything derived from it are None, with a warning, when fewer than
        six weeks have an outcome or the input never varies.
    """
    y = np.array([np.nan if v is None else float(v) for v in outcome_weekly], dtype=float)
    x = np.nan_to_num(np.asarray(input_weekly, dtype=float), nan=0.0)
    if y.shape != x.shape:
        raise ValueError("outcome and input need one value per week each")
    observed = np.isfinite(y)
    weeks = int(observed.sum())
    thetas = np.round(np.arange(0.0, theta_max + step / 2, step), 10)
    adstock = _adstock_grid(x, thetas)[:, observed]
    y_obs = y[observed]

    def empty(reason: Message) -> AdstockFit:
        return AdstockFit(
            theta=None,
            theta_low=None,
            theta_high=None,
            half_life=None,
            half_life_low=None,
            half_life_high=None,
            intercept=None,
            slope=None,
            r_squared=None,
            weeks=weeks,
            confidence=confidence,
            warnings=(reason,),
        )

    if weeks < ADSTOCK_MIN_WEEKS:
        return empty(Message("exposure.too_few_weeks", n=weeks, minimum=ADSTOCK_MIN_WEEKS))
    centred = adstock - adstock.mean(axis=1, keepdims=True)
    sxx = np.sum(centred * centred, axis=1)
    if not (sxx > 1e-12 * max(1.0, float(np.max(np.abs(x))) ** 2)).any():
        return empty(Message("exposure.input_constant"))
    sse = _sse_by_theta(centred, sxx, y_obs[None, :])[:, 0]
    best = int(np.argmin(sse))
    theta = float(thetas[best])
    a_best = adstock[best]
    slope = float(centred[best] @ (y_obs - y_obs.mean()) / sxx[best]) if sxx[best] > 0 else 0.0
    intercept = float(y_obs.mean() - slope * a_best.mean())
    residuals = y_obs - (intercept + slope * a_best)
    syy = float(np.sum((y_obs - y_obs.mean()) ** 2))
    r_squared = 1.0 - float(sse[best]) / syy if syy > 0 else None

    rho = lag_one_autocorrelation(residuals)
    theta_low, theta_high = profile_interval(
        thetas, sse, weeks, parameters=3, confidence=confidence, autocorrelation=rho
    )
    # SSE(θ) is steep where θ is well determined: place the ends and the minimum again on a
    # grid ten times finer around them, so the interval does not shrink between grid points.
    fine = np.unique(
        np.clip(
            np.concatenate(
                [thetas]
                + [
                    centre + np.arange(-10, 11) * step / 10
                    for centre in (theta, theta_low, theta_high)
                ]
            ),
            0.0,
            theta_max,
        ).round(10)
    )
    fine_adstock = _adstock_grid(x, fine)[:, observed]
    fine_centred = fine_adstock - fine_adstock.mean(axis=1, keepdims=True)
    fine_sxx = np.sum(fine_centred * fine_centred, axis=1)
    fine_sse = _sse_by_theta(fine_centred, fine_sxx, y_obs[None, :])[:, 0]
    theta_low, theta_high = profile_interval(
        fine, fine_sse, weeks, parameters=3, confidence=confidence, autocorrelation=rho
    )
    cut = theta_high >= theta_max - step / 2 and theta_max < 1.0

    warnings = []
    if slope <= 0:
        warnings.append(Message("exposure.outcome_not_rising"))
    if theta >= theta_max - step / 2:
        warnings.append(Message("exposure.theta_at_limit", limit=theta_max))
    if r_squared is not None and r_squared < 0.1:
        warnings.append(Message("exposure.poor_fit", r_squared=r_squared))
    if weeks < ADSTOCK_INDICATIVE_WEEKS:
        warnings.append(Message("exposure.indicative_short", weeks=ADSTOCK_INDICATIVE_WEEKS))
    elif cut:
        warnings.append(Message("exposure.indicative_limit", limit=theta_max))
    return AdstockFit(
        theta=theta,
        theta_low=theta_low,
        theta_high=theta_high,
        half_life=_half_life(theta),
        half_life_low=_half_life(theta_low) if theta_low > 0 else 0.0,
        half_life_high=_half_life(theta_high) if theta_high > 0 else 0.0,
        intercept=intercept,
        slope=slope,
        r_squared=r_squared,
        weeks=weeks,
        confidence=confidence,
        warnings=tuple(warnings),
        residual_autocorrelation=rho,
        indicative=bool(weeks < ADSTOCK_INDICATIVE_WEEKS or cut),
    )


def lag_one_autocorrelation(residuals: np.ndarray) -> float | None:
    """Lag-1 autocorrelation ``Σ e_t·e_(t-1) / Σ e_t²`` of residuals (None when all are 0).

    Box & Jenkins, *Time Series Analysis*, §2.1.5 (the residuals of a fit with an intercept
    already have mean 0).
    """
    e = np.asarray(residuals, dtype=float)
    total = float(e @ e)
    if e.size < 2 or total <= 0:
        return None
    return float(e[1:] @ e[:-1]) / total


def profile_interval(
    grid: np.ndarray,
    sse: np.ndarray,
    n: int,
    *,
    parameters: int,
    confidence: float,
    autocorrelation: float | None = None,
) -> tuple[float, float]:
    """Profile-likelihood (F-based) interval of one parameter profiled on a grid.

    ``{g : SSE(g) ≤ SSE_min·(1 + k·F(confidence; 1, n − p) / (n − p))}`` (Bates & Watts 1988,
    §6.1), its ends placed between grid points by linear interpolation of SSE and clipped to the
    grid; the smallest range holding every grid point under the threshold. ``k`` is 1, or
    ``(1 + ρ̃) / (1 − ρ̃)`` with ``ρ̃ = ρ̂ + (1 + 3ρ̂) / n`` (Marriott & Pope 1954 bias
    correction of the lag-1 autocorrelation ``ρ̂``) clipped to [0, 0.9], the long-run variance
    factor of AR(1) errors.

    Args:
        grid: The parameter's grid, increasing.
        sse: The residual sum of squares at each grid point, minimised over the other
            parameters.
        n: Observations.
        parameters: Parameters of the model ``p`` (with the profiled one).
        confidence: Coverage.
        autocorrelation: Lag-1 autocorrelation of the residuals at the minimum, or None.

    Returns:
        ``(low, high)``.
    """
    df = n - parameters
    if df <= 0:
        return float(grid[0]), float(grid[-1])
    k = 1.0
    if autocorrelation is not None:
        adjusted = min(max(autocorrelation + (1.0 + 3.0 * autocorrelation) / n, 0.0), 0.9)
        k = (1.0 + adjusted) / (1.0 - adjusted)
    floor = max(float(np.min(sse)), 0.0)
    threshold = floor * (1.0 + k * float(f_dist.ppf(confidence, 1, df)) / df)
    inside = np.flatnonzero(sse <= threshold)
    first, last = int(inside[0]), int(inside[-1])

    def crossing(i: int, j: int) -> float:
        # Linear interpolation of SSE between grid points i (inside) and j (outside).
        if sse[j] == sse[i]:
            return float(grid[i])
        share = (threshold - sse[i]) / (sse[j] - sse[i])
        return float(grid[i] + share * (grid[j] - grid[i]))

    low = crossing(first, first - 1) if first > 0 else float(grid[0])
    high = crossing(last, last + 1) if last < grid.size - 1 else float(grid[-1])
    return low, high


def weekly_series(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    outcome: str = "survey",
    question: str | None = None,
    group: str | None = None,
) -> pd.DataFrame:
    """A campaign's weekly inputs (posts, spend) and weekly outcome, for the adstock fit.

    Weeks start on Monday (ISO). Spend is creator fees (``posts.cost``) in the week of posting
    plus paid spend spread evenly over each delivery row's days. Outcomes:

    - ``survey``: the weighted positive-answer rate of ``survey_responses`` by week of
      ``responded_at`` (optionally one question and one group);
    - ``engagements``: likes + comments + shares + saves from the campaign's daily post metrics;
    - ``brand_channel``: the weekly views (daily ``post_metrics`` rows) of the brand's own
      channel, i.e. the posts of creators whose handle is one of the campaign's
      ``brand_terms`` (compared lower-cased, accent-free, without spaces, dots, underscores
      or a leading @ or #), from 4 weeks before the campaign's first week to 7 weeks after its
      last (its dates, else the days it posted or bought ads).

    Weeks without an outcome have ``outcome`` NaN.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        outcome: ``survey``, ``engagements`` or ``brand_channel``.
        question: Survey question to keep (None: all questions); survey only.
        group: Survey group to keep (``exposed``, ``control`` or None for both); survey only.

    Returns:
        Columns ``week``, ``posts``, ``spend``, ``outcome``, ``observations``, one row per
        calendar week from the first to the last week with any of them; empty when none.
    """
    if outcome not in OUTCOME_SQL:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOME_SQL)}, got {outcome!r}")
    if group not in (None, "exposed", "control"):
        raise ValueError(f"group must be 'exposed', 'control' or None, got {group!r}")
    outcome_sql = OUTCOME_SQL[outcome]
    if outcome == "engagements" and post_totals.is_current(connection):
        outcome_sql = ENGAGEMENTS_FROM_WEEKS_SQL
    sql = WEEKLY_SERIES_SQL.format(outcome=outcome_sql)
    if outcome == "survey":
        outcome_params = [campaign_id, question, question, group, group]
    elif outcome == "brand_channel":
        outcome_params = [
            *[campaign_id] * 4,
            BRAND_CHANNEL_WEEKS_BEFORE,
            BRAND_CHANNEL_WEEKS_AFTER,
        ]
    else:
        outcome_params = [campaign_id]
    params = [*outcome_params, campaign_id, campaign_id]
    return connection.execute(sql, params).df()


@dataclass(frozen=True, kw_only=True)
class CampaignAdstockFit(AdstockFit):
    """An adstock fit on a campaign's own weekly series, with the series it was fitted on."""

    outcome: str
    input: str


def fit_campaign_adstock(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    input: str = "spend",
    outcome: str | None = None,
    question: str | None = None,
    group: str | None = None,
    confidence: float = 0.90,
) -> CampaignAdstockFit:
    """Geometric adstock θ fitted on the campaign's own weekly series (see ``fit_adstock``).

    With ``outcome=None`` the survey series is used when at least ``ADSTOCK_MIN_WEEKS`` weeks
    have answers; otherwise the brand's own channel views (``brand_channel``), when they cover
    enough weeks. ``outcome`` of the result names the series used.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        input: ``spend`` or ``posts``.
        outcome: ``survey``, ``engagements``, ``brand_channel`` (see ``weekly_series``) or
            None to choose as above.
        question: Survey question to keep (None: all).
        group: Survey group to keep (None: both).
        confidence: Coverage of the θ interval.

    Returns:
        The fit, with warnings when the campaign's data cannot support one.
    """
    if input not in ("spend", "posts"):
        raise ValueError(f"input must be 'spend' or 'posts', got {input!r}")
    chosen = "survey" if outcome is None else outcome
    series = weekly_series(connection, campaign_id, chosen, question, group)
    notes: list[str] = []
    if outcome is None:
        survey_weeks = int(series["outcome"].notna().sum())
        if survey_weeks < ADSTOCK_MIN_WEEKS:
            channel = weekly_series(connection, campaign_id, "brand_channel")
            channel_weeks = int(channel["outcome"].notna().sum())
            if channel_weeks >= ADSTOCK_MIN_WEEKS:
                chosen, series = "brand_channel", channel
                notes.append(Message("exposure.survey_weeks_fallback", n=survey_weeks))
            else:
                notes.append(Message("exposure.channel_too_few", n=channel_weeks))
    if series.empty:
        fit = fit_adstock([], [], confidence=confidence)
    else:
        fit = fit_adstock(series["outcome"].tolist(), series[input].tolist(), confidence=confidence)
    return CampaignAdstockFit(
        **{**vars(fit), "warnings": (*notes, *fit.warnings)}, outcome=chosen, input=input
    )
