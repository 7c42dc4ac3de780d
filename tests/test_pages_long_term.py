"""The Long-term page run by Streamlit's AppTest on the demo database: the tracked campaign in
English and French, the numbers of metrics.longterm, a campaign without waves."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics import longterm
from store.db import connect
from tests.apptables import merged_tables

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 90
TRACKED = "marathon-season-2025"


def open_page(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/long_term.py").run()
    return at


def test_the_tracked_campaign_shows_its_waves_decay_and_baseline(demo: Path):
    at = open_page(campaign=TRACKED)
    assert not at.exception
    assert at.title[0].value == "Long-term"
    assert at.selectbox(key="lt.question").value == "preference"
    assert [s.value for s in at.main.subheader] == [
        "Lift per wave",
        "Control baseline across campaigns",
    ]
    assert len(at.get("plotly_chart")) == 2
    with connect(demo, read_only=True) as connection:
        view = longterm.long_term(connection, TRACKED).by_question()["preference"]
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}  # labels as rendered
    assert metrics["Lift at +1 week"] == f"+{view.reference.lift.absolute_lift * 100:.1f} pts"
    assert metrics["Half-life"] == f"{view.decay.half_life:.1f} weeks"
    assert metrics["Baseline slope"] == f"+{view.baseline.slope_per_year * 100:.1f} pts per year"
    waves, baseline = merged_tables(at)
    assert waves["Wave"].tolist() == ["Pre-launch", "+1 week", "+4 weeks", "+8 weeks", "+12 weeks"]
    # The campaign lasts 7 weeks: its pre-launch wave stands 48 days before its end.
    assert waves["Weeks after the end"].tolist() == ["-6.9", "1.0", "4.0", "8.0", "12.0"]
    assert waves["Share remaining"].tolist()[2:] == [f"{r.share:.0%}" for r in view.remaining]
    assert len(baseline) == len(view.baseline.points)
    assert at.expander[-1].label == "Methodology"
    assert at.query_params["question"] == "preference"


def test_another_question_from_the_url_and_the_french_page(demo: Path):
    at = open_page(campaign=TRACKED, question="top_of_mind", lang="fr")
    assert not at.exception
    assert at.title[0].value == "Long terme"
    assert at.selectbox(key="lt.question").value == "top_of_mind"
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}  # labels as rendered
    assert "Demi-vie" in metrics and metrics["Demi-vie"].endswith("semaines")
    assert "Pente du niveau de base" in metrics
    assert merged_tables(at)[0]["Vague"].tolist()[0] == "Avant lancement"
    assert at.expander[-1].label == "Méthodologie"


@pytest.mark.parametrize("campaign", ["eclat-de-printemps-2025", "spring-run-2025"])
def test_a_campaign_without_a_decay_to_fit_says_what_it_lacks(demo: Path, campaign: str):
    at = open_page(campaign=campaign)
    assert not at.exception
    if campaign == "eclat-de-printemps-2025":  # no survey answer carries a wave
        assert "carries a wave" in at.info[0].value
    else:  # two waves after the end: a share left, no half-life
        metrics = {m.label.replace("\\", ""): m.value for m in at.metric}  # labels as rendered
        assert metrics["Half-life"] == "—"
        assert "Remaining at +6 weeks" in metrics
