"""What kind of text a file is: encoding, separator, preamble lines and header row.

Only the first bytes are read here; DuckDB reads the rest.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from i18n.messages import Message
from ingest.errors import EmptyFile, MixedEncoding, NotACsv

SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")

# Magic numbers of files people upload by mistake, with the message that tells them.
_MAGIC = (
    (b"%PDF", "ingest.not_csv.pdf"),
    (b"\x89PNG", "ingest.not_csv.png"),
    (b"\xff\xd8\xff", "ingest.not_csv.jpeg"),
    (b"GIF8", "ingest.not_csv.gif"),
    (b"PK\x03\x04", "ingest.not_csv.zip"),  # also an Excel workbook
    (b"\xd0\xcf\x11\xe0", "ingest.not_csv.ole"),  # an old Excel or Word document
)


@dataclass(frozen=True)
class Sniffed:
    encoding: str  # a Python codec name; "utf-8" means DuckDB can read the file as it is
    delimiter: str
    preamble_lines: int  # lines before the header, e.g. a "sep=," line
    headers: list[str]
    sample_rows: list[list[str]]

    @property
    def needs_transcoding(self) -> bool:
        return self.encoding not in ("utf-8", "utf-8-sig")


def detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le-bom"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be-bom"
    for magic, code in _MAGIC:
        if head.startswith(magic):
            raise NotACsv(Message(code))
    if b"\x00" in head:
        # UTF-16 without a BOM shows a NUL beside every ASCII character.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return "utf-16-le"
        if even > len(head) // 4 and odd == 0:
            return "utf-16-be"
        raise NotACsv(Message("ingest.not_csv.binary"))
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:  # the sample cut a multi-byte character in half
            return "utf-8"
    best = from_bytes(head).best()
    if best is None:
        raise NotACsv(Message("ingest.not_text"))
    encoding = best.encoding.lower().replace("_", "-")
    # Single-byte Western guesses on short samples (cp1250, latin-1, ...) are Windows-1252 files in
    # practice: spreadsheets on French and English Windows save that, euro sign included.
    if encoding in _SINGLE_BYTE_LATIN and _decodes(head, "cp1252"):
        return "cp1252"
    return encoding


_SINGLE_BYTE_LATIN = {
    "ascii", "latin-1", "iso8859-1", "iso-8859-1", "iso8859-15", "iso-8859-15", "cp1250", "cp1252",
    "windows-1250", "windows-1252", "iso8859-2", "iso-8859-2", "mac-roman", "cp850", "cp858",
}  # fmt: skip


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def python_codec(encoding: str) -> str:
    return {"utf-16-le-bom": "utf-16", "utf-16-be-bom": "utf-16"}.get(encoding, encoding)


def _choose_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        rows = [row for row in csv.reader(lines, delimiter=delimiter) if row]
        if not rows:
            continue
        widths = [len(row) for row in rows]
        header_width = widths[0]
        if header_width < 2:
            continue
        consistent = sum(1 for w in widths if w == header_width) / len(widths)
        score = consistent * 10 + min(header_width, 50) / 50
        if score > best_score:
            best, best_score = delimiter, score
    return best


# UTF-8 characters that a single-byte file would only hold as mojibake: a Latin-1 letter or
# sign ("é" is C3 A9, read as "Ã©" in Windows-1252) or a character of three or four bytes ("’" is
# E2 80 99, "â€™"). A real Windows-1252 text never holds "Ã©" or "â€™".
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2\xc3][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


# Report title and date-range lines above the header (Google Ads: "Campaign report", then
# "September 1, 2026 - September 30, 2026"); more than a few is not a report's title.
MAX_TITLE_LINES = 5
_BARE_NUMBER = re.compile(r"[\d\s.,:/-]+")


def _has_bare_number(cells: list[str]) -> bool:
    return any(_BARE_NUMBER.fullmatch(cell.strip()) for cell in cells)


def _title_lines(body: list[str]) -> int:
    """How many title lines stand above the header.

    Below a title, the header is the first line of at least two cells, none of them a bare
    number, as wide as most rows under it (six in ten); each title line is narrower than it or
    holds a bare number (a date range written without quotes).
    """
    for header in range(min(MAX_TITLE_LINES + 1, len(body))):
        delimiter = _choose_delimiter(body[header : header + 200])
        rows = list(csv.reader(body[: header + 200], delimiter=delimiter))
        if header >= len(rows):
            return 0
        cells = rows[header]
        if len(cells) < 2:
            continue
        if header == 0:
            return 0
        if _has_bare_number(cells):
            continue  # a date range written without quotes, not a header
        if any(len(title) >= len(cells) and not _has_bare_number(title) for title in rows[:header]):
            return 0
        widths = [len(row) for row in rows[header + 1 :] if row]
        if widths and widths.count(len(cells)) >= 0.6 * len(widths):
            return header
    return 0


def _refuse_mixed_utf8(head: bytes) -> None:
    """Refuse text that is UTF-8 in places and not in others (one row saved from Windows-1252).

    Read as UTF-8, that row's accents cannot be read; read as a single-byte code page, every
    other accent of the file would be stored garbled ("Café" as "CafÃ©"): neither is honest.
    """
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:  # the sample may end inside a character
            return
        if _UTF8_SEQUENCE.search(head):
            line = head[: error.start].count(b"\n") + 1
            raise MixedEncoding(Message("ingest.mixed_encoding", line=line)) from None


def sniff(path: Path) -> Sniffed:
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head.strip():
        raise EmptyFile(Message("ingest.empty" if not head else "ingest.blank"))
    _refuse_mixed_utf8(head)
    encoding = detect_encoding(head)
    text = head.decode(python_codec(encoding), errors="replace").lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if len(head) == SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may end mid-line
    preamble = 0
    delimiter = None
    first = lines[0].strip() if lines else ""
    if match := re.fullmatch(r'"?sep=(.)"?', first, flags=re.IGNORECASE):
        delimiter, preamble = match.group(1), 1
    body = lines[preamble:]
    while body and not body[0].strip():
        body, preamble = body[1:], preamble + 1
    if not body:
        raise EmptyFile(Message("ingest.no_header"))
    if delimiter is None and (titles := _title_lines(body)):
        body, preamble = body[titles:], preamble + titles
    if delimiter is None:
        delimiter = _choose_delimiter(body[:200])
    # newline="" lets the reader end a row at CR, CRLF or LF, as the file writes it.
    rows = list(csv.reader(io.StringIO("".join(body), newline=""), delimiter=delimiter))
    headers = [h.strip() for h in rows[0]] if rows else []
    if len(headers) < 2 or not any(headers):
        raise NotACsv(Message("ingest.no_header_row"))
    return Sniffed(encoding, delimiter, preamble, headers, rows[1:200])
