"""The service blueprint in a real browser (Chromium via Playwright): the Journey page's
blueprint mode, the Edit page's blueprint panel saved to the file, and the drill-down from
a step to the journey that tells it in more detail, and back.

The workspace is tests/fixtures/blueprint: a retirement journey whose application step
has touchpoints and frontstage, backstage and support actions, and whose Medicare step is
told in more detail by a second journey.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.e2e.browser import EXCEPTION, choose, open_page, poll, screenshot, settle
from tests.e2e.canvas import node
from tests.e2e.conftest import SMALL
from tests.e2e.grid import cell, write_cell
from tests.e2e.test_accessibility import check

pytestmark = pytest.mark.browser

BLUEPRINT = SMALL.parent / "blueprint"
RETIREMENT = "Approaching retirement (blueprint test)"
DETAILED = "Enrolling in Medicare Part B"


@pytest.fixture(scope="module")
def blueprint_app(start_app, tmp_path_factory) -> tuple[str, Path]:
    """The app on a writable copy of tests/fixtures/blueprint."""
    workspace = tmp_path_factory.mktemp("blueprint") / "ws"
    shutil.copytree(BLUEPRINT, workspace)
    return start_app(workspace), workspace


def title(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def test_blueprint_mode_shows_the_backstage_under_the_line_of_visibility(
    page, blueprint_app, axe_source, tmp_path
):
    url, _ = blueprint_app
    open_page(page, url + "/journey?journey=retirement")
    assert page.locator("section.ple-blueprint").count() == 0  # the map comes first
    page.get_by_text("Service blueprint", exact=True).click()
    settle(page)
    blueprint = page.locator("section.ple-blueprint")
    blueprint.wait_for()
    backstage = blueprint.locator(".ple-bp-card[data-row='backstage']")
    assert backstage.count() == 1
    assert " ".join(backstage.inner_text().split()) == (
        "SSA: Earnings record and proof of age checked System: SSA claims system"
    )
    # The backstage card is drawn below the line of visibility, the frontstage one above.
    line = blueprint.get_by_text("Line of visibility").last.bounding_box()
    front = blueprint.locator(".ple-bp-card[data-row='frontstage']").bounding_box()
    back = backstage.bounding_box()
    assert front["y"] + front["height"] <= line["y"] + line["height"] / 2 <= back["y"]
    # Evidence in words, not only by the outline; the agency on every card.
    step = blueprint.locator(".ple-bp-card[data-step='apply-retirement'][data-row='customer']")
    assert "Evidence: observed" in step.inner_text()
    assert (
        blueprint.locator(".ple-bp-card[data-row='touchpoints']")
        .first.inner_text()
        .startswith("Form SSA-1 · SSA")
    )
    # A step chosen under the blueprint gets its details panel, its blueprint included.
    choose(page, "Step", "Apply for retirement benefits")
    panel = page.get_by_text("Backstage: SSA: Earnings record and proof of age checked")
    panel.wait_for()
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, tmp_path / "journey-blueprint.png")
    check(page, axe_source, "journey-blueprint", tmp_path)  # axe-core: nothing serious


def test_a_moment_that_matters_is_edited_with_its_reason_and_saved(page, blueprint_app, tmp_path):
    url, workspace = blueprint_app
    file = workspace / "journeys" / "retirement.yaml"
    open_page(page, url + "/edit")
    choose(page, "Journey", f"{RETIREMENT} (retirement)")
    node(page, "apply-retirement").click()
    settle(page)
    form = page.locator("[data-testid='stForm']").filter(
        has=page.get_by_text("Service blueprint and evidence")
    )
    form.wait_for()
    # A reason without the flag: refused, with its place in the error panel.
    reason = "Income stops with the last paycheck"
    form.get_by_label("Why it matters (a sentence)").fill(reason)
    form.get_by_role("button", name="Apply blueprint changes").click()
    settle(page)
    page.get_by_text("1 error(s) to fix before saving.").wait_for()
    page.get_by_text("Error · Steps, row 2 (apply-retirement), moment_reason").wait_for()
    page.get_by_text("a moment_reason belongs to a moment that matters").wait_for()
    screenshot(page, tmp_path / "edit-blueprint-error.png")
    form = page.locator("[data-testid='stForm']").filter(
        has=page.get_by_text("Service blueprint and evidence")
    )
    form.get_by_text("A moment that matters", exact=True).click()
    form.get_by_role("button", name="Apply blueprint changes").click()
    settle(page)
    poll(lambda: page.get_by_text("No problems: ready to save.").count(), lambda n: n == 1)
    screenshot(page, tmp_path / "edit-blueprint.png")
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    saved = poll(
        lambda: yaml.safe_load(file.read_text(encoding="utf-8")),
        lambda journey: journey["steps"][1].get("moment_that_matters") is True,
    )
    step = saved["steps"][1]
    assert step["id"] == "apply-retirement" and step["moment_reason"] == reason
    # The rest of the step, its blueprint rows among it, is as it was.
    assert step["backstage"] == [
        {"text": "Earnings record and proof of age checked", "system": "SSA claims system"}
    ]
    assert page.locator(EXCEPTION).count() == 0


def test_a_detail_link_opens_the_detailed_journey_and_leads_back(page, blueprint_app, tmp_path):
    url, _ = blueprint_app
    open_page(page, url + "/journey?journey=retirement&step=enroll-part-b")
    page.get_by_role("button", name=f"Open the detailed journey: {DETAILED}").click()
    settle(page)
    poll(lambda: title(page), lambda shown: shown == DETAILED)
    assert "journey=part-b-enrolment" in page.url
    page.get_by_text(
        f"This journey tells the step “Enroll in Medicare Part B” of “{RETIREMENT}” in more detail."
    ).wait_for()
    screenshot(page, tmp_path / "detail.png")
    page.get_by_role("button", name=f"Back to {RETIREMENT}").click()
    settle(page)
    poll(lambda: title(page), lambda shown: shown == RETIREMENT)
    assert "step=enroll-part-b" in page.url  # the step it came from is selected again
    page.get_by_role("button", name=f"Open the detailed journey: {DETAILED}").wait_for()
    assert page.locator(EXCEPTION).count() == 0


def test_a_backstage_action_is_added_in_the_wide_table_and_saved(page, blueprint_app, tmp_path):
    """The actions grid is in a dialog: add a row, pick its blueprint row from the list,
    type the text."""
    url, workspace = blueprint_app
    file = workspace / "journeys" / "retirement.yaml"
    open_page(page, url + "/edit")
    choose(page, "Journey", f"{RETIREMENT} (retirement)")
    node(page, "check-estimate").click()
    settle(page)
    page.get_by_role("button", name="Edit the actions behind this step…").click()
    dialog = page.get_by_role("dialog")
    grid = dialog.locator("[data-testid='stDataFrame']").first
    grid.locator("canvas").first.wait_for()
    settle(page)
    assert cell(grid, 1, 0).count() == 0  # the step has no actions yet
    grid.hover()  # the grid's toolbar shows under the pointer
    grid.get_by_role("button", name="Add row").click()
    cell(grid, 1, 0).wait_for(state="attached")
    write_cell(page, grid, column=1, row=0, text="backstage", listed=True)
    write_cell(page, grid, column=2, row=0, text="Estimate drawn from the earnings record")
    screenshot(page, tmp_path / "actions-dialog.png")
    dialog.get_by_role("button", name="Apply the actions").click()
    settle(page)
    dialog.wait_for(state="detached")
    page.get_by_text("backstage: Estimate drawn from the earnings record").wait_for()
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    saved = poll(
        lambda: yaml.safe_load(file.read_text(encoding="utf-8")),
        lambda journey: "backstage" in journey["steps"][0],
    )
    assert saved["steps"][0]["backstage"] == [{"text": "Estimate drawn from the earnings record"}]
    assert page.locator(EXCEPTION).count() == 0
