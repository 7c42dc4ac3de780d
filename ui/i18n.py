"""French and English interface: the language lives in the URL (``?lang=fr``), numbers and dates
are written the way each language writes them (1 234,5 in French, 1,234.5 in English).

Pages call ``t("key")`` for their words and ``number`` / ``percent`` / ``points`` / ``date`` for
their values; a key missing from the table shows as itself, so a gap is visible, never a crash.
"""

from __future__ import annotations

import datetime as dt
import math

import streamlit as st

LANGUAGES = {"en": "English", "fr": "Français"}
NARROW_NBSP = "\u202f"

STRINGS: dict[str, dict[str, str]] = {
    # Shell and filters
    "language": {"en": "Language", "fr": "Langue"},
    "filters": {"en": "Filters", "fr": "Filtres"},
    "client": {"en": "Client", "fr": "Client"},
    "all_clients": {"en": "All clients", "fr": "Tous les clients"},
    "campaign": {"en": "Campaign", "fr": "Campagne"},
    "campaigns": {"en": "Campaigns", "fr": "Campagnes"},
    "dates": {"en": "Dates", "fr": "Dates"},
    "platforms": {"en": "Platforms", "fr": "Plateformes"},
    "creators": {"en": "Creators", "fr": "Créateurs"},
    "confidence": {"en": "Confidence", "fr": "Niveau de confiance"},
    "confidence_help": {
        "en": "Confidence level of every interval on the page (90 % is the industry's usual level).",
        "fr": "Niveau de confiance des intervalles de la page (90 % est le niveau usuel du secteur).",
    },
    "download_csv": {"en": "Download CSV", "fr": "Télécharger en CSV"},
    "no_data": {
        "en": "No data matches these filters.",
        "fr": "Aucune donnée ne correspond à ces filtres.",
    },
    "no_campaign": {
        "en": "No campaign yet: upload a campaign's exports to begin.",
        "fr": "Aucune campagne : chargez les exports d'une campagne pour commencer.",
    },
    "upload_link": {"en": "Upload exports", "fr": "Charger des exports"},
    # Lift vocabulary
    "measured": {"en": "measured", "fr": "mesuré"},
    "estimated": {"en": "estimated", "fr": "estimé"},
    "significant": {"en": "significant", "fr": "significatif"},
    "not_significant": {
        "en": "not significant — not proof of no effect",
        "fr": "non significatif — ce n'est pas la preuve d'une absence d'effet",
    },
    "low_certainty": {"en": "low certainty", "fr": "faible certitude"},
    "small_sample": {"en": "small sample", "fr": "petit échantillon"},
    "certainty": {"en": "certainty", "fr": "certitude"},
    "ad_recall": {"en": "Ad recall", "fr": "Mémorisation publicitaire"},
    "awareness": {"en": "Awareness", "fr": "Notoriété"},
    "consideration": {"en": "Consideration", "fr": "Considération"},
    "favorability": {"en": "Favorability", "fr": "Opinion favorable"},
    "purchase_intent": {"en": "Purchase intent", "fr": "Intention d'achat"},
    "absolute_lift": {"en": "Absolute lift (points)", "fr": "Hausse absolue (points)"},
}


def language() -> str:
    """The interface language from the URL, English when absent or unknown."""
    value = st.query_params.get("lang", "en")
    return value if value in LANGUAGES else "en"


def t(key: str) -> str:
    """The interface text for ``key`` in the current language."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(language(), entry["en"])


def language_switch() -> None:
    """A sidebar switch between English and French, remembered in the URL."""
    current = language()
    chosen = st.sidebar.segmented_control(
        t("language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        default=current,
        key="sillage.language",
    )
    if chosen and chosen != current:
        st.query_params["lang"] = chosen
        st.rerun()


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def number(value: float | None, decimals: int = 0, lang: str | None = None) -> str:
    """A number as the language writes it: 1 234,5 (narrow no-break spaces) or 1,234.5; None is —."""
    if _missing(value):
        return "—"
    text = f"{value:,.{decimals}f}"
    if (lang or language()) == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def percent(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A share in [0, 1] as a percentage: 0.125 -> "12.5 %" / "12,5 %"."""
    if _missing(value):
        return "—"
    separator = "\u00a0" if (lang or language()) == "fr" else ""
    return f"{number(value * 100, decimals, lang)}{separator}%"


def points(value: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A difference of two shares in percentage points, signed: +4.2 pts / +4,2 pts."""
    if _missing(value):
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value) * 100, decimals, lang)} pts"


def date(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    """A date as the language writes it: 2026-09-28 / 28/09/2026."""
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y" if (lang or language()) == "fr" else "%Y-%m-%d")
