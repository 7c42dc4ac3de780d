"""Slowing and then stopping admin-password guesses, per client address and across all of them.

One Streamlit process serves every session, so the state lives in one ``SignInThrottle`` per
process (``ui.access`` keeps it in ``st.cache_resource``): opening a new session per guess gains
nothing. After each failure from an address, its next attempt waits ``base × 2^(n-1)`` seconds
(capped); after ``lockout_after`` failures within the window the address is refused until the
window has passed since its last failure. Failures from every address together are capped as
well (``global_limit`` within the window), so that guesses spread over many addresses stop too.
An attempt made too early is refused without checking the password. A success clears its
address. The clock is injected so the rules can be tested without waiting.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import settings


@dataclass(frozen=True)
class Limits:
    base_delay: float = 1.0  # seconds before the next attempt after the first failure
    max_delay: float = 60.0
    lockout_after: int = 10  # failures from one address within the window
    window: float = 900.0  # seconds; also how long a lockout lasts after the last failure
    global_limit: int = 100  # failures from all addresses together within the window

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            base_delay=settings.get_float("signin_delay_seconds"),
            max_delay=settings.get_float("signin_max_delay_seconds"),
            lockout_after=settings.get_int("signin_lockout_failures"),
            window=settings.get_float("signin_window_minutes") * 60,
            global_limit=settings.get_int("signin_global_failures"),
        )


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may be checked now; if not, for how long it must wait and why."""

    allowed: bool
    wait: float = 0.0  # seconds until an attempt is allowed again
    reason: str = ""  # "delay", "locked" or "global" when refused


@dataclass
class _Address:
    failures: deque = field(default_factory=deque)  # times of failures within the window
    next_allowed: float = 0.0
    locked: bool = False


class SignInThrottle:
    """Failures per address and in total, guarded by one lock; every method is thread-safe."""

    def __init__(self, limits: Limits | None = None, clock: Callable[[], float] = time.monotonic):
        self.limits = limits or Limits()
        self._clock = clock
        self._lock = threading.Lock()
        self._addresses: dict[str, _Address] = {}
        self._all_failures: deque[float] = deque()

    def _forget_old(self, now: float) -> None:
        horizon = now - self.limits.window
        while self._all_failures and self._all_failures[0] <= horizon:
            self._all_failures.popleft()
        for address in list(self._addresses):
            entry = self._addresses[address]
            while entry.failures and entry.failures[0] <= horizon:
                entry.failures.popleft()
            if not entry.failures and entry.next_allowed <= now:
                del self._addresses[address]

    def delay_after(self, failures: int) -> float:
        """Seconds the next attempt waits after ``failures`` failures in a row."""
        if failures <= 0:
            return 0.0
        limits = self.limits
        return min(limits.base_delay * 2.0 ** min(failures - 1, 60), limits.max_delay)

    def check(self, address: str) -> Verdict:
        """May an attempt from ``address`` be checked now?"""
        with self._lock:
            now = self._clock()
            self._forget_old(now)
            limits = self.limits
            if limits.global_limit > 0 and len(self._all_failures) >= limits.global_limit:
                oldest = self._all_failures[len(self._all_failures) - limits.global_limit]
                return Verdict(False, oldest + limits.window - now, "global")
            entry = self._addresses.get(address)
            if entry is None:
                return Verdict(True)
            if entry.next_allowed > now:
                reason = "locked" if entry.locked else "delay"
                return Verdict(False, entry.next_allowed - now, reason)
            return Verdict(True)

    def failed(self, address: str) -> tuple[int, float]:
        """Record a failure; return the address's failures within the window and the wait."""
        with self._lock:
            now = self._clock()
            self._forget_old(now)
            entry = self._addresses.setdefault(address, _Address())
            entry.failures.append(now)
            self._all_failures.append(now)
            count = len(entry.failures)
            entry.locked = count >= self.limits.lockout_after
            wait = self.limits.window if entry.locked else self.delay_after(count)
            entry.next_allowed = now + wait
            return count, wait

    def succeeded(self, address: str) -> None:
        """A right password clears its address (the global count keeps its failures)."""
        with self._lock:
            self._addresses.pop(address, None)

    def total_failures(self) -> int:
        with self._lock:
            self._forget_old(self._clock())
            return len(self._all_failures)


def _trusted_hops(value: str) -> int:
    value = value.strip().lower()
    if value in {"", "0", "false", "no", "off"}:
        return 0
    if value in {"true", "yes", "on"}:
        return 1
    try:
        return max(int(value), 0)
    except ValueError:
        return 0


def client_address(
    remote: str | None, headers: Mapping[str, str] | None, trust_forwarded: str = "0"
) -> str:
    """The address a sign-in attempt is counted against.

    The connection's remote address, unless ``trust_forwarded`` (``SILLAGE_TRUST_FORWARDED_FOR``)
    names how many reverse proxies stand in front: then the entry of ``X-Forwarded-For`` that the
    outermost trusted proxy wrote, counting from the right (entries further left are written by
    the client itself and prove nothing). Without either, every attempt shares one key.
    """
    hops = _trusted_hops(trust_forwarded)
    if hops and isinstance(headers, Mapping):
        forwarded = headers.get("X-Forwarded-For") or headers.get("x-forwarded-for") or ""
        forwarded = forwarded if isinstance(forwarded, str) else ""
        entries = [part.strip() for part in forwarded.split(",") if part.strip()]
        if entries:
            return entries[-hops] if len(entries) >= hops else entries[0]
    return remote if isinstance(remote, str) and remote else "unknown"
