"""What every Sillage chart shares: a quiet layout, hover on every mark, a PNG download."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from i18n import locale

COLORS = {
    "exposed": "#1f6f8b",
    "control": "#9aa5ab",
    "positive": "#2e8b57",
    "neutral": "#b0b7bb",
    "negative": "#c0392b",
    "accent": "#d4813a",
    "muted": "#cfd6da",
}
_PLOT_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def plot_text(text: object) -> str:
    """Text from data (names, titles, questions) made inert in a figure: ticks, legend, hover.

    Plotly reads a subset of HTML there (``<a href>``, ``<b>``, ``<br>``, ``<span style>``) and
    decodes entities; escaping ``&``, ``<`` and ``>`` shows the text as typed. Markdown text on a
    page goes through ``ui.formatting.md`` instead.
    """
    return "".join(_PLOT_SPECIAL.get(char, char) for char in str(text))


SEQUENCE = ("#1f6f8b", "#d4813a", "#2e8b57", "#8e5ea2", "#c0392b", "#5b7fa6", "#a3a948", "#7a7a7a")


# The house look, built once. Naming "plotly_white" on each figure deep-copies its defaults for
# every trace type, which was the largest share of the server's time per page view; its layout
# and the two trace types these charts draw are all they use.
_WHITE = pio.templates["plotly_white"]
HOUSE_TEMPLATE = go.layout.Template(
    layout=_WHITE.layout, data={"bar": _WHITE.data.bar, "scatter": _WHITE.data.scatter}
)
HOUSE_TEMPLATE.layout.update(
    colorway=SEQUENCE,
    legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    hoverlabel={"bgcolor": "white"},
    font={"family": "Source Sans Pro, sans-serif"},
)


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language: 1,234.5 or 1 234,5."""
    return locale.separators(lang)


def percent_suffix(lang: str | None) -> str:
    """What follows a percentage in ``lang``: "%" in English, a no-break space and "%" in French.

    Plotly's d3 ``%`` formats always write "62%"; a percentage axis plots shares ×100 (``as_percent``)
    with this suffix on its ticks (``percent_axis``) and in its hover and bar text
    (``percent_template``)."""
    return locale.rules(lang).before_percent + "%"


def as_percent(shares: Iterable[object]) -> list[float | None]:
    """Shares in [0, 1] as the percentages a percentage axis plots: 0.625 -> 62.5; None and NaN
    stay gaps."""
    return [None if share is None or pd.isna(share) else float(share) * 100 for share in shares]


def percent_axis(lang: str | None) -> dict:
    """A plotly axis's ticks written as percentages in ``lang`` (values from ``as_percent``);
    plotly keeps its own round steps (1, 2 or 5 × 10ⁿ)."""
    return {"ticksuffix": percent_suffix(lang)}


def percent_template(field: str, decimals: int, lang: str | None) -> str:
    """A hover or text template writing ``field`` (a value from ``as_percent``) as a percentage
    in ``lang``, with ``decimals`` digits: ``%{y:.1f}%`` / ``%{y:.1f} %``; ``styled`` gives the
    decimal separator."""
    return f"%{{{field}:.{decimals}f}}{percent_suffix(lang)}"


def styled(
    figure: go.Figure, title: str | None = None, height: int = 380, lang: str | None = None
) -> go.Figure:
    """The house layout: white background, light grid, legend on top, numbers in the language."""
    if lang is not None:
        figure.update_layout(separators=separators(lang))
        if _dates_on_x(figure) and figure.layout.xaxis.tickformat is None:
            # Plotly names months in English ("Aug 9"): days are written as the language does.
            figure.update_xaxes(tickformat=locale.rules(lang).date_format)
    figure.update_layout(
        title=title,
        height=height,
        template=HOUSE_TEMPLATE,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
    )
    return figure


def notes_above(
    figure: go.Figure,
    xs: Sequence[object],
    lows: Sequence[float],
    highs: Sequence[float],
    flags: Sequence[bool],
    text: str,
) -> None:
    """``text`` above the interval of each flagged point (a small sample), never over another
    point or cut by the plot's edge: the y axis gets room for it above the highest interval.

    The words are a text trace on the points' own ``xs``, so a category named "3" is placed as
    the data are (an annotation would read it as the category at place 3)."""
    flagged = [(x, high) for x, high, flag in zip(xs, highs, flags, strict=True) if flag]
    if flagged:
        figure.add_trace(
            go.Scatter(
                x=[x for x, _ in flagged], y=[high for _, high in flagged], mode="text",
                text=[plot_text(text)] * len(flagged), textposition="top center",
                textfont={"color": COLORS["accent"], "size": 11}, cliponaxis=False,
                hoverinfo="skip", showlegend=False,
            )
        )  # fmt: skip
    if any(flags):
        bottom, top = min(0.0, *lows), max(0.0, *highs)
        span = (top - bottom) or 1.0
        figure.update_yaxes(range=[bottom - 0.05 * span, top + 0.18 * span])


WEEK_MS = 7 * 24 * 3600 * 1000
"""A week in plotly's unit of a date axis's ``dtick`` (milliseconds)."""


def weekly_ticks(figure: go.Figure, first_week: dt.date, weeks: int, most: int = 10) -> None:
    """Ticks on the week starts (Mondays), as the bars and points sit, one every few weeks so
    that at most ``most`` show; plotly's own date ticks fall on Sundays."""
    every = max(1, math.ceil(weeks / most))
    figure.update_xaxes(tick0=first_week.isoformat(), dtick=WEEK_MS * every)


def _dates_on_x(figure: go.Figure) -> bool:
    """Whether a trace of ``figure`` has days or times along x."""
    for trace in figure.data:
        values = getattr(trace, "x", None)
        if values is None or len(values) == 0:
            continue
        first = values[0]
        if isinstance(first, dt.date | np.datetime64 | pd.Timestamp):
            return True
    return False


def png_config(file_name: str) -> dict:
    """Plotly's own camera button saves the chart as a PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def keyed_colors(keys: Iterable[object]) -> dict[str, str]:
    """One colour of ``SEQUENCE`` per key, by its place among the sorted distinct keys.

    A page builds it once from every key it shows (creator ids, campaign ids) and hands it to
    each chart, so a creator or a campaign keeps its colour from one chart to the next.
    """
    ordered = sorted({str(key) for key in keys if key is not None and not pd.isna(key)})
    return {key: SEQUENCE[i % len(SEQUENCE)] for i, key in enumerate(ordered)}


NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
"""The mantissas a tick step may take: steps of 1, 2, 2.5 or 5 times a power of ten."""


def nice_step(span: float, intervals: int = 5) -> float:
    """The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) cutting ``span`` into at most
    ``intervals`` equal parts (Heckbert's nice numbers, *Graphics Gems*, 1990)."""
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / intervals
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in NICE_STEPS if m * power >= raw * (1 - 1e-9))
    return float(f"{step:.12g}")  # 0.0025, not 0.0025000000000000005


def data_top(*columns: Iterable[object]) -> float:
    """The largest finite number among ``columns`` (None, NaN and text left out), 0 if none."""
    values = pd.to_numeric(
        pd.Series([v for c in columns for v in c], dtype=object), errors="coerce"
    )
    values = values[values.map(math.isfinite)] if not values.empty else values
    return float(values.max()) if values.notna().any() else 0.0


def aligned_axes(
    left_top: float, right_top: float, counts: Iterable[int] = range(3, 8)
) -> tuple[dict, dict]:
    """Ranges and round ticks for two y axes from zero whose grid lines fall together.

    Both axes are cut into the same number of round steps (each its own step), the number of
    ``counts`` that leaves the least empty room above the data; a tick on the left axis then
    sits level with one on the right. Each dict is a plotly axis's ``range``, ``tick0`` and
    ``dtick``.
    """
    tops = [top if top > 0 and math.isfinite(top) else 1.0 for top in (left_top, right_top)]

    def room(count: int) -> float:
        return sum(1 - top / (nice_step(top, count) * count) for top in tops)

    count = min(counts, key=lambda c: (round(room(c), 9), c))
    return tuple(  # type: ignore[return-value]
        {"range": [0, step * count], "tick0": 0, "dtick": step, "tickmode": "linear"}
        for step in (nice_step(top, count) for top in tops)
    )


def empty_figure(message: str, lang: str) -> go.Figure:
    """A small figure that says, in words, why there is nothing to draw."""
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, x=0.5, y=0.5)
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return styled(figure, height=200, lang=lang)
