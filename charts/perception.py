"""Perception, consideration and recall charts: comment sentiment, brand mentions, signals.

Pure functions of metric results and a language; no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from charts.base import (
    COLORS,
    aligned_axes,
    data_top,
    empty_figure,
    percent_axis,
    styled,
    weekly_ticks,
)
from charts.lift import as_dict, number, pct
from i18n import catalogue, locale

LABELS = ("positive", "neutral", "negative")


def text(key: str, lang: str) -> str:
    """The chart's word ``key`` in ``lang``: ``chart.perception.<key>`` of the catalogue; a key
    it lacks (a language code it does not name) shows as itself."""
    name = f"chart.perception.{key}"
    return catalogue.text(name, lang) if catalogue.has(name) else key


def _empty(lang: str) -> go.Figure:
    return empty_figure(text("nothing", lang), lang)


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "−" if value < 0 else "") + number(abs(value), 2, lang)


def sentiment_shares_chart(
    overall: Any, by_language: Mapping[str, Any], lang: str = "en"
) -> go.Figure:
    """Stacked positive / neutral / negative shares: all comments, then each language.

    Args:
        overall: ``metrics.perception.SentimentShares`` of all comments.
        by_language: Language code (``fr``, ``en``, ``und``) → ``SentimentShares``.
        lang: ``en`` or ``fr``.
    """
    groups = [("all", as_dict(overall))] + [
        (code, as_dict(shares)) for code, shares in by_language.items()
    ]
    groups = [(code, g) for code, g in groups if g.get("comments")]
    if not groups:
        return _empty(lang)
    names = [
        catalogue.text("chart.perception.group_size", lang, name=text(code, lang), n=g["comments"])
        for code, g in groups
    ]
    figure = go.Figure()
    for label in LABELS:
        shares = [g[f"{label}_share"] for _, g in groups]
        figure.add_trace(
            go.Bar(
                y=names,
                x=[s * 100 for s in shares],
                orientation="h",
                name=text(label, lang),
                marker_color=COLORS[label],
                text=[pct(s, lang, 0) for s in shares],
                textposition="inside",
                hovertext=[
                    f"{name}<br>{text(label, lang)}: {pct(g[f'{label}_share'], lang)} "
                    f"({number(g[label], 0, lang)} {text('comments', lang)})<br>"
                    f"{text('net', lang)}: {_signed(g['net_sentiment'], lang)} "
                    f"[{_signed(g['ci_low'], lang)} … {_signed(g['ci_high'], lang)}]"
                    for name, (_, g) in zip(names, groups, strict=True)
                ],
                hoverinfo="text",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title=text("share", lang), **percent_axis(lang), range=[0, 100])
    figure.update_yaxes(autorange="reversed")
    return styled(figure, height=120 + 55 * len(groups), lang=lang)


def net_sentiment_weekly_chart(weekly: Sequence[Any], lang: str = "en") -> go.Figure:
    """Net sentiment per week with its interval (weeks without comments left blank).

    Args:
        weekly: ``metrics.perception.WeeklySentiment`` items.
        lang: ``en`` or ``fr``.
    """
    measured = {w.week_start: as_dict(w.shares) for w in weekly}
    measured = {week: s for week, s in measured.items() if s.get("net_sentiment") is not None}
    if not measured:
        return _empty(lang)
    # Every week from the first to the last, so that a week without comments breaks the line
    # instead of being bridged.
    first, last = min(measured), max(measured)
    weeks = [first + dt.timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    points = [(week, measured.get(week)) for week in weeks]
    figure = go.Figure(
        go.Scatter(
            x=weeks,
            y=[s["net_sentiment"] if s else None for _, s in points],
            mode="lines+markers",
            connectgaps=False,
            name=text("net", lang),
            line={"color": COLORS["exposed"]},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [s["ci_high"] - s["net_sentiment"] if s else None for _, s in points],
                "arrayminus": [s["net_sentiment"] - s["ci_low"] if s else None for _, s in points],
                "color": COLORS["control"],
            },
            hovertext=[
                f"{text('week', lang)} {locale.date(week, lang)}<br>{text('net', lang)}: "
                f"{_signed(s['net_sentiment'], lang)} ({text('interval', lang)} "
                f"{_signed(s['ci_low'], lang)} … {_signed(s['ci_high'], lang)})<br>"
                f"{number(s['comments'], 0, lang)} {text('comments', lang)}"
                if s
                else ""
                for week, s in points
            ],
            hoverinfo="text",
        )
    )
    figure.add_hline(y=0, line_width=1, line_dash="dot", line_color="#555")
    figure.update_yaxes(title=text("net", lang), range=[-1.05, 1.05])
    figure.update_xaxes(title=text("week", lang))
    weekly_ticks(figure, weeks[0], len(weeks))
    return styled(figure, lang=lang)


def brand_mentions_weekly_chart(weeks: Sequence[Any], lang: str = "en") -> go.Figure:
    """Comments per week naming the brand (bars) and their share of the week's comments (line).

    Args:
        weeks: ``metrics.recall.WeeklyMentions`` items.
        lang: ``en`` or ``fr``.
    """
    if not weeks or not any(w.comments for w in weeks):
        return _empty(lang)
    starts = [w.week_start for w in weeks]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=starts,
            y=[w.mentioning for w in weeks],
            name=text("mentioning", lang),
            marker_color=COLORS["muted"],
            hovertext=[
                f"{text('week', lang)} {locale.date(w.week_start, lang)}<br>"
                f"{number(w.mentioning, 0, lang)} / {number(w.comments, 0, lang)} "
                f"{text('comments', lang)}"
                for w in weeks
            ],
            hoverinfo="text",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=starts,
            y=[None if w.share is None else w.share * 100 for w in weeks],
            name=text("mention_share", lang),
            mode="lines+markers",
            connectgaps=False,  # a week without comments has no share: a gap
            yaxis="y2",
            line={"color": COLORS["exposed"]},
            hovertext=[
                f"{text('week', lang)} {locale.date(w.week_start, lang)}<br>"
                f"{text('mention_share', lang)}: {pct(w.share, lang)}"
                for w in weeks
            ],
            hoverinfo="text",
        )
    )
    # Round steps on both axes, as many on each, so the grid lines meet the right axis's ticks.
    left, right = aligned_axes(data_top(figure.data[0].y), data_top(figure.data[1].y))
    figure.update_layout(
        yaxis={"title": text("mentioning", lang), **left},
        yaxis2={
            "title": text("mention_share", lang),
            "overlaying": "y",
            "side": "right",
            **percent_axis(lang),
            "showgrid": False,
            **right,
        },
    )
    figure.update_xaxes(title=text("week", lang))
    weekly_ticks(figure, starts[0], len(starts))
    return styled(figure, lang=lang)


def group_rates_chart(
    exposed_rate: float | None,
    control_rate: float | None,
    n_exposed: float,
    n_control: float,
    lang: str = "en",
) -> go.Figure:
    """Exposed versus control share (e.g. naming the brand unprompted), side by side."""
    if exposed_rate is None and control_rate is None:
        return _empty(lang)
    groups = [
        (text("exposed", lang), exposed_rate, n_exposed, COLORS["exposed"]),
        (text("control", lang), control_rate, n_control, COLORS["control"]),
    ]
    figure = go.Figure(
        go.Bar(
            x=[name for name, *_ in groups],
            y=[(rate or 0) * 100 for _, rate, _, _ in groups],
            marker_color=[color for *_, color in groups],
            text=[pct(rate, lang) for _, rate, _, _ in groups],
            textposition="outside",
            hovertext=[
                f"{name}: {pct(rate, lang)} ({number(n, 0, lang)} {text('respondents', lang)})"
                for name, rate, n, _ in groups
            ],
            hoverinfo="text",
        )
    )
    figure.update_yaxes(title=text("rate", lang), **percent_axis(lang), rangemode="tozero")
    return styled(figure, height=320, lang=lang)


def signals_chart(signals: Sequence[tuple[str, float | None, str]], lang: str = "en") -> go.Figure:
    """Behavioural signals per person reached, as bars (labelled signals, not lift).

    Args:
        signals: ``(label, value as a fraction or None, hover detail)`` per signal.
        lang: ``en`` or ``fr``.
    """
    shown = [(label, value, detail) for label, value, detail in signals if value is not None]
    if not shown:
        return _empty(lang)
    figure = go.Figure(
        go.Bar(
            x=[label for label, _, _ in shown],
            y=[value * 100 for _, value, _ in shown],
            marker_color=COLORS["accent"],
            text=[pct(value, lang, 2) for _, value, _ in shown],
            textposition="outside",
            hovertext=[
                f"{label}: {pct(value, lang, 2)}<br>{detail}" for label, value, detail in shown
            ],
            hoverinfo="text",
        )
    )
    figure.update_yaxes(title=text("signal_axis", lang), **percent_axis(lang), rangemode="tozero")
    return styled(figure, height=340, lang=lang)
