"""Every recognised export format, in the real headers, loads with the right values.

One fixture file per format and locale in tests/data/formats/, named ``<format>__<locale>.csv``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_ingest_more_formats import MORE_EXPECTED

from ingest import Assignment, ingest_path
from ingest.formats import FORMATS, detect
from ingest.sniff import sniff
from store.db import connect

FORMAT_FILES = Path(__file__).parent / "data" / "formats"
ASSIGNMENT = Assignment(
    campaign_id="Test Campaign",
    client_name="Test Client",
    creator_handle="tester",
    as_of=dt.date(2026, 10, 2),
)

# file -> (rows loaded, rows rejected, totals rows skipped, [(query, expected result)])
EXPECTED = {
    "youtube_table__en.csv": (2, 0, 1, [
        ("SELECT native_id, title, posted_at::DATE, duration_seconds FROM posts ORDER BY native_id",
         [("-xYz_123abc", "My morning routine", dt.date(2025, 8, 28), 754.0),
          ("dQw4w9WgXcQ", "Running tips", dt.date(2025, 9, 3), 312.0)]),
        ("SELECT views, watch_time_hours, subscribers, impressions FROM post_metrics ORDER BY views",
         [(2345, 56.2, -3, 30000), (10000, 400.5, 15, 120000)]),
        ("SELECT DISTINCT creator_id, campaign_id FROM posts", [("youtube:tester", "test-campaign")]),
    ]),
    "youtube_table__fr.csv": (2, 0, 1, [
        ("SELECT native_id, posted_at::DATE FROM posts ORDER BY native_id",
         [("-aBc_987xyz", dt.date(2026, 9, 28)), ("zzTop0000aa", dt.date(2026, 8, 3))]),
        ("SELECT views, watch_time_hours FROM post_metrics ORDER BY views",
         [(2345, 62.1), (44531, 1850.5)]),
    ]),
    "youtube_chart__en.csv": (3, 0, 0, [
        ("SELECT post_id, metric_date, period, views FROM post_metrics ORDER BY metric_date, post_id",
         [("youtube:dQw4w9WgXcQ", dt.date(2026, 9, 1), "day", 120),
          ("youtube:abcDEF12345", dt.date(2026, 9, 2), "day", 300),
          ("youtube:dQw4w9WgXcQ", dt.date(2026, 9, 2), "day", 95)]),
        ("SELECT count(*) FROM posts", [(2,)]),
    ]),
    "tiktok_videos__en.csv": (3, 0, 0, [
        ("SELECT native_id, creator_id, posted_at FROM posts ORDER BY native_id",
         [("7412345678901234567", "tiktok:tom.runs", dt.datetime(2026, 9, 15, 18, 0)),
          ("7412345678901234999", "tiktok:tom.runs", dt.datetime(2026, 9, 20, 7, 30)),
          ("7412345678901235000", "tiktok:tom.runs", dt.datetime(2026, 9, 28, 20, 10))]),
        # 1.2K, 15.3K, 8,402, 2.4M, 1.1K, 20K, 475.8M; the export's own time is the snapshot date
        ("SELECT likes, comments, shares, views, metric_date FROM post_metrics ORDER BY views",
         [(956, 12, 3, 8402, dt.date(2026, 10, 1)), (1200, 87, 45, 15300, dt.date(2026, 10, 1)),
          (2400000, 1100, 20000, 475800000, dt.date(2026, 10, 1))]),
    ]),
    "tiktok_overview__en.csv": (2, 0, 0, [
        ("SELECT month(metric_date), day(metric_date), views, profile_views FROM account_metrics "
         "ORDER BY metric_date", [(8, 30, 1200, 45), (8, 31, 1350, 52)]),
        ("SELECT count(*) FROM account_metrics WHERE metric_date > current_date", [(0,)]),
    ]),
    "tiktok_viewers__en.csv": (2, 0, 0, [
        ("SELECT metric_date, total_viewers, new_viewers, returning_viewers FROM account_metrics "
         "ORDER BY metric_date",
         [(dt.date(2026, 8, 30), 1000, 800, 200), (dt.date(2026, 8, 31), 1100, 850, 250)]),
    ]),
    "instagram_content__en.csv": (2, 0, 0, [
        ("SELECT native_id, creator_id, posted_at, format FROM posts ORDER BY native_id",
         [("17900000000000001", "instagram:stride.lab.run", dt.datetime(2026, 9, 15, 18, 0), "IG carousel"),
          ("17900000000000002", "instagram:stride.lab.run", dt.datetime(2026, 10, 1, 7, 5), "IG reel")]),
        ("SELECT views, reach, likes, saves, metric_date, period FROM post_metrics ORDER BY views",
         [(15000, 9800, 1234, 345, dt.date(2026, 10, 2), "lifetime"),
          (120500, 80200, 5010, 1002, dt.date(2026, 10, 2), "lifetime")]),
        ("SELECT caption FROM posts WHERE native_id = '17900000000000001'",
         [("Paid partnership with @stridelab\nMorning run #ad",)]),
    ]),
    "instagram_content__fr.csv": (1, 1, 0, [
        ("SELECT posted_at, caption FROM posts",
         [(dt.datetime(2026, 9, 15, 18, 0), "Ma routine du matin avec @aurore \nCollaboration commerciale")]),
        ("SELECT views, reach, likes FROM post_metrics", [(15000, 9800, 1234)]),
    ]),
    "meta_ads__en.csv": (2, 0, 1, [
        ("SELECT ad_name, spend, impressions, reach, frequency, link_clicks, currency, campaign_id "
         "FROM ad_delivery ORDER BY ad_name",
         [("Video A", 1200.0, 150000, 70000, 2.14, 1400, "USD", "test-campaign"),
          ("Video B", 542.5, 60000, 28000, 2.14, 500, "USD", "test-campaign")]),
    ]),
    "meta_ads__fr.csv": (2, 0, 0, [
        ("SELECT date_start, ad_name, spend, impressions, reach, frequency, link_clicks, currency "
         "FROM ad_delivery ORDER BY ad_name",
         [(dt.date(2026, 9, 1), "Vidéo A", 1234.56, 150000, 70000, 2.14, 1400, "EUR"),
          (dt.date(2026, 9, 13), "Vidéo B", 542.5, 60000, 28000, 2.14, 500, "EUR")]),
    ]),
    # Ads Manager breakdowns (day, week, age and gender, placement and platform, country and
    # region) and currencies outside the usual few (MAD, XOF, TND, BRL).
    "meta_ads__fr_mad.csv": (2, 0, 1, [
        ("SELECT sum(spend), min(currency), max(currency), count(breakdown) FROM ad_delivery",
         [(12500.0, "MAD", "MAD", 0)]),
    ]),
    "meta_ads__fr_day.csv": (3, 0, 1, [
        ("SELECT date_start, date_end, breakdown, breakdown_value, spend, currency FROM ad_delivery "
         "ORDER BY date_start LIMIT 1",
         [(dt.date(2026, 9, 1), dt.date(2026, 9, 1), "day", "2026-09-01", 1000.0, "MAD")]),
    ]),
    "meta_ads__en_week.csv": (2, 0, 0, [
        ("SELECT date_start, date_end, breakdown, currency FROM ad_delivery ORDER BY date_start",
         [(dt.date(2026, 9, 7), dt.date(2026, 9, 13), "week", "BRL"),
          (dt.date(2026, 9, 14), dt.date(2026, 9, 20), "week", "BRL")]),
    ]),
    "meta_ads__en_age_gender.csv": (4, 0, 2, [
        ("SELECT breakdown, sum(spend), sum(reach) FROM ad_delivery GROUP BY ALL",
         [("age|gender", 900.0, 60000)]),
    ]),
    "meta_ads__en_placement.csv": (3, 0, 0, [
        ("SELECT breakdown_value, spend, currency FROM ad_delivery ORDER BY breakdown_value",
         [("Feed|facebook", 120.5, "TND"), ("Reels|instagram", 50.0, "TND"),
          ("Stories|instagram", 80.25, "TND")]),
    ]),
    "meta_ads__fr_region.csv": (3, 0, 1, [
        ("SELECT breakdown, sum(spend), min(currency) FROM ad_delivery GROUP BY ALL",
         [("country|region", 400000.0, "XOF")]),
    ]),
    "meta_ads__en_day.csv": (3, 0, 1, [
        ("SELECT date_start, date_end, breakdown, breakdown_value, spend, currency FROM ad_delivery "
         "ORDER BY date_start LIMIT 1",
         [(dt.date(2026, 9, 1), dt.date(2026, 9, 1), "day", "2026-09-01", 1000.0, "CAD")]),
    ]),
    "meta_ads__fr_week.csv": (2, 0, 0, [
        ("SELECT date_start, date_end, breakdown, currency FROM ad_delivery ORDER BY date_start",
         [(dt.date(2026, 9, 7), dt.date(2026, 9, 13), "week", "EUR"),
          (dt.date(2026, 9, 14), dt.date(2026, 9, 20), "week", "EUR")]),
    ]),
    "meta_ads__fr_age_gender.csv": (4, 0, 2, [
        ("SELECT breakdown, sum(spend), sum(reach), min(currency) FROM ad_delivery GROUP BY ALL",
         [("age|gender", 900.0, 60000, "CHF")]),
    ]),
    "meta_ads__fr_placement.csv": (3, 0, 0, [
        ("SELECT breakdown_value, spend, currency FROM ad_delivery ORDER BY breakdown_value",
         [("Fil|facebook", 120.5, "TND"), ("Reels|instagram", 50.0, "TND"),
          ("Stories|instagram", 80.25, "TND")]),
    ]),
    "meta_ads__en_region.csv": (3, 0, 1, [
        ("SELECT breakdown, sum(spend), min(currency) FROM ad_delivery GROUP BY ALL",
         [("country|region", 400000.0, "XOF")]),
    ]),
    "survey_responses__en.csv": (6, 0, 0, [
        ("SELECT respondent_id, \"group\", question, positive, exposures, weight FROM survey_responses "
         "ORDER BY respondent_id, question",
         [("r1", "exposed", "ad_recall", True, 2, 1.0), ("r1", "exposed", "awareness", False, 2, 1.0),
          ("r2", "control", "ad_recall", False, 0, 1.0), ("r2", "control", "awareness", True, 0, 1.0),
          ("r3", "exposed", "ad_recall", True, 1, 1.5), ("r4", "control", "ad_recall", False, None, 0.8)]),
    ]),
    "survey_respondents__en.csv": (4, 0, 0, [
        # u2 gave no consideration answer (0/0): no row for it
        ("SELECT respondent_id, \"group\", question, positive, exposures FROM survey_responses "
         "ORDER BY respondent_id, question",
         [("u1", "exposed", "ad_recall", True, 3), ("u1", "exposed", "consideration", True, 3),
          ("u2", "exposed", "ad_recall", False, 1),
          ("u3", "control", "ad_recall", False, 0), ("u3", "control", "consideration", True, 0),
          ("u4", "control", "consideration", False, 0)]),
    ]),
    "survey_results__en.csv": (4, 0, 0, [
        ("SELECT question, \"group\", respondents, positive_count, round(positive_rate, 4) FROM survey_results "
         "ORDER BY question, \"group\"",
         [("ad_recall", "control", 1180, 354.0, 0.3), ("ad_recall", "exposed", 1200, 480.0, 0.4),
          ("purchase_intent", "control", 1180, 283.0, 0.2398), ("purchase_intent", "exposed", 1200, 300.0, 0.25)]),
    ]),
    "google_brand_lift__en.csv": (2, 0, 0, [
        ("SELECT question, \"group\", respondents, round(positive_rate, 3), round(positive_count) "
         "FROM survey_results ORDER BY question, \"group\"",
         [("ad_recall", "control", 1900, 0.332, 631.0), ("ad_recall", "exposed", 2000, 0.415, 830.0),
          ("consideration", "control", 1750, 0.201, 352.0), ("consideration", "exposed", 1800, 0.22, 396.0)]),
    ]),
    "comments__en.csv": (3, 0, 0, [
        ("SELECT comment_id, author, created_at, likes FROM comments ORDER BY comment_id",
         [("c1", "runner_jane", dt.datetime(2026, 9, 16, 8, 0), 12), ("c2", "mike88", dt.datetime(2026, 9, 16, 9, 12), 0),
          ("c3", "sofia", dt.datetime(2026, 9, 17, 21, 40), 3)]),
    ]),
    "comments__fr.csv": (2, 0, 0, [
        ("SELECT author, created_at, text FROM comments ORDER BY created_at",
         [("lucie_b", dt.datetime(2026, 9, 16, 8, 0), "Trop belle cette routine 😍 merci Aurore"),
          ("marc.d", dt.datetime(2026, 9, 16, 9, 30), "Bof, déjà vu ailleurs")]),
    ]),
    "exposures__en.csv": (3, 0, 0, [
        ("SELECT person_id, post_id, exposed_at FROM exposures ORDER BY person_id, exposed_at",
         [("h_001", "instagram:BBB1", dt.datetime(2026, 9, 15, 19, 0)),
          ("h_001", "instagram:BBB2", dt.datetime(2026, 10, 1, 8, 0)),
          ("h_002", "instagram:BBB1", dt.datetime(2026, 9, 15, 20, 0))]),
    ]),
    "creator_posts__en.csv": (2, 0, 0, [
        ("SELECT post_id, creator_id, cost, paid_partnership_label, sponsored FROM posts ORDER BY post_id",
         [("instagram:AAA1", "instagram:lea.cuisine", 1500.0, True, True),
          ("tiktok:7412345678901234567", "tiktok:tom.runs", 900.0, False, True)]),
        ("SELECT creator_id, followers FROM creators ORDER BY creator_id",
         [("instagram:lea.cuisine", 48200), ("tiktok:tom.runs", 120000)]),
    ]),
    "creator_posts__fr.csv": (1, 0, 0, [
        ("SELECT post_id, creator_id, cost, posted_at FROM posts",
         [("youtube:abcDEF12345", "youtube:chez.nina", 2500.0, dt.datetime(2026, 9, 2))]),
        ("SELECT followers FROM creators", [(310000,)]),
    ]),
}  # fmt: skip
# The other ad managers, influencer platforms and audience exports, in their own module.
EXPECTED.update(MORE_EXPECTED)


def test_every_format_has_a_fixture_file():
    covered = {name.split("__")[0] for name in EXPECTED}
    assert covered == {fmt.name for fmt in FORMATS if not fmt.mapping_only}
    assert sorted(EXPECTED) == sorted(p.name for p in FORMAT_FILES.glob("*.csv"))


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_format_is_detected_from_headers(file_name: str):
    detection = detect(sniff(FORMAT_FILES / file_name).headers)
    assert detection is not None
    assert detection.format.name == file_name.split("__")[0]
    expected_locale = file_name.split("__")[1].split(".")[0][:2]
    assert detection.locale == expected_locale


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_format_loads_the_right_values(db_path: Path, file_name: str):
    loaded, rejected, skipped, checks = EXPECTED[file_name]
    result = ingest_path(db_path, FORMAT_FILES / file_name, ASSIGNMENT)
    assert result.refused is None
    assert (result.rows_loaded, result.rows_rejected, result.rows_skipped) == (
        loaded,
        rejected,
        skipped,
    )
    with connect(db_path, read_only=True) as connection:
        for query, expected in checks:
            assert connection.execute(query).fetchall() == expected, query
