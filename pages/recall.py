"""Recall: aided ad-recall lift, unaided recall exposed vs control, brand mentions over time."""

from __future__ import annotations

import streamlit as st

from charts.lift import lift_chart, unaided_as_lift
from charts.perception import brand_mentions_weekly_chart, group_rates_chart
from metrics.recall import brand_mentions_by_week, unaided_recall
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, filter_bar
from ui.i18n import language, number, percent, points, say_joined, t
from ui.methodology import methodology
from ui.metric_cards import (
    campaign_numbers,
    certainty_text,
    exports_held,
    holdings,
    lift_section,
    lifts_for,
    mentions_frame,
    metric_card,
    needs_line,
    no_campaign_stop,
)
from ui.shell import require_app
from ui.tables import table
from ui.verdict import campaign_verdict

QUESTIONS = ("ad_recall", "awareness")

require_app()

st.title(t("recall_title"))
filters = filter_bar(FilterNeeds(one_campaign=True))
if filters is None:
    no_campaign_stop()
campaign_id = filters.campaign_ids[0]
campaign_verdict(campaign_id, filters.confidence)
held = exports_held(filters)
needs_line("recall", held)
unaided = data.read(unaided_recall, campaign_id, filters)
weeks = data.read(brand_mentions_by_week, campaign_id, filters)
lifts = lifts_for(campaign_numbers(campaign_id, filters.confidence).lifts, QUESTIONS)
if not lifts and not weeks and unaided.comparison.absolute_lift is None:
    holdings(held)

subheader(t("aided_recall_title"), anchor="aided")
lift_section("recall", campaign_id, QUESTIONS, filters.confidence, "no_recall_question")

subheader(t("unaided_recall_title"), anchor="unaided")
comparison = unaided.comparison
if comparison.absolute_lift is None:
    st.info(t("no_unaided"), icon=":material/record_voice_over:")
    if unaided.warnings:
        st.caption(say_joined(unaided.warnings))
else:
    left, right = st.columns(2)
    with left:
        metric_card(
            st,
            t("unaided_recall_lift"),
            points(comparison.absolute_lift),
            definition=t("unaided_definition").format(terms=", ".join(unaided.brand_terms)),
            formula="p_e − p_c",
            source=unaided.interval_method,
            provenance="measured",
            note=say_joined(unaided.warnings),
            caption=f"{points(comparison.ci_low)} … {points(comparison.ci_high)} · "
            f"{certainty_text(unaided_as_lift(comparison))}",
        )
        chart(
            figure(lift_chart, [unaided_as_lift(comparison)], language(), height=240),
            file_name=f"sillage-unaided-lift-{campaign_id}",
            key="recall.unaided_lift_chart",
        )
    with right:
        chart(
            figure(
                group_rates_chart,
                comparison.exposed_rate,
                comparison.control_rate,
                comparison.n_exposed,
                comparison.n_control,
                language(),
            ),
            file_name=f"sillage-unaided-rates-{campaign_id}",
            key="recall.unaided_rates_chart",
        )
        st.caption(
            t("unaided_counts").format(
                exposed=percent(comparison.exposed_rate),
                control=percent(comparison.control_rate),
                n_exposed=number(unaided.respondents_exposed),
                n_control=number(unaided.respondents_control),
            )
        )

subheader(t("mentions_title"), anchor="mentions")
if not weeks:
    st.info(t("no_comments"), icon=":material/filter_alt_off:")
else:
    chart(
        figure(brand_mentions_weekly_chart, weeks, language()),
        file_name=f"sillage-brand-mentions-{campaign_id}",
        key="recall.mentions_chart",
    )
    table(
        mentions_frame(weeks),
        key="recall.mentions.csv",
        file_name=f"sillage-brand-mentions-{campaign_id}.csv",
    )

methodology("recall")
