"""Survey waves at upload: a wave column (EN and FR headers), a survey date, a whole file stamped
with ``--wave``, and re-uploads that never double a row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import Assignment, ingest_path
from ingest.waves import parse_wave, stamp_error
from metrics import brand_lift
from store.db import connect

SILLAGE = str(Path(sys.executable).with_name("sillage"))


@pytest.mark.parametrize(
    ("text", "label", "kind", "week"),
    [
        ("Pre-launch", "pre", "pre", None),
        ("Pré-lancement", "pre", "pre", None),
        ("In flight", "in_flight", "in_flight", None),
        ("Post", "post", "post", 0.0),
        ("Post-campagne", "post", "post", 0.0),
        ("+4 weeks", "+4w", "offset", 4.0),
        ("4 weeks after", "+4w", "offset", 4.0),
        ("4 semaines après", "+4w", "offset", 4.0),
        ("+8 semaines", "+8w", "offset", 8.0),
        ("W+12", "+12w", "offset", 12.0),
        ("S+12", "+12w", "offset", 12.0),
        ("post +4w", "+4w", "offset", 4.0),
        ("2 weeks before", "-2w", "offset", -2.0),
        ("+0 weeks", "post", "post", 0.0),
        ("+14 days", "+2w", "offset", 2.0),
        ("2026-01-18", "2026-01-18", "date", None),
        ("Wave B", "Wave B", "unread", None),
    ],
)
def test_wave_labels_read_in_english_and_french(text, label, kind, week):
    wave = parse_wave(text)
    assert (wave.label, wave.kind, wave.week) == (label, kind, week)


def test_a_blank_wave_is_no_wave_and_a_stamp_must_name_a_time():
    assert parse_wave("  ") is None
    assert stamp_error("+4 weeks") is None
    assert "not a time Sillage reads" in stamp_error("Wave B")
    assert "empty" in stamp_error("")


def _campaign(db_path: Path, start: str = "2026-01-05", end: str = "2026-02-01") -> None:
    """The client and campaign the surveys belong to, with its dates (4 weeks)."""
    with connect(db_path) as connection:
        connection.execute("INSERT INTO clients (name) VALUES ('Maison Lune')")
        connection.execute(
            "INSERT INTO campaigns (campaign_id, client_id, name, start_date, end_date) "
            "SELECT 'hiver', client_id, 'Hiver', ?, ? FROM clients",
            [start, end],
        )


def _load(db_path: Path, tmp_path: Path, text: str, assignment: Assignment | None = None):
    """The survey ``text`` written to a file and ingested (with ``assignment`` when given)."""
    path = tmp_path / "survey.csv"
    path.write_text(text, encoding="utf-8")
    return ingest_path(db_path, path, assignment)


def _rows(db_path: Path, sql: str) -> list[tuple]:
    with connect(db_path, read_only=True) as connection:
        return connection.execute(sql).fetchall()


LONG_EN = (
    "Campaign,Respondent ID,Group,Question,Positive,Wave\n"
    "hiver,r1,exposed,preference,1,Pre-launch\n"
    "hiver,r1,exposed,preference,1,Post\n"
    "hiver,r1,exposed,preference,0,+4 weeks\n"
    "hiver,r2,control,preference,0,Pre-launch\n"
    "hiver,r2,control,preference,1,Post\n"
    "hiver,r2,control,preference,0,+4 weeks\n"
    "hiver,r3,exposed,Top of mind,1,Post\n"
)


def test_a_wave_column_in_english_keys_each_answer_and_places_it_in_weeks(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path)
    result = _load(db_path, tmp_path, LONG_EN)
    assert result.format == "survey_responses"
    # The same respondent answers in three waves: three rows, none merged into another.
    assert (result.rows_read, result.rows_loaded, result.rows_merged) == (7, 7, 0)
    stored = _rows(
        db_path,
        "SELECT respondent_id, question, wave, wave_week FROM survey_responses "
        "ORDER BY respondent_id, wave_week",
    )
    # Start 5 January, end 1 February: the pre-launch wave stands 27 days = 27/7 weeks before.
    assert stored == [
        ("r1", "preference", "pre", pytest.approx(-27 / 7)),
        ("r1", "preference", "post", 0.0),
        ("r1", "preference", "+4w", 4.0),
        ("r2", "preference", "pre", pytest.approx(-27 / 7)),
        ("r2", "preference", "post", 0.0),
        ("r2", "preference", "+4w", 4.0),
        ("r3", "top_of_mind", "post", 0.0),
    ]
    # Uploaded again: replaced on (campaign, respondent, question, wave), never doubled.
    again = _load(db_path, tmp_path, LONG_EN)
    assert again.rows_loaded == 7
    assert _rows(db_path, "SELECT count(*) FROM survey_responses") == [(7,)]


def test_the_campaign_lift_reads_its_post_wave_not_the_pre_launch_or_later_ones(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path)
    _load(db_path, tmp_path, LONG_EN)
    with connect(db_path, read_only=True) as connection:
        counts = brand_lift.question_counts(connection, "hiver")["preference"]
    # Post wave only: r1 exposed positive, r2 control positive.
    assert (counts.exposed.answers, counts.exposed.positive) == (1, 1.0)
    assert (counts.control.answers, counts.control.positive) == (1, 1.0)


WIDE_FR = (
    "Campagne;Identifiant du répondant;Groupe;Vague;Date de l'enquête;preference_oui;preference_non\n"
    "hiver;p1;exposé;Post-campagne;;1;0\n"
    "hiver;p1;exposé;8 semaines après;;0;1\n"
    "hiver;p2;témoin;;2026-03-01;0;1\n"
    "hiver;p3;témoin;;2025-12-20;1;0\n"
)


def test_a_french_vague_column_and_survey_date_in_a_one_row_per_respondent_file(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path)
    result = _load(db_path, tmp_path, WIDE_FR)
    assert result.format == "survey_respondents"
    assert (result.rows_read, result.rows_loaded, result.rows_merged) == (4, 4, 0)
    stored = _rows(
        db_path,
        "SELECT respondent_id, wave, wave_week FROM survey_responses ORDER BY respondent_id, wave",
    )
    # 1 March is 28 days after the end: four weeks; 20 December is before the start.
    assert stored == [
        ("p1", "+8w", 8.0),
        ("p1", "post", 0.0),
        ("p2", "+4w", 4.0),
        ("p3", "pre", pytest.approx(-43 / 7)),
    ]


ONE_WAVE = (
    "Campaign,Respondent ID,Group,Question,Positive\n"
    "hiver,r1,exposed,repurchase intent,1\n"
    "hiver,r2,control,repurchase intent,0\n"
)


def test_a_file_stamped_with_a_wave_keeps_the_same_respondents_of_another_wave(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path)
    for wave in ("post", "+4 weeks", "+4 weeks"):  # the last again: replaced, not doubled
        _load(db_path, tmp_path, ONE_WAVE, Assignment(wave=wave))
    assert _rows(
        db_path,
        "SELECT wave, wave_week, count(*) FROM survey_responses GROUP BY ALL ORDER BY wave_week",
    ) == [("post", 0.0, 2), ("+4w", 4.0, 2)]
    assert _rows(db_path, "SELECT DISTINCT question FROM survey_responses") == [
        ("repurchase_intent",)
    ]


def test_a_stamp_overrides_the_wave_column_and_an_unread_label_is_kept_with_a_note(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path)
    text = LONG_EN.replace("+4 weeks", "Wave B")
    result = _load(db_path, tmp_path, text)
    assert any("Wave B" in note for note in result.notes)
    assert ("Wave B", None) in _rows(
        db_path, "SELECT DISTINCT wave, wave_week FROM survey_responses"
    )
    stamped = _load(db_path, tmp_path, text, Assignment(wave="+12 weeks"))
    assert stamped.rows_merged == 4  # every wave of a respondent becomes one stamped answer
    assert _rows(
        db_path, "SELECT count(*) FROM survey_responses WHERE wave = '+12w' AND wave_week = 12"
    ) == [(3,)]


AGGREGATED = (
    "Campaign,Question,Group,Respondents,Positive responses,Wave\n"
    "hiver,preference,exposed,400,160,Post\n"
    "hiver,preference,control,400,120,Post\n"
    "hiver,preference,exposed,400,140,+4 weeks\n"
    "hiver,preference,control,400,120,+4 weeks\n"
)


def test_aggregated_results_carry_their_wave(db_path: Path, tmp_path: Path):
    _campaign(db_path)
    _load(db_path, tmp_path, AGGREGATED)
    _load(db_path, tmp_path, AGGREGATED)
    assert _rows(
        db_path,
        'SELECT wave, wave_week, "group", respondents FROM survey_results ORDER BY wave_week, "group"',
    ) == [
        ("post", 0.0, "control", 400),
        ("post", 0.0, "exposed", 400),
        ("+4w", 4.0, "control", 400),
        ("+4w", 4.0, "exposed", 400),
    ]


def test_sillage_ingest_wave_stamps_the_file_and_refuses_a_label_that_is_no_time(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path)
    path = tmp_path / "one_wave.csv"
    path.write_text(ONE_WAVE, encoding="utf-8")
    command = [SILLAGE, "ingest", "--db", str(db_path), str(path)]
    done = subprocess.run(
        [*command, "--wave", "+8 weeks"], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0])["rows_loaded"] == 2
    assert _rows(db_path, "SELECT DISTINCT wave, wave_week FROM survey_responses") == [("+8w", 8.0)]
    refused = subprocess.run(
        [*command, "--wave", "later"], capture_output=True, text=True, check=False, timeout=120
    )
    assert refused.returncode == 2
    assert "--wave: the wave 'later' is not a time Sillage reads" in refused.stderr


def test_the_upload_pages_wave_box_stamps_the_file_and_names_a_wave_it_cannot_read():
    from ui.upload import Destination, resolve

    picked = Destination("Maison Lune", "", "hiver", "", wave=" +4 weeks ")
    assert resolve(picked).assignment.wave == "+4 weeks"
    assert resolve(Destination("Maison Lune", "", "hiver", "")).assignment.wave is None
    refused = resolve(Destination("Maison Lune", "", "hiver", "", wave="Vague B"))
    assert refused.assignment is None
    (conflict,) = refused.conflicts
    assert conflict.code == "up.wave_unread"
    assert "“Vague B” is not a time Sillage reads" in conflict
    assert "« Vague B » n'est pas un moment" in conflict.render("fr")
