"""Settings (admin): the agency's name and logo, on the cover of every PDF and slide report."""

from __future__ import annotations

import streamlit as st

from store.settings import MAX_NAME_CHARS, BrandError, clear_logo, get_brand, set_brand
from ui import data
from ui.i18n import t
from ui.shell import require_app

require_app()

st.title(t("brand.title"))
st.subheader(t("brand.section"))
st.caption(t("brand.caption"))

brand = data.read(get_brand)
if "brand.saved" in st.session_state:
    st.success(t("brand.saved"), icon=":material/check_circle:")
    del st.session_state["brand.saved"]
elif brand.name is None:
    st.info(t("brand.none"), icon=":material/info:")

with st.form("brand.form", clear_on_submit=False):
    name = st.text_input(t("brand.name"), value=brand.name or "", max_chars=MAX_NAME_CHARS)
    upload = st.file_uploader(
        t("brand.logo"), type=["png", "jpg", "jpeg"], key="brand.logo", max_upload_size=1
    )
    saved = st.form_submit_button(t("brand.save"), type="primary", icon=":material/save:")

if saved:
    try:
        data.write(
            set_brand,
            name=name if name.strip() or brand.name else None,
            logo=upload.getvalue() if upload is not None else None,
            logo_name=upload.name if upload is not None else "logo",
        )
    except BrandError as error:
        st.error(t(f"brand.error_{error.kind}").format(**error.values), icon=":material/error:")
    else:
        st.session_state["brand.saved"] = True
        st.rerun()

if brand.logo is not None:
    st.markdown(f"**{t('brand.current_logo')}**")
    st.image(brand.logo.data, width=min(brand.logo.width, 240))
    if st.button(t("brand.remove_logo"), icon=":material/delete:", key="brand.remove"):
        data.write(clear_logo)
        st.rerun()
