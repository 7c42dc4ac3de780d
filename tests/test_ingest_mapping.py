"""Column mappings that finish: suggestions, file-wide values, survey questions and answers.

Every fixture of tests/data/shapes loads through its ``.map.json`` with the rows and positive
shares planted in it (see tests/data/shapes/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest import ingest_path
from ingest.errors import MappingError
from ingest.mapping import (
    Mapping,
    Question,
    answer_values,
    needed_fields,
    question_columns,
    saved_mappings,
    suggest,
)
from metrics import brand_lift
from store.db import connect

SHAPES = Path(__file__).parent / "data" / "shapes"

ISSUE_EXAMPLE = {
    "format": "survey_respondents",
    "fields": {"respondent_id": "auction_id", "group": "experiment"},
    "values": {"campaign": "spring-2026"},
    "groups": {"exposed": ["exposed", "test", "1"], "control": ["control", "holdout", "0"]},
    "questions": [
        {"metric": "awareness", "options": {"yes": "positive", "no": "negative"}},
        {
            "metric": "consideration",
            "column": "Would you consider buying X?",
            "positive": ["Very likely", "Likely", "Très probable", "Probable"],
        },
    ],
}


def load_shape(db_path: Path, name: str, **changes):
    data = json.loads((SHAPES / f"{name}.map.json").read_text(encoding="utf-8"))
    data["values"] = {"client": "Maison Lune", **data.get("values", {})}
    data.update(changes)
    return ingest_path(db_path, SHAPES / f"{name}.csv", mapping=Mapping.from_json(data))


def shares(db_path: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """(question, group) -> (positive answers, answers) stored in survey_responses."""
    with connect(db_path, read_only=True) as connection:
        rows = connection.execute(
            'SELECT question, "group", count(*) FILTER (WHERE positive), count(*) '
            "FROM survey_responses GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    return {(q, g): (p, n) for q, g, p, n in rows}


# --- The mapping's JSON ---------------------------------------------------------------------


def test_the_issue_example_reads_and_writes_back_the_same_json():
    mapping = Mapping.from_json(ISSUE_EXAMPLE)
    assert mapping.questions[0] == Question(
        "awareness", options={"yes": "positive", "no": "negative"}
    )
    assert mapping.questions[1].positive == ("Very likely", "Likely", "Très probable", "Probable")
    assert mapping.groups["control"] == ("control", "holdout", "0")
    assert mapping.as_json() == ISSUE_EXAMPLE
    assert Mapping.from_json(mapping.as_json()) == mapping


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"format": "survey_typo"}, '"format" must be one of'),
        ({"fields": {"respondent": "auction_id"}}, "survey_respondents has no field 'respondent'"),
        ({"values": {"campain": "x"}}, "\"values\": unknown key 'campain'"),
        ({"values": {"as_of": "03/04/2026"}}, "as_of must be a date as YYYY-MM-DD"),
        ({"values": {"group": "treated"}}, "group must be exposed or control"),
        ({"groups": {"exposed": ["1"], "control": ["1"]}}, "'1' is listed in both groups"),
        ({"questions": [{"metric": "recall", "column": "Q"}]}, '"metric" must be one of'),
        ({"questions": [{"metric": "awareness"}]}, 'needs "options"'),
        ({"questions": [{"metric": "awareness", "column": "Q"}]}, '"positive" must list'),
        ({"questions": [{"metric": "awareness", "options": {"yes": "yes"}}]}, "found 'yes'"),
        ({"extra": 1}, "unknown key 'extra'"),
    ],
)
def test_a_wrong_mapping_is_refused_with_the_key_named(change: dict, named: str):
    with pytest.raises(MappingError) as raised:
        Mapping.from_json({**ISSUE_EXAMPLE, **change})
    assert named in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_questions_belong_to_respondent_surveys_only():
    with pytest.raises(MappingError, match="not posts_generic"):
        Mapping.from_json({"format": "posts_generic", "fields": {}, "questions": [
            {"metric": "awareness", "options": {"yes": "positive"}}]})  # fmt: skip


# --- Helpers of the mapping screen ----------------------------------------------------------


def test_suggestions_match_case_accents_and_french_or_english_synonyms():
    headers = ["Horodateur", "Identifiant panel", "GROUPE", "Poids", "Quelle est votre opinion ?"]
    assert suggest("survey_respondents", headers) == {
        "respondent_id": "Identifiant panel",
        "group": "GROUPE",
        "responded_at": "Horodateur",
        "weight": "Poids",
    }
    assert suggest("survey_respondents", ["auction_id", "experiment", "yes", "no"]) == {
        "respondent_id": "auction_id",
        "group": "experiment",
    }
    meta = (SHAPES / "meta_business_suite_instagram.csv").read_bytes().decode("cp1252")
    headers = meta.splitlines()[0].split(";")
    suggested = suggest("instagram_content", headers)
    assert suggested["native_id"] == "Identifiant de la publication"
    assert suggested["duration_seconds"] == "Durée (s)"
    assert suggested["views"] == "Impressions"
    assert suggested["likes"] == "J'aime"
    assert "handle" not in suggested  # the export has no username column
    # A post export's "Date" is Meta's period column: the publishing time wins.
    generic = suggest(
        "posts_generic", ["Date", "Heure de publication", "Identifiant de la publication"]
    )
    assert generic == {
        "native_id": "Identifiant de la publication",
        "posted_at": "Heure de publication",
    }
    platform = suggest("creator_posts", ["Handle", "Network", "Cost (EUR)", "Published On"])
    assert platform == {"platform": "Network", "handle": "Handle", "cost": "Cost (EUR)"}


def test_needed_fields_drop_what_file_wide_values_give():
    assert needed_fields("instagram_content", {}) == ("native_id", "handle")
    assert needed_fields("instagram_content", {"creator": "@maison.lune"}) == ("native_id",)
    assert needed_fields("creator_posts", {"platform": "tiktok"}) == ("handle",)
    assert needed_fields("survey_respondents", {"group": "control"}) == ("respondent_id",)
    assert needed_fields("posts_generic", {}) == ()


def test_question_columns_guess_the_metric_in_french_and_english():
    headers = [
        "Horodateur",
        "Groupe",
        "Have you seen an ad for X recently?",
        "Would you consider buying X?",
        "How likely are you to buy Lumo sparkling water in the next month?",
        "Which of these brands do you prefer?",
        "Avez-vous vu une publicité pour Maison Lune ces derniers jours ?",
        "Quelle est votre opinion de la marque Maison Lune ?",
        "Envisageriez-vous d'acheter un produit Maison Lune ?",
        "Connaissez-vous la marque Maison Lune ?",
        "Quel est votre code postal ?",
        "awareness",
    ]
    assert question_columns(headers) == [
        ("Have you seen an ad for X recently?", "ad_recall"),
        ("Would you consider buying X?", "consideration"),
        ("How likely are you to buy Lumo sparkling water in the next month?", "purchase_intent"),
        ("Which of these brands do you prefer?", "preference"),
        ("Avez-vous vu une publicité pour Maison Lune ces derniers jours ?", "ad_recall"),
        ("Quelle est votre opinion de la marque Maison Lune ?", "favorability"),
        ("Envisageriez-vous d'acheter un produit Maison Lune ?", "consideration"),
        ("Connaissez-vous la marque Maison Lune ?", "awareness"),
        ("Quel est votre code postal ?", None),
        ("awareness", "awareness"),
    ]


def test_answer_values_count_the_whole_file_most_frequent_first():
    values = answer_values(SHAPES / "vendor_onehot.csv", "experiment")
    assert values == [("holdout", 8), ("test", 8), ("0", 7), ("1", 7)]
    # Windows-1252 and ";" are read as the loader reads them.
    kinds = dict(answer_values(SHAPES / "meta_business_suite_instagram.csv", "Type de publication"))
    assert kinds == {"Carrousel IG": 1, "Reel IG": 1, "Image IG": 1}
    assert answer_values(SHAPES / "typeform_en.csv", "cell", limit=1) == [("A", 16)]
    with pytest.raises(MappingError, match="no column 'nope'"):
        answer_values(SHAPES / "typeform_en.csv", "nope")


# --- Every shape loads with what was planted in it -------------------------------------------


def test_vendor_one_hot_file_loads_through_exactly_the_issue_json(db_path: Path):
    mapping = Mapping.from_json(
        {**ISSUE_EXAMPLE, "values": {**ISSUE_EXAMPLE["values"], "client": "Maison Lune"}}
    )
    result = ingest_path(db_path, SHAPES / "vendor_onehot.csv", mapping=mapping)
    assert result.refused is None, result.refused
    assert (result.rows_read, result.rows_loaded, result.rows_skipped) == (30, 24, 6)
    assert result.skipped_reasons == {"respondent with no answer": 6}
    assert shares(db_path) == {
        ("awareness", "control"): (5, 12),
        ("awareness", "exposed"): (9, 12),
        ("consideration", "control"): (3, 12),
        ("consideration", "exposed"): (6, 12),
    }
    with connect(db_path, read_only=True) as connection:
        raw = connection.execute(
            "SELECT DISTINCT raw_answer FROM survey_responses WHERE question = 'awareness' ORDER BY 1"
        ).fetchall()
        lift = brand_lift.question_counts(connection, "spring-2026")
    assert raw == [("no",), ("yes",)]
    assert list(lift) == ["awareness", "consideration"]
    assert (lift["awareness"].exposed.answers, lift["awareness"].control.answers) == (12, 12)


def test_google_forms_french_likert_answers(db_path: Path):
    result = load_shape(db_path, "google_forms_fr")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (40, 40, 0)
    assert result.columns_unused == ["Votre âge", "Commentaires libres"]
    assert shares(db_path) == {
        ("ad_recall", "control"): (6, 20),
        ("ad_recall", "exposed"): (12, 20),
        ("consideration", "control"): (4, 18),  # two blanks per group are no answer
        ("consideration", "exposed"): (9, 18),
        ("favorability", "control"): (8, 20),
        ("favorability", "exposed"): (14, 20),
    }
    with connect(db_path, read_only=True) as connection:
        first = connection.execute(
            "SELECT responded_at FROM survey_responses WHERE respondent_id = 'GF-0001' LIMIT 1"
        ).fetchone()[0]
        campaign = connection.execute("SELECT campaign_id, name FROM campaigns").fetchall()
    assert first == dt.datetime(2026, 3, 2, 9, 7, 13)  # day-first Horodateur
    assert campaign == [("printemps-2026", "Printemps 2026")]


def test_typeform_scale_and_a_preference_question_flow_into_lift(db_path: Path):
    result = load_shape(db_path, "typeform_en")
    assert (result.rows_read, result.rows_loaded) == (32, 32)
    assert shares(db_path) == {
        ("preference", "control"): (3, 16),
        ("preference", "exposed"): (7, 16),
        ("purchase_intent", "control"): (4, 16),
        ("purchase_intent", "exposed"): (8, 16),
    }
    with connect(db_path, read_only=True) as connection:
        lifts = brand_lift.lift_by_question(connection, "lumo-launch")
    # A question the lift code does not list comes after the ones it does.
    assert [lift.question for lift in lifts] == ["purchase_intent", "preference"]
    preference = lifts[1]
    assert preference.exposed_rate == pytest.approx(7 / 16)
    assert preference.control_rate == pytest.approx(3 / 16)


def test_exposed_and_control_in_two_files(db_path: Path):
    exposed = load_shape(db_path, "surveymonkey_exposed")
    control = load_shape(db_path, "surveymonkey_control")
    assert (exposed.rows_loaded, control.rows_loaded) == (12, 12)
    assert shares(db_path) == {
        ("ad_recall", "control"): (3, 12),
        ("ad_recall", "exposed"): (7, 12),
        # One respondent per file skipped the brand list: no answer to that question.
        ("awareness", "control"): (4, 11),
        ("awareness", "exposed"): (8, 11),
    }


def test_a_saved_mapping_with_a_file_wide_group_asks_again_for_the_next_file(db_path: Path):
    load_shape(db_path, "surveymonkey_control")
    again = ingest_path(db_path, SHAPES / "surveymonkey_exposed.csv")
    assert again.needs_mapping
    assert "map this file again and say which group it holds" in again.refused


def test_aggregated_results_with_a_positive_column(db_path: Path):
    result = load_shape(db_path, "results_positive")
    assert (result.rows_read, result.rows_loaded) == (4, 4)
    with connect(db_path, read_only=True) as connection:
        rows = connection.execute(
            'SELECT question, "group", respondents, positive_count, positive_rate '
            "FROM survey_results ORDER BY ALL"
        ).fetchall()
    assert rows == [
        ("ad_recall", "control", 380, 95.0, 0.25),
        ("ad_recall", "exposed", 400, 180.0, 0.45),
        ("awareness", "control", 380, 209.0, 0.55),
        ("awareness", "exposed", 400, 260.0, 0.65),
    ]


def test_meta_business_suite_instagram_export_completed_by_a_creator_value(db_path: Path):
    assert ingest_path(db_path, SHAPES / "meta_business_suite_instagram.csv").needs_mapping
    result = load_shape(db_path, "meta_business_suite_instagram")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    assert result.columns_unused == ["Commentaire sur les données", "Date", "Réponses"]
    with connect(db_path, read_only=True) as connection:
        posts = connection.execute(
            "SELECT post_id, creator_id, campaign_id, posted_at, caption FROM posts ORDER BY 1"
        ).fetchall()
        metrics = connection.execute(
            "SELECT views, reach, likes, metric_date FROM post_metrics ORDER BY views"
        ).fetchall()
        dates = connection.execute("SELECT start_date, end_date FROM campaigns").fetchone()
    assert [p[0] for p in posts] == [
        "instagram:18023456789012345",
        "instagram:18023456789012399",
        "instagram:18023456789012411",
    ]
    assert {p[1] for p in posts} == {"instagram:maison.lune"}
    assert {p[2] for p in posts} == {"printemps-2026"}
    assert posts[0][3] == dt.datetime(2026, 3, 3, 18, 0)
    assert posts[0][4] == "Nouvelle collection printemps – 20 € offerts #partenariat"
    assert metrics[0] == (23105, 18004, 1203, dt.date(2026, 4, 1))
    # A new campaign takes its dates from its posts.
    assert dates == (dt.date(2026, 3, 3), dt.date(2026, 3, 21))


def test_influencer_platform_export(db_path: Path):
    result = load_shape(db_path, "influencer_platform")
    assert (result.rows_read, result.rows_loaded, result.rows_merged) == (5, 3, 1)
    assert result.skipped_reasons == {"totals row": 1}
    with connect(db_path, read_only=True) as connection:
        posts = connection.execute(
            "SELECT platform, creator_id, cost FROM posts ORDER BY platform"
        ).fetchall()
        views = connection.execute("SELECT sum(views), sum(clicks) FROM post_metrics").fetchone()
    assert posts == [
        ("instagram", "instagram:lea.cuisine", 450.0),
        ("tiktok", "tiktok:tom.runs", 900.0),
        ("youtube", "youtube:nina.beaute", 1200.0),
    ]
    assert views == (260300, 475)


def test_creator_report_with_platform_and_creator_values(db_path: Path):
    result = load_shape(db_path, "creator_report")
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    with connect(db_path, read_only=True) as connection:
        rows = connection.execute(
            "SELECT p.platform, p.creator_id, m.views, m.likes FROM posts p "
            "JOIN post_metrics m USING (post_id) ORDER BY m.views"
        ).fetchall()
    assert rows == [
        ("instagram", "instagram:lea.cuisine", 8950, 702),
        ("instagram", "instagram:lea.cuisine", 12400, 1100),
    ]


def test_a_mapping_naming_a_column_the_file_lacks_is_refused(db_path: Path):
    result = load_shape(db_path, "typeform_en", fields={"respondent_id": "Response ID"})
    assert result.refused.endswith(
        "the column mapping names columns this file does not have: Response ID"
    )


def test_a_respondent_mapping_without_questions_is_refused_not_crashed(db_path: Path):
    result = load_shape(db_path, "vendor_onehot", questions=[])
    assert "names no survey question" in result.refused


def test_saved_mappings_are_listed_whole(db_path: Path):
    load_shape(db_path, "vendor_onehot")
    with connect(db_path, read_only=True) as connection:
        (saved,) = saved_mappings(connection)
    assert saved["signature"] == "auction_id|experiment|yes|no|would you consider buying x?"
    assert saved["questions"] == ISSUE_EXAMPLE["questions"]
    assert saved["values"] == {"client": "Maison Lune", "campaign": "spring-2026"}
    # The next file of that layout loads without a mapping.
    again = ingest_path(db_path, SHAPES / "vendor_onehot.csv")
    assert (again.format, again.rows_loaded, again.rows_skipped) == ("survey_respondents", 24, 6)


def test_twelve_hour_times_read_as_surveymonkey_writes_them(db_path: Path):
    """SurveyMonkey's "End Date" ("04/10/2026 10:03:40 AM"), suggested for the answer time."""
    headers = (SHAPES / "surveymonkey_exposed.csv").read_text().splitlines()[0].split(",")
    assert suggest("survey_respondents", headers)["responded_at"] == "End Date"
    mapping = json.loads((SHAPES / "surveymonkey_exposed.map.json").read_text())
    mapping["fields"]["responded_at"] = "End Date"
    result = ingest_path(
        db_path, SHAPES / "surveymonkey_exposed.csv", mapping=Mapping.from_json(mapping)
    )
    assert result.loaded and result.rows_rejected == 0
    with connect(db_path) as connection:
        stored = dict(
            connection.execute(
                "SELECT DISTINCT respondent_id, responded_at FROM survey_responses"
            ).fetchall()
        )
    rows = [
        line.split(",")
        for line in (SHAPES / "surveymonkey_exposed.csv").read_text().splitlines()[1:]
    ]
    expected = {r[0]: dt.datetime.strptime(r[3], "%m/%d/%Y %I:%M:%S %p") for r in rows}
    assert stored == {k: v for k, v in expected.items() if k in stored}
    assert len(stored) >= 10
