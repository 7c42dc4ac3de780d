"""Overview, Perception, Consideration and Recall run by Streamlit's AppTest on the demo data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.writers import ensure_campaign
from metrics.brand_lift import lift_by_question
from sample_data.loader import load_demo
from store.db import connect
from ui.demo import _first_start
from ui.i18n import points

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("overview", "perception", "consideration", "recall")
TIMEOUT = 120
NO_SURVEY = "no-survey-campaign"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo loaded once, plus a campaign without any survey."""
    path = tmp_path_factory.mktemp("lift") / "demo.duckdb"
    load_demo(path)
    with connect(path) as connection:
        ensure_campaign(connection, NO_SURVEY, "Maison Test")
    return path


@pytest.fixture
def demo(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SILLAGE_DB", str(demo_db))
    return demo_db


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    return at


def campaign_ids(path: Path) -> list[str]:
    with connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT campaign_id FROM campaigns").fetchall()]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_for_every_demo_campaign_and_one_without_survey(demo: Path, page: str):
    for campaign in [*campaign_ids(demo)[:3], NO_SURVEY]:
        at = open_page(page, campaign=campaign)
        assert not at.exception, (page, campaign, at.exception)
        if campaign == NO_SURVEY and page == "overview":
            assert any("brand-lift survey export" in i.value for i in at.info)


def test_overview_scorecard_comes_before_lift(demo: Path):
    at = open_page("overview", campaign="marathon-season-2025")
    headers = [h.value for h in at.subheader]
    assert headers.index("Objective scorecard") < headers.index("Brand lift per question")
    badges = [m.value for m in at.markdown]
    assert any("met" in b for b in badges)


def test_numbers_match_metric_functions(demo: Path):
    campaign = "marathon-season-2025"
    with connect(demo) as connection:
        lift = {r.question: r for r in lift_by_question(connection, campaign, 0.9)}["ad_recall"]
    at = open_page("recall", campaign=campaign)
    cards = {m.label: m.value for m in at.metric}
    assert cards["Ad recall — lift"] == points(lift.absolute_lift, lang="en")


def test_french_labels_and_numbers(demo: Path):
    campaign = "marathon-season-2025"
    with connect(demo) as connection:
        lift = {r.question: r for r in lift_by_question(connection, campaign, 0.9)}["ad_recall"]
    at = open_page("recall", campaign=campaign, lang="fr")
    assert not at.exception
    assert "Mémorisation" in at.title[0].value
    cards = {m.label: m.value for m in at.metric}
    assert "Mémorisation publicitaire — hausse" in cards, cards
    value = cards["Mémorisation publicitaire — hausse"]
    assert value == points(lift.absolute_lift, lang="fr")
    assert "," in value


def test_empty_database_shows_empty_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = (tmp_path / "empty.duckdb").resolve()
    monkeypatch.setenv("SILLAGE_DB", str(path))
    # As if the first start had already happened: the demo is not loaded into this database.
    _first_start().checked.add(str(path))
    for page in PAGES:
        at = open_page(page)
        assert not at.exception
        assert any("No campaign yet" in i.value for i in at.info), page
        assert at.get("page_link"), "a link to the Upload page"


def test_the_upload_page_says_when_the_survey_cannot_see_a_lift_target(demo):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["campaign"] = "trail-series-2026"
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(
        "Purchase-intent lift of +4.0 pts" in w and "can only see lifts above +4.6 pts" in w
        for w in warnings
    ), warnings


def test_consideration_names_each_creator_of_its_signals_table_in_words(demo: Path):
    campaign = "trail-series-2026"
    with connect(demo) as connection:
        rows = connection.execute(
            "SELECT DISTINCT c.handle, c.platform FROM posts p JOIN creators c USING (creator_id)"
            " WHERE p.campaign_id = ?",
            [campaign],
        ).fetchall()
    brands = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube"}
    at = open_page("consideration", campaign=campaign)
    by_creator = next(f.value for f in at.dataframe if f.value.columns[0] == "Creator")
    assert set(by_creator["Creator"]) <= {f"@{h} ({brands[p]})" for h, p in rows}
    assert len(by_creator) >= 3 and not any(":" in name for name in by_creator["Creator"])
