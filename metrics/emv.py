"""Earned media value, only through a named, versioned rate table the user sees and edits.

EMV = Σ over campaign posts of (impressions × rate per impression + likes × rate per like +
comments × rate per comment + shares × rate per share + saves × rate per save + clicks × rate per
click), with the rates of one version of the table for the post's platform (or the version's
``*`` row for platforms without their own). Paid delivery is not earned media and never counts.
EMV is always ``estimated``: its value is only as good as the rates chosen.

Versions are immutable: to change a rate, add a version (copy the current one, edit, save under a
new label), so a number reported last month can be reproduced from the version it names.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from i18n.messages import Message, join
from metrics.filters import Filters
from metrics.kpis import (
    ESTIMATED,
    facts_sql,
    nulls_to_none,
)

ACTIONS = ("impression", "like", "comment", "share", "save", "click")
"""What a rate applies to; the table has one column ``per_<action>`` for each."""

ANY_PLATFORM = "*"
"""Platform value of the row that applies to platforms without a row of their own."""

DEFAULT_VERSION = "illustrative-v1"
DEFAULT_CURRENCY = "EUR"
# Effective from long ago so that a fresh database always has a current version.
DEFAULT_EFFECTIVE_DATE = dt.date(2020, 1, 1)
DEFAULT_DESCRIPTION = (
    "ILLUSTRATIVE rates, not market values: a starting point to show how EMV is computed. "
    "Replace them with your agency's own rates (add a version) before reporting EMV."
)
DEFAULT_RATES: dict[str, dict[str, float]] = {
    "instagram": {
        "impression": 0.005,
        "like": 0.10,
        "comment": 0.50,
        "share": 0.50,
        "save": 0.40,
        "click": 1.00,
    },
    "tiktok": {
        "impression": 0.003,
        "like": 0.05,
        "comment": 0.40,
        "share": 0.50,
        "save": 0.30,
        "click": 1.00,
    },
    "youtube": {
        "impression": 0.010,
        "like": 0.15,
        "comment": 0.60,
        "share": 0.60,
        "save": 0.40,
        "click": 1.00,
    },
    ANY_PLATFORM: {
        "impression": 0.004,
        "like": 0.08,
        "comment": 0.40,
        "share": 0.40,
        "save": 0.30,
        "click": 0.80,
    },
}
"""Seeded once into a new rate table, flagged ``illustrative``; values per action, in EUR."""


INSERT_VERSION_SQL = textwrap.dedent(
    """
    INSERT INTO emv_rate_versions (version, currency, effective_date, description, illustrative)
    VALUES (?, ?, ?, ?, ?)
    """
)

INSERT_RATE_SQL = textwrap.dedent(
    """
    INSERT INTO emv_rates
        (version, platform, per_impression, per_like, per_comment, per_share, per_save, per_click)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    """
)

LIST_VERSIONS_SQL = textwrap.dedent(
    """
    SELECT v.version, v.currency, v.effective_date, v.description, v.illustrative, v.created_at,
           count(r.platform) AS platforms
    FROM emv_rate_versions v
    LEFT JOIN emv_rates r USING (version)
    GROUP BY ALL
    ORDER BY v.effective_date DESC, v.created_at DESC, v.version
    """
)

CURRENT_VERSION_SQL = textwrap.dedent(
    """
    SELECT version, currency, effective_date, description, illustrative, created_at
    FROM emv_rate_versions
    WHERE effective_date <= ?
    ORDER BY effective_date DESC, created_at DESC, version DESC
    LIMIT 1
    """
)

GET_VERSION_SQL = textwrap.dedent(
    """
    SELECT version, currency, effective_date, description, illustrative, created_at
    FROM emv_rate_versions
    WHERE version = ?
    """
)

RATES_SQL = textwrap.dedent(
    """
    SELECT platform, per_impression, per_like, per_comment, per_share, per_save, per_click
    FROM emv_rates
    WHERE version = ?
    ORDER BY platform = '*', platform
    """
)

EMV_BY_POST_SQL = textwrap.dedent(
    """
    WITH facts AS ({facts}),
    rates AS (SELECT * FROM emv_rates WHERE version = ?)
    SELECT f.post_id, f.campaign_id, f.creator_id, f.platform,
           coalesce(own.platform, fallback.platform) AS rate_platform,
           f.impressions, f.impressions_from_views IS NOT NULL AS impressions_from_views,
           f.likes, f.comments, f.shares, f.saves, f.clicks,
           coalesce(f.impressions, 0) * coalesce(own.per_impression, fallback.per_impression)
             AS value_impression,
           coalesce(f.likes, 0) * coalesce(own.per_like, fallback.per_like) AS value_like,
           coalesce(f.comments, 0) * coalesce(own.per_comment, fallback.per_comment)
             AS value_comment,
           coalesce(f.shares, 0) * coalesce(own.per_share, fallback.per_share) AS value_share,
           coalesce(f.saves, 0) * coalesce(own.per_save, fallback.per_save) AS value_save,
           coalesce(f.clicks, 0) * coalesce(own.per_click, fallback.per_click) AS value_click,
           value_impression + value_like + value_comment + value_share + value_save + value_click
             AS emv
    FROM facts f
    LEFT JOIN rates own ON own.platform = f.platform
    LEFT JOIN rates fallback ON fallback.platform = '*'
    ORDER BY f.post_id
    """
)
"""EMV of each campaign post under the filters with one version's rates (None without a rate)."""


class UnknownRateVersion(KeyError):
    """The rate version asked for is not in the table."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown rate version"


class InvalidRates(ValueError):
    """A rate version that cannot be saved (duplicate label, unknown action, negative rate...)."""


@dataclass(frozen=True)
class RateVersion:
    """One version of the EMV rate table (its rates come from ``get_rates``)."""

    version: str
    currency: str
    effective_date: dt.date
    description: str | None
    illustrative: bool
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class EmvResult:
    """Earned media value with the rate version it was computed with."""

    value: float | None
    currency: str
    version: str
    effective_date: dt.date
    illustrative: bool
    provenance: str = ESTIMATED
    posts: int = 0
    posts_valued: int = 0
    posts_without_rate: int = 0
    components: Mapping[str, float] = field(default_factory=dict)
    reason: Message | None = None
    note: Message | None = None


def list_versions(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every rate version, newest effective date first, with how many platform rows it has.

    Source: docs/schema.md (``emv_rate_versions``: the rate table the user sees).
    """
    return connection.execute(LIST_VERSIONS_SQL).df()


def get_version(connection: duckdb.DuckDBPyConnection, version: str) -> RateVersion:
    """The named rate version; raises ``UnknownRateVersion`` naming the versions that exist.

    Source: docs/schema.md (``emv_rate_versions``: EMV through a named, versioned rate table).
    """
    row = connection.execute(GET_VERSION_SQL, [version]).fetchone()
    if row is None:
        known = ", ".join(list_versions(connection)["version"]) or "none"
        raise UnknownRateVersion(f"no EMV rate version {version!r} (versions: {known})")
    return RateVersion(*row)


def current_version(
    connection: duckdb.DuckDBPyConnection, as_of: dt.date | None = None
) -> RateVersion:
    """The version in force on ``as_of`` (default today): latest effective date not after it.

    Ties go to the version created last. Raises ``UnknownRateVersion`` when no version is
    effective yet.

    Source: docs/schema.md (``emv_rate_versions``, ``effective_date``).
    """
    as_of = as_of or dt.date.today()
    row = connection.execute(CURRENT_VERSION_SQL, [as_of]).fetchone()
    if row is None:
        raise UnknownRateVersion(f"no EMV rate version is effective on {as_of.isoformat()}")
    return RateVersion(*row)


def get_rates(connection: duckdb.DuckDBPyConnection, version: str) -> pd.DataFrame:
    """The rates of one version: one row per platform (``*`` last), one ``per_<action>`` column each.

    Source: docs/schema.md (``emv_rates``: value per impression, like, comment, share, save,
    click).
    """
    get_version(connection, version)
    return connection.execute(RATES_SQL, [version]).df()


def add_version(
    connection: duckdb.DuckDBPyConnection,
    version: str,
    currency: str,
    effective_date: dt.date,
    rates: Mapping[str, Mapping[str, float]] | pd.DataFrame,
    description: str | None = None,
    illustrative: bool = False,
) -> RateVersion:
    """Save a new rate version (versions are never edited in place).

    Args:
        connection: a writable connection.
        version: a label not used yet, e.g. ``"agency-2026-q3"``.
        currency: ISO 4217 code of the values, e.g. ``"EUR"``.
        effective_date: first day the version applies (``current_version`` picks by it).
        rates: ``{platform: {action: value}}`` or a frame like ``get_rates`` returns; actions are
            ``ACTIONS``, a missing action is worth 0, and platform ``"*"`` covers the others.
        description: what the rates are and where they come from.
        illustrative: mark rates that are examples rather than the agency's own.

    Raises:
        InvalidRates: empty or duplicate label, bad currency, unknown action, negative or
            non-finite rate, no platform row.

    Source: docs/schema.md (``emv_rate_versions``, ``emv_rates``: the table the user edits).
    """
    table = _rates_mapping(rates)
    version = (version or "").strip()
    if not version:
        raise InvalidRates("a rate version needs a label")
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise InvalidRates(f"currency must be a 3-letter ISO code, not {currency!r}")
    if connection.execute(GET_VERSION_SQL, [version]).fetchone() is not None:
        raise InvalidRates(f"rate version {version!r} exists already: choose a new label")
    connection.execute("BEGIN TRANSACTION")
    try:
        _insert_version(
            connection, version, currency, effective_date, table, description, illustrative
        )
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
    return get_version(connection, version)


def emv_by_post(
    connection: duckdb.DuckDBPyConnection, filters: Filters, version: str | None = None
) -> pd.DataFrame:
    """EMV of each campaign post under ``filters`` with one rate version (default: current).

    Per post: Σ action count × that action's rate for the post's platform (``*`` row otherwise);
    ``emv`` is None when the version has no rate for the platform. Counts are post totals as in
    ``metrics.kpis.post_facts`` (impressions estimated from views where the export lacks them).

    Source: docs/schema.md (``emv_rates``: EMV only as a named, versioned rate table).
    """
    chosen = get_version(connection, version) if version else current_version(connection)
    facts, params = facts_sql(connection, filters)
    frame = connection.execute(EMV_BY_POST_SQL.format(facts=facts), [*params, chosen.version]).df()
    frame["version"] = chosen.version
    frame["currency"] = chosen.currency
    return nulls_to_none(frame, ["rate_platform", "emv", *(f"value_{a}" for a in ACTIONS)])


def emv(
    connection: duckdb.DuckDBPyConnection, filters: Filters, version: str | None = None
) -> EmvResult:
    """Earned media value of the campaign posts under ``filters``, with the version used.

    EMV = Σ posts Σ actions count × rate (see module docstring). Posts on a platform the version
    has no rate for are left out and counted in ``posts_without_rate``. Always ``estimated``.

    Args:
        connection: an open DuckDB connection.
        filters: the view's restriction.
        version: a rate version label; None uses ``current_version`` (in force today).

    Source: docs/schema.md (``emv_rates``: EMV only as a named, versioned rate table; never a
    hidden constant).
    """
    chosen = get_version(connection, version) if version else current_version(connection)
    frame = emv_by_post(connection, filters, chosen.version)
    base = {
        "currency": chosen.currency,
        "version": chosen.version,
        "effective_date": chosen.effective_date,
        "illustrative": chosen.illustrative,
    }
    if frame.empty:
        return EmvResult(None, **base, reason=Message("emv.reason.no_posts"))
    valued = frame[frame["rate_platform"].notna()]
    without = sorted(set(frame.loc[frame["rate_platform"].isna(), "platform"].dropna()))
    if valued.empty:
        return EmvResult(
            None,
            **base,
            posts=len(frame),
            posts_without_rate=len(frame),
            reason=Message(
                "emv.reason.no_rate",
                version=chosen.version,
                platforms=without or Message("emv.these_posts"),
            ),
        )
    components = {a: float(valued[f"value_{a}"].sum()) for a in ACTIONS}
    estimated_impressions = int(valued["impressions_from_views"].sum())
    note = join(
        [
            Message("emv.note.illustrative") if chosen.illustrative else "",
            Message("emv.note.no_rate_posts", n=len(frame) - len(valued), platforms=without)
            if without
            else "",
            Message("emv.note.from_views", n=estimated_impressions)
            if estimated_impressions
            else "",
        ]
    )
    return EmvResult(
        value=float(sum(components.values())),
        **base,
        posts=len(frame),
        posts_valued=len(valued),
        posts_without_rate=len(frame) - len(valued),
        components=components,
        note=note or None,
    )


def _rates_mapping(
    rates: Mapping[str, Mapping[str, float]] | pd.DataFrame,
) -> dict[str, dict[str, float]]:
    if isinstance(rates, pd.DataFrame):
        if "platform" not in rates.columns:
            raise InvalidRates("a rates frame needs a 'platform' column")
        rates = {
            str(row["platform"]): {
                column.removeprefix("per_"): row[column]
                for column in rates.columns
                if column != "platform" and pd.notna(row[column])
            }
            for _, row in rates.iterrows()
        }
    table: dict[str, dict[str, float]] = {}
    for platform, values in rates.items():
        name = (platform or "").strip().lower()
        if not name:
            raise InvalidRates("every rate row needs a platform (or '*' for any other)")
        if name in table:
            raise InvalidRates(f"platform {name!r} appears twice")
        unknown = set(values) - set(ACTIONS)
        if unknown:
            raise InvalidRates(
                f"unknown actions {', '.join(sorted(unknown))}: use {', '.join(ACTIONS)}"
            )
        row: dict[str, float] = {}
        for action in ACTIONS:
            try:
                value = float(values.get(action, 0.0))
            except (TypeError, ValueError) as error:
                raise InvalidRates(f"{name}: rate per {action} is not a number") from error
            if not math.isfinite(value) or value < 0:
                raise InvalidRates(f"{name}: rate per {action} must be a finite number >= 0")
            row[action] = value
        table[name] = row
    if not table:
        raise InvalidRates("a rate version needs at least one platform row")
    return table


def _insert_version(
    connection: duckdb.DuckDBPyConnection,
    version: str,
    currency: str,
    effective_date: dt.date,
    rates: Mapping[str, Mapping[str, float]],
    description: str | None,
    illustrative: bool,
) -> None:
    connection.execute(
        INSERT_VERSION_SQL, [version, currency, effective_date, description, illustrative]
    )
    for platform, values in rates.items():
        connection.execute(
            INSERT_RATE_SQL, [version, platform, *(float(values.get(a, 0.0)) for a in ACTIONS)]
        )
