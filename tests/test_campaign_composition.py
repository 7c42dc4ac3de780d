"""Overview and ``sillage report --json`` show one campaign composition (``metrics.campaign``).

For every demo campaign, the numbers Overview reads (its data function, and the cards the page
draws under AppTest) equal the numbers ``sillage report --json`` prints.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import cli
from charts.lift import question_label
from i18n import locale
from i18n.catalogue import text
from metrics import campaign
from metrics.report import json_ready
from store.db import connect

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
EN = "en"


@pytest.fixture(scope="module")
def campaign_ids(demo_db: Path) -> list[str]:
    with connect(demo_db) as connection:
        rows = connection.execute("SELECT campaign_id FROM campaigns ORDER BY 1").fetchall()
    return [row[0] for row in rows]


@pytest.fixture(scope="module")
def reports(demo_db: Path, campaign_ids: list[str]) -> dict[str, dict]:
    """``sillage report --campaign ID --json`` of every demo campaign, as printed."""
    return {campaign_id: _report_json(demo_db, campaign_id) for campaign_id in campaign_ids}


def _report_json(path: Path, campaign_id: str) -> dict:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = cli.main(["report", "--db", str(path), "--campaign", campaign_id, "--json"])
    assert code == 0
    return json.loads(stdout.getvalue())


def test_every_section_of_the_registry_is_printed_once(reports):
    for printed in reports.values():
        assert list(printed) == [section.name for section in campaign.SECTIONS]


def test_the_demo_holds_lifts_grades_and_costs_to_compare(reports):
    # The comparison below is not vacuous: the demo grades targets, measures lifts and prices
    # a lifted user.
    assert sum(len(r["scorecard"]["grades"]) for r in reports.values()) >= 8
    assert sum(len(r["lift"]) for r in reports.values()) >= 8
    assert any(r["cost_per_lifted_user"]["value"] for r in reports.values())
    assert any(r["lift_unavailable_reason"] for r in reports.values()) or all(
        r["lift"] for r in reports.values()
    )


def test_overviews_data_equals_the_report(demo, reports, campaign_ids):
    from ui.metric_cards import campaign_numbers  # the function pages/overview.py reads

    for campaign_id in campaign_ids:
        shown = campaign_numbers(campaign_id, 0.9)
        printed = reports[campaign_id]
        assert shown.campaign.campaign_id == printed["campaign"]["campaign_id"]
        assert json_ready([g.as_dict() for g in shown.grades]) == printed["scorecard"]["grades"]
        lifts = {r.question: json_ready(r.as_dict()) for r in shown.lifts}
        for question, entry in printed["lift"].items():
            assert {k: entry[k] for k in lifts[question]} == lifts[question], question
        assert set(lifts) == set(printed["lift"])
        assert shown.lift_reason == printed["lift_unavailable_reason"]
        assert {k: json_ready(v.value) for k, v in shown.kpis.items()} == {
            k: v["value"] for k, v in printed["kpis"].items()
        }
        frequency = printed["frequency"]
        assert json_ready(shown.frequency.frequency) == frequency["frequency"]
        assert shown.frequency.warnings == tuple(frequency["warnings"])
        low, high = _ends(shown.reach_range)
        assert (low, high) == (frequency["unique_reach_low"], frequency["unique_reach_high"])
        low, high = _ends(shown.frequency_range)
        assert (low, high) == (frequency["frequency_low"], frequency["frequency_high"])
        assert json_ready(shown.cost_per_lifted_user) == printed["cost_per_lifted_user"]


def _ends(measurement) -> tuple[float | None, float | None]:
    if measurement.interval == "bounds":
        return json_ready(measurement.ci_low), json_ready(measurement.ci_high)
    return json_ready(measurement.value), json_ready(measurement.value)


def open_overview(campaign_id: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["campaign"] = campaign_id
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    return at


def _range(low: float | None, high: float | None, decimals: int) -> str:
    if low == high:
        return locale.number(low, decimals, EN)
    if low is None:
        return f"up to {locale.number(high, decimals, EN)}"
    return f"{locale.number(low, decimals, EN)} – {locale.number(high, decimals, EN)}"


def test_overview_cards_show_the_reports_numbers(demo, reports, campaign_ids):
    for campaign_id in campaign_ids:
        printed = reports[campaign_id]
        at = open_overview(campaign_id)
        cards = {m.label: m for m in at.metric}
        for question, entry in printed["lift"].items():
            card = cards[f"{question_label(question, EN)} — {text('lp_lift', EN)}"]
            assert card.value == locale.points(entry["absolute_lift"], lang=EN), question
            interval = f"{locale.points(entry['ci_low'], lang=EN)} … "
            assert card.proto.delta.startswith(interval), (question, card.proto.delta)
        frequency = printed["frequency"]
        reach = cards[text("kpi.reach", EN)]
        assert reach.value == _range(
            frequency["unique_reach_low"], frequency["unique_reach_high"], 0
        )
        shown = cards[text("lp_frequency", EN)].value
        assert shown == _range(frequency["frequency_low"], frequency["frequency_high"], 2)
        cost = printed["cost_per_lifted_user"]
        expected = locale.money(cost["value"], cost["currency"], EN)
        assert cards[text("cost_per_lifted_user", EN)].value == expected, campaign_id
        graded = [m for m in at.metric if m.label == text("lp_value", EN)]
        assert len(graded) == len(printed["scorecard"]["grades"]), campaign_id
