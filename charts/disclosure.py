"""Disclosure chart: the share of sponsored posts disclosed, ambiguous or missing per group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from charts.base import (
    COLORS,
    as_percent,
    percent_axis,
    percent_template,
    plot_text,
    separators,
    styled,
)
from metrics.disclosure import STATUSES

WORDS = ("dc.status_disclosed", "dc.status_ambiguous", "dc.status_missing", "dc.chart_share")
"""The ``ui.i18n`` keys this builder prints."""

STATUS_COLORS = {
    "disclosed": COLORS["positive"],
    "ambiguous": COLORS["accent"],
    "missing": COLORS["negative"],
}


def rates_chart(
    rates: pd.DataFrame,
    labels: Sequence[str],
    words: Mapping[str, str],
    lang: str = "en",
) -> go.Figure:
    """Stacked horizontal bars: each group's share of posts per status, counts on hover.

    Args:
        rates: ``metrics.disclosure.disclosure_rates`` output (groups with posts only).
        labels: The name of each row of ``rates``, in order.
        words: Translated words (``WORDS``).
        lang: Interface language, for number separators.
    """
    figure = go.Figure()
    for status in STATUSES:
        figure.add_trace(
            go.Bar(
                y=[plot_text(label) for label in labels],
                x=as_percent(rates[f"{status}_share"]),
                orientation="h",
                name=words[f"dc.status_{status}"],
                marker_color=STATUS_COLORS[status],
                customdata=list(zip(rates[status], rates["posts"], strict=True)),
                hovertemplate=(
                    f"%{{y}}<br>{words[f'dc.status_{status}']} {percent_template('x', 0, lang)} "
                    "(%{customdata[0]} / %{customdata[1]})<extra></extra>"
                ),
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title=words["dc.chart_share"], **percent_axis(lang), range=[0, 100])
    figure.update_yaxes(title=None, autorange="reversed", type="category")
    figure = styled(figure, height=max(260, 30 * len(labels) + 100))
    # Horizontal stacks list their legend bottom-up by default: keep the reading order.
    figure.update_layout(separators=separators(lang), legend={"traceorder": "normal"})
    return figure
