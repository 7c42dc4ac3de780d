"""The view as a client-ready PDF or PPTX (and its charts as PNG), built from what was shown.

While a page runs inside ``export_controls(page)``, the charts (``chart``), tables
(``ui.tables.table``), number cards (``ui.metric_cards.metric_card``) and filters
(``ui.filters.filter_bar``) it shows are recorded; when the page has run to its end, the sidebar
offers them as a PDF, editable slides and a zip of PNG images. The session keeps the last record
of each report page it showed: pages opened on the same campaigns can be chosen into one report.
The report opens with a cover (the agency's name and logo from ``store.settings``, client,
campaign, dates and the verdict sentences of ``ui.verdict``) and ends with a methodology appendix
(reading the verdict, definitions, intervals, sample sizes), all in the reader's language.

Files are built only on click (Streamlit runs the download's callable then), from these records
alone: a viewer of a share link can only ever get what their own pages showed them. A run that
stops early (``st.stop``, a rerun, an error) offers nothing, so a half-drawn view is never
exported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from access.links import SHAREABLE_SECTIONS
from charts.base import png_config
from export.images import ChartImageUnavailable, figure_png, find_chromium
from export.pdf import (
    MAX_TABLE_ROWS,
    Block,
    Chart,
    Cover,
    CoverCampaign,
    Heading,
    Labels,
    Metric,
    Paragraph,
    PdfFontUnavailable,
    Report,
    Section,
    Table,
    Verdict,
    build_pdf,
    find_font,
    plain,
)
from export.pptx import build_pptx
from i18n import locale
from metrics.stats import DEFAULT_CONFIDENCE
from store.settings import Brand, get_brand
from store.store import Store
from ui.i18n import colon, language, number, percent, say, t

if TYPE_CHECKING:
    from metrics.campaign import CampaignView

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MAX_COVER_CAMPAIGNS = 3  # more campaigns are named in one line, their verdicts left to their own
# Simulated coverage of each kind of range at the nominal 90 % (lowest and highest over the
# scenarios of the calibration table, docs/intervals.md); ``None`` for hard bounds.
INTERVAL_COVERAGE: dict[str, tuple[float, float] | None] = {
    "wilson": (0.907, 1.0),
    "newcombe": (0.892, 0.996),
    "cost": (0.900, 0.910),
    "pooled": (0.882, 0.903),
    "sentiment": (0.906, 1.0),
    "creators": (0.900, 0.965),
    "organic": (0.883, 0.914),
    "adstock": (0.877, 0.952),
    "bounds": None,
}
_VIEWS = "export.views"


class Page(Protocol):
    """What ``st.navigation`` returns: the page being shown."""

    title: str
    url_path: str


@dataclass(frozen=True)
class _ChartItem:
    figure: go.Figure
    name: str


@dataclass
class _Recorder:
    """What one run of a page showed, in order."""

    items: list[Heading | Metric | _TableItem | _ChartItem] = field(default_factory=list)
    filters: tuple[tuple[str, str], ...] = ()
    subtitle: str | None = None
    campaign_ids: tuple[str, ...] = ()
    client: str | None = None
    confidence: float | None = None
    comparison: tuple[Verdict, ...] = ()
    """A comparison's verdict (``record_comparison``): its cover lists the campaigns compared."""


_recorder: ContextVar[_Recorder | None] = ContextVar("sillage_export_recorder", default=None)


def _record(item: Heading | Metric | _TableItem | _ChartItem) -> None:
    recorder = _recorder.get()
    if recorder is not None:
        recorder.items.append(item)


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(module: str, name: str, args: tuple, kwargs: tuple) -> go.Figure:
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def figure(build: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """``build(*args, **kwargs)``, made once per distinct input and shared by every session.

    Building a Plotly figure validates every property and was a large part of a page view's
    server time; everyone opening the same share link sees the same charts. The figure is
    shared, so nothing changes it after it is built (drawing and exporting only read it).
    ``build`` is a module-level function of ``charts``.
    """
    return _built(build.__module__, build.__qualname__, args, tuple(sorted(kwargs.items())))


def chart(
    figure: go.Figure, *, file_name: str, key: str | None = None, container: Any = None
) -> None:
    """``st.plotly_chart`` (full width, PNG camera button named ``file_name``), recorded."""
    (container or st).plotly_chart(figure, width="stretch", config=png_config(file_name), key=key)
    _record(_ChartItem(figure, file_name))


def subheader(text: str, *, container: Any = None, **kwargs: Any) -> None:
    """``st.subheader`` (same arguments), recorded as a section title of the PDF."""
    (container or st).subheader(text, **kwargs)
    _record(Heading(plain(text)))


def record_metric(
    label: str,
    value: str,
    caption: str | None = None,
    definition: str | None = None,
    formula: str | None = None,
    source: str | None = None,
    provenance: str | None = None,
    note: str | None = None,
) -> None:
    """A number card as shown, with its definition (texts already in the interface language)."""
    _record(Metric(label, value, caption, definition, formula, source, provenance, note))


_PRINTF = re.compile(r"%[,']?\.(\d+)f(%%)?")


def _cell(value: Any, lang: str, fmt: str | None = None) -> str:
    """A cell as the page shows it, after its column's ``format`` where it has one."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if fmt == "percent":
            return percent(float(value), 1, lang)
        printf = _PRINTF.fullmatch(fmt or "")
        if printf:
            return number(float(value), int(printf.group(1)), lang) + (
                "%" if printf.group(2) else ""
            )
        if isinstance(value, int) or float(value).is_integer():
            return number(value, 0, lang)
        return number(value, 2, lang)
    if isinstance(value, pd.Timestamp | dt.datetime):
        with_time = value.time() != dt.time() and "HH" in (fmt or "HH")
        return locale.date_time(value, lang) if with_time else locale.date(value, lang)
    if isinstance(value, dt.date):
        return locale.date(value, lang)
    return str(value)


@dataclass(frozen=True)
class _TableItem:
    """A table as shown, turned into PDF rows only when a PDF is asked for."""

    frame: pd.DataFrame
    column_config: dict[str, Any]
    lang: str

    def table(self) -> Table:
        """Column labels, hidden columns and number formats of ``column_config``.

        Only the first ``MAX_TABLE_ROWS`` rows go into the PDF.
        """
        columns: list[tuple[Any, str, str | None]] = []  # column, label, format
        for column in self.frame.columns:
            spec = self.column_config.get(column, "")
            if column in self.column_config and spec is None:
                continue  # hidden by the page
            if isinstance(spec, str):
                columns.append((column, spec or str(column), None))
            elif isinstance(spec, dict) and not spec.get("hidden"):
                fmt = (spec.get("type_config") or {}).get("format")
                columns.append((column, spec.get("label") or str(column), fmt))
        head = self.frame.head(MAX_TABLE_ROWS)
        rows = tuple(
            tuple(
                _cell(value, self.lang, fmt)
                for value, (_, _, fmt) in zip(values, columns, strict=True)
            )
            for values in zip(*(head[c].astype(object) for c, _, _ in columns), strict=True)
        )
        return Table(tuple(label for _, label, _ in columns), rows, len(self.frame))


def record_table(frame: pd.DataFrame, column_config: dict[str, Any] | None = None) -> None:
    """A table as shown, with the labels, hidden columns and formats of ``column_config``.

    Formatting its cells waits for a click on the PDF: most views are never exported.
    """
    if _recorder.get() is not None:
        # A lazy copy (copy-on-write): a later edit of the page's frame does not change the record.
        _record(_TableItem(frame.copy(deep=False), dict(column_config or {}), language()))


def record_filters(options: Any, filters: Any, needs: Any) -> None:
    """The filters of the view (``ui.filters.filter_bar``), with names as the sidebar shows them."""
    recorder = _recorder.get()
    if recorder is None:
        return
    lang = language()
    clients = dict(options.clients)
    campaigns = {c[0]: c[1] for c in options.campaigns}
    creators = dict(options.creators)
    client = clients.get(filters.client_id) if filters.client_id is not None else None
    names = [campaigns.get(c, c) for c in filters.campaign_ids]
    shown = [(t("client"), client or t("all_clients"))]
    shown.append(
        (t("campaign") if needs.one_campaign else t("campaigns"), ", ".join(names))
        if names
        else (t("campaigns"), t("export.all_campaigns"))
    )
    if needs.dates:
        period = (
            f"{filters.start.isoformat()} → {filters.end.isoformat()}"
            if filters.start and filters.end
            else t("export.all_dates")
        )
        shown.append((t("dates"), period))
    if needs.platforms:
        shown.append((t("platforms"), ", ".join(filters.platforms) or t("export.all_platforms")))
    if needs.creators:
        chosen = [creators.get(c, c) for c in filters.creator_ids]
        shown.append((t("creators"), ", ".join(chosen) or t("export.all_creators")))
    if needs.confidence:
        shown.append((t("confidence"), percent(filters.confidence, 0, lang)))
    recorder.filters = tuple(shown)
    recorder.campaign_ids = tuple(filters.campaign_ids)
    recorder.client = client
    recorder.confidence = filters.confidence
    owners = {c[0]: clients.get(c[2]) for c in options.campaigns}
    if len(names) == 1:
        owner = owners.get(filters.campaign_ids[0])
        recorder.subtitle = f"{names[0]} · {owner}" if owner else names[0]
    elif names:
        recorder.subtitle = ", ".join(names)
    else:
        recorder.subtitle = client


def record_comparison(
    campaigns: dict[str, str], verdicts: tuple[Verdict, ...], filters: tuple[tuple[str, str], ...]
) -> None:
    """The campaigns a comparison sets side by side (id → name, in its order), its verdict and
    the choices it was made with: the report's cover lists the campaigns and this verdict."""
    recorder = _recorder.get()
    if recorder is None:
        return
    recorder.campaign_ids = tuple(campaigns)
    recorder.subtitle = ", ".join(campaigns.values())
    recorder.comparison = verdicts
    recorder.filters = filters
    recorder.confidence = DEFAULT_CONFIDENCE


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe form of ``text``: ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def _labels() -> Labels:
    return Labels(
        filters=t("filters"),
        generated=t("export.generated"),
        definitions=t("export.definitions"),
        formula=t("lp_formula"),
        source=t("lp_source"),
        provenance=t("lp_provenance"),
        note=t("lp_note"),
        page=t("export.page"),
        rows_cut=t("export.rows_cut"),
        chart_missing=t("export.chart_missing"),
        nothing=t("export.nothing"),
        colon=colon(),
        client=t("client"),
        campaign=t("campaign"),
        dates=t("dates"),
        verdict=t("vd.title"),
        contents=t("rp.contents"),
        methodology=t("rp.methodology"),
        continued=t("rp.continued"),
    )


@st.cache_data(show_spinner=False, max_entries=8)
def _brand_at(location: str, version: str) -> Brand:
    """The agency's brand, read once per data version.

    It holds no client's data, so it is read the same way under a share link as for the admin;
    a store that cannot be read now gives a report without a brand rather than no report.
    """
    del version  # only part of the cache key
    try:
        with Store.open(location).connect() as connection:
            return get_brand(connection)
    except Exception:  # noqa: BLE001 - a brand is never a reason to refuse a report
        return Brand()


def _brand() -> Brand:
    from ui import data

    store = data.store()
    return _brand_at(store.location, store.data_version())


def _dates(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    if start and end:
        shown = locale.date(start, lang), locale.date(end, lang)
        return t("rp.dates_range").format(start=shown[0], end=shown[1])
    if start:
        return t("rp.dates_from").format(start=locale.date(start, lang))
    return t("rp.dates_unknown")


def _campaigns(campaign_ids: tuple[str, ...], confidence: float) -> list[CampaignView]:
    """The numbers of the first campaigns of the view (``metrics.campaign``), as the pages read
    them."""
    from store.campaigns import get_campaign
    from ui import data
    from ui.metric_cards import campaign_numbers

    return [
        campaign_numbers(campaign_id, confidence)
        for campaign_id in campaign_ids[:MAX_COVER_CAMPAIGNS]
        if data.read(get_campaign, campaign_id) is not None
    ]


def _cover(recorder: _Recorder, campaigns: list[CampaignView], contents: tuple[str, ...]) -> Cover:
    """The cover: the agency, the client, each campaign with its dates and verdict sentences;
    for a comparison, every campaign compared one a line and the comparison's verdict."""
    from store.campaigns import get_campaign
    from ui import data
    from ui.metric_cards import STATUS_COLORS, status_label
    from ui.verdict import verdict_sentence

    lang = language()
    brand = _brand()
    if recorder.comparison:
        compared = [data.read(get_campaign, c) for c in recorder.campaign_ids]
        return Cover(
            heading=t("rp.comparison"),
            agency=brand.name,
            logo=brand.logo.data if brand.logo else None,
            client=recorder.client,
            listed=tuple(
                CoverCampaign(
                    name=c.name,
                    client=c.client_name,
                    dates=_dates(c.start_date, c.end_date, lang),
                )
                for c in compared
                if c is not None
            ),
            listed_title=t("rp.compared"),
            verdicts=recorder.comparison,
            contents=contents,
        )
    shown = tuple(
        CoverCampaign(
            name=view.campaign.name,
            client=view.campaign.client_name,
            dates=_dates(view.campaign.start_date, view.campaign.end_date, lang),
            verdicts=tuple(
                Verdict(plain(verdict_sentence(g)), status_label(g), STATUS_COLORS[g.status])
                for g in view.grades
            )
            or (Verdict(t("rp.no_verdict")),),
        )
        for view in campaigns
    )
    hidden = len(recorder.campaign_ids) - len(shown)
    return Cover(
        heading=t("rp.report"),
        agency=brand.name,
        logo=brand.logo.data if brand.logo else None,
        client=recorder.client,
        campaigns=shown,
        note=t("rp.more_campaigns").format(n=hidden) if hidden > 0 and shown else None,
        contents=contents,
    )


def _coverage(kind: str) -> str:
    span = INTERVAL_COVERAGE[kind]
    if span is None:
        return t("rp.coverage_bounds")
    return f"{percent(span[0], 1)} … {percent(span[1], 1)}"


def _appendix(campaigns: list[CampaignView], confidence: float) -> tuple[Block, ...]:
    """How to read the verdict, what the targets measure, how ranges are made, sample sizes."""
    from metrics import scorecard
    from ui.metric_cards import target_label
    from ui.scope import costs_hidden

    blocks: list[Block] = [
        Heading(t("rp.reading")),
        Paragraph(t("rp.reading_text")),
        Paragraph(t("rp.words_text")),
    ]
    definitions: dict[str, Paragraph] = {}
    for view in campaigns:
        for grade in view.grades:
            metric = scorecard.TARGET_METRICS.get(grade.key)
            if metric is None or grade.key in definitions:
                continue
            definitions[grade.key] = Paragraph(say(metric.definition), title=target_label(metric))
    if definitions:
        blocks += [Heading(t("export.definitions")), Paragraph(t("rp.definitions_text"))]
        blocks += list(definitions.values())
    # A link that hides costs gets no word on how a cost's range is made.
    kinds = [k for k in INTERVAL_COVERAGE if not (k == "cost" and costs_hidden())]
    blocks += [
        Heading(t("rp.intervals")),
        Paragraph(t("rp.intervals_text").format(confidence=percent(confidence, 0))),
        Table(
            (t("rp.col_range"), t("rp.col_method"), t("rp.col_coverage")),
            tuple((t(f"rp.iv.{kind}"), t(f"rp.iv.{kind}_how"), _coverage(kind)) for kind in kinds),
            len(kinds),
        ),
    ]
    if campaigns:
        blocks += [Heading(t("rp.samples")), Paragraph(t("rp.samples_text"))]
        rows = []
        for view in campaigns:
            campaign = view.campaign
            if not view.lifts:
                blocks.append(Paragraph(t("rp.no_survey").format(campaign=campaign.name)))
            for lift in view.lifts:
                effective = (
                    f"{number(lift.n_exposed_effective, 0)} / {number(lift.n_control_effective, 0)}"
                )
                rows.append(
                    (
                        campaign.name,
                        t(lift.question),
                        number(lift.n_exposed, 0),
                        number(lift.n_control, 0),
                        effective,
                    )
                )
        if rows:
            columns = (
                t("campaign"),
                t("rp.col_question"),
                t("rp.col_exposed"),
                t("rp.col_control"),
                t("rp.col_effective"),
            )
            blocks.append(Table(columns, tuple(rows), len(rows)))
    return tuple(blocks)


@dataclass(frozen=True)
class _View:
    """A report page as it last ran to its end in this session."""

    title: str
    recorder: _Recorder


@dataclass(frozen=True)
class _Snapshot:
    """Everything a click needs, fixed at the end of the run (clicks run outside it)."""

    title: str
    recorder: _Recorder
    lang: str
    labels: Labels
    no_images: str
    views: tuple[_View, ...] = ()
    cover: Cover | None = None
    appendix: tuple[Block, ...] = ()

    def charts(self) -> list[_ChartItem]:
        return [i for i in self.recorder.items if isinstance(i, _ChartItem)]

    def report(self) -> Report:
        """The report with its chart images drawn (once for the whole report)."""
        reason: str | None = None
        sections = []
        for view in self.views or (_View(self.title, self.recorder),):
            blocks: list[Block] = []
            for item in view.recorder.items:
                if isinstance(item, _TableItem):
                    blocks.append(item.table())
                    continue
                if not isinstance(item, _ChartItem):
                    blocks.append(item)
                    continue
                png = None
                if reason is None:
                    try:
                        png = figure_png(item.figure)
                    except ChartImageUnavailable as error:
                        reason = str(error)
                blocks.append(Chart(item.name, png, missing=None if png else item.name))
            sections.append(Section(view.title, tuple(blocks), view.recorder.subtitle))
        now = dt.datetime.now().astimezone()
        stamp = f"{locale.date_time(now, self.lang)} {now.strftime('%Z')}".rstrip()
        single = len(sections) == 1
        return Report(
            title=self.title,
            subtitle=self.recorder.subtitle,
            filters=self.recorder.filters,
            generated_at=stamp,
            blocks=sections[0].blocks if single and self.cover is None else (),
            notice=f"{self.no_images} ({reason})" if reason else None,
            language=self.lang,
            labels=self.labels,
            cover=self.cover,
            sections=tuple(sections) if self.cover is not None else (),
            appendix=self.appendix,
        )

    def pdf(self) -> bytes:
        return build_pdf(self.report())

    def pptx(self) -> bytes:
        return build_pptx(self.report())

    def png_zip(self) -> bytes:
        buffer = io.BytesIO()
        used: set[str] = set()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for position, item in enumerate(self.charts(), start=1):
                name = slug(item.name) or f"chart-{position}"
                if name in used:
                    name = f"{name}-{position}"
                used.add(name)
                archive.writestr(f"{name}.png", figure_png(item.figure))
        return buffer.getvalue()


def file_stem(
    page: Page, campaign_ids: tuple[str, ...], today: dt.date | None = None, name: str = ""
) -> str:
    """``sillage-<page>-<campaign>-<date>``: from ids and the page's path, never free text.

    ``name`` (``report``, for several pages) stands in for the page's path.
    """
    day = (today or dt.date.today()).strftime("%Y%m%d")
    if len(campaign_ids) == 1:
        scope = slug(campaign_ids[0], 40)
    elif campaign_ids:
        scope = f"{len(campaign_ids)}-campaigns"
    else:
        scope = ""
    parts = ["sillage", slug(name or section(page), 30) or "view", scope, day]
    return "-".join(p for p in parts if p)


def section(page: Page) -> str:
    """The page's name in the URL (``overview``), also for the default page.

    ``StreamlitPage.url_path`` is "" for the default page (it opens at the root URL), which is
    the first section of a share link; its declared path is kept in ``_url_path``.
    """
    return getattr(page, "_url_path", "") or page.url_path


@st.cache_resource(show_spinner=False, ttl=60)
def _missing_tools() -> tuple[str | None, str | None]:
    """Why the PDF font or the chart browser is missing (None when found), looked up a minute
    at a time: searching the PATH on every page view cost more than the rest of the controls."""
    font_problem = browser_problem = None
    try:
        find_font()
    except PdfFontUnavailable as error:
        font_problem = str(error)
    try:
        find_chromium()
    except ChartImageUnavailable as error:
        browser_problem = str(error)
    return font_problem, browser_problem


def _chosen_views(recorder: _Recorder, page: Page) -> tuple[_View, ...]:
    """This page's view and the other report pages of the session on the same campaigns that
    the viewer chose (a choice appears only when there are some)."""
    current = section(page)
    views: dict[str, _View] = st.session_state.setdefault(_VIEWS, {})
    views[current] = _View(page.title, recorder)
    same = [
        name
        for name in SHAREABLE_SECTIONS
        if name in views and views[name].recorder.campaign_ids == recorder.campaign_ids
    ]
    if len(same) < 2:
        return (views[current],)
    chosen = st.sidebar.multiselect(
        t("export.pages"),
        same,
        default=[current],
        format_func=lambda name: views[name].title,
        help=t("export.pages_help"),
        key=f"export.pages.{current}",
    )
    return tuple(views[name] for name in same if name in (chosen or [current]))


def _controls(recorder: _Recorder, page: Page) -> None:
    # Only the report pages a client may see are exported; admin pages are tools, not reports.
    if not recorder.items or section(page) not in SHAREABLE_SECTIONS:
        return
    sidebar = st.sidebar
    sidebar.divider()
    sidebar.subheader(t("export.title"))
    font_problem, browser_problem = _missing_tools()
    views = _chosen_views(recorder, page)
    confidence = recorder.confidence or DEFAULT_CONFIDENCE
    campaigns = _campaigns(recorder.campaign_ids, confidence)
    several = len(views) > 1
    snapshot = _Snapshot(
        (recorder.subtitle or t("rp.report")) if several else page.title,
        recorder,
        language(),
        _labels(),
        t("export.no_images"),
        views=views,
        cover=_cover(recorder, campaigns, tuple(v.title for v in views)),
        appendix=_appendix(campaigns, confidence),
    )
    stem = file_stem(page, recorder.campaign_ids, name="report" if several else "")
    sidebar.download_button(
        t("export.pdf"),
        data=snapshot.pdf,
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="export.pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=t("export.pdf_help"),
        disabled=font_problem is not None,
        width="stretch",
    )
    sidebar.download_button(
        t("export.pptx"),
        data=snapshot.pptx,
        file_name=f"{stem}.pptx",
        mime=PPTX_MIME,
        key="export.pptx",
        on_click="ignore",
        icon=":material/slideshow:",
        help=t("export.pptx_help"),
        width="stretch",
    )
    if snapshot.charts():
        sidebar.download_button(
            t("export.png"),
            data=snapshot.png_zip,
            file_name=f"{stem}-charts.zip",
            mime="application/zip",
            key="export.png",
            on_click="ignore",
            icon=":material/image:",
            help=t("export.png_help"),
            disabled=browser_problem is not None,
            width="stretch",
        )
    if font_problem:
        sidebar.warning(f"{t('export.no_font')}\n\n{font_problem}", icon=":material/warning:")
    if browser_problem:
        sidebar.warning(f"{t('export.no_images')}\n\n{browser_problem}", icon=":material/warning:")


@contextlib.contextmanager
def export_controls(page: Page) -> Iterator[None]:
    """Record what ``page`` shows while it runs, then offer it in the sidebar as PDF and PNG.

    Wrap the page's run: ``with export_controls(page): page.run()``. The record starts empty on
    every run; the controls appear only when the page ran to its end.
    """
    recorder = _Recorder()
    token = _recorder.set(recorder)
    try:
        yield
    finally:
        _recorder.reset(token)
    _controls(recorder, page)
