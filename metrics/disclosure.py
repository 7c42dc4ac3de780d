"""Disclosure of sponsored posts: ``disclosed``, ``ambiguous`` or ``missing``.

A post is ``disclosed`` when its platform paid-partnership label is set or its title or caption
carries a clear mention (FR: "Publicité", "Collaboration commerciale", #pub, #publicité,
#sponsorisé, #partenariat; EN: #ad, #sponsored, "paid partnership"); ``ambiguous`` when only a
vague one appears (#collab, #partner, #gifted, "merci à", "thanks to"); ``missing`` otherwise.

The rules are data (``RULES``) applied in DuckDB to the lower-cased, accent-stripped text with
links removed: hashtags must be whole tags (``#ad`` does not match ``#adorable``), words whole
words ("publicitaire" is not "publicité"). Only what was exported is read: a disclosure shown
only in the picture, the video or its sound is not seen, so shares are ``estimated``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import duckdb
import pandas as pd

from i18n.messages import Message
from metrics.filters import Filters, post_condition
from metrics.kpis import ESTIMATED, nulls_to_none

DISCLOSED = "disclosed"
AMBIGUOUS = "ambiguous"
MISSING = "missing"
STATUSES = (DISCLOSED, AMBIGUOUS, MISSING)
PLATFORM_LABEL_RULE = "platform_label"
"""``matched_rule`` of a post disclosed by the platform's paid-partnership label."""


@dataclass(frozen=True)
class DisclosureRule:
    """One rule: id, language, the status it gives, an RE2 pattern, a match and a near miss.

    ``pattern`` applies to normalised text: lower case, accents stripped, links removed,
    runs of white space (no-break spaces included) collapsed to one space. ``example`` must
    match the rule and ``near_miss`` must not: both are checked by the tests.
    """

    rule_id: str
    language: str
    status: str
    pattern: str
    example: str
    near_miss: str


def _tag(name: str) -> str:
    # A whole hashtag: '#' not glued to a word before it, and no word character after the name.
    return rf"(^|[^\w#])#{name}\b"


def _words(phrase: str) -> str:
    return r"\b" + r"\s+".join(phrase.split()) + r"\b"


_R = DisclosureRule
RULES: tuple[DisclosureRule, ...] = (
    # Clear disclosures, French: loi n° 2023-451 du 9 juin 2023, art. 5 ("Publicité" or
    # "Collaboration commerciale"), and the usual advertising hashtags.
    _R("fr_tag_pub", "fr", DISCLOSED, _tag("pub"), "Nouveau sérum #pub", "#pubcrawl"),
    _R("fr_tag_publicite", "fr", DISCLOSED, _tag("publicites?"), "#Publicité", "#publicitaire"),
    _R("fr_tag_sponsorise", "fr", DISCLOSED, _tag("sponsorisee?s?"), "#sponsorisé", "#sponsoring"),
    _R("fr_tag_partenariat", "fr", DISCLOSED, _tag("partenariat"), "#partenariat", "#partenaire"),
    _R(
        "fr_tag_collaborationcommerciale",
        "fr",
        DISCLOSED,
        _tag("collaborationcommerciale"),
        "#CollaborationCommerciale",
        "#collaborationcommercialeparis",
    ),
    _R(
        "fr_publicite",
        "fr",
        DISCLOSED,
        _words("publicites?"),
        "Publicité : ma routine",
        "un film publicitaire",
    ),
    _R(
        "fr_collaboration_commerciale",
        "fr",
        DISCLOSED,
        _words("collaboration commerciale"),
        "Collaboration commerciale avec @marque",
        "collaboration non commerciale",
    ),
    # Clear disclosures, English: FTC, "Disclosures 101 for Social Media Influencers" (2019).
    _R("en_tag_ad", "en", DISCLOSED, _tag("ad"), "Loving this serum #ad", "#adorable"),
    _R("en_tag_sponsored", "en", DISCLOSED, _tag("sponsored"), "#Sponsored", "#unsponsored"),
    _R(
        "en_paid_partnership",
        "en",
        DISCLOSED,
        _words("paid partnership"),
        "Paid partnership with @brand",
        "unpaid partnership",
    ),
    _R(
        "en_tag_paidpartnership",
        "en",
        DISCLOSED,
        _tag("paidpartnership"),
        "#PaidPartnership",
        "#unpaidpartnership",
    ),
    # Vague mentions (FTC Disclosures 101 calls "collab" and a bare "thanks" vague).
    _R("fr_merci_a", "fr", AMBIGUOUS, _words("merci a"), "Merci à @marque", "Merci aux abonnés"),
    _R("en_thanks_to", "en", AMBIGUOUS, _words("thanks to"), "Thanks to @brand", "thanks, too"),
    _R("any_tag_collab", "any", AMBIGUOUS, _tag("collab"), "#collab", "#collaboration"),
    _R("en_tag_partner", "en", AMBIGUOUS, _tag("partner"), "#partner", "#partnerships"),
    _R("en_tag_gifted", "en", AMBIGUOUS, _tag("gifted"), "#gifted", "#giftedchild"),
)
"""The disclosure rules in order of precedence: the first rule of the strongest status wins."""

_RULES_CTE = textwrap.dedent(
    """
    SELECT unnest(?::TEXT[]) AS rule_id,
           unnest(?::TEXT[]) AS language,
           unnest(?::TEXT[]) AS status,
           unnest(?::TEXT[]) AS pattern,
           unnest(?::INTEGER[]) AS precedence
    """
)

NORMALISE_SQL = (
    r"regexp_replace(regexp_replace(strip_accents(lower("
    r"coalesce(title, '') || ' ' || coalesce(caption, ''))), "
    r"'https?://[^\s]+|www\.[^\s]+', ' ', 'g'), '[\s\x{00A0}\x{2007}\x{202F}]+', ' ', 'g')"
)
"""The text rules apply to: title and caption, lower case, no accents, no links, single spaces."""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# The rules as constant patterns, strongest first: DuckDB compiles each regex once, where a join
# on a pattern column recompiles it for every post and rule.
_FIRST_MATCH_SQL = (
    "CASE "
    + " ".join(
        f"WHEN regexp_matches(n.__text, {_literal(r.pattern)}) THEN {_literal(r.rule_id)}"
        for r in sorted(RULES, key=lambda r: r.status != DISCLOSED)
    )
    + " END"
)

CLASSIFY_SQL = textwrap.dedent(
    """
    WITH rules AS ({rules}),
    source AS ({{source}}),
    normalised AS (SELECT *, trim({normalise}) AS __text FROM source),
    matched AS (
        SELECT n.__item, r.rule_id AS matched_rule, r.status AS rule_status,
               r.language AS rule_language
        FROM normalised n
        JOIN rules r ON r.rule_id = ({first_match})
    )
    SELECT n.* EXCLUDE (__text),
           n.__text <> '' AS has_text,
           CASE WHEN n.paid_partnership_label THEN '{disclosed}'
                ELSE coalesce(m.rule_status, '{missing}') END AS status,
           CASE WHEN n.paid_partnership_label THEN '{label}' ELSE m.matched_rule END
             AS matched_rule,
           CASE WHEN n.paid_partnership_label THEN NULL ELSE m.rule_language END AS rule_language
    FROM normalised n
    LEFT JOIN matched m USING (__item)
    ORDER BY n.__item
    """
).format(
    rules=_RULES_CTE.strip(),
    first_match=_FIRST_MATCH_SQL,
    normalise=NORMALISE_SQL,
    disclosed=DISCLOSED,
    missing=MISSING,
    label=PLATFORM_LABEL_RULE,
)
"""Classify every row of ``{source}`` (columns ``__item``, title, caption, label) by ``RULES``.

``{source}`` is filled with ``str.replace``: the normalisation regex holds braces of its own.
"""

TEXTS_SOURCE_SQL = textwrap.dedent(
    """
    SELECT unnest(?::INTEGER[]) AS __item,
           NULL::TEXT AS title,
           unnest(?::TEXT[]) AS caption,
           unnest(?::BOOLEAN[]) AS paid_partnership_label
    """
)

POSTS_SOURCE_SQL = textwrap.dedent(
    """
    SELECT p.post_id AS __item, p.post_id, p.creator_id, cr.handle, p.campaign_id,
           cam.client_id, p.platform, p.posted_at, p.title, p.caption,
           coalesce(p.paid_partnership_label, false) AS paid_partnership_label
    FROM posts p
    LEFT JOIN creators cr ON cr.creator_id = p.creator_id
    LEFT JOIN campaigns cam ON cam.campaign_id = p.campaign_id
    WHERE coalesce(p.sponsored, p.campaign_id IS NOT NULL)
      AND {condition}
    """
)
"""Sponsored posts under the filters (sponsored flag, or a campaign when the flag is unknown).

A creator's organic post (``sponsored = false``) is never judged: it owes no disclosure.
"""

ORGANIC_LEFT_OUT_SQL = textwrap.dedent(
    """
    SELECT count(*)
    FROM posts p
    WHERE p.campaign_id IS NOT NULL AND NOT coalesce(p.sponsored, true)
      AND {condition}
    """
)
"""Campaign posts marked organic under the filters: the posts Disclosure leaves out."""

Level = Literal["all", "campaign", "creator", "platform"]
RATE_LEVELS: dict[str, tuple[str, ...]] = {
    "all": (),
    "campaign": ("campaign_id",),
    "creator": ("creator_id", "handle", "platform"),
    "platform": ("platform",),
}
"""Grouping level -> the columns of the per-post frame it groups by (fixed identifiers)."""

RATES_SQL = textwrap.dedent(
    """
    WITH classified AS ({classified})
    SELECT {keys}
           count(*) AS posts,
           count(*) FILTER (WHERE status = 'disclosed') AS disclosed,
           count(*) FILTER (WHERE status = 'ambiguous') AS ambiguous,
           count(*) FILTER (WHERE status = 'missing') AS missing,
           count(*) FILTER (WHERE NOT has_text AND NOT paid_partnership_label)
             AS without_text,
           disclosed / posts AS disclosed_share,
           ambiguous / posts AS ambiguous_share,
           missing / posts AS missing_share
    FROM classified
    GROUP BY ALL
    ORDER BY ALL
    """
)
"""Counts and shares of each status per level; ``{keys}`` comes from ``RATE_LEVELS`` only."""


def rules_frame() -> pd.DataFrame:
    """The disclosure rules as a table (rule_id, language, status, pattern, example, near_miss).

    Source: loi n° 2023-451 art. 5; FTC Disclosures 101.
    """
    return pd.DataFrame(
        [(r.rule_id, r.language, r.status, r.pattern, r.example, r.near_miss) for r in RULES],
        columns=["rule_id", "language", "status", "pattern", "example", "near_miss"],
    )


def classify_texts(
    connection: duckdb.DuckDBPyConnection,
    texts: Sequence[str | None],
    labels: Sequence[bool] | None = None,
) -> pd.DataFrame:
    """Classify free texts with ``RULES`` exactly as posts are classified (for previews and tests).

    Args:
        connection: any DuckDB connection (no table is read).
        texts: captions (None is an empty caption).
        labels: the platform paid-partnership label of each text (default: unset).

    Returns:
        One row per text, in order: ``caption, has_text, status, matched_rule, rule_language``.

    Source: README, What is in the dashboard (Disclosure).
    """
    labels = list(labels) if labels is not None else [False] * len(texts)
    if len(labels) != len(texts):
        raise ValueError("labels must have one entry per text")
    sql = CLASSIFY_SQL.replace("{source}", TEXTS_SOURCE_SQL)
    params = [*_rule_params(), list(range(len(texts))), list(texts), labels]
    frame = nulls_to_none(
        connection.execute(sql, params).df(), ["caption", "matched_rule", "rule_language"]
    )
    return frame[["caption", "has_text", "status", "matched_rule", "rule_language"]]


def post_disclosure(connection: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Disclosure status of each sponsored post under ``filters``.

    Returns:
        Columns ``post_id, creator_id, handle, campaign_id, client_id, platform, posted_at,
        status, matched_rule, rule_language, has_text, paid_partnership_label``; ``matched_rule``
        is a ``RULES`` id or ``platform_label``, None when ``missing``.

    Source: loi n° 2023-451 art. 5; FTC Disclosures 101.
    """
    sql, params = _posts_sql(filters)
    frame = nulls_to_none(
        connection.execute(sql, params).df(),
        ["creator_id", "handle", "campaign_id", "client_id", "matched_rule", "rule_language"],
    )
    return frame[
        [
            "post_id",
            "creator_id",
            "handle",
            "campaign_id",
            "client_id",
            "platform",
            "posted_at",
            "status",
            "matched_rule",
            "rule_language",
            "has_text",
            "paid_partnership_label",
        ]
    ]


def disclosure_rates(
    connection: duckdb.DuckDBPyConnection, filters: Filters, by: Level = "creator"
) -> pd.DataFrame:
    """Share of sponsored posts disclosed, ambiguous and missing, per creator, campaign or platform.

    ``<status>_share = posts with that status / sponsored posts`` of the group. ``without_text``
    counts posts with neither text nor label (``missing`` may then mean "not exported").
    ``provenance`` is ``estimated``: only the exported text and label are read.

    Args:
        connection: an open DuckDB connection.
        filters: the view's restriction.
        by: ``creator`` (creator_id, handle, platform), ``campaign``, ``platform`` or ``all``.

    Source: README, What is in the dashboard (Disclosure).
    """
    if by not in RATE_LEVELS:
        raise ValueError(f"by must be one of {', '.join(RATE_LEVELS)}, not {by!r}")
    classified, params = _posts_sql(filters)
    keys = "".join(f"{k}, " for k in RATE_LEVELS[by])
    frame = connection.execute(RATES_SQL.format(classified=classified, keys=keys), params).df()
    empty = frame["posts"] == 0
    for status in STATUSES:
        # Object dtype keeps None (no sponsored post) apart from a share of 0.
        column = f"{status}_share"
        frame[column] = pd.Series(
            [None if e else float(v) for e, v in zip(empty, frame[column], strict=True)],
            dtype=object,
            index=frame.index,
        )
    frame["provenance"] = [None if e else ESTIMATED for e in empty]
    # Messages in object columns: a string column would make each one plain English text.
    frame["reason"] = pd.Series(
        [Message("disclosure.no_sponsored") if e else None for e in empty],
        dtype=object,
        index=frame.index,
    )
    frame["note"] = pd.Series(
        [None if e else Message("disclosure.provenance_note") for e in empty],
        dtype=object,
        index=frame.index,
    )
    return frame


def organic_left_out(connection: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """How many of the filtered campaigns' posts are marked organic, so not judged.

    An organic post is the creator's own content, kept as a baseline (``metrics.organic``): it
    is not advertising and owes no disclosure.

    Source: loi n° 2023-451 art. 5 (commercial content only).
    """
    condition, params = post_condition(replace(filters, include_organic=True), "p")
    return int(
        connection.execute(ORGANIC_LEFT_OUT_SQL.format(condition=condition), params).fetchone()[0]
    )


def _rule_params() -> list[list]:
    return [
        [r.rule_id for r in RULES],
        [r.language for r in RULES],
        [r.status for r in RULES],
        [r.pattern for r in RULES],
        # Every disclosed rule outranks every ambiguous one; list order breaks ties.
        [(0 if r.status == DISCLOSED else 1) * len(RULES) + i for i, r in enumerate(RULES)],
    ]


def _posts_sql(filters: Filters) -> tuple[str, list]:
    condition, params = post_condition(filters, "p")
    source = POSTS_SOURCE_SQL.format(condition=condition)
    return CLASSIFY_SQL.replace("{source}", source), [*_rule_params(), *params]
