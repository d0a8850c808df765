"""The Edit page in a real browser (Chromium via Playwright).

AppTest (tests/app/test_edit.py) sends grid edits the way the browser encodes them;
this test shows the tables and makes the edit the way a person does, with the keyboard in
the grid, then presses Save and reads the file. The page is also checked with axe-core.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
import yaml

from tests.e2e.browser import EXCEPTION, open_page, poll, screenshot, settle
from tests.e2e.conftest import SMALL
from tests.e2e.grid import cell, write_cell
from tests.e2e.test_accessibility import check

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def edit_app(start_app, tmp_path_factory) -> tuple[str, Path]:
    """The app on a writable copy of tests/fixtures/small."""
    workspace = tmp_path_factory.mktemp("edit") / "ws"
    shutil.copytree(SMALL, workspace)
    return start_app(workspace), workspace


def show_tables(page):
    """Switch on "Show the tables" and wait until the steps grid is drawn and the page has
    stopped running (a grid that is still being created drops what is typed into it)."""
    page.get_by_text("Show the tables", exact=True).click()
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("canvas").first.wait_for()
    settle(page)
    return grid


def test_a_cell_edited_in_the_steps_table_is_saved(page, edit_app, tmp_path):
    url, workspace = edit_app
    file = workspace / "journeys" / "retirement.yaml"
    before = file.read_text(encoding="utf-8")
    open_page(page, url + "/edit")
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # until asked for
    steps = show_tables(page)
    write_cell(page, steps, column=3, row=0, text="Check the estimate online")
    settle(page)
    # The map is drawn from what the page holds: once it shows the new name, the edit has
    # reached the server (Save pressed before that would save the journey unchanged).
    poll(
        lambda: " ".join(page.locator(".ple-canvas-host").first.inner_text().split()),
        lambda shown: "Check the estimate online" in shown,
    )
    poll(lambda: page.get_by_text("No problems: ready to save.").count(), lambda n: n == 1)
    screenshot(page, tmp_path / "edit-typed.png")
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    after = poll(
        lambda: file.read_text(encoding="utf-8"), lambda text: "Check the estimate online" in text
    )
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-    name: Check benefit estimate", "+    name: Check the estimate online"]
    page.get_by_text("Saved journeys/retirement.yaml.", exact=False).wait_for()
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, tmp_path / "edit-saved.png")


def test_the_edit_page_has_no_serious_accessibility_violation(
    page, small_app, axe_source, tmp_path
):
    open_page(page, small_app + "/edit")
    page.get_by_text("No problems: ready to save.").wait_for()
    check(page, axe_source, "edit", tmp_path)


def test_a_touchpoint_added_in_the_catalog_is_saved(page, edit_app, tmp_path):
    """Catalog mode, Touchpoints tab: a new row typed with the keyboard (its kind and
    agency picked from their lists) is saved into catalog.yaml."""
    url, workspace = edit_app
    file = workspace / "catalog.yaml"
    open_page(page, url + "/edit")
    page.get_by_text("Catalog", exact=True).first.click()
    settle(page)
    page.get_by_role("tab", name="Touchpoints").click()
    grid = page.locator("[role='tabpanel']:visible [data-testid='stDataFrame']").first
    grid.locator("canvas").first.wait_for()
    settle(page)
    assert cell(grid, 2, 0).count() == 0  # the catalog has no touchpoint yet
    grid.hover()  # the grid's toolbar shows under the pointer
    grid.get_by_role("button", name="Add row").click()
    cell(grid, 2, 0).wait_for(state="attached")
    write_cell(page, grid, column=2, row=0, text="ssa-1")
    write_cell(page, grid, column=3, row=0, text="Application for Retirement Insurance Benefits")
    write_cell(page, grid, column=4, row=0, text="form", listed=True)
    write_cell(page, grid, column=6, row=0, text="ssa", listed=True)
    settle(page)
    poll(lambda: page.get_by_text("ready to save.").count(), lambda n: n == 1)
    screenshot(page, tmp_path / "catalog-touchpoint.png")
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    saved = poll(
        lambda: yaml.safe_load(file.read_text(encoding="utf-8")),
        lambda catalog: "touchpoints" in catalog,
    )
    assert saved["touchpoints"] == [
        {
            "id": "ssa-1",
            "name": "Application for Retirement Insurance Benefits",
            "kind": "form",
            "agency": "ssa",
        }
    ]
    assert page.locator(EXCEPTION).count() == 0
