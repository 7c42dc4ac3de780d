"""The house look every chart shares, set by ``charts.base.styled``."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.base import SEQUENCE, styled


def test_styled_gives_the_white_house_layout_and_language_separators():
    figure = styled(go.Figure(go.Bar(x=["a"], y=[1234.5])), "Title", height=300, lang="fr")
    layout = figure.to_plotly_json()["layout"]
    house = layout["template"]["layout"]
    assert house["plot_bgcolor"] == house["paper_bgcolor"] == "white"
    assert house["xaxis"]["gridcolor"] == "#EBF0F8"  # plotly_white's grid
    assert house["colorway"] == list(SEQUENCE)
    assert house["legend"]["orientation"] == "h"
    assert layout["separators"] == ",\u202f"  # 1 234,5
    assert layout["height"] == 300 and layout["title"]["text"] == "Title"
    assert layout["margin"]["t"] == 50


def test_the_template_carries_only_the_trace_types_drawn():
    """Bars and lines keep plotly_white's defaults; copying every other trace type was costly."""
    layout = styled(go.Figure()).to_plotly_json()["layout"]
    assert set(layout["template"]["data"]) == {"bar", "scatter"}
    assert layout["template"]["data"]["bar"][0]["marker"]["line"]["color"] == "white"
    assert layout["margin"]["t"] == 20  # no title, less room on top
