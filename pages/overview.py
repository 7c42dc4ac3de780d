"""Overview: the campaign's objective scorecard, its posts' performance, headline lift, reach and
frequency. A campaign with posts but no survey, exposure log or comments leads with performance."""

from __future__ import annotations

import streamlit as st

from charts.lift import lift_chart
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, filter_bar
from ui.formatting import md
from ui.i18n import language, money, number, say, say_joined, t
from ui.methodology import methodology
from ui.metric_cards import (
    campaign_numbers,
    exports_held,
    interval_text,
    kpi_card,
    lift_card,
    lift_frame,
    metric_card,
    needs_line,
    no_campaign_stop,
    no_survey,
    performance_section,
    range_text,
    scorecard_frame,
    scorecard_rows,
)
from ui.scope import costs_hidden
from ui.shell import admin_link, require_app
from ui.sponsorship import organic_baseline_section
from ui.tables import table
from ui.verdict import verdict_block

require_app()

st.title(t("overview_title"))
filters = filter_bar(FilterNeeds(one_campaign=True, dates=False, platforms=False, creators=False))
if filters is None:
    no_campaign_stop()
campaign_id = filters.campaign_ids[0]
# Every number below comes from one composition (metrics.campaign), as `sillage report` prints it.
numbers = campaign_numbers(campaign_id, filters.confidence)
campaign = numbers.campaign
st.caption(
    t("overview_caption").format(
        name=md(campaign.name),
        client=md(campaign.client_name),
        objective=t(f"objective_{campaign.objective}") if campaign.objective else "—",
    )
)

grades = numbers.grades
verdict_block(grades)
held = exports_held(filters)
needs_line("overview", held)


def show_performance() -> None:
    subheader(t("perf.title"), anchor="performance")
    performance_section(filters, campaign_id)


if held.platform_only:
    show_performance()

subheader(t("scorecard_title"), anchor="scorecard")
if grades:
    scorecard_rows(grades)
    table(
        scorecard_frame(grades),
        key="overview.scorecard.csv",
        file_name=f"sillage-scorecard-{campaign_id}.csv",
    )
else:
    st.info(t("no_targets"), icon=":material/flag:")
    admin_link("pages/upload.py", t("set_targets_link"), ":material/flag:")

if held.posts and not held.platform_only:
    show_performance()

subheader(t("headline_lift_title"), anchor="lift")
lifts = numbers.lifts
if lifts:
    st.caption(t("lift_caption"))
    columns = st.columns(min(len(lifts), 5))
    for column, result in zip(columns, lifts, strict=False):
        lift_card(column, result)
    chart(
        figure(lift_chart, lifts, language()),
        file_name=f"sillage-lift-{campaign_id}",
        key="overview.lift_chart",
    )
    table(lift_frame(lifts), key="overview.lift.csv", file_name=f"sillage-lift-{campaign_id}.csv")
else:
    no_survey(numbers.lift_reason)

subheader(t("delivery_title"), anchor="delivery")
kpi_values = numbers.kpis
frequency = numbers.frequency
reach_bounds, frequency_bounds = numbers.reach_range, numbers.frequency_range
# Two cards a row: a range ("313,339 – 3,148,123") needs the width of half the page.
columns = [*st.columns(2), *st.columns(2)]
kpi_card(columns[0], "reach", kpi_values.get("reach"), range_text(reach_bounds, number))
kpi_card(columns[1], "impressions", kpi_values.get("impressions"))
metric_card(
    columns[2],
    t("lp_frequency"),
    range_text(frequency_bounds, lambda v: number(v, 2)) or number(frequency.frequency, 2),
    definition=t("frequency_definition"),
    formula=t("formula_frequency"),
    source=t("source_frequency"),
    provenance=frequency.provenance,
    note=say_joined(numbers.warnings),
    caption=t("reach_summed_short") if frequency.reach_summed_across_posts else None,
)
if not costs_hidden():
    cost = numbers.cost_per_lifted_user
    metric_card(
        columns[3],
        t("cost_per_lifted_user"),
        money(cost.value, cost.currency),
        definition=t("cplu_definition"),
        formula=t("formula_cplu"),
        source=t("source_lift"),
        provenance=cost.provenance or "estimated",
        note=say(cost.note or cost.reason),
        caption=(
            interval_text(cost.ci_low, cost.ci_high, lambda v: money(v, cost.currency))
            if cost.value is not None
            else say(cost.reason)
        ),
    )
if numbers.reach_summed:
    st.warning(t("reach_summed_warning"), icon=":material/warning:")

# Organic baseline: the sponsored posts against the creators' own organic posts (ui.sponsorship).
organic_baseline_section(filters)

methodology("overview")
