"""Numbers on screen with their definition, formula, source and provenance one hover away.

Also the display frames (tables offered as CSV) and ``campaign_numbers``, the campaign's numbers
composed once by ``metrics.campaign``; no database reader lives here, and pages stay widgets and
layout.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from charts import performance as performance_charts
from charts.lift import certainty_category, lift_chart, question_label, small_sample
from i18n import catalogue
from metrics import kpis, performance, scorecard
from metrics.brand_lift import LiftResult
from metrics.campaign import CampaignView, campaign_view
from metrics.filters import Filters
from ui import data
from ui.export import chart, figure, record_metric
from ui.formatting import md
from ui.i18n import colon, date, language, money, number, percent, points, say, say_joined, t
from ui.scope import costs_hidden
from ui.shell import admin_link
from ui.tables import table

STATUS_ICONS = {
    scorecard.MET: ":material/check_circle:",
    scorecard.LIKELY_MET: ":material/trending_up:",
    scorecard.INCONCLUSIVE: ":material/help:",
    scorecard.UNLIKELY: ":material/trending_down:",
    scorecard.MISSED: ":material/cancel:",
}
STATUS_COLORS = {
    scorecard.MET: "green",
    scorecard.LIKELY_MET: "green",
    scorecard.INCONCLUSIVE: "gray",
    scorecard.UNLIKELY: "orange",
    scorecard.MISSED: "red",
}
SIGNALS = ("saves_per_reach", "shares_per_reach", "clicks_per_reach", "profile_visits_per_reach")


# Tables of already formatted cells keep plain Python objects: inferring pandas' string
# type for every column took about a millisecond per table on each page view, and the cells
# are typed once more anyway when the table is sent to the browser.
FORMATTED_CELLS = object


def provenance_text(provenance: str | None) -> str:
    """``measured`` / ``estimated`` in the interface language, with what each means."""
    if provenance == "estimated":
        return f"{t('estimated')}{colon()}{t('estimated_help')}"
    if provenance == "measured":
        return f"{t('measured')}{colon()}{t('measured_help')}"
    return t("provenance_unknown")


def help_text(
    definition: str,
    *,
    formula: str | None = None,
    source: str | None = None,
    provenance: str | None = None,
    note: str | None = None,
) -> str:
    """The hover text of a number: definition, formula, source, provenance and caveat."""
    parts = [definition]
    if formula:
        parts.append(f"**{t('lp_formula')}**{colon()}{formula}")
    if source:
        parts.append(f"**{t('lp_source')}**{colon()}{source}")
    parts.append(f"**{t('lp_provenance')}**{colon()}{provenance_text(provenance)}")
    if note:
        parts.append(f"**{t('lp_note')}**{colon()}{note}")
    return "\n\n".join(parts)


def metric_card(
    container: Any,
    label: str,
    value: str,
    *,
    definition: str,
    formula: str | None = None,
    source: str | None = None,
    provenance: str | None = None,
    note: str | None = None,
    caption: str | None = None,
) -> None:
    """``st.metric`` whose help holds the definition, formula, source and provenance."""
    container.metric(
        label,
        value,
        delta=caption,
        delta_color="off",
        delta_arrow="off",
        help=help_text(
            definition, formula=formula, source=source, provenance=provenance, note=note
        ),
        border=True,
    )
    record_metric(
        label, value, caption, definition, formula, source, provenance_text(provenance), note
    )


def plain_metric(
    container: Any,
    label: str,
    value: str | int | float,
    *,
    help: str,
    caption: str | None = None,
) -> None:
    """``st.metric`` without border whose hover text is ``help`` as written, recorded for the PDF.

    ``caption`` is shown under the number (uncoloured, no arrow); ``help`` becomes the number's
    definition in the PDF.
    """
    if caption is None:
        container.metric(label, value, help=help)
    else:
        container.metric(
            label, value, delta=caption, delta_color="off", delta_arrow="off", help=help
        )
    shown = value if isinstance(value, str) else number(value)
    record_metric(label, shown, caption, definition=help)


def interval_text(low: float | None, high: float | None, write: Any) -> str:
    """An interval "a … b"; an open side reads "at least a" or "up to b", never "a … —"."""
    if low is None and high is None:
        return "—"
    if high is None:
        return t("at_least").format(low=write(low))
    if low is None:
        return t("up_to").format(high=write(high))
    return f"{write(low)} … {write(high)}"


def range_text(measurement: Any, write: Any) -> str | None:
    """Hard bounds as the value ("210,881 – 1,679,902"), or None when the value is exact.

    A number known only within bounds is shown as its range, never as one of its ends.
    ``measurement`` is a ``scorecard.Measurement`` or a ``TargetGrade`` (both carry ``value``,
    ``interval``, ``ci_low`` and ``ci_high``).
    """
    if measurement.interval != "bounds" or measurement.value is None:
        return None
    high = write(measurement.ci_high) if measurement.ci_high is not None else None
    if measurement.ci_low is None:
        return t("up_to").format(high=high)
    return (
        f"{write(measurement.ci_low)} – {high}"
        if high
        else t("at_least").format(low=write(measurement.ci_low))
    )


def kpi_card(
    container: Any, metric: str, value: kpis.KpiValue | None, shown_range: str | None = None
) -> None:
    """A classic KPI with its ``kpis.DEFINITIONS`` entry on hover; ``shown_range`` replaces a
    value known only within bounds."""
    definition = kpis.DEFINITIONS.get(metric, {})
    label = say(definition["label"]) if definition else metric
    shown = "—"
    if shown_range is not None:
        shown = shown_range
    elif value is not None and value.value is not None:
        if value.unit == "ratio":
            shown = percent(value.value, 2)
        elif value.unit == "count":
            shown = number(value.value)
        elif value.unit and len(value.unit) == 3 and value.unit.isupper():
            shown = money(value.value, value.unit)
        else:
            shown = f"{number(value.value, 2)} {value.unit or ''}".strip()
    note = value.note if value is not None else None
    if value is not None and value.value is None:
        note = value.reason
    note = say(note)
    metric_card(
        container,
        label,
        shown,
        definition=label,
        formula=say(definition.get("formula")),
        source=say(definition.get("source")),
        provenance=value.provenance if value is not None else None,
        note=note,
    )


def chance(probability: float) -> str:
    """A probability as a reader takes it: "82 %", never "100 %" or "0 %" for a chance."""
    if probability > 0.995:
        return "> " + percent(0.99, 0)
    if probability < 0.005:
        return "< " + percent(0.01, 0)
    return percent(probability, 0)


def chance_or_dash(probability: float | None) -> str:
    return "—" if probability is None else chance(probability)


def target_label(target: Any) -> str:
    """A scorecard target's label in the interface language: ``target.<key>`` of the catalogue.

    ``target`` is a ``TargetGrade``, a ``TargetMetric`` or a ``planner.TargetPlan``; a key
    without a grading rule (so without a label) shows as itself.
    """
    key = f"target.{target.key}"
    return t(key) if catalogue.has(key) else str(target.key)


def status_label(grade: scorecard.TargetGrade) -> str:
    """The grade's status in words; a straddling confidence interval is too few answers."""
    if grade.status == scorecard.INCONCLUSIVE and grade.probability_met is not None:
        return t("status_too_few_answers")
    return t(f"status_{grade.status}")


def certainty_text(result: Any, short: bool = False) -> str:
    """The certainty label of a lift (never "no effect"), with the small-sample flag; ``short``
    for a card, whose page says once that "not significant" is not proof of no effect."""
    category = certainty_category(result)
    label = t(f"{category}_short") if short and category == "not_significant" else t(category)
    return f"{label} · {t('small_sample')}" if small_sample(result) else label


def lift_card(container: Any, result: LiftResult) -> None:
    """A lift in points with its interval and certainty visible, its definition on hover."""
    interval = f"{points(result.ci_low)} … {points(result.ci_high)}"
    note = say_joined(result.warnings)
    details = t("lift_card_details").format(
        exposed=percent(result.exposed_rate),
        n_exposed=number(result.n_exposed),
        control=percent(result.control_rate),
        n_control=number(result.n_control),
        chance=chance_or_dash(result.chance_above_zero()),
        confidence=percent(result.confidence, 0),
        interval=interval,
        mdl=points(result.min_detectable_lift),
    )
    metric_card(
        container,
        f"{md(question_label(result.question, language()))} — {t('lp_lift')}",
        points(result.absolute_lift),
        definition=t("def_lift") + "\n\n" + details,
        formula=t("formula_lift"),
        source=t("source_lift"),
        provenance=result.provenance,
        note=note,
        caption=f"{interval} · {certainty_text(result, short=True)}",
    )


def lift_frame(results: Sequence[LiftResult]) -> pd.DataFrame:
    """One row per question, in the interface language, for the table and its CSV."""
    rows = [
        {
            t("col_question"): question_label(r.question, language()),
            t("col_lift"): points(r.absolute_lift),
            t("col_ci"): f"{points(r.ci_low)} … {points(r.ci_high)}",
            t("col_chance_positive"): chance_or_dash(r.chance_above_zero()),
            t("col_reading"): certainty_text(r),
            t("col_exposed"): percent(r.exposed_rate),
            t("col_control"): percent(r.control_rate),
            t("col_n_exposed"): r.n_exposed,
            t("col_n_control"): r.n_control,
            t("col_relative"): percent(r.relative_lift),
            t("col_mdl"): points(r.min_detectable_lift),
            t("col_lifted"): number(r.lifted_users),
            t("col_cplu"): number(r.cost_per_lifted_user, 2),
            t("col_provenance"): t(r.provenance),
            t("col_warnings"): say_joined(r.warnings) or "",
        }
        for r in results
    ]
    frame = pd.DataFrame(rows, dtype=FORMATTED_CELLS)
    return frame.drop(columns=[t("col_cplu")]) if costs_hidden() else frame


def grade_value(grade: scorecard.TargetGrade, value: float | None) -> str:
    """A scorecard value in its unit, written the interface language's way."""
    if value is None:
        return "—"
    if grade.unit == "points":
        return points(value)
    if grade.unit == "ratio":
        return percent(value, 2)
    if grade.unit == "currency":
        return money(value, grade.currency)
    if grade.unit in ("times", "net"):
        return number(value, 2)
    return number(value)


def shown_grade_value(grade: scorecard.TargetGrade) -> str:
    """The grade's value, or its range when the value is known only within bounds."""
    return range_text(grade, lambda v: grade_value(grade, v)) or grade_value(grade, grade.value)


def grade_interval(grade: scorecard.TargetGrade) -> str:
    """The grade's interval or bounds, or — without one."""
    if grade.interval is None:
        return "—"
    kind = t("lp_bounds") if grade.interval == "bounds" else percent(grade.confidence, 0)
    return f"{grade_value(grade, grade.ci_low)} … {grade_value(grade, grade.ci_high)} ({kind})"


def target_formula(key: str) -> str | None:
    """How a scorecard target's metric is computed, in the interface language."""
    metric = scorecard.TARGET_METRICS.get(key)
    if metric is None:
        return None
    return say(metric.definition)


def scorecard_rows(grades: Sequence[scorecard.TargetGrade]) -> None:
    """Each target on one bordered row: status, value, interval, target and reason."""
    for grade in grades:
        label = target_label(grade)
        with st.container(border=True):
            # The status badge keeps its longest words whole on a laptop screen, in French too.
            left, middle, right = st.columns([3, 3, 4], vertical_alignment="center")
            left.badge(
                status_label(grade),
                icon=STATUS_ICONS[grade.status],
                color=STATUS_COLORS[grade.status],
            )
            left.markdown(f"**{label}**" + (f" · {t('lp_primary')}" if grade.primary else ""))
            value = shown_grade_value(grade)
            target = f"{t('lp_target')}{colon()}{grade_value(grade, grade.target)}"
            formula = target_formula(grade.key)
            reason = say(grade.reason)
            note = say(grade.note)
            middle.metric(
                t("lp_value"),
                value,
                delta=target,
                delta_color="off",
                delta_arrow="off",
                help=help_text(
                    label,
                    formula=formula,
                    source=say(scorecard.reference(grade.key)),
                    provenance=grade.provenance,
                    note=note,
                ),
            )
            right.markdown(f"**{t('lp_interval')}**{colon()}{grade_interval(grade)}")
            right.caption(f"{t('lp_reason')}{colon()}{reason}")
            record_metric(
                label,
                value,
                f"{status_label(grade)} · {target}",
                f"{t('lp_interval')}{colon()}{grade_interval(grade)}\n"
                f"{t('lp_reason')}{colon()}{reason}",
                formula,
                say(scorecard.reference(grade.key)),
                provenance_text(grade.provenance),
                note,
            )


def scorecard_frame(grades: Sequence[scorecard.TargetGrade]) -> pd.DataFrame:
    """The scorecard as a table for its CSV."""
    return pd.DataFrame(
        [
            {
                t("col_metric"): target_label(g),
                t("col_status"): status_label(g),
                t("lp_value"): shown_grade_value(g),
                t("lp_interval"): grade_interval(g),
                t("lp_target"): grade_value(g, g.target),
                t("lp_primary"): t("lp_yes") if g.primary else t("lp_no"),
                t("col_provenance"): t(g.provenance) if g.provenance else "—",
                t("lp_reason"): say(g.reason),
            }
            for g in grades
        ],
        dtype=FORMATTED_CELLS,
    )


def signal_items(values: dict[str, kpis.KpiValue]) -> list[tuple[str, float | None, str]]:
    """``(label, value, hover)`` for each behavioural signal per reach."""
    items = []
    for metric in SIGNALS:
        definition = kpis.DEFINITIONS[metric]
        value = values.get(metric)
        items.append(
            (
                t(f"kpi.{metric}.short"),  # the axis names it a signal once, not each bar
                value.value if value is not None else None,
                say(definition["formula"]),
            )
        )
    return items


def _key_name(level: str | None, key: str) -> str:
    """A row of a KPI table by creator or platform named in words: "@julien.court (Instagram)"
    for the creator id ``instagram:julien.court`` (the ingest's ``platform:handle``)."""
    if level == "creator" and ":" in key:
        platform, handle = key.split(":", 1)
        return f"{creator_name(handle, platform)} ({platform_name(platform)})"
    if level == "platform":
        return platform_name(key)
    return key


def signals_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Signals per reach by creator or platform (``kpis.kpis`` rows) as a wide table."""
    chosen = frame[frame["metric"].isin(SIGNALS)]
    if chosen.empty:
        return pd.DataFrame()
    wide = chosen.pivot_table(index="key", columns="metric", values="value", aggfunc="first")
    wide = wide.reindex(columns=[m for m in SIGNALS if m in wide.columns])
    levels = dict(zip(chosen["key"].astype(str), chosen["level"], strict=False))
    keys = wide.index.astype(str)
    shown = pd.DataFrame({t("col_key"): [_key_name(levels.get(k), k) for k in keys]})
    for metric in wide.columns:
        label = t(f"kpi.{metric}.short")
        shown[label] = [percent(v, 2) if pd.notna(v) else "—" for v in wide[metric]]
    return shown


def sentiment_frame(overall: Any, by_language: dict[str, Any]) -> pd.DataFrame:
    """Sentiment shares and net sentiment (with its interval) overall and by language."""
    groups = [("all", overall), *by_language.items()]
    return pd.DataFrame(
        [
            {
                t("col_group"): t(f"group_{code}"),
                t("col_comments"): s.comments,
                t("lp_positive"): percent(s.positive_share),
                t("lp_neutral"): percent(s.neutral_share),
                t("lp_negative"): percent(s.negative_share),
                t("lp_net_sentiment"): number(s.net_sentiment, 2),
                t("lp_interval"): f"{number(s.ci_low, 2)} … {number(s.ci_high, 2)}",
            }
            for code, s in groups
        ]
    )


def weekly_frame(weekly: Sequence[Any]) -> pd.DataFrame:
    """Net sentiment per week with its interval."""
    return pd.DataFrame(
        [
            {
                t("col_week"): w.week_start.isoformat(),
                t("col_comments"): w.shares.comments,
                t("lp_positive"): percent(w.shares.positive_share),
                t("lp_negative"): percent(w.shares.negative_share),
                t("lp_net_sentiment"): number(w.shares.net_sentiment, 2),
                t("lp_interval"): f"{number(w.shares.ci_low, 2)} … {number(w.shares.ci_high, 2)}",
            }
            for w in weekly
        ]
    )


def mentions_frame(weeks: Sequence[Any]) -> pd.DataFrame:
    """Brand mentions in comments per week."""
    return pd.DataFrame(
        [
            {
                t("col_week"): w.week_start.isoformat(),
                t("col_comments"): w.comments,
                t("col_mentioning"): w.mentioning,
                t("col_mention_share"): percent(w.share),
            }
            for w in weeks
        ]
    )


def campaign_numbers(campaign_id: str, confidence: float) -> CampaignView:
    """The campaign's numbers (``metrics.campaign``), read once per data version.

    Overview, the campaign pages' verdicts and lifts, and the PDF all read this one object, and
    ``sillage report --json`` prints the same numbers.
    """
    return data.read(campaign_view, campaign_id, confidence)


def lifts_for(results: Sequence[LiftResult], questions: Sequence[str]) -> list[LiftResult]:
    """The results for ``questions``, in that order."""
    by_question = {r.question: r for r in results}
    return [by_question[q] for q in questions if q in by_question]


def no_campaign_stop() -> None:
    """The empty state of a database without campaigns: say so, link to Upload, stop."""
    st.info(t("no_campaign"), icon=":material/info:")
    admin_link("pages/upload.py", t("upload_link"), ":material/upload_file:")
    st.stop()


def no_survey(reason: str | None) -> None:
    """Say why there is no lift and which export would give one."""
    shown = say(reason)
    st.info(t("no_survey") + (f"\n\n({shown})" if shown else ""), icon=":material/poll:")
    admin_link("pages/upload.py", t("upload_survey_link"), ":material/upload_file:")


def no_lift(reason: str | None, missing: str) -> None:
    """No lift to show: no survey at all (``reason``), or a survey without these questions."""
    if reason:
        no_survey(reason)
        return
    message = t(missing)
    st.info(message[:1].upper() + message[1:] + ".", icon=":material/poll:")


def lift_section(
    page: str, campaign_id: str, questions: Sequence[str], confidence: float, missing: str
) -> None:
    """A page's survey lifts: one card per question, the interval chart and its table.

    ``missing`` is the ``t()`` key said when the campaign's survey lacks these questions.
    """
    numbers = campaign_numbers(campaign_id, confidence)
    lifts = lifts_for(numbers.lifts, questions)
    if not lifts:
        no_lift(numbers.lift_reason, missing)
        return
    st.caption(t("lift_caption") + " " + t("survey_not_filtered"))
    for column, result in zip(st.columns(len(questions)), lifts, strict=False):
        lift_card(column, result)
    chart(
        figure(lift_chart, lifts, language()),
        file_name=f"sillage-{page}-lift-{campaign_id}",
        key=f"{page}.lift_chart",
    )
    table(
        lift_frame(lifts),
        key=f"{page}.lift.csv",
        file_name=f"sillage-{page}-lift-{campaign_id}.csv",
    )


# --- Performance of the posts (metrics.performance) ---------------------------------------------

PERFORMANCE_CARDS = ("views", "reach", "impressions", "engagements")
ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")


def total_caption(total: performance.Total) -> str:
    """How a total was obtained: measured, summed across n posts, or not exported."""
    if total.provenance == performance.NOT_EXPORTED:
        return t("perf.not_exported")
    if total.provenance == performance.SUMMED:
        return t("perf.summed").format(n=number(total.reporting))
    return t("perf.measured_one")


def total_note(total: performance.Total) -> str | None:
    """Coverage and caveats of a total, in the interface language."""
    notes = []
    if total.provenance != performance.NOT_EXPORTED and total.reporting < total.posts:
        notes.append(
            t("perf.coverage").format(n=number(total.reporting), total=number(total.posts))
        )
    if total.metric == "reach" and total.provenance == performance.SUMMED:
        notes.append(t("perf.reach_summed_note"))
    if total.metric == "impressions" and total.estimated_posts:
        notes.append(t("perf.impressions_from_views").format(n=number(total.estimated_posts)))
    return " ".join(notes) or None


def _total_definition(metric: str) -> tuple[str, str, str]:
    """Label, formula and source of a total (``kpis.DEFINITIONS`` where it has one)."""
    definition = kpis.DEFINITIONS.get(metric)
    if definition is not None:
        return (
            say(definition["label"]),
            say(definition["formula"]),
            say(definition["source"]),
        )
    return t(f"perf.{metric}"), t("perf.formula_sum"), t("perf.source_exports")


def total_card(container: Any, total: performance.Total) -> None:
    """A campaign total with its provenance under the number and its definition on hover."""
    label, formula, source = _total_definition(total.metric)
    summed_reach = total.metric == "reach" and total.provenance == performance.SUMMED
    estimated = summed_reach or (total.metric == "impressions" and total.estimated_posts)
    metric_card(
        container,
        label,
        number(total.value),
        definition=label,
        formula=formula,
        source=source,
        provenance=None
        if total.value is None
        else (kpis.ESTIMATED if estimated else kpis.MEASURED),
        note=total_note(total),
        caption=total_caption(total),
    )


def rate_label(rate: performance.Rate) -> str:
    """An engagement rate's label, naming its base."""
    return say(_rate_definition(rate)["label"])


def _rate_definition(rate: performance.Rate) -> dict[str, Any]:
    if rate.metric == "er_views":
        return performance.ER_VIEWS
    return kpis.DEFINITIONS[rate.metric]


def rate_card(container: Any, rate: performance.Rate) -> None:
    """An engagement rate, its base and coverage under the number, its definition on hover."""
    label = rate_label(rate)
    definition = _rate_definition(rate)
    formula, source = say(definition["formula"]), say(definition["source"])
    metric_card(
        container,
        label,
        percent(rate.value, 2),
        definition=label,
        formula=formula,
        source=source,
        provenance=rate.provenance,
        note=say(rate.note),
        caption=t("perf.rate_caption").format(
            base=t(f"perf.base_{rate.base}"),
            n=number(rate.reporting),
            total=number(rate.posts),
        ),
    )


def unit_cost_card(container: Any, cost: performance.UnitCost) -> None:
    """Cost per view or per engagement in the campaign currency (``kpis.DEFINITIONS``)."""
    definition = kpis.DEFINITIONS[cost.metric]
    label = say(definition["label"])
    metric_card(
        container,
        label,
        money(cost.value, cost.currency, decimals=3),
        definition=label,
        formula=say(definition["formula"]),
        source=say(definition["source"]),
        provenance=cost.provenance,
        note=say(cost.note),
    )


def cards_in_rows(items: Sequence[Any], draw: Any, per_row: int = 4) -> None:
    """``draw(column, item)`` for each item, ``per_row`` cards to a row."""
    for start in range(0, len(items), per_row):
        row = items[start : start + per_row]
        for column, item in zip(st.columns(per_row), row, strict=False):
            draw(column, item)


PLATFORM_NAMES = {"youtube": "YouTube", "tiktok": "TikTok", "instagram": "Instagram",
                  "facebook": "Facebook"}  # fmt: skip


def platform_name(platform: Any) -> str:
    """A platform as it writes its own name (YouTube, TikTok)."""
    return PLATFORM_NAMES.get(str(platform), str(platform or "").title())


def creator_name(handle: Any, platform: Any) -> str:
    """``@handle``, or the platform's own channel when the export names no creator."""
    if isinstance(handle, str) and handle:
        return f"@{handle}"
    return t("perf.own_channel").format(platform=platform_name(platform))


def post_frame(posts: pd.DataFrame) -> pd.DataFrame:
    """The per-post table in the interface language (numbers stay numbers for sorting): the post
    first (what a row is), then who posted it, the engagement rate the posts are ranked by, its
    numbers and its day."""
    return pd.DataFrame(
        {
            t("perf.col_post"): posts["snippet"],
            t("perf.col_creator"): [
                creator_name(h, p) for h, p in zip(posts["handle"], posts["platform"], strict=True)
            ],
            t("perf.col_er_views"): posts["er_views"],
            t("perf.col_views"): posts["views"],
            t("perf.col_engagements"): posts["engagements"],
            t("perf.col_date"): posts["posted_at"],
            t("perf.col_platform"): posts["platform"].map(platform_name),
            t("perf.col_link"): posts["url"],
        }
    )


def post_columns() -> dict[str, Any]:
    """Column formats of ``post_frame``."""
    return {
        t("perf.col_date"): st.column_config.DateColumn(format="YYYY-MM-DD"),
        t("perf.col_link"): st.column_config.LinkColumn(display_text=t("perf.open_link")),
        t("perf.col_views"): st.column_config.NumberColumn(format="localized"),
        t("perf.col_engagements"): st.column_config.NumberColumn(format="localized"),
        t("perf.col_er_views"): st.column_config.NumberColumn(
            format="percent", help=t("perf.er_views_formula")
        ),
    }


def creator_frame(creators: pd.DataFrame) -> pd.DataFrame:
    """The per-creator table in the interface language; fees only when costs are shown."""
    frame = pd.DataFrame(
        {
            t("perf.col_creator"): [
                creator_name(h, p)
                for h, p in zip(creators["handle"], creators["platform"], strict=True)
            ],
            t("perf.col_platform"): creators["platform"].map(platform_name),
            t("perf.col_posts"): creators["posts"],
            t("perf.col_views"): creators["views"],
            t("perf.col_engagements"): creators["engagements"],
            t("perf.col_er_views"): creators["er_views"],
        }
    )
    if "cost" in creators.columns and creators["cost"].notna().any() and not costs_hidden():
        frame[t("perf.col_cost")] = creators["cost"]
        frame[t("perf.col_currency")] = creators["currency"]
    return frame


def creator_columns() -> dict[str, Any]:
    """Column formats of ``creator_frame``."""
    return {
        t("perf.col_views"): st.column_config.NumberColumn(format="localized"),
        t("perf.col_engagements"): st.column_config.NumberColumn(format="localized"),
        t("perf.col_er_views"): st.column_config.NumberColumn(
            format="percent", help=t("perf.er_views_formula")
        ),
        t("perf.col_cost"): st.column_config.NumberColumn(format="%.2f"),
    }


def ranking_text(ranking: performance.Ranking) -> str:
    """The rule that picked the best and weakest posts, with its minimum sample."""
    rule = t(f"perf.ranking_{ranking.basis}").format(
        min_views=number(ranking.min_views), eligible=number(ranking.eligible)
    )
    if ranking.reason:
        return f"{rule} {t(ranking.reason)}"
    return rule


def ranked_lines(frame: pd.DataFrame, basis: str) -> list[str]:
    """One line per ranked post: its value, snippet, creator and date."""
    lines = []
    for row in frame.itertuples(index=False):
        value = percent(row.er_views, 2) if basis == "er_views" else number(row.views)
        text = md(row.snippet) if row.snippet else md(row.post_id)
        safe = isinstance(row.url, str) and not any(c in row.url for c in "<> \n")
        link = f" · [{t('perf.open_link')}](<{row.url}>)" if safe else ""
        when = date(row.posted_at) if row.posted_at is not None else "—"
        lines.append(
            f"- **{value}** · {text} · {md(creator_name(row.handle, row.platform))} · {when}{link}"
        )
    return lines


def performance_section(filters: Filters, campaign_id: str) -> None:
    """The Performance section: totals, rates, unit costs, the two charts and the two tables."""
    result = data.read(performance.performance, filters)
    words = {key: t(key) for key in performance_charts.WORDS}
    lang = language()
    st.caption(t("perf.caption_no_costs" if costs_hidden() else "perf.caption"))
    cards_in_rows(
        [total for total in result.totals if total.metric in PERFORMANCE_CARDS],
        total_card,
        per_row=3,  # room for "summed across 10 posts" in French
    )
    parts = [
        total
        for total in result.totals
        if total.metric in ENGAGEMENT_PARTS and total.value is not None
    ]
    if parts:
        cards_in_rows(parts, total_card, per_row=3)
    if result.rates:
        cards_in_rows(list(result.rates), rate_card, per_row=3)  # long labels: base named
    else:
        st.caption(t("perf.no_rates"))
    if not costs_hidden():
        if result.unit_costs:
            cards_in_rows(list(result.unit_costs), unit_cost_card)
        else:
            st.caption(t(result.cost_reason or "perf.reason_no_cost"))

    st.markdown(f"**{t('perf.over_time_title')}**")
    source = result.cumulative.source
    over_time = figure(performance_charts.cumulative_chart, result.cumulative.frame, words, lang)
    if over_time is None:
        st.info(t("perf.no_over_time"), icon=":material/info:")
    else:
        st.caption(t(f"perf.over_time_{source}").format(launch=date(result.cumulative.launch)))
        chart(over_time, file_name=f"sillage-cumulative-{campaign_id}", key="perf.cumulative")

    ranking = result.ranking
    st.markdown(f"**{t('perf.posts_title')}**")
    st.caption(ranking_text(ranking))
    bars = figure(
        performance_charts.post_chart,
        result.posts,
        ranking.basis,
        tuple(ranking.best["post_id"]),
        tuple(ranking.weakest["post_id"]),
        words,
        lang,
    )
    if bars is None:
        st.info(t("perf.no_post_values"), icon=":material/info:")
    else:
        chart(bars, file_name=f"sillage-posts-{campaign_id}", key="perf.posts_chart")
    if not ranking.best.empty:
        best, weakest = st.columns(2)
        best.markdown(
            f"**{t('perf.best')}**\n\n" + "\n".join(ranked_lines(ranking.best, ranking.basis))
        )
        weakest.markdown(
            f"**{t('perf.weakest')}**\n\n" + "\n".join(ranked_lines(ranking.weakest, ranking.basis))
        )
    table(
        post_frame(result.posts),
        key="perf.posts.csv",
        file_name=f"sillage-posts-{campaign_id}.csv",
        column_config=post_columns(),
    )
    st.markdown(f"**{t('perf.creators_title')}**")
    table(
        creator_frame(result.creators),
        key="perf.creators.csv",
        file_name=f"sillage-creators-performance-{campaign_id}.csv",
        column_config=creator_columns(),
    )


# --- What a page needs to say more ----------------------------------------------------------------

NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "overview": (("posts", "need.posts_performance"),),
    "perception": (("survey", "need.survey_favorability"), ("comments", "need.comments_sentiment")),
    "consideration": (("survey", "need.survey_consideration"), ("posts", "need.posts_signals")),
    "recall": (("survey", "need.survey_recall"), ("comments", "need.comments_mentions")),
    "repeat_exposure": (("exposures", "need.exposures"), ("survey", "need.survey_frequency")),
    "creators": (("posts", "need.posts_creators"),),
    "disclosure": (("posts", "need.posts_disclosure"),),
}
"""Per page: (what ``performance.Sources`` must hold, the sentence saying to load it)."""


def exports_held(filters: Filters) -> performance.Sources:
    """What the view's client and campaigns hold, whatever the dates, platforms and creators.

    A filter that matches nothing is not a missing export: the needs line and the counts speak
    of what is loaded, and the page's own "no data matches" of the filters.
    """
    loaded = dataclasses.replace(filters, start=None, end=None, platforms=(), creator_ids=())
    return data.read(performance.sources, loaded)


def needs_line(page: str, held: performance.Sources) -> bool:
    """One line naming the exports this page lacks to say more; True when something lacks."""
    missing = [t(key) for attribute, key in NEEDS.get(page, ()) if not getattr(held, attribute)]
    if missing:
        st.info(" ".join(missing), icon=":material/upload_file:")
    return bool(missing)


def post_headline(filters: Filters, metrics: Sequence[str]) -> bool:
    """Cards of the posts' exported totals among ``metrics``; False when none is exported."""
    totals = [
        total
        for total in data.read(performance.totals, filters)
        if total.metric in metrics and total.value is not None
    ]
    if totals:
        cards_in_rows(totals, total_card, per_row=3)
    return bool(totals)


def holdings(held: performance.Sources) -> None:
    """What the view holds, counted: posts, survey answers, comments, exposure rows."""
    columns = st.columns(4)
    plain_metric(columns[0], t("home.posts"), number(held.posts), help=t("need.posts_help"))
    plain_metric(
        columns[1],
        t("need.survey_answers"),
        number(held.survey_answers + held.survey_results),
        help=t("need.survey_answers_help"),
    )
    plain_metric(columns[2], t("col_comments"), number(held.comments), help=t("need.comments_help"))
    plain_metric(
        columns[3], t("need.exposures_label"), number(held.exposures), help=t("need.exposures_help")
    )
