"""The upload flow behind ``pages/upload.py``: a first look at each file, where its rows go,
loading in the background with progress, and the column mapping of an unknown file.

Loads run in a worker thread, one file after the other, and report into a ``Job`` kept in the
session: the script thread only reads the jobs and draws the progress bars, so a rerun in the
middle of a load (a click elsewhere on the page) neither stops the load nor loses its result.
"""

from __future__ import annotations

import contextlib
import csv
import logging
import tempfile
import threading
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from i18n.messages import Message
from ingest import Assignment, IngestResult, ingest_stream
from ingest.errors import FileRefused, RowError, said
from ingest.formats import FORMATS_BY_NAME, detect, signature
from ingest.loader import unreadable_csv
from ingest.mapping import Mapping, saved_mappings
from ingest.parsing import type_term
from ingest.sniff import SAMPLE_BYTES, sniff
from ingest.waves import stamp_error
from store.campaigns import slug
from store.store import Store
from store.uploads import find_campaign, raw_path
from ui import data
from ui.formatting import format_label
from ui.i18n import say, t

logger = logging.getLogger(__name__)

# Choices in the client and campaign pickers that are not a stored client or campaign.
NEW_CLIENT = "::new-client"
NEW_CAMPAIGN = "::new-campaign"
AS_FILE = "::as-file"
NOT_MAPPED = "—"

CAMPAIGN_FIELDS = ("campaign_ref", "campaign_name")
# Format kinds (``ExportFormat.kind``) that hold one account's totals without naming it, and
# those that hold posts.
ACCOUNT_KINDS = frozenset({"account_daily"})
POST_KINDS = frozenset({"content", "post_daily"})
JOBS_KEY = "upload.jobs"
PEEKS_KEY = "upload.peeks"
POLL_SECONDS = 0.1

StreamOpener = Callable[[], contextlib.AbstractContextManager[BinaryIO]]


@dataclass(frozen=True)
class Peek:
    """What a file looks like before it is loaded, from its first bytes."""

    format_label: str | None  # None: not recognised, a column mapping will be asked for
    has_campaign_column: bool
    problem: str | None = None  # why the file will be refused, when that shows (a ``Message``)
    saved_mapping: bool = False  # recognised through a mapping the user saved earlier
    kind: str | None = None  # the recognised format's kind (``ExportFormat.kind``)
    account_named: bool = False  # a saved mapping gives the account for every row
    paid_label: bool = False  # a paid-partnership column tells sponsored posts apart

    @property
    def names_no_account(self) -> bool:
        """An account's daily totals that do not say whose account (TikTok Overview, Viewers)."""
        return self.kind in ACCOUNT_KINDS and not self.account_named

    @property
    def holds_posts(self) -> bool:
        """Rows of posts, whose sponsorship is decided at upload."""
        return self.kind in POST_KINDS

    @property
    def holds_survey(self) -> bool:
        """Survey rows, which may all belong to one wave of a brand tracker."""
        return bool(self.kind and self.kind.startswith("survey"))


@dataclass(frozen=True)
class Destination:
    """What the user picked for a file: a client, a campaign and a creator handle.

    Nothing is chosen in advance: ``client`` and ``campaign`` are None until the user picks or
    creates one, so a file never lands in another client's campaign by one careless click.
    """

    client: str | None  # an existing client's name, NEW_CLIENT, or None (not chosen yet)
    new_client: str
    campaign: str | None  # an existing campaign id, NEW_CAMPAIGN, AS_FILE, or None
    new_campaign: str
    creator: str = ""
    creator_required: bool = False  # the file names no account: the handle must be given
    sponsored: str | None = None  # the sponsorship rule for the file's posts, when it has posts
    wave: str = ""  # the survey wave every row belongs to ("+4 weeks"), when the file is a survey


@dataclass
class Job:
    """One file's load: progress written by the worker thread, read by the page."""

    file_name: str
    assignment: Assignment
    mapped: bool = False
    mapping: Mapping | None = None  # the column mapping the file was loaded with, when mapped
    fraction: float = 0.0
    message: str = field(default_factory=lambda: Message("ingest.progress.waiting"))
    result: IngestResult | None = None
    worker: threading.Thread | None = field(default=None, repr=False, compare=False)

    @property
    def done(self) -> bool:
        return self.result is not None


@dataclass(frozen=True)
class Task:
    """A file to load: how to open its bytes and what to pass to the ingest."""

    key: str
    file_name: str
    open_stream: StreamOpener
    size: int
    assignment: Assignment
    mapping: Mapping | None = None


@dataclass(frozen=True)
class MappingField:
    """One canonical field of a format, as the mapping screen offers it."""

    name: str
    label: str
    required: bool
    help: str


@dataclass
class _Batch:
    store: Store
    tasks: list[Task]
    jobs: MutableMapping[str, Job] = field(repr=False)


def jobs() -> dict[str, Job]:
    """This session's loads, by uploaded-file id."""
    return st.session_state.setdefault(JOBS_KEY, {})


def peek(file_id: str, stream: BinaryIO) -> Peek:
    """Sniff the first bytes of an uploaded file (once per file and session)."""
    peeks: dict[str, Peek] = st.session_state.setdefault(PEEKS_KEY, {})
    if file_id not in peeks:
        stream.seek(0)
        head = stream.read(SAMPLE_BYTES)
        stream.seek(0)
        peeks[file_id] = _peek_bytes(head)
    return peeks[file_id]


def _peek_bytes(head: bytes) -> Peek:
    with tempfile.TemporaryDirectory(prefix="sillage-peek-") as directory:
        path = Path(directory) / "head"
        path.write_bytes(head)
        try:
            sniffed = sniff(path)
        except FileRefused as refusal:
            return Peek(None, False, problem=said(refusal))
        except csv.Error as error:
            # A first line over the CSV reader's limit: this file is refused, the others load.
            return Peek(None, False, problem=unreadable_csv(error))
    detection = detect(sniffed.headers)
    if detection is not None:
        has_campaign = any(name in detection.columns for name in CAMPAIGN_FIELDS)
        return Peek(
            format_label(detection.format.name),
            has_campaign,
            kind=detection.format.kind,
            paid_label="paid_partnership_label" in detection.columns,
        )
    mapping = saved_for(sniffed.headers)
    if mapping is not None:
        has_campaign = "campaign" in mapping.values or any(
            name in mapping.fields for name in CAMPAIGN_FIELDS
        )
        kind = FORMATS_BY_NAME[mapping.format].kind
        return Peek(
            format_label(mapping.format),
            has_campaign,
            saved_mapping=True,
            kind=kind,
            account_named="creator" in mapping.values,
            paid_label="paid_partnership_label" in mapping.fields,
        )
    return Peek(None, False)


@dataclass(frozen=True)
class Resolution:
    """A destination turned into an ingest assignment, or what keeps it from being one."""

    assignment: Assignment | None
    missing: list[str] = field(default_factory=list)  # i18n keys of the inputs still empty
    conflicts: list[str] = field(default_factory=list)  # choices that clash with stored data

    @property
    def ready(self) -> bool:
        return self.assignment is not None


def resolve(destination: Destination) -> Resolution:
    """The ingest assignment for a destination, or what the user must fill in or change first."""
    missing: list[str] = []
    conflicts: list[str] = []
    client_name: str | None
    if destination.client is None:
        client_name = None
        missing.append("up.missing_client")
    elif destination.client == NEW_CLIENT:
        client_name = destination.new_client.strip()
        if not client_name:
            missing.append("up.missing_new_client")
    else:
        client_name = destination.client
    campaign_id: str | None
    if destination.campaign is None:
        campaign_id = None
        missing.append("up.missing_campaign")
    elif destination.campaign == AS_FILE:
        campaign_id = None
    elif destination.campaign == NEW_CAMPAIGN:
        campaign_id = destination.new_campaign.strip()
        if not campaign_id:
            missing.append("up.missing_new_campaign")
        else:
            # The ingest finds campaigns by id or name across clients: a clash here would file
            # this client's rows under another client's campaign.
            existing = data.read(find_campaign, slug(campaign_id), campaign_id)
            if (
                existing is not None
                and client_name
                and existing.client_name.casefold() != client_name.casefold()
            ):
                conflicts.append(
                    Message(
                        "cs.campaign_taken",
                        name=existing.name,
                        campaign_id=existing.campaign_id,
                        client=existing.client_name,
                    )
                )
    else:
        campaign_id = destination.campaign
    creator = destination.creator.strip().lstrip("@").strip() or None
    if destination.creator_required and creator is None:
        missing.append("up.missing_account")
    wave = destination.wave.strip() or None
    if wave is not None and stamp_error(wave):
        conflicts.append(Message("up.wave_unread", wave=wave))
    if missing or conflicts:
        return Resolution(None, missing, conflicts)
    return Resolution(
        Assignment(
            campaign_id=campaign_id,
            client_name=client_name,
            creator_handle=creator,
            sponsored=destination.sponsored,
            wave=wave,
        )
    )


def start(tasks: list[Task], mapped: bool = False) -> None:
    """Queue ``tasks`` as jobs of this session and load them one after the other in a thread."""
    session_jobs = jobs()
    for task in tasks:
        session_jobs[task.key] = Job(
            task.file_name, task.assignment, mapped=mapped, mapping=task.mapping
        )
    batch = _Batch(data.store(), tasks, session_jobs)
    worker = threading.Thread(target=_run_batch, args=(batch,), name="sillage-upload", daemon=True)
    for task in tasks:
        session_jobs[task.key].worker = worker
    worker.start()


def _run_batch(batch: _Batch) -> None:
    for task in batch.tasks:
        job = batch.jobs[task.key]

        def report(fraction: float, message: str, job: Job = job) -> None:
            job.fraction, job.message = min(max(fraction, 0.0), 1.0), message

        try:
            with task.open_stream() as stream:
                result = ingest_stream(
                    batch.store,
                    task.file_name,
                    stream,
                    task.size,
                    task.assignment,
                    progress=report,
                    mapping=task.mapping,
                )
        except Exception as error:  # a bug must not leave the page waiting forever
            logger.exception("loading %s failed", task.file_name)
            stopped = Message("ingest.internal_error", error=f"{type(error).__name__}: {error}")
            result = IngestResult(
                file=task.file_name,
                refused=Message("ingest.refused", file=task.file_name, reason=stopped),
            )
        job.fraction, job.message, job.result = 1.0, Message("ingest.progress.done"), result


def follow(keys: list[str]) -> None:
    """Draw a progress bar per job and update them until every job is done."""
    session_jobs = jobs()
    bars = {key: st.progress(0.0, text=_bar_text(session_jobs[key])) for key in keys}
    while True:
        for key, bar in bars.items():
            job = session_jobs[key]
            worker_gone = job.worker is not None and not job.worker.is_alive()
            if worker_gone and not job.done:  # done is read after is_alive: no race with the end
                stopped = Message("ingest.stopped")
                job.result = IngestResult(
                    file=job.file_name,
                    refused=Message("ingest.refused", file=job.file_name, reason=stopped),
                )
            bar.progress(job.fraction, text=_bar_text(job))
        if all(session_jobs[key].done for key in keys):
            return
        time.sleep(POLL_SECONDS)


def _bar_text(job: Job) -> str:
    """The file's name and its step, in the interface language."""
    if job.result is not None:
        state = "ingest.progress.loaded" if job.result.loaded else "ingest.progress.not_loaded"
        return f"{job.file_name} · {t(state)}"
    return f"{job.file_name} · {say(job.message)}"


def upload_task(uploaded: UploadedFile, resolution: Resolution) -> Task:
    """The load of a freshly uploaded file, once its destination is resolved."""
    if resolution.assignment is None:
        raise ValueError(f"{uploaded.name} has no destination yet")

    def opener() -> contextlib.AbstractContextManager[BinaryIO]:
        # Streamlit keeps the uploaded bytes: read them from the start, do not close them.
        uploaded.seek(0)
        return contextlib.nullcontext(uploaded)

    return Task(uploaded.file_id, uploaded.name, opener, uploaded.size, resolution.assignment)


def saved_for(headers: list[str]) -> Mapping | None:
    """The column mapping saved for these headers, whole (values, groups, questions), if any."""
    wanted = signature(headers)
    for saved in data.read(saved_mappings):
        if saved["signature"] == wanted:
            return Mapping.from_json(saved)
    return None


def kept_file(result: IngestResult) -> Path | None:
    """The raw copy the ingest kept of a file, to load it again with a mapping."""
    if result.upload_id is None:
        return None
    path = data.read(raw_path, result.upload_id)
    return path if path is not None and path.is_file() else None


def kept_opener(path: Path) -> StreamOpener:
    """Open the kept raw copy of a file."""
    return lambda: open(path, "rb")


def preview(path: Path, rows: int) -> pd.DataFrame:
    """The first rows of a kept file as text, under its own headers (made unique)."""
    sniffed = sniff(path)
    headers = _unique(sniffed.headers)
    width = len(headers)
    body = [(row + [""] * width)[:width] for row in sniffed.sample_rows[:rows]]
    return pd.DataFrame(body, columns=headers)


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for index, header in enumerate(headers):
        name = header or f"column {index + 1}"
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


# Canonical field names that read poorly as labels.
FIELD_LABELS = {
    "native_id": "Post id",
    "campaign_ref": "Campaign",
    "handle": "Creator handle",
    "url": "Link",
    "post_ref": "Post (id or link)",
    "person_id": "Person id (hashed)",
    "period_label": "Period",
    "ctr": "Click-through rate",
}


def mapping_fields(format_name: str) -> list[MappingField]:
    """The fields of a format, required ones first, with a label and a hint for each."""
    fmt = FORMATS_BY_NAME[format_name]
    fields = []
    for fld in fmt.fields:
        required = fld.name in fmt.required
        name = FIELD_LABELS.get(fld.name, fld.name.replace("_", " ").capitalize())
        label = name + (" *" if required else "")
        usual = ", ".join(f"“{h}”" for h in fld.en[:2])
        expected = type_term(fld.type)
        hint = (
            Message("ingest.hint_usual", expected=expected, usual=usual)
            if usual
            else Message("ingest.hint", expected=expected)
        )
        fields.append(MappingField(fld.name, label, required, hint))
    return sorted(fields, key=lambda f: not f.required)


def errors_frame(result: IngestResult, limit: int) -> pd.DataFrame:
    """The first rejected rows of a result as a small table: line, column, reason.

    Reasons and headings are in the interface language; lines and column names as in the file.
    """
    return rejected_rows_frame(result.errors[:limit])


def rejected_rows_frame(errors: list[RowError]) -> pd.DataFrame:
    """Rejected rows as a table in the interface language: line, column, reason."""
    headings = [t("up.col_line"), t("up.col_column"), t("up.col_reason")]
    rows = [(e.line, e.column or "", say(e.reason)) for e in errors]
    return pd.DataFrame(rows, columns=headings)


def stored_errors_frame(stored: list[dict]) -> pd.DataFrame:
    """The rejected rows an ``uploads`` row keeps (its ``errors`` JSON) as a table: each reason
    written again in the interface language when it was stored with its code and fields, else
    in the English it was stored in."""
    return rejected_rows_frame([RowError.from_stored(item) for item in stored])
