"""Load one uploaded file into the database: all of its good rows in one transaction, or nothing.

The steps, in order: keep the raw bytes, sniff the text, recognise the format (or use a saved
column mapping), read the rows with DuckDB as text, type them with per-file locale rules, reject
the rows that cannot be read (with line, column and reason), then upsert the rest so that a
re-upload or an overlapping export never doubles a row.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import csv
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import duckdb

import settings
from i18n.messages import Message, join, render
from ingest import writers
from ingest.errors import FileRefused, MissingAssignment, RowError, UnknownFormat, said
from ingest.formats import (
    DATE,
    FLOAT,
    FORMATS_BY_NAME,
    RATE,
    TEXT,
    TIMESTAMP,
    Detection,
    ExportFormat,
    _match,
    detect,
    field_header,
    header_currency,
    locale_by_votes,
    near_miss,
    normalise_header,
    signature,
    wide_question_columns,
)
from ingest.mapping import Mapping, needed_fields, one_of, stored_mapping
from ingest.parsing import (
    AMOUNT_LIMIT,
    MACROS,
    NUMERIC_TYPES,
    POST_DATE_FIELDS,
    above_all_reason,
    can_be_negative,
    choose_date_formats,
    choose_decimal_comma,
    negative_reason,
    out_of_range_reason,
    outside_post_dates_sql,
    post_date_reason,
    spaces_in,
    typed_sql,
    unreadable_reason,
)
from ingest.sniff import Sniffed, python_codec, sniff
from store import archive
from store.db import (
    ATTACHED,
    DatabaseDamaged,
    DatabaseInUse,
    DiskFull,
    is_disk_full,
    replace_if_unchanged,
    snapshot_copy,
)
from store.store import Store
from store.uploads import Upload, saved_mapping_row

Progress = Callable[[float, str], None]


@dataclass
class IngestResult:
    file: str
    format: str | None = None
    format_label: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0  # not data (totals rows) or nothing to keep (respondents with no answer)
    rows_merged: int = 0  # repeated an earlier row of the file (same key) and merged into it
    # Why rows were skipped, with counts summing to rows_skipped: "totals row", ... (each key a
    # ``Message``, English as a ``str``)
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    columns_unused: list[str] = field(default_factory=list)  # headers Sillage did not keep
    errors: list[RowError] = field(default_factory=list)
    refused: str | None = None  # why the whole file was refused (a ``Message``)
    needs_mapping: bool = False  # refused only because the headers are unknown: map them once
    headers: list[str] = field(default_factory=list)
    upload_id: int | None = None
    campaign_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # ``Message``s, English as ``str``
    # When the headers nearly match a known format: its name and the headers it lacks.
    near_miss: tuple[str, tuple[str, ...]] | None = None

    @property
    def loaded(self) -> bool:
        return self.refused is None

    def skip(self, reason: str, count: int) -> None:
        """Count ``count`` rows as skipped, for ``reason``."""
        if count:
            self.rows_skipped += count
            self.skipped_reasons[reason] = self.skipped_reasons.get(reason, 0) + count

    def as_json(self, lang: str | None = None) -> dict:
        """The shape printed by ``sillage ingest`` (docs/schema.md, "Ingest result").

        Its sentences (``refused``, ``notes``, each error's ``reason``, the ``skipped_reasons``
        keys) are English, or in ``lang`` when given (``sillage ingest --lang fr``).
        """
        payload = {
            "file": self.file,
            "format": self.format,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "rows_skipped": self.rows_skipped,
            "rows_merged": self.rows_merged,
            "skipped_reasons": dict(self.skipped_reasons),
            "columns_unused": list(self.columns_unused),
            "errors": [e.as_dict() for e in self.errors],
        }
        if self.needs_mapping:
            payload["needs_mapping"] = True
            payload["headers"] = list(self.headers)
        if self.near_miss:
            # What a mapping would start from: the nearly matched format and what it lacks.
            name, lacking = self.near_miss
            payload["near_miss"] = {"format": name, "missing": list(lacking)}
        if self.refused:
            payload["refused"] = self.refused
        if self.notes:
            payload["notes"] = self.notes
        if lang is not None:
            payload["skipped_reasons"] = {
                render(reason, lang): rows for reason, rows in self.skipped_reasons.items()
            }
            payload["errors"] = [
                {**e.as_dict(), "reason": render(e.reason, lang)} for e in self.errors
            ]
            if self.refused:
                payload["refused"] = render(self.refused, lang)
            if self.notes:
                payload["notes"] = [render(note, lang) for note in self.notes]
        return payload


@dataclass(frozen=True)
class Assignment:
    """What the caller says the file belongs to, when the file does not say it itself."""

    campaign_id: str | None = None
    client_name: str | None = None
    creator_handle: str | None = None
    as_of: dt.date | None = None  # date of a lifetime snapshot; defaults to the upload day
    # Which of the upload's posts are sponsored: "all", "none", "campaign_dates", "paid_label"
    # (store.sponsorship.apply_rule); None leaves the writers' own rule (part of a campaign).
    sponsored: str | None = None
    # The survey wave every row of the file belongs to (``--wave "+4 weeks"``; ingest.waves).
    wave: str | None = None

    def completed_by(self, mapping: Mapping | None) -> Assignment:
        """This assignment, with the mapping's file-wide values where the caller gave none."""
        if mapping is None or not mapping.values:
            return self
        values = mapping.values
        as_of = values.get("as_of")
        return Assignment(
            campaign_id=self.campaign_id or values.get("campaign"),
            client_name=self.client_name or values.get("client"),
            creator_handle=self.creator_handle or values.get("creator"),
            as_of=self.as_of or (dt.date.fromisoformat(as_of) if as_of else None),
            sponsored=self.sponsored,
            wave=self.wave or values.get("wave"),
        )


def _size_limit_bytes() -> int:
    return settings.get_int("max_upload_mb") * 1024 * 1024


def ingest_path(
    store: Store | Path,
    path: Path,
    assignment: Assignment | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
) -> IngestResult:
    size = path.stat().st_size
    with open(path, "rb") as stream:
        return ingest_stream(
            store, path.name, stream, size, assignment, progress, mapping=mapping, source=path
        )


def ingest_stream(
    store: Store | Path,
    file_name: str,
    stream: BinaryIO,
    size: int | None = None,
    assignment: Assignment | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
    source: Path | None = None,
) -> IngestResult:
    """Load one file into ``store`` (a ``Store``, or the path of a DuckDB file). ``mapping``
    overrides detection and is saved for the file's headers.

    ``source`` is the stream's file on disk, when there is one: it is archived by a kernel copy
    while its rows are read where it lies.

    The file is read, typed and checked in a staging connection of its own (in memory, spilling
    to a temporary folder of the archive); the store is held only for a moment at the
    start (migrations, the saved mapping of the headers) and for the final write, one short
    transaction that also writes the ``uploads`` row and gives the archived copy its kept name.
    Every failure comes back as ``refused`` with a plain message, never as an exception.
    """
    store = Store.open(store)
    assignment = assignment or Assignment()
    report = _monotonic(progress)
    result = IngestResult(file=file_name)
    limit = _size_limit_bytes()
    if size is not None and size > limit:
        result.refused = Message(
            "ingest.too_large", file=file_name, size=size / 1048576, limit=limit / 1048576
        )
        return result
    report(0.02, Message("ingest.progress.copying"))
    try:
        if source is not None:
            # The copy and its hash are made beside the read, which takes the file where it
            # lies: on two cores they cost the read little, and the write waits for them.
            archiving = _Archiving(store.archive, source)
            reading = source
        else:
            archiving = _Archiving.done(store.archive.keep_stream(stream))
            pending = archiving.wait()
            if pending.size > limit:
                archiving.discard()
                result.refused = Message(
                    "ingest.too_large_kept",
                    file=file_name,
                    size=pending.size / 1048576,
                    limit=limit / 1048576,
                )
                return result
            reading = pending.path
    except OSError as error:
        result.refused = _refusal(file_name, _os_failure(error, COPYING))
        return result
    sniffed: Sniffed | None = None
    detection: Detection | None = None
    try:
        sniffed = sniff(reading)
        result.headers = sniffed.headers
        with store.connect() as connection:
            # Held for a moment: migrations, leftovers of killed ingests, the saved mapping.
            store.archive.sweep(settings.get_float("archive_sweep_minutes"))
            detection = _detection(connection, sniffed, mapping)
        result.format, result.format_label = detection.format.name, detection.format.label
        result.columns_unused = _unused_columns(sniffed.headers, detection)
        used = assignment.completed_by(detection.mapping)
        _check_assignment(detection, used)
        report(0.1, Message("ingest.progress.recognised", label=detection.format.name))
        _load(store, reading, archiving, sniffed, detection, used, result, report)
        if result.rows_loaded == 0:
            result.notes.append(_nothing_loaded(result))
    except (DatabaseInUse, DatabaseDamaged) as unusable:
        # Nothing can be recorded in the database: the copy goes too.
        archiving.discard()
        _refuse(result, _refusal(file_name, said(unusable)))
        return result
    except UnknownFormat as refusal:
        _refuse(result, _refusal(file_name, said(refusal)))
        result.needs_mapping = True
        result.near_miss = getattr(refusal, "near_miss", None)
    except csv.Error as error:
        nothing = Message("ingest.nothing_stored", reason=unreadable_csv(error))
        _refuse(result, _refusal(file_name, nothing))
    except FileRefused as refusal:
        _refuse(result, _refusal(file_name, said(refusal)))
    except DiskFull as full:
        _refuse(result, _refusal(file_name, said(full)))
    except OSError as error:
        _refuse(result, _refusal(file_name, _os_failure(error, READING)))
    except duckdb.Error as error:
        if is_disk_full(error):
            _refuse(result, _refusal(file_name, str(DiskFull(READING))))
        else:
            failed = Message("ingest.load_failed", error=_first_line(error))
            _refuse(result, _refusal(file_name, failed))
    if result.refused:
        _record_refusal(store, archiving, sniffed, detection, assignment, result)
    report(1.0, Message("ingest.progress.done"))
    return result


# When a load failed, as its messages say it (``DiskFull`` keeps the English in its text).
COPYING = Message("ingest.when.copying")
READING = Message("ingest.when.reading")
RECORDING = Message("ingest.when.recording")
WRITING = Message("ingest.when.writing")


def _refusal(file_name: str, reason: str) -> Message:
    """A whole file's refusal: its name, then why ("name.csv: the file is empty")."""
    return Message("ingest.refused", file=file_name, reason=reason)


def unreadable_csv(error: csv.Error) -> Message:
    """A plain sentence for a file Python's CSV reader gives up on (its first lines are read to
    sniff the layout): a field over the reader's limit, a NUL byte."""
    text = str(error)
    if "field larger than field limit" in text:
        return Message("ingest.csv_field_too_long", limit=csv.field_size_limit())
    return Message("ingest.csv_unreadable", error=text)


def _nothing_loaded(result: IngestResult) -> Message:
    """Why a file that was read loaded no row (``sillage ingest`` exits 1 for it)."""
    if result.rows_read == 0:
        return Message("ingest.nothing_loaded_empty")
    parts = [
        Message(code, n=count)
        for count, code in (
            (result.rows_rejected, "ingest.part_rejected"),
            (result.rows_skipped, "ingest.part_skipped"),
            (result.rows_merged, "ingest.part_merged"),
        )
        if count
    ]
    return Message("ingest.nothing_loaded", n=result.rows_read, parts=join(parts, ", "))


def _os_failure(error: OSError, when: Message) -> str:
    """A plain sentence for an operating-system error met while loading a file."""
    if is_disk_full(error):
        return str(DiskFull(when))
    reason = error.strerror or str(error)
    return Message("ingest.load_failed_when", when=when, error=reason)


def _refuse(result: IngestResult, message: str) -> None:
    """Refuse the whole file: nothing of it is stored, so every row read counts as rejected."""
    result.refused = message
    result.rows_loaded = result.rows_merged = result.rows_skipped = 0
    result.skipped_reasons = {}
    result.rows_rejected = result.rows_read


def _record_refusal(
    store: Store,
    archiving: _Archiving,
    sniffed: Sniffed | None,
    detection: Detection | None,
    assignment: Assignment,
    result: IngestResult,
) -> None:
    """Write the refused file's ``uploads`` row (its copy is kept, for a second look)."""
    try:
        pending = archiving.wait()
    except OSError as error:
        failure = _os_failure(error, COPYING)
        if failure not in result.refused:
            result.refused = Message("ingest.with_detail", text=result.refused, detail=failure)
        archiving.discard()
        return
    try:
        with store.transaction() as connection:
            result.upload_id = store.next_upload_id(connection)
            _save_mapping(store, connection, sniffed, detection)
            _record_upload(store, connection, pending, sniffed, assignment, result, detection)
        pending.commit()
    except (DatabaseInUse, DatabaseDamaged) as unusable:
        archiving.discard()
        result.upload_id = None
        result.notes.append(Message("ingest.refusal_not_recorded", reason=said(unusable)))
    except (duckdb.Error, OSError) as error:
        archiving.discard()
        result.upload_id = None
        why = str(DiskFull(RECORDING)) if is_disk_full(error) else _first_line(error)
        result.notes.append(Message("ingest.refusal_not_recorded", reason=why))


def _save_mapping(
    store: Store, connection, sniffed: Sniffed | None, detection: Detection | None
) -> None:
    """Remember the mapping a file was read through, for the next file with its headers."""
    if sniffed is None or detection is None or detection.mapping is None:
        return
    store.save_mapping(
        connection,
        signature(sniffed.headers),
        detection.mapping.format,
        detection.mapping.as_json(),
    )


def _record_upload(
    store: Store,
    connection,
    pending: archive.Pending,
    sniffed: Sniffed | None,
    assignment: Assignment,
    result: IngestResult,
    detection: Detection | None,
) -> None:
    store.record_upload(
        connection,
        Upload(
            upload_id=result.upload_id,
            file_name=result.file,
            sha256=pending.sha256,
            size_bytes=pending.size,
            raw_path=pending.final,
            status="refused" if result.refused else "loaded",
            message=result.refused,
            detected_format=result.format,
            encoding=sniffed.encoding if sniffed else None,
            delimiter=sniffed.delimiter if sniffed else None,
            rows_read=result.rows_read,
            rows_loaded=result.rows_loaded,
            rows_rejected=result.rows_rejected,
            rows_skipped=result.rows_skipped,
            rows_merged=result.rows_merged,
            errors=[e.as_stored() for e in result.errors],
            skipped_reasons=result.skipped_reasons,
            columns_unused=result.columns_unused,
            campaign_ids=result.campaign_ids,
            client_id=_client_of(connection, result.campaign_ids, assignment.client_name),
            mapping=detection.mapping.as_json()
            if detection is not None and detection.mapping is not None
            else None,
        ),
    )


class _Archiving:
    """The archive copy of an upload, made in a thread while the rows are read.

    ``wait`` gives the ``archive.Pending`` copy once it is made, or raises its error; ``check``
    refuses the file when its size or modification time moved between the start of the load and
    the end of the read, as the rows read and the bytes archived may then differ. ``discard``
    removes the copy (an upload that is not recorded leaves no file behind).
    """

    def __init__(self, kept_in: archive.Archive | None = None, source: Path | None = None) -> None:
        self._source = source
        self._stamp = _stamp(source) if source is not None else None
        self._kept: archive.Pending | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if source is not None:
            self._thread = threading.Thread(
                target=self._copy, args=(kept_in, source), name="sillage-archive", daemon=True
            )
            self._thread.start()

    @classmethod
    def done(cls, kept: archive.Pending) -> _Archiving:
        made = cls()
        made._kept = kept
        return made

    def _copy(self, kept_in: archive.Archive, source: Path) -> None:
        try:
            self._kept = kept_in.keep_path(source)
        except OSError as error:  # handed to the waiting thread
            full = is_disk_full(error)
            self._error = DiskFull(COPYING) if full else error
        except BaseException as error:
            self._error = error

    def wait(self) -> archive.Pending:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._kept is not None
        return self._kept

    def check(self) -> None:
        size = self.wait().size
        if self._source is None:
            return
        if self._stamp is None or _stamp(self._source) != self._stamp or size != self._stamp[0]:
            raise FileRefused(Message("ingest.changed"))

    def discard(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._kept is not None:
            self._kept.discard()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:  # moved or deleted meanwhile
        return None
    return stat.st_size, stat.st_mtime_ns


def _client_of(connection, campaign_ids: list[str], client_name: str | None) -> int | None:
    """The one client an upload belongs to, when there is one."""
    found = connection.execute(
        "SELECT DISTINCT client_id FROM campaigns WHERE list_contains(?::TEXT[], campaign_id) "
        "UNION SELECT client_id FROM clients WHERE lower(name) = lower(?)",
        [campaign_ids, client_name],
    ).fetchall()
    return found[0][0] if len(found) == 1 else None


def _monotonic(progress: Progress | None) -> Progress:
    """A reporter that never goes backwards (each SQL statement restarts DuckDB's own progress)."""
    highest = [0.0]

    def report(fraction: float, message: str) -> None:
        highest[0] = max(highest[0], fraction)
        if progress is not None:
            progress(highest[0], message)

    return report


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:300]


def _detection(connection, sniffed: Sniffed, mapping: Mapping | None) -> Detection:
    headers = sniffed.headers
    if mapping is None:
        saved = saved_mapping_row(connection, signature(headers))
        if saved:
            mapping = stored_mapping(*saved)
            group = mapping.values.get("group")
            if group and "group" not in mapping.fields:
                # One file of this layout held the group's answers; this one may hold the other.
                raise UnknownFormat(Message("ingest.mapped_for_group", group=group), headers)
    if mapping is not None:
        # Saved for these headers by the write that records the upload (_save_mapping).
        return _mapped(headers, mapping)
    detection = detect(headers)
    if detection is None:
        near = near_miss(headers)
        if near is None:
            raise UnknownFormat(Message("ingest.unknown_format", headers=headers[:12]), headers)
        fmt, missing = near
        lacking = tuple(field_header(fmt, name) for name in missing)
        refusal = UnknownFormat(
            Message(
                "ingest.near_miss", label=fmt.name, lacking=list(lacking), headers=headers[:12]
            ),
            headers,
        )
        refusal.near_miss = (fmt.name, lacking)
        raise refusal
    for group in one_of(detection.format.name):
        if not any(name in detection.columns for name in group):
            # Recognised, but nothing to compute from: mapped once, never loaded as nulls.
            raise UnknownFormat(
                Message(
                    "ingest.near_miss",
                    label=detection.format.name,
                    lacking=" or ".join(group),
                    headers=headers[:12],
                ),
                headers,
            )
    return detection


def _header_index(headers: list[str]) -> dict[str, int]:
    """Header -> column, by exact text, then by the normalised text (case, accents, spaces)."""
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        index.setdefault(header, position)
    for position, header in enumerate(headers):
        index.setdefault(normalise_header(header), position)
    return index


def _column_of(index: dict[str, int], header: str) -> int | None:
    found = index.get(header)
    return found if found is not None else index.get(normalise_header(header))


def _mapped(headers: list[str], mapping: Mapping) -> Detection:
    """The detection a user's mapping stands for, once its columns are found in the file."""
    fmt = FORMATS_BY_NAME[mapping.format]
    index = _header_index(headers)
    missing = [h for h in mapping.headers() if _column_of(index, h) is None]
    if missing:
        raise FileRefused(Message("ingest.mapping_missing_columns", headers=missing))
    columns = {name: _column_of(index, header) for name, header in mapping.fields.items()}
    required = needed_fields(fmt.name, mapping.values)
    unmapped = [name for name in required if name not in columns]
    unmapped += [" or ".join(g) for g in one_of(fmt.name) if not any(n in columns for n in g)]
    if unmapped:
        raise FileRefused(Message("ingest.mapping_unmapped", fields=unmapped))
    if fmt.kind == "survey_wide" and not mapping.questions and not wide_question_columns(headers):
        raise FileRefused(Message("ingest.mapping_no_question"))
    _, en_hits, fr_hits = _match(fmt, headers)
    locale = locale_by_votes(en_hits, fr_hits)
    if fr_hits == en_hits:
        probe = detect(headers)
        locale = probe.locale if probe else _locale_of_words(headers)
    currency = next((c for h in headers if (c := header_currency(h))), None)
    used = set(columns.values())
    return Detection(
        fmt,
        columns,
        locale,
        currency,
        tuple(h for i, h in enumerate(headers) if i not in used),
        mapping=mapping,
        headers=tuple(headers),
        required=tuple(name for name in fmt.required if name in required)
        + tuple(name for name in required if name not in fmt.required),
    )


FRENCH_WORDS = re.compile(
    r"\b(le|la|les|des|du|de|vous|votre|avez|quel|quelle|publication|date de|nombre)\b"
)


def _locale_of_words(headers: list[str]) -> str:
    text = " ".join(normalise_header(h) for h in headers)
    french = len(FRENCH_WORDS.findall(text)) >= 2  # two French words make a French layout
    return locale_by_votes(en_hits=not french, fr_hits=french)


def _question_indexes(headers: list[str], detection: Detection) -> set[int]:
    """Columns read as survey questions: the mapping's, or those found by name."""
    if detection.format.kind != "survey_wide":
        return set()
    mapping = detection.mapping
    if mapping is not None and mapping.questions:
        index = _header_index(headers)
        return {_column_of(index, header) for q in mapping.questions for header in q.headers()}
    return {i for roles in wide_question_columns(headers).values() for i in roles.values()}


def _unused_columns(headers: list[str], detection: Detection) -> list[str]:
    """The file's headers whose cells Sillage keeps nowhere."""
    used = set(detection.columns.values()) | _question_indexes(headers, detection)
    return [h for i, h in enumerate(headers) if i not in used]


def _check_assignment(detection: Detection, assignment: Assignment) -> None:
    """Refuse what the writers would otherwise file under a made-up name."""
    if detection.format.kind in ("account_daily", "audience") and not assignment.creator_handle:
        raise MissingAssignment(Message("ingest.no_account"))


def _transcode(kept: Path, sniffed: Sniffed, store: Store) -> archive._Held:
    """A UTF-8 copy for DuckDB's reader, written in chunks (the original stays as uploaded)."""
    target = store.archive.working_copy()
    decoder = codecs.getincrementaldecoder(python_codec(sniffed.encoding))(errors="strict")
    try:
        with (
            open(kept, "rb") as source,
            open(target.path, "w", encoding="utf-8", newline="") as out,
        ):
            first = True
            while chunk := source.read(archive.CHUNK_BYTES):
                text = decoder.decode(chunk)
                if first:
                    text, first = text.lstrip("\ufeff"), False
                out.write(text)
            out.write(decoder.decode(b"", final=True))
    except BaseException:
        target.discard()
        raise
    return target


@contextlib.contextmanager
def _progress_while(connection, report: Progress, low: float, high: float, message: str):
    """Report DuckDB's own progress on the running statement, scaled into [low, high]."""
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(0.25):
            try:
                percent = connection.query_progress()
            except duckdb.Error:
                return
            if percent >= 0:
                report(low + (high - low) * percent / 100, message)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        yield
    finally:
        stop.set()
        poller.join()


@contextlib.contextmanager
def _staging(store: Store):
    """An in-memory DuckDB connection for reading and typing one file, with the ingest's memory
    limit, and its folder: what does not fit in memory spills there, and a large file's copy of
    the database is written there. The folder is removed after."""
    spill = store.archive.staging_dir()
    try:
        connection = duckdb.connect(
            ":memory:",
            config={
                "memory_limit": settings.get("ingest_memory_limit"),
                "temp_directory": str(spill.path),
            },
        )
        try:
            yield connection, spill.path
        finally:
            connection.close()
    finally:
        spill.discard()


class _ChangedMeanwhile(Exception):
    """Another program wrote to the database while a file was written into a copy of it."""


def _load(
    store: Store,
    reading: Path,
    archiving: _Archiving,
    sniffed: Sniffed,
    detection: Detection,
    assignment: Assignment,
    result: IngestResult,
    report: Progress,
) -> None:
    """Stage and check the file outside the database, then write it in one short transaction.

    A large file (``SILLAGE_INGEST_COPY_ROWS`` rows or more) is written into a copy of the
    database, swapped in at the end if nothing else was written meanwhile: readers then wait
    only for the copy and the swap. If something was, the file is loaded again, in place.
    """
    initial = copy.deepcopy(result)
    readable, working = reading, None
    if sniffed.needs_transcoding:
        # The working copy is named at random, never after the upload's name.
        working = _transcode(archiving.wait().path, sniffed, store)
        readable = working.path
    try:
        try:
            _load_once(store, readable, archiving, sniffed, detection, assignment, result, report)
        except _ChangedMeanwhile:
            for name, value in vars(copy.deepcopy(initial)).items():
                setattr(result, name, value)
            _load_once(
                store,
                readable,
                archiving,
                sniffed,
                detection,
                assignment,
                result,
                report,
                in_place=True,
            )
    finally:
        if working is not None:
            working.discard()


def _load_once(
    store: Store,
    readable: Path,
    archiving: _Archiving,
    sniffed: Sniffed,
    detection: Detection,
    assignment: Assignment,
    result: IngestResult,
    report: Progress,
    in_place: bool = False,
) -> None:
    with _staging(store) as (connection, folder):
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute(MACROS)
        # Needed for query_progress(), which drives the progress bar of long uploads.
        connection.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
        rules = _file_rules(sniffed, detection)
        # ``staged`` is a temporary table of the staging connection: its row ids count
        # records from 0, which error lines are computed from.
        with _progress_while(connection, report, 0.12, 0.7, Message("ingest.progress.reading")):
            try:
                _stage(connection, readable, sniffed, detection, rules)
            except duckdb.Error as error:
                if is_disk_full(error):
                    raise
                raise FileRefused(
                    Message("ingest.csv_unreadable", error=_first_line(error))
                ) from error
        report(0.72, Message("ingest.progress.checking"))
        _collect_rejections(connection, readable, sniffed, detection, result)
        archiving.check()
        pending = archiving.wait()
        report(0.75, Message("ingest.progress.writing"))
        try:
            _write_to(
                connection,
                store,
                folder,
                pending,
                sniffed,
                detection,
                assignment,
                result,
                report,
                in_place,
            )
        except (duckdb.Error, OSError) as error:
            if isinstance(error, DiskFull) or not is_disk_full(error):
                raise
            result.upload_id = None
            raise DiskFull(WRITING) from error
    # Committed: the copy takes the name the uploads row gives it.
    try:
        pending.commit()
    except OSError as error:
        result.notes.append(Message("ingest.copy_not_kept", reason=error.strerror or str(error)))


def _write_to(
    connection,
    store: Store,
    folder: Path,
    pending: archive.Pending,
    sniffed: Sniffed,
    detection: Detection,
    assignment: Assignment,
    result: IngestResult,
    report: Progress,
    in_place: bool,
) -> None:
    """Write the staged file into the store, or into a copy of it swapped in after."""
    target, stamp = store, None
    large = result.rows_read >= settings.get_int("ingest_copy_rows")
    if not in_place and large and store.copies_large_writes:
        target = store.scratch(folder)
        stamp = snapshot_copy(store, target)
    # The target is held from here to the end of the block: the writers read and write its
    # tables by their plain names, ``staged`` stays the staging connection's.
    with target.attached(connection):
        _write(connection, store, pending, sniffed, detection, assignment, result, report)
        if stamp is not None:
            connection.execute(f"CHECKPOINT {ATTACHED}")
    if stamp is not None:
        if not target.fully_written():
            raise FileRefused(Message("ingest.copy_incomplete"))
        if not replace_if_unchanged(store, target, stamp):
            result.upload_id = None
            raise _ChangedMeanwhile


def _write(
    connection,
    store: Store,
    pending: archive.Pending,
    sniffed: Sniffed,
    detection: Detection,
    assignment: Assignment,
    result: IngestResult,
    report: Progress,
) -> None:
    """The file's one transaction: its rows, its mapping and its ``uploads`` row."""
    connection.execute("BEGIN TRANSACTION")
    try:
        result.upload_id = store.next_upload_id(connection)
        _save_mapping(store, connection, sniffed, detection)
        with _progress_while(connection, report, 0.75, 0.98, Message("ingest.progress.writing")):
            writers.write(connection, detection, assignment, result)
        if assignment.sponsored:
            from store import sponsorship  # written beside the ingest; only here

            sponsorship.apply_rule(connection, assignment.sponsored, result.upload_id)
        _record_upload(store, connection, pending, sniffed, assignment, result, detection)
        connection.execute("COMMIT")
    except BaseException as error:
        # A failed COMMIT has already ended the transaction.
        with contextlib.suppress(duckdb.Error):
            connection.execute("ROLLBACK")
        result.upload_id = None
        if isinstance(error, duckdb.Error) and is_disk_full(error):
            raise DiskFull(WRITING) from error
        raise


@dataclass(frozen=True)
class FileRules:
    decimal_comma: bool
    date_formats: dict[str, tuple[list[str], bool]]
    spaces: tuple[str, ...]  # digit-group spaces seen in the sample's numbers


def _file_rules(sniffed: Sniffed, detection: Detection) -> FileRules:
    """Per-file decisions, taken once from the sample rows."""
    fmt = detection.format
    numeric_samples, date_formats = [], {}
    for name, index in detection.columns.items():
        fld = fmt.field(name)
        values = [row[index] for row in sniffed.sample_rows if index < len(row)]
        if fld.type in (DATE, TIMESTAMP):
            date_formats[name] = choose_date_formats(values, detection.locale)
        elif fld.type != TEXT:
            numeric_samples.extend(values)
    return FileRules(
        choose_decimal_comma(numeric_samples, detection.locale),
        date_formats,
        spaces_in(numeric_samples),
    )


# The reader's options are fixed here, not sniffed again by DuckDB: the header row is skipped
# and every column is text, so no value is lost to a wrong type guess. ``strict_mode`` rejects a
# record with more fields than the header (an unquoted separator in a value) or with text after
# a closing quote, which the lenient reader would cut to the header's width without a word.
READER_MAX_LINE_BYTES = 10_000_000
READER_SQL = (
    "read_csv(?, delim = ?, quote = '\"', escape = '\"', header = false, skip = ?, "
    "columns = {columns}, auto_detect = false, strict_mode = true, null_padding = false, "
    "ignore_errors = true, store_rejects = true, rejects_table = 'sl_rejects', "
    "rejects_scan = 'sl_reject_scans', max_line_size = " + str(READER_MAX_LINE_BYTES) + ")"
)
TOTAL_WORDS = "('total', 'totals', 'totaux', 'total general', 'total général')"

# Date columns are read as text first and typed afterwards, in place. A per-day export repeats a
# few hundred dates over millions of rows: each distinct text is then parsed once and written back
# through a join.
# Whether the texts repeat is judged on the first rows, for the price of a glance.
DATE_TEXTS_SQL = (
    "SELECT count(text), count(DISTINCT text) FROM (SELECT {text} AS text FROM staged LIMIT 100000)"
)
# No filter on the parsed value here: the optimizer would push it below the DISTINCT and parse
# every cell.
DATE_LOOKUP_SQL = (
    "CREATE OR REPLACE TEMP TABLE sl_dates AS SELECT text, {typed} AS value "
    "FROM (SELECT DISTINCT {text} AS text FROM staged WHERE {text} IS NOT NULL)"
)
DATE_JOIN_SQL = 'UPDATE staged SET "{name}" = d.value FROM sl_dates d WHERE d.text = staged.{text}'
DATE_UNREADABLE_SQL = (
    "SELECT count(*) FROM sl_dates WHERE value IS NULL AND nullif(trim(text), '') IS NOT NULL"
)
DATE_INLINE_SQL = 'UPDATE staged SET "{name}" = {typed} WHERE {text} IS NOT NULL'
# Above this share of distinct texts, a lookup costs more than parsing every cell where it is.
DATE_LOOKUP_MAX_SHARE = 0.2


@dataclass(frozen=True)
class _Check:
    """One cell check of ``__bad_columns``: ``sql`` is true when the cell at ``index`` is bad.

    ``kind`` says why: "" the cell cannot be read (or is missing), "negative" a count, amount or
    rate below zero, "date" a posting date outside the plausible span.
    """

    index: int
    sql: str
    deferred: bool = False  # a date check, known only once the dates are typed
    kind: str = ""

    @property
    def token(self) -> str:
        """How the check is written in ``__bad_columns``: "4", or "4:negative"."""
        return f"{self.index}:{self.kind}" if self.kind else str(self.index)


def _stage(
    connection, readable: Path, sniffed: Sniffed, detection: Detection, rules: FileRules
) -> None:
    """Read the file as text and type it into ``staged``, one row per record, in file order.

    The table is created straight from the reader, so its row ids count the records from 0;
    the dates typed afterwards are written in place and keep them.
    """
    width = len(sniffed.headers)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    fmt = detection.format
    typed_columns: list[str] = []  # typed from the cells ``c0``, ``c1``... of the reader
    names: list[str] = []  # the columns of ``staged``
    checks: list[_Check] = []
    # (field, its text column, the parse of a lookup's "text", the parse of the text column)
    dates: list[tuple[str, str, str, str]] = []
    for name, index in detection.columns.items():
        fld = fmt.field(name)
        raw, column = f"c{index}", f'"{name}"'

        def typed(cell: str, fld=fld, name=name, index=index) -> str:
            return typed_sql(
                cell,
                fld.type,
                rules.decimal_comma,
                rules.date_formats.get(name, ([], False)),
                percent_header="%" in sniffed.headers[index],
                spaces=rules.spaces,
            )

        if fld.type in (DATE, TIMESTAMP):
            text = f"__text_{len(dates)}"
            typed_columns += [f"NULL::TIMESTAMP AS {column}", f"{raw} AS {text}"]
            names += [column, text]
            dates.append((name, text, typed("text"), typed(text)))
            checks.append(_Check(index, f"({column} IS NULL AND {_present(text)})", True))
            continue
        typed_columns.append(f"{typed(raw)} AS {column}")
        names.append(column)
        if fld.type != TEXT:
            unreadable = f"{column} IS NULL AND {_present(raw)}"
            if fld.type in NUMERIC_TYPES:
                unreadable = f"({unreadable}) OR NOT isfinite({column})"  # nan, inf, 1e309
            checks.append(_Check(index, unreadable))
        if not can_be_negative(name, fld.type):
            checks.append(_Check(index, f"{column} < 0", kind="negative"))
        if fld.type == RATE:  # a share: 141.5 % of respondents cannot be positive
            checks.append(_Check(index, f"{column} > 1", kind="above_all"))
        elif fld.type == FLOAT:  # amounts and hours: 1e308 is a typing slip, not a fee
            checks.append(_Check(index, f"abs({column}) >= {AMOUNT_LIMIT:.0e}", kind="range"))
    if fmt.kind.startswith("survey") and "group" in detection.columns:
        # A respondent in neither group cannot enter a lift: the row is rejected where it is.
        group = writers._group_sql(detection)
        checks.append(
            _Check(
                detection.columns["group"],
                f"({group}) IS NULL AND nullif(trim(\"group\"), '') IS NOT NULL",
                kind="group",
            )
        )
    if {"positive_count", "respondents"} <= detection.columns.keys():
        checks.append(
            _Check(
                detection.columns["positive_count"],
                '"positive_count" > "respondents"',
                kind="exceeds",
            )
        )
    for name in detection.required_fields:
        if fmt.field(name).type == TEXT:  # a text field is its trimmed cell, or NULL
            checks.append(_Check(detection.columns[name], f'"{name}" IS NULL'))
    mapped_questions = detection.mapping is not None and detection.mapping.questions
    if fmt.kind == "survey_wide" and mapped_questions:
        # The raw answer cells of the mapping's questions, as ``x<column>``.
        for index in sorted(_question_indexes(sniffed.headers, detection)):
            typed_columns.append(f"nullif(trim(c{index}), '') AS \"x{index}\"")
            names.append(f'"x{index}"')
    extra = wide_question_columns(sniffed.headers) if fmt.kind == "survey_wide" else {}
    for question, roles in ({} if mapped_questions else extra).items():
        for role, index in roles.items():
            typed_columns.append(f"nullif(trim(c{index}), '') AS \"q:{question}:{role}\"")
            names.append(f'"q:{question}:{role}"')
    total = "false"
    if fmt.totals_key in detection.columns:
        total = _total_sql(f"c{detection.columns[fmt.totals_key]}", fmt.kind == "ads")
    if detection.mapping is not None and fmt.totals_key and 0 not in detection.columns.values():
        # A mapped export may write its "Total" in a first column Sillage does not keep.
        total = f"({total} OR {_total_sql('c0', False)})"
    # Google Ads ends its downloads with "Total: Account", "Total: Campaigns"... in the first
    # column, whatever that column holds.
    total = f"({total} OR {_labelled_total_sql('c0')})"
    bad = _bad_columns_sql([c for c in checks if not c.deferred], "__total")
    connection.execute("DROP TABLE IF EXISTS staged")
    # Cells are typed in the inner query and checked in the outer one, so that each typed value
    # is written once: repeated, the optimizer would hoist its parts and run them on every cell.
    connection.execute(
        f"CREATE TEMP TABLE staged AS SELECT {', '.join(names)}, __total, {bad} AS __bad_columns "
        f"FROM (SELECT *, {', '.join(typed_columns)}, {total} AS __total "
        f"FROM {READER_SQL.format(columns=columns)})",
        [str(readable), sniffed.delimiter, sniffed.preamble_lines + 1],
    )
    if dates:
        _type_dates(connection, dates, checks)
    today = dt.date.today()
    for name in POST_DATE_FIELDS:
        if name in detection.columns and fmt.field(name).type in (DATE, TIMESTAMP):
            token = _Check(detection.columns[name], "", kind="date").token
            outside = outside_post_dates_sql(f'"{name}"', today)
            connection.execute(
                f"UPDATE staged SET __bad_columns = concat_ws(',', nullif(__bad_columns, ''), "
                f"'{token}') WHERE NOT __total AND {outside}"
            )


def _total_sql(cell: str, blank_is_total: bool) -> str:
    """Whether the cell names a totals row.

    A totals word starts with a "t" once trimmed, so a cell starting with any other ASCII letter
    or digit is settled by its first character, without trimming and lower-casing every cell.
    """
    first = f"unicode({cell})"
    other = " OR ".join(
        f"{first} BETWEEN {low} AND {high}"
        for low, high in ((48, 57), (65, 83), (85, 90), (97, 115), (117, 122))
    )
    key = f"lower(trim({cell}))"
    total = f"coalesce(CASE WHEN {other} THEN false ELSE {key} IN {TOTAL_WORDS} END, false)"
    if blank_is_total:  # Ads Manager puts a blank-named summary row first
        total = f"({total} OR coalesce({key}, '') = '')"
    return total


def _labelled_total_sql(cell: str) -> str:
    """Whether the cell reads "Total: …" (a labelled totals row); settled by the first letter."""
    return (
        f"coalesce(CASE WHEN unicode({cell}) IN (84, 116) "
        f"THEN regexp_matches(lower({cell}), '^total\\s*:') ELSE false END, false)"
    )


def _present(column: str) -> str:
    return f"nullif(trim({column}), '') IS NOT NULL"


def _bad_columns_sql(checks: list[_Check], total: str = "false") -> str:
    """The indexes of the row's bad cells, comma-separated in check order ('' when none).

    Text, not a list: DuckDB updates a list cell by deleting and re-inserting its row, which would
    renumber the row ids that error lines are computed from; a text cell is updated in place.
    """
    if not checks:
        return "''"
    listed = ", ".join(f"CASE WHEN {c.sql} THEN '{c.token}' END" for c in checks)
    bad = f"concat_ws(',', {listed})"
    return bad if total == "false" else f"CASE WHEN {total} THEN '' ELSE {bad} END"


def _type_dates(connection, dates: list[tuple[str, str, str, str]], checks: list[_Check]) -> None:
    """Fill the date columns of ``staged`` from their text, then flag the unreadable ones."""
    unreadable_seen = False
    for name, text, lookup, inline in dates:
        cells, distinct = connection.execute(DATE_TEXTS_SQL.format(text=text)).fetchone()
        if distinct <= DATE_LOOKUP_MAX_SHARE * cells:
            connection.execute(DATE_LOOKUP_SQL.format(text=text, typed=lookup))
            unreadable_seen |= connection.execute(DATE_UNREADABLE_SQL).fetchone()[0] > 0
            connection.execute(DATE_JOIN_SQL.format(name=name, text=text))
            connection.execute("DROP TABLE sl_dates")
        else:  # few repeats: every cell is parsed where it stands
            connection.execute(DATE_INLINE_SQL.format(name=name, text=text, typed=inline))
            unreadable_seen = True
    if unreadable_seen:
        # Only rows with an unreadable date get their list rebuilt, in the same check order.
        rebuilt = [
            c
            if c.deferred
            else _Check(
                c.index,
                f"list_contains(string_split(__bad_columns, ','), '{c.token}')",
                kind=c.kind,
            )
            for c in checks
        ]
        unreadable = " OR ".join(c.sql for c in checks if c.deferred)
        connection.execute(
            f"UPDATE staged SET __bad_columns = {_bad_columns_sql(rebuilt)} "
            f"WHERE NOT __total AND ({unreadable})"
        )
    for _, text, _, _ in dates:
        connection.execute(f"ALTER TABLE staged DROP COLUMN {text}")


def _record_lines(
    readable: Path, sniffed: Sniffed, wanted: set[int], skipped: frozenset[int] = frozenset()
) -> dict[int, int]:
    """Physical line (header = 1) of the data records at the given positions, for error messages.

    Only reached when a file has rejected cells; quoted fields with line breaks make the record
    number and the line number differ, so the text is walked rather than guessed. ``skipped``
    holds the lines the CSV reader rejected records at: they have no row in ``staged``.
    """
    return {position: line for position, line, _ in _records(readable, sniffed, wanted, skipped)}


def _records(
    readable: Path, sniffed: Sniffed, wanted: set[int], skipped: frozenset[int]
) -> Iterator[tuple[int, int, list[str]]]:
    """(position in ``staged``, physical first line, cells) of the wanted records, in file order.

    A record counts as DuckDB counts it: blank lines and the records it rejected (known by the
    line they start on) are passed over, whatever their width.
    """
    if not wanted:
        return
    last = max(wanted)
    # DuckDB reads records up to its own line limit; Python's reader stops at 128 KiB by default.
    csv.field_size_limit(max(csv.field_size_limit(), READER_MAX_LINE_BYTES + 1))
    with open(readable, encoding="utf-8-sig", newline="", errors="replace") as handle:
        for _ in range(sniffed.preamble_lines):
            handle.readline()
        reader = csv.reader(handle, delimiter=sniffed.delimiter)
        try:
            next(reader, None)
            position, previous_end = 0, reader.line_num
            for row in reader:
                start = previous_end + 1 + sniffed.preamble_lines
                previous_end = reader.line_num
                if not row or start in skipped:
                    continue
                if position in wanted:
                    yield position, start, row
                position += 1
                if position > last:
                    return
        except csv.Error:  # text Python's reader cannot follow: the rest stays without a line
            return


def _collect_rejections(
    connection, readable: Path, sniffed: Sniffed, detection: Detection, result: IngestResult
) -> None:
    limit = settings.get_int("errors_reported")
    errors: list[RowError] = []
    # Records the CSV reader itself refused (wrong number of fields, junk lines, bad quoting).
    # The reader logs one entry per missing column: one rejected record is one line start.
    reader_rejects = connection.execute(
        "SELECT line_byte_position, arg_min(error_type, byte_position), "
        "arg_min(error_message, byte_position), arg_min(csv_line, byte_position), "
        "arg_min(column_idx, byte_position) "
        "FROM sl_rejects GROUP BY line_byte_position ORDER BY line_byte_position"
    ).fetchall()
    rejected_by_reader = len(reader_rejects)
    # Every rejected record's line: the walk that finds the lines of bad cells passes over them.
    line_of = _lines_at_offsets(readable, [row[0] for row in reader_rejects])
    skipped = frozenset(line_of.values())
    for offset, error_type, message, csv_line, column_idx in reader_rejects[:limit]:
        column = None
        if error_type not in ("MISSING COLUMNS", "TOO MANY COLUMNS") and column_idx:
            # The reader counts fields from 1.
            if 0 < column_idx <= len(sniffed.headers):
                column = sniffed.headers[column_idx - 1]
        errors.append(
            RowError(line_of.get(offset), column, _reader_reason(error_type, message, csv_line))
        )
    connection.execute("DROP TABLE IF EXISTS sl_rejects")
    connection.execute("DROP TABLE IF EXISTS sl_reject_scans")
    # Cells that are present but cannot be read as their column's type, required cells left
    # empty, and impossible values (a negative count, a posting date in 1900 or 2099).
    bad_cells = connection.execute(
        "SELECT rowid, __bad_columns FROM staged WHERE len(__bad_columns) > 0 ORDER BY rowid LIMIT ?",
        [limit],
    ).fetchall()
    bad_count = connection.execute(
        "SELECT count(*) FROM staged WHERE len(__bad_columns) > 0"
    ).fetchone()[0]
    if bad_cells:
        wanted = {row[0] for row in bad_cells}
        lines: dict[int, int] = {}
        values: dict[tuple[int, int], str] = {}
        for position, line, row in _records(readable, sniffed, wanted, skipped):
            lines[position] = line
            values.update({(position, i): value for i, value in enumerate(row)})
        by_index = {index: name for name, index in detection.columns.items()}
        dated = _dates_of(connection, detection, bad_cells)
        today = dt.date.today()
        for rowid, tokens in bad_cells:
            for token in tokens.split(","):
                index_text, _, kind = token.partition(":")
                index = int(index_text)
                name = by_index[index]
                fld = detection.format.field(name)
                value = values.get((rowid, index), "")
                if kind == "negative":
                    reason = negative_reason(name, value)
                elif kind == "above_all":
                    reason = above_all_reason(name, value)
                elif kind == "range":
                    reason = out_of_range_reason(fld.type, value)
                elif kind == "group":
                    reason = Message("ingest.row.group", value=value.strip()[:60])
                elif kind == "exceeds":
                    respondents = values.get((rowid, detection.columns["respondents"]), "")
                    reason = Message(
                        "ingest.row.exceeds",
                        positive=value.strip()[:20],
                        respondents=respondents.strip()[:20],
                    )
                elif kind == "date" and (rowid, name) in dated:
                    reason = post_date_reason(dated[(rowid, name)], today)
                elif value.strip():
                    reason = unreadable_reason(fld.type, value)
                else:
                    reason = Message("ingest.row.required")
                errors.append(RowError(lines.get(rowid), sniffed.headers[index], reason))
    result.rows_read = (
        connection.execute("SELECT count(*) FROM staged").fetchone()[0] + rejected_by_reader
    )
    result.rows_rejected = rejected_by_reader + bad_count
    result.errors = sorted(errors, key=lambda e: e.line or 0)[:limit]


def _dates_of(
    connection, detection: Detection, bad_cells: list[tuple[int, str]]
) -> dict[tuple[int, str], dt.date]:
    """The typed dates of the posting-date checks among ``bad_cells``, by (row id, field)."""
    found: dict[tuple[int, str], dt.date] = {}
    rowids = [rowid for rowid, tokens in bad_cells if ":date" in tokens]
    for name in POST_DATE_FIELDS:
        if not rowids or name not in detection.columns:
            continue
        rows = connection.execute(
            f'SELECT rowid, CAST("{name}" AS DATE) FROM staged '
            "WHERE list_contains(?::BIGINT[], rowid)",
            [rowids],
        ).fetchall()
        found.update({(rowid, name): value for rowid, value in rows if value is not None})
    return found


def _raw_cells(readable: Path, sniffed: Sniffed, wanted: set[int]) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    width = len(sniffed.headers)
    with open(readable, encoding="utf-8-sig", newline="") as handle:
        for _ in range(sniffed.preamble_lines):
            handle.readline()
        reader = csv.reader(handle, delimiter=sniffed.delimiter)
        next(reader, None)
        position = 0
        for row in reader:
            if not row or len(row) != width:
                continue
            if position in wanted:
                cells.update({(position, i): value for i, value in enumerate(row)})
            position += 1
            if position > max(wanted):
                break
    return cells


def _lines_at_offsets(readable: Path, offsets: list[int]) -> dict[int, int]:
    """Line numbers (1-based) of byte offsets in the file DuckDB read."""
    lines, wanted = {}, sorted(set(offsets))
    count, position = 0, 0
    with open(readable, "rb") as handle:
        for offset in wanted:
            chunk = handle.read(offset - position)
            count += chunk.count(b"\n")
            position = offset
            lines[offset] = count + 1
    return lines


# DuckDB's CSV reader errors that have a message of their own: "ingest.row.reader.cast", ...
READER_ERRORS = frozenset(
    {
        "cast",
        "unquoted value",
        "line size over maximum",
        "invalid unicode",
        "invalid encoding",
        "invalid state",
    }
)


def _reader_reason(error_type: str, message: str, csv_line: str) -> Message:
    line = (csv_line or "").strip()[:60]
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message or "")
    if error_type == "TOO MANY COLUMNS" and counts:
        expected, found = map(int, counts.groups())
        return Message("ingest.row.too_many_fields", found=found, expected=expected, line=line)
    if error_type in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        detail = message.split(".")[0].lower()
        if counts:
            expected, found = map(int, counts.groups())
            said_counts = Message(
                "ingest.row.not_data_counts", expected=expected, found=found, line=line
            )
            if said_counts == f"not a data row ({detail}): {line!r}":
                return said_counts
        return Message("ingest.row.not_data", detail=detail, line=line)
    kind = error_type.lower()
    detail = message.splitlines()[0][:120]
    if kind in READER_ERRORS:
        return Message(f"ingest.row.reader.{kind.replace(' ', '_')}", detail=detail)
    return Message("ingest.row.reader", kind=kind, detail=detail)


def describe_format(fmt: ExportFormat) -> str:
    return fmt.label
