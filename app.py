"""Sillage dashboard entry point: ``sillage serve`` runs ``streamlit run app.py``.

The database file comes from ``SILLAGE_DB`` (set by ``sillage serve``), else the documented
default. Pages are listed explicitly; each opens the database only for the length of a read.
"""

from __future__ import annotations

import streamlit as st

from ui.demo import ensure_demo
from ui.shell import app_started

st.set_page_config(page_title="Sillage", page_icon=":material/waves:", layout="wide")

# The built-in table download writes cells as they are; tables offer a neutralised CSV instead.
st.set_option("client.disableDataExport", True)
# No "Deploy" button or developer options: this is a product, not a script being written.
st.set_option("client.toolbarMode", "viewer")

ensure_demo()

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", url_path="home", default=True),
    st.Page("pages/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"),
]

app_started()
st.navigation(PAGES).run()
