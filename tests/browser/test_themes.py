"""The Perception page's themes block in a real browser, on the demo database, in both languages."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Server, _free_port, _need_chromium, _running

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/sillage_shots")
CAMPAIGN = "trail-series-2026"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One dashboard for this module, on the bundled demo data."""
    _need_chromium()
    from sample_data.loader import load_demo

    folder = tmp_path_factory.mktemp("themes_server")
    db_path = folder / "sillage.duckdb"
    log_path = folder / "streamlit.log"
    refused = [result for result in load_demo(db_path) if not result.loaded]
    assert not refused, refused
    env = dict(os.environ, SILLAGE_DB=str(db_path))
    with _running(_free_port(), env, log_path) as url:
        yield Server(url, db_path, log_path)


def _themes_block(page, title: str):
    heading = page.get_by_role("heading", name=title)
    heading.wait_for()
    page.wait_for_timeout(1500)  # let the charts above draw before the screenshot
    return heading


@pytest.mark.parametrize(
    ("lang", "title", "brand", "intent", "example"),
    [
        ("en", "What comments talk about", "Brand", "Purchase intent", "Where can I buy this?"),
        (
            "fr",
            "Ce dont parlent les commentaires",
            "Marque",
            "Intention d'achat",
            "Top, je ne connaissais pas stride lab",
        ),
    ],
)
def test_themes_block_shows_counts_sentiment_and_examples(
    page, server: Server, tmp_path: Path, lang, title, brand, intent, example
):
    page.goto(f"{server.url}/perception?campaign={CAMPAIGN}&lang={lang}")
    heading = _themes_block(page, title)
    heading.scroll_into_view_if_needed()
    main = page.locator("[data-testid='stMain']")
    for name in (brand, intent):
        expect_visible = main.get_by_text(name, exact=True).first
        expect_visible.wait_for()
    # Each card: a count line with the share, a sentiment line, example comments as quotes.
    count_word = "comments (" if lang == "en" else "commentaires ("
    assert main.get_by_text(count_word, exact=False).count() >= 4
    net_word = "Net sentiment" if lang == "en" else "Sentiment net"
    assert main.locator("[data-testid='stCaptionContainer']").filter(has_text=net_word).count() >= 4
    quotes = main.locator("blockquote")
    assert quotes.count() >= 6
    assert any(example in text for text in quotes.all_inner_texts())
    assert not page.locator("[data-testid='stException']").count()
    page.set_viewport_size({"width": 1400, "height": 4200})
    shot = tmp_path / f"themes-{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / f"themes-{lang}.png")
