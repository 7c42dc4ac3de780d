"""Disclosure: each sponsored post disclosed, ambiguous or missing, the rule matched, the rules."""

from __future__ import annotations

import streamlit as st

from charts.disclosure import WORDS, rates_chart
from metrics.disclosure import (
    PLATFORM_LABEL_RULE,
    RULES,
    STATUSES,
    disclosure_rates,
    organic_left_out,
    post_disclosure,
    rules_frame,
)
from store.campaigns import filter_options
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import FilterNeeds, campaigns_in_view, filter_bar
from ui.i18n import colon, language, number, percent, say, say_frame, t
from ui.methodology import methodology
from ui.metric_cards import exports_held, holdings, needs_line, plain_metric, platform_name
from ui.scope import shared_campaigns
from ui.shell import admin_link, require_app
from ui.sponsorship import sponsorship_expander
from ui.tables import table
from ui.verdict import campaigns_verdict

require_app()

lang = language()
words = {key: t(key) for key in WORDS}

st.title(t("dc.title"))
st.caption(t("dc.caption"))

filters = filter_bar(FilterNeeds(confidence=False))
if filters is None:
    st.info(t("no_campaign"), icon=":material/info:")
    admin_link("pages/upload.py", t("upload_link"), ":material/upload_file:")
    st.stop()
# The latest campaigns of the view first.
campaigns_verdict(campaigns_in_view(filters)[::-1], filters.confidence)

left_out = data.read(organic_left_out, filters)
if left_out:
    st.caption(t("dc.organic_left_out").format(n=number(left_out)))

totals = data.read(disclosure_rates, filters, "all").iloc[0]
if totals["posts"] == 0:
    held = exports_held(filters)
    if not needs_line("disclosure", held):
        st.info(f"{t('no_data')} {t('dc.no_posts')}", icon=":material/filter_alt_off:")
    plain_metric(st, t("dc.sponsored_posts"), number(0), help=t("dc.sponsored_help"))
    holdings(held)
    if held.posts:
        sponsorship_expander(filters)
    st.stop()

status_words = {status: t(f"dc.status_{status}") for status in STATUSES}


def in_words(provenance: str | None) -> str:
    """A provenance ("measured", "estimated") in the interface language."""
    return t(provenance) if provenance else ""


# A rule is named in words ("#pub tag (French)"), never by its id.
rule_words = {
    rule: t(f"dc.rule.{rule}") for rule in (PLATFORM_LABEL_RULE, *(r.rule_id for r in RULES))
}
language_words = {code: t(f"dc.rule_language.{code}") for code in ("fr", "en", "any")}
columns = st.columns(4)
plain_metric(
    columns[0], t("dc.sponsored_posts"), number(totals["posts"]), help=t("dc.sponsored_help")
)
for column, status in zip(columns[1:], STATUSES, strict=True):
    plain_metric(
        column,
        status_words[status],
        number(totals[status]),
        caption=percent(totals[f"{status}_share"]),
        help=f"{t(f'dc.{status}_help')} {t('dc.share_help')} "
        f"{t('provenance')}{colon()}{t('estimated')} — {say(totals['note'])}.",
    )

# --- Rates per creator and per campaign -------------------------------------------------------
campaign_names = {c[0]: c[1] for c in data.read(filter_options, shared_campaigns()).campaigns}
left, right = st.columns(2)
by_creator = data.read(disclosure_rates, filters, "creator")
by_creator = by_creator.assign(platform=by_creator["platform"].map(platform_name))
by_campaign = data.read(disclosure_rates, filters, "campaign")
with left:
    st.markdown(f"**{t('dc.by_creator')}**")
    chart(
        figure(
            rates_chart,
            by_creator,
            [
                f"@{h} ({p})"
                for h, p in zip(by_creator["handle"], by_creator["platform"], strict=True)
            ],
            words,
            lang,
        ),
        file_name="sillage-disclosure-by-creator",
    )
with right:
    st.markdown(f"**{t('dc.by_campaign')}**")
    chart(
        figure(
            rates_chart,
            by_campaign,
            [campaign_names.get(c, c) for c in by_campaign["campaign_id"]],
            words,
            lang,
        ),
        file_name="sillage-disclosure-by-campaign",
    )

rate_columns = {
    "creator_id": None,
    "handle": st.column_config.TextColumn(t("dc.col_handle")),
    "platform": st.column_config.TextColumn(t("dc.col_platform")),
    "campaign_id": st.column_config.TextColumn(t("campaign")),
    "posts": st.column_config.NumberColumn(t("dc.sponsored_posts"), help=t("dc.sponsored_help")),
    **{
        status: st.column_config.NumberColumn(status_words[status], help=t(f"dc.{status}_help"))
        for status in STATUSES
    },
    **{
        f"{status}_share": st.column_config.NumberColumn(
            f"{status_words[status]} (%)", help=t("dc.share_help"), format="percent"
        )
        for status in STATUSES
    },
    "without_text": st.column_config.NumberColumn(
        t("dc.col_without_text"), help=t("dc.col_without_text_help")
    ),
    "provenance": st.column_config.TextColumn(t("provenance")),
    "reason": None,
    "note": st.column_config.TextColumn(t("dc.col_note")),
}
tab_creator, tab_campaign = st.tabs([t("dc.by_creator"), t("dc.by_campaign")])
with tab_creator:
    table(
        say_frame(by_creator.assign(provenance=by_creator["provenance"].map(in_words)), "note"),
        key="dc.creator.csv",
        file_name="sillage-disclosure-by-creator.csv",
        column_config=rate_columns,
    )
with tab_campaign:
    table(
        say_frame(
            by_campaign.assign(
                provenance=by_campaign["provenance"].map(in_words),
                campaign_id=by_campaign["campaign_id"].map(lambda c: campaign_names.get(c, c)),
            ),
            "note",
        ),
        key="dc.campaign.csv",
        file_name="sillage-disclosure-by-campaign.csv",
        column_config=rate_columns,
    )

# --- Each sponsored post ----------------------------------------------------------------------
subheader(t("dc.posts_title"))
posts = data.read(post_disclosure, filters)
posts = posts.assign(platform=posts["platform"].map(platform_name))
chosen = st.multiselect(
    t("dc.status_filter"),
    STATUSES,
    default=[s for s in st.query_params.get("status", "").split(",") if s in STATUSES],
    format_func=status_words.get,
    key="dc.status",
    placeholder=t("dc.all_statuses"),
)
if chosen:
    st.query_params["status"] = ",".join(chosen)
    posts = posts[posts["status"].isin(chosen)]
else:
    st.query_params.pop("status", None)
# The post, who posted it and its status first: what the page is about.
post_order = ["post_id", "handle", "status", "matched_rule", "campaign_id", "posted_at", "platform"]
table(
    posts.assign(
        status=posts["status"].map(status_words),
        matched_rule=posts["matched_rule"].map(rule_words),
        rule_language=posts["rule_language"].map(language_words),
        campaign_id=posts["campaign_id"].map(lambda c: campaign_names.get(c, c)),
    )[[*post_order, *(c for c in posts.columns if c not in post_order)]],
    key="dc.posts.csv",
    file_name="sillage-disclosure-posts.csv",
    column_config={
        "post_id": st.column_config.TextColumn(t("dc.col_post")),
        "creator_id": None,
        "handle": st.column_config.TextColumn(t("dc.col_handle")),
        "campaign_id": st.column_config.TextColumn(t("campaign")),
        "client_id": None,
        "platform": st.column_config.TextColumn(t("dc.col_platform")),
        "posted_at": st.column_config.DatetimeColumn(t("dc.col_posted"), format="YYYY-MM-DD"),
        "status": st.column_config.TextColumn(t("dc.col_status"), help=t("dc.col_status_help")),
        "matched_rule": st.column_config.TextColumn(t("dc.col_rule"), help=t("dc.col_rule_help")),
        "rule_language": st.column_config.TextColumn(t("dc.col_language")),
        "has_text": st.column_config.CheckboxColumn(t("dc.col_has_text")),
        "paid_partnership_label": st.column_config.CheckboxColumn(
            t("dc.col_label"), help=t("dc.col_label_help")
        ),
    },
)

# --- The rules --------------------------------------------------------------------------------
subheader(t("dc.rules_title"))
st.markdown(t("dc.rules_intro"))
rules = rules_frame()
table(
    rules.assign(
        status=rules["status"].map(status_words),
        rule_id=rules["rule_id"].map(rule_words),
        language=rules["language"].map(language_words),
    ),
    key="dc.rules.csv",
    file_name="sillage-disclosure-rules.csv",
    column_config={
        "rule_id": st.column_config.TextColumn(t("dc.col_rule")),
        "language": st.column_config.TextColumn(t("dc.col_language")),
        "status": st.column_config.TextColumn(t("dc.col_status")),
        # The rule's name says what it matches; its regular expression stays in the CSV.
        "pattern": None,
        "example": st.column_config.TextColumn(t("dc.col_example")),
        "near_miss": st.column_config.TextColumn(
            t("dc.col_near_miss"), help=t("dc.col_near_miss_help")
        ),
    },
)

# --- Which posts are sponsored (admin only) ---------------------------------------------------
sponsorship_expander(filters)

methodology("disclosure")
