"""Sponsored or organic: the choice at upload, the post picker, and the organic baseline section.

Every post of a campaign is sponsored (the campaign's paid content, judged by Disclosure and
counted by every metric) or organic (the creator's own post, kept as the baseline the sponsored
posts are compared with). ``sponsorship_choice`` asks at upload, ``sponsorship_editor`` changes
single posts later (admin only), ``organic_baseline_section`` shows the comparison.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from metrics.filters import Filters
from metrics.organic import DEFINITIONS, METRICS, MIN_POSTS, WINDOW_DAYS, organic_baseline
from store.campaigns import filter_options
from store.sponsorship import campaign_posts, set_sponsored
from ui import data
from ui.export import subheader
from ui.i18n import colon, date, number, say, t
from ui.metric_cards import FORMATTED_CELLS, metric_card, platform_name
from ui.scope import current_scope, shared_campaigns, shared_session
from ui.tables import table

CHOICES = ("all", "campaign_dates", "none", "paid_label")
"""The upload rules (``store.sponsorship.RULES``) in the order the radio offers them."""


def sponsorship_choice(key: str, *, paid_label: bool = True, default: str = "all") -> str | None:
    """A radio for the upload page: which of the file's posts are sponsored; returns a rule.

    ``paid_label=False`` leaves out the paid-partnership option (the file has no such column).
    Returns one of ``store.sponsorship.RULES``, or None when nothing is chosen.
    """
    options = [c for c in CHOICES if paid_label or c != "paid_label"]
    index = options.index(default) if default in options else None
    return st.radio(
        t("sp.choice"),
        options,
        index=index,
        format_func=lambda rule: t(f"sp.rule_{rule}"),
        help=t("sp.choice_help"),
        key=key,
    )


def is_admin() -> bool:
    """True for the signed-in admin, False for any viewer of a share link."""
    return current_scope() is None and not shared_session()


def picker_frame(posts: pd.DataFrame) -> pd.DataFrame:
    """``store.sponsorship.campaign_posts`` as the picker shows it: no None, NaN or NaT."""
    frame = pd.DataFrame(
        {
            "post_id": posts["post_id"].astype(object),
            "sponsored": posts["sponsored"].astype(bool),
            "posted_at": [date(_timestamp(v)) for v in posts["posted_at"]],
            "creator": [_text(v) for v in posts["creator"]],
            "platform": [platform_name(_text(v)) for v in posts["platform"]],
            "snippet": [_text(v) for v in posts["snippet"]],
            "url": [_text(v) for v in posts["url"]],
        }
    )
    return frame


def changes(before: pd.DataFrame, after: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Posts switched to sponsored and to organic between two picker frames (by ``post_id``)."""
    was = dict(zip(before["post_id"], before["sponsored"].astype(bool), strict=True))
    now = dict(zip(after["post_id"], after["sponsored"].astype(bool), strict=True))
    to_sponsored = [p for p, flag in now.items() if flag and not was.get(p, True)]
    to_organic = [p for p, flag in now.items() if not flag and was.get(p, False)]
    return to_sponsored, to_organic


def sponsorship_editor(campaign_id: str) -> None:
    """The campaign's posts with a sponsored checkbox each, saved on a button (admin only)."""
    if not is_admin():
        return
    posts = data.read(campaign_posts, campaign_id)
    if posts.empty:
        st.caption(t("sp.no_posts"))
        return
    before = picker_frame(posts)
    organic = int((~before["sponsored"]).sum())
    st.caption(
        t("sp.editor_caption").format(
            sponsored=number(len(before) - organic), organic=number(organic)
        )
    )
    edited = st.data_editor(
        before,
        hide_index=True,
        width="stretch",
        disabled=["post_id", "posted_at", "creator", "platform", "snippet", "url"],
        column_config={
            "post_id": None,
            "sponsored": st.column_config.CheckboxColumn(
                t("sp.col_sponsored"), help=t("sp.col_sponsored_help")
            ),
            "posted_at": st.column_config.TextColumn(t("sp.col_posted")),
            "creator": st.column_config.TextColumn(t("sp.col_creator")),
            "platform": st.column_config.TextColumn(t("sp.col_platform")),
            "snippet": st.column_config.TextColumn(t("sp.col_snippet")),
            "url": st.column_config.LinkColumn(
                t("sp.col_link"), display_text=r"https?://(?:www\.)?([^/?#]+)"
            ),
        },
        key=f"sp.editor.{campaign_id}",
    )
    to_sponsored, to_organic = changes(before, edited)
    if st.button(
        t("sp.save"),
        key=f"sp.save.{campaign_id}",
        disabled=not (to_sponsored or to_organic),
        icon=":material/save:",
    ):
        if to_sponsored:
            data.write(set_sponsored, to_sponsored, True)
        if to_organic:
            data.write(set_sponsored, to_organic, False)
        st.success(
            t("sp.saved").format(
                sponsored=number(len(to_sponsored)), organic=number(len(to_organic))
            )
        )


def sponsorship_expander(filters: Filters) -> None:
    """An expander "Which posts are sponsored?" with the post picker of one filtered campaign.

    Admin only: a share link's viewer sees nothing. With several campaigns under the filters,
    a select box picks the one to edit.
    """
    if not is_admin():
        return
    campaigns = [
        (campaign_id, name)
        for campaign_id, name, client_id, _ in data.read(filter_options, None).campaigns
        if (not filters.campaign_ids or campaign_id in filters.campaign_ids)
        and (filters.client_id is None or client_id == filters.client_id)
    ]
    if not campaigns:
        return
    with st.expander(t("sp.expander"), icon=":material/sell:"):
        names = dict(campaigns)
        campaign_id = campaigns[0][0]
        if len(campaigns) > 1:
            campaign_id = st.selectbox(
                t("sp.pick_campaign"),
                list(names),
                format_func=names.get,
                key="sp.campaign",
            )
        sponsorship_editor(campaign_id)


def ratio_text(value: float | None) -> str:
    """A ratio as "×1.32" (two decimals, the language's way); — when there is none."""
    return "—" if value is None else f"×{number(value, 2)}"


def interval_text(low: float | None, high: float | None) -> str:
    """An interval as "1.10 – 1.58"; — when there is none."""
    if low is None or high is None:
        return "—"
    return f"{number(low, 2)} – {number(high, 2)}"


def baseline_frame(frame: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """``metrics.organic.organic_baseline`` rows as formatted text cells (no None, NaN or NaT)."""
    shown: dict[str, list[Any]] = {}
    if "campaign_id" in frame.columns:
        shown["campaign"] = [(names or {}).get(c, c) for c in frame["campaign_id"]]
        shown["creators"] = [number(v) for v in frame["creators"]]
    if "handle" in frame.columns:
        shown["creator"] = [
            f"@{h} ({platform_name(p)})" if h else _text(c)
            for h, p, c in zip(frame["handle"], frame["platform"], frame["creator_id"], strict=True)
        ]
    for metric in METRICS:
        shown[f"{metric}_ratio"] = [ratio_text(v) for v in frame[f"{metric}_ratio"]]
        shown[f"{metric}_interval"] = [
            interval_text(lo, hi)
            for lo, hi in zip(frame[f"{metric}_low"], frame[f"{metric}_high"], strict=True)
        ]
        shown[f"{metric}_posts"] = [
            f"{number(s)} / {number(o)}"
            for s, o in zip(
                frame[f"{metric}_sponsored_posts"], frame[f"{metric}_organic_posts"], strict=True
            )
        ]
        shown[f"{metric}_reason"] = [say(r) or "" for r in frame[f"{metric}_reason"]]
    return pd.DataFrame(shown, dtype=FORMATTED_CELLS)


def organic_baseline_section(filters: Filters) -> None:
    """Sponsored against organic, per campaign and per creator, with intervals and definitions.

    With no organic post to compare with, one line says what to load instead of any figure.
    """
    subheader(t("ob.title"))
    overall = data.read(organic_baseline, filters, "all").iloc[0]
    if overall["views_ratio"] is None and overall["er_views_ratio"] is None:
        st.info(
            t("ob.none").format(n=MIN_POSTS, days=WINDOW_DAYS), icon=":material/compare_arrows:"
        )
        return
    st.caption(t("ob.caption").format(days=WINDOW_DAYS, n=MIN_POSTS))
    confidence = number(filters.confidence * 100)
    columns = st.columns(2)
    for column, metric in zip(columns, METRICS, strict=True):
        ratio, low, high = (overall[f"{metric}_{p}"] for p in ("ratio", "low", "high"))
        caption = (
            f"{t('ob.interval').format(level=confidence)}{colon()}{interval_text(low, high)}"
            if ratio is not None
            else say(overall[f"{metric}_reason"])
        )
        metric_card(
            column,
            t(f"ob.card_{metric}"),
            ratio_text(ratio),
            definition=t(f"ob.def_{metric}"),
            formula=say(DEFINITIONS[metric]),
            source=t("ob.method_creator_t").format(days=WINDOW_DAYS),
            provenance="measured",
            note=t("ob.posts_note").format(
                creators=number(overall["creators"]),
                sponsored=number(overall[f"{metric}_sponsored_posts"]),
                organic=number(overall[f"{metric}_organic_posts"]),
            ),
            caption=caption,
        )
    names = {c[0]: c[1] for c in data.read(filter_options, shared_campaigns()).campaigns}
    columns_config = _column_config(confidence)
    tab_campaign, tab_creator = st.tabs([t("ob.by_campaign"), t("ob.by_creator")])
    with tab_campaign:
        table(
            baseline_frame(data.read(organic_baseline, filters, "campaign"), names),
            key="ob.campaign.csv",
            file_name="sillage-sponsored-vs-organic-by-campaign.csv",
            column_config=columns_config,
        )
    with tab_creator:
        table(
            baseline_frame(data.read(organic_baseline, filters, "creator")),
            key="ob.creator.csv",
            file_name="sillage-sponsored-vs-organic-by-creator.csv",
            column_config=columns_config,
        )


def _column_config(confidence: str) -> dict[str, Any]:
    config: dict[str, Any] = {
        "campaign": st.column_config.TextColumn(t("campaign")),
        "creators": st.column_config.TextColumn(
            t("ob.col_creators"), help=t("ob.col_creators_help")
        ),
        "creator": st.column_config.TextColumn(t("ob.col_creator")),
    }
    for metric in METRICS:
        short = f"{t(f'ob.short_{metric}')}{colon()}"
        config[f"{metric}_ratio"] = st.column_config.TextColumn(
            f"{short}{t('ob.col_ratio')}", help=t(f"ob.def_{metric}")
        )
        config[f"{metric}_interval"] = st.column_config.TextColumn(
            f"{short}{t('ob.interval').format(level=confidence)}"
        )
        config[f"{metric}_posts"] = st.column_config.TextColumn(
            f"{short}{t('ob.col_posts')}", help=t("ob.col_posts_help")
        )
        config[f"{metric}_reason"] = st.column_config.TextColumn(f"{short}{t('ob.col_reason')}")
    return config


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _timestamp(value: Any):
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).to_pydatetime()
