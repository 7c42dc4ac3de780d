"""Admin sign-in limits: per address and across addresses, shared by every session (issue 16)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.password import hash_password
from access.throttle import Limits, SignInThrottle, client_address

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "a long admin password"
GUESS = "hunter2-guess-9f3a"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def throttle(**limits) -> tuple[SignInThrottle, Clock]:
    clock = Clock()
    return SignInThrottle(Limits(**limits), clock=clock), clock


# --- The rules, with an injected clock ----------------------------------------------------------


def test_the_wait_doubles_after_each_failure_up_to_the_cap():
    rules, clock = throttle(base_delay=1, max_delay=8, lockout_after=100)
    waits = [rules.failed("203.0.113.5")[1] for _ in range(6)]
    assert waits == [1, 2, 4, 8, 8, 8]
    verdict = rules.check("203.0.113.5")
    assert not verdict.allowed and verdict.reason == "delay" and verdict.wait == 8
    clock.now += 7.9
    assert not rules.check("203.0.113.5").allowed
    clock.now += 0.2
    assert rules.check("203.0.113.5").allowed


def test_lockout_after_n_failures_within_the_window_lasts_the_window():
    rules, clock = throttle(base_delay=0, lockout_after=3, window=600)
    for _ in range(2):
        rules.failed("a")
        clock.now += 10
        assert rules.check("a").allowed
    assert rules.failed("a") == (3, 600)
    verdict = rules.check("a")
    assert (verdict.allowed, verdict.reason, verdict.wait) == (False, "locked", 600)
    clock.now += 599
    assert rules.check("a").reason == "locked"
    clock.now += 2
    assert rules.check("a").allowed


def test_failures_older_than_the_window_no_longer_count():
    rules, clock = throttle(base_delay=0, lockout_after=3, window=600)
    rules.failed("a")
    rules.failed("a")
    clock.now += 601
    assert rules.failed("a")[0] == 1  # the first two have aged out
    assert rules.check("a").allowed


def test_a_success_clears_its_address():
    rules, clock = throttle(base_delay=1, lockout_after=5)
    for _ in range(4):
        rules.failed("a")
    rules.succeeded("a")
    assert rules.check("a").allowed
    assert rules.failed("a") == (1, 1)  # counting starts again


def test_addresses_are_independent():
    rules, clock = throttle(base_delay=1, lockout_after=2)
    rules.failed("a")
    rules.failed("a")
    assert rules.check("a").reason == "locked"
    assert rules.check("b").allowed
    assert rules.failed("b") == (1, 1)


def test_a_global_limit_stops_guesses_spread_over_many_addresses():
    rules, clock = throttle(base_delay=0, lockout_after=10, window=300, global_limit=5)
    for index in range(5):
        rules.failed(f"198.51.100.{index}")
        clock.now += 1
    verdict = rules.check("192.0.2.77")  # a fresh address is refused too
    assert (verdict.allowed, verdict.reason) == (False, "global")
    assert verdict.wait == pytest.approx(300 - 5)  # until the oldest failure ages out
    clock.now += verdict.wait + 0.01
    assert rules.check("192.0.2.77").allowed
    assert rules.total_failures() == 4


def test_the_forwarded_address_counts_only_when_trusted():
    headers = {"X-Forwarded-For": "10.9.9.9, 203.0.113.7"}  # client-written, then the proxy's
    assert client_address("127.0.0.1", headers, "0") == "127.0.0.1"
    assert client_address("127.0.0.1", headers, "1") == "203.0.113.7"
    assert client_address("127.0.0.1", headers, "true") == "203.0.113.7"
    assert client_address("127.0.0.1", headers, "2") == "10.9.9.9"
    assert client_address("127.0.0.1", {}, "1") == "127.0.0.1"
    assert client_address(None, None, "0") == "unknown"


# --- The app: a new session per guess gains nothing ---------------------------------------------


@pytest.fixture
def guarded(demo: Path, monkeypatch: pytest.MonkeyPatch):
    """The demo behind the password, with a fresh process-wide throttle before and after."""
    from ui import access

    monkeypatch.setenv("SILLAGE_REQUIRE_PASSWORD", "1")
    monkeypatch.setenv("SILLAGE_ADMIN_PASSWORD_HASH", hash_password(PASSWORD))
    monkeypatch.setattr(access, "_HOLD_AFTER_FAILURE_S", 0.0)  # no waiting in tests
    access.sign_in_throttle.clear()
    yield access
    access.sign_in_throttle.clear()


def attempt(password: str) -> AppTest:
    """A brand-new session (as a new browser tab or a script would open) trying ``password``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.text_input[0].input(password)
    at.button[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(at: AppTest) -> bool:
    return not at.text_input and bool(at.metric)


def test_a_fresh_session_from_the_same_address_is_still_throttled(guarded, monkeypatch, caplog):
    monkeypatch.setenv("SILLAGE_SIGNIN_DELAY_SECONDS", "30")
    guarded.sign_in_throttle.clear()
    caplog.set_level(logging.INFO, logger="sillage.signin")
    first = attempt(GUESS)
    assert [e.value for e in first.error][0] == "Wrong password."
    assert "Try again in 30 s" in first.error[1].value
    # Even the right password, from a new session at once, is refused without being checked.
    second = attempt(PASSWORD)
    assert [e.value for e in second.error] == ["Too many sign-in attempts. Try again in 30 s."]
    assert not signed_in(second)
    failures = [r for r in caplog.records if r.name == "sillage.signin"]
    assert len(failures) == 2 and all(r.levelno == logging.WARNING for r in failures)
    assert "Failed admin sign-in from" in failures[0].getMessage()
    assert "refused unchecked" in failures[1].getMessage()
    for record in caplog.records:
        assert GUESS not in record.getMessage() and PASSWORD not in record.getMessage()
        assert GUESS not in repr(record.args) and PASSWORD not in repr(record.args)


def test_lockout_holds_across_sessions_and_a_success_before_it_clears(guarded, monkeypatch):
    monkeypatch.setenv("SILLAGE_SIGNIN_DELAY_SECONDS", "0")
    monkeypatch.setenv("SILLAGE_SIGNIN_LOCKOUT_FAILURES", "3")
    guarded.sign_in_throttle.clear()
    assert attempt(GUESS).error[0].value == "Wrong password."
    assert signed_in(attempt(PASSWORD))  # a success clears the address's failures
    for _ in range(2):
        assert attempt(GUESS).error[0].value == "Wrong password."
    third = attempt(GUESS)
    assert third.error[0].value == "Wrong password."
    assert "Try again in 15 min" in third.error[1].value
    locked = attempt(PASSWORD)
    assert [e.value for e in locked.error] == ["Too many sign-in attempts. Try again in 15 min."]
    assert not signed_in(locked)
