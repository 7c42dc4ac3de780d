"""Lift charts: one row per survey question, the absolute lift with its interval and certainty.

Pure functions of metric results and a language; no Streamlit. "Not significant" is always drawn
as "not proof of no effect", and answers below Meta's floor are flagged on the chart itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from charts.base import COLORS, plot_text, styled
from i18n import catalogue, locale

MIN_ANSWERS_PER_GROUP = 250  # Meta Brand Lift's floor, as in metrics.brand_lift

SIGNIFICANT = "significant"
NOT_SIGNIFICANT = "not_significant"
LOW_CERTAINTY = "low_certainty"
CATEGORIES = (SIGNIFICANT, NOT_SIGNIFICANT, LOW_CERTAINTY)

POINTS_SUFFIX = " pts"  # as ``i18n.locale.points`` writes points of lift in every language

CATEGORY_COLORS = {
    SIGNIFICANT: COLORS["exposed"],
    NOT_SIGNIFICANT: COLORS["control"],
    LOW_CERTAINTY: COLORS["accent"],
}


def text(key: str, lang: str) -> str:
    """The chart's word ``key`` in ``lang``: ``chart.lift.<key>`` of the catalogue."""
    return catalogue.text(f"chart.lift.{key}", lang)


def number(value: float | None, decimals: int, lang: str) -> str:
    """A number as ``lang`` writes it (``i18n.locale.number``); None is —."""
    return locale.number(value, decimals, lang)


def pts(value: float | None, lang: str, decimals: int = 1) -> str:
    """A difference of shares in signed percentage points."""
    return locale.points(value, decimals, lang)


def pct(value: float | None, lang: str, decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage."""
    return locale.percent(value, decimals, lang)


def as_dict(result: Any) -> dict[str, Any]:
    """A ``LiftResult`` (or any dataclass, or a mapping) as a plain dict."""
    if isinstance(result, Mapping):
        return dict(result)
    if dataclasses.is_dataclass(result):
        return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    raise TypeError(f"expected a LiftResult or a mapping, not {type(result).__name__}")


def certainty_category(result: Any) -> str:
    """``significant``, ``low_certainty`` (certainty under 70 %) or ``not_significant``."""
    values = as_dict(result)
    if values.get("significant"):
        return SIGNIFICANT
    if values.get("low_certainty"):
        return LOW_CERTAINTY
    return NOT_SIGNIFICANT


def small_sample(result: Any) -> bool:
    """Fewer answers than Meta's floor in either group."""
    values = as_dict(result)
    return min(values.get("n_exposed") or 0, values.get("n_control") or 0) < MIN_ANSWERS_PER_GROUP


def question_label(question: str, lang: str) -> str:
    """The question's name in ``lang``; an unknown question shows as its key."""
    known = catalogue.has(f"chart.lift.{question}")
    return text(question, lang) if known else question.replace("_", " ")


def unaided_as_lift(comparison: Any, question: str = "unaided_recall") -> dict[str, Any]:
    """A ``metrics.stats.ProportionComparison`` (unaided recall) in the shape the chart reads."""
    values = as_dict(comparison)
    values["question"] = question
    return values


def _hover(values: dict[str, Any], lang: str) -> str:
    lines = [
        f"<b>{plot_text(question_label(values['question'], lang))}</b>",
        f"{pts(values.get('absolute_lift'), lang)} "
        f"({text('interval', lang)} {pts(values.get('ci_low'), lang)} "
        f"… {pts(values.get('ci_high'), lang)})",
        f"{text('certainty', lang)} {pct(values.get('certainty'), lang, 0)}: "
        f"{text(certainty_category(values), lang)}",
        f"{text('exposed', lang)}: {pct(values.get('exposed_rate'), lang)} "
        f"({number(values.get('n_exposed'), 0, lang)} {text('answers', lang)})",
        f"{text('control', lang)}: {pct(values.get('control_rate'), lang)} "
        f"({number(values.get('n_control'), 0, lang)} {text('answers', lang)})",
    ]
    if values.get("min_detectable_lift") is not None:
        lines.append(f"{text('mdl', lang)}: {pts(values['min_detectable_lift'], lang)}")
    if small_sample(values):
        lines.append(f"⚠ {text('small_sample', lang)} (< {MIN_ANSWERS_PER_GROUP})")
    return "<br>".join(lines)


def lift_chart(results: Sequence[Any], lang: str = "en", height: int | None = None) -> go.Figure:
    """One row per question: a point at the absolute lift with its interval as error bars.

    Points are coloured and the rows labelled by certainty (significant / not significant — not
    proof of no effect / low certainty); rows with fewer than 250 answers in a group carry a
    "small sample" marker and note; the hover gives exposed and control rates and sample sizes.

    Args:
        results: ``LiftResult`` objects or dicts with their fields; results without a lift are
            left out.
        lang: ``en`` or ``fr``.
        height: Figure height; by default grows with the number of questions.

    Returns:
        The figure (an empty one saying so when there is nothing to draw).
    """
    rows = [as_dict(r) for r in results]
    rows = [r for r in rows if r.get("absolute_lift") is not None]
    figure = go.Figure()
    if not rows:
        figure.add_annotation(text=text("no_lift", lang), showarrow=False, x=0.5, y=0.5)
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return styled(figure, height=height or 200, lang=lang)
    rows = list(reversed(rows))  # plotly draws the first category at the bottom
    labels = [
        f"{plot_text(question_label(r['question'], lang))}<br>"
        f"<sub>{text(certainty_category(r), lang)}</sub>"
        for r in rows
    ]
    for category in CATEGORIES:
        chosen = [(label, r) for label, r in zip(labels, rows, strict=True)
                  if certainty_category(r) == category]  # fmt: skip
        if not chosen:
            continue
        figure.add_trace(
            go.Scatter(
                x=[r["absolute_lift"] * 100 for _, r in chosen],
                y=[label for label, _ in chosen],
                mode="markers",
                name=text(category, lang),
                marker={
                    "size": 13,
                    "color": CATEGORY_COLORS[category],
                    "symbol": ["diamond-open" if small_sample(r) else "circle" for _, r in chosen],
                    "line": {"width": 2, "color": CATEGORY_COLORS[category]},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [((r["ci_high"] or 0) - r["absolute_lift"]) * 100 for _, r in chosen],
                    "arrayminus": [
                        (r["absolute_lift"] - (r["ci_low"] or 0)) * 100 for _, r in chosen
                    ],
                    "thickness": 2,
                    "width": 6,
                    "color": CATEGORY_COLORS[category],
                },
                hovertext=[_hover(r, lang) for _, r in chosen],
                hoverinfo="text",
            )
        )
    for label, r in zip(labels, rows, strict=True):
        if small_sample(r):
            figure.add_annotation(
                x=(r["ci_high"] or r["absolute_lift"]) * 100,
                y=label,
                text=f"⚠ {text('small_sample', lang)}",
                showarrow=False,
                xanchor="left",
                xshift=8,
                font={"color": COLORS["negative"], "size": 12},
            )
    figure.add_vline(x=0, line_width=1, line_color="#555", line_dash="dot")
    figure.update_xaxes(title=text("axis", lang), ticksuffix=POINTS_SUFFIX, zeroline=False)
    figure.update_yaxes(categoryorder="array", categoryarray=labels)
    figure.update_layout(hovermode="closest")
    return styled(figure, height=height or 140 + 70 * len(rows), lang=lang)
