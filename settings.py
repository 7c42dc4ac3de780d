"""Every limit and default of Sillage in one table, each with its help text.

A setting is read from the environment variable named in its row (``SILLAGE_<NAME>``)
and falls back to its default, so deployments change limits without touching code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return f"SILLAGE_{self.name.upper()}"


SETTINGS = (
    Setting("db", "sillage.duckdb", "Database file; --db on the command line takes precedence."),
    Setting("max_upload_mb", "2048", "Largest file accepted by upload or ingest, in MiB."),
    Setting("errors_reported", "200", "Rejected rows listed per file; the count is always exact."),
    Setting("ingest_memory_limit", "1500MB", "DuckDB memory limit while a file loads."),
    Setting("preview_rows", "20", "Rows shown when a file needs a column mapping."),
    Setting(
        "public_url",
        "http://localhost:8501",
        "Address clients use to reach the dashboard; share links are printed against it.",
    ),
    Setting("share_days", "30", "Days a new share link stays valid unless told otherwise."),
    Setting(
        "lock_wait_seconds",
        "10",
        "Seconds a command or page waits for the database file while another program holds it.",
    ),
    Setting(
        "archive_sweep_minutes",
        "10",
        "Minutes after which a temporary file that a killed or failed ingest left in the archive "
        "folder is removed by the next ingest (a file a running ingest holds is never removed).",
    ),
    Setting(
        "ingest_copy_rows",
        "500000",
        "Files of at least this many rows are written into a copy of the database, swapped in "
        "at the end, so that the dashboard never waits for the write.",
    ),
    Setting(
        "signin_delay_seconds",
        "1",
        "Seconds an address waits before its next admin sign-in after a wrong password; "
        "doubled after each further failure.",
    ),
    Setting("signin_max_delay_seconds", "60", "Longest wait between two sign-in attempts."),
    Setting(
        "signin_lockout_failures",
        "10",
        "Wrong passwords from one address within the window that lock it out for the window.",
    ),
    Setting(
        "signin_window_minutes",
        "15",
        "Minutes failures are counted over, and how long a lockout lasts after the last one.",
    ),
    Setting(
        "signin_global_failures",
        "100",
        "Wrong passwords from all addresses together within the window after which every "
        "sign-in is refused until the oldest ones age out (a restart clears it).",
    ),
    Setting(
        "trust_forwarded_for",
        "0",
        "Reverse proxies in front of the dashboard whose X-Forwarded-For is trusted for the "
        "sign-in limits (0: use the connection's address).",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str) -> str:
    setting = _BY_NAME[name]
    return os.environ.get(setting.env_var, setting.default)


def is_set(name: str) -> bool:
    """True when the deployment sets this setting's environment variable."""
    return bool(os.environ.get(_BY_NAME[name].env_var))


def get_int(name: str) -> int:
    return int(get(name))


def get_float(name: str) -> float:
    return float(get(name))


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: an explicit path, else ``SILLAGE_DB``, else ``./sillage.duckdb``."""
    return Path(explicit) if explicit else Path(get("db"))
