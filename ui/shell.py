"""What every page needs from ``app.py``, even when Streamlit runs a page without it.

Streamlit still has its older multipage mode for apps with a ``pages/`` folder: until the entry
script has called ``st.navigation`` once in the server process, a first request for ``/upload``
runs ``pages/upload.py`` on its own — no page config, no sample data, and a sidebar listing the
files ("app", "home", "upload"). A page calls ``require_app()`` first: in that case it runs
``app.py`` instead, whose navigation then runs the requested page.
"""

from __future__ import annotations

import runpy
import threading
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

APP = Path(__file__).resolve().parents[1] / "app.py"

_app_ran = threading.Event()


def app_started() -> None:
    """Called by ``app.py`` before ``st.navigation``: from now on pages run under it."""
    _app_ran.set()


def require_app() -> None:
    """Run ``app.py`` when Streamlit started this page without it, then end this run."""
    if _app_ran.is_set():
        return
    ctx = get_script_run_ctx()
    if ctx is None or Path(ctx.main_script_path).resolve() != APP:
        return  # the page runs as its own script (AppTest.from_file on the page)
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()


_SAVED_PARAMS = "sillage.query_params"


def restore_query_params() -> None:
    """Carry the view's URL parameters (language, filters) across a switch of page.

    Streamlit clears ``st.query_params`` when the navigation changes page; the parameters of the
    last run are kept in the session and put back when a run starts with none.
    """
    saved = st.session_state.get(_SAVED_PARAMS)
    if saved and not st.query_params:
        st.query_params.from_dict(saved)


def save_query_params() -> None:
    st.session_state[_SAVED_PARAMS] = st.query_params.to_dict()


def admin_link(page: str, label: str, icon: str) -> None:
    """A link to an admin page (upload, share links), left out of a client's shared view."""
    from ui.scope import current_scope, shared_session

    if current_scope() is None and not shared_session():
        st.page_link(page, label=label, icon=icon)
