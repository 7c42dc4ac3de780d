"""Tables on screen with a CSV download that spreadsheets cannot turn into formulas."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import pickle
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from i18n import locale
from ui.export import _cell, record_table
from ui.i18n import language, t

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot start a formula."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


def is_text(values: pd.Series) -> bool:
    """A column shown as text: pandas' string type, or plain objects with some text among them.

    A column of plain objects holding only numbers (a slope, a median) is not text: blanking its
    missing cells would mix strings into numbers, which Arrow refuses.
    """
    if pd.api.types.is_string_dtype(values):
        return True
    if not pd.api.types.is_object_dtype(values):
        return False
    present = values.dropna()
    return present.empty or any(isinstance(value, str) for value in present)


def blank_missing_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values of text columns shown as empty cells, not as the word "None"."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if is_text(values):
            shown[column] = values.where(values.notna(), "")
    return shown


# What a column config keeps when its column becomes text.
_KEPT_CONFIG = ("label", "help", "width", "hidden", "pinned", "alignment")


def without_gaps(
    frame: pd.DataFrame, column_config: dict[str, Any] | None = None
) -> tuple[pd.DataFrame, dict[str, Any] | None]:
    """``frame`` with no missing cell left for the grid to print as "None", "nan" or "NaT".

    Text columns are blanked (``blank_missing_text``). A number, date or flag column with gaps
    is written as text the way the PDF writes it (its ``format`` in ``column_config`` applied,
    numbers in the interface language), its gaps blank; its column config becomes a text column
    with the same label and help. Outside English every number and date column is written so,
    as the grid itself only writes English (1,234.5 would read as 1.2345 in French). English
    columns without gaps keep their type, sorting and format.
    """
    shown = blank_missing_text(frame)
    config = dict(column_config or {})
    lang = language()
    grid_writes = locale.written_like_the_grid(lang)
    for column in shown.columns:
        values = shown[column]
        spec = config.get(column)
        if frame[column].isna().all() and isinstance(spec, dict):
            # Nothing exported at all: a blank text column, which a number column would print as
            # "None" in every cell.
            kept = {k: spec[k] for k in _KEPT_CONFIG if spec.get(k) is not None}
            config[column] = {**kept, "type_config": {"type": "text"}}
            shown[column] = ""
            continue
        if is_text(values) or pd.api.types.is_bool_dtype(values):
            continue
        # The grid writes numbers and dates the English way whatever the page's language.
        if not values.isna().any() and (grid_writes or not _written_by_locale(values)):
            continue
        spec = config.get(column)
        if column in config and spec is None:
            continue  # hidden by the page
        kind = (spec.get("type_config") or {}) if isinstance(spec, dict) else {}
        fmt = kind.get("format") or _column_decimals(values)
        shown[column] = pd.Series(
            [_cell(v, lang, fmt) for v in values], index=shown.index, dtype=object
        )
        if isinstance(spec, dict):
            kept = {k: spec[k] for k in _KEPT_CONFIG if spec.get(k) is not None}
            if kind.get("type") == "number":
                kept.setdefault("alignment", "right")
            config[column] = {**kept, "type_config": {"type": "text"}}
        elif pd.api.types.is_numeric_dtype(values) or values.map(_is_number).all():
            config[column] = {"alignment": "right", "type_config": {"type": "text"}}
    return shown, (config or column_config)


def _column_decimals(values: pd.Series) -> str | None:
    """Two decimals for every cell of a column holding any fraction (1 750,00 beside 12,50)."""
    fractions = values.map(
        lambda v: isinstance(v, float) and math.isfinite(v) and not v.is_integer()
    )
    return "%.2f" if fractions.any() else None


def _written_by_locale(values: pd.Series) -> bool:
    """A column of numbers or dates, which the interface language writes its own way."""
    return (
        pd.api.types.is_numeric_dtype(values)
        or pd.api.types.is_datetime64_any_dtype(values)
        or values.map(lambda v: isinstance(v, dt.date) or _is_number(v)).all()
    )


def _is_number(value: Any) -> bool:
    return value is None or isinstance(value, int | float) and not isinstance(value, bool)


def content_key(frame: pd.DataFrame) -> str | None:
    """A digest of the frame's pickle (cells, column names, types); None when it cannot pickle.

    Equal digests mean equal frames; equal frames pickled differently only cost a conversion.
    """
    try:
        return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=20).hexdigest()
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


@st.cache_resource(show_spinner=False, max_entries=512)
def _arrow(key: str, _frame: pd.DataFrame) -> pa.Table:
    # Keyed by the full-content digest alone: Streamlit's own hash of a large frame samples rows.
    return pa.Table.from_pandas(blank_missing_text(_frame), preserve_index=False)


def shown(frame: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """The frame as a table shows it, converted to Arrow once per distinct content.

    Every viewer of a share link is sent the same tables; converting them on each page view was
    a tenth of the server's time. A frame Arrow or pandas cannot take as it is goes to Streamlit
    unchanged, which fixes its column types itself.
    """
    key = content_key(frame)
    if key is not None:
        try:
            return _arrow(key, frame)
        except (pa.ArrowException, TypeError, ValueError):
            pass
    return blank_missing_text(frame)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads accents) of the neutralised frame."""
    return csv_safe(frame).to_csv(index=False).encode("utf-8-sig")


# What a table may take across without scrolling: the main column at 1366 × 768 (the smallest
# laptop screen Sillage is laid out for) less the grid's borders. Columns beyond it move to
# "More columns" tables, each led by the table's first (key) column.
TABLE_WIDTH_PX = 860
_CHAR_PX = 7.4  # an average character of the grid's 14 px font
_CELL_PADDING_PX = 28
_COLUMN_PX = (64, 320)  # narrowest and widest column; a longer cell shows its start and "…"


def _label(column: Any, spec: Any) -> str:
    if isinstance(spec, str):
        return spec
    if isinstance(spec, dict) and spec.get("label"):
        return str(spec["label"])
    return str(column)


def _text_px(text: str) -> float:
    """The width of a header in the grid's font, as ``column_widths`` reckons it."""
    return len(text) * 1.1 * _CHAR_PX + _CELL_PADDING_PX


def _cell_text(value: Any) -> str:
    """A cell about as the grid writes it: a day without its midnight time, as a date column
    shows it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value)


def column_widths(frame: pd.DataFrame, column_config: dict[str, Any] | None) -> dict[Any, int]:
    """Each shown column's width in pixels, from its header and its longest cell (first 200)."""
    config = column_config or {}
    widths = {}
    for column in frame.columns:
        if column in config and config[column] is None:
            continue  # hidden
        cells = frame[column].head(200).map(_cell_text)
        longest = max([len(_label(column, config.get(column))) * 1.1, *cells.map(len)], default=0)
        low, high = _COLUMN_PX
        widths[column] = int(min(max(longest * _CHAR_PX + _CELL_PADDING_PX, low), high))
    return widths


def column_groups(widths: dict[Any, int], budget: int = TABLE_WIDTH_PX) -> list[list[Any]]:
    """The columns in groups that each fit ``budget``; every group after the first is led by the
    first column, so each row can still be told apart."""
    columns = list(widths)
    if not columns:
        return [[]]
    key, groups, current, used = columns[0], [], [], 0
    for column in columns:
        if current and used + widths[column] > budget:
            groups.append(current)
            current, used = [key], widths[key]
        current.append(column)
        used += widths[column]
    groups.append(current)
    return groups


def _with_widths(
    config: dict[str, Any] | None, widths: dict[Any, int], columns: list[Any]
) -> dict[Any, Any]:
    fitted: dict[Any, Any] = {}
    for column, spec in (config or {}).items():
        if column in columns or spec is None:
            fitted[column] = spec
    for column in columns:
        spec = fitted.get(column)
        spec = {"label": spec} if isinstance(spec, str) else dict(spec or {})
        label = _label(column, spec)
        if _text_px(label) > widths[column] + 1:  # widths are whole pixels
            # The grid cuts a header wider than its column with "…": its tooltip holds it whole.
            spec["help"] = f"{label} — {spec['help']}" if spec.get("help") else label
        fitted[column] = {**spec, "width": widths[column]}
    return fitted


def table(
    frame: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    column_config: dict[str, Any] | None = None,
    height: int | str = "auto",
    fit_px: int = TABLE_WIDTH_PX,
) -> None:
    """Show ``frame`` and offer it as a CSV download (formula cells neutralised).

    No cell shows "None", "nan" or "NaT": gaps are blank (``without_gaps``). The table fits a
    laptop screen: the columns that fit ``TABLE_WIDTH_PX`` in their order (pages put the key
    columns first), the others in "More columns" below it; the CSV holds every column. A table
    in a narrower column of the page says how wide it may be (``fit_px``).
    """
    on_screen, screen_config = without_gaps(frame, column_config)
    widths = column_widths(on_screen, screen_config)
    groups = column_groups(widths, fit_px)
    hidden = [c for c in on_screen.columns if c not in widths]
    for number, columns in enumerate(groups):
        if number == 1:
            more = st.expander(t("more_columns").format(n=len(widths) - len(groups[0])))
        container = st if number == 0 else more
        container.dataframe(
            shown(on_screen[[*columns, *hidden]] if number == 0 else on_screen[columns]),
            hide_index=True,
            column_config=_with_widths(screen_config, widths, columns),
            height=height,
            width="stretch",
        )
    record_table(frame, column_config)
    st.download_button(
        t("download_csv"),
        data=functools.partial(csv_bytes, frame),  # built on click, not on every rerun
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
        type="tertiary",
    )
