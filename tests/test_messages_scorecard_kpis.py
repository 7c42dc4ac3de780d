"""Sentences of the scorecard, KPIs, compare, EMV, organic and campaign settings: the English
the command line prints, the French a page shows, and the pseudo-language marking every word."""

from __future__ import annotations

import datetime as dt

import pytest

from i18n import catalogue
from i18n.messages import Message
from metrics import compare, kpis, organic, scorecard
from metrics.scorecard import Measurement
from ui import campaign

NBSP, NNBSP = "\u00a0", "\u202f"


def straddling_reason() -> Message:
    measurement = Measurement(0.023, -0.002, 0.048, "confidence", 0.9)
    return scorecard.grade_target("ad_recall_lift", 0.04, measurement).reason


def cost_per_currency() -> Message:
    # Two currencies: the cost cannot be added, the note gives each total in its own decimals.
    values = kpis._kpis_for(
        {
            "posts": 2,
            "currencies": ["EUR", "JPY"],
            "cost_items": [
                {"currency": "EUR", "amount": 900.0},
                {"currency": "JPY", "amount": 125000.0},
            ],
        },
        None,
        "all",
    )
    cost = next(v for v in values if v.metric == "cost")
    assert (
        cost.value is None and cost.reason == "mixed currencies (EUR, JPY): costs cannot be added"
    )
    return cost.note


CASES = [
    (
        straddling_reason,
        "-0.2 pts to +4.8 pts (90% interval) straddles the target +4.0 pts (higher is better): "
        "more answers would settle it",
        "−0,2 pts à +4,8 pts (intervalle à 90 %) : de part et d'autre de l'objectif +4,0 pts (à "
        "atteindre ou dépasser) ; davantage de réponses permettraient de trancher",
    ),
    (
        lambda: scorecard.grade_target("cpm", 10.0, Measurement(35.3, currency="EUR")).reason,
        "35.30 EUR is above the target 10.00 EUR (lower is better)",
        "35,30 € : au-dessus de l'objectif 10,00 € (à ne pas dépasser)",
    ),
    (
        cost_per_currency,
        "per currency: EUR 900.00, JPY 125,000",
        "par devise : 900,00 EUR, 125 000 JPY",
    ),
    (
        lambda: organic.views_ratio([1.0, 2.0], [3.0, 4.0, 5.0]).reason,
        "fewer than 3 sponsored posts with views (2)",
        "moins de 3 publications sponsorisées avec des vues (2)",
    ),
    (
        lambda: Message("emv.reason.no_rate", version="v1", platforms=["snapchat", "twitch"]),
        "version 'v1' has no rate for snapchat, twitch",
        "la version « v1 » n'a pas de tarif pour snapchat, twitch",
    ),
    (
        lambda: campaign.check_settings(dt.date(2026, 9, 28), dt.date(2026, 9, 1), None)[0],
        "The end date (2026-09-01) is before the start date (2026-09-28).",
        "La date de fin (01/09/2026) est antérieure à la date de début (28/09/2026).",
    ),
]


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def unmarked(text: str) -> str:
    """What ``text`` holds outside every ⟦…⟧ (nested marks included)."""
    depth, outside = 0, []
    for char in text:
        if char == catalogue.OPEN_MARK:
            depth += 1
        elif char == catalogue.CLOSE_MARK:
            depth -= 1
        elif depth == 0:
            outside.append(char)
    assert depth == 0, text
    return "".join(outside)


@pytest.mark.parametrize(("make", "english", "french"), CASES)
def test_a_message_is_english_text_and_renders_in_french(make, english, french) -> None:
    message = make()
    assert message == english  # the command line's JSON and the tests read the English
    assert plain(message.render("fr")) == french


@pytest.mark.parametrize(("make", "english", "french"), CASES)
def test_the_pseudo_language_marks_every_word(make, english, french) -> None:
    written = make().render(catalogue.PSEUDO)
    assert not any(c.isalpha() for c in unmarked(written)), written


def test_counts_keep_their_english_form_and_group_in_french() -> None:
    note = Message("kpi.note.reach_summed", n=1234)
    assert note.startswith("summed across 1234 posts")  # as the command line always wrote it
    assert plain(note.render("fr")).startswith("additionnée sur 1 234 publications")


@pytest.mark.parametrize("metric", [*kpis.DEFINITIONS, "er_views"])
def test_each_kpi_formula_reads_in_plain_words(metric: str) -> None:
    from metrics import performance

    definition = performance.ER_VIEWS if metric == "er_views" else kpis.DEFINITIONS[metric]
    for lang in (*catalogue.LANGUAGES, catalogue.PSEUDO):
        formula = definition["formula"].render(lang)
        for code in ("ad_delivery", "posts.cost", ".spend", "metrics.", "_"):
            assert code not in formula, (metric, lang, formula)
    assert definition["formula"].render("fr") != str(definition["formula"]) or metric.startswith(
        "cp"
    )


def test_compare_and_target_definitions_name_no_module() -> None:
    for metric in compare.COMPARABLE_METRICS.values():
        for lang in catalogue.LANGUAGES:
            assert "metrics." not in metric.definition(lang), metric.key
    for metric in scorecard.TARGET_METRICS.values():
        assert "hausse absolue" in metric.definition.render("fr") or metric.kind != "lift"
        assert "metrics." not in metric.definition.render("fr") + metric.definition
