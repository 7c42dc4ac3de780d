"""French and English interface: the language lives in the URL (``?lang=fr``), numbers and dates
are written the way each language writes them (1 234,5 in French, 1,234.5 in English).

Pages call ``t(key)`` for their words (from the catalogues ``i18n/en.toml`` and ``i18n/fr.toml``),
``say(message)`` for a sentence another layer wrote as a ``Message``, and ``number`` / ``percent`` /
``points`` / ``date`` for their values; a key missing from the catalogue shows as itself, so a gap
is visible, never a crash.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from i18n import catalogue, locale
from i18n.messages import join, render

# Each language by its own name (its catalogue's ``language_name``), as the switch offers it.
LANGUAGES = {code: catalogue.template("language_name", code) for code in catalogue.LANGUAGES}
NARROW_NBSP = locale.NARROW_NBSP
# The test suite's pseudo-language (every catalogue word marked ⟦…⟧), reachable only when asked for.
PSEUDO_ENABLED = os.environ.get("SILLAGE_PSEUDO_LANGUAGE") == "1"


def language() -> str:
    """The interface language from the URL, English when absent or unknown."""
    value = st.query_params.get("lang", "en")
    if value in LANGUAGES or (PSEUDO_ENABLED and value == catalogue.PSEUDO):
        return value
    return "en"


def t(key: str, **fields: Any) -> str:
    """The interface text for ``key`` in the current language, its fields written that way."""
    if fields:
        return catalogue.text(key, language(), **fields)
    return catalogue.template(key, language())


def say(value: Any) -> Any:
    """A ``Message`` written by another layer, in the interface language; other values unchanged."""
    return render(value, language())


def say_joined(parts: Sequence[Any]) -> str | None:
    """Sentences (messages or text) as one note in the interface language; None without any."""
    return render(join(parts), language()) or None


def say_frame(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with the messages in its ``columns`` (those present) in the interface language.

    A table of ``metrics`` carries its reasons and notes as ``Message`` cells (English as text,
    so a CSV of the raw frame stays English); this writes them for the reader of the page.
    """
    present = [column for column in columns if column in table.columns]
    if not present:
        return table
    return table.assign(**{column: table[column].map(say) for column in present})


def colon() -> str:
    """The separator after a label: "Source : …" in French (no-break space), "Source: …" in English."""
    return locale.rules(language()).colon


def language_switch() -> None:
    """A sidebar switch between English and French, remembered in the URL."""
    current = language()
    chosen = st.sidebar.segmented_control(
        t("language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        default=current if current in LANGUAGES else None,
        key="sillage.language",
    )
    if chosen and chosen != current:
        st.query_params["lang"] = chosen
        st.rerun()


def number(value: float | None, decimals: int = 0, lang: str | None = None) -> str:
    """A number in the interface language (``i18n.locale.number``): 1 234,5 or 1,234.5."""
    return locale.number(value, decimals, lang or language())


def percent(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A share in [0, 1] as a percentage in the interface language: "12.5%" / "12,5 %"."""
    return locale.percent(value, decimals, lang or language())


def points(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A difference of two shares in signed percentage points: +4.2 pts / +4,2 pts."""
    return locale.points(value, decimals, lang or language())


def money(
    value: float | None, currency: str | None, decimals: int | None = None, lang: str | None = None
) -> str:
    """An amount in its currency, in the interface language: €9.89 / 9,89 €."""
    return locale.money(value, currency, lang or language(), decimals)


def date(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    """A date in the interface language: 2026-09-28 / 28/09/2026."""
    return locale.date(value, lang or language())


def drop_zone_words() -> None:
    """Every file drop zone in the reader's language: Streamlit writes its button and size note
    in English with no parameter to change them, so the button is relabelled by a style rule and
    the size note, which each uploader's label states in words, is hidden."""
    button = t("up.drop_button").replace("\\", "\\\\").replace('"', '\\"')
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] {display: none;}'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
        " {display: none;}"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after'
        f' {{content: "{button}";}}'
        "</style>"
    )
