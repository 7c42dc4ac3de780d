from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from metrics import perception, sentiment
from metrics.filters import Filters


def test_net_sentiment_on_hand_computed_counts():
    # 30 positive, 50 neutral, 20 negative; z(0.90) = 1.644854.
    # p+ = 31/102, p- = 21/102, d = 10/102, var = (52/102 - (10/102)²) / 102 = 0.0049038,
    # half-width = 1.644854 * 0.0700275 = 0.1151849.
    result = perception.net_sentiment(30, 50, 20, confidence=0.90)
    assert result.comments == 100
    assert (result.positive_share, result.neutral_share, result.negative_share) == (0.3, 0.5, 0.2)
    assert result.net_sentiment == pytest.approx(0.1)
    assert result.ci_low == pytest.approx(-0.0171457, abs=1e-6)
    assert result.ci_high == pytest.approx(0.2132241, abs=1e-6)


def test_net_sentiment_all_positive_keeps_a_width_and_stays_in_range():
    result = perception.net_sentiment(10, 0, 0)
    assert result.net_sentiment == 1.0
    assert result.ci_low == pytest.approx(0.5708621, abs=1e-6)
    assert result.ci_high == 1.0


def test_net_sentiment_interval_narrows_with_more_comments():
    small = perception.net_sentiment(6, 2, 2)
    large = perception.net_sentiment(600, 200, 200)
    assert large.ci_high - large.ci_low < (small.ci_high - small.ci_low) / 5


def test_net_sentiment_of_nothing_is_none_not_nan():
    result = perception.net_sentiment(0, 0, 0)
    assert result.comments == 0
    assert result.net_sentiment is None and result.ci_low is None and result.ci_high is None
    assert result.positive_share is None


def test_net_sentiment_rejects_negative_counts():
    with pytest.raises(ValueError, match="non-negative"):
        perception.net_sentiment(-1, 0, 0)


@pytest.fixture
def campaign(connection):
    connection.execute("INSERT INTO clients (name) VALUES ('Acme'), ('Other')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, brand_terms) VALUES (?, 1, 'Run', ?)",
        ["run", json.dumps(["Stride Lab"])],
    )
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name) VALUES ('bare', 1, 'No terms')"
    )
    connection.execute(
        """
        INSERT INTO posts (post_id, platform, native_id, campaign_id, posted_at) VALUES
            ('ig1', 'instagram', '1', 'run', '2026-09-14 10:00'),
            ('tt1', 'tiktok', '2', 'run', '2026-09-28 10:00'),
            ('other', 'instagram', '3', 'bare', '2026-09-14 10:00')
        """
    )
    connection.executemany(
        "INSERT INTO comments (comment_id, post_id, text, created_at, language) VALUES (?, ?, ?, ?, ?)",
        [
            ("c1", "ig1", "Love these Stride Lab shoes!", "2026-09-15 08:00", None),
            ("c2", "ig1", "Trop belles les stridelab 😍", "2026-09-16 08:00", None),
            ("c3", "ig1", "Where can I buy them?", "2026-09-16 09:00", None),
            ("c4", "ig1", "Nul, la semelle a lâché", "2026-09-17 09:00", "fr"),
            ("c5", "tt1", "Worst shoes ever", "2026-09-29 09:00", None),
            ("c6", "tt1", "😍", None, None),
            ("x1", "other", "Stride Lab forever", "2026-09-15 08:00", None),
        ],
    )
    return connection


def test_perception_summary_counts_languages_weeks_and_mentions(campaign):
    summary = perception.perception_summary(campaign, "run")
    overall = summary.overall
    assert (overall.comments, overall.positive, overall.neutral, overall.negative) == (6, 3, 1, 2)
    assert overall.net_sentiment == pytest.approx(1 / 6)
    assert summary.by_language["fr"].comments == 2
    assert summary.by_language["en"].comments == 3
    assert summary.by_language["und"].comments == 1
    weeks = [(w.week_start, w.shares.comments) for w in summary.weekly]
    # c6 has no date and takes its post's (week of 28 September); the empty week is kept.
    assert weeks == [
        (dt.date(2026, 9, 14), 4),
        (dt.date(2026, 9, 21), 0),
        (dt.date(2026, 9, 28), 2),
    ]
    assert summary.weekly[1].shares.net_sentiment is None
    mentions = summary.brand_mentions
    assert (mentions.comments, mentions.mentioning) == (6, 2)
    assert mentions.share == pytest.approx(2 / 6)
    assert 0 < mentions.ci_low < mentions.share < mentions.ci_high < 1
    assert summary.in_memory == 6
    assert summary.scorers == {"in memory: lexicon": 6}


def test_perception_summary_uses_stored_scores(campaign):
    sentiment.score_missing_comments(campaign, method="lexicon")
    campaign.execute("UPDATE comment_scores SET label = 'negative' WHERE comment_id = 'c1'")
    summary = perception.perception_summary(campaign, "run")
    assert summary.in_memory == 0
    assert summary.scorers == {sentiment.LEXICON_VERSION: 6}
    assert summary.overall.negative == 3
    # A stored score for an older text is not used.
    campaign.execute("UPDATE comments SET text = 'Love them' WHERE comment_id = 'c1'")
    summary = perception.perception_summary(campaign, "run")
    assert summary.in_memory == 1
    assert summary.overall.negative == 2


def test_perception_summary_applies_post_filters(campaign):
    summary = perception.perception_summary(campaign, "run", Filters(platforms=("tiktok",)))
    assert summary.overall.comments == 2
    assert summary.brand_mentions.comments == 2
    hidden = perception.perception_summary(campaign, "run", Filters(client_id=2))
    assert hidden.overall.comments == 0


def test_perception_summary_without_comments_or_terms(campaign):
    empty = perception.perception_summary(campaign, "nothing-here")
    assert empty.overall.comments == 0 and empty.overall.net_sentiment is None
    assert empty.weekly == ()
    assert empty.brand_mentions.share is None and empty.brand_mentions.ci_low is None
    assert any("no comments" in w for w in empty.warnings)
    bare = perception.perception_summary(campaign, "bare")
    assert bare.overall.comments == 1
    assert bare.brand_mentions.mentioning == 0
    assert any("no brand terms" in w for w in bare.warnings)
    for value in (bare.overall.net_sentiment, bare.overall.ci_low, bare.overall.ci_high):
        assert value is not None and not math.isnan(value)
