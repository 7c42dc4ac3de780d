"""Home: what the database holds — clients, campaigns and the latest uploads."""

from __future__ import annotations

import streamlit as st

from store.uploads import campaign_summary, counts, recent_uploads
from ui import data
from ui.demo import demo_clients
from ui.export import subheader
from ui.formatting import campaigns_for_display, md, uploads_for_display
from ui.i18n import t
from ui.metric_cards import plain_metric
from ui.shell import require_app
from ui.tables import table

RECENT_UPLOADS = 20

require_app()

st.title("Sillage")
st.caption(t("home.tagline"))

totals = data.read(counts)
if totals.campaigns == 0 and totals.uploads == 0:
    st.info(t("no_campaign"), icon=":material/info:")
    st.page_link("pages/upload.py", label=t("upload_link"), icon=":material/upload_file:")
    st.stop()

fictitious = demo_clients()
if fictitious:
    st.caption(
        ":material/science: "
        + t("home.demo").format(names=", ".join(md(name) for name in fictitious))
    )

if totals.posts == 0:
    st.info(t("need.home_posts"), icon=":material/upload_file:")

columns = st.columns(4)
plain_metric(columns[0], t("home.clients"), totals.clients, help=t("home.clients_help"))
plain_metric(columns[1], t("campaigns"), totals.campaigns, help=t("home.campaigns_help"))
plain_metric(columns[2], t("home.posts"), totals.posts, help=t("home.posts_help"))
plain_metric(columns[3], t("home.files"), totals.uploads, help=t("home.files_help"))

subheader(t("campaigns"))
table(
    campaigns_for_display(data.read(campaign_summary)),
    key="home.campaigns.csv",
    file_name="sillage-campaigns.csv",
    column_config={
        t("home.col_id"): st.column_config.TextColumn(help=t("home.col_id_help")),
        t("home.col_start"): st.column_config.DateColumn(format="YYYY-MM-DD"),
        t("home.col_end"): st.column_config.DateColumn(format="YYYY-MM-DD"),
        t("home.col_campaign_status"): st.column_config.TextColumn(
            help=t("home.col_campaign_status_help")
        ),
        t("home.col_budget"): st.column_config.NumberColumn(format="localized"),
    },
)

subheader(t("home.recent"))
st.page_link("pages/upload.py", label=t("home.upload_more"), icon=":material/upload_file:")
table(
    uploads_for_display(data.read(recent_uploads, RECENT_UPLOADS)),
    key="home.uploads.csv",
    file_name="sillage-recent-uploads.csv",
    column_config={
        t("home.col_uploaded"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")
    },
)
