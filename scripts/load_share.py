"""Load test of a share link: concurrent clients opening it, time to the Overview's first chart.

Starts one dashboard on loopback with the demo data (or uses a running one with ``--url``),
creates one share link, then runs ``--viewers`` concurrent viewers for ``--duration`` seconds.
Each viewer has its own browser context (its own cookies, cache and Streamlit session per page)
and opens the link again and again, in a new page each time. Per open it measures the time from
navigation start to the first Plotly chart of the Overview drawn and visible (``performance.now()``
in the page, whose origin is the navigation start), then waits for the script run to end and
counts as an error: an exception, a "no longer valid" page, a Streamlit error box or traceback, or
a timeout. Chromium is Debian's ``/usr/bin/chromium``; several contexts share one browser process.

Usage::

    python scripts/load_share.py [--viewers 30] [--duration 60] [--browsers 3]
    python scripts/load_share.py --url 'http://127.0.0.1:8501/?share=TOKEN'
    python scripts/load_share.py --url http://127.0.0.1:8501 --db sillage.duckdb

Prints a Markdown table (median, p95, max, count, errors) and writes the same figures as JSON to
``bench_out/load_share.json``, with the exact command line, the machine, and the CPU used by the
server process (when this script started it) and by the whole machine during the run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from store.store import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench_out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
TARGET_P95_S = 2.0
CLIENT = "Maison Aurore"

# What the page shows, checked every POLL_MS: the first drawn chart, or why there will be none.
PROBE = """() => {
  const heading = document.querySelector('h1');
  if (heading && heading.textContent.includes('no longer valid')) {
    return {kind: 'no longer valid', t: performance.now()};
  }
  const failed = document.querySelector(
    '[data-testid="stException"], [data-testid="stAlertContentError"]');
  if (failed) return {kind: 'error box', t: performance.now(), text: failed.textContent.slice(0, 200)};
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
    const box = chart.getBoundingClientRect();
    if (chart.querySelector('.main-svg') && box.width > 0 && box.height > 0) {
      return {kind: 'chart', t: performance.now()};
    }
  }
  return null;
}"""
DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
FAILURES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
POLL_MS = 20


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"no dashboard answered at {url} within {timeout:.0f} s")


@contextlib.contextmanager
def own_server(folder: Path) -> Iterator[tuple[str, Store, subprocess.Popen]]:
    """The demo data in ``folder`` and ``streamlit run app.py`` on it, on loopback, no password."""
    from cli import streamlit_command
    from sample_data.loader import load_demo
    from store.store import Store

    store = Store.open(folder / "sillage.duckdb")
    refused = [r for r in load_demo(store) if not r.loaded]
    if refused:
        raise SystemExit(f"the demo data did not load: {refused}")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SILLAGE_REQUIRE_PASSWORD"}
    env.update(SILLAGE_DB=store.location, SILLAGE_PUBLIC_URL=f"http://127.0.0.1:{port}")
    command = streamlit_command(port, "127.0.0.1")  # as `sillage serve` runs it
    log_path = folder / "streamlit.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url, store, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def create_link(store: Store, base_url: str, hide_costs: bool) -> str:
    """A new link for the demo's first client, created while the server may be running."""
    import duckdb

    from access.links import create_share_link

    deadline = time.monotonic() + 30
    while True:
        try:
            with store.connect() as connection:
                _, token = create_share_link(
                    connection, CLIENT, label="load test", hide_costs=hide_costs
                )
            return f"{base_url.rstrip('/')}/?share={token}"
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# --- CPU accounting ---------------------------------------------------------------------------


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    tick = os.sysconf("SC_CLK_TCK")
    return (total - idle) / tick, total / tick


# --- The viewers ----------------------------------------------------------------------------


@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)  # navigation start → first chart
    run_seconds: list[float] = field(default_factory=list)  # navigation start → run finished
    errors: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def error(self, kind: str, detail: str = "") -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, detail[:300])


async def open_once(context, url: str, timeout_ms: float, tally: Tally) -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    page = await context.new_page()
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_ms)
        found = await page.wait_for_function(PROBE, polling=POLL_MS, timeout=timeout_ms)
        seen = await found.json_value()
        if seen["kind"] != "chart":
            tally.error(seen["kind"], seen.get("text", ""))
            return
        await page.wait_for_function(DONE, polling=POLL_MS, timeout=timeout_ms)
        finished = await page.evaluate("() => performance.now()")
        failure = page.locator(FAILURES)
        if await failure.count():
            tally.error("error box", await failure.first.text_content() or "")
            return
        tally.seconds.append(seen["t"] / 1000)
        tally.run_seconds.append(finished / 1000)
    except PlaywrightTimeout as error:
        tally.error("timeout", str(error).splitlines()[0])
    except Exception as error:  # noqa: BLE001 - every failure of a viewer is counted
        tally.error(f"exception {type(error).__name__}", str(error).splitlines()[0])
    finally:
        with contextlib.suppress(Exception):
            await page.close()


async def open_over_protocol(base: str, query: str, timeout_s: float, tally: Tally) -> None:
    """One page load without a browser: the HTML page, then a new session over the websocket.

    Times the server alone: from the request of the page to the Plotly chart's delta received.
    """
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    began = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            await asyncio.to_thread(_get, f"{base}/?{query}")
            ws_url = base.replace("http", "ws", 1) + "/_stcore/stream"
            async with websockets.connect(
                ws_url, subprotocols=["streamlit"], origin=base, max_size=None
            ) as socket_:
                message = BackMsg()
                message.rerun_script.query_string = query
                message.rerun_script.page_script_hash = ""
                await socket_.send(message.SerializeToString())
                chart_at = None
                failure = None
                async for raw in socket_:
                    forward = ForwardMsg()
                    forward.ParseFromString(raw)
                    if forward.HasField("delta") and forward.delta.HasField("new_element"):
                        element = forward.delta.new_element
                        kind = element.WhichOneof("type")
                        if kind == "plotly_chart" and chart_at is None:
                            chart_at = time.perf_counter() - began
                        elif kind == "exception" or (kind == "alert" and element.alert.format == 1):
                            failure = failure or ("error box", str(element)[:200])
                        elif kind == "heading" and "no longer valid" in element.heading.body:
                            failure = failure or ("no longer valid", element.heading.body)
                    if forward.HasField("script_finished"):
                        break
        if failure:
            tally.error(*failure)
        elif chart_at is None:
            tally.error("no chart", "the run finished without a Plotly chart")
        else:
            tally.seconds.append(chart_at)
            tally.run_seconds.append(time.perf_counter() - began)
    except TimeoutError:
        tally.error("timeout", f"no finished run within {timeout_s:.0f} s")
    except Exception as error:  # noqa: BLE001 - every failure of a viewer is counted
        tally.error(f"exception {type(error).__name__}", str(error).splitlines()[0])


def _get(url: str) -> None:
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()


async def protocol_viewer(
    url: str, start_at: float, deadline: float, timeout_s: float, think_s: float, tally: Tally
) -> int:
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    opens = 0
    while time.monotonic() < deadline:
        await open_over_protocol(base, parts.query, timeout_s, tally)
        opens += 1
        await asyncio.sleep(random.uniform(0.5, 1.5) * think_s)
    return opens


async def viewer(
    browser,
    url: str,
    start_at: float,
    deadline: float,
    timeout_ms: float,
    fresh: bool,
    think_s: float,
    tally: Tally,
) -> int:
    """Open the link again and again until ``deadline``; returns how many opens it started."""
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    opens = 0
    context = None
    try:
        while time.monotonic() < deadline:
            if context is None or fresh:
                if context is not None:
                    await context.close()
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
            await open_once(context, url, timeout_ms, tally)
            opens += 1
            await asyncio.sleep(random.uniform(0.5, 1.5) * think_s)
    finally:
        if context is not None:
            with contextlib.suppress(Exception):
                await context.close()
    return opens


async def run_load(args: argparse.Namespace, url: str) -> tuple[Tally, Tally, dict]:
    if args.client == "protocol":
        return await run_protocol_load(args, url)
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browsers = [
            await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            for _ in range(args.browsers)
        ]
        try:
            warm = Tally()  # one open alone first: imports, cached reads, static files
            context = await browsers[0].new_context(viewport={"width": 1280, "height": 900})
            await open_once(context, url, args.timeout * 1000, warm)
            await context.close()

            tally = Tally()
            meter = CpuMeter(args.server_pid)
            deadline = meter.began + args.duration
            opens = await asyncio.gather(
                *(
                    viewer(
                        browsers[i % len(browsers)],
                        url,
                        meter.began + args.ramp * i / max(1, args.viewers),
                        deadline,
                        args.timeout * 1000,
                        args.fresh_context,
                        args.think,
                        tally,
                    )
                    for i in range(args.viewers)
                )
            )
            cpu = meter.report(sum(opens))
        finally:
            for browser in browsers:
                await browser.close()
    return warm, tally, cpu


class CpuMeter:
    """CPU used by the server process (when known) and by the whole machine between two points."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.server = process_cpu_seconds(server_pid) if server_pid else None
        self.busy, self.total = machine_busy_seconds()
        self.began = time.monotonic()

    def report(self, opens: int) -> dict:
        elapsed = time.monotonic() - self.began
        busy, total = machine_busy_seconds()
        cpu = {
            "elapsed_s": round(elapsed, 1),
            "opens_started": opens,
            "machine_busy_percent": round(
                100 * (busy - self.busy) / max(1e-9, total - self.total), 1
            ),
        }
        if self.server is not None:
            used = process_cpu_seconds(self.server_pid) - self.server
            cpu["server_cpu_s"] = round(used, 1)
            cpu["server_cores_used"] = round(used / elapsed, 2)
            cpu["server_cpu_ms_per_open"] = round(1000 * used / max(1, opens))
        return cpu


async def run_protocol_load(args: argparse.Namespace, url: str) -> tuple[Tally, Tally, dict]:
    warm = Tally()
    parts = urlsplit(url)
    await open_over_protocol(f"{parts.scheme}://{parts.netloc}", parts.query, args.timeout, warm)
    tally = Tally()
    meter = CpuMeter(args.server_pid)
    deadline = meter.began + args.duration
    opens = await asyncio.gather(
        *(
            protocol_viewer(
                url,
                meter.began + args.ramp * i / max(1, args.viewers),
                deadline,
                args.timeout,
                args.think,
                tally,
            )
            for i in range(args.viewers)
        )
    )
    return warm, tally, meter.report(sum(opens))


# --- Report ---------------------------------------------------------------------------------


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def figures(values: list[float]) -> dict:
    return {
        "count": len(values),
        "median_s": round(statistics.median(values), 3) if values else None,
        "p95_s": round(p95(values), 3) if values else None,
        "max_s": round(max(values), 3) if values else None,
    }


def cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def markdown(result: dict) -> str:
    chart, run = result["first_chart"], result["run_finished"]
    errors = result["errors"]
    if result["client"] == "protocol":
        first = "page request → chart delta received"
        finished = "page request → script run finished"
    else:
        first = "navigation start → first chart visible"
        finished = "navigation start → script run finished"
    lines = [
        f"Share link load test: {result['viewers']} viewers for {result['duration_s']:.0f} s "
        f"({result['think_s']:g} s between a viewer's opens), "
        + (
            "over Streamlit's websocket protocol (no browser: server time only)."
            if result["client"] == "protocol"
            else f"{result['browsers']} Chromium processes, "
            f"{'a new' if result['fresh_context'] else 'one'} browser context per "
            f"{'open' if result['fresh_context'] else 'viewer'}."
        ),
        "",
        "| measure | count | median (s) | p95 (s) | max (s) | errors |",
        "|---|---:|---:|---:|---:|---:|",
        f"| {first} | {chart['count']} | {cell(chart['median_s'])} "
        f"| {cell(chart['p95_s'])} | {cell(chart['max_s'])} | {sum(errors.values())} |",
        f"| {finished} | {run['count']} | {cell(run['median_s'])} "
        f"| {cell(run['p95_s'])} | {cell(run['max_s'])} | |",
        "",
        f"Target: p95 under {TARGET_P95_S:.0f} s and no error — "
        f"{'met' if result['target_met'] else 'NOT met'}.",
    ]
    if errors:
        lines.append("Errors: " + ", ".join(f"{kind} × {n}" for kind, n in errors.items()))
    cpu = result["cpu"]
    lines.append(
        f"CPU during the run: machine {cpu['machine_busy_percent']}% busy "
        f"({result['machine']['cpus']} CPUs)"
        + (
            f"; server process {cpu['server_cores_used']} cores ({cpu['server_cpu_s']} s, "
            f"{cpu['server_cpu_ms_per_open']} ms per open)"
            if "server_cores_used" in cpu
            else ""
        )
        + f"; warm-up open {cell(result['warm_up_s'])} s."
    )
    lines += ["", f"Command: `{result['command']}`"]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=30, help="concurrent viewers (30)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--browsers", type=int, default=3, help="Chromium processes (3)")
    parser.add_argument("--ramp", type=float, default=5, help="seconds to start every viewer")
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        help="mean seconds a viewer waits between opens, drawn from 0.5× to 1.5× (0)",
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds before an open fails")
    parser.add_argument(
        "--url",
        help="a running dashboard: a share link (…/?share=TOKEN), or its base address with --db",
    )
    parser.add_argument("--db", type=Path, help="with a base --url: the database to add a link to")
    parser.add_argument("--hide-costs", action="store_true", help="the link hides costs")
    parser.add_argument(
        "--fresh-context",
        action="store_true",
        help="a new browser context (empty cache, new cookies) for every open",
    )
    parser.add_argument(
        "--client",
        choices=("browser", "protocol"),
        default="browser",
        help="browser: Chromium pages (default); protocol: Streamlit's websocket protocol "
        "without a browser, timing the server alone (first chart = its delta received)",
    )
    parser.add_argument("--out", type=Path, default=OUT / "load_share.json")
    args = parser.parse_args(argv)
    if args.url and "share=" not in args.url and not args.db:
        parser.error("--url without a share token needs --db to create a link")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    with contextlib.ExitStack() as stack:
        args.server_pid = None
        if args.url:
            base = f"{urlsplit(args.url).scheme}://{urlsplit(args.url).netloc}"
            wait_until_up(base, None)
            if "share=" in args.url:
                url = args.url
            else:
                url = create_link(args.db, base, args.hide_costs)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sillage-load-")))
            print("Loading the demo data and starting the dashboard…", file=sys.stderr)
            base, store, process = stack.enter_context(own_server(folder))
            args.server_pid = process.pid
            url = create_link(store, base, args.hide_costs)
        token = parse_qs(urlsplit(url).query)["share"][0]
        print(
            f"Link {url.replace(token, token[:6] + '…')}: {args.viewers} viewers, "
            f"{args.duration:.0f} s…",
            file=sys.stderr,
        )
        warm, tally, cpu = asyncio.run(run_load(args, url))
    if warm.errors:
        print(f"warm-up open failed: {dict(warm.errors)} {warm.examples}", file=sys.stderr)
    chart = figures(tally.seconds)
    result = {
        "command": command,
        "url": url.replace(token, "<token>"),
        "viewers": args.viewers,
        "duration_s": args.duration,
        "client": args.client,
        "browsers": args.browsers,
        "fresh_context": args.fresh_context,
        "think_s": args.think,
        "hide_costs": args.hide_costs,
        "warm_up_s": round(warm.seconds[0], 3) if warm.seconds else None,
        "first_chart": chart,
        "run_finished": figures(tally.run_seconds),
        "errors": dict(tally.errors),
        "error_examples": tally.examples,
        "target_p95_s": TARGET_P95_S,
        "target_met": bool(chart["count"]) and chart["p95_s"] < TARGET_P95_S and not tally.errors,
        "cpu": cpu,
        "machine": {
            "cpus": os.cpu_count(),
            "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(markdown(result))
    print()
    print("```json")
    print(json.dumps(result, indent=1, ensure_ascii=False))
    print("```")
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
