"""Ad exports in any ISO 4217 currency and broken down by day, week, age, gender, placement,
platform, country or region (issue 18, items 1 and 2).

Fixtures: tests/data/formats/meta_ads__<locale>_<breakdown>.csv, written from the column names
Meta Ads Manager exports ("Reporting starts", "Amount spent (MAD)", "Day", "Age", "Gender",
"Placement", "Platform", "Country", "Region", "Week"; French "Jour", "Âge", "Sexe", "Pays",
"Région", "Emplacement", "Plateforme").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest import Assignment, ingest_path
from ingest.formats import (
    currency_code,
    currency_info,
    detect,
    format_money,
    header_currency,
    normalise_header,
)
from ingest.sniff import sniff
from metrics import kpis
from metrics.filters import Filters
from store.db import connect

FORMATS = Path(__file__).parent / "data" / "formats"


def _assignment(campaign: str | None = None) -> Assignment:
    return Assignment(
        campaign_id=campaign,
        client_name="Agence Test",
        creator_handle=None,
        as_of=dt.date(2026, 10, 2),
    )


def _value(frame, metric: str):
    return frame[frame.metric == metric].iloc[0]


# --- currencies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "code", "plain"),
    [
        ("Amount spent (MAD)", "MAD", "amount spent"),
        ("Amount spent (XOF)", "XOF", "amount spent"),
        ("Montant dépensé (TND)", "TND", "montant depense"),
        ("Amount spent (EGP)", "EGP", "amount spent"),
        ("Amount spent (BRL)", "BRL", "amount spent"),
        ("Montant dépensé (CHF)", "CHF", "montant depense"),
        ("Amount spent (eur)", "EUR", "amount spent"),
        ("CPM (cost per 1,000 impressions) (USD)", "USD", "cpm (cost per 1,000 impressions)"),
        ("Duration (sec)", None, "duration (sec)"),
        ("Watch time (hours)", None, "watch time (hours)"),
        ("Amount spent (XYZ)", None, "amount spent (xyz)"),
    ],
)
def test_any_iso_4217_code_in_a_header(header, code, plain):
    assert header_currency(header) == code
    assert normalise_header(header) == plain


def test_symbol_and_decimals_come_from_cldr():
    assert currency_info("JPY")[1] == 0
    assert currency_info("TND")[1] == 3
    assert currency_info("MAD")[1] == 2
    assert currency_info("EUR", "fr")[0] == "€"
    assert format_money(1234.5, "TND", "fr") == "1\u202f234,500\u00a0TND"
    assert format_money(1234.5, "JPY") == "¥1,234"
    assert currency_code(" mad ") == "MAD" and currency_code("€") is None


@pytest.mark.parametrize("code", ["MAD", "XOF", "TND", "EGP", "BRL", "CHF"])
def test_a_header_with_any_code_is_a_meta_ads_export(code):
    headers = ["Reporting starts", "Reporting ends", "Campaign name", f"Amount spent ({code})"]
    detection = detect([*headers, "Impressions", "Reach"])
    assert detection is not None and detection.format.name == "meta_ads"
    assert detection.currency == code


# --- breakdowns: round trip -------------------------------------------------------------------

# file -> (breakdown, {currency: spend summed without totals rows}, impressions, rows, totals rows)
ROUND_TRIP = {
    "meta_ads__fr_mad.csv": (None, {"MAD": 12500.0}, 300000, 2, 1),
    "meta_ads__fr_day.csv": ("day", {"MAD": 3300.0}, 41000, 3, 1),
    "meta_ads__en_age_gender.csv": ("age|gender", {"EUR": 900.0}, 90000, 4, 2),
    "meta_ads__en_placement.csv": ("placement|platform", {"TND": 250.75}, 20000, 3, 0),
    "meta_ads__fr_region.csv": ("country|region", {"XOF": 400000.0}, 190000, 3, 1),
    "meta_ads__en_week.csv": ("week", {"BRL": 1500.0}, 110000, 2, 0),
    # The same breakdowns from the other locale's Ads Manager.
    "meta_ads__en_day.csv": ("day", {"CAD": 3300.0}, 41000, 3, 1),
    "meta_ads__fr_age_gender.csv": ("age|gender", {"CHF": 900.0}, 90000, 4, 2),
    "meta_ads__fr_placement.csv": ("placement|platform", {"TND": 250.75}, 20000, 3, 0),
    "meta_ads__en_region.csv": ("country|region", {"XOF": 400000.0}, 190000, 3, 1),
    "meta_ads__fr_week.csv": ("week", {"EUR": 1500.0}, 110000, 2, 0),
}


@pytest.mark.parametrize("file_name", sorted(ROUND_TRIP))
def test_breakdown_export_round_trips_and_a_reupload_changes_nothing(db_path, file_name):
    breakdown, spend, impressions, rows, totals = ROUND_TRIP[file_name]
    detection = detect(sniff(FORMATS / file_name).headers)
    assert detection is not None and detection.format.name == "meta_ads"
    stored = []
    for _ in range(2):
        result = ingest_path(db_path, FORMATS / file_name, _assignment())
        assert result.refused is None, result.refused
        assert (result.rows_loaded, result.rows_rejected) == (rows, 0)
        assert result.skipped_reasons.get("totals row", 0) == totals
        with connect(db_path, read_only=True) as connection:
            by_currency = dict(
                connection.execute(
                    "SELECT currency, sum(spend) FROM ad_delivery GROUP BY ALL"
                ).fetchall()
            )
            assert by_currency == pytest.approx(spend)
            assert connection.execute("SELECT sum(impressions) FROM ad_delivery").fetchone() == (
                impressions,
            )
            assert connection.execute("SELECT DISTINCT breakdown FROM ad_delivery").fetchall() == [
                (breakdown,)
            ]
            stored.append(
                connection.execute(
                    "SELECT * EXCLUDE (upload_id) FROM ad_delivery ORDER BY ALL"
                ).fetchall()
            )
    assert stored[0] == stored[1] and len(stored[0]) == rows


def test_breakdown_rows_keep_their_dimension_and_value(db_path):
    ingest_path(db_path, FORMATS / "meta_ads__fr_day.csv", _assignment())
    ingest_path(db_path, FORMATS / "meta_ads__en_week.csv", _assignment())
    with connect(db_path, read_only=True) as connection:
        days = connection.execute(
            "SELECT date_start, date_end, breakdown_value FROM ad_delivery "
            "WHERE breakdown = 'day' ORDER BY date_start"
        ).fetchall()
        weeks = connection.execute(
            "SELECT date_start, date_end FROM ad_delivery WHERE breakdown = 'week' ORDER BY 1"
        ).fetchall()
    assert days[0] == (dt.date(2026, 9, 1), dt.date(2026, 9, 1), "2026-09-01")
    assert len(days) == 3
    assert weeks == [
        (dt.date(2026, 9, 7), dt.date(2026, 9, 13)),
        (dt.date(2026, 9, 14), dt.date(2026, 9, 20)),
    ]


def test_currency_cell_is_stored_with_the_amount(db_path):
    ingest_path(db_path, FORMATS / "meta_ads__en_placement.csv", _assignment())
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT DISTINCT currency FROM ad_delivery").fetchall() == [
            ("TND",)
        ]


def test_an_ads_export_without_dates_is_refused(tmp_path, db_path):
    path = tmp_path / "no_dates.csv"
    path.write_text('"Campaign name","Amount spent (EUR)","Impressions"\n"A","10.00","1,000"\n')
    result = ingest_path(db_path, path, _assignment())
    assert result.refused and "Day or Week" in result.refused


# --- KPIs: never twice, never two currencies --------------------------------------------------


def test_day_breakdown_sums_spend_and_impressions_but_not_reach(db_path):
    ingest_path(db_path, FORMATS / "meta_ads__fr_day.csv", _assignment())
    with connect(db_path, read_only=True) as connection:
        frame = kpis.kpis(connection, Filters(), by="all")
    assert _value(frame, "cost").value == pytest.approx(3300.0)
    assert _value(frame, "cost").unit == "MAD"
    assert _value(frame, "impressions").value == 41000
    reach = _value(frame, "reach")
    assert reach.value is None and "broken down by day" in reach.reason


def test_age_gender_breakdown_sums_reach(db_path):
    ingest_path(db_path, FORMATS / "meta_ads__en_age_gender.csv", _assignment())
    with connect(db_path, read_only=True) as connection:
        frame = kpis.kpis(connection, Filters(), by="all")
    assert _value(frame, "reach").value == 60000
    assert _value(frame, "cost").value == pytest.approx(900.0)
    assert "age|gender" in _value(frame, "impressions").note


def test_undivided_rows_win_over_breakdown_rows_of_the_same_campaign(db_path):
    # The same ad exported undivided and by day: counted once, from the undivided rows.
    ingest_path(db_path, FORMATS / "meta_ads__fr_mad.csv", _assignment("Rentrée Maroc"))
    ingest_path(db_path, FORMATS / "meta_ads__fr_day.csv", _assignment("Rentrée Maroc"))
    with connect(db_path, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM ad_delivery").fetchone() == (5,)
        frame = kpis.kpis(connection, Filters(), by="campaign")
    assert _value(frame, "cost").value == pytest.approx(12500.0)
    assert _value(frame, "impressions").value == 300000
    assert _value(frame, "reach").value == 150000


def test_a_two_currency_campaign_totals_per_currency(db_path):
    ingest_path(db_path, FORMATS / "meta_ads__fr_mad.csv", _assignment("Rentrée"))
    ingest_path(db_path, FORMATS / "meta_ads__en_age_gender.csv", _assignment("Rentrée"))
    with connect(db_path, read_only=True) as connection:
        frame = kpis.kpis(connection, Filters(), by="campaign")
    cost = _value(frame, "cost")
    assert cost.value is None and cost.unit is None
    assert "mixed currencies (EUR, MAD)" in cost.reason
    assert cost.note == "per currency: EUR 900.00, MAD 12,500.00"
    assert _value(frame, "cpm").value is None
    # Counts still add: each ad is read from one source (undivided MAD rows, EUR age rows).
    assert _value(frame, "impressions").value == 390000
    items = [
        [{"currency": "EUR", "amount": 900.0}],
        [{"currency": "MAD", "amount": 8000.0}, {"currency": "MAD", "amount": 4500.0}],
    ]
    assert kpis.per_currency_totals(*items) == {"EUR": 900.0, "MAD": 12500.0}


def test_every_reader_of_paid_delivery_counts_an_ad_once(db_path):
    """Frequency and the reach floor read ``ad_delivery_counted``, as the KPIs do."""
    from metrics.exposure import average_frequency
    from metrics.scorecard import REACH_FLOOR_SQL

    ingest_path(db_path, FORMATS / "meta_ads__fr_mad.csv", _assignment("Rentrée Maroc"))
    ingest_path(db_path, FORMATS / "meta_ads__fr_day.csv", _assignment("Rentrée Maroc"))
    with connect(db_path, read_only=True) as connection:
        counted = connection.execute(
            "SELECT count(*), sum(impressions), sum(spend), sum(reach) FROM ad_delivery_counted"
        ).fetchone()
        assert counted == (2, 300000, pytest.approx(12500.0), 150000)
        frequency = average_frequency(connection, Filters(campaign_ids=("rentree-maroc",)))
        assert "ad_delivery_counted" in REACH_FLOOR_SQL
    assert frequency.impressions == 300000
    assert frequency.reach == 150000


def test_day_rows_alone_give_no_summed_reach_to_frequency(db_path):
    ingest_path(db_path, FORMATS / "meta_ads__fr_day.csv", _assignment("Rentrée Maroc"))
    with connect(db_path, read_only=True) as connection:
        assert connection.execute(
            "SELECT count(reach), sum(impressions) FROM ad_delivery_counted"
        ).fetchone() == (0, 41000)


def test_a_fee_header_names_the_fees_currency(tmp_path, db_path):
    """Creator fees in dirhams stay in dirhams, beside a campaign budgeted in euros."""
    export = tmp_path / "fees.csv"
    export.write_text(
        "Platform,Creator,Post URL,Posted at,Fee (MAD),Likes\n"
        "Instagram,@salma.style,https://www.instagram.com/p/MAD1/,2026-09-15 18:00,12000,900\n"
        "Instagram,@salma.style,https://www.instagram.com/p/MAD2/,2026-09-18 18:00,8000,700\n",
        encoding="utf-8",
    )
    assert ingest_path(db_path, export, _assignment("Rentrée Maroc")).loaded
    with connect(db_path) as connection:
        stored = connection.execute(
            "SELECT sum(cost), list(DISTINCT cost_currency) FROM posts"
        ).fetchone()
        frame = kpis.kpis(connection, Filters(), by="all")
    assert stored == (20000.0, ["MAD"])
    assert _value(frame, "cost").value == pytest.approx(20000.0)
    assert _value(frame, "cost").unit == "MAD"
