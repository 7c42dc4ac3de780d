"""Unaided recall from open survey answers, and brand mentions in comments.

A text names the brand when, after lower-casing, removing accents and reducing every run of
non-alphanumeric characters to a word break, one of the campaign's ``brand_terms`` appears as
whole words, written together ("#stridelab", "@stride.lab"), or misspelt by one edit
(Damerau-Levenshtein distance ≤ 1: a missing, extra, wrong or swapped letter) when the term has
at least five letters, the first letter is right and the misspelt word is not a common French
or English word ("basics" is not "Asics", "grand" is not "Grano"). The matching runs in DuckDB
(``strip_accents``, ``regexp_replace``, ``damerau_levenshtein``).

Unaided recall compares the share of exposed and control respondents whose open answer names
the brand, with the Newcombe (1998) hybrid score interval from ``metrics.stats``.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from i18n import catalogue
from i18n.messages import Message
from metrics import stats
from metrics.brand_lift import CAMPAIGN_WAVES
from metrics.filters import Filters, campaign_condition, post_condition

UNAIDED_QUESTIONS = ("unaided_recall", "unaided_awareness", "spontaneous_recall", "open_recall")
MIN_FUZZY_LENGTH = 5
MAX_TERM_WORDS = 4

# Frequent words one edit away from plausible brand names; a campaign adds its own through
# ``{"terms": [...], "exclude": [...]}`` in ``campaigns.brand_terms``.
COMMON_WORDS = tuple(
    """
    basic basics grand grande grands grain grains brand brands grace grade trade trend trends
    never fever lover lovers cover clover dover river rover power tower lower mower sugar super
    caudal caudale garner garder nature natural bonne bonnes crème creme cream dream dreams
    sport sports short shorts store stores stride strident strike price prise prize pride
    shoes shoe house horse mouse smile small smell still stick stock story glory sorry
    where there these those their three throw threw world would could should about above
    photo photos video videos merci marche marché march marcher match matches watch watches
    vraiment comment content contente moment momento toujours jamais encore autre autres
    petit petite petits petites belle belles sublime parfait parfaite cette notre votre
    light night right might fight tight sight plant plants plane plans glass class
    """.split()
)

TERMS_CTE = textwrap.dedent(
    """
    terms AS (
        SELECT DISTINCT
               regexp_replace(lower(strip_accents(term)), '[^a-z0-9]+', '', 'g') AS compact,
               len(string_split(trim(regexp_replace(lower(strip_accents(term)),
                                                    '[^a-z0-9]+', ' ', 'g')), ' ')) AS words
        FROM (SELECT unnest(?::TEXT[]) AS term)
        WHERE regexp_replace(lower(strip_accents(term)), '[^a-z0-9]+', '', 'g') <> ''
    ),
    excluded AS (
        SELECT DISTINCT regexp_replace(lower(strip_accents(word)), '[^a-z0-9]+', '', 'g') AS compact
        FROM (SELECT unnest(?::TEXT[]) AS word)
    )
    """
)

# ``docs(doc_id, text)`` is defined by the caller's CTE; grams are runs of 1..words+1 tokens
# written together, so "stride lab", "stridelab" and "stride-lab" meet the same compact term.
MATCH_CTE = textwrap.dedent(
    """
    tokens AS (
        SELECT doc_id,
               string_split(trim(regexp_replace(lower(strip_accents(coalesce(text, ''))),
                                                '[^a-z0-9]+', ' ', 'g')), ' ') AS tokens
        FROM docs
    ),
    grams AS (
        SELECT tk.doc_id, t.compact,
               unnest(list_transform(range(1, greatest(len(tk.tokens) - r.k + 2, 1)),
                                     lambda i: array_to_string(tk.tokens[i:i + r.k - 1], '')))
                   AS gram
        FROM tokens AS tk
        CROSS JOIN terms AS t
        CROSS JOIN range(1, {max_words}) AS r(k)
        WHERE r.k <= t.words + 1
    ),
    matched AS (
        SELECT d.doc_id,
               coalesce(bool_or(
                   g.gram = g.compact
                   OR (length(g.compact) >= {min_fuzzy}
                       AND left(g.gram, 1) = left(g.compact, 1)
                       AND damerau_levenshtein(g.gram, g.compact) <= 1
                       AND g.gram NOT IN (SELECT compact FROM excluded))
               ), false) AS mentions
        FROM docs AS d
        LEFT JOIN grams AS g ON g.doc_id = d.doc_id
        GROUP BY d.doc_id
    )
    """
).format(max_words=MAX_TERM_WORDS + 2, min_fuzzy=MIN_FUZZY_LENGTH)

TEXTS_MATCH_SQL = (
    "WITH "
    + TERMS_CTE
    + ",\n docs AS (SELECT unnest(?::TEXT[]) AS text, generate_subscripts(?::TEXT[], 1) AS doc_id),"
    + MATCH_CTE
    + "SELECT mentions FROM matched ORDER BY doc_id"
)

CAMPAIGN_TERMS_SQL = "SELECT brand_terms FROM campaigns WHERE campaign_id = ?"

# Respondents of the campaign who answered an open question, with their group and weight; the
# answers the campaign's own lift reads (``brand_lift.CAMPAIGN_WAVES``), not its pre-launch and
# follow-up waves.
_RECALL_DOCS = textwrap.dedent(
    f"""
    docs AS (
        SELECT respondent_id || '|' || "group" AS doc_id, "group", respondent_id,
               coalesce(weight, 1.0) AS w, raw_answer AS text
        FROM survey_responses
        WHERE campaign_id = ? AND list_contains(?::TEXT[], lower(question)) AND {{campaign_filter}}
          AND {CAMPAIGN_WAVES}
    ),
    """
)

UNAIDED_RECALL_SQL_TEMPLATE = (
    "WITH "
    + TERMS_CTE
    + ",\n"
    + _RECALL_DOCS
    + MATCH_CTE.strip()
    + textwrap.dedent(
        """
        ,
        respondents AS (
            SELECT d."group", d.respondent_id, max(d.w) AS w, bool_or(m.mentions) AS named
            FROM docs AS d JOIN matched AS m ON m.doc_id = d.doc_id
            GROUP BY d."group", d.respondent_id
        )
        SELECT "group",
               count(*) FILTER (WHERE isfinite(w) AND w > 0) AS respondents,
               count(*) FILTER (WHERE NOT (isfinite(w) AND w > 0)) AS dropped,
               coalesce(sum(w) FILTER (WHERE isfinite(w) AND w > 0), 0) AS sum_w,
               coalesce(sum(w * w) FILTER (WHERE isfinite(w) AND w > 0), 0) AS sum_w2,
               coalesce(sum(w) FILTER (WHERE isfinite(w) AND w > 0 AND named), 0) AS sum_wy,
               count(*) FILTER (WHERE isfinite(w) AND w > 0 AND named) AS named
        FROM respondents
        GROUP BY "group"
        """
    )
)

QUESTIONS_PRESENT_SQL = textwrap.dedent(
    f"""
    SELECT DISTINCT lower(question) AS question
    FROM survey_responses
    WHERE campaign_id = ? AND raw_answer IS NOT NULL AND trim(raw_answer) <> ''
      AND {CAMPAIGN_WAVES}
    ORDER BY question
    """
)

# Comments on the campaign's posts under the view's filters; a comment without its own date
# takes its post's.
_COMMENT_DOCS = textwrap.dedent(
    """
    docs AS (
        SELECT c.comment_id AS doc_id, c.text,
               coalesce(c.created_at, p.posted_at) AS at
        FROM comments AS c
        JOIN posts AS p ON p.post_id = c.post_id
        WHERE p.campaign_id = ? AND {post_filter}
    ),
    """
)

COMMENT_MENTIONS_SQL_TEMPLATE = (
    "WITH "
    + TERMS_CTE
    + ",\n"
    + _COMMENT_DOCS
    + MATCH_CTE.strip()
    + "\nSELECT d.doc_id AS comment_id, d.at, m.mentions"
    + "\nFROM docs AS d JOIN matched AS m ON m.doc_id = d.doc_id ORDER BY d.doc_id"
)

WEEKLY_MENTIONS_SQL_TEMPLATE = (
    "WITH "
    + TERMS_CTE
    + ",\n"
    + _COMMENT_DOCS
    + MATCH_CTE.strip()
    + textwrap.dedent(
        """
        ,
        dated AS (
            SELECT date_trunc('week', d.at)::DATE AS week, m.mentions
            FROM docs AS d JOIN matched AS m ON m.doc_id = d.doc_id
            WHERE d.at IS NOT NULL
        ),
        weeks AS (
            SELECT unnest(generate_series(min(week), max(week), INTERVAL 7 DAY))::DATE AS week
            FROM dated
            HAVING count(*) > 0
        )
        SELECT w.week, count(d.week) AS comments,
               count(*) FILTER (WHERE d.mentions) AS mentioning
        FROM weeks AS w
        LEFT JOIN dated AS d ON d.week = w.week
        GROUP BY w.week
        ORDER BY w.week
        """
    )
)


@dataclass(frozen=True)
class BrandTerms:
    """The names that count as naming the brand, and words never to read as a misspelling."""

    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


def parse_brand_terms(value: str | list | dict | None) -> BrandTerms:
    """Read ``campaigns.brand_terms``: a JSON list of names, or ``{"terms": [...], "exclude": [...]}``.

    Args:
        value: The stored JSON (text or already parsed); None for no terms.

    Returns:
        The terms (blank ones dropped) and the campaign's own exclusions.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            value = [value]
    if value is None:
        return BrandTerms(())
    if isinstance(value, dict):
        terms, exclude = value.get("terms") or [], value.get("exclude") or []
    else:
        terms, exclude = value, []
    if isinstance(terms, str):
        terms = [terms]
    clean = tuple(str(t).strip() for t in terms if isinstance(t, str | int) and str(t).strip())
    return BrandTerms(clean, tuple(str(x) for x in exclude if str(x).strip()))


def campaign_brand_terms(connection: duckdb.DuckDBPyConnection, campaign_id: str) -> BrandTerms:
    """The campaign's ``brand_terms`` (empty when the campaign or its terms are missing).

    Args:
        connection: An open connection.
        campaign_id: The campaign.

    Returns:
        Its brand terms and exclusions.
    """
    row = connection.execute(CAMPAIGN_TERMS_SQL, [campaign_id]).fetchone()
    return parse_brand_terms(row[0] if row else None)


def _exclusions(terms: BrandTerms) -> list[str]:
    return [*COMMON_WORDS, *terms.exclude]


def _usable(terms: Sequence[str]) -> list[str]:
    return [t for t in terms if t and t.strip()]


def match_brand_terms(
    connection: duckdb.DuckDBPyConnection,
    texts: Sequence[str | None],
    terms: Sequence[str] | BrandTerms,
) -> list[bool]:
    """Whether each text names one of the brand terms (rules in the module docstring).

    Args:
        connection: Any DuckDB connection (nothing is read from or written to its tables).
        texts: The texts; None never matches.
        terms: Brand names, or ``BrandTerms`` with exclusions.

    Returns:
        One boolean per text, in order; all False when there are no terms.
    """
    brand = terms if isinstance(terms, BrandTerms) else BrandTerms(tuple(terms))
    names = _usable(brand.terms)
    if not texts:
        return []
    if not names:
        return [False] * len(texts)
    values = [text if isinstance(text, str) else None for text in texts]
    rows = connection.execute(
        TEXTS_MATCH_SQL, [names, _exclusions(brand), values, values]
    ).fetchall()
    return [bool(row[0]) for row in rows]


@dataclass(frozen=True)
class UnaidedRecall:
    """Share of exposed and control respondents naming the brand in an open answer."""

    campaign_id: str
    questions: tuple[str, ...]
    brand_terms: tuple[str, ...]
    respondents_exposed: int
    respondents_control: int
    named_exposed: int
    named_control: int
    comparison: stats.ProportionComparison
    interval_method: str
    warnings: tuple[str, ...]


def _group_counts(rows: list[tuple]) -> dict[str, dict]:
    return {
        row[0]: {
            "respondents": int(row[1]),
            "dropped": int(row[2]),
            "sum_w": float(row[3]),
            "sum_w2": float(row[4]),
            "sum_wy": float(row[5]),
            "named": int(row[6]),
        }
        for row in rows
    }


def unaided_recall(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters | None = None,
    questions: Sequence[str] | None = None,
    terms: Sequence[str] | BrandTerms | None = None,
) -> UnaidedRecall:
    """Unaided (spontaneous) brand recall: exposed versus control share naming the brand.

    A respondent recalls the brand when any of their answers to the open question names one
    of the brand terms (``match_brand_terms`` rules); a blank answer counts as not naming it.
    ``p_e - p_c`` with the Newcombe (1998) method-10 interval, the pooled two-proportion
    z-test and the rest of ``metrics.stats.compare_proportions``; respondent weights enter
    through Kish's effective sample size, as in brand lift. The measure is the "unaided brand
    awareness / recall" of advertising research (e.g. Kantar's and Ipsos' open "which brands
    of … can you think of?" question), scored here from the text instead of a coder. It reads
    the answers the campaign's own lift reads (``brand_lift.CAMPAIGN_WAVES``: without a wave,
    in flight, post, or a wave not placed in time); a tracker's pre-launch and later waves are
    not the campaign's result.

    Args:
        connection: An open connection.
        campaign_id: The campaign.
        filters: The view's filters (the client restriction applies); default none.
        questions: Question names whose answers are open text; default ``UNAIDED_QUESTIONS``.
        terms: Brand terms; default the campaign's ``brand_terms``.

    Returns:
        Counts, rates, lift and interval; empty groups give None rates and a warning.
    """
    filters = filters or Filters()
    brand = _resolve_terms(connection, campaign_id, terms)
    asked = tuple(q.lower() for q in (questions or UNAIDED_QUESTIONS))
    warnings: list[str] = []
    names = _usable(brand.terms)
    groups: dict[str, dict] = {}
    if not names:
        warnings.append(Message("recall.no_brand_terms"))
    else:
        condition, params = campaign_condition(filters, "campaign_id")
        sql = UNAIDED_RECALL_SQL_TEMPLATE.replace("{campaign_filter}", condition)
        rows = connection.execute(
            sql, [names, _exclusions(brand), campaign_id, list(asked), *params]
        ).fetchall()
        groups = _group_counts(rows)
    if names and not groups:
        present = [
            r[0] for r in connection.execute(QUESTIONS_PRESENT_SQL, [campaign_id]).fetchall()
        ]
        # Questions named in words ("purchase intent"), never by their stored code: a known
        # question through its catalogue term, any other with its underscores as spaces.
        named = [q if catalogue.has(f"term.{q}") else q.replace("_", " ") for q in present]
        warnings.append(
            Message("recall.no_answers_open", questions=named)
            if named
            else Message("recall.no_answers")
        )
    exposed = groups.get("exposed", {})
    control = groups.get("control", {})
    dropped = exposed.get("dropped", 0) + control.get("dropped", 0)
    if dropped:
        warnings.append(Message("recall.dropped_weights", n=dropped))
    x_e, n_e = stats.weighted_counts(
        exposed.get("sum_w", 0.0), exposed.get("sum_w2", 0.0), exposed.get("sum_wy", 0.0)
    )
    x_c, n_c = stats.weighted_counts(
        control.get("sum_w", 0.0), control.get("sum_w2", 0.0), control.get("sum_wy", 0.0)
    )
    comparison = stats.compare_proportions(x_e, n_e, x_c, n_c, filters.confidence)
    return UnaidedRecall(
        campaign_id=campaign_id,
        questions=asked,
        brand_terms=tuple(names),
        respondents_exposed=exposed.get("respondents", 0),
        respondents_control=control.get("respondents", 0),
        named_exposed=exposed.get("named", 0),
        named_control=control.get("named", 0),
        comparison=comparison,
        interval_method="Newcombe (1998) hybrid score, metrics.stats.newcombe_interval",
        warnings=tuple(warnings) + comparison.warnings,
    )


def comment_mentions(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters | None = None,
    terms: Sequence[str] | BrandTerms | None = None,
) -> list[tuple[str, dt.datetime | None, bool]]:
    """Each comment on the campaign's posts with its date and whether it names the brand.

    Args:
        connection: An open connection.
        campaign_id: The campaign.
        filters: The view's filters, applied to the posts.
        terms: Brand terms; default the campaign's ``brand_terms``.

    Returns:
        ``(comment_id, created_at or the post's date, mentions)`` per comment.
    """
    filters = filters or Filters()
    brand = _resolve_terms(connection, campaign_id, terms)
    condition, params = post_condition(filters, "p")
    names = _usable(brand.terms) or [""]
    sql = COMMENT_MENTIONS_SQL_TEMPLATE.replace("{post_filter}", condition)
    rows = connection.execute(sql, [names, _exclusions(brand), campaign_id, *params]).fetchall()
    return [(row[0], row[1], bool(row[2])) for row in rows]


def _resolve_terms(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    terms: Sequence[str] | BrandTerms | None,
) -> BrandTerms:
    if terms is None:
        return campaign_brand_terms(connection, campaign_id)
    return terms if isinstance(terms, BrandTerms) else BrandTerms(tuple(terms))


@dataclass(frozen=True)
class WeeklyMentions:
    """Comments in one week (Monday start) and how many named the brand."""

    week_start: dt.date
    comments: int
    mentioning: int
    share: float | None


def brand_mentions_by_week(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters | None = None,
    terms: Sequence[str] | BrandTerms | None = None,
) -> list[WeeklyMentions]:
    """Brand mentions in comments per ISO week (weeks without comments included, share None).

    ``share = mentioning / comments`` of the week; a comment is dated by its own timestamp, or
    its post's when the export has none; comments with neither are left out of the series.

    Args:
        connection: An open connection.
        campaign_id: The campaign.
        filters: The view's filters, applied to the posts.
        terms: Brand terms; default the campaign's ``brand_terms``.

    Returns:
        One entry per week from the first to the last dated comment; empty without comments.
    """
    filters = filters or Filters()
    brand = _resolve_terms(connection, campaign_id, terms)
    condition, params = post_condition(filters, "p")
    names = _usable(brand.terms) or [""]
    sql = WEEKLY_MENTIONS_SQL_TEMPLATE.replace("{post_filter}", condition)
    rows = connection.execute(sql, [names, _exclusions(brand), campaign_id, *params]).fetchall()
    return [
        WeeklyMentions(
            week_start=row[0],
            comments=int(row[1]),
            mentioning=int(row[2]),
            share=(row[2] / row[1]) if row[1] else None,
        )
        for row in rows
    ]
