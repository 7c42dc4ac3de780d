"""The verdict sentences: likelihood words, chances and each shape of sentence, EN and FR."""

from __future__ import annotations

import pytest

import ui.i18n
import ui.verdict
from metrics.scorecard import (
    INCONCLUSIVE,
    LIKELY_MET,
    MET,
    MISSED,
    UNLIKELY,
    Measurement,
    grade_target,
)
from ui.metric_cards import chance, status_label
from ui.verdict import likelihood, verdict_sentence

NBSP = "\u00a0"

# +7.2 pts, 90 % interval +3.2 to +11.1 against a 5-point target. Read on its lower side
# (s = 4.0 / 1.645 = 2.43 pts): P(lift > 5) = Φ(2.2 / 2.43) = 0.817, P(lift > 0) = Φ(2.96) = 0.998.
RECALL = Measurement(0.072, 0.032, 0.111, interval="confidence", confidence=0.90)


@pytest.fixture
def lang(monkeypatch):
    def set_language(code: str) -> None:
        monkeypatch.setattr(ui.i18n, "language", lambda: code)
        monkeypatch.setattr(ui.verdict, "language", lambda: code, raising=False)

    set_language("en")
    return set_language


@pytest.mark.parametrize(
    ("probability", "band"),
    [(0.995, "almost_certain"), (0.93, "very_likely"), (0.82, "likely"), (0.5, "even"),
     (0.2, "unlikely"), (0.05, "very_unlikely"), (0.001, "almost_never")],
)  # fmt: skip
def test_likelihood_bands(probability, band):
    assert likelihood(probability) == band


def test_a_chance_is_never_written_as_certainty(lang):
    assert [chance(0.9991), chance(0.817), chance(0.0004)] == ["> 99%", "82%", "< 1%"]


def test_a_straddling_lift_likely_beats_its_target(lang):
    grade = grade_target("ad_recall_lift", 0.05, RECALL)
    assert grade.status == LIKELY_MET
    assert grade.probability_met == pytest.approx(0.8172, abs=1e-4)
    assert grade.probability_positive == pytest.approx(0.99847, abs=1e-5)
    assert verdict_sentence(grade) == (
        "Ad-recall lift: +7.2 pts (90% range +3.2 pts to +11.1 pts), almost certainly above zero "
        "(> 99%), likely above the target of +5.0 pts (82%)."
    )
    lang("fr")
    assert verdict_sentence(grade) == (
        f"Lift de mémorisation publicitaire : +7,2 pts (intervalle à 90{NBSP}% de +3,2 pts à "
        f"+11,1 pts), presque certainement au-dessus de zéro (> 99{NBSP}%), probablement "
        f"au-dessus de l'objectif de +5,0 pts (82{NBSP}%)."
    )
    assert status_label(grade) == "probablement atteint"


def test_statuses_across_the_likelihood_scale(lang):
    assert grade_target("ad_recall_lift", 0.03, RECALL).status == MET  # the range clears it
    assert grade_target("ad_recall_lift", 0.072, RECALL).status == INCONCLUSIVE  # 50 %
    assert grade_target("ad_recall_lift", 0.09, RECALL).status == UNLIKELY  # Φ(-0.018/0.0237)
    assert grade_target("ad_recall_lift", 0.12, RECALL).status == MISSED
    even = grade_target("ad_recall_lift", 0.072, RECALL)
    assert status_label(even) == "too few answers to say"
    assert "as likely as not above the target of +7.2 pts (50%)" in verdict_sentence(even)


def test_exact_values_and_bounds_read_without_a_chance(lang):
    cpm = grade_target("cpm", 12.0, Measurement(9.89, currency="EUR"))
    assert cpm.status == MET and cpm.probability_met is None
    assert (
        verdict_sentence(cpm)
        == "CPM (cost per 1,000 impressions): €9.89, at or below the target of €12.00."
    )
    reach = grade_target(
        "reach", 500_000, Measurement(1_679_902, 210_881, 1_679_902, interval="bounds")
    )
    assert reach.status == INCONCLUSIVE and status_label(reach) == "inconclusive"
    assert verdict_sentence(reach) == (
        "Reach (people): between 210,881 and 1,679,902; the exports cannot tell on which side of "
        "the target of 500,000 it lies."
    )
    missing = grade_target("favorability_lift", 0.05, Measurement(None, reason="no answers"))
    assert verdict_sentence(missing) == "Favorability lift: not graded yet (no answers)."


def test_a_bound_is_never_shown_as_the_value(lang):
    from ui.metric_cards import range_text, shown_grade_value

    bounds = Measurement(1_679_902, 210_881, 1_679_902, interval="bounds")
    met = grade_target("reach", 200_000, bounds)
    assert met.status == MET
    assert shown_grade_value(met) == "210,881 – 1,679,902"
    assert verdict_sentence(met) == (
        "Reach (people): 210,881 – 1,679,902, at or above the target of 200,000."
    )
    assert range_text(Measurement(1_679_902, None, 1_679_902, interval="bounds"), str) == (
        "up to 1679902"
    )
    exact = grade_target("reach", 200_000, Measurement(250_000))
    assert shown_grade_value(exact) == "250,000"


def test_a_target_smaller_than_the_study_can_see_is_said_so(lang):
    # +1.5 pts (90 % range −1.5 to +4.5) against a 1-point target, on answers that can only see
    # lifts above 5 points: too few answers, and the verdict says which lifts the study sees.
    small = Measurement(
        0.015, -0.015, 0.045, interval="confidence", confidence=0.9, detectable=0.05
    )
    grade = grade_target("ad_recall_lift", 0.01, small)
    assert grade.status == INCONCLUSIVE and grade.detectable == 0.05
    assert verdict_sentence(grade).endswith(
        "This study's answers could only see lifts above +5.0 pts: more answers, or a larger "
        "target, would settle it (sillage plan)."
    )
    settled = grade_target("ad_recall_lift", 0.10, small)  # missed: the range is below it
    assert settled.status == MISSED and "could only see" not in verdict_sentence(settled)
