"""Messages written by ``ingest`` (refusals, rejected-row reasons, notes, progress) in the
interface language.

The ingest writes its messages in English, and ``sillage ingest`` prints them that way (SPEC
§6). The Upload page shows them in the interface language: on the French interface each known
sentence is a pattern with a French template, as ``ui.reasons`` does for ``metrics``. What the
user wrote stays as written (file names, column headers, cell values with their quotes, campaign
names, DuckDB's own messages); counts and sizes are written the French way (1 234, 1,3 Mio). A
message without a pattern is shown as written, so a new one stays visible rather than lost. The
English interface always shows the text exactly as the ingest wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd

from ui.i18n import language, number
from ui.reasons import Template, compile_patterns, french_number, match_sentence

NBSP = "\u00a0"

# ``ingest.parsing.type_label``: what a column expects.
TYPE_LABELS: dict[str, str] = {
    "a whole number": "un nombre entier",
    "a number": "un nombre",
    "a percentage": "un pourcentage",
    "a duration": "une durée",
    "a date": "une date",
    "a date and time": "une date et une heure",
    "yes or no": "oui ou non",
    "text": "du texte",
}

# ``ingest.sniff``: what a file is when it is not a CSV.
NOT_CSV: dict[str, str] = {
    "a PDF document": "un document PDF",
    "a PNG image": "une image PNG",
    "a JPEG image": "une image JPEG",
    "a GIF image": "une image GIF",
    "a zip archive or an Excel workbook (save it as CSV first)": (
        "une archive zip ou un classeur Excel (enregistrez-le d'abord au format CSV)"
    ),
    "an old Excel or Word document (save it as CSV first)": (
        "un ancien document Excel ou Word (enregistrez-le d'abord au format CSV)"
    ),
    "a binary file": "un fichier binaire",
}

# DuckDB's CSV reader error types, lower-cased by ``ingest.loader._reader_reason``.
READER_ERRORS: dict[str, str] = {
    "cast": "conversion impossible",
    "unquoted value": "valeur mal délimitée par des guillemets",
    "line size over maximum": "ligne trop longue",
    "invalid unicode": "caractères illisibles dans l'encodage du fichier",
    "invalid encoding": "caractères illisibles dans l'encodage du fichier",
    "invalid state": "structure CSV illisible",
}

# Column headings of the rejected-rows table (``ui.upload.errors_frame``).
ERROR_COLUMNS: dict[str, str] = {"Line": "Ligne", "Column": "Colonne", "Reason": "Motif"}

# A cell or a line as Python's ``repr`` quotes it: 'abc', or "it's" when it holds a quote.
_QUOTED = r"(?:'.*'|\".*\")"
# The same, when a message quotes several names.
_NAME = r"(?:'.*?'|\".*?\")"


def _one_of(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _fr(template: str) -> str:
    """French spacing in a template: a no-break space before ":", ";", "?" and "!".

    Applied to the template before its groups are filled in, so user text keeps its spaces.
    """
    return re.sub(r" ([:;?!])", NBSP + r"\1", template)


def _group(name: str, value: str | None) -> str:
    """A captured group in French, by its name: ``n`` count or size, ``type`` a type label,
    ``what`` a kind of file, ``kind`` a reader error; anything else is user text, kept."""
    if value is None:
        return ""
    if name.startswith("n"):
        # The ingest writes counts and sizes without grouping ("12000", "1234.5").
        plain = re.fullmatch(r"\d+(?:\.(\d+))?", value)
        if plain is None:
            return french_number(value)
        return number(float(value), len(plain.group(1) or ""), lang="fr")
    if name == "type":
        return TYPE_LABELS.get(value, value)
    if name == "what":
        return NOT_CSV.get(value, value)
    if name == "kind":
        return READER_ERRORS.get(value, value)
    return value


def _plural(one: str, other: str, count: str = "n") -> Callable[[dict[str, str]], str]:
    """A template in the singular for 0 and 1 (as French counts them), else in the plural."""

    def template(groups: dict[str, str]) -> str:
        chosen = one if groups[count] in ("0", "1") else other
        return _fr(chosen).format(**groups)

    return template


def _optional(base: str, extra: str, group: str) -> Callable[[dict[str, str]], str]:
    """``base``, followed by ``extra`` when the optional ``group`` matched."""

    def template(groups: dict[str, str]) -> str:
        return _fr(base + (extra if groups[group] else "")).format(**groups)

    return template


# Why ``ingest`` refuses a whole file (``FileRefused`` and its kinds). The loader writes them
# after the file's name ("name.csv: …"); the Upload page's first look shows them alone.
_REFUSALS: tuple[tuple[str, str], ...] = (
    # ingest.sniff
    (rf"this is (?P<what>{_one_of(NOT_CSV)}), not a CSV file", "c'est {what}, pas un fichier CSV"),
    (
        r"this file is not text in any encoding Sillage knows",
        "ce fichier n'est pas du texte dans un encodage que Sillage connaît",
    ),
    (r"the file is empty", "le fichier est vide"),
    (
        r"line (?P<line>\d+) is not UTF-8 while the rest of the file is: the file mixes two "
        r"encodings; save it again as UTF-8 and load it again",
        _fr(
            "la ligne {line} n'est pas en UTF-8 alors que le reste du fichier l'est : le fichier "
            "mélange deux encodages ; enregistrez-le de nouveau en UTF-8 et chargez-le à nouveau"
        ),
    ),
    (r"the file holds only blank space", "le fichier ne contient que des blancs"),
    (r"the file has no header row", "le fichier n'a pas de ligne d'en-tête"),
    (
        r"no header row with at least two columns was found in the first line",
        "aucune ligne d'en-tête d'au moins deux colonnes n'a été trouvée en première ligne",
    ),
    # ingest.loader
    (r"the file changed while it was being loaded", "le fichier a changé pendant son chargement"),
    (
        r"the column mapping leaves required fields unmapped: (?P<fields>.+)",
        "l'association de colonnes laisse des champs obligatoires sans colonne : {fields}",
    ),
    (
        r"the column mapping names columns this file does not have: (?P<headers>.+)",
        "l'association de colonnes cite des colonnes que ce fichier n'a pas : {headers}",
    ),
    (
        r"the column mapping names no survey question: list the questions and their positive "
        r"answers \(\"questions\"\)",
        "l'association de colonnes ne cite aucune question d'enquête : indiquez les questions et "
        'leurs réponses positives ("questions")',
    ),
    (
        r"this looks like (?P<label>.+?), but no column gives (?P<fields>.+?); map them once and "
        r"Sillage will remember: (?P<headers>.*)",
        "cela ressemble à {label}, mais aucune colonne ne donne {fields} ; associez-les une fois "
        "et Sillage s'en souviendra : {headers}",
    ),
    (
        r"these columns were mapped before for a file of (?P<group>exposed|control) answers "
        r"only: map this file again and say which group it holds",
        "ces colonnes ont déjà été associées pour un fichier de réponses du seul groupe {group} : "
        "associez ce fichier à nouveau et indiquez quel groupe il contient",
    ),
    (
        r"no known export format has these columns; map them once and Sillage will remember: "
        r"(?P<headers>.*)",
        "aucun format d'export connu n'a ces colonnes ; associez-les une fois et Sillage s'en "
        "souviendra : {headers}",
    ),
    (
        r"the file could not be read as CSV \((?P<error>.*)\)",
        "le fichier n'a pas pu être lu comme un CSV ({error})",
    ),
    # ingest.writers
    (
        rf"several clients have a campaign called (?P<campaign>{_QUOTED}): name the client "
        r"\(--client\)",
        "plusieurs clients ont une campagne nommée {campaign} : indiquez le client (--client)",
    ),
    (
        rf"campaign (?P<campaign>{_QUOTED}) does not exist yet: name its client \(--client\) to "
        r"create it",
        "la campagne {campaign} n'existe pas encore : indiquez son client (--client) pour la créer",
    ),
    (
        r"this export does not say which account it is about: name the account's handle "
        r"\(--creator HANDLE\)",
        "cet export ne dit pas de quel compte il s'agit : indiquez le nom du compte "
        "(--creator HANDLE)",
    ),
    (
        r"these rows need a campaign: choose one \(--campaign\) or add a campaign column",
        "ces lignes ont besoin d'une campagne : choisissez-en une (--campaign) ou ajoutez une "
        "colonne de campagne",
    ),
    (
        rf"campaign (?P<campaign>{_NAME}) belongs to the client (?P<owner>{_NAME}), not "
        rf"(?P<client>{_NAME}): choose that client, or one of this client's campaigns",
        "la campagne {campaign} appartient au client {owner}, pas à {client} : choisissez ce "
        "client, ou l'une des campagnes de ce client",
    ),
)

# ``ingest.writers._refuse_moves``: rows that would pass from one client to another.
_MOVE = (
    rf"this file would move (?P<n>\d+) {{what}} from the campaign (?P<from_campaign>{_NAME}) of "
    rf"the client (?P<from_client>{_NAME}) to the campaign (?P<to_campaign>{_NAME}) of the "
    rf"client (?P<to_client>{_NAME})(?: \(and (?P<nmore>\d+) more to other campaigns\))?; they "
    r"belong to one client, so nothing was loaded"
)


def _move(one: str, other: str) -> Callable[[dict[str, str]], str]:
    """A refused move in French, with the count of rows bound for other campaigns, if any."""

    def template(groups: dict[str, str]) -> str:
        what = one if groups["n"] in ("0", "1") else other
        more = f" (et {groups['nmore']} autres vers d'autres campagnes)" if groups["nmore"] else ""
        return _fr(
            f"ce fichier déplacerait {{n}} {what} de la campagne {{from_campaign}} du client "
            f"{{from_client}} vers la campagne {{to_campaign}} du client {{to_client}}{more} ; "
            "elles appartiennent à un seul client, donc rien n'a été chargé"
        ).format(**groups)

    return template


_MOVES: tuple[tuple[str, Template], ...] = (
    (_MOVE.format(what="posts"), _move("publication", "publications")),
    (_MOVE.format(what="ad rows"), _move("ligne de publicité", "lignes de publicité")),
)

_PATTERNS: tuple[tuple[str, Template], ...] = (
    # ingest.loader: the size limit, checked before anything else
    (
        r"(?P<file>.+) is (?P<nsize>[\d.]+) MiB; the limit is (?P<nlimit>[\d.]+) MiB"
        r"(?P<setting> \(setting SILLAGE_MAX_UPLOAD_MB\))?",
        _optional(
            "{file} pèse {nsize} Mio ; la limite est de {nlimit} Mio",
            " (réglage SILLAGE_MAX_UPLOAD_MB)",
            "setting",
        ),
    ),
    (
        r"(?P<file>.+?): the file could not be loaded \((?P<error>.*)\); nothing from it was "
        r"stored",
        _fr("{file} : le fichier n'a pas pu être chargé ({error}) ; rien n'en a été enregistré"),
    ),
    *((rf"(?P<file>.+?): {p}", _fr("{file} : " + t)) for p, t in _REFUSALS),
    *((p, _fr(t)) for p, t in _REFUSALS),
    *(
        (rf"(?P<file>.+?): {p}", lambda groups, t=t: _fr("{file} : ").format(**groups) + t(groups))
        for p, t in _MOVES
    ),
    *_MOVES,
    # ui.upload: a load that did not end normally
    (
        r"(?P<file>.+?): Sillage stopped on an internal error while loading it \((?P<error>.*)\)\. "
        r"A file loads in one transaction: either all of its rows are in the database or none\.",
        _fr(
            "{file} : Sillage s'est arrêté sur une erreur interne pendant son chargement "
            "({error}). Un fichier se charge en une seule transaction : soit toutes ses lignes "
            "sont dans la base, soit aucune."
        ),
    ),
    (
        r"(?P<file>.+?): the load stopped before it finished; load the file again \(a file loads "
        r"whole or not at all\)\.",
        _fr(
            "{file} : le chargement s'est arrêté avant la fin ; chargez le fichier à nouveau (un "
            "fichier se charge en entier ou pas du tout)."
        ),
    ),
    # ingest.loader: why a row was rejected (RowError.reason)
    (
        rf"expected (?P<type>{_one_of(TYPE_LABELS)}), found (?P<value>{_QUOTED})",
        _fr("attendu : {type}, trouvé : {value}"),
    ),
    (r"a value is required here", "une valeur est obligatoire ici"),
    (
        rf"(?P<value>{_QUOTED}) is out of range for (?P<type>{_one_of(TYPE_LABELS)})",
        _fr("{value} dépasse les limites pour {type}"),
    ),
    (
        rf"(?P<field>[a-z ]+) cannot be negative, found (?P<value>{_QUOTED})",
        _fr("valeur négative impossible pour {field}, trouvé : {value}"),
    ),
    (
        r"(?P<count>\d+) comments name a post Sillage does not know yet: they are kept and count "
        r"for that post once its export is loaded",
        _fr(
            "{count} commentaires désignent une publication que Sillage ne connaît pas encore : "
            "ils sont gardés et compteront pour cette publication dès que son export sera chargé"
        ),
    ),
    (
        r"(?P<count>\d+) exposures name a post Sillage does not know yet: they are kept and count "
        r"for that post once its export is loaded",
        _fr(
            "{count} expositions désignent une publication que Sillage ne connaît pas encore : "
            "elles sont gardées et compteront pour cette publication dès que son export sera chargé"
        ),
    ),
    (
        rf"group (?P<value>{_QUOTED}) is neither exposed nor control \(name its labels in the "
        r"mapping's groups\)",
        _fr(
            "le groupe {value} n'est ni exposé ni témoin (indiquez ses libellés dans les groupes "
            "de la correspondance)"
        ),
    ),
    (
        rf"(?P<field>[a-z ]+) cannot be above 100 %, found (?P<value>{_QUOTED})",
        _fr("{field} ne peut pas dépasser 100 %, trouvé : {value}"),
    ),
    (
        r"positive responses \((?P<positive>[^)]*)\) exceed respondents \((?P<total>[^)]*)\)",
        _fr("réponses positives ({positive}) supérieures au nombre de répondants ({total})"),
    ),
    (
        r"posting date (?P<date>\S+) is outside (?P<first>\d{4})–(?P<last>\d{4})",
        _fr("date de publication {date} hors de la période {first}–{last}"),
    ),
    (
        rf"(?P<nfound>\d+) fields where the header has (?P<nexpected>\d+) \(quote a value that "
        rf"holds the separator\): (?P<line>{_QUOTED})",
        _fr(
            "{nfound} champs alors que l'en-tête en compte {nexpected} (mettez entre guillemets "
            "une valeur qui contient le séparateur) : {line}"
        ),
    ),
    (
        rf"not a data row \(expected number of columns: (?P<nexpected>\d+) found: "
        rf"(?P<nfound>\d+)\): (?P<line>{_QUOTED})",
        _fr(
            "pas une ligne de données (colonnes attendues : {nexpected}, trouvées : {nfound}) : {line}"
        ),
    ),
    (
        rf"not a data row \((?P<detail>.+?)\): (?P<line>{_QUOTED})",
        _fr("pas une ligne de données ({detail}) : {line}"),
    ),
    (rf"(?P<kind>{_one_of(READER_ERRORS)}): (?P<message>.*)", _fr("{kind} : {message}")),
    # ingest.writers: notes
    (
        r"(?P<n>\d+) rows repeated an earlier row of this file and were merged into it",
        _plural(
            "{n} ligne répétait une ligne précédente de ce fichier et y a été fusionnée",
            "{n} lignes répétaient une ligne précédente de ce fichier et y ont été fusionnées",
        ),
    ),
    (
        r"(?P<n>\d+) rows had a group or question Sillage does not know and were left out "
        r"\(groups: (?P<groups>[^;]*); questions: (?P<questions>[^)]*)\)",
        _plural(
            "{n} ligne avait un groupe ou une question que Sillage ne connaît pas et a été "
            "écartée (groupes : {groups} ; questions : {questions})",
            "{n} lignes avaient un groupe ou une question que Sillage ne connaît pas et ont été "
            "écartées (groupes : {groups} ; questions : {questions})",
        ),
    ),
    (
        r"(?P<n>\d+) respondents had a group Sillage does not know and were left out "
        r"\(groups: (?P<groups>[^;]*); say which labels mean which in the mapping's groups\)",
        _plural(
            "{n} répondant avait un groupe que Sillage ne connaît pas et a été écarté "
            "(groupes : {groups} ; indiquez quels libellés désignent quel groupe dans les "
            "groupes de l'association)",
            "{n} répondants avaient un groupe que Sillage ne connaît pas et ont été écartés "
            "(groupes : {groups} ; indiquez quels libellés désignent quel groupe dans les "
            "groupes de l'association)",
        ),
    ),
    (
        r"(?P<n>\d+) answers had a group or question Sillage does not know and were left out "
        r"\(groups: (?P<groups>[^;]*); questions: (?P<questions>[^)]*)\)",
        _plural(
            "{n} réponse avait un groupe ou une question que Sillage ne connaît pas et a été "
            "écartée (groupes : {groups} ; questions : {questions})",
            "{n} réponses avaient un groupe ou une question que Sillage ne connaît pas et ont été "
            "écartées (groupes : {groups} ; questions : {questions})",
        ),
    ),
    # ingest.loader: progress
    (r"recognised (?P<label>.+)", _fr("format reconnu : {label}")),
    # ui.upload: the hint of a field on the column mapping screen
    (
        rf"Expects (?P<type>{_one_of(TYPE_LABELS)})\.(?: Usually headed (?P<usual>.+)\.)?",
        _optional("Valeur attendue : {type}.", " Colonne souvent intitulée {usual}.", "usual"),
    ),
)

_COMPILED = compile_patterns(_PATTERNS)

# Messages written whole: progress steps and the notes of ``ingest.formats``.
FIXED: dict[str, str] = {
    # ingest.loader progress, and the job states of ui.upload
    "waiting": "en attente",
    "keeping a copy of the file": "copie du fichier",
    "reading rows": "lecture des lignes",
    "checking rows": "vérification des lignes",
    "writing rows": "écriture des lignes",
    "done": "terminé",
    "loaded": "chargé",
    "not loaded": "non chargé",
    # ingest.writers: why rows were skipped (IngestResult.skipped_reasons)
    "totals row": "ligne de totaux",
    "respondent with no answer": "répondant sans aucune réponse",
    # ingest.formats notes, shown on the column mapping screen
    "Rows from influencer platforms: who posted what for which campaign, and the fee.": _fr(
        "Lignes des plateformes d'influence : qui a publié quoi, pour quelle campagne, et la "
        "rémunération."
    ),
    "Question columns are found by name: ad_recall_yes / ad_recall_no, or ad_recall.": _fr(
        "Les colonnes de questions sont trouvées par leur nom : ad_recall_yes / ad_recall_no, ou "
        "ad_recall."
    ),
    "Posts without an id get one from a hash of their mapped values.": (
        "Les publications sans id en reçoivent un, tiré d'une empreinte de leurs valeurs associées."
    ),
}


def _sentence(text: str) -> str | None:
    fixed = FIXED.get(text)
    return fixed if fixed is not None else match_sentence(text, _COMPILED, _group)


def translate(text: str | None) -> str | None:
    """``text`` written by the ingest in the interface language; unknown messages unchanged.

    A message is matched whole first (several hold a "; " of their own); failing that, its
    parts joined with "; " are translated one by one, and joined the French way when one is.
    """
    if not text or language() != "fr":
        return text
    whole = _sentence(text)
    if whole is not None:
        return whole
    parts = text.split("; ")
    translated = [_sentence(part) for part in parts]
    if all(t is None for t in translated):
        return text
    return f"{NBSP}; ".join(
        part if t is None else t for part, t in zip(parts, translated, strict=True)
    )


def error_table(table: pd.DataFrame) -> pd.DataFrame:
    """The rejected-rows table in the interface language: reasons and headings; values kept."""
    if language() != "fr":
        return table
    reasons = table["Reason"].map(lambda r: translate(r) if isinstance(r, str) else r)
    return table.assign(Reason=reasons).rename(columns=ERROR_COLUMNS)
