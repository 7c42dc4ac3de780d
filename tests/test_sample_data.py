"""The bundled demo data: deterministic, in the real export formats, loaded whole and faithfully.

The demo is loaded once per module (twice in a row, to prove a reload doubles nothing) and the
database is checked against ``sample_data/ground_truth.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ingest import IngestResult
from ingest.formats import detect
from ingest.sniff import sniff
from sample_data import GROUND_TRUTH_PATH, MANIFEST_PATH, SAMPLE_DIR
from sample_data.generate import AD_RECALL_DOSE, CLIENTS, generate
from sample_data.loader import demo_loaded, load_demo
from store.db import connect

MANIFEST = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
TRUTH = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))
ENTRIES = MANIFEST["files"]

# The disclosure rules, written independently of the generator to check what it planted.
DISCLOSED = re.compile(
    r"collaboration commerciale|\bpublicit[ée]\b|#pub\b|#publicit[ée]|#sponsoris[ée]|"
    r"#partenariat|#ad\b|#sponsored\b|paid partnership",
    re.IGNORECASE,
)
AMBIGUOUS = re.compile(r"#collab\b|#partner\b|#gifted\b|merci à|thanks to", re.IGNORECASE)


def classify(caption: str, label: bool | None) -> str:
    if label or DISCLOSED.search(caption):
        return "disclosed"
    return "ambiguous" if AMBIGUOUS.search(caption) else "missing"


def _committed_outputs(root: Path) -> dict[str, bytes]:
    paths = [root / "manifest.json", root / "ground_truth.json", *(root / "files").glob("*.csv")]
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(paths)}


# ---------------------------------------------------------------------------------------------
# The committed files
# ---------------------------------------------------------------------------------------------


def test_generator_is_deterministic_and_committed_files_are_current(tmp_path: Path) -> None:
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    first, second = _committed_outputs(tmp_path / "a"), _committed_outputs(tmp_path / "b")
    assert first == second
    committed = _committed_outputs(SAMPLE_DIR)
    assert sorted(first) == sorted(committed)
    stale = [name for name in first if first[name] != committed[name]]
    assert not stale, f"regenerate with `python -m sample_data.generate`: {stale}"


def test_committed_files_are_small() -> None:
    total = sum(len(data) for data in _committed_outputs(SAMPLE_DIR).values())
    assert total < 4 * 1024 * 1024


def test_manifest_lists_every_file_once() -> None:
    listed = [entry["path"] for entry in ENTRIES]
    on_disk = sorted(f"files/{p.name}" for p in (SAMPLE_DIR / "files").glob("*.csv"))
    assert len(listed) == len(set(listed))
    assert sorted(listed) == on_disk


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["path"] for e in ENTRIES])
def test_file_is_recognised_as_its_format(entry: dict) -> None:
    detection = detect(sniff(SAMPLE_DIR / entry["path"]).headers)
    assert detection is not None
    assert detection.format.name == entry["format"]


def _one(format_name: str, contains: str = "") -> Path:
    paths = [
        SAMPLE_DIR / e["path"]
        for e in ENTRIES
        if e["format"] == format_name and contains in e["path"]
    ]
    assert paths, (format_name, contains)
    return paths[0]


def test_exports_keep_the_quirks_of_the_real_ones() -> None:
    instagram = [SAMPLE_DIR / e["path"] for e in ENTRIES if e["format"] == "instagram_content"]
    raw = {p.name: p.read_bytes() for p in instagram}
    utf16 = [n for n, b in raw.items() if b.startswith(b"\xff\xfe")]
    assert utf16 and raw[utf16[0]].decode("utf-16").startswith("sep=,")
    assert any(b.startswith(b"sep=;") for b in raw.values())
    assert any("Identifiant de la publication" in b.decode("utf-16" if n in utf16 else "utf-8")
               for n, b in raw.items())  # fmt: skip

    tiktok = _one("tiktok_videos").read_bytes()
    assert tiktok.startswith(b"\xef\xbb\xbf")
    text = tiktok.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert '"Total shares\u00a0"' in header and header.count('"') == 2 * len(header.split(","))
    assert re.search(r'"\d+(\.\d)?K"', text)

    youtube_fr = _one("youtube_table", "_fr").read_text(encoding="utf-8")
    lines = youtube_fr.splitlines()
    assert lines[0].startswith("Contenu,") and lines[1].startswith("Total,")
    assert (
        "\u202f" in youtube_fr and "sept. 2026" in youtube_fr and re.search(r'"\d+,\d"', youtube_fr)
    )
    youtube_en = _one("youtube_table", "_en").read_text(encoding="utf-8")
    assert youtube_en.splitlines()[1].startswith("Total,")
    assert re.search(r"^ -", youtube_en, re.MULTILINE)  # an id starting with "-", space-prefixed

    meta_fr = _one("meta_ads", "_fr").read_text(encoding="utf-8")
    assert "Montant dépensé (EUR)" in meta_fr.splitlines()[0]
    assert re.search(r";\d{1,3}\u00a0\d{3},\d\d;", meta_fr)
    assert _one("meta_ads", "_en").read_text(encoding="utf-8").splitlines()[1].startswith(",,,")


# ---------------------------------------------------------------------------------------------
# Loading the demo
# ---------------------------------------------------------------------------------------------


@dataclass
class Demo:
    db_path: Path
    loaded_before: bool
    loaded_after: bool
    first: list[IngestResult]
    second: list[IngestResult]
    first_counts: dict[str, int]
    second_counts: dict[str, int]


def table_counts(db_path: Path) -> dict[str, int]:
    with connect(db_path) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_name <> 'schema_version' ORDER BY 1"
            ).fetchall()
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    db_path = tmp_path_factory.mktemp("demo") / "sillage.duckdb"
    loaded_before = demo_loaded(db_path) or db_path.exists()  # asking must not create the file
    first = load_demo(db_path)
    first_counts = table_counts(db_path)
    loaded_after = demo_loaded(db_path)
    second = load_demo(db_path)
    return Demo(
        db_path, loaded_before, loaded_after, first, second, first_counts, table_counts(db_path)
    )


@pytest.fixture
def db(demo: Demo):
    with connect(demo.db_path) as connection:
        yield connection


def query(connection, sql: str, params: list | None = None) -> list[tuple]:
    return connection.execute(sql, params or []).fetchall()


slow = pytest.mark.slow


@slow
def test_every_file_loads_whole(demo: Demo) -> None:
    assert not demo.loaded_before and demo.loaded_after
    for results in (demo.first, demo.second):
        assert len(results) == len(ENTRIES)
        for result, entry in zip(results, ENTRIES, strict=True):
            where = entry["path"]
            assert result.refused is None, where
            assert result.format == entry["format"], where
            assert result.rows_rejected == 0 and not result.errors, (where, result.errors)
            assert result.rows_loaded == entry["data_rows"], where
            assert result.rows_skipped == entry["totals_rows"], where


@slow
def test_reloading_doubles_nothing(demo: Demo) -> None:
    first, second = dict(demo.first_counts), dict(demo.second_counts)
    assert second.pop("uploads") == 2 * first.pop("uploads")
    assert second == first


@slow
def test_clients_campaigns_and_their_metadata(db) -> None:
    assert query(db, "SELECT name FROM clients ORDER BY name") == sorted((c.name,) for c in CLIENTS)
    rows = query(
        db,
        "SELECT c.campaign_id, cl.name, objective, start_date, end_date, budget, currency, "
        "targets, brand_terms FROM campaigns c JOIN clients cl USING (client_id) ORDER BY 1",
    )
    expected = sorted(MANIFEST["campaigns"], key=lambda c: c["campaign_id"])
    assert len(rows) == len(expected) >= 6
    for row, campaign in zip(rows, expected, strict=True):
        assert row[:3] == (campaign["campaign_id"], campaign["client"], campaign["objective"])
        assert row[3:7] == (
            dt.date.fromisoformat(campaign["start_date"]),
            dt.date.fromisoformat(campaign["end_date"]),
            campaign["budget"],
            "EUR",
        )
        assert json.loads(row[7]) == campaign["targets"] and json.loads(row[8])
    assert {r[2] for r in rows} == {"awareness", "consideration", "conversion", "loyalty"}
    first, last = min(r[3] for r in rows), max(r[4] for r in rows)
    assert (last.year - first.year) * 12 + last.month - first.month >= 18


@slow
def test_creators_and_long_relationships(db) -> None:
    sponsored = query(
        db,
        "SELECT DISTINCT c.creator_id, c.platform, c.followers FROM creators c "
        "JOIN posts p USING (creator_id) WHERE p.campaign_id IS NOT NULL",
    )
    assert len(sponsored) == len(TRUTH["creators"]) >= 12
    assert {r[1] for r in sponsored} == {"instagram", "tiktok", "youtube"}
    assert all(r[2] for r in sponsored)
    long_ones = query(
        db,
        "SELECT p.creator_id, c.client_id FROM posts p JOIN campaigns c USING (campaign_id) "
        "GROUP BY ALL HAVING count(DISTINCT p.campaign_id) >= 3",
    )
    assert len(long_ones) >= 3


@slow
def test_posts_match_the_truth(db) -> None:
    posts = {
        r[0]: r[1:]
        for r in query(
            db, "SELECT post_id, campaign_id, creator_id, cost, posted_at, url FROM posts"
        )
    }
    truth_ids = {p["post_id"] for p in TRUTH["posts"]}
    channel_videos = {f"youtube:{v}" for c in TRUTH["brand_channels"].values() for v in c["videos"]}
    assert set(posts) == truth_ids | channel_videos
    for p in TRUTH["posts"]:
        assert posts[p["post_id"]] == (
            p["campaign_id"],
            p["creator_id"],
            p["cost"],
            dt.datetime.fromisoformat(p["posted_at"]),
            p["url"],
        ), p["post_id"]
    # The latest lifetime snapshot of every sponsored post holds the report's exact numbers.
    names = ("impressions", "reach", "views", "likes", "comments", "shares", "saves", "clicks")
    latest = {
        r[0]: r[1:]
        for r in query(
            db,
            f"SELECT post_id, {', '.join(names)} FROM post_metrics WHERE period = 'lifetime' "
            "QUALIFY row_number() OVER (PARTITION BY post_id ORDER BY metric_date DESC) = 1",
        )
    }
    for p in TRUTH["posts"]:
        if p["campaign_id"]:
            assert latest[p["post_id"]] == tuple(p["metrics"][n] for n in names), p["post_id"]


@slow
def test_every_disclosure_class_is_planted_as_the_spec_defines_it(db) -> None:
    rows = query(
        db,
        "SELECT post_id, caption, paid_partnership_label FROM posts WHERE campaign_id IS NOT NULL",
    )
    truth = {p["post_id"]: p for p in TRUTH["posts"]}
    found = {post_id: classify(caption, label) for post_id, caption, label in rows}
    assert found == {pid: truth[pid]["disclosure"] for pid in found}
    counts = TRUTH["counts"]["disclosure"]
    assert min(counts.values()) >= 5 and set(counts) == {"disclosed", "ambiguous", "missing"}
    captions = " ".join(r[1] for r in rows)
    for marker in ("Collaboration commerciale", "Publicité", "#pub", "#sponsorisé",
                   "#partenariat", "#ad", "#sponsored", "Paid partnership", "#collab",
                   "#gifted", "merci à", "thanks to", "#adventure"):  # fmt: skip
        assert marker in captions, marker
    assert any(label and classify(caption, False) != "disclosed" for _, caption, label in rows)


@slow
def test_comments_in_both_languages_with_brand_mentions(db) -> None:
    loaded = dict(query(db, "SELECT comment_id, post_id FROM comments"))
    assert loaded == {c["comment_id"]: c["post_id"] for c in TRUTH["comments"]}
    languages = {c["language"] for c in TRUTH["comments"]}
    sentiments = {c["sentiment"] for c in TRUTH["comments"]}
    assert languages == {"fr", "en"} and sentiments == {"positive", "neutral", "negative"}
    assert {r[0] for r in query(db, "SELECT DISTINCT language FROM comments")} >= {"fr", "en"}
    texts = [r[0] for r in query(db, "SELECT text FROM comments")]
    clients = TRUTH["clients"].values()
    misspelled = [t for t in texts if any(m in t for c in clients for m in c["misspellings"])]
    exact = [t for t in texts if any(term in t for c in clients for term in c["brand_terms"])]
    assert len(misspelled) == TRUTH["counts"]["comments_by_brand_mention"]["misspelled"]
    assert exact


@slow
def test_survey_answers_match_the_planted_counts(db) -> None:
    sizes = []
    for campaign_id, campaign in TRUTH["campaigns"].items():
        survey = campaign["survey"]
        table = survey["table"]
        assert query(db, f"SELECT count(*) FROM {table} WHERE campaign_id = ?", [campaign_id]) == [
            (survey["rows_in_table"],)
        ]
        for question, entry in survey["questions"].items():
            for group in ("exposed", "control"):
                if table == "survey_responses":
                    sql = (
                        "SELECT count(*), count(*) FILTER (WHERE positive) FROM survey_responses "
                        'WHERE campaign_id = ? AND question = ? AND "group" = ?'
                    )
                else:
                    sql = (
                        "SELECT respondents, round(positive_count) FROM survey_results "
                        'WHERE campaign_id = ? AND question = ? AND "group" = ?'
                    )
                observed = entry["observed"][group]
                n, positive = query(db, sql, [campaign_id, question, group])[0]
                assert (n, positive) == (observed["n"], observed["positive"])
                sizes.append(n)
            if "dose_response" in entry:
                by_bucket = query(
                    db,
                    "SELECT CASE WHEN exposures >= 4 THEN '4+' ELSE exposures::TEXT END, "
                    "count(*), count(*) FILTER (WHERE positive) FROM survey_responses "
                    "WHERE campaign_id = ? AND question = ? AND \"group\" = 'exposed' "
                    "GROUP BY 1 ORDER BY 1",
                    [campaign_id, question],
                )
                assert {b: {"n": n, "positive": p} for b, n, p in by_bucket} == entry["observed"][
                    "by_exposures"
                ]
    assert min(sizes) < 250 <= max(sizes)
    surveys = [c["survey"] for c in TRUTH["campaigns"].values()]
    assert sum(s["no_real_lift"] for s in surveys) == 1
    doses = [
        tuple(v["absolute_lift"] for v in q["dose_response"].values())
        for s in surveys
        for q in s["questions"].values()
        if "dose_response" in q
    ]
    assert doses and all(d == AD_RECALL_DOSE for d in doses)
    assert {s["table"] for s in surveys} == {"survey_responses", "survey_results"}


@slow
def test_weekly_adstock_series_is_in_the_database(db) -> None:
    for campaign_id, campaign in TRUTH["campaigns"].items():
        adstock = campaign["adstock"]
        carry, expected = 0.0, []
        for x in adstock["x_keur"]:
            carry = x + adstock["theta"] * carry
            expected.append(carry)
        assert expected == pytest.approx(adstock["adstock"], abs=1e-5), campaign_id
        stimulus = {w.isoformat(): x for w, x in query(db, adstock["stimulus_sql"])}
        assert [stimulus.get(w, 0.0) for w in adstock["weeks"]] == pytest.approx(
            adstock["x_keur"], abs=1e-6
        ), campaign_id
        outcome = {w.isoformat(): y for w, y in query(db, adstock["outcome_sql"])}
        assert [outcome.get(w) for w in adstock["weeks"]] == adstock["observed_outcome"]


@slow
def test_paid_delivery_and_exposure_log(db) -> None:
    for campaign_id, campaign in TRUTH["campaigns"].items():
        totals = campaign["totals"]
        spend, rows = query(
            db,
            "SELECT coalesce(sum(spend), 0), count(*) FROM ad_delivery WHERE campaign_id = ?",
            [campaign_id],
        )[0]
        assert (round(spend, 2), rows) == (totals["paid_spend"], totals["paid_rows"])
    log = TRUTH["exposure_log"]
    assert query(
        db,
        "SELECT count(*), count(DISTINCT person_id) FROM exposures WHERE campaign_id = ?",
        [log["campaign_id"]],
    ) == [(log["rows"], log["persons"])]
    per_person = query(db, "SELECT count(*) AS n FROM exposures GROUP BY person_id ORDER BY n")
    at_least = {f"{k}+": sum(1 for (n,) in per_person if n >= k) for k in (1, 2, 3, 4, 5, 10)}
    assert at_least == log["persons_with_at_least"]
    # The log names posts by the platforms' own ids; ingest resolves them to Sillage's post ids.
    assert query(db, "SELECT count(*) FROM exposures e JOIN posts p ON p.post_id = e.post_id") == [
        (log["rows"],)
    ]


@slow
def test_relationship_effect_is_measurable_from_the_database(db) -> None:
    rates = dict(
        query(
            db,
            "SELECT post_id, (likes + comments + shares + coalesce(saves, 0)) / reach "
            "FROM post_metrics WHERE period = 'lifetime' "
            "QUALIFY row_number() OVER (PARTITION BY post_id ORDER BY metric_date DESC) = 1",
        )
    )
    deepening = 0
    for creator in TRUTH["creators"].values():
        for post in creator["posts"]:
            assert rates[post["post_id"]] == pytest.approx(post["observed_er_by_reach"], abs=1e-6)
        expected = [p["expected_er_by_reach"] for p in creator["posts"]]
        if creator["relationship"] == "deepening" and len(creator["posts"]) >= 4:
            deepening += 1
            assert expected == sorted(expected) and expected[-1] > expected[0]
    assert deepening >= 3
