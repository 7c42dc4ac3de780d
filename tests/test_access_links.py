"""Share links: tokens, hashes, scope, expiry, revocation, and the ``sillage share`` commands."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from access import links
from access.links import (
    ShareLinkError,
    create_share_link,
    list_share_links,
    record_opened,
    resolve_token,
    revoke_share_link,
)
from store.db import connect

ROOT = Path(__file__).resolve().parents[1]
NOW = dt.datetime(2026, 11, 27, 9, 0)


@pytest.fixture
def two_clients(connection):
    """Two clients, two campaigns each."""
    connection.execute("INSERT INTO clients (client_id, name) VALUES (1, 'Aurore'), (2, 'Stride')")
    connection.execute(
        """
        INSERT INTO campaigns (campaign_id, client_id, name, start_date) VALUES
            ('a1', 1, 'Aurore spring', DATE '2026-03-01'),
            ('a2', 1, 'Aurore autumn', DATE '2026-09-01'),
            ('s1', 2, 'Stride run', DATE '2026-04-01'),
            ('s2', 2, 'Stride trail', DATE '2026-10-01')
        """
    )
    return connection


def test_a_token_carries_256_random_bits_and_only_its_hash_is_stored(two_clients):
    link, token = create_share_link(two_clients, "Aurore", now=NOW)
    # token_urlsafe(32): 32 bytes of randomness in 43 base64url characters.
    assert len(token) == math.ceil(32 * 8 / 6) == 43
    assert links.TOKEN_BYTES * 8 >= 128
    row = two_clients.execute("SELECT * FROM share_links").fetchone()
    assert token not in json.dumps(row, default=str)
    stored = two_clients.execute("SELECT token_hash FROM share_links").fetchone()[0]
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    _, other = create_share_link(two_clients, "Aurore", now=NOW)
    assert other != token


def test_no_campaign_means_every_campaign_the_client_has(two_clients):
    link, token = create_share_link(two_clients, "Aurore", now=NOW)
    assert link.campaign_ids == ("a1", "a2")
    scope = resolve_token(two_clients, token, now=NOW)
    assert scope is not None
    assert (scope.client_id, scope.client_name, scope.campaign_ids) == (1, "Aurore", ("a1", "a2"))
    assert scope.sections == links.SHAREABLE_SECTIONS


def test_a_link_is_scoped_to_the_campaigns_chosen(two_clients):
    link, token = create_share_link(
        two_clients, 2, ["s2"], sections=["recall", "overview"], hide_costs=True, now=NOW
    )
    scope = resolve_token(two_clients, token, now=NOW)
    assert scope.campaign_ids == ("s2",)
    assert scope.sections == ("overview", "recall")  # navigation order, not the order given
    assert scope.hide_costs is True


@pytest.mark.parametrize(
    ("client", "campaigns", "options", "message"),
    [
        ("Nobody", [], {}, "No client 'Nobody'. Known clients: Aurore, Stride"),
        ("Aurore", ["s1"], {}, "Campaign s1 does not belong to Aurore"),
        ("Aurore", [], {"sections": ["upload"]}, "Sections must be some of"),
        ("Aurore", [], {"sections": []}, "Sections must be some of"),
        ("Aurore", [], {"expires_in_days": 0}, "positive number of days"),
    ],
)
def test_a_link_that_would_leak_or_make_no_sense_is_refused(
    two_clients, client, campaigns, options, message
):
    with pytest.raises(ShareLinkError, match=message):
        create_share_link(two_clients, client, campaigns, now=NOW, **options)
    assert two_clients.execute("SELECT count(*) FROM share_links").fetchone()[0] == 0


def test_forged_revoked_and_expired_tokens_resolve_to_nothing(two_clients):
    link, token = create_share_link(two_clients, "Aurore", expires_in_days=2, now=NOW)
    assert resolve_token(two_clients, token, now=NOW) is not None
    assert resolve_token(two_clients, token[:-1] + ("A" if token[-1] != "A" else "B"), NOW) is None
    assert resolve_token(two_clients, "", now=NOW) is None
    assert resolve_token(two_clients, "x" * 500, now=NOW) is None
    # Expired: two days later to the second.
    assert resolve_token(two_clients, token, now=NOW + dt.timedelta(days=2)) is None
    assert resolve_token(two_clients, token, now=NOW + dt.timedelta(days=1, hours=23)) is not None
    revoked = revoke_share_link(two_clients, link.link_id, now=NOW + dt.timedelta(hours=1))
    assert revoked.status(NOW + dt.timedelta(hours=2)) == "revoked"
    assert resolve_token(two_clients, token, now=NOW + dt.timedelta(hours=2)) is None
    # Revoking again keeps the first revocation time.
    again = revoke_share_link(two_clients, link.link_id, now=NOW + dt.timedelta(hours=5))
    assert again.revoked_at == NOW + dt.timedelta(hours=1)
    with pytest.raises(ShareLinkError, match="No share link with id 99"):
        revoke_share_link(two_clients, 99)


def test_the_token_comparison_is_constant_time(two_clients, monkeypatch):
    _, token = create_share_link(two_clients, "Aurore", now=NOW)
    calls = []
    real = links.hmac.compare_digest
    monkeypatch.setattr(
        links.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b)
    )
    assert resolve_token(two_clients, token, now=NOW) is not None
    assert calls == [(links.token_hash(token), links.token_hash(token))]


def test_last_opened_is_stamped_at_most_every_ten_minutes(two_clients):
    link, _ = create_share_link(two_clients, "Aurore", now=NOW)
    assert record_opened(two_clients, link.link_id, now=NOW) is True
    assert record_opened(two_clients, link.link_id, now=NOW + dt.timedelta(minutes=9)) is False
    assert record_opened(two_clients, link.link_id, now=NOW + dt.timedelta(minutes=10)) is True
    assert list_share_links(two_clients)[0].last_opened_at == NOW + dt.timedelta(minutes=10)


def test_a_link_without_expiry_never_expires(two_clients):
    link, token = create_share_link(two_clients, "Aurore", expires_in_days=None, now=NOW)
    assert link.expires_at is None
    assert resolve_token(two_clients, token, now=NOW + dt.timedelta(days=3650)) is not None


def sillage(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args[:2], "--db", str(db), *args[2:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SILLAGE_PUBLIC_URL": "https://dash.example"},
    )


def test_share_commands_create_list_and_revoke(two_clients, db_path):
    two_clients.close()
    created = sillage("share", "create", "--client", "Stride", "--campaign", "s1", db=db_path)
    assert created.returncode == 0, created.stderr
    url = created.stdout.strip()
    assert url.startswith("https://dash.example/?share=")
    token = url.split("=", 1)[1]
    assert "link 1 for Stride (s1); expires" in created.stderr

    listed = sillage("share", "list", db=db_path)
    assert listed.returncode == 0
    (entry,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert entry["id"] == 1 and entry["client"] == "Stride" and entry["campaigns"] == ["s1"]
    assert entry["status"] == "active"
    assert token not in listed.stdout

    revoked = sillage("share", "revoke", "1", db=db_path)
    assert revoked.returncode == 0
    assert json.loads(revoked.stdout)["status"] == "revoked"
    with connect(db_path) as connection:
        assert resolve_token(connection, token) is None

    refused = sillage("share", "create", "--client", "Stride", "--campaign", "a1", db=db_path)
    assert refused.returncode == 1
    assert "Campaign a1 does not belong to Stride" in refused.stderr
    assert sillage("share", "revoke", "7", db=db_path).returncode == 1


def test_serve_beyond_localhost_refuses_to_start_without_a_password_hash(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--address", "0.0.0.0", "--headless"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 2
    assert "no password hash is set" in result.stderr
    assert "sillage password" in result.stderr
