"""Every page on a laptop screen (1366 × 768) and a large one (1920 × 1080), for the agency and
under a client's link, in English and French: nothing wider than its column, no table to scroll
sideways, no card title or value cut short, the verdict on every campaign page, and one colour
per campaign across the charts of Compare.

One server on the demo data for the module; each page is opened once per view and language, and
measured at both sizes (Streamlit lays the page out again on resize, without a new run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from access.links import create_share_link
from sample_data.loader import load_demo
from store.db import connect
from tests.browser.conftest import _free_port, _need_chromium, _running, opened_tab
from tests.browser.pagecheck import client_url, full_page_screenshot, open_page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/sillage_shots/layout")
SIZES = ((1366, 768), (1920, 1080))
ADMIN_PAGES = ("", "upload", "overview", "perception", "consideration", "recall",
               "repeat_exposure", "creators", "compare", "disclosure", "share_links")  # fmt: skip
CLIENT_PAGES = ("overview", "perception", "consideration", "recall", "repeat_exposure",
                "creators", "compare", "disclosure")  # fmt: skip
# Pages about one campaign, which open on its verdict (the demo's latest campaign has targets).
VERDICT_PAGES = {"overview", "perception", "consideration", "recall", "repeat_exposure"}

# What overflows: a grid that scrolls sideways, a card label, value or badge cut with "…", and
# any element that reaches past the main column.
LAYOUT_JS = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const right = main.getBoundingClientRect().right;
  const scrolling = [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .filter(s => s.scrollWidth > s.clientWidth + 2)
    .map(s => s.closest('[data-testid="stDataFrame"]').getAttribute('class'));
  const cut = [...main.querySelectorAll(
      '[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"], '
      + '[data-testid="stMetricValue"] *, [data-testid="stMetricDelta"] *')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
    .map(el => el.innerText.slice(0, 80));
  const wide = [...main.querySelectorAll('*')]
    .filter(el => !el.closest('[data-testid="stDataFrame"]'))
    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > right + 2; })
    .map(el => (el.getAttribute('data-testid') || el.tagName) + ': ' + (el.innerText || '').slice(0, 60));
  return {scrolling, cut, wide: wide.slice(0, 5)};
}"""

# Each campaign's colour in every chart: a trace named after it, or its bar in a bar chart.
COLOURS_JS = """() => {
  const seen = {};
  const note = (name, colour) => { if (name && typeof colour === 'string')
    (seen[name] = seen[name] || new Set()).add(colour); };
  document.querySelectorAll('.js-plotly-plot').forEach(gd => (gd._fullData || []).forEach(tr => {
    const colours = tr.marker && Array.isArray(tr.marker.color) ? tr.marker.color : null;
    const names = tr.orientation === 'h' ? tr.y : tr.x;
    if (tr.type === 'bar' && colours && names) {
      Array.from(names).forEach((name, i) => note(String(name), colours[i]));
    } else if (tr.type === 'scatter' && tr.line) {
      note(tr.name, tr.line.color);
    }
  }));
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v]]));
}"""


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The dashboard on the demo data, and a token of a client's link to all its campaigns."""
    _need_chromium()
    folder = tmp_path_factory.mktemp("layout")
    db_path = folder / "sillage.duckdb"
    assert all(result.loaded for result in load_demo(db_path))
    with connect(db_path) as connection:
        token = create_share_link(connection, "Maison Aurore")[1]
    env = dict(os.environ, SILLAGE_DB=str(db_path))
    with _running(_free_port(), env, folder / "streamlit.log") as url:
        yield url, token


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[object]:
    with opened_tab(browser, *SIZES[0]) as opened:
        yield opened


def check(tab, where: str, page: str) -> list[str]:
    """What is wrong with the page at each size, in words; screenshots kept in SHOTS."""
    problems = []
    for width, height in SIZES:
        tab.set_viewport_size({"width": width, "height": height})
        tab.wait_for_timeout(600)
        found = tab.evaluate(LAYOUT_JS)
        problems += [f"{where} at {width}px: {kind} {found[kind]}" for kind in found if found[kind]]
        full_page_screenshot(tab, SHOTS / f"{where.replace(' ', '-')}-{width}.png")
    text = tab.get_by_test_id("stMain").inner_text()
    if page in VERDICT_PAGES and "Verdict" not in text:
        problems.append(f"{where}: no verdict")
    if page == "compare":
        colours = tab.evaluate(COLOURS_JS)
        problems += [f"{where}: {name} in {c}" for name, c in colours.items() if len(c) > 1]
    return problems


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_fits_both_screens_for_the_agency(demo_site, tab, lang: str) -> None:
    url, _ = demo_site
    problems = []
    for page in ADMIN_PAGES:
        open_page(tab, f"{url}/{page}?lang={lang}")
        problems += check(tab, f"agency {page or 'home'} {lang}", page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_fits_both_screens_under_a_client_link(demo_site, tab, lang: str) -> None:
    url, token = demo_site
    problems = []
    for page in CLIENT_PAGES:
        open_page(tab, client_url(url, token, page, lang))
        problems += check(tab, f"client {page} {lang}", page)
    assert not problems, "\n".join(problems)
