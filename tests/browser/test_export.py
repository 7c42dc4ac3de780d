"""Client-ready export in a real browser: the Overview's "Download PDF" gives a PDF that opens."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

CAMPAIGN = "marathon-season-2025"


def settle(page) -> None:
    page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def download(page, label: str, folder: Path) -> Path:
    button = page.get_by_test_id("stSidebar").get_by_role("button", name=label)
    expect(button).to_be_visible()
    with page.expect_download(timeout=180_000) as caught:
        button.click()
    path = folder / caught.value.suggested_filename
    caught.value.save_as(path)
    return path


def test_overview_pdf_and_png_downloads(page, server: Server, tmp_path: Path):
    page.goto(f"{server.url}/overview?campaign={CAMPAIGN}")
    settle(page)
    today = dt.date.today().strftime("%Y%m%d")

    pdf = download(page, "Download PDF", tmp_path)
    assert pdf.name == f"sillage-overview-{CAMPAIGN}-{today}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftoppm"):
        # The page as an image, kept beside the test's files for a look.
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", str(pdf), str(tmp_path / "overview")], check=True
        )
        pages = sorted(tmp_path.glob("overview-*.png"))
        assert pages and pages[0].read_bytes().startswith(b"\x89PNG")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Marathon Season 2025" in text
        assert "Ad recall — lift" in text
        assert "Chart image not available" not in text  # Chromium drew the chart

    archive = download(page, "Charts as PNG (zip)", tmp_path)
    assert archive.name == f"sillage-overview-{CAMPAIGN}-{today}-charts.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as charts:
        assert charts.namelist() == [
            f"sillage-cumulative-{CAMPAIGN}.png",
            f"sillage-posts-{CAMPAIGN}.png",
            f"sillage-lift-{CAMPAIGN}.png",
        ]
        assert charts.read(charts.namelist()[0]).startswith(b"\x89PNG")


def test_admin_pages_have_no_export(page, server: Server):
    page.goto(f"{server.url}/upload")
    page.get_by_role("heading", level=1).first.wait_for(timeout=120_000)
    expect(page.get_by_text("Export this view")).to_have_count(0)
