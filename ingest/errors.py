"""Typed ingest errors; the command line and the upload page turn them into plain messages."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class FileRefused(ValueError):
    """The whole file was refused: nothing from it is loaded, nothing stored is touched."""


class EmptyFile(FileRefused):
    pass


class NotACsv(FileRefused):
    pass


class MixedEncoding(FileRefused):
    """UTF-8 text with a stretch that is not UTF-8: read either way, part of it would be garbled."""


class FileTooLarge(FileRefused):
    pass


class UnknownFormat(FileRefused):
    """No known export format matches the headers and no saved mapping exists for them."""

    def __init__(self, message: str, headers: list[str]):
        super().__init__(message)
        self.headers = headers


class MappingError(ValueError):
    """A column mapping that cannot be used as written; the message names the key and why."""


class MissingAssignment(FileRefused):
    """The rows need a campaign (or client) that neither the file nor the caller gave."""


class AnotherClient(FileRefused):
    """The upload names another client's campaign, or would move rows from one client to another."""


@dataclass(frozen=True)
class RowError:
    line: int | None  # physical line in the uploaded file, header = line 1
    column: str | None
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)
