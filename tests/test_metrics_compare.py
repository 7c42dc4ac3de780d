"""metrics.compare on a small inserted dataset whose values are computed by hand below.

Campaign A (launch 2025-01-06 = start date): a1 Instagram posted on day 0 (lifetime: 1000 views,
800 reach, 60 engagements, fee 100; no impressions, so views stand in) and a2 TikTok posted on
day 9 = week 1 (latest lifetime: 3000 views, 2000 reach, 100 engagements, fee 200; an older
snapshot of 500 views is superseded). Campaign B (start 2025-03-03): b1 YouTube posted on day 2
with per-day rows of 100, 200 and 50 views on days 2, 8 and 17 (weeks 0, 1, 2), fee 500, plus
paid delivery over days 0–3: spend 400, 4000 impressions. Campaign C (no start date): c1
Instagram, 2000 views, fee 1000. Campaign D: no post.
"""

from __future__ import annotations

import pytest

from metrics import compare
from metrics.compare import CampaignCount, UnknownMetric

SETUP = """
INSERT INTO clients (client_id, name) VALUES (1, 'Acme');
INSERT INTO campaigns (campaign_id, client_id, name, start_date, end_date, currency) VALUES
  ('a', 1, 'Alpha', DATE '2025-01-06', DATE '2025-01-26', 'EUR'),
  ('b', 1, 'Bravo', DATE '2025-03-03', DATE '2025-03-16', 'EUR'),
  ('c', 1, 'Charlie', NULL, NULL, 'EUR'),
  ('d', 1, 'Delta', DATE '2025-06-01', DATE '2025-06-10', 'EUR');
INSERT INTO posts (post_id, platform, native_id, campaign_id, posted_at, cost) VALUES
  ('instagram:a1', 'instagram', 'a1', 'a', TIMESTAMP '2025-01-06 10:00', 100),
  ('tiktok:a2', 'tiktok', 'a2', 'a', TIMESTAMP '2025-01-15 18:00', 200),
  ('youtube:b1', 'youtube', 'b1', 'b', TIMESTAMP '2025-03-05 12:00', 500),
  ('instagram:c1', 'instagram', 'c1', 'c', TIMESTAMP '2025-05-10 09:00', 1000);
INSERT INTO post_metrics (post_id, metric_date, period, views, reach, likes, comments) VALUES
  ('instagram:a1', DATE '2025-02-01', 'lifetime', 1000, 800, 50, 10),
  ('tiktok:a2', DATE '2025-01-20', 'lifetime', 500, 400, 20, NULL),
  ('tiktok:a2', DATE '2025-02-01', 'lifetime', 3000, 2000, 100, NULL),
  ('youtube:b1', DATE '2025-03-05', 'day', 100, NULL, NULL, NULL),
  ('youtube:b1', DATE '2025-03-11', 'day', 200, NULL, NULL, NULL),
  ('youtube:b1', DATE '2025-03-20', 'day', 50, NULL, NULL, NULL),
  ('instagram:c1', DATE '2025-06-01', 'lifetime', 2000, NULL, NULL, NULL);
INSERT INTO ad_delivery (campaign_id, date_start, date_end, ad_name, impressions, spend, currency)
  VALUES ('b', DATE '2025-03-03', DATE '2025-03-06', 'ad', 4000, 400, 'EUR');
INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, positive, responded_at)
  VALUES
  ('a', 'e1', 'exposed', 'ad_recall', true, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'e2', 'exposed', 'ad_recall', true, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'e3', 'exposed', 'ad_recall', true, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'e4', 'exposed', 'ad_recall', false, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'c1', 'control', 'ad_recall', false, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'c2', 'control', 'ad_recall', false, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'c3', 'control', 'ad_recall', true, TIMESTAMP '2025-01-08 09:00'),
  ('a', 'c4', 'control', 'ad_recall', true, TIMESTAMP '2025-01-21 09:00');
"""


@pytest.fixture
def con(connection):
    connection.execute(SETUP)
    return connection


def by_campaign(frame, column: str = "value") -> dict:
    return dict(zip(frame["campaign_id"], frame[column], strict=True))


def series_of(frame, campaign_id: str, column: str = "value") -> list:
    return frame[frame["campaign_id"] == campaign_id][column].tolist()


def test_every_metric_has_labels_and_a_definition_in_both_languages():
    for key, metric in compare.COMPARABLE_METRICS.items():
        assert metric.key == key
        assert metric.label("en") and metric.label("fr") and metric.source
        assert metric.definition("en") != metric.definition("fr")


def test_launches(con):
    frame = compare.launches(con)
    launch = {r.campaign_id: str(r.launch_date.date()) for r in frame.itertuples()}
    assert launch == {"a": "2025-01-06", "b": "2025-03-03", "c": "2025-05-10", "d": "2025-06-01"}


def test_totals_and_index_on_the_median_of_all_campaigns(con):
    totals = compare.campaign_totals(con, "views")
    assert by_campaign(totals) == {"a": 4000.0, "b": 350.0, "c": 2000.0, "d": None}
    # Median of 4000, 350 and 2000 is 2000: A = 200, B = 17.5, C = 100.
    assert by_campaign(totals, "index") == pytest.approx(
        {"a": 200.0, "b": 17.5, "c": 100.0, "d": None}
    )
    assert by_campaign(totals, "reason")["d"] == "no post in this campaign"


def test_cost_includes_ad_spend_and_cpm_uses_views_where_impressions_are_missing(con):
    assert by_campaign(compare.campaign_totals(con, "cost")) == {
        "a": 300.0, "b": 900.0, "c": 1000.0, "d": None,
    }  # fmt: skip
    cpm = by_campaign(compare.campaign_totals(con, "cpm"))
    # A: 300 / 4000 × 1000; B: 900 / 4000 paid impressions × 1000; C: 1000 / 2000 × 1000.
    assert cpm == pytest.approx({"a": 75.0, "b": 225.0, "c": 500.0, "d": None})


def test_weekly_views_cumulative_with_timing(con):
    series = compare.weekly_series(con, "views")
    assert series_of(series, "a") == [1000.0, 4000.0, 4000.0]  # end date is in week 2
    assert series_of(series, "a", "week_value") == [1000.0, 3000.0, 0.0]
    assert series_of(series, "a", "timing")[0] == "posting_date"
    assert series_of(series, "a", "provenance")[0] == "estimated"
    assert series_of(series, "b") == [100.0, 300.0, 350.0]
    assert series_of(series, "b", "timing")[0] == "daily+paid_spread+posting_date"
    assert series_of(series, "c") == [2000.0]
    assert series_of(series, "d") == [None, None]


def test_weekly_cost_places_fees_on_posting_day_and_spreads_spend(con):
    series = compare.weekly_series(con, "cost")
    assert series_of(series, "b") == [900.0, 900.0, 900.0]
    assert series_of(series, "a") == [100.0, 300.0, 300.0]


def test_weekly_ratio_divides_cumulative_sums(con):
    series = compare.weekly_series(con, "cpm")
    assert series_of(series, "a") == pytest.approx([100.0, 75.0, 75.0])
    er = compare.weekly_series(con, "er_reach")
    assert series_of(er, "a") == pytest.approx([60 / 800, 160 / 2800, 160 / 2800])


def test_benchmark_is_the_median_over_all_campaigns_reaching_the_week(con):
    benchmark = compare.weekly_benchmark(compare.weekly_series(con, "views"))
    rows = {r.week: (r.median, r.campaigns) for r in benchmark.itertuples()}
    assert rows[0] == (1000.0, 3)  # A 1000, B 100, C 2000
    assert rows[1] == (None, 2)  # two campaigns only: below MIN_BENCHMARK_CAMPAIGNS


def test_lift_total_and_weekly(con):
    totals = compare.campaign_totals(con, "ad_recall_lift")
    # Exposed 3/4, control 2/4.
    assert by_campaign(totals)["a"] == pytest.approx(0.25)
    assert by_campaign(totals, "reason")["b"] == "no answers to this question"
    series = compare.weekly_series(con, "ad_recall_lift")
    assert series_of(series, "a", "week") == [0, 1, 2]
    assert series_of(series, "a") == pytest.approx([3 / 4 - 1 / 3, 3 / 4 - 1 / 3, 0.25])
    assert set(series_of(series, "a", "timing")) == {"response_date"}


def test_compare_keeps_the_selection_order_and_the_agency_median(con):
    result = compare.compare(con, "views", ("b", "a"))
    assert result.totals["campaign_id"].tolist() == ["b", "a"]
    assert result.median == 2000.0 and result.campaigns == 3
    assert set(result.series["campaign_id"]) == {"a", "b"}
    assert result.benchmark["week"].tolist() == [0, 1, 2]
    assert result.unit == "count"


def test_compare_cost_metrics_say_lower_is_better(con):
    assert "lower_is_better" in compare.compare(con, "cpm", ("a", "b")).notes


@pytest.mark.parametrize(
    ("metric", "ids", "error", "match"),
    [
        ("likes", ("a", "b"), UnknownMetric, "unknown metric 'likes'"),
        ("views", ("a",), CampaignCount, "not 1"),
        ("views", ("a", "a"), CampaignCount, "not 1"),
        ("views", tuple("abcdefghijk"), CampaignCount, "not 11"),
    ],
)
def test_compare_refuses(con, metric, ids, error, match):
    with pytest.raises(error, match=match):
        compare.compare(con, metric, ids)


def test_empty_database(connection):
    assert compare.campaign_totals(connection, "views").empty
    assert compare.weekly_series(connection, "views").empty
    assert compare.weekly_benchmark(compare.weekly_series(connection, "views")).empty


def test_series_stop_at_max_weeks_but_totals_keep_the_tail(con):
    con.execute(
        "INSERT INTO post_metrics (post_id, metric_date, period, views) "
        "VALUES ('youtube:b1', DATE '2030-01-01', 'day', 7)"
    )
    series = compare.weekly_series(con, "views")
    assert series_of(series, "b") == [100.0, 300.0, 350.0]  # the 2030 row is past MAX_WEEKS
    assert by_campaign(compare.campaign_totals(con, "views"))["b"] == 357.0
