"""``campaign_report`` and ``sillage report`` on the bundled demo data (README: What is in the dashboard, Command line)."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from metrics import (
    brand_lift,
    campaign,
    creators,
    disclosure,
    emv,
    exposure,
    kpis,
    report,
    scorecard,
)
from metrics.filters import Filters
from metrics.report import LIFT_KEYS, campaign_report, json_ready, summary_text
from sample_data import MANIFEST_PATH
from sample_data.loader import load_demo
from store.db import connect

SILLAGE = str(Path(sys.executable).with_name("sillage"))
TRUTH = json.loads((MANIFEST_PATH.parent / "ground_truth.json").read_text(encoding="utf-8"))
CAMPAIGNS = list(TRUTH["campaigns"])

slow = pytest.mark.slow


def strict_loads(text: str):
    def refuse(constant: str):
        raise AssertionError(f"{constant} in the JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "demo.duckdb"
    assert all(result.loaded for result in load_demo(path))
    return path


@pytest.fixture(scope="session")
def reports(demo_db) -> dict[str, dict]:
    with connect(demo_db) as connection:
        return {c: campaign_report(connection, c) for c in CAMPAIGNS}


@pytest.fixture
def demo(demo_db):
    with connect(demo_db) as connection:
        yield connection


# --- JSON values -------------------------------------------------------------------------------


def test_json_ready_turns_every_missing_value_into_none():
    frame = pd.DataFrame({"a": [1.0, np.nan], "b": [pd.Timestamp("2026-03-01"), pd.NaT]})
    values = json_ready(
        {
            "nan": math.nan,
            "inf": -math.inf,
            "na": pd.NA,
            "int": np.int64(3),
            "float": np.float32(0.5),
            "date": dt.date(2026, 3, 1),
            "tuple": (1, np.nan),
            "frame": frame,
            "array": np.array([1.5, np.inf]),
        }
    )
    assert values == {
        "nan": None,
        "inf": None,
        "na": None,
        "int": 3,
        "float": 0.5,
        "date": "2026-03-01",
        "tuple": [1, None],
        "frame": [
            {"a": 1.0, "b": "2026-03-01T00:00:00"},
            {"a": None, "b": None},
        ],
        "array": [1.5, None],
    }
    json.dumps(values, allow_nan=False)


# --- the report on the demo --------------------------------------------------------------------


@slow
@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_every_question_with_survey_data_has_the_spec_keys(reports, campaign_id):
    lift = reports[campaign_id]["lift"]
    questions = TRUTH["campaigns"][campaign_id]["survey"]["questions"]
    assert set(lift) == set(questions)
    for question, entry in lift.items():
        assert set(LIFT_KEYS) <= set(entry), question
        for key in LIFT_KEYS:
            assert entry[key] is not None, f"{question}.{key}"
        assert entry["ci_low"] <= entry["absolute_lift"] <= entry["ci_high"]
        assert isinstance(entry["significant"], bool)
        assert {"certainty", "warnings", "lifted_users", "cost_per_lifted_user"} <= set(entry)


@slow
@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_the_report_is_strict_json(reports, campaign_id):
    text = json.dumps(reports[campaign_id], allow_nan=False, ensure_ascii=False)
    assert strict_loads(text) == reports[campaign_id]
    assert set(reports[campaign_id]) == {name for name, _ in campaign.SECTIONS}


@slow
@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_lift_counts_match_what_the_sample_data_planted(reports, campaign_id):
    survey = TRUTH["campaigns"][campaign_id]["survey"]
    for question, truth in survey["questions"].items():
        entry = reports[campaign_id]["lift"][question]
        observed = truth["observed"]
        assert entry["n_exposed"] == observed["exposed"]["n"]
        assert entry["n_control"] == observed["control"]["n"]
        # Vendors' aggregated exports round rates to four decimals.
        tolerance = 1e-6 if survey["table"] == "survey_responses" else 5e-5
        for group in ("exposed", "control"):
            counts = observed[group]
            rate = counts.get("weighted_rate", counts["rate"])  # Kish-weighted where weighted
            assert entry[f"{group}_rate"] == pytest.approx(rate, abs=tolerance)
        below = any("250" in w for w in entry["warnings"])
        assert below == survey["below_250_per_group"]


@slow
@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_numbers_agree_with_the_metric_functions(demo, reports, campaign_id):
    got = reports[campaign_id]
    filters = Filters(campaign_ids=(campaign_id,))
    direct = {r.question: r.as_dict() for r in brand_lift.lift_by_question(demo, campaign_id)}
    added = ("certainty_label", "method")  # the report's own keys on each lift entry
    assert {
        q: {k: v for k, v in e.items() if k not in added} for q, e in got["lift"].items()
    } == json_ready(direct)
    assert all(e["method"] == "newcombe" for e in got["lift"].values())

    summary = kpis.summary(demo, filters)
    assert {m: e["value"] for m, e in got["kpis"].items()} == {
        m: v.value for m, v in summary.items()
    }
    assert {m: e["provenance"] for m, e in got["kpis"].items()} == {
        m: v.provenance for m, v in summary.items()
    }
    assert all(e["formula"] and e["source"] for e in got["kpis"].values())

    assert got["emv"]["value"] == pytest.approx(emv.emv(demo, filters).value)
    assert got["emv"]["rate_version"]["rates"]
    frequency = exposure.average_frequency(demo, filters)
    assert got["frequency"]["frequency"] == frequency.frequency
    assert got["frequency"]["provenance"] == frequency.provenance

    grades = [g.as_dict() for g in scorecard.scorecard(demo, campaign_id)]
    assert got["scorecard"]["grades"] == json_ready(grades)
    rates = disclosure.disclosure_rates(demo, filters, by="all").iloc[0]
    assert got["disclosure"]["summary"][0]["disclosed"] == rates["disclosed"]

    for question, curve in got["lift_by_exposure"].items():
        expected = brand_lift.lift_by_exposure(demo, campaign_id, question)
        assert [b["absolute_lift"] for b in curve] == [b.absolute_lift for b in expected]

    units = creators.collaboration_units(demo, filters)
    assert len(got["creators"]["collaborations"]) == len(units)


@slow
@pytest.mark.parametrize("campaign_id", CAMPAIGNS)
def test_report_matches_the_planted_truth(reports, campaign_id):
    truth = TRUTH["campaigns"][campaign_id]
    got = reports[campaign_id]
    summary = got["disclosure"]["summary"][0]
    for status, count in truth["totals"]["disclosure"].items():
        assert summary[status] == count
    assert got["creators"]["repeat_collaborations"] == len(truth["totals"]["returning_creators"])
    assert got["kpis"]["engagements"]["value"] == truth["totals"]["post_engagements"]
    assert got["campaign"]["objective"] == truth["objective"]


@slow
def test_frequency_distribution_and_exposure_curve_match_the_planted_truth(reports):
    got = reports["trail-series-2026"]
    planted = TRUTH["exposure_log"]["persons_with_at_least"]
    assert {b["bucket"]: b["people"] for b in got["frequency_distribution"]["buckets"]} == planted
    assert got["cumulative_reach"][-1]["cumulative_reach"] == TRUTH["exposure_log"]["persons"]

    eclat = reports["eclat-de-printemps-2025"]
    truth = TRUTH["campaigns"]["eclat-de-printemps-2025"]["survey"]["questions"]["ad_recall"]
    curve = eclat["lift_by_exposure"]["ad_recall"]
    observed = truth["observed"]["by_exposures"]
    assert [b["exposure_bucket"] for b in curve] == ["1", "2", "3", "4+"]
    assert [b["n_exposed"] for b in curve] == [observed[k]["n"] for k in ("1", "2", "3", "4+")]


@slow
def test_scorecard_in_the_report(reports):
    fetes = {g["key"]: g for g in reports["les-fetes-vertes-2025"]["scorecard"]["grades"]}
    assert fetes["repeat_collaborations"]["status"] == "met"  # 3 returning creators, target 3
    marathon = {g["key"]: g for g in reports["marathon-season-2025"]["scorecard"]["grades"]}
    # Even reach summed across posts (an over-count) stays under the 400,000 target.
    assert marathon["reach"]["status"] == "missed" and marathon["reach"]["interval"] == "bounds"
    assert marathon["ad_recall_lift"]["status"] == "met"
    counts = reports["marathon-season-2025"]["scorecard"]["counts"]
    assert sum(counts.values()) == len(marathon)
    objective = reports["eclat-de-printemps-2025"]["objective"]
    assert [m["key"] for m in objective["primary_metrics"]] == list(
        scorecard.primary_metrics("awareness")
    )


@slow
def test_sections_for_the_other_families(reports):
    got = reports["collection-ete-2026"]
    assert [c["this_campaign"] for c in got["favorability_over_time"]][-1] is True
    assert all(c["campaign_id"] for c in got["favorability_over_time"])
    assert {a["outcome"] for a in got["adstock"]} == {"survey", "engagements"}
    assert all({"theta", "theta_low", "theta_high", "half_life"} <= set(a) for a in got["adstock"])
    assert got["creators"]["by_collaboration_number"]
    assert "direction" in got["creators"]["relationship_trend"]
    assert got["perception"]["overall"]["comments"] > 0
    assert got["recall"]["aided_ad_recall"]["question"] == "ad_recall"
    # Every interval names the method that made it.
    assert {a["method"] for a in got["adstock"]} == {"profile"}
    assert all(isinstance(a["indicative"], bool) for a in got["adstock"])
    assert got["creators"]["relationship_trend"]["method"] == "t-cluster"
    methods = {r["method"] for r in got["creators"]["by_collaboration_number"]}
    assert methods == {"log-t-lognormal-floor"}
    assert {c["method"] for c in got["favorability_over_time"]} == {"newcombe"}
    assert got["perception"]["overall"]["method"] == "adjusted-wald"
    assert got["perception"]["brand_mentions"]["method"] == "wilson"
    assert got["emv"]["illustrative"] is True and got["emv"]["provenance"] == "estimated"


@slow
def test_missing_optional_modules_leave_their_sections_empty(demo, monkeypatch):
    monkeypatch.setattr(scorecard, "optional_module", lambda name: None)
    monkeypatch.setattr(report, "optional_module", lambda name: None)
    got = campaign_report(demo, "spring-run-2025")
    assert got["perception"] is None and got["recall"] is None
    assert got["report"]["modules_missing"] == ["perception", "recall"]
    measured = scorecard.measure(
        scorecard.CampaignMetrics(demo, scorecard.load_campaign(demo, "spring-run-2025")),
        "net_sentiment",
    )
    assert measured.value is None and measured.reason == "metrics.perception is not installed"


@slow
def test_unknown_campaign_and_confidence(demo, reports):
    with pytest.raises(report.UnknownCampaign, match="no campaign 'nope'"):
        campaign_report(demo, "nope")
    wider = campaign_report(demo, "trail-series-2026", confidence=0.95)
    narrow = reports["trail-series-2026"]
    assert wider["lift"]["ad_recall"]["ci_low"] < narrow["lift"]["ad_recall"]["ci_low"]
    assert wider["report"]["confidence"] == 0.95


@slow
def test_summary_text(reports):
    text = summary_text(reports["trail-series-2026"])
    assert text.splitlines()[0] == "Trail Series 2026 (trail-series-2026) — Stride Lab"
    assert "targets: 2 met, 0 likely met, 1 inconclusive, 0 unlikely, 0 missed" in text
    assert "purchase_intent: +4.0 pts" in text


# --- the command line --------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SILLAGE, *args], capture_output=True, text=True, timeout=120)


@slow
def test_sillage_report_json(demo_db, reports):
    done = run("report", "--db", str(demo_db), "--campaign", "eclat-de-printemps-2025", "--json")
    assert done.returncode == 0, done.stderr
    printed = strict_loads(done.stdout)
    assert printed == reports["eclat-de-printemps-2025"]
    for entry in printed["lift"].values():
        assert set(LIFT_KEYS) <= set(entry)


@slow
def test_sillage_report_errors(demo_db, tmp_path):
    unknown = run("report", "--db", str(demo_db), "--campaign", "eclat-2025", "--json")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.startswith("sillage report: no campaign 'eclat-2025' in this database")
    missing = run("report", "--db", str(tmp_path / "none.duckdb"), "--campaign", "x")
    assert missing.returncode == 1 and "no database at" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()
    bad = run("report", "--db", str(demo_db), "--campaign", "x", "--confidence", "1.5")
    assert bad.returncode == 2 and "strictly between 0 and 1" in bad.stderr


@slow
def test_sillage_report_text_and_confidence(demo_db):
    done = run("report", "--db", str(demo_db), "--campaign", "trail-series-2026")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Trail Series 2026 (trail-series-2026)")
    assert "brand lift (90% intervals):" in done.stdout
    wide = run(
        "report", "--db", str(demo_db), "--campaign", "trail-series-2026", "--json",
        "--confidence", "0.95",
    )  # fmt: skip
    assert strict_loads(wide.stdout)["lift"]["ad_recall"]["confidence"] == 0.95
