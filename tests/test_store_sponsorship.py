"""Which posts are sponsored: each upload rule, manual changes and the post picker's list."""

from __future__ import annotations

import pandas as pd
import pytest

from store.db import connect
from store.sponsorship import RULES, apply_rule, campaign_posts, set_sponsored

POSTS = [
    # post, campaign, posted_at, paid-partnership label, upload
    ("tiktok:before", "spring", "2026-02-28 23:59:59", True, 1),
    ("tiktok:first_day", "spring", "2026-03-01 00:00:00", None, 1),
    ("tiktok:last_day", "spring", "2026-03-31 23:59:00", False, 1),
    ("tiktok:after", "spring", "2026-04-01 00:00:00", None, 1),
    ("tiktok:undated_campaign", "open", "2020-01-01 00:00:00", None, 1),
    ("tiktok:no_time", "spring", None, True, 1),
    ("tiktok:other_upload", "spring", "2026-02-01 00:00:00", True, 2),
]


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "sillage.duckdb"
    with connect(path) as connection:
        connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
        connection.execute(
            "INSERT INTO campaigns (campaign_id, client_id, name, start_date, end_date) VALUES "
            "('spring', 1, 'Spring', '2026-03-01', '2026-03-31'), ('open', 1, 'Open', NULL, NULL)"
        )
        connection.execute(
            "INSERT INTO creators (creator_id, platform, handle) VALUES ('tiktok:ana', 'tiktok', 'ana')"
        )
        for post_id, campaign, posted_at, label, upload in POSTS:
            connection.execute(
                "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, "
                "posted_at, title, caption, url, sponsored, paid_partnership_label, upload_id) "
                "VALUES (?, 'tiktok', ?, 'tiktok:ana', ?, ?, NULL, ?, ?, true, ?, ?)",
                [
                    post_id,
                    post_id.split(":")[1],
                    campaign,
                    posted_at,
                    f"Caption of {post_id}",
                    f"https://tiktok.com/@ana/{post_id}",
                    label,
                    upload,
                ],
            )
    return path


def _flags(path) -> dict[str, bool]:
    with connect(path) as connection:
        return dict(connection.execute("SELECT post_id, sponsored FROM posts").fetchall())


def _apply(path, rule: str, upload: int = 1) -> int:
    with connect(path) as connection:
        return apply_rule(connection, rule, upload)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("all", {p[0]: True for p in POSTS[:6]}),
        ("none", {p[0]: False for p in POSTS[:6]}),
        (
            "campaign_dates",
            {
                "tiktok:before": False,
                "tiktok:first_day": True,
                "tiktok:last_day": True,  # the end date is a whole day
                "tiktok:after": False,
                "tiktok:undated_campaign": True,  # no dates to judge by
                "tiktok:no_time": True,  # no posting time to judge by
            },
        ),
        (
            "paid_label",
            {
                "tiktok:before": True,
                "tiktok:first_day": False,
                "tiktok:last_day": False,
                "tiktok:after": False,
                "tiktok:undated_campaign": False,
                "tiktok:no_time": True,
            },
        ),
    ],
)
def test_each_rule_sets_the_uploads_posts_only(database, rule, expected):
    assert _apply(database, "none", upload=2) == 1  # so the other upload's post is visibly apart
    assert _apply(database, rule) == 6
    flags = _flags(database)
    assert flags.pop("tiktok:other_upload") is False
    assert flags == expected


def test_rules_are_the_documented_ones(database):
    assert RULES == ("all", "none", "campaign_dates", "paid_label")
    with pytest.raises(ValueError, match="sponsorship rule must be one of"):
        _apply(database, "everything")


def test_rule_runs_inside_the_callers_transaction(database):
    with connect(database) as connection:
        connection.execute("BEGIN TRANSACTION")
        apply_rule(connection, "none", 1)
        connection.execute("ROLLBACK")
    assert all(_flags(database).values())


def test_set_sponsored_later(database):
    with connect(database) as connection:
        assert (
            set_sponsored(connection, ["tiktok:before", "tiktok:after", "tiktok:nope"], False) == 2
        )
        assert set_sponsored(connection, [], False) == 0
    flags = _flags(database)
    assert flags["tiktok:before"] is False and flags["tiktok:after"] is False
    assert flags["tiktok:first_day"] is True
    with connect(database) as connection:
        assert set_sponsored(connection, ("tiktok:before",), True) == 1
    assert _flags(database)["tiktok:before"] is True


def test_campaign_posts_for_the_picker(database):
    with connect(database) as connection:
        connection.execute(
            "UPDATE posts SET title = '  A   long title ' || repeat('word ', 40), sponsored = NULL "
            "WHERE post_id = 'tiktok:after'"
        )
        frame = campaign_posts(connection, "spring")
    assert list(frame.columns) == [
        "post_id",
        "creator",
        "platform",
        "posted_at",
        "snippet",
        "url",
        "sponsored",
    ]
    # Newest first, undated last; the other campaign's post is not listed.
    assert list(frame["post_id"]) == [
        "tiktok:after",
        "tiktok:last_day",
        "tiktok:first_day",
        "tiktok:before",
        "tiktok:other_upload",
        "tiktok:no_time",
    ]
    after = frame.iloc[0]
    assert after["creator"] == "@ana"
    assert after["sponsored"]  # no flag counts as sponsored
    assert after["snippet"].startswith("A long title word word")
    assert len(after["snippet"]) == 80 and after["snippet"].endswith("…")
    assert frame.iloc[1]["snippet"] == "Caption of tiktok:last_day"
    assert pd.isna(frame.iloc[-1]["posted_at"])


def test_a_choice_made_later_survives_a_reupload(tmp_path):
    """Marking a post organic on the page holds when the same export is loaded again."""
    from pathlib import Path

    from ingest import Assignment, ingest_path

    export = Path(__file__).parent / "data" / "formats" / "tiktok_videos__en.csv"
    db = tmp_path / "sillage.duckdb"
    where = Assignment(campaign_id="Rentrée", client_name="Maison Aurore")
    assert ingest_path(db, export, where).loaded
    with connect(db) as connection:
        first = connection.execute("SELECT min(post_id) FROM posts").fetchone()[0]
        set_sponsored(connection, [first], False)
    assert ingest_path(db, export, where).loaded
    with connect(db) as connection:
        flags = dict(connection.execute("SELECT post_id, sponsored FROM posts").fetchall())
    assert flags.pop(first) is False
    assert flags and all(flags.values())
