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


def test_the_weekly_sentiment_line_breaks_over_a_week_without_comments():
    import datetime as dt
    from types import SimpleNamespace

    from charts.perception import net_sentiment_weekly_chart

    def week(day: int, net: float | None) -> SimpleNamespace:
        shares = {"net_sentiment": net, "ci_low": None if net is None else net - 0.1,
                  "ci_high": None if net is None else net + 0.1, "comments": 0 if net is None else 12}  # fmt: skip
        return SimpleNamespace(week_start=dt.date(2026, 9, day), shares=shares)

    # Weeks of 7 and 14 September, none on the 21st, no score on the 28th, then 5 October.
    weekly = [week(7, 0.3), week(14, 0.1), week(28, None)]
    weekly.append(SimpleNamespace(week_start=dt.date(2026, 10, 5), shares=week(7, -0.2).shares))
    trace = net_sentiment_weekly_chart(weekly).data[0]
    assert [str(x)[:10] for x in trace.x] == [
        "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05"
    ]  # fmt: skip
    assert list(trace.y) == [0.3, 0.1, None, None, -0.2]  # gaps, not a line across them
    assert trace.connectgaps is False
