"""What a person checks on every page of a campaign: a number, no empty chart, no placeholder cell.

Read from the page Chromium rendered: the main block's text, each plotly chart's own data
(``gd.data`` on its element), and the cells of each table (the grid's accessible copy of the
cells it draws on a canvas).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# What a cell or a sentence shows when a missing value leaked through unformatted.
PLACEHOLDERS = {"None", "none", "nan", "NaN", "NaT", "<NA>", "null", "undefined"}
PLACEHOLDER_WORDS = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>|undefined)(?![\w-])")

POINTS_PER_CHART_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    // Plotly keeps decoded arrays as typed arrays; a NaN is a gap, not a point.
    const count = (values) => Array.from(values || []).filter(
        v => v !== null && v !== undefined && !(typeof v === 'number' && isNaN(v))).length;
    // Drawn traces: ``gd.data`` may still hold the figure's base64-packed arrays.
    return (gd._fullData || gd.data || []).reduce(
        (n, trace) => n + Math.max(count(trace.x), count(trace.y), count(trace.values),
                                   count(trace.z)), 0);
})"""

TABLE_CELLS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(
    grid => [...grid.querySelectorAll('td, th')].map(cell => cell.textContent.trim()))"""

METRIC_VALUES_JS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(
    value => value.innerText.trim())"""


@dataclass(frozen=True)
class PageReading:
    """What one page showed."""

    text: str
    chart_points: list[int]
    table_cells: list[list[str]]
    metric_values: list[str]

    @property
    def placeholders(self) -> list[str]:
        """Every ``None``/``nan``/``NaT``-like word in the text or cell on the page."""
        found = PLACEHOLDER_WORDS.findall(self.text)
        found += [cell for cells in self.table_cells for cell in cells if cell in PLACEHOLDERS]
        return found

    @property
    def empty_charts(self) -> int:
        return sum(1 for points in self.chart_points if points == 0)

    @property
    def headline_numbers(self) -> list[str]:
        """Metric cards whose value holds a digit (not "—")."""
        return [value for value in self.metric_values if re.search(r"\d", value)]


def wait_until_idle(page, timeout_ms: int = 90_000) -> None:
    """Wait for Streamlit to finish the current run (its status widget goes away)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms
    )


def client_url(url: str, token: str, page: str, lang: str) -> str:
    """A report page under a share link; the link's first section opens at "/"."""
    return f"{url}/{'' if page == 'overview' else page}?share={token}&lang={lang}"


def open_page(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stMain").wait_for()
    page.wait_for_timeout(800)  # the first run starts after the socket opens
    wait_until_idle(page)
    page.wait_for_timeout(300)


CHARTS_DRAWN_JS = """() => {
    const frames = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
    const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullData);
    return drawn.length >= frames;
}"""


def settled_text(page, attempts: int = 20) -> str:
    """The main block's text once two reads 250 ms apart agree: a busy machine draws late."""
    text = page.get_by_test_id("stMain").inner_text()
    for _ in range(attempts):
        page.wait_for_timeout(250)
        again = page.get_by_test_id("stMain").inner_text()
        if again == text:
            return text
        text = again
    return text


def read_page(page) -> PageReading:
    # Plotly draws each chart after the run ends; a chart not drawn yet would read as empty.
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=30_000)
    return PageReading(
        text=settled_text(page),
        chart_points=page.evaluate(POINTS_PER_CHART_JS),
        table_cells=page.evaluate(TABLE_CELLS_JS),
        metric_values=page.evaluate(METRIC_VALUES_JS),
    )


def full_page_screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, not the window."""
    height = page.evaluate(
        """() => {
            const block = document.querySelector('[data-testid="stMainBlockContainer"]');
            return Math.ceil(block.getBoundingClientRect().bottom + 40);
        }"""
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(max(height, 600), 12_000)})
    page.wait_for_timeout(400)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 1000})
