"""The Upload page's destination and column mapping, run by Streamlit's AppTest.

Nothing is chosen for the user; an account export asks whose account it is; a survey exported by
a survey tool and a post export without a handle column are mapped through the page and land in
the database as mapped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ingest.mapping import Mapping
from store.db import connect
from ui import mapping_screen, upload

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SHAPES = DATA / "shapes"
TIKTOK = DATA / "app_tiktok.csv"
OVERVIEW = DATA / "formats" / "tiktok_overview__en.csv"
FORMS = SHAPES / "google_forms_fr.csv"
INSTAGRAM = SHAPES / "meta_business_suite_instagram.csv"
TIMEOUT = 60


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("SILLAGE_DB", str(path))
    return path


def upload_page() -> AppTest:
    return AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT).run()


def by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def load_button(at: AppTest):
    return next(b for b in at.button if b.label.startswith("Load "))


def send_to_new_campaign(at: AppTest, path: Path, client: str, campaign: str) -> AppTest:
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv"))
    at.run()
    by_label(at.selectbox, "Client").set_value(upload.NEW_CLIENT).run()
    by_label(at.text_input, "New client name").input(client)
    by_label(at.selectbox, "Campaign").set_value(upload.NEW_CAMPAIGN).run()
    by_label(at.text_input, "New campaign name").input(campaign).run()
    return at


def test_nothing_is_chosen_and_load_waits_for_client_and_campaign(app_db: Path) -> None:
    at = upload_page()
    at.file_uploader[0].set_value(("app_tiktok.csv", TIKTOK.read_bytes(), "text/csv"))
    at.run()

    client, campaign = by_label(at.selectbox, "Client"), by_label(at.selectbox, "Campaign")
    assert (client.value, campaign.value) == (None, None)
    assert client.placeholder == "Choose a client…"
    assert load_button(at).disabled
    assert any(c.value == "To load, choose a client and choose a campaign." for c in at.caption)

    client.set_value(upload.NEW_CLIENT).run()
    by_label(at.text_input, "New client name").input("Maison Aurore").run()
    assert load_button(at).disabled
    by_label(at.selectbox, "Campaign").set_value(upload.NEW_CAMPAIGN).run()
    assert load_button(at).disabled
    by_label(at.text_input, "New campaign name").input("Rentrée 2026").run()
    assert not load_button(at).disabled
    # Posts: which of them are sponsored is asked here.
    assert by_label(at.radio, "Which posts of this file are sponsored?").value == "all"


def test_an_account_export_asks_whose_account(app_db: Path) -> None:
    at = send_to_new_campaign(upload_page(), OVERVIEW, "Maison Aurore", "Rentrée 2026")

    handle = by_label(at.text_input, "Account handle *")
    assert load_button(at).disabled
    assert any("without naming the account" in c.value for c in at.caption)
    assert any("type the account's handle" in c.value for c in at.caption)

    handle.input("@maison.aurore").run()
    assert not load_button(at).disabled
    load_button(at).click().run()
    assert not at.exception
    with connect(app_db, read_only=True) as connection:
        accounts = connection.execute("SELECT DISTINCT account FROM account_metrics").fetchall()
    assert accounts == [("maison.aurore",)]


def test_the_french_page_has_no_untranslated_words(app_db: Path) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "fr"
    at.run()
    at.file_uploader[0].set_value((OVERVIEW.name, OVERVIEW.read_bytes(), "text/csv"))
    at.run()

    assert by_label(at.selectbox, "Client").placeholder == "Choisissez un client…"
    assert by_label(at.text_input, "Nom du compte *")
    assert any(c.value.startswith("Pour charger, choisissez un client") for c in at.caption)


def open_mapping(at: AppTest, target: str) -> AppTest:
    load_button(at).click().run()
    assert not at.exception
    by_label(at.selectbox, "What does this file hold?").set_value(target).run()
    assert not at.exception
    return at


def forms_expected() -> dict[tuple[str, str], float]:
    """Positive shares per (question, group) of the Google Forms fixture, counted with pandas."""
    frame = pd.read_csv(FORMS, dtype=str)
    positive = {
        "ad_recall": (frame.columns[3], {"Oui"}),
        "favorability": (frame.columns[4], {"Très favorable", "Plutôt favorable"}),
        "consideration": (frame.columns[5], {"Très probable", "Probable"}),
    }
    groups = {"exposé": "exposed", "témoin": "control"}
    shares = {}
    for metric, (column, yes) in positive.items():
        for label, group in groups.items():
            answers = frame.loc[frame["Groupe"] == label, column].dropna()
            shares[(metric, group)] = answers.isin(yes).mean()
    return shares


def test_a_google_forms_survey_is_mapped_on_the_page(app_db: Path) -> None:
    at = send_to_new_campaign(upload_page(), FORMS, "Maison Lune", "Printemps 2026")
    at = open_mapping(at, "survey_respondents")

    # Suggested by name: the group and the timestamp; the panel id is chosen by hand.
    assert by_label(at.selectbox, "Group *").value == "Groupe"
    assert by_label(at.selectbox, "Responded at").value == "Horodateur"
    by_label(at.selectbox, "Respondent id *").set_value("Identifiant panel").run()

    # Group labels from the column's values, pre-filled from their usual names.
    assert by_label(at.multiselect, "Labels of the exposed group").value == ["exposé"]
    assert by_label(at.multiselect, "Labels of the control group").value == ["témoin"]

    # Questions: full-sentence headers, metric guessed, positive answers pre-ticked.
    metrics = [s.value for s in at.selectbox if s.label == "Metric"]
    assert metrics == ["ad_recall", "favorability", "consideration"]
    positives = [m for m in at.multiselect if m.label == "Positive answers"]
    assert [p.value for p in positives] == [
        ["Oui"],
        ["Très favorable", "Plutôt favorable"],
        ["Très probable", "Probable"],
    ]
    # Each answer is offered with its count; none reads None or nan.
    assert all("(" in o and "None" not in o and "nan" not in o for o in positives[1].options)

    shown = json.loads(at.code[0].value)
    assert Mapping.from_json(shown).questions[0].positive == ("Oui",)

    by_label(at.button, "Load with this mapping").click().run()
    assert not at.exception
    assert not at.error

    with connect(app_db, read_only=True) as connection:
        rows = connection.execute(
            'SELECT question, "group", avg(positive::INT) FROM survey_responses '
            "WHERE campaign_id = 'printemps-2026' GROUP BY ALL"
        ).fetchall()
    stored = {(q, g): share for q, g, share in rows}
    expected = forms_expected()
    assert stored.keys() == expected.keys()
    for key, share in expected.items():
        assert stored[key] == pytest.approx(share), key
    # The mapping used is shown with the result, as JSON for the command line.
    assert any(json.loads(c.value).get("format") == "survey_respondents" for c in at.code)


def test_a_post_export_takes_a_file_wide_platform_and_creator(app_db: Path) -> None:
    at = send_to_new_campaign(upload_page(), INSTAGRAM, "Maison Lune", "Printemps 2026")
    at = open_mapping(at, "posts_generic")

    assert by_label(at.selectbox, "Platform").value == upload.NOT_MAPPED
    by_label(at.selectbox, "Post id").set_value("Identifiant de la publication")
    by_label(at.selectbox, "Posted at").set_value("Heure de publication").run()
    by_label(at.selectbox, "Platform of the whole file").set_value("instagram").run()
    by_label(at.text_input, "Creator or account of the whole file").input("@maison.lune").run()
    by_label(at.button, "Load with this mapping").click().run()
    assert not at.exception
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Rows loaded"] == "3"

    with connect(app_db, read_only=True) as connection:
        posts = connection.execute(
            "SELECT p.platform, c.handle, count(*) FROM posts p "
            "JOIN creators c USING (creator_id) WHERE p.campaign_id = 'printemps-2026' GROUP BY ALL"
        ).fetchall()
    assert posts == [("instagram", "maison.lune", 3)]


def test_required_fields_follow_the_file_wide_values(app_db: Path) -> None:
    at = send_to_new_campaign(upload_page(), INSTAGRAM, "Maison Lune", "Printemps 2026")
    at = open_mapping(at, "instagram_content")

    assert by_label(at.selectbox, "Creator handle *").value == upload.NOT_MAPPED
    by_label(at.button, "Load with this mapping").click().run()
    assert "Creator handle" in at.error[0].value

    by_label(at.text_input, "Creator or account of the whole file").input("maison.lune").run()
    assert by_label(at.selectbox, "Creator handle").value == upload.NOT_MAPPED
    by_label(at.button, "Load with this mapping").click().run()
    assert not at.exception
    assert not at.error
    with connect(app_db, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM posts").fetchone()[0] == 3


@pytest.mark.parametrize(
    ("answers", "positive"),
    [
        (["Oui", "Non"], ["Oui"]),
        (["Yes, definitely", "No", "Not sure"], ["Yes, definitely"]),
        (["1", "2", "3", "4", "5"], ["4", "5"]),
        (["1", "3", "6", "7"], ["6", "7"]),
        (["0", "5", "8", "9", "10"], ["9", "10"]),
        (["0", "1"], ["1"]),
        (["5 - Very likely", "4 - Likely", "1 - Not at all likely"], ["5 - Very likely", "4 - Likely"]),
        (["Strongly agree", "Agree", "Neither", "Disagree"], ["Strongly agree", "Agree"]),
        (["Tout à fait d'accord", "Plutôt d'accord", "Pas d'accord"], ["Tout à fait d'accord", "Plutôt d'accord"]),
        (["Très probable", "Probable", "Peu probable", "Pas du tout probable"], ["Très probable", "Probable"]),
        (["Fizzo", "Lumo"], []),
    ],
)  # fmt: skip
def test_default_positive_answers(answers: list[str], positive: list[str]) -> None:
    assert mapping_screen.default_positive(answers) == positive


def test_flags_groups_and_questions() -> None:
    assert mapping_screen.is_flag([("Lumo", 12)])
    assert mapping_screen.is_flag([("1", 4), ("0", 6)])
    assert not mapping_screen.is_flag([("Yes", 4), ("No", 6)])
    assert mapping_screen.flag_role("Which brands? - None of these") == "negative"
    assert mapping_screen.flag_role("ad_recall_no") == "negative"
    assert mapping_screen.flag_role("Which brands? - Lumo") == "positive"
    assert mapping_screen.default_groups(["test", "1", "control", "A"]) == {
        "exposed": ["test", "1"],
        "control": ["control"],
    }
    choices = [
        mapping_screen.QuestionChoice("yes", "awareness", True, role="positive"),
        mapping_screen.QuestionChoice("no", "awareness", True, role="negative"),
        mapping_screen.QuestionChoice("Buy?", "consideration", False, positive=("Likely",)),
        mapping_screen.QuestionChoice("Age", None, False),
    ]
    mapping = mapping_screen.build_mapping(
        "survey_respondents",
        {"respondent_id": "id", "group": "g", "weight": upload.NOT_MAPPED},
        {"campaign": " spring ", "platform": ""},
        {"exposed": ["test"], "control": []},
        choices,
    )
    assert mapping.as_json() == {
        "format": "survey_respondents",
        "fields": {"respondent_id": "id", "group": "g"},
        "values": {"campaign": "spring"},
        "groups": {"exposed": ["test"]},
        "questions": [
            {"metric": "consideration", "column": "Buy?", "positive": ["Likely"]},
            {"metric": "awareness", "options": {"yes": "positive", "no": "negative"}},
        ],
    }
    assert Mapping.from_json(mapping.as_json()) == mapping


def test_exposed_and_control_in_two_files(app_db: Path) -> None:
    """SurveyMonkey exports each group apart: the second file starts from the first's mapping."""
    exposed, control = SHAPES / "surveymonkey_exposed.csv", SHAPES / "surveymonkey_control.csv"
    at = send_to_new_campaign(upload_page(), exposed, "Lumo", "Lumo launch")
    at = open_mapping(at, "survey_respondents")
    assert by_label(at.selectbox, "Respondent id *").value == "Respondent ID"
    # SurveyMonkey's "04/10/2026 10:03:40 AM" is not read as a time: the column stays out.
    by_label(at.selectbox, "Responded at").set_value(upload.NOT_MAPPED)
    by_label(at.selectbox, "Group of the whole file").set_value("exposed").run()
    metrics = {s.key.rsplit(".", 2)[-2]: s for s in at.selectbox if s.label == "Metric"}
    assert [s.value for s in metrics.values()] == [
        "ad_recall",
        "awareness",
        "awareness",
        "awareness",
    ]
    roles = [r.value for r in at.radio if r.label == "A ticked cell is"]
    assert roles == ["positive", "positive", "negative"]
    at.radio[[r.label for r in at.radio].index("A ticked cell is") + 1].set_value("negative").run()
    by_label(at.button, "Load with this mapping").click().run()
    assert not at.exception
    assert not at.error

    at = upload_page()
    at.file_uploader[0].set_value((control.name, control.read_bytes(), "text/csv"))
    at.run()
    by_label(at.selectbox, "Client").set_value("Lumo").run()
    by_label(at.selectbox, "Campaign").set_value("lumo-launch").run()
    load_button(at).click().run()
    assert not at.exception
    # Same columns, other group: the screen starts from the saved mapping, group left to choose.
    assert any("mapped before for a file of exposed answers only" in c.value for c in at.caption)
    assert by_label(at.selectbox, "What does this file hold?").value == "survey_respondents"
    assert by_label(at.selectbox, "Group of the whole file").value is None
    roles = [r.value for r in at.radio if r.label == "A ticked cell is"]
    assert roles == ["positive", "negative", "negative"]
    by_label(at.selectbox, "Group of the whole file").set_value("control").run()
    by_label(at.button, "Load with this mapping").click().run()
    assert not at.exception
    assert not at.error

    frames = {
        group: pd.read_csv(path, dtype=str)
        for group, path in (("exposed", exposed), ("control", control))
    }
    recall = "Have you seen an ad for Lumo recently?"
    expected = {group: frame[recall].dropna().eq("Yes").mean() for group, frame in frames.items()}
    with connect(app_db, read_only=True) as connection:
        rows = connection.execute(
            'SELECT "group", avg(positive::INT) FROM survey_responses '
            "WHERE campaign_id = 'lumo-launch' AND question = 'ad_recall' GROUP BY ALL"
        ).fetchall()
    assert dict(rows) == pytest.approx(expected)


def visible_texts(at: AppTest) -> list[str]:
    """Every label, option, caption and message of the page."""
    texts = [
        e.value
        for kind in ("markdown", "caption", "error", "warning", "info")
        for e in at.get(kind)
    ]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "date_input", "button"):
        for widget in at.get(kind):
            texts.append(widget.label)
            texts += [str(o) for o in getattr(widget, "options", [])]
            texts.append(str(getattr(widget, "help", "") or ""))
            texts.append(str(getattr(widget, "placeholder", "") or ""))
    return texts


def test_one_hot_flags_on_the_french_page(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A vendor's one-hot yes/no columns, added by hand, read as one question; all in French."""
    vendor = SHAPES / "vendor_onehot.csv"
    # AppTest formats the options of a widget it sets in the test's own thread, which has no
    # URL: the interface language is French for both threads.
    monkeypatch.setattr("ui.i18n.language", lambda: "fr")
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "fr"
    at.run()
    at.file_uploader[0].set_value((vendor.name, vendor.read_bytes(), "text/csv"))
    at.run()
    by_label(at.selectbox, "Client").set_value(upload.NEW_CLIENT).run()
    by_label(at.text_input, "Nom du nouveau client").input("Lumo")
    by_label(at.selectbox, "Campagne").set_value(upload.NEW_CAMPAIGN).run()
    by_label(at.text_input, "Nom de la nouvelle campagne").input("Spring 2026").run()
    next(b for b in at.button if b.label.startswith("Charger ")).click().run()
    by_label(at.selectbox, "Que contient ce fichier ?").set_value("survey_respondents").run()

    assert by_label(at.selectbox, "Identifiant du répondant *").value == "auction_id"
    assert by_label(at.multiselect, "Valeurs du groupe exposé").value == ["test", "1"]
    assert by_label(at.multiselect, "Valeurs du groupe témoin").value == ["holdout", "0"]
    by_label(at.multiselect, "Autres colonnes de questions").set_value(["yes", "no"]).run()
    metrics = [s for s in at.selectbox if s.label == "Indicateur"]
    assert [m.value for m in metrics] == ["consideration", None, None]
    metrics[1].set_value("awareness")
    metrics[2].set_value("awareness").run()
    roles = [r.value for r in at.radio if r.label == "Une case cochée est"]
    assert roles == ["positive", "negative"]

    texts = visible_texts(at)
    assert not [x for x in texts if x.startswith(("map.", "up.", "sp.", "ingest."))]
    assert not [x for x in texts if re.search(r"\b(None|nan|NaT)\b", x)]

    by_label(at.button, "Charger avec ce mapping").click().run()
    assert not at.exception
    assert not at.error

    frame = pd.read_csv(vendor, dtype=str)
    group = frame["experiment"].map(
        {"test": "exposed", "1": "exposed", "holdout": "control", "0": "control"}
    )
    aware = frame["yes"].eq("1").where(frame["yes"].eq("1") | frame["no"].eq("1"))
    expected = aware.groupby(group).mean().to_dict()
    with connect(app_db, read_only=True) as connection:
        rows = connection.execute(
            'SELECT "group", avg(positive::INT) FROM survey_responses '
            "WHERE question = 'awareness' GROUP BY ALL"
        ).fetchall()
    assert dict(rows) == pytest.approx(expected)


def test_a_typeform_scale_survey_is_mapped_on_the_page(app_db: Path) -> None:
    """A 0–10 answer scale and A/B cells: the user ticks the top of the scale and names the cells."""
    typeform = SHAPES / "typeform_en.csv"
    at = send_to_new_campaign(upload_page(), typeform, "Lumo", "Lumo launch")
    at = open_mapping(at, "survey_respondents")
    assert by_label(at.selectbox, "Respondent id *").value == "#"
    assert by_label(at.selectbox, "Group *").value == "cell"
    by_label(at.multiselect, "Labels of the exposed group").set_value(["A"]).run()
    by_label(at.multiselect, "Labels of the control group").set_value(["B"]).run()
    # The scale's top two points are ticked as positive by default.
    scale = next(m for m in at.multiselect if m.label == "Positive answers")
    assert sorted(scale.value, key=int) == ["9", "10"]
    scale.set_value(["8", "9", "10"]).run()
    # The brand-preference question: the brand itself is the positive answer.
    preference = [m for m in at.multiselect if m.label == "Positive answers"][1]
    preference.set_value(["Lumo"]).run()
    by_label(at.button, "Load with this mapping").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]

    frame = pd.read_csv(typeform, dtype=str)
    answers = frame.columns[2]
    expected = {
        {"A": "exposed", "B": "control"}[cell]: rows[answers].isin(["8", "9", "10"]).mean()
        for cell, rows in frame.dropna(subset=[answers]).groupby("cell")
    }
    with connect(app_db, read_only=True) as connection:
        stored = dict(
            connection.execute(
                'SELECT "group", avg(positive::INT) FROM survey_responses '
                "WHERE campaign_id = 'lumo-launch' AND question = 'purchase_intent' GROUP BY ALL"
            ).fetchall()
        )
    assert stored.keys() == expected.keys()
    for group, share in expected.items():
        assert stored[group] == pytest.approx(share), group


def test_campaign_settings_choose_no_campaign_in_advance(demo: Path) -> None:
    at = upload_page()
    picker = by_label(at.selectbox, "Campaign to edit")
    assert picker.value is None
    assert not [b for b in at.button if b.label == "Save campaign"]
    # A link naming a campaign opens its settings.
    linked = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT)
    linked.query_params["campaign"] = "trail-series-2026"
    linked.run()
    assert by_label(linked.selectbox, "Campaign to edit").value == "trail-series-2026"
    assert by_label(linked.selectbox, "Objective").value is not None
