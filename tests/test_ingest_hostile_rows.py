"""Hostile rows: each case is inline bytes, with the exact counts, errors and stored values.

A row with more fields than the header, an out-of-range or impossible value, a number written
the other locale's way, and uploads that would move rows from one client to another.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from ingest import Assignment, ingest_stream
from store.db import connect

ASSIGNMENT = Assignment(
    campaign_id="Hostile", client_name="Client", creator_handle="tester", as_of=dt.date(2026, 10, 2)
)
YOUTUBE = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions"
POSTS = "Platform,Creator handle,Post URL,Campaign,Posted at,Views,Likes,Fee,Caption"
META_FR = (
    "Début des rapports;Fin des rapports;Nom de la campagne;Nom de l'ensemble de publicités;"
    "Nom de la publicité;Montant dépensé (EUR);Impressions;Couverture;Répétition;Clics sur un lien"
)
NEXT_YEAR = dt.date.today().year + 1


def load(db_path: Path, text: str, assignment: Assignment = ASSIGNMENT, name: str = "f.csv"):
    data = text.encode()
    return ingest_stream(db_path, name, io.BytesIO(data), len(data), assignment)


def rows(db_path: Path, query: str) -> list[tuple]:
    with connect(db_path, read_only=True) as connection:
        return connection.execute(query).fetchall()


def errors(result) -> list[tuple]:
    return [(e.line, e.column, e.reason) for e in result.errors]


YT_VIEWS = "SELECT native_id, views FROM post_metrics JOIN posts USING (post_id) ORDER BY 1"

# (id, file text, rows loaded, rows rejected, errors as (line, column, reason), query, rows stored)
CASES = [
    (
        "over-wide row rejected, the next row's error on its own line",
        f"{YOUTUBE}\n"
        "a1,One,2026-09-01,60,1000,3,1,10\n"
        "a2,Two,2026-09-01,60,1000,3,1,10,extra\n"
        "a3,Three,2026-09-01,60,lots,3,1,10\n"
        "a4,Four,2026-09-01,60,40,3,1,10\n",
        2,
        2,
        [
            (
                3,
                None,
                "9 fields where the header has 8 (quote a value that holds the separator): "
                "'a2,Two,2026-09-01,60,1000,3,1,10,extra'",
            ),
            (4, "Views", "expected a whole number, found 'lots'"),
        ],
        YT_VIEWS,
        [("a1", 1000), ("a4", 40)],
    ),
    (
        "a quoted record over two lines, then an over-wide row, then a bad cell",
        f'{YOUTUBE}\na1,"One\nline two",2026-09-01,60,1000,3,1,10\n'
        "a2,Two,2026-09-01,60,1,2,3,4,5\n"
        "a3,Three,2026-09-01,60,-7,3,1,10\n",
        1,
        2,
        [
            (
                4,
                None,
                "9 fields where the header has 8 (quote a value that holds the separator): "
                "'a2,Two,2026-09-01,60,1,2,3,4,5'",
            ),
            (5, "Views", "views cannot be negative, found '-7'"),
        ],
        YT_VIEWS,
        [("a1", 1000)],
    ),
    (
        "unquoted comma in the last text column is rejected, never cut",
        f"{POSTS}\n"
        "instagram,anna,https://instagram.com/p/C1,Hostile,2026-09-01,100,10,500,Great, but too expensive\n"
        'instagram,anna,https://instagram.com/p/C2,Hostile,2026-09-01,100,10,500,"Great, and quoted"\n',
        1,
        1,
        [
            (
                2,
                None,
                "10 fields where the header has 9 (quote a value that holds the separator): "
                "'instagram,anna,https://instagram.com/p/C1,Hostile,2026-09-01'",
            )
        ],
        "SELECT native_id, caption FROM posts ORDER BY 1",
        [("C2", "Great, and quoted")],
    ),
    (
        "1e308 and 99999999999999999999 in a whole-number column reject their rows only",
        f"{YOUTUBE}\n"
        "a1,One,2026-09-01,60,1e308,3,1,10\n"
        "a2,Two,2026-09-01,60,99999999999999999999,3,1,10\n"
        "a3,Three,2026-09-01,60,5,3,1,10\n",
        1,
        2,
        [
            (2, "Views", "'1e308' is out of range for a whole number"),
            (3, "Views", "'99999999999999999999' is out of range for a whole number"),
        ],
        YT_VIEWS,
        [("a3", 5)],
    ),
    (
        "negative counts and hours are rejected; YouTube's net subscribers may be negative",
        f"{YOUTUBE}\n"
        "a1,One,2026-09-01,60,-5,3,1,10\n"
        "a2,Two,2026-09-01,60,5,-3,1,10\n"
        "a3,Three,2026-09-01,60,5,3,-2,10\n",
        1,
        2,
        [
            (2, "Views", "views cannot be negative, found '-5'"),
            (3, "Watch time (hours)", "watch time hours cannot be negative, found '-3'"),
        ],
        "SELECT native_id, views, subscribers FROM post_metrics JOIN posts USING (post_id)",
        [("a3", 5, -2)],
    ),
    (
        "a negative fee is rejected",
        f"{POSTS}\n"
        "instagram,anna,https://instagram.com/p/F1,Hostile,2026-09-01,100,10,-500,ok\n"
        "instagram,anna,https://instagram.com/p/F2,Hostile,2026-09-01,100,10,500,ok\n",
        1,
        1,
        [(2, "Fee", "cost cannot be negative, found '-500'")],
        "SELECT native_id, cost FROM posts ORDER BY 1",
        [("F2", 500.0)],
    ),
    (
        "posting dates in 2099 and 1900 are rejected",
        f"{YOUTUBE}\n"
        "a1,One,2099-01-01,60,5,3,1,10\n"
        "a2,Two,1900-01-01,60,5,3,1,10\n"
        "a3,Three,2000-01-01,60,5,3,1,10\n",
        1,
        2,
        [
            (2, "Video publish time", f"posting date 2099-01-01 is outside 2000–{NEXT_YEAR}"),
            (3, "Video publish time", f"posting date 1900-01-01 is outside 2000–{NEXT_YEAR}"),
        ],
        "SELECT native_id, posted_at FROM posts",
        [("a3", dt.datetime(2000, 1, 1))],
    ),
    (
        "mixed date styles: the unreadable one named on its own line, after an over-wide row",
        f"{YOUTUBE}\n"
        "a1,One,04/22/2026,60,5,3,1,10\n"
        "a2,Two,04/23/2026,60,5,3,1,10,x\n"
        "a3,Three,22/04/2026,60,5,3,1,10\n"
        "a4,Four,2026-04-24,60,5,3,1,10\n",
        2,
        2,
        [
            (
                3,
                None,
                "9 fields where the header has 8 (quote a value that holds the separator): "
                "'a2,Two,04/23/2026,60,5,3,1,10,x'",
            ),
            (4, "Video publish time", "expected a date, found '22/04/2026'"),
        ],
        "SELECT native_id, posted_at FROM posts ORDER BY 1",
        [("a1", dt.datetime(2026, 4, 22)), ("a4", dt.datetime(2026, 4, 24))],
    ),
    (
        "1 234,5 in a French file",
        f"{META_FR}\n01/09/2026;30/09/2026;H;A;V;1 234,5;1,2 k;12 345;2,14;1.2K\n",
        1,
        0,
        [],
        "SELECT spend, impressions, reach, link_clicks FROM ad_delivery",
        [(1234.5, 1200, 12345, 1200)],
    ),
    (
        "1 234,5, 1,2 k, 1.2K and 12 345 in an English file",
        "Reporting starts,Reporting ends,Campaign name,Ad set name,Ad name,Amount spent (EUR),"
        "Impressions,Reach,Frequency,Link clicks\n"
        '2026-09-01,2026-09-30,H,A,V,"1 234,5","1,2 k","12 345",2.14,1.2K\n'
        '2026-09-01,2026-09-30,H,A,W,10.5,"15,000",7,1.5,3\n',
        2,
        0,
        [],
        "SELECT ad_name, spend, impressions, reach, link_clicks FROM ad_delivery ORDER BY 1",
        [("V", 1234.5, 1200, 12345, 1200), ("W", 10.5, 15000, 7, 3)],
    ),
]


@pytest.mark.parametrize(
    ("text", "loaded", "rejected", "expected_errors", "query", "stored"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_hostile_rows(
    db_path: Path,
    text: str,
    loaded: int,
    rejected: int,
    expected_errors: list[tuple],
    query: str,
    stored: list[tuple],
):
    result = load(db_path, text)
    assert result.refused is None, result.refused
    assert (result.rows_loaded, result.rows_rejected) == (loaded, rejected)
    assert result.rows_read == loaded + rejected
    assert errors(result) == expected_errors
    assert rows(db_path, query) == stored


def test_negative_views_on_a_reupload_leave_the_stored_post_unchanged(db_path: Path):
    first = load(db_path, f"{YOUTUBE}\na1,One,2026-09-01,60,746088,3,1,10\n")
    assert first.rows_loaded == 1
    before = rows(db_path, "SELECT * EXCLUDE (upload_id) FROM post_metrics")
    posts_before = rows(db_path, "SELECT * FROM posts")
    again = load(db_path, f"{YOUTUBE}\na1,One renamed,2026-09-01,60,-746088,3,1,10\n")
    assert (again.rows_loaded, again.rows_rejected) == (0, 1)
    assert errors(again) == [(2, "Views", "views cannot be negative, found '-746088'")]
    assert rows(db_path, "SELECT * EXCLUDE (upload_id) FROM post_metrics") == before
    assert rows(db_path, "SELECT * FROM posts") == posts_before
    assert rows(db_path, "SELECT views FROM post_totals") == [(746088,)]


TABLES = (
    "clients",
    "campaigns",
    "creators",
    "posts",
    "post_metrics",
    "post_totals",
    "ad_delivery",
    "survey_responses",
)


def contents(db_path: Path) -> dict[str, list[tuple]]:
    return {t: sorted(rows(db_path, f"SELECT * FROM {t}"), key=repr) for t in TABLES}


def posts_file(*rows_: str) -> str:
    return POSTS + "\n" + "".join(f"{row}\n" for row in rows_)


A1 = "instagram,anna,https://instagram.com/p/A1,Spring,2026-03-01,100,10,500,one"
A2 = "instagram,anna,https://instagram.com/p/A2,Spring,2026-03-02,200,20,500,two"
B1 = "instagram,bob,https://instagram.com/p/B1,Autumn,2026-09-01,300,30,500,three"


@pytest.fixture
def two_clients(db_path: Path) -> Path:
    assert load(db_path, posts_file(A1, A2), Assignment(client_name="Client A")).rows_loaded == 2
    assert load(db_path, posts_file(B1), Assignment(client_name="Client B")).rows_loaded == 1
    return db_path


@pytest.mark.parametrize(
    ("assignment", "refusal"),
    [
        pytest.param(
            Assignment(campaign_id="autumn", client_name="Client B"),
            "f.csv: this file would move 2 posts from the campaign 'Spring' of the client "
            "'Client A' to the campaign 'Autumn' of the client 'Client B'; they belong to one "
            "client, so nothing was loaded",
            id="another client's campaign by --campaign",
        ),
        pytest.param(
            Assignment(campaign_id="spring", client_name="Client B"),
            "f.csv: campaign 'spring' belongs to the client 'Client A', not 'Client B': choose "
            "that client, or one of this client's campaigns",
            id="another client's campaign id with --client",
        ),
        pytest.param(
            Assignment(campaign_id="spring", client_name="Client C"),
            "f.csv: campaign 'spring' belongs to the client 'Client A', not 'Client C': choose "
            "that client, or one of this client's campaigns",
            id="another client's campaign id with a new client",
        ),
    ],
)
def test_rows_never_move_to_another_client(two_clients: Path, assignment, refusal: str):
    before = contents(two_clients)
    result = load(two_clients, posts_file(A1, A2), assignment)
    assert result.refused == refusal
    assert result.rows_loaded == 0
    assert contents(two_clients) == before


def test_a_file_naming_another_clients_campaign_moves_nothing(two_clients: Path):
    before = contents(two_clients)
    moved = A1.replace("Spring", "autumn")
    result = load(two_clients, posts_file(moved), Assignment(client_name="Client A"))
    assert result.refused == (
        "f.csv: campaign 'autumn' belongs to the client 'Client B', not 'Client A': choose "
        "that client, or one of this client's campaigns"
    )
    assert contents(two_clients) == before


def test_a_move_within_the_client_is_allowed(two_clients: Path):
    result = load(
        two_clients, posts_file(A1), Assignment(campaign_id="Summer", client_name="Client A")
    )
    assert result.refused is None and result.rows_loaded == 1
    assert rows(two_clients, "SELECT post_id, campaign_id FROM posts ORDER BY 1") == [
        ("instagram:A1", "summer"),
        ("instagram:A2", "spring"),
        ("instagram:B1", "autumn"),
    ]
    assert rows(
        two_clients,
        "SELECT campaign_id, k.name FROM campaigns JOIN clients k USING (client_id) ORDER BY 1",
    ) == [("autumn", "Client B"), ("spring", "Client A"), ("summer", "Client A")]


def test_a_new_name_whose_slug_another_client_holds_gets_its_own_id(two_clients: Path):
    result = load(
        two_clients,
        posts_file(A1.replace("A1", "N1")),
        Assignment(campaign_id="Autumn", client_name="Client A"),
    )
    assert result.refused is None and result.rows_loaded == 1
    assert rows(
        two_clients, "SELECT campaign_id FROM campaigns WHERE name = 'Autumn' ORDER BY 1"
    ) == [
        ("autumn",),
        ("autumn-2",),
    ]


ADS = (
    "Reporting starts,Reporting ends,Campaign name,Ad set name,Ad name,Amount spent (EUR),"
    "Impressions,Reach,Frequency,Link clicks\n2026-09-01,2026-09-30,Meta one,A,V,10.5,1000,700,1.5,3\n"
)


def test_ad_rows_never_move_to_another_client(two_clients: Path):
    assert (
        load(two_clients, ADS, Assignment(campaign_id="spring", client_name="Client A")).rows_loaded
        == 1
    )
    before = contents(two_clients)
    result = load(two_clients, ADS, Assignment(campaign_id="autumn", client_name="Client B"))
    assert result.refused == (
        "f.csv: this file would move 1 ad rows from the campaign 'Spring' of the client "
        "'Client A' to the campaign 'Autumn' of the client 'Client B'; they belong to one "
        "client, so nothing was loaded"
    )
    assert contents(two_clients) == before


def test_demo_campaign_id_with_another_demo_client_is_refused(demo_db: Path):
    before = contents(demo_db)
    result = load(
        demo_db,
        posts_file("instagram,zed,https://instagram.com/p/Z1,x,2026-03-01,1,1,1,z"),
        Assignment(campaign_id="spring-run-2025", client_name="Maison Aurore"),
    )
    assert result.refused == (
        "f.csv: campaign 'spring-run-2025' belongs to the client 'Stride Lab', not 'Maison "
        "Aurore': choose that client, or one of this client's campaigns"
    )
    assert contents(demo_db) == before
    assert rows(
        demo_db, "SELECT count(*) FROM campaigns WHERE campaign_id LIKE 'spring-run-2025-%'"
    ) == [(0,)]
