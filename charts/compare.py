"""Charts of the compare view: side-by-side totals, the index on the median campaign, and the
cumulative weekly lines aligned on launch with the agency's median as a dashed benchmark.

Builders are pure: they take the frames of ``metrics.compare`` and already translated words, and
return plotly figures (no Streamlit, no database).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.base import (
    COLORS,
    SEQUENCE,
    as_percent,
    percent_axis,
    percent_template,
    plot_text,
    styled,
)

PERCENT_UNITS = ("ratio", "points")
"""Units drawn as percentages: the values are plotted ×100 with the language's percent sign."""


def value_format(unit: str | None) -> str:
    """The d3 format of a value in ``unit`` as plotted: shares and lifts (×100) with one decimal,
    counts whole, money with cents."""
    if unit in PERCENT_UNITS:
        return ".1f"
    if unit in (None, "count"):
        return ",.0f"
    return ",.2f"


def _suffix(unit: str | None) -> str:
    return f" {unit}" if unit not in (None, "count", *PERCENT_UNITS) else ""


def _plotted(values, unit: str | None) -> list[float | None]:
    """``values`` as the y axis of ``unit`` plots them (shares ×100), gaps left as None."""
    if unit in PERCENT_UNITS:
        return as_percent(values)
    return [None if pd.isna(v) else float(v) for v in values]


def _written(field: str, unit: str | None, lang: str) -> str:
    """The hover template of ``field`` (a value from ``_plotted``) in ``unit`` and ``lang``."""
    if unit in PERCENT_UNITS:
        return percent_template(field, 1, lang)
    return f"%{{{field}:{value_format(unit)}}}{_suffix(unit)}"


def _value_axis(unit: str | None, lang: str) -> dict:
    """The y axis's tick format for ``unit``: percentages in the language, or the d3 format."""
    return percent_axis(lang) if unit in PERCENT_UNITS else {"tickformat": value_format(unit)}


def campaign_colors(names) -> dict[str, str]:
    """One colour per campaign, by its place among the campaigns compared, for every chart."""
    return {name: SEQUENCE[i % len(SEQUENCE)] for i, name in enumerate(dict.fromkeys(names))}


def totals_bars(
    totals: pd.DataFrame,
    *,
    metric_label: str,
    unit: str | None,
    labels: Mapping[str, str],
    lang: str = "en",
    title: str | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """One bar per campaign with its total; hover names the campaign, value and provenance.

    ``totals`` has ``name``, ``value`` and ``provenance`` (``metrics.compare.TOTALS_COLUMNS``);
    campaigns without a value get no bar. ``labels`` gives ``provenance``.
    """
    colors = colors or campaign_colors(totals["name"])
    shown = totals[totals["value"].notna()]
    figure = go.Figure(
        go.Bar(
            x=[plot_text(name) for name in shown["name"]],
            y=_plotted(shown["value"], unit),
            marker_color=[colors[name] for name in shown["name"]],
            customdata=[[p or "—"] for p in shown["provenance"]],
            hovertemplate=(
                f"<b>%{{x}}</b><br>{metric_label}: {_written('y', unit, lang)}"
                f"<br>{labels['provenance']}: %{{customdata[0]}}<extra></extra>"
            ),
        )
    )
    figure.update_yaxes(title_text=metric_label + _suffix(unit), **_value_axis(unit, lang))
    return styled(figure, title, lang=lang)


def index_bars(
    totals: pd.DataFrame,
    *,
    labels: Mapping[str, str],
    lang: str = "en",
    title: str | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars of each campaign's index (the median campaign = 100), a line at 100.

    ``labels`` gives ``index`` (axis and hover) and ``median`` (the reference line's caption).
    """
    colors = colors or campaign_colors(totals["name"])
    shown = totals[totals["index"].notna()]
    figure = go.Figure(
        go.Bar(
            y=[plot_text(name) for name in shown["name"]],
            x=[float(v) for v in shown["index"]],
            orientation="h",
            marker_color=[colors[name] for name in shown["name"]],
            hovertemplate=f"<b>%{{y}}</b><br>{labels['index']}: %{{x:,.0f}}<extra></extra>",
        )
    )
    figure.add_vline(
        x=100,
        line_dash="dash",
        line_color=COLORS["control"],
        annotation_text=labels["median"],
        annotation_position="top",
    )
    figure.update_xaxes(title_text=labels["index"], rangemode="tozero")
    figure.update_yaxes(autorange="reversed")
    return styled(figure, title, lang=lang)


def weekly_lines(
    series: pd.DataFrame,
    benchmark: pd.DataFrame,
    *,
    metric_label: str,
    unit: str | None,
    labels: Mapping[str, str],
    lang: str = "en",
    title: str | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Cumulative value per week since launch, one line per campaign, the median dashed.

    ``series`` and ``benchmark`` are ``metrics.compare`` frames; weeks without a value are gaps.
    ``labels`` gives ``week``, ``median``, ``campaigns`` and ``timing``.
    """
    colors = colors or campaign_colors(series["name"])
    figure = go.Figure()
    for name, group in series.groupby("name", sort=False):
        figure.add_trace(
            go.Scatter(
                x=group["week"].tolist(),
                y=_plotted(group["value"], unit),
                mode="lines+markers",
                connectgaps=False,  # a week without a value breaks the line
                name=plot_text(name),
                line={"color": colors[name]},
                customdata=[[t or "—"] for t in group["timing"]],
                hovertemplate=(
                    f"<b>{plot_text(name)}</b><br>{labels['week']} %{{x}}<br>{metric_label}: "
                    f"{_written('y', unit, lang)}<br>{labels['timing']}: %{{customdata[0]}}"
                    "<extra></extra>"
                ),
            )
        )
    figure.add_trace(
        go.Scatter(
            x=benchmark["week"].tolist(),
            y=_plotted(benchmark["median"], unit),
            mode="lines",
            connectgaps=False,
            name=labels["median"],
            line={"color": COLORS["control"], "dash": "dash", "width": 3},
            customdata=[[int(n)] for n in benchmark["campaigns"]],
            hovertemplate=(
                f"<b>{labels['median']}</b><br>{labels['week']} %{{x}}<br>{metric_label}: "
                f"{_written('y', unit, lang)}<br>{labels['campaigns']}: %{{customdata[0]}}"
                "<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(title_text=labels["week"], dtick=1, rangemode="tozero")
    figure.update_yaxes(title_text=metric_label + _suffix(unit), **_value_axis(unit, lang))
    return styled(figure, title, lang=lang)
