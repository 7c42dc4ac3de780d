"""Turning stored values into what a page shows: format labels, sizes, display tables."""

from __future__ import annotations

import re

import pandas as pd

from ingest.formats import FORMATS_BY_NAME

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
        return "not recognised"
    fmt = FORMATS_BY_NAME.get(name)
    return fmt.label if fmt else name


def file_size(size: int) -> str:
    """A byte count as people read it: 812 B, 14.2 KB, 3.1 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def uploads_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Recent uploads with readable column names and format labels instead of format keys."""
    shown = pd.DataFrame(
        {
            "Uploaded": frame["uploaded_at"],
            "File": frame["file_name"],
            "Format": frame["detected_format"].map(format_label),
            "Status": frame["status"],
            "Rows read": frame["rows_read"],
            "Loaded": frame["rows_loaded"],
            "Rejected": frame["rows_rejected"],
            "Campaign": frame["campaign_name"],
            "Message": frame["message"],
        }
    )
    return shown


def campaigns_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Campaign summary with readable column names."""
    return frame.rename(
        columns={
            "client": "Client",
            "campaign_id": "Id",
            "campaign": "Campaign",
            "objective": "Objective",
            "start_date": "Start",
            "end_date": "End",
            "budget": "Budget",
            "currency": "Currency",
            "posts": "Posts",
            "creators": "Creators",
        }
    )


def share_links_for_display(links: list, now=None) -> pd.DataFrame:
    """One row per share link for the admin table; tokens are never stored, so never shown."""
    return pd.DataFrame(
        [
            {
                "Id": link.link_id,
                "Client": link.client_name,
                "Label": link.label or "",
                "Campaigns": ", ".join(link.campaign_ids),
                "Sections": ", ".join(link.sections),
                "Costs hidden": link.hide_costs,
                "Status": link.status(now),
                "Created": link.created_at,
                "Expires": link.expires_at,
                "Last opened": link.last_opened_at,
            }
            for link in links
        ],
        columns=[
            "Id", "Client", "Label", "Campaigns", "Sections", "Costs hidden", "Status",
            "Created", "Expires", "Last opened",
        ],
    )  # fmt: skip
