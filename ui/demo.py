"""The bundled sample data: loaded once on a fresh install so the dashboard opens on something."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import streamlit as st

from store.uploads import clients_with_campaigns, has_uploads
from ui import data
from ui.formatting import md

logger = logging.getLogger(__name__)

MISSING_LOADER = (
    "The bundled sample data is not part of this installation (module sample_data.loader not "
    "found), so Sillage starts empty: upload your exports on the Upload page."
)


@dataclass
class _FirstStart:
    lock: threading.Lock = field(default_factory=threading.Lock)
    checked: set[str] = field(default_factory=set)


@st.cache_resource(show_spinner=False)
def _first_start() -> _FirstStart:
    # One per server process: sessions opening at the same time load the demo once.
    return _FirstStart()


def ensure_demo() -> None:
    """On the first run of this process, load the demo when the database never had an upload."""
    store = data.store()
    state = _first_start()
    key = store.name
    if key in state.checked:
        return
    with state.lock:
        if key in state.checked:
            return
        had_uploads = data.read(has_uploads)  # stops the run if the file is busy: retried later
        state.checked.add(key)
        if had_uploads:
            return
        try:
            from sample_data.loader import demo_loaded, load_demo
        except ModuleNotFoundError as error:
            if error.name not in ("sample_data", "sample_data.loader"):
                raise
            logger.warning("sample_data.loader is missing; starting on an empty database")
            st.toast(MISSING_LOADER, icon=":material/info:")
            return
        if demo_loaded(store):
            return
        with st.spinner("First start: loading the bundled sample data…"):
            try:
                results = load_demo(store)
            except Exception as error:  # the dashboard must open even if the demo is broken
                logger.exception("loading the sample data failed")
                st.error(
                    f"The bundled sample data could not be loaded ({md(error)}). Sillage starts "
                    "empty."
                )
                return
        refused = [r for r in results if not r.loaded]
        if refused:
            st.warning(
                "Part of the sample data was not loaded: "
                + "; ".join(md(r.refused or r.file) for r in refused)
            )


def demo_clients() -> list[str]:
    """The bundled sample data's clients that are in the database (empty without the demo)."""
    try:
        from sample_data.loader import read_manifest
    except ImportError:
        return []
    try:
        campaigns = read_manifest()["campaigns"]
        pairs = [(c["client"], c["name"]) for c in campaigns]
    except (OSError, KeyError, TypeError, ValueError):  # an unreadable manifest: no notice
        logger.warning("could not read the sample data manifest", exc_info=True)
        return []
    return data.read(clients_with_campaigns, pairs)
