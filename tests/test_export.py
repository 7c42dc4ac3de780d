"""Client-ready export, pure side: the PDF layout (fpdf2) and chart images (Kaleido + Chromium)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import plotly.graph_objects as go
import pytest

from export import images, pdf
from export.images import ChartImageUnavailable, figure_png, find_chromium
from export.pdf import Chart, Heading, Labels, Metric, PdfFontUnavailable, Report, Table, build_pdf

NNBSP = "\u202f"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HAVE_POPPLER = shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None


def _need_chromium() -> None:
    try:
        find_chromium()
    except ChartImageUnavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium must be installed on CI: {error}", pytrace=False)
        pytest.skip(str(error))


def _need_poppler() -> None:
    if not HAVE_POPPLER:
        pytest.skip("poppler-utils (pdftoppm, pdftotext) is not installed")


def french_report(blocks: tuple = ()) -> Report:
    return Report(
        title="Vue d’ensemble",
        subtitle="Été gourmand 2025 · Les Délices Verts",
        filters=(("Client", "Les Délices Verts"), ("Niveau de confiance", "90 %")),
        generated_at="27/11/2026 14:03 CET",
        language="fr",
        labels=Labels(
            filters="Filtres",
            generated="Généré le",
            definitions="Définitions",
            formula="Formule",
            page="Page {page} sur {pages}",
            rows_cut="{shown} premières lignes sur {total}",
            colon="\u00a0: ",
        ),
        blocks=blocks
        or (
            Heading("Lift de marque"),
            Metric(
                "Mémorisation publicitaire — lift",
                "+9,1 pts",
                caption="+4,2 … +14,0 pts · significatif",
                definition="Part des exposés répondant « oui » moins celle des témoins.",
                formula="p_e − p_c",
                source="Sondage de lift de marque",
                provenance="mesuré : lu dans un export",
                note="l’intervalle est plus large que le lift…",
            ),
            Metric("Couverture", f"1{NNBSP}234{NNBSP}567"),
            Table(
                ("Question", "Lift", "Intervalle"),
                tuple((f"Question {i} d’été", f"−{i},0 pts", "−1 … +2") for i in range(80)),
                total_rows=80,
            ),
        ),
    )


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # pdftotext writes no-break spaces as spaces; normalise in case a version keeps them
    return done.stdout.replace("\u00a0", " ").replace(NNBSP, " ")


def no_missing_glyphs(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]


def test_french_report_is_a_pdf_that_poppler_reads(tmp_path: Path, caplog):
    _need_poppler()
    data = build_pdf(french_report())
    no_missing_glyphs(caplog)
    assert data.startswith(b"%PDF-")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3  # 80 rows cut to 60 run over two more pages
    assert all(p.read_bytes().startswith(PNG_MAGIC) for p in pages)
    text = pdf_text(path)
    for words in (
        "Vue d’ensemble",
        "Été gourmand 2025 · Les Délices Verts",
        "Généré le",
        "Lift de marque",
        "Mémorisation publicitaire — lift",
        "+4,2 … +14,0 pts",
        "Formule : p_e − p_c",
        "1 234 567",
        "l’intervalle est plus large que le lift…",
        "60 premières lignes sur 80",
        "Page 1 sur 3",
    ):
        assert words in text, words
    assert "Question 60 d’été" not in text


def test_empty_report_says_so():
    _need_poppler()
    text = build_pdf(Report(title="Overview"))
    assert text.startswith(b"%PDF-")


def test_chart_without_image_is_named_in_place(tmp_path: Path):
    _need_poppler()
    report = Report(
        title="Overview",
        notice="Charts cannot be drawn as images on this server.",
        blocks=(Chart("sillage-lift-x", None, missing="sillage-lift-x"),),
    )
    path = tmp_path / "r.pdf"
    path.write_bytes(build_pdf(report))
    text = pdf_text(path)
    assert "Charts cannot be drawn as images on this server." in text
    assert "Chart image not available: sillage-lift-x" in text


def test_missing_font_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    nowhere = tmp_path / "none.ttf"
    monkeypatch.setattr(pdf, "FONT_CANDIDATES", ((nowhere, nowhere, {}),))
    with pytest.raises(PdfFontUnavailable, match="apt-get install fonts-dejavu-core"):
        build_pdf(french_report())


def test_liberation_fallback_has_every_glyph(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog
):
    _need_poppler()
    liberation = pdf.FONT_CANDIDATES[1]
    if not liberation[0].is_file():
        pytest.skip("fonts-liberation is not installed")
    monkeypatch.setattr(pdf, "FONT_CANDIDATES", (liberation,))
    path = tmp_path / "r.pdf"
    path.write_bytes(build_pdf(french_report()))
    no_missing_glyphs(caplog)  # U+202F, which Liberation lacks, is written as U+00A0
    assert "Vue d’ensemble" in pdf_text(path)


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("**Formula:** p_e − p_c", "Formula: p_e − p_c"),
        ("**Formula**: p_e − p_c", "Formula: p_e − p_c"),
        (r"Maison \*Aurore\* \[test\]", "Maison *Aurore* [test]"),
        ("plain text", "plain text"),
    ],
)
def test_plain_drops_markdown_markers(markdown: str, shown: str):
    assert pdf.plain(markdown) == shown


def test_png_size_reads_the_header():
    header = PNG_MAGIC + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    assert pdf.png_size(header) == (640, 480)
    with pytest.raises(ValueError, match="not a PNG"):
        pdf.png_size(b"GIF89a" + bytes(20))


# --- Chart images ---------------------------------------------------------------------------


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(images.shutil, "which", lambda name: None)
    monkeypatch.setattr(images, "DEBIAN_CHROMIUM", tmp_path / "chromium")


def test_missing_chromium_says_how_to_install_it(no_browser):
    with pytest.raises(ChartImageUnavailable, match=r"apt-get install chromium"):
        find_chromium()
    with pytest.raises(ChartImageUnavailable, match=r"Debian's Chromium, which is not installed"):
        figure_png(go.Figure(go.Bar(x=["a"], y=[1])))


def test_browser_path_that_is_not_a_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "chrome"))
    with pytest.raises(ChartImageUnavailable, match=r"BROWSER_PATH=.*not an executable file"):
        find_chromium()


@pytest.fixture
def no_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt by Kaleido or choreographer to fetch a browser fails the test."""
    import choreographer.cli
    import kaleido

    def refuse(*args, **kwargs):
        raise AssertionError("a browser download was attempted")

    for module in (kaleido, choreographer.cli):
        monkeypatch.setattr(module, "get_chrome", refuse)
        monkeypatch.setattr(module, "get_chrome_sync", refuse)


@pytest.mark.slow
def test_real_chart_image_from_one_warm_chromium(no_downloads, tmp_path: Path):
    _need_chromium()
    figure = go.Figure(go.Bar(x=["Notoriété", "Considération"], y=[0.05, -0.02]))
    figure.update_layout(height=300, separators=f",{NNBSP}")
    try:
        first = figure_png(figure, width=600)
        browser = images._browser
        second = figure_png(figure, width=600, scale=1)
        assert images._browser is browser  # the same Chromium drew both
    finally:
        images.shutdown()
    assert first.startswith(PNG_MAGIC) and second.startswith(PNG_MAGIC)
    assert pdf.png_size(first) == (1200, 600)  # default scale 2
    assert pdf.png_size(second) == (600, 300)
    (tmp_path / "chart.png").write_bytes(first)
