"""Creators page sections: fit for the next campaign, and fair pay.

Widgets and layout only: the numbers come from ``metrics.creator_fit`` and ``metrics.fair_pay``.
Under a share link, the fit ranking lists the link's creators only, and a link that hides costs
shows no amount of the fair-pay section at all.
"""

from __future__ import annotations

import streamlit as st

from charts.creators import FIT_WORDS, PAY_WORDS, fit_chart, pay_chart
from metrics.creator_fit import creator_fit, targeted_campaigns
from metrics.fair_pay import PAY_METRICS, fair_pay, pay_across_collaborations
from metrics.filters import Filters
from store.target_audience import DIMENSIONS
from ui import data
from ui.export import chart, figure, subheader
from ui.filters import creator_colors
from ui.i18n import language, say, t
from ui.metric_cards import platform_name
from ui.scope import costs_hidden, shared_session
from ui.tables import table

PAY_LABELS = {
    "cost_per_1000_views": "cpv",
    "cost_per_engagement": "cpe",
    "cost_per_lifted_user": "cplu",
}
"""Each compared cost's short name in the catalogue's ``pay.col_*`` keys."""


def _target_text(target) -> str:
    """The target as one line: "Age 18-24, 25-34 · Gender female · Country FR, BE"."""
    parts = []
    for dimension, values in target.dimensions().items():
        shown = [t(f"term.{v}") if dimension == "gender" else v for v in values]
        parts.append(f"{t(f'fit.dim_{dimension}')} {', '.join(shown)}")
    return " · ".join(parts)


def _numbers(key: str, fmt: str | None) -> object:
    """A number column labelled by ``key``, its definition from ``key``_help."""
    return st.column_config.NumberColumn(t(key), help=t(f"{key}_help"), format=fmt)


def fit_section(filters: Filters) -> None:
    """ "Fit for the next campaign": the ranking table and chart for a campaign with a target."""
    subheader(t("fit.title"))
    st.caption(t("fit.caption"))
    campaigns = data.read(targeted_campaigns, filters)
    if not campaigns:
        st.info(t("fit.no_target_campaign"), icon=":material/info:")
        return
    by_id = {c: (name, target) for c, name, target in campaigns}
    chosen = st.selectbox(
        t("fit.campaign"),
        list(by_id),
        format_func=lambda c: by_id[c][0],
        help=t("fit.campaign_help"),
        key="fit.campaign",
    )
    st.markdown(t("fit.target_line", target=_target_text(by_id[chosen][1])))
    fit = data.read(creator_fit, chosen, filters, roster=not shared_session())
    if fit.empty:
        st.info(t("fit.no_candidates"), icon=":material/info:")
        return
    fit = fit.assign(
        platform=fit["platform"].map(platform_name),
        audience=fit["audience"].map(lambda a: t(f"fit.audience_{a}")),
        note=fit["note"].map(say),
        missing_dimensions=fit["missing_dimensions"].map(
            lambda ds: ", ".join(t(f"fit.dim_{d}") for d in ds)
        ),
    )
    if fit["rank"].notna().any():
        chart(
            figure(
                fit_chart,
                fit,
                {k: t(k) for k in FIT_WORDS},
                language(),
                colors=creator_colors(),
            ),
            file_name="sillage-creator-fit",
        )
    unranked = int(fit["rank"].isna().sum())
    if unranked:
        st.caption(t("fit.unranked", n=unranked))
    dimensions = [d for d in DIMENSIONS if f"share_{d}" in fit.columns]
    shown = fit[
        [
            "rank",
            "handle",
            "platform",
            "in_target_share",
            "score",
            "er_reach",
            "followers",
            "past_campaigns",
            "past_er_reach",
            "past_lift",
            "overlap_index",
            "fit_rank",
            "er_factor",
            *(f"share_{d}" for d in dimensions),
            *(f"overlap_{d}" for d in dimensions),
            "audience",
            "audience_as_of",
            "note",
        ]
    ]
    table(
        shown,
        key="fit.ranking.csv",
        file_name="sillage-creator-fit.csv",
        column_config={
            **{
                column: _numbers(key, fmt)
                for column, key, fmt in (
                    ("rank", "fit.col_rank", None),
                    ("in_target_share", "fit.col_in_target", "percent"),
                    ("overlap_index", "fit.col_overlap", "%.2f"),
                    ("score", "fit.col_score", "%.3f"),
                    ("er_reach", "fit.col_er", "percent"),
                    ("followers", "fit.col_followers", "localized"),
                    ("past_campaigns", "fit.col_past_campaigns", None),
                    ("past_er_reach", "fit.col_past_er", "percent"),
                    ("past_lift", "fit.col_past_lift", "percent"),
                    ("fit_rank", "fit.col_fit_rank", None),
                    ("er_factor", "fit.col_er_factor", "%.2f"),
                )
            },
            "handle": st.column_config.TextColumn(t("fit.col_creator")),
            "platform": st.column_config.TextColumn(t("fit.col_platform")),
            **{
                f"share_{d}": st.column_config.NumberColumn(
                    t(f"fit.col_share_{d}"), format="percent"
                )
                for d in dimensions
            },
            **{
                f"overlap_{d}": st.column_config.NumberColumn(
                    t(f"fit.col_overlap_{d}"), format="%.2f"
                )
                for d in dimensions
            },
            "audience": st.column_config.TextColumn(t("fit.col_audience")),
            "audience_as_of": st.column_config.DateColumn(t("fit.col_as_of")),
            "note": st.column_config.TextColumn(t("fit.col_note")),
        },
    )


def fair_pay_section(filters: Filters) -> None:
    """ "Fair pay": each collaboration's costs against its peers, and pay across collaborations.

    With a share link that hides costs, one sentence and no amount.
    """
    subheader(t("pay.title"))
    if costs_hidden():
        st.caption(t("pay.hidden"))
        return
    if shared_session():  # peers from this client's collaborations only, never another client's
        st.caption(t("pay.caption_client"))
        peers = Filters(filters.client_id, filters.campaign_ids, confidence=filters.confidence)
        pay = data.read(fair_pay, filters, peers)
    else:
        st.caption(t("pay.caption"))
        pay = data.read(fair_pay, filters)
    st.caption(t("pay.definition"))
    if pay.empty:
        st.info(t("pay.no_collaborations"), icon=":material/info:")
        return
    pay = pay.assign(
        platform=pay["platform"].map(platform_name),
        tier=pay["tier"].map(lambda v: t(f"pay.tier_{v}") if v else ""),
        note=pay["note"].map(say),
        **{
            f"mark_{m}": pay[f"mark_{m}"].map(lambda v: t(f"pay.mark_{v}") if v else None)
            for m in PAY_METRICS
        },
    )
    money = {"format": "localized"}
    cost_columns = {}
    for metric, short in PAY_LABELS.items():
        cost_columns[metric] = st.column_config.NumberColumn(
            t(f"pay.col_{short}"), help=t(f"pay.col_{short}_help"), **money
        )
        cost_columns[f"peer_median_{metric}"] = st.column_config.NumberColumn(
            t(f"pay.col_{short}_median"), help=t("pay.col_median_help"), **money
        )
        cost_columns[f"mark_{metric}"] = st.column_config.TextColumn(t(f"pay.col_{short}_mark"))
    shown = pay[
        [
            "handle",
            "campaign",
            "mark_cost_per_1000_views",
            "cost_per_1000_views",
            "peer_median_cost_per_1000_views",
            "peers_cost_per_1000_views",
            "platform",
            "tier",
            "currency",
            "fee",
            "fee_per_post",
            "posts",
            "collaboration_number",
            "followers",
            *(f"{kind}{m}" for m in PAY_METRICS[1:] for kind in ("", "peer_median_", "mark_")),
            "fee_per_post_change",
            "cost_per_1000_views_change",
            "note",
        ]
    ]
    table(
        shown,
        key="pay.table.csv",
        file_name="sillage-fair-pay.csv",
        column_config={
            "handle": st.column_config.TextColumn(t("pay.col_creator")),
            "campaign": st.column_config.TextColumn(t("pay.col_campaign")),
            "mark_cost_per_1000_views": st.column_config.TextColumn(t("pay.col_cpv_mark")),
            "cost_per_1000_views": cost_columns.pop("cost_per_1000_views"),
            "peer_median_cost_per_1000_views": cost_columns.pop("peer_median_cost_per_1000_views"),
            "peers_cost_per_1000_views": st.column_config.NumberColumn(
                t("pay.col_peers"), help=t("pay.col_peers_help")
            ),
            "platform": st.column_config.TextColumn(t("pay.col_platform")),
            "tier": st.column_config.TextColumn(t("pay.col_tier"), help=t("pay.col_tier_help")),
            "followers": st.column_config.NumberColumn(t("pay.col_followers"), **money),
            "collaboration_number": st.column_config.NumberColumn(
                t("pay.col_number"), help=t("pay.col_number_help")
            ),
            "posts": st.column_config.NumberColumn(t("pay.col_posts")),
            "currency": st.column_config.TextColumn(t("pay.col_currency")),
            "fee": st.column_config.NumberColumn(
                t("pay.col_fee"), help=t("pay.col_fee_help"), **money
            ),
            "fee_per_post": st.column_config.NumberColumn(t("pay.col_fee_per_post"), **money),
            **cost_columns,
            "fee_per_post_change": st.column_config.NumberColumn(
                t("pay.col_fee_change"), help=t("pay.col_change_help"), format="percent"
            ),
            "cost_per_1000_views_change": st.column_config.NumberColumn(
                t("pay.col_cpv_change"), help=t("pay.col_change_help"), format="percent"
            ),
            "note": st.column_config.TextColumn(t("pay.col_note")),
        },
    )
    st.markdown(f"**{t('pay.across_title')}**")
    history = data.read(pay_across_collaborations, filters)
    history = history.assign(platform=history["platform"].map(platform_name))
    if history.empty:
        st.info(t("pay.no_repeat"), icon=":material/info:")
        return
    words = {k: t(k) for k in PAY_WORDS}
    # One chart per currency: amounts of two currencies never share an axis.
    for currency, group in history.groupby("currency", sort=True):
        chart(
            figure(
                pay_chart,
                group.reset_index(drop=True),
                words,
                language(),
                colors=creator_colors(),
            ),
            file_name=f"sillage-pay-across-collaborations-{currency}",
        )
