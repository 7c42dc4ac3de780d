"""How each interface language writes numbers, shares, points, money and dates (i18n.locale)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from i18n import locale
from ui import tables

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["1,234,567.89", "12.3%", "−4.2 pts", "+0.5 pts", "2026-09-28"]),
        ("fr", [f"1{NNBSP}234{NNBSP}567,89", f"12,3{NBSP}%", "−4,2 pts", "+0,5 pts", "28/09/2026"]),
        ("xx", ["1_234_567·89", "12·3%", "−4·2 pts", "+0·5 pts", "28.09.2026"]),
        ("de", ["1,234,567.89", "12.3%", "−4.2 pts", "+0.5 pts", "2026-09-28"]),  # unknown: English
    ],
)
def test_numbers_shares_points_and_days(lang, expected):
    assert [
        locale.number(1234567.891, 2, lang),
        locale.percent(0.1234, 1, lang),
        locale.points(-0.042, 1, lang),
        locale.points(0.005, 1, lang),
        locale.date(dt.date(2026, 9, 28), lang),
    ] == expected


@pytest.mark.parametrize(
    ("value", "currency", "decimals", "lang", "expected"),
    [
        (9.891, "EUR", None, "en", "€9.89"),
        (9.891, "EUR", None, "fr", f"9,89{NBSP}€"),
        (1250, "MAD", None, "en", f"MAD{NBSP}1,250.00"),
        (1250, "MAD", None, "fr", f"1{NNBSP}250,00{NBSP}MAD"),
        (1250, "JPY", None, "en", "¥1,250"),  # no decimals in yen (CLDR)
        (1250.4, "XOF", None, "fr", f"1{NNBSP}250{NBSP}F{NNBSP}CFA"),
        (0.0123, "EUR", 3, "fr", f"0,012{NBSP}€"),  # a cost per view keeps its third decimal
        (0.0123, "USD", 3, "en", "$0.012"),
        (1750, None, None, "fr", f"1{NNBSP}750,00"),  # no currency: a plain amount
    ],
)
def test_money_in_its_currency(value, currency, decimals, lang, expected):
    assert locale.money(value, currency, lang, decimals) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf")])
def test_nothing_to_write_is_a_dash(missing):
    assert locale.number(missing) == locale.percent(missing) == locale.points(missing) == "—"
    assert locale.money(missing, "EUR") == "—"


def test_plotly_separators_follow_the_language():
    assert [locale.separators(lang) for lang in ("en", "fr", "xx")] == [".,", f",{NNBSP}", "·_"]


def test_french_tables_write_numbers_and_days_the_french_way(monkeypatch):
    frame = pd.DataFrame(
        {
            "creator": ["@a", "@b"],
            "views": [15300, 980],
            "rate": [0.0425, 0.1],
            "cost": [1750.0, 12.5],
            "posted": pd.to_datetime(["2026-09-28", "2026-10-01"]),
            "sponsored": [True, False],
        }
    )
    config = {"rate": {"label": "Taux", "type_config": {"type": "number", "format": "percent"}}}
    monkeypatch.setattr(tables, "language", lambda: "fr")
    shown, shown_config = tables.without_gaps(frame, config)
    assert shown["views"].tolist() == [f"15{NNBSP}300", "980"]
    assert shown["rate"].tolist() == [f"4,2{NBSP}%", f"10,0{NBSP}%"]
    assert shown["cost"].tolist() == [f"1{NNBSP}750,00", "12,50"]
    assert shown["posted"].tolist() == ["28/09/2026", "01/10/2026"]
    assert shown["sponsored"].tolist() == [True, False]  # a tick box stays a tick box
    assert shown_config["rate"] == {
        "label": "Taux",
        "alignment": "right",
        "type_config": {"type": "text"},
    }
    # English keeps the grid's own numbers, sortable.
    monkeypatch.setattr(tables, "language", lambda: "en")
    english, _ = tables.without_gaps(frame, config)
    assert english["views"].tolist() == [15300, 980]
