from __future__ import annotations

import json

import pytest

from metrics import themes
from metrics.filters import Filters


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Je vais l’acheter direct !", None, {"purchase_intent"}),
        ("Il me les faut 😍", "fr", {"purchase_intent"}),
        ("C'est dispo où ?", None, {"purchase_intent"}),
        ("Where can I buy these?", None, {"purchase_intent"}),
        ("Just ordered two pairs", "en", {"purchase_intent"}),
        ("Trop cher pour ce que c'est", None, {"price"}),
        ("Way too expensive for what it is", None, {"price"}),
        ("Il y a un code promo ?", None, {"price"}),
        ("La texture est incroyable", None, {"product"}),
        ("The sole fell apart after a week", "en", {"product"}),
        ("Ta vidéo est trop bien faite", None, {"creator"}),
        ("Your content is always so real", None, {"creator"}),
        ("Trop cher, je vais quand même l'acheter", "fr", {"price", "purchase_intent"}),
        # "sale" is "dirty" in French: the English price keyword does not apply.
        ("Elle est sale cette semelle", "fr", {"product"}),
        ("Big sale this weekend?", "en", {"price"}),
        ("😍😍", None, set()),
        ("", None, set()),
        (None, None, set()),
    ],
)
def test_comment_themes(text, language, expected):
    assert themes.comment_themes(text, language) == expected


def test_keyword_prefix_and_whole_words():
    assert themes.comment_themes("Je l'ai achetée hier", "fr") == {"purchase_intent"}
    # "cost*" is a prefix keyword, "ad" a whole word: "costs" matches, "advice" does not.
    assert themes.comment_themes("how much it costs in France", "en") == {"price"}
    assert themes.comment_themes("good advice", "en") == set()


def test_creator_keywords_name_the_creator():
    words = themes.creator_keywords(["@lea_runs"], ["Léa Martin"])
    assert words == ["lea_runs", "@lea_runs", "Léa Martin"]
    found = themes.comment_themes("merci @lea_runs", "fr", {"creator": words})
    assert found == {"creator"}
    assert themes.comment_themes("Lea Martin is everywhere", "en", {"creator": words}) == {
        "creator"
    }


@pytest.fixture
def campaign(connection):
    connection.execute("INSERT INTO clients (name) VALUES ('Acme')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, brand_terms) VALUES (?, 1, 'Run', ?)",
        ["run", json.dumps(["Stride Lab"])],
    )
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle, display_name) "
        "VALUES ('lea', 'instagram', 'lea_runs', 'Léa Martin')"
    )
    connection.execute(
        """
        INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at) VALUES
            ('ig1', 'instagram', '1', 'lea', 'run', '2026-09-14 10:00'),
            ('tt1', 'tiktok', '2', NULL, 'run', '2026-09-28 10:00')
        """
    )
    connection.executemany(
        "INSERT INTO comments (comment_id, post_id, text, language) VALUES (?, ?, ?, ?)",
        [
            ("c1", "ig1", "Love these Stride Lab shoes, the fit is perfect", None),
            ("c2", "ig1", "Trop belles les stridelab 😍 il me les faut", None),
            ("c3", "ig1", "Where can I buy them?", None),
            ("c4", "ig1", "Trop cher pour ce que c'est", "fr"),
            ("c5", "tt1", "Way too expensive, worst price ever", None),
            ("c6", "tt1", "😍", None),
            ("c7", "ig1", "@lea_runs merci pour ta vidéo", None),
        ],
    )
    # Stored labels, so that the test does not depend on the scorer's judgement.
    labels = {
        "c1": "positive",
        "c2": "positive",
        "c3": "neutral",
        "c4": "negative",
        "c5": "negative",
        "c6": "positive",
        "c7": "positive",
    }
    for comment_id, label in labels.items():
        connection.execute(
            "INSERT INTO comment_scores (comment_id, text_md5, label, confidence, language, "
            "drivers, scorer, scored_at) SELECT comment_id, md5(coalesce(text, '')), ?, 1.0, "
            "'en', '[]', 'test', current_timestamp FROM comments WHERE comment_id = ?",
            [label, comment_id],
        )
    return connection


def test_campaign_themes_counts_sentiment_and_examples(campaign):
    result = {item.theme: item for item in themes.campaign_themes(campaign, "run")}
    assert set(result) == {"brand", "purchase_intent", "price", "product", "creator"}
    brand = result["brand"]
    # c1 names "Stride Lab", c2 "stridelab" (one word, matched by the recall rules).
    assert (brand.comments, brand.total_comments) == (2, 7)
    assert brand.share == pytest.approx(2 / 7)
    assert (brand.positive, brand.neutral, brand.negative) == (2, 0, 0)
    assert brand.net_sentiment == pytest.approx(1.0)
    assert brand.examples == (
        "Love these Stride Lab shoes, the fit is perfect",
        "Trop belles les stridelab 😍 il me les faut",
    )
    intent = result["purchase_intent"]
    assert intent.comments == 2  # c2, c3
    assert (intent.positive, intent.neutral, intent.negative) == (1, 1, 0)
    assert intent.net_sentiment == pytest.approx(0.5)
    price = result["price"]
    assert price.comments == 2  # c4, c5
    assert price.net_sentiment == pytest.approx(-1.0)
    assert price.examples == ("Trop cher pour ce que c'est", "Way too expensive, worst price ever")
    assert result["creator"].comments == 1  # c7 names the post's creator
    assert result["creator"].examples == ("@lea_runs merci pour ta vidéo",)
    assert result["product"].comments == 1  # c1 ("fit", "shoes")


def test_campaign_themes_order_and_filters(campaign):
    ordered = themes.campaign_themes(campaign, "run")
    counts = [item.comments for item in ordered]
    assert counts == sorted(counts, reverse=True)
    only_tiktok = themes.campaign_themes(campaign, "run", Filters(platforms=("tiktok",)))
    assert [(item.theme, item.comments) for item in only_tiktok] == [("price", 1)]


def test_campaign_themes_without_comments_or_scores(connection):
    connection.execute("INSERT INTO clients (name) VALUES ('Acme')")
    connection.execute("INSERT INTO campaigns (campaign_id, client_id, name) VALUES ('e', 1, 'E')")
    assert themes.campaign_themes(connection, "e") == ()
