"""The Methodology expander that ends each report page: how its numbers are computed.

The text of a page is the catalogue's ``method.<page_key>`` (Markdown, in the reader's
language); the expander's title is the shared ``methodology`` key.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.i18n import t


def methodology(page_key: str, **fields: Any) -> None:
    """A collapsed expander with the page's methodology text, read from ``method.<page_key>``.

    ``fields`` fill the text's own fields (Compare names its benchmark).
    """
    with st.expander(t("methodology"), icon=":material/menu_book:"):
        st.markdown(t(f"method.{page_key}", **fields))
