from __future__ import annotations

import inspect
import re

import duckdb
import pytest

from metrics import disclosure
from metrics.disclosure import AMBIGUOUS, DISCLOSED, MISSING, RULES
from metrics.filters import Filters


@pytest.fixture(scope="module")
def memory():
    connection = duckdb.connect()
    yield connection
    connection.close()


CAPTIONS = [
    # French, disclosed
    ("Publicité : ma routine du soir avec @marque", DISCLOSED, "fr_publicite"),
    ("PUBLICITE pour @marque", DISCLOSED, "fr_publicite"),
    ("Ma routine (publicités @marque)", DISCLOSED, "fr_publicite"),
    ("Collaboration commerciale avec @marque ✨", DISCLOSED, "fr_collaboration_commerciale"),
    ("collaboration\u00a0commerciale", DISCLOSED, "fr_collaboration_commerciale"),
    ("Nouveau sérum #pub", DISCLOSED, "fr_tag_pub"),
    ("#PUB #skincare", DISCLOSED, "fr_tag_pub"),
    ("#pub.", DISCLOSED, "fr_tag_pub"),
    ("Le sérum #Publicité", DISCLOSED, "fr_tag_publicite"),
    ("Le sérum #publicite", DISCLOSED, "fr_tag_publicite"),
    ("Le sérum #Publicite\u0301", DISCLOSED, "fr_tag_publicite"),  # decomposed accent
    ("#sponsorisé par @marque", DISCLOSED, "fr_tag_sponsorise"),
    ("#Sponsorisée", DISCLOSED, "fr_tag_sponsorise"),
    ("#partenariat avec @marque", DISCLOSED, "fr_tag_partenariat"),
    ("#CollaborationCommerciale", DISCLOSED, "fr_tag_collaborationcommerciale"),
    # English, disclosed
    ("Loving this serum #ad", DISCLOSED, "en_tag_ad"),
    ("#AD Loving this serum", DISCLOSED, "en_tag_ad"),
    ("Loving this serum (#ad)", DISCLOSED, "en_tag_ad"),
    ("#ad-free morning, #ad", DISCLOSED, "en_tag_ad"),
    ("#Sponsored by @brand", DISCLOSED, "en_tag_sponsored"),
    ("Paid partnership with @brand", DISCLOSED, "en_paid_partnership"),
    ("paid   partnership", DISCLOSED, "en_paid_partnership"),
    ("#PaidPartnership", DISCLOSED, "en_tag_paidpartnership"),
    # A clear mention beats a vague one anywhere in the text.
    ("Merci à @marque ! #pub", DISCLOSED, "fr_tag_pub"),
    ("#collab #gifted #ad", DISCLOSED, "en_tag_ad"),
    # Ambiguous only
    ("Merci à @marque pour ce cadeau", AMBIGUOUS, "fr_merci_a"),
    ("merci a @marque", AMBIGUOUS, "fr_merci_a"),
    ("Thanks to @brand for the PR box", AMBIGUOUS, "en_thanks_to"),
    ("#collab with @brand", AMBIGUOUS, "any_tag_collab"),
    ("#Partner @brand", AMBIGUOUS, "en_tag_partner"),
    ("#gifted", AMBIGUOUS, "en_tag_gifted"),
    ("#gifted #collab", AMBIGUOUS, "any_tag_collab"),
    # False positives that must stay missing
    ("So #adorable", MISSING, None),
    ("#advent calendar day 3", MISSING, None),
    ("#adidas #ads2026", MISSING, None),
    ("#ad_campaign_tracking", MISSING, None),
    ("Saturday #pubcrawl", MISSING, None),
    ("#pubg night", MISSING, None),
    ("Un film publicitaire magnifique", MISSING, None),
    ("Les agences publicitaires", MISSING, None),
    ("c#ad is not a tag", MISSING, None),
    ("Lien en bio https://shop.example/page#ad", MISSING, None),
    ("www.example.com/#pub", MISSING, None),
    ("#partenaires du quotidien", MISSING, None),
    ("#partnership goals", MISSING, None),
    ("#collaboration créative", MISSING, None),
    ("mercià @marque", MISSING, None),
    ("thanks tomorrow", MISSING, None),
    ("Ma routine du soir", MISSING, None),
    ("", MISSING, None),
    (None, MISSING, None),
]


@pytest.mark.parametrize(("caption", "status", "rule"), CAPTIONS)
def test_caption_table(memory, caption, status, rule):
    result = disclosure.classify_texts(memory, [caption]).iloc[0]
    assert (result["status"], result["matched_rule"]) == (status, rule)


def test_classification_keeps_input_order(memory):
    captions = [c for c, _, _ in CAPTIONS]
    result = disclosure.classify_texts(memory, captions)
    assert list(result["status"]) == [s for _, s, _ in CAPTIONS]


def test_platform_label_discloses_whatever_the_text(memory):
    result = disclosure.classify_texts(memory, ["#collab", None], labels=[True, True])
    assert list(result["status"]) == [DISCLOSED, DISCLOSED]
    assert list(result["matched_rule"]) == [disclosure.PLATFORM_LABEL_RULE] * 2


def test_rules_table_is_well_formed():
    ids = [r.rule_id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.status for r in RULES} == {DISCLOSED, AMBIGUOUS}
    assert {r.language for r in RULES} <= {"fr", "en", "any"}
    frame = disclosure.rules_frame()
    assert list(frame["rule_id"]) == ids
    # Every disclosure term has its rule.
    spec_terms = {
        DISCLOSED: [
            "Publicité",
            "Collaboration commerciale",
            "#pub",
            "#publicité",
            "#sponsorisé",
            "#partenariat",
            "#ad",
            "#sponsored",
            "paid partnership",
        ],
        AMBIGUOUS: ["#collab", "#partner", "#gifted", "merci à", "thanks to"],
    }
    for status, terms in spec_terms.items():
        for term in terms:
            assert disclosure.classify_texts(duckdb.connect(), [term]).iloc[0]["status"] == status


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule_id)
def test_each_rule_matches_its_example_not_its_near_miss(memory, rule):
    result = disclosure.classify_texts(memory, [rule.example]).iloc[0]
    assert result["status"] == rule.status
    assert result["matched_rule"] == rule.rule_id
    assert result["rule_language"] == rule.language
    near_miss = disclosure.classify_texts(memory, [rule.near_miss]).iloc[0]
    assert near_miss["matched_rule"] != rule.rule_id
    re.compile(rule.pattern)  # also a valid Python regex: easy to test and document


def test_a_clear_mention_wins_whatever_the_rule_order(memory, monkeypatch):
    monkeypatch.setattr(disclosure, "RULES", tuple(reversed(RULES)))
    result = disclosure.classify_texts(memory, ["#collab #gifted #ad", "merci à @x #pub"])
    assert list(result["status"]) == [DISCLOSED, DISCLOSED]
    assert list(result["matched_rule"]) == ["en_tag_ad", "fr_tag_pub"]


def insert_post(connection, post_id, creator, campaign, caption=None, title=None, label=None,
                sponsored=True):  # fmt: skip
    platform = creator.split(":")[0]
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, creator_id, campaign_id, posted_at, "
        "title, caption, sponsored, paid_partnership_label) "
        "VALUES (?, ?, ?, ?, ?, '2026-03-01', ?, ?, ?, ?)",
        [post_id, platform, post_id, creator, campaign, title, caption, sponsored, label],
    )


@pytest.fixture
def posts(connection):
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Brand')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name) VALUES ('c1', 1, 'C1'), "
        "('c2', 1, 'C2')"
    )
    connection.execute(
        "INSERT INTO creators (creator_id, platform, handle) VALUES "
        "('instagram:ana', 'instagram', 'ana'), ('youtube:yan', 'youtube', 'yan')"
    )
    # ana: 2 disclosed (label, #pub), 1 ambiguous, 1 missing
    insert_post(connection, "a1", "instagram:ana", "c1", caption="Ma routine", label=True)
    insert_post(connection, "a2", "instagram:ana", "c1", caption="Top #pub")
    insert_post(connection, "a3", "instagram:ana", "c2", caption="merci à @brand")
    insert_post(connection, "a4", "instagram:ana", "c2", caption="#adorable")
    # yan: the YouTube title carries the disclosure; the second video has no text at all
    insert_post(connection, "y1", "youtube:yan", "c2", title="Paid partnership | Review")
    insert_post(connection, "y2", "youtube:yan", "c2")
    # Not sponsored: not classified.
    insert_post(connection, "o1", "instagram:ana", None, caption="weekend", sponsored=False)
    return connection


def test_per_post_status(posts):
    frame = disclosure.post_disclosure(posts, Filters()).set_index("post_id")
    assert list(frame.index) == ["a1", "a2", "a3", "a4", "y1", "y2"]
    assert frame.loc["a1", "matched_rule"] == disclosure.PLATFORM_LABEL_RULE
    assert frame.loc["a2", "status"] == DISCLOSED
    assert frame.loc["a3", "status"] == AMBIGUOUS
    assert frame.loc["a4", "status"] == MISSING and frame.loc["a4", "matched_rule"] is None
    assert frame.loc["y1", "matched_rule"] == "en_paid_partnership"
    assert frame.loc["y2", "status"] == MISSING and not frame.loc["y2", "has_text"]
    assert {"creator_id", "campaign_id", "platform", "posted_at"} <= set(frame.columns)


def test_rates_per_creator_and_campaign(posts):
    by_creator = disclosure.disclosure_rates(posts, Filters(), by="creator").set_index("creator_id")
    # ana: 4 posts -> disclosed 2/4, ambiguous 1/4, missing 1/4
    ana = by_creator.loc["instagram:ana"]
    assert (ana["posts"], ana["disclosed"], ana["ambiguous"], ana["missing"]) == (4, 2, 1, 1)
    assert ana["disclosed_share"] == pytest.approx(0.5)
    assert ana["ambiguous_share"] == pytest.approx(0.25)
    assert ana["missing_share"] == pytest.approx(0.25)
    # yan: 1 disclosed of 2; one post without any text
    yan = by_creator.loc["youtube:yan"]
    assert yan["disclosed_share"] == pytest.approx(0.5) and yan["without_text"] == 1
    assert yan["provenance"] == "estimated"
    by_campaign = disclosure.disclosure_rates(posts, Filters(), by="campaign")
    by_campaign = by_campaign.set_index("campaign_id")
    # c1: a1, a2 disclosed -> 1.0; c2: a3 ambiguous, a4 missing, y1 disclosed, y2 missing
    assert by_campaign.loc["c1", "disclosed_share"] == pytest.approx(1.0)
    assert by_campaign.loc["c2", "disclosed_share"] == pytest.approx(1 / 4)
    assert by_campaign.loc["c2", "missing_share"] == pytest.approx(2 / 4)
    overall = disclosure.disclosure_rates(posts, Filters(), by="all").iloc[0]
    assert overall["posts"] == 6 and overall["disclosed_share"] == pytest.approx(3 / 6)


def test_filters_apply(posts):
    frame = disclosure.post_disclosure(posts, Filters(platforms=("youtube",)))
    assert list(frame["post_id"]) == ["y1", "y2"]
    rates = disclosure.disclosure_rates(posts, Filters(campaign_ids=("c1",)), by="creator")
    assert list(rates["creator_id"]) == ["instagram:ana"]


def test_no_sponsored_posts(connection):
    assert disclosure.post_disclosure(connection, Filters()).empty
    assert disclosure.disclosure_rates(connection, Filters(), by="creator").empty
    overall = disclosure.disclosure_rates(connection, Filters(), by="all").iloc[0]
    assert overall["posts"] == 0
    assert overall["disclosed_share"] is None
    assert "no sponsored posts" in overall["reason"]


def test_unknown_level_is_refused(connection):
    with pytest.raises(ValueError, match="by must be one of"):
        disclosure.disclosure_rates(connection, Filters(), by="week")  # type: ignore[arg-type]


def test_public_functions_name_their_source():
    for name, function in inspect.getmembers(disclosure, inspect.isfunction):
        if name.startswith("_") or function.__module__ != disclosure.__name__:
            continue
        assert "Source" in (function.__doc__ or ""), name
