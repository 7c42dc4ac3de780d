"""Typed ingest errors, each carrying its sentence as an ``i18n.messages.Message``.

A refusal is raised with a message (``FileRefused(Message("ingest.empty"))``) and a rejected row
keeps one as its ``reason``: their ``str`` is the English sentence the command line prints and
the database stores; the Upload page renders them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from i18n import catalogue
from i18n.messages import Message


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


def said(error: BaseException) -> str:
    """What an error says: the ``Message`` it was raised with, else its text."""
    first = error.args[0] if error.args else None
    return first if isinstance(first, Message) else str(error)


@dataclass(frozen=True)
class RowError:
    line: int | None  # physical line in the uploaded file, header = line 1
    column: str | None
    reason: str  # a ``Message`` when written by the ingest; English as a ``str``

    def as_dict(self) -> dict:
        """The error as ``sillage ingest`` prints it: line, column and the English reason."""
        return {"line": self.line, "column": self.column, "reason": str(self.reason)}

    def as_stored(self) -> dict:
        """The error as ``uploads.errors`` keeps it: ``as_dict`` with the reason's ``code`` and
        ``fields``, so that a stored reason can be written again in another language."""
        stored = self.as_dict()
        if isinstance(self.reason, Message) and self.reason.code:
            stored.update(code=self.reason.code, fields=dict(self.reason.fields))
        return stored

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> RowError:
        """An error read back from ``uploads.errors``: its reason a ``Message`` when the row
        kept its code and fields (and the catalogue still knows the code), else as stored."""
        reason: str = stored.get("reason") or ""
        code, fields = stored.get("code"), stored.get("fields")
        if isinstance(code, str) and isinstance(fields, dict) and catalogue.has(code):
            try:
                reason = Message(code, **fields)
            except (KeyError, ValueError, TypeError, IndexError):
                pass  # fields that no longer fill the template: the stored English stays
        return cls(stored.get("line"), stored.get("column"), reason)
