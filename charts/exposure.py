"""Repeat-exposure charts: frequency distribution, frequency-response lift, reach, adstock decay.

Builders are pure: they take metric results and the words to print (already translated by the
page, keys listed in ``WORDS``) and return plotly figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.base import (
    COLORS,
    aligned_axes,
    as_percent,
    data_top,
    notes_above,
    percent_axis,
    percent_template,
    styled,
)
from i18n import catalogue, locale
from metrics.brand_lift import MIN_ANSWERS_PER_GROUP, LiftResult
from metrics.exposure import AdstockFit, geometric_adstock

WORDS = (
    "rx.chart_people",
    "rx.chart_share",
    "rx.chart_bucket",
    "rx.chart_exposures",
    "rx.chart_lift",
    "rx.chart_interval",
    "rx.chart_day",
    "rx.chart_cumulative_reach",
    "rx.chart_new_people",
    "rx.chart_cumulative_frequency",
    "rx.chart_weeks_after",
    "rx.chart_carry_over",
    "rx.chart_theta_band",
    "rx.chart_theta_band_indicative",
    "rx.chart_half_life",
    "rx.chart_week",
    "rx.chart_outcome",
    "rx.chart_fitted",
    "rx.chart_input",
    "small_sample",
    "significant",
    "not_significant",
)
"""The ``ui.i18n`` keys these builders print; the page passes ``{key: t(key)}``."""

DECAY_WEEKS = 12


def frequency_distribution_chart(
    buckets: pd.DataFrame, words: Mapping[str, str], lang: str = "en"
) -> go.Figure:
    """Bars of the share of reached people seen at least k times (1+, 2+, 3+, 4+, 5+, 10+)."""
    figure = go.Figure(
        go.Bar(
            x=buckets["bucket"],
            y=as_percent(buckets["share"]),
            customdata=buckets["people"],
            marker_color=COLORS["exposed"],
            texttemplate=percent_template("y", 0, lang),
            textposition="outside",
            hovertemplate=(
                f"{words['rx.chart_bucket']} %{{x}}<br>{words['rx.chart_people']} "
                f"%{{customdata:,}}<br>{words['rx.chart_share']} "
                f"{percent_template('y', 1, lang)}<extra></extra>"
            ),
        )
    )
    figure.update_yaxes(**percent_axis(lang), title=words["rx.chart_share"], rangemode="tozero")
    figure.update_xaxes(title=words["rx.chart_bucket"], type="category")
    return styled(figure, lang=lang)


def lift_by_exposure_chart(
    results: Sequence[LiftResult], words: Mapping[str, str], lang: str = "en"
) -> go.Figure:
    """The frequency-response curve: lift vs control per exposure count, with its intervals.

    Filled markers are significant; open markers are not (an interval that includes 0 is not
    proof of no effect); buckets under Meta's 250 answers per group are labelled small samples.
    """
    shown = [r for r in results if r.absolute_lift is not None]
    x = [r.exposure_bucket for r in shown]
    y = [r.absolute_lift * 100 for r in shown]
    low = [(r.absolute_lift - r.ci_low) * 100 if r.ci_low is not None else 0 for r in shown]
    high = [(r.ci_high - r.absolute_lift) * 100 if r.ci_high is not None else 0 for r in shown]
    small = [
        0 < r.n_exposed < MIN_ANSWERS_PER_GROUP or 0 < r.n_control < MIN_ANSWERS_PER_GROUP
        for r in shown
    ]
    verdicts = [words["significant"] if r.significant else words["not_significant"] for r in shown]
    notes = [
        verdict + (f" · {words['small_sample']}" if flag else "")
        for verdict, flag in zip(verdicts, small, strict=True)
    ]
    interval = [
        f"{locale.points(r.ci_low, 1, lang)} … {locale.points(r.ci_high, 1, lang)}"
        if r.ci_low is not None
        else "—"
        for r in shown
    ]
    figure = go.Figure()
    figure.add_hline(y=0, line_color=COLORS["control"], line_dash="dot")
    figure.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines+markers",
            line={"color": COLORS["exposed"], "width": 1.5},
            marker={
                "size": 13,
                "color": [COLORS["exposed"] if r.significant else "white" for r in shown],
                "line": {"color": COLORS["exposed"], "width": 2},
                "symbol": ["diamond" if flag else "circle" for flag in small],
            },
            error_y={
                "type": "data",
                "symmetric": False,
                "array": high,
                "arrayminus": low,
                "color": COLORS["exposed"],
                "thickness": 1.5,
                "width": 8,
            },
            customdata=np.column_stack(
                [interval, notes, [r.n_exposed for r in shown], [r.n_control for r in shown]]
            )
            if shown
            else None,
            hovertemplate=(
                f"{words['rx.chart_exposures']} %{{x}}<br>{words['rx.chart_lift']} "
                f"%{{y:+.1f}} pts<br>{words['rx.chart_interval']} %{{customdata[0]}}<br>"
                "n %{customdata[2]} / %{customdata[3]}<br>%{customdata[1]}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    notes_above(
        figure,
        x,
        [v - d for v, d in zip(y, low, strict=True)],
        [v + d for v, d in zip(y, high, strict=True)],
        small,
        words["small_sample"],
    )
    figure.update_xaxes(
        title=words["rx.chart_exposures"], type="category", categoryorder="array",
        categoryarray=["1", "2", "3", "4+"],
    )  # fmt: skip
    figure.update_yaxes(title=words["rx.chart_lift"], ticksuffix=" pts", zeroline=False)
    return styled(figure, lang=lang)


def cumulative_reach_chart(
    frame: pd.DataFrame, words: Mapping[str, str], lang: str = "en"
) -> go.Figure:
    """Cumulative unique reach by day (line) over the people newly reached each day (bars)."""
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=frame["day"],
            y=frame["new_people"],
            name=words["rx.chart_new_people"],
            marker_color=COLORS["muted"],
            hovertemplate=f"{words['rx.chart_new_people']} %{{y:,}}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=frame["day"],
            y=frame["cumulative_reach"],
            name=words["rx.chart_cumulative_reach"],
            mode="lines",
            line={"color": COLORS["exposed"], "width": 2.5},
            customdata=frame["cumulative_frequency"],
            hovertemplate=(
                f"{words['rx.chart_cumulative_reach']} %{{y:,}}<br>"
                f"{words['rx.chart_cumulative_frequency']} %{{customdata:.2f}}<extra></extra>"
            ),
        )
    )
    figure.update_layout(hovermode="x unified")
    figure.update_xaxes(title=words["rx.chart_day"])
    figure.update_yaxes(title=words["rx.chart_people"], rangemode="tozero")
    return styled(figure, lang=lang)


def adstock_decay_chart(
    fit: AdstockFit, words: Mapping[str, str], lang: str = "en", weeks: int = DECAY_WEEKS
) -> go.Figure:
    """Share of one week's effect still at work k weeks later (θ^k), its band, the half-life."""
    impulse = [1.0] + [0.0] * weeks
    k = list(range(weeks + 1))
    figure = go.Figure()
    if fit.theta_low is not None and fit.theta_high is not None:
        figure.add_trace(
            go.Scatter(
                x=k + k[::-1],
                y=as_percent(geometric_adstock(impulse, fit.theta_high))
                + as_percent(geometric_adstock(impulse, fit.theta_low))[::-1],
                fill="toself",
                fillcolor="rgba(31,111,139,0.18)",
                line={"width": 0},
                name=words[
                    "rx.chart_theta_band_indicative"
                    if getattr(fit, "indicative", False)
                    else "rx.chart_theta_band"
                ],
                hoverinfo="skip",
            )
        )
    if fit.theta is not None:
        figure.add_trace(
            go.Scatter(
                x=k,
                y=as_percent(geometric_adstock(impulse, fit.theta)),
                mode="lines+markers",
                line={"color": COLORS["exposed"], "width": 2.5},
                name=catalogue.text("chart.exposure.theta", lang, theta=fit.theta),
                hovertemplate=(
                    f"{words['rx.chart_weeks_after']} %{{x}}<br>"
                    f"{words['rx.chart_carry_over']} {percent_template('y', 0, lang)}"
                    "<extra></extra>"
                ),
            )
        )
    if fit.half_life is not None:
        figure.add_vline(
            x=fit.half_life,
            line_dash="dash",
            line_color=COLORS["accent"],
            annotation_text=words["rx.chart_half_life"],
            annotation_position="top right",
        )
        figure.add_hline(y=50, line_dash="dot", line_color=COLORS["control"])
    figure.update_xaxes(title=words["rx.chart_weeks_after"], dtick=1)
    figure.update_yaxes(title=words["rx.chart_carry_over"], **percent_axis(lang), range=[0, 105])
    return styled(figure, lang=lang)


def adstock_fit_chart(
    series: pd.DataFrame,
    fit: AdstockFit,
    input_column: str,
    words: Mapping[str, str],
    lang: str = "en",
) -> go.Figure:
    """The weekly outcome the θ was fitted on, the fitted line ``a + b·A_t(θ)`` and the input."""
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=series["week"],
            y=series[input_column],
            name=words["rx.chart_input"],
            marker_color=COLORS["muted"],
            yaxis="y2",
            hovertemplate=f"{words['rx.chart_input']} %{{y:,.0f}}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=series["week"],
            y=series["outcome"],
            name=words["rx.chart_outcome"],
            mode="markers",
            marker={"color": COLORS["exposed"], "size": 8},
            hovertemplate=f"{words['rx.chart_outcome']} %{{y:,.3~f}}<extra></extra>",
        )
    )
    if fit.theta is not None and fit.intercept is not None and fit.slope is not None:
        fitted = fit.intercept + fit.slope * geometric_adstock(series[input_column], fit.theta)
        figure.add_trace(
            go.Scatter(
                x=series["week"],
                y=fitted,
                name=words["rx.chart_fitted"],
                mode="lines",
                line={"color": COLORS["accent"], "width": 2},
                hovertemplate=f"{words['rx.chart_fitted']} %{{y:,.3~f}}<extra></extra>",
            )
        )
    # Round steps on both axes, as many on each, so the grid lines meet the right axis's ticks.
    left, right = aligned_axes(
        data_top(*(trace.y for trace in figure.data[1:])), data_top(series[input_column])
    )
    figure.update_layout(
        hovermode="x unified",
        yaxis={"title": words["rx.chart_outcome"], **left},
        yaxis2={
            "title": words["rx.chart_input"],
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            **right,
        },
    )
    figure.update_xaxes(title=words["rx.chart_week"])
    return styled(figure, lang=lang)
