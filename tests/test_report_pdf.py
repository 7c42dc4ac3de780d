"""The client report as a PDF: a cover with the agency, client, campaign, dates and verdict, the
pages chosen, and a methodology appendix, in English and French.

Pages run under the AppTest harness of ``tests/test_export_ui.py``; charts are left out (no
browser needed) since the layout and words are what these tests read. Each PDF is rendered to
PNG with pdftoppm, as a reader's viewer would draw it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from export import images
from metrics.brand_lift import lift_by_question
from store.campaigns import get_campaign
from store.db import connect
from store.settings import set_brand
from tests import test_export_ui as harness

downloads = harness.downloads  # the fixture: download callables by file name
only, run_page = harness.only, harness.run_page

CAMPAIGN = "marathon-season-2025"
AGENCY = "Agence Lumière"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def logo_png() -> bytes:
    image = Image.new("RGB", (360, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 110, 110), fill=(31, 111, 139))
    draw.rectangle((130, 45, 350, 75), fill=(230, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def branded(demo: Path) -> Path:
    """The demo database with the agency's name and logo set."""
    with connect(demo) as connection:
        set_brand(connection, name=AGENCY, logo=logo_png(), logo_name="logo.png")
    return demo


@pytest.fixture(autouse=True)
def no_chart_images(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs) -> bytes:
        raise images.ChartImageUnavailable("no browser in this test")

    monkeypatch.setattr("ui.export.figure_png", refuse)


def need_poppler() -> None:
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils is not installed")


def pages_text(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed (lines wrap where the page width says)."""
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = done.stdout.replace("\u00a0", " ").replace("\u202f", " ")
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def render(path: Path, folder: Path) -> list[Path]:
    """Every page of the PDF as a PNG (pdftoppm, 60 dpi)."""
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    pngs = sorted(folder.glob("page-*.png"))
    assert pngs and all(p.read_bytes().startswith(PNG_MAGIC) for p in pngs)
    return pngs


def shown_verdicts(at) -> list[str]:
    """The verdict sentences as the page shows them, without the status marker and markdown."""
    sentences = []
    for block in at.main.markdown:
        match = re.match(r":\w+\[.*?\] — (.*)$", block.value, flags=re.DOTALL)
        if match:
            sentences.append(" ".join(match.group(1).replace("**", "").split()))
    return sentences


def report_pdf(at, downloads, folder: Path) -> tuple[Path, list[str]]:
    path = folder / "report.pdf"
    path.write_bytes(only(downloads, ".pdf")())
    return path, pages_text(path)


def test_cover_and_appendix_in_english(branded: Path, downloads, tmp_path: Path):
    need_poppler()
    at = run_page(tmp_path, "recall", "Recall", "views", campaign=CAMPAIGN)
    verdicts = shown_verdicts(at)
    assert verdicts, "the Recall page shows its verdict"
    path, pages = report_pdf(at, downloads, tmp_path)
    render(path, tmp_path)
    with connect(branded) as connection:
        campaign = get_campaign(connection, CAMPAIGN)
        lifts = lift_by_question(connection, CAMPAIGN, 0.9)
    cover = pages[0]
    for words in (
        AGENCY,
        "Campaign report",
        campaign.name,
        f"Client: {campaign.client_name}",
        f"Dates: {campaign.start_date.isoformat()} to {campaign.end_date.isoformat()}",
        "Verdict",
        "In this report: Recall",
        "Generated:",
    ):
        assert words in cover, words
    for sentence in verdicts:  # every verdict sentence of the page, word for word
        assert sentence in cover, sentence
    # The page follows on pages of its own, then the appendix.
    assert pages[1].startswith("Recall")
    appendix = " ".join(
        pages[next(i for i, p in enumerate(pages) if p.startswith("Methodology")) :]
    )
    headings = ("Reading the verdict", "Definitions", "Intervals", "Sample sizes")
    positions = [appendix.index(h) for h in headings]
    assert positions == sorted(positions)
    for words in (
        "likely met from 67%",
        "Newcombe (1998)",
        "Wilson (1927)",
        "Every range is a 90% interval",
        "Simulated coverage",
        "89.2% … 99.6%",
        "Ad-recall lift",
        "Exposed answers",
    ):
        assert words in appendix, words
    for lift in lifts:  # each question's answers, as counted
        assert f"{lift.n_exposed:,} {lift.n_control:,}" in appendix, lift.question


def test_cover_and_appendix_in_french(branded: Path, downloads, tmp_path: Path):
    need_poppler()
    at = run_page(tmp_path, "recall", "Mémorisation", "views", campaign=CAMPAIGN, lang="fr")
    verdicts = shown_verdicts(at)
    path, pages = report_pdf(at, downloads, tmp_path)
    render(path, tmp_path)
    with connect(branded) as connection:
        campaign = get_campaign(connection, CAMPAIGN)
    cover = pages[0]
    start, end = (d.strftime("%d/%m/%Y") for d in (campaign.start_date, campaign.end_date))
    for words in (
        AGENCY,
        "Rapport de campagne",
        f"Client : {campaign.client_name}",
        f"Dates : du {start} au {end}",
        "Dans ce rapport : Mémorisation",
        "Généré le :",
    ):
        assert words in cover, words
    assert verdicts and all(sentence in cover for sentence in verdicts)
    appendix = " ".join(
        pages[next(i for i, p in enumerate(pages) if p.startswith("Méthodologie")) :]
    )
    for words in (
        "Lire le verdict",
        "Définitions",
        "Intervalles",
        "Tailles d'échantillon",
        "probablement atteint à partir de 67 %",
        "Couverture simulée",
        "89,2 % … 99,6 %",
        "Réponses exposés",
    ):
        assert words in appendix, words
    assert "Reading the verdict" not in appendix and "Sample sizes" not in appendix


def test_pages_chosen_in_one_session_make_one_report(branded: Path, downloads, tmp_path: Path):
    need_poppler()
    at = run_page(tmp_path, "overview", "Overview", "views", campaign=CAMPAIGN)
    key = "export.pages.recall"
    assert not [m for m in at.sidebar.multiselect if m.key.startswith("export.pages")]
    at.switch_page("views/recall.py").run()
    assert not at.exception
    choice = at.sidebar.multiselect(key=key)
    assert choice.label == "Pages in the report"
    assert choice.value == ["recall"]
    choice.set_value(["overview", "recall"]).run()
    assert not at.exception
    [name] = [n for n in downloads if n.endswith(".pdf") and "-report-" in n]
    path = tmp_path / "both.pdf"
    path.write_bytes(downloads[name]())
    pages = pages_text(path)
    # The harness titles the page it opens on "Overview" and the others by their path.
    assert "In this report: Overview · recall" in pages[0]
    titles = [p.split(" ")[0] for p in pages[1:]]
    assert titles.index("Overview") < titles.index("recall") < titles.index("Methodology")


def test_without_a_brand_the_cover_names_no_agency(demo: Path, downloads, tmp_path: Path):
    need_poppler()
    with connect(demo) as connection:
        connection.execute("DELETE FROM agency_settings")
    at = run_page(tmp_path, "recall", "Recall", "views", campaign=CAMPAIGN)
    _, pages = report_pdf(at, downloads, tmp_path)
    assert pages[0].startswith("Campaign report")
    assert AGENCY not in pages[0]


def test_a_client_link_gets_the_branded_report_of_its_campaign_without_costs(
    branded: Path, downloads, tmp_path: Path
):
    from streamlit.testing.v1 import AppTest

    from access.links import create_share_link

    need_poppler()
    with connect(branded) as connection:
        campaign = get_campaign(connection, CAMPAIGN)
        _, token = create_share_link(connection, campaign.client_name, [CAMPAIGN], hide_costs=True)
    at = AppTest.from_file(str(harness.ROOT / "app.py"), default_timeout=harness.TIMEOUT)
    at.query_params["share"] = token
    at.run()
    at.switch_page("pages/recall.py").run()
    assert not at.exception, [e.value for e in at.exception]
    path, pages = report_pdf(at, downloads, tmp_path)
    text = " ".join(pages)
    for words in (AGENCY, campaign.name, f"Client: {campaign.client_name}", "Methodology"):
        assert words in text, words
    for cost in ("CPM", "Cost per lifted user", "€", "spend", "Spend"):
        assert cost not in text, cost


def test_the_compare_cover_lists_the_campaigns_compared_and_ranks_them(
    branded: Path, downloads, tmp_path: Path
):
    need_poppler()
    compared = ("spring-run-2025", "marathon-season-2025", "trail-series-2026", "ete-gourmand-2025")
    at = run_page(tmp_path, "compare", "Compare", "views", campaign=",".join(compared))
    lead = next(m.value for m in at.main.markdown if m.value.startswith("On Views, "))
    path, pages = report_pdf(at, downloads, tmp_path)
    cover = pages[0]
    assert "Campaign comparison" in cover and "Campaigns compared" in cover
    with connect(branded) as connection:
        campaigns = [get_campaign(connection, campaign_id) for campaign_id in compared]
    lines = [
        f"{c.name} — {c.client_name} · {c.start_date.isoformat()} to {c.end_date.isoformat()}"
        for c in campaigns
    ]
    assert all(line in cover for line in lines), lines  # each with its client and dates
    assert [cover.index(line) for line in lines] == sorted(cover.index(line) for line in lines)
    # The comparison's verdict: the ranking sentence, then each campaign's targets.
    assert "Verdict" in cover and " ".join(lead.replace("**", "").split()) in cover
    assert cover.count("targets met or likely met") == len(compared)
