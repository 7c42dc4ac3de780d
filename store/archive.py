"""Raw bytes of every upload, kept beside the database and named by their SHA-256.

A user's file name is only ever stored as text in ``uploads.file_name``: it never becomes a path.

An upload's copy is written under a temporary name (``.incoming-…``) and only takes its final
name, ``<sha256>.raw``, when the upload's row is committed (``Pending.commit``): an ingest killed
half-way leaves no file that looks kept. Each temporary file is held with an advisory lock by the
process writing it; ``sweep`` removes those no live process holds, once they are older than
``SILLAGE_ARCHIVE_SWEEP_MINUTES``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # not on Windows: the age of a leftover is then the only guard
    fcntl = None

CHUNK_BYTES = 8 * 1024 * 1024
INCOMING = ".incoming-"  # an upload's copy until its row is committed
WORKING = ".utf8-"  # a re-encoded working copy, while the file loads
STAGING = ".staging-"  # DuckDB's spill directory for an ingest's staging tables
TEMPORARY_PREFIXES = (INCOMING, WORKING, STAGING)


def archive_dir(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".files")


def kept_path(db_path: str | Path, sha256: str) -> Path:
    """Where the raw bytes with this SHA-256 are kept once their upload is committed."""
    return archive_dir(db_path) / f"{sha256}.raw"


def _lock(handle: int) -> None:
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


class _Held:
    """A temporary file or directory of the archive folder, locked while this process uses it."""

    def __init__(self, path: Path, handle: int) -> None:
        self.path = path
        self._handle: int | None = handle
        _lock(handle)

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

    def discard(self) -> None:
        self.release()
        if self.path.is_dir():
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            remove_quietly(self.path)


def _incoming(directory: Path) -> _Held:
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=INCOMING)
    return _Held(Path(temporary), handle)


@dataclass
class Pending:
    """An upload's copy under its temporary name, with the hash and size of what was copied."""

    db_path: Path
    held: _Held
    sha256: str
    size: int

    @property
    def path(self) -> Path:
        """Where the bytes are now (the temporary name until ``commit``)."""
        return self.held.path

    @property
    def final(self) -> Path:
        """Where the bytes will be kept once committed (the path stored in ``uploads``)."""
        return kept_path(self.db_path, self.sha256)

    def commit(self) -> Path:
        """Give the copy its kept name (the same bytes kept before: the copy goes)."""
        final = self.final
        if final.exists():
            self.held.discard()
        else:
            os.replace(self.held.path, final)
            self.held.path = final
            self.held.release()
        return final

    def discard(self) -> None:
        self.held.discard()


def store_stream(db_path: str | Path, stream: BinaryIO) -> Pending:
    """Copy ``stream`` into the archive under a temporary name; ``commit`` keeps it."""
    held = _incoming(archive_dir(db_path))
    digest = hashlib.sha256()
    size = 0
    try:
        with open(held.path, "wb") as out:
            while chunk := stream.read(CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
    except BaseException:
        held.discard()
        raise
    return Pending(Path(db_path), held, digest.hexdigest(), size)


def store_path(db_path: str | Path, source: str | Path) -> Pending:
    """Copy a file on disk into the archive under a temporary name, letting the kernel copy the
    bytes; ``commit`` keeps it."""
    held = _incoming(archive_dir(db_path))
    try:
        shutil.copyfile(source, held.path)
        with open(held.path, "rb") as copied:
            # Hashing the copy, not the source: the archive holds exactly what was hashed.
            digest = hashlib.file_digest(copied, "sha256").hexdigest()
        size = os.path.getsize(held.path)
    except BaseException:
        held.discard()
        raise
    return Pending(Path(db_path), held, digest, size)


def working_copy(directory: Path) -> _Held:
    """A locked, temporary file for a re-encoded UTF-8 copy of an upload while it loads."""
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=WORKING, suffix=".csv")
    return _Held(Path(temporary), handle)


def staging_dir(db_path: str | Path) -> _Held:
    """A locked, temporary directory where an ingest's staging tables may spill to disk."""
    directory = archive_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    made = Path(tempfile.mkdtemp(dir=directory, prefix=STAGING))
    return _Held(made, os.open(made, os.O_RDONLY))


def _in_use(path: Path) -> bool:
    """Whether a live process holds this temporary file or directory."""
    if fcntl is None:
        return False
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone meanwhile, or not ours to judge
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)  # also lets go of the lock just taken
    return False


def sweep(db_path: str | Path, older_than_minutes: float) -> list[Path]:
    """Remove what killed or failed ingests left in the archive folder: temporary copies, working
    copies and spill directories that no live process holds and that were last written more
    than ``older_than_minutes`` ago. Kept files (``<sha256>.raw``) are never touched.

    Returns the paths removed.
    """
    directory = archive_dir(db_path)
    if not directory.is_dir():
        return []
    removed: list[Path] = []
    horizon = time.time() - older_than_minutes * 60
    for path in directory.iterdir():
        if not path.name.startswith(TEMPORARY_PREFIXES):
            continue
        with contextlib.suppress(OSError):
            if path.lstat().st_mtime > horizon or _in_use(path):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()
            removed.append(path)
    return removed


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


class Archive:
    """The raw-file archive of one database: where each upload's bytes are kept, and the
    temporary files and folders an ingest works in beside them.

    Each method looks up the module's functions when called, so what they do is what this
    module does (and what a test substitutes for it).
    """

    def __init__(self, db_path: str | Path) -> None:
        self._db_path = Path(db_path)

    @property
    def directory(self) -> Path:
        return archive_dir(self._db_path)

    def keep_stream(self, stream: BinaryIO) -> Pending:
        """Copy ``stream`` in under a temporary name; the returned copy's ``commit`` keeps it."""
        return store_stream(self._db_path, stream)

    def keep_path(self, source: str | Path) -> Pending:
        """Copy a file on disk in under a temporary name; ``commit`` keeps it."""
        return store_path(self._db_path, source)

    def kept_path(self, sha256: str) -> Path:
        return kept_path(self._db_path, sha256)

    def kept_files(self) -> list[Path]:
        """Every kept upload (``<sha256>.raw``), by name."""
        directory = self.directory
        return sorted(directory.glob("*.raw")) if directory.is_dir() else []

    def working_copy(self) -> _Held:
        return working_copy(self.directory)

    def staging_dir(self) -> _Held:
        return staging_dir(self._db_path)

    def sweep(self, older_than_minutes: float) -> list[Path]:
        return sweep(self._db_path, older_than_minutes)
