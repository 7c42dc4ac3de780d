"""The Upload page shows the ingest's messages in French on the French interface.

Each family of message (refusal, rejected-row reason, note, progress, mapping hint) is checked
against its exact French text; messages the ingest really writes for broken files are checked to
have a pattern; the English interface keeps every message byte for byte; and the Upload page run
by AppTest on ``?lang=fr`` shows a French refusal and a French rejected row.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest import Assignment, IngestResult, ingest_stream
from ingest.errors import RowError
from ingest.formats import FORMATS
from ui import i18n, ingest_messages, upload

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
TIMEOUT = 60
NB = "\u00a0"  # no-break space, before ":" and ";" in French
NNB = "\u202f"  # narrow no-break space, between digit groups

YOUTUBE_HEADER = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Impressions"
)
ASSIGNMENT = Assignment(
    campaign_id="Messages",
    client_name="Client",
    creator_handle="tester",
    as_of=dt.date(2026, 10, 2),
)


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_messages, "language", lambda: "fr")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_messages, "language", lambda: "en")


REFUSALS = [
    (
        "big export.csv is 1.3 MiB; the limit is 1 MiB (setting SILLAGE_MAX_UPLOAD_MB)",
        f"big export.csv pèse 1,3 Mio{NB}; la limite est de 1 Mio (réglage SILLAGE_MAX_UPLOAD_MB)",
    ),
    (
        "huge.csv is 1234.5 MiB; the limit is 1000 MiB",
        f"huge.csv pèse 1{NNB}234,5 Mio{NB}; la limite est de 1{NNB}000 Mio",
    ),
    (
        "report.pdf: this is a PDF document, not a CSV file",
        f"report.pdf{NB}: c'est un document PDF, pas un fichier CSV",
    ),
    (
        "book.xlsx: this is a zip archive or an Excel workbook (save it as CSV first), not a CSV "
        "file",
        f"book.xlsx{NB}: c'est une archive zip ou un classeur Excel (enregistrez-le d'abord au "
        "format CSV), pas un fichier CSV",
    ),
    (
        "upload.bin: this is a binary file, not a CSV file",
        f"upload.bin{NB}: c'est un fichier binaire, pas un fichier CSV",
    ),
    (
        "odd.csv: this file is not text in any encoding Sillage knows",
        f"odd.csv{NB}: ce fichier n'est pas du texte dans un encodage que Sillage connaît",
    ),
    ("empty.csv: the file is empty", f"empty.csv{NB}: le fichier est vide"),
    (
        "vidéos.csv: line 3 is not UTF-8 while the rest of the file is: the file mixes two "
        "encodings; save it again as UTF-8 and load it again",
        f"vidéos.csv{NB}: la ligne 3 n'est pas en UTF-8 alors que le reste du fichier l'est{NB}: "
        f"le fichier mélange deux encodages{NB}; enregistrez-le de nouveau en UTF-8 et "
        "chargez-le à nouveau",
    ),
    (
        "blank.csv: the file holds only blank space",
        f"blank.csv{NB}: le fichier ne contient que des blancs",
    ),
    ("sep.csv: the file has no header row", f"sep.csv{NB}: le fichier n'a pas de ligne d'en-tête"),
    (
        "notes.txt: no header row with at least two columns was found in the first line",
        f"notes.txt{NB}: aucune ligne d'en-tête d'au moins deux colonnes n'a été trouvée en "
        "première ligne",
    ),
    (
        "live.csv: the file changed while it was being loaded",
        f"live.csv{NB}: le fichier a changé pendant son chargement",
    ),
    (
        "Plays: Q3.csv: no known export format has these columns; map them once and Sillage will "
        "remember: Clip URL, Plays, Hearts",
        f"Plays: Q3.csv{NB}: aucun format d'export connu n'a ces colonnes{NB}; associez-les une "
        f"fois et Sillage s'en souviendra{NB}: Clip URL, Plays, Hearts",
    ),
    (
        "clips.csv: the column mapping leaves required fields unmapped: url, likes",
        f"clips.csv{NB}: l'association de colonnes laisse des champs obligatoires sans "
        f"colonne{NB}: url, likes",
    ),
    (
        "bad.csv: the file could not be read as CSV (Invalid Input Error: CSV Error on Line: 3)",
        f"bad.csv{NB}: le fichier n'a pas pu être lu comme un CSV (Invalid Input Error: CSV "
        "Error on Line: 3)",
    ),
    (
        "bad.csv: the file could not be loaded (Out of Memory Error: failed; retry); nothing "
        "from it was stored",
        f"bad.csv{NB}: le fichier n'a pas pu être chargé (Out of Memory Error: failed; retry)"
        f"{NB}; rien n'en a été enregistré",
    ),
    (
        "posts.csv: campaign 'Rentrée 2026' does not exist yet: name its client (--client) to "
        "create it",
        f"posts.csv{NB}: la campagne 'Rentrée 2026' n'existe pas encore{NB}: indiquez son client "
        "(--client) pour la créer",
    ),
    (
        'posts.csv: several clients have a campaign called "L\'été": name the client (--client)',
        f'posts.csv{NB}: plusieurs clients ont une campagne nommée "L\'été"{NB}: indiquez le '
        "client (--client)",
    ),
    (
        "survey.csv: these rows need a campaign: choose one (--campaign) or add a campaign column",
        f"survey.csv{NB}: ces lignes ont besoin d'une campagne{NB}: choisissez-en une "
        "(--campaign) ou ajoutez une colonne de campagne",
    ),
    (
        "posts.csv: Sillage stopped on an internal error while loading it (KeyError: 'x'). A "
        "file loads in one transaction: either all of its rows are in the database or none.",
        f"posts.csv{NB}: Sillage s'est arrêté sur une erreur interne pendant son chargement "
        f"(KeyError: 'x'). Un fichier se charge en une seule transaction{NB}: soit toutes ses "
        "lignes sont dans la base, soit aucune.",
    ),
    (
        "posts.csv: the load stopped before it finished; load the file again (a file loads "
        "whole or not at all).",
        f"posts.csv{NB}: le chargement s'est arrêté avant la fin{NB}; chargez le fichier à "
        "nouveau (un fichier se charge en entier ou pas du tout).",
    ),
    (
        "overview.csv: this export does not say which account it is about: name the account's "
        "handle (--creator HANDLE)",
        f"overview.csv{NB}: cet export ne dit pas de quel compte il s'agit{NB}: indiquez le nom "
        "du compte (--creator HANDLE)",
    ),
    (
        "survey.csv: the column mapping names columns this file does not have: Response ID",
        f"survey.csv{NB}: l'association de colonnes cite des colonnes que ce fichier n'a "
        f"pas{NB}: Response ID",
    ),
    (
        "survey.csv: these columns were mapped before for a file of control answers only: map "
        "this file again and say which group it holds",
        f"survey.csv{NB}: ces colonnes ont déjà été associées pour un fichier de réponses du seul "
        f"groupe control{NB}: associez ce fichier à nouveau et indiquez quel groupe il contient",
    ),
    # The Upload page's first look shows the sniff's refusal without a file name.
    ("this is a PNG image, not a CSV file", "c'est une image PNG, pas un fichier CSV"),
    (
        "posts.csv: campaign 'spring-run-2025' belongs to the client 'Stride Lab', not 'Maison "
        "Aurore': choose that client, or one of this client's campaigns",
        f"posts.csv{NB}: la campagne 'spring-run-2025' appartient au client 'Stride Lab', pas à "
        f"'Maison Aurore'{NB}: choisissez ce client, ou l'une des campagnes de ce client",
    ),
    (
        "posts.csv: this file would move 12000 posts from the campaign 'Spring' of the client "
        "\"L'Atelier\" to the campaign 'Autumn' of the client 'Stride Lab'; they belong to one "
        "client, so nothing was loaded",
        f"posts.csv{NB}: ce fichier déplacerait 12{NNB}000 publications de la campagne 'Spring' "
        "du client \"L'Atelier\" vers la campagne 'Autumn' du client 'Stride Lab'"
        f"{NB}; elles appartiennent à un seul client, donc rien n'a été chargé",
    ),
    (
        "ads.csv: this file would move 1 ad rows from the campaign 'A' of the client 'B' to the "
        "campaign 'C' of the client 'D' (and 2 more to other campaigns); they belong to one "
        "client, so nothing was loaded",
        f"ads.csv{NB}: ce fichier déplacerait 1 ligne de publicité de la campagne 'A' du client "
        "'B' vers la campagne 'C' du client 'D' (et 2 autres vers d'autres campagnes)"
        f"{NB}; elles appartiennent à un seul client, donc rien n'a été chargé",
    ),
]

ROW_REASONS = [
    ("expected a whole number, found 'lots'", f"attendu{NB}: un nombre entier, trouvé{NB}: 'lots'"),
    ("expected a date, found 'not a date'", f"attendu{NB}: une date, trouvé{NB}: 'not a date'"),
    (
        'expected a percentage, found "12 \'pc"',
        f'attendu{NB}: un pourcentage, trouvé{NB}: "12 \'pc"',
    ),
    ("expected yes or no, found 'peut-être'", f"attendu{NB}: oui ou non, trouvé{NB}: 'peut-être'"),
    ("a value is required here", "une valeur est obligatoire ici"),
    (
        "not a data row (expected number of columns: 8 found: 1): 'Exported from YouTube Studio'",
        f"pas une ligne de données (colonnes attendues{NB}: 8, trouvées{NB}: 1){NB}: "
        "'Exported from YouTube Studio'",
    ),
    (
        "'1e308' is out of range for a whole number",
        "'1e308' dépasse les limites pour un nombre entier",
    ),
    (
        "views cannot be negative, found '-746088'",
        f"valeur négative impossible pour views, trouvé{NB}: '-746088'",
    ),
    (
        "positive rate cannot be above 100 %, found '141.5'",
        f"positive rate ne peut pas dépasser 100 %, trouvé{NB}: '141.5'",
    ),
    (
        "group 'panel B' is neither exposed nor control (name its labels in the mapping's groups)",
        "le groupe 'panel B' n'est ni exposé ni témoin (indiquez ses libellés dans les groupes "
        "de la correspondance)",
    ),
    (
        "2 comments name a post Sillage does not know yet: they are kept and count for that post "
        "once its export is loaded",
        f"2 commentaires désignent une publication que Sillage ne connaît pas encore{NB}: ils "
        "sont gardés et compteront pour cette publication dès que son export sera chargé",
    ),
    (
        "positive responses (150) exceed respondents (100)",
        "réponses positives (150) supérieures au nombre de répondants (100)",
    ),
    (
        "'1e308' is out of range for a number",
        "'1e308' dépasse les limites pour un nombre",
    ),
    (
        "posting date 2099-01-01 is outside 2000–2027",
        "date de publication 2099-01-01 hors de la période 2000–2027",
    ),
    (
        "9 fields where the header has 8 (quote a value that holds the separator): 'a2,Great, but'",
        f"9 champs alors que l'en-tête en compte 8 (mettez entre guillemets une valeur qui "
        f"contient le séparateur){NB}: 'a2,Great, but'",
    ),
    (
        "unquoted value: Value with unterminated quote found.",
        f"valeur mal délimitée par des guillemets{NB}: Value with unterminated quote found.",
    ),
]

NOTES = [
    (
        "2 respondents had a group Sillage does not know and were left out (groups: "
        "exposed/control; say which labels mean which in the mapping's groups)",
        "2 répondants avaient un groupe que Sillage ne connaît pas et ont été écartés (groupes"
        f"{NB}: exposed/control{NB}; indiquez quels libellés désignent quel groupe dans les "
        "groupes de l'association)",
    ),
    (
        "1 rows repeated an earlier row of this file and were merged into it",
        "1 ligne répétait une ligne précédente de ce fichier et y a été fusionnée",
    ),
    (
        "12000 rows repeated an earlier row of this file and were merged into it",
        f"12{NNB}000 lignes répétaient une ligne précédente de ce fichier et y ont été fusionnées",
    ),
    (
        "3 answers had a group or question Sillage does not know and were left out (groups: "
        "exposed/control; questions: ad_recall, awareness, consideration, favorability, "
        "purchase_intent)",
        "3 réponses avaient un groupe ou une question que Sillage ne connaît pas et ont été "
        f"écartées (groupes{NB}: exposed/control{NB}; questions{NB}: ad_recall, awareness, "
        "consideration, favorability, purchase_intent)",
    ),
    (
        "Question columns are found by name: ad_recall_yes / ad_recall_no, or ad_recall.",
        f"Les colonnes de questions sont trouvées par leur nom{NB}: ad_recall_yes / "
        "ad_recall_no, ou ad_recall.",
    ),
]

PROGRESS = [
    ("waiting", "en attente"),
    ("keeping a copy of the file", "copie du fichier"),
    (
        "recognised YouTube Studio — Table data",
        f"format reconnu{NB}: YouTube Studio — Table data",
    ),
    ("reading rows", "lecture des lignes"),
    ("checking rows", "vérification des lignes"),
    ("writing rows", "écriture des lignes"),
    ("done", "terminé"),
    (
        "Expects a number. Usually headed “Views”, “Video views”.",
        f"Valeur attendue{NB}: un nombre. Colonne souvent intitulée “Views”, “Video views”.",
    ),
    ("Expects a date and time.", f"Valeur attendue{NB}: une date et une heure."),
]


# Every message the ingest writes, by kind: refusals, row reasons, notes, progress and mapping hints.
MESSAGES = {"refusal": REFUSALS, "row_reason": ROW_REASONS, "note": NOTES, "progress": PROGRESS}


@pytest.mark.parametrize(
    ("english_text", "french_text"),
    [
        pytest.param(english, french, id=f"{kind}-{number}")
        for kind, pairs in MESSAGES.items()
        for number, (english, french) in enumerate(pairs)
    ],
)
def test_each_message_in_french(french: None, english_text: str, french_text: str) -> None:
    assert ingest_messages.translate(english_text) == french_text


@pytest.mark.parametrize(
    "text",
    [
        "a message nobody wrote a pattern for",
        "a message; with a part nobody knows",
        "posts.csv: a refusal nobody wrote a pattern for",
        "expected a colour, found 'red'",
    ],
)
def test_an_unknown_message_is_shown_as_written(french: None, text: str) -> None:
    assert ingest_messages.translate(text) == text


def test_known_parts_of_a_joined_message_are_translated(french: None) -> None:
    assert ingest_messages.translate("done; something new") == f"terminé{NB}; something new"


@pytest.mark.parametrize("text", [english for pairs in MESSAGES.values() for english, _ in pairs])
def test_english_is_left_byte_for_byte(english: None, text: str) -> None:
    assert ingest_messages.translate(text) == text
    assert ingest_messages.translate(None) is None


def _result() -> IngestResult:
    return IngestResult(
        file="table.csv",
        errors=[
            RowError(5, "Views", "expected a whole number, found 'lots'"),
            RowError(7, None, "a reason nobody wrote a pattern for"),
        ],
    )


def test_the_errors_table_in_english_is_as_written(english: None) -> None:
    assert upload.errors_frame(_result(), 10).to_dict("records") == [
        {"Line": 5, "Column": "Views", "Reason": "expected a whole number, found 'lots'"},
        {"Line": 7, "Column": "", "Reason": "a reason nobody wrote a pattern for"},
    ]


def test_the_errors_table_in_french(french: None) -> None:
    assert upload.errors_frame(_result(), 10).to_dict("records") == [
        {
            "Ligne": 5,
            "Colonne": "Views",
            "Motif": f"attendu{NB}: un nombre entier, trouvé{NB}: 'lots'",
        },
        {"Ligne": 7, "Colonne": "", "Motif": "a reason nobody wrote a pattern for"},
    ]


def test_progress_bar_text(monkeypatch: pytest.MonkeyPatch) -> None:
    job = upload.Job("Bilan: Q3.csv", Assignment(), message="reading rows")
    monkeypatch.setattr(ingest_messages, "language", lambda: "en")
    assert upload._bar_text(job) == "Bilan: Q3.csv · reading rows"
    monkeypatch.setattr(ingest_messages, "language", lambda: "fr")
    assert upload._bar_text(job) == "Bilan: Q3.csv · lecture des lignes"
    job.result = IngestResult(file=job.file_name, refused="Bilan: Q3.csv: the file is empty")
    assert upload._bar_text(job) == "Bilan: Q3.csv · non chargé"


def _load(db_path: Path, name: str, data: bytes, messages: list[str]) -> IngestResult:
    def progress(_: float, message: str) -> None:
        messages.append(message)

    return ingest_stream(db_path, name, io.BytesIO(data), len(data), ASSIGNMENT, progress)


def test_what_the_ingest_writes_for_broken_files_has_a_pattern(db_path: Path, french: None) -> None:
    good = "a1,One,2026-09-01,60,1000,3,1,10"
    files = {
        "table.csv": (
            f"{YOUTUBE_HEADER}\n{good}\n{good}\n"
            "a2,Two,not a date,60,lots,6,1,20\n"
            ",Three,2026-09-03,60,5,6,1,20\n"
            "Exported from YouTube Studio on 2026-10-01\n"
        ).encode(),
        "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "empty.csv": b"",
        "one column.csv": b"just one line of text without separators\n",
        "unknown.csv": b"Clip URL,Plays,Hearts\nhttps://x/1,5,1\n",
        "survey.csv": (
            b"campaign,respondent_id,group,question,answer\n"
            b"Messages,r1,exposed,ad_recall,yes\n"
            b"Messages,r2,martians,ad_recall,yes\n"
        ),
    }
    written: list[str] = []
    for name, data in files.items():
        result = _load(db_path, name, data, written)
        written += [result.refused or "", *result.notes, *(e.reason for e in result.errors)]
    written = [w for w in dict.fromkeys(written) if w]
    # One of each family, so that a silent change of wording shows here.
    assert any(w.startswith("report.pdf: this is a PDF") for w in written), written
    assert any("merged into it" in w for w in written), written
    assert any(w.startswith("not a data row") for w in written), written
    assert "a value is required here" in written
    assert any("is neither exposed nor control" in w for w in written), written
    assert "checking rows" in written and "done" in written
    untranslated = [w for w in written if ingest_messages.translate(w) == w]
    assert untranslated == []
    english_left = re.compile(r"\b(the|this|rows?|expected|found|file|not|was)\b")
    for text in written:
        french_text = ingest_messages.translate(text) or ""
        # File names and format labels are kept as written, and may hold English words.
        for kept in [*files, *(fmt.label for fmt in FORMATS)]:
            french_text = french_text.replace(kept, "")
        # Values quoted from the file are kept as written.
        assert not english_left.search(re.sub(r"'[^']*'", "", french_text)), french_text


@pytest.fixture
def widgets_formatted_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest formats the page's widget values outside the script run, where the URL (and so
    ``?lang=fr``) cannot be read: there, and only there, the language is French."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    real = i18n.language
    monkeypatch.setattr(i18n, "language", lambda: "fr" if get_script_run_ctx() is None else real())


def french_upload_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "fr"
    return at.run()


def shown(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def load_into_the_first_campaign(at: AppTest, files) -> AppTest:
    """Upload ``files`` to the demo's first client and campaign, chosen by hand, and load."""
    at.file_uploader[0].set_value(files)
    at.run()
    client = next(s for s in at.selectbox if s.label == "Client")
    client.set_value(client.options[0]).run()
    campaign = next(s for s in at.selectbox if s.label == "Campagne")
    campaign.set_value(next(o for o in campaign.options if not o.startswith("::"))).run()
    load = next(b for b in at.button if b.label.startswith("Charger "))
    assert not load.disabled
    return load.click().run()


def test_a_rejected_row_shows_its_french_reason_and_line(
    demo: Path, widgets_formatted_in_french: None
) -> None:
    tiktok = (DATA / "app_tiktok.csv").read_bytes()
    at = load_into_the_first_campaign(french_upload_page(), ("vidéos.csv", tiktok, "text/csv"))
    assert not at.exception, [e.value for e in at.exception]
    assert "#### vidéos.csv" in [shown(m.value) for m in at.markdown]
    assert at.dataframe[0].value.to_dict("records") == [
        {
            "Ligne": 4,
            "Colonne": "Total likes",
            "Motif": f"attendu{NB}: un nombre entier, trouvé{NB}: 'abc'",
        }
    ]


def test_a_refused_file_keeps_its_name_in_french(
    demo: Path, widgets_formatted_in_french: None
) -> None:
    name = "Bilan d'été: v2 (final)_*.pdf"
    pdf = (name, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
    at = french_upload_page()
    at.file_uploader[0].set_value(pdf)
    at.run()
    first_look = "\n".join(shown(m.value) for m in at.markdown)
    assert "sera refusé : c'est un document PDF, pas un fichier CSV" in first_look

    at = load_into_the_first_campaign(at, pdf)
    assert not at.exception, [e.value for e in at.exception]
    assert [shown(e.value) for e in at.error] == [
        f"Non chargé. {name}{NB}: c'est un document PDF, pas un fichier CSV"
    ]
