"""The ingest's messages are codes with typed fields, written in English and in French.

Every family of message (refusal, rejected-row reason, note, skipped reason, progress, mapping
hint, a mapping file's error) is checked against its exact English text (what ``sillage ingest``
prints and the database stores, unchanged) and its exact French text; every message code of the catalogue renders in
English, French and the pseudo-language with all its fields filled; what the ingest really writes
for broken files is a message, French through and through; rejected rows stored in the database
keep their code and fields and are written again in French; and the Upload page run by AppTest
on ``?lang=fr`` shows a French refusal and a French rejected row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import string
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import cli
from i18n import catalogue
from i18n.messages import Message
from ingest import Assignment, IngestResult, ingest_stream
from ingest.errors import MappingError, RowError
from ingest.formats import FORMATS, FORMATS_BY_NAME
from ingest.loader import READER_ERRORS, _nothing_loaded, _reader_reason
from ingest.mapping import Mapping
from ingest.parsing import negative_reason, post_date_reason, unreadable_reason
from ingest.sniff import detect_encoding
from ui import i18n, upload

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
    monkeypatch.setattr(i18n, "language", lambda: "fr")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "language", lambda: "en")


def refused(file: str, code: str, **fields) -> Message:
    """A refusal as the loader writes it: the file's name, then why."""
    return Message("ingest.refused", file=file, reason=Message(code, **fields))


def not_csv(head: bytes) -> Message:
    """The message the sniff raises for a file that starts with ``head``."""
    with pytest.raises(ValueError) as raised:
        detect_encoding(head)
    return raised.value.args[0]


def move(what: str, n: int, more: int = 0, **names: str) -> Message:
    others = Message("ingest.moved_elsewhere", n=more) if more else ""
    return Message(f"ingest.move_{what}", n=n, others=others, **names)


SPRING_TO_AUTUMN = {
    "campaign_was": "Spring",
    "client_was": "L'Atelier",
    "campaign_now": "Autumn",
    "client_now": "Stride Lab",
}
A_TO_C = {"campaign_was": "A", "client_was": "B", "campaign_now": "C", "client_now": "D"}

# (message, its English as before, its French)
REFUSALS = [
    (
        Message("ingest.too_large", file="big export.csv", size=1.3, limit=1.0),
        "big export.csv is 1.3 MiB; the limit is 1 MiB (setting SILLAGE_MAX_UPLOAD_MB)",
        f"big export.csv pèse 1,3 Mio{NB}; la limite est de 1 Mio (réglage SILLAGE_MAX_UPLOAD_MB)",
    ),
    (
        Message("ingest.too_large_kept", file="huge.csv", size=1234.5, limit=1000.0),
        "huge.csv is 1234.5 MiB; the limit is 1000 MiB",
        f"huge.csv pèse 1{NNB}234,5 Mio{NB}; la limite est de 1{NNB}000 Mio",
    ),
    (
        Message("ingest.refused", file="report.pdf", reason=not_csv(b"%PDF-1.7\n")),
        "report.pdf: this is a PDF document, not a CSV file",
        f"report.pdf{NB}: c'est un document PDF, pas un fichier CSV",
    ),
    (
        Message("ingest.refused", file="book.xlsx", reason=not_csv(b"PK\x03\x04rest")),
        "book.xlsx: this is a zip archive or an Excel workbook (save it as CSV first), not a CSV "
        "file",
        f"book.xlsx{NB}: c'est une archive zip ou un classeur Excel (enregistrez-le d'abord au "
        "format CSV), pas un fichier CSV",
    ),
    (
        Message("ingest.refused", file="upload.bin", reason=not_csv(b"\x00\x01\x00\x02\x03\x00")),
        "upload.bin: this is a binary file, not a CSV file",
        f"upload.bin{NB}: c'est un fichier binaire, pas un fichier CSV",
    ),
    (
        refused("odd.csv", "ingest.not_text"),
        "odd.csv: this file is not text in any encoding Sillage knows",
        f"odd.csv{NB}: ce fichier n'est pas du texte dans un encodage que Sillage connaît",
    ),
    (
        refused("empty.csv", "ingest.empty"),
        "empty.csv: the file is empty",
        f"empty.csv{NB}: le fichier est vide",
    ),
    (
        refused("vidéos.csv", "ingest.mixed_encoding", line=3),
        "vidéos.csv: line 3 is not UTF-8 while the rest of the file is: the file mixes two "
        "encodings; save it again as UTF-8 and load it again",
        f"vidéos.csv{NB}: la ligne 3 n'est pas en UTF-8 alors que le reste du fichier l'est{NB}: "
        f"le fichier mélange deux encodages{NB}; enregistrez-le de nouveau en UTF-8 et "
        "chargez-le à nouveau",
    ),
    (
        refused("blank.csv", "ingest.blank"),
        "blank.csv: the file holds only blank space",
        f"blank.csv{NB}: le fichier ne contient que des blancs",
    ),
    (
        refused("sep.csv", "ingest.no_header"),
        "sep.csv: the file has no header row",
        f"sep.csv{NB}: le fichier n'a pas de ligne d'en-tête",
    ),
    (
        refused("notes.txt", "ingest.no_header_row"),
        "notes.txt: no header row with at least two columns was found in the first line",
        f"notes.txt{NB}: aucune ligne d'en-tête d'au moins deux colonnes n'a été trouvée en "
        "première ligne",
    ),
    (
        refused("live.csv", "ingest.changed"),
        "live.csv: the file changed while it was being loaded",
        f"live.csv{NB}: le fichier a changé pendant son chargement",
    ),
    (
        refused("Plays: Q3.csv", "ingest.unknown_format", headers=["Clip URL", "Plays", "Hearts"]),
        "Plays: Q3.csv: no known export format has these columns; map them once and Sillage will "
        "remember: Clip URL, Plays, Hearts",
        f"Plays: Q3.csv{NB}: aucun format d'export connu n'a ces colonnes{NB}; associez-les une "
        f"fois et Sillage s'en souviendra{NB}: Clip URL, Plays, Hearts",
    ),
    (
        refused(
            "clips.csv",
            "ingest.near_miss",
            label="TikTok — video list",
            lacking=["Video link"],
            headers=["Video title", "Likes"],
        ),
        "clips.csv: this looks like TikTok — video list, but no column gives Video link; map "
        "them once and Sillage will remember: Video title, Likes",
        f"clips.csv{NB}: cela ressemble à TikTok — video list, mais aucune colonne ne donne "
        f"Video link{NB}; associez-les une fois et Sillage s'en souviendra{NB}: Video title, Likes",
    ),
    (
        refused("clips.csv", "ingest.mapping_unmapped", fields=["url", "likes"]),
        "clips.csv: the column mapping leaves required fields unmapped: url, likes",
        f"clips.csv{NB}: l'association de colonnes laisse des champs obligatoires sans "
        f"colonne{NB}: url, likes",
    ),
    (
        refused(
            "bad.csv", "ingest.csv_unreadable", error="Invalid Input Error: CSV Error on Line: 3"
        ),
        "bad.csv: the file could not be read as CSV (Invalid Input Error: CSV Error on Line: 3)",
        f"bad.csv{NB}: le fichier n'a pas pu être lu comme un CSV (Invalid Input Error: CSV "
        "Error on Line: 3)",
    ),
    (
        refused("bad.csv", "ingest.load_failed", error="Out of Memory Error: failed; retry"),
        "bad.csv: the file could not be loaded (Out of Memory Error: failed; retry); nothing "
        "from it was stored",
        f"bad.csv{NB}: le fichier n'a pas pu être chargé (Out of Memory Error: failed; retry)"
        f"{NB}; rien n'en a été enregistré",
    ),
    (
        refused(
            "big.csv",
            "ingest.load_failed_when",
            when=Message("ingest.when.reading"),
            error="Permission denied",
        ),
        "big.csv: the file could not be loaded while reading the file (Permission denied); "
        "nothing from it was stored",
        f"big.csv{NB}: le fichier n'a pas pu être chargé pendant la lecture du fichier "
        f"(Permission denied){NB}; rien n'en a été enregistré",
    ),
    (
        refused("posts.csv", "ingest.campaign_unknown", campaign="Rentrée 2026"),
        "posts.csv: campaign 'Rentrée 2026' does not exist yet: name its client (--client) to "
        "create it",
        f"posts.csv{NB}: la campagne 'Rentrée 2026' n'existe pas encore{NB}: indiquez son client "
        "(--client) pour la créer",
    ),
    (
        refused("posts.csv", "ingest.campaign_ambiguous", campaign="L'été"),
        'posts.csv: several clients have a campaign called "L\'été": name the client (--client)',
        f'posts.csv{NB}: plusieurs clients ont une campagne nommée "L\'été"{NB}: indiquez le '
        "client (--client)",
    ),
    (
        refused("survey.csv", "ingest.needs_campaign"),
        "survey.csv: these rows need a campaign: choose one (--campaign) or add a campaign column",
        f"survey.csv{NB}: ces lignes ont besoin d'une campagne{NB}: choisissez-en une "
        "(--campaign) ou ajoutez une colonne de campagne",
    ),
    (
        refused("posts.csv", "ingest.internal_error", error="KeyError: 'x'"),
        "posts.csv: Sillage stopped on an internal error while loading it (KeyError: 'x'). A "
        "file loads in one transaction: either all of its rows are in the database or none.",
        f"posts.csv{NB}: Sillage s'est arrêté sur une erreur interne pendant son chargement "
        f"(KeyError: 'x'). Un fichier se charge en une seule transaction{NB}: soit toutes ses "
        "lignes sont dans la base, soit aucune.",
    ),
    (
        refused("posts.csv", "ingest.stopped"),
        "posts.csv: the load stopped before it finished; load the file again (a file loads "
        "whole or not at all).",
        f"posts.csv{NB}: le chargement s'est arrêté avant la fin{NB}; chargez le fichier à "
        "nouveau (un fichier se charge en entier ou pas du tout).",
    ),
    (
        refused("overview.csv", "ingest.no_account"),
        "overview.csv: this export does not say which account it is about: name the account's "
        "handle (--creator HANDLE)",
        f"overview.csv{NB}: cet export ne dit pas de quel compte il s'agit{NB}: indiquez le nom "
        "du compte (--creator HANDLE)",
    ),
    (
        refused("survey.csv", "ingest.mapping_missing_columns", headers=["Response ID"]),
        "survey.csv: the column mapping names columns this file does not have: Response ID",
        f"survey.csv{NB}: l'association de colonnes cite des colonnes que ce fichier n'a "
        f"pas{NB}: Response ID",
    ),
    (
        refused("survey.csv", "ingest.mapped_for_group", group="control"),
        "survey.csv: these columns were mapped before for a file of control answers only: map "
        "this file again and say which group it holds",
        f"survey.csv{NB}: ces colonnes ont déjà été associées pour un fichier de réponses du seul "
        f"groupe témoin{NB}: associez ce fichier à nouveau et indiquez quel groupe il contient",
    ),
    # The Upload page's first look shows the sniff's refusal without a file name.
    (
        not_csv(b"\x89PNG\r\n"),
        "this is a PNG image, not a CSV file",
        "c'est une image PNG, pas un fichier CSV",
    ),
    (
        refused(
            "posts.csv",
            "ingest.campaign_of_another_client",
            campaign="spring-run-2025",
            owner="Stride Lab",
            client="Maison Aurore",
        ),
        "posts.csv: campaign 'spring-run-2025' belongs to the client 'Stride Lab', not 'Maison "
        "Aurore': choose that client, or one of this client's campaigns",
        f"posts.csv{NB}: la campagne 'spring-run-2025' appartient au client 'Stride Lab', pas à "
        f"'Maison Aurore'{NB}: choisissez ce client, ou l'une des campagnes de ce client",
    ),
    (
        Message(
            "ingest.refused", file="posts.csv", reason=move("posts", 12000, **SPRING_TO_AUTUMN)
        ),
        "posts.csv: this file would move 12000 posts from the campaign 'Spring' of the client "
        "\"L'Atelier\" to the campaign 'Autumn' of the client 'Stride Lab'; they belong to one "
        "client, so nothing was loaded",
        f"posts.csv{NB}: ce fichier déplacerait 12{NNB}000 publications de la campagne 'Spring' "
        "du client \"L'Atelier\" vers la campagne 'Autumn' du client 'Stride Lab'"
        f"{NB}; elles appartiennent à un seul client, donc rien n'a été chargé",
    ),
    (
        Message("ingest.refused", file="ads.csv", reason=move("ad_rows", 1, more=2, **A_TO_C)),
        "ads.csv: this file would move 1 ad rows from the campaign 'A' of the client 'B' to the "
        "campaign 'C' of the client 'D' (and 2 more to other campaigns); they belong to one "
        "client, so nothing was loaded",
        f"ads.csv{NB}: ce fichier déplacerait 1 ligne de publicité de la campagne 'A' du client "
        "'B' vers la campagne 'C' du client 'D' (et 2 autres vers d'autres campagnes)"
        f"{NB}; elle appartient à un seul client, donc rien n'a été chargé",
    ),
]

TODAY = dt.date(2026, 10, 2)

ROW_REASONS = [
    (
        unreadable_reason("int", "lots"),
        "expected a whole number, found 'lots'",
        f"attendu{NB}: un nombre entier, trouvé{NB}: 'lots'",
    ),
    (
        unreadable_reason("date", "not a date"),
        "expected a date, found 'not a date'",
        f"attendu{NB}: une date, trouvé{NB}: 'not a date'",
    ),
    (
        unreadable_reason("rate", "12 'pc"),
        'expected a percentage, found "12 \'pc"',
        f'attendu{NB}: un pourcentage, trouvé{NB}: "12 \'pc"',
    ),
    (
        unreadable_reason("bool", "peut-être"),
        "expected yes or no, found 'peut-être'",
        f"attendu{NB}: oui ou non, trouvé{NB}: 'peut-être'",
    ),
    (Message("ingest.row.required"), "a value is required here", "une valeur est obligatoire ici"),
    (
        _reader_reason(
            "MISSING COLUMNS",
            "Expected Number of Columns: 8 Found: 1. Hint: check the separator",
            "Exported from YouTube Studio",
        ),
        "not a data row (expected number of columns: 8 found: 1): 'Exported from YouTube Studio'",
        f"pas une ligne de données (colonnes attendues{NB}: 8, trouvées{NB}: 1){NB}: "
        "'Exported from YouTube Studio'",
    ),
    (
        unreadable_reason("int", "1e308"),
        "'1e308' is out of range for a whole number",
        "'1e308' dépasse les limites pour un nombre entier",
    ),
    (
        negative_reason("views", " -746088 "),
        "views cannot be negative, found '-746088'",
        f"valeur négative impossible pour views, trouvé{NB}: '-746088'",
    ),
    (
        Message("ingest.row.above_all", field="positive rate", value="141.5"),
        "positive rate cannot be above 100 %, found '141.5'",
        f"positive rate ne peut pas dépasser 100{NB}%, trouvé{NB}: '141.5'",
    ),
    (
        Message("ingest.row.group", value="panel B"),
        "group 'panel B' is neither exposed nor control (name its labels in the mapping's groups)",
        "le groupe 'panel B' n'est ni exposé ni témoin (indiquez ses libellés dans les groupes "
        "de l'association)",
    ),
    (
        Message("ingest.row.exceeds", positive="150", respondents="100"),
        "positive responses (150) exceed respondents (100)",
        "réponses positives (150) supérieures au nombre de répondants (100)",
    ),
    (
        unreadable_reason("float", "1e308"),
        "'1e308' is out of range for a number",
        "'1e308' dépasse les limites pour un nombre",
    ),
    (
        post_date_reason(dt.date(2099, 1, 1), TODAY),
        "posting date 2099-01-01 is outside 2000–2027",
        "date de publication 2099-01-01 hors de la période 2000–2027",
    ),
    (
        _reader_reason(
            "TOO MANY COLUMNS", "Expected Number of Columns: 8 Found: 9", "a2,Great, but"
        ),
        "9 fields where the header has 8 (quote a value that holds the separator): 'a2,Great, but'",
        f"9 champs alors que l'en-tête en compte 8 (mettez entre guillemets une valeur qui "
        f"contient le séparateur){NB}: 'a2,Great, but'",
    ),
    (
        _reader_reason("UNQUOTED VALUE", "Value with unterminated quote found.\nmore", ""),
        "unquoted value: Value with unterminated quote found.",
        f"valeur mal délimitée par des guillemets{NB}: Value with unterminated quote found.",
    ),
    (
        _reader_reason("SOMETHING NEW", "A reader error Sillage has no words for", ""),
        "something new: A reader error Sillage has no words for",
        f"something new{NB}: A reader error Sillage has no words for",
    ),
]

NOTES = [
    (
        Message("ingest.note.unknown_respondents", n=2),
        "2 respondents had a group Sillage does not know and were left out (groups: "
        "exposed/control; say which labels mean which in the mapping's groups)",
        "2 répondants avaient un groupe que Sillage ne connaît pas et ont été écartés (groupes"
        f"{NB}: exposé/témoin{NB}; indiquez quels libellés désignent quel groupe dans les "
        "groupes de l'association)",
    ),
    (
        Message("ingest.note.merged", n=1),
        "1 rows repeated an earlier row of this file and were merged into it",
        "1 ligne répétait une ligne précédente de ce fichier et y a été fusionnée",
    ),
    (
        Message("ingest.note.merged", n=12000),
        "12000 rows repeated an earlier row of this file and were merged into it",
        f"12{NNB}000 lignes répétaient une ligne précédente de ce fichier et y ont été fusionnées",
    ),
    (
        Message(
            "ingest.note.unknown_answers",
            n=3,
            questions="ad_recall, awareness, consideration, favorability, purchase_intent",
        ),
        "3 answers had a group or question Sillage does not know and were left out (groups: "
        "exposed/control; questions: ad_recall, awareness, consideration, favorability, "
        "purchase_intent)",
        "3 réponses avaient un groupe ou une question que Sillage ne connaît pas et ont été "
        f"écartées (groupes{NB}: exposé/témoin{NB}; questions{NB}: ad_recall, awareness, "
        "consideration, favorability, purchase_intent)",
    ),
    (
        Message("ingest.note.unknown_comments", n=2),
        "2 comments name a post Sillage does not know yet: they are kept and count for that post "
        "once its export is loaded",
        f"2 commentaires désignent une publication que Sillage ne connaît pas encore{NB}: ils "
        "sont gardés et compteront pour cette publication dès que son export sera chargé",
    ),
    (
        _nothing_loaded(IngestResult(file="t.csv", rows_read=1234, rows_rejected=1, rows_merged=5)),
        "nothing was loaded: of the file's 1,234 rows, 1 rejected, 5 merged into an earlier row",
        f"rien n'a été chargé{NB}: sur les 1{NNB}234 lignes du fichier, 1 rejetée, 5 fusionnées "
        "avec une ligne précédente",
    ),
    (
        FORMATS_BY_NAME["survey_respondents"].notes,
        "Question columns are found by name: ad_recall_yes / ad_recall_no, or ad_recall.",
        f"Les colonnes de questions sont trouvées par leur nom{NB}: ad_recall_yes / "
        "ad_recall_no, ou ad_recall.",
    ),
]

SKIPPED = [
    (Message("ingest.skip.totals"), "totals row", "ligne de totaux"),
    (Message("ingest.skip.undated"), "ad row without dates", "ligne de publicité sans dates"),
    (
        Message("ingest.skip.no_answer"),
        "respondent with no answer",
        "répondant sans aucune réponse",
    ),
]


def hint(name: str) -> Message:
    """The mapping screen's hint of a field of YouTube's table export."""
    return next(f.help for f in upload.mapping_fields("youtube_table") if f.name == name)


PROGRESS = [
    (Message("ingest.progress.waiting"), "waiting", "en attente"),
    (Message("ingest.progress.copying"), "keeping a copy of the file", "copie du fichier"),
    (
        Message("ingest.progress.recognised", label="YouTube Studio — Table data"),
        "recognised YouTube Studio — Table data",
        f"format reconnu{NB}: YouTube Studio — Table data",
    ),
    (Message("ingest.progress.reading"), "reading rows", "lecture des lignes"),
    (Message("ingest.progress.checking"), "checking rows", "vérification des lignes"),
    (Message("ingest.progress.writing"), "writing rows", "écriture des lignes"),
    (Message("ingest.progress.done"), "done", "terminé"),
    (
        hint("views"),
        "Expects a whole number. Usually headed “views”, “total views”.",
        f"Valeur attendue{NB}: un nombre entier. Colonne souvent intitulée “views”, “total views”.",
    ),
    (
        Message("ingest.hint", expected="type.timestamp"),
        "Expects a date and time.",
        f"Valeur attendue{NB}: une date et une heure.",
    ),
]


def mapping_error(data: dict) -> Message:
    """Why ``sillage ingest --mapping`` refuses a mapping file holding ``data``."""
    with pytest.raises(MappingError) as raised:
        Mapping.from_json(data)
    return raised.value.args[0]


MAPPING_ERRORS = [
    (
        mapping_error({"format": "youtube_table", "fields": {}, "values": {"as_of": "2026-13-01"}}),
        "\"values\": as_of must be a date as YYYY-MM-DD; found '2026-13-01'",
        f'"values"{NB}: as_of doit être une date au format AAAA-MM-JJ{NB}; trouvé{NB}: '
        "'2026-13-01'",
    ),
    (
        mapping_error(
            {
                "format": "survey_respondents",
                "fields": {},
                "questions": [{"metric": "awareness", "options": {"Yes": "maybe"}}],
            }
        ),
        '"questions" #1 (awareness): each option must be "positive" or "negative"; found \'maybe\'',
        f'"questions" #1 (awareness){NB}: chaque option doit valoir "positive" ou '
        f"\"negative\"{NB}; trouvé{NB}: 'maybe'",
    ),
    (
        mapping_error(
            {
                "format": "youtube_table",
                "fields": {},
                "groups": {"exposed": ["a"], "control": ["A"]},
            }
        ),
        "\"groups\": 'a' is listed in both groups",
        f"\"groups\"{NB}: 'a' figure dans les deux groupes",
    ),
]

# Every message the ingest writes, by kind: refusals, row reasons, notes, skipped reasons,
# progress, mapping hints and the errors of a mapping file.
MESSAGES = {
    "refusal": REFUSALS,
    "row_reason": ROW_REASONS,
    "note": NOTES,
    "skipped": SKIPPED,
    "progress": PROGRESS,
    "mapping": MAPPING_ERRORS,
}
CASES = [
    pytest.param(message, english, french, id=f"{kind}-{number}")
    for kind, cases in MESSAGES.items()
    for number, (message, english, french) in enumerate(cases)
]


@pytest.mark.parametrize(("message", "english_text", "french_text"), CASES)
def test_each_message_in_english_and_french(
    message: Message, english_text: str, french_text: str
) -> None:
    assert isinstance(message, Message)
    assert message == english_text  # the str the command line prints and the database keeps
    assert message.render("en") == english_text
    assert message.render("fr") == french_text


@pytest.mark.parametrize(("message", "english_text", "french_text"), CASES)
def test_the_interface_says_each_message_in_its_language(
    monkeypatch: pytest.MonkeyPatch, message: Message, english_text: str, french_text: str
) -> None:
    monkeypatch.setattr(i18n, "language", lambda: "fr")
    assert i18n.say(message) == french_text
    monkeypatch.setattr(i18n, "language", lambda: "en")
    assert i18n.say(message) == english_text


def test_text_that_is_no_message_is_shown_as_written(french: None) -> None:
    assert i18n.say("a message nobody wrote") == "a message nobody wrote"
    assert i18n.say(None) is None


INGEST_CODES = sorted(
    key for key in catalogue.entries("en") if key.startswith(("ingest.", "term.type."))
)


# A field left unfilled: {name}, {n:count}, {value!r}. (A mapping error quotes JSON braces.)
PLACEHOLDER = re.compile(r"\{[\w.]*(?:[:!][\w.]*)?\}")


def _kinds(code: str) -> dict[str, str]:
    """Each field of a code's templates (every language, every plural form) -> its spec."""
    found: dict[str, str] = {}
    for lang in catalogue.LANGUAGES:
        value = catalogue.entries(lang)[code]
        for text in value.values() if isinstance(value, dict) else [value]:
            for _, name, spec, conversion in string.Formatter().parse(text):
                if name:
                    found[name] = found.get(name) or spec or (conversion and "repr") or ""
    return found


def _sample(name: str, spec: str) -> object:
    """A value of the kind a template writes: counts, sizes, terms, and words elsewhere."""
    if spec in ("d", "count"):
        return 1234
    if spec in (".1f", ".0f") or spec.startswith("number"):
        return 1234.5
    if spec == "term":
        return "type.int" if name == "expected" else "control"
    return f"{name} value"


@pytest.mark.parametrize("code", INGEST_CODES)
@pytest.mark.parametrize("lang", [*catalogue.LANGUAGES, catalogue.PSEUDO])
def test_every_ingest_code_renders_with_all_its_fields(code: str, lang: str) -> None:
    fields = {name: _sample(name, spec) for name, spec in _kinds(code).items()}
    for n in (1, 2):  # both plural forms, where the code has them
        if "n" in fields:
            fields["n"] = n
        text = Message(code, **fields).render(lang)
        assert text and not PLACEHOLDER.search(text), text
        if lang == catalogue.PSEUDO:
            assert text.startswith(catalogue.OPEN_MARK) and text.endswith(catalogue.CLOSE_MARK)
        for name, value in fields.items():
            if isinstance(value, str) and not value.startswith(("type.", "control")):
                assert value in text, (code, lang, name)


def test_the_codes_the_ingest_builds_from_parts_are_in_the_catalogue() -> None:
    built = [
        *(f"ingest.row.reader.{kind.replace(' ', '_')}" for kind in READER_ERRORS),
        *(f"ingest.note.unknown_{what}" for what in ("respondents", "answers", "rows")),
        *(f"ingest.note.unknown_{what}" for what in ("comments", "exposures")),
        *(f"ingest.move_{what}" for what in ("posts", "ad_rows")),
        *(f"ingest.not_csv.{kind}" for kind in ("pdf", "png", "jpeg", "gif", "zip", "ole")),
    ]
    assert [code for code in built if not catalogue.has(code)] == []
    assert all(fmt.notes == "" or isinstance(fmt.notes, Message) for fmt in FORMATS)


def _result() -> IngestResult:
    return IngestResult(
        file="table.csv",
        errors=[
            RowError(5, "Views", unreadable_reason("int", "lots")),
            RowError(7, None, "a reason written before reasons had codes"),
        ],
    )


def test_the_errors_table_in_english_is_as_written(english: None) -> None:
    assert upload.errors_frame(_result(), 10).to_dict("records") == [
        {"Line": 5, "Column": "Views", "Reason": "expected a whole number, found 'lots'"},
        {"Line": 7, "Column": "", "Reason": "a reason written before reasons had codes"},
    ]


def test_the_errors_table_in_french(french: None) -> None:
    assert upload.errors_frame(_result(), 10).to_dict("records") == [
        {
            "Ligne": 5,
            "Colonne": "Views",
            "Motif": f"attendu{NB}: un nombre entier, trouvé{NB}: 'lots'",
        },
        {"Ligne": 7, "Colonne": "", "Motif": "a reason written before reasons had codes"},
    ]


def test_progress_bar_text(monkeypatch: pytest.MonkeyPatch) -> None:
    job = upload.Job("Bilan: Q3.csv", Assignment(), message=Message("ingest.progress.reading"))
    monkeypatch.setattr(i18n, "language", lambda: "en")
    assert upload._bar_text(job) == "Bilan: Q3.csv · reading rows"
    assert upload._bar_text(upload.Job("a.csv", Assignment())) == "a.csv · waiting"
    monkeypatch.setattr(i18n, "language", lambda: "fr")
    assert upload._bar_text(job) == "Bilan: Q3.csv · lecture des lignes"
    job.result = IngestResult(file=job.file_name, refused=refused(job.file_name, "ingest.empty"))
    assert upload._bar_text(job) == "Bilan: Q3.csv · non chargé"


def _load(db_path: Path, name: str, data: bytes, messages: list[str]) -> IngestResult:
    def progress(_: float, message: str) -> None:
        messages.append(message)

    return ingest_stream(db_path, name, io.BytesIO(data), len(data), ASSIGNMENT, progress)


BROKEN_TABLE = (
    f"{YOUTUBE_HEADER}\n"
    "a1,One,2026-09-01,60,1000,3,1,10\n"
    "a1,One,2026-09-01,60,1000,3,1,10\n"
    "a2,Two,not a date,60,lots,6,1,20\n"
    ",Three,2026-09-03,60,5,6,1,20\n"
    "Exported from YouTube Studio on 2026-10-01\n"
).encode()


def test_what_the_ingest_writes_for_broken_files_is_french_in_french(db_path: Path) -> None:
    files = {
        "table.csv": BROKEN_TABLE,
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
        written += list(result.skipped_reasons)
    written = [w for w in dict.fromkeys(written) if w]
    # One of each family, so that a silent change of wording shows here.
    assert any(w.startswith("report.pdf: this is a PDF") for w in written), written
    assert any("merged into it" in w for w in written), written
    assert any(w.startswith("not a data row") for w in written), written
    assert "a value is required here" in written
    assert any("is neither exposed nor control" in w for w in written), written
    assert "checking rows" in written and "done" in written
    assert [w for w in written if not isinstance(w, Message)] == []
    english_left = re.compile(r"\b(the|this|rows?|expected|found|file|not|was)\b")
    for text in written:
        french_text = text.render("fr")
        # File names and format labels are kept as written, and may hold English words.
        for kept in [*files, *(fmt.label for fmt in FORMATS)]:
            french_text = french_text.replace(kept, "")
        # Values quoted from the file are kept as written.
        assert not english_left.search(re.sub(r"'[^']*'", "", french_text)), french_text


def test_a_stored_rejected_row_is_written_again_in_french(db_path: Path, french: None) -> None:
    result = _load(db_path, "table.csv", BROKEN_TABLE, [])
    with duckdb.connect(str(db_path), read_only=True) as connection:
        (errors,) = connection.execute(
            "SELECT errors FROM uploads WHERE upload_id = ?", [result.upload_id]
        ).fetchone()
    stored = json.loads(errors)
    # The stored reason stays the English sentence; its code and fields sit beside it.
    unreadable = next(e for e in stored if e["column"] == "Views")
    assert unreadable == {
        "line": 4,
        "column": "Views",
        "reason": "expected a whole number, found 'lots'",
        "code": "ingest.row.unreadable",
        "fields": {"expected": "type.int", "value": "lots"},
    }
    assert [{k: e[k] for k in ("line", "column", "reason")} for e in stored] == [
        e.as_dict() for e in result.errors
    ]
    # An upload stored before reasons had codes keeps its English.
    stored.append({"line": 9, "column": "Likes", "reason": "an older reason"})
    frame = upload.stored_errors_frame(stored).to_dict("records")
    assert {
        "Ligne": 4,
        "Colonne": "Views",
        "Motif": f"attendu{NB}: un nombre entier, trouvé{NB}: 'lots'",
    } in frame
    assert frame[-1] == {"Ligne": 9, "Colonne": "Likes", "Motif": "an older reason"}


def _ingest_json(tmp_path: Path, *lang: str) -> dict:
    """What ``sillage ingest`` prints for the broken table, on a fresh database."""
    path = tmp_path / "table.csv"
    path.write_bytes(BROKEN_TABLE)
    database = tmp_path / f"sillage{'-'.join(lang)}.duckdb"
    argv = ["ingest", str(path), "--db", str(database), "--campaign", "Messages"]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        cli.main([*argv, "--client", "Client", "--creator", "tester", *lang])
    return json.loads(out.getvalue())


def test_sillage_ingest_writes_its_sentences_in_french_when_asked(tmp_path: Path) -> None:
    english, french = _ingest_json(tmp_path), _ingest_json(tmp_path, "--lang", "fr")
    assert english["notes"] == [
        "1 rows repeated an earlier row of this file and were merged into it"
    ]
    assert french["notes"] == [
        "1 ligne répétait une ligne précédente de ce fichier et y a été fusionnée"
    ]
    assert [(e["line"], e["column"], e["reason"]) for e in english["errors"]] == [
        (4, "Video publish time", "expected a date, found 'not a date'"),
        (4, "Views", "expected a whole number, found 'lots'"),
        (5, "Content", "a value is required here"),
        (
            6,
            None,
            "not a data row (expected number of columns: 8 found: 1): "
            "'Exported from YouTube Studio on 2026-10-01'",
        ),
    ]
    assert [(e["line"], e["column"], e["reason"]) for e in french["errors"]] == [
        (4, "Video publish time", f"attendu{NB}: une date, trouvé{NB}: 'not a date'"),
        (4, "Views", f"attendu{NB}: un nombre entier, trouvé{NB}: 'lots'"),
        (5, "Content", "une valeur est obligatoire ici"),
        (
            6,
            None,
            f"pas une ligne de données (colonnes attendues{NB}: 8, trouvées{NB}: 1){NB}: "
            "'Exported from YouTube Studio on 2026-10-01'",
        ),
    ]
    # Everything else is the same JSON, key for key.
    same = {k: v for k, v in english.items() if k not in ("notes", "errors")}
    assert same == {k: v for k, v in french.items() if k not in ("notes", "errors")}
    assert english["rows_read"] == 5 and english["rows_rejected"] == 3


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
