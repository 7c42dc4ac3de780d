"""Every word a person reads, one catalogue file per language (``i18n/en.toml``, ``i18n/fr.toml``).

A text is looked up by key and filled with its fields by ``fill``: a field written ``{n:count}``
or ``{share:percent1}`` is formatted by ``i18n.locale`` the way the language writes numbers, so a
template never carries a number format of its own. A key missing from a language falls back to
English, and a key missing everywhere shows as itself: a gap stays visible, never a crash.

``xx`` is the pseudo-language of the test suite: every English text wrapped in ``⟦…⟧``, numbers
written with the pseudo-locale's separators, so a word that bypasses the catalogue stands out.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from i18n import locale

HERE = Path(__file__).resolve().parent
# Every language with a catalogue file, English first: adding ``de.toml`` (and a ``LocaleRules``
# entry in ``i18n.locale``) adds German to the interface.
LANGUAGES = tuple(
    sorted((path.stem for path in HERE.glob("*.toml")), key=lambda c: (c != locale.DEFAULT, c))
)
PSEUDO = "xx"
OPEN_MARK, CLOSE_MARK = "⟦", "⟧"


@cache
def entries(lang: str) -> dict[str, Any]:
    """The catalogue of ``lang`` as written in its file (the pseudo-language: English, marked)."""
    if lang == PSEUDO:
        return {key: _marked(value) for key, value in entries("en").items()}
    path = HERE / f"{lang}.toml"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _marked(value: Any) -> Any:
    if isinstance(value, dict):  # plural forms
        return {form: _marked(text) for form, text in value.items()}
    return f"{OPEN_MARK}{value}{CLOSE_MARK}"


def has(key: str, lang: str = "en") -> bool:
    """Whether ``lang``'s catalogue holds ``key`` itself (no fallback)."""
    return key in entries(lang)


def template(key: str, lang: str | None = None, count: float | None = None) -> str:
    """The raw text of ``key`` in ``lang`` (English when absent there), before its fields.

    An entry with plural forms (``{ one = "…", other = "…" }``) gives the form CLDR's plural rule
    of the language picks for ``count``: French says "0 ligne", English "0 rows".
    """
    lang = lang or locale.DEFAULT
    value = entries(lang).get(key, entries("en").get(key, key))
    if isinstance(value, dict):
        cldr = locale.rules(lang).cldr
        form = Locale.parse(cldr).plural_form(abs(count)) if count is not None else "other"
        value = value.get(form, value.get("other", next(iter(value.values()))))
    return value


def text(key: str, lang: str | None = None, **fields: Any) -> str:
    """``key`` in ``lang``, its fields written the language's way."""
    count = fields.get("n", fields.get("count"))
    return fill(
        template(key, lang, count if isinstance(count, int | float) else None), lang, fields
    )


def fill(pattern: str, lang: str | None, fields: Mapping[str, Any]) -> str:
    """``pattern`` with its ``{field:kind}`` placeholders written in ``lang``."""
    if not fields and "{" not in pattern:
        return pattern
    return _LocaleFormatter(lang or locale.DEFAULT).vformat(pattern, (), fields)


def written(value: Any, lang: str | None) -> str:
    """A field's value as a person reads it in ``lang``: messages rendered, lists joined."""
    render = getattr(value, "render", None)
    if callable(render):
        return render(lang)
    if isinstance(value, list | tuple):
        return ", ".join(written(item, lang) for item in value)
    if isinstance(value, float):
        return (
            locale.number(value, 2 if abs(value) < 10 else 1, lang)
            .rstrip("0")
            .rstrip(locale.rules(lang).decimal)
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return locale.number(value, 0, lang)
    if isinstance(value, dt.datetime):
        return locale.date_time(value, lang)
    if isinstance(value, dt.date):
        return locale.date(value, lang)
    return str(value)


class _LocaleFormatter(string.Formatter):
    """``str.format`` whose format specs are kinds of values, written by ``i18n.locale``.

    Kinds: ``count`` (a whole number), ``number0``…``number3``, ``signed0``…``signed3`` (a
    number with its sign: +4.2 / −4,2), ``percent0``…``percent2`` (a share in [0, 1]),
    ``points0``…``points2`` (a difference of two shares), ``money`` (with the
    ``currency`` field; ``money4`` forces four decimals), ``date``, ``term`` (a word of the
    catalogue's ``term.`` table: ``{group:term}`` writes "exposed" / "exposé"), ``format`` (an
    export format by name, from the ``format.`` table), ``list`` (items joined). Any other spec is Python's own.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.fields: Mapping[str, Any] = {}

    def vformat(self, format_string: str, args: Any, kwargs: Mapping[str, Any]) -> str:
        self.fields = kwargs
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        lang = self.lang
        kind, digits = (
            format_spec.rstrip("0123456789"),
            format_spec[len(format_spec.rstrip("0123456789")) :],
        )
        places = int(digits) if digits else None
        if kind == "count":
            return locale.number(value, 0, lang)
        if kind == "number":
            return locale.number(value, 1 if places is None else places, lang)
        if kind == "percent":
            return locale.percent(value, 1 if places is None else places, lang)
        if kind == "points":
            return locale.points(value, 1 if places is None else places, lang)
        if kind == "signed":
            return locale.signed(value, 1 if places is None else places, lang)
        if kind == "money":
            return locale.money(value, self.fields.get("currency"), lang, places)
        if kind == "date":
            return locale.date(value, lang)
        if kind == "term":
            return text(f"term.{value}", lang) if has(f"term.{value}") else written(value, lang)
        if kind == "format":  # an export format by name: "tiktok_videos" -> "TikTok — video list"
            return text(f"format.{value}", lang) if has(f"format.{value}") else written(value, lang)
        if kind == "list":
            return ", ".join(_term_or_written(item, lang) for item in _items(value))
        if not format_spec:
            return written(value, lang)
        return super().format_field(value, format_spec)


def _items(value: Any) -> Iterable[Any]:
    return value if isinstance(value, list | tuple | set | frozenset) else [value]


def _term_or_written(item: Any, lang: str) -> str:
    if isinstance(item, str) and has(f"term.{item}"):
        return text(f"term.{item}", lang)
    return written(item, lang)
