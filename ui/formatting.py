"""Turning stored values into what a page shows: format labels, sizes, display tables."""

from __future__ import annotations

import re

import pandas as pd

from ingest.formats import FORMATS_BY_NAME
from ui.i18n import t

# Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and escaping all
# of them leaves no construct to start (links, images, emphasis, lists, headings, tables, HTML,
# entities ``&amp;``, GFM autolinks ``www.x.y`` / ``a@b.c`` / ``https://``, Streamlit's
# ``:red[…]``, ``:material/…:`` and emoji shortcodes, ``$…$`` LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GFM turns bare addresses into links after escapes are read (``https://…``, ``www.…``, ``a@b.c``),
# so a backslash does not stop them: an invisible WORD JOINER (U+2060) before ``://`` and ``@``
# and after ``www`` breaks the pattern and leaves the text as it reads.
_AUTOLINK = re.compile(r"(?=://)|(?=@)|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")


def md(text: object) -> str:
    """Text from data (names, captions, file names, headers, answers) made inert in markdown.

    Used wherever such text reaches something Streamlit reads as markdown: ``st.markdown``,
    ``st.caption``, alerts, titles, metric/tab/expander/widget labels, radio and pill options,
    ``help=`` and toasts. Every ASCII punctuation character is backslash-escaped and line breaks
    become spaces, so the text shows as typed, on one line, and nothing in it acts: no link,
    image, colour, icon, emphasis, heading, list, HTML or formula. Bare web and e-mail
    addresses get an invisible word joiner so that GFM does not link them.
    """
    flat = _AUTOLINK.sub(WORD_JOINER, _LINE_BREAKS.sub(" ", str(text)))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def format_label(name: str | None) -> str:
    """The human label of an export format name (``tiktok_videos`` -> "TikTok — video list")."""
    if not name:
        return t("home.format_unknown")
    return t(f"format.{name}") if name in FORMATS_BY_NAME else name


def file_size(size: int) -> str:
    """A byte count as people read it: 812 B, 14.2 KB, 3.1 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def uploads_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Recent uploads with column names, format labels and statuses in the interface language:
    the file first (what a row is), then whether it loaded, when, and what it held."""
    return pd.DataFrame(
        {
            t("home.col_file"): frame["file_name"],
            t("home.col_status"): frame["status"].map(lambda s: t(f"home.status_{s}")),
            t("home.col_uploaded"): frame["uploaded_at"],
            t("home.col_format"): frame["detected_format"].map(format_label),
            t("home.col_loaded"): frame["rows_loaded"],
            t("home.col_rejected"): frame["rows_rejected"],
            t("home.col_rows_read"): frame["rows_read"],
            t("campaign"): frame["campaign_name"],
            t("home.col_message"): frame["message"],
        }
    )


CAMPAIGN_COLUMNS = ("campaign", "client", "start_date", "end_date", "objective", "status",
                    "campaign_id", "budget", "currency", "posts", "creators")  # fmt: skip
"""The campaigns table's columns, the campaign first (what a row is), then its key facts."""


def campaigns_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Campaign summary with column names, objectives and statuses in the interface language,
    the campaign, client, dates, objective and status first."""
    shown = frame.assign(
        objective=frame["objective"].map(lambda o: t(f"objective_{o}") if o else ""),
        status=frame["status"].map(lambda s: t(f"home.campaign_{s}") if s else ""),
    )
    return shown[[c for c in CAMPAIGN_COLUMNS if c in shown.columns]].rename(
        columns={
            "client": t("client"),
            "campaign_id": t("home.col_id"),
            "campaign": t("campaign"),
            "objective": t("home.col_objective"),
            "start_date": t("home.col_start"),
            "end_date": t("home.col_end"),
            "status": t("home.col_campaign_status"),
            "budget": t("home.col_budget"),
            "currency": t("home.col_currency"),
            "posts": t("home.posts"),
            "creators": t("creators"),
        }
    )


def share_links_for_display(links: list, now=None) -> pd.DataFrame:
    """One row per share link for the admin table; tokens are never stored, so never shown."""
    columns = {
        key: t(f"sl.col_{key}")
        for key in ("id", "label", "sections", "costs_hidden", "status", "created", "expires",
                    "last_opened")
    } | {"client": t("client"), "campaigns": t("campaigns")}  # fmt: skip
    rows = [
        {
            "id": link.link_id,
            "client": link.client_name,
            "label": link.label or "",
            "campaigns": ", ".join(link.campaign_ids),
            "sections": ", ".join(t(f"section.{name}") for name in link.sections),
            "costs_hidden": link.hide_costs,
            "status": t(f"sl.status_{link.status(now)}"),
            "created": link.created_at,
            "expires": link.expires_at,
            "last_opened": link.last_opened_at,
        }
        for link in links
    ]
    order = ["id", "client", "label", "campaigns", "sections", "costs_hidden", "status",
             "created", "expires", "last_opened"]  # fmt: skip
    return pd.DataFrame(rows, columns=order).rename(columns=columns)
