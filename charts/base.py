"""What every Sillage chart shares: a quiet layout, hover on every mark, a PNG download."""

from __future__ import annotations

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


def styled(
    figure: go.Figure, title: str | None = None, height: int = 380, lang: str | None = None
) -> go.Figure:
    """The house layout: white background, light grid, legend on top, numbers in the language."""
    if lang is not None:
        figure.update_layout(separators=separators(lang))
    figure.update_layout(
        title=title,
        height=height,
        template=HOUSE_TEMPLATE,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
    )
    return figure


def png_config(file_name: str) -> dict:
    """Plotly's own camera button saves the chart as a PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
