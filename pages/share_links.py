"""Share links (admin): create a read-only link for one client, see every link, revoke one."""

from __future__ import annotations

import streamlit as st

import settings
from access.links import (
    SHAREABLE_SECTIONS,
    ShareLinkError,
    create_share_link,
    list_share_links,
    revoke_share_link,
)
from store.campaigns import list_campaigns, list_clients
from ui import data
from ui.access import share_url
from ui.export import subheader
from ui.formatting import share_links_for_display
from ui.i18n import t
from ui.shell import require_app
from ui.tables import table

require_app()

st.title(t("sl.title"))
st.caption(t("sl.caption"))

clients = dict(data.read(list_clients))
if not clients:
    st.info(t("no_campaign"), icon=":material/info:")
    st.stop()

subheader(t("sl.new"))
client_id = st.selectbox(t("client"), list(clients), format_func=clients.get, key="sl.client")
campaigns = {c.campaign_id: c.name for c in data.read(list_campaigns, client_id)}
with st.form("sl.form", clear_on_submit=False):
    chosen = st.multiselect(
        t("campaigns"),
        list(campaigns),
        format_func=campaigns.get,
        placeholder=t("all"),
        help=t("sl.campaigns_help"),
    )
    sections = st.multiselect(
        t("sl.sections"),
        SHAREABLE_SECTIONS,
        default=SHAREABLE_SECTIONS,
        format_func=lambda s: t(f"section.{s}"),
    )
    left, middle, right = st.columns([2, 1, 1])
    label = left.text_input(t("sl.label"), max_chars=120, help=t("sl.label_help"))
    days = middle.number_input(
        t("sl.days"), min_value=1, max_value=3650, value=settings.get_int("share_days")
    )
    never = right.checkbox(t("sl.never"))
    hide_costs = st.checkbox(t("sl.hide_costs"), help=t("sl.hide_costs_help"))
    submitted = st.form_submit_button(t("sl.create"), type="primary", icon=":material/add_link:")

if submitted:
    try:
        link, token = data.write(
            create_share_link,
            client_id,
            chosen,
            label=label,
            sections=sections,
            hide_costs=hide_costs,
            expires_in_days=None if never else days,
        )
    except ShareLinkError as error:
        st.error(str(error))
    else:
        st.success(t("sl.created").format(id=link.link_id), icon=":material/link:")
        st.code(share_url(token), language=None)

subheader(t("sl.existing"))
if "sl.revoked" in st.session_state:
    st.success(t("sl.revoked").format(id=st.session_state.pop("sl.revoked")))
links = data.read(list_share_links)
if not links:
    st.info(t("sl.none"), icon=":material/link_off:")
    st.stop()
table(
    share_links_for_display(links),
    key="sl.links.csv",
    file_name="sillage-share-links.csv",
    column_config={
        t(f"sl.col_{name}"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")
        for name in ("created", "expires", "last_opened")
    },
)
active = {link.link_id: link for link in links if link.status() == "active"}
if active:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    to_revoke = left.selectbox(
        t("sl.revoke_pick"),
        list(active),
        format_func=lambda i: f"{i} · {active[i].client_name} · {active[i].label or ''}".strip(
            " ·"
        ),
        key="sl.revoke_pick",
    )
    if right.button(t("sl.revoke"), icon=":material/link_off:", key="sl.revoke"):
        data.write(revoke_share_link, to_revoke)
        st.session_state["sl.revoked"] = to_revoke
        st.rerun()
