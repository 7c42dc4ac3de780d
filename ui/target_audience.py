"""The campaign settings' target audience: age bands, genders and countries to pick from."""

from __future__ import annotations

import streamlit as st

from store.campaigns import Campaign
from store.target_audience import AGE_BANDS, GENDERS, country_codes, parse_target
from ui.i18n import t


def target_audience_inputs(campaign: Campaign) -> dict[str, list[str]]:
    """Three pickers inside the campaign form; returns the target as it is stored (JSON)."""
    saved = parse_target(campaign.target_audience)
    st.markdown(f"**{t('fit.target')}**")
    st.caption(t("fit.target_help"))
    columns = st.columns(3)
    ages = list(dict.fromkeys([*AGE_BANDS, *saved.age]))
    countries = sorted(country_codes())
    chosen = {
        "age": columns[0].multiselect(
            t("fit.dim_age"), ages, default=list(saved.age), placeholder=t("all")
        ),
        "gender": columns[1].multiselect(
            t("fit.dim_gender"),
            GENDERS,
            default=list(saved.gender),
            format_func=lambda g: t(f"term.{g}"),
            placeholder=t("all"),
        ),
        "country": columns[2].multiselect(
            t("fit.dim_country"),
            countries,
            default=[c for c in saved.country if c in countries],
            help=t("fit.dim_country_help"),
            placeholder=t("all"),
        ),
    }
    return {dimension: values for dimension, values in chosen.items() if values}
