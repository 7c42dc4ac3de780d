"""The Perception page's themes block: what a campaign's comments talk about, with examples.

Rendering only; the themes and their counts come from ``metrics.themes.campaign_themes``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from metrics.themes import Theme
from ui.export import record_metric, subheader
from ui.formatting import md
from ui.i18n import number, percent, t
from ui.tables import table


def theme_name(theme: str) -> str:
    """The theme's label in the page's language."""
    return t(f"theme.{theme}")


def themes_frame(themes: Sequence[Theme]) -> pd.DataFrame:
    """One row per theme: counts, shares, net sentiment and the two examples."""
    return pd.DataFrame(
        [
            {
                t("theme.column_theme"): theme_name(item.theme),
                t("theme.column_comments"): item.comments,
                t("theme.column_share"): percent(item.share),
                t("theme.column_positive"): item.positive,
                t("theme.column_neutral"): item.neutral,
                t("theme.column_negative"): item.negative,
                t("theme.column_net"): number(item.net_sentiment, 2),
                t("theme.column_example_1"): item.examples[0] if item.examples else None,
                t("theme.column_example_2"): item.examples[1] if len(item.examples) > 1 else None,
            }
            for item in themes
        ]
    )


def themes_block(themes: Sequence[Theme], campaign_id: str) -> None:
    """Title, one card per theme (count, share, sentiment, two examples) and the table."""
    subheader(t("theme.title"), anchor="themes")
    st.caption(t("theme.definition"))
    if not themes:
        st.info(t("theme.none"), icon=":material/topic:")
        return
    columns = st.columns(min(len(themes), 3), gap="medium")
    for position, item in enumerate(themes):
        with columns[position % len(columns)].container(border=True):
            st.markdown(f"**{md(theme_name(item.theme))}**")
            line = t("theme.count_line").format(n=number(item.comments), share=percent(item.share))
            st.markdown(md(line))
            st.caption(
                md(
                    t("theme.sentiment_line").format(
                        net=number(item.net_sentiment, 2),
                        pos=number(item.positive),
                        neu=number(item.neutral),
                        neg=number(item.negative),
                    )
                )
            )
            for example in item.examples:
                st.markdown(f"> {md(example)}")
            record_metric(
                theme_name(item.theme),
                line,
                caption=" · ".join(item.examples),
                definition=t("theme.definition"),
            )
    table(
        themes_frame(themes),
        key="perception.themes.csv",
        file_name=f"sillage-themes-{campaign_id}.csv",
    )
