"""Honest accounting: every row read is loaded, rejected, skipped (with why) or merged.

Checked on every fixture of tests/data/formats and tests/data/shapes, with the counts kept in
``uploads``; every row an upload writes carries its ``upload_id``; no export is loaded as
nulls or under a made-up account.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from pathlib import Path

import pytest

from ingest import Assignment, ingest_path
from ingest.mapping import Mapping
from store.db import connect

DATA = Path(__file__).parent / "data"
FORMATS = sorted((DATA / "formats").glob("*.csv"))
SHAPES = sorted((DATA / "shapes").glob("*.csv"))
ASSIGNMENT = Assignment(
    campaign_id="Test Campaign",
    client_name="Test Client",
    creator_handle="tester",
    as_of=dt.date(2026, 10, 2),
)
# Tables an upload writes rows of, each row with the upload's id.
FACT_TABLES = (
    "posts",
    "post_metrics",
    "account_metrics",
    "ad_delivery",
    "survey_responses",
    "survey_results",
    "exposures",
    "comments",
)


def load(db_path: Path, path: Path, assignment: Assignment = ASSIGNMENT):
    mapping_file = path.with_suffix(".map.json")
    mapping = None
    if mapping_file.exists():
        mapping = Mapping.from_json(json.loads(mapping_file.read_text(encoding="utf-8")))
    return ingest_path(db_path, path, assignment, mapping=mapping)


def assert_accounted(result) -> None:
    assert result.refused is None, result.refused
    parts = result.rows_loaded + result.rows_rejected + result.rows_skipped + result.rows_merged
    assert result.rows_read == parts, result
    assert min(result.rows_loaded, result.rows_rejected, result.rows_merged) >= 0
    assert sum(result.skipped_reasons.values()) == result.rows_skipped
    payload = result.as_json()
    for key in ("rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rows_merged"):
        assert payload[key] == getattr(result, key)
    assert payload["skipped_reasons"] == result.skipped_reasons
    assert payload["columns_unused"] == result.columns_unused


@pytest.mark.parametrize("path", FORMATS + SHAPES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_row_read_is_accounted_for(db_path: Path, path: Path):
    result = load(db_path, path, Assignment(client_name="Test Client", creator_handle="tester"))
    if result.refused and "does not exist yet" not in result.refused:
        result = load(db_path, path)
    if result.refused:  # a survey with no campaign column needs one named
        result = load(db_path, path)
    assert_accounted(result)
    with connect(db_path, read_only=True) as connection:
        stored = connection.execute(
            "SELECT rows_read, rows_loaded, rows_rejected, rows_skipped, rows_merged, "
            "skipped_reasons, columns_unused FROM uploads WHERE upload_id = ?",
            [result.upload_id],
        ).fetchone()
        for table in FACT_TABLES:
            unmarked = connection.execute(
                f"SELECT count(*) FROM {table} WHERE upload_id IS NULL"
            ).fetchone()[0]
            assert unmarked == 0, table
            written = connection.execute(
                f"SELECT count(*) FROM {table} WHERE upload_id = ?", [result.upload_id]
            ).fetchone()[0]
            total = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert written == total, table
    assert stored[:5] == (
        result.rows_read,
        result.rows_loaded,
        result.rows_rejected,
        result.rows_skipped,
        result.rows_merged,
    )
    assert json.loads(stored[5]) == result.skipped_reasons
    assert json.loads(stored[6]) == result.columns_unused


def test_youtube_totals_row_and_unused_columns_are_named(db_path: Path):
    result = load(db_path, DATA / "formats" / "youtube_table__en.csv")
    assert result.skipped_reasons == {"totals row": 1}
    assert result.as_json()["rows_skipped"] == 1


def test_respondents_with_no_answer_are_skipped_and_named(db_path: Path):
    result = load(db_path, DATA / "shapes" / "vendor_onehot.csv", Assignment(client_name="C"))
    assert (result.rows_read, result.rows_loaded, result.rows_skipped) == (30, 24, 6)
    assert result.skipped_reasons == {"respondent with no answer": 6}
    with connect(db_path, read_only=True) as connection:
        respondents = connection.execute(
            "SELECT count(DISTINCT respondent_id) FROM survey_responses"
        ).fetchone()[0]
    assert respondents == result.rows_loaded


def test_respondents_answering_nothing_in_a_detected_file_are_skipped(db_path: Path):
    path = DATA / "formats" / "survey_respondents__en.csv"
    result = ingest_path(db_path, path, ASSIGNMENT)
    # u1..u4 all answered something; a fifth respondent with 0/0 flags everywhere is skipped.
    assert (result.rows_loaded, result.rows_skipped) == (4, 0)
    extra = db_path.parent / "respondents.csv"
    extra.write_text(path.read_text() + "u5,exposed,1,0,0,0,0\n")
    result = ingest_path(db_path, extra, ASSIGNMENT)
    assert (result.rows_read, result.rows_loaded, result.rows_skipped) == (5, 4, 1)
    assert result.skipped_reasons == {"respondent with no answer": 1}


def test_unknown_groups_of_respondents_are_rejected_and_counted(db_path: Path):
    path = db_path.parent / "martians.csv"
    path.write_text(
        "respondent_id,experiment,ad_recall_yes,ad_recall_no\n"
        "r1,exposed,1,0\nr2,martians,1,0\nr3,control,0,1\n"
    )
    result = ingest_path(db_path, path, ASSIGNMENT)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 2, 1)
    # The row is rejected where it is, with its line and column.
    (error,) = result.errors
    assert (error.line, error.column) == (3, "experiment")
    assert error.reason.startswith("group 'martians' is neither exposed nor control")


def test_results_whose_count_is_headed_positive_are_never_loaded_as_nulls(db_path: Path):
    path = DATA / "shapes" / "results_positive.csv"
    result = ingest_path(db_path, path, ASSIGNMENT)
    assert result.needs_mapping and result.rows_loaded == 0
    assert "no column gives positive_count or positive_rate" in result.refused
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM survey_results").fetchone() == (0,)
    # A mapping that still gives neither number is refused too.
    bare = Mapping(
        format="survey_results",
        fields={"question": "question", "group": "group", "respondents": "respondents"},
    )
    refused = ingest_path(db_path, path, ASSIGNMENT, mapping=bare)
    assert refused.refused.endswith("required fields unmapped: positive_count or positive_rate")


def test_an_account_export_names_its_account_or_is_refused(db_path: Path):
    overview = DATA / "formats" / "tiktok_overview__en.csv"
    refused = ingest_path(db_path, overview, Assignment(client_name="Test Client"))
    assert refused.refused == (
        "tiktok_overview__en.csv: this export does not say which account it is about: name the "
        "account's handle (--creator HANDLE)"
    )
    ingest_path(db_path, overview, Assignment(creator_handle="lea"))
    ingest_path(db_path, overview, Assignment(creator_handle="tom"))
    with connect(db_path, read_only=True) as connection:
        accounts = connection.execute(
            "SELECT account, count(*) FROM account_metrics GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    assert accounts == [("lea", 2), ("tom", 2)]


def test_posts_carry_the_latest_upload_that_wrote_them(db_path: Path):
    path = DATA / "formats" / "tiktok_videos__en.csv"
    first = ingest_path(db_path, path, ASSIGNMENT)
    second = ingest_path(db_path, path, ASSIGNMENT)
    with connect(db_path, read_only=True) as connection:
        uploads = connection.execute("SELECT DISTINCT upload_id FROM posts").fetchall()
    assert first.upload_id != second.upload_id
    assert uploads == [(second.upload_id,)]


def test_campaign_dates_come_from_posts_unless_already_set(db_path: Path):
    path = DATA / "formats" / "tiktok_videos__en.csv"
    ingest_path(db_path, path, ASSIGNMENT)
    with connect(db_path) as connection:
        dates = connection.execute(
            "SELECT start_date, end_date FROM campaigns WHERE campaign_id = 'test-campaign'"
        ).fetchone()
        assert dates == (dt.date(2026, 9, 15), dt.date(2026, 9, 28))
        connection.execute(
            "UPDATE campaigns SET start_date = DATE '2026-09-01', end_date = DATE '2026-09-30'"
        )
    later = db_path.parent / "later.csv"
    later.write_text(
        path.read_text().replace("2026-09-28 20:10", "2026-10-20 20:10"), encoding="utf-8"
    )
    ingest_path(db_path, later, ASSIGNMENT)
    with connect(db_path, read_only=True) as connection:
        kept = connection.execute("SELECT start_date, end_date FROM campaigns").fetchone()
    assert kept == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


def test_the_sponsorship_rule_runs_inside_the_load(db_path: Path, monkeypatch):
    calls = []
    module = types.ModuleType("store.sponsorship")

    def apply_rule(connection, rule, upload_id):
        posts = connection.execute(
            "SELECT count(*) FROM posts WHERE upload_id = ?", [upload_id]
        ).fetchone()[0]
        calls.append((rule, upload_id, posts))

    module.apply_rule = apply_rule
    monkeypatch.setitem(sys.modules, "store.sponsorship", module)
    import store

    monkeypatch.setattr(store, "sponsorship", module, raising=False)
    assignment = Assignment(
        campaign_id="Test Campaign", client_name="Test Client", sponsored="paid_label"
    )
    result = ingest_path(db_path, DATA / "formats" / "tiktok_videos__en.csv", assignment)
    assert calls == [("paid_label", result.upload_id, 3)]
