"""The share-link scope of this session, and the check every read goes through under it.

A session opened with a share link keeps its scope for its whole life: dropping ``share`` from
the URL does not turn a client's tab into an admin one. Under a scope, a read is allowed only
when its arguments name campaigns of the link (a ``Filters``, a ``campaign_id`` or
``campaign_ids`` argument) or when the function is listed as scope-free; anything else fails
closed, so a page added later cannot leak another client's data by forgetting a filter.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import streamlit as st

from access.links import ShareScope
from access.redact import COST_NAMES
from metrics.filters import Filters

_SCOPE = "sillage.share_scope"
_SHARED_SESSION = "sillage.shared_session"

# Reads that hold no client data of their own.
SCOPE_FREE = frozenset({"access.links.link_for_token_hash"})
# The one write a share link's viewer causes.
SHARED_WRITES = frozenset({"access.links.record_opened"})


class OutOfScope(PermissionError):
    """A read under a share link asked for something outside the link's campaigns."""


def current_scope() -> ShareScope | None:
    return st.session_state.get(_SCOPE)


def set_scope(scope: ShareScope) -> None:
    st.session_state[_SCOPE] = scope
    st.session_state[_SHARED_SESSION] = True


def clear_scope() -> None:
    st.session_state.pop(_SCOPE, None)


def shared_session() -> bool:
    """True once this session has been opened through a share link, valid or not."""
    return bool(st.session_state.get(_SHARED_SESSION))


def mark_shared_session() -> None:
    st.session_state[_SHARED_SESSION] = True


def costs_hidden() -> bool:
    scope = current_scope()
    return bool(scope and scope.hide_costs)


def cost_shown(name: str) -> bool:
    """False for a cost or budget column when this session's link hides costs."""
    return not (costs_hidden() and name in COST_NAMES)


def scoped_filters(scope: ShareScope, filters: Filters) -> bool:
    return (
        filters.client_id == scope.client_id
        and bool(filters.campaign_ids)
        and set(filters.campaign_ids) <= set(scope.campaign_ids)
    )


def check_read(scope: ShareScope, function: Callable, args: tuple, kwargs: dict) -> None:
    """Raise ``OutOfScope`` unless this read stays within ``scope``'s campaigns."""
    name = f"{function.__module__}.{function.__qualname__}"
    if name in SCOPE_FREE:
        return
    bound = inspect.signature(function).bind(None, *args, **kwargs).arguments
    allowed = set(scope.campaign_ids)
    scoped = False
    for parameter, value in list(bound.items())[1:]:
        if isinstance(value, Filters):
            if not scoped_filters(scope, value):
                raise OutOfScope(name)
            scoped = True
        elif parameter == "campaign_id":
            if value not in allowed:
                raise OutOfScope(name)
            scoped = True
        elif parameter == "campaign_ids":
            if not value or not set(value) <= allowed:
                raise OutOfScope(name)
            scoped = True
        elif parameter == "client_id" and value is not None and value != scope.client_id:
            raise OutOfScope(name)
    if not scoped:
        raise OutOfScope(name)


def guard_write(function: Callable) -> None:
    """A viewer through a share link writes nothing but the link's "last opened" stamp."""
    name = f"{function.__module__}.{function.__qualname__}"
    if (current_scope() is not None or shared_session()) and name not in SHARED_WRITES:
        raise OutOfScope(name)


def guard(function: Callable, args: tuple, kwargs: dict[str, Any]) -> ShareScope | None:
    """Check a read against the session's scope; returns the scope (None for an admin)."""
    scope = current_scope()
    if f"{function.__module__}.{function.__qualname__}" in SCOPE_FREE:
        return scope
    if scope is None and shared_session():
        raise OutOfScope("share link no longer valid")
    if scope is not None:
        if scope.hide_costs and function.__name__ in COST_NAMES:
            raise OutOfScope(function.__name__)
        check_read(scope, function, args, kwargs)
    return scope


def shared_campaigns() -> tuple[str, ...] | None:
    """The campaigns of this session's share link; None for the admin (every campaign)."""
    scope = current_scope()
    return None if scope is None else scope.campaign_ids
