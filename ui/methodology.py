"""The Methodology expander that ends each report page: how its numbers are computed.

The text of a page is the catalogue's ``method.<page_key>`` (Markdown, in the reader's
language), followed by ``method.<page_key>.costs`` when costs are shown; the expander's title is
the shared ``methodology`` key.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from i18n import catalogue
from ui.i18n import t
from ui.scope import costs_hidden


def methodology(page_key: str, **fields: Any) -> None:
    """A collapsed expander with the page's methodology text, read from ``method.<page_key>``.

    ``fields`` fill the text's own fields (Compare names its benchmark). How costs are computed
    (``method.<page_key>.costs``) is left out under a link that hides costs.
    """
    text = t(f"method.{page_key}", **fields)
    if catalogue.has(f"method.{page_key}.costs") and not costs_hidden():
        text = f"{text.rstrip()}\n\n{t(f'method.{page_key}.costs')}"
    with st.expander(t("methodology"), icon=":material/menu_book:"):
        st.markdown(text)
