"""Mermaid's own parser, in a real browser, accepts every Mermaid export: the bundled
journeys and the hostile one. Mermaid comes from npm (tests/e2e/package.json, installed
with ``npm ci --prefix tests/e2e``); Chromium and the skip rule are tests/e2e's: system
Chromium (``/usr/bin/chromium`` or ``$PLE_CHROMIUM``), skipped when missing unless
``PLE_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ple.model import Workspace
from tests.e2e.browser import chromium_path, launch_args
from tests.e2e.conftest import unavailable
from tests.export.helpers import export_text

MERMAID = (
    Path(__file__).resolve().parents[1]
    / "e2e"
    / "node_modules"
    / "mermaid"
    / "dist"
    / ("mermaid.min.js")
)

pytestmark = pytest.mark.browser

PARSE = """async (text) => {
    try {
        await mermaid.parse(text);
        return null;
    } catch (error) {
        return String(error && error.message || error);
    }
}"""


class MermaidPage:
    """A blank page with Mermaid loaded from node_modules, in a Playwright of its own.

    tests/e2e keeps one Playwright (sync API) running for the whole session, and a
    second one cannot start on the same thread while it runs; so this one lives on a
    thread of its own, and every call to the page is run there.
    """

    def __init__(self, executable: str) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mermaid")
        self.requests: list[str] = []
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        try:
            self._thread.submit(self._start, executable).result()
        except BaseException:
            self.close()
            raise

    def _start(self, executable: str) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=executable, args=list(dict.fromkeys([*launch_args(), "--no-sandbox"]))
        )
        page = self._browser.new_page()

        def route(handle) -> None:  # nothing may be fetched: Mermaid is all there
            self.requests.append(handle.request.url)
            handle.abort()

        page.route("**/*", route)
        page.goto("about:blank")
        page.add_script_tag(path=str(MERMAID))  # inlined: no request
        page.evaluate("() => mermaid.initialize({startOnLoad: false})")
        self._page = page

    def evaluate(self, script: str, argument: Any = None) -> Any:
        return self._thread.submit(self._page.evaluate, script, argument).result()

    def close(self) -> None:
        def stop() -> None:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()

        try:
            self._thread.submit(stop).result()
        finally:
            self._thread.shutdown()


@pytest.fixture(scope="module")
def mermaid_page() -> Iterator[MermaidPage]:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        unavailable("no Chromium at /usr/bin/chromium or $PLE_CHROMIUM (apt-get install chromium)")
    if not MERMAID.exists():
        unavailable(f"mermaid missing at {MERMAID} (run: npm ci --prefix tests/e2e)")
    page = MermaidPage(executable)
    yield page
    page.close()
    assert page.requests == [], "the page asked for something"


def parse_error(page, text: str) -> str | None:
    return page.evaluate(PARSE, text)


def test_mermaid_is_loaded(mermaid_page) -> None:
    assert mermaid_page.evaluate("() => typeof mermaid.parse") == "function"
    assert parse_error(mermaid_page, "flowchart LR\n  a --> b\n") is None
    # The check can fail: a bare ``end`` node id is a known parse error (tech notes 6.3).
    assert parse_error(mermaid_page, "flowchart LR\n  start --> end\n") is not None


def test_every_bundled_journey_parses(mermaid_page, bundled_ws: Workspace) -> None:
    errors = {
        journey_id: parse_error(mermaid_page, export_text(bundled_ws, journey_id, "mermaid"))
        for journey_id in bundled_ws.journeys
    }
    assert len(errors) == 9  # six life experiences and three proposed future states
    assert {j: e for j, e in errors.items() if e} == {}


def test_the_small_journeys_parse(mermaid_page, small_ws: Workspace) -> None:
    for journey_id in small_ws.journeys:
        assert parse_error(mermaid_page, export_text(small_ws, journey_id, "mermaid")) is None


def test_the_hostile_journey_parses(mermaid_page, hostile_ws: Workspace) -> None:
    assert parse_error(mermaid_page, export_text(hostile_ws, "hostile", "mermaid")) is None


RENDER = """async (text) => {
    const {svg} = await mermaid.render("hostile", text);
    const holder = document.createElement("div");
    holder.innerHTML = svg;
    document.body.appendChild(holder);
    const texts = (selector) => [...holder.querySelectorAll(selector)].map(e => e.textContent);
    return {scripts: holder.querySelectorAll("script, iframe, img").length,
            nodes: texts(".node .nodeLabel"), lanes: texts(".cluster-label")};
}"""


def test_the_hostile_journey_renders_as_text(mermaid_page, hostile_ws: Workspace) -> None:
    """Drawn, the labels read exactly as written (line breaks as spaces): the entities
    decode to text, and nothing in them became an element."""
    drawn = mermaid_page.evaluate(RENDER, export_text(hostile_ws, "hostile", "mermaid"))
    journey = hostile_ws.journeys["hostile"]
    assert drawn["scripts"] == 0
    assert sorted(drawn["nodes"]) == sorted(" ".join(s.name.split()) for s in journey.steps)
    assert sorted(set(drawn["lanes"])) == sorted(
        " ".join(hostile_ws.agency_label(a).split()) for a in ("ssa", "cms")
    )
