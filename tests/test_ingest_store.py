"""Faithfulness of the store: idempotent re-uploads, overlapping exports, one transaction per file."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import Assignment, ingest_stream, writers
from ingest.formats import signature
from ingest.mapping import Mapping
from store.db import connect, schema_version
from store.migrations import MIGRATIONS

HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,"
    "Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves"
)


def export(*posts: tuple[str, int, int]) -> bytes:
    """An Instagram content export with (post id, views, likes) per post."""
    lines = [HEADER] + [
        f"{pid},1,lea,Léa,caption {pid},0,09/15/2026 18:00,https://www.instagram.com/p/{pid}/,IG image,,"
        f"Lifetime,{views},{views // 2},{likes},1,1,1,1"
        for pid, views, likes in posts
    ]
    return ("\n".join(lines) + "\n").encode()


def load(db_path: Path, data: bytes, as_of: dt.date, name: str = "export.csv"):
    assignment = Assignment(campaign_id="Spring", client_name="Aurore", as_of=as_of)
    return ingest_stream(db_path, name, io.BytesIO(data), len(data), assignment)


def counts(db_path: Path) -> dict[str, int]:
    with connect(db_path, read_only=True) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("posts", "post_metrics", "creators", "campaigns", "clients")
        }


def test_reuploading_the_same_file_doubles_nothing(db_path: Path):
    data = export(("p1", 100, 10), ("p2", 200, 20))
    first = load(db_path, data, dt.date(2026, 10, 1))
    before = counts(db_path)
    second = load(db_path, data, dt.date(2026, 10, 1))
    assert first.rows_loaded == second.rows_loaded == 2
    assert counts(db_path) == before == {
        "posts": 2, "post_metrics": 2, "creators": 1, "campaigns": 1, "clients": 1
    }  # fmt: skip
    with connect(db_path, read_only=True) as connection:
        uploads = connection.execute(
            "SELECT status, sha256 FROM uploads ORDER BY upload_id"
        ).fetchall()
    # Both uploads are on record and point at the same kept bytes.
    assert [u[0] for u in uploads] == ["loaded", "loaded"]
    assert uploads[0][1] == uploads[1][1]
    assert len(list((db_path.parent / "sillage.files").glob("*.raw"))) == 1


def test_overlapping_later_export_updates_and_keeps_history(db_path: Path):
    load(db_path, export(("p1", 100, 10), ("p2", 200, 20)), dt.date(2026, 10, 1), "week1.csv")
    # A week later: p2 has grown, p3 is new, p1 is no longer in the export.
    load(db_path, export(("p2", 260, 31), ("p3", 50, 5)), dt.date(2026, 10, 8), "week2.csv")
    # The same day's export again, with p3 corrected: replaces that day's snapshot.
    load(db_path, export(("p2", 260, 31), ("p3", 55, 6)), dt.date(2026, 10, 8), "week2b.csv")
    with connect(db_path, read_only=True) as connection:
        snapshots = connection.execute(
            "SELECT native_id, metric_date, views, likes FROM post_metrics JOIN posts USING (post_id) "
            "ORDER BY native_id, metric_date"
        ).fetchall()
    assert snapshots == [
        ("p1", dt.date(2026, 10, 1), 100, 10),
        ("p2", dt.date(2026, 10, 1), 200, 20),
        ("p2", dt.date(2026, 10, 8), 260, 31),
        ("p3", dt.date(2026, 10, 8), 55, 6),
    ]
    assert counts(db_path)["posts"] == 3


def test_a_file_failing_midway_leaves_the_database_as_it_was(db_path: Path, monkeypatch):
    load(db_path, export(("p1", 100, 10)), dt.date(2026, 10, 1))
    before = counts(db_path)
    original = writers._upsert

    def fail_after_posts(connection, table, *args, **kwargs):
        if table == "post_metrics":  # posts and creators are already written at this point
            raise RuntimeError("disk full")
        return original(connection, table, *args, **kwargs)

    monkeypatch.setattr(writers, "_upsert", fail_after_posts)
    with pytest.raises(RuntimeError, match="disk full"):
        load(db_path, export(("p2", 5, 1), ("p3", 6, 1)), dt.date(2026, 10, 2))
    assert counts(db_path) == before


CRASH_SCRIPT = """
import datetime as dt, io, os, sys
from ingest import Assignment, ingest_stream, writers
original = writers._upsert
def crash(connection, table, *args, **kwargs):
    if table == "post_metrics":
        os._exit(3)  # the process dies with posts written and nothing committed
    return original(connection, table, *args, **kwargs)
writers._upsert = crash
data = sys.stdin.buffer.read()
ingest_stream(sys.argv[1], "crash.csv", io.BytesIO(data), len(data),
              Assignment(campaign_id="Spring", client_name="Aurore", as_of=dt.date(2026, 10, 2)))
"""


def test_a_crash_midway_leaves_the_database_as_it_was(db_path: Path):
    load(db_path, export(("p1", 100, 10)), dt.date(2026, 10, 1))
    before = counts(db_path)
    done = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(db_path)],
        input=export(("p2", 5, 1)),
        cwd=Path(__file__).parent.parent,
        capture_output=True,
    )
    assert done.returncode == 3, done.stderr.decode()
    assert counts(db_path) == before


def test_unknown_headers_ask_for_a_mapping_that_is_then_reused(db_path: Path):
    data = b"Creator;Published;Vues totales;Couverture totale\n@lea;2026-09-15;1200;800\n"
    first = ingest_stream(db_path, "platform.csv", io.BytesIO(data), len(data))
    assert first.needs_mapping and first.format is None
    assert first.headers == ["Creator", "Published", "Vues totales", "Couverture totale"]
    assert "map them once" in first.refused

    fields = {"handle": "Creator", "posted_at": "Published", "views": "Vues totales"}
    with pytest.raises(KeyError):  # a format that does not exist is a programming error
        ingest_stream(
            db_path,
            "platform.csv",
            io.BytesIO(data),
            len(data),
            mapping=Mapping(format="nope", fields=fields),
        )
    incomplete = ingest_stream(
        db_path,
        "platform.csv",
        io.BytesIO(data),
        len(data),
        mapping=Mapping(format="creator_posts", fields=fields),
    )
    # Only what the metrics need: the cost and the platform's own columns are optional.
    assert "required fields unmapped: platform" in incomplete.refused

    mapping = Mapping(
        format="instagram_content",
        fields={
            "handle": "Creator",
            "native_id": "Published",
            "posted_at": "Published",
            "views": "Vues totales",
        },
    )
    mapped = ingest_stream(
        db_path,
        "platform.csv",
        io.BytesIO(data),
        len(data),
        mapping=mapping,
    )
    assert (mapped.format, mapped.rows_loaded) == ("instagram_content", 1)
    assert mapped.columns_unused == ["Couverture totale"]
    # The next file with the same headers is recognised without asking.
    later = b"Creator;Published;Vues totales;Couverture totale\n@tom;2026-09-16;50;40\n"
    again = ingest_stream(db_path, "platform-2.csv", io.BytesIO(later), len(later))
    assert (again.format, again.rows_loaded) == ("instagram_content", 1)
    with connect(db_path, read_only=True) as connection:
        saved = connection.execute(
            "SELECT header_signature, mapping FROM column_mappings"
        ).fetchall()
        views = connection.execute("SELECT views FROM post_metrics ORDER BY views").fetchall()
    # The whole mapping is kept, as ``sillage mapping export`` prints it.
    assert [(key, json.loads(text)) for key, text in saved] == [
        (signature(first.headers), mapping.as_json())
    ]
    assert views == [(50,), (1200,)]


def test_schema_is_versioned_and_migrations_run_once(tmp_path: Path):
    path = tmp_path / "fresh.duckdb"
    with connect(path) as connection:
        assert schema_version(connection) == len(MIGRATIONS)
    with connect(path) as connection:  # a second open applies nothing again
        versions = connection.execute("SELECT version FROM schema_version").fetchall()
    assert versions == [(v,) for v in range(1, len(MIGRATIONS) + 1)]


def test_read_only_open_of_a_missing_file_gives_an_empty_database(tmp_path: Path):
    with connect(tmp_path / "new.duckdb", read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM posts").fetchone() == (0,)


def test_progress_is_reported_in_order_up_to_done(db_path: Path):
    events: list[tuple[float, str]] = []
    data = export(*[(f"p{i}", i, i) for i in range(2000)])
    ingest_stream(
        db_path, "export.csv", io.BytesIO(data), len(data),
        Assignment(campaign_id="Spring", client_name="Aurore"), progress=lambda f, m: events.append((f, m)),
    )  # fmt: skip
    fractions = [f for f, _ in events]
    assert fractions == sorted(fractions)
    assert events[-1] == (1.0, "done")
    assert {"keeping a copy of the file", "checking rows"} <= {m for _, m in events}


PLATFORM_HEADER = "Platform,Creator,Post URL,Campaign,Posted at,Caption,Fee,Followers,Reach,Saves"


def platform_file(*rows: str) -> bytes:
    return ("\n".join([PLATFORM_HEADER, *rows]) + "\n").encode()


def test_youtube_watch_links_stay_distinct_posts(db_path: Path):
    data = platform_file(
        "YouTube,@nina,https://www.youtube.com/watch?v=AAAAAAAAAA1,Spring,2026-09-01 10:00,One,100,5000,,",
        "YouTube,@nina,https://www.youtube.com/watch?v=BBBBBBBBBB2,Spring,2026-09-02 10:00,Two,200,5000,,",
    )
    result = load(db_path, data, dt.date(2026, 10, 1))
    assert result.rows_loaded == 2
    with connect(db_path, read_only=True) as connection:
        posts = connection.execute("SELECT post_id, cost FROM posts ORDER BY post_id").fetchall()
    assert posts == [("youtube:AAAAAAAAAA1", 100.0), ("youtube:BBBBBBBBBB2", 200.0)]


def test_two_exports_of_the_same_day_complete_each_other(db_path: Path):
    as_of = dt.date(2026, 10, 1)
    load(db_path, export(("C1", 900, 40)), as_of, "instagram.csv")
    platform = platform_file(
        "Instagram,@lea,https://www.instagram.com/p/C1/,Spring,2026-09-15,,150,4000,700,12"
    )
    load(db_path, platform, as_of, "platform.csv")
    with connect(db_path, read_only=True) as connection:
        metrics = connection.execute(
            "SELECT views, likes, reach, saves FROM post_metrics"
        ).fetchall()
        post = connection.execute(
            "SELECT native_id, posted_at, caption, cost FROM posts"
        ).fetchall()
    # Views and likes from the platform's export, reach and saves from the influencer platform's.
    assert metrics == [(900, 40, 700, 12)]
    # The posting time to the minute and the caption survive a later date-only, caption-less file.
    assert post == [("C1", dt.datetime(2026, 9, 15, 18, 0), "caption C1", 150.0)]


def test_newest_follower_count_wins_whatever_the_upload_order(db_path: Path):
    newer = platform_file(
        "Instagram,@lea,https://www.instagram.com/p/C1/,Spring,2026-09-15,,150,5200,,"
    )
    older = platform_file(
        "Instagram,@lea,https://www.instagram.com/p/C1/,Spring,2026-09-15,,150,4100,,"
    )
    load(db_path, newer, dt.date(2026, 10, 8), "newer.csv")
    load(db_path, older, dt.date(2026, 9, 1), "older.csv")
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT followers, followers_as_of FROM creators").fetchall() == [
            (5200, dt.date(2026, 10, 8))
        ]


def test_exposure_and_comment_rows_point_at_known_posts(db_path: Path):
    load(db_path, export(("C1", 900, 40)), dt.date(2026, 10, 1))
    log = b"person id,post id,exposed at\nh1,C1,2026-09-16T08:00:00Z\nh2,https://www.instagram.com/p/C1/,2026-09-16T09:00:00Z\nh3,ZZ9,2026-09-16T10:00:00Z\n"
    comments = b"Author,Date,Comment,Post link\nann,2026-09-16 08:00,Nice,https://www.instagram.com/p/C1/\n"
    load(db_path, log, dt.date(2026, 10, 1), "log.csv")
    load(db_path, comments, dt.date(2026, 10, 1), "comments.csv")
    with connect(db_path, read_only=True) as connection:
        exposures = connection.execute(
            "SELECT person_id, post_id FROM exposures ORDER BY 1"
        ).fetchall()
        commented = connection.execute("SELECT post_id FROM comments").fetchall()
    assert exposures == [("h1", "instagram:C1"), ("h2", "instagram:C1"), ("h3", "ZZ9")]
    assert commented == [("instagram:C1",)]


def test_same_campaign_name_under_two_clients_stays_apart(db_path: Path):
    # Each client's own posts: the same post under both would move it between clients (refused).
    for client, post in (("Aurore", "p1"), ("Stride", "p2")):
        data = export((post, 100, 10))
        assignment = Assignment(
            campaign_id="Spring", client_name=client, as_of=dt.date(2026, 10, 1)
        )
        ingest_stream(db_path, f"{client}.csv", io.BytesIO(data), len(data), assignment)
    with connect(db_path, read_only=True) as connection:
        campaigns = connection.execute(
            "SELECT c.campaign_id, cl.name FROM campaigns c JOIN clients cl USING (client_id) ORDER BY 1"
        ).fetchall()
        uploads = connection.execute(
            "SELECT u.campaign_id, cl.name FROM uploads u JOIN clients cl USING (client_id) ORDER BY upload_id"
        ).fetchall()
    assert campaigns == [("spring", "Aurore"), ("spring-2", "Stride")]
    assert uploads == [("spring", "Aurore"), ("spring-2", "Stride")]
    # Without a client, the name is ambiguous: refused with a plain message, nothing stored.
    again = ingest_stream(
        db_path, "x.csv", io.BytesIO(data), len(data), Assignment(campaign_id="Spring")
    )
    assert "several clients have a campaign called 'Spring'" in again.refused


def test_a_file_changed_while_it_loads_is_refused(db_path: Path, tmp_path: Path, monkeypatch):
    # The archive copy is made while the rows are read from the file itself: both must agree.
    from ingest import ingest_path
    from store import archive

    source = tmp_path / "export.csv"
    source.write_bytes(export(("p1", 100, 10)))
    original = archive.store_path

    def store_after_a_change(db, path):
        with open(path, "ab") as handle:
            handle.write(export(("p2", 5, 1)).split(b"\n", 1)[1])
        return original(db, path)

    monkeypatch.setattr(archive, "store_path", store_after_a_change)
    result = ingest_path(db_path, source, Assignment(campaign_id="Spring", client_name="Aurore"))
    assert result.refused and "changed while it was being loaded" in result.refused
    assert counts(db_path)["post_metrics"] == 0
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT status FROM uploads").fetchall() == [("refused",)]


def test_a_file_on_disk_is_archived_as_read(db_path: Path, tmp_path: Path):
    from ingest import ingest_path

    source = tmp_path / "export.csv"
    source.write_bytes(export(("p1", 100, 10)))
    result = ingest_path(db_path, source, Assignment(campaign_id="Spring", client_name="Aurore"))
    assert result.refused is None and result.rows_loaded == 1
    with connect(db_path, read_only=True) as connection:
        sha256, raw_path = connection.execute("SELECT sha256, raw_path FROM uploads").fetchone()
    assert Path(raw_path).read_bytes() == source.read_bytes()
    assert Path(raw_path).name == f"{sha256}.raw"
