"""Charts of the compare view: side-by-side totals, the index on the median campaign, and the
cumulative weekly lines aligned on launch with the agency's median as a dashed benchmark.

Builders are pure: they take the frames of ``metrics.compare`` and already translated words, and
return plotly figures (no Streamlit, no database).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.base import COLORS, SEQUENCE, plot_text, styled


def value_format(unit: str | None) -> str:
    """The d3 format of a value in ``unit``: shares and lifts as percentages, money with cents."""
    if unit in ("ratio", "points"):
        return ".1%"
    if unit in (None, "count"):
        return ",.0f"
    return ",.2f"


def _suffix(unit: str | None) -> str:
    return f" {unit}" if unit not in (None, "count", "ratio", "points") else ""


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
    fmt = value_format(unit)
    figure = go.Figure(
        go.Bar(
            x=[plot_text(name) for name in shown["name"]],
            y=[float(v) for v in shown["value"]],
            marker_color=[colors[name] for name in shown["name"]],
            customdata=[[p or "—"] for p in shown["provenance"]],
            hovertemplate=(
                f"<b>%{{x}}</b><br>{metric_label}: %{{y:{fmt}}}{_suffix(unit)}"
                f"<br>{labels['provenance']}: %{{customdata[0]}}<extra></extra>"
            ),
        )
    )
    figure.update_yaxes(title_text=metric_label + _suffix(unit), tickformat=fmt)
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
    fmt = value_format(unit)
    colors = colors or campaign_colors(series["name"])
    figure = go.Figure()
    for name, group in series.groupby("name", sort=False):
        figure.add_trace(
            go.Scatter(
                x=group["week"].tolist(),
                y=[None if pd.isna(v) else float(v) for v in group["value"]],
                mode="lines+markers",
                connectgaps=False,  # a week without a value breaks the line
                name=plot_text(name),
                line={"color": colors[name]},
                customdata=[[t or "—"] for t in group["timing"]],
                hovertemplate=(
                    f"<b>{plot_text(name)}</b><br>{labels['week']} %{{x}}<br>{metric_label}: "
                    f"%{{y:{fmt}}}{_suffix(unit)}<br>{labels['timing']}: %{{customdata[0]}}"
                    "<extra></extra>"
                ),
            )
        )
    figure.add_trace(
        go.Scatter(
            x=benchmark["week"].tolist(),
            y=[None if pd.isna(v) else float(v) for v in benchmark["median"]],
            mode="lines",
            connectgaps=False,
            name=labels["median"],
            line={"color": COLORS["control"], "dash": "dash", "width": 3},
            customdata=[[int(n)] for n in benchmark["campaigns"]],
            hovertemplate=(
                f"<b>{labels['median']}</b><br>{labels['week']} %{{x}}<br>{metric_label}: "
                f"%{{y:{fmt}}}{_suffix(unit)}<br>{labels['campaigns']}: %{{customdata[0]}}"
                "<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(title_text=labels["week"], dtick=1, rangemode="tozero")
    figure.update_yaxes(title_text=metric_label + _suffix(unit), tickformat=fmt)
    return styled(figure, title, lang=lang)
