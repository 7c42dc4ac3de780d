"""Repeat exposure, Creators and Disclosure pages run by AppTest on the demo and an empty database.

The numbers on screen are compared with the metric functions called directly on the same file.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.creators import creator_summary, relationship_trend
from metrics.disclosure import disclosure_rates
from metrics.exposure import average_frequency, fit_campaign_adstock
from metrics.filters import Filters
from store.campaigns import filter_options
from store.db import connect
from tests.apptables import merged_tables
from ui.i18n import number, points

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
PAGES = ("pages/repeat_exposure.py", "pages/creators.py", "pages/disclosure.py")


@pytest.fixture
def on_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty database, with the sample-data loader stubbed out so it stays empty."""
    path = tmp_path / "empty.duckdb"
    with connect(path):
        pass
    loader = types.ModuleType("sample_data.loader")
    loader.load_demo = lambda db_path: []  # type: ignore[attr-defined]
    loader.demo_loaded = lambda db_path: True  # type: ignore[attr-defined]
    loader.read_manifest = lambda: {"campaigns": []}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sample_data.loader", loader)
    monkeypatch.setenv("SILLAGE_DB", str(path))
    yield path


def open_page(page: str, **params: str) -> AppTest:
    """Start the app, set the URL parameters, switch to ``page`` and run it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def latest_campaign(db_path: Path) -> str:
    with connect(db_path) as connection:
        return filter_options(connection).campaigns[-1][0]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_demo(demo: Path, page: str) -> None:
    at = open_page(page)
    assert at.title, "the page shows its title"
    assert not at.error


def test_repeat_exposure_numbers_match_the_metrics(demo: Path) -> None:
    campaign = latest_campaign(demo)
    at = open_page("pages/repeat_exposure.py")
    with connect(demo) as connection:
        fit = fit_campaign_adstock(connection, campaign, confidence=0.9)
        frequency = average_frequency(connection, Filters(campaign_ids=(campaign,)))
    shown = metrics(at)
    assert shown["Half-life"] == f"{number(fit.half_life, 1, 'en')} weeks"
    assert shown["Weekly carry-over (θ)"] == number(fit.theta, 2, "en")
    # Summed reach over-counts people: frequency is a lower bound and reach an upper one, each
    # written as the bound it is, never as the value.
    assert frequency.reach_summed_across_posts
    assert shown["Average frequency"] == f"at least {number(frequency.frequency, 2, 'en')}"
    assert shown["Reach"] == f"up to {number(frequency.reach, 0, 'en')}"
    assert any("brand's own channel" in m.value for m in at.markdown), "fitted series named"
    # The frequency-response curve and the exposure log are there for the latest campaign.
    assert "Seen 4+×" in shown
    assert len(at.get("plotly_chart")) == 5


def test_repeat_exposure_without_exposure_log_says_what_to_upload(demo: Path) -> None:
    with connect(demo) as connection:
        first = filter_options(connection).campaigns[0][0]
    at = open_page("pages/repeat_exposure.py", campaign=first)
    assert any("No exposure log" in info.value for info in at.info)


def test_creators_numbers_match_the_metrics(demo: Path) -> None:
    at = open_page("pages/creators.py")
    with connect(demo) as connection:
        summary = creator_summary(connection, Filters())
        trend = relationship_trend(connection, Filters())
    # The per-creator table (fit and fair-pay tables follow it).
    shown = next(table for table in merged_tables(at) if "tenure_days" in table.columns)
    assert list(shown.columns[:3]) == ["handle", "platform", "er_reach"]  # key columns first
    expected = summary.set_index("handle")["posts"].to_dict()
    assert shown.set_index("handle")["posts"].to_dict() == expected
    assert metrics(at)["Change per collaboration"] == points(trend.slope, 2, "en")
    answer = "\n".join(box.value for box in [*at.success, *at.info, *at.error])
    assert "Does the relationship deepen results?" in [h.value for h in at.subheader]
    assert points(trend.ci_low, 2, "en") in answer and points(trend.ci_high, 2, "en") in answer


def test_creators_filter_that_matches_nothing(demo: Path) -> None:
    at = open_page("pages/creators.py", **{"from": "1999-01-01", "to": "1999-01-31"})
    assert any("No data matches" in info.value for info in at.info)


def test_disclosure_counts_match_the_metrics(demo: Path) -> None:
    at = open_page("pages/disclosure.py")
    with connect(demo) as connection:
        totals = disclosure_rates(connection, Filters(), "all").iloc[0]
    shown = metrics(at)
    assert shown["Sponsored posts"] == number(totals["posts"], 0, "en")
    for status in ("Disclosed", "Ambiguous", "Missing"):
        assert shown[status] == number(totals[status.lower()], 0, "en")
    assert any("What counts as disclosed" in h.value for h in at.subheader)
    assert len(at.get("download_button")) >= 4


def test_disclosure_status_filter_lives_in_the_url(demo: Path) -> None:
    at = open_page("pages/disclosure.py", status="missing")
    posts = merged_tables(at)[2]
    assert set(posts["status"]) == {"Missing"}
    assert at.query_params["status"] == "missing"


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("pages/repeat_exposure.py", "Demi-vie"),
        ("pages/creators.py", "Variation par collaboration"),
        ("pages/disclosure.py", "Publications sponsorisées"),
    ],
)
def test_french_labels_and_numbers(demo: Path, page: str, label: str) -> None:
    at = open_page(page, lang="fr")
    shown = metrics(at)
    assert label in shown
    if page == "pages/repeat_exposure.py":
        with connect(demo) as connection:
            fit = fit_campaign_adstock(connection, latest_campaign(demo), confidence=0.9)
        assert shown["Demi-vie"] == f"{number(fit.half_life, 1, 'fr')} semaines"
        assert "," in shown["Demi-vie"]
    if page == "pages/disclosure.py":
        assert at.metric[1].proto.delta.endswith("\u00a0%"), "French percentages: 68,4 %"


@pytest.mark.parametrize("page", PAGES)
def test_empty_database_shows_the_empty_state(on_empty: Path, page: str) -> None:
    at = open_page(page)
    assert any("No campaign yet" in info.value for info in at.info)
    assert not at.get("plotly_chart")
