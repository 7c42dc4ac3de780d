"""Plotly figures as PNG bytes, drawn by Kaleido in one warm, local Chromium.

Kaleido 1.x draws through a Chromium found on this machine; it is never allowed to download one
(no ``kaleido.get_chrome``), so exports work offline. One browser is started on the first image
and kept for the server's lifetime: starting Chromium costs seconds, an image a fraction of one.

Kaleido's own ``start_sync_server`` is not used: its callers share one result queue, so two
sessions exporting at once could each receive the other's image, and a browser that fails to
start leaves every later call waiting forever. Here each call gets its own future, with a timeout.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT_SECONDS = 60.0
IMAGE_TIMEOUT_SECONDS = 60.0
DEFAULT_WIDTH = 1000  # CSS pixels; the PDF page holds a chart about this wide
DEFAULT_SCALE = 2  # sharp on paper and on high-density screens


class ChartImageUnavailable(RuntimeError):
    """Chart images cannot be drawn here; the message says why and how to fix it."""


def find_chromium() -> Path:
    """Debian's Chromium (or ``BROWSER_PATH``, Kaleido's own override), found at run time.

    Raises:
        ChartImageUnavailable: no browser, with the command that installs one.
    """
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if Path(explicit).is_file() and os.access(explicit, os.X_OK):
            return Path(explicit)
        raise ChartImageUnavailable(
            f"Chart images need a Chromium browser, but BROWSER_PATH={explicit!r} is not an "
            "executable file. Point BROWSER_PATH at Chromium, or unset it to use "
            f"{DEBIAN_CHROMIUM}."
        )
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return Path(found)
    if DEBIAN_CHROMIUM.is_file() and os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    raise ChartImageUnavailable(
        "Chart images need Debian's Chromium, which is not installed on the server "
        f"(looked for 'chromium' on PATH and {DEBIAN_CHROMIUM}). Install it with "
        "'apt-get install chromium', or set BROWSER_PATH to a Chromium executable."
    )


class _WarmBrowser:
    """One Kaleido (one Chromium, one tab) on an event loop of its own thread."""

    def __init__(self, path: Path) -> None:
        # Imported here: kaleido pulls in choreographer, which pages that never export don't need.
        from kaleido import Kaleido

        self.path = path
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="sillage-chart-images", daemon=True
        )
        self._thread.start()
        # MathJax would come from a CDN; no chart uses LaTeX, and exports must work offline.
        self._kaleido = Kaleido(path=str(path), mathjax=False, timeout=IMAGE_TIMEOUT_SECONDS)
        try:
            self._run(self._kaleido.open(), START_TIMEOUT_SECONDS)
        except BaseException:
            self.close()
            raise

    def _run(self, coroutine: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def png(self, figure: go.Figure | dict, width: int, height: int, scale: float) -> bytes:
        opts = {"format": "png", "width": width, "height": height, "scale": scale}
        return self._run(self._kaleido.calc_fig(figure, opts=opts), IMAGE_TIMEOUT_SECONDS + 5)

    def close(self) -> None:
        try:
            if self._loop.is_running():
                self._run(self._kaleido.close(), 15)
        except Exception:  # noqa: BLE001 - closing a browser that already died
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)


_lock = threading.Lock()
_browser: _WarmBrowser | None = None


def _warm_browser() -> _WarmBrowser:
    global _browser
    with _lock:
        path = find_chromium()
        if _browser is not None and _browser.path != path:
            _browser.close()
            _browser = None
        if _browser is None:
            try:
                _browser = _WarmBrowser(path)
            except Exception as error:
                raise ChartImageUnavailable(
                    f"Chromium at {path} did not start, so chart images cannot be drawn "
                    f"({type(error).__name__}: {error}). Check that it runs: "
                    f"'{path} --headless --no-sandbox --dump-dom about:blank'."
                ) from error
        return _browser


def shutdown() -> None:
    """Close the warm browser (tests, server exit); the next image starts a new one."""
    global _browser
    with _lock:
        if _browser is not None:
            _browser.close()
            _browser = None


atexit.register(shutdown)


def figure_png(
    figure: go.Figure | dict,
    *,
    width: int = DEFAULT_WIDTH,
    height: int | None = None,
    scale: float = DEFAULT_SCALE,
) -> bytes:
    """The figure as PNG bytes, at its own layout height unless ``height`` is given.

    Raises:
        ChartImageUnavailable: no Chromium, or it could not start or draw.
    """
    if height is None:
        if isinstance(figure, go.Figure):
            height = figure.layout.height
        else:
            height = (figure.get("layout") or {}).get("height")
        height = int(height or 450)
    browser = _warm_browser()
    try:
        return browser.png(figure, width, height, scale)
    except Exception as error:
        # A browser that crashed or hung is replaced on the next call.
        shutdown()
        raise ChartImageUnavailable(
            f"Chromium at {browser.path} could not draw a chart image "
            f"({type(error).__name__}: {error})."
        ) from error
