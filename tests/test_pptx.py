"""The client report as editable slides: it opens with python-pptx, holds the cover's texts and
every chart chosen, one picture each, with the methodology at the end."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from export import images
from export.pdf import (
    Chart,
    Cover,
    CoverCampaign,
    Heading,
    Labels,
    Metric,
    Paragraph,
    Report,
    Section,
    Table,
    Verdict,
)
from export.pptx import build_pptx
from store.campaigns import get_campaign
from store.db import connect
from store.settings import set_brand
from tests import test_export_ui as harness
from tests.test_export import _need_chromium
from tests.test_report_pdf import AGENCY, CAMPAIGN, logo_png

downloads = harness.downloads  # the fixture: download callables by file name


def png(color: tuple[int, int, int], size: tuple[int, int] = (2000, 900)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def texts(slide) -> str:
    parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    for shape in slide.shapes:
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def sample_report() -> Report:
    charts = tuple(Chart(f"chart-{i}", png((40 * i, 90, 140))) for i in range(3))
    metrics = tuple(
        Metric(f"Number {i}", f"{i},000", caption="measured", definition=f"What number {i} is")
        for i in range(5)
    )
    return Report(
        title="Recall",
        generated_at="2026-12-06 14:00 UTC",
        labels=Labels(),
        cover=Cover(
            heading="Campaign report",
            agency=AGENCY,
            logo=logo_png(),
            campaigns=(
                CoverCampaign(
                    "Été gourmand 2025",
                    client="Les Délices Verts",
                    dates="2025-06-01 to 2025-08-31",
                    verdicts=(
                        Verdict(
                            "Ad-recall lift: +9.1 pts, very likely above zero.", "met", "green"
                        ),
                        Verdict("Reach (people): 101,276 – 309,714.", "missed", "red"),
                    ),
                ),
            ),
            contents=("Recall", "Creators"),
        ),
        sections=(
            Section("Recall", (Heading("Lift"), *metrics, *charts)),
            Section(
                "Creators",
                (
                    Heading("Who posted"),
                    Table(("Creator", "Posts"), (("@ana", "3"), ("@ben", "2")), total_rows=40),
                ),
            ),
        ),
        appendix=(
            Heading("Reading the verdict"),
            Paragraph("Met: the whole range clears the target."),
            Heading("Definitions"),
            Paragraph("Σ post reach", title="Reach"),
            Heading("Sample sizes"),
            Paragraph("Survey answers behind each lift."),
            Table(("Question", "Exposed"), (("Ad recall", "2,244"),), total_rows=1),
        ),
    )


def test_slides_hold_the_cover_every_chart_and_the_methodology():
    deck = Presentation(io.BytesIO(build_pptx(sample_report())))
    slides = list(deck.slides)
    cover = texts(slides[0])
    for words in (
        AGENCY,
        "Campaign report",
        "Été gourmand 2025",
        "Client: Les Délices Verts",
        "Dates: 2025-06-01 to 2025-08-31",
        "met — Ad-recall lift: +9.1 pts, very likely above zero.",
        "missed — Reach (people): 101,276 – 309,714.",
        "In this report: Recall · Creators",
    ):
        assert words in cover, words
    assert len(pictures(slides[0])) == 1  # the logo
    # One row of numbers above two charts; the fifth number and the third chart continue.
    assert sum(len(pictures(s)) for s in slides[1:]) == 3
    assert [len(pictures(s)) for s in slides[1:4]] == [2, 0, 1]
    assert texts(slides[1]).startswith("Recall — Lift")
    assert all(texts(s).startswith("Recall — Lift (continued)") for s in slides[2:4])
    assert all(f"Number {i} {i},000" in texts(slides[1]) for i in range(4))
    assert "Number 4 4,000" in texts(slides[2])
    assert "What number 0 is" in slides[1].notes_slide.notes_text_frame.text
    creators = next(s for s in slides if "Creators — Who posted" in texts(s))
    assert "@ana 3" in texts(creators) and "First 2 of 40 rows" in texts(creators)
    appendix = " ".join(texts(s) for s in slides if texts(s).startswith("Methodology"))
    for words in ("Reading the verdict", "Definitions", "Reach Σ post reach", "Sample sizes"):
        assert words in appendix, words
    assert "Ad recall 2,244" in appendix
    assert deck.core_properties.author == AGENCY


def test_a_missing_chart_is_said_in_its_place():
    report = Report(
        title="Overview",
        cover=Cover(heading="Campaign report"),
        sections=(Section("Overview", (Chart("lift", None, missing="lift"),)),),
    )
    slides = list(Presentation(io.BytesIO(build_pptx(report))).slides)
    assert "Chart image not available: lift" in texts(slides[1])
    assert not any(pictures(s) for s in slides)


@pytest.mark.slow
def test_the_overview_slides_hold_every_chart_it_showed(demo: Path, downloads, tmp_path: Path):
    _need_chromium()
    with connect(demo) as connection:
        set_brand(connection, name=AGENCY, logo=logo_png(), logo_name="logo.png")
        campaign = get_campaign(connection, CAMPAIGN)
    at = harness.run_page(tmp_path, "overview", "Overview", "views", campaign=CAMPAIGN)
    shown = len(at.get("plotly_chart"))
    assert shown >= 2
    try:
        data = harness.only(downloads, ".pptx")()
    finally:
        images.shutdown()
    path = tmp_path / "report.pptx"
    path.write_bytes(data)
    slides = list(Presentation(str(path)).slides)
    cover = texts(slides[0])
    for words in (AGENCY, campaign.name, f"Client: {campaign.client_name}", "Verdict", "met — "):
        assert words in cover, words
    charts = [p for s in slides[1:] for p in pictures(s)]
    assert len(charts) == shown
    for picture in charts:  # each a chart image as the PDF has it
        assert picture.image.content_type == "image/png"
        assert Image.open(io.BytesIO(picture.image.blob)).size[0] == 2000
    (tmp_path / "slide-chart.png").write_bytes(charts[0].image.blob)
    assert any(texts(s).startswith("Methodology") for s in slides)


def test_french_slides_speak_french(demo: Path, downloads, monkeypatch, tmp_path: Path):
    def refuse(*args, **kwargs) -> bytes:
        raise images.ChartImageUnavailable("no browser in this test")

    monkeypatch.setattr("ui.export.figure_png", refuse)
    at = harness.run_page(tmp_path, "recall", "Mémorisation", "views", campaign=CAMPAIGN, lang="fr")
    assert "Télécharger le PPTX" in harness.sidebar_downloads(at)
    slides = list(Presentation(io.BytesIO(harness.only(downloads, ".pptx")())).slides)
    cover = texts(slides[0])
    for words in ("Rapport de campagne", "Client : ", "Dates : du ", "Verdict", "Dans ce rapport"):
        assert words in cover, words
    titles = [texts(s) for s in slides]
    for heading in ("Méthodologie — Lire le verdict", "Méthodologie — Intervalles"):
        assert any(t.startswith(heading) for t in titles), heading
    assert any("Graphique non dessiné" in t for t in titles)
