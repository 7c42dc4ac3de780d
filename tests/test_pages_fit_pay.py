"""The Creators page's "Fit for the next campaign" and "Fair pay" sections, in English and
French, for the agency and under share links that show or hide costs (AppTest on the demo)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from i18n import catalogue
from metrics.creator_fit import creator_fit
from metrics.fair_pay import fair_pay
from metrics.filters import Filters
from sample_data import GROUND_TRUTH_PATH
from tests.test_pages_exposure_creators import open_page
from tests.test_pages_share import new_link, run, visible_text

PAGE = "pages/creators.py"
FEES_FAR_OFF = json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))["fees_far_off"]


def frame_with(at, column: str):
    return next(f.value for f in at.dataframe if column in f.value.columns)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sections_in_both_languages(demo: Path, lang: str):
    at = open_page(PAGE, lang=lang)
    subheaders = [s.value for s in at.subheader]
    assert catalogue.text("fit.title", lang) in subheaders
    assert catalogue.text("pay.title", lang) in subheaders
    text = visible_text(at)
    assert catalogue.text("pay.definition", lang) in text
    # The ranking names its rows and ranks the creators as the metric does.
    fit = frame_with(at, "in_target_share")
    chosen = at.selectbox(key="fit.campaign").value
    with duckdb.connect(str(demo), read_only=True) as connection:
        expected = creator_fit(connection, chosen, Filters())
        pay = fair_pay(connection, Filters())
    assert fit["handle"].tolist() == expected["handle"].tolist()
    assert fit.columns[:2].tolist() == ["rank", "handle"]
    # The two planted fees carry their marks, in the page's language.
    shown = frame_with(at, "mark_cost_per_1000_views")
    assert len(shown) == len(pay)
    for planted in FEES_FAR_OFF:
        handle = planted["creator_id"].split(":")[1]
        campaign = pay.loc[pay["campaign_id"] == planted["campaign_id"], "campaign"].iloc[0]
        row = shown[(shown["handle"] == handle) & (shown["campaign"] == campaign)]
        assert row["mark_cost_per_1000_views"].tolist() == [
            catalogue.text(f"pay.mark_{planted['mark']}", lang)
        ]
    assert at.selectbox(key="fit.campaign").options  # campaigns with a target audience
    assert not at.error


def test_a_link_that_hides_costs_shows_no_amount_of_fair_pay(demo: Path):
    token = new_link(demo, "Maison Aurore", hide_costs=True)
    at = run({"share": token}, PAGE)
    text = visible_text(at)
    assert "Costs are hidden in this view." in text
    assert "Fit for the next campaign" in text
    for frame in at.dataframe:
        columns = set(frame.value.columns)
        assert not columns & {"fee", "fee_per_post", "cost_per_1000_views", "currency"}
        assert "mark_cost_per_1000_views" not in columns
    assert "€" not in text and "EUR" not in text
    # The ranking lists the link's creators only.
    fit = frame_with(at, "in_target_share")
    assert "runclub.theo" not in set(fit["handle"])


def test_a_link_that_shows_costs_shows_fair_pay(demo: Path):
    token = new_link(demo, "Maison Aurore")
    at = run({"share": token}, PAGE)
    shown = frame_with(at, "mark_cost_per_1000_views")
    columns = {c for frame in at.dataframe for c in frame.value.columns}
    assert {"fee", "cost_per_1000_views", "peer_median_cost_per_1000_views"} <= columns
    assert "ines.beaute" in set(shown["handle"])
