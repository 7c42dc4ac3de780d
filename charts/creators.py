"""Creator charts: engagement rate by reach per creator, results by collaboration number, trends.

Builders are pure: metric frames in, plotly figures out; the words come translated from the page
(keys in ``WORDS``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.base import (
    COLORS,
    as_percent,
    keyed_colors,
    notes_above,
    percent_axis,
    percent_template,
    plot_text,
    styled,
)
from i18n import locale
from metrics.creators import Trend

WORDS = (
    "cr.chart_er_reach",
    "cr.chart_creator",
    "cr.chart_collaboration_number",
    "cr.chart_collaborations",
    "cr.chart_interval",
    "cr.chart_slope",
    "cr.chart_overall",
    "cr.chart_no_interval",
    "small_sample",
)
"""The ``ui.i18n`` keys these builders print."""

INK = "#31333f"
"""The overall slope's diamond: no creator's colour."""

SMALL_SAMPLE = 5
"""Fewer collaborations than this behind a mean: flagged as a small sample on the chart."""


def _label(handle: object, platform: object) -> str:
    return plot_text(f"@{handle} ({platform})" if handle else platform)


def _creator_colors(
    frame: pd.DataFrame, colors: Mapping[str, str] | None
) -> tuple[list[str], list[str]]:
    """Each row's creator id and its colour (``colors`` by creator id, else keyed on the ids
    of ``frame``): a creator keeps one colour in every chart of a page given the same map."""
    ids = [str(c) for c in frame["creator_id"]]
    palette = colors or keyed_colors(ids)
    return ids, [palette.get(c, COLORS["exposed"]) for c in ids]


def er_reach_chart(
    summary: pd.DataFrame,
    words: Mapping[str, str],
    lang: str = "en",
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars of each creator's engagement rate by reach (creators without one left out),
    each in its creator's colour (``colors`` by creator id)."""
    rated = summary[summary["er_reach"].notna()].sort_values("er_reach")
    labels = [_label(h, p) for h, p in zip(rated["handle"], rated["platform"], strict=True)]
    ids, bar_colors = _creator_colors(rated, colors)
    figure = go.Figure(
        go.Bar(
            x=as_percent(rated["er_reach"]),
            y=labels,
            ids=ids,
            orientation="h",
            marker_color=bar_colors,
            customdata=rated["posts"],
            hovertemplate=(
                f"%{{y}}<br>{words['cr.chart_er_reach']} {percent_template('x', 2, lang)}<br>"
                "n = %{customdata}<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(title=words["cr.chart_er_reach"], **percent_axis(lang))
    figure.update_yaxes(title=None)
    return styled(figure, height=max(320, 26 * len(labels) + 80), lang=lang)


def collaboration_chart(
    results: pd.DataFrame, words: Mapping[str, str], lang: str = "en"
) -> go.Figure:
    """Mean engagement rate by reach per collaboration number, with its t-interval.

    Means resting on fewer than ``SMALL_SAMPLE`` collaborations are drawn open and labelled.
    """
    shown = results[results["mean_er_reach"].notna()]
    interval = [
        f"{locale.percent(lo, 2, lang)} … {locale.percent(hi, 2, lang)}"
        if pd.notna(lo)
        else words["cr.chart_no_interval"]
        for lo, hi in zip(shown["ci_low"].astype(float), shown["ci_high"], strict=True)
    ]
    # Shares drawn as percentages (×100) on a percentage axis.
    mean, low, high = (shown[c].astype(float) * 100 for c in ("mean_er_reach", "ci_low", "ci_high"))
    small = shown["collaborations"] < SMALL_SAMPLE
    figure = go.Figure(
        go.Scatter(
            x=shown["collaboration_number"].astype(str),
            y=mean,
            mode="lines+markers",
            line={"color": COLORS["exposed"], "width": 1.5},
            marker={
                "size": 13,
                "color": ["white" if s else COLORS["exposed"] for s in small],
                "line": {"color": COLORS["exposed"], "width": 2},
            },
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (high - mean).fillna(0),
                "arrayminus": (mean - low).fillna(0),
                "color": COLORS["exposed"],
                "width": 8,
            },
            customdata=list(zip(interval, shown["collaborations"], strict=True)),
            hovertemplate=(
                f"{words['cr.chart_collaboration_number']} %{{x}}<br>"
                f"{words['cr.chart_er_reach']} {percent_template('y', 2, lang)}<br>"
                f"{words['cr.chart_interval']} %{{customdata[0]}}<br>"
                f"{words['cr.chart_collaborations']} %{{customdata[1]}}<extra></extra>"
            ),
            showlegend=False,  # one series: the axes name it ("trace 0" otherwise)
        )
    )
    number = shown["collaboration_number"].astype(str)
    notes_above(figure, number, low.fillna(mean), high.fillna(mean), small, words["small_sample"])
    figure.update_xaxes(title=words["cr.chart_collaboration_number"], type="category")
    figure.update_yaxes(title=words["cr.chart_er_reach"], **percent_axis(lang))
    return styled(figure, lang=lang)


def trend_chart(
    trends: pd.DataFrame,
    overall: Trend,
    words: Mapping[str, str],
    lang: str = "en",
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Forest plot of the slope per collaboration (points of rate) per creator and overall, each
    creator in its colour (``colors`` by creator id), the overall slope a dark diamond.

    Creators without a slope are left out (the table says why); a slope without an interval is
    drawn open.
    """
    palette = colors or keyed_colors(trends["creator_id"])
    rows = [
        (_label(h, p), s, lo, hi, palette.get(str(c), COLORS["exposed"]))
        for c, h, p, s, lo, hi in zip(
            trends["creator_id"],
            trends["handle"],
            trends["platform"],
            trends["slope"],
            trends["ci_low"],
            trends["ci_high"],
            strict=True,
        )  # fmt: skip
        if s is not None and pd.notna(s)
    ]
    if overall.slope is not None:
        rows.append(
            (words["cr.chart_overall"], overall.slope, overall.ci_low, overall.ci_high, INK)
        )
    labels = [r[0] for r in rows]
    slope = [r[1] * 100 for r in rows]
    plus = [(r[3] - r[1]) * 100 if r[3] is not None else 0 for r in rows]
    minus = [(r[1] - r[2]) * 100 if r[2] is not None else 0 for r in rows]
    figure = go.Figure()
    figure.add_vline(x=0, line_color=COLORS["control"], line_dash="dot")
    figure.add_trace(
        go.Scatter(
            x=slope,
            y=labels,
            mode="markers",
            marker={
                "size": [14 if r[0] == words["cr.chart_overall"] else 10 for r in rows],
                "symbol": [
                    "diamond" if r[0] == words["cr.chart_overall"] else "circle" for r in rows
                ],
                "color": [r[4] if r[2] is not None else "white" for r in rows],
                "line": {"color": [r[4] for r in rows], "width": 2},
            },  # fmt: skip
            error_x={"type": "data", "symmetric": False, "array": plus, "arrayminus": minus},
            customdata=[
                f"{locale.points(r[2], 2, lang)} … {locale.points(r[3], 2, lang)}"
                if r[2] is not None
                else words["cr.chart_no_interval"]
                for r in rows
            ],
            hovertemplate=(
                f"%{{y}}<br>{words['cr.chart_slope']} %{{x:+.2f}} pts<br>"
                f"{words['cr.chart_interval']} %{{customdata}}<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(title=words["cr.chart_slope"], ticksuffix=" pts")
    figure.update_yaxes(title=None, type="category", categoryorder="array", categoryarray=labels)
    return styled(figure, height=max(320, 28 * len(labels) + 90), lang=lang)


FIT_WORDS = ("fit.chart_in_target", "fit.chart_score", "fit.chart_rank")
"""The ``ui.i18n`` keys ``fit_chart`` prints."""
PAY_WORDS = ("pay.chart_fee_per_post", "pay.chart_collaboration_number", "pay.chart_cpv")
"""The ``ui.i18n`` keys ``pay_chart`` prints."""


def fit_chart(
    fit: pd.DataFrame,
    words: Mapping[str, str],
    lang: str = "en",
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars of each ranked creator's audience in target, in rank order, the score
    beside each bar (creators without an audience export are left out: the table lists them),
    each in its creator's colour (``colors`` by creator id)."""
    ranked = fit[fit["rank"].notna()].sort_values("rank", ascending=False)
    labels = [
        f"{int(r)}. {_label(h, p)}"
        for r, h, p in zip(ranked["rank"], ranked["handle"], ranked["platform"], strict=True)
    ]
    ids, bar_colors = _creator_colors(ranked, colors)
    figure = go.Figure(
        go.Bar(
            x=as_percent(ranked["in_target_share"]),
            y=labels,
            ids=ids,
            orientation="h",
            marker_color=bar_colors,
            text=[locale.number(s, 2, lang) for s in ranked["score"].astype(float)],
            textposition="outside",
            customdata=ranked["score"].astype(float),
            hovertemplate=(
                f"%{{y}}<br>{words['fit.chart_in_target']} {percent_template('x', 1, lang)}<br>"
                f"{words['fit.chart_score']} %{{customdata:.3f}}<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(title=words["fit.chart_in_target"], **percent_axis(lang), range=[0, 108])
    figure.update_yaxes(title=None, type="category")
    return styled(figure, height=max(320, 26 * len(labels) + 80), lang=lang)


def pay_chart(
    history: pd.DataFrame,
    words: Mapping[str, str],
    lang: str = "en",
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Fee per post over successive collaborations, one line per creator, client and currency
    (amounts of different currencies share the axis only when the data hold one currency), in
    the creator's colour (``colors`` by creator id); lines of one creator share a legend group."""
    palette = colors or keyed_colors(history["creator_id"])
    figure = go.Figure()
    for (creator_id, _, currency), group in history.groupby(
        ["creator_id", "client_id", "currency"], sort=True
    ):
        group = group.sort_values("collaboration_number")
        color = palette.get(str(creator_id), COLORS["exposed"])
        figure.add_trace(
            go.Scatter(
                x=group["collaboration_number"].astype(int),
                y=group["fee_per_post"].astype(float),
                mode="lines+markers",
                line={"color": color},
                marker={"color": color},
                legendgroup=str(creator_id),
                name=_label(group["handle"].iloc[0], f"{group['platform'].iloc[0]}, {currency}"),
                customdata=list(
                    zip(group["campaign"].map(plot_text), group["cost_per_1000_views"], strict=True)
                ),
                hovertemplate=(
                    f"%{{fullData.name}}<br>%{{customdata[0]}}<br>"
                    f"{words['pay.chart_fee_per_post']} %{{y:,.0f}} {currency}<br>"
                    f"{words['pay.chart_cpv']} %{{customdata[1]:,.2f}} {currency}<extra></extra>"
                ),
            )  # fmt: skip
        )
    currencies = sorted(history["currency"].dropna().unique())
    unit = f" ({currencies[0]})" if len(currencies) == 1 else ""
    figure.update_xaxes(title=words["pay.chart_collaboration_number"], dtick=1)
    figure.update_yaxes(title=words["pay.chart_fee_per_post"] + unit, rangemode="tozero")
    return styled(figure, lang=lang)
