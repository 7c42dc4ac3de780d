"""How each interface language writes numbers, shares, points of lift, money and dates.

The bottom floor of the interface: no Streamlit here, so pages, charts, tables, the PDF and the
command line all write a number the same way. A language is one ``LocaleRules`` entry (and its
catalogue of words); money takes its symbol, placement and decimals from CLDR through Babel.

``xx`` is a pseudo-language for tests: its separators differ from every real language's, so a
number written without this module stands out on a page rendered in it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from babel.numbers import format_currency, get_currency_precision

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MISSING = "—"
_LETTER_BEFORE_DIGIT = re.compile(r"([^\W\d_])(\d)")


@dataclass(frozen=True)
class LocaleRules:
    """One language's way of writing numbers and dates."""

    code: str  # the interface language: "en", "fr"
    cldr: str  # the CLDR locale money is written in: "en_US", "fr_FR"
    group: str  # thousands separator
    decimal: str  # decimal separator
    before_percent: str  # between a number and its % sign
    date_format: str  # strftime pattern of a day
    time_format: str  # strftime pattern of a day and time
    plotly_separators: str  # plotly's layout.separators: decimal then thousands
    colon: str  # after a label: "Source: " / "Source : "


LOCALES: dict[str, LocaleRules] = {
    "en": LocaleRules("en", "en_US", ",", ".", "", "%Y-%m-%d", "%Y-%m-%d %H:%M", ".,", ": "),
    "fr": LocaleRules(
        "fr",
        "fr_FR",
        NARROW_NBSP,
        ",",
        NBSP,
        "%d/%m/%Y",
        "%d/%m/%Y %H:%M",
        "," + NARROW_NBSP,
        NBSP + ": ",
    ),
    "xx": LocaleRules("xx", "en_US", "_", "·", "", "%d.%m.%Y", "%d.%m.%Y %H:%M", "·_", ": "),
}
DEFAULT = "en"


def rules(lang: str | None) -> LocaleRules:
    """The rules of ``lang``; English when it is unknown or None."""
    return LOCALES.get(lang or DEFAULT, LOCALES[DEFAULT])


def is_missing(value: object) -> bool:
    """None, NaN or an infinity: a value with nothing to write."""
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def number(value: float | None, decimals: int = 0, lang: str | None = None) -> str:
    """``value`` rounded to ``decimals``, grouped by thousands: 1,234.5 / 1 234,5; None is —."""
    if is_missing(value):
        return MISSING
    written = f"{value:,.{decimals}f}"
    local = rules(lang)
    # Two steps through a placeholder, as the separators may swap (1,234.5 -> 1.234,5).
    return written.replace(",", "\0").replace(".", local.decimal).replace("\0", local.group)


def percent(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A share in [0, 1] as a percentage: 0.125 -> "12.5%" / "12,5 %"."""
    if is_missing(value):
        return MISSING
    return f"{number(value * 100, decimals, lang)}{rules(lang).before_percent}%"


def signed(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A number with its sign always written: +4.2 / −4,2 (0 without a sign); None is —."""
    if is_missing(value):
        return MISSING
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value), decimals, lang)}"


def points(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A difference of two shares in signed percentage points: +4.2 pts / −4,2 pts."""
    if is_missing(value):
        return MISSING
    return f"{signed(value * 100, decimals, lang)} pts"


def money(
    value: float | None, currency: str | None, lang: str | None = None, decimals: int | None = None
) -> str:
    """An amount in its currency as the language writes it: €9.89 / 9,89 €, MAD 1,250.00.

    Symbol, placement and the currency's usual decimals come from CLDR (Babel); ``decimals``
    overrides them for small unit costs (a cost per view of 0.012). Without a currency the
    amount is a plain number with two decimals.
    """
    if is_missing(value):
        return MISSING
    if not currency:
        return number(value, 2 if decimals is None else decimals, lang)
    local = rules(lang)
    places = get_currency_precision(currency) if decimals is None else decimals
    pattern = None
    if decimals is not None:
        fraction = "0" * places
        pattern = "¤#,##0" + (f".{fraction}" if places else "")
        if local.code == "fr":
            pattern = "#,##0" + (f".{fraction}" if places else "") + NBSP + "¤"
    written = format_currency(
        value, currency, format=pattern, locale=local.cldr, currency_digits=decimals is None
    )
    # CLDR's currency spacing, which Babel leaves out: a letter symbol never touches the digits.
    written = _LETTER_BEFORE_DIGIT.sub("\\1" + NBSP + "\\2", written)
    if local.code == "xx":  # the pseudo-language's own separators, on CLDR's placement
        written = written.replace(",", "\0").replace(".", local.decimal).replace("\0", local.group)
    return written


def date(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    """A day as the language writes it: 2026-09-28 / 28/09/2026; None is —."""
    if value is None:
        return MISSING
    return value.strftime(rules(lang).date_format)


def date_time(value: dt.datetime | None, lang: str | None = None) -> str:
    """A day and time as the language writes it: 2026-09-28 14:05 / 28/09/2026 14:05."""
    if value is None:
        return MISSING
    return value.strftime(rules(lang).time_format)


def separators(lang: str | None) -> str:
    """Plotly's ``layout.separators`` for the language (decimal, then thousands)."""
    return rules(lang).plotly_separators


def written_like_the_grid(lang: str | None) -> bool:
    """Whether the language writes numbers and days as Streamlit's data grid does (1,234.5 and
    2026-09-28, whatever the page's language): its number and date columns can then stay typed."""
    local = rules(lang)
    return (local.group, local.decimal, local.date_format) == (",", ".", "%Y-%m-%d")
