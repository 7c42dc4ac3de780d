"""A client link whose client and campaign names hold markdown, HTML and links.

The campaign comes from the Campaign column of a creator-posts export loaded with
``sillage ingest`` into the running demo's database, the client from ``--client``. Chromium must
show them as the characters typed: no link to the phishing address, no image, no script, no
coloured ``:red[…]`` text, no alert, anywhere on the page (charts included).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import PROJECT_ROOT, DemoServer
from tests.browser.test_share_links import Link, full_text, new_link, on_db, open_view, shoot

pytestmark = pytest.mark.browser

PHISH = "phish.example"
JOINER = "\u2060"  # invisible; md() puts it where GFM would start a bare link
CAMPAIGN = (
    "[Renew your access here](https://phish.example/login) :red[urgent] "
    "<img src=x onerror=alert(1)> <script>alert(2)</script> $x^2$ :material/warning:"
)
CLIENT = "**Acme** <b>bold</b> [click](https://phish.example/c) :blue[c]"
CAPTION = '<a href="https://phish.example/p">Win</a> [prize](https://phish.example/p)'
HEADER = (
    "Platform,Creator,Post URL,Campaign,Posted at,Format,Caption,Fee,Followers,"
    "Paid partnership label,Impressions,Reach,Views,Likes,Comments,Shares,Saves,Link clicks,"
    "Profile visits"
)

# Every <a> whose address reaches the phishing host, an <img> from the name, a script from it,
# and any element whose whole text is one of the words a directive would have coloured.
PLANTED = """() => {
  const links = [...document.querySelectorAll('a')]
    .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
    .filter(href => href.includes('phish.example'));
  const images = [...document.querySelectorAll('img')]
    .filter(img => (img.getAttribute('src') || '') === 'x').length;
  const scripts = [...document.querySelectorAll('script')]
    .filter(s => s.textContent.includes('alert(')).length;
  const coloured = [...document.querySelectorAll('span, strong, b')]
    .filter(e => ['urgent', 'bold', 'Acme'].includes(e.textContent.trim()))
    .map(e => e.outerHTML.slice(0, 120));
  const maths = document.querySelectorAll('.katex').length;
  return {links, images, scripts, coloured, maths};
}"""


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def csv_line(*cells: str) -> str:
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)


def hostile_link(server: DemoServer, folder: Path) -> Link:
    path = folder / "hostile-posts.csv"
    row = csv_line(
        "Instagram", "@julien.court", "https://www.instagram.com/reel/HostileA1/", CAMPAIGN,
        "2025-05-08 19:35", "Reel", CAPTION, "750.00", "64182", "No", "28681", "19651", "28681",
        "555", "28", "30", "63", "88", "227",
    )  # fmt: skip
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cli", "ingest", "--db", str(server.db_path), "--client", CLIENT]
        + [str(path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    campaign_id = on_db(
        server.db_path,
        lambda c: c.execute(
            "SELECT campaign_id FROM campaigns WHERE name = ?", [CAMPAIGN]
        ).fetchone(),
    )[0]
    link = new_link(server, CLIENT, (campaign_id,))
    assert link.campaign_names == (CAMPAIGN,)
    return link


def test_hostile_names_show_as_plain_text_under_a_client_link(tab, demo_server, tmp_path):
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    link = hostile_link(demo_server, tmp_path)
    for section in ("overview", "creators", "disclosure"):
        where = f"/{section} under the hostile link"
        open_view(tab, link.at(section))
        planted = tab.evaluate(PLANTED)
        assert planted == {
            "links": [], "images": 0, "scripts": 0, "coloured": [], "maths": 0,
        }, (where, planted)  # fmt: skip
        sidebar = tab.get_by_test_id("stSidebar").inner_text().replace(JOINER, "")
        assert f"Shared view for {CLIENT}" in " ".join(sidebar.split()), (where, sidebar)
        if section == "overview":
            main = " ".join(tab.get_by_test_id("stMain").inner_text().replace(JOINER, "").split())
            assert CAMPAIGN in main, where  # the caption, every character as typed
        assert PHISH in full_text(tab)
        shoot(tab, tmp_path / f"hostile-{section}.png")
    assert dialogs == []
