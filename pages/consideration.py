"""Consideration: consideration and purchase-intent lift, and behavioural signals per reach."""

from __future__ import annotations

import streamlit as st

from charts.perception import signals_chart
from metrics.kpis import kpis, summary
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, filter_bar
from ui.i18n import language, t
from ui.methodology import methodology
from ui.metric_cards import (
    SIGNALS,
    campaign_numbers,
    cards_in_rows,
    exports_held,
    holdings,
    kpi_card,
    lift_section,
    lifts_for,
    needs_line,
    no_campaign_stop,
    post_headline,
    signal_items,
    signals_frame,
)
from ui.shell import require_app
from ui.tables import table
from ui.verdict import campaign_verdict

QUESTIONS = ("consideration", "purchase_intent")

require_app()

st.title(t("consideration_title"))
filters = filter_bar(FilterNeeds(one_campaign=True))
if filters is None:
    no_campaign_stop()
campaign_id = filters.campaign_ids[0]
campaign_verdict(campaign_id, filters.confidence)
held = exports_held(filters)
needs_line("consideration", held)
values = data.read(summary, filters)
no_signals = all(values.get(m) is None or values[m].value is None for m in SIGNALS)
if no_signals and not lifts_for(campaign_numbers(campaign_id, filters.confidence).lifts, QUESTIONS):
    # Without reach for the rates, the intent signals as the platforms exported them.
    if not post_headline(filters, ("saves", "shares", "clicks", "profile_visits")):
        holdings(held)

subheader(t("consideration_lift_title"), anchor="lift")
lift_section(
    "consideration", campaign_id, QUESTIONS, filters.confidence, "no_consideration_question"
)

subheader(t("signals_title"), anchor="signals")
st.caption(t("signals_caption"))
if no_signals:
    st.info(t("no_signals"), icon=":material/info:")
else:
    cards_in_rows(SIGNALS, lambda column, metric: kpi_card(column, metric, values.get(metric)), 2)
    chart(
        figure(signals_chart, signal_items(values), language()),
        file_name=f"sillage-signals-{campaign_id}",
        key="consideration.signals_chart",
    )
    st.markdown(f"**{t('signals_by_creator')}**")
    table(
        signals_frame(data.read(kpis, filters, "creator")),
        key="consideration.signals.csv",
        file_name=f"sillage-signals-{campaign_id}.csv",
    )

methodology("consideration")
