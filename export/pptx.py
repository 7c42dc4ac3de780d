"""The client report as editable slides (python-pptx), from the same ``Report`` as the PDF.

A cover slide (agency name and logo, client, campaign, dates, verdict sentences), then for each
page chosen one slide per section (a heading of the page) with its headline numbers and charts
(the PNG images the PDF uses; two charts a slide, more continue on the next), its tables as
slide tables, then the methodology appendix. Every text is a text box or a table cell, so an
agency can edit it; definitions of a slide's numbers are in its speaker notes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from export.pdf import (
    ACCENT,
    INK,
    MUTED,
    TONES,
    Block,
    Chart,
    Cover,
    Heading,
    Labels,
    Metric,
    Paragraph,
    Report,
    Table,
    Verdict,
    image_size,
    plain,
    png_size,
)

WIDTH = Inches(13.333)
HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
BLANK_LAYOUT = 6
CHARTS_PER_SLIDE = 2
METRICS_PER_ROW = 4
MAX_METRICS_PER_SLIDE = 8
MAX_TABLE_ROWS = 12
MAX_TABLE_COLUMNS = 8
TEXT_CHARS_PER_SLIDE = 1400  # running text beyond this continues on the next slide
SHORT_TEXT_CHARS = 450  # text this short sits above a table on its slide
CARD_FILL = (241, 243, 245)

Color = tuple[int, int, int]
# A paragraph: its text (or runs of text, bold, colour), size in points, bold, colour.
Line = tuple[str | tuple[tuple[str, bool, Color], ...], float, bool, Color]


@dataclass
class _Group:
    """The blocks under one heading of a page: one slide (or more when they overflow)."""

    title: str
    metrics: list[Metric] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.metrics or self.charts or self.tables or self.paragraphs)


def _groups(title: str, blocks: Iterable[Block]) -> list[_Group]:
    """Blocks split at each heading; the blocks before the first heading go under ``title``."""
    groups = [_Group(title)]
    for block in blocks:
        if isinstance(block, Heading):
            groups.append(_Group(f"{title} — {plain(block.text)}"))
        elif isinstance(block, Metric):
            groups[-1].metrics.append(block)
        elif isinstance(block, Chart):
            groups[-1].charts.append(block)
        elif isinstance(block, Table):
            groups[-1].tables.append(block)
        else:
            groups[-1].paragraphs.append(block)
    return [g for g in groups if not g.empty()]


def _rgb(color: tuple[int, int, int]) -> RGBColor:
    return RGBColor(*color)


def _text(
    slide: Slide, left: int, top: int, width: int, height: int, lines: Sequence[Line]
) -> None:
    """A text box of (text, size in points, bold, colour) paragraphs, wrapped in its width; a
    paragraph's text may be runs of (text, bold, colour)."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, (text, size, bold, color) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        runs = [(text, bold, color)] if isinstance(text, str) else text
        for shown, run_bold, run_color in runs:
            run = paragraph.add_run()
            run.text = plain(shown)
            run.font.size = Pt(size)
            run.font.bold = run_bold
            run.font.color.rgb = _rgb(run_color)
        paragraph.space_after = Pt(size * 0.4)


def _verdict_line(verdict: Verdict, size: float) -> Line:
    """A verdict sentence after its status in the status's colour."""
    runs = (
        [(f"{verdict.status} — ", True, TONES.get(verdict.tone, MUTED))] if verdict.status else []
    )
    return ((*runs, (verdict.sentence, False, INK)), size, False, INK)


def _slide(deck: Deck, title: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), [(title, 24, True, INK)])
    return slide


def _footer(slide: Slide, report: Report) -> None:
    text = f"{report.author} · {report.title} · {report.generated_at}"
    _text(
        slide,
        MARGIN,
        HEIGHT - Inches(0.45),
        WIDTH - 2 * MARGIN,
        Inches(0.3),
        [(text, 9, False, MUTED)],
    )


def _picture(slide: Slide, data: bytes, left: int, top: int, width: int, height: int) -> None:
    """An image as large as fits the box, keeping its proportions, centred in it."""
    width_px, height_px = image_size(data)
    scale = min(width / width_px, height / height_px)
    shown_w, shown_h = int(width_px * scale), int(height_px * scale)
    slide.shapes.add_picture(
        io.BytesIO(data),
        Emu(left + (width - shown_w) // 2),
        Emu(top + (height - shown_h) // 2),
        Emu(shown_w),
        Emu(shown_h),
    )


def _cover(deck: Deck, report: Report, cover: Cover) -> None:
    labels = report.labels
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    inner = WIDTH - 2 * MARGIN
    name_left = MARGIN
    if cover.logo:
        width_px, height_px = image_size(cover.logo)
        box_w, box_h = Inches(2.6), Inches(0.9)
        scale = min(box_w / width_px, box_h / height_px)
        slide.shapes.add_picture(
            io.BytesIO(cover.logo),
            MARGIN,
            Inches(0.4),
            Emu(int(width_px * scale)),
            Emu(int(height_px * scale)),
        )
        name_left = MARGIN + Emu(int(width_px * scale)) + Inches(0.3)
    if cover.agency:
        _text(
            slide,
            name_left,
            Inches(0.55),
            Inches(6),
            Inches(0.6),
            [(cover.agency, 20, True, ACCENT)],
        )
    lines: list[Line] = [(cover.heading, 16, False, MUTED)]
    if not cover.campaigns:
        lines.append((cover.client or report.title, 36 if not cover.listed else 28, True, INK))
    # Up to ten campaigns compared, each a line and a verdict line: smaller type for many.
    small = len(cover.listed) > 5
    if cover.listed:
        lines.append((cover.listed_title or "", 12 if small else 14, True, ACCENT))
        for listed in cover.listed:
            facts = " · ".join(fact for fact in (listed.client, listed.dates) if fact)
            text = f"{listed.name} — {facts}" if facts else listed.name
            lines.append((text, 9 if small else 12, False, INK))
    if cover.verdicts:
        lines.append((labels.verdict, 11 if small else 13, True, ACCENT))
        lines.extend(_verdict_line(verdict, 9 if small else 11) for verdict in cover.verdicts)
    many = len(cover.campaigns) > 1
    sentences = sum(len(c.verdicts) for c in cover.campaigns)
    size = 14 if sentences <= 4 and not many else 11
    for campaign in cover.campaigns:
        lines.append((campaign.name, 24 if many else 36, True, INK))
        facts = [
            f"{n}{labels.colon}{v}"
            for n, v in ((labels.client, campaign.client), (labels.dates, campaign.dates))
            if v
        ]
        if facts:
            lines.append(("   ·   ".join(facts), 16 if not many else 13, False, INK))
        if campaign.verdicts:
            lines.append((labels.verdict, size + 2, True, ACCENT))
            lines.extend(_verdict_line(verdict, size) for verdict in campaign.verdicts)
    if cover.note:
        lines.append((cover.note, 11, False, MUTED))
    _text(slide, MARGIN, Inches(1.6), inner, Inches(4.8), lines)
    bottom: list[Line] = []
    if cover.contents:
        bottom.append(
            (f"{labels.contents}{labels.colon}{' · '.join(cover.contents)}", 11, False, INK)
        )
    bottom.append((f"{labels.generated}{labels.colon}{report.generated_at}", 10, False, MUTED))
    if report.notice:
        bottom.append((report.notice, 10, False, (176, 96, 0)))
    _text(slide, MARGIN, HEIGHT - Inches(1.1), inner, Inches(0.9), bottom)


def _notes(slide: Slide, metrics: Sequence[Metric], labels: Labels) -> None:
    """What each number of the slide means, in its speaker notes."""
    lines = []
    for metric in metrics:
        parts = [
            p
            for p in (
                metric.definition,
                metric.formula and f"{labels.formula}{labels.colon}{metric.formula}",
                metric.note,
            )
            if p
        ]
        if parts:
            lines.append(f"{metric.label}{labels.colon}{' — '.join(plain(p) for p in parts)}")
    if lines:
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _metric_cards(slide: Slide, metrics: Sequence[Metric], top: int) -> int:
    """Up to eight numbers as cards, four a row; returns the top of the space below them."""
    gap = Inches(0.2)
    width = (WIDTH - 2 * MARGIN - gap * (METRICS_PER_ROW - 1)) // METRICS_PER_ROW
    height = Inches(1.05)
    for index, metric in enumerate(metrics):
        row, column = divmod(index, METRICS_PER_ROW)
        left = MARGIN + column * (width + gap)
        y = top + row * (height + gap)
        card = slide.shapes.add_shape(1, left, y, width, height)  # a rectangle
        card.fill.solid()
        card.fill.fore_color.rgb = _rgb(CARD_FILL)
        card.line.fill.background()
        card.shadow.inherit = False
        value_size = 22 if len(metric.value) <= 14 else 16  # a range stays on one line
        lines: list[Line] = [
            (metric.label, 11, False, MUTED),
            (metric.value, value_size, True, INK),
        ]
        if metric.caption:
            lines.append((metric.caption, 9, False, MUTED))
        _text(slide, left + Inches(0.1), y + Inches(0.02), width - Inches(0.2), height, lines)
    rows = -(-len(metrics) // METRICS_PER_ROW)
    return top + rows * (height + gap)


def _charts(slide: Slide, charts: Sequence[Chart], top: int, labels: Labels) -> None:
    """One or two charts side by side in the space from ``top`` to the footer."""
    gap = Inches(0.3)
    bottom = HEIGHT - Inches(0.6)
    width = (WIDTH - 2 * MARGIN - gap * (len(charts) - 1)) // len(charts)
    for index, chart in enumerate(charts):
        left = MARGIN + index * (width + gap)
        if chart.png is None:
            missing = f"{labels.chart_missing}{labels.colon}{chart.missing or chart.name}"
            _text(slide, left, top, width, Inches(0.6), [(missing, 12, False, MUTED)])
            continue
        png_size(chart.png)  # a PNG, as the PDF requires
        _picture(slide, chart.png, left, top, width, bottom - top)


def _table(slide: Slide, table: Table, top: int, labels: Labels) -> None:
    columns = table.columns[:MAX_TABLE_COLUMNS]
    rows = table.rows[:MAX_TABLE_ROWS]
    size = 11 if len(columns) <= 5 else 9
    height = Inches(0.32) * (len(rows) + 1)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(columns), MARGIN, top, WIDTH - 2 * MARGIN, height
    )
    grid = shape.table
    # Columns as wide as their longest text (to a point), sharing the slide's width.
    wanted = [
        min(max((len(line[c]) for line in (columns, *rows) if c < len(line)), default=1), 60) + 4
        for c in range(len(columns))
    ]
    for c, share in enumerate(wanted):
        grid.columns[c].width = Emu(int((WIDTH - 2 * MARGIN) * share / sum(wanted)))
    for r, line in enumerate((columns, *rows)):
        for c in range(len(columns)):
            cell = grid.cell(r, c)
            cell.text = plain(line[c] if c < len(line) else "")
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = r == 0
    total = max(table.total_rows, len(table.rows))
    if total > len(rows):
        note = labels.rows_cut.format(shown=len(rows), total=total)
        _text(
            slide,
            MARGIN,
            top + height + Inches(0.1),
            WIDTH - 2 * MARGIN,
            Inches(0.4),
            [(note, 10, False, MUTED)],
        )


def _text_slides(deck: Deck, report: Report, title: str, paragraphs: Sequence[Paragraph]) -> None:
    """Running text over as many slides as it needs."""
    pages: list[list[Paragraph]] = [[]]
    used = 0
    for paragraph in paragraphs:
        size = len(paragraph.text) + len(paragraph.title or "")
        if pages[-1] and used + size > TEXT_CHARS_PER_SLIDE:
            pages.append([])
            used = 0
        pages[-1].append(paragraph)
        used += size
    for number, page in enumerate(pages):
        shown = title if number == 0 else report.labels.continued.format(title=title)
        slide = _slide(deck, shown)
        lines: list[Line] = []
        for paragraph in page:
            if paragraph.title:
                lines.append((paragraph.title, 13, True, INK))
                lines.append((paragraph.text, 12, False, MUTED))
            else:
                lines.append((paragraph.text, 14, False, INK))
        _text(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, HEIGHT - Inches(1.9), lines)
        _footer(slide, report)


def _pages(metrics: list[Metric], charts: list[Chart]) -> list[tuple[list[Metric], list[Chart]]]:
    """Numbers and charts of a section, slide by slide: the first slide holds one row of
    numbers above two charts (two rows without charts); the rest continue, eight numbers or two
    charts a slide."""
    first = METRICS_PER_ROW if charts else MAX_METRICS_PER_SLIDE
    pages = [(metrics[:first], charts[:CHARTS_PER_SLIDE])] if metrics or charts else []
    rest = metrics[first:]
    pages += [
        ([*rest[i : i + MAX_METRICS_PER_SLIDE]], [])
        for i in range(0, len(rest), MAX_METRICS_PER_SLIDE)
    ]
    more = charts[CHARTS_PER_SLIDE:]
    pages += [
        ([], [*more[i : i + CHARTS_PER_SLIDE]]) for i in range(0, len(more), CHARTS_PER_SLIDE)
    ]
    return pages


def _group_slides(deck: Deck, report: Report, group: _Group) -> None:
    labels = report.labels
    for number, (metrics, charts) in enumerate(_pages(group.metrics, group.charts)):
        title = group.title if number == 0 else labels.continued.format(title=group.title)
        slide = _slide(deck, title)
        top = Inches(1.2)
        if metrics:
            top = _metric_cards(slide, metrics, top)
            _notes(slide, metrics, labels)
        if charts:
            _charts(slide, charts, top, labels)
        _footer(slide, report)
    count = len(_pages(group.metrics, group.charts))
    # Short running text goes above the group's first table; longer text on slides of its own.
    lead = group.paragraphs
    short = sum(len(p.text) for p in lead) <= SHORT_TEXT_CHARS and not any(p.title for p in lead)
    if lead and not (short and group.tables and not count):
        _text_slides(deck, report, group.title, lead)
        count += 1
        lead = []
    for index, table in enumerate(group.tables):
        title = table.title or group.title
        if count or index:
            title = labels.continued.format(title=title)
        slide = _slide(deck, title)
        top = Inches(1.2)
        if index == 0 and lead:
            lines = [(p.text, 12, False, INK) for p in lead]
            _text(slide, MARGIN, top, WIDTH - 2 * MARGIN, Inches(1.0), lines)
            top += Inches(1.1)
        _table(slide, table, top, labels)
        _footer(slide, report)


def build_pptx(report: Report) -> bytes:
    """The report as a PowerPoint file (16:9), every text editable."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = report.title
    deck.core_properties.author = report.author
    deck.core_properties.language = report.language
    if report.cover is not None:
        _cover(deck, report, report.cover)
    for section in report.sections:
        for group in _groups(section.title, section.blocks):
            _group_slides(deck, report, group)
    if report.blocks and not report.sections:
        for group in _groups(report.title, report.blocks):
            _group_slides(deck, report, group)
    for group in _groups(report.labels.methodology, report.appendix):
        _group_slides(deck, report, group)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
