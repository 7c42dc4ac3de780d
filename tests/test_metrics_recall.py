from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from metrics import recall, stats
from metrics.filters import Filters

TERMS = ["Stride Lab", "Lancôme", "L'Oréal", "Asics", "Dove", "Caudalie", "Grano"]


@pytest.fixture(scope="module")
def memory():
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case, accents, spacing and punctuation
        ("I love Stride Lab!", True),
        ("STRIDE LAB", True),
        ("#stridelab run club", True),
        ("@stride.lab.official", True),
        ("stride-lab", True),
        ("lancome is great", True),
        ("LANCÔME", True),
        ("loreal paris", True),
        ("l'oréal", True),
        ("asics", True),
        ("dove soap", True),
        # one-letter misspellings of terms of five letters or more
        ("Strid Lab", True),
        ("strdie lab", True),
        ("lancme", True),
        ("caudallie", True),
        ("Cauldalie", True),
        ("asic", True),
        ("granno", True),
        # false friends and partial names that must not match
        ("basics", False),
        ("love", False),
        ("doves", False),
        ("stride", False),
        ("lab", False),
        ("strident lab", False),
        ("un grand merci", False),
        ("grain de folie", False),
        ("nageoire caudale", False),
        ("lancement", False),
        ("two letters off: stridlub", False),
        ("", False),
        (None, False),
        ("😍🔥", False),
    ],
)
def test_match_brand_terms(memory, text, expected):
    assert recall.match_brand_terms(memory, [text], TERMS) == [expected]


def test_match_brand_terms_keeps_order_and_handles_empty_input(memory):
    texts = ["nothing", "Stride Lab", None, "asics"]
    assert recall.match_brand_terms(memory, texts, ["Stride Lab", "Asics"]) == [
        False,
        True,
        False,
        True,
    ]
    assert recall.match_brand_terms(memory, [], TERMS) == []
    assert recall.match_brand_terms(memory, ["Stride Lab"], []) == [False]
    assert recall.match_brand_terms(memory, ["Stride Lab"], ["", "  "]) == [False]


def test_campaign_exclusions_block_a_misspelling(memory):
    terms = recall.BrandTerms(("Nuxie",), exclude=("nixie",))
    assert recall.match_brand_terms(memory, ["nixie tube", "nuxi", "Nuxie"], terms) == [
        False,
        True,
        True,
    ]


@pytest.mark.parametrize(
    ("stored", "terms", "exclude"),
    [
        (json.dumps(["Stride Lab", " ", "SL"]), ("Stride Lab", "SL"), ()),
        (json.dumps({"terms": ["Grano"], "exclude": ["grand"]}), ("Grano",), ("grand",)),
        (json.dumps("Grano"), ("Grano",), ()),
        ("not json", ("not json",), ()),
        (None, (), ()),
        ("[]", (), ()),
    ],
)
def test_parse_brand_terms(stored, terms, exclude):
    parsed = recall.parse_brand_terms(stored)
    assert parsed.terms == terms
    assert parsed.exclude == exclude


@pytest.fixture
def survey(connection):
    connection.execute("INSERT INTO clients (name) VALUES ('Acme'), ('Other')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, brand_terms) VALUES (?, 1, 'Run', ?)",
        ["run", json.dumps(["Stride Lab"])],
    )
    exposed = [
        "Stride Lab",
        "stridelab je crois",
        "Nike, Strid Lab",
        "STRIDE-LAB",
        "les chaussures de Stride Lab",
        "strdie lab",
        "Nike",
        "Asics",
        "",
        None,
    ]
    control = [
        "Stride Lab",
        "Adidas",
        "Nike",
        "je ne sais pas",
        "Hoka",
        "stride",
        "Asics",
        "Salomon",
        "Nike",
        "Puma",
    ]
    rows = []
    for group, answers in (("exposed", exposed), ("control", control)):
        for i, answer in enumerate(answers):
            rows.append(("run", f"{group[0]}{i}", group, "unaided_recall", answer))
    # A second open answer for one exposed respondent still counts them once.
    rows.append(("run", "e0", "exposed", "unaided_recall", "Stride Lab again"))
    # Answers to other questions are not unaided recall.
    rows.append(("run", "c1", "control", "ad_recall", "Stride Lab"))
    rows.append(("run", "c2", "control", "favorability", "Stride Lab"))
    connection.executemany(
        'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, raw_answer) '
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    return connection


def test_unaided_recall_shares_and_newcombe_interval(survey):
    result = recall.unaided_recall(survey, "run")
    assert (result.respondents_exposed, result.named_exposed) == (10, 6)
    assert (result.respondents_control, result.named_control) == (10, 1)
    comparison = result.comparison
    assert comparison.exposed_rate == pytest.approx(0.6)
    assert comparison.control_rate == pytest.approx(0.1)
    assert comparison.absolute_lift == pytest.approx(0.5)
    low, high = stats.newcombe_interval(6, 10, 1, 10, 0.90)
    assert (comparison.ci_low, comparison.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert comparison.significant
    assert "Newcombe" in result.interval_method


def _plant_wave(connection, wave, week, exposed_answers, control_answers):
    rows = [
        ("run", f"{wave}-{group[0]}{i}", group, "unaided_recall", answer, wave, week)
        for group, answers in (("exposed", exposed_answers), ("control", control_answers))
        for i, answer in enumerate(answers)
    ]
    connection.executemany(
        'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, raw_answer, '
        "wave, wave_week) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def test_unaided_recall_reads_the_campaigns_own_waves_only(survey):
    # A pre-launch wave (control all naming the brand, exposed none) and a +8 weeks wave of the
    # same shape would take the lift from 0.6 - 0.1 to (6 + 0) / 30 - (1 + 20) / 30 if read.
    _plant_wave(survey, "pre", -6.0, ["Nike"] * 10, ["Stride Lab"] * 10)
    _plant_wave(survey, "+8w", 8.0, ["Nike"] * 10, ["Stride Lab"] * 10)
    result = recall.unaided_recall(survey, "run")
    assert (result.respondents_exposed, result.named_exposed) == (10, 6)
    assert (result.respondents_control, result.named_control) == (10, 1)
    assert result.comparison.absolute_lift == pytest.approx(0.5)

    # The in-flight and post waves, and a wave not placed in time, are the campaign's own.
    _plant_wave(survey, "in_flight", -2.0, ["Stride Lab", "Nike"], ["Nike"])
    _plant_wave(survey, "post", 0.0, ["Stride Lab"], ["Nike", "Nike"])
    _plant_wave(survey, "Wave B", None, ["stridelab"], ["Stride Lab"])
    result = recall.unaided_recall(survey, "run")
    assert (result.respondents_exposed, result.named_exposed) == (14, 9)
    assert (result.respondents_control, result.named_control) == (14, 2)
    assert result.comparison.absolute_lift == pytest.approx(9 / 14 - 2 / 14)


def test_unaided_recall_names_no_question_answered_only_before_launch(connection):
    connection.execute("INSERT INTO clients (name) VALUES ('Acme')")
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, brand_terms) VALUES (?, 1, 'Run', ?)",
        ["run", json.dumps(["Stride Lab"])],
    )
    connection.execute(
        'INSERT INTO survey_responses (campaign_id, respondent_id, "group", question, raw_answer, '
        "wave, wave_week) VALUES ('run', 'p1', 'control', 'unaided_recall', 'Stride Lab', 'pre', -4)"
    )
    result = recall.unaided_recall(connection, "run")
    assert result.respondents_control == result.respondents_exposed == 0
    assert [str(w) for w in result.warnings][0] == (
        "no answers to an unaided-recall question for this campaign"
    )


def test_unaided_recall_with_weights(survey):
    survey.execute("UPDATE survey_responses SET weight = 3.0 WHERE respondent_id = 'c0'")
    result = recall.unaided_recall(survey, "run")
    x_c, n_c = stats.weighted_counts(12.0, 18.0, 3.0)
    assert result.comparison.control_rate == pytest.approx(x_c / n_c)
    assert result.comparison.control_rate == pytest.approx(0.25)


def test_unaided_recall_other_question_names_and_terms(survey):
    ad_recall = recall.unaided_recall(survey, "run", questions=["ad_recall"])
    assert ad_recall.respondents_control == 1 and ad_recall.named_control == 1
    assert ad_recall.respondents_exposed == 0
    assert ad_recall.comparison.absolute_lift is None
    nike = recall.unaided_recall(survey, "run", terms=["Nike"])
    assert (nike.named_exposed, nike.named_control) == (2, 2)


def test_unaided_recall_defined_without_survey_terms_or_access(survey):
    missing = recall.unaided_recall(survey, "unknown")
    assert missing.comparison.exposed_rate is None
    assert any("no brand terms" in w for w in missing.warnings)
    no_answers = recall.unaided_recall(survey, "run", questions=["purchase_intent"])
    assert no_answers.respondents_exposed == 0
    assert any("open answers exist for" in w for w in no_answers.warnings)
    other_client = recall.unaided_recall(survey, "run", Filters(client_id=2))
    assert other_client.respondents_exposed == other_client.respondents_control == 0


def test_brand_mentions_by_week(connection):
    connection.execute(
        "INSERT INTO campaigns (campaign_id, client_id, name, brand_terms) VALUES ('run', 1, 'R', ?)",
        [json.dumps(["Stride Lab"])],
    )
    connection.execute(
        "INSERT INTO posts (post_id, platform, native_id, campaign_id, posted_at) "
        "VALUES ('p1', 'instagram', '1', 'run', '2026-09-14'), ('p2', 'tiktok', '2', 'run', '2026-10-01')"
    )
    connection.executemany(
        "INSERT INTO comments (comment_id, post_id, text, created_at) VALUES (?, ?, ?, ?)",
        [
            ("a", "p1", "Stride Lab ❤️", "2026-09-14 10:00"),
            ("b", "p1", "meh", "2026-09-20 23:00"),
            ("c", "p2", "#stridelab", None),
            ("d", "p2", "nope", "2026-10-02 10:00"),
        ],
    )
    weeks = recall.brand_mentions_by_week(connection, "run")
    assert [(w.week_start, w.comments, w.mentioning) for w in weeks] == [
        (dt.date(2026, 9, 14), 2, 1),
        (dt.date(2026, 9, 21), 0, 0),
        (dt.date(2026, 9, 28), 2, 1),
    ]
    assert weeks[0].share == 0.5 and weeks[1].share is None
    tiktok = recall.brand_mentions_by_week(connection, "run", Filters(platforms=("tiktok",)))
    assert [w.week_start for w in tiktok] == [dt.date(2026, 9, 28)]
    assert recall.brand_mentions_by_week(connection, "other") == []
    no_terms = recall.brand_mentions_by_week(connection, "run", terms=[])
    assert sum(w.mentioning for w in no_terms) == 0 and sum(w.comments for w in no_terms) == 4
