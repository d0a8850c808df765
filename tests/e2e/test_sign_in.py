"""Sign-in in a real browser, against an OpenID Connect provider started by the test.

The provider is oidc-provider-mock (Flask and Authlib's server parts) on a free port of
localhost, with two people: Vera, a viewer, and Eddie, whom the operator made an editor.
The app runs as an office would run it, ``ple app WORKSPACE --root ROOT --sign-in
--editor ... --secrets FILE``, and Chromium goes through the whole flow: the app's sign-in
button, the provider's page, the code exchange, the signed cookie. Then each of them edits
a journey and presses Save: Vera's save is refused with a message and changes no byte,
Eddie's is written and recorded under his name in the history.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e.browser import (
    canvas_ready,
    free_port,
    is_local,
    open_page,
    ple_app,
    poll,
    settle,
)
from tests.e2e.canvas import node
from tests.e2e.conftest import SMALL, unavailable

pytestmark = pytest.mark.browser

VIEWER = ("vera", {"email": "vera@cx.agency.gov", "email_verified": True, "name": "Vera Viewer"})
EDITOR = ("eddie", {"email": "eddie@cx.agency.gov", "email_verified": True, "name": "Eddie Editor"})
SECRETS = """
[auth]
redirect_uri = "{app}/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "ple-tests"
client_secret = "not-a-real-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
"""


@pytest.fixture(scope="module")
def provider(browser) -> Iterator[str]:
    """The OpenID Connect provider, in a thread of this process; its URL."""
    try:
        from oidc_provider_mock import User, run_server_in_thread
    except ImportError:
        unavailable("oidc-provider-mock is not installed (pip install -e '.[dev]')")
    people = [User(sub=sub, claims=claims) for sub, claims in (VIEWER, EDITOR)]
    with run_server_in_thread(user_claims=people) as server:
        yield f"http://localhost:{server.server_port}"


@dataclass
class Served:
    url: str
    provider: str
    workspace: Path

    @property
    def journey(self) -> Path:
        return self.workspace / "journeys" / "retirement.yaml"


@pytest.fixture(scope="module")
def served(provider, tmp_path_factory) -> Iterator[Served]:
    """The app in server mode with sign-in, on a copy of tests/fixtures/small."""
    import secrets

    base = tmp_path_factory.mktemp("sign-in")
    root = base / "served"
    workspace = root / "team"
    shutil.copytree(SMALL, workspace)
    port = free_port()
    app = f"http://localhost:{port}"
    secrets_file = base / "secrets.toml"
    secrets_file.write_text(
        SECRETS.format(app=app, provider=provider, cookie_secret=secrets.token_hex(32))
    )
    arguments = [
        str(workspace),
        "--root",
        str(root),
        "--sign-in",
        "--editor",
        EDITOR[1]["email"],
        "--secrets",
        str(secrets_file),
        "--address",
        "localhost",
    ]
    with ple_app(arguments, port, base / "cache", base / "streamlit.log") as url:
        yield Served(url, provider, workspace)


@dataclass
class Visit:
    """A browser of its own (its own cookies) and what its pages did."""

    page: object
    app_external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def visitor(browser, served: Served, scratch: Path) -> Iterator[Visit]:
    """A fresh browser context. Nothing may leave the machine: a request of the app's
    pages to another host fails the test. (The provider's own page asks a CDN for a
    stylesheet; that request is answered empty here, since the provider is the test's
    stand-in for the office's, not part of the app.) A failed test leaves
    ``failure.png`` in ``scratch``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    visit = Visit(context.new_page())

    def route(handle) -> None:
        request = handle.request
        if is_local(request.url):
            handle.continue_()
        elif request.frame.url.startswith(served.provider):
            handle.fulfill(status=200, content_type="text/css", body="")
        else:
            visit.app_external.append(request.url)
            handle.abort()

    context.route("**/*", route)
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visit.page.set_default_timeout(30_000)
    try:
        yield visit
    except BaseException:  # what the page showed when the test failed
        with suppress(Exception):
            visit.page.screenshot(path=str(scratch / "failure.png"), full_page=True)
        raise
    finally:
        context.close()
    assert visit.app_external == [], "the app's pages made requests off the machine"
    assert visit.errors == [], "uncaught script errors in the page"


def sign_in(page, served: Served, sub: str) -> None:
    """Through the app's sign-in button and the provider's page, back to the app."""
    open_page(page, served.url)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{served.provider}/**")
    page.get_by_role("button", name=sub, exact=True).click()  # the provider's user list
    page.wait_for_url(f"{served.url}/**")
    settle(page)


def rename_first_step(page, name: str) -> None:
    """On the Edit page, select the first step on the map, give it a new name in the panel
    beside it, and wait until the edit has reached the server."""
    canvas_ready(page)
    settle(page)
    node(page, "check-estimate").locator(".ple-step").click()
    field = page.get_by_role("textbox", name="Name", exact=True)
    field.fill(name)
    field.press("Enter")
    settle(page)
    poll(
        lambda: " ".join(page.locator(".ple-canvas-host").first.inner_text().split()),
        lambda shown: name in shown,
    )


def sidebar_text(page) -> str:
    return page.locator("[data-testid='stSidebar']").inner_text()


def test_a_visitor_who_has_not_signed_in_sees_nothing_but_the_sign_in(browser, served, tmp_path):
    with visitor(browser, served, tmp_path) as visit:
        page = visit.page
        open_page(page, f"{served.url}/edit")
        main = page.locator("[data-testid='stMain']").inner_text()
        assert "Sign in to see and edit" in main
        assert page.get_by_role("button", name="Sign in", exact=True).count() == 1
        assert page.locator("[data-testid='stSidebarNav']").count() == 0
        assert page.get_by_label("Workspace folder", exact=True).count() == 0
        assert "Retire" not in main  # no journey of the workspace


def test_a_viewers_save_is_refused_and_changes_nothing_then_they_sign_out(
    browser, served, tmp_path
):
    before = {p: p.read_bytes() for p in served.workspace.rglob("*") if p.is_file()}
    with visitor(browser, served, tmp_path) as visit:
        page = visit.page
        sign_in(page, served, VIEWER[0])
        poll(lambda: sidebar_text(page), lambda text: "Vera Viewer" in text)
        assert "viewer" in sidebar_text(page)
        open_page(page, f"{served.url}/edit")
        page.get_by_text("only editors can save", exact=False).first.wait_for()
        rename_first_step(page, "Vera was here")
        page.get_by_role("button", name="Save", exact=True).click()
        settle(page)
        # (the address is shown as code: text, never a mailto link)
        refusal = page.locator("[data-testid='stAlertContentError']").filter(
            has_text="Only editors can save; you are signed in as Vera Viewer"
        )
        refusal.wait_for()
        assert "vera@cx.agency.gov" in refusal.inner_text()

        # Signing out ends the session at the provider too, and comes back to the door.
        page.locator("[data-testid='stSidebar']").get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{served.provider}/**")
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{served.url}/**")
        page.get_by_text("Sign in to see and edit", exact=False).wait_for()
    after = {p: p.read_bytes() for p in served.workspace.rglob("*") if p.is_file()}
    assert after == before  # not the journey, not the history, not a draft


def test_an_editors_save_is_written_and_recorded_with_their_name(browser, served, tmp_path):
    with visitor(browser, served, tmp_path) as visit:
        page = visit.page
        sign_in(page, served, EDITOR[0])
        poll(lambda: sidebar_text(page), lambda text: "Eddie Editor" in text)
        assert "editor" in sidebar_text(page)
        open_page(page, f"{served.url}/edit")
        rename_first_step(page, "Check the estimate online")
        page.get_by_role("button", name="Save", exact=True).click()
        settle(page)
        page.get_by_text("Saved journeys/retirement.yaml.", exact=False).wait_for()
        assert "name: Check the estimate online" in served.journey.read_text()

        record = served.workspace / ".ple-history" / "journeys" / "retirement.yaml" / "saves.jsonl"
        assert '"by": "Eddie Editor", "email": "eddie@cx.agency.gov"' in record.read_text()

        page.get_by_text("History and drafts", exact=True).click()
        settle(page)
        page.get_by_text(
            "The current version was saved by Eddie Editor <eddie@cx.agency.gov>", exact=False
        ).wait_for()
