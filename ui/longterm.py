"""The Long-term page's cards and tables, in the interface language (``metrics.longterm``).

Every number here is computed by ``metrics.longterm``; this module only writes them: cards with
their definition, formula and source on hover, tables with one named row per wave or control
group.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics.longterm import BaselineTrend, QuestionLongTerm, wave_name
from ui.export import chart
from ui.formatting import md
from ui.i18n import date, number, percent, points, say, say_joined, t
from ui.metric_cards import FORMATTED_CELLS, certainty_text, chance_or_dash, metric_card
from ui.tables import table


def range_text(low: float | None, high: float | None, write: Any) -> str:
    """``low … high`` written by ``write``; a missing upper end says it has none."""
    if low is None and high is None:
        return "—"
    upper = t("lt.unbounded") if high is None else write(high)
    return t("lt.range", low=write(low) if low is not None else "—", high=upper)


def _weeks(value: float | None) -> str:
    return t("lt.half_life_value", weeks=value) if value is not None else "—"


def summary_cards(item: QuestionLongTerm, columns: list[Any]) -> None:
    """Three cards: the post-campaign lift, the share left in the last wave, the half-life; a
    card without a number leaves no hole: the next one takes its column."""
    reference = item.reference
    slots = iter(columns)
    if reference is not None:
        lift = reference.lift
        metric_card(
            next(slots),
            t("lt.reference_lift", wave=md(say(wave_name(reference.wave)))),
            points(lift.absolute_lift),
            definition=t("lt.reference_lift_def"),
            formula=t("formula_lift"),
            source=t("source_lift"),
            provenance="measured",
            note=say_joined(lift.warnings),
            caption=f"{range_text(lift.ci_low, lift.ci_high, points)} · "
            f"{certainty_text(lift, short=True)}",
        )
    if item.remaining:
        last = item.remaining[-1]
        metric_card(
            next(slots),
            t("lt.remaining", wave=md(say(wave_name(last.wave)))),
            percent(last.share, 0),
            definition=t("lt.remaining_def"),
            formula=t("lt.remaining_formula"),
            source=t("lt.remaining_source"),
            provenance="measured",
            note=say_joined(last.warnings),
            caption=range_text(last.ci_low, last.ci_high, lambda v: percent(v, 0)),
        )
    decay = item.decay
    metric_card(
        next(slots),
        t("lt.half_life"),
        "—" if decay is None else _weeks(decay.half_life) if decay.half_life else t("lt.no_decay"),
        definition=t("lt.half_life_def"),
        formula=t("lt.half_life_formula"),
        source=t("lt.half_life_source"),
        provenance="estimated",
        note=t("lt.half_life_missing") if decay is None else say_joined(decay.warnings),
        caption=None if decay is None else range_text(decay.ci_low, decay.ci_high, _weeks),
    )


def slope_card(trend: BaselineTrend, container: Any) -> None:
    """The control baseline's slope per year with its interval, its definition on hover."""
    metric_card(
        container,
        t("lt.slope"),
        "—" if trend.slope_per_year is None else t("lt.slope_value", slope=trend.slope_per_year),
        definition=t("lt.slope_def"),
        formula=t("lt.slope_formula"),
        source=t("lt.slope_source"),
        provenance="estimated",
        note=t("lt.slope_missing") if trend.slope_per_year is None else say_joined(trend.warnings),
        caption=f"{range_text(trend.ci_low, trend.ci_high, points)} · "
        + t("lt.baseline_points", n=len(trend.points), campaigns=trend.campaigns),
    )


def waves_frame(item: QuestionLongTerm) -> pd.DataFrame:
    """One row per wave, named by the wave: its week, lift, interval, rates and share left."""
    shares = {r.wave: r for r in item.remaining}
    rows = []
    for wave in item.waves:
        lift, share = wave.lift, shares.get(wave.wave)
        rows.append(
            {
                t("lt.col_wave"): say(wave_name(wave.wave)),
                t("lt.col_week"): number(wave.week, 1),
                t("col_lift"): points(lift.absolute_lift),
                t("col_ci"): range_text(lift.ci_low, lift.ci_high, points),
                t("col_chance_positive"): chance_or_dash(lift.chance_above_zero()),
                t("col_exposed"): percent(lift.exposed_rate),
                t("col_control"): percent(lift.control_rate),
                t("col_n_exposed"): lift.n_exposed,
                t("col_n_control"): lift.n_control,
                t("lt.col_remaining"): percent(share.share, 0) if share else "",
                t("lt.col_remaining_ci"): (
                    range_text(share.ci_low, share.ci_high, lambda v: percent(v, 0))
                    if share
                    else ""
                ),
                t("col_warnings"): say_joined(lift.warnings) or "",
            }
        )
    return pd.DataFrame(rows, dtype=FORMATTED_CELLS)


def baseline_frame(trend: BaselineTrend) -> pd.DataFrame:
    """One row per control group: campaign and wave, date, positive rate with its interval."""
    rows = [
        {
            t("lt.col_campaign"): p.campaign_name,
            t("lt.col_wave"): say(wave_name(p.wave)),
            t("lt.col_day"): date(p.day),
            t("lt.col_control_rate"): percent(p.rate),
            t("col_ci"): range_text(p.ci_low, p.ci_high, percent),
            t("lt.col_control_answers"): p.answers,
        }
        for p in trend.points
    ]
    return pd.DataFrame(rows, dtype=FORMATTED_CELLS)


def chart_and_table(figure: go.Figure, frame: pd.DataFrame, title: str, name: str) -> None:
    """A chart, then its table under a bold title; both downloadable as ``sillage-<name>``."""
    chart(figure, file_name=f"sillage-{name}", key=f"lt.{name}.chart")
    st.markdown(f"**{title}**")
    table(frame, key=f"lt.{name}.csv", file_name=f"sillage-{name}.csv")
