"""Perception: favorability lift beside comment sentiment, by language and by week."""

from __future__ import annotations

import streamlit as st

from charts.lift import lift_chart
from charts.perception import net_sentiment_weekly_chart, sentiment_shares_chart
from metrics.perception import perception_summary
from metrics.themes import campaign_themes
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, filter_bar
from ui.i18n import language, number, percent, say_frame, say_joined, t
from ui.methodology import methodology
from ui.metric_cards import (
    campaign_numbers,
    exports_held,
    holdings,
    lift_card,
    lift_frame,
    lifts_for,
    metric_card,
    needs_line,
    no_campaign_stop,
    no_lift,
    post_headline,
    sentiment_frame,
    weekly_frame,
)
from ui.shell import require_app
from ui.tables import table
from ui.themes import themes_block
from ui.verdict import campaign_verdict

require_app()

st.title(t("perception_title"))
filters = filter_bar(FilterNeeds(one_campaign=True))
if filters is None:
    no_campaign_stop()
campaign_id = filters.campaign_ids[0]
campaign_verdict(campaign_id, filters.confidence)
held = exports_held(filters)
needs_line("perception", held)
numbers = campaign_numbers(campaign_id, filters.confidence)
lifts = lifts_for(numbers.lifts, ("favorability",))
summary = data.read(perception_summary, campaign_id, filters)
overall = summary.overall
if not lifts and not overall.comments:
    # Neither lift nor comment text: what the posts' own counts say, else what the view holds.
    subheader(t("need.posts_say_title"), anchor="posts")
    if not post_headline(filters, ("comments", "likes", "shares", "saves")):
        holdings(held)

survey, comments = st.columns([2, 3], gap="large")
NARROW_TABLE_PX = 320  # two fifths of the page on a 1366-pixel screen
with survey:
    subheader(t("favorability_lift_title"), anchor="favorability")
    if lifts:
        lift_card(st, lifts[0])
        chart(
            figure(lift_chart, lifts, language(), height=260),
            file_name=f"sillage-favorability-{campaign_id}",
            key="perception.lift_chart",
        )
        st.caption(t("survey_not_filtered"))
        table(
            say_frame(lift_frame(lifts), "warnings"),
            key="perception.lift.csv",
            file_name=f"sillage-favorability-{campaign_id}.csv",
            fit_px=NARROW_TABLE_PX,
        )
    else:
        no_lift(numbers.lift_reason, "no_favorability_question")

with comments:
    subheader(t("comment_sentiment_title"), anchor="sentiment")
    if not overall.comments:
        st.info(t("no_comments"), icon=":material/filter_alt_off:")
    else:
        top, bottom = st.columns(2), st.columns(2)
        row = [*top, *bottom]
        for column, label in zip(row[:3], ("positive", "neutral", "negative"), strict=True):
            metric_card(
                column,
                t(f"lp_{label}_share"),
                percent(getattr(overall, f"{label}_share")),
                definition=t("sentiment_share_definition"),
                source=t("source_sentiment"),
                provenance="estimated",
                note=t("scored_note").format(n=number(overall.comments)),
            )
        metric_card(
            row[3],
            t("lp_net_sentiment"),
            number(overall.net_sentiment, 2),
            definition=t("net_sentiment_definition"),
            formula=t("formula_net_sentiment"),
            source=t("source_net_sentiment"),
            provenance="estimated",
            note=say_joined(summary.warnings),
            caption=f"{number(overall.ci_low, 2)} … {number(overall.ci_high, 2)}",
        )
        mentions = summary.brand_mentions
        metric_card(
            st,
            t("brand_mention_share"),
            percent(mentions.share),
            definition=t("brand_mention_definition").format(
                terms=", ".join(mentions.brand_terms) or "—"
            ),
            formula=t("brand_mention_formula"),
            source=t("source_mentions"),
            provenance="measured",
            caption=f"{percent(mentions.ci_low)} … {percent(mentions.ci_high)} · "
            f"{number(mentions.mentioning)} / {number(mentions.comments)}",
        )

if overall.comments:
    subheader(t("sentiment_by_language_title"), anchor="by-language")
    chart(
        figure(sentiment_shares_chart, overall, summary.by_language, language()),
        file_name=f"sillage-sentiment-{campaign_id}",
        key="perception.shares_chart",
    )
    table(
        sentiment_frame(overall, summary.by_language),
        key="perception.languages.csv",
        file_name=f"sillage-sentiment-{campaign_id}.csv",
    )
    subheader(t("sentiment_by_week_title"), anchor="by-week")
    chart(
        figure(net_sentiment_weekly_chart, summary.weekly, language()),
        file_name=f"sillage-sentiment-weekly-{campaign_id}",
        key="perception.weekly_chart",
    )
    table(
        weekly_frame(summary.weekly),
        key="perception.weekly.csv",
        file_name=f"sillage-sentiment-weekly-{campaign_id}.csv",
    )
    themes_block(data.read(campaign_themes, campaign_id, filters), campaign_id)
    if summary.in_memory:
        st.caption(t("in_memory_note").format(n=number(summary.in_memory)))

methodology("perception")
