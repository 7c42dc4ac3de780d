"""The French interface shows the reasons, warnings and formulas of ``metrics`` in French.

Pages run by AppTest on the demo data with ``?lang=fr``; the English interface keeps the
sentences exactly as ``metrics`` writes them. Messages of ``metrics`` are also checked one by
one, rendered in French by the catalogue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from i18n.messages import Message, join
from metrics import scorecard
from metrics.scorecard import Measurement
from ui import i18n as ui_i18n

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
CAMPAIGN = "marathon-season-2025"


def open_page(page: str, **params: str) -> AppTest:
    """Start the app, set the URL parameters, switch to ``page`` and run it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(text: str) -> str:
    """``text`` with its no-break spaces as ordinary spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def helps(at: AppTest) -> str:
    return plain("\n".join(m.proto.help for m in at.metric))


def test_overview_reasons_in_french(demo: Path) -> None:
    at = open_page("pages/overview.py", campaign=CAMPAIGN, lang="fr")
    shown = captions(at)
    assert (
        "Pourquoi : +6,9 pts à +11,2 pts (intervalle à 90 %) : entièrement au niveau ou au-dessus "
        "de l'objectif +5,0 pts (à atteindre ou dépasser)"
    ) in shown
    assert (
        "Pourquoi : 101 276 à 309 714 (bornes) : entièrement en dessous de l'objectif 400 000 "
        "(à atteindre ou dépasser)"
    ) in shown
    assert "Pourquoi : 35,30 € : au-dessus de l'objectif 10,00 € (à ne pas dépasser)" in shown
    notes = helps(at)
    assert (
        "l'intervalle (large de 5,0 %) est plus large que la hausse : il faut plus de réponses "
        "avant de lire ce chiffre"
    ) in notes
    assert "additionnée sur 5 publications ou lignes publicitaires" in notes
    assert "hausse absolue p_e − p_c de la question notoriété" in notes
    for english in ("is better", "wider than the lift", "summed across", "absolute lift"):
        assert english not in notes + "\n".join(shown), english


def test_overview_reasons_stay_as_written_in_english(demo: Path) -> None:
    at = open_page("pages/overview.py", campaign=CAMPAIGN)
    shown = captions(at)
    assert (
        "Why: +6.9 pts to +11.2 pts (90% interval) lies wholly at or above the target +5.0 pts "
        "(higher is better)"
    ) in shown
    assert (
        "the interval (5.0% wide) is wider than the lift: more answers are needed before "
        "reading this number; no significant lift is not proof of no effect"
    ) in helps(at)


def test_repeat_exposure_warnings_and_formulas_in_french(demo: Path) -> None:
    at = open_page("pages/repeat_exposure.py", campaign=CAMPAIGN, lang="fr")
    assert any(
        "la couverture additionne 5 chiffres de couverture distincts" in c for c in captions(at)
    )
    notes = helps(at)
    assert "Σ impressions des publications + Σ impressions payantes" in notes
    assert "Σ post impressions" not in notes
    # French puts a (no-break) space before a colon; the raw help keeps it unbreakable.
    raw = "\n".join(m.proto.help for m in at.metric)
    assert "Source\u00a0: " in raw and "Source: " not in raw


def test_upload_help_in_french(demo: Path) -> None:
    at = open_page("pages/upload.py", lang="fr")
    assert any(c.startswith("YouTube Studio, TikTok") and "enquêtes" in c for c in captions(at))
    assert "Déposez plusieurs fichiers" in at.get("file_uploader")[0].proto.help
    assert at.selectbox(key="campaign.pick").label == "Campagne à modifier"
    at.selectbox(key="campaign.pick").set_value("trail-series-2026").run()
    assert "Une ligne par indicateur" in "\n".join(captions(at))


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_i18n, "language", lambda: "fr")


@pytest.mark.parametrize(
    ("message", "english", "french_text"),
    [
        (
            Message("lift.below_min_answers", n=176, group="exposed", minimum=250),
            "only 176 exposed answers: below the 250 per group Meta requires before reporting a "
            "lift",
            "seulement 176 réponses dans le groupe exposé : moins des 250 par groupe que Meta "
            "exige avant de publier une hausse",
        ),
        (
            Message("exposure.zero_reach"),
            "reach is 0: average frequency cannot be computed",
            "la couverture est nulle : la répétition moyenne ne peut pas être calculée",
        ),
        (
            Message("exposure.no_reach_frequency"),
            "no reach exported: average frequency cannot be computed",
            "aucune couverture exportée : la répétition moyenne ne peut pas être calculée",
        ),
        (
            scorecard.grade_target(
                "ad_recall_lift", 0.04, Measurement(0.023, -0.002, 0.048, "confidence", 0.9)
            ).reason,
            "-0.2 pts to +4.8 pts (90% interval) straddles the target +4.0 pts (higher is "
            "better): more answers would settle it",
            "−0,2 pts à +4,8 pts (intervalle à 90\u00a0%) : de part et d'autre de l'objectif "
            "+4,0 pts (à atteindre ou dépasser) ; davantage de réponses permettraient de trancher",
        ),
        (
            join(
                [
                    Message("kpi.note.signal"),
                    Message(
                        "kpi.note.coverage_both",
                        n=6,
                        total=9,
                        a=Message("kpi.word.saves"),
                        b=Message("kpi.word.reach"),
                    ),
                ]
            ),
            "a behavioural signal, not a lift; 6 of 9 posts report saves and reach",
            "un signal de comportement, pas une hausse ; 6 publications sur 9 fournissent les "
            "enregistrements et la couverture",
        ),
        (
            Message(
                "sc.note.unique_reach",
                low=Message("val.count", x=101276),
                high=Message("val.count", x=309714),
            ),
            "unique reach is between 101,276 (largest single reach figure exported) and 309,714 "
            "(sum of reach figures, which counts a person once per post)",
            "la couverture unique est comprise entre 101\u202f276 (plus grand chiffre de "
            "couverture exporté) et 309\u202f714 (somme des couvertures, qui compte une personne "
            "une fois par publication)",
        ),
        (
            join(["a sentence nobody knows", Message("sc.note.low_certainty", certainty=0.87)]),
            "a sentence nobody knows; low certainty (87%)",
            "a sentence nobody knows ; faible certitude (87\u00a0%)",
        ),
    ],
)
def test_metrics_messages_in_french(
    french: None, message: Message, english: str, french_text: str
) -> None:
    assert message == english
    assert ui_i18n.say(message) == french_text


def test_english_is_left_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_i18n, "language", lambda: "en")
    text = "only 45 exposed answers: below the 250 per group Meta requires before reporting a lift"
    assert ui_i18n.say(text) == text
    assert ui_i18n.say("a sentence nobody wrote a message for") == (
        "a sentence nobody wrote a message for"
    )
    assert ui_i18n.say_joined(["a", "b"]) == "a; b"
    assert ui_i18n.say(None) is None


@pytest.mark.parametrize(
    ("value", "unit", "currency", "english", "french_text"),
    [
        (101276, "count", None, "101,276", "101\u202f276"),
        (-0.062, "points", None, "-6.2 pts", "−6,2 pts"),
        (0.0057, "ratio", None, "0.57 %", "0,57\u00a0%"),
        (35.3, "currency", "EUR", "35.30 EUR", "35,30\u00a0€"),
        (None, "count", None, "n/a", "n.d."),
    ],
)
def test_values_in_french(
    value: float | None, unit: str, currency: str | None, english: str, french_text: str
) -> None:
    message = scorecard.value_message(value, unit, currency)
    assert message == english == scorecard.format_value(value, unit, currency)
    assert message.render("fr") == french_text
