"""Survey waves: which wave of a brand tracker an answer belongs to, and when it stands.

A survey file says its wave in a column ("Wave", "Vague": ``pre-launch``, ``in flight``,
``post``, ``+4 weeks``, ``4 semaines après``, or a date), in a "Survey date" column, or not at
all, when the whole file is one wave (``sillage ingest --wave "+4 weeks"``, the Upload page's
wave box). Each answer is stored with a canonical ``wave`` label and ``wave_week``, its weeks
after the campaign's end (negative before it):

| wave | label | wave_week |
|---|---|---|
| before launch | ``pre`` | the campaign's start (``(start - end) / 7``) |
| during the campaign | ``in_flight`` | the campaign's middle (``(start - end) / 14``) |
| right after it | ``post`` | 0 |
| N weeks after (or months, days) | ``+Nw`` | N |
| a date | from the campaign's dates: ``pre``, ``in_flight``, ``post`` (under 14 days after the end), else ``+Nw`` with N the whole weeks | ``(date - end) / 7`` |

A survey date, when the file has one, places the answer exactly (its ``wave_week``); the label
still comes from the wave column when it has one. A label Sillage does not read ("Wave B") is
kept as written, with ``wave_week`` from the survey date or NULL; the campaign's dates, when
unknown, leave ``pre`` and ``in_flight`` without a week and a date without a label other than
the date itself.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass

from ingest.formats import normalise_header

PRE, IN_FLIGHT, POST = "pre", "in_flight", "post"
OFFSET, DATE, UNREAD = "offset", "date", "unread"
# Days after the campaign's end still read as the post wave when a date places the answer.
POST_WINDOW_DAYS = 14
WEEKS_PER_MONTH = 52.0 / 12.0

_WORDS = {
    PRE: (
        "pre", "pre launch", "prelaunch", "pre campaign", "precampaign", "before", "before launch",
        "before the campaign", "pre test", "pretest", "pre wave", "wave 0",
        "pre lancement", "prelancement", "avant", "avant lancement", "avant le lancement",
        "avant campagne", "avant la campagne", "pre campagne", "vague 0",
    ),
    IN_FLIGHT: (
        "in flight", "inflight", "during", "during the campaign", "mid", "mid campaign",
        "midpoint", "pendant", "pendant la campagne", "en cours", "en cours de campagne",
        "mi campagne", "a mi parcours",
    ),
    POST: (
        "post", "post campaign", "postcampaign", "after", "after the campaign", "end",
        "end of campaign", "post wave", "apres", "apres la campagne", "apres campagne",
        "post campagne", "fin", "fin de campagne",
    ),
}  # fmt: skip
_BY_WORDS = {word: kind for kind, words in _WORDS.items() for word in words}
_UNITS = {
    "w": 1.0, "wk": 1.0, "wks": 1.0, "week": 1.0, "weeks": 1.0, "s": 1.0, "sem": 1.0,
    "semaine": 1.0, "semaines": 1.0,
    "m": WEEKS_PER_MONTH, "mo": WEEKS_PER_MONTH, "month": WEEKS_PER_MONTH,
    "months": WEEKS_PER_MONTH, "mois": WEEKS_PER_MONTH,
    "d": 1 / 7, "day": 1 / 7, "days": 1 / 7, "j": 1 / 7, "jour": 1 / 7, "jours": 1 / 7,
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_AFTER = r"(?:post|after|apres|later|plus tard|end|fin)"
_BEFORE = r"(?:before|avant|prior|earlier)"
# "+4 weeks", "4 weeks after", "post +4w", "w+4", "s+4", "week 4 after", "4 semaines après"...
_OFFSET = re.compile(
    rf"^(?:{_AFTER}\s*)?(?P<sign>[+-])?\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>{_UNIT})"
    rf"(?:\s*(?P<after>{_AFTER})|\s*(?P<before>{_BEFORE}))?$"
)
_UNIT_FIRST = re.compile(rf"^(?P<unit>{_UNIT})\s*(?P<sign>[+-])\s*(?P<n>\d+(?:[.,]\d+)?)$")


@dataclass(frozen=True)
class Wave:
    """A wave as written in a file, read: its canonical ``label`` and what places it in time.

    ``kind`` is ``pre``, ``in_flight``, ``post``, ``offset`` (``week`` weeks after the end),
    ``date`` (``day``) or ``unread`` (the label kept as written).
    """

    label: str
    kind: str
    week: float | None = None
    day: dt.date | None = None


def offset_label(week: float) -> str:
    """The canonical label of ``week`` weeks after the end: ``post`` at 0, else ``+4w``, ``-2w``."""
    if abs(week) < 1e-9:
        return POST
    return f"{week:+.6g}w"


def _folded(text: str) -> str:
    folded = normalise_header(text).replace("_", " ").replace("-", " ").replace("–", " ")
    folded = re.sub(r"\s+", " ", folded).strip(" .")
    # "-4 weeks" and "+4" keep their sign once the hyphens are spaces.
    stripped = text.strip()
    if stripped[:1] in "+-" and not folded.startswith(("+", "-")):
        folded = stripped[0] + folded
    return folded


def _date(text: str, day_first: bool) -> dt.date | None:
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10]) if re.match(r"^\d{4}-\d\d-\d\d", text) else None
    except ValueError:
        pass
    match = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", text)
    if not match:
        return None
    a, b, year = (int(x) for x in match.groups())
    day, month = (a, b) if day_first or a > 12 else (b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_wave(text: str, day_first: bool = True) -> Wave | None:
    """The wave ``text`` names, or None for a blank cell.

    Args:
        text: A wave cell or the ``--wave`` value, in English or French.
        day_first: How to read an ambiguous ``03/04/2026`` (day first, as French files write it).

    Returns:
        The wave; a text that names no time is kept as its label (kind ``unread``).
    """
    if text is None or not str(text).strip():
        return None
    raw = " ".join(str(text).split())
    day = _date(raw, day_first)
    if day is not None:
        return Wave(day.isoformat(), DATE, day=day)
    folded = _folded(raw)
    kind = _BY_WORDS.get(folded)
    if kind == POST:
        return Wave(POST, POST, week=0.0)
    if kind is not None:
        return Wave(kind, kind)
    match = _OFFSET.match(folded) or _UNIT_FIRST.match(folded)
    if match:
        amount = float(match["n"].replace(",", ".")) * _UNITS[match["unit"]]
        before = match["sign"] == "-" or bool(match.groupdict().get("before"))
        week = round(-amount if before else amount, 4)
        return Wave(offset_label(week), OFFSET if week else POST, week=week)
    return Wave(raw, UNREAD)


def stamp_error(text: str) -> str | None:
    """Why ``text`` cannot stamp a whole file as one wave (``--wave``), or None when it can."""
    wave = parse_wave(text)
    if wave is None:
        return "the wave is empty: give a label such as pre, post, +4 weeks or a date"
    if wave.kind == UNREAD:
        return (
            f"the wave {text!r} is not a time Sillage reads: give pre, in flight, post, "
            "+4 weeks (or 4 weeks after, +1 month, 30 days) or a date as YYYY-MM-DD"
        )
    return None


WAVE_TABLE_SQL = "CREATE OR REPLACE TEMP TABLE wave_labels (raw TEXT, label TEXT, kind TEXT, week DOUBLE, day DATE)"

# The label and week of each row, from its read wave (``w``), its survey date (``d``) and its
# campaign (``c``); formatted with the expression of the row's survey date.
WAVE_COLUMNS_SQL = textwrap.dedent(
    f"""
    CASE
        WHEN w.kind IS NOT NULL AND w.kind <> '{DATE}' THEN w.label
        WHEN {{day}} IS NULL THEN NULL
        WHEN c.end_date IS NULL THEN strftime({{day}}, '%Y-%m-%d')
        WHEN c.start_date IS NOT NULL AND {{day}} < c.start_date THEN '{PRE}'
        WHEN {{day}} <= c.end_date THEN '{IN_FLIGHT}'
        WHEN date_diff('day', c.end_date, {{day}}) < {POST_WINDOW_DAYS} THEN '{POST}'
        ELSE '+' || CAST(round(date_diff('day', c.end_date, {{day}}) / 7.0) AS INTEGER) || 'w'
    END AS wave,
    CASE
        WHEN {{day}} IS NOT NULL AND c.end_date IS NOT NULL
            THEN date_diff('day', c.end_date, {{day}}) / 7.0
        WHEN w.kind IN ('{POST}', '{OFFSET}') THEN w.week
        WHEN w.kind = '{PRE}' THEN date_diff('day', c.end_date, c.start_date) / 7.0
        WHEN w.kind = '{IN_FLIGHT}' THEN date_diff('day', c.end_date, c.start_date) / 14.0
    END AS wave_week
    """
)


def wave_select(inner: str, has_wave: bool, has_date: bool) -> str:
    """``inner`` (a SELECT with ``campaign_id``, ``__wave_raw`` and ``__survey_date``) with each
    row's ``wave`` and ``wave_week`` in place of the two raw columns.

    ``wave_labels`` (``WAVE_TABLE_SQL``, filled by ``fill_wave_labels``) must hold every
    distinct raw wave of the rows.
    """
    day = "coalesce(CAST(s.__survey_date AS DATE), w.day)" if has_date else "w.day"
    if not has_wave:
        day = "CAST(s.__survey_date AS DATE)" if has_date else "CAST(NULL AS DATE)"
    columns = WAVE_COLUMNS_SQL.format(day=day)
    return textwrap.dedent(
        f"""
        SELECT s.* EXCLUDE (__wave_raw, __survey_date), {columns}
        FROM ({inner}) AS s
        LEFT JOIN wave_labels AS w ON w.raw = s.__wave_raw
        LEFT JOIN campaigns AS c ON c.campaign_id = s.campaign_id
        """
    )


def fill_wave_labels(connection, raws: list[str | None], day_first: bool) -> list[Wave]:
    """Read each distinct raw wave into ``wave_labels``; returns the labels left unread."""
    connection.execute(WAVE_TABLE_SQL)
    rows, unread = [], []
    for raw in dict.fromkeys(r for r in raws if r is not None):
        wave = parse_wave(raw, day_first)
        if wave is None:
            continue
        if wave.kind == UNREAD:
            unread.append(wave)
        rows.append((raw, wave.label, wave.kind, wave.week, wave.day))
    if rows:
        connection.executemany("INSERT INTO wave_labels VALUES (?, ?, ?, ?, ?)", rows)
    return unread
