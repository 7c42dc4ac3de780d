"""Raw bytes of every upload, kept beside the database and named by their SHA-256.

A user's file name is only ever stored as text in ``uploads.file_name``: it never becomes a path.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

CHUNK_BYTES = 8 * 1024 * 1024


def archive_dir(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".files")


def store_stream(db_path: str | Path, stream: BinaryIO) -> tuple[Path, str, int]:
    """Copy ``stream`` into the archive; returns (kept path, sha256 hex, size in bytes)."""
    directory = archive_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        kept = directory / f"{digest.hexdigest()}.raw"
        if kept.exists():
            os.unlink(temporary)
        else:
            os.replace(temporary, kept)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return kept, digest.hexdigest(), size


def store_path(db_path: str | Path, source: str | Path) -> tuple[Path, str, int]:
    """Copy a file on disk into the archive, letting the kernel copy the bytes."""
    directory = archive_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".incoming-")
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        with open(temporary, "rb") as copied:
            # Hashing the copy, not the source: the archive holds exactly what was hashed.
            digest = hashlib.file_digest(copied, "sha256").hexdigest()
        size = os.path.getsize(temporary)
        kept = directory / f"{digest}.raw"
        if kept.exists():
            os.unlink(temporary)
        else:
            os.replace(temporary, kept)
    except BaseException:
        remove_quietly(Path(temporary))
        raise
    return kept, digest, size


def working_copy(directory: Path, sha256: str) -> Path:
    """Where a re-encoded UTF-8 copy of an archived file goes while it loads."""
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f".utf8-{sha256}.csv"


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
