"""Names and captions from data show as text on every page, never as markdown or HTML.

A copy of the demo database has a client, a campaign and a creator renamed with markdown, HTML,
links, Streamlit's ``:red[…]`` and ``:material/…:`` directives and LaTeX, and its posts carry
such titles and captions. Every page is run by AppTest, as the admin and under a share link, and
every text Streamlit reads as markdown (titles, captions, alerts, metric, tab, expander and widget
labels, radio options, help texts) must hold the payloads only in escaped form; every plotly
figure must hold no tag of theirs; the PDF must hold them as typed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.links import create_share_link
from charts.base import plot_text
from store.db import connect
from ui.formatting import md

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120

PHISH = "https://phish.example/login"
CAMPAIGN = (
    f"[Renew your access here]({PHISH}) :red[urgent] $x^2$ :material/warning: "
    "<img src=x onerror=alert(1)> www.phish.example"
)
CLIENT = "**Acme** <script>alert(1)</script> [click](https://phish.example/c) :blue[c]"
HANDLE = "h](https://phish.example/h) <b>bold</b> :red[h]"
POST_TEXT = "<a href='https://phish.example/p'>Win</a> [prize](https://phish.example/p) :red[p]"

# What any payload looks like when it is NOT escaped, in markdown source (the app's own markup,
# such as its ``:material/…:`` icons, does not match: only the payloads' words do).
UNESCAPED_MD = re.compile(
    r"phish\.example|(?<!\\):(red|blue)(?!\\)\[|(?<!\\)\$x|(?<!\\)<(img|script|b>bold|a href)"
    r"|(?<!\\)\*\*Acme|(?<!\\)\[(Renew|click|prize|h\])|(?<!\\):material/warning: <"
)
# What any of them looks like unescaped in plotly text, where HTML tags are read.
UNESCAPED_PLOT = re.compile(r"<(img|script|b>bold|a href)", re.IGNORECASE)

SECTIONS = (
    "overview",
    "perception",
    "consideration",
    "recall",
    "repeat_exposure",
    "creators",
    "compare",
    "disclosure",
)
ADMIN_PAGES = ("home", "upload", "share_links")
CAMPAIGN_ID = "eclat-de-printemps-2025"


def test_md_leaves_nothing_for_markdown_to_read():
    shown = md(CAMPAIGN + "\n- item\n# heading\n1. x &amp; `code` ~~s~~ a@b.example")
    assert not UNESCAPED_MD.search(shown)
    assert "\n" not in shown
    for construct in ("](", ":red[", "\n- item", "\n# heading", "&amp;", "`code`", "a@b", "www."):
        assert construct not in shown, construct
    assert "<img" not in shown.replace("\\<img", "")
    assert "\\$x" in shown and "x^2$" not in shown
    # Each character is kept: removing the escapes gives the text back (line breaks as spaces).
    assert re.sub(r"\\(.)", r"\1", shown).replace("\u2060", "").startswith(CAMPAIGN)
    assert "https\u2060" in shown and "www\u2060" in shown and "a\u2060" in shown


def test_plot_text_escapes_the_html_plotly_reads():
    assert plot_text("<a href='x'>A & B</a>") == "&lt;a href='x'&gt;A &amp; B&lt;/a&gt;"


@pytest.fixture(scope="module")
def hostile_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "sillage.duckdb"
    shutil.copyfile(demo_db, path)
    with connect(path) as connection:
        client_id = connection.execute(
            "SELECT client_id FROM campaigns WHERE campaign_id = ?", [CAMPAIGN_ID]
        ).fetchone()[0]
        connection.execute("UPDATE clients SET name = ? WHERE client_id = ?", [CLIENT, client_id])
        connection.execute(
            "UPDATE campaigns SET name = ? WHERE campaign_id = ?", [CAMPAIGN, CAMPAIGN_ID]
        )
        creator = connection.execute(
            "SELECT creator_id FROM posts WHERE campaign_id = ? ORDER BY creator_id LIMIT 1",
            [CAMPAIGN_ID],
        ).fetchone()[0]
        connection.execute(
            "UPDATE creators SET handle = ?, display_name = ? WHERE creator_id = ?",
            [HANDLE, HANDLE, creator],
        )
        connection.execute(
            "UPDATE posts SET title = ?, caption = ? WHERE campaign_id = ?",
            [POST_TEXT, POST_TEXT, CAMPAIGN_ID],
        )
    return path


def markdown_sources(at: AppTest) -> list[tuple[str, str]]:
    """(where, source) of every text of the run that Streamlit renders as markdown."""
    found: list[tuple[str, str]] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "exception",
    ):
        found += [(kind, str(e.value)) for e in at.get(kind)]
    for metric in at.metric:
        found += [("metric label", str(metric.label)), ("metric help", str(metric.help or ""))]
    for kind in ("expander", "tab", "status"):
        found += [(kind, str(getattr(e, "label", ""))) for e in at.get(kind)]
    for kind in (
        "selectbox",
        "multiselect",
        "radio",
        "checkbox",
        "toggle",
        "text_input",
        "number_input",
        "date_input",
        "slider",
        "select_slider",
        "button",
        "button_group",
        "download_button",
    ):
        for widget in at.get(kind):
            found.append((f"{kind} label", str(getattr(widget, "label", ""))))
            found.append((f"{kind} help", str(getattr(widget, "help", "") or "")))
            if kind == "radio":  # radio options are markdown; selectbox options are plain
                found += [("radio option", str(o)) for o in widget.options]
    return found


def figure_texts(at: AppTest) -> list[str]:
    """Every string of every plotly figure of the run."""
    texts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return texts


def run_page(params: dict[str, str], page: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_inert(at: AppTest, where: str) -> str:
    leaks = [(kind, text) for kind, text in markdown_sources(at) if UNESCAPED_MD.search(text)]
    assert not leaks, f"{where} renders data as markdown: {leaks[:5]}"
    tagged = [text for text in figure_texts(at) if UNESCAPED_PLOT.search(text)]
    assert not tagged, f"{where} puts data's HTML into a chart: {tagged[:5]}"
    return "\n".join(text for _, text in markdown_sources(at))


@pytest.mark.parametrize("page", [*ADMIN_PAGES, *SECTIONS])
def test_every_admin_page_shows_hostile_names_as_text(hostile_db, monkeypatch, page):
    monkeypatch.setenv("SILLAGE_DB", str(hostile_db))
    at = run_page({"campaign": CAMPAIGN_ID}, None if page == "home" else page)
    assert_inert(at, f"/{page} (admin)")


@pytest.fixture(scope="module")
def hostile_token(hostile_db: Path) -> str:
    with connect(hostile_db) as connection:
        return create_share_link(connection, CLIENT, [])[1]


@pytest.mark.parametrize("page", SECTIONS)
def test_every_client_page_shows_hostile_names_as_text(
    hostile_db, hostile_token, monkeypatch, page
):
    monkeypatch.setenv("SILLAGE_DB", str(hostile_db))
    at = run_page({"share": hostile_token, "campaign": CAMPAIGN_ID}, page)
    shown = assert_inert(at, f"/{page} under a share link")
    if page == "overview":  # (AppTest keeps the sidebar of the first run only)
        assert md(CLIENT) in shown  # the banner names the client, escaped
        assert md(CAMPAIGN) in shown  # the caption names the campaign, escaped


# --- Nothing internal reaches a client: no path, program or process id ---------------------------

INTERNAL = (
    'IO Error: Could not set lock on file "/srv/agency/sillage.duckdb": Conflicting lock is held '
    "in /usr/bin/python3.12 (PID 4242) by user agency"
)


def assert_plain_failure(at: AppTest, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    shown = "\n".join(text for _, text in markdown_sources(at))
    for internal in ("/srv/agency", "/usr/bin", "4242", "PID", "Traceback", "duckdb"):
        assert internal not in shown, (where, internal, shown)
    assert [e.value for e in at.error] == [
        "This view could not be shown. Please tell the agency that sent the link."
    ], where


def test_a_failure_checking_the_link_shows_the_client_one_plain_sentence(
    hostile_db, hostile_token, monkeypatch
):
    from ui import access

    def broken(*_args, **_kwargs):
        raise RuntimeError(INTERNAL)

    monkeypatch.setenv("SILLAGE_DB", str(hostile_db))
    monkeypatch.setattr(access, "scope_for", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["share"] = hostile_token
    at.run()
    assert_plain_failure(at, "the link check")


def test_a_failing_page_shows_the_client_one_plain_sentence(hostile_db, hostile_token, monkeypatch):
    from ui import filters

    def broken(*_args, **_kwargs):
        raise RuntimeError(INTERNAL)

    monkeypatch.setenv("SILLAGE_DB", str(hostile_db))
    monkeypatch.setattr(filters, "filter_bar", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["share"] = hostile_token
    at.query_params["campaign"] = CAMPAIGN_ID
    at.run()
    assert_plain_failure(at, "the Overview")
