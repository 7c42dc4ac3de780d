"""Every page on a laptop screen (1366 × 768) and a large one (1920 × 1080), for the agency and
under a client's link, in English and French: nothing wider than its column, no table to scroll
sideways, no text cut short with "…" or by its box anywhere on the page, the verdict on every
campaign page, and one colour per campaign and per creator across the charts of every page.

One server on the demo data for the module; each page is opened once per view and language, and
measured at both sizes (Streamlit lays the page out again on resize, without a new run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from access.links import create_share_link
from i18n import catalogue
from sample_data.loader import load_demo
from store.db import connect
from tests.browser.conftest import _free_port, _need_chromium, _running, opened_tab
from tests.browser.pagecheck import CHARTS_DRAWN_JS, client_url, full_page_screenshot, open_page

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/sillage_shots/layout")
SIZES = ((1366, 768), (1920, 1080))
ADMIN_PAGES = ("", "upload", "overview", "perception", "consideration", "recall",
               "repeat_exposure", "long_term", "creators", "compare", "disclosure", "share_links",
               "settings")  # fmt: skip
CLIENT_PAGES = ("overview", "perception", "consideration", "recall", "repeat_exposure",
                "long_term", "creators", "compare", "disclosure")  # fmt: skip
# Pages about campaigns, which open on their verdict (the demo's latest campaign has targets;
# Creators and Disclosure cover the campaigns filtered, Compare those chosen).
VERDICT_PAGES = {"overview", "perception", "consideration", "recall", "repeat_exposure",
                 "long_term", "creators", "disclosure", "compare"}  # fmt: skip

# What overflows: a grid that scrolls sideways, any element that reaches past its column or the
# main block, and any text cut short: an element holding text that is wider than its box where
# the box hides the rest ("…" of text-overflow, or overflow hidden/clip), in the main block and the
# sidebar alike — card labels and values, multiselect chips, select boxes, tabs, expanders.
# Left out: the table grid (glide-data-grid draws cells and headers on a canvas and cuts a long one
# with "…" by design; ui.tables sizes each column for its header up to 320 px and puts a longer
# header's full text in its tooltip, and the CSV holds every cell), and plotly's own SVG, which the
# screenshots are read for. Also: a chart legend entry plotly named "trace 0" itself.
LAYOUT_JS = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const right = main.getBoundingClientRect().right;
  const drawn = el => el.getBoundingClientRect().width > 0 && el.getClientRects().length > 0;
  const ours = el => !el.closest('[data-testid="stDataFrame"], .js-plotly-plot');
  const name = el => (el.closest('[data-testid]')?.getAttribute('data-testid') || el.tagName)
    + ': ' + (el.innerText || el.textContent || '').trim().slice(0, 70);
  const scrolling = [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .filter(s => s.scrollWidth > s.clientWidth + 2)
    .map(s => s.closest('[data-testid="stDataFrame"]').getAttribute('class'));
  const holdsText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
    || (el.children.length === 0 && (el.textContent || '').trim());
  const hides = el => { const style = getComputedStyle(el);
    return style.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(style.overflowX); };
  const cut = [...document.querySelectorAll('[data-testid="stMain"] *, [data-testid="stSidebar"] *')]
    .filter(el => ours(el) && drawn(el) && holdsText(el))
    .map(el => [el, el.parentElement])
    .filter(([el, box]) => [el, box].some(b => b && hides(b) && b.scrollWidth > b.clientWidth + 1))
    .map(([el]) => name(el));
  const wide = [...main.querySelectorAll('*')]
    .filter(el => ours(el) && drawn(el))
    .filter(el => { const r = el.getBoundingClientRect();
      const column = el.parentElement.closest('[data-testid="stColumn"]');
      const edge = column ? column.getBoundingClientRect().right : right;
      return r.right > edge + 2; })
    .map(name);
  // A legend entry plotly named itself: a series the chart forgot to name.
  const unnamed = [...document.querySelectorAll('.js-plotly-plot .legendtext')]
    .map(el => el.textContent).filter(text => /^trace \\d+$/.test(text));
  return {scrolling, cut: [...new Set(cut)].slice(0, 8), wide: wide.slice(0, 5), unnamed};
}"""

# Each campaign's and each creator's colour in every chart: a bar of a bar chart coloured bar by
# bar (keyed by its id when the chart gives ids, else by its label), or a line or marker trace
# (keyed by its legend group when it has one, else by its name).
COLOURS_JS = """() => {
  const seen = {};
  // An unnamed trace is "trace 0", "trace 1"… in every chart: no campaign or creator.
  const note = (name, colour) => { if (name && !/^trace \\d+$/.test(name) && typeof colour === 'string')
    (seen[name] = seen[name] || new Set()).add(colour); };
  document.querySelectorAll('.js-plotly-plot').forEach(gd => (gd._fullData || []).forEach(tr => {
    const colours = tr.marker && Array.isArray(tr.marker.color) ? tr.marker.color : null;
    const names = tr.ids || (tr.orientation === 'h' ? tr.y : tr.x);
    if (tr.type === 'bar' && colours && names) {
      Array.from(names).forEach((name, i) => note(String(name), colours[i]));
    } else if (tr.type === 'scatter' && tr.name) {
      const lines = (tr.mode || '').includes('lines');
      note(tr.legendgroup || tr.name, lines ? tr.line.color : tr.marker && tr.marker.color);
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


def check(tab, where: str, page: str, lang: str) -> list[str]:
    """What is wrong with the page at each size, in words; screenshots kept in SHOTS."""
    problems = []
    for width, height in SIZES:
        tab.set_viewport_size({"width": width, "height": height})
        tab.wait_for_timeout(600)
        found = tab.evaluate(LAYOUT_JS)
        problems += [f"{where} at {width}px: {kind} {found[kind]}" for kind in found if found[kind]]
        full_page_screenshot(tab, SHOTS / f"{where.replace(' ', '-')}-{width}.png")
    text = tab.get_by_test_id("stMain").inner_text()
    if page in VERDICT_PAGES and catalogue.template("vd.title", lang) not in text:
        problems.append(f"{where}: no verdict")
    tab.wait_for_function(CHARTS_DRAWN_JS, timeout=30_000)
    colours = tab.evaluate(COLOURS_JS)
    problems += [f"{where}: {name} in {c}" for name, c in colours.items() if len(c) > 1]
    return problems


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_fits_both_screens_for_the_agency(demo_site, tab, lang: str) -> None:
    url, _ = demo_site
    problems = []
    for page in ADMIN_PAGES:
        open_page(tab, f"{url}/{page}?lang={lang}")
        problems += check(tab, f"agency {page or 'home'} {lang}", page, lang)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_fits_both_screens_under_a_client_link(demo_site, tab, lang: str) -> None:
    url, token = demo_site
    problems = []
    for page in CLIENT_PAGES:
        open_page(tab, client_url(url, token, page, lang))
        problems += check(tab, f"client {page} {lang}", page, lang)
    assert not problems, "\n".join(problems)
