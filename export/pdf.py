"""A view as a PDF report: what the page showed, with its campaign, filters and definitions.

A client report opens with a cover (the agency's name and logo, client, campaign, dates and the
verdict sentences), then each page chosen on pages of its own, then a methodology appendix
(how verdicts are read, definitions, intervals, sample sizes). Without a cover the report is one
view under a header, as the page showed it.

The caller describes the report (``Report``) with text already in the reader's language and
chart images already drawn; this module only lays it out with fpdf2 (``export.pptx`` lays the
same ``Report`` out as slides). Text needs a Unicode font
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
from PIL import Image

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
INDENT = 5  # mm between the verdict's rule and its sentences


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


@dataclass(frozen=True)
class Paragraph:
    """Running text, with an optional bold lead (a definition's name)."""

    text: str
    title: str | None = None


Block = Heading | Metric | Chart | Table | Paragraph


# The colours of a verdict's status, by the name the dashboard gives them.
TONES: dict[str, tuple[int, int, int]] = {
    "green": (25, 135, 84),
    "orange": (176, 96, 0),
    "red": (200, 35, 51),
    "gray": MUTED,
}


@dataclass(frozen=True)
class Verdict:
    """One target's sentence, after its status in words (``met``) and that status's colour."""

    sentence: str
    status: str = ""
    tone: str = "gray"


@dataclass(frozen=True)
class CoverCampaign:
    """A campaign on the cover: its name, client, dates and verdict sentences."""

    name: str
    client: str | None = None
    dates: str | None = None
    verdicts: tuple[Verdict, ...] = ()


@dataclass(frozen=True)
class Cover:
    """The first page: who made the report, for whom, on what, and the verdict.

    ``logo`` is PNG or JPEG bytes (checked when the agency saved it).
    """

    heading: str
    agency: str | None = None
    logo: bytes | None = None
    client: str | None = None
    campaigns: tuple[CoverCampaign, ...] = ()
    note: str | None = None
    contents: tuple[str, ...] = ()
    listed: tuple[CoverCampaign, ...] = ()
    """Campaigns named one a line under ``listed_title`` (those a comparison sets side by side)."""
    listed_title: str | None = None
    verdicts: tuple[Verdict, ...] = ()
    """The verdict of the report as a whole (a comparison's), after the campaigns listed."""


@dataclass(frozen=True)
class Section:
    """One page of the dashboard chosen for the report, as it showed it (``subtitle``: its
    campaign and client)."""

    title: str
    blocks: tuple[Block, ...] = ()
    subtitle: str | None = None


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
    client: str = "Client"
    campaign: str = "Campaign"
    dates: str = "Dates"
    verdict: str = "Verdict"
    contents: str = "In this report"
    methodology: str = "Methodology"
    continued: str = "{title} (continued)"


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
    cover: Cover | None = None
    sections: tuple[Section, ...] = ()
    appendix: tuple[Block, ...] = ()

    @property
    def author(self) -> str:
        """Who the report is from: the agency when it is named."""
        return (self.cover.agency if self.cover else None) or "Sillage"


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
        report = self.report
        left = self.text_of(f"{report.author} · {report.title} · {report.generated_at}")
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
    pdf.set_author(report.author)
    pdf.set_creator("Sillage")
    pdf.set_lang(report.language)
    pdf.set_creation_date(dt.datetime.now(dt.UTC))
    pdf.alias_nb_pages()
    pdf.add_page()
    if report.cover is None:
        _header(pdf, report)
        if not report.blocks:
            pdf.para(report.labels.nothing, 10, color=MUTED)
        _blocks(pdf, report.blocks, report.labels)
    else:
        _cover(pdf, report, report.cover)
    for section in report.sections:
        pdf.add_page()
        pdf.para(section.title, 18, bold=True)
        pdf.para(section.subtitle, 11, color=MUTED)
        pdf.ln(3)
        if not section.blocks:
            pdf.para(report.labels.nothing, 10, color=MUTED)
        _blocks(pdf, section.blocks, report.labels)
    if report.appendix:
        pdf.add_page()
        pdf.para(report.labels.methodology, 18, bold=True)
        pdf.ln(3)
        _blocks(pdf, report.appendix, report.labels)
    return bytes(pdf.output())


def _blocks(pdf: _Document, blocks: Sequence[Block], labels: Labels) -> None:
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Metric):
            group = [block]
            while index + 1 < len(blocks) and isinstance(blocks[index + 1], Metric):
                index += 1
                group.append(blocks[index])  # type: ignore[arg-type]
            _metrics(pdf, group, labels)
        elif isinstance(block, Heading):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            _heading(pdf, block, following)
        elif isinstance(block, Chart):
            _chart(pdf, block, labels)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        else:
            _table(pdf, block, labels)
        index += 1


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG or JPEG image."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _logo(pdf: _Document, logo: bytes, max_width: float, max_height: float) -> float:
    """The logo at the top left, within the box; returns its width in mm."""
    width_px, height_px = image_size(logo)
    scale = min(max_width / width_px, max_height / height_px)
    width, height = width_px * scale, height_px * scale
    pdf.image(io.BytesIO(logo), x=pdf.l_margin, y=pdf.t_margin, w=width, h=height)
    return width


def _cover(pdf: _Document, report: Report, cover: Cover) -> None:
    """Agency, report heading, then each campaign with its client, dates and verdict."""
    labels = report.labels
    top = pdf.t_margin
    if cover.logo:
        width = _logo(pdf, cover.logo, 70, 22)
        pdf.set_xy(pdf.l_margin + width + 6, top + 6)
    if cover.agency:
        pdf.set_font(FONT, "B", 14)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 8, pdf.text_of(cover.agency))
    pdf.set_xy(pdf.l_margin, top + 30)
    pdf.para(cover.heading, 12, color=MUTED)
    pdf.ln(1)
    campaigns = cover.campaigns
    if not campaigns:
        pdf.para(cover.client or report.title, 26, bold=True)
    if cover.listed:
        pdf.ln(2)
        pdf.para(cover.listed_title, 11, bold=True, color=ACCENT)
        for campaign in cover.listed:
            facts = " · ".join(fact for fact in (campaign.client, campaign.dates) if fact)
            pdf.para(f"{campaign.name} — {facts}" if facts else campaign.name, 11, color=INK)
        pdf.ln(3)
    if cover.verdicts:
        _verdict(pdf, cover.verdicts, labels)
    for campaign in campaigns:
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.para(campaign.name, 24 if len(campaigns) == 1 else 17, bold=True)
        pdf.ln(1.5)
        facts = ((labels.client, campaign.client), (labels.dates, campaign.dates))
        for name, value in facts:
            if value:
                pdf.para(f"{name}{labels.colon}{value}", 11, color=INK)
        pdf.ln(3)
        if campaign.verdicts:
            _verdict(pdf, campaign.verdicts, labels)
    pdf.para(cover.note, 9, color=MUTED)
    pdf.ln(2)
    if cover.contents:
        pdf.para(f"{labels.contents}{labels.colon}{' · '.join(cover.contents)}", 9)
    pdf.para(f"{labels.generated}{labels.colon}{report.generated_at}", 8, color=MUTED)
    if report.filters:
        pdf.ln(1)
        line = " · ".join(f"{name}{labels.colon}{value}" for name, value in report.filters)
        pdf.para(f"{labels.filters}{labels.colon}{line}", 8, color=MUTED)
    if report.notice:
        pdf.ln(2)
        pdf.para(report.notice, 8, color=(176, 96, 0))


def _verdict(pdf: _Document, verdicts: Sequence[Verdict], labels: Labels) -> None:
    """The verdict sentences beside an accent rule, each after its status, kept on one page."""
    pdf.set_font(FONT, "", 10)
    texts = [
        pdf.text_of(f"{v.status} — {v.sentence}" if v.status else v.sentence) for v in verdicts
    ]
    lines = sum(
        len(pdf.multi_cell(pdf.epw - INDENT, 5, text, dry_run=True, output="LINES"))
        for text in texts
    )
    height = 7 + lines * 5 + len(verdicts) * 1.5
    if pdf.will_page_break(height + 4):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(pdf.l_margin, top, 1.2, height, style="F")
    pdf.set_xy(pdf.l_margin + 5, top)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 6, pdf.text_of(labels.verdict), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    margin = pdf.l_margin
    pdf.set_left_margin(margin + INDENT)  # wrapped lines start under the sentence
    for verdict in verdicts:
        pdf.set_x(pdf.l_margin)
        if verdict.status:  # the status in its colour, the sentence running on after it
            pdf.set_font(FONT, "B", 10)
            pdf.set_text_color(*TONES.get(verdict.tone, MUTED))
            status = pdf.text_of(f"{verdict.status} — ")
            pdf.write(5, status)
        pdf.set_font(FONT, "", 10)
        pdf.set_text_color(*INK)
        pdf.write(5, pdf.text_of(verdict.sentence))
        pdf.ln(6.5)
    pdf.set_left_margin(margin)
    pdf.set_y(max(pdf.get_y(), top + height) + 4)


def _paragraph(pdf: _Document, paragraph: Paragraph) -> None:
    if paragraph.title:
        if pdf.will_page_break(12):
            pdf.add_page()
        pdf.para(paragraph.title, 8.5, bold=True)
        pdf.para(paragraph.text, 8, color=MUTED)
        pdf.ln(1.5)
    else:
        pdf.para(paragraph.text, 9)
        pdf.ln(2.5)


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


def _heading(pdf: _Document, heading: Heading, following: Block | None = None) -> None:
    # Keep a title with at least the start of what follows it, and with a chart that follows it.
    needed = 30.0
    if isinstance(following, Chart) and following.png is not None:
        needed = max(needed, 12 + _chart_size(pdf, following.png)[1])
    if pdf.will_page_break(needed):
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


def _chart_size(pdf: _Document, png: bytes) -> tuple[float, float]:
    """The chart's width and height on the page in mm: the page's width, or less when tall."""
    width_px, height_px = png_size(png)
    width = pdf.epw
    height = width * height_px / width_px
    room = pdf.eph - 8 - 12  # room for the heading kept with it
    if height > room:  # a tall chart shrinks to one page
        width, height = width * room / height, room
    return width, height


def _chart(pdf: _Document, chart: Chart, labels: Labels) -> None:
    if chart.png is None:
        pdf.para(
            f"{labels.chart_missing}{labels.colon}{chart.missing or chart.name}", 8, color=MUTED
        )
        pdf.ln(3)
        return
    width, height = _chart_size(pdf, chart.png)
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
