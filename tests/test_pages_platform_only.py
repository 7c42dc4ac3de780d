"""Every page on a platform-only campaign (real-shaped YouTube, TikTok and Instagram exports, no
survey, exposure log or comments) and on a survey-only campaign, in English and French.

No page raises; no text or table cell reads "None", "nan" or "NaT"; every page shows a headline
number; no chart is drawn without data; the Overview leads with the posts' performance.
"""

from __future__ import annotations

import json
import math
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest import Assignment, ingest_path
from store.db import connect
from tests.apptables import merged_tables

ROOT = Path(__file__).resolve().parents[1]
FORMATS = Path(__file__).parent / "data" / "formats"
TIMEOUT = 120
PAGES = (
    "home",
    "overview",
    "perception",
    "consideration",
    "recall",
    "repeat_exposure",
    "creators",
    "compare",
    "disclosure",
)
NO_HEADLINE_YET = {("survey", "disclosure")}
"""Pages that still show no number for a kind of campaign (Disclosure has no posts to judge)."""

MISSING = re.compile(r"\b(None|nan|NaN|NaT)\b")
KINDS = {
    "platform": (
        "spring-run",
        "Stride",
        ("youtube_table__en.csv", "tiktok_videos__en.csv", "instagram_content__en.csv"),
    ),
    "survey": ("lift-only", "Brand", ("survey_responses__en.csv",)),
}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = {}
    for kind, (campaign, client, files) in KINDS.items():
        path = tmp_path_factory.mktemp(kind) / "sillage.duckdb"
        with connect(path):
            pass
        for name in files:
            result = ingest_path(
                path, FORMATS / name, Assignment(campaign_id=campaign, client_name=client)
            )
            assert result.loaded, name
        paths[kind] = path
    return paths


@pytest.fixture
def no_demo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The sample-data loader stubbed out, so the databases keep only what the test loaded."""
    loader = types.ModuleType("sample_data.loader")
    loader.load_demo = lambda db_path: []  # type: ignore[attr-defined]
    loader.demo_loaded = lambda db_path: True  # type: ignore[attr-defined]
    loader.read_manifest = lambda: {"campaigns": []}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sample_data.loader", loader)
    yield


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    shown = []
    for kind in (
        "title",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "success",
        "error",
    ):
        shown += [str(element.value) for element in getattr(at, kind)]
    for metric in at.metric:
        shown += [metric.label, metric.value, metric.proto.help]
    return shown


def missing_cells(at: AppTest) -> list[str]:
    found = []
    for frame in at.dataframe:
        table = frame.value
        for column in table.columns:
            if MISSING.fullmatch(str(column)):
                found.append(f"column {column!r}")
            for value in table[column]:
                gone = value is None or (isinstance(value, float) and math.isnan(value))
                if gone or str(value) in ("None", "nan", "NaN", "NaT", "<NA>"):
                    found.append(f"{column}: {value!r}")
    return found


def has_values(values: object) -> bool:
    if isinstance(values, dict):  # plotly's binary encoding of an array
        return bool(values.get("bdata"))
    if isinstance(values, list):
        return any(v is not None for v in values)
    return False


def empty_traces(at: AppTest) -> list[str]:
    empty = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        traces = spec.get("data", [])
        if not traces:
            empty.append("a chart without traces")
        for trace in traces:
            if not (has_values(trace.get("x")) or has_values(trace.get("y"))):
                empty.append(f"{trace.get('type')} trace {trace.get('name')!r}")
    return empty


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", ["platform", "survey"])
@pytest.mark.parametrize("page", PAGES)
def test_page_says_what_it_can(
    databases: dict[str, Path],
    no_demo: None,
    monkeypatch: pytest.MonkeyPatch,
    page: str,
    kind: str,
    lang: str,
) -> None:
    monkeypatch.setenv("SILLAGE_DB", str(databases[kind]))
    campaign = KINDS[kind][0]
    at = open_page(page, campaign=campaign, lang=lang)
    words = [text for text in texts(at) if MISSING.search(text)]
    assert not words, words
    assert not missing_cells(at), missing_cells(at)
    assert not empty_traces(at), empty_traces(at)
    if (kind, page) not in NO_HEADLINE_YET:
        numbers = [m.value for m in at.metric if m.value and m.value != "—"]
        assert numbers, f"{page}: no headline number"


def test_overview_leads_with_performance(databases: dict[str, Path], no_demo: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("SILLAGE_DB", str(databases["platform"]))
    at = open_page("overview", campaign="spring-run")
    headings = [s.value for s in at.subheader]
    assert headings[0] == "Performance of the posts"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Views"] == "475,971,547"
    assert metrics["Engagements"] == "2,431,648"
    assert metrics["Engagement rate by views"] == "0.51%"
    assert metrics["Engagement rate by reach"] == "9.16%"
    provenance = {m.label: m.proto.delta for m in at.metric}
    assert provenance["Views"] == "summed across 7 posts"
    assert len(at.get("plotly_chart")) == 2
    tables = merged_tables(at)
    posts = tables[0]
    assert len(posts) == 7
    assert "https://www.youtube.com/watch?v=-xYz_123abc" in set(posts["Link"])
    creators = tables[1]
    assert set(creators["Creator"]) == {"YouTube channel", "@stride.lab.run", "@tom.runs"}
    assert "Load the platform exports" not in " ".join(s.value for s in at.info)


def test_overview_in_french(databases: dict[str, Path], no_demo: None,
                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("SILLAGE_DB", str(databases["platform"]))
    at = open_page("overview", campaign="spring-run", lang="fr")
    assert at.subheader[0].value == "Performance des publications"
    metrics = {m.label: m.value.replace("\u202f", " ") for m in at.metric}
    assert metrics["Vues"] == "475 971 547"
    assert "Taux d'engagement sur les vues" in metrics


def test_survey_only_overview_asks_for_posts(databases: dict[str, Path], no_demo: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("SILLAGE_DB", str(databases["survey"]))
    at = open_page("overview", campaign="lift-only")
    assert any("Load the platform exports" in s.value for s in at.info)
    assert "Performance of the posts" not in [s.value for s in at.subheader]
