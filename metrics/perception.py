"""Perception from comments: sentiment shares, net sentiment and brand-mention share.

Favorability lift (survey) lives in ``metrics.brand_lift``; this module reads the comments on a
campaign's posts. Stored scores (``comment_scores``, written by
``metrics.sentiment.score_missing_comments``) are used when their text hash matches; comments
without one are scored in memory, by the lexicon unless asked otherwise, and counted in
``in_memory`` so that the page can say so.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass

import duckdb

from i18n.messages import Message
from metrics import recall, sentiment, stats
from metrics.filters import Filters, post_condition

GROUPS = ("fr", "en", sentiment.UNDETERMINED)

SCORES_TABLE_SQL = (
    "SELECT count(*) FROM information_schema.tables "
    "WHERE table_schema = 'main' AND table_name = 'comment_scores'"
)

# Comments on the campaign's posts under the view's filters, with their stored score if current.
COMMENTS_WITH_SCORES_SQL_TEMPLATE = textwrap.dedent(
    """
    SELECT c.comment_id, c.text, c.language, coalesce(c.created_at, p.posted_at) AS at,
           s.label, s.language AS scored_language, s.scorer
    FROM comments AS c
    JOIN posts AS p ON p.post_id = c.post_id
    LEFT JOIN comment_scores AS s
           ON s.comment_id = c.comment_id AND s.text_md5 = md5(coalesce(c.text, ''))
    WHERE p.campaign_id = ? AND {post_filter}
    ORDER BY c.comment_id
    """
)

COMMENTS_WITHOUT_SCORES_SQL_TEMPLATE = textwrap.dedent(
    """
    SELECT c.comment_id, c.text, c.language, coalesce(c.created_at, p.posted_at) AS at,
           NULL AS label, NULL AS scored_language, NULL AS scorer
    FROM comments AS c
    JOIN posts AS p ON p.post_id = c.post_id
    WHERE p.campaign_id = ? AND {post_filter}
    ORDER BY c.comment_id
    """
)


ADJUSTED_WALD = "adjusted-wald"
"""Interval method of net sentiment (Bonett & Price 2012), see ``net_sentiment``."""


@dataclass(frozen=True)
class SentimentShares:
    """Counts and shares of positive, neutral and negative comments, and net sentiment.

    ``net_sentiment = (positive - negative) / comments``; ``ci_low``/``ci_high`` bound it at
    ``confidence`` (see ``net_sentiment``). Shares and interval are None without comments.
    """

    comments: int
    positive: int
    neutral: int
    negative: int
    positive_share: float | None
    neutral_share: float | None
    negative_share: float | None
    net_sentiment: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    method: str = ADJUSTED_WALD


def net_sentiment(
    positive: int, neutral: int, negative: int, confidence: float = stats.DEFAULT_CONFIDENCE
) -> SentimentShares:
    """Shares of each label and net sentiment ``(pos - neg) / n`` with an adjusted Wald interval.

    ``pos - neg`` over ``n`` is the difference of two cells of one multinomial sample, whose
    variance is ``(p+ + p- - (p+ - p-)²) / n`` (the covariance of the cells is ``-p+ p- / n``).
    The interval adds one comment to each of the two cells and two to ``n`` before using that
    variance — Bonett & Price (2012), "Adjusted Wald confidence interval for a difference of
    binomial proportions based on paired data", Journal of Educational and Behavioral Statistics
    37(4), 479-488 — which keeps it inside [-1, 1], gives it width at 0 % and 100 %, and holds
    its coverage in small samples where the plain Wald interval does not:
    ``p̃± = (x± + 1) / (n + 2)``, ``d̃ ± z · sqrt((p̃+ + p̃- - d̃²) / (n + 2))``.

    Args:
        positive: Positive comments.
        neutral: Neutral comments.
        negative: Negative comments.
        confidence: Two-sided coverage.

    Returns:
        The shares, net sentiment and its interval; None values for zero comments.
    """
    for value in (positive, neutral, negative):
        if value < 0:
            raise ValueError("counts must be non-negative")
    z = stats.z_critical(confidence)
    n = positive + neutral + negative
    if n == 0:
        return SentimentShares(0, 0, 0, 0, None, None, None, None, None, None, confidence)
    p_pos, p_neg = (positive + 1) / (n + 2), (negative + 1) / (n + 2)
    adjusted = p_pos - p_neg
    half = z * math.sqrt(max(p_pos + p_neg - adjusted * adjusted, 0.0) / (n + 2))
    return SentimentShares(
        comments=n,
        positive=positive,
        neutral=neutral,
        negative=negative,
        positive_share=positive / n,
        neutral_share=neutral / n,
        negative_share=negative / n,
        net_sentiment=(positive - negative) / n,
        ci_low=max(adjusted - half, -1.0),
        ci_high=min(adjusted + half, 1.0),
        confidence=confidence,
    )


@dataclass(frozen=True)
class WeeklySentiment:
    """Sentiment of the comments dated in one week (Monday start)."""

    week_start: dt.date
    shares: SentimentShares


@dataclass(frozen=True)
class MentionShare:
    """Share of comments that name the brand, with a Wilson (1927) interval."""

    comments: int
    mentioning: int
    share: float | None
    ci_low: float | None
    ci_high: float | None
    brand_terms: tuple[str, ...]
    confidence: float
    method: str = stats.WILSON


@dataclass(frozen=True)
class PerceptionSummary:
    """Comment sentiment and brand mentions of one campaign under the view's filters."""

    campaign_id: str
    overall: SentimentShares
    by_language: dict[str, SentimentShares]
    weekly: tuple[WeeklySentiment, ...]
    brand_mentions: MentionShare
    scorers: dict[str, int]
    in_memory: int
    warnings: tuple[str, ...]


def _week(moment: dt.datetime | dt.date) -> dt.date:
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return day - dt.timedelta(days=day.weekday())


def _count(labels: list[str], confidence: float) -> SentimentShares:
    return net_sentiment(
        labels.count("positive"), labels.count("neutral"), labels.count("negative"), confidence
    )


def brand_mention_share(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters | None = None,
    terms: recall.BrandTerms | None = None,
) -> MentionShare:
    """Share of the campaign's comments naming any of its ``brand_terms``.

    ``mentioning / comments`` with the Wilson (1927) score interval; matching is case- and
    accent-insensitive and tolerates one-letter misspellings (``metrics.recall`` rules).

    Args:
        connection: An open connection.
        campaign_id: The campaign.
        filters: The view's filters, applied to the posts.
        terms: Brand terms; default the campaign's.

    Returns:
        Counts, share and interval; share None without comments.
    """
    filters = filters or Filters()
    brand = terms or recall.campaign_brand_terms(connection, campaign_id)
    rows = recall.comment_mentions(connection, campaign_id, filters, brand)
    mentioning = sum(1 for _, _, mentions in rows if mentions)
    interval = stats.wilson_interval(mentioning, len(rows), filters.confidence) if rows else None
    return MentionShare(
        comments=len(rows),
        mentioning=mentioning,
        share=mentioning / len(rows) if rows else None,
        ci_low=interval[0] if interval else None,
        ci_high=interval[1] if interval else None,
        brand_terms=brand.terms,
        confidence=filters.confidence,
    )


def perception_summary(
    connection: duckdb.DuckDBPyConnection,
    campaign_id: str,
    filters: Filters | None = None,
    unscored: str = "lexicon",
) -> PerceptionSummary:
    """Comment sentiment of a campaign overall, by language and by week, and brand mentions.

    Sentiment shares and net sentiment ``(pos - neg) / all`` (the "net sentiment" of social
    listening tools such as Brandwatch and Talkwalker) with the ``net_sentiment`` interval;
    language is the export's when it names French or English, else the scorer's detection
    (``und`` for emoji-only or too-short comments); weeks start on Monday and a comment without
    its own date takes its post's; brand-mention share as in ``brand_mention_share``.

    Args:
        connection: An open connection (read-only is fine: nothing is written).
        campaign_id: The campaign.
        filters: The view's filters, applied to the posts.
        unscored: Scorer for comments without a current stored score: ``lexicon`` (fast,
            default), ``auto`` or ``model`` (see ``metrics.sentiment.score_comments``).

    Returns:
        The summary; every share None and no weeks when the campaign has no comments.
    """
    filters = filters or Filters()
    confidence = filters.confidence
    condition, params = post_condition(filters, "p")
    has_scores = connection.execute(SCORES_TABLE_SQL).fetchone()[0] > 0
    template = (
        COMMENTS_WITH_SCORES_SQL_TEMPLATE if has_scores else COMMENTS_WITHOUT_SCORES_SQL_TEMPLATE
    )
    rows = connection.execute(
        template.replace("{post_filter}", condition), [campaign_id, *params]
    ).fetchall()
    missing = [i for i, row in enumerate(rows) if row[4] is None]
    fresh = sentiment.score_comments(
        [rows[i][1] for i in missing], [rows[i][2] for i in missing], method=unscored
    )
    labels: list[str] = []
    languages: list[str] = []
    scorers: dict[str, int] = {}
    by_index = dict(zip(missing, fresh, strict=True))
    for index, row in enumerate(rows):
        if index in by_index:
            score = by_index[index]
            label, language = score.label, score.language
            scorer = f"in memory: {score.method}"
        else:
            label, language, scorer = row[4], row[5], row[6]
        stated = sentiment.normalize_language(row[2])
        labels.append(label)
        languages.append(stated or language or sentiment.UNDETERMINED)
        scorers[scorer] = scorers.get(scorer, 0) + 1
    by_language = {
        group: _count(
            [lab for lab, lang in zip(labels, languages, strict=True) if lang == group], confidence
        )
        for group in GROUPS
        if group in languages or group != sentiment.UNDETERMINED
    }
    weekly = _weekly(rows, labels, confidence)
    mentions = brand_mention_share(connection, campaign_id, filters)
    warnings = []
    if not rows:
        warnings.append(Message("perception.no_comments"))
    if missing:
        warnings.append(Message("perception.scored_in_memory", n=len(missing), method=unscored))
    undated = sum(1 for row in rows if row[3] is None)
    if undated:
        warnings.append(Message("perception.undated", n=undated))
    if not mentions.brand_terms:
        warnings.append(Message("perception.no_brand_terms"))
    return PerceptionSummary(
        campaign_id=campaign_id,
        overall=_count(labels, confidence),
        by_language=by_language,
        weekly=weekly,
        brand_mentions=mentions,
        scorers=scorers,
        in_memory=len(missing),
        warnings=tuple(warnings),
    )


def _weekly(rows: list[tuple], labels: list[str], confidence: float) -> tuple[WeeklySentiment, ...]:
    dated: dict[dt.date, list[str]] = {}
    for row, label in zip(rows, labels, strict=True):
        if row[3] is not None:
            dated.setdefault(_week(row[3]), []).append(label)
    if not dated:
        return ()
    week, last = min(dated), max(dated)
    series = []
    while week <= last:
        series.append(WeeklySentiment(week, _count(dated.get(week, []), confidence)))
        week += dt.timedelta(days=7)
    return tuple(series)
