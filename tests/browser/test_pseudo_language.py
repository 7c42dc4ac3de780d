"""Every word a person reads comes from the catalogue: a walk of every page in the pseudo-language.

With ``SILLAGE_PSEUDO_LANGUAGE=1`` and ``?lang=xx`` each catalogue text shows marked ``⟦…⟧`` and
numbers are written 1_234·5, so a word that bypassed the catalogue stands out. One server on the
demo data; each page is opened once for the agency and once under a client's share link. What is
read: the main area and the sidebar (text of collapsed expanders and hidden tabs included), every
table's cells, every chart's text (titles, axes, legend, annotations: the svg text plotly drew),
and the text of the PDF report the Overview exports (``pdftotext``).

A word outside the marks is allowed only when it is data (a client, campaign, creator, handle,
caption, comment, file name… as stored in the database), a hashtag or mention, a currency code,
a number or date, or one of the few names in ``PRODUCT_NAMES``.

The French walk takes a full-page screenshot of each page into ``SHOTS`` for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.numbers import list_currencies

from access.links import SHAREABLE_SECTIONS, create_share_link
from metrics.disclosure import RULES
from sample_data.loader import load_demo
from store.db import connect
from tests.browser.conftest import _free_port, _need_chromium, _running, opened_tab
from tests.browser.pagecheck import client_url, full_page_screenshot, open_page
from ui.formatting import WORD_JOINER

PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

pytestmark = [pytest.mark.browser, pytest.mark.pseudo_walk]

SHOTS = Path("/tmp/sillage_shots/french")
CLIENT = "Maison Aurore"
# Every report section a link may open, and the agency's own pages ("" is Home).
CLIENT_PAGES = SHAREABLE_SECTIONS
ADMIN_PAGES = ("", "upload", *SHAREABLE_SECTIONS, "share_links", "settings")

# Names that stay as they are in every language. Each is a product or a standard, never a word of
# the interface:
PRODUCT_NAMES = {
    "Sillage",  # the product itself
    "Instagram", "TikTok", "YouTube", "Meta", "Facebook",  # the platforms whose exports it reads
    "CSV", "PDF", "PPTX", "PNG", "JSON", "XLSX", "UTF",  # file formats a person picks or gets
}  # fmt: skip

# The language switch names each language in its own words, whatever the page's language.
LANGUAGE_NAMES = {"English", "Français"}
# Percentage points, written "pts" by i18n.locale in every language as "%" is, and the time
# standard the PDF's footer dates its generation in.
UNITS = {"pts", "UTC"}

# Columns that hold what people or files wrote: names, captions, comments, labels.
DATA_COLUMNS = {
    "clients": ("name",),
    "campaigns": ("campaign_id", "name", "brand_terms"),
    "creators": ("creator_id", "handle", "display_name"),
    "posts": ("post_id", "native_id", "title", "caption", "url"),
    "comments": ("comment_id", "author", "text"),
    "ad_delivery": ("campaign_name", "adset_name", "ad_name"),
    "uploads": ("file_name",),
    "share_links": ("label",),
}

# Every text node under a root, in document order, with a line break between blocks: the text
# of collapsed expanders, the grids' accessible cells and plotly's svg included. Left out: icons
# (a ligature's name is not a word), Streamlit's toolbars, plotly's hover layer, the file
# uploader's drop zone and an empty date field's "yyyy/mm/dd" (Streamlit writes both in English
# and no parameter changes them: the label and help above say the same in the catalogue's words),
# a grid's checkbox cells, and error boxes (reported apart).
TEXT_JS = """(selector) => {
  const root = document.querySelector(selector);
  if (!root) return '';
  const skip = el => el.closest('style, script, noscript, [translate="no"][role="img"], '
      + '[translate="no"][aria-hidden="true"], [data-testid="stIconMaterial"], [data-testid="stToolbar"], .modebar-container, '
      + '.hoverlayer, [data-testid="stFileUploaderDropzone"], [data-testid="stException"], '
      + '[role="spinbutton"][data-placeholder="true"]');
  // A grid draws a flag as a checkbox; its accessible copy of the cell says "true" / "false".
  const checkbox = node => node.parentElement.closest('[data-testid="stDataFrame"] td')
      && ['true', 'false'].includes(node.textContent.trim());
  const INLINE = new Set(['A', 'B', 'STRONG', 'EM', 'I', 'CODE', 'SPAN', 'SMALL', 'SUB', 'SUP',
                          'MARK', 'DEL', 'INS', 'U', 'S', 'KBD', 'ABBR', 'tspan']);
  const block = node => {
    let el = node.parentElement;
    while (el && el !== root && INLINE.has(el.tagName)) el = el.parentElement;
    return el;
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts = [];
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || skip(node.parentElement) || checkbox(node)) continue;
    const owner = block(node);
    parts.push((owner === last ? ' ' : '\\n') + node.textContent);
    last = owner;
  }
  return parts.join('');
}"""

# Each error box's first line: a page that fails shows no words to check.
ERRORS_JS = """() => [...document.querySelectorAll('[data-testid="stException"]')].map(
    box => box.innerText.split('\\n')[0])"""

# Open every collapsed expander, as a reader does.
OPEN_EXPANDERS_JS = """() => {
  const closed = [...document.querySelectorAll('[data-testid="stExpander"] details:not([open])')];
  closed.forEach(details => details.querySelector('summary').click());
  return closed.length;
}"""

# Every grid shown has drawn its accessible table (the grid writes its cells there late).
GRIDS_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter(grid => grid.offsetParent !== null)
  .every(grid => grid.querySelector('table td, table th'))"""

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
NUMBER_SUFFIX = re.compile(r"(?<=\d)[kMGB]\b")  # plotly's SI ticks: 20k, 1.5M
TAG = re.compile(r"[#@][\w.]+")
CURRENCIES = set(list_currencies())


def outside_marks(text: str) -> tuple[str, list[str]]:
    """The text outside every ``⟦…⟧`` (marks nest), and what is wrong with the marks."""
    kept, depth, problems = [], 0, []
    for char in text:
        if char == "⟦":
            depth += 1
            kept.append(" ")
        elif char == "⟧":
            if depth == 0:
                problems.append("a ⟧ with no ⟦ before it")
            depth = max(depth - 1, 0)
            kept.append(" ")
        elif depth == 0 or char == "\n":
            kept.append(char)
    if depth:
        problems.append(f"{depth} ⟦ never closed")
    return "".join(kept), problems


@dataclass(frozen=True)
class DataTexts:
    """What the database holds that people or files wrote, as a page may show it."""

    values: list[str]  # longest first, as a longer text may hold a shorter one
    words: str  # each text's words, one text a line: " w1 w2 w3"

    @classmethod
    def of(cls, texts: set[str]) -> DataTexts:
        # As ``ui.formatting.md`` shows them: on one line, spaces collapsed.
        flat = {" ".join(text.split()) for text in texts} | texts
        values = sorted((v for v in flat if len(v) > 1), key=len, reverse=True)
        # A caption's words as a page shows them: its hashtags and mentions are taken out first.
        words = (" " + " ".join(WORD.findall(TAG.sub(" ", v))) for v in values)
        return cls(values, "\n".join(words))

    def without(self, line: str) -> str:
        """``line`` with each data text taken out as a whole word, and a cell cut short ("Ma
        routine du matin…") taken out when a data text holds what it shows."""
        line = " ".join(line.replace(WORD_JOINER, "").split())
        pieces = line.split("…")
        for index, piece in enumerate(pieces[:-1]):
            shown = piece.strip()
            if len(shown) > 2 and any(shown in value for value in self.values):
                pieces[index] = " "
        line = " ".join(pieces)
        for value in self.values:
            if value in line:
                line = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", line)
        return line

    def holds(self, words: list[str]) -> bool:
        """Whether two or more words run on in some data text (its emoji, links or line breaks
        left out, as a PDF line or a chart label shows a caption)."""
        return len(words) > 1 and " " + " ".join(words) in self.words


def unmarked_words(text: str, data: DataTexts, allowed: set[str]) -> list[str]:
    """Each line of ``text`` that holds a word outside the marks and outside data, with its words.

    A line is read in parts between " · " (a post's rate · caption · handle · date), as each part
    may be a data text of its own.
    """
    rest, problems = outside_marks(text)
    found = list(problems)
    for line in rest.splitlines():
        words = []
        for part in line.split(" · "):
            in_part = WORD.findall(NUMBER_SUFFIX.sub(" ", TAG.sub(" ", data.without(part))))
            if not data.holds(in_part):
                words += [w for w in in_part if w not in allowed and w not in CURRENCIES]
        if words:
            found.append(f"{' '.join(words)}   «{line.strip()[:120]}»")
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, DataTexts]]:
    """The pseudo-language dashboard on the demo data, a client's link token, and the data's
    texts."""
    _need_chromium()
    folder = tmp_path_factory.mktemp("pseudo")
    db_path = folder / "sillage.duckdb"
    assert all(result.loaded for result in load_demo(db_path))
    values: set[str] = set()
    with connect(db_path) as connection:
        token = create_share_link(connection, CLIENT)[1]
        for table, columns in DATA_COLUMNS.items():
            for column in columns:
                rows = connection.execute(
                    f"SELECT DISTINCT CAST({column} AS TEXT) FROM {table} WHERE {column} IS NOT NULL"
                ).fetchall()
                values.update(str(row[0]) for row in rows)
    # What creators write, quoted by the disclosure rules as examples in the language each reads.
    values.update(text for rule in RULES for text in (rule.example, rule.near_miss) if text)
    # JSON lists (brand terms) as their items too.
    data = DataTexts.of(values | {i for v in values for i in re.findall(r'"([^"]+)"', v)})
    env = dict(os.environ, SILLAGE_DB=str(db_path), SILLAGE_PSEUDO_LANGUAGE="1")
    with _running(_free_port(), env, folder / "streamlit.log") as url:
        yield url, token, data


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[object]:
    with opened_tab(browser, 1400, 1000, accept_downloads=True) as opened:
        yield opened


# Where words are read: the page, its sidebar, and a dialog Streamlit opens over them.
SELECTORS = {
    "main": '[data-testid="stMain"]',
    "sidebar": '[data-testid="stSidebar"]',
    "dialog": '[role="dialog"]',
}


def read_all(tab) -> dict[str, str]:
    """The text of each of ``SELECTORS`` with every expander open and each tab shown in turn."""
    tab.evaluate(OPEN_EXPANDERS_JS)
    texts = {"main": "", "sidebar": "", "dialog": ""}
    tabs = tab.get_by_role("tab")
    for index in range(max(tabs.count(), 1)):
        if index:
            tabs.nth(index).click()
            tab.evaluate(OPEN_EXPANDERS_JS)
        try:
            tab.wait_for_function(GRIDS_DRAWN_JS, timeout=10_000)
        except PlaywrightTimeout:
            pass  # a grid without cells has no words to read either
        tab.wait_for_timeout(300)
        for part in texts:
            texts[part] += "\n" + tab.evaluate(TEXT_JS, SELECTORS[part])
    return texts


def page_words(tab, where: str, data: DataTexts) -> list[str]:
    """Every unmarked word of the page now shown, as ``where part: words «line»``."""
    allowed = PRODUCT_NAMES | LANGUAGE_NAMES | UNITS
    found = [f"{where}: error {line}" for line in tab.evaluate(ERRORS_JS)]
    for part, text in read_all(tab).items():
        lines = unmarked_words(text, data, allowed)
        found += [f"{where} {part}: {line}" for line in dict.fromkeys(lines)]
    return found


def pdf_words(tab, folder: Path, data: DataTexts) -> list[str]:
    """The unmarked words of the PDF report the page now shown exports."""
    button = tab.get_by_test_id("stSidebar").get_by_role("button", name=re.compile("Download PDF"))
    with tab.expect_download(timeout=240_000) as caught:
        button.click()
    pdf = folder / "report.pdf"
    caught.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # A line of the PDF may break inside a mark: read it as one paragraph per blank line.
    return [f"PDF: {line}" for line in unmarked_words(text, data, PRODUCT_NAMES | UNITS)]


def test_every_agency_page_speaks_only_the_catalogue(site, tab, tmp_path: Path) -> None:
    url, _, data = site
    found = []
    for page in ADMIN_PAGES:
        open_page(tab, f"{url}/{page}?lang=xx")
        found += page_words(tab, f"agency {page or 'home'}", data)
        if page == "overview" and shutil.which("pdftotext"):
            found += pdf_words(tab, tmp_path, data)
    assert not found, "\n".join(found)


def test_every_page_under_a_client_link_speaks_only_the_catalogue(site, tab) -> None:
    url, token, data = site
    found = []
    for page in CLIENT_PAGES:
        open_page(tab, client_url(url, token, page, "xx"))
        found += page_words(tab, f"client {page}", data)
    assert not found, "\n".join(found)


def test_french_pages_as_screenshots(site, tab) -> None:
    """Every page in French, full length, kept in SHOTS to be looked at."""
    url, token, _ = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    for page in ADMIN_PAGES:
        open_page(tab, f"{url}/{page}?lang=fr")
        full_page_screenshot(tab, SHOTS / f"agency-{page or 'home'}.png")
    open_page(tab, client_url(url, token, "overview", "fr"))
    full_page_screenshot(tab, SHOTS / "client-overview.png")
    assert len(list(SHOTS.glob("*.png"))) >= len(ADMIN_PAGES) + 1
