"""The admin password: an argon2 hash from the environment or Streamlit secrets, never the text.

The dashboard asks for it whenever the server listens beyond localhost (or
``SILLAGE_REQUIRE_PASSWORD`` is set), since anyone who reaches the port could otherwise upload,
read every client and mint share links.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

HASH_ENV = "SILLAGE_ADMIN_PASSWORD_HASH"
SECRETS_KEY = "admin_password_hash"
REQUIRE_ENV = "SILLAGE_REQUIRE_PASSWORD"
MIN_LENGTH = 10

_hasher = PasswordHasher()


class PasswordSetupError(RuntimeError):
    """The server must ask for a password but has no usable hash; the message says how to fix."""


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValueError(f"Use at least {MIN_LENGTH} characters.")
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches; argon2 compares in constant time."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def is_loopback(address: str | None) -> bool:
    """True for an address only this machine can reach; empty means every interface."""
    if not address:
        return False
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve beyond this machine


def password_required(address: str | None, environ: dict[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    forced = environ.get(REQUIRE_ENV, "").strip().lower() in {"1", "true", "yes"}
    return forced or not is_loopback(address)


def configured_hash(
    environ: dict[str, str] | None = None, secrets: dict | None = None
) -> str | None:
    """The admin hash from ``SILLAGE_ADMIN_PASSWORD_HASH``, else the secrets' ``admin_password_hash``."""
    environ = os.environ if environ is None else environ
    value = environ.get(HASH_ENV) or (secrets or {}).get(SECRETS_KEY)
    return value.strip() if value else None


def check_setup(stored_hash: str | None) -> None:
    """Raise ``PasswordSetupError`` unless ``stored_hash`` is an argon2 hash."""
    how = (
        "Create one with `sillage password` and set it in the environment "
        f'({HASH_ENV}=...) or in .streamlit/secrets.toml ({SECRETS_KEY} = "...").'
    )
    if not stored_hash:
        raise PasswordSetupError(
            "The dashboard listens beyond localhost, so the admin pages need a password, but no "
            f"password hash is set. {how}"
        )
    if not stored_hash.startswith("$argon2"):
        raise PasswordSetupError(
            f"{HASH_ENV} does not hold an argon2 hash (it should start with $argon2id$); "
            f"never put the password itself there. {how}"
        )


def secrets_from_files(project_dir: Path) -> dict:
    """Streamlit's secrets files as the server will read them (project, then home directory)."""
    merged: dict = {}
    for path in (
        Path.home() / ".streamlit/secrets.toml",
        Path(project_dir) / ".streamlit/secrets.toml",
    ):
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return merged
