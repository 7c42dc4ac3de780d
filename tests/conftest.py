from __future__ import annotations

from pathlib import Path

import pytest

from store.db import connect

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
