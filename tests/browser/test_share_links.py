"""Share links and the admin password in a real browser, on the demo data (README, Sharing with clients).

Every check reads what Chromium actually received: the full text content of each page (SVG chart
text and hidden elements included), the options of the campaign selectors, and the CSV files the
download buttons give. A link must show its own campaigns and nothing of any other campaign, client
or creator, whatever is done to its URL; a dead link must show one plain sentence; the admin pages
must stay behind the password.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

import duckdb
import pytest

from access.links import SHAREABLE_SECTIONS, create_share_link, list_share_links
from access.redact import COST_NAMES
from store.db import connect
from tests.browser.conftest import PROJECT_ROOT, DemoServer

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

T = TypeVar("T")

LABELS = {
    "overview": "Overview",
    "perception": "Perception",
    "consideration": "Consideration",
    "recall": "Recall",
    "repeat_exposure": "Repeat exposure",
    "creators": "Creators",
    "compare": "Compare over time",
    "long_term": "Long-term",
    "disclosure": "Disclosure",
}
ADMIN_LABELS = ("Home", "Upload", "Share links", "Settings")
INVALID_TITLE = "This link is no longer valid"
INVALID_BODY = "Ask the agency that sent it for a new link."
# What a cost or a budget looks like on screen; descriptive words ("cost" in a caption saying what
# the Creators page covers, "weekly spend" naming a model input) are not amounts and are allowed.
COST_TEXT = re.compile(
    r"\bCP[MECV]\b|cost per|\bbudgets?\b|\bfees?\b|ad spend|total cost|\bEUR\b|€", re.IGNORECASE
)

# The script has finished, no element is stale or still loading, every chart is drawn, and this
# has held for half a second (a run can be followed at once by another one, e.g. a page switch).
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && !document.querySelector('[data-stale="true"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
         .every(chart => chart.querySelector('.main-svg'));
  if (!idle) { window.__sillageQuietSince = undefined; return false; }
  window.__sillageQuietSince = window.__sillageQuietSince ?? performance.now();
  return performance.now() - window.__sillageQuietSince > 500;
}"""


# --- The database, written while the server runs ------------------------------------------------


def on_db(db_path: Path, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run ``work`` on a short connection, retrying while the server holds the file for a read."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with connect(db_path) as connection:
                return work(connection)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@dataclass(frozen=True)
class Link:
    """A share link and what its holder may and may not see."""

    url: str
    token: str
    link_id: int
    client: str
    campaign_ids: tuple[str, ...]
    campaign_names: tuple[str, ...]
    handles: frozenset[str]
    forbidden: tuple[str, ...]  # other clients, other campaigns (names and ids), their creators

    def at(self, section: str = "overview", **params: str) -> str:
        path = "" if section == "overview" else section  # the first section opens at "/"
        query = urlencode({"share": self.token, **params})
        return f"{self.url}/{path}?{query}"


def everything(db_path: Path) -> tuple[list[str], list[tuple[str, str, str]], list[tuple]]:
    """Client names; (campaign id, name, client) rows; (handle, campaign id) of every post."""

    def read(connection):
        clients = [r[0] for r in connection.execute("SELECT name FROM clients").fetchall()]
        campaigns = connection.execute(
            "SELECT campaign_id, ca.name, cl.name FROM campaigns ca JOIN clients cl USING (client_id)"
        ).fetchall()
        posts = connection.execute(
            "SELECT DISTINCT cr.handle, p.campaign_id FROM posts p JOIN creators cr USING (creator_id)"
        ).fetchall()
        return clients, campaigns, posts

    return on_db(db_path, read)


def every_name(db_path: Path) -> tuple[str, ...]:
    """Every client, campaign and creator of the database: none may show without a valid link."""
    clients, campaigns, posts = everything(db_path)
    return (
        *clients,
        *(c[0] for c in campaigns),
        *(c[1] for c in campaigns),
        *{handle for handle, _ in posts},
    )


def new_link(
    server: DemoServer,
    client: str,
    campaign_ids: tuple[str, ...] = (),
    *,
    now: dt.datetime | None = None,
    **options,
) -> Link:
    made, token = on_db(
        server.db_path,
        lambda c: create_share_link(c, client, list(campaign_ids), now=now, **options),
    )
    clients, campaigns, posts = everything(server.db_path)
    mine = set(made.campaign_ids)
    handles = frozenset(h for h, campaign in posts if campaign in mine)
    outside = [c for c in campaigns if c[0] not in mine]
    own_account = re.sub(r"\W", "", client.lower())
    forbidden = (
        *(name for name in clients if name != client),
        *(c[0] for c in outside),
        *(c[1] for c in outside),
        # The client's own brand account is named in its creators' captions ("@maisonaurore").
        *sorted({h for h, campaign in posts if campaign not in mine} - handles - {own_account}),
    )
    return Link(
        url=server.url,
        token=token,
        link_id=made.link_id,
        client=client,
        campaign_ids=made.campaign_ids,
        campaign_names=tuple(c[1] for c in campaigns if c[0] in mine),
        handles=handles,
        forbidden=forbidden,
    )


def campaigns_of(server: DemoServer, client: str) -> list[str]:
    _, campaigns, _ = everything(server.db_path)
    return [c[0] for c in campaigns if c[2] == client]


def sillage(*args: str) -> subprocess.CompletedProcess:
    """The command line, as an operator runs it next to the running dashboard."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


# --- The browser --------------------------------------------------------------------------------


@pytest.fixture
def context(browser):
    opened = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    opened.set_default_timeout(60_000)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def tab(context):
    return context.new_page()


def settle(page) -> None:
    page.locator('[data-testid="stApp"]').wait_for()
    page.get_by_role("heading", level=1).first.wait_for()
    page.wait_for_function(IDLE, timeout=120_000)


def open_view(page, url: str) -> None:
    page.goto(url)
    settle(page)


def title(page) -> str:
    return page.get_by_role("heading", level=1).first.inner_text().strip()


def full_text(page) -> str:
    """Every character of the page, hidden or not, chart text included."""
    return page.evaluate("() => document.body.textContent")


def main_text(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def nav_labels(page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a')
    return [link.inner_text().strip().splitlines()[-1].strip() for link in links.all()]


def click_nav(page, label: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(
        has_text=re.compile(rf"^\W*\w*\W*{re.escape(label)}\s*$")
    ).first.click()


def errors_shown(page) -> list[str]:
    boxes = page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]')
    return [box.inner_text() for box in boxes.all()]


def shoot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the window grows instead."""
    height = page.evaluate(
        "() => Math.max(1000, document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0)"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 50, 12_000)})
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 1000})


def assert_absent(text: str, forbidden: tuple[str, ...], where: str) -> None:
    found = sorted({name for name in forbidden if name in text})
    assert not found, f"{where} shows what the link does not cover: {found}"


def campaign_selectors(page) -> dict[str, list[str]]:
    """Each campaign selector's label and everything it offers (chosen values and options)."""
    seen: dict[str, list[str]] = {}
    widgets = page.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')
    for widget in widgets.all():
        label = widget.get_by_test_id("stWidgetLabel").inner_text().strip()
        if "campaign" not in label.lower():
            continue
        if widget.get_attribute("data-testid") == "stSelectbox":
            chosen = [widget.get_by_role("combobox").input_value().strip()]
        else:
            chosen = [tag.get_attribute("aria-label") for tag in widget.locator("[data-tag]").all()]
        # One list is open at a time. A click can land while a rerun redraws the widget (the
        # Creators page draws its fit ranking late): it is tried again, as a reader would.
        listbox = page.get_by_role("listbox")
        for _ in range(4):
            widget.scroll_into_view_if_needed()
            widget.get_by_role("button", name="Open", exact=True).click()
            try:
                listbox.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                continue
        listbox.wait_for(timeout=5_000)
        options = [o.inner_text().strip() for o in listbox.get_by_role("option").all()]
        page.keyboard.press("Escape")
        expect(page.get_by_role("listbox")).to_have_count(0)
        seen[label] = [
            value
            for value in chosen + options
            if value and value not in ("No results", "Select all")
        ]
    return seen


def assert_selectors_hold(page, link: Link, where: str) -> None:
    selectors = campaign_selectors(page)
    assert selectors, f"{where}: no campaign selector"
    for label, offered in selectors.items():
        names = set()
        for value in offered:
            name, _, client = value.partition(" · ")  # Compare lists "campaign · client"
            assert not client or client == link.client, (where, label, value)
            names.add(name)
        assert names <= set(link.campaign_names), (where, label, offered)
        if label in ("Campaign", "Campaigns"):  # the filter bar offers every campaign of the link
            assert names == set(link.campaign_names), (where, label, offered)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def click_download(page, button, attempts: int = 3):
    """The file a download button gives, clicking again as a person would when none comes.

    On a loaded machine a click has, once in a full CI run, produced no file and the server
    logged nothing: the click went unanswered. The page is let settle and clicked again.
    """
    for attempt in range(1, attempts + 1):
        try:
            with page.expect_download(timeout=30_000) as caught:
                button.click()
            return caught.value
        except PlaywrightTimeout:
            if attempt == attempts:
                raise
            settle(page)


def open_expanders(page) -> None:
    """Open every expander on show that holds a download, outer ones first; those in a tab not
    selected open when their tab is. A wide table's "More columns" holds none: it stays shut."""
    for details in page.locator('[data-testid="stExpander"] details').all():
        summary = details.locator("xpath=./summary")  # its own, not a nested expander's
        holds_download = details.locator('[data-testid="stDownloadButton"]').count() > 0
        if details.get_attribute("open") is None and holds_download and summary.is_visible():
            summary.click()
            if details.get_attribute("open") is None:  # a click during a rerun can be lost
                page.wait_for_timeout(500)
                if details.get_attribute("open") is None:
                    summary.click()
            expect(details).to_have_attribute("open", "")


def download_tables(page, folder: Path, prefix: str) -> list[Path]:
    """Every "Download CSV" of the page body, in every tab and expander; the files saved."""
    open_expanders(page)
    main = page.get_by_test_id("stMain")
    buttons = main.locator('[data-testid="stDownloadButton"] button')
    tabs = main.get_by_role("tab").all()
    saved: dict[int, Path] = {}
    for tab in [None, *tabs]:
        if tab is not None:
            tab.click()
            expect(tab).to_have_attribute("aria-selected", "true")
            open_expanders(page)
        for index, button in enumerate(buttons.all()):
            if index in saved or not button.is_visible():
                continue
            download = click_download(page, button)
            path = folder / f"{prefix}-{index}-{download.suggested_filename}"
            download.save_as(path)
            saved[index] = path
    assert len(saved) == buttons.count(), f"{prefix}: some tables could not be downloaded"
    return [saved[index] for index in sorted(saved)]


def assert_csv_in_scope(path: Path, link: Link) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    assert_absent(text, link.forbidden, path.name)
    rows = read_csv(path)
    for row in rows:
        if row.get("campaign_id"):  # an id, or the campaign's name where a table shows names
            allowed = (*link.campaign_ids, *link.campaign_names)
            assert row["campaign_id"] in allowed, (path.name, row)
        if row.get("handle"):
            assert row["handle"].lstrip("@") in link.handles, (path.name, row)
        if row.get("clients"):
            assert row["clients"] == "1", (path.name, row)  # no count of other clients either
    return rows


def assert_dead(page, where: str, everyone: tuple[str, ...]) -> None:
    """The plain "no longer valid" page, and nothing else."""
    assert title(page) == INVALID_TITLE, where
    assert main_text(page).split() == f"{INVALID_TITLE} {INVALID_BODY}".split(), where
    for label in ADMIN_LABELS:
        assert label not in nav_labels(page), where
    for testid in (
        "stSelectbox",
        "stMultiSelect",
        "stPlotlyChart",
        "stDataFrame",
        "stDownloadButton",
        "stMetric",
        "stForm",
    ):
        expect(page.get_by_test_id(testid)).to_have_count(0)
    assert_absent(full_text(page), everyone, where)


def assert_sign_in_only(page, where: str, everyone: tuple[str, ...]) -> None:
    """The admin sign-in form, and no data nor navigation."""
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_label("Admin password")).to_be_visible()
    assert nav_labels(page) == [], where
    for testid in ("stPlotlyChart", "stDataFrame", "stMetric", "stFileUploader", "stSelectbox"):
        expect(page.get_by_test_id(testid)).to_have_count(0)
    assert_absent(full_text(page), everyone, where)


# --- The tests ----------------------------------------------------------------------------------


def test_a_link_shows_exactly_its_campaigns_on_every_section(tab, demo_server, tmp_path):
    aurore = campaigns_of(demo_server, "Maison Aurore")
    link = new_link(demo_server, "Maison Aurore", tuple(aurore[:2]))
    assert len(aurore) == 3 and len(link.forbidden) > 10
    for section in SHAREABLE_SECTIONS:
        where = f"/{section} under the link"
        open_view(tab, link.at(section))
        assert title(tab) == LABELS[section], where
        assert nav_labels(tab) == list(LABELS.values()), where  # no Home, Upload, Share links
        assert not errors_shown(tab), (where, errors_shown(tab))
        text = full_text(tab)
        assert "Shared view for Maison Aurore" in text
        assert_absent(text, link.forbidden, where)
        assert_selectors_hold(tab, link, where)
        tables = download_tables(tab, tmp_path, section)
        # Long-term has tables only for a brand tracker; this client has none, and it says so.
        untracked = (
            section == "long_term" and "No survey answer of this campaign carries a wave" in text
        )
        assert tables or untracked, f"{where}: no table to download"
        for path in tables:
            assert_csv_in_scope(path, link)
        shoot(tab, tmp_path / f"share-{section}.png")
    shown = {
        row["handle"].lstrip("@")
        for row in read_csv(next(tmp_path.glob("creators-*-sillage-creators.csv")))
    }
    assert shown and shown <= link.handles


def test_navigating_inside_a_shared_session_stays_in_scope(tab, demo_server, tmp_path):
    link = new_link(demo_server, "Stride Lab")
    open_view(tab, link.at())
    for section in SHAREABLE_SECTIONS[1:]:
        click_nav(tab, LABELS[section])
        expect(tab.get_by_role("heading", level=1).first).to_have_text(LABELS[section])
        settle(tab)
        assert "share=" in tab.url  # the token follows the client from page to page
        assert not errors_shown(tab), (section, errors_shown(tab))
        assert_absent(full_text(tab), link.forbidden, f"{section} reached by the navigation")
    shoot(tab, tmp_path / "navigated-disclosure.png")


@pytest.mark.parametrize("section", ["overview", "creators", "compare", "disclosure"])
def test_other_campaigns_or_clients_in_the_url_show_nothing_of_them(
    tab, demo_server, tmp_path, section
):
    aurore = campaigns_of(demo_server, "Maison Aurore")
    link = new_link(demo_server, "Maison Aurore", tuple(aurore[:2]))
    _, campaigns, _ = everything(demo_server.db_path)
    others = [c[0] for c in campaigns if c[0] not in link.campaign_ids]
    stride_id = str(
        on_db(
            demo_server.db_path,
            lambda c: c.execute(
                "SELECT client_id FROM clients WHERE name = 'Stride Lab'"
            ).fetchone(),
        )[0]
    )
    for params in (
        {"campaign": others[0]},
        {"campaign": ",".join(others)},
        {"campaign": ",".join([*others, link.campaign_ids[0]])},
        {"client": stride_id},
        {"client": stride_id, "campaign": ",".join(others)},
    ):
        where = f"/{section} with {params}"
        open_view(tab, link.at(section, **params))
        assert title(tab) == LABELS[section], where
        assert not errors_shown(tab), (where, errors_shown(tab))
        assert_absent(full_text(tab), link.forbidden, where)
        assert_selectors_hold(tab, link, where)
        if section != "compare":  # the filter bar drops a foreign client from the address
            assert f"client={stride_id}" not in tab.url
        for path in download_tables(tab, tmp_path, f"{section}-tampered"):
            assert_csv_in_scope(path, link)
    shoot(tab, tmp_path / f"tampered-{section}.png")


def test_dropping_the_token_inside_the_session_gives_no_admin_view(tab, demo_server, tmp_path):
    link = new_link(demo_server, "Les Délices Verts")
    everyone = every_name(demo_server.db_path)
    open_view(tab, link.at("perception"))
    # The address bar loses its token without a reload; the next reruns send that address.
    tab.evaluate(
        "id => history.replaceState(null, '', '/perception?campaign=' + id)", link.campaign_ids[0]
    )
    click_nav(tab, "Recall")
    settle(tab)
    tab.evaluate("() => history.replaceState(null, '', '/')")
    if nav_labels(tab):
        click_nav(tab, "Creators")
    else:
        tab.reload()
    settle(tab)
    for label in ADMIN_LABELS:
        assert label not in nav_labels(tab)
    expect(tab.get_by_label("Admin password")).to_have_count(0)
    expect(tab.get_by_test_id("stFileUploader")).to_have_count(0)
    text = full_text(tab)
    if title(tab) == INVALID_TITLE:
        assert_dead(tab, "token dropped in the session", everyone)
    else:
        assert "Shared view for Les Délices Verts" in text
        assert_absent(text, link.forbidden, "token dropped in the session")
    shoot(tab, tmp_path / "token-dropped.png")


def test_a_fresh_load_without_the_token_asks_for_the_password(tab, demo_server, tmp_path):
    link = new_link(demo_server, "Maison Aurore")
    everyone = every_name(demo_server.db_path)
    open_view(tab, link.at())
    assert "Shared view for Maison Aurore" in full_text(tab)
    for path in ("/", f"/?campaign={link.campaign_ids[0]}", "/overview", "/creators", "/upload"):
        open_view(tab, demo_server.url + path)
        assert_sign_in_only(tab, f"{path} without the token", everyone)
    shoot(tab, tmp_path / "no-token-sign-in.png")


def test_another_clients_token_shows_that_client_only(tab, demo_server, tmp_path):
    aurore = new_link(demo_server, "Maison Aurore")
    stride = new_link(demo_server, "Stride Lab")
    open_view(tab, aurore.at("creators"))
    assert_absent(full_text(tab), aurore.forbidden, "Maison Aurore's link")
    for section in ("overview", "creators", "compare"):
        open_view(tab, stride.at(section))
        text = full_text(tab)
        assert "Shared view for Stride Lab" in text
        assert "Maison Aurore" not in text
        assert_absent(text, stride.forbidden, f"Stride Lab's link on /{section}")
        assert_selectors_hold(tab, stride, f"Stride Lab's link on /{section}")
        for path in download_tables(tab, tmp_path, f"stride-{section}"):
            assert_csv_in_scope(path, stride)
    shoot(tab, tmp_path / "other-client-compare.png")


@pytest.mark.parametrize(
    "state", ["revoked", "expired", "forged", "altered", "truncated", "empty", "oversized"]
)
def test_a_dead_link_shows_only_that_it_is_no_longer_valid(tab, demo_server, tmp_path, state):
    everyone = every_name(demo_server.db_path)
    past = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=3)
    expired = {"now": past, "expires_in_days": 1} if state == "expired" else {}
    link = new_link(demo_server, "Stride Lab", **expired)
    if state == "revoked":
        sillage("share", "revoke", "--db", str(demo_server.db_path), str(link.link_id))
        revoked = on_db(demo_server.db_path, list_share_links)
        assert [x.status() for x in revoked if x.link_id == link.link_id] == ["revoked"]
    if state == "expired":
        links = on_db(demo_server.db_path, list_share_links)
        assert [x.status() for x in links if x.link_id == link.link_id] == ["expired"]
    token = {
        "forged": secrets.token_urlsafe(32),
        "altered": link.token[:-1] + ("A" if link.token[-1] != "A" else "B"),
        "truncated": link.token[:20],
        "empty": "",
        "oversized": link.token * 8,
    }.get(state, link.token)
    for section in ("overview", "creators", "upload", "share_links"):
        path = "" if section == "overview" else section
        open_view(tab, f"{demo_server.url}/{path}?{urlencode({'share': token})}")
        assert_dead(tab, f"{state} link on /{section}", everyone)
        assert nav_labels(tab) == []
    shoot(tab, tmp_path / f"dead-{state}.png")


def revoke_while_open(tab, server: DemoServer) -> Link:
    link = new_link(server, "Maison Aurore")
    open_view(tab, link.at())
    assert title(tab) == "Overview"
    result = sillage("share", "revoke", "--db", str(server.db_path), str(link.link_id))
    assert '"revoked_at"' in result.stdout
    click_nav(tab, "Creators")  # the next rerun of the same session checks the token again
    expect(tab.get_by_role("heading", level=1).first).to_have_text(INVALID_TITLE)
    settle(tab)
    return link


def test_revoking_a_link_closes_a_session_already_open(tab, demo_server, tmp_path):
    everyone = every_name(demo_server.db_path)
    revoke_while_open(tab, demo_server)
    assert_dead(tab, "after revocation", everyone)
    shoot(tab, tmp_path / "revoked-mid-session.png")
    for label in nav_labels(tab)[:2]:  # whatever is left to click leads nowhere
        click_nav(tab, label)
        settle(tab)
        assert_dead(tab, f"{label} after revocation", everyone)


def test_a_revoked_session_shows_no_navigation_either(tab, demo_server):
    revoke_while_open(tab, demo_server)
    assert nav_labels(tab) == []


def test_costs_stay_hidden_when_the_link_hides_them(tab, demo_server, tmp_path):
    shown = new_link(demo_server, "Maison Aurore")
    open_view(tab, shown.at())
    assert COST_TEXT.search(full_text(tab)), "the control link shows costs on the Overview"
    open_view(tab, shown.at("creators"))
    with_costs = download_tables(tab, tmp_path, "with-costs")
    assert any("total_cost" in read_csv(path)[0] for path in with_costs if read_csv(path))

    hidden = new_link(demo_server, "Maison Aurore", hide_costs=True)
    for section in SHAREABLE_SECTIONS:
        where = f"/{section} with costs hidden"
        open_view(tab, hidden.at(section))
        assert not errors_shown(tab), (where, errors_shown(tab))
        text = full_text(tab)
        found = sorted({m.group(0) for m in COST_TEXT.finditer(text)})
        assert not found, f"{where} shows {found}"
        assert_absent(text, hidden.forbidden, where)
        for path in download_tables(tab, tmp_path, f"hidden-{section}"):
            rows = assert_csv_in_scope(path, hidden)
            header = path.read_text(encoding="utf-8-sig").splitlines()[0].lower()
            costly = [c for c in header.split(",") if c.strip('"') in COST_NAMES or "cost" in c]
            assert not costly, (path.name, costly)
            for row in rows:  # a currency code alone is no amount: "currency" may stay
                values = " ".join(v or "" for k, v in row.items() if k != "currency")
                assert not COST_TEXT.search(values), (path.name, row)
            if path.name.endswith("sillage-creators.csv"):
                assert rows and "handle" in rows[0]
        if section in ("overview", "creators"):
            shoot(tab, tmp_path / f"hidden-costs-{section}.png")
    creators = next(tmp_path.glob("hidden-creators-*-sillage-creators.csv"))
    assert not {"total_cost", "cost_reason"} & set(read_csv(creators)[0])


def test_admin_pages_refuse_without_the_password(tab, demo_server, tmp_path):
    everyone = every_name(demo_server.db_path)
    link = new_link(demo_server, "Stride Lab")
    for path in ("/upload", "/share_links", "/settings"):
        open_view(tab, demo_server.url + path)
        assert_sign_in_only(tab, path, everyone)

    # A share link does not reach the admin pages either.
    for section in ("upload", "share_links", "settings"):
        open_view(tab, link.at(section))
        assert title(tab) not in ("Upload exports", "Share links", "Settings")
        for label in ADMIN_LABELS:
            assert label not in nav_labels(tab)
        expect(tab.get_by_test_id("stFileUploader")).to_have_count(0)
        expect(tab.get_by_label("Admin password")).to_have_count(0)
        assert_absent(full_text(tab), link.forbidden, f"/{section} under a link")

    open_view(tab, demo_server.url + "/share_links")
    tab.get_by_label("Admin password").fill("not the password at all")
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_text("Wrong password.")).to_be_visible()
    settle(tab)
    assert_sign_in_only(tab, "after a wrong password", everyone)
    shoot(tab, tmp_path / "wrong-password.png")

    tab.get_by_label("Admin password").fill(demo_server.password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.locator('[data-testid="stSidebarNav"] a').first).to_be_visible()
    settle(tab)
    assert {"Home", "Upload", "Share links"} <= set(nav_labels(tab))
    click_nav(tab, "Upload")
    expect(tab.get_by_role("heading", level=1).first).to_have_text("Upload exports")
    settle(tab)
    expect(tab.get_by_test_id("stFileUploader").first).to_be_visible()
    click_nav(tab, "Share links")
    expect(tab.get_by_role("heading", level=1).first).to_have_text("Share links")
    settle(tab)
    assert "Stride Lab" in full_text(tab)  # the admin sees every client's links
    shoot(tab, tmp_path / "admin-share-links.png")
