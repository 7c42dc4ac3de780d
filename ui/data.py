"""The dashboard's only way to the database: short connections and reads cached by data version.

No connection outlives one read or one write, so ``sillage ingest`` and ``sillage share`` can
write to the file while the dashboard runs. Reads are cached under the file's data version
(``Store.data_version``), so a change made by any process shows on the next rerun.

Connections here are opened read-write even for reads: DuckDB refuses, inside one process, a
read-only connection to a file another thread holds read-write (an upload running in another
session), and the reverse. Opening without writing leaves the file untouched.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any, Concatenate, NoReturn, ParamSpec, TypeVar

import duckdb
import streamlit as st

from access.redact import redact_costs
from store.db import DatabaseDamaged, DatabaseInUse
from store.store import Store
from ui.i18n import t
from ui.scope import guard, guard_write, shared_session

P = ParamSpec("P")
T = TypeVar("T")

Reader = Callable[Concatenate[duckdb.DuckDBPyConnection, P], T]


def store() -> Store:
    """The dashboard's store: ``SILLAGE_DB`` (set by ``sillage serve``), else the documented
    default."""
    return _resolved(Store.open())


@functools.lru_cache(maxsize=16)
def _resolved(store: Store) -> Store:
    # Resolving a file's path walks it with a system call per part, on every read of every page
    # view.
    return Store.open(store.location)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_read(
    module: str, name: str, store_name: str, version: str, args: tuple, kwargs: tuple, _store: Store
) -> Any:
    del store_name, version  # only part of the cache key
    function = getattr(importlib.import_module(module), name)
    with _store.connect() as connection:
        return function(connection, *args, **dict(kwargs))


def read(function: Reader[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Call a store read function on a brief connection; cached until the data changes.

    ``function`` must be a module-level function taking the connection first; its arguments and
    result must be picklable. Under a share link the read must stay within the link's campaigns
    (``ui.scope``), and costs are removed from the result when the link hides them.
    """
    scope = guard(function, args, kwargs)
    current = store()
    try:
        result = _cached_read(
            function.__module__,
            function.__qualname__,
            current.name,
            current.data_version(),
            args,
            tuple(sorted(kwargs.items())),
            current,
        )
    except DatabaseInUse as error:
        _stop_busy(error)
    except DatabaseDamaged as error:
        _stop_damaged(error)
    return redact_costs(result) if scope is not None and scope.hide_costs else result


def write(function: Reader[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Call a store function that writes, in one transaction on a brief connection of its own."""
    guard_write(function)
    try:
        with store().transaction() as connection:
            return function(connection, *args, **kwargs)
    except DatabaseInUse as error:
        _stop_busy(error)
    except DatabaseDamaged as error:
        _stop_damaged(error)


def _stop_damaged(error: DatabaseDamaged) -> NoReturn:
    """The database file cannot be read: how to restore it, or a plain sentence for a client."""
    if shared_session():
        st.warning(t("db.unavailable"), icon=":material/error:")
    else:
        st.error(t("db.damaged").format(file=error.path.name), icon=":material/broken_image:")
    st.stop()
    raise AssertionError("st.stop() returned")  # for type checkers: never reached


def _stop_busy(error: DatabaseInUse) -> NoReturn:
    """Say in plain words that another program holds the database, and stop the page.

    A client's view names no file, program or process.
    """
    if shared_session():
        st.warning(t("db.updating"), icon=":material/hourglass_top:")
    else:
        who = (
            t("db.holder").format(program=error.program, pid=error.pid)
            if error.program
            else t("db.holder_unknown")
        )
        st.error(
            t("db.in_use").format(file=error.path.name, who=who, seconds=f"{error.waited:g}"),
            icon=":material/lock:",
        )
    st.stop()
    raise AssertionError("st.stop() returned")  # for type checkers: never reached
