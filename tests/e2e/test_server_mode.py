"""Server mode in a real browser: the app opens and writes inside its root only, and a
page on another domain that resolves to this machine (DNS rebinding) is turned away.

Before, the sidebar's "Workspace folder" box took any path on the server, a planted draft
with a ``../`` target was offered for saving, and Streamlit accepted any ``Host``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e.browser import (
    IDLE,
    chromium_path,
    launch_args,
    open_page,
    poll,
    settle,
    streamlit_app,
)

pytestmark = pytest.mark.browser

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"
PLANTED = (
    "#ple-draft: target ../../escaped.yaml\n#ple-draft: base new-file\n"
    "agencies:\n  - {id: evil, name: Planted}\n"
)


@pytest.fixture(scope="module")
def served(browser, tmp_path_factory):
    """The app in server mode: root ``served/``, workspace ``served/ws`` (with a planted
    draft), and a folder outside the root that must stay untouched."""
    base = tmp_path_factory.mktemp("server-mode")
    root = base / "served"
    workspace = root / "ws"
    shutil.copytree(SMALL, workspace)
    (workspace / ".ple-drafts").mkdir()
    (workspace / ".ple-drafts" / "planted.yaml").write_text(PLANTED)
    outside = base / "outside"
    shutil.copytree(SMALL, outside)
    with streamlit_app(
        workspace, base / "cache", base / "streamlit.log", {"PLE_ROOTS": str(root)}
    ) as url:
        yield url, root, outside


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_folder_outside_the_root_is_refused(browser, served):
    url, _, outside = served
    before = files_under(outside)
    page = browser.new_page()
    try:
        open_page(page, url)
        box = page.get_by_label("Workspace folder", exact=True)
        box.fill(str(outside))
        box.press("Enter")
        sidebar = page.locator("[data-testid='stSidebar']")
        poll(sidebar.inner_text, lambda text: "outside the folders this app serves" in text)
        # Still the workspace inside the root: its journeys, not the outside copy's.
        assert "Workspace folder" in sidebar.inner_text()
        assert files_under(outside) == before
    finally:
        page.close()


def test_a_planted_draft_with_a_target_outside_is_not_offered(browser, served):
    url, root, _ = served
    page = browser.new_page()
    try:
        open_page(page, f"{url}/edit")
        page.get_by_text("Catalog", exact=True).first.click()
        settle(page)
        assert page.get_by_role("button", name="Continue the drafts").count() == 0
        assert not (root.parent / "escaped.yaml").exists()
        assert not (root / "escaped.yaml").exists()
    finally:
        page.close()


def test_a_rebinding_host_is_turned_away_before_the_page_runs(browser, served):
    """Chromium resolves ``rebind.test`` to this machine, as a rebinding DNS server
    would; the browser then sends ``Host: rebind.test:PORT``."""
    url, root, _ = served
    port = url.rsplit(":", 1)[1]
    before = files_under(root)
    chromium = browser.browser_type.launch(
        executable_path=chromium_path(),
        args=[*launch_args(), "--host-resolver-rules=MAP rebind.test 127.0.0.1"],
    )
    try:
        page = chromium.new_page()
        page.goto(f"http://rebind.test:{port}/edit")
        page.wait_for_selector(IDLE, timeout=30_000)
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "does not answer to the address" in text
        assert page.get_by_label("Workspace folder", exact=True).count() == 0
        assert page.locator("[data-testid='stSidebarNav']").count() == 0
    finally:
        chromium.close()
    assert files_under(root) == before
