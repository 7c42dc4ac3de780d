"""Client-ready export, Streamlit side: what a page run records, and the sidebar's PDF and PNG.

Pages run under AppTest inside a small entry script that wraps them the way ``app.py`` does
(``with export_controls(page): page.run()``); the download buttons' callables (run by Streamlit
on click) are caught on their way to ``st.download_button`` and called here.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.elements.widgets.button import ButtonMixin
from streamlit.testing.v1 import AppTest

from export import images
from ui.export import file_stem, section, slug

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
HARNESS = """
import streamlit as st
from ui.export import export_controls

names = ("home", "upload", "overview", "perception", "consideration", "recall",
         "repeat_exposure", "creators", "disclosure", "compare")
pages = [
    st.Page(f"{folder}/{{n}}.py", url_path=n, title={title!r} if n == {name!r} else n,
            default=n == {name!r})
    for n in names
]
page = st.navigation(pages)
with export_controls(page):
    page.run()
"""


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """File name -> the callable a deferred download button would run on click."""
    caught: dict[str, Callable[[], bytes]] = {}
    original = ButtonMixin.download_button

    def spy(self, label, data, *args, **kwargs):
        if callable(data):
            caught[kwargs["file_name"]] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", spy)
    return caught


def run_page(
    tmp_path: Path, name: str, title: str, folder: str = "pages", **params: str
) -> AppTest:
    """Run ``pages/<name>.py`` under an entry script beside a link to the pages folder.

    Named ``pages``, the link lets page links resolve as in ``app.py``; but then AppTest reruns
    the page alone (Streamlit's older pages-folder mode), so tests that rerun use another name.
    """
    if not (tmp_path / folder).exists():
        (tmp_path / folder).symlink_to(ROOT / "pages")
    script = tmp_path / f"entry_{name}.py"
    script.write_text(HARNESS.format(name=name, title=title, folder=folder))
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def sidebar_downloads(at: AppTest) -> dict[str, object]:
    return {
        element.proto.label: element.proto
        for element in at.sidebar
        if getattr(element, "type", None) == "download_button"
    }


def pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "view.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.replace("\u00a0", " ").replace("\u202f", " ")


def need_tools() -> None:
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils is not installed")


def only(caught: dict[str, Callable[[], bytes]], suffix: str) -> Callable[[], bytes]:
    [name] = [n for n in caught if n.endswith(suffix)]
    return caught[name]


@pytest.mark.slow
def test_overview_offers_a_pdf_of_what_it_shows(demo, downloads, tmp_path: Path):
    need_tools()
    at = run_page(tmp_path, "overview", "Overview", campaign="marathon-season-2025")
    buttons = sidebar_downloads(at)
    assert set(buttons) == {"Download PDF", "Download PPTX", "Charts as PNG (zip)"}
    today = dt.date.today().strftime("%Y%m%d")
    assert set(downloads) == {
        f"sillage-overview-marathon-season-2025-{today}.pdf",
        f"sillage-overview-marathon-season-2025-{today}.pptx",
        f"sillage-overview-marathon-season-2025-{today}-charts.zip",
    }
    assert not buttons["Download PDF"].disabled
    data = only(downloads, ".pdf")()
    try:
        assert data.startswith(b"%PDF-")
        text = pdf_text(data, tmp_path)
        for words in (
            "Overview",
            "Marathon Season 2025 · Stride Lab",
            "Filters",
            "Confidence",
            "Ad recall — lift",
            "Definitions",
            "Formula: p_e − p_c",
            "Reach",
        ):
            assert words in text, words
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", str(tmp_path / "view.pdf"), str(tmp_path / "page")],
            check=True,
        )
        first = sorted(tmp_path.glob("page-*.png"))[0]  # page-1.png, or page-01.png from 10 pages
        assert first.read_bytes().startswith(b"\x89PNG")
        if "Chart image not available" not in text:
            archive = zipfile.ZipFile(io.BytesIO(only(downloads, ".zip")()))
            assert archive.namelist() == [
                "sillage-cumulative-marathon-season-2025.png",
                "sillage-posts-marathon-season-2025.png",
                "sillage-lift-marathon-season-2025.png",
            ]
    finally:
        images.shutdown()


def test_each_run_exports_its_own_campaign_only(demo, downloads, tmp_path: Path):
    need_tools()
    at = run_page(tmp_path, "overview", "Overview", "views", campaign="marathon-season-2025")
    at.sidebar.selectbox(key="filter.campaign").set_value("ete-gourmand-2025").run()
    assert not at.exception
    latest = [name for name in downloads if name.endswith(".pdf")]
    assert any("ete-gourmand-2025" in name for name in latest)
    data = downloads[next(n for n in latest if "ete-gourmand-2025" in n)]
    # Charts are left out here (no browser needed): the text is what matters.
    images_off = pytest.MonkeyPatch()
    images_off.setattr(images, "figure_png", _no_image)
    images_off.setattr("ui.export.figure_png", _no_image)
    try:
        text = pdf_text(data(), tmp_path)
    finally:
        images_off.undo()
    assert "Été gourmand 2025" in text
    assert "Marathon Season" not in text and "Stride Lab" not in text


def _no_image(*args, **kwargs) -> bytes:
    raise images.ChartImageUnavailable("no browser in this test")


def test_french_labels_and_report(demo, downloads, tmp_path: Path, monkeypatch):
    need_tools()
    monkeypatch.setattr("ui.export.figure_png", _no_image)
    at = run_page(tmp_path, "overview", "Vue d'ensemble", campaign="ete-gourmand-2025", lang="fr")
    assert {"Télécharger le PDF", "Graphiques en PNG (zip)"} <= set(sidebar_downloads(at))
    text = pdf_text(only(downloads, ".pdf")(), tmp_path)
    for words in (
        "Vue d'ensemble",
        "Généré le :",
        "Filtres",
        "Niveau de confiance",
        "90 %",
        "Bilan des objectifs",
        "Hausse par question",
        "Couverture et répétition",
        "Pourquoi :",
    ):
        assert words in text, words
    assert "higher is better" not in text and "lower is better" not in text
    # The missing browser is said at the top and in place of each chart.
    assert "Les graphiques ne peuvent pas être dessinés" in text
    assert "Graphique non dessiné : sillage-lift-ete-gourmand-2025" in text


def test_without_chromium_the_pdf_still_comes_and_the_sidebar_says_why(
    demo, downloads, tmp_path: Path, monkeypatch
):
    need_tools()
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(images.shutil, "which", lambda name: None)
    monkeypatch.setattr(images, "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    from ui import export as ui_export

    ui_export._missing_tools.clear()  # looked up once a minute: look again now, and after
    try:
        at = run_page(tmp_path, "overview", "Overview", campaign="marathon-season-2025")
    finally:
        ui_export._missing_tools.clear()
    buttons = sidebar_downloads(at)
    assert not buttons["Download PDF"].disabled
    assert buttons["Charts as PNG (zip)"].disabled
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "apt-get install chromium" in warnings
    text = pdf_text(only(downloads, ".pdf")(), tmp_path)
    assert "apt-get install chromium" in text  # the report says why it has no charts
    assert "Ad recall — lift" in text


def test_a_page_that_stops_early_offers_no_export(tmp_path: Path, monkeypatch, downloads):
    monkeypatch.setenv("SILLAGE_DB", str(tmp_path / "empty.duckdb"))
    monkeypatch.setattr("ui.demo.ensure_demo", lambda: None, raising=False)
    at = run_page(tmp_path, "overview", "Overview")
    assert not sidebar_downloads(at)
    assert not downloads


def test_admin_pages_offer_no_export(demo, downloads, tmp_path: Path):
    at = run_page(tmp_path, "home", "Home")
    assert "Download PDF" not in sidebar_downloads(at)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("marathon-season-2025", "marathon-season-2025"),
        ("Été gourmand 2025", "ete-gourmand-2025"),
        ("../../etc/passwd", "etc-passwd"),
        ('<script>"x"</script>', "script-x-script"),
        ("   ", ""),
    ],
)
def test_slug_keeps_file_names_safe(text: str, expected: str):
    assert slug(text) == expected


class FakePage:
    def __init__(self, url: str, default: bool = False) -> None:
        self._url_path = url
        self.url_path = "" if default else url
        self.title = url


def test_file_stem_from_page_and_campaign_ids():
    day = dt.date(2026, 11, 27)
    assert file_stem(FakePage("overview"), ("Été/../x",), day) == "sillage-overview-ete-x-20261127"
    assert (
        file_stem(FakePage("creators"), ("a", "b"), day) == "sillage-creators-2-campaigns-20261127"
    )
    assert file_stem(FakePage("disclosure", default=True), (), day) == "sillage-disclosure-20261127"
    assert section(FakePage("overview", default=True)) == "overview"


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "perception",
        "consideration",
        "recall",
        "repeat_exposure",
        "creators",
        "disclosure",
        "compare",
    ],
)
def test_every_report_page_gives_a_pdf(demo, downloads, tmp_path: Path, monkeypatch, name: str):
    need_tools()
    monkeypatch.setattr("ui.export.figure_png", _no_image)  # layout only; images are tested above
    # Compare needs two campaigns; the other pages read the first.
    campaigns = "marathon-season-2025,spring-run-2025"
    at = run_page(tmp_path, name, name.replace("_", " ").title(), campaign=campaigns)
    assert "Download PDF" in sidebar_downloads(at)
    text = pdf_text(only(downloads, ".pdf")(), tmp_path)
    assert name.replace("_", " ").title() in text


def shown_headings(at: AppTest) -> list[str]:
    return [h.value for h in at.main.subheader]


def shown_numbers(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.main.metric]


def test_overview_pdf_has_its_sections_and_scorecard_numbers(
    demo, downloads, tmp_path: Path, monkeypatch
):
    need_tools()
    monkeypatch.setattr("ui.export.figure_png", _no_image)
    at = run_page(tmp_path, "overview", "Overview", campaign="marathon-season-2025")
    headings = shown_headings(at)
    assert headings == [
        "Objective scorecard",
        "Performance of the posts",
        "Brand lift per question",
        "Reach and frequency",
        "Sponsored vs organic",
    ]
    text = pdf_text(only(downloads, ".pdf")(), tmp_path)
    for heading in headings:
        assert heading in text, heading
    # Each scorecard row: its metric, value, status and target, with the reason in Definitions.
    for words in (
        "Ad-recall lift",
        "met · Target: +5.0 pts",
        "missed · Target: 400,000",
        "Why: 101,276 to 309,714 (bounds) lies wholly below the target 400,000",
    ):
        assert words in text, words
    body = text.split("\f", 1)[1]  # after the cover, whose verdict names the targets too
    assert body.index("Objective scorecard") < body.index("Ad-recall lift")
    assert body.index("Ad-recall lift") < body.index("Brand lift per question")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("repeat_exposure", {"campaign": "marathon-season-2025"}),
        ("creators", {}),
        ("disclosure", {}),
    ],
)
def test_pdf_holds_the_headings_and_every_number_the_page_shows(
    demo, downloads, tmp_path: Path, monkeypatch, name: str, params: dict[str, str]
):
    need_tools()
    monkeypatch.setattr("ui.export.figure_png", _no_image)
    at = run_page(tmp_path, name, name.replace("_", " ").title(), **params)
    headings, numbers = shown_headings(at), shown_numbers(at)
    assert headings and len(numbers) >= 3
    text = pdf_text(only(downloads, ".pdf")(), tmp_path)
    for heading in headings:
        assert heading in text, heading
    for label, value in numbers:
        assert label in text, label
        assert value.replace("\u00a0", " ").replace("\u202f", " ") in text, (label, value)


def test_plain_metric_shows_as_given_and_records_its_help():
    from ui import export as ui_export
    from ui.metric_cards import plain_metric

    class Screen:
        def __init__(self) -> None:
            self.calls: list[tuple[tuple, dict]] = []

        def metric(self, *args, **kwargs) -> None:
            self.calls.append((args, kwargs))

    screen = Screen()
    recorder = ui_export._Recorder()
    token = ui_export._recorder.set(recorder)
    try:
        plain_metric(screen, "Posts", 1234, help="Pieces of content.")
        plain_metric(screen, "Missing", "8", caption="14.0%", help="No label.")
    finally:
        ui_export._recorder.reset(token)
    assert screen.calls == [
        (("Posts", 1234), {"help": "Pieces of content."}),
        (
            ("Missing", "8"),
            {"delta": "14.0%", "delta_color": "off", "delta_arrow": "off", "help": "No label."},
        ),
    ]
    first, second = recorder.items
    assert (first.label, first.value, first.definition) == ("Posts", "1,234", "Pieces of content.")
    assert (second.value, second.caption, second.definition) == ("8", "14.0%", "No label.")


def test_tables_are_recorded_as_the_page_labels_and_formats_them():
    import pandas as pd
    import streamlit as st

    from ui import export as ui_export

    frame = pd.DataFrame(
        {
            "handle": ["@a", None],
            "rate": [0.0523, float("nan")],
            "slope": [0.001234, 2.0],
            "posted_at": pd.to_datetime(["2025-03-01 00:00", "2025-03-02 10:30"]),
            "internal": [1, 2],
        }
    )
    config = {
        "handle": "Creator",
        "rate": st.column_config.NumberColumn("Rate", format="percent"),
        "slope": st.column_config.NumberColumn("Slope", format="%.4f"),
        "posted_at": st.column_config.DatetimeColumn("Posted", format="YYYY-MM-DD"),
        "internal": None,
    }
    recorder = ui_export._Recorder()
    token = ui_export._recorder.set(recorder)
    try:
        ui_export.record_table(frame, config)
    finally:
        ui_export._recorder.reset(token)
    [recorded] = recorder.items
    frame.loc[0, "handle"] = "@changed"  # the page's frame is not kept: later edits do not leak
    table = recorded.table()
    assert table.columns == ("Creator", "Rate", "Slope", "Posted")
    assert table.rows == (
        ("@a", "5.2%", "0.0012", "2025-03-01"),
        ("", "", "2.0000", "2025-03-02"),
    )
    ui_export.record_table(frame, config)  # outside a page run: nothing is kept
    assert len(recorder.items) == 1


BUILT: list[tuple] = []


def bars(values: tuple[int, ...], lang: str = "en"):
    import plotly.graph_objects as go

    BUILT.append((values, lang))
    return go.Figure(go.Bar(y=list(values)))


def test_a_figure_is_built_once_per_distinct_input_and_shared():
    from ui.export import figure

    BUILT.clear()
    first = figure(bars, (1, 2, 3), lang="fr")
    again = figure(bars, (1, 2, 3), lang="fr")
    other = figure(bars, (1, 2, 4), lang="fr")
    english = figure(bars, (1, 2, 3), lang="en")
    assert again is first
    assert other is not first and english is not first
    assert list(other.data[0].y) == [1, 2, 4]
    assert BUILT == [((1, 2, 3), "fr"), ((1, 2, 4), "fr"), ((1, 2, 3), "en")]
