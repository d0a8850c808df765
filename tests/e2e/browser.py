"""Run the app in a real browser: start Streamlit, find Chromium, and read the pages.

Used by the fixtures in ``conftest.py`` and by ``screenshots.py``. Playwright
drives the system Chromium (``/usr/bin/chromium``, or ``$PLE_CHROMIUM``); it never
downloads a browser of its own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
"""Installed by ``npm ci`` in tests/e2e (see package.json; .ci/run does it)."""

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
"""The app has finished running its script (Streamlit's own e2e tests wait on this)."""
CANVAS = ".ple-canvas[data-fitted]"
"""The journey canvas once it has drawn and fitted its map (ple/diagram/canvas)."""
EXCEPTION = "[data-testid='stException']"

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}

T = TypeVar("T")


def chromium_path() -> str | None:
    """The Chromium to drive: ``$PLE_CHROMIUM``, else Debian's; None if it is missing."""
    candidate = os.environ.get("PLE_CHROMIUM") or "/usr/bin/chromium"
    return candidate if os.access(candidate, os.X_OK) else None


def launch_args() -> list[str]:
    """Chromium refuses to sandbox as root (CI containers); /dev/shm is small in Docker."""
    args = ["--disable-dev-shm-usage"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_app(
    workspace: Path | str, cache_dir: Path, log: Path, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """``streamlit run app.py`` on ``workspace``; yields its URL once it is healthy."""
    port = free_port()
    env = {
        **os.environ,
        "PLE_WORKSPACE": str(workspace),
        "PLE_CACHE_DIR": str(cache_dir),
        **(extra_env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with _serving(command, port, env, log) as url:
        yield url


@contextmanager
def ple_app(arguments: list[str], port: int, cache_dir: Path, log: Path) -> Iterator[str]:
    """``ple app ARGUMENTS --port PORT``, the way an operator starts a server (the port is
    chosen first, since the sign-in settings name it); yields its URL once it is healthy."""
    env = {
        **os.environ,
        "PLE_CACHE_DIR": str(cache_dir),
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    command = [sys.executable, "-m", "ple", "app", *arguments, "--port", str(port)]
    with _serving(command, port, env, log) as url:
        yield url


@contextmanager
def _serving(command: list[str], port: int, env: dict[str, str], log: Path) -> Iterator[str]:
    env.pop("PLE_NO_CACHE", None)
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(server, url, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_healthy(server: subprocess.Popen, url: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit not healthy after {timeout} s:\n{log.read_text()}")


def poll(read: Callable[[], T], until: Callable[[T], bool], timeout: float = 20) -> T:
    """Read until ``until(value)`` holds; pages rerun and iframes reload asynchronously.

    Errors while reading (a frame replaced mid-read) count as "not yet"; the last
    value (or error) is reported on timeout.
    """
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        try:
            last = read()
            if until(last):
                return last
        except Exception as error:  # the frame was detached or is not there yet
            last = error
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting; last value read: {last!r}")
        time.sleep(0.2)


def settle(page) -> None:
    """Wait until the script has run and nothing is left to draw."""
    page.wait_for_selector(IDLE, timeout=30_000)


def open_page(page, url: str) -> None:
    page.goto(url)
    settle(page)


def canvas_ready(page, index: int = 0):
    """The ``index``-th journey canvas of the page, once it has drawn its map."""
    canvas = page.locator(CANVAS).nth(index)
    canvas.wait_for(timeout=20_000)
    return canvas


def canvas_steps(page, index: int = 0) -> set[str]:
    """The steps a canvas shows in full (a filter fades the others)."""
    canvas = canvas_ready(page, index)
    return set(
        canvas.locator(".react-flow__node").evaluate_all(
            "nodes => nodes.filter(n => !n.querySelector('.ple-dimmed'))"
            ".map(n => n.getAttribute('data-id'))"
        )
    )


def canvas_revision(page, index: int = 0) -> str:
    return canvas_ready(page, index).get_attribute("data-revision") or ""


def wait_for_new_map(page, before: str, index: int = 0) -> str:
    """Wait until the canvas shows a map other than ``before`` (an edit went through)."""
    return poll(
        lambda: page.locator(CANVAS).nth(index).get_attribute("data-revision"),
        lambda revision: revision not in (None, before),
    )


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (a react-aria combobox)."""
    box = page.locator("[data-testid='stSelectbox']").filter(
        has=page.get_by_role("combobox", name=label, exact=True)
    )
    wanted = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(3):  # the list closes if the layout moves (an expander opening)
        box.get_by_role("button", name="Open").click()
        try:
            wanted.wait_for(timeout=2_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    wanted.click()
    page.wait_for_timeout(150)
    settle(page)


def table_rows(page, index: int = -1) -> list[list[str]]:
    """Cell texts of an ``st.dataframe``, from the accessible table behind its canvas.

    The grid renders rows lazily, so the table is scrolled into view first.
    """
    frame = page.locator("[data-testid='stDataFrame']").nth(index)
    frame.scroll_into_view_if_needed()
    return frame.locator("table").evaluate(
        "t => [...t.querySelectorAll('tbody tr')].map("
        "r => [...r.querySelectorAll('td')].map(c => c.innerText))"
    )


def table_size(page, index: int = -1) -> int:
    """How many data rows an ``st.dataframe`` has (``aria-rowcount`` counts the header)."""
    frame = page.locator("[data-testid='stDataFrame']").nth(index)
    return int(frame.locator("table").get_attribute("aria-rowcount")) - 1


def screenshot(page, path: Path) -> Path:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll(\"[data-testid='stMain'], "
        "[data-testid='stSidebarContent']\")].map(e => e.scrollHeight), 600)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(100)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


@contextmanager
def app_page(workspace: Path | str, scratch: Path, viewport: dict[str, int]) -> Iterator[Any]:
    """The app on ``workspace`` in system Chromium, every request off this machine
    refused: yields ``(page, url)``. For the scripts that retake the docs' pictures."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit("no Chromium at /usr/bin/chromium or $PLE_CHROMIUM")
    with (
        sync_playwright() as playwright,
        streamlit_app(workspace, scratch / "cache", scratch / "streamlit.log") as url,
    ):
        chromium = playwright.chromium.launch(executable_path=executable, args=launch_args())
        try:
            page = chromium.new_page(viewport=viewport)
            page.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
            yield page, url
        finally:
            chromium.close()
