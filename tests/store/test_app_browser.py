"""``ple app --backend neo4j`` as people run it: the real command starts Streamlit on the
workspace synced to the test Neo4j, and Chromium opens every page. Each renders without
an exception box, the sidebar names the database, the Handoffs page lists what the
server answers, and no request leaves the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ple.query import open_backend
from ple.store import sync
from tests.conftest import ROOT
from tests.store.falkordb_server import free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


@pytest.fixture
def neo4j_app(neo4j, neo4j_env, small_workspace, tmp_path):
    """``python -m ple app --backend neo4j`` on a free port; its URL."""
    from tests.e2e.browser import _wait_healthy

    sync(small_workspace, neo4j)
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = {**os.environ, "STREAMLIT_SERVER_HEADLESS": "true",
           "PLE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PLE_WORKSPACE", None)
    with log.open("wb") as out:
        app = subprocess.Popen([sys.executable, "-m", "ple", "app", "--backend", "neo4j",
                                "--port", str(port)], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                               start_new_session=True)
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


@pytest.fixture
def tab():
    """A Chromium tab that refuses (and records) every request off this machine."""
    from tests.e2e.browser import chromium_path, is_local, launch_args
    from tests.e2e.conftest import unavailable

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
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", route)
            yield page
        finally:
            chromium.close()
    assert external == [], external


def test_every_page_of_ple_app_on_neo4j_renders_in_chromium(neo4j_app, tab, small_workspace,
                                                            tmp_path: Path):
    from tests.e2e.browser import EXCEPTION, open_page, screenshot, table_size
    from tests.e2e.test_app_browser import PAGES

    for name, (path, title) in PAGES.items():
        open_page(tab, neo4j_app + path)
        assert tab.locator("h1").first.inner_text() == title, name
        assert tab.locator(EXCEPTION).count() == 0, (name, tab.locator(EXCEPTION).all_inner_texts())
        assert tab.locator("[data-testid='stAlertContentError']").count() == 0, name
        sidebar = tab.locator("[data-testid='stSidebar']").inner_text()
        assert "Neo4j at bolt://127.0.0.1:" in sidebar, name
        screenshot(tab, tmp_path / f"{name}.png")
        if name == "handoffs":
            assert table_size(tab) == len(open_backend(small_workspace).handoffs())
