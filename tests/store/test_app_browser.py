"""``ple app --backend neo4j`` as people run it: the real command starts Streamlit on the
workspace synced to the test Neo4j, and Chromium opens every page. Each renders without
an exception box, the sidebar names the database, the Handoffs page lists what the
server answers, and no request leaves the machine."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from ple.query import open_backend
from ple.store import sync
from tests.conftest import ROOT
from tests.store.falkordb_server import free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

T = TypeVar("T")


@pytest.fixture
def neo4j_app(neo4j, neo4j_env, small_workspace, tmp_path):
    """``python -m ple app --backend neo4j`` on a free port; its URL."""
    from tests.e2e.browser import _wait_healthy

    sync(small_workspace, neo4j)
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = {
        **os.environ,
        "STREAMLIT_SERVER_HEADLESS": "true",
        "PLE_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("PLE_WORKSPACE", None)
    with log.open("wb") as out:
        app = subprocess.Popen(
            [sys.executable, "-m", "ple", "app", "--backend", "neo4j", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(app, url, log)
        yield url
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(timeout=10)


def in_a_thread_of_its_own(work: Callable[[], T]) -> T:
    """Playwright's sync API refuses to start in a thread where another instance runs (the
    browser tests' session-wide Chromium, when the whole suite runs); a thread of its own
    has no event loop yet."""
    outcome: list[tuple[T | None, BaseException | None]] = []

    def run() -> None:
        try:
            outcome.append((work(), None))
        except BaseException as error:  # raised again in the test's thread below
            outcome.append((None, error))

    worker = threading.Thread(target=run, name="chromium")
    worker.start()
    worker.join(600)
    assert outcome, "the browser did not finish within 10 minutes"
    result, error = outcome[0]
    if error is not None:
        raise error
    return result  # type: ignore[return-value]


def visit_every_page(url: str, shots: Path, handoffs: int) -> list[str]:
    """Each page in Chromium, checked; the requests that tried to leave the machine."""
    from tests.e2e.browser import (
        EXCEPTION,
        chromium_path,
        is_local,
        launch_args,
        open_page,
        screenshot,
        table_size,
    )
    from tests.e2e.conftest import unavailable
    from tests.e2e.test_app_browser import PAGES

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        unavailable("no Chromium at /usr/bin/chromium or $PLE_CHROMIUM")
    external: list[str] = []

    def route(handle) -> None:
        if is_local(handle.request.url):
            handle.continue_()
        else:
            external.append(handle.request.url)
            handle.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=launch_args())
        try:
            tab = chromium.new_page(viewport={"width": 1400, "height": 1000})
            tab.route("**/*", route)
            for name, (path, title) in PAGES.items():
                open_page(tab, url + path)
                assert tab.locator("h1").first.inner_text() == title, name
                boxes = tab.locator(EXCEPTION)
                assert boxes.count() == 0, (name, boxes.all_inner_texts())
                assert tab.locator("[data-testid='stAlertContentError']").count() == 0, name
                sidebar = tab.locator("[data-testid='stSidebar']").inner_text()
                assert "Neo4j at bolt://127.0.0.1:" in sidebar, name
                screenshot(tab, shots / f"{name}.png")
                if name == "handoffs":
                    assert table_size(tab) == handoffs
        finally:
            chromium.close()
    return external


def test_every_page_of_ple_app_on_neo4j_renders_in_chromium(
    neo4j_app, small_workspace, tmp_path: Path
):
    handoffs = len(open_backend(small_workspace).handoffs(scope="current"))  # the default
    external = in_a_thread_of_its_own(lambda: visit_every_page(neo4j_app, tmp_path, handoffs))
    assert external == [], external
