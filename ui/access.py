"""Who is looking: a client through a share link, the signed-in admin, or nobody yet.

``gate()`` runs first on every rerun of ``app.py``. A share token is checked on each rerun (a
revocation or an expiry takes effect on the client's next click); an admin signs in once per
session when the server listens beyond localhost.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import streamlit as st

import settings
from access.links import ShareScope, link_for_token_hash, record_opened, scope_for, token_hash
from access.password import (
    PasswordSetupError,
    check_setup,
    configured_hash,
    password_required,
    verify_password,
)
from access.throttle import Limits, SignInThrottle, client_address
from ui import data
from ui.formatting import md
from ui.i18n import date, t
from ui.scope import clear_scope, mark_shared_session, set_scope, shared_session

_SIGNED_IN = "sillage.admin_signed_in"

log = logging.getLogger("sillage.signin")

# The longest a failed attempt's own request is held before its answer: the next attempt is then
# allowed at once for a person typing again, while guesses sent in parallel are refused unchecked.
_HOLD_AFTER_FAILURE_S = 5.0

# When this process last stamped each link as opened: most reruns need no write at all.
_opened_stamps: dict[int, float] = {}
_opened_lock = threading.Lock()
_STAMP_EVERY_S = 600.0


@dataclass(frozen=True)
class Viewer:
    """The session's viewer: ``scope`` is set for a share link, None for the admin."""

    scope: ShareScope | None

    @property
    def is_admin(self) -> bool:
        return self.scope is None


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except (FileNotFoundError, OSError, ValueError):
        return {}  # no secrets file: the environment alone decides
    except Exception:  # noqa: BLE001 - a malformed secrets.toml must not open the admin pages
        return {}


def _invalid_page() -> None:
    st.title(t("share.invalid_title"))
    st.write(t("share.invalid_body"))


def _invalid_link(url_paths: tuple[str, ...]) -> None:
    """The plain page a revoked, expired, forged or missing token gets; nothing else renders.

    It answers at every page address with a hidden navigation, which also replaces the list of
    pages a session kept from before its link was revoked.
    """
    clear_scope()
    pages = [
        st.Page(_invalid_page, title=t("share.invalid_title"), url_path=url, default=(i == 0))
        for i, url in enumerate(url_paths)
    ]
    st.navigation(pages, position="hidden").run()
    st.stop()


def _stamp_opened(scope: ShareScope) -> None:
    now = time.monotonic()
    with _opened_lock:
        last = _opened_stamps.get(scope.link_id)
        if last is not None and now - last < _STAMP_EVERY_S:
            return
        _opened_stamps[scope.link_id] = now
    data.write(record_opened, scope.link_id)


def _share_viewer(token: str, url_paths: tuple[str, ...]) -> Viewer:
    mark_shared_session()
    if not token or len(token) > 200:
        _invalid_link(url_paths)
    # Cached by the hash only; the expiry is checked against the clock on every rerun.
    link = data.read(link_for_token_hash, token_hash(token))
    scope = scope_for(link, dt.datetime.now(dt.UTC).replace(tzinfo=None))
    if scope is None:
        _invalid_link(url_paths)
    set_scope(scope)
    _stamp_opened(scope)
    return Viewer(scope)


@st.cache_resource(show_spinner=False)
def sign_in_throttle() -> SignInThrottle:
    """The process's one record of failed sign-ins: every session of every client shares it."""
    return SignInThrottle(Limits.from_settings())


def _attempt_address() -> str:
    """The address this attempt counts against (see ``access.throttle.client_address``)."""
    try:
        remote = st.context.ip_address
        headers = st.context.headers
    except Exception:  # noqa: BLE001 - no request context (a bare script run): one shared key
        remote, headers = None, None
    return client_address(remote, headers, settings.get("trust_forwarded_for"))


def _refused(wait: float) -> None:
    seconds = max(1, int(wait + 0.999))
    if seconds >= 120:
        st.error(t("signin.locked").format(minutes=(seconds + 59) // 60))
    else:
        st.error(t("signin.too_soon").format(seconds=seconds))


def _sign_in(stored_hash: str) -> None:
    """The sign-in form; stops the run until the password is right.

    Attempts are limited per address and in total by the process-wide ``sign_in_throttle``;
    every failure is logged with its address, never with the password typed.
    """
    st.title("Sillage")
    with st.form("sign_in"):
        st.subheader(t("signin.title"))
        password = st.text_input(t("signin.password"), type="password")
        submitted = st.form_submit_button(t("signin.submit"), type="primary")
    if submitted:
        throttle = sign_in_throttle()
        address = _attempt_address()
        verdict = throttle.check(address)
        if not verdict.allowed:
            log.warning(
                "Admin sign-in refused unchecked from %s: %s, %.0f s left",
                address,
                {"delay": "too soon after a failure", "locked": "locked out"}.get(
                    verdict.reason, "too many failures from all addresses"
                ),
                verdict.wait,
            )
            _refused(verdict.wait)
            st.stop()
        if verify_password(stored_hash, password):
            throttle.succeeded(address)
            log.info("Admin signed in from %s", address)
            st.session_state[_SIGNED_IN] = True
            st.rerun()
        failures, wait = throttle.failed(address)
        log.warning(
            "Failed admin sign-in from %s: %d failure(s) from this address and %d in all within "
            "%.0f min; next attempt allowed in %.0f s",
            address,
            failures,
            throttle.total_failures(),
            throttle.limits.window / 60,
            wait,
        )
        time.sleep(min(wait, _HOLD_AFTER_FAILURE_S))
        st.error(t("signin.wrong"))
        if wait > _HOLD_AFTER_FAILURE_S:
            _refused(wait - _HOLD_AFTER_FAILURE_S)
    st.stop()


def gate(url_paths: tuple[str, ...]) -> Viewer:
    """Decide who is looking before any page renders; stops the run when nobody may see it.

    ``url_paths`` are the app's page addresses, where a dead link's page must answer too.
    """
    token = st.query_params.get("share")
    if token is not None or shared_session():
        return _share_viewer(token or "", url_paths)
    if password_required(st.get_option("server.address")):
        stored_hash = configured_hash(secrets=_secrets())
        try:
            check_setup(stored_hash)
        except PasswordSetupError as error:
            st.error(str(error))
            st.stop()
        if not st.session_state.get(_SIGNED_IN):
            _sign_in(stored_hash)
    return Viewer(None)


def sign_out_button() -> None:
    """In the sidebar, for a signed-in admin."""
    if st.session_state.get(_SIGNED_IN) and st.sidebar.button(
        t("signin.sign_out"), icon=":material/logout:"
    ):
        st.session_state.pop(_SIGNED_IN, None)
        st.rerun()


def shared_view_banner(scope: ShareScope) -> None:
    """Tells the client what they are looking at and until when."""
    if scope.expires_at is None:
        text = t("share.banner_no_expiry").format(client=md(scope.client_name))
    else:
        text = t("share.banner").format(client=md(scope.client_name), until=date(scope.expires_at))
    st.sidebar.caption(text)


def share_url(token: str) -> str:
    """The link to send: ``SILLAGE_PUBLIC_URL`` when set, else the address this page came from."""
    base = settings.get("public_url") if settings.is_set("public_url") else None
    if not base:
        here = urlsplit(st.context.url or settings.get("public_url"))
        base = f"{here.scheme}://{here.netloc}"
    return f"{base.rstrip('/')}/?share={token}"
