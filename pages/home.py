"""Home: what the database holds — clients, campaigns and the latest uploads."""

from __future__ import annotations

import streamlit as st

from store.uploads import campaign_summary, counts, recent_uploads
from ui import data
from ui.demo import demo_clients
from ui.formatting import campaigns_for_display, md, uploads_for_display
from ui.shell import require_app
from ui.tables import table

RECENT_UPLOADS = 20

require_app()

st.title("Sillage")
st.caption("Influencer campaigns measured beyond likes and clicks.")

totals = data.read(counts)
if totals.campaigns == 0 and totals.uploads == 0:
    st.info("No data yet. Upload the exports of a campaign to begin.", icon=":material/info:")
    st.page_link("pages/upload.py", label="Upload exports", icon=":material/upload_file:")
    st.stop()

fictitious = demo_clients()
if fictitious:
    st.caption(
        ":material/science: The bundled sample data is loaded: "
        + ", ".join(md(name) for name in fictitious)
        + " and their campaigns are fictitious."
    )

columns = st.columns(4)
columns[0].metric("Clients", totals.clients, help="Clients of the agency in this database.")
columns[1].metric("Campaigns", totals.campaigns, help="Campaigns across all clients.")
columns[2].metric("Posts", totals.posts, help="Pieces of content, sponsored or not.")
columns[3].metric(
    "Files loaded", totals.uploads, help="Uploaded files that loaded (refused files excluded)."
)

st.subheader("Campaigns")
table(
    campaigns_for_display(data.read(campaign_summary)),
    key="home.campaigns.csv",
    file_name="sillage-campaigns.csv",
    column_config={
        "Id": st.column_config.TextColumn(help="The id that `sillage ingest --campaign` takes."),
        "Start": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "End": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "Budget": st.column_config.NumberColumn(format="localized"),
    },
)

st.subheader("Recent uploads")
st.page_link("pages/upload.py", label="Upload more exports", icon=":material/upload_file:")
table(
    uploads_for_display(data.read(recent_uploads, RECENT_UPLOADS)),
    key="home.uploads.csv",
    file_name="sillage-recent-uploads.csv",
    column_config={"Uploaded": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
)
