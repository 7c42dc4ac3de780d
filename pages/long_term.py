"""Long-term: what remains of a campaign's lift weeks after it (brand-tracker waves), and whether
the control baseline moves across the client's campaigns (``metrics.longterm``).

Query parameters: the filter bar's (``campaign``, ``confidence``, ``lang``) and ``question``.
"""

from __future__ import annotations

import streamlit as st

from charts.lift import question_label
from charts.longterm import baseline_chart, wave_lift_chart
from metrics.longterm import long_term
from ui import data
from ui.export import figure, subheader
from ui.filters import FilterNeeds, filter_bar
from ui.i18n import language, say_joined, t
from ui.longterm import baseline_frame, chart_and_table, slope_card, summary_cards, waves_frame
from ui.methodology import methodology
from ui.metric_cards import no_campaign_stop
from ui.scope import shared_campaigns
from ui.shell import require_app
from ui.verdict import campaign_verdict

QUESTION_KEY = "lt.question"

require_app()
lang = language()

st.title(t("lt.title"))
st.caption(t("lt.caption"))
filters = filter_bar(FilterNeeds(one_campaign=True, dates=False, platforms=False, creators=False))
if filters is None:
    no_campaign_stop()
campaign_id = filters.campaign_ids[0]
campaign_verdict(campaign_id, filters.confidence)
view = data.read(long_term, campaign_id, filters.confidence, shared_campaigns())
if not view.questions:
    st.info(t("lt.no_waves_info"), icon=":material/timeline:")
    st.stop()

items = view.by_question()
if st.session_state.get(QUESTION_KEY) not in items:
    wanted = st.query_params.get("question")
    st.session_state[QUESTION_KEY] = wanted if wanted in items else next(iter(items))
question = st.selectbox(
    t("lt.question"),
    list(items),
    format_func=lambda q: question_label(q, lang),
    help=t("lt.question_help"),
    key=QUESTION_KEY,
)
st.query_params["question"] = question
item = items[question]

subheader(t("lt.waves_title"), anchor="waves")
st.caption(t("lt.waves_caption", confidence=filters.confidence))
summary_cards(item, st.columns(3))
chart_and_table(
    figure(wave_lift_chart, item.waves, item.decay, lang),
    waves_frame(item),
    t("lt.waves_table"),
    f"long-term-{question}-{campaign_id}",
)

subheader(t("lt.baseline_title"), anchor="baseline")
st.caption(t("lt.baseline_caption", confidence=filters.confidence))
trend = item.baseline
slope_card(trend, st.columns(2)[0])  # half the page: its range and sample fit on one line
chart_and_table(
    figure(baseline_chart, trend, lang),
    baseline_frame(trend),
    t("lt.baseline_table"),
    f"control-baseline-{question}-{campaign_id}",
)
if view.warnings:
    st.caption(say_joined(view.warnings))

methodology("long_term")
