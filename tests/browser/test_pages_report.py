"""The dashboard against the command line, and Compare over time, in a real browser on the demo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

SHOTS = Path("/tmp/sillage_shots")
SILLAGE = str(Path(sys.executable).with_name("sillage"))


def settle(page) -> None:
    page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(1000)


def points(lift: float) -> str:
    """The page's way of writing a lift: +9.1 pts."""
    return f"{'+' if lift > 0 else '−'}{abs(lift) * 100:.1f} pts"


def test_overview_shows_the_lift_that_sillage_report_prints(page, server: Server):
    page.goto(f"{server.url}/overview?campaign=marathon-season-2025")
    settle(page)
    # The command line reads the same database file while the dashboard is running.
    done = subprocess.run(
        [
            SILLAGE,
            "report",
            "--db",
            str(server.db_path),
            "--campaign",
            "marathon-season-2025",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lift = json.loads(done.stdout)["lift"]["ad_recall"]
    low, high = points(lift["ci_low"]), points(lift["ci_high"])
    card = page.locator("[data-testid='stMetric']").filter(has_text="Ad recall")
    expect(card.first).to_contain_text(points(lift["absolute_lift"]))
    expect(card.first).to_contain_text(f"{low} … {high}")


def test_compare_over_time_metric_url_reload_and_french(page, server: Server, tmp_path: Path):
    page.goto(
        f"{server.url}/compare?campaign=eclat-de-printemps-2025,trail-series-2026&metric=views"
    )
    page.get_by_role("heading", name="Compare over time").wait_for(timeout=180_000)
    settle(page)
    page.set_viewport_size({"width": 1400, "height": 3200})
    shot = tmp_path / "compare.png"
    page.screenshot(path=str(shot), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / "compare.png")
    assert not page.locator("[data-testid='stException']").count()

    # Another metric: the URL follows, and a reload of that URL opens the same view.
    page.get_by_role("combobox", name="Metric").click()
    page.get_by_role("option", name="Reach", exact=True).click()
    page.wait_for_url("**metric=reach**")
    settle(page)
    url = page.url
    assert "eclat-de-printemps-2025" in url and "trail-series-2026" in url
    page.reload()
    settle(page)
    expect(page.get_by_role("combobox", name="Metric")).to_have_value("Reach")

    page.goto(url + "&lang=fr")
    page.get_by_role("heading", name="Comparer dans le temps").wait_for()
    settle(page)
    page.screenshot(path=str(SHOTS / "compare-fr.png"), full_page=True)


def test_home_on_the_demo_and_in_french(page, server: Server, tmp_path: Path):
    page.goto(server.url)
    page.get_by_role("heading", name="Sillage", exact=True).wait_for(timeout=180_000)
    page.wait_for_timeout(1000)
    expect(
        page.locator("[data-testid='stMetric']").filter(has_text="Campaigns").first
    ).to_contain_text("8")
    page.set_viewport_size({"width": 1400, "height": 2000})
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / "home.png", SHOTS / "home.png")
    page.goto(f"{server.url}/?lang=fr")
    page.get_by_role("link", name="Vue d'ensemble").wait_for()
