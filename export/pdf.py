"""A view as a PDF report: what the page showed, with its campaign, filters and definitions.

The caller describes the report (``Report``) with text already in the reader's language and
chart images already drawn; this module only lays it out with fpdf2. Text needs a Unicode font
(French accents, "’", "…", the narrow no-break space of "1 234,5", "−"): DejaVu Sans from
Debian's ``fonts-dejavu-core``, else Liberation Sans.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

# (regular, bold, characters the font lacks and their stand-ins), in order of preference.
FONT_CANDIDATES: tuple[tuple[Path, Path, dict[str, str]], ...] = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        {},
    ),
    (
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        {"\u202f": "\u00a0"},
    ),
)
FONT = "report"
MAX_TABLE_ROWS = 60  # a longer table is cut; its CSV download holds every row
INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (206, 212, 218)
CARD_FILL = (248, 249, 250)
ACCENT = (31, 111, 139)  # charts.base COLORS["exposed"]


class PdfFontUnavailable(RuntimeError):
    """No Unicode font to write the report with; the message names the package to install."""


@dataclass(frozen=True)
class Heading:
    """A section title of the page."""

    text: str


@dataclass(frozen=True)
class Metric:
    """A headline number as the page showed it, with what it means."""

    label: str
    value: str
    caption: str | None = None
    definition: str | None = None
    formula: str | None = None
    source: str | None = None
    provenance: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Chart:
    """A chart's image (PNG bytes), or None with ``missing`` saying why it could not be drawn."""

    name: str
    png: bytes | None = None
    title: str | None = None
    missing: str | None = None


@dataclass(frozen=True)
class Table:
    """A table as text cells; ``total_rows`` counts the rows before any cut."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total_rows: int
    title: str | None = None


Block = Heading | Metric | Chart | Table


@dataclass(frozen=True)
class Labels:
    """The report's own words, in the reader's language."""

    filters: str = "Filters"
    generated: str = "Generated"
    definitions: str = "Definitions"
    formula: str = "Formula"
    source: str = "Source"
    provenance: str = "Provenance"
    note: str = "Note"
    page: str = "Page {page} of {pages}"
    rows_cut: str = "First {shown} of {total} rows; the CSV download has them all."
    chart_missing: str = "Chart image not available"
    nothing: str = "This view shows no numbers, charts or tables to export."
    colon: str = ": "  # French sets a no-break space before the colon


@dataclass(frozen=True)
class Report:
    """Everything the PDF shows, in reading order."""

    title: str
    subtitle: str | None = None
    filters: tuple[tuple[str, str], ...] = ()
    generated_at: str = ""
    blocks: tuple[Block, ...] = ()
    notice: str | None = None
    language: str = "en"
    labels: Labels = field(default_factory=Labels)


def find_font() -> tuple[Path, Path, dict[str, str]]:
    """The first installed candidate font.

    Raises:
        PdfFontUnavailable: none installed, with the package that provides one.
    """
    for regular, bold, replacements in FONT_CANDIDATES:
        if regular.is_file() and bold.is_file():
            return regular, bold, replacements
    raise PdfFontUnavailable(
        "The PDF report needs a Unicode font and none was found "
        f"(looked for {', '.join(str(c[0]) for c in FONT_CANDIDATES)}). "
        "Install Debian's DejaVu fonts with 'apt-get install fonts-dejavu-core'."
    )


# Bold markers, or a backslash escape of any ASCII punctuation (as ``ui.formatting.md`` writes).
_MARKDOWN = re.compile(r"\*\*|__|\\([!-/:-@\[-`{-~])")


def plain(text: str) -> str:
    """Text shown by Streamlit as markdown, without its bold markers and escapes.

    fpdf2 writes it as plain text (no markup is read), so an escaped name comes out as typed.
    """
    shown = _MARKDOWN.sub(lambda match: match.group(1) or "", text)
    return shown.replace("\u2060", "")  # md()'s word joiners, which break autolinks


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", png[16:24])


class _Document(FPDF):
    def __init__(self, report: Report, replacements: dict[str, str]) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.report = report
        self.replacements = replacements
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=16)

    def text_of(self, text: str | None) -> str:
        shown = plain(text or "")
        for char, stand_in in self.replacements.items():
            shown = shown.replace(char, stand_in)
        return shown

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, size=7)
        self.set_text_color(*MUTED)
        left = self.text_of(f"Sillage · {self.report.title} · {self.report.generated_at}")
        self.cell(self.epw / 2, 5, left, align="L")
        page = self.report.labels.page.format(page=self.page_no(), pages="{nb}")
        self.cell(self.epw / 2, 5, self.text_of(page), align="R")

    def para(self, text: str | None, size: float = 9, *, bold: bool = False, color=INK) -> None:
        if not text:
            return
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def build_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4 landscape).

    Raises:
        PdfFontUnavailable: no Unicode font installed.
    """
    regular, bold, replacements = find_font()
    pdf = _Document(report, replacements)
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_title(report.title)
    pdf.set_author("Sillage")
    pdf.set_creator("Sillage")
    pdf.set_lang(report.language)
    pdf.set_creation_date(dt.datetime.now(dt.UTC))
    pdf.alias_nb_pages()
    pdf.add_page()
    _header(pdf, report)
    if not report.blocks:
        pdf.para(report.labels.nothing, 10, color=MUTED)
    index = 0
    blocks = report.blocks
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Metric):
            group = [block]
            while index + 1 < len(blocks) and isinstance(blocks[index + 1], Metric):
                index += 1
                group.append(blocks[index])  # type: ignore[arg-type]
            _metrics(pdf, group, report.labels)
        elif isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Chart):
            _chart(pdf, block, report.labels)
        else:
            _table(pdf, block, report.labels)
        index += 1
    return bytes(pdf.output())


def _header(pdf: _Document, report: Report) -> None:
    pdf.para("Sillage", 9, bold=True, color=ACCENT)
    pdf.para(report.title, 20, bold=True)
    pdf.para(report.subtitle, 11, color=MUTED)
    pdf.ln(1)
    labels = report.labels
    pdf.para(f"{labels.generated}{labels.colon}{report.generated_at}", 8, color=MUTED)
    if report.filters:
        pdf.ln(2)
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(*INK)
        pdf.cell(0, 5, pdf.text_of(report.labels.filters), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for name, value in report.filters:
            pdf.set_font(FONT, "B", 8)
            pdf.set_text_color(*MUTED)
            pdf.cell(38, 4.5, pdf.text_of(name))
            pdf.set_font(FONT, "", 8)
            pdf.set_text_color(*INK)
            pdf.multi_cell(0, 4.5, pdf.text_of(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if report.notice:
        pdf.ln(2)
        pdf.para(report.notice, 8, color=(176, 96, 0))
    pdf.ln(3)
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(4)


def _heading(pdf: _Document, heading: Heading) -> None:
    # Keep a title with at least the start of what follows it.
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(1)
    pdf.para(heading.text, 13, bold=True)
    pdf.ln(1.5)


def _definition_lines(metric: Metric, labels: Labels) -> list[str]:
    lines = []
    if metric.definition and metric.definition.strip() != metric.label.strip():
        lines.append(metric.definition)
    for name, value in (
        (labels.formula, metric.formula),
        (labels.source, metric.source),
        (labels.provenance, metric.provenance),
        (labels.note, metric.note),
    ):
        if value:
            lines.append(f"{name}{labels.colon}{value}")
    return lines


def _fit(pdf: _Document, text: str, width: float) -> str:
    """``text`` cut with "…" to fit ``width`` in the current font (the full text is below)."""
    shown = pdf.text_of(text)
    if pdf.get_string_width(shown) <= width:
        return shown
    while shown and pdf.get_string_width(shown + "…") > width:
        shown = shown[:-1]
    return shown.rstrip() + "…"


def _metrics(pdf: _Document, metrics: Sequence[Metric], labels: Labels) -> None:
    """Cards of up to four numbers a row, then what each number means."""
    per_row = 4
    gap = 4
    width = (pdf.epw - gap * (per_row - 1)) / per_row
    height = 24
    for start in range(0, len(metrics), per_row):
        if pdf.will_page_break(height + 2):
            pdf.add_page()
        top = pdf.get_y()
        for offset, metric in enumerate(metrics[start : start + per_row]):
            left = pdf.l_margin + offset * (width + gap)
            pdf.set_fill_color(*CARD_FILL)
            pdf.set_draw_color(*RULE)
            pdf.rect(left, top, width, height, style="DF")
            pdf.set_xy(left + 3, top + 2.5)
            pdf.set_font(FONT, "", 7.5)
            pdf.set_text_color(*MUTED)
            pdf.cell(width - 6, 4, _fit(pdf, metric.label, width - 6))
            pdf.set_xy(left + 3, top + 7.5)
            pdf.set_font(FONT, "B", 15)
            pdf.set_text_color(*INK)
            pdf.cell(width - 6, 8, _fit(pdf, metric.value, width - 6))
            if metric.caption:
                pdf.set_xy(left + 3, top + 16.5)
                pdf.set_font(FONT, "", 6.5)
                pdf.set_text_color(*MUTED)
                pdf.cell(width - 6, 4, _fit(pdf, metric.caption, width - 6))
        pdf.set_xy(pdf.l_margin, top + height + 3)
    explained = [(m, _definition_lines(m, labels)) for m in metrics]
    if any(lines for _, lines in explained):
        pdf.para(labels.definitions, 8, bold=True, color=ACCENT)
        pdf.ln(0.5)
    for metric, lines in explained:
        if not lines:
            continue
        pdf.set_font(FONT, "", 7)
        wrapped = pdf.multi_cell(
            0, 3.3, pdf.text_of("\n".join(lines)), dry_run=True, output="LINES"
        )
        if pdf.will_page_break(3.6 + 3.3 * len(wrapped)):  # a definition stays on one page
            pdf.add_page()
        pdf.set_font(FONT, "B", 7.5)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 3.6, pdf.text_of(metric.label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 3.3, pdf.text_of("\n".join(lines)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.2)
    pdf.ln(3)


def _chart(pdf: _Document, chart: Chart, labels: Labels) -> None:
    if chart.png is None:
        pdf.para(
            f"{labels.chart_missing}{labels.colon}{chart.missing or chart.name}", 8, color=MUTED
        )
        pdf.ln(3)
        return
    width_px, height_px = png_size(chart.png)
    width = pdf.epw
    height = width * height_px / width_px
    room = pdf.eph - 8
    if height > room:  # a tall chart shrinks to one page
        width, height = width * room / height, room
    if pdf.will_page_break(height + (6 if chart.title else 0)):
        pdf.add_page()
    if chart.title:
        pdf.para(chart.title, 10, bold=True)
    pdf.image(io.BytesIO(chart.png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height)
    pdf.ln(4)


def _column_widths(
    pdf: _Document, columns: Sequence[str], rows: Sequence[Sequence[str]], size: float
) -> tuple[float, ...]:
    """Column widths in mm: every word whole where the page allows, long text gets the rest."""

    def widest(texts: Sequence[str], style: str, whole: bool) -> float:
        pdf.set_font(FONT, style, size)
        pieces = [p for text in texts for p in ([text] if whole else text.split())]
        return max((pdf.get_string_width(pdf.text_of(p)) for p in pieces), default=0.0)

    padding = 3.0
    least, wanted = [], []
    for index, name in enumerate(columns):
        cells = [row[index] for row in rows if index < len(row)]
        word = max(widest([name], "B", False), widest(cells, "", False)) + padding
        least.append(word)
        wanted.append(max(word, min(widest(cells, "", True) + padding, 70.0)))
    room = pdf.epw
    if sum(wanted) <= room or sum(least) >= room:
        basis = wanted if sum(wanted) <= room else least
        return tuple(w * room / sum(basis) for w in basis)
    spare = room - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    return tuple(m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True))


def _table(pdf: _Document, table: Table, labels: Labels) -> None:
    if not table.columns:
        return
    shown = table.rows[:MAX_TABLE_ROWS]
    if table.title:
        pdf.para(table.title, 10, bold=True)
    size = 8 if len(table.columns) <= 6 else 7 if len(table.columns) <= 10 else 6
    if pdf.will_page_break(size * 2.2):
        pdf.add_page()
    widths = _column_widths(pdf, table.columns, shown, size)
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*RULE)
    headings = FontFace(emphasis="BOLD", color=INK, fill_color=(233, 236, 239))
    with pdf.table(
        col_widths=widths,
        headings_style=headings,
        line_height=size * 0.5,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        padding=1,
    ) as grid:
        for line in (table.columns, *shown):
            row = grid.row()
            for cell in line:
                row.cell(pdf.text_of(cell))
    total = max(table.total_rows, len(table.rows))
    if total > len(shown):
        pdf.ln(1)
        pdf.para(labels.rows_cut.format(shown=len(shown), total=total), 7, color=MUTED)
    pdf.ln(4)
