"""Locale-aware parsing of cell text, done inside DuckDB so large files never pass through Python.

Decisions that must hold for a whole file (decimal comma or point, day-first or month-first) are
taken here once, from a sample, and turned into one SQL expression per column. The expressions
take the cheap path first (a plain cast) and only fall back to regular expressions for the cells
that need them, which is what keeps a 10 M-row load close to DuckDB's own CSV speed.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date, datetime

from i18n.messages import Message
from ingest.formats import BOOL, DATE, DURATION, FLOAT, INT, RATE, TIMESTAMP, export_locale

SPACES = ("\u00a0", "\u202f", "\u2009", " ")

# French month names and abbreviations, as exports print them, to the English ones strptime reads.
FRENCH_MONTHS = (
    ("janvier", "jan"), ("janv.", "jan"), ("janv", "jan"),
    ("fevrier", "feb"), ("février", "feb"), ("févr.", "feb"), ("fevr.", "feb"), ("févr", "feb"),
    ("mars", "mar"), ("avril", "apr"), ("avr.", "apr"), ("avr", "apr"),
    ("mai", "may"), ("juin", "jun"), ("juillet", "jul"), ("juil.", "jul"), ("juil", "jul"),
    ("août", "aug"), ("aout", "aug"), ("septembre", "sep"), ("sept.", "sep"), ("sept", "sep"),
    ("octobre", "oct"), ("oct.", "oct"), ("novembre", "nov"), ("nov.", "nov"),
    ("décembre", "dec"), ("decembre", "dec"), ("déc.", "dec"), ("dec.", "dec"), ("déc", "dec"),
)  # fmt: skip

ISO_FORMATS = (
    "%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S.%fZ", "%Y/%m/%d", "%Y/%m/%d %H:%M",
)  # fmt: skip
NAMED_FORMATS = (
    "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y %H:%M",
    "%b %d, %Y %H:%M", "%b %d", "%B %d", "%d %b", "%d %B",
)  # fmt: skip
# SurveyMonkey and US-locale tools write "04/10/2026 10:03:40 AM".
_TIMES = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
DAY_FIRST = tuple(f"%d{s}%m{s}%Y{t}" for s in "/.-" for t in _TIMES) + ("%d/%m/%y",)
MONTH_FIRST = tuple(f"%m{s}%d{s}%Y{t}" for s in "/-" for t in _TIMES) + ("%m/%d/%y",)

TRUE_WORDS = ("yes", "y", "true", "1", "oui", "vrai", "x")
FALSE_WORDS = ("no", "n", "false", "0", "non", "faux")


def sql_string(value: str) -> str:
    """A SQL string literal for a constant chosen by this module (never for user data)."""
    return "'" + value.replace("'", "''") + "'"


MONTH_WORD = r"[a-zà-ÿ]+\.?"  # the first run of letters, with an abbreviation's dot


def normalise_date_text(value: str) -> str:
    """Lower-cased date text with a French month name turned into the English abbreviation.

    Mirrors ``_date_text_sql``, so a format chosen on the sample in Python reads the same in SQL.
    """
    text = value.strip()
    if not re.search(r"[^\W\d_]{3,}", text):  # no month name: keep ISO's "T" and "Z" as written
        return text
    text = text.replace("\u202f", " ").replace("\u00a0", " ").lower()
    word = re.search(MONTH_WORD, text)
    if word and word.group(0) in _FRENCH_MONTH_MAP:
        text = text.replace(word.group(0), _FRENCH_MONTH_MAP[word.group(0)], 1)
    return text


_FRENCH_MONTH_MAP = dict(FRENCH_MONTHS)


def _date_text_sql(column: str, named: bool) -> str:
    """Date text ready for strptime: one regexp and one map lookup per cell, whatever the month."""
    if not named:
        return f"trim({column})"
    text = f"lower(replace(replace(trim({column}), chr(8239), ' '), chr(160), ' '))"
    months = (
        "MAP {" + ", ".join(f"{sql_string(fr)}: {sql_string(en)}" for fr, en in FRENCH_MONTHS) + "}"
    )
    word = f"regexp_extract({text}, {sql_string(MONTH_WORD)})"
    return f"CASE WHEN {months}[{word}] IS NULL THEN {text} ELSE replace({text}, {word}, {months}[{word}]) END"


def _parses(fmt: str, text: str) -> bool:
    try:
        datetime.strptime(text.replace("z", "Z") if fmt.endswith("Z") else text, fmt)
        return True
    except ValueError:
        return False


def choose_date_formats(samples: list[str], locale: str) -> tuple[list[str], bool]:
    """Formats for one column, with day-first vs month-first decided for the whole file's sample.

    Returns (formats, named) where ``named`` says month names must be normalised first.
    """
    texts = [normalise_date_text(s) for s in samples if s and s.strip()]
    if not texts:
        return list(
            ISO_FORMATS + (DAY_FIRST if export_locale(locale).day_first else MONTH_FIRST)
        ), False

    def covering(formats: tuple[str, ...]) -> tuple[list[str], set[int]]:
        used, covered = [], set()
        for fmt in formats:
            hits = {i for i, t in enumerate(texts) if _parses(fmt, t)}
            if hits - covered:
                used.append(fmt)
                covered |= hits
        return used, covered

    iso, iso_hits = covering(ISO_FORMATS)
    named, named_hits = covering(NAMED_FORMATS)
    day, day_hits = covering(DAY_FIRST)
    month, month_hits = covering(MONTH_FIRST)
    rest = set(range(len(texts))) - iso_hits - named_hits
    day_ok, month_ok = rest <= day_hits, rest <= month_hits
    if day_ok and month_ok:
        day_first = export_locale(locale).day_first
    elif day_ok or month_ok:
        day_first = day_ok
    else:
        day_first = len(day_hits) >= len(month_hits)
    ordered = day if day_first else month
    # The formats seen in the sample come first; the rest of the same family follow, so a later
    # row written another way (4/22/2018 6:00, then 04-11-2018 04:53) still reads the same way.
    family = (DAY_FIRST if day_first else MONTH_FIRST) + ISO_FORMATS
    seen = iso + named + ordered
    # Time-zone formats only when the sample has them: they make every value a TIMESTAMPTZ.
    rest = [f for f in family if f not in seen and ("%z" not in f or any("%z" in s for s in seen))]
    return seen + rest, bool(named)


def choose_decimal_comma(samples: list[str], locale: str) -> bool:
    """Whether this file writes decimals with a comma, from evidence first and the locale second."""
    comma = point = 0
    for raw in samples:
        text = raw.strip()
        for space in SPACES:
            text = text.replace(space, "")
        text = text.rstrip("%kKmM")
        if re.fullmatch(
            r"-?\d+,\d{1,2}|-?\d+,\d{4,}|-?\d{1,3}(\.\d{3})+,\d+|-?\d{1,3}(\.\d{3}){2,}", text
        ):
            comma += 1
        elif re.fullmatch(
            r"-?\d+\.\d{1,2}|-?\d+\.\d{4,}|-?\d{1,3}(,\d{3})+\.\d+|-?\d{1,3}(,\d{3}){2,}", text
        ):
            point += 1
    if comma != point:
        return comma > point
    return export_locale(locale).decimal_comma


# Macros installed on the loading connection. ``sl_number_slow`` handles every form seen in exports
# (1 234,5 / 1.234,5 / 15,000 / 1.2K / 1,2 k / 475.8m / 3%) and is only reached by cells the plain
# cast could not read. The file's decimal mark decides the ambiguous cells (1,234 / 1.234); a
# comma that cannot separate thousands (1,2 / 1 234,5 / 1.234,5) is a decimal comma in any file. Its repeated parts are bound through one-element lambdas: written out, the
# optimizer hoists them (common subexpressions) and then runs the regexps on every cell, not just
# on the few that fall through.
MACROS = textwrap.dedent(
    r"""
    CREATE OR REPLACE TEMP MACRO sl_squeeze(x) AS
        replace(replace(replace(replace(trim(x), ' ', ''), chr(160), ''), chr(8239), ''), chr(8201), '');
    CREATE OR REPLACE TEMP MACRO sl_multiplier(x) AS
        CASE upper(right(x, 1)) WHEN 'K' THEN 1e3 WHEN 'M' THEN 1e6 WHEN 'B' THEN 1e9 ELSE 1 END;
    CREATE OR REPLACE TEMP MACRO sl_body(x) AS regexp_replace(x, '[kKmMbB%]$', '');
    CREATE OR REPLACE TEMP MACRO sl_number_slow(x, decimal_comma) AS
        list_transform([sl_squeeze(x)], lambda s: list_transform([sl_body(s)], lambda b:
            CASE
                WHEN decimal_comma AND regexp_full_match(b, '-?\d{1,3}(\.\d{3})+(,\d+)?')
                    THEN TRY_CAST(replace(replace(b, '.', ''), ',', '.') AS DOUBLE)
                WHEN decimal_comma AND regexp_full_match(b, '-?\d*(,\d+)?')
                    THEN TRY_CAST(replace(b, ',', '.') AS DOUBLE)
                WHEN regexp_full_match(b, '-?\d{1,3}(,\d{3})+(\.\d+)?')
                    THEN TRY_CAST(replace(b, ',', '') AS DOUBLE)
                WHEN regexp_full_match(b, '-?\d*(\.\d+)?([eE][+-]?\d+)?')
                    THEN TRY_CAST(b AS DOUBLE)
                WHEN NOT decimal_comma AND regexp_full_match(b, '-?\d+,\d+|-?\d{1,3}(\.\d{3})+,\d+')
                    THEN TRY_CAST(replace(replace(b, '.', ''), ',', '.') AS DOUBLE)
            END)[1] * sl_multiplier(s))[1];
    """
)


def number_sql(column: str, decimal_comma: bool, spaces: tuple[str, ...] = SPACES) -> str:
    """A DOUBLE from cell text; NULL when the cell is empty or not a number.

    ``spaces`` are the digit-group spaces seen in this file's sample: only those are removed on
    the fast path, and a cell with any other form falls through to ``sl_number_slow``.
    """
    fast = column
    for space in spaces:
        fast = f"replace({fast}, chr({ord(space)}), '')"
    if decimal_comma:
        # A dot in a decimal-comma file is a thousands separator (1.234) or a suffix form (1.2K):
        # both are left to the slow path.
        fast = f"CASE WHEN NOT contains({column}, '.') THEN replace({fast}, ',', '.') END"
    else:
        # A comma in a decimal-point file separates thousands only between groups of three
        # (15,000); elsewhere it is a decimal comma (1 234,5, 1,2 k): both are for the slow path.
        fast = f"CASE WHEN NOT contains({column}, ',') THEN {fast} END"
    flag = "true" if decimal_comma else "false"
    return f"coalesce(TRY_CAST({fast} AS DOUBLE), sl_number_slow({column}, {flag}))"


def spaces_in(samples: list[str]) -> tuple[str, ...]:
    """The digit-group spaces this file uses (regular, no-break, narrow no-break, thin)."""
    return tuple(space for space in SPACES if any(space in value.strip() for value in samples))


def rate_sql(
    column: str, decimal_comma: bool, percent_header: bool = False, spaces: tuple[str, ...] = SPACES
) -> str:
    """A share in [0, 1].

    Under a header that says "(%)" every value is in percent ('0,8' is 0.008). Elsewhere a value
    written with '%' or above 1 is in percent, and a plain value up to 1 is already a share.
    """
    number = number_sql(f"replace({column}, '%', '')", decimal_comma, spaces)
    if percent_header:
        return f"{number} / 100"
    return (
        f"CASE WHEN {number} > 1 OR contains({column}, '%') THEN {number} / 100 ELSE {number} END"
    )


def duration_sql(column: str, decimal_comma: bool) -> str:
    """Seconds, from '754', '12:34' or '1:02:03'."""
    parts = f"string_split(trim({column}), ':')"
    clock = (
        f"CASE len({parts}) WHEN 2 THEN TRY_CAST({parts}[1] AS DOUBLE) * 60 + TRY_CAST({parts}[2] AS DOUBLE) "
        f"WHEN 3 THEN TRY_CAST({parts}[1] AS DOUBLE) * 3600 + TRY_CAST({parts}[2] AS DOUBLE) * 60 "
        f"+ TRY_CAST({parts}[3] AS DOUBLE) END"
    )
    # Plain seconds are the common case: a bare cast first, the clock and number forms after.
    return (
        f"coalesce(TRY_CAST({column} AS DOUBLE), CASE WHEN contains({column}, ':') THEN {clock} "
        f"ELSE {number_sql(column, decimal_comma)} END)"
    )


def timestamp_sql(column: str, formats: list[str], named: bool) -> str:
    listed = "[" + ", ".join(sql_string(f) for f in formats) + "]"
    parsed = f"try_strptime({_date_text_sql(column, named)}, {listed})"
    if any("%z" in f for f in formats):
        parsed = f"CAST({parsed} AS TIMESTAMP)"
    return parsed


def bool_sql(column: str) -> str:
    text = f"lower(trim({column}))"
    trues = ", ".join(sql_string(w) for w in TRUE_WORDS)
    falses = ", ".join(sql_string(w) for w in FALSE_WORDS)
    return f"CASE WHEN {text} IN ({trues}) THEN true WHEN {text} IN ({falses}) THEN false END"


def typed_sql(
    column: str,
    type_: str,
    decimal_comma: bool,
    date_formats: tuple[list[str], bool],
    percent_header: bool = False,
    spaces: tuple[str, ...] = SPACES,
) -> str:
    """The SQL expression that turns one text column into its typed value."""
    # A percentage is no count or amount ("12%" as likes): NULL, and the row is rejected.
    not_percent = f"NOT contains({column}, '%')"
    if type_ == INT:
        # Out of range (1e308, 99999999999999999999) or not finite: NULL, and the row is rejected.
        number = f"TRY_CAST(round({number_sql(column, decimal_comma, spaces)}) AS BIGINT)"
        return f"CASE WHEN {not_percent} THEN {number} END"
    if type_ == FLOAT:
        return f"CASE WHEN {not_percent} THEN {number_sql(column, decimal_comma, spaces)} END"
    if type_ == RATE:
        return rate_sql(column, decimal_comma, percent_header, spaces)
    if type_ == DURATION:
        return duration_sql(column, decimal_comma)
    if type_ in (DATE, TIMESTAMP):
        return timestamp_sql(column, *date_formats)
    if type_ == BOOL:
        return bool_sql(column)
    return text_sql(column)


# The characters trim() removes: Unicode's space separators (category Zs), as code points.
TRIMMED_SPACES = (32, 160, 5760, *range(8192, 8203), 8239, 8287, 12288)


def text_sql(column: str) -> str:
    """The cell's text without surrounding spaces; NULL when blank.

    trim() decodes every character of a cell to find where it ends; most cells neither start
    nor end with a space, and a look at their first and last characters keeps them as they are.
    """
    spaces = ", ".join(map(str, TRIMMED_SPACES))
    return (
        f"CASE WHEN unicode({column}) NOT IN ({spaces}) "
        f"AND unicode(right({column}, 1)) NOT IN ({spaces}) THEN nullif({column}, '') "
        f"ELSE nullif(trim({column}), '') END"
    )


# Numeric fields that may fall below zero: YouTube's subscribers are those gained minus those lost.
# Every other count, amount, rate or duration below zero is impossible, and its row is rejected.
MAY_BE_NEGATIVE = frozenset({"subscribers"})
NUMERIC_TYPES = (INT, FLOAT, RATE, DURATION)
# Fields whose date is checked against the plausible span of a post's life.
POST_DATE_FIELDS = ("posted_at",)
FIRST_POST_DATE = date(2000, 1, 1)
BIGINT_LIMIT = 2**63
# No fee, spend or number of hours reaches a thousand billion: such a cell is a typing slip.
AMOUNT_LIMIT = 1e12


def can_be_negative(name: str, type_: str) -> bool:
    return type_ not in NUMERIC_TYPES or name in MAY_BE_NEGATIVE


def last_post_date(today: date) -> date:
    """The latest plausible posting date: a year after ``today`` (scheduled posts)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def outside_post_dates_sql(column: str, today: date) -> str:
    """True when the typed date in ``column`` lies outside 2000-01-01 … a year after ``today``."""
    last = last_post_date(today)
    return (
        f"(CAST({column} AS DATE) < DATE '{FIRST_POST_DATE.isoformat()}' "
        f"OR CAST({column} AS DATE) > DATE '{last.isoformat()}')"
    )


def post_date_reason(value: date, today: date) -> Message:
    return Message(
        "ingest.row.post_date",
        day=value.isoformat(),
        first=FIRST_POST_DATE.year,
        last=last_post_date(today).year,
    )


def negative_reason(name: str, value: str) -> Message:
    return Message("ingest.row.negative", field=field_words(name), value=value.strip()[:60])


def above_all_reason(name: str, value: str) -> Message:
    return Message("ingest.row.above_all", field=field_words(name), value=value.strip()[:60])


def field_words(name: str) -> str:
    """A canonical field as a message names it: "positive_rate" -> "positive rate"."""
    return name.replace("_", " ")


def out_of_range(value: str) -> bool:
    """Whether a cell is a number too large for a whole-number column (1e308, 20 digits)."""
    text = value.strip()
    for space in SPACES:
        text = text.replace(space, "")
    text = text.replace(",", "").replace("_", "")
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
        return False
    try:
        return abs(float(text)) >= BIGINT_LIMIT
    except OverflowError:
        return True


def unreadable_reason(type_: str, value: str) -> Message:
    """Why a present cell could not be read as its column's type."""
    if value.strip() and out_of_range(value) and type_ in NUMERIC_TYPES:
        return out_of_range_reason(type_, value)
    return Message("ingest.row.unreadable", expected=type_term(type_), value=value[:60])


def out_of_range_reason(type_: str, value: str) -> Message:
    return Message("ingest.row.out_of_range", expected=type_term(type_), value=value.strip()[:60])


def type_term(type_: str) -> str:
    """What a column of ``type_`` expects, as a catalogue term: "type.int" is "a whole number"."""
    known = (INT, FLOAT, RATE, DURATION, DATE, TIMESTAMP, BOOL)
    return f"type.{type_}" if type_ in known else "type.text"
