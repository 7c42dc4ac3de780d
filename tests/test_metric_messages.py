"""Sentences of ``metrics`` and the words of every chart come from the catalogue.

A metric writes a reason as ``Message(code, **fields)``: English as its text, French and the
pseudo-language ``xx`` (every catalogue word marked ⟦…⟧, numbers written 1_234·5) when rendered.
Every chart built in ``xx`` must then show no word outside the marks in its title, axis titles
and legend names: a word there that bypasses the catalogue stands out.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import compare, creators, disclosure, exposure, lift, perception, performance
from i18n import catalogue
from i18n.messages import Message
from metrics import brand_lift, stats
from metrics.brand_lift import GroupCounts
from metrics.creators import Trend
from metrics.disclosure import PLATFORM_LABEL_RULE, RULES
from metrics.exposure import fit_adstock

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("message", "english", "french", "pseudo"),
    [
        (
            Message("lift.below_min_answers", n=1176, group="exposed", minimum=250),
            "only 1,176 exposed answers: below the 250 per group Meta requires before reporting "
            "a lift",
            f"seulement 1{NNBSP}176 réponses dans le groupe exposé : moins des 250 par groupe que "
            "Meta exige avant de publier une hausse",
            "⟦only 1_176 ⟦exposed⟧ answers: below the 250 per group Meta requires before "
            "reporting a lift⟧",
        ),
        (
            Message("stats.interval_wider", width=0.05),
            "the interval (5.0% wide) is wider than the lift: more answers are needed before "
            "reading this number",
            f"l'intervalle (large de 5,0{NBSP}%) est plus large que la hausse : il faut plus de "
            "réponses avant de lire ce chiffre",
            "⟦the interval (5·0% wide) is wider than the lift: more answers are needed before "
            "reading this number⟧",
        ),
        (
            Message("exposure.impressions_below_reach", impressions=12345, reach=23456),
            "impressions (12,345) are below reach (23,456): the exports disagree and frequency "
            "is undefined",
            f"les impressions (12{NNBSP}345) sont inférieures à la couverture (23{NNBSP}456) : les "
            "exports se contredisent et la répétition n'est pas définie",
            "⟦impressions (12_345) are below reach (23_456): the exports disagree and frequency "
            "is undefined⟧",
        ),
        (
            Message("exposure.views_for_impressions", n=1),
            "views stand in for impressions on 1 post(s)",
            "les vues remplacent les impressions sur 1 publication",  # French plural rule
            "⟦views stand in for impressions on 1 post(s)⟧",
        ),
        (
            Message("lift.pool_no_answers", campaign="c-1", question="purchase_intent"),
            "c-1: no answers to purchase intent",
            "c-1 : aucune réponse à intention d'achat",
            "⟦c-1: no answers to ⟦purchase intent⟧⟧",
        ),
        (
            Message("recall.no_answers_open", questions=["purchase_intent", "brand recall"]),
            "no answers to an unaided-recall question for this campaign (open answers exist "
            "for: purchase intent, brand recall)",
            "aucune réponse à une question de mémorisation spontanée pour cette campagne "
            "(réponses ouvertes présentes pour : intention d'achat, brand recall)",
            "⟦no answers to an unaided-recall question for this campaign (open answers exist "
            "for: ⟦purchase intent⟧, brand recall)⟧",
        ),
        (
            Message("stats.not_proof", high=0.048),
            "no significant lift is not proof of no effect: lifts up to +4.8% are consistent "
            "with these answers",
            "une hausse non significative n'est pas la preuve d'une absence d'effet : des "
            f"hausses jusqu'à +4,8{NBSP}% sont compatibles avec ces réponses",
            "⟦no significant lift is not proof of no effect: lifts up to +4·8% are consistent "
            "with these answers⟧",
        ),
    ],
)
def test_a_metric_message_is_english_text_and_renders_in_french_and_pseudo(
    message: Message, english: str, french: str, pseudo: str
) -> None:
    assert message == english
    assert message.render("fr") == french
    assert message.render("xx") == pseudo


def test_the_warnings_a_lift_computes_are_messages_that_speak_french() -> None:
    """45 exposed answers of a planted 20 % vs 10 %: below Meta's floor, said in French."""
    exposed, control = GroupCounts(45, 9.0, 45.0), GroupCounts(300, 30.0, 300.0)
    result = brand_lift._lift_result("awareness", "respondents", exposed, control, 0.9)
    first = result.warnings[0]
    assert first == (
        "only 45 exposed answers: below the 250 per group Meta requires before reporting a lift"
    )
    assert first.render("fr").startswith("seulement 45 réponses dans le groupe exposé")
    frame = brand_lift.lift_frame([result])
    assert frame.loc[0, "warnings"] == "; ".join(result.warnings)
    assert "seulement 45 réponses" in frame.loc[0, "warnings"].render("fr")


def test_the_pooled_lift_and_comparison_warnings_are_messages() -> None:
    pooled = stats.pooled_difference([0.05], [0.0004], 0.9)
    assert [w.code for w in pooled.warnings] == ["stats.one_campaign"]
    empty = stats.compare_proportions(0, 0, 5, 50, 0.9)
    assert empty.warnings[0] == "no exposed respondents: the lift cannot be computed"
    assert empty.warnings[0].render("fr") == (
        "aucun répondant dans le groupe exposé : la hausse ne peut pas être calculée"
    )


def test_a_campaign_without_survey_says_why_in_french(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    reason = brand_lift.lift_unavailable_reason(connection, "nowhere")
    assert reason == "no campaign 'nowhere'"
    assert reason.render("fr") == "aucune campagne « nowhere »"


def test_every_disclosure_rule_has_a_plain_label_in_every_language() -> None:
    for rule in (PLATFORM_LABEL_RULE, *(r.rule_id for r in RULES)):
        for lang in catalogue.LANGUAGES:
            label = catalogue.text(f"dc.rule.{rule}", lang)
            assert catalogue.has(f"dc.rule.{rule}", lang) and label != rule, (rule, lang)
            assert "_" not in label, label
    assert catalogue.text("dc.rule.fr_tag_pub", "en") == "#pub tag (French)"
    for code in {r.language for r in RULES}:
        assert catalogue.has(f"dc.rule_language.{code}", "fr")


# --- Charts in the pseudo-language -----------------------------------------------------------

XX = "xx"
UNMARKED = re.compile(r"[^\W\d_]{2,}")


def words(keys: tuple[str, ...]) -> dict[str, str]:
    """The words a page passes a chart builder, as the pseudo-language writes them."""
    return {key: catalogue.text(key, XX) for key in keys}


def unmarked(text: object) -> list[str]:
    """Words of ``text`` outside ⟦…⟧ marks (HTML tags and entities left aside)."""
    plain = re.sub(r"<[^>]+>|&\w+;", " ", str(text or ""))
    while catalogue.OPEN_MARK in plain:
        plain = re.sub(r"⟦[^⟦⟧]*⟧", " ", plain)
    return UNMARKED.findall(plain)


def chart_words(figure: go.Figure) -> list[str]:
    """The title, every axis title and every legend name of ``figure``."""
    layout = figure.to_plotly_json()["layout"]
    texts = [(layout.get("title") or {}).get("text")]
    for name, value in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            texts.append((value.get("title") or {}).get("text"))
    texts += [annotation.get("text") for annotation in layout.get("annotations", [])]
    texts += [trace.name for trace in figure.data if trace.showlegend is not False]
    return [text for text in texts if text]


def lift_results() -> list:
    control = GroupCounts(400, 40.0, 400.0)
    return [
        brand_lift._lift_result("ad_recall", "respondents", GroupCounts(400, 90.0, 400.0), control, 0.9),
        brand_lift._lift_result("awareness", "respondents", GroupCounts(60, 7.0, 60.0), control, 0.9),
    ]  # fmt: skip


def exposure_results() -> list:
    control = GroupCounts(400, 40.0, 400.0)
    counts = {"1": (300, 36.0), "2": (200, 36.0), "3": (120, 30.0), "4+": (80, 24.0)}
    return [
        brand_lift._lift_result(
            "ad_recall", "respondents", GroupCounts(n, x, float(n)), control, 0.9, bucket=bucket
        )
        for bucket, (n, x) in counts.items()
    ]


def shares(comments: int) -> dict:
    return {"comments": comments, "positive": 6, "neutral": 3, "negative": 1,
            "positive_share": 0.6, "neutral_share": 0.3, "negative_share": 0.1,
            "net_sentiment": 0.5, "ci_low": 0.3, "ci_high": 0.7}  # fmt: skip


def adstock() -> tuple:
    spend = [0, 100, 0, 0, 50, 0, 0, 0, 80, 0, 0, 0, 0, 20, 0, 0]
    carried = [0.0]
    for value in spend:
        carried.append(0.5 * carried[-1] + value)
    outcome = [0.1 + 0.001 * a + 0.002 * (k % 3) for k, a in enumerate(carried[1:])]
    weeks = [dt.date(2026, 1, 5) + dt.timedelta(weeks=k) for k in range(len(spend))]
    series = pd.DataFrame({"week": weeks, "outcome": outcome, "spend": spend})
    return fit_adstock(outcome, spend), series


def charts_in_pseudo_language() -> dict[str, go.Figure]:
    week = dt.date(2026, 9, 7)
    mentions = [SimpleNamespace(week_start=week, mentioning=4, comments=10, share=0.4)]
    fit, series = adstock()
    rx = words(exposure.WORDS)
    cr = words(creators.WORDS)
    perf = words(performance.WORDS)
    handles = pd.DataFrame(
        {"creator_id": ["c1", "c2"], "handle": ["ω1", "ω2"], "platform": ["ψ", "ψ"]}
    )
    posts = pd.DataFrame(
        {
            "post_id": ["p1", "p2"],
            "snippet": ["№1", "№2"],
            "posted_at": [week, week],
            "platform": ["ψ", "ψ"],
            "views": [1000.0, 2500.0],
            "engagements": [50.0, 80.0],
            "er_views": [0.05, 0.032],
        }  # fmt: skip
    )
    daily = pd.DataFrame(
        {
            "day": [0, 1],
            "date": [week, week + dt.timedelta(days=1)],
            "views": [100.0, 50.0],
            "engagements": [5.0, 2.0],
            "cumulative_views": [100.0, 150.0],
            "cumulative_engagements": [5.0, 7.0],
        }  # fmt: skip
    )
    totals = pd.DataFrame(
        {"name": ["Ω1", "Ω2"], "value": [10.0, 20.0], "provenance": ["m", "e"], "index": [80.0, 120.0]}
    )  # fmt: skip
    weekly = pd.DataFrame(
        {"name": ["Ω1", "Ω1"], "week": [0, 1], "value": [1.0, 2.0], "timing": ["", ""]}
    )
    benchmark = pd.DataFrame({"week": [0, 1], "median": [1.0, 1.5], "campaigns": [2, 2]})
    cmp_labels = {
        "provenance": catalogue.text("compare_provenance", XX),
        "index": catalogue.text("compare_index", XX),
        "median": catalogue.text("bench.agency_short", XX),
        "week": catalogue.text("compare_week", XX),
        "campaigns": catalogue.text("compare_campaigns_count", XX),
        "timing": catalogue.text("compare_timing", XX),
    }
    metric = catalogue.text("rx.chart_people", XX)
    rates = pd.DataFrame(
        {
            "disclosed": [3],
            "ambiguous": [1],
            "missing": [1],
            "disclosed_share": [0.6],
            "ambiguous_share": [0.2],
            "missing_share": [0.2],
            "posts": [5],
        }  # fmt: skip
    )
    trend = Trend(0.01, 0.002, 0.02, 0.2, 0.9, 12, 4, 8, "rising")
    return {
        "lift": lift.lift_chart(lift_results(), XX),
        "lift_empty": lift.lift_chart([], XX),
        "shares": perception.sentiment_shares_chart(shares(10), {"fr": shares(10)}, XX),
        "net_weekly": perception.net_sentiment_weekly_chart(
            [SimpleNamespace(week_start=week, shares=shares(10))], XX
        ),
        "mentions": perception.brand_mentions_weekly_chart(mentions, XX),
        "group_rates": perception.group_rates_chart(0.3, 0.2, 100, 100, XX),
        "signals": perception.signals_chart([(catalogue.text("saves", XX), 0.02, "—")], XX),
        "nothing": perception.signals_chart([], XX),
        "distribution": exposure.frequency_distribution_chart(
            pd.DataFrame({"bucket": ["1+", "2+"], "share": [1.0, 0.4], "people": [10, 4]}), rx, XX
        ),
        "lift_by_exposure": exposure.lift_by_exposure_chart(exposure_results(), rx, XX),
        "cumulative_reach": exposure.cumulative_reach_chart(
            pd.DataFrame(
                {
                    "day": [week],
                    "new_people": [5],
                    "cumulative_reach": [5],
                    "cumulative_frequency": [1.2],
                }
            ),
            rx,
            XX,  # fmt: skip
        ),
        "adstock_decay": exposure.adstock_decay_chart(fit, rx, XX),
        "adstock_fit": exposure.adstock_fit_chart(series, fit, "spend", rx, XX),
        "er_reach": creators.er_reach_chart(
            handles.assign(er_reach=[0.05, 0.03], posts=[3, 2]), cr, XX
        ),
        "collaboration": creators.collaboration_chart(
            pd.DataFrame(
                {
                    "collaboration_number": [1, 2],
                    "mean_er_reach": [0.04, 0.05],
                    "ci_low": [0.03, None],
                    "ci_high": [0.05, None],
                    "collaborations": [8, 1],
                }
            ),
            cr,
            XX,  # fmt: skip
        ),
        "trend": creators.trend_chart(
            handles.assign(
                slope=[0.01, None],
                ci_low=[0.0, None],
                ci_high=[0.02, None],
                direction=["inconclusive", None],
            ),
            trend,
            cr,
            XX,  # fmt: skip
        ),
        "disclosure": disclosure.rates_chart(rates, ["Ω1"], words(disclosure.WORDS), XX),
        "performance_cumulative": performance.cumulative_chart(daily, perf, XX),
        "performance_posts": performance.post_chart(posts, "er_views", {"p1"}, {"p2"}, perf, XX),
        "compare_totals": compare.totals_bars(
            totals, metric_label=metric, unit=None, labels=cmp_labels, lang=XX
        ),  # fmt: skip
        "compare_index": compare.index_bars(totals, labels=cmp_labels, lang=XX),
        "compare_weekly": compare.weekly_lines(
            weekly, benchmark, metric_label=metric, unit=None, labels=cmp_labels, lang=XX
        ),  # fmt: skip
    }


def test_every_chart_in_the_pseudo_language_has_no_word_outside_the_catalogue() -> None:
    figures = charts_in_pseudo_language()
    found = {
        name: [word for text in chart_words(figure) for word in unmarked(text)]
        for name, figure in figures.items()
    }
    assert {name: hits for name, hits in found.items() if hits} == {}
    # The check sees words: the lift chart's axis title is there, marked.
    assert "⟦Absolute lift (points), exposed minus control⟧" in chart_words(figures["lift"])
    assert all(f.layout.separators == "·_" for f in figures.values())


def test_a_chart_writes_its_hover_numbers_and_dates_the_language_way() -> None:
    fr = perception.net_sentiment_weekly_chart(
        [SimpleNamespace(week_start=dt.date(2026, 9, 7), shares=shares(1234))], "fr"
    )
    assert "Semaine du 07/09/2026" in fr.data[0].hovertext[0]
    assert f"1{NNBSP}234 commentaires" in fr.data[0].hovertext[0]
    assert fr.layout.separators == f",{NNBSP}"
    curve = exposure.lift_by_exposure_chart(exposure_results(), words(exposure.WORDS), "fr")
    assert " pts … " in curve.data[0].customdata[0][0] and "," in curve.data[0].customdata[0][0]
