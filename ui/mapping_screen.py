"""The column mapping of a file Sillage does not recognise, as the Upload page shows it.

The user picks the kind of export; each field's column is suggested from the headers' names
(case, accents, French and English synonyms); fields the file lacks can be given one value for
the whole file (platform, creator, campaign, snapshot date, survey group); only the fields the
metrics need are required. For one-row-per-respondent surveys, each question column gets a
metric and the answers that count as positive, read from the file with their counts; one-hot
flag columns are positive or negative when ticked; the group column's labels are split into
exposed and control. The result is an ``ingest.mapping.Mapping``, loaded at once, saved for the
next file with the same headers and shown as the JSON ``sillage ingest --mapping`` takes.

The helpers above ``show`` are plain functions of their arguments, tested without a page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

import settings
from i18n.messages import Message
from ingest import Assignment
from ingest.formats import FORMATS_BY_NAME, normalise_header
from ingest.mapping import (
    METRICS,
    PLATFORMS,
    Mapping,
    Question,
    answer_values,
    needed_fields,
    one_of,
    question_columns,
    suggest,
)
from ui import upload
from ui.formatting import format_label, md
from ui.i18n import say, t
from ui.sponsorship import sponsorship_choice

POSITIVE, NEGATIVE = "positive", "negative"
# Value inputs offered beside the field a file-wide value stands in for.
VALUE_OF_FIELD = {
    "platform": "platform",
    "handle": "creator",
    "campaign_ref": "campaign",
    "campaign_name": "campaign",
}
SURVEY_KINDS = frozenset({"survey_long", "survey_wide", "survey_agg"})

# Answers ticked as positive at first, compared in ``_plain`` form: the two most positive
# points of the usual Likert scales, in English and French.
LIKERT_TOP = frozenset(
    {
        "strongly agree", "agree", "completely agree", "totally agree",
        "extremely likely", "very likely", "likely",
        "definitely", "definitely would", "probably would", "definitely will", "probably will",
        "very favorable", "very favourable", "somewhat favorable", "somewhat favourable",
        "favorable", "favourable", "very positive", "positive",
        "very familiar", "extremely familiar",
        "very interested", "extremely interested",
        "tout a fait d'accord", "plutot d'accord", "d'accord",
        "tres probable", "probable", "certainement", "probablement",
        "tres probablement", "certainement oui", "probablement oui",
        "tres favorable", "plutot favorable",
        "tres positive", "plutot positive", "tres positif", "plutot positif",
        "tout a fait", "plutot oui", "oui tout a fait", "oui plutot",
        "tres interesse", "plutot interesse", "tres interessee", "plutot interessee",
    }
)  # fmt: skip
YES = frozenset({"yes", "oui", "y", "o", "true", "vrai"})
NO = frozenset({"no", "non", "n", "false", "faux"})
FLAG_TOKENS = frozenset({"0", "1", "true", "false", "vrai", "faux", "x"})
# A header naming the "no" option of a one-hot question: "… [No]", "ad_recall_no", "… - Non".
NEGATIVE_HEADER = re.compile(
    r"(?:^|[\s_\-\[(:])(?:no|non|never|jamais|none|aucune?|none of (?:these|the above)|"
    r"aucune? de ces \w+|not sure|don't know|ne sais pas|je ne sais pas)\W*$"
)
EXPOSED_LABELS = frozenset(
    {"exposed", "test", "treatment", "expose", "exposes", "exposee", "exposees", "1",
     "exposed group", "test group", "groupe expose", "groupe test"}
)  # fmt: skip
CONTROL_LABELS = frozenset(
    {"control", "baseline", "holdout", "temoin", "controle", "0", "control group",
     "groupe temoin", "groupe de controle", "non expose", "non exposes", "unexposed"}
)  # fmt: skip
LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})(?:\s|$|[-–—.:)/])")


def _plain(text: str) -> str:
    """An answer or label compared without case, accents, outer punctuation or extra spaces."""
    folded = normalise_header(str(text)).replace("_", " ")
    return re.sub(r"\s+", " ", folded.strip(" .!?;:,-–—()[]\"'")).strip()


def scale_point(answer: str) -> int | None:
    """The number an answer starts with ("4", "5 - Very likely"), or None."""
    match = LEADING_NUMBER.match(answer)
    return int(match.group(1)) if match else None


def default_positive(answers: Iterable[str]) -> list[str]:
    """The answers ticked as positive at first, in the order given.

    Yes / oui; the two highest points of a 1–5, 1–7 or 0–10 scale (4–5, 6–7, 9–10); "1" of a
    0/1 column; the two most positive Likert answers (``LIKERT_TOP``).
    """
    answers = list(answers)
    plain = {a: _plain(a) for a in answers}
    if answers and all(plain[a] in {"0", "1"} for a in answers):
        return [a for a in answers if plain[a] == "1"]
    points = {a: scale_point(a) for a in answers}
    numbered = [p for p in points.values() if p is not None]
    if numbered and len(numbered) >= len(answers) / 2:
        top = max(numbered)
        scale = 5 if top <= 5 else 7 if top <= 7 else 10
        return [a for a in answers if points[a] is not None and points[a] >= scale - 1]
    chosen = []
    for answer in answers:
        words = re.findall(r"[\w']+", plain[answer]) or [""]
        if plain[answer] in LIKERT_TOP or plain[answer] in YES or words[0] in YES:
            chosen.append(answer)
    return chosen


def is_flag(answers: list[tuple[str, int]]) -> bool:
    """Whether a column reads as a one-hot flag: one value where ticked, or only 0/1, x, true."""
    values = {_plain(a) for a, _ in answers}
    return len(values) == 1 or (bool(values) and values <= FLAG_TOKENS)


def flag_role(header: str) -> str:
    """A ticked flag is positive, unless its header names a "no" option."""
    return NEGATIVE if NEGATIVE_HEADER.search(_plain(header)) else POSITIVE


def default_groups(labels: Iterable[str]) -> dict[str, list[str]]:
    """The group labels read as exposed and as control, from their usual names."""
    labels = list(labels)
    return {
        "exposed": [x for x in labels if _plain(x) in EXPOSED_LABELS],
        "control": [x for x in labels if _plain(x) in CONTROL_LABELS],
    }


def value_keys(format_name: str, campaign_given: bool) -> list[str]:
    """The file-wide values a format can take: those its fields or its kind ask for."""
    fmt = FORMATS_BY_NAME[format_name]
    names = {f.name for f in fmt.fields}
    keys = []
    if "platform" in names:
        keys.append("platform")
    if "handle" in names or fmt.kind in upload.ACCOUNT_KINDS or fmt.kind == "post_daily":
        keys.append("creator")
    if names & set(upload.CAMPAIGN_FIELDS) and not campaign_given:
        keys.append("campaign")
    if fmt.kind == "content":
        keys.append("as_of")
    if "group" in names:
        keys.append("group")
    return keys


@dataclass(frozen=True)
class QuestionChoice:
    """What the user said of one question column."""

    header: str
    metric: str | None  # None: not a brand-lift question, left out
    flag: bool
    role: str = POSITIVE  # of a flag column: what a ticked cell means
    positive: tuple[str, ...] = ()  # of an answer column: the positive answers


def questions_of(choices: Iterable[QuestionChoice]) -> tuple[Question, ...]:
    """The mapping's questions: one per answer column, one per metric for its flag columns."""
    questions: list[Question] = []
    flags: dict[str, dict[str, str]] = {}
    for choice in choices:
        if choice.metric is None:
            continue
        if choice.flag:
            flags.setdefault(choice.metric, {})[choice.header] = choice.role
        else:
            questions.append(
                Question(choice.metric, column=choice.header, positive=choice.positive)
            )
    questions += [Question(metric, options=options) for metric, options in flags.items()]
    return tuple(questions)


def build_mapping(
    format_name: str,
    columns: dict[str, str],
    values: dict[str, str],
    groups: dict[str, Iterable[str]] | None = None,
    choices: Iterable[QuestionChoice] = (),
) -> Mapping:
    """A mapping from the screen's choices; blank values and "not mapped" columns left out."""
    fields = {name: header for name, header in columns.items() if header != upload.NOT_MAPPED}
    kept_values = {key: value.strip() for key, value in values.items() if value and value.strip()}
    kept_groups = {key: tuple(labels) for key, labels in (groups or {}).items() if labels}
    return Mapping(format_name, fields, kept_values, kept_groups, questions_of(choices))


def problems(mapping: Mapping, choices: Iterable[QuestionChoice] = ()) -> list[str]:
    """What keeps a mapping from loading, as interface text (empty when it can load)."""
    found = []
    fmt = FORMATS_BY_NAME[mapping.format]
    missing = [f for f in needed_fields(mapping.format, mapping.values) if f not in mapping.fields]
    if missing:
        found.append(
            t("up.choose_required").format(fields=", ".join(field_label(f) for f in missing))
        )
    for names in one_of(mapping.format):
        if not any(name in mapping.fields for name in names):
            listed = t("up.or").join(field_label(n) for n in names)
            found.append(t("map.one_of").format(fields=listed))
    if fmt.kind in upload.ACCOUNT_KINDS and not mapping.values.get("creator"):
        found.append(t("map.need_account"))
    if "group" in mapping.fields and not mapping.values.get("group"):
        if not mapping.groups.get("exposed") or not mapping.groups.get("control"):
            found.append(t("map.need_groups"))
        shared = set(mapping.groups.get("exposed", ())) & set(mapping.groups.get("control", ()))
        if shared:
            found.append(t("map.both_groups").format(label=md(sorted(shared)[0])))
    chosen = [c for c in choices if c.metric is not None]
    metrics = [q.metric for q in mapping.questions]
    for metric in dict.fromkeys(m for m in metrics if metrics.count(m) > 1):
        found.append(t("map.one_per_metric").format(metric=t(f"map.metric_{metric}")))
    for choice in chosen:
        if not choice.flag and not choice.positive:
            found.append(t("map.need_positive").format(header=md(choice.header)))
    if fmt.kind == "survey_wide" and not chosen:
        found.append(t("map.need_question"))
    return found


PLATFORM_NAMES = {
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "facebook": "Facebook",
    "snapchat": "Snapchat",
    "x": "X",
    "linkedin": "LinkedIn",
}


def platform_name(key: str) -> str:
    """A platform as its owner writes it; "other" in the interface language."""
    return PLATFORM_NAMES.get(key) or (t("map.platform_other") if key == "other" else key)


def field_label(name: str) -> str:
    """A canonical field's label in the interface language, as the mapping screen shows it."""
    label = t(f"map.field.{name}")
    if label == f"map.field.{name}":  # a field added to a format without a label yet
        return upload.FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
    return label


def mapping_json(mapping: Mapping) -> str:
    """The mapping as ``sillage ingest --mapping`` reads it."""
    return json.dumps(mapping.as_json(), ensure_ascii=False, indent=2)


def show_json(mapping: Mapping, key: str) -> None:
    """The mapping's JSON in an expander, with a download, for loads run without the page."""
    text = mapping_json(mapping)
    with st.expander(t("map.json_title")):
        st.caption(t("map.json_help"))
        st.code(text, language="json")
        st.download_button(
            t("map.json_download"),
            text.encode(),
            file_name=f"mapping-{mapping.format}.json",
            mime="application/json",
            key=f"map.json.{key}",
            icon=":material/download:",
        )


@st.cache_data(show_spinner=False, max_entries=256)
def _answers(path: str, header: str) -> list[tuple[str, int]]:
    # The kept copy is named by its SHA-256: its answers never change.
    return answer_values(Path(path), header)


def _answer_label(counts: dict[str, int]):
    return lambda answer: f"{answer} ({counts.get(answer, 0)})"


def show(key: str, job: upload.Job) -> None:
    """Choose the kind of export, a column or a value for each field, then load again."""
    result = job.result
    assert result is not None
    kept = upload.kept_file(result)
    if kept is None:
        st.error(t("up.copy_gone").format(file=md(result.file)))
        return
    headers = list(result.headers)
    # A mapping saved for these headers (another group's file of the same survey, say) fills
    # the screen in; the user changes what differs.
    earlier = upload.saved_for(headers)
    first = default_target(result, earlier)
    if earlier is not None or first is not None:
        # Why the mapping is asked: again for a saved layout, or what a near miss lacks.
        st.caption(md(say(_reason(result.refused))))
    kinds = list(FORMATS_BY_NAME)
    target = st.selectbox(
        t("up.what_holds"),
        kinds,
        index=kinds.index(first) if first is not None else None,
        format_func=format_label,
        placeholder=t("up.choose_kind"),
        key=f"map.format.{key}",
    )
    sample = upload.preview(kept, settings.get_int("preview_rows"))
    st.caption(t("up.first_rows").format(n=len(sample), file=md(result.file)))
    st.dataframe(sample, hide_index=True)
    if target is None:
        return
    fmt = FORMATS_BY_NAME[target]
    if fmt.notes:
        st.caption(say(fmt.notes))
    prefix = f"map.{key}.{target}"
    assignment = job.assignment
    saved = earlier if earlier is not None and earlier.format == target else None
    offered = value_keys(target, campaign_given=assignment.campaign_id is not None)
    values: dict[str, str] = {}
    columns: dict[str, str] = {}
    suggested = saved.fields if saved is not None else suggest(target, headers)
    options = [upload.NOT_MAPPED, *headers]
    helps = {f.name: say(f.help) for f in upload.mapping_fields(target)}
    if saved is not None:
        _prefill_values(prefix, saved)
    # Labels follow what is needed once the values typed so far are counted: read them first.
    typed = {
        name: st.session_state.get(f"{prefix}.value.{name}") or "" for name in VALUE_KEYS_TYPED
    }
    needed = set(needed_fields(target, {k: v for k, v in typed.items() if str(v).strip()}))
    if fmt.kind in upload.ACCOUNT_KINDS:
        needed.discard("handle")
    st.markdown(f"**{t('map.columns')}**")
    grid = st.columns(3)
    ordered = sorted(fmt.fields, key=lambda f: f.name not in needed)
    for position, fld in enumerate(ordered):
        cell = grid[position % 3]
        label = field_label(fld.name) + (" *" if fld.name in needed else "")
        suggestion = suggested.get(fld.name)
        columns[fld.name] = cell.selectbox(
            label,
            options,
            index=options.index(suggestion) if suggestion in options else 0,
            help=helps.get(fld.name),
            key=f"{prefix}.{fld.name}",
        )
        value_key = VALUE_OF_FIELD.get(fld.name)
        if value_key in offered and columns[fld.name] == upload.NOT_MAPPED:
            values[value_key] = _value_input(cell, value_key, prefix, assignment)
        elif fld.name == "group" and columns[fld.name] == upload.NOT_MAPPED:
            values["group"] = _group_value(cell, prefix)
    extra = [k for k in ("creator", "as_of") if k in offered and k not in values]
    if "creator" in extra and not any(VALUE_OF_FIELD.get(f.name) == "creator" for f in fmt.fields):
        values["creator"] = _value_input(st, "creator", prefix, assignment)
    if "as_of" in extra:
        values["as_of"] = _value_input(st, "as_of", prefix, assignment)
    groups: dict[str, list[str]] = {}
    if columns.get("group", upload.NOT_MAPPED) != upload.NOT_MAPPED:
        groups = _group_labels(str(kept), columns["group"], prefix, saved)
    choices: list[QuestionChoice] = []
    if fmt.kind == "survey_wide":
        used = {h for h in columns.values() if h != upload.NOT_MAPPED}
        choices = _questions(str(kept), headers, used, prefix, saved)
    sponsored = None
    if fmt.kind in upload.POST_KINDS:
        sponsored = sponsorship_choice(
            f"{prefix}.sponsored",
            paid_label=columns.get("paid_partnership_label", upload.NOT_MAPPED)
            != upload.NOT_MAPPED,
        )
    st.caption(t("map.required_note"))
    mapping = build_mapping(target, columns, values, groups, choices)
    clicked = st.button(t("up.load_mapping"), type="primary", key=f"{prefix}.load")
    show_json(mapping, f"{key}.{target}")
    if not clicked:
        return
    found = problems(mapping, choices)
    if found:
        st.error(" ".join(found))
        return
    assignment = with_values(assignment, mapping, sponsored)
    task = upload.Task(
        key,
        result.file,
        upload.kept_opener(kept),
        kept.stat().st_size,
        assignment,
        mapping=mapping,
    )
    upload.start([task], mapped=True)
    st.rerun()


VALUE_KEYS_TYPED = ("platform", "creator", "campaign", "as_of", "group")


def default_target(result, earlier: Mapping | None) -> str | None:
    """The kind of export the screen opens on: a saved mapping's, else the near-missed format's."""
    if earlier is not None:
        return earlier.format
    near = getattr(result, "near_miss", None)
    return near[0] if near and near[0] in FORMATS_BY_NAME else None


def _reason(refused: str | None) -> str:
    """Why the ingest asked for a mapping, without the file name it starts with."""
    if isinstance(refused, Message) and refused.code == "ingest.refused":
        return refused.fields["reason"]
    return (refused or "").split(": ", 1)[-1]


def _prefill_values(prefix: str, saved: Mapping) -> None:
    """The saved mapping's file-wide values as the inputs' first values (never the group:
    a file of the other group is the usual reason to map the same headers again)."""
    for name in ("platform", "creator", "campaign"):
        state = f"{prefix}.value.{name}"
        if saved.values.get(name) and state not in st.session_state:
            st.session_state[state] = saved.values[name]
    state = f"{prefix}.value.as_of"
    if saved.values.get("as_of") and state not in st.session_state:
        st.session_state[state] = dt.date.fromisoformat(saved.values["as_of"])


def with_values(assignment: Assignment, mapping: Mapping, sponsored: str | None) -> Assignment:
    """The file's assignment once the mapping screen is filled in.

    The values typed on the mapping screen are the latest word on this file: they replace the
    destination's creator and snapshot date (the ingest otherwise prefers the assignment's).
    """
    values = mapping.values
    changed: dict = {}
    if values.get("creator"):
        changed["creator_handle"] = values["creator"]
    if values.get("as_of"):
        changed["as_of"] = dt.date.fromisoformat(values["as_of"])
    if values.get("campaign") and assignment.campaign_id is None:
        changed["campaign_id"] = values["campaign"]
    if sponsored is not None:
        changed["sponsored"] = sponsored
    return dataclasses.replace(assignment, **changed)


def _value_input(place, value_key: str, prefix: str, assignment) -> str:
    """One file-wide value: typed, chosen, or a date."""
    state = f"{prefix}.value.{value_key}"
    if value_key == "platform":
        return (
            place.selectbox(
                t("map.value_platform"),
                PLATFORMS,
                index=None,
                format_func=platform_name,
                placeholder=t("map.value_none"),
                help=t("map.value_help"),
                key=state,
            )
            or ""
        )
    if value_key == "as_of":
        chosen = place.date_input(
            t("map.value_as_of"),
            value=None,
            format="YYYY-MM-DD",
            help=t("map.value_as_of_help"),
            key=state,
        )
        return chosen.isoformat() if isinstance(chosen, dt.date) else ""
    if value_key == "creator" and state not in st.session_state and assignment.creator_handle:
        st.session_state[state] = assignment.creator_handle
    label = t("map.value_creator") if value_key == "creator" else t("map.value_campaign")
    return (
        place.text_input(
            label, key=state, placeholder=t("map.value_none"), help=t("map.value_help")
        )
        .strip()
        .lstrip("@")
    )


def _group_value(place, prefix: str) -> str:
    """The group of every row, when the file is one group's (exposed and control apart)."""
    chosen = place.selectbox(
        t("map.value_group"),
        ["exposed", "control"],
        index=None,
        format_func=lambda g: t(f"map.group_{g}"),
        placeholder=t("map.value_none"),
        help=t("map.value_group_help"),
        key=f"{prefix}.value.group",
    )
    return chosen or ""


def _group_labels(
    path: str, header: str, prefix: str, saved: Mapping | None
) -> dict[str, list[str]]:
    """Which labels of the group column are exposed and which are control."""
    answers = _answers(path, header)
    counts = dict(answers)
    labels = [a for a, _ in answers]
    defaults = default_groups(labels)
    if saved is not None and saved.groups:
        defaults = {g: [x for x in labels if x in saved.groups.get(g, ())] for g in defaults}
    st.markdown(f"**{t('map.groups')}**")
    left, right = st.columns(2)
    exposed = left.multiselect(
        t("map.group_exposed_labels"),
        labels,
        default=defaults["exposed"],
        format_func=_answer_label(counts),
        help=t("map.groups_help"),
        key=f"{prefix}.groups.exposed.{header}",
    )
    control = right.multiselect(
        t("map.group_control_labels"),
        labels,
        default=defaults["control"],
        format_func=_answer_label(counts),
        help=t("map.groups_help"),
        key=f"{prefix}.groups.control.{header}",
    )
    return {"exposed": exposed, "control": control}


def _questions(
    path: str, headers: list[str], used: set[str], prefix: str, saved: Mapping | None
) -> list[QuestionChoice]:
    """A metric for each question column, and which of its answers count as positive."""
    st.markdown(f"**{t('map.questions')}**")
    st.caption(t("map.questions_help"))
    earlier = _saved_questions(saved)
    found = [(h, m) for h, m in question_columns(headers) if h not in used]
    if saved is not None:
        found = [(h, earlier[h][0] if h in earlier else None) for h, _ in found]
    listed = {h for h, _ in found}
    others = [h for h in headers if h not in listed and h not in used]
    added = st.multiselect(
        t("map.more_questions"),
        others,
        default=[h for h in others if h in earlier],
        placeholder=t("map.more_questions_placeholder"),
        key=f"{prefix}.questions.more",
    )
    found += [(h, earlier[h][0] if h in earlier else None) for h in added]
    choices = []
    for header, guess in found:
        index = headers.index(header)
        with st.container(border=True):
            st.markdown(md(header))
            answers = _answers(path, header)
            counts = dict(answers)
            labels = [a for a, _ in answers]
            left, right = st.columns([1, 2])
            metric = left.selectbox(
                t("map.metric"),
                METRICS,
                index=METRICS.index(guess) if guess in METRICS else None,
                format_func=lambda m: t(f"map.metric_{m}"),
                placeholder=t("map.not_a_question"),
                key=f"{prefix}.q.{index}.metric",
            )
            flag = is_flag(answers)
            if not labels:
                right.caption(t("map.no_answers"))
            elif flag:
                shown = ", ".join(f"{a} ({n})" for a, n in answers)
                role = right.radio(
                    t("map.flag_role"),
                    [POSITIVE, NEGATIVE],
                    index=[POSITIVE, NEGATIVE].index(
                        earlier[header][1] if header in earlier else flag_role(header)
                    ),
                    format_func=lambda r: t(f"map.flag_{r}"),
                    horizontal=True,
                    help=t("map.flag_help"),
                    key=f"{prefix}.q.{index}.role",
                )
                right.caption(t("map.flag_values").format(values=md(shown)))
                choices.append(QuestionChoice(header, metric, True, role=role))
                continue
            else:
                ticked = (
                    [a for a in labels if a in earlier[header][2]]
                    if header in earlier
                    else default_positive(labels)
                )
                positive = right.multiselect(
                    t("map.positive"),
                    labels,
                    default=ticked,
                    format_func=_answer_label(counts),
                    help=t("map.positive_help"),
                    key=f"{prefix}.q.{index}.positive",
                )
                choices.append(QuestionChoice(header, metric, False, positive=tuple(positive)))
                continue
            choices.append(QuestionChoice(header, metric, flag))
    return choices


def _saved_questions(saved: Mapping | None) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Header -> (metric, flag role, positive answers) of a saved mapping's questions."""
    found: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for question in saved.questions if saved is not None else ():
        for header, role in (question.options or {}).items():
            found[header] = (question.metric, role, ())
        if question.column:
            found[question.column] = (question.metric, POSITIVE, question.positive)
    return found
