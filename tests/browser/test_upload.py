"""The Upload page in a real browser: drop a file, choose where it goes, load it, read the card.

Then, with the server still running: the rows are in the database file, and the file is free
between reruns, so the command line can write to it and the dashboard shows the change.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from store.db import connect

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA = PROJECT_ROOT / "tests" / "data"
SHOTS = Path("/tmp/sillage_shots")
FIRST_START_TIMEOUT_MS = 180_000  # the first page view may load the bundled sample data

SECOND_EXPORT = (
    '\ufeff"Time","Video title","Video link","Post time","Total likes","Total comments",'
    '"Total shares\u00a0","Total views"\n'
    '"2026-10-06 09:00:00","Le vélo du dimanche","https://www.tiktok.com/@maxime.velo/video/'
    '7420000000000000201","2026-10-01 08:00:00","2.4K","88","19","31.2K"\n'
)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    box.get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()


def type_in(page, label: str, text: str) -> None:
    """Type into a Streamlit text input and commit it (Streamlit sends it on Enter)."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")


def full_page_screenshot(page, path: Path) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, not the window."""
    height = page.evaluate(
        """() => {
            const block = document.querySelector('[data-testid="stMainBlockContainer"]');
            return Math.ceil(block.getBoundingClientRect().bottom + 40);
        }"""
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": max(height, 600)})
    page.wait_for_timeout(500)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def metric_value(page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def wait_until_idle(page) -> None:
    """Wait for Streamlit to finish the current run (its status widget goes away)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def test_upload_a_tiktok_export(page, server, tmp_path: Path) -> None:
    page.goto(f"{server.url}/upload")
    page.get_by_role("heading", name="Upload exports").wait_for(timeout=FIRST_START_TIMEOUT_MS)
    wait_until_idle(page)
    # The very first request of the server is for /upload: the app's own pages still apply.
    links = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
    titles = ["Home", "Upload", "Overview", "Perception", "Consideration", "Recall",
              "Repeat exposure", "Creators", "Compare over time", "Long-term", "Disclosure",
              "Share links", "Settings"]  # fmt: skip
    assert len(links) == len(titles)
    assert all(text.strip().endswith(title) for text, title in zip(links, titles, strict=True)), (
        links
    )

    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(DATA / "app_tiktok.csv")
    page.get_by_text("TikTok — video list", exact=False).first.wait_for()
    choose(page, "Client", "New client…")
    type_in(page, "New client name", "Atelier Navigateur")
    choose(page, "Campaign", "New campaign…")
    type_in(page, "New campaign name", "Rentrée navigateur")
    load = page.get_by_role("button", name="Load 1 file")
    load.wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.includes('Load 1 file') && !b.disabled)"
    )
    load.click()

    page.get_by_role("heading", name="Results").wait_for()
    page.get_by_text("Rows loaded", exact=True).wait_for()
    wait_until_idle(page)
    detected = page.get_by_test_id("stMarkdownContainer").filter(has_text="Format detected:")
    assert detected.inner_text().strip() == "Format detected: TikTok — video list"
    assert metric_value(page, "Rows loaded") == "2"
    assert metric_value(page, "Rows rejected") == "1"
    shot = tmp_path / "upload.png"
    full_page_screenshot(page, shot)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SHOTS / "upload.png")

    with connect(server.db_path, read_only=True) as connection:
        posts = connection.execute(
            "SELECT count(*) FROM posts WHERE campaign_id = 'rentree-navigateur'"
        ).fetchone()[0]
        upload = connection.execute(
            "SELECT status, rows_loaded, rows_rejected FROM uploads WHERE file_name = ?",
            ["app_tiktok.csv"],
        ).fetchone()
    assert posts == 2
    assert upload == ("loaded", 2, 1)

    # The server is running and the session is open, yet nothing holds the file between reruns.
    writer = duckdb.connect(str(server.db_path))
    writer.execute("SELECT count(*) FROM uploads").fetchone()
    writer.close()

    page.goto(f"{server.url}/home")
    page.get_by_text("Files loaded", exact=True).wait_for()
    wait_until_idle(page)
    before = int(metric_value(page, "Files loaded"))
    second = tmp_path / "cli_tiktok.csv"
    second.write_text(SECOND_EXPORT, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "cli.py"),
            "ingest",
            "--db",
            str(server.db_path),
            str(second),
            "--campaign",
            "Rentrée navigateur",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows_loaded"] == 1
    page.reload()
    page.get_by_text("Files loaded", exact=True).wait_for()
    wait_until_idle(page)
    assert int(metric_value(page, "Files loaded")) == before + 1
