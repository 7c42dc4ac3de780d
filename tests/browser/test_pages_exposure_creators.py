"""Repeat exposure, Creators and Disclosure in a real browser on the bundled sample data.

Each page is opened, its charts drawn and a full-page screenshot kept in
``/tmp/sillage_shots/<page>.png``; a filter change shows in the view and the URL, a reload of
that URL gives the same view, and the language switch turns the page French.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/sillage_shots")
FIRST_START_TIMEOUT_MS = 180_000  # the first page view loads the bundled sample data

# url path, English heading, number of charts on the demo's default view
PAGES = (
    ("repeat_exposure", "Repeat exposure", 5),
    ("creators", "Creators", 3),
    ("disclosure", "Disclosure", 2),
)


def open_view(page, server, path: str, heading: str) -> None:
    """Open the home page first (its first view loads the sample data), then ``path``."""
    page.goto(server.url)
    page.get_by_role("heading", name="Sillage", exact=True).wait_for(timeout=FIRST_START_TIMEOUT_MS)
    wait_until_idle(page)
    page.goto(f"{server.url}/{path}")
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
    wait_until_idle(page)


def wait_until_idle(page) -> None:
    """Wait for Streamlit to finish the current run (its status widget goes away)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def wait_for_charts(page, count: int) -> None:
    """Wait until ``count`` plotly charts have drawn their plotting area."""
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}",
        timeout=60_000,
    )


def full_page_screenshot(page, path: Path) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, not the window."""
    height = page.evaluate(
        """() => {
            const block = document.querySelector('[data-testid="stMainBlockContainer"]');
            return Math.ceil(block.getBoundingClientRect().bottom + 40);
        }"""
    )
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(height, 600)})
    page.wait_for_timeout(800)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar selectbox labelled ``label``."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    box.get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()


@pytest.mark.parametrize(("path", "heading", "charts"), PAGES)
def test_page_on_the_demo(page, server, tmp_path: Path, path: str, heading: str, charts: int):
    open_view(page, server, path, heading)
    wait_for_charts(page, charts)
    assert not page.get_by_test_id("stException").count()
    assert not page.get_by_text("Page not found", exact=True).count()
    shot = tmp_path / f"{path}.png"
    full_page_screenshot(page, shot)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / f"{path}.png")


def test_campaign_filter_lives_in_the_url(page, server) -> None:
    open_view(page, server, "repeat_exposure", "Repeat exposure")
    wait_for_charts(page, 5)
    assert not page.get_by_text("No exposure log", exact=False).count()
    choose(page, "Campaign", "Spring Run 2025")
    page.get_by_text("No exposure log", exact=False).wait_for()
    wait_until_idle(page)
    assert "campaign=spring-run-2025" in page.url
    shared = page.url
    page.goto(shared)
    page.get_by_text("No exposure log", exact=False).wait_for(timeout=60_000)
    wait_until_idle(page)
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Campaign", exact=True))
    shown = box.inner_text() + box.get_by_role("combobox").input_value()
    assert "Spring Run 2025" in shown


def test_disclosure_status_filter_and_french(page, server) -> None:
    open_view(page, server, "disclosure", "Disclosure")
    wait_for_charts(page, 2)
    wait_until_idle(page)
    select = page.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text("Show statuses", exact=True)
    )
    # Typing then Enter: a click alone does not always open the menu right after a rerun.
    select.get_by_role("combobox").click()
    page.keyboard.type("Missing")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_idle(page)
    page.wait_for_url(re.compile(r"status=missing"))
    page.goto(page.url)
    page.get_by_role("heading", name="Disclosure", exact=True).wait_for(timeout=60_000)
    wait_until_idle(page)
    select = page.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text("Show statuses", exact=True)
    )
    assert "Missing" in select.inner_text()
    page.get_by_test_id("stSidebar").get_by_text("Français", exact=True).click()
    page.get_by_role("heading", name="Transparence", exact=True).wait_for(timeout=60_000)
    wait_until_idle(page)
    assert "lang=fr" in page.url
    assert page.get_by_text("Publications sponsorisées", exact=True).first.is_visible()
    full_page_screenshot(page, SHOTS / "disclosure-fr.png")
