"""Creator fit: in-target share, overlap index, score and ranks, on hand-computed data and the demo."""

from __future__ import annotations

import inspect
import json
import math

import duckdb
import pandas as pd
import pytest

from metrics import creator_fit
from metrics.filters import Filters
from sample_data import GROUND_TRUTH_PATH
from store import post_totals
from store.campaigns import get_campaign, update_campaign
from store.target_audience import TargetAudience, TargetAudienceError, parse_target
from tests.test_metrics_creators import insert

TARGET = {"age": ["18-24", "25-34"], "gender": ["female"], "country": ["FR", "BE"]}


def audience(connection, creator_id: str, dimension: str, shares: dict, as_of="2026-05-01",
             kind: str = "share") -> None:  # fmt: skip
    insert(
        connection,
        "audience",
        [
            {
                "platform": creator_id.split(":")[0],
                "creator_id": creator_id,
                "dimension": dimension,
                "value": value,
                "share": share if kind == "share" else None,
                "count": share if kind == "count" else None,
                "as_of": as_of,
            }
            for value, share in shares.items()
        ],
    )


def post(connection, post_id: str, creator_id: str, campaign_id: str, reach: int, likes: int):
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored) VALUES (?, ?, ?, ?, ?, '2026-02-01', true)",
        [post_id, creator_id.split(":")[0], post_id, creator_id, campaign_id],
    )
    connection.execute(
        "INSERT INTO post_metrics (post_id, metric_date, period, reach, likes) "
        "VALUES (?, '2026-03-01', 'lifetime', ?, ?)",
        [post_id, reach, likes],
    )


@pytest.fixture
def roster(connection):
    """Five creators, one past campaign for the brand, and a next one with a target audience.

    ana: age .3/.4/.3, women .8, FR .5 BE .1 MA .2 (20 % unlisted); ER .05.
    bo (900k followers): age .1/.2/.7, women .3, FR .9; ER .01.
    cy (YouTube): age 18-24 .5, 45-54 .5; women .6; views FR 600, BE 200, US 200; no posts.
    dee (TikTok): women .9, FR .8, no age export; ER .10.
    eve: no audience export; ER .03.
    """
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, start_date, currency) VALUES "
        "('past', 1, 'Past', '2026-01-01', 'EUR'), ('next', 1, 'Next', '2026-06-01', 'EUR')"
    )
    for creator_id, followers in (
        ("instagram:ana", 50_000),
        ("instagram:bo", 900_000),
        ("youtube:cy", 120_000),
        ("tiktok:dee", 30_000),
        ("instagram:eve", 20_000),
    ):
        platform, handle = creator_id.split(":")
        connection.execute(
            "INSERT INTO creators (creator_id, platform, handle, followers) VALUES (?, ?, ?, ?)",
            [creator_id, platform, handle, followers],
        )
    audience(connection, "instagram:ana", "age", {"18-24": 0.3, "25-34": 0.4, "35-44": 0.3})
    # An older export of ana's ages: the latest one counts.
    audience(connection, "instagram:ana", "age", {"18-24": 1.0}, as_of="2025-01-01")
    audience(connection, "instagram:ana", "gender", {"female": 0.8, "male": 0.2})
    audience(connection, "instagram:ana", "country", {"FR": 0.5, "BE": 0.1, "MA": 0.2})
    audience(connection, "instagram:bo", "age", {"18-24": 0.1, "25-34": 0.2, "35-44": 0.7})
    audience(connection, "instagram:bo", "gender", {"female": 0.3, "male": 0.7})
    audience(connection, "instagram:bo", "country", {"FR": 0.9})
    audience(connection, "youtube:cy", "age", {"age18-24": 0.5, "age45-54": 0.5})
    audience(connection, "youtube:cy", "gender", {"female": 0.6, "male": 0.4})
    audience(connection, "youtube:cy", "country", {"FR": 600, "BE": 200, "US": 200}, kind="count")
    audience(connection, "tiktok:dee", "gender", {"female": 0.9, "male": 0.1})
    audience(connection, "tiktok:dee", "country", {"FR": 0.8, "BE": 0.0})
    audience(connection, "tiktok:dee", "hour", {"20": 0.5})  # follower activity: not a fit
    post(connection, "a1", "instagram:ana", "past", 1000, 50)
    post(connection, "b1", "instagram:bo", "past", 10_000, 100)
    post(connection, "d1", "tiktok:dee", "past", 1000, 100)
    post(connection, "e1", "instagram:eve", "past", 1000, 30)
    post_totals.rebuild(connection)
    update_campaign(connection, "next", target_audience=TARGET)
    return connection


def test_in_target_share_overlap_and_ranks_hand_computed(roster):
    frame = creator_fit.creator_fit(roster, "next", Filters())
    rows = frame.set_index("handle")
    expected_share = {"ana": 0.7 * 0.8 * 0.6, "bo": 0.3 * 0.3 * 0.9, "cy": 0.5 * 0.6 * 0.8,
                      "dee": 0.9 * 0.8}  # fmt: skip
    for handle, share in expected_share.items():
        assert rows.loc[handle, "in_target_share"] == pytest.approx(share)
    # Bhattacharyya coefficients with the target spread evenly over its values.
    ana_overlap = (
        (math.sqrt(0.3 * 0.5) + math.sqrt(0.4 * 0.5))
        * math.sqrt(0.8)
        * (math.sqrt(0.5 * 0.5) + math.sqrt(0.1 * 0.5))
    )
    assert rows.loc["ana", "overlap_index"] == pytest.approx(ana_overlap)
    assert rows.loc["ana", "overlap_index"] == pytest.approx(0.54011, abs=1e-5)
    assert rows.loc["cy", "overlap_country"] == pytest.approx(
        math.sqrt(0.6 * 0.5) + math.sqrt(0.2 * 0.5)
    )
    # Engagement factor: ER over the platform's median (instagram .05, .01, .03 → .03), in [.5, 2].
    assert rows.loc["ana", "er_factor"] == pytest.approx(0.05 / 0.03)
    assert rows.loc["bo", "er_factor"] == pytest.approx(0.5)
    assert rows.loc["cy", "er_factor"] == 1.0  # no rate
    assert rows.loc["ana", "score"] == pytest.approx(0.336 * 0.05 / 0.03)
    # Score ranks: ana .56, cy .24, bo .0405; then dee (.72, but no age export: after those
    # whose exports cover the whole target); eve has no export and no rank, last.
    assert frame["handle"].tolist() == ["ana", "cy", "bo", "dee", "eve"]
    assert frame["rank"].tolist() == [1, 2, 3, 4, None]
    assert [rows.loc[h, "fit_rank"] for h in ("ana", "cy", "bo", "dee")] == [1, 2, 3, 4]
    # The biggest account ranks last of those with an export: followers play no part.
    assert rows.loc["bo", "followers"] == 900_000


def test_missing_dimension_and_missing_export_are_said(roster):
    rows = creator_fit.creator_fit(roster, "next", Filters()).set_index("handle")
    assert rows.loc["dee", "audience"] == creator_fit.PARTIAL
    assert rows.loc["dee", "missing_dimensions"] == ["age"]
    assert "not exported: age" in rows.loc["dee", "note"]
    assert rows.loc["eve", "audience"] == creator_fit.NONE
    assert rows.loc["eve", "in_target_share"] is None
    assert rows.loc["eve", "note"].startswith("no audience export")
    assert "pas d'export d'audience" in rows.loc["eve", "note"].render("fr")


def test_past_results_for_the_brand(roster):
    rows = creator_fit.creator_fit(roster, "next", Filters()).set_index("handle")
    assert rows.loc["ana", "past_campaigns"] == 1
    assert rows.loc["ana", "past_er_reach"] == pytest.approx(0.05)
    assert rows.loc["ana", "past_lift"] is None  # no survey
    assert rows.loc["cy", "past_campaigns"] == 0


def test_client_view_lists_only_the_creators_of_its_posts(roster):
    frame = creator_fit.creator_fit(roster, "next", Filters(campaign_ids=("past",)), roster=False)
    assert sorted(frame["handle"]) == ["ana", "bo", "dee", "eve"]


def test_joint_export_replaces_the_product():
    rows = pd.DataFrame(
        {
            "dimension": ["age|gender"] * 4 + ["country"],
            "value": ["18-24|female", "18-24|male", "35-44|female", "35-44|male", "FR"],
            "share": [0.5, 0.1, 0.1, 0.3, 1.0],
            "count": [None] * 5,
            "as_of": [pd.Timestamp("2026-01-01")] * 5,
        }
    )
    target = TargetAudience(age=("18-24",), gender=("female",), country=("FR",))
    fits, missing, _ = creator_fit.audience_fit(rows, target)
    assert missing == []
    # Joint share .5, where the product of marginals would say .6 × .6 = .36.
    assert fits["age|gender"].in_target == pytest.approx(0.5)
    assert fits["age|gender"].overlap == pytest.approx(math.sqrt(0.5))


def test_distribution_from_counts_and_oversized_shares():
    assert creator_fit.distribution([("FR", None, 3), ("BE", None, 1)], "country") == {
        "FR": 0.75,
        "BE": 0.25,
    }
    assert creator_fit.distribution([("a", 0.8, None), ("b", 0.4, None)], "x") == pytest.approx(
        {"a": 2 / 3, "b": 1 / 3}
    )
    assert creator_fit.distribution([("Age 25 - 34", 0.4, None)], "age") == {"25-34": 0.4}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ('{"age": ["age18-24", "25-34"]}', TargetAudience(age=("18-24", "25-34"))),
        ({"gender": "Female", "country": ["fr", "BE", "FR"]},
         TargetAudience(gender=("female",), country=("FR", "BE"))),
        ("", TargetAudience()),
    ],
)  # fmt: skip
def test_target_audience_is_read(given, expected):
    assert parse_target(given) == expected


@pytest.mark.parametrize(
    ("given", "match"),
    [
        ('{"age": ["18-24"', "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"ages": ["18-24"]}', "no dimension called"),
        ('{"age": ["young"]}', "“young” is not an age band"),
        ('{"gender": ["women"]}', "“women” is not a gender: use female, male, other"),
        ('{"country": ["France"]}', "“France” is not an ISO 3166 country code"),
    ],
)
def test_bad_target_audience_says_what(given, match):
    with pytest.raises(TargetAudienceError, match=match):
        parse_target(given)


def test_target_audience_is_stored_and_cleared(connection):
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
    connection.execute("INSERT INTO campaigns (campaign_id, client_id, name) VALUES ('c', 1, 'C')")
    update_campaign(connection, "c", target_audience='{"country": ["be"]}')
    assert get_campaign(connection, "c").target_audience == {"country": ["BE"]}
    stored = connection.execute("SELECT target_audience FROM campaigns").fetchone()[0]
    assert json.loads(stored) == {"country": ["BE"]}
    update_campaign(connection, "c", target_audience={})
    assert get_campaign(connection, "c").target_audience == {}
    with pytest.raises(TargetAudienceError):
        update_campaign(connection, "c", target_audience={"country": ["Narnia"]})


def test_campaign_without_target_ranks_nobody(roster):
    update_campaign(roster, "next", target_audience={})
    frame = creator_fit.creator_fit(roster, "next", Filters())
    assert frame["rank"].isna().all()
    assert all(note.startswith("this campaign has no target audience") for note in frame["note"])


def test_unknown_campaign(roster):
    with pytest.raises(creator_fit.UnknownCampaign):
        creator_fit.creator_fit(roster, "nope", Filters())


def test_public_functions_have_a_docstring():
    for name, function in inspect.getmembers(creator_fit, inspect.isfunction):
        if function.__module__ == creator_fit.__name__ and not name.startswith("_"):
            assert inspect.getdoc(function), name


@pytest.fixture(scope="module")
def demo_connection(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as connection:
        yield connection


@pytest.mark.parametrize(
    ("client", "campaign_id"),
    [
        ("Maison Aurore", "collection-ete-2026"),
        ("Stride Lab", "trail-series-2026"),
        ("Les Délices Verts", "les-fetes-vertes-2025"),
    ],
)
def test_demo_fit_ranks_are_the_planted_ones(demo_connection, client, campaign_id):
    truth = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))["creator_fit"][client]
    assert (
        creator_fit.campaign_target(demo_connection, campaign_id).as_json()
        == (truth["target_audience"])
    )
    frame = creator_fit.creator_fit(demo_connection, campaign_id, Filters())
    # Every demo creator has an audience export; brand channels are no candidates.
    assert set(frame["creator_id"]) == set(truth["in_target_share"])
    assert frame["rank"].notna().all()
    by_fit = frame.sort_values("fit_rank")
    assert by_fit["creator_id"].tolist() == truth["fit_order"]
    for creator_id, share in truth["in_target_share"].items():
        got = frame.loc[frame["creator_id"] == creator_id, "in_target_share"].item()
        assert got == pytest.approx(share, abs=1e-6), creator_id
    partial = set(frame.loc[frame["audience"] == creator_fit.PARTIAL, "creator_id"])
    assert partial == set(truth["without_age_export"])
