"""The sections of a campaign's report, as plain JSON-ready values.

``campaign_report`` is what ``sillage report --campaign ID --json`` prints (README, Command
line). Each section's builder here reads the same ``scorecard.CampaignMetrics`` objects, so the
scorecard and the sections agree and no query runs twice; ``metrics.campaign`` lists them in
its registry and composes them with the numbers the dashboard shows. Values are plain: numbers,
strings, booleans, lists, dicts, ISO dates, and None (never NaN or infinity) where a number
cannot be computed, next to its reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import math
import textwrap
from collections.abc import Mapping
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from metrics import brand_lift, creators, disclosure, emv, exposure, kpis, stats
from metrics.filters import Filters
from metrics.scorecard import (
    INCONCLUSIVE,
    LIKELY_MET,
    MET,
    MISSED,
    STATUSES,
    TARGET_METRICS,
    UNLIKELY,
    CampaignMetrics,
    UnknownCampaign,
    format_value,
    grade_campaign,
    measure,
    optional_module,
    primary_metrics,
)

REPORT_VERSION = 1

LIFT_KEYS = (
    "exposed_rate",
    "control_rate",
    "absolute_lift",
    "relative_lift",
    "headroom_lift",
    "ci_low",
    "ci_high",
    "p_value",
    "prob_positive",
    "significant",
    "n_exposed",
    "n_control",
)
"""The keys every lift entry carries at least (README, Command line)."""

LOW_CERTAINTY_LABEL = "low certainty"

HISTORY_SQL = textwrap.dedent(
    """
    SELECT c.campaign_id, c.name, c.start_date, c.end_date
    FROM campaigns AS c
    JOIN campaigns AS this ON this.campaign_id = ?
    WHERE c.client_id = this.client_id
      AND (c.campaign_id = this.campaign_id
           OR this.start_date IS NULL
           OR (c.start_date IS NOT NULL AND c.start_date <= this.start_date))
    ORDER BY c.start_date NULLS LAST, c.campaign_id
    """
)
"""The client's campaigns up to this one (by start date): the history a report looks back on."""

CAMPAIGN_CREATORS_SQL = textwrap.dedent(
    """
    SELECT DISTINCT creator_id FROM posts
    WHERE campaign_id = ? AND creator_id IS NOT NULL AND coalesce(sponsored, true)
    ORDER BY creator_id
    """
)

__all__ = ["LIFT_KEYS", "UnknownCampaign", "campaign_report", "json_ready", "summary_text"]


def json_ready(value: Any) -> Any:
    """``value`` as plain JSON values: NaN, infinities, NA and NaT become None.

    Dataclasses and mappings become dicts, frames lists of records, sequences lists,
    dates and timestamps ISO strings, numpy and decimal numbers Python numbers.
    """
    # Exact types first: a report holds tens of thousands of plain values from its frames.
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): json_ready(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [json_ready(v) for v in value]
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.generic):
        return json_ready(value.item())
    if isinstance(value, decimal.Decimal):
        return json_ready(float(value))
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, pd.DataFrame):
        return _frame_records(value)
    if isinstance(value, pd.Series | np.ndarray):
        return [json_ready(v) for v in value.tolist()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_ready(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_ready(v) for v in value]
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return str(value)


def _frame_records(frame: pd.DataFrame) -> list[dict]:
    """A frame as ``json_ready`` records, converted column by column.

    The same values as ``json_ready(frame.to_dict("records"))``: numpy integer, boolean and
    float columns hold plain numbers already (NaN becomes None), other columns go through
    ``json_ready`` value by value.
    """
    names = [str(name) for name in frame.columns]
    if not names:
        return [{} for _ in range(len(frame))]
    columns = []
    for _, series in frame.items():
        values = series.tolist()
        dtype = series.dtype
        if isinstance(dtype, np.dtype) and dtype.kind in "iub":
            columns.append(values)
        elif isinstance(dtype, np.dtype) and dtype.kind == "f":
            columns.append([v if math.isfinite(v) else None for v in values])
        else:
            columns.append([json_ready(v) for v in values])
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


# --- families ---------------------------------------------------------------------------------


def _campaign(m: CampaignMetrics) -> dict:
    c = m.campaign
    return {
        "campaign_id": c.campaign_id,
        "name": c.name,
        "client_id": c.client_id,
        "client": c.client_name,
        "objective": c.objective,
        "primary_metrics": list(primary_metrics(c.objective)),
        "start_date": c.start_date,
        "end_date": c.end_date,
        "budget": c.budget,
        "currency": c.currency,
        "targets": dict(c.targets),
        "brand_terms": list(c.brand_terms),
    }


def _scorecard(m: CampaignMetrics) -> dict:
    grades = grade_campaign(m)
    counts = {status: sum(g.status == status for g in grades) for status in STATUSES}
    return {
        "confidence": m.confidence,
        "counts": counts,
        "grades": [g.as_dict() for g in grades],
    }


def _objective(m: CampaignMetrics) -> dict:
    """The objective's primary metrics with their values, targeted or not."""
    rows = []
    for key in primary_metrics(m.campaign.objective):
        metric = TARGET_METRICS[key]
        measured = measure(m, key)
        rows.append(
            {
                "key": key,
                "label_en": str(metric.label),
                "label_fr": metric.label.render("fr"),
                "unit": metric.unit,
                "direction": metric.direction,
                "target": m.campaign.targets.get(key),
                **dataclasses.asdict(measured),
            }
        )
    return {"objective": m.campaign.objective, "primary_metrics": rows}


def _lift_entry(result: brand_lift.LiftResult) -> dict:
    entry = result.as_dict()
    entry["certainty_label"] = LOW_CERTAINTY_LABEL if result.low_certainty else None
    entry["method"] = stats.NEWCOMBE
    return entry


def _lift(m: CampaignMetrics) -> dict:
    return {question: _lift_entry(result) for question, result in m.lifts.items()}


def _lift_unavailable(m: CampaignMetrics) -> str | None:
    return m.lift_reason


def _lift_by_exposure(m: CampaignMetrics) -> dict:
    curves = {}
    for question, result in m.lifts.items():
        if result.source != "respondents":
            continue
        buckets = brand_lift.lift_by_exposure(
            m.connection, m.campaign.campaign_id, question, m.confidence
        )
        curves[question] = [_lift_entry(b) for b in buckets]
    return curves


def _history(m: CampaignMetrics) -> list[tuple]:
    return m.connection.execute(HISTORY_SQL, [m.campaign.campaign_id]).fetchall()


def _favorability_over_time(m: CampaignMetrics) -> list[dict]:
    """Favorability lift of the client's campaigns up to this one (loyalty: favorability over
    time). Newcombe (1998) interval and pooled z-test, as ``brand_lift.lift_by_question``."""
    series = []
    for campaign_id, name, start, end in _history(m):
        counts = brand_lift.question_counts(m.connection, campaign_id).get("favorability")
        if counts is None:
            continue
        x_e, n_e = counts.exposed.positive, counts.exposed.total
        x_c, n_c = counts.control.positive, counts.control.total
        usable = all(math.isfinite(v) for v in (x_e, n_e, x_c, n_c)) and 0 <= x_e <= n_e
        usable = usable and 0 <= x_c <= n_c and n_e > 0 and n_c > 0
        interval = stats.newcombe_interval(x_e, n_e, x_c, n_c, m.confidence) if usable else None
        series.append(
            {
                "campaign_id": campaign_id,
                "name": name,
                "start_date": start,
                "end_date": end,
                "this_campaign": campaign_id == m.campaign.campaign_id,
                "n_exposed": counts.exposed.answers,
                "n_control": counts.control.answers,
                "exposed_rate": x_e / n_e if usable else None,
                "control_rate": x_c / n_c if usable else None,
                "absolute_lift": x_e / n_e - x_c / n_c if usable else None,
                "ci_low": interval[0] if interval else None,
                "ci_high": interval[1] if interval else None,
                "p_value": stats.two_proportion_p_value(x_e, n_e, x_c, n_c) if usable else None,
                "confidence": m.confidence,
                "method": stats.NEWCOMBE,
                "source": counts.source,
            }
        )
    return series


def _definition(metric: str) -> dict[str, str]:
    """A KPI's label (in English and French, as the JSON has always given it), formula and
    source, in English."""
    definition = kpis.DEFINITIONS.get(metric)
    if definition is None:
        return {}
    return {
        "label_en": str(definition["label"]),
        "label_fr": definition["label"].render("fr"),
        "formula": definition["formula"],
        "source": definition["source"],
    }


def _kpis(m: CampaignMetrics) -> dict:
    section = {}
    for row in m.kpi_frame.to_dict("records"):
        definition = _definition(row["metric"])
        section[row["metric"]] = {
            "value": row["value"],
            "unit": row["unit"],
            "provenance": row["provenance"],
            "reason": row["reason"],
            "note": row["note"],
            "numerator": row["numerator"],
            "denominator": row["denominator"],
            "posts": row["posts"],
            **definition,
        }
    return section


def _emv(m: CampaignMetrics) -> dict:
    result = m.emv
    version = emv.get_version(m.connection, result.version)
    return {
        **dataclasses.asdict(result),
        "rate_version": {
            "version": version.version,
            "currency": version.currency,
            "effective_date": version.effective_date,
            "description": version.description,
            "illustrative": version.illustrative,
            "rates": emv.get_rates(m.connection, result.version),
        },
        "definition": "EMV = Σ posts Σ actions count × the version's rate per action; "
        "paid delivery never counts (metrics.emv)",
    }


def _frequency(m: CampaignMetrics) -> dict:
    bounds = measure(m, "frequency")
    reach = measure(m, "reach")
    return {
        **dataclasses.asdict(m.frequency),
        "frequency_low": bounds.ci_low if bounds.interval == "bounds" else bounds.value,
        "frequency_high": bounds.ci_high if bounds.interval == "bounds" else bounds.value,
        "unique_reach_low": reach.ci_low if reach.interval == "bounds" else reach.value,
        "unique_reach_high": reach.ci_high if reach.interval == "bounds" else reach.value,
        "definition": "impressions / reach (Meta Ads Manager); bounds when reach is summed "
        "across posts: unique reach lies between the largest single figure and the sum",
    }


def _frequency_distribution(m: CampaignMetrics) -> dict:
    result = exposure.frequency_distribution(m.connection, m.filters)
    return {**dataclasses.asdict(result), "buckets": result.buckets, "provenance": "measured"}


def _cumulative_reach(m: CampaignMetrics) -> list:
    return json_ready(exposure.cumulative_reach(m.connection, m.filters))


ADSTOCK_FITS = (
    {"input": "spend", "outcome": "survey", "question": None, "group": "exposed"},
    {"input": "spend", "outcome": "engagements", "question": None, "group": None},
)
"""The adstock fits a report shows: weekly spend against the exposed group's weekly positive
answer rate (all questions), and against weekly engagements from daily post metrics."""


def _adstock(m: CampaignMetrics) -> list[dict]:
    fits = []
    for spec in ADSTOCK_FITS:
        fit = exposure.fit_campaign_adstock(
            m.connection,
            m.campaign.campaign_id,
            input=spec["input"],
            outcome=spec["outcome"],
            question=spec["question"],
            group=spec["group"],
            confidence=m.confidence,
        )
        fits.append({**spec, **dataclasses.asdict(fit)})
    return fits


def _history_filters(m: CampaignMetrics) -> Filters:
    campaign_ids = tuple(row[0] for row in _history(m))
    return Filters(campaign_ids=campaign_ids, confidence=m.confidence)


def _creators(m: CampaignMetrics) -> dict:
    """This campaign's creators and collaborations, and the client's relationship history."""
    history = _history_filters(m)
    ids = tuple(
        r[0]
        for r in m.connection.execute(CAMPAIGN_CREATORS_SQL, [m.campaign.campaign_id]).fetchall()
    )
    units = m.collaboration_units
    # The client's history is numbered once for both the means and the trend.
    history_units = creators.collaboration_units(m.connection, history)
    summary = (
        creators.creator_summary(m.connection, dataclasses.replace(history, creator_ids=ids))
        if ids
        else pd.DataFrame()
    )
    return {
        "scope": "this campaign's creators over the client's campaigns up to this one",
        "history_campaigns": list(history.campaign_ids),
        "summary": summary,
        "collaborations": units,
        "repeat_collaborations": measure(m, "repeat_collaborations").value,
        "by_collaboration_number": creators.results_by_collaboration(
            m.connection, history, units=history_units
        ).assign(method=creators.MEAN_INTERVAL),
        "relationship_trend": creators.relationship_trend(
            m.connection, history, units=history_units
        ),
    }


def _disclosure(m: CampaignMetrics) -> dict:
    """Shares of sponsored posts disclosed, ambiguous and missing, and the posts to check."""
    posts = disclosure.post_disclosure(m.connection, m.filters)
    to_check = posts[posts["status"] != disclosure.DISCLOSED]
    return {"summary": m.disclosure_summary, "posts_to_check": to_check}


def _perception(m: CampaignMetrics) -> dict | None:
    summary = m.perception
    if summary is None:
        return None
    favorability = m.lifts.get("favorability")
    return {
        **dataclasses.asdict(summary),
        "favorability_lift": _lift_entry(favorability) if favorability else None,
    }


def _recall(m: CampaignMetrics) -> dict | None:
    module = optional_module("recall")
    unaided = m.unaided_recall
    if module is None or unaided is None:
        return None
    aided = m.lifts.get("ad_recall")
    return {
        "aided_ad_recall": _lift_entry(aided) if aided else None,
        "unaided": unaided,
        "brand_mentions_by_week": module.brand_mentions_by_week(
            m.connection, m.campaign.campaign_id, m.filters
        ),
    }


def _meta(m: CampaignMetrics) -> dict:
    missing = [name for name in ("perception", "recall") if optional_module(name) is None]
    return {
        "report_version": REPORT_VERSION,
        "confidence": m.confidence,
        "modules_missing": missing,
        "units": "lifts and rates are fractions (0.05 = 5 % or 5 points); money in the "
        "campaign currency; provenance 'measured' comes straight from an export, 'estimated' "
        "rests on an assumption",
    }


def campaign_report(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    confidence: float = stats.DEFAULT_CONFIDENCE,
) -> dict:
    """Every metric family of one campaign (what ``sillage report --json`` prints).

    Sections: ``campaign`` (objective, dates, budget, targets), ``scorecard`` (each target
    met / missed / inconclusive, ``metrics.scorecard``), ``objective`` (primary metrics),
    ``lift`` keyed by question (``brand_lift.lift_by_question``: rates, absolute / relative /
    headroom lift, Newcombe interval, p-value, P(lift > 0), certainty, warnings, lifted users,
    cost per lifted user), ``lift_by_exposure`` (1, 2, 3, 4+ vs control),
    ``favorability_over_time``, ``kpis`` (with definitions and provenance), ``emv`` (with its
    rate version), ``frequency`` (with bounds), ``cost_per_lifted_user`` (the headline one,
    with its interval), ``frequency_distribution``,
    ``cumulative_reach``, ``adstock`` (θ, interval, half-life), ``creators`` (tenure,
    collaboration numbers, results by collaboration number, relationship trend),
    ``disclosure``, ``perception`` and ``recall`` (None when their modules are absent).

    Source: README, What is in the dashboard (the metric families) and docs/.

    Args:
        connection: An open Sillage database.
        campaign_id: The campaign.
        confidence: Two-sided coverage of every interval (90 % by default).

    Returns:
        A dict of plain JSON values (``json.dumps(..., allow_nan=False)`` accepts it).

    Raises:
        UnknownCampaign: When the campaign is not in the database.
        ValueError: When confidence is not strictly between 0 and 1.
    """
    # The sections are composed in metrics.campaign, which builds them from this module.
    from metrics.campaign import campaign_report as composed

    return composed(connection, campaign_id, confidence)


# --- plain text -------------------------------------------------------------------------------


def _pct(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value * 100:.{digits}f} %"


def summary_text(report: Mapping[str, Any]) -> str:
    """A short human-readable summary of a ``campaign_report`` (``sillage report`` without
    ``--json``): the campaign, its graded targets, the lift per question and headline KPIs."""
    c = report["campaign"]
    confidence = report["report"]["confidence"]
    lines = [
        f"{c['name']} ({c['campaign_id']}) — {c['client']}",
        f"objective: {c['objective'] or 'not set'}; {c['start_date'] or '?'} to "
        f"{c['end_date'] or '?'}; budget "
        + (f"{c['budget']:,.0f} {c['currency'] or ''}".rstrip() if c["budget"] else "not set"),
        "",
    ]
    grades = report["scorecard"]["grades"]
    if grades:
        counts = report["scorecard"]["counts"]
        lines.append(
            f"targets: {counts[MET]} met, {counts[LIKELY_MET]} likely met, "
            f"{counts[INCONCLUSIVE]} inconclusive, {counts[UNLIKELY]} unlikely, "
            f"{counts[MISSED]} missed"
        )
        for g in grades:
            lines.append(f"  {g['status']:<12} {g['label_en']}: {g['reason']}")
    else:
        lines.append("targets: none set")
    lines.append("")
    if report["lift"]:
        lines.append(f"brand lift ({confidence:.0%} intervals):")
        for question, lift in report["lift"].items():
            if lift["absolute_lift"] is None:
                lines.append(f"  {question}: cannot be computed")
                continue
            label = f", {lift['certainty_label']}" if lift["certainty_label"] else ""
            lines.append(
                f"  {question}: {format_value(lift['absolute_lift'], 'points')} "
                f"[{format_value(lift['ci_low'], 'points')}, "
                f"{format_value(lift['ci_high'], 'points')}], certainty "
                f"{_pct(lift['certainty'])}{label}; n = {lift['n_exposed']} exposed / "
                f"{lift['n_control']} control"
            )
    else:
        lines.append(f"brand lift: {report['lift_unavailable_reason']}")
    lines.append("")
    k = report["kpis"]
    currency = c["currency"] or ""

    def kpi(metric: str, unit: str) -> str:
        entry = k.get(metric) or {}
        return format_value(entry.get("value"), unit, entry.get("unit") or currency)

    lines.append(
        f"reach {kpi('reach', 'count')} ({(k.get('reach') or {}).get('provenance') or 'n/a'}), "
        f"impressions {kpi('impressions', 'count')}, frequency "
        f"{format_value(report['frequency']['frequency'], 'times')}"
    )
    lines.append(
        f"engagement rate by reach {kpi('er_reach', 'ratio')}, clicks {kpi('clicks', 'count')}, "
        f"cost {kpi('cost', 'currency')}, CPM {kpi('cpm', 'currency')}, "
        f"CPC {kpi('cpc', 'currency')}"
    )
    value = report["emv"]["value"]
    lines.append(
        f"EMV {format_value(value, 'currency', report['emv']['currency'])} "
        f"(rate version {report['emv']['version']})"
    )
    return "\n".join(lines)
