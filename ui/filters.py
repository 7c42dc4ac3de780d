"""The filters of a view, kept in the URL so that a copied link reopens the same view.

Query parameters (all optional, strings only as Streamlit keeps them): ``client`` (id),
``campaign`` (comma-separated ids), ``from`` and ``to`` (ISO dates), ``platform`` and ``creator``
(comma-separated), ``confidence`` (e.g. ``0.9``), ``lang``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from charts.base import keyed_colors
from metrics.filters import Filters
from store.campaigns import FilterOptions, filter_options
from ui import data
from ui.export import record_filters
from ui.i18n import percent, t
from ui.scope import current_scope

CONFIDENCES = (0.8, 0.9, 0.95, 0.99)


@dataclass(frozen=True)
class FilterNeeds:
    """Which filters a page offers; a single-campaign page asks for ``one_campaign``."""

    one_campaign: bool = False
    dates: bool = True
    platforms: bool = True
    creators: bool = True
    confidence: bool = True


def _split(name: str) -> list[str]:
    value = st.query_params.get(name, "")
    return [part for part in value.split(",") if part]


def _set(name: str, values: list[str] | str | None) -> None:
    text = ",".join(values) if isinstance(values, list) else (values or "")
    if text:
        st.query_params[name] = text
    elif name in st.query_params:
        del st.query_params[name]


def _date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return None


def _client_select(options: FilterOptions) -> int | None:
    client_names = dict(options.clients)
    client_param = st.query_params.get("client")
    client_id = int(client_param) if client_param and client_param.isdigit() else None
    client_choice = st.sidebar.selectbox(
        t("client"),
        options=[None, *client_names],
        index=([None, *client_names].index(client_id) if client_id in client_names else 0),
        format_func=lambda c: t("all_clients") if c is None else client_names[c],
        key="filter.client",
    )
    _set("client", str(client_choice) if client_choice is not None else None)
    return client_choice


def _options() -> FilterOptions:
    """The clients, campaigns, platforms and creators the viewer may filter on."""
    scope = current_scope()
    return (
        data.read(filter_options)
        if scope is None
        else data.read(filter_options, scope.campaign_ids)
    )


def creator_colors() -> dict[str, str]:
    """One colour per creator the viewer may see, keyed by creator id, for every chart of a page
    (``charts.base.keyed_colors``: by the creator's place among the sorted ids)."""
    return keyed_colors(creator_id for creator_id, _ in _options().creators)


def campaigns_in_view(filters: Filters) -> list[tuple[str, str]]:
    """The campaigns a filtered view covers, ``(id, name)`` by start date: those chosen, else
    every campaign of the chosen client (or of all clients the viewer may see)."""
    return [
        (campaign_id, name)
        for campaign_id, name, client_id, *_ in _options().campaigns
        if (campaign_id in filters.campaign_ids if filters.campaign_ids else True)
        and (filters.client_id is None or client_id == filters.client_id)
    ]


def filter_bar(needs: FilterNeeds = FilterNeeds()) -> Filters | None:
    """Sidebar filters read from and written to the URL; None when there is no campaign at all."""
    scope = current_scope()
    options = _options()
    if not options.campaigns:
        return None
    sidebar = st.sidebar
    sidebar.subheader(t("filters"))
    if scope is None:
        client_choice = _client_select(options)
    else:
        client_choice = scope.client_id  # a shared view is one client's, with no choice to make
        _set("client", None)
    campaigns = {
        c[0]: c[1] for c in options.campaigns if client_choice is None or c[2] == client_choice
    }
    wanted = [c for c in _split("campaign") if c in campaigns]
    if needs.one_campaign:
        ids = list(campaigns)
        default = wanted[0] if wanted else ids[-1]  # the latest campaign unless the URL says
        chosen = [
            sidebar.selectbox(
                t("campaign"),
                ids,
                index=ids.index(default),
                format_func=campaigns.get,
                key="filter.campaign",
            )
        ]
    else:
        chosen = sidebar.multiselect(
            t("campaigns"),
            list(campaigns),
            default=wanted,
            format_func=campaigns.get,
            key="filter.campaigns",
            placeholder=t("all"),
        )
    _set("campaign", chosen)
    start, end = _date("from"), _date("to")
    if needs.dates:
        picked = sidebar.date_input(
            t("dates"), value=(start, end) if start and end else (), key="filter.dates"
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start, end = picked
        else:
            start = end = None
        _set("from", start.isoformat() if start else None)
        _set("to", end.isoformat() if end else None)
    platforms: list[str] = []
    if needs.platforms:
        platforms = sidebar.multiselect(
            t("platforms"), list(options.platforms),
            default=[p for p in _split("platform") if p in options.platforms], key="filter.platforms",
            placeholder=t("all"),
        )  # fmt: skip
        _set("platform", platforms)
    creators: list[str] = []
    if needs.creators:
        creator_names = dict(options.creators)
        creators = sidebar.multiselect(
            t("creators"), list(creator_names), format_func=creator_names.get,
            default=[c for c in _split("creator") if c in creator_names], key="filter.creators",
            placeholder=t("all"),
        )  # fmt: skip
        _set("creator", creators)
    confidence = 0.9
    if needs.confidence:
        try:
            confidence = float(st.query_params.get("confidence", "0.9"))
        except ValueError:
            confidence = 0.9
        confidence = min(CONFIDENCES, key=lambda c: abs(c - confidence))
        confidence = sidebar.select_slider(
            t("confidence"), options=CONFIDENCES, value=confidence,
            format_func=lambda c: percent(c, 0), help=t("confidence_help"), key="filter.confidence",
        )  # fmt: skip
        _set("confidence", None if confidence == 0.9 else f"{confidence:g}")
    if scope is not None and not chosen:
        chosen = list(campaigns)  # "all" under a share link means all of the link's campaigns
    filters = Filters(
        client_id=client_choice,
        campaign_ids=tuple(chosen),
        start=start,
        end=end,
        platforms=tuple(platforms),
        creator_ids=tuple(creators),
        confidence=confidence,
    )
    record_filters(options, filters, needs)
    return filters
