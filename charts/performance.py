"""Performance charts: cumulative views by days since launch, and the posts side by side.

Builders are pure: ``metrics.performance`` frames in, plotly figures out; the words come
translated from the page (keys in ``WORDS``). A builder given nothing to draw returns None, so
the page says what is missing instead of drawing empty axes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.base import (
    COLORS,
    aligned_axes,
    as_percent,
    data_top,
    percent_axis,
    percent_template,
    plot_text,
    styled,
)
from i18n import locale

WORDS = (
    "perf.chart_day",
    "perf.chart_date",
    "perf.chart_views",
    "perf.chart_engagements",
    "perf.chart_cumulative_views",
    "perf.chart_cumulative_engagements",
    "perf.chart_er_views",
    "perf.chart_best",
    "perf.chart_weakest",
    "perf.chart_other",
    "perf.chart_post",
)
"""The ``ui.i18n`` keys these builders print."""

LABEL_CHARS = 40
"""Longest post label on the bar chart's axis (the hover shows the whole snippet)."""


def _present(values: pd.Series) -> pd.Series:
    return values.map(lambda v: v is not None and not pd.isna(v))


def cumulative_chart(
    frame: pd.DataFrame, words: Mapping[str, str], lang: str = "en"
) -> go.Figure | None:
    """Cumulative views (left axis) and engagements (right axis) by days since launch.

    ``frame`` is ``metrics.performance.Cumulative.frame``; None when it has no views and no
    engagements.
    """
    if frame.empty:
        return None
    series = [
        (metric, words[f"perf.chart_cumulative_{metric}"], color, axis)
        for metric, color, axis in (
            ("views", COLORS["exposed"], "y"),
            ("engagements", COLORS["accent"], "y2"),
        )
        if _present(frame[f"cumulative_{metric}"]).any()
    ]
    if not series:
        return None
    figure = go.Figure()
    dates = [str(d) for d in frame["date"]]
    for metric, label, color, axis in series:
        daily = [0.0 if v is None or pd.isna(v) else float(v) for v in frame[metric]]
        figure.add_trace(
            go.Scatter(
                x=frame["day"].astype(int),
                y=frame[f"cumulative_{metric}"].astype(float),
                name=label,
                mode="lines+markers",
                line={"color": color, "shape": "hv", "width": 2},
                yaxis=axis,
                customdata=list(zip(dates, daily, strict=True)),
                hovertemplate=(
                    f"{words['perf.chart_day']} %{{x}} (%{{customdata[0]}})<br>"
                    f"{label} %{{y:,.0f}}<br>"
                    f"{words[f'perf.chart_{metric}']} %{{customdata[1]:,.0f}}<extra></extra>"
                ),
            )
        )
    figure.update_xaxes(title=words["perf.chart_day"], rangemode="tozero")
    figure.update_yaxes(title=series[0][1], rangemode="tozero", tickformat=".3~s")
    if len(series) == 2:
        # Round steps on both axes, cut into as many steps, so the left grid lines meet the
        # right axis's ticks (plotly's own choice for an overlaying axis gives 1890 / 3780 …).
        left, right = aligned_axes(
            *(data_top(frame[f"cumulative_{metric}"]) for metric, *_ in series)
        )
        figure.update_layout(
            yaxis=left,
            yaxis2={
                "title": series[1][1],
                "overlaying": "y",
                "side": "right",
                "tickformat": ".3~s",
                "showgrid": False,
                **right,
            },
        )
    return styled(figure, lang=lang)


def _post_label(snippet: object, posted_at: object, post_id: object, lang: str = "en") -> str:
    text = snippet if isinstance(snippet, str) and snippet else str(post_id)
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1].rstrip() + "…"
    if posted_at is None or pd.isna(posted_at):
        return plot_text(text)
    day = locale.date(pd.Timestamp(posted_at), lang)  # the day as the language writes it
    shown = f"{text} · {day}"
    return plot_text(shown)


def post_chart(
    posts: pd.DataFrame,
    basis: str,
    best: Collection[str],
    weakest: Collection[str],
    words: Mapping[str, str],
    lang: str = "en",
) -> go.Figure | None:
    """One horizontal bar per post: its engagement rate by views (``basis`` ``er_views``) or its
    views (``views``), best posts in green and weakest in red.

    ``posts`` is ``metrics.performance.post_table``; posts without the value are left out (the
    table lists them). None when no post has the value.
    """
    shown = posts[_present(posts[basis])].copy()
    if shown.empty:
        return None
    shown["_value"] = shown[basis].astype(float)
    shown = shown.sort_values("_value", kind="stable")
    labels = [
        _post_label(s, d, p, lang)
        for s, d, p in zip(shown["snippet"], shown["posted_at"], shown["post_id"], strict=True)
    ]
    # Two posts may share a label (same caption, same day): keep every bar on its own row.
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    colors, kinds = [], []
    for post_id in shown["post_id"]:
        if post_id in best:
            colors.append(COLORS["positive"])
            kinds.append(words["perf.chart_best"])
        elif post_id in weakest:
            colors.append(COLORS["negative"])
            kinds.append(words["perf.chart_weakest"])
        else:
            colors.append(COLORS["muted"])
            kinds.append(words["perf.chart_other"])

    def count(value: object) -> str:
        return "—" if value is None or pd.isna(value) else locale.number(float(value), 0, lang)

    customdata = [
        [kind, platform, count(views), count(engagements), plot_text(snippet or "")]
        for kind, platform, views, engagements, snippet in zip(
            kinds,
            shown["platform"],
            shown["views"],
            shown["engagements"],
            shown["snippet"],
            strict=True,
        )
    ]
    is_rate = basis == "er_views"
    axis = words["perf.chart_er_views"] if is_rate else words["perf.chart_views"]
    value_format = percent_template("x", 2, lang) if is_rate else "%{x:,.0f}"
    figure = go.Figure(
        go.Bar(
            x=as_percent(shown["_value"]) if is_rate else shown["_value"],
            y=unique,
            orientation="h",
            marker_color=colors,
            customdata=customdata,
            hovertemplate=(
                "%{customdata[4]}<br>%{customdata[1]} · %{customdata[0]}<br>"
                f"{axis} {value_format}<br>"
                f"{words['perf.chart_views']} %{{customdata[2]}}<br>"
                f"{words['perf.chart_engagements']} %{{customdata[3]}}<extra></extra>"
            ),
        )
    )
    ticks = percent_axis(lang) if is_rate else {"tickformat": ".3~s"}
    figure.update_xaxes(title=axis, **ticks, rangemode="tozero")
    figure.update_yaxes(title=None, type="category")
    return styled(figure, height=max(320, 26 * len(unique) + 90), lang=lang)
