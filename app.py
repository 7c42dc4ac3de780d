"""Sillage dashboard entry point: ``sillage serve`` runs ``streamlit run app.py``.

The database file comes from ``SILLAGE_DB`` (set by ``sillage serve``), else the documented
default. Pages are listed explicitly; each opens the database only for the length of a read.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from ui.access import gate, shared_view_banner, sign_out_button
from ui.demo import ensure_demo
from ui.export import export_controls
from ui.i18n import drop_zone_words, language_switch, t
from ui.scope import OutOfScope, shared_session
from ui.shell import app_started, restore_query_params, save_query_params

st.set_page_config(page_title="Sillage", page_icon=":material/waves:", layout="wide")

# The built-in table download writes cells as they are; tables offer a neutralised CSV instead.
st.set_option("client.disableDataExport", True)
# No "Deploy" button or developer options: this is a product, not a script being written.
st.set_option("client.toolbarMode", "viewer")

ROOT = Path(__file__).resolve().parent

# (file, icon, url path), in the navigation's order (README, What is in the dashboard). Each
# url path is its file's name: Streamlit resolves a server's very first request by file name.
# A page's title is "page.<url path>" in the catalogue.
PAGE_TABLE = (
    ("pages/home.py", ":material/home:", "home"),
    ("pages/upload.py", ":material/upload_file:", "upload"),
    ("pages/overview.py", ":material/dashboard:", "overview"),
    ("pages/perception.py", ":material/sentiment_satisfied:", "perception"),
    ("pages/consideration.py", ":material/shopping_cart:", "consideration"),
    ("pages/recall.py", ":material/psychology:", "recall"),
    ("pages/repeat_exposure.py", ":material/repeat:", "repeat_exposure"),
    ("pages/creators.py", ":material/groups:", "creators"),
    ("pages/compare.py", ":material/timeline:", "compare"),
    ("pages/long_term.py", ":material/hourglass_bottom:", "long_term"),
    ("pages/disclosure.py", ":material/verified:", "disclosure"),
    ("pages/share_links.py", ":material/share:", "share_links"),
    ("pages/settings.py", ":material/settings:", "settings"),
)
ADMIN_ONLY = {"home", "upload", "share_links", "settings"}

log = logging.getLogger("sillage.app")


def client_failure() -> None:
    """A client sees one plain sentence, never a traceback, path, program or process id."""
    log.exception("A page under a share link failed")
    st.error(t("share.error"))


restore_query_params()
language_switch()
drop_zone_words()
try:
    viewer = gate(tuple(row[2] for row in PAGE_TABLE))
except Exception:
    if st.query_params.get("share") is None and not shared_session():
        raise
    client_failure()
    st.stop()
scope = viewer.scope
if viewer.is_admin:
    ensure_demo()
    sign_out_button()
else:
    shared_view_banner(scope)
visible = [
    row
    for row in PAGE_TABLE
    if (ROOT / row[0]).exists()
    and (viewer.is_admin or (row[2] not in ADMIN_ONLY and row[2] in scope.sections))
]
# A client has no home page listing every client: the link's first section opens first.
opening = "home" if viewer.is_admin else visible[0][2]
PAGES = [
    st.Page(path, title=t(f"page.{url}"), icon=icon, url_path=url, default=(url == opening))
    for path, icon, url in visible
]

app_started()
try:
    # Every page listed: a folded list shows Streamlit's own "View n more", in English only.
    page = st.navigation(PAGES, expanded=True)
    # Records what the page shows; offers it as PDF/PNG only when the page ran to its end.
    with export_controls(page):
        page.run()
except OutOfScope:
    st.error(t("share.out_of_scope"))
except Exception:
    if viewer.is_admin:
        raise
    # A client sees no traceback: it could name files, campaigns or other clients.
    client_failure()
finally:
    save_query_params()
