"""Every report page ends with its Methodology expander, in English and in French.

Pages run by AppTest on the demo data; the expander is the page's last, collapsed, titled by the
shared ``methodology`` key and filled from the page's own ``method.<page>`` text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from access.links import SHAREABLE_SECTIONS
from i18n import catalogue
from tests.apppages import open_page

CAMPAIGN = "marathon-season-2025"
PAGES = SHAREABLE_SECTIONS  # every report page a client may see
TITLES = {"en": "Methodology", "fr": "Méthodologie"}


def fields(page: str, lang: str) -> dict[str, str]:
    """The fields a page fills in its text: Compare names its benchmark, here all clients'."""
    return {"benchmark": catalogue.template("bench.agency", lang)} if page == "compare" else {}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_each_page_ends_with_its_methodology(demo: Path, page: str, lang: str) -> None:
    at = open_page(page, campaign=CAMPAIGN, lang=lang)
    last = at.expander[-1]
    assert last.label == TITLES[lang]
    assert not last.proto.expanded
    text = "\n".join(m.value for m in last.markdown)
    expected = catalogue.text(f"method.{page}", lang, **fields(page, lang)).strip()
    if catalogue.has(f"method.{page}.costs"):  # the agency sees how costs are computed too
        expected = f"{expected}\n\n{catalogue.text(f'method.{page}.costs', lang)}"
    assert text.strip() == expected.strip()
    assert len(text) > 300
    assert not text.lstrip().startswith("method.") and f"method.{page}" not in text
    assert "**" in text and "{" not in text  # sections named in bold, every field filled
    if lang == "fr":
        assert " %" not in text  # French sets a no-break space before %
        assert "90\u00a0%" in text or page in ("compare", "disclosure", "long_term")


def test_each_method_text_is_its_own_and_differs_by_language() -> None:
    for page in PAGES:
        assert catalogue.has(f"method.{page}", "en") and catalogue.has(f"method.{page}", "fr")
        english = catalogue.template(f"method.{page}", "en")
        french = catalogue.template(f"method.{page}", "fr")
        assert english and french and english != french
    texts = {catalogue.template(f"method.{page}", "en") for page in PAGES}
    assert len(texts) == len(PAGES)
