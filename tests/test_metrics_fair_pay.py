"""Fair pay: costs per 1,000 views, per engagement and per lifted user against peers, hand-computed."""

from __future__ import annotations

import inspect
import json

import duckdb
import pytest

from access.redact import redact_costs
from metrics import fair_pay
from metrics.filters import Filters
from sample_data import GROUND_TRUTH_PATH
from store import post_totals

AMOUNTS = (
    "fee",
    "fee_per_post",
    *fair_pay.PAY_METRICS,
    *(f"peer_median_{m}" for m in fair_pay.PAY_METRICS),
    "fee_per_post_change",
    "cost_per_1000_views_change",
)


def creator(connection, creator_id: str, followers: int) -> None:
    platform, handle = creator_id.split(":")
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle, followers) VALUES (?, ?, ?, ?)",
        [creator_id, platform, handle, followers],
    )


def post(connection, post_id, creator_id, campaign_id, day, fee, views=10_000, likes=100,
         reach=5000, currency=None):  # fmt: skip
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "sponsored, cost, cost_currency) VALUES (?, ?, ?, ?, ?, ?, true, ?, ?)",
        [post_id, creator_id.split(":")[0], post_id, creator_id, campaign_id, day, fee, currency],
    )
    connection.execute(
        "INSERT INTO post_metrics (post_id, metric_date, period, views, likes, reach) "
        "VALUES (?, '2026-12-01', 'lifetime', ?, ?, ?)",
        [post_id, views, likes, reach],
    )


@pytest.fixture
def agency(connection):
    """Six Instagram micro creators (50k) in c1, 10,000 views a post: fees 100, 120, 80, 100,
    500 (far above) and 20 (far below); ana paid 150 in c4, her second campaign for Brand; a
    lone TikTok creator; a collaboration paid in EUR and USD; one in GBP. c1's survey: awareness
    30 % exposed against 20 % control, a lift of 10 points."""
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand'), (2, 'Other')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, currency) VALUES "
        "('c1', 1, 'One', 'EUR'), ('c2', 2, 'Two', 'EUR'), ('c3', 2, 'Three', 'GBP'), "
        "('c4', 1, 'Four', 'EUR')"
    )
    fees = {"ana": 100, "ben": 120, "cat": 80, "dan": 100, "eli": 500, "fay": 20}
    for handle, fee in fees.items():
        creator(connection, f"instagram:{handle}", 50_000)
        post(connection, f"{handle}1", f"instagram:{handle}", "c1", "2026-02-01", fee)
    post(connection, "ana2", "instagram:ana", "c4", "2026-05-01", 150)
    creator(connection, "tiktok:gus", 50_000)
    post(connection, "gus1", "tiktok:gus", "c1", "2026-02-01", 100)
    creator(connection, "instagram:hal", 50_000)
    post(connection, "hal1", "instagram:hal", "c2", "2026-02-01", 100)
    post(connection, "hal2", "instagram:hal", "c2", "2026-02-02", 100, currency="USD")
    creator(connection, "instagram:ivy", 50_000)
    post(connection, "ivy1", "instagram:ivy", "c3", "2026-02-01", 100)
    connection.execute(
        'INSERT INTO survey_results (campaign_id, question, "group", respondents, '
        "positive_count) VALUES ('c1', 'awareness', 'exposed', 1000, 300), "
        "('c1', 'awareness', 'control', 1000, 200)"
    )
    post_totals.rebuild(connection)
    return connection


def by_collaboration(frame):
    return frame.set_index(["handle", "campaign_id"])


def test_costs_hand_computed(agency):
    rows = by_collaboration(fair_pay.fair_pay(agency, Filters()))
    ana = rows.loc[("ana", "c1")]
    assert ana["fee"] == 100 and ana["fee_per_post"] == 100
    assert ana["cost_per_1000_views"] == pytest.approx(100 / 10_000 * 1000)  # 10
    assert ana["cost_per_engagement"] == pytest.approx(1.0)
    assert ana["lifted_users"] == pytest.approx(0.1 * 5000)
    assert ana["cost_per_lifted_user"] == pytest.approx(100 / 500)
    assert ana["tier"] == "micro" and ana["currency"] == "EUR"
    assert rows.loc[("ana", "c4"), "cost_per_lifted_user"] is None  # c4 has no survey
    assert "no brand-lift survey" in rows.loc[("ana", "c4"), "note"]


def test_the_two_far_off_fees_are_flagged(agency):
    rows = by_collaboration(fair_pay.fair_pay(agency, Filters()))
    marks = rows["mark_cost_per_1000_views"].to_dict()
    assert marks[("eli", "c1")] == fair_pay.ABOVE
    assert marks[("fay", "c1")] == fair_pay.BELOW
    for key in (("ana", "c1"), ("ana", "c4"), ("ben", "c1"), ("cat", "c1"), ("dan", "c1")):
        assert marks[key] == fair_pay.WITHIN
    # eli's peers: ana 10 and 15, ben 12, cat 8, dan 10, fay 2 → median 10 (range 5 to 20).
    assert rows.loc[("eli", "c1"), "peers_cost_per_1000_views"] == 6
    assert rows.loc[("eli", "c1"), "peer_median_cost_per_1000_views"] == pytest.approx(10)
    # fay's peers: 10, 15, 12, 8, 10, 50 → median 11.
    assert rows.loc[("fay", "c1"), "peer_median_cost_per_1000_views"] == pytest.approx(11)


def test_too_few_peers_and_other_currencies(agency):
    rows = by_collaboration(fair_pay.fair_pay(agency, Filters()))
    gus = rows.loc[("gus", "c1")]
    assert gus["mark_cost_per_1000_views"] == fair_pay.TOO_FEW
    assert gus["peer_median_cost_per_1000_views"] is None
    assert "0 peers of the same platform, tier and currency: at least 4 needed" in gus["note"]
    # ivy is paid in GBP: the EUR collaborations are no peers of hers, nor she of theirs.
    ivy = rows.loc[("ivy", "c3")]
    assert ivy["currency"] == "GBP" and ivy["peers_cost_per_1000_views"] == 0
    assert ivy["mark_cost_per_1000_views"] == fair_pay.TOO_FEW


def test_mixed_currencies_are_never_added(agency):
    hal = by_collaboration(fair_pay.fair_pay(agency, Filters())).loc[("hal", "c2")]
    assert hal["fee"] is None and hal["currency"] is None
    assert hal["cost_per_1000_views"] is None and hal["mark_cost_per_1000_views"] is None
    assert "fees in several currencies (EUR, USD): not added" in hal["note"]
    assert "EUR, USD" in hal["note"].render("fr")


def test_pay_across_repeat_collaborations(agency):
    history = fair_pay.pay_across_collaborations(agency, Filters())
    assert history["handle"].tolist() == ["ana", "ana"]
    assert history["collaboration_number"].tolist() == [1, 2]
    assert history["fee_per_post"].tolist() == [100, 150]
    assert history["fee_per_post_change"].iloc[1] == pytest.approx(0.5)
    assert history["cost_per_1000_views_change"].iloc[1] == pytest.approx(0.5)
    assert history["fee_per_post_change"].iloc[0] is None


def test_filters_choose_the_rows_not_the_peers(agency):
    frame = fair_pay.fair_pay(agency, Filters(campaign_ids=("c1",), platforms=("instagram",)))
    assert sorted(frame["handle"]) == ["ana", "ben", "cat", "dan", "eli", "fay"]
    # eli still has six peers: ana's second campaign (c4) counts although it is not shown.
    eli = frame[frame["handle"] == "eli"].iloc[0]
    assert eli["peers_cost_per_1000_views"] == 6


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, "nano"),
        (9_999, "nano"),
        (10_000, "micro"),
        (99_999, "micro"),
        (100_000, "mid"),
        (499_999, "mid"),
        (500_000, "macro"),
        (999_999, "macro"),
        (1_000_000, "mega"),
        (None, None),
    ],
)
def test_tier_boundaries(followers, tier):
    assert fair_pay.follower_tier(followers) == tier


def test_hidden_costs_leave_no_amount(agency):
    for frame in (
        fair_pay.fair_pay(agency, Filters()),
        fair_pay.pay_across_collaborations(agency, Filters()),
    ):
        hidden = redact_costs(frame)
        assert not set(AMOUNTS) & set(hidden.columns)
        assert "currency" not in hidden.columns


def test_no_collaborations(connection):
    assert fair_pay.fair_pay(connection, Filters()).empty
    assert fair_pay.pay_across_collaborations(connection, Filters()).empty


def test_public_functions_have_a_docstring():
    for name, function in inspect.getmembers(fair_pay, inspect.isfunction):
        if function.__module__ == fair_pay.__name__ and not name.startswith("_"):
            assert inspect.getdoc(function), name


def test_demo_flags_the_two_planted_fees(demo_db):
    truth = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))["fees_far_off"]
    planted = {(t["creator_id"], t["campaign_id"]): t["mark"] for t in truth}
    assert sorted(planted.values()) == ["above", "below"]
    with duckdb.connect(str(demo_db), read_only=True) as connection:
        frame = fair_pay.fair_pay(connection, Filters())
    marks = {
        (c, k): m
        for c, k, m in zip(
            frame["creator_id"],
            frame["campaign_id"],
            frame["mark_cost_per_1000_views"],
            strict=True,
        )
    }
    for key, mark in planted.items():
        assert marks[key] == mark, key
    others = {m for key, m in marks.items() if key not in planted}
    assert others <= {fair_pay.WITHIN, fair_pay.TOO_FEW}
    assert fair_pay.WITHIN in others


def test_report_json_carries_fit_and_fair_pay(demo_db, capsys):
    import cli

    code = cli.main(["report", "--campaign", "collection-ete-2026", "--json", "--db", str(demo_db)])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    fit = report["creator_fit"]
    assert fit["target_audience"] == {
        "age": ["18-24", "25-34"],
        "gender": ["female"],
        "country": ["FR", "BE"],
    }
    assert fit["ranking"][0]["handle"] == "lea.glow" and fit["ranking"][0]["rank"] == 1
    assert "Bhattacharyya" in fit["definitions"]["overlap_index"]
    pay = {row["handle"]: row for row in report["fair_pay"]["collaborations"]}
    assert pay["ines.beaute"]["mark_cost_per_1000_views"] == "above"
    assert pay["ines.beaute"]["currency"] == "EUR"
    across = report["fair_pay"]["across_collaborations"]
    assert {row["handle"] for row in across} >= {"lea.glow", "emma.makeup"}


def test_a_clients_peers_are_its_own_collaborations_only(agency):
    """Under a client's link, no median is drawn from another client's fees."""
    creator(agency, "instagram:kim", 50_000)
    post(agency, "kim1", "instagram:kim", "c2", "2026-02-01", 1000)  # Other's: 100 per 1,000 views
    post_totals.rebuild(agency)
    brand = Filters(client_id=1)
    everyone = by_collaboration(fair_pay.fair_pay(agency, brand))
    own = by_collaboration(fair_pay.fair_pay(agency, brand, peers_within=brand))
    assert everyone.loc[("eli", "c1"), "peers_cost_per_1000_views"] == 7  # kim counted
    assert own.loc[("eli", "c1"), "peers_cost_per_1000_views"] == 6  # ana ×2, ben, cat, dan, fay
    assert own.loc[("eli", "c1"), "peer_median_cost_per_1000_views"] == pytest.approx(10)
    assert set(own.index.get_level_values("campaign_id")) == {"c1", "c4"}
