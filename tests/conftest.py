from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample data, loaded once per test session."""
    from sample_data.loader import load_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.duckdb"
    assert all(result.loaded for result in load_demo(path))
    return path


@pytest.fixture(scope="module")
def demo_db(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database (and its raw-file archive) for one test module."""
    path = tmp_path_factory.mktemp("demo") / _demo_template.name
    shutil.copyfile(_demo_template, path)
    archive = _demo_template.with_name(_demo_template.name + ".files")
    if archive.exists():
        shutil.copytree(archive, path.with_name(path.name + ".files"))
    return path


@pytest.fixture
def demo(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module's demo database, as the app's ``SILLAGE_DB``."""
    monkeypatch.setenv("SILLAGE_DB", str(demo_db))
    return demo_db
