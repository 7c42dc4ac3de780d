"""A real ``streamlit run app.py`` server on a free port, and Chromium driven by Playwright.

Chromium is Debian's (``/usr/bin/chromium``), never a Playwright download. Without it the browser
tests are skipped, except on CI (``CI=true``) where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli import streamlit_command

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Server:
    """A running dashboard: its address and the database file it serves."""

    url: str
    db_path: Path
    log_path: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {process.returncode}:\n{log_path.read_text()}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not answer within {START_TIMEOUT_SECONDS:.0f} s")


def _need_chromium() -> None:
    if CHROMIUM.is_file():
        return
    message = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; browser tests must run on CI", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Start the dashboard on an empty database in a temporary folder; stop it afterwards."""
    _need_chromium()
    folder = tmp_path_factory.mktemp("server")
    db_path = folder / "sillage.duckdb"
    log_path = folder / "streamlit.log"
    port = _free_port()
    env = dict(os.environ, SILLAGE_DB=str(db_path))
    with _running(port, env, log_path) as url:
        yield Server(url, db_path, log_path)


@contextlib.contextmanager
def _running(port: int, env: dict[str, str], log_path: Path) -> Iterator[str]:
    """``sillage serve``'s Streamlit on loopback at ``port``, its output in ``log_path``."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            streamlit_command(port, "127.0.0.1"),
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright's sync API."""
    _need_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@contextlib.contextmanager
def opened_tab(
    browser, width: int, height: int, timeout_ms: int = 60_000, **options
) -> Iterator[object]:
    """A page of a new browser context at ``width`` × ``height``, closed on leaving."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    opened = context.new_page()
    opened.set_default_timeout(timeout_ms)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def page(browser, server: Server) -> Iterator[object]:
    """A fresh page at a desktop size, closed after the test."""
    with opened_tab(browser, 1400, 1000, timeout_ms=30_000) as opened:
        yield opened


ADMIN_PASSWORD = "a long browser-test password"


@dataclass(frozen=True)
class DemoServer(Server):
    """A dashboard on the demo data that asks for the admin password (``password``)."""

    password: str = ADMIN_PASSWORD


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """The dashboard on the bundled demo data, on loopback but with the admin password required.

    ``SILLAGE_REQUIRE_PASSWORD=1`` makes it behave as a server reachable beyond localhost; the
    argon2 hash of ``ADMIN_PASSWORD`` comes from ``SILLAGE_ADMIN_PASSWORD_HASH``.
    """
    _need_chromium()
    from access.password import hash_password
    from sample_data.loader import load_demo

    folder = tmp_path_factory.mktemp("demo_server")
    db_path = folder / "sillage.duckdb"
    log_path = folder / "streamlit.log"
    refused = [result for result in load_demo(db_path) if not result.loaded]
    assert not refused, refused
    port = _free_port()
    env = dict(
        os.environ,
        SILLAGE_DB=str(db_path),
        SILLAGE_REQUIRE_PASSWORD="1",
        SILLAGE_ADMIN_PASSWORD_HASH=hash_password(ADMIN_PASSWORD),
        SILLAGE_PUBLIC_URL=f"http://127.0.0.1:{port}",
    )
    with _running(port, env, log_path) as url:
        yield DemoServer(url, db_path, log_path)
