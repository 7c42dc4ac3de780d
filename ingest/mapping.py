"""A user's column mapping: which header feeds which field, file-wide values, survey questions.

One mapping is saved per file layout (the ``column_mappings`` table, keyed by the header
signature) as the JSON of ``Mapping.as_json``, and the same JSON is what ``sillage ingest
--mapping MAP.json`` reads and ``sillage mapping export`` prints (docs/mapping.md)::

    {"format": "survey_respondents",
     "fields": {"respondent_id": "auction_id", "group": "experiment"},
     "values": {"campaign": "spring-2026"},
     "groups": {"exposed": ["exposed", "test", "1"], "control": ["control", "holdout", "0"]},
     "questions": [
       {"metric": "awareness", "options": {"yes": "positive", "no": "negative"}},
       {"metric": "consideration", "column": "Would you consider buying X?",
        "positive": ["Very likely", "Likely"]}]}

The helpers here serve the mapping screen and the command line alike: columns suggested by
name, the fields a format still needs once file-wide values are given, the distinct answers of
a column, and the headers that read as survey questions.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from i18n.messages import Message
from ingest.errors import MappingError
from ingest.formats import FORMATS_BY_NAME, QUESTIONS, normalise_header, question_key
from ingest.sniff import python_codec, sniff
from store.uploads import saved_mapping_rows

# ad_recall, awareness, consideration, favorability, purchase_intent; preference, top_of_mind,
# repurchase_intent
METRICS = QUESTIONS
VALUE_KEYS = ("campaign", "client", "platform", "creator", "as_of", "group", "wave")
GROUPS = ("exposed", "control")
OPTION_ROLES = ("positive", "negative")
PLATFORMS = ("instagram", "tiktok", "youtube", "facebook", "snapchat", "x", "linkedin", "other")
# Keys of a saved mapping's JSON that describe it and are not part of it.
INFORMATIONAL_KEYS = ("signature", "saved_at")

# Which file-wide value stands in for which field when the file lacks the column.
VALUE_FIELDS = {
    "platform": ("platform",),
    "creator": ("handle",),
    "campaign": ("campaign_ref", "campaign_name"),
    "group": ("group",),
}

# The fields a format needs once mapped: what the metrics read, not everything its detection
# asks for. A field a file-wide value stands in for is dropped by ``needed_fields``.
MAPPING_REQUIRED: dict[str, tuple[str, ...]] = {
    "youtube_table": ("native_id",),
    "youtube_chart": ("metric_date", "native_id"),
    "tiktok_videos": ("url",),
    "tiktok_overview": ("metric_date",),
    "tiktok_viewers": ("metric_date",),
    "instagram_content": ("native_id", "handle"),
    "creator_posts": ("platform", "handle"),
    "meta_ads": ("date_start", "date_end"),
    "survey_responses": ("respondent_id", "group", "question"),
    "survey_respondents": ("respondent_id", "group"),
    "survey_results": ("question", "group", "respondents"),
    "google_brand_lift": (
        "question",
        "exposed_rate",
        "control_rate",
        "exposed_respondents",
        "control_respondents",
    ),
    "comments": ("text", "created_at"),
    "exposures": ("person_id", "exposed_at"),
    "posts_generic": (),
}

# Fields of which at least one must be mapped (a count or a rate of positive answers).
ONE_OF: dict[str, tuple[tuple[str, ...], ...]] = {
    "survey_results": (("positive_count", "positive_rate"),),
}

# Header names seen in the wild for each canonical field, beyond the formats' own en/fr names.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "native_id": (
        "post id", "id", "post_id", "content id", "media id", "identifiant", "id publication",
        "identifiant de la publication", "id de la publication",
    ),
    "handle": (
        "creator", "creator handle", "influencer", "handle", "username", "user name", "account",
        "account username", "instagram handle", "tiktok handle", "createur", "influenceur",
        "pseudo", "compte", "nom d'utilisateur",
    ),
    "platform": ("platform", "network", "social network", "channel", "plateforme", "reseau", "reseau social"),
    "posted_at": (
        "posted at", "post date", "publish time", "published", "published at",
        "publication date", "date de publication", "publie le", "heure de publication",
        # Last: Meta Business Suite's "Date" column holds the period ("Lifetime"), not a time.
        "date",
    ),
    "url": ("url", "link", "post url", "post link", "permalink", "lien", "lien permanent"),
    "caption": ("caption", "text", "description", "message", "legende", "texte"),
    "format": ("format", "type", "post type", "media type", "content type", "type de publication"),
    "cost": ("cost", "fee", "fees", "price", "budget", "cout", "tarif", "remuneration", "cachet"),
    "followers": ("followers", "follower count", "abonnes", "nombre d'abonnes"),
    "campaign_ref": ("campaign", "campaign name", "campaign id", "campagne", "nom de la campagne"),
    "respondent_id": (
        "respondent id", "respondent", "response id", "responseid", "id", "user id", "panelist id",
        "auction id", "id du repondant", "identifiant", "repondant", "panel id", "id panel",
        "identifiant panel", "participant id", "participant",
        # Typeform: "#" is the response, "Network ID" the device it came from.
        "#", "network id",
    ),
    "group": (
        "group", "groupe", "experiment", "cell", "condition", "arm", "test group", "exposure",
        "exposure group", "audience", "cellule", "experience",
    ),
    "responded_at": (
        "timestamp", "horodateur", "submitted at", "submit date", "submit date (utc)",
        "end date", "date submitted", "recorded date", "responded at", "date de reponse",
    ),
    "weight": ("weight", "poids", "ponderation"),
    "wave": ("wave", "survey wave", "tracking wave", "wave label", "vague", "vague d'enquete"),
    "survey_date": (
        "survey date", "wave date", "fieldwork date", "date de l'enquete", "date d'enquete",
        "date de la vague", "date du sondage",
    ),
    "exposures": ("exposures", "impressions seen", "frequency", "expositions"),
    "question": ("question", "metric", "indicateur", "kpi"),
    "respondents": ("respondents", "sample size", "n", "base", "repondants", "effectif"),
    "positive_count": ("positive responses", "positive answers", "positives", "reponses positives"),
    "positive_rate": ("positive rate", "rate", "share positive", "taux", "taux positif"),
    "views": ("views", "video views", "plays", "vues", "lectures"),
    "impressions": ("impressions", "impressions totales"),
    "reach": ("reach", "accounts reached", "couverture", "portee", "comptes touches"),
    "likes": ("likes", "like", "j'aime", "mentions j'aime", "hearts"),
    "comments": ("comments", "comment", "commentaires"),
    "shares": ("shares", "share", "partages"),
    "saves": ("saves", "saved", "enregistrements"),
    "clicks": ("clicks", "link clicks", "clics", "clics sur un lien"),
    "text": ("comment", "text", "comment text", "commentaire", "texte", "message"),
    "author": ("author", "username", "user", "auteur", "nom d'utilisateur"),
    "created_at": ("date", "created at", "comment time", "timestamp", "date du commentaire"),
}  # fmt: skip

# Words of a full-sentence survey question that say which metric it measures, in the order
# they are tried: "Would you consider buying X?" is consideration, not purchase intent.
QUESTION_WORDS: tuple[tuple[str, str], ...] = (
    ("ad_recall", r"\b(seen|saw|see|noticed?|remember|recall)\b.*\b(ad|ads|advert|advertis\w*|video|post)\b"),
    ("ad_recall", r"\b(vu|remarque|souvenez|souvenir|rappelez)\b.*\b(pub|publicite|publicites|annonce|video|publication)\b"),
    ("ad_recall", r"\b(ad recall|memorisation)\b"),
    ("top_of_mind", r"\b(first|premiere?)\b.*\b(brand|marque)\b.*\b(mind|esprit|think|pensez)\b"),
    ("top_of_mind", r"\b(top of mind|spontaneously|spontanement)\b"),
    ("repurchase_intent", r"\b(buy\w* again|purchase\w* again|repurchas\w*|racheter|rachat|rachet\w*)\b"),
    ("consideration", r"\b(consider\w*|envisag\w*|consider\w*)\b"),
    ("purchase_intent", r"\b(buy|purchase|acheter|achat|acheteriez)\b"),
    ("preference", r"\b(prefer\w*|favou?rite|preferee?|preferez)\b"),
    ("favorability", r"\b(opinion|favou?rab\w*|feel about|impression of|perception|apprec\w*|aimez)\b"),
    ("awareness", r"\b(heard|aware\w*|familiar|know|connaissez|connais\w*|entendu parler|notoriete)\b"),
)  # fmt: skip


@dataclass(frozen=True)
class Question:
    """One survey question of a one-row-per-respondent file, and which answers are positive.

    ``options``: one-hot flag columns (header -> "positive" | "negative"); a true cell means the
    respondent chose that option. ``column`` + ``positive``: a text or scale column whose listed
    answers are positive, other answers negative and blanks no answer.
    """

    metric: str
    options: dict[str, str] | None = None
    column: str | None = None
    positive: tuple[str, ...] = ()

    def headers(self) -> tuple[str, ...]:
        return (*(self.options or {}), *((self.column,) if self.column else ()))

    def as_json(self) -> dict:
        data: dict = {"metric": self.metric}
        if self.options:
            data["options"] = dict(self.options)
        if self.column:
            data["column"] = self.column
            data["positive"] = list(self.positive)
        return data


@dataclass(frozen=True)
class Mapping:
    """A file layout mapped onto one format: columns, file-wide values, groups and questions."""

    format: str
    fields: dict[str, str]
    values: dict[str, str] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()

    @classmethod
    def from_json(cls, data: dict) -> Mapping:
        """A mapping from its JSON; ``MappingError`` names the key and what is wrong with it."""
        if not isinstance(data, dict):
            raise MappingError(Message("ingest.mapping.not_object"))
        known = {"format", "fields", "values", "groups", "questions", *INFORMATIONAL_KEYS}
        unknown = sorted(set(data) - known)
        if unknown:
            raise MappingError(Message("ingest.mapping.unknown_key", entry=unknown[0]))
        name = data.get("format")
        if not isinstance(name, str) or name not in FORMATS_BY_NAME:
            formats = ", ".join(FORMATS_BY_NAME)
            raise MappingError(Message("ingest.mapping.bad_format", formats=formats, found=name))
        fmt = FORMATS_BY_NAME[name]
        fields = _string_map(data.get("fields", {}), "fields")
        names = [f.name for f in fmt.fields]
        for key in fields:
            if key not in names:
                raise MappingError(
                    Message(
                        "ingest.mapping.no_such_field",
                        format=name,
                        entry=key,
                        fields=", ".join(names),
                    )
                )
        values = _string_map(data.get("values", {}), "values")
        for key, value in values.items():
            if key not in VALUE_KEYS:
                raise MappingError(
                    Message("ingest.mapping.unknown_value", entry=key, keys=", ".join(VALUE_KEYS))
                )
            if not value.strip():
                raise MappingError(Message("ingest.mapping.empty_value", entry=key))
        if "as_of" in values:
            try:
                dt.date.fromisoformat(values["as_of"])
            except ValueError:
                raise MappingError(
                    Message("ingest.mapping.bad_as_of", found=values["as_of"])
                ) from None
        if "group" in values and values["group"].strip().lower() not in GROUPS:
            raise MappingError(Message("ingest.mapping.bad_group_value", found=values["group"]))
        groups = _groups(data.get("groups", {}))
        questions = _questions(data.get("questions", []))
        if questions and fmt.kind != "survey_wide":
            raise MappingError(Message("ingest.mapping.questions_not_wide", format=name))
        return cls(name, fields, values, groups, questions)

    def as_json(self) -> dict:
        data: dict = {"format": self.format, "fields": dict(self.fields)}
        if self.values:
            data["values"] = dict(self.values)
        if self.groups:
            data["groups"] = {key: list(labels) for key, labels in self.groups.items()}
        if self.questions:
            data["questions"] = [q.as_json() for q in self.questions]
        return data

    def headers(self) -> tuple[str, ...]:
        """Every header the mapping reads, fields first, then the questions' columns."""
        seen = dict.fromkeys(self.fields.values())
        for question in self.questions:
            seen.update(dict.fromkeys(question.headers()))
        return tuple(seen)


def _string_map(value, key: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise MappingError(Message("ingest.mapping.not_text_map", entry=key))
    for name, text in value.items():
        if not isinstance(text, str):
            raise MappingError(Message("ingest.mapping.not_text", entry=key, name=name, found=text))
    return dict(value)


def _groups(value) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise MappingError(Message("ingest.mapping.groups_not_object"))
    groups: dict[str, tuple[str, ...]] = {}
    for key, labels in value.items():
        if key not in GROUPS:
            raise MappingError(Message("ingest.mapping.unknown_group", entry=key))
        if isinstance(labels, str):
            labels = [labels]
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(x, str) for x in labels)
        ):
            raise MappingError(Message("ingest.mapping.group_labels", entry=key))
        groups[key] = tuple(labels)
    if len(groups) == 2:
        shared = {_fold(x) for x in groups["exposed"]} & {_fold(x) for x in groups["control"]}
        if shared:
            raise MappingError(Message("ingest.mapping.both_groups", label=sorted(shared)[0]))
    return groups


def _questions(value) -> tuple[Question, ...]:
    if not isinstance(value, list):
        raise MappingError(Message("ingest.mapping.questions_not_list"))
    questions = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise MappingError(Message("ingest.mapping.question_not_object", number=number))
        unknown = sorted(set(item) - {"metric", "options", "column", "positive"})
        if unknown:
            raise MappingError(
                Message("ingest.mapping.question_unknown_key", number=number, entry=unknown[0])
            )
        metric = item.get("metric")
        if metric not in METRICS:
            metrics = ", ".join(METRICS)
            raise MappingError(
                Message(
                    "ingest.mapping.question_metric", number=number, metrics=metrics, found=metric
                )
            )

        def wrong(code: str, number: int = number, metric: str = metric, **fields) -> MappingError:
            return MappingError(Message(code, number=number, metric=metric, **fields))

        options = item.get("options")
        column = item.get("column")
        positive = item.get("positive", [])
        if options is None and column is None:
            raise wrong("ingest.mapping.question_needs")
        if options is not None:
            options = _string_map(options, f"questions #{number} options")
            bad = [role for role in options.values() if role not in OPTION_ROLES]
            if not options or bad:
                if bad:
                    raise wrong("ingest.mapping.option_roles_found", found=bad[0])
                raise wrong("ingest.mapping.option_roles")
        if isinstance(positive, str):
            positive = [positive]
        if column is not None:
            if not isinstance(column, str) or not column:
                raise wrong("ingest.mapping.question_column")
            if not isinstance(positive, list) or not positive:
                raise wrong("ingest.mapping.question_positive", column=column)
            if not all(isinstance(x, str | int | float) for x in positive):
                raise wrong("ingest.mapping.question_positive_text")
        elif positive:
            raise wrong("ingest.mapping.question_positive_column")
        questions.append(Question(metric, options, column, tuple(str(x) for x in positive)))
    return tuple(questions)


def _fold(text: str) -> str:
    """The comparison form of a label or answer: as ``normalise_header``, underscores as spaces."""
    return normalise_header(str(text)).replace("_", " ")


def _names(text: str) -> str:
    return re.sub(r"[\s_\-.]+", " ", _fold(text)).strip()


def suggest(format_name: str, headers: list[str]) -> dict[str, str]:
    """Field -> header for the fields whose usual names match a header of the file.

    Matching ignores case, accents, underscores and hyphens, and knows each field's English and
    French names and common synonyms; each header feeds at most one field.
    """
    fmt = FORMATS_BY_NAME[format_name]
    by_name: dict[str, str] = {}
    for header in headers:
        by_name.setdefault(_names(header), header)
    found: dict[str, str] = {}
    used: set[str] = set()
    # Exact own names first (every field), then synonyms, so a format's own header wins.
    for pass_names in (
        lambda fld: (*fld.en, *fld.fr, fld.name),
        lambda fld: SYNONYMS.get(fld.name, ()),
    ):
        for fld in fmt.fields:
            if fld.name in found:
                continue
            for name in pass_names(fld):
                header = by_name.get(_names(name))
                if header is not None and header not in used:
                    found[fld.name] = header
                    used.add(header)
                    break
    return {fld.name: found[fld.name] for fld in fmt.fields if fld.name in found}


def needed_fields(format_name: str, values: dict[str, str]) -> tuple[str, ...]:
    """The fields a mapping of this format must give a column, once ``values`` are given.

    Also needed, for some formats, is one field of each group of ``one_of(format_name)``.
    """
    given = {f for key in values for f in VALUE_FIELDS.get(key, ())}
    return tuple(f for f in MAPPING_REQUIRED.get(format_name, ()) if f not in given)


def one_of(format_name: str) -> tuple[tuple[str, ...], ...]:
    """Groups of fields of which a mapping must give at least one (e.g. a count or a rate)."""
    return ONE_OF.get(format_name, ())


def answer_values(path: Path, header: str, limit: int = 50) -> list[tuple[str, int]]:
    """The distinct answers of one column over the whole file, most frequent first, with counts.

    Blank cells are left out. The file is read as the loader reads it (encoding, separator and
    preamble sniffed from its first bytes).
    """
    sniffed = sniff(path)
    if header not in sniffed.headers:
        raise MappingError(Message("ingest.mapping.no_column", header=header))
    index = sniffed.headers.index(header)
    width = len(sniffed.headers)
    counts: Counter[str] = Counter()
    with open(
        path, encoding=python_codec(sniffed.encoding), errors="replace", newline=""
    ) as stream:
        for _ in range(sniffed.preamble_lines):
            stream.readline()
        reader = csv.reader(stream, delimiter=sniffed.delimiter)
        next(reader, None)
        for row in reader:
            if len(row) != width:
                continue
            value = row[index].replace("\ufeff", "").strip()
            if value:
                counts[value] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def guess_metric(header: str) -> str | None:
    """The brand-lift metric a question header reads as, or None."""
    key = question_key(header)
    if key:
        return key
    text = _fold(header)
    for metric, pattern in QUESTION_WORDS:
        if re.search(pattern, text):
            return metric
    return None


def question_columns(headers: list[str]) -> list[tuple[str, str | None]]:
    """(header, guessed metric or None) for the headers that read as survey questions.

    A question is a full sentence (a question mark, or five words and more) or a metric's own
    name; the metric is guessed from its words in French or English.
    """
    found = []
    for header in headers:
        text = _fold(header)
        words = re.findall(r"[\w']+", text)
        metric = guess_metric(header)
        sentence = "?" in text or len(words) >= 5
        if sentence or question_key(header):
            found.append((header, metric))
    return found


def saved_mappings(connection) -> list[dict]:
    """Every saved mapping as its JSON, with the header ``signature`` it is saved under."""
    rows = saved_mapping_rows(connection)
    return [
        {
            "signature": signature,
            **stored_mapping(target, text).as_json(),
            "saved_at": saved_at.isoformat(timespec="seconds") if saved_at else None,
        }
        for signature, target, text, saved_at in rows
    ]


def stored_mapping(target_format: str, text: str) -> Mapping:
    """A mapping as ``column_mappings`` keeps it: the whole JSON, or a bare {field: header}."""
    data = json.loads(text) if isinstance(text, str) else text
    if isinstance(data, dict) and "format" in data and isinstance(data.get("fields"), dict):
        return Mapping.from_json(data)
    return Mapping(format=target_format, fields=dict(data))
