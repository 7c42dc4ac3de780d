"""Ad managers beyond Meta, influencer platforms, audience exports; near misses.

``MORE_EXPECTED`` holds, per fixture of tests/data/formats/, the rows loaded, rejected and skipped
and the stored values; tests/test_ingest_formats.py runs them with every other format. The sums
asserted are the file's sums without its totals rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest import Assignment, ingest_path
from ingest.formats import FORMATS, MORE_FORMATS, detect, near_miss
from ingest.sniff import sniff
from store.db import connect

FORMAT_FILES = Path(__file__).parent / "data" / "formats"

AD_SUMS = (
    "SELECT count(*), sum(spend), sum(impressions), sum(link_clicks), min(date_start), "
    "max(date_end), any_value(campaign_id) FROM ad_delivery"
)
POST_SUMS = "SELECT count(*), sum(views), sum(likes), sum(comments), sum(shares) FROM post_metrics"
AUDIENCE_ROWS = (
    "SELECT platform, creator_id, dimension, value, round(share, 4), count, as_of FROM audience "
    "ORDER BY value"
)
SEP30, OCT2 = dt.date(2026, 9, 30), dt.date(2026, 10, 2)

# file -> (rows loaded, rows rejected, totals rows skipped, [(query, expected result)])
MORE_EXPECTED = {
    # Ad managers: one ad_delivery row per day (or per period), the totals row left out.
    "tiktok_ads__en.csv": (2, 0, 1, [
        (AD_SUMS, [(2, 1000.0, 220000, 2000, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT date_start, date_end, adset_name, ad_name, reach, results FROM ad_delivery ORDER BY date_start",
         [(dt.date(2026, 9, 1), dt.date(2026, 9, 1), "Lookalike FR", "Video A", 60000, 30),
          (dt.date(2026, 9, 2), dt.date(2026, 9, 2), "Lookalike FR", "Video A", 70000, 45)]),
    ]),
    "tiktok_ads__fr.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 650.75, 150000, 1300, dt.date(2026, 9, 1), dt.date(2026, 9, 13), "test-campaign")]),
        ("SELECT ad_name FROM ad_delivery ORDER BY ad_name", [("Vidéo A",), ("Vidéo B",)]),
    ]),
    # A custom report by day, age and gender: every row keeps its breakdown; reach, which does
    # not add up over days, is left out of the counted totals.
    "tiktok_ads__fr_age_gender.csv": (4, 0, 1, [
        (AD_SUMS, [(4, 390.75, 97000, 810, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT breakdown FROM ad_delivery", [("day|age|gender",)]),
        ("SELECT breakdown_value, reach FROM ad_delivery ORDER BY ALL LIMIT 1",
         [("2026-09-01|18-24|Femme", 15000)]),
        ("SELECT sum(spend), sum(reach) FROM ad_delivery_counted", [(390.75, None)]),
    ]),
    "google_ads__en.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 430.4, 92000, 710, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT sum(results) FROM ad_delivery", [(21,)]),
    ]),
    "google_ads__fr.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 430.4, 92000, 710, dt.date(2026, 9, 1), dt.date(2026, 9, 14), "test-campaign")]),
    ]),
    # A download as Google Ads writes it: a title, the date range, a currency code column and
    # "Total: …" rows under the data.
    "google_ads__en_download.csv": (2, 0, 2, [
        (AD_SUMS, [(2, 4304.5, 92000, 710, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT platform, currency FROM ad_delivery", [("google", "MAD")]),
    ]),
    "google_ads__fr_download.csv": (2, 0, 1, [
        (AD_SUMS, [(2, 2152250.0, 92000, 710, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT platform, currency FROM ad_delivery", [("google", "XOF")]),
    ]),
    "tiktok_ads__en_currency.csv": (2, 0, 1, [
        (AD_SUMS, [(2, 6000.0, 220000, 2000, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT platform, currency FROM ad_delivery", [("tiktok", "BRL")]),
    ]),
    "snapchat_ads__en.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 500.0, 120000, 1000, dt.date(2026, 9, 1), dt.date(2026, 9, 30), "test-campaign")]),
        ("SELECT adset_name, ad_name, reach FROM ad_delivery ORDER BY ad_name",
         [("Squad FR", "Snap A", 50000), ("Squad FR", "Snap B", 30000)]),
    ]),
    "snapchat_ads__fr.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 500.0, 120000, 1000, dt.date(2026, 9, 1), dt.date(2026, 9, 30), "test-campaign")]),
        ("SELECT DISTINCT platform FROM ad_delivery", [("snapchat",)]),
    ]),
    "pinterest_ads__en.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 200.0, 50000, 350, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
    ]),
    "pinterest_ads__fr.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 200.0, 50000, 350, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT adset_name FROM ad_delivery", [("Épingles FR",)]),
    ]),
    "linkedin_ads__en.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 500.0, 40000, 275, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT campaign_name, adset_name FROM ad_delivery", [("Test Campaign", "Awareness FR")]),
    ]),
    "linkedin_ads__fr.csv": (2, 0, 0, [
        (AD_SUMS, [(2, 500.0, 40000, 275, dt.date(2026, 9, 1), dt.date(2026, 9, 2), "test-campaign")]),
        ("SELECT DISTINCT platform, currency FROM ad_delivery", [("linkedin", "CHF")]),
    ]),
    # Influencer platforms: posts with their creator, fee and numbers.
    "kolsquare_posts__fr.csv": (2, 0, 1, [
        (POST_SUMS, [(2, 95500, 6244, 356, 132)]),
        ("SELECT post_id, creator_id, cost, posted_at FROM posts ORDER BY post_id",
         [("instagram:KSQ001", "instagram:lea.cuisine", 1500.0, dt.datetime(2026, 9, 15)),
          ("tiktok:7412345678901234111", "tiktok:tom.runs", 900.0, dt.datetime(2026, 9, 16))]),
        ("SELECT sum(reach) FROM post_metrics", [(9800,)]),
    ]),
    "kolsquare_posts__en.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 12000, 980, 40, 8)]),
        ("SELECT post_id, creator_id, cost FROM posts", [("instagram:KSQ002", "instagram:lea.cuisine", 1200.0)]),
    ]),
    "upfluence_posts__en.csv": (2, 0, 0, [
        (POST_SUMS, [(2, 53000, 2800, 205, 65)]),
        ("SELECT post_id, creator_id, cost, posted_at FROM posts ORDER BY post_id",
         [("instagram:UPF001", "instagram:lea.cuisine", 800.0, dt.datetime(2026, 9, 5, 18, 30)),
          ("youtube:upfAAA00001", "youtube:chez.nina", 2500.0, dt.datetime(2026, 9, 2, 10, 0))]),
    ]),
    "upfluence_posts__fr.csv": (2, 0, 0, [
        (POST_SUMS, [(2, 53000, 2800, 205, 65)]),
        ("SELECT post_id, creator_id, cost, posted_at FROM posts ORDER BY post_id",
         [("instagram:UPF001", "instagram:lea.cuisine", 800.0, dt.datetime(2026, 9, 5, 18, 30)),
          ("youtube:upfAAA00001", "youtube:chez.nina", 2500.0, dt.datetime(2026, 9, 2, 10, 0))]),
    ]),
    "hypeauditor_posts__en.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 60000, 4000, 210, 90)]),
        ("SELECT post_id, creator_id, cost FROM posts",
         [("tiktok:7412345678901234222", "tiktok:tom.runs", 700.0)]),
    ]),
    "hypeauditor_posts__fr.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 60000, 4000, 210, 90)]),
        ("SELECT post_id, creator_id, cost FROM posts",
         [("tiktok:7412345678901234222", "tiktok:tom.runs", 700.0)]),
    ]),
    "traackr_posts__en.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 11000, 850, 33, 7)]),
        ("SELECT post_id, creator_id, cost FROM posts", [("instagram:TRK001", "instagram:lea.cuisine", 1100.0)]),
    ]),
    "traackr_posts__fr.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 11000, 850, 33, 7)]),
        ("SELECT post_id, creator_id, cost FROM posts", [("instagram:TRK001", "instagram:lea.cuisine", 1100.0)]),
    ]),
    "creatoriq_posts__en.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 38000, 1900, 150, 40)]),
        ("SELECT post_id, creator_id, campaign_id FROM posts",
         [("youtube:ciqBBB00002", "youtube:chez.nina", "test-campaign")]),
        ("SELECT reach, impressions FROM post_metrics", [(30000, 52000)]),
    ]),
    "creatoriq_posts__fr.csv": (1, 0, 0, [
        (POST_SUMS, [(1, 38000, 1900, 150, 40)]),
        ("SELECT reach, impressions FROM post_metrics", [(30000, 52000)]),
    ]),
    # Audience exports: per creator (--creator) and date, a share or a count per bucket.
    "tiktok_audience_gender__en.csv": (3, 0, 0, [
        (AUDIENCE_ROWS, [("tiktok", "tiktok:tester", "gender", "female", 0.62, None, OCT2),
                         ("tiktok", "tiktok:tester", "gender", "male", 0.35, None, OCT2),
                         ("tiktok", "tiktok:tester", "gender", "other", 0.03, None, OCT2)]),
    ]),
    "tiktok_audience_gender__fr.csv": (3, 0, 0, [
        ("SELECT value, share FROM audience ORDER BY value",
         [("female", 0.62), ("male", 0.35), ("other", 0.03)]),
    ]),
    "tiktok_audience_territories__en.csv": (4, 0, 0, [
        ("SELECT dimension, value, share FROM audience ORDER BY share DESC",
         [("country", "FR", 0.55), ("country", "BE", 0.12), ("country", "MA", 0.08), ("country", "CA", 0.05)]),
    ]),
    "tiktok_audience_territories__fr.csv": (4, 0, 0, [
        ("SELECT round(sum(share), 4), count(*) FROM audience WHERE dimension = 'country'", [(0.8, 4)]),
    ]),
    "tiktok_follower_activity__en.csv": (3, 0, 0, [
        (AUDIENCE_ROWS, [("tiktok", "tiktok:tester", "hour", "0", None, 1200, SEP30),
                         ("tiktok", "tiktok:tester", "hour", "1", None, 900, SEP30),
                         ("tiktok", "tiktok:tester", "hour", "20", None, 5400, SEP30)]),
    ]),
    "tiktok_follower_activity__fr.csv": (3, 0, 0, [
        ("SELECT sum(count), min(as_of), max(as_of) FROM audience", [(7500, SEP30, SEP30)]),
    ]),
    "youtube_audience_age__en.csv": (3, 0, 1, [
        (AUDIENCE_ROWS, [("youtube", "youtube:tester", "age", "age18-24", 0.225, None, OCT2),
                         ("youtube", "youtube:tester", "age", "age25-34", 0.483, None, OCT2),
                         ("youtube", "youtube:tester", "age", "age35-44", 0.292, None, OCT2)]),
    ]),
    "youtube_audience_age__fr.csv": (2, 0, 1, [
        ("SELECT value, round(share, 4) FROM audience ORDER BY value", [("age18-24", 0.225), ("age25-34", 0.775)]),
    ]),
    "youtube_audience_gender__en.csv": (3, 0, 1, [
        ("SELECT value, round(share, 4) FROM audience ORDER BY value",
         [("female", 0.582), ("male", 0.411), ("other", 0.007)]),
    ]),
    "youtube_audience_gender__fr.csv": (3, 0, 1, [
        ("SELECT value, round(share, 4) FROM audience ORDER BY value",
         [("female", 0.582), ("male", 0.411), ("other", 0.007)]),
    ]),
    "youtube_audience_geography__en.csv": (3, 0, 1, [
        ("SELECT sum(count), count(*), any_value(dimension) FROM audience", [(10000, 3, "country")]),
    ]),
    "youtube_audience_geography__fr.csv": (3, 0, 1, [
        ("SELECT sum(count), count(*), any_value(dimension) FROM audience", [(10000, 3, "country")]),
    ]),
    # Instagram followers by age range, gender, top countries (stored as ISO codes) and cities.
    "instagram_audience_age__en.csv": (7, 0, 0, [
        ("SELECT count(*), round(sum(share), 4), min(as_of), any_value(creator_id) FROM audience",
         [(7, 1.0, dt.date(2026, 10, 1), "instagram:tester")]),
        ("SELECT share FROM audience WHERE value = '25-34'", [(0.44,)]),
    ]),
    "instagram_audience_age__fr.csv": (3, 0, 0, [
        ("SELECT value, round(share, 4) FROM audience ORDER BY value",
         [("18-24", 0.314), ("25-34", 0.44), ("35-44", 0.246)]),
    ]),
    "instagram_audience_gender__en.csv": (2, 0, 0, [
        ("SELECT value, round(share, 4), as_of FROM audience ORDER BY value",
         [("female", 0.685, OCT2), ("male", 0.315, OCT2)]),
    ]),
    "instagram_audience_gender__fr.csv": (2, 0, 0, [
        ("SELECT value, round(share, 4) FROM audience ORDER BY value", [("female", 0.685), ("male", 0.315)]),
    ]),
    "instagram_audience_countries__en.csv": (3, 0, 0, [
        ("SELECT dimension, value, round(share, 4) FROM audience ORDER BY value",
         [("country", "BE", 0.075), ("country", "FR", 0.612), ("country", "MA", 0.098)]),
    ]),
    "instagram_audience_countries__fr.csv": (3, 0, 0, [
        ("SELECT dimension, value, round(share, 4) FROM audience ORDER BY value",
         [("country", "BE", 0.075), ("country", "FR", 0.612), ("country", "MA", 0.098)]),
    ]),
    "instagram_audience_cities__en.csv": (3, 0, 0, [
        ("SELECT dimension, value, round(share, 4) FROM audience ORDER BY value",
         [("city", "Casablanca", 0.061), ("city", "Lyon", 0.044), ("city", "Paris", 0.183)]),
    ]),
    "instagram_audience_cities__fr.csv": (3, 0, 0, [
        ("SELECT round(sum(share), 4), count(*) FROM audience WHERE dimension = 'city'", [(0.288, 3)]),
    ]),
}  # fmt: skip

ASSIGNMENT = Assignment(
    campaign_id="Test Campaign",
    client_name="Test Client",
    creator_handle="tester",
    as_of=dt.date(2026, 10, 2),
)


def test_every_new_format_has_a_fixture_in_each_of_its_locales():
    covered = {name.split("__")[0] for name in MORE_EXPECTED}
    assert covered == {fmt.name for fmt in MORE_FORMATS}
    assert all(fmt in FORMATS for fmt in MORE_FORMATS)
    for name in MORE_EXPECTED:
        assert (FORMAT_FILES / name).exists(), name


@pytest.mark.parametrize("file_name", sorted(MORE_EXPECTED))
def test_a_recognised_file_is_no_near_miss(file_name: str):
    headers = sniff(FORMAT_FILES / file_name).headers
    assert detect(headers).format.name == file_name.split("__")[0]
    assert near_miss(headers) is None


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_meta_export_without_its_spend_is_a_near_miss(db_path: Path, tmp_path: Path):
    path = _write(
        tmp_path,
        "meta_no_spend.csv",
        "Reporting starts,Reporting ends,Campaign name,Ad set name,Ad name,Impressions,Reach\n"
        "2026-09-01,2026-09-30,Test Campaign,Lookalike FR,Video A,150000,70000\n",
    )
    fmt, missing = near_miss(sniff(path).headers)
    assert (fmt.name, missing) == ("meta_ads", ("spend",))
    result = ingest_path(db_path, path, ASSIGNMENT)
    assert result.needs_mapping
    assert result.near_miss == ("meta_ads", ("Amount spent",))
    assert result.as_json()["near_miss"] == {"format": "meta_ads", "missing": ["Amount spent"]}
    assert "this looks like Meta Ads Manager, but no column gives Amount spent" in result.refused
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM ad_delivery").fetchone() == (0,)


def test_a_french_influencer_report_without_its_link_is_a_near_miss(db_path, tmp_path):
    path = _write(
        tmp_path,
        "kolsquare.csv",
        "Compte;Réseau social;Date de publication;Vues;Likes\n@lea;Instagram;15/09/2026;100;10\n",
    )
    result = ingest_path(db_path, path, ASSIGNMENT)
    assert result.near_miss == ("kolsquare_posts", ("Post link",))
    assert "Kolsquare" in result.refused


def test_unknown_headers_are_no_near_miss(db_path: Path, tmp_path: Path):
    path = _write(tmp_path, "plays.csv", "Plays,Skips,Mood\n3,1,calm\n")
    result = ingest_path(db_path, path, ASSIGNMENT)
    assert result.near_miss is None
    assert "no known export format has these columns" in result.refused


def test_an_audience_export_needs_the_creator(db_path: Path):
    no_creator = Assignment(campaign_id="Test Campaign", client_name="Test Client")
    result = ingest_path(db_path, FORMAT_FILES / "tiktok_audience_gender__en.csv", no_creator)
    assert result.refused is not None and "--creator" in result.refused
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM audience").fetchone() == (0,)


def test_a_later_audience_export_of_the_same_day_replaces_the_shares(db_path: Path, tmp_path):
    first = FORMAT_FILES / "tiktok_audience_gender__en.csv"
    assert ingest_path(db_path, first, ASSIGNMENT).rows_loaded == 3
    later = _write(tmp_path, "gender.csv", "Gender,Distribution\nFemale,0.6\nMale,0.4\n")
    assert ingest_path(db_path, later, ASSIGNMENT).rows_loaded == 2
    with connect(db_path, read_only=True) as connection:
        rows = connection.execute("SELECT value, share FROM audience ORDER BY value").fetchall()
    # The "other" share of the first export stays: the later one says nothing about it.
    assert rows == [("female", 0.6), ("male", 0.4), ("other", 0.03)]


def test_the_mapping_screen_opens_on_the_near_missed_format_with_its_columns(db_path, tmp_path):
    from ingest.mapping import suggest
    from ui.mapping_screen import default_target

    headers = "Reporting starts,Reporting ends,Campaign name,Ad set name,Ad name,Impressions,Reach"
    path = _write(tmp_path, "meta_no_spend.csv", headers + "\n2026-09-01,2026-09-30,C,S,A,10,5\n")
    result = ingest_path(db_path, path, ASSIGNMENT)
    assert default_target(result, None) == "meta_ads"
    suggested = suggest("meta_ads", result.headers)
    assert suggested["impressions"] == "Impressions"
    assert suggested["date_start"] == "Reporting starts"
    assert "spend" not in suggested
    unknown = ingest_path(db_path, _write(tmp_path, "x.csv", "Plays,Mood\n1,calm\n"), ASSIGNMENT)
    assert default_target(unknown, None) is None
