"""The agency's own settings kept in the database: its name and logo on every report.

The brand is set once (``sillage brand --name TEXT --logo FILE`` or the Settings page) and read
by the PDF and slide exports. The logo is stored as its bytes, never as a path: it is checked
here (PNG or JPEG by its first bytes, at most ``MAX_LOGO_BYTES``, a sensible size in pixels).
Each function works on a connection from ``Store.connect`` or ``Store.transaction``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import duckdb

MAX_LOGO_BYTES = 1_000_000
MIN_LOGO_PIXELS = 16
MAX_LOGO_PIXELS = 5000
MAX_NAME_CHARS = 120
NAME_KEY = "agency_name"
LOGO_KEY = "agency_logo"

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# JPEG start-of-frame markers that carry the image size (not DHT, JPG or DAC).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class BrandError(ValueError):
    """A brand that cannot be stored; the message names the file and says why.

    ``kind`` (``empty``, ``too_big``, ``not_image``, ``damaged``, ``pixels``, ``name_empty``,
    ``name_long``) and ``values`` let the dashboard say it in the reader's language.
    """

    def __init__(self, message: str, kind: str, **values: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.values = values


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes, ``png`` or ``jpeg``, and its size in pixels."""

    data: bytes
    kind: str
    width: int
    height: int


@dataclass(frozen=True)
class Brand:
    """The agency's name and logo; either may be missing."""

    name: str | None = None
    logo: Logo | None = None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _SOF_MARKERS:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None


def check_logo(data: bytes, file_name: str) -> Logo:
    """``data`` as a logo, or ``BrandError`` naming ``file_name`` and what is wrong with it."""
    if not data:
        raise BrandError(
            f"{file_name}: the file is empty; choose a PNG or JPEG logo", "empty", file=file_name
        )
    if len(data) > MAX_LOGO_BYTES:
        size_mb = f"{len(data) / 1_000_000:.1f}"
        raise BrandError(
            f"{file_name}: the logo is {size_mb} MB; "
            f"a logo must be at most {MAX_LOGO_BYTES // 1_000_000} MB",
            "too_big",
            file=file_name,
            size=size_mb,
        )
    size: tuple[int, int] | None
    if data.startswith(PNG_MAGIC):
        kind = "png"
        size = struct.unpack(">II", data[16:24]) if data[12:16] == b"IHDR" else None
    elif data.startswith(JPEG_MAGIC):
        kind = "jpeg"
        size = _jpeg_size(data)
    else:
        raise BrandError(
            f"{file_name}: not a PNG or JPEG image; save the logo as PNG or JPEG and try again",
            "not_image",
            file=file_name,
        )
    if size is None:
        raise BrandError(
            f"{file_name}: the {kind.upper()} image is damaged (no size found)",
            "damaged",
            file=file_name,
        )
    width, height = size
    if min(width, height) < MIN_LOGO_PIXELS or max(width, height) > MAX_LOGO_PIXELS:
        raise BrandError(
            f"{file_name}: the logo is {width} × {height} pixels; each side must be between "
            f"{MIN_LOGO_PIXELS} and {MAX_LOGO_PIXELS} pixels",
            "pixels",
            file=file_name,
            width=width,
            height=height,
            low=MIN_LOGO_PIXELS,
            high=MAX_LOGO_PIXELS,
        )
    return Logo(data, kind, width, height)


def check_name(name: str) -> str:
    """The agency name trimmed, or ``BrandError`` when it is empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise BrandError("the agency name is empty", "name_empty")
    if len(cleaned) > MAX_NAME_CHARS:
        raise BrandError(
            f"the agency name is longer than {MAX_NAME_CHARS} characters",
            "name_long",
            high=MAX_NAME_CHARS,
        )
    return cleaned


def _put(connection: duckdb.DuckDBPyConnection, key: str, text: str | None, blob: bytes | None):
    connection.execute(
        "INSERT OR REPLACE INTO agency_settings (key, text_value, blob_value, updated_at) "
        "VALUES (?, ?, ?, current_timestamp)",
        [key, text, blob],
    )


def set_brand(
    connection: duckdb.DuckDBPyConnection,
    name: str | None = None,
    logo: bytes | None = None,
    logo_name: str = "logo",
) -> Brand:
    """Store the agency's name and/or logo (what is None stays as it was); returns the brand.

    Raises:
        BrandError: the name is empty or too long, or the logo is not a usable PNG or JPEG
            (the message names ``logo_name``). Nothing is stored then.
    """
    cleaned = check_name(name) if name is not None else None
    checked = check_logo(logo, logo_name) if logo is not None else None
    if cleaned is not None:
        _put(connection, NAME_KEY, cleaned, None)
    if checked is not None:
        _put(connection, LOGO_KEY, checked.kind, checked.data)
    return get_brand(connection)


def clear_logo(connection: duckdb.DuckDBPyConnection) -> Brand:
    """Remove the stored logo (reports then show the agency's name alone)."""
    connection.execute("DELETE FROM agency_settings WHERE key = ?", [LOGO_KEY])
    return get_brand(connection)


def get_brand(connection: duckdb.DuckDBPyConnection) -> Brand:
    """The stored brand (an empty ``Brand`` when none is set, or before the table exists)."""
    try:
        rows = connection.execute(
            "SELECT key, text_value, blob_value FROM agency_settings WHERE key IN (?, ?)",
            [NAME_KEY, LOGO_KEY],
        ).fetchall()
    except duckdb.CatalogException:  # a read-only connection to a file not yet migrated
        return Brand()
    values = {key: (text, blob) for key, text, blob in rows}
    name = values.get(NAME_KEY, (None, None))[0]
    logo = None
    if LOGO_KEY in values and values[LOGO_KEY][1] is not None:
        data = bytes(values[LOGO_KEY][1])
        try:
            logo = check_logo(data, "stored logo")
        except BrandError:
            logo = None
    return Brand(name, logo)
