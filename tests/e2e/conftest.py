"""Fixtures for the browser tests: Chromium, Streamlit servers, and a watched page.

Without Chromium (or Playwright, or axe-core for the accessibility tests) these
tests are skipped, unless ``PLE_REQUIRE_BROWSER=1`` (set by .ci/run), which turns
the skip into a failure so CI cannot pass by testing nothing.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e.browser import AXE, chromium_path, is_local, launch_args, streamlit_app

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"

KNOWN_EXTERNAL: tuple[str, ...] = ()
"""Requests off the machine that are tolerated: none. (A ``:material/...:`` page icon once
made Streamlit fetch the favicon from a font CDN; the app uses an emoji icon instead.)"""


def unavailable(reason: str) -> None:
    if os.environ.get("PLE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (PLE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """System Chromium driven by Playwright, shared by every test."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        unavailable("no Chromium at /usr/bin/chromium or $PLE_CHROMIUM (apt-get install chromium)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, args=launch_args())
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser bundle, from ``npm ci`` in tests/e2e."""
    if not AXE.exists():
        unavailable(f"axe-core missing at {AXE} (run: npm ci --prefix tests/e2e)")
    return AXE.read_text(encoding="utf-8")


def write_workspace(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def start_app(browser, tmp_path_factory) -> Iterator[Callable[[Path], str]]:
    """Start ``streamlit run app.py`` on a workspace; every server stops at the end.

    Depends on ``browser`` so that nothing is started when the tests will skip.
    """
    with ExitStack() as stack:

        def start(workspace: Path) -> str:
            scratch = tmp_path_factory.mktemp("server")
            return stack.enter_context(
                streamlit_app(workspace, scratch / "cache", scratch / "streamlit.log")
            )

        yield start


@pytest.fixture(scope="session")
def small_app(start_app) -> str:
    """The app on tests/fixtures/small (two journeys), for every read-only test."""
    return start_app(SMALL)


@pytest.fixture(scope="session")
def data_app(start_app) -> str:
    """The app on the bundled data/ (six journeys)."""
    return start_app(SMALL.parents[2] / "data")


BROKEN_CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
"""
BROKEN_GOOD = """
id: retire
name: Retire on time
steps:
  - id: apply
    name: Apply for benefits
    agency: ssa
    next:
      - to: enroll
  - id: enroll
    name: Enroll in Medicare
    agency: cms
    end: true
"""
BROKEN_BAD = BROKEN_GOOD.replace(
    "id: retire\nname: Retire on time", "id: broken\nname: Broken journey"
).replace("agency: cms", "agency: cmss")


@pytest.fixture(scope="session")
def invalid_workspace(tmp_path_factory) -> Path:
    """One valid journey and one whose step names an unknown agency."""
    return write_workspace(
        tmp_path_factory.mktemp("invalid"),
        {"catalog.yaml": BROKEN_CATALOG, "good.yaml": BROKEN_GOOD, "broken.yaml": BROKEN_BAD},
    )


@pytest.fixture(scope="session")
def invalid_app(start_app, invalid_workspace) -> str:
    return start_app(invalid_workspace)


@dataclass
class Seen:
    """What a page did besides drawing: requests we blocked, dialogs, script errors."""

    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def unexpected_external(self) -> list[str]:
        return [u for u in self.external if not u.startswith(KNOWN_EXTERNAL)]


@pytest.fixture
def seen() -> Seen:
    return Seen()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome on the test, for the ``page`` fixture to see."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"outcome_{report.when}", report)


@pytest.fixture
def page(browser, seen: Seen, request, tmp_path):
    """A fresh 1400 px wide tab that blocks (and records) every non-local request,
    dismisses (and records) dialogs, and records uncaught script errors; the test
    fails if anything unexpected left the machine or a script crashed. A failed test
    leaves ``failure.png`` (the whole page) in its temporary folder."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def route(handle) -> None:
        url = handle.request.url
        if is_local(url):
            handle.continue_()
        else:
            seen.external.append(url)
            handle.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("request", lambda request: seen.requests.append(request.url))
    tab.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: seen.errors.append(str(error)))
    tab.set_default_timeout(20_000)
    yield tab
    failed = getattr(request.node, "outcome_call", None)
    if failed is not None and failed.failed:  # what the page showed when the test failed
        with suppress(Exception):  # a crashed page has nothing to show
            tab.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
    context.close()
    assert seen.unexpected_external == [], "requests left the machine"
    assert seen.errors == [], "uncaught script errors in the page"
