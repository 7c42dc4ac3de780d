from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from store.db import connect

# AppTest runs the app with no server; as far as the admin password goes it is a local one
# (tests of the sign-in set SILLAGE_REQUIRE_PASSWORD).
streamlit_config.set_option("server.address", "localhost")

DATA = Path(__file__).parent / "data"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh, migrated database file for one test."""
    path = tmp_path / "sillage.duckdb"
    with connect(path):
        pass
    return path


@pytest.fixture
def connection(db_path: Path):
    with connect(db_path) as conn:
        yield conn
