"""Creators: tenure, campaigns, posts, cost, engagement rate by reach, and whether results deepen."""

from __future__ import annotations

import streamlit as st

from charts.creators import WORDS, collaboration_chart, er_reach_chart, trend_chart
from metrics.creators import (
    FALLING,
    INCONCLUSIVE,
    METHOD,
    RISING,
    creator_summary,
    creator_trends,
    relationship_trend,
    results_by_collaboration,
)
from metrics.kpis import DEFINITIONS
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, campaigns_in_view, creator_colors, filter_bar
from ui.fit_pay import fair_pay_section, fit_section
from ui.i18n import colon, language, number, percent, points, say, say_frame, t
from ui.methodology import methodology
from ui.metric_cards import exports_held, holdings, needs_line, plain_metric, platform_name
from ui.shell import admin_link, require_app
from ui.sponsorship import organic_baseline_section
from ui.tables import table
from ui.verdict import campaigns_verdict

require_app()

BASES = ("campaign", "post")

lang = language()
words = {key: t(key) for key in WORDS}
er_definition = DEFINITIONS["er_reach"]
er_help = f"{say(er_definition['formula'])}. {t('source')}{colon()}{say(er_definition['source'])}."

st.title(t("cr.title"))
st.caption(t("cr.caption"))

filters = filter_bar(FilterNeeds())
if filters is None:
    st.info(t("no_campaign"), icon=":material/info:")
    admin_link("pages/upload.py", t("upload_link"), ":material/upload_file:")
    st.stop()
# The latest campaigns of the view first.
campaigns_verdict(campaigns_in_view(filters)[::-1], filters.confidence)

wanted = st.query_params.get("basis", "campaign")
basis = (
    st.segmented_control(
        t("cr.basis"),
        BASES,
        default=wanted if wanted in BASES else "campaign",
        format_func=lambda b: t(f"cr.basis_{b}"),
        help=t("cr.basis_help"),
        key="cr.basis",
    )
    or "campaign"
)
if basis == "campaign":
    st.query_params.pop("basis", None)
else:
    st.query_params["basis"] = basis

held = exports_held(filters)
needs_line("creators", held)
summary = data.read(creator_summary, filters)
summary = summary.assign(platform=summary["platform"].map(platform_name))
if summary.empty:
    if held.posts:  # loaded, but not under these filters
        st.info(t("no_data"), icon=":material/filter_alt_off:")
    holdings(held)
    st.stop()

# --- Does the relationship deepen results? ----------------------------------------------------
subheader(t("cr.question"))
overall = data.read(relationship_trend, filters, basis=basis)
values = {
    "slope": points(overall.slope, 2),
    "low": points(overall.ci_low, 2),
    "high": points(overall.ci_high, 2),
    "confidence": percent(overall.confidence, 0),
    "collaborations": number(overall.collaborations),
    "pairs": number(overall.pairs),
}
if overall.direction == RISING:
    st.success(t("cr.answer_rising").format(**values), icon=":material/trending_up:")
elif overall.direction == FALLING:
    st.error(t("cr.answer_falling").format(**values), icon=":material/trending_down:")
elif overall.slope is not None and overall.ci_low is not None:
    st.info(t("cr.answer_inconclusive").format(**values), icon=":material/help:")
else:
    st.info(
        t("cr.answer_none").format(reason=say(overall.reason) or "—", **values),
        icon=":material/help:",
    )
columns = st.columns(3)
plain_metric(
    columns[0],
    t("cr.slope"),
    values["slope"],
    help=f"{t('cr.slope_help')} {t('method')}{colon()}{say(METHOD)}. "
    f"{t('cr.interval').format(confidence=values['confidence'])}{colon()}{values['low']} – "
    f"{values['high']}. {t('provenance')}{colon()}{t('estimated')}.",
)
plain_metric(columns[1], t("cr.collaborations"), values["collaborations"], help=t("cr.collab_help"))
plain_metric(columns[2], t("cr.pairs"), values["pairs"], help=t("cr.pairs_help"))

# Cell words of the tables: how a number was obtained, which way a trend goes.
cell_words = {
    "measured": t("measured"),
    "estimated": t("estimated"),
    RISING: t("cr.direction_rising"),
    FALLING: t("cr.direction_falling"),
    INCONCLUSIVE: t("cr.direction_inconclusive"),
}


def in_words(frame, *columns):
    """``frame`` with the coded cells of ``columns`` in the interface language."""
    present = [c for c in columns if c in frame.columns]
    return frame.assign(**{c: frame[c].map(lambda v: cell_words.get(v, v)) for c in present})


results = data.read(results_by_collaboration, filters, basis=basis)
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('cr.by_number_title')}**")
    if results["mean_er_reach"].notna().any():
        chart(
            figure(collaboration_chart, results, words, lang),
            file_name="sillage-results-by-collaboration",
        )
    else:
        st.info(t("cr.no_rates"), icon=":material/info:")
with right:
    st.markdown(f"**{t('cr.trend_title')}**")
    trends = data.read(creator_trends, filters, basis=basis)
    trends = trends.assign(platform=trends["platform"].map(platform_name))
    if trends["slope"].notna().any() or overall.slope is not None:
        chart(
            figure(trend_chart, trends, overall, words, lang, colors=creator_colors()),
            file_name="sillage-relationship-trends",
        )
    else:
        st.info(t("cr.no_trend"), icon=":material/info:")
st.caption(t("cr.trend_caption"))
table(
    say_frame(in_words(results, "provenance"), "reason"),
    key="cr.by_number.csv",
    file_name="sillage-results-by-collaboration.csv",
    column_config={
        "collaboration_number": st.column_config.NumberColumn(
            t("cr.col_number"), help=t("cr.basis_help")
        ),
        "collaborations": st.column_config.NumberColumn(t("cr.collaborations")),
        "creators": st.column_config.NumberColumn(t("creators")),
        "posts": st.column_config.NumberColumn(t("cr.col_posts")),
        "mean_er_reach": st.column_config.NumberColumn(
            t("cr.col_mean_er"), help=er_help, format="percent"
        ),
        "ci_low": st.column_config.NumberColumn(t("cr.col_ci_low"), format="percent"),
        "ci_high": st.column_config.NumberColumn(t("cr.col_ci_high"), format="percent"),
        "confidence": st.column_config.NumberColumn(t("confidence"), format="percent"),
        "provenance": st.column_config.TextColumn(t("provenance")),
        "reason": st.column_config.TextColumn(t("cr.col_reason")),
    },
)
with st.expander(t("cr.trends_table")):
    table(
        say_frame(in_words(trends.drop(columns=["method"]), "direction", "provenance"), "reason"),
        key="cr.trends.csv",
        file_name="sillage-creator-trends.csv",
        column_config={
            "creator_id": None,
            "handle": st.column_config.TextColumn(t("cr.col_handle")),
            "platform": st.column_config.TextColumn(t("cr.col_platform")),
            "slope": st.column_config.NumberColumn(
                t("cr.slope"), help=t("cr.slope_help"), format="%.4f"
            ),
            "ci_low": st.column_config.NumberColumn(t("cr.col_ci_low"), format="%.4f"),
            "ci_high": st.column_config.NumberColumn(t("cr.col_ci_high"), format="%.4f"),
            "relative_slope": st.column_config.NumberColumn(
                t("cr.col_relative_slope"), help=t("cr.col_relative_slope_help"), format="percent"
            ),
            "confidence": st.column_config.NumberColumn(t("confidence"), format="percent"),
            "collaborations": st.column_config.NumberColumn(t("cr.collaborations")),
            "pairs": st.column_config.NumberColumn(t("cr.pairs")),
            "df": None,
            "direction": st.column_config.TextColumn(t("cr.col_direction")),
            "provenance": st.column_config.TextColumn(t("provenance")),
            "reason": st.column_config.TextColumn(t("cr.col_reason")),
        },
    )

# --- Per creator ------------------------------------------------------------------------------
subheader(t("cr.per_creator"))
if summary["er_reach"].notna().any():
    chart(
        figure(er_reach_chart, summary, words, lang, colors=creator_colors()),
        file_name="sillage-creators-engagement-rate-by-reach",
    )
else:
    st.info(t("cr.no_er_reach"), icon=":material/info:")
# ``filter`` keeps the columns present: a share link that hides costs has no cost columns.
shown = summary.filter(
    # The creator first, then the engagement rate the page is about, then the relationship.
    items=[
        "handle",
        "platform",
        "er_reach",
        "campaigns",
        "posts",
        "total_cost",
        "currency",
        "tenure_days",
        "first_collaboration",
        "last_collaboration",
        "clients",
        "followers",
        "er_reach_provenance",
        "lift_reason",
        "cost_reason",
        "er_reach_reason",
    ]
)
table(
    say_frame(
        in_words(shown, "er_reach_provenance"), "lift_reason", "cost_reason", "er_reach_reason"
    ),
    key="cr.summary.csv",
    file_name="sillage-creators.csv",
    column_config={
        "handle": st.column_config.TextColumn(t("cr.col_handle")),
        "platform": st.column_config.TextColumn(t("cr.col_platform")),
        "first_collaboration": st.column_config.DateColumn(t("cr.col_first")),
        "last_collaboration": st.column_config.DateColumn(t("cr.col_last")),
        "tenure_days": st.column_config.NumberColumn(
            t("cr.col_tenure"), help=t("cr.col_tenure_help")
        ),
        "clients": st.column_config.NumberColumn(t("cr.col_clients")),
        "campaigns": st.column_config.NumberColumn(t("campaigns")),
        "posts": st.column_config.NumberColumn(t("cr.col_posts"), help=t("cr.col_posts_help")),
        "total_cost": st.column_config.NumberColumn(
            t("cr.col_cost"), help=t("cr.col_cost_help"), format="localized"
        ),
        "currency": st.column_config.TextColumn(t("cr.col_currency")),
        "er_reach": st.column_config.NumberColumn(
            t("cr.col_er_reach"), help=er_help, format="percent"
        ),
        "er_reach_provenance": st.column_config.TextColumn(t("provenance")),
        "lift_reason": st.column_config.TextColumn(t("cr.col_lift"), help=t("cr.col_lift_help")),
        "followers": st.column_config.NumberColumn(
            t("cr.col_followers"), help=t("cr.col_followers_help"), format="localized"
        ),
        "cost_reason": st.column_config.TextColumn(t("cr.col_cost_reason")),
        "er_reach_reason": st.column_config.TextColumn(t("cr.col_er_reason")),
    },
)

fit_section(filters)
fair_pay_section(filters)
organic_baseline_section(filters)

methodology("creators")
