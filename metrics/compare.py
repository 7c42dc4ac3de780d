"""Compare campaigns over time: side-by-side totals, an index on the agency's median campaign,
and week-by-week series aligned on each campaign's launch with the agency's median as benchmark.

*Launch* (week 0) is the earlier of the campaign's ``start_date`` and its first post; a campaign
with neither has no series. *Week n since launch* holds days ``7n … 7n + 6`` after launch; events
before launch (a teaser ad row) count in week 0.

Totals come from ``metrics.kpis.kpis`` (creator fees plus paid delivery, the same numbers as every
other page) and, for brand-lift metrics, from ``metrics.brand_lift.lift_by_question``.

Weekly series are cumulative to date: sums add up week after week, ratios divide the cumulative
numerator by the cumulative denominator, lifts use every answer received so far. Their timing has
a provenance (``timing``):

- ``daily``: the post's per-day ``post_metrics`` rows (period ``day``), placed on their day;
- ``posting_date``: posts without per-day rows contribute their latest lifetime snapshot (the
  ``POST_TOTALS_SQL`` rule) entirely to the week they were posted — the shape over time is then
  an estimate;
- ``paid_spread``: paid delivery rows (``ad_delivery``) spread evenly over their date range;
- ``response_date``: survey answers placed on ``responded_at``.

The benchmark is the median, per week since launch, over ALL campaigns in the database (not only
the selected ones) whose series reaches that week; ``campaigns`` says how many.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import pandas as pd

from i18n.messages import Message
from metrics.brand_lift import question_counts
from metrics.filters import Filters
from metrics.kpis import DEFINITIONS, ESTIMATED, IMPRESSIONS_FROM_VIEWS_PLATFORMS, MEASURED, kpis

MIN_CAMPAIGNS = 2
MAX_CAMPAIGNS = 10
MAX_WEEKS = 104
"""Weeks since launch the series cover (two years): a long tail of per-day rows past that is left
out of the lines (never out of the totals), so a chart stays readable and a rerun fast."""
MIN_BENCHMARK_CAMPAIGNS = 3
"""A weekly median over fewer campaigns than this is no benchmark: shown as missing."""
INDEX_BASE = 100.0

Kind = Literal["sum", "ratio", "lift"]
Unit = Literal["count", "ratio", "money", "points"]


@dataclass(frozen=True)
class ComparableMetric:
    """A metric the comparison offers: label, definition, and how its weekly value is built.

    ``title``, ``formula`` and ``source`` are messages of the catalogue, written in the reader's
    language. ``numerator`` and ``denominator`` name columns of ``WEEKLY_COMPONENTS_SQL`` (a
    ``sum`` uses the numerator only); ``question`` names the survey question of a ``lift``.
    """

    key: str
    title: Message
    formula: Message
    source: Message
    kind: Kind
    unit: Unit
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    question: str | None = None
    lower_is_better: bool = False

    def label(self, lang: str | None = None) -> str:
        """The label in ``lang`` (English when None)."""
        return self.title.render(lang)

    def definition(self, lang: str | None = None) -> str:
        """The definition in ``lang`` (English when None), with its source."""
        return Message("cmp.definition", formula=self.formula, source=self.source).render(lang)


def _kpi(key: str, kind: Kind, unit: Unit, **how: Any) -> ComparableMetric:
    """A KPI of ``metrics.kpis``, with its label, formula and source (``kpis.DEFINITIONS``)."""
    definition = DEFINITIONS[key]
    return ComparableMetric(
        key, definition["label"], definition["formula"], definition["source"], kind, unit, **how
    )


def _lift(question: str) -> ComparableMetric:
    return ComparableMetric(
        key=f"{question}_lift",
        title=Message(f"cmp.{question}_lift"),
        formula=Message("cmp.lift_definition", question=question),
        source=Message("cmp.lift_source"),
        kind="lift",
        unit="points",
        question=question,
    )


COMPARABLE_METRICS: dict[str, ComparableMetric] = {
    m.key: m
    for m in (
        _kpi("views", "sum", "count", numerator="views"),
        _kpi("reach", "sum", "count", numerator="reach"),
        _kpi("impressions", "sum", "count", numerator="impressions"),
        _kpi("engagements", "sum", "count", numerator="engagements"),
        _kpi("clicks", "sum", "count", numerator="clicks"),
        _kpi("er_reach", "ratio", "ratio", numerator="er_reach_num", denominator="er_reach_den"),
        _kpi("cost", "sum", "money", numerator="cost", lower_is_better=True),
        _kpi(
            "cpm",
            "ratio",
            "money",
            numerator="cost",
            denominator="impressions",
            scale=1000.0,
            lower_is_better=True,
        ),
        _kpi(
            "cpe",
            "ratio",
            "money",
            numerator="cost",
            denominator="engagements",
            lower_is_better=True,
        ),
        _kpi("cpv", "ratio", "money", numerator="cost", denominator="views", lower_is_better=True),
        _lift("ad_recall"),
        _lift("awareness"),
        _lift("consideration"),
        _lift("favorability"),
        _lift("purchase_intent"),
    )
}
"""Metric key -> label, definition with source (messages), and how it is computed."""


class UnknownMetric(ValueError):
    """A metric key that ``COMPARABLE_METRICS`` does not list."""


class CampaignCount(ValueError):
    """A comparison asked for fewer than ``MIN_CAMPAIGNS`` or more than ``MAX_CAMPAIGNS``."""


LAUNCHES_SQL = textwrap.dedent(
    """
    SELECT c.campaign_id, c.name, cl.name AS client, c.start_date, c.end_date,
           least(c.start_date, min(p.posted_at)::DATE) AS launch_date,
           min(p.posted_at)::DATE AS first_post
    FROM campaigns c
    LEFT JOIN clients cl ON cl.client_id = c.client_id
    LEFT JOIN posts p ON p.campaign_id = c.campaign_id AND coalesce(p.sponsored, true)
    GROUP BY c.campaign_id, c.name, cl.name, c.start_date, c.end_date
    ORDER BY launch_date NULLS LAST, c.campaign_id
    """
)
"""Every campaign with its launch: the earlier of ``start_date`` and its first post."""

# Engagements and the impressions fallback follow metrics.kpis.POST_FACTS_SQL, row by row.
_ROW_VALUES = textwrap.dedent(
    """
    views, reach,
    coalesce(impressions, CASE WHEN list_contains(?::TEXT[], platform) THEN views END)
      AS impressions,
    CASE WHEN coalesce(likes, comments, shares, saves) IS NOT NULL
         THEN coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
              + coalesce(saves, 0) END AS engagements,
    clicks
    """
).strip()

WEEKLY_COMPONENTS_SQL = textwrap.dedent(
    """
    WITH launch AS ({launches}),
    campaign_posts AS (
        SELECT post_id, campaign_id, platform, posted_at::DATE AS posted_on, cost
        FROM posts WHERE campaign_id IS NOT NULL AND coalesce(sponsored, true)
    ),
    daily_posts AS (
        SELECT DISTINCT post_id FROM post_metrics
        WHERE period = 'day' AND post_id IN (SELECT post_id FROM campaign_posts)
    ),
    lifetime AS (
        SELECT post_id,
               arg_max(views, metric_date) FILTER (WHERE views IS NOT NULL) AS views,
               arg_max(reach, metric_date) FILTER (WHERE reach IS NOT NULL) AS reach,
               arg_max(impressions, metric_date) FILTER (WHERE impressions IS NOT NULL)
                 AS impressions,
               arg_max(likes, metric_date) FILTER (WHERE likes IS NOT NULL) AS likes,
               arg_max(comments, metric_date) FILTER (WHERE comments IS NOT NULL) AS comments,
               arg_max(shares, metric_date) FILTER (WHERE shares IS NOT NULL) AS shares,
               arg_max(saves, metric_date) FILTER (WHERE saves IS NOT NULL) AS saves,
               arg_max(clicks, metric_date) FILTER (WHERE clicks IS NOT NULL) AS clicks
        FROM post_metrics
        WHERE period = 'lifetime'
          AND post_id IN (SELECT post_id FROM campaign_posts)
          AND post_id NOT IN (SELECT post_id FROM daily_posts)
        GROUP BY post_id
    ),
    events AS (
        SELECT p.campaign_id, m.metric_date AS day, 'daily' AS timing,
               {row_values}, NULL::DOUBLE AS cost
        FROM post_metrics m
        JOIN campaign_posts p ON p.post_id = m.post_id
        WHERE m.period = 'day'
        UNION ALL
        SELECT p.campaign_id, p.posted_on, 'posting_date', {row_values}, p.cost
        FROM campaign_posts p
        LEFT JOIN lifetime l ON l.post_id = p.post_id
        WHERE p.post_id NOT IN (SELECT post_id FROM daily_posts)
        UNION ALL
        SELECT campaign_id, posted_on, 'posting_date', NULL, NULL, NULL, NULL, NULL, cost
        FROM campaign_posts
        WHERE post_id IN (SELECT post_id FROM daily_posts) AND cost IS NOT NULL
        UNION ALL
        SELECT a.campaign_id, d.day::DATE, 'paid_spread', NULL,
               a.reach / a.days, a.impressions / a.days, NULL, a.link_clicks / a.days,
               a.spend / a.days
        FROM (SELECT *, datediff('day', date_start, date_end) + 1 AS days
              FROM ad_delivery_counted
              WHERE campaign_id IS NOT NULL AND date_start IS NOT NULL
                AND date_end >= date_start) a,
             unnest(generate_series(a.date_start, a.date_end, INTERVAL 1 DAY)) AS d(day)
    ),
    weekly AS (
        SELECT e.campaign_id,
               greatest(0, datediff('day', l.launch_date, e.day) // 7) AS week,
               sum(views) AS views, sum(reach) AS reach, sum(impressions) AS impressions,
               sum(engagements) AS engagements, sum(clicks) AS clicks, sum(cost) AS cost,
               sum(engagements) FILTER (WHERE reach IS NOT NULL) AS er_reach_num,
               sum(reach) FILTER (WHERE engagements IS NOT NULL) AS er_reach_den,
               list(DISTINCT timing ORDER BY timing) AS timings
        FROM events e
        JOIN launch l ON l.campaign_id = e.campaign_id
        WHERE l.launch_date IS NOT NULL AND e.day IS NOT NULL
          AND datediff('day', l.launch_date, e.day) // 7 < ?
        GROUP BY ALL
    ),
    spans AS (
        SELECT l.campaign_id,
               least(? - 1, greatest(coalesce(max(w.week), 0),
                        coalesce(datediff('day', l.launch_date, l.end_date) // 7, 0))) AS last_week
        FROM launch l LEFT JOIN weekly w ON w.campaign_id = l.campaign_id
        WHERE l.launch_date IS NOT NULL
        GROUP BY l.campaign_id, l.launch_date, l.end_date
    )
    SELECT s.campaign_id, g.week,
           w.views, w.reach, w.impressions, w.engagements, w.clicks, w.cost,
           w.er_reach_num, w.er_reach_den, coalesce(w.timings, []) AS timings
    FROM spans s,
         unnest(generate_series(0, s.last_week)) AS g(week)
    LEFT JOIN weekly w ON w.campaign_id = s.campaign_id AND w.week = g.week
    ORDER BY s.campaign_id, g.week
    """
).format(
    launches=textwrap.indent(LAUNCHES_SQL, "    "),
    row_values=_ROW_VALUES.replace("platform", "p.platform"),
)
"""Per campaign and week since launch (every week from 0 to the campaign's last, gaps as NULL):
views, reach, impressions, engagements, link clicks, cost and the engagement-rate-by-reach terms,
with the timings (``daily``, ``posting_date``, ``paid_spread``) that placed them; weeks from
``MAX_WEEKS`` on are left out."""

WEEKLY_LIFT_SQL = textwrap.dedent(
    """
    WITH launch AS ({launches}),
    answers AS (
        SELECT r.campaign_id, r."group",
               greatest(0, datediff('day', l.launch_date, r.responded_at::DATE) // 7) AS week,
               coalesce(r.weight, 1.0) AS w, r.positive
        FROM survey_responses r
        JOIN launch l ON l.campaign_id = r.campaign_id
        WHERE r.question = ? AND r.positive IS NOT NULL AND r.responded_at IS NOT NULL
          AND datediff('day', l.launch_date, r.responded_at::DATE) // 7 < ?
          AND l.launch_date IS NOT NULL
          AND isfinite(coalesce(r.weight, 1.0)) AND coalesce(r.weight, 1.0) > 0
    ),
    weekly AS (
        SELECT campaign_id, week,
               sum(w) FILTER (WHERE "group" = 'exposed') AS exposed_w,
               sum(w) FILTER (WHERE "group" = 'exposed' AND positive) AS exposed_wy,
               sum(w) FILTER (WHERE "group" = 'control') AS control_w,
               sum(w) FILTER (WHERE "group" = 'control' AND positive) AS control_wy,
               count(*) AS answers
        FROM answers GROUP BY ALL
    ),
    spans AS (
        SELECT campaign_id, min(week) AS first_week, max(week) AS last_week
        FROM weekly GROUP BY campaign_id
    )
    SELECT s.campaign_id, g.week,
           coalesce(w.exposed_w, 0) AS exposed_w, coalesce(w.exposed_wy, 0) AS exposed_wy,
           coalesce(w.control_w, 0) AS control_w, coalesce(w.control_wy, 0) AS control_wy,
           coalesce(w.answers, 0) AS answers
    FROM spans s,
         unnest(generate_series(s.first_week, s.last_week)) AS g(week)
    LEFT JOIN weekly w ON w.campaign_id = s.campaign_id AND w.week = g.week
    ORDER BY s.campaign_id, g.week
    """
).format(launches=textwrap.indent(LAUNCHES_SQL, "    "))
"""Weighted answers per campaign, group and week since launch for one question (a missing weight
counts 1; zero, negative or non-finite weights drop the answer, as in ``metrics.brand_lift``)."""

TOTALS_COLUMNS = (
    "campaign_id", "name", "client", "launch_date", "value", "unit", "provenance", "reason",
    "index",
)  # fmt: skip
SERIES_COLUMNS = (
    "campaign_id", "name", "week", "week_value", "value", "timing", "provenance",
)  # fmt: skip
BENCHMARK_COLUMNS = ("week", "median", "campaigns")


@dataclass(frozen=True)
class Comparison:
    """What the compare view shows for one metric and a selection of campaigns.

    ``totals``: the selected campaigns (``TOTALS_COLUMNS``; ``index`` = value / median × 100);
    ``series``: their cumulative weekly values (``SERIES_COLUMNS``; ``week_value`` is the week's
    own increment for sums, None otherwise); ``benchmark``: the agency's median per week
    (``BENCHMARK_COLUMNS``); ``median``: the agency's median campaign total; ``campaigns``: how
    many campaigns have a total.
    """

    metric: str
    totals: pd.DataFrame
    series: pd.DataFrame
    benchmark: pd.DataFrame
    median: float | None
    campaigns: int
    unit: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def comparable_metrics(with_costs: bool = True) -> dict[str, ComparableMetric]:
    """``COMPARABLE_METRICS``, without the metrics built on cost when ``with_costs`` is False."""
    return {
        key: metric
        for key, metric in COMPARABLE_METRICS.items()
        if with_costs or metric.numerator != "cost"
    }


def metric_definition(key: str) -> ComparableMetric:
    """The ``COMPARABLE_METRICS`` entry of ``key``; ``UnknownMetric`` names the valid keys."""
    try:
        return COMPARABLE_METRICS[key]
    except KeyError:
        raise UnknownMetric(
            f"unknown metric {key!r}: choose one of {', '.join(COMPARABLE_METRICS)}"
        ) from None


def launches(
    connection: duckdb.DuckDBPyConnection, campaign_ids: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Every campaign (or those of ``campaign_ids``) with ``name``, ``client``, ``start_date``,
    ``end_date``, ``launch_date`` (week 0: the earlier of ``start_date`` and the first post) and
    ``first_post``."""
    frame = connection.execute(LAUNCHES_SQL).df()
    if campaign_ids is not None:
        frame = frame[frame["campaign_id"].isin(campaign_ids)].reset_index(drop=True)
    return frame


def campaign_totals(
    connection: duckdb.DuckDBPyConnection, metric: str, pool: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per campaign in the database (or in ``pool``) with its total of ``metric`` and
    the index.

    Sums and ratios are ``metrics.kpis.kpis`` at the campaign level (creator fees plus paid
    delivery); lifts are the absolute lift ``p_e - p_c`` of ``lift_by_question``, from the same
    counts (``question_counts``: weighted respondents, else the vendor's aggregated results).
    ``index`` = value / (median over every campaign with a value) × 100 (the agency's median
    campaign = 100); None when the median is 0 or missing. With ``pool``, the median is taken
    over the pool's campaigns only (a client's shared view never sees other clients' numbers).

    Returns:
        ``TOTALS_COLUMNS``; ``value`` None with ``reason`` when it cannot be computed.
    """
    definition = metric_definition(metric)
    base = launches(connection, pool)
    rows: dict[str, dict] = {}
    if definition.kind == "lift":
        for campaign_id in base["campaign_id"]:
            counts = question_counts(connection, campaign_id).get(definition.question or "")
            usable = counts is not None and counts.exposed.total > 0 and counts.control.total > 0
            rows[campaign_id] = {
                "value": counts.exposed.positive / counts.exposed.total
                - counts.control.positive / counts.control.total
                if counts is not None and usable
                else None,
                "unit": "points",
                "provenance": MEASURED if usable else None,
                "reason": None if usable
                else Message("cmp.reason.no_answers") if counts is None
                else Message("cmp.reason.no_usable_group"),
            }  # fmt: skip
    elif len(base):
        frame = kpis(connection, Filters(), by="campaign")
        frame = frame[frame["metric"] == metric]
        for row in frame.itertuples(index=False):
            rows[row.key] = {
                "value": row.value, "unit": row.unit,
                "provenance": row.provenance, "reason": row.reason,
            }  # fmt: skip
    missing = {
        "value": None,
        "unit": None,
        "provenance": None,
        "reason": Message("cmp.reason.no_post"),
    }
    records = [
        {
            "campaign_id": r.campaign_id,
            "name": r.name,
            "client": r.client,
            "launch_date": None if pd.isna(r.launch_date) else r.launch_date.date(),
            **rows.get(r.campaign_id, missing),
        }
        for r in base.itertuples(index=False)
    ]
    values = [r["value"] for r in records if r["value"] is not None]
    median = _median(values)
    for record in records:
        record["index"] = (
            record["value"] / median * INDEX_BASE
            if record["value"] is not None and median not in (None, 0.0)
            else None
        )
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in records], dtype=object) for c in TOTALS_COLUMNS}
    )


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(float(v) for v in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def weekly_series(
    connection: duckdb.DuckDBPyConnection, metric: str, pool: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Cumulative weekly values of ``metric`` for every campaign, aligned on weeks since launch.

    Sums: Σ of the metric over weeks 0…n (``week_value`` = week n alone). Ratios: cumulative
    numerator / cumulative denominator × scale (CPM = Σ cost / Σ impressions × 1000; engagement
    rate by reach = Σ engagements / Σ reach over rows reporting both). Lifts: weighted
    ``p_e - p_c`` over every answer received up to week n. ``timing`` lists what placed the
    numbers in time (see the module docstring); ``provenance`` is ``measured`` only when every
    number sits on its own day (per-day rows, survey answers), ``estimated`` otherwise.

    Returns:
        ``SERIES_COLUMNS`` for every campaign with a launch date (all campaigns, or the
        ``pool``'s, not a selection).
    """
    definition = metric_definition(metric)
    names = launches(connection, pool).set_index("campaign_id")["name"].to_dict()
    if definition.kind == "lift":
        frame = connection.execute(WEEKLY_LIFT_SQL, [definition.question, MAX_WEEKS]).df()
        series = _lift_series(frame, names)
    else:
        frame = connection.execute(
            WEEKLY_COMPONENTS_SQL,
            [*[list(IMPRESSIONS_FROM_VIEWS_PLATFORMS)] * 2, MAX_WEEKS, MAX_WEEKS],
        ).df()
        series = _component_series(frame, definition, names)
    if pool is not None:
        series = series[series["campaign_id"].isin(pool)].reset_index(drop=True)
    return series


def _component_series(
    frame: pd.DataFrame, definition: ComparableMetric, names: dict[str, str]
) -> pd.DataFrame:
    if frame.empty:
        return _frame([], SERIES_COLUMNS)
    frame = frame.sort_values(["campaign_id", "week"], kind="stable").reset_index(drop=True)
    campaign = frame["campaign_id"]
    numerator = frame[definition.numerator].astype("float64")
    reports = numerator.notna().groupby(campaign).transform("any")
    cumulative = numerator.fillna(0.0).groupby(campaign).cumsum()
    if definition.kind == "sum":
        value = cumulative.where(reports)
        week_value = numerator.fillna(0.0).where(reports)
    else:
        denominator = frame[definition.denominator].astype("float64").fillna(0.0)
        cumulative_den = denominator.groupby(campaign).cumsum()
        usable = reports & (cumulative_den > 0)
        value = (cumulative / cumulative_den.where(usable) * definition.scale).where(usable)
        week_value = pd.Series(float("nan"), index=frame.index)
    timings = {
        c: sorted({t for ts in group for t in ts})
        for c, group in frame.groupby("campaign_id", sort=False)["timings"]
    }
    timing = {c: "+".join(ts) if ts else None for c, ts in timings.items()}
    provenance = {
        c: MEASURED if ts == ["daily"] and definition.key != "reach" else ESTIMATED
        for c, ts in timings.items()
    }  # reach summed across posts and days counts people again: always estimated
    result = pd.DataFrame(
        {
            "campaign_id": campaign,
            "name": campaign.map(lambda c: names.get(c, c)),
            "week": frame["week"].astype("int64"),
            "week_value": _objects(week_value),
            "value": _objects(value),
            "timing": campaign.map(timing).astype(object),
            "provenance": campaign.map(provenance).astype(object),
        }
    )
    result.loc[result["value"].isna(), "provenance"] = None
    return result[list(SERIES_COLUMNS)]


def _objects(values: pd.Series) -> pd.Series:
    return pd.Series(
        [None if pd.isna(v) else float(v) for v in values], dtype=object, index=values.index
    )


def _lift_series(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    records: list[dict] = []
    for campaign_id, group in frame.groupby("campaign_id", sort=True):
        cumulative = group[["exposed_w", "exposed_wy", "control_w", "control_wy"]].cumsum()
        for i, week in enumerate(group["week"]):
            row = cumulative.iloc[i]
            value = (
                row.exposed_wy / row.exposed_w - row.control_wy / row.control_w
                if row.exposed_w > 0 and row.control_w > 0
                else None
            )
            records.append(
                {
                    "campaign_id": campaign_id,
                    "name": names.get(campaign_id, campaign_id),
                    "week": int(week),
                    "week_value": None,
                    "value": None if value is None else float(value),
                    "timing": "response_date",
                    "provenance": MEASURED if value is not None else None,
                }
            )
    return _frame(records, SERIES_COLUMNS)


def _frame(records: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    # Object dtype keeps None as None (no NaN) for the page and the CSV.
    frame = pd.DataFrame({c: pd.Series([r[c] for r in records], dtype=object) for c in columns})
    if "week" in frame:
        frame["week"] = frame["week"].astype("int64")
    return frame


def weekly_benchmark(series: pd.DataFrame) -> pd.DataFrame:
    """The agency's median cumulative value per week since launch over the campaigns in
    ``series`` (pass every campaign: ``weekly_series`` output) that have a value that week.

    Returns:
        ``BENCHMARK_COLUMNS``: ``week``, ``median`` (None when fewer than
        ``MIN_BENCHMARK_CAMPAIGNS`` campaigns have a value that week) and
        ``campaigns`` (how many campaigns the median is taken over).
    """
    if series.empty:
        return _frame([], BENCHMARK_COLUMNS)
    values = pd.to_numeric(series["value"], errors="coerce").astype("float64")
    grouped = values.groupby(series["week"], sort=True)
    counts = grouped.count()
    medians = grouped.median().where(counts >= MIN_BENCHMARK_CAMPAIGNS)
    return pd.DataFrame(
        {
            "week": counts.index.astype("int64"),
            "median": _objects(medians).to_numpy(),
            "campaigns": counts.to_numpy().astype("int64"),
        }
    )


def compare(
    connection: duckdb.DuckDBPyConnection,
    metric: str,
    campaign_ids: tuple[str, ...],
    pool: tuple[str, ...] | None = None,
) -> Comparison:
    """Everything the compare view needs for ``metric`` and 2–10 campaigns.

    The index and the benchmark use every campaign in the database, or only those of ``pool``;
    the totals and series are restricted to ``campaign_ids`` (in that order; unknown ids and ids
    outside ``pool`` are dropped).

    Raises:
        UnknownMetric: ``metric`` is not in ``COMPARABLE_METRICS``.
        CampaignCount: fewer than ``MIN_CAMPAIGNS`` or more than ``MAX_CAMPAIGNS`` ids.
    """
    definition = metric_definition(metric)
    if not MIN_CAMPAIGNS <= len(set(campaign_ids)) <= MAX_CAMPAIGNS:
        raise CampaignCount(
            f"compare {MIN_CAMPAIGNS} to {MAX_CAMPAIGNS} campaigns, not {len(set(campaign_ids))}"
        )
    totals = campaign_totals(connection, metric, pool)
    series = weekly_series(connection, metric, pool)
    benchmark = weekly_benchmark(series)
    values = [v for v in totals["value"] if v is not None]
    order = {c: i for i, c in enumerate(dict.fromkeys(campaign_ids))}
    chosen = totals[totals["campaign_id"].isin(order)].copy()
    chosen = chosen.sort_values("campaign_id", key=lambda s: s.map(order)).reset_index(drop=True)
    chosen_series = series[series["campaign_id"].isin(order)].reset_index(drop=True)
    units = {u for u in chosen["unit"] if u is not None}
    notes = []
    if definition.lower_is_better:
        notes.append("lower_is_better")
    if len(units) > 1:
        notes.append("mixed_units")
    return Comparison(
        metric=metric,
        totals=chosen,
        series=chosen_series,
        benchmark=benchmark,
        median=_median(values),
        campaigns=len(values),
        unit=next(iter(units)) if len(units) == 1 else None,
        notes=tuple(notes),
    )
