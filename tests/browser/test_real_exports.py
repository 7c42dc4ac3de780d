"""An agency's own files, from the Upload page to every page, in English and French.

Two campaigns are built through the page as a new user would: a platform-only one (a creator's
TikTok campaign posts, then the same creator's whole YouTube channel, whose videos outside the
campaign's dates are organic) and a survey-only one (a French Google Forms export, mapped on the
mapping screen). Every campaign page is then read in Chromium: a headline number, no chart
without data, no "None"/"nan"/"NaT" on screen, and Disclosure counting sponsored posts only.
Screenshots land in /tmp/sillage_shots/real_exports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from store.db import connect
from tests.browser.pagecheck import full_page_screenshot, open_page, read_page, wait_until_idle

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent / "data"
SHAPES = PROJECT_ROOT / "tests" / "data" / "shapes"
SHOTS = Path("/tmp/sillage_shots/real_exports")
FIRST_START_TIMEOUT_MS = 180_000  # the first page view may load the bundled sample data

CAMPAIGN_PAGES = (
    "overview",
    "perception",
    "consideration",
    "recall",
    "repeat_exposure",
    "creators",
    "compare",
    "disclosure",
)
# The TikTok campaign posts, and the YouTube videos posted within the campaign's dates.
SPONSORED_POSTS = 6
ORGANIC_POSTS = 6


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    wanted = page.get_by_role("option", name=option, exact=True)
    # The options come from the previous choice's rerun, which a busy machine starts late.
    for _ in range(5):
        box.get_by_role("combobox").click()
        try:
            wanted.wait_for(timeout=6_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            page.wait_for_timeout(500)
            wait_until_idle(page)
    wanted.click()
    page.wait_for_timeout(300)
    wait_until_idle(page)


def type_in(page, label: str, text: str) -> None:
    """Type into a Streamlit text input and commit it (Streamlit sends it on Enter)."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")
    wait_until_idle(page)


def drop_file(page, server_url: str, path: Path) -> None:
    open_page(page, f"{server_url}/upload?lang=en")
    page.get_by_role("heading", name="Upload exports").wait_for(timeout=FIRST_START_TIMEOUT_MS)
    wait_until_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    page.get_by_role("heading", name="Where the rows go").wait_for()
    wait_until_idle(page)


def click_load(page) -> None:
    load = page.get_by_role("button", name="Load 1 file")
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.includes('Load 1 file') && !b.disabled)"
    )
    load.click()
    page.get_by_role("heading", name="Results").wait_for(timeout=120_000)
    wait_until_idle(page)


def rows_loaded(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text("Rows loaded", exact=True))
    metric.wait_for(timeout=120_000)
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def walk(page, server_url: str, campaign_id: str, label: str) -> dict[tuple[str, str], object]:
    """Every campaign page in both languages, checked and photographed."""
    readings = {}
    for lang in ("en", "fr"):
        for name in CAMPAIGN_PAGES:
            open_page(page, f"{server_url}/{name}?campaign={campaign_id}&lang={lang}")
            reading = read_page(page)
            where = f"{label} {name} ({lang})"
            assert "Traceback" not in reading.text, where
            assert not reading.placeholders, (where, reading.placeholders)
            assert reading.empty_charts == 0, (where, reading.chart_points)
            assert reading.headline_numbers, (where, reading.metric_values)
            full_page_screenshot(page, SHOTS / f"{label}-{name}-{lang}.png")
            readings[(name, lang)] = reading
    return readings


def test_platform_only_campaign_from_upload_to_every_page(page, server) -> None:
    # A creator's campaign posts open a new client's new campaign; nothing is chosen in advance.
    drop_file(page, server.url, HERE / "tiktok_campaign_posts.csv")
    assert page.get_by_role("button", name="Load 1 file").is_disabled()
    choose(page, "Client", "New client…")
    type_in(page, "New client name", "Maison Réelle")
    choose(page, "Campaign", "New campaign…")
    type_in(page, "New campaign name", "Lancement trail")
    click_load(page)
    assert rows_loaded(page) == "3"

    # The same creator's whole channel: only the videos within the campaign's dates are sponsored.
    drop_file(page, server.url, HERE / "youtube_channel_fr.csv")
    choose(page, "Client", "Maison Réelle")
    choose(page, "Campaign", "Lancement trail")
    type_in(page, "Creator handle (optional)", "@lena.court")
    page.get_by_text("Only the posts within the campaign's dates", exact=False).first.click()
    wait_until_idle(page)
    click_load(page)
    assert rows_loaded(page) == "9"
    full_page_screenshot(page, SHOTS / "platform-upload.png")

    with connect(server.db_path, read_only=True) as connection:
        campaign_id, start, end = connection.execute(
            "SELECT campaign_id, start_date, end_date FROM campaigns WHERE name = 'Lancement trail'"
        ).fetchone()
        flags = connection.execute(
            "SELECT count(*) FILTER (sponsored), count(*) FILTER (NOT sponsored), "
            "count(*) FILTER (upload_id IS NULL) FROM posts WHERE campaign_id = ?",
            [campaign_id],
        ).fetchone()
    assert (str(start), str(end)) == ("2026-09-10", "2026-09-19")
    assert flags == (SPONSORED_POSTS, ORGANIC_POSTS, 0)

    readings = walk(page, server.url, campaign_id, "platform")
    overview = readings[("overview", "en")]
    assert "Performance" in overview.text
    # Views of the sponsored posts only: 15.3K + 8,402 + 31.9K on TikTok, three YouTube videos.
    assert "159,236" in overview.text
    disclosure = readings[("disclosure", "en")]
    assert disclosure.metric_values[0] == str(SPONSORED_POSTS)
    assert f"{ORGANIC_POSTS} organic posts" in disclosure.text
    assert "6 publications organiques" in readings[("disclosure", "fr")].text


def test_survey_only_campaign_through_the_mapping_screen(page, server) -> None:
    drop_file(page, server.url, SHAPES / "google_forms_fr.csv")
    page.get_by_text("columns not recognised").first.wait_for()
    choose(page, "Client", "New client…")
    type_in(page, "New client name", "Maison Lune")
    choose(page, "Campaign", "New campaign…")
    type_in(page, "New campaign name", "Printemps 2026")
    click_load(page)

    # The mapping screen: the kind of file, then columns, groups and questions as suggested.
    choose(page, "What does this file hold?", "Brand-lift survey — one row per respondent")
    page.get_by_role("button", name="Load with this mapping").wait_for(timeout=90_000)
    full_page_screenshot(page, SHOTS / "survey-mapping.png")
    page.get_by_role("button", name="Load with this mapping").click()
    assert rows_loaded(page) == "40"
    wait_until_idle(page)
    full_page_screenshot(page, SHOTS / "survey-loaded.png")

    with connect(server.db_path, read_only=True) as connection:
        campaign_id = connection.execute(
            "SELECT campaign_id FROM campaigns WHERE name = 'Printemps 2026'"
        ).fetchone()[0]
        answers = dict(
            connection.execute(
                "SELECT question, count(*) FROM survey_responses WHERE campaign_id = ? "
                "GROUP BY question",
                [campaign_id],
            ).fetchall()
        )
    assert set(answers) == {"ad_recall", "favorability", "consideration"}

    readings = walk(page, server.url, campaign_id, "survey")
    assert "Ad recall" in readings[("overview", "en")].text
    assert "Mémorisation publicitaire" in readings[("overview", "fr")].text
