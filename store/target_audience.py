"""A campaign's target audience: the age bands, genders and countries it wants to reach.

Stored as JSON in ``campaigns.target_audience``, e.g.
``{"age": ["18-24", "25-34"], "gender": ["female"], "country": ["FR", "BE"]}``. A dimension left
out (or empty) does not restrict the audience. Values are written as the audience exports store
them (``audience.value``): age bands such as ``18-24`` or ``65+``, genders ``female``, ``male``,
``other``, countries as ISO 3166 alpha-2 codes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale

from i18n.messages import Message

DIMENSIONS = ("age", "gender", "country")
"""The dimensions a target restricts, in the order they are shown."""

GENDERS = ("female", "male", "other")
AGE_BANDS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
"""The age bands the platforms' audience exports use (Instagram, YouTube Studio)."""

_AGE_BAND = re.compile(r"^\d{1,2}(-\d{1,3}|\+)$")


class TargetAudienceError(ValueError):
    """A target audience that cannot be read: the message says which value and why."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes (CLDR territories, through Babel)."""
    return frozenset(
        code for code in Locale.parse("en").territories if len(code) == 2 and code.isalpha()
    )


def age_band(text: str) -> str:
    """An age bucket as exports write it ("age18-24", "Age 25 - 34", "65 +") made canonical."""
    value = re.sub(r"\s+", "", str(text)).lower()
    value = re.sub(r"^(age|âge|ages|ans)", "", value)
    return value.replace("–", "-").replace("ans", "")


@dataclass(frozen=True)
class TargetAudience:
    """The values a campaign targets in each dimension; an empty tuple does not restrict."""

    age: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    country: tuple[str, ...] = ()

    def dimensions(self) -> dict[str, tuple[str, ...]]:
        """The dimensions that restrict the audience, with their target values."""
        return {d: getattr(self, d) for d in DIMENSIONS if getattr(self, d)}

    def is_empty(self) -> bool:
        return not self.dimensions()

    def as_json(self) -> dict[str, list[str]]:
        return {d: list(values) for d, values in self.dimensions().items()}


def parse_target(value: Any) -> TargetAudience:
    """A target audience from its JSON text or dict; ``TargetAudienceError`` names what is wrong.

    Age bands are made canonical (``age18-24`` → ``18-24``), genders lower case, countries upper
    case; duplicates are dropped, order kept.
    """
    if value is None or value == "":
        return TargetAudience()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise TargetAudienceError(
                Message("fit.target_not_json", detail=error.msg, column=error.colno)
            ) from None
    if not isinstance(value, dict):
        raise TargetAudienceError(Message("fit.target_not_object"))
    unknown = sorted(set(value) - set(DIMENSIONS))
    if unknown:
        raise TargetAudienceError(
            Message("fit.target_unknown_dimension", names=unknown, known=list(DIMENSIONS))
        )
    found: dict[str, tuple[str, ...]] = {}
    for dimension in DIMENSIONS:
        raw = value.get(dimension) or []
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list | tuple):
            raise TargetAudienceError(Message("fit.target_not_list", dimension=dimension))
        found[dimension] = tuple(dict.fromkeys(_checked(dimension, item) for item in raw))
    return TargetAudience(**found)


def _checked(dimension: str, item: Any) -> str:
    text = str(item).strip()
    if dimension == "age":
        band = age_band(text)
        if _AGE_BAND.match(band):
            return band
        raise TargetAudienceError(Message("fit.target_bad_age", value=text, bands=list(AGE_BANDS)))
    if dimension == "gender":
        gender = text.lower()
        if gender in GENDERS:
            return gender
        raise TargetAudienceError(
            Message("fit.target_bad_gender", value=text, genders=list(GENDERS))
        )
    code = text.upper()
    if code in country_codes():
        return code
    raise TargetAudienceError(Message("fit.target_bad_country", value=text))
