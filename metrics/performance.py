"""Performance of a campaign's posts: what a platform export alone can say.

Views, reach, impressions, likes, comments, shares, saves and engagements, each with its
provenance; engagement rates on every base the data allows; cost per view and per engagement
when a fee or ad spend is known; the same per post and per creator; cumulative views and
engagements by days since launch; the best and weakest posts.

Posts are those of ``metrics.kpis.post_facts`` under the filters (``metrics.filters.post_condition``,
so a sponsored-only view stays sponsored-only), and their totals follow its rule: per metric, the
latest lifetime snapshot that reports it, else the sum of its per-day rows. The shared
definitions (engagements, engagement rate by reach / impressions / followers, CPV, CPE) are
``metrics.kpis``'s, read through ``kpis.kpis``; engagement rate by views is defined here.

Texts are returned as keys (``reason``, ``source``) for the interface to translate, never as
sentences; rates are fractions; money is in the campaign currency named beside it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from i18n.messages import Message
from metrics import kpis
from metrics.filters import Filters, campaign_condition, post_condition

MEASURED = "measured"
"""One number as the export gave it (a single post reports it)."""
SUMMED = "summed"
"""The sum of several posts' numbers (reach summed this way over-counts people)."""
NOT_EXPORTED = "not_exported"
"""No selected post's export carries this metric."""

COUNT_METRICS = (
    "views",
    "reach",
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "engagements",
)
"""The campaign totals, in the order they are shown."""

RATE_BASES = ("views", "reach", "impressions", "followers")
"""The bases an engagement rate can have, in the order they are shown."""

MIN_VIEWS = 100
"""A post ranks among the best or weakest only with at least this many views (smaller samples
give engagement rates that swing on a handful of likes)."""

TOP = 3
"""How many best and how many weakest posts are named (fewer when few posts qualify)."""

SNIPPET_CHARS = 80
"""Longest caption or title snippet in the per-post table, ellipsis included."""

ER_VIEWS = {
    "label": Message("kpi.er_views"),
    "formula": Message("perf.er_views_formula"),
    "source": Message("kpi.er_views.source"),
}
"""The definition this module adds to ``kpis.DEFINITIONS``: Σ engagements / Σ views over posts
reporting both (engagements = likes + comments + shares + saves, as ``metrics.kpis`` adds them)."""

RATE_METRICS = {
    "views": "er_views",
    "reach": "er_reach",
    "impressions": "er_impressions",
    "followers": "er_followers",
}
"""Base of an engagement rate -> its metric key (``er_views`` here, the others in kpis)."""


@dataclass(frozen=True)
class Sources:
    """What a campaign (or a filtered view) holds, counted by kind of export."""

    posts: int
    posts_with_numbers: int
    survey_answers: int
    survey_results: int
    exposures: int
    comments: int
    ad_rows: int

    @property
    def survey(self) -> bool:
        """A brand-lift survey is loaded (answers or aggregated results)."""
        return bool(self.survey_answers or self.survey_results)

    @property
    def platform_only(self) -> bool:
        """Posts, but no survey, exposure log or comments."""
        return bool(self.posts) and not (self.survey or self.exposures or self.comments)


@dataclass(frozen=True)
class Total:
    """A campaign total: its value (None when not exported) and how it was obtained.

    ``provenance`` is ``measured`` (one post reports it), ``summed`` (added across
    ``reporting`` posts) or ``not_exported``; ``estimated_posts`` counts posts whose views
    stand in for impressions (``kpis.IMPRESSIONS_FROM_VIEWS_PLATFORMS``).
    """

    metric: str
    value: float | None
    provenance: str
    reporting: int
    posts: int
    estimated_posts: int = 0


@dataclass(frozen=True)
class Rate:
    """An engagement rate on one base: Σ engagements / Σ base over posts reporting both."""

    metric: str
    base: str
    value: float
    numerator: float
    denominator: float
    reporting: int
    posts: int
    provenance: str
    note: str | None = None


@dataclass(frozen=True)
class UnitCost:
    """Cost per view or per engagement (``metrics.kpis``: cost / views, cost / engagements)."""

    metric: str
    value: float
    currency: str | None
    provenance: str
    note: str | None = None


@dataclass(frozen=True)
class Ranking:
    """The best and weakest posts and the rule that chose them.

    ``basis`` is ``er_views`` (engagement rate by views) or ``views`` (when no post has
    engagements); only posts with at least ``min_views`` views qualify (``eligible`` did).
    ``reason`` is a key when fewer than two posts qualify.
    """

    basis: str
    min_views: int
    eligible: int
    best: pd.DataFrame
    weakest: pd.DataFrame
    reason: str | None = None


@dataclass(frozen=True)
class Cumulative:
    """Views and engagements by days since launch (day 0 = the campaign's first post).

    ``source`` is ``daily`` (per-day rows), ``posting_day`` (each post's lifetime numbers
    placed on the day it was posted) or ``mixed`` (per-day rows where a post has them).
    """

    frame: pd.DataFrame
    source: str
    launch: Any


@dataclass(frozen=True)
class Performance:
    """Everything the Performance section shows for one view."""

    totals: tuple[Total, ...]
    rates: tuple[Rate, ...]
    unit_costs: tuple[UnitCost, ...]
    cost: float | None
    currency: str | None
    cost_reason: str | None
    posts: pd.DataFrame
    creators: pd.DataFrame
    cumulative: Cumulative
    ranking: Ranking


SOURCES_SQL = textwrap.dedent(
    """
    SELECT
        (SELECT count(*) FROM posts p WHERE {posts}) AS posts,
        (SELECT count(*) FROM posts p JOIN post_totals t ON t.post_id = p.post_id
          WHERE {posts}) AS posts_with_numbers,
        (SELECT count(*) FROM survey_responses WHERE {campaign}) AS survey_answers,
        (SELECT count(*) FROM survey_results WHERE {campaign}) AS survey_results,
        (SELECT count(*) FROM exposures WHERE {campaign}) AS exposures,
        (SELECT count(*) FROM comments c JOIN posts p ON p.post_id = c.post_id
          WHERE {posts}) AS comments,
        (SELECT count(*) FROM ad_delivery WHERE {campaign}) AS ad_rows
    """
)
"""Rows of each kind of export under the filters (posts and comments by the post filters)."""

TOTALS_SQL = textwrap.dedent(
    """
    WITH facts AS ({{facts}})
    SELECT count(*) AS posts,
           {sums},
           count(impressions_from_views) AS impressions_estimated_n,
           sum(engagements) FILTER (WHERE views > 0) AS er_views_num,
           sum(views) FILTER (WHERE engagements IS NOT NULL AND views > 0) AS er_views_den,
           count(*) FILTER (WHERE engagements IS NOT NULL AND views > 0) AS er_views_n,
           count(*) FILTER (WHERE engagements IS NOT NULL AND impressions_measured IS NOT NULL)
             AS er_impressions_measured_n
    FROM facts
    """
).format(sums=",\n           ".join(f"sum({m}) AS {m}, count({m}) AS {m}_n" for m in COUNT_METRICS))
"""Campaign totals over the post facts, and engagement rate by views' parts."""

POSTS_SQL = textwrap.dedent(
    """
    WITH facts AS ({facts})
    SELECT f.post_id, f.platform, f.creator_id, cr.handle, f.posted_at, p.title, p.caption,
           p.url, p.native_id, f.views, f.reach, f.likes, f.comments, f.shares, f.saves,
           f.engagements, f.cost, f.currency
    FROM facts f
    JOIN posts p ON p.post_id = f.post_id
    LEFT JOIN creators cr ON cr.creator_id = f.creator_id
    ORDER BY f.posted_at NULLS LAST, f.post_id
    """
)
"""One row per post with what the per-post table, the creators and the ranking need."""

DAILY_SQL = textwrap.dedent(
    """
    WITH facts AS ({facts})
    SELECT m.post_id, m.metric_date AS day, m.views,
           CASE WHEN coalesce(m.likes, m.comments, m.shares, m.saves) IS NOT NULL
                THEN coalesce(m.likes, 0) + coalesce(m.comments, 0)
                     + coalesce(m.shares, 0) + coalesce(m.saves, 0) END AS engagements
    FROM post_metrics m
    JOIN facts f ON f.post_id = m.post_id
    WHERE m.period = 'day'
    """
)
"""The selected posts' per-day rows, engagements as ``metrics.kpis`` adds them."""


def sources(connection: duckdb.DuckDBPyConnection, filters: Filters) -> Sources:
    """Counts of posts, survey answers and results, exposures, comments and ad rows.

    Posts and comments follow the post filters (platform, creator, dates, sponsored); the
    survey, exposure log and ad delivery follow the client and campaigns only.
    """
    posts, post_params = post_condition(filters, "p")
    campaign, campaign_params = campaign_condition(filters, "campaign_id")
    sql = SOURCES_SQL.format(posts=posts, campaign=campaign)
    params = [
        *post_params,
        *post_params,
        *campaign_params,
        *campaign_params,
        *campaign_params,
        *post_params,
        *campaign_params,
    ]
    row = connection.execute(sql, params).fetchone()
    return Sources(*(int(v or 0) for v in row))


def totals(connection: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[Total, ...]:
    """Views, reach, impressions, likes, comments, shares, saves and engagements of the posts.

    Each is Σ over the posts reporting it of the post's total (``kpis.post_facts``: latest
    lifetime snapshot per metric, else the sum of its per-day rows). Engagements = likes +
    comments + shares + saves, a part the export lacks counting 0 (``kpis.DEFINITIONS``);
    impressions take a post's views where the platform exports views instead
    (``kpis.IMPRESSIONS_FROM_VIEWS_PLATFORMS``). Provenance: ``measured`` for one reporting
    post, ``summed`` for several (summed reach over-counts people reached twice),
    ``not_exported`` for none.

    Source: Hootsuite engagement formulas.
    """
    row = _totals_row(connection, filters)
    return _totals_from(row)


def engagement_rates(connection: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[Rate, ...]:
    """The engagement rates the data allows, one per base (views, reach, impressions, followers).

    By views: Σ engagements / Σ views over posts reporting both with views > 0 (``ER_VIEWS``).
    By reach, impressions and followers: ``kpis.DEFINITIONS`` ``er_reach``, ``er_impressions``
    and ``er_followers`` as ``kpis.kpis`` computes them. A base no post reports is left out, and
    so is impressions when every impression behind the rate is a view standing in for one (the
    rate by views is then the same number).

    Source: Hootsuite, 'All the different ways to calculate engagement rate' (2019).
    """
    row = _totals_row(connection, filters)
    frame = kpis.kpis(connection, filters, by="all")
    return _rates_from(row, frame)


def unit_costs(
    connection: duckdb.DuckDBPyConnection, filters: Filters
) -> tuple[tuple[UnitCost, ...], float | None, str | None, str | None]:
    """CPV = cost / views and CPE = cost / engagements, when a fee or ad spend is known.

    Cost is ``kpis.DEFINITIONS["cost"]``: Σ posts.cost + Σ ad_delivery.spend, in one currency.
    Returns the unit costs that exist, the cost, its currency and, without a cost, the reason
    as a key (``perf.reason_no_cost`` or ``perf.reason_mixed_currencies``).

    Source: IAB Glossary of Interactive Advertising Terms; Google Ads 'CPV'.
    """
    return _costs_from(kpis.kpis(connection, filters, by="all"))


def post_table(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per post: platform, creator, date, snippet, link, views, engagements, ER by views.

    ``snippet`` is the title, else the caption, on one line and at most ``SNIPPET_CHARS``
    characters (an ellipsis ends a cut one); ``url`` is the exported link, else one built from
    a YouTube video id. ``er_views`` = engagements / views (``ER_VIEWS``) when both are there
    and views > 0.
    """
    return _post_frame(_posts(connection, filters))


def creator_table(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per creator (and platform): posts, views, engagements, ER by views and fees.

    er_views = Σ engagements / Σ views over the creator's posts reporting both (``ER_VIEWS``);
    cost = Σ posts.cost (None when none is recorded or currencies differ). Posts whose export
    names no creator (a YouTube Studio table of the channel's own videos) form one row per
    platform with ``creator_id`` None.
    """
    return _creator_frame(_posts(connection, filters))


def cumulative(connection: duckdb.DuckDBPyConnection, filters: Filters) -> Cumulative:
    """Cumulative views and engagements by days since launch (day 0 = first post's date).

    A post with per-day rows adds each day's numbers on its day; a post with only lifetime
    numbers adds them all on the day it was posted (its totals as ``kpis.post_facts`` reads
    them), so the curve then shows when content went out, not when it was watched. ``source``
    says which applies.
    """
    return _cumulative_from(connection, filters, _posts(connection, filters))


def ranking(connection: duckdb.DuckDBPyConnection, filters: Filters) -> Ranking:
    """The best and weakest posts by engagement rate by views (or by views without engagements).

    Only posts with at least ``MIN_VIEWS`` views qualify; up to ``TOP`` each, never the same
    post in both lists (fewer when fewer than 2 × ``TOP`` qualify). Ties go to the earlier post.
    """
    return _ranking_from(_post_frame(_posts(connection, filters)))


def performance(connection: duckdb.DuckDBPyConnection, filters: Filters) -> Performance:
    """Everything above for one view, reading the posts once.

    Source: see ``totals``, ``engagement_rates``, ``unit_costs``, ``post_table``,
    ``creator_table``, ``cumulative`` and ``ranking``.
    """
    row = _totals_row(connection, filters)
    frame = kpis.kpis(connection, filters, by="all")
    posts = _posts(connection, filters)
    post_frame = _post_frame(posts)
    costs, cost, currency, cost_reason = _costs_from(frame)
    return Performance(
        totals=_totals_from(row),
        rates=_rates_from(row, frame),
        unit_costs=costs,
        cost=cost,
        currency=currency,
        cost_reason=cost_reason,
        posts=post_frame,
        creators=_creator_frame(posts),
        cumulative=_cumulative_from(connection, filters, posts),
        ranking=_ranking_from(post_frame),
    )


# --- assembly -------------------------------------------------------------------------------


def _facts(connection: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, list]:
    return kpis.facts_sql(connection, filters)


def _totals_row(connection: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, Any]:
    facts, params = _facts(connection, filters)
    result = connection.execute(TOTALS_SQL.format(facts=facts), params)
    names = [d[0] for d in result.description]
    return dict(zip(names, result.fetchone(), strict=True))


def _float(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _totals_from(row: dict[str, Any]) -> tuple[Total, ...]:
    posts = int(row["posts"] or 0)
    out = []
    for metric in COUNT_METRICS:
        n = int(row[f"{metric}_n"] or 0)
        provenance = NOT_EXPORTED if n == 0 else (MEASURED if n == 1 else SUMMED)
        out.append(
            Total(
                metric,
                _float(row[metric]) if n else None,
                provenance,
                n,
                posts,
                int(row["impressions_estimated_n"] or 0) if metric == "impressions" else 0,
            )
        )
    return tuple(out)


def _rates_from(row: dict[str, Any], frame: pd.DataFrame) -> tuple[Rate, ...]:
    posts = int(row["posts"] or 0)
    rates = []
    num, den = _float(row["er_views_num"]), _float(row["er_views_den"])
    if num is not None and den:
        rates.append(
            Rate("er_views", "views", num / den, num, den, int(row["er_views_n"]), posts, MEASURED)
        )
    by_metric = {r.metric: r for r in frame.itertuples(index=False)}
    for base in RATE_BASES[1:]:
        metric = RATE_METRICS[base]
        value = by_metric.get(metric)
        if value is None or value.value is None:
            continue
        if base == "impressions" and not row["er_impressions_measured_n"] and rates:
            continue  # every impression is a view standing in: the rate by views already says it
        rates.append(
            Rate(
                metric,
                base,
                float(value.value),
                float(value.numerator),
                float(value.denominator),
                int(value.posts),
                posts,
                value.provenance,
                value.note,
            )
        )
    return tuple(rates)


def _costs_from(
    frame: pd.DataFrame,
) -> tuple[tuple[UnitCost, ...], float | None, str | None, str | None]:
    by_metric = {r.metric: r for r in frame.itertuples(index=False)}
    cost = by_metric.get("cost")
    if cost is None or cost.value is None:
        reason = "perf.reason_no_cost"
        if cost is not None and getattr(cost.reason, "code", None) == "kpi.reason.mixed_costs":
            reason = "perf.reason_mixed_currencies"
        return (), None, None, reason
    out = []
    for metric in ("cpv", "cpe"):
        value = by_metric.get(metric)
        if value is not None and value.value is not None:
            out.append(
                UnitCost(metric, float(value.value), value.unit, value.provenance, value.note)
            )
    return tuple(out), float(cost.value), cost.unit, None


def _posts(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    facts, params = _facts(connection, filters)
    return connection.execute(POSTS_SQL.format(facts=facts), params).df()


def snippet(title: Any, caption: Any, limit: int = SNIPPET_CHARS) -> str | None:
    """The title, else the caption, on one line, cut to ``limit`` characters with an ellipsis."""
    for text in (title, caption):
        if isinstance(text, str) and text.strip():
            line = " ".join(text.split())
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return None


def post_link(platform: Any, native_id: Any, url: Any) -> str | None:
    """The exported link, else a YouTube watch link built from the video id."""
    if isinstance(url, str) and url.strip():
        return url.strip()
    if platform == "youtube" and isinstance(native_id, str) and native_id.strip():
        return f"https://www.youtube.com/watch?v={native_id.strip()}"
    return None


def _ratio(num: Any, den: Any) -> float | None:
    num, den = _float(num), _float(den)
    return None if num is None or not den else num / den


POST_COLUMNS = (
    "post_id",
    "platform",
    "creator_id",
    "handle",
    "posted_at",
    "snippet",
    "url",
    "views",
    "engagements",
    "er_views",
)


def _post_frame(posts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in posts.itertuples(index=False):
        views, engagements = _float(r.views), _float(r.engagements)
        rows.append(
            {
                "post_id": r.post_id,
                "platform": r.platform,
                "creator_id": None if pd.isna(r.creator_id) else r.creator_id,
                "handle": None if pd.isna(r.handle) else r.handle,
                "posted_at": None if pd.isna(r.posted_at) else pd.Timestamp(r.posted_at).date(),
                "snippet": snippet(r.title, r.caption),
                "url": post_link(r.platform, r.native_id, r.url),
                "views": views,
                "engagements": engagements,
                "er_views": _ratio(engagements, views) if engagements is not None else None,
            }
        )
    return pd.DataFrame(
        {c: pd.Series([row[c] for row in rows], dtype=object) for c in POST_COLUMNS}
    )


CREATOR_COLUMNS = (
    "creator_id",
    "handle",
    "platform",
    "posts",
    "views",
    "engagements",
    "er_views",
    "cost",
    "currency",
)


def _creator_frame(posts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    if not posts.empty:
        keyed = posts.assign(
            _creator=posts["creator_id"].fillna(""),
            _both=posts["engagements"].notna() & (posts["views"].fillna(0) > 0),
        )
        for (creator, platform), group in keyed.groupby(["_creator", "platform"], sort=True):
            both = group[group["_both"]]
            costs = group["cost"].dropna()
            currencies = sorted(set(group.loc[group["cost"].notna(), "currency"].dropna()))
            mixed = len(currencies) > 1
            rows.append(
                {
                    "creator_id": creator or None,
                    "handle": next(iter(group["handle"].dropna()), None),
                    "platform": platform,
                    "posts": len(group),
                    "views": _float(group["views"].sum(min_count=1)),
                    "engagements": _float(group["engagements"].sum(min_count=1)),
                    "er_views": _ratio(both["engagements"].sum(), both["views"].sum())
                    if len(both)
                    else None,
                    "cost": None if costs.empty or mixed else float(costs.sum()),
                    "currency": currencies[0] if len(currencies) == 1 else None,
                }
            )
    frame = pd.DataFrame(
        {c: pd.Series([row[c] for row in rows], dtype=object) for c in CREATOR_COLUMNS}
    )
    frame["posts"] = frame["posts"].astype("int64")
    return frame


def _cumulative_from(
    connection: duckdb.DuckDBPyConnection, filters: Filters, posts: pd.DataFrame
) -> Cumulative:
    columns = ["day", "date", "views", "engagements", "cumulative_views", "cumulative_engagements"]
    dated = posts[posts["posted_at"].notna()]
    if dated.empty:
        return Cumulative(pd.DataFrame(columns=columns), "posting_day", None)
    launch = pd.Timestamp(dated["posted_at"].min()).normalize()
    facts, params = _facts(connection, filters)
    daily = connection.execute(DAILY_SQL.format(facts=facts), params).df()
    with_days = set(daily["post_id"])
    placed = dated[~dated["post_id"].isin(with_days)]
    parts = [
        pd.DataFrame(
            {
                "date": pd.to_datetime(daily["day"]).dt.normalize(),
                "views": daily["views"].astype("Float64"),
                "engagements": daily["engagements"].astype("Float64"),
            }
        ),
        pd.DataFrame(
            {
                "date": pd.to_datetime(placed["posted_at"]).dt.normalize(),
                "views": placed["views"].astype("Float64"),
                "engagements": placed["engagements"].astype("Float64"),
            }
        ),
    ]
    if with_days and placed.empty:
        source = "daily"
    elif with_days:
        source = "mixed"
    else:
        source = "posting_day"
    every = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    by_day = every.groupby("date", sort=True).sum(min_count=1).reset_index()
    frame = pd.DataFrame(
        {
            "day": (by_day["date"] - launch).dt.days.astype("int64"),
            "date": [d.date() for d in by_day["date"]],
        }
    )
    for metric in ("views", "engagements"):
        values = by_day[metric]
        present = values.notna().any()
        frame[metric] = [_float(v) for v in values]
        frame[f"cumulative_{metric}"] = (
            [float(v) for v in values.fillna(0).cumsum()] if present else [None] * len(values)
        )
    frame = kpis.nulls_to_none(frame, ["views", "engagements", "cumulative_views",
                                       "cumulative_engagements"])  # fmt: skip
    return Cumulative(frame, source, launch.date())


def _ranking_from(post_frame: pd.DataFrame) -> Ranking:
    has_views = post_frame["views"].map(lambda v: v is not None and v >= MIN_VIEWS)
    has_engagements = post_frame["engagements"].map(lambda v: v is not None)
    basis = "er_views" if (has_views & has_engagements).any() else "views"
    eligible = (
        post_frame[has_views & has_engagements] if basis == "er_views" else post_frame[has_views]
    )
    n = min(TOP, len(eligible) // 2)
    if n == 0:
        empty = post_frame.iloc[0:0]
        return Ranking(basis, MIN_VIEWS, len(eligible), empty, empty, "perf.reason_few_posts")
    order = eligible.assign(_score=eligible[basis].astype(float), _order=range(len(eligible)))
    best = order.sort_values(["_score", "_order"], ascending=[False, True]).head(n)
    weakest = order.sort_values(["_score", "_order"], ascending=[True, True]).head(n)
    drop = ["_score", "_order"]
    return Ranking(
        basis,
        MIN_VIEWS,
        len(eligible),
        best.drop(columns=drop).reset_index(drop=True),
        weakest.drop(columns=drop).reset_index(drop=True),
    )
