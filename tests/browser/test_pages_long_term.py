"""The Long-term page in a real browser on the demo data, through share links: English and French,
its charts drawn with their points, and a link without the section that does not show it."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import opened_tab
from tests.browser.test_share_links import full_text, main_text, new_link, open_view, title

pytestmark = pytest.mark.browser

TRACKED = "marathon-season-2025"
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
POINTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(
    gd => (gd._fullData || gd.data || []).reduce(
        (n, trace) => n + Array.from(trace.y || []).filter(v => v !== null).length, 0))"""


@pytest.fixture
def tab(browser) -> Iterator[object]:
    with opened_tab(browser, 1400, 1000) as opened:
        yield opened


def view(link, section: str, **params: str) -> str:
    return f"{link.url}/{section}?{urlencode({'share': link.token, **params})}"


@pytest.mark.parametrize(
    ("lang", "heading", "half_life", "methodology"),
    [
        ("en", "Long-term", "Half-life", "Methodology"),
        ("fr", "Long terme", "Demi-vie", "Méthodologie"),
    ],
)
def test_the_page_renders_its_waves_and_baseline_in_each_language(
    tab, demo_server, lang, heading, half_life, methodology
):
    link = new_link(demo_server, "Stride Lab", sections=("overview", "long_term"))
    open_view(tab, view(link, "long_term", campaign=TRACKED, lang=lang))
    assert title(tab) == heading
    assert tab.locator(ERRORS).count() == 0
    points = tab.evaluate(POINTS_JS)
    assert len(points) == 2 and all(n > 0 for n in points), points
    text = main_text(tab)
    assert half_life in text and methodology in text
    # Nothing of another client reaches the page, charts and hidden text included.
    everything = full_text(tab)
    assert not [name for name in link.forbidden if name in everything]


def test_a_link_without_the_section_does_not_show_it(tab, demo_server):
    link = new_link(demo_server, "Stride Lab", sections=("overview", "recall"))
    open_view(tab, view(link, "long_term", campaign=TRACKED))
    assert title(tab) != "Long-term"
    navigation = tab.get_by_test_id("stSidebarNav").inner_text()
    assert "Long-term" not in navigation
    assert "Lift per wave" not in main_text(tab)
