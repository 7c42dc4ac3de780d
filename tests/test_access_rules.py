"""The admin password, cost hiding, and the scope check every read goes through."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from access.links import ShareScope
from access.password import (
    PasswordSetupError,
    check_setup,
    configured_hash,
    hash_password,
    is_loopback,
    password_required,
    verify_password,
)
from access.redact import redact_costs
from metrics.filters import Filters
from metrics.kpis import KpiValue
from ui.scope import OutOfScope, check_read

SCOPE = ShareScope(
    link_id=1,
    client_id=1,
    client_name="Aurore",
    campaign_ids=("a1", "a2"),
    sections=("overview",),
    hide_costs=True,
    expires_at=dt.datetime(2027, 1, 1),
    last_opened_at=None,
)


# --- password ---------------------------------------------------------------------------------


def test_a_password_is_stored_as_an_argon2_hash_and_verified():
    digest = hash_password("correct horse battery")
    assert digest.startswith("$argon2id$")
    assert "correct horse" not in digest
    assert verify_password(digest, "correct horse battery")
    assert not verify_password(digest, "correct horse batterY")
    assert not verify_password("not a hash", "correct horse battery")
    with pytest.raises(ValueError, match="at least 10 characters"):
        hash_password("short")


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("", False),
        (None, False),
        ("192.168.1.20", False),
        ("dashboard.agency.example", False),
    ],
)
def test_only_loopback_addresses_count_as_local(address, loopback):
    assert is_loopback(address) is loopback
    assert password_required(address, environ={}) is (not loopback)


def test_the_password_can_be_required_on_localhost_too():
    assert password_required("localhost", environ={"SILLAGE_REQUIRE_PASSWORD": "1"})
    assert not password_required("localhost", environ={"SILLAGE_REQUIRE_PASSWORD": "0"})


def test_the_hash_comes_from_the_environment_then_the_secrets():
    assert configured_hash({"SILLAGE_ADMIN_PASSWORD_HASH": " $argon2id$x "}, {}) == "$argon2id$x"
    assert configured_hash({}, {"admin_password_hash": "$argon2id$y"}) == "$argon2id$y"
    assert configured_hash({}, {}) is None


def test_a_missing_or_plain_text_hash_is_a_clear_start_up_error():
    with pytest.raises(PasswordSetupError, match="no password hash is set.*sillage password"):
        check_setup(None)
    with pytest.raises(PasswordSetupError, match="does not hold an argon2 hash"):
        check_setup("hunter2hunter2")
    check_setup(hash_password("a long enough password"))


# --- cost hiding ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Lift:
    question: str
    absolute_lift: float
    spend: float | None
    cost_per_lifted_user: float | None


@dataclasses.dataclass(frozen=True)
class Grade:
    key: str
    value: float


def test_costs_are_removed_wherever_they_sit():
    frame = pd.DataFrame(
        {
            "metric": ["reach", "cpm", "cost", "views"],
            "value": [1000.0, 12.5, 80.0, 5000.0],
            "budget": [1, 1, 1, 1],
        }
    )
    value = {
        "kpis": [KpiValue("reach", 1000, "people", "measured"), KpiValue("cpc", 0.4, "EUR", "x")],
        "lift": Lift("consideration", 0.05, 1200.0, 3.1),
        "grades": (Grade("reach", 1.0), Grade("cost_per_lifted_user", 2.0)),
        "frame": frame,
        "budget": 5000,
        "nested": {"CPM": 9.0, "views": 12},
    }
    redacted = redact_costs(value)
    assert set(redacted) == {"kpis", "lift", "grades", "frame", "nested"}
    assert [k.metric for k in redacted["kpis"]] == ["reach"]
    assert redacted["lift"] == Lift("consideration", 0.05, None, None)
    assert redacted["grades"] == (Grade("reach", 1.0),)
    assert redacted["frame"].to_dict("list") == {
        "metric": ["reach", "views"],
        "value": [1000.0, 5000.0],
    }
    assert redacted["nested"] == {"views": 12}
    assert redact_costs(KpiValue("cpm", 3.0, "EUR", "measured")) is None
    # The input itself is left as it was.
    assert value["lift"].spend == 1200.0 and list(frame.columns) == ["metric", "value", "budget"]


# --- scope ------------------------------------------------------------------------------------


def by_filters(connection, filters: Filters):
    return filters


def by_campaign(connection, campaign_id: str, confidence: float = 0.9):
    return campaign_id


def by_campaigns(connection, campaign_ids: tuple[str, ...] | None = None):
    return campaign_ids


def everything(connection):
    return "all clients"


@pytest.mark.parametrize(
    ("function", "args", "allowed"),
    [
        (by_filters, (Filters(client_id=1, campaign_ids=("a1",)),), True),
        (by_filters, (Filters(client_id=1, campaign_ids=("a1", "a2")),), True),
        (by_filters, (Filters(client_id=1, campaign_ids=("a1", "s1")),), False),
        (by_filters, (Filters(client_id=2, campaign_ids=("a1",)),), False),
        (by_filters, (Filters(client_id=1),), False),  # "every campaign" is not a scope
        (by_filters, (Filters(),), False),
        (by_campaign, ("a2",), True),
        (by_campaign, ("s1",), False),
        (by_campaigns, (("a1",),), True),
        (by_campaigns, (("a1", "s2"),), False),
        (by_campaigns, ((),), False),
        (by_campaigns, (None,), False),
        (everything, (), False),  # a read that names no campaign fails closed
    ],
)
def test_a_read_under_a_link_must_name_campaigns_of_the_link(function, args, allowed):
    if allowed:
        check_read(SCOPE, function, args, {})
    else:
        with pytest.raises(OutOfScope):
            check_read(SCOPE, function, args, {})


def test_keyword_arguments_are_checked_too():
    check_read(SCOPE, by_campaign, (), {"campaign_id": "a1"})
    with pytest.raises(OutOfScope):
        check_read(SCOPE, by_campaign, (), {"campaign_id": "s2"})
