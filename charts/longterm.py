"""Long-term charts: the lift of each survey wave with its interval and the fitted decay, and the
control group's level over time across a client's campaigns with its trend line.

Pure functions of ``metrics.longterm`` results and a language; words come from the catalogue
(``lt.chart.*``), numbers are written by the locale.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from charts.base import COLORS, SEQUENCE, empty_figure, percent_axis, plot_text, styled
from charts.lift import CATEGORY_COLORS, certainty_category, question_label, text
from i18n import catalogue, locale
from i18n.messages import render
from metrics.longterm import BaselineTrend, DecayFit, WaveLift, wave_name


def _word(key: str, lang: str) -> str:
    return catalogue.template(key, lang)


def _empty(lang: str) -> go.Figure:
    return empty_figure(_word("lt.chart.nothing", lang), lang)


def _wave_hover(wave: WaveLift, lang: str) -> str:
    lift = wave.lift
    return "<br>".join(
        [
            f"<b>{plot_text(render(wave_name(wave.wave), lang))}</b> · "
            f"{plot_text(question_label(wave.question, lang))}",
            f"{locale.points(lift.absolute_lift, 1, lang)} "
            f"({locale.points(lift.ci_low, 1, lang)} … {locale.points(lift.ci_high, 1, lang)})",
            f"{text('exposed', lang)}: {locale.percent(lift.exposed_rate, 1, lang)} "
            f"({locale.number(lift.n_exposed, 0, lang)} {text('answers', lang)})",
            f"{text('control', lang)}: {locale.percent(lift.control_rate, 1, lang)} "
            f"({locale.number(lift.n_control, 0, lang)} {text('answers', lang)})",
        ]
    )


def wave_lift_chart(
    waves: Sequence[WaveLift], decay: DecayFit | None, lang: str = "en"
) -> go.Figure:
    """The lift of each wave at its weeks after the campaign's end, with its interval as error
    bars coloured by certainty, and the fitted exponential decay as a line.

    Args:
        waves: ``metrics.longterm.wave_lifts`` of one question; waves without a week or a lift
            are left out.
        decay: The question's ``decay_fit``, or None.
        lang: ``en`` or ``fr``.

    Returns:
        The figure (an empty one saying so when there is nothing to draw).
    """
    shown = [w for w in waves if w.week is not None and w.lift.absolute_lift is not None]
    if not shown:
        return _empty(lang)
    figure = go.Figure()
    curve = decay.curve() if decay is not None else []
    if curve:
        figure.add_trace(
            go.Scatter(
                x=[week for week, _ in curve],
                y=[lift * 100 for _, lift in curve],
                mode="lines",
                name=_word("lt.chart.fit", lang),
                line={"color": COLORS["accent"], "dash": "dash", "width": 2},
                hoverinfo="skip",
            )
        )
    for category in CATEGORY_COLORS:
        chosen = [w for w in shown if certainty_category(w.lift) == category]
        if not chosen:
            continue
        color = CATEGORY_COLORS[category]
        figure.add_trace(
            go.Scatter(
                x=[w.week for w in chosen],
                y=[w.lift.absolute_lift * 100 for w in chosen],
                mode="markers+text",
                name=text(category, lang),
                text=[plot_text(render(wave_name(w.wave), lang)) for w in chosen],
                textposition="top center",
                marker={"size": 12, "color": color},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [((w.lift.ci_high or 0) - w.lift.absolute_lift) * 100 for w in chosen],
                    "arrayminus": [
                        (w.lift.absolute_lift - (w.lift.ci_low or 0)) * 100 for w in chosen
                    ],
                    "thickness": 2,
                    "width": 6,
                    "color": color,
                },
                hovertext=[_wave_hover(w, lang) for w in chosen],
                hoverinfo="text",
            )
        )
    figure.add_hline(y=0, line_width=1, line_color="#555", line_dash="dot")
    figure.add_vline(x=0, line_width=1, line_color=COLORS["muted"])
    figure.update_xaxes(title=_word("lt.chart.week", lang), zeroline=False)
    figure.update_yaxes(title=_word("lt.chart.lift", lang), ticksuffix=" pts", zeroline=False)
    return styled(figure, height=380, lang=lang)


def baseline_chart(trend: BaselineTrend, lang: str = "en") -> go.Figure:
    """The control group's positive rate of each campaign and wave on its date (Wilson interval
    as error bars, one colour per campaign) and the weighted least-squares trend line.

    Args:
        trend: ``metrics.longterm.control_baseline`` of one question.
        lang: ``en`` or ``fr``.

    Returns:
        The figure (an empty one saying so when there is no point).
    """
    if not trend.points:
        return _empty(lang)
    figure = go.Figure()
    campaigns = list(dict.fromkeys(p.campaign_id for p in trend.points))
    for index, campaign_id in enumerate(campaigns):
        points = [p for p in trend.points if p.campaign_id == campaign_id]
        color = SEQUENCE[index % len(SEQUENCE)]
        figure.add_trace(
            go.Scatter(
                x=[p.day for p in points],
                y=[p.rate * 100 for p in points],
                mode="markers",
                name=plot_text(points[0].campaign_name),
                marker={"size": 11, "color": color},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [((p.ci_high or p.rate) - p.rate) * 100 for p in points],
                    "arrayminus": [(p.rate - (p.ci_low or p.rate)) * 100 for p in points],
                    "thickness": 1.5,
                    "width": 4,
                    "color": color,
                },
                hovertext=[
                    f"<b>{plot_text(p.campaign_name)}</b> · "
                    f"{plot_text(render(wave_name(p.wave), lang))}<br>"
                    f"{locale.date(p.day, lang)}: {locale.percent(p.rate, 1, lang)} "
                    f"({locale.number(p.answers, 0, lang)} {text('answers', lang)})"
                    for p in points
                ],
                hoverinfo="text",
            )
        )
    if trend.line:
        figure.add_trace(
            go.Scatter(
                x=[day for day, _ in trend.line],
                y=[value * 100 for _, value in trend.line],
                mode="lines",
                name=_word("lt.chart.trend", lang),
                line={"color": COLORS["negative"], "dash": "dash", "width": 2},
                hoverinfo="skip",
            )
        )
    figure.update_yaxes(title=_word("lt.chart.control", lang), **percent_axis(lang))
    return styled(figure, height=380, lang=lang)
