"""Overview, Perception, Consideration and Recall in a real browser on the demo database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PAGES = ("overview", "perception", "consideration", "recall")
SHOTS = Path("/tmp/sillage_shots")
HEADINGS = {
    "overview": ("Objective scorecard", "Bilan des objectifs"),
    "perception": ("Comment sentiment", "Sentiment des commentaires"),
    "consideration": ("Behavioural signals per reach", "Signaux de comportement par couverture"),
    "recall": ("Aided ad recall and awareness lift", "Hausse de mémorisation assistée et de notoriété"),
}  # fmt: skip


def wait_for_page(page, heading: str) -> None:
    page.get_by_text(heading, exact=True).first.wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_timeout(1500)  # let the remaining charts draw before the screenshot


@pytest.mark.parametrize("name", PAGES)
def test_page_screenshot_filter_reload_and_french(page, server: Server, tmp_path: Path, name: str):
    page.goto(f"{server.url}/{name}?campaign=marathon-season-2025")
    wait_for_page(page, HEADINGS[name][0])
    # Streamlit scrolls inside its own container: a tall window captures the whole page.
    page.set_viewport_size({"width": 1400, "height": 3200})
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / f"{name}.png")
    assert not page.locator("[data-testid='stException']").count()

    # Another campaign from the sidebar: the URL and the view follow.
    sidebar = page.locator("[data-testid='stSidebar']")
    campaign_box = sidebar.get_by_role("combobox", name="Campaign")
    assert campaign_box.input_value() == "Marathon Season 2025"
    campaign_box.click()
    page.get_by_role("option", name="Trail Series 2026").click()
    page.wait_for_url("**campaign=trail-series-2026**")
    wait_for_page(page, HEADINGS[name][0])
    url = page.url

    page.reload()
    wait_for_page(page, HEADINGS[name][0])
    assert page.url == url
    assert "trail-series-2026" in page.url
    expect(sidebar.get_by_role("combobox", name="Campaign")).to_have_value("Trail Series 2026")

    page.goto(f"{server.url}/{name}?campaign=trail-series-2026&lang=fr")
    wait_for_page(page, HEADINGS[name][1])
    page.screenshot(path=str(SHOTS / f"{name}-fr.png"), full_page=True)
