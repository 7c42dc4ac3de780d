"""Creator fit for a campaign: how much of each creator's audience the campaign targets.

Picking creators by follower count says nothing about who follows them. Here each creator's
audience export (``audience``: age, gender, country, as shares or counts) is compared with the
campaign's target audience (``campaigns.target_audience``, ``store.target_audience``), beside
the creator's engagement rate by reach, follower count and the results they delivered for the
brand before, and the creators are ranked by a documented score that never uses followers.

Definitions (one creator, one target):

- *distribution* of a dimension: the shares of its latest export (``as_of``); counts (YouTube
  geography views) are divided by their sum; shares summing above 1 are divided by their sum;
  below 1, the rest is an "unlisted" bucket (top-countries lists), never counted in target.
- *in-target share*: the product over the target's dimensions of the share of the audience in
  the target values, which assumes the dimensions are independent (a creator's women are as
  young as their men); where an export gives a joint distribution (dimension ``age|gender``,
  value ``18-24|female``), its joint share replaces the product of those dimensions.
- *overlap index*: the Bhattacharyya coefficient ``BC = Σ_v √(p_v · q_v)`` between the
  creator's distribution ``p`` and the target's ``q`` (uniform over the target values of the
  dimension), per dimension; overall, their product (the coefficient of the joint
  distributions under the same independence). 1 when the audience is spread over the target
  values as the target is, 0 when it holds none of them.
- *score* (``SCORE_DEFINITION``): in-target share × engagement factor, the factor being the
  creator's engagement rate by reach over the platform's median among the candidates, held
  within [0.5, 2] so an unusual rate cannot outweigh fit; 1 without a rate. Past brand lift is
  shown, not scored: a survey measures a campaign, not one of its creators.

A target dimension a creator's exports lack (TikTok exports no age) is left out of the product
(the in-target share is then an upper bound) and named in ``missing_dimensions``; such creators
are ranked after those whose exports cover the whole target. Creators with no audience export are
listed with ``audience = "none"`` and no rank, never ranked last silently.
"""

from __future__ import annotations

import dataclasses
import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

from i18n.messages import Message, join
from metrics import brand_lift, creators
from metrics.filters import Filters, campaign_condition, post_condition
from metrics.kpis import nulls_to_none
from metrics.scorecard import OBJECTIVE_METRICS
from store.campaigns import get_campaign
from store.target_audience import DIMENSIONS, TargetAudience, age_band, parse_target

ER_FACTOR_BOUNDS = (0.5, 2.0)
"""The engagement factor of the score is held within these bounds."""

SCORE_DEFINITION = (
    "score = in-target share × engagement factor; engagement factor = engagement rate by reach "
    "/ the platform's median among the candidates, held within [0.5, 2] (1 without a rate)"
)
OVERLAP_DEFINITION = (
    "Bhattacharyya coefficient Σ √(p·q) between the audience's distribution p and the target's "
    "q (uniform over the target values), per dimension; overall, their product"
)
IN_TARGET_DEFINITION = (
    "product over the target's dimensions of the audience share in the target values "
    "(dimensions assumed independent; a joint export's share where one is given)"
)

EXPORTED, PARTIAL, NONE = "exported", "partial", "none"

AUDIENCE_SQL = textwrap.dedent(
    """
    WITH latest AS (
        SELECT creator_id, dimension, max(as_of) AS as_of
        FROM audience
        WHERE list_contains(?::TEXT[], creator_id)
          AND list_has_all(?::TEXT[], string_split(dimension, '|'))
        GROUP BY ALL
    )
    SELECT a.creator_id, a.dimension, a.value, a.share, a.count, a.as_of
    FROM audience a
    JOIN latest l
      ON l.creator_id = a.creator_id AND l.dimension = a.dimension AND l.as_of = a.as_of
    ORDER BY a.creator_id, a.dimension, a.value
    """
)
"""Each creator's latest audience export per dimension (age, gender, country, or a joint one)."""

ROSTER_SQL = textwrap.dedent(
    """
    SELECT creator_id, platform, handle, followers FROM creators
    WHERE creator_id IN (SELECT creator_id FROM audience)
       OR creator_id IN (SELECT creator_id FROM posts WHERE coalesce(sponsored, true))
    UNION ALL
    SELECT DISTINCT creator_id, platform, split_part(creator_id, ':', 2), NULL::BIGINT
    FROM audience WHERE creator_id NOT IN (SELECT creator_id FROM creators)
    ORDER BY creator_id
    """
)
"""Every creator the agency works with: those with a sponsored post or an audience export (a
brand's own channel, with organic posts only, is no candidate)."""

CAMPAIGN_CREATORS_SQL = textwrap.dedent(
    """
    SELECT DISTINCT cr.creator_id, cr.platform, cr.handle, cr.followers
    FROM posts p JOIN creators cr ON cr.creator_id = p.creator_id
    JOIN campaigns cam ON cam.campaign_id = p.campaign_id
    WHERE {condition}
    ORDER BY cr.creator_id
    """
)
"""The creators of the posts under the filters."""

PAST_CAMPAIGNS_SQL = textwrap.dedent(
    """
    SELECT c.campaign_id, c.objective
    FROM campaigns c JOIN campaigns this ON this.campaign_id = ?
    WHERE c.client_id = this.client_id AND c.campaign_id <> this.campaign_id
      AND (this.start_date IS NULL OR c.start_date IS NULL OR c.start_date < this.start_date)
    ORDER BY c.start_date NULLS FIRST, c.campaign_id
    """
)
"""The brand's campaigns before this one (by start date; every other one when dates are unset)."""


class UnknownCampaign(LookupError):
    """The campaign named is not in the database."""


def campaign_target(connection: duckdb.DuckDBPyConnection, campaign_id: str) -> TargetAudience:
    """The stored target audience of a campaign (empty when none is set).

    Source: ``campaigns.target_audience`` (docs/schema.md).
    """
    campaign = get_campaign(connection, campaign_id)
    if campaign is None:
        raise UnknownCampaign(campaign_id)
    return parse_target(campaign.target_audience)


TARGETED_CAMPAIGNS_SQL = textwrap.dedent(
    """
    SELECT c.campaign_id, c.name, c.start_date, c.target_audience
    FROM campaigns c
    WHERE c.target_audience IS NOT NULL AND c.target_audience::VARCHAR NOT IN ('{{}}', 'null')
      AND {condition}
    ORDER BY c.start_date DESC NULLS LAST, c.campaign_id
    """
)
"""The campaigns under the filters with a target audience, latest first."""


def targeted_campaigns(
    connection: duckdb.DuckDBPyConnection, filters: Filters
) -> list[tuple[str, str, TargetAudience]]:
    """``(campaign_id, name, target)`` of the campaigns under ``filters`` with a target audience,
    the latest (by start date) first: the campaigns a fit ranking can be made for.

    Source: ``campaigns.target_audience`` (docs/schema.md).
    """
    condition, params = campaign_condition(filters, "c.campaign_id")
    rows = connection.execute(TARGETED_CAMPAIGNS_SQL.format(condition=condition), params)
    return [(c, name, parse_target(target)) for c, name, _, target in rows.fetchall()]


def headline_lift(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    objective: str | None,
    confidence: float = 0.90,
) -> brand_lift.LiftResult | None:
    """A campaign's headline brand lift: its objective's first lift question that has a lift,
    else the first of ``brand_lift.QUESTIONS`` answered; None without a survey.

    Source: ``brand_lift.lift_by_question`` (absolute lift, Newcombe interval); the objective's
    questions from ``metrics.scorecard.OBJECTIVE_METRICS``.
    """
    results = {
        r.question: r for r in brand_lift.lift_by_question(connection, campaign_id, confidence)
    }
    preferred = [
        key.removesuffix("_lift")
        for key in OBJECTIVE_METRICS.get(objective or "", ())
        if key.endswith("_lift")
    ]
    for question in (*preferred, *brand_lift.QUESTIONS, *sorted(results)):
        found = results.get(question)
        if found is not None and found.absolute_lift is not None:
            return found
    return None


@dataclasses.dataclass(frozen=True)
class DimensionFit:
    """One target dimension (or joint dimensions) of one creator's audience."""

    dimensions: tuple[str, ...]
    in_target: float
    overlap: float


def distribution(rows: Iterable[tuple[str, float | None, int | None]], dimension: str) -> dict:
    """A dimension's distribution ``value → share`` from export rows ``(value, share, count)``.

    Shares as given (divided by their sum when it passes 1); else counts over their sum. Values
    are made canonical (age bands ``age18-24`` → ``18-24``, countries upper case). Empty when the
    rows give neither.
    """
    rows = list(rows)
    shares = [(v, s) for v, s, _ in rows if s is not None and not _nan(s)]
    if not shares:
        shares = [(v, c) for v, _, c in rows if c is not None and not _nan(c)]
        total = sum(float(c) for _, c in shares)
        if total <= 0:
            return {}
        shares = [(v, float(c) / total) for v, c in shares]
    total = sum(float(s) for _, s in shares)
    scale = total if total > 1 + 1e-9 else 1.0
    out: dict[str, float] = defaultdict(float)
    parts = dimension.split("|")
    for value, share in shares:
        key = "|".join(_canonical(p, v) for p, v in zip(parts, str(value).split("|"), strict=False))
        out[key] += float(share) / scale
    return dict(out)


def dimension_fit(
    shares: dict[str, float], dimensions: tuple[str, ...], target: TargetAudience
) -> DimensionFit:
    """In-target share and Bhattacharyya coefficient of one (possibly joint) distribution.

    in-target = Σ of the shares whose every part is a target value; BC = Σ_v √(p_v · q_v) with
    ``q`` uniform over the target values (the product of each part's values for a joint one).
    """
    wanted = [set(getattr(target, d)) for d in dimensions]
    q = 1.0 / math.prod(len(w) for w in wanted)
    inside = [
        share
        for value, share in shares.items()
        if all(part in w for part, w in zip(value.split("|"), wanted, strict=False))
        and len(value.split("|")) == len(wanted)
    ]
    return DimensionFit(
        dimensions, float(sum(inside)), float(sum(math.sqrt(s * q) for s in inside))
    )


def audience_fit(
    rows: pd.DataFrame, target: TargetAudience
) -> tuple[dict[str, DimensionFit], list[str], object]:
    """One creator's fit per target dimension, the target dimensions not exported, the as-of date.

    ``rows``: that creator's latest export rows (``AUDIENCE_SQL``). Joint dimensions whose parts
    are all targeted are used first; the other target dimensions come from their own export.
    """
    wanted = target.dimensions()
    fits: dict[str, DimensionFit] = {}
    covered: set[str] = set()
    joint_first = sorted(rows["dimension"].unique(), key=lambda d: (-d.count("|"), d))
    for dimension in joint_first:
        parts = tuple(dimension.split("|"))
        if not all(p in wanted for p in parts) or covered & set(parts):
            continue
        chosen = rows[rows["dimension"] == dimension]
        shares = distribution(
            zip(chosen["value"], chosen["share"], chosen["count"], strict=True), dimension
        )
        if not shares:
            continue
        fits[dimension] = dimension_fit(shares, parts, target)
        covered |= set(parts)
    missing = [d for d in wanted if d not in covered]
    as_of = rows["as_of"].max() if len(rows) else None
    return fits, missing, as_of


def creator_fit(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters,
    roster: bool = True,
) -> pd.DataFrame:
    """Creators ranked for a campaign by audience fit and past results, never by followers alone.

    Candidates: with ``roster``, every creator the agency knows (``creators`` and audience-only
    accounts), their engagement rate by reach over all their sponsored posts; without it, the
    creators of the posts under ``filters`` and their rate there (a client's view). Past results
    are the brand's campaigns before this one (``PAST_CAMPAIGNS_SQL``): collaborations, their
    engagement rate by reach (Σ engagements / Σ reach) and the mean headline lift
    (``headline_lift``) of those campaigns, a campaign's lift and not the creator's own.

    Columns: ``rank`` (by ``score``; None without an audience export), ``fit_rank`` (by
    in-target share), ``handle``, ``platform``, ``followers``, ``er_reach``, ``in_target_share``
    (``IN_TARGET_DEFINITION``), ``overlap_index`` (``OVERLAP_DEFINITION``), ``score``
    (``SCORE_DEFINITION``), ``er_factor``, ``past_campaigns``, ``past_er_reach``, ``past_lift``,
    ``past_lift_campaigns``, ``share_<dimension>`` and ``overlap_<dimension>`` per target
    dimension, ``missing_dimensions``, ``audience`` (exported, partial, none),
    ``audience_as_of``, ``note`` (a ``Message``: why no rank, what is missing).

    Source: Sillage creator fit (module docstring); Bhattacharyya (1943) for the overlap;
    Hootsuite engagement rate by reach; ``metrics.creators`` for collaborations.
    """
    target = campaign_target(connection, campaign_id)
    candidates = _candidates(connection, filters, roster)
    ids = candidates["creator_id"].tolist()
    wanted = target.dimensions()
    audience = connection.execute(AUDIENCE_SQL, [ids, list(DIMENSIONS)]).df()
    er_filters = Filters(confidence=filters.confidence) if roster else filters
    summary = creators.creator_summary(connection, er_filters)
    er = dict(zip(summary["creator_id"], summary["er_reach"], strict=True))
    past = _past_results(connection, campaign_id, filters.confidence, ids)
    rows = []
    for row in candidates.itertuples(index=False):
        own = audience[audience["creator_id"] == row.creator_id]
        fits, missing, as_of = audience_fit(own, target) if wanted else ({}, [], None)
        record = {
            "creator_id": row.creator_id,
            "handle": row.handle,
            "platform": row.platform,
            "followers": None if _nan(row.followers) else int(row.followers),
            "er_reach": er.get(row.creator_id),
            "in_target_share": math.prod(f.in_target for f in fits.values()) if fits else None,
            "overlap_index": math.prod(f.overlap for f in fits.values()) if fits else None,
            **past.get(row.creator_id, _NO_PAST),
            "missing_dimensions": missing if fits else [],
            "audience": (PARTIAL if missing else EXPORTED) if fits else NONE,
            "audience_as_of": None
            if as_of is None or pd.isna(as_of)
            else pd.Timestamp(as_of).date(),
        }
        for dimension in wanted:
            fit = next((f for f in fits.values() if dimension in f.dimensions), None)
            record[f"share_{dimension}"] = (
                None if fit is None or len(fit.dimensions) > 1 else fit.in_target
            )
            record[f"overlap_{dimension}"] = (
                None if fit is None or len(fit.dimensions) > 1 else fit.overlap
            )
        rows.append(record)
    columns = [*_HEAD, *_PAST, *_TAIL, *_dimension_columns(list(wanted))]
    return _ranked(pd.DataFrame(rows, columns=columns), target, list(wanted))


def _dimension_columns(wanted: list[str]) -> list[str]:
    return [f"{kind}_{d}" for kind in ("share", "overlap") for d in wanted]


_HEAD = [
    "creator_id",
    "handle",
    "platform",
    "followers",
    "er_reach",
    "in_target_share",
    "overlap_index",
]
_PAST = ["past_campaigns", "past_er_reach", "past_lift", "past_lift_campaigns"]
_TAIL = ["missing_dimensions", "audience", "audience_as_of"]
_NO_PAST = {"past_campaigns": 0, "past_er_reach": None, "past_lift": None, "past_lift_campaigns": 0}


def _candidates(
    connection: duckdb.DuckDBPyConnection, filters: Filters, roster: bool
) -> pd.DataFrame:
    if roster:
        return connection.execute(ROSTER_SQL).df()
    condition, params = post_condition(filters, "p")
    return connection.execute(CAMPAIGN_CREATORS_SQL.format(condition=condition), params).df()


def _past_results(
    connection: duckdb.DuckDBPyConnection, campaign_id: str, confidence: float, ids: list[str]
) -> dict[str, dict]:
    """Per creator, their collaborations in the brand's earlier campaigns and what those gave."""
    earlier = connection.execute(PAST_CAMPAIGNS_SQL, [campaign_id]).fetchall()
    if not earlier or not ids:
        return {}
    lifts = {}
    for past_id, objective in earlier:
        found = headline_lift(connection, past_id, objective, confidence)
        lifts[past_id] = None if found is None else found.absolute_lift
    units = creators.collaboration_units(
        connection,
        Filters(campaign_ids=tuple(c for c, _ in earlier), creator_ids=tuple(ids)),
    )
    out = {}
    for creator_id, group in units.groupby("creator_id"):
        rated = group[group["er_reach"].notna()]
        reach = float(rated["reach"].astype(float).sum())
        measured = [lifts[c] for c in group["campaign_id"].unique() if lifts.get(c) is not None]
        out[creator_id] = {
            "past_campaigns": int(group["campaign_id"].nunique()),
            "past_er_reach": float(rated["engagements"].astype(float).sum()) / reach
            if reach > 0
            else None,
            "past_lift": float(np.mean(measured)) if measured else None,
            "past_lift_campaigns": len(measured),
        }
    return out


def _ranked(frame: pd.DataFrame, target: TargetAudience, wanted: list[str]) -> pd.DataFrame:
    """Score, ranks and notes; ranked creators first, then those without an audience export."""
    rated = frame[frame["er_reach"].notna()].astype({"er_reach": float})
    medians = rated.groupby("platform")["er_reach"].median().to_dict() if len(rated) else {}
    low, high = ER_FACTOR_BOUNDS
    factors, scores, notes = [], [], []
    for row in frame.itertuples(index=False):
        median = medians.get(row.platform)
        factor = (
            min(high, max(low, float(row.er_reach) / float(median)))
            if not _nan(row.er_reach) and median
            else 1.0
        )
        factors.append(factor)
        share = row.in_target_share
        scores.append(None if share is None else float(share) * factor)
        parts = []
        if target.is_empty():
            parts.append(Message("fit.no_target"))
        elif row.audience == NONE:
            parts.append(Message("fit.no_audience"))
        elif row.missing_dimensions:
            parts.append(Message("fit.missing_dimensions", dimensions=list(row.missing_dimensions)))
        if _nan(row.er_reach):
            parts.append(Message("fit.no_er"))
        notes.append(join(parts) if parts else None)
    frame = frame.assign(
        er_factor=pd.Series(factors, dtype=object),
        score=pd.Series(scores, dtype=object),
        note=pd.Series(notes, dtype=object),
    )
    has_score = frame["score"].notna()
    # Creators whose exports cover the whole target come first: a dimension left unexported
    # must not win a rank by being counted as wholly in target.
    scored = frame.assign(partial=frame["audience"] == PARTIAL)[has_score]
    order = scored.sort_values(
        ["partial", "score", "in_target_share", "handle"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    fit_order = scored.sort_values(
        ["partial", "in_target_share", "handle"], ascending=[True, False, True], kind="stable"
    )
    rank = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    rank[order.index] = list(range(1, len(order) + 1))
    fit_rank = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    fit_rank[fit_order.index] = list(range(1, len(fit_order) + 1))
    frame = frame.assign(rank=rank, fit_rank=fit_rank)
    unranked = frame[~has_score].sort_values("handle", kind="stable")
    frame = pd.concat([frame.loc[order.index], unranked])
    columns = [
        "rank",
        "fit_rank",
        *_HEAD,
        "score",
        "er_factor",
        *_PAST,
        *_dimension_columns(wanted),
        *_TAIL,
        "note",
    ]
    frame = frame.reindex(columns=columns).reset_index(drop=True)
    return nulls_to_none(
        frame,
        [c for c in columns if c not in ("creator_id", "handle", "platform", "audience")],
    )


def _canonical(dimension: str, value: str) -> str:
    text = str(value).strip()
    if dimension == "age":
        return age_band(text)
    if dimension == "country":
        return text.upper()
    return text.lower()


def _nan(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def campaign_section(m) -> dict:
    """The ``creator_fit`` section of ``sillage report --json``: the campaign's target audience,
    the definitions, and every creator the agency works with ranked for it (``creator_fit``).

    Source: see ``creator_fit``.
    """
    target = campaign_target(m.connection, m.campaign.campaign_id)
    ranking = creator_fit(m.connection, m.campaign.campaign_id, m.filters)
    return {
        "target_audience": target.as_json(),
        "reason": None if not target.is_empty() else Message("fit.no_target"),
        "definitions": {
            "in_target_share": IN_TARGET_DEFINITION,
            "overlap_index": OVERLAP_DEFINITION,
            "score": SCORE_DEFINITION,
        },
        "ranking": ranking if not target.is_empty() else [],
    }
