"""Sentences as data: a code and its typed fields, written in a language only when shown.

The layer that knows why something happened says so with a ``Message``::

    Message("lift.below_min_answers", n=45, group="exposed", minimum=250)

and the catalogue of each language (``i18n/en.toml``, ``i18n/fr.toml``) writes it. A message is
also a ``str`` holding its English text, so the command line's JSON, logs and every caller that
only needs English use it as the sentence it is; the interface calls ``render(lang)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from i18n import catalogue

SENTENCES = "sep.sentences"
"""The catalogue's separator of sentences joined as one note."""


class Message(str):
    """A sentence for a person: ``code`` (a catalogue key) and ``fields``; as a ``str``, English."""

    code: str
    fields: dict[str, Any]

    def __new__(cls, code: str, /, **fields: Any) -> Message:
        english = catalogue.text(code, "en", **fields)
        message = super().__new__(cls, english)
        message.code = code
        message.fields = fields
        return message

    def render(self, lang: str | None = None) -> str:
        """This sentence in ``lang`` (English when None)."""
        return catalogue.text(self.code, lang, **self.fields)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by code and fields (Streamlit's caches)
        return (_restore, (self.code, self.fields))

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {self.fields!r})"


class Joined(Message):
    """Several sentences shown as one, each in the reader's language: "a; b"."""

    parts: tuple[Any, ...]
    separator: str

    def __new__(cls, parts: Iterable[Any], separator: str = "; ") -> Joined:  # type: ignore[override]
        kept = tuple(part for part in parts if part)
        english = separator.join(catalogue.written(part, "en") for part in kept)
        joined = str.__new__(cls, english)
        joined.code, joined.fields = "", {}
        joined.parts, joined.separator = kept, separator
        return joined

    def render(self, lang: str | None = None) -> str:
        # Notes joined the language's way: "a; b" in English, "a ; b" in French.
        separator = catalogue.text(SENTENCES, lang) if self.separator == "; " else self.separator
        return separator.join(catalogue.written(part, lang) for part in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.parts, self.separator))

    def __repr__(self) -> str:
        return f"Joined({self.parts!r}, {self.separator!r})"


def _restore(code: str, fields: dict[str, Any]) -> Message:
    return Message(code, **fields)


def render(value: Any, lang: str | None = None) -> Any:
    """``value`` for a reader of ``lang``: a message in their words, any other value unchanged."""
    if isinstance(value, Message):
        return value.render(lang)
    return value


def join(parts: Iterable[Any], separator: str = "; ") -> Joined:
    """Sentences joined for display, each rendered in the reader's language."""
    return Joined(parts, separator)
