"""The compare page run by Streamlit's AppTest on the demo database and on an empty one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics import compare
from store.db import connect
from tests.apptables import merged_tables

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "compare.py")
TIMEOUT = 60
PICKED = ("spring-run-2025", "trail-series-2026", "ete-gourmand-2025")


def run(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def test_renders_the_latest_campaigns_by_default(demo: Path):
    at = run()
    assert not at.exception
    assert len(at.multiselect[0].value) == 3  # the latest three launches
    assert len(at.get("plotly_chart")) == 3


def test_campaigns_from_the_url_are_shown_and_numbers_match_the_metrics(demo: Path):
    at = run(campaign=",".join(PICKED), metric="cpm")
    assert not at.exception
    assert at.multiselect[0].value == list(PICKED)
    assert at.selectbox[0].value == "cpm"
    with connect(demo) as connection:
        expected = compare.compare(connection, "cpm", PICKED)
    tables = merged_tables(at)
    totals = tables[0]
    assert totals.iloc[:, 0].tolist() == expected.totals["name"].tolist()
    assert totals["CPM (cost per 1,000 impressions)"].tolist() == pytest.approx(
        [float(v) for v in expected.totals["value"]]
    )
    assert totals["Index"].tolist() == pytest.approx([float(v) for v in expected.totals["index"]])
    weekly = tables[1]
    assert len(weekly) == len(expected.series)
    assert at.query_params["campaign"] == ",".join(PICKED)


def test_changing_the_metric_updates_the_url(demo: Path):
    at = run(campaign=",".join(PICKED))
    at.selectbox[0].set_value("ad_recall_lift").run()
    assert not at.exception
    assert at.query_params["metric"] == "ad_recall_lift"
    totals = at.dataframe[0].value
    assert "Ad recall lift (points)" in totals.columns


def test_french(demo: Path):
    at = run(campaign=",".join(PICKED[:2]), lang="fr")
    assert not at.exception
    assert at.title[0].value == "Comparer dans le temps"
    assert at.multiselect[0].label == "Campagnes à comparer"
    assert "Indice" in at.dataframe[0].value.columns
    assert any("Médiane de tous les clients" in c.value for c in at.caption)


def test_one_campaign_is_set_beside_the_latest_launches(demo: Path):
    """A link from a campaign page names one campaign: Compare opens on it and the latest others."""
    at = run(campaign=PICKED[0])
    assert not at.exception
    chosen = at.multiselect[0].value
    assert chosen[0] == PICKED[0]
    assert len(chosen) == 3 and len(set(chosen)) == 3
    assert at.get("plotly_chart")
    # The headline: the median of every client's campaigns, then each chosen one with its index.
    labels = [m.label for m in at.metric]
    assert labels[0] == "All clients' median"
    assert len(at.metric) == 4


def test_none_chosen_asks_for_two(demo: Path):
    at = run(campaign=PICKED[0])
    at.multiselect[0].set_value([PICKED[0]]).run()
    assert not at.exception
    assert "at least two campaigns" in at.info[0].value


def test_empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SILLAGE_DB", str(tmp_path / "empty.duckdb"))
    at = run()
    assert not at.exception
    assert "No campaign yet" in at.info[0].value


def test_csv_of_totals_is_offered(demo: Path):
    at = run(campaign=",".join(PICKED))
    labels = [b.label for b in at.get("download_button")]
    assert len(labels) == 2
    assert isinstance(at.dataframe[0].value, pd.DataFrame)
