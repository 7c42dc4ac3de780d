"""A survey wave's week follows the campaign's dates as they now stand: when the dates are set or
changed (the campaign settings, sillage campaign, or a posts upload dating a campaign without
dates), the stored ``wave`` and ``wave_week`` are brought to them (store.campaigns.refresh_waves),
so the campaign's own lift, unaided recall and the Long-term page read the same placement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest import ingest_path
from metrics import brand_lift
from store import campaigns
from store.db import connect

SURVEY = (
    "Campaign,Respondent ID,Group,Question,Positive,Wave,Survey date\n"
    "hiver,r1,exposed,preference,1,Pre-launch,\n"
    "hiver,r2,exposed,preference,1,In flight,\n"
    "hiver,r3,exposed,preference,1,Post,\n"
    "hiver,r4,exposed,preference,1,+4 weeks,\n"
    "hiver,r5,control,preference,0,,2026-03-04\n"
    "hiver,r6,control,preference,1,,2025-12-20\n"
    "hiver,r7,control,preference,1,Wave B,2026-02-15\n"
)


def _campaign(db_path: Path, start: str | None, end: str | None) -> None:
    """The campaign ``hiver`` of Maison Lune, with its dates when given (before any survey)."""
    with connect(db_path) as connection:
        assert campaigns.ensure_campaign(connection, "Hiver", "Maison Lune") == "hiver"
        if start and end:
            campaigns.update_campaign(
                connection,
                "hiver",
                start_date=dt.date.fromisoformat(start),
                end_date=dt.date.fromisoformat(end),
            )


def _load(db_path: Path, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = ingest_path(db_path, path)
    assert result.rows_loaded > 0, result


def _waves(db_path: Path) -> dict[str, tuple[str, float | None]]:
    with connect(db_path, read_only=True) as connection:
        rows = connection.execute(
            "SELECT respondent_id, wave, wave_week FROM survey_responses"
        ).fetchall()
    return {r: (wave, week) for r, wave, week in rows}


def test_moving_the_campaigns_end_moves_dated_answers_and_the_pre_launch_wave(
    db_path: Path, tmp_path: Path
):
    # 5 January to 1 February 2026.
    _campaign(db_path, "2026-01-05", "2026-02-01")
    _load(db_path, tmp_path, "survey.csv", SURVEY)
    assert _waves(db_path) == {
        "r1": ("pre", pytest.approx(-27 / 7)),
        "r2": ("in_flight", pytest.approx(-27 / 14)),
        "r3": ("post", 0.0),
        "r4": ("+4w", 4.0),
        "r5": ("+4w", pytest.approx(31 / 7)),  # 4 March: 31 days after the end
        "r6": ("pre", pytest.approx(-43 / 7)),  # 20 December: before the start
        "r7": ("Wave B", pytest.approx(14 / 7)),  # 15 February
    }
    # The campaign really ended a week later, on 8 February.
    with connect(db_path) as connection:
        campaigns.update_campaign(connection, "hiver", end_date=dt.date(2026, 2, 8))
    assert _waves(db_path) == {
        "r1": ("pre", pytest.approx(-34 / 7)),  # the start, 34 days before the new end
        "r2": ("in_flight", pytest.approx(-34 / 14)),  # its middle
        "r3": ("post", 0.0),  # counted from whatever the end is
        "r4": ("+4w", 4.0),
        "r5": ("+4w", pytest.approx(24 / 7)),  # still 4 March: 24 days after 8 February
        "r6": ("pre", pytest.approx(-50 / 7)),
        "r7": ("Wave B", pytest.approx(7 / 7)),
    }
    # Changing something else changes no week.
    with connect(db_path) as connection:
        campaigns.update_campaign(connection, "hiver", budget=1000.0)
    assert _waves(db_path)["r5"] == ("+4w", pytest.approx(24 / 7))


DATED = (
    "Campaign,Respondent ID,Group,Question,Positive,Survey date\n"
    "hiver,e1,exposed,preference,1,2026-02-03\n"
    "hiver,e2,exposed,preference,0,2026-02-03\n"
    "hiver,c1,control,preference,0,2026-02-03\n"
    "hiver,c2,control,preference,0,2026-02-04\n"
    "hiver,e3,exposed,preference,0,2025-12-20\n"
    "hiver,c3,control,preference,1,2025-12-20\n"
    "hiver,c4,control,preference,1,2026-03-04\n"
)


def _preference_counts(db_path: Path) -> tuple[tuple[int, float], tuple[int, float]]:
    with connect(db_path, read_only=True) as connection:
        counts = brand_lift.question_counts(connection, "hiver")["preference"]
    return (
        (counts.exposed.answers, counts.exposed.positive),
        (counts.control.answers, counts.control.positive),
    )


def test_dates_set_after_the_survey_place_its_dated_answers_and_the_lift_reads_its_own(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path, None, None)
    _load(db_path, tmp_path, "survey.csv", DATED)
    # No dates yet: each answer keeps its date as its wave, not placed in time, so the
    # campaign's lift reads all of them, the pre-launch answers (e3, c3) and c4 included.
    assert _waves(db_path)["e3"] == ("2025-12-20", None)
    assert _preference_counts(db_path) == ((3, 1.0), (4, 2.0))
    with connect(db_path) as connection:
        campaigns.update_campaign(
            connection, "hiver", start_date=dt.date(2026, 1, 5), end_date=dt.date(2026, 2, 1)
        )
    waves = _waves(db_path)
    assert waves["e1"] == ("post", pytest.approx(2 / 7))
    assert waves["c2"] == ("post", pytest.approx(3 / 7))
    assert waves["e3"] == ("pre", pytest.approx(-43 / 7))
    assert waves["c4"] == ("+4w", pytest.approx(31 / 7))
    # Now the campaign's lift reads its post wave only: e1, e2 against c1, c2.
    assert _preference_counts(db_path) == ((2, 1.0), (2, 0.0))


POSTS = (
    "Campaign,Client,Platform,Creator,Post URL,Posted at,Views,Cost\n"
    "hiver,Maison Lune,instagram,@lune,https://www.instagram.com/p/A1/,2026-01-05,1000,100\n"
    "hiver,Maison Lune,instagram,@lune,https://www.instagram.com/p/A2/,2026-02-01,2000,100\n"
)


def test_a_posts_upload_that_dates_the_campaign_places_its_survey_waves(
    db_path: Path, tmp_path: Path
):
    _campaign(db_path, None, None)
    _load(db_path, tmp_path, "survey.csv", DATED)
    _load(db_path, tmp_path, "posts.csv", POSTS)
    with connect(db_path, read_only=True) as connection:
        dates = campaigns.campaign_dates(connection, "hiver")
    assert dates == (dt.date(2026, 1, 5), dt.date(2026, 2, 1))
    assert _waves(db_path)["e3"] == ("pre", pytest.approx(-43 / 7))
    assert _preference_counts(db_path) == ((2, 1.0), (2, 0.0))
