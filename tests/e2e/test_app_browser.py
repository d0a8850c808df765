"""The Streamlit app in a real browser (Chromium via Playwright).

AppTest (tests/app) runs the page scripts without a frontend; these tests check
what only a browser shows: every page renders without an exception box, the
journey canvas draws the journey's steps and follows the filters, buttons
work, broken workspaces are reported, hostile names stay text, and no request
leaves the machine. Screenshots of every page land in each test's tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ple.graph import build_graph
from ple.io import load_workspace
from ple.query import NetworkxBackend
from tests.e2e.browser import (
    EXCEPTION,
    canvas_ready,
    canvas_steps,
    choose,
    open_page,
    poll,
    screenshot,
    settle,
    table_rows,
    table_size,
)
from tests.e2e.conftest import SMALL, write_workspace

pytestmark = pytest.mark.browser

WORKSPACE = load_workspace(SMALL).usable
FIRST = WORKSPACE.journeys[sorted(WORKSPACE.journeys)[0]]
"""The journey the Journey page opens on (the first id in sorted order)."""

PAGES = {
    "portfolio": ("/", "Portfolio of life experiences"),
    "journey": ("/journey", FIRST.name),
    "handoffs": ("/handoffs", "Handoffs between agencies"),
    "gaps": ("/gaps", "Gaps"),
    "equity": ("/equity", "Equity"),
    "compare": ("/compare", "Compare current and future state"),
    "opportunities": ("/opportunities", "Opportunities"),
}
"""URL path (st.Page derives it from the page file's name) and the page's title."""


def assert_no_exception(page) -> None:
    boxes = page.locator(EXCEPTION)
    assert boxes.count() == 0, boxes.all_inner_texts()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_an_exception(page, small_app, name, tmp_path: Path):
    path, title = PAGES[name]
    open_page(page, small_app + path)
    assert page.locator("h1").first.inner_text() == title
    assert_no_exception(page)
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    links = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
    assert [text.split()[-1] for text in links] == [
        "Portfolio",
        "Journey",
        "Handoffs",
        "Gaps",
        "Equity",
        "Compare",
        "Opportunities",
        "Edit",
    ]
    screenshot(page, tmp_path / f"{name}.png")


def test_journey_canvas_draws_every_step_and_follows_the_filters(page, small_app, tmp_path: Path):
    open_page(page, small_app + "/journey")
    canvas = canvas_ready(page)
    assert canvas.bounding_box()["width"] > 300
    assert canvas_steps(page) == {s.id for s in FIRST.steps}
    assert table_size(page) == len(FIRST.steps)  # the text alternative lists them all
    screenshot(page, tmp_path / "journey-all.png")

    counts = {a: sum(s.agency == a for s in FIRST.steps) for a in {s.agency for s in FIRST.steps}}
    agency = max((a for a in counts if counts[a] < len(FIRST.steps)), key=counts.get)
    page.get_by_text("Filters", exact=True).click()
    choose(page, "Agency", WORKSPACE.agency_label(agency))
    wanted = {s.id for s in FIRST.steps if s.agency == agency}
    poll(lambda: canvas_steps(page), lambda ids: ids == wanted)
    poll(lambda: table_size(page), lambda n: n == len(wanted))
    assert_no_exception(page)
    screenshot(page, tmp_path / f"journey-{agency}.png")

    choose(page, "Agency", "All agencies")
    other = WORKSPACE.journeys[sorted(WORKSPACE.journeys)[1]]
    choose(page, "Journey", other.name)
    poll(lambda: canvas_steps(page), lambda ids: ids == {s.id for s in other.steps})
    assert page.locator("h1").first.inner_text() == other.name
    assert_no_exception(page)


def test_show_all_cold_handoffs(page, small_app, tmp_path: Path):
    cold = NetworkxBackend(build_graph(WORKSPACE)).handoffs(type="cold")
    assert cold, "the fixture needs a cold handoff"
    open_page(page, small_app + "/handoffs")
    page.get_by_role("button", name="Show all cold handoffs").click()
    settle(page)
    page.get_by_text(f"{len(cold)} matching handoff(s).").wait_for()
    assert page.get_by_role("combobox", name="Type").input_value() == "cold"
    poll(lambda: table_size(page, 0), lambda n: n == len(cold))
    rows = table_rows(page, 0)
    assert len(rows) == len(cold)
    assert all("cold" in row for row in rows)
    assert {(r[1], r[2]) for r in rows} == {(h.from_step, h.to_step) for h in cold}
    highlighted = (
        canvas_ready(page)
        .locator(".ple-route[data-highlight]")
        .evaluate_all("routes => routes.map(r => [r.dataset.from, r.dataset.to])")
    )
    assert {tuple(h) for h in highlighted} == {
        (h.from_step, h.to_step) for h in cold if h.journey == rows_journey(rows)
    }
    assert_no_exception(page)
    screenshot(page, tmp_path / "handoffs-cold.png")


def test_invalid_workspace_shows_the_errors_and_the_valid_journey(
    page, invalid_app, invalid_workspace: Path, tmp_path: Path
):
    result = load_workspace(invalid_workspace)
    [error] = result.errors
    open_page(page, invalid_app + "/")
    alert = page.locator("[data-testid='stAlertContentError']")
    assert "The workspace has 1 error(s)" in alert.inner_text()
    [row] = table_rows(page, 0)
    assert row[0].endswith("broken.yaml")
    assert row[1:4] == [str(error.line), str(error.column), error.field]
    assert row[4] == error.message and "unknown agency 'cmss'" in row[4]
    page.locator("[data-testid='stMain']").get_by_text("1 journeys, 2 steps").wait_for()
    assert_no_exception(page)
    screenshot(page, tmp_path / "portfolio.png")

    good = result.usable.journeys["retire"]
    for name, path in (("journey", "/journey"), ("handoffs", "/handoffs"), ("gaps", "/gaps")):
        open_page(page, invalid_app + path)
        assert_no_exception(page)
        assert "The workspace has 1 error(s)" in alert.inner_text()  # on every page
        if name == "journey":
            assert page.locator("h1").first.inner_text() == good.name
            assert canvas_steps(page) == {s.id for s in good.steps}
        screenshot(page, tmp_path / f"{name}.png")


STEP_XSS = "<img src=x onerror=alert(1)>"
AGENCY_XSS = "<script>alert(2)</script>"


def test_hostile_names_are_shown_as_text_and_never_run(page, seen, start_app, tmp_path: Path):
    workspace = write_workspace(
        tmp_path / "hostile",
        {
            "catalog.yaml": f"""
            agencies:
              - {{id: ssa, name: Social Security Administration, acronym: "{AGENCY_XSS}"}}
              - {{id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}}
            """,
            "hostile.yaml": f"""
            id: hostile
            name: Hostile names
            personas:
              - {{id: evil, name: "{STEP_XSS}", can_use: {{channels: [mail]}}}}
            steps:
              - id: first
                name: "{STEP_XSS}"
                agency: ssa
                next: [{{to: second, handoff: {{type: cold}}}}]
              - id: second
                name: Second
                agency: cms
                end: true
            """,
        },
    )
    app = start_app(workspace)
    for name, path in (
        ("portfolio", "/"),
        ("journey", "/journey"),
        ("handoffs", "/handoffs"),
        ("gaps", "/gaps"),
        ("equity", "/equity"),
    ):
        open_page(page, app + path)
        assert_no_exception(page)
        if name == "journey":
            rows = table_rows(page)
            first = next(r for r in rows if r[0] == "1")
            assert STEP_XSS in first and AGENCY_XSS in first
            step_cell = page.locator("[data-testid='stDataFrame'] td", has_text=STEP_XSS)
            assert step_cell.first.inner_text() == STEP_XSS
            legend = page.locator("[data-testid='stMarkdownContainer'] p").filter(
                has_text=AGENCY_XSS
            )
            assert legend.first.is_visible() and AGENCY_XSS in legend.first.inner_text()
            assert canvas_steps(page) == {"first", "second"}
            tooltip = hover_tooltip(page, "first")
            assert tooltip.startswith(STEP_XSS + "\n") and f"({AGENCY_XSS})" in tooltip
        if name == "equity":
            walks = table_rows(page, 0)
            assert any(row[0] == STEP_XSS for row in walks), walks
            choose(page, "Persona", STEP_XSS)
            # the last alert on the page is the persona's verdict
            poll(
                lambda: page.locator("[data-testid^='stAlertContent']").last.inner_text(),
                lambda text: f"\n{STEP_XSS}: unverified." in text,
            )
        if name == "handoffs":
            page.get_by_role("button", name="Show all cold handoffs").click()
            settle(page)
            poll(lambda: table_rows(page, 0), lambda rows: len(rows) == 1)
        page.wait_for_timeout(300)  # give a stray onerror/onload time to fire
        screenshot(page, tmp_path / f"{name}.png")
        assert seen.dialogs == [], f"a dialog opened on the {name} page"
        assert page.locator("img[src='x'], img[src$='/x']").count() == 0
    assert not [u for u in seen.requests if u.rstrip("/").endswith("/x")]


EDIT_PIN = "[Re-enter your PIV PIN](http://evil.example/pin)"
EDIT_TRICK = (
    f"{EDIT_PIN} ![x](http://evil.example/x.png) <img src=http://evil.example/y.png> "
    "http://evil.example/bare"
)


def test_a_hostile_error_on_the_edit_page_is_text_and_fetches_nothing(
    page, seen, start_app, tmp_path: Path
):
    """A colleague's file whose step has a field named with Markdown: the Edit page says it
    cannot show that field, quoting the name, as text (no link, no picture fetched), and
    the sidebar names a file called with Markdown the same way."""
    workspace = write_workspace(
        tmp_path / "hostile-edit",
        {
            "catalog.yaml": "agencies:\n  - {id: ssa, name: Social Security Administration}\n",
            "broken.yaml": f"""
            id: broken
            name: Broken journey
            steps:
              - id: only
                name: Only step
                agency: ssa
                end: true
                "{EDIT_TRICK}": a field no one knows
            """,
            "[Click here](javascript:alert(3)).yaml": "",
        },
    )
    open_page(page, start_app(workspace) + "/edit")
    alert = page.locator("[data-testid='stAlertContentError']").filter(
        has_text="tables cannot show"
    )
    poll(lambda: alert.count(), lambda n: n == 1)
    assert EDIT_TRICK in alert.inner_text()  # the key, shown as it is written
    warning = page.locator("[data-testid='stSidebar'] [data-testid='stAlertContentWarning']")
    assert "[Click here](javascript:alert(3)).yaml" in warning.first.inner_text()
    page.wait_for_timeout(500)  # give a picture time to be asked for
    screenshot(page, tmp_path / "edit.png")
    assert page.locator("[data-testid='stMain'] img, [data-testid='stSidebar'] img").count() == 0
    links = page.locator("a[href*='evil.example'], a[href^='javascript']")
    assert links.count() == 0, [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert seen.external == [] and seen.dialogs == []


def rows_journey(rows: list[list[str]]) -> str:
    """The journey of the first row of the handoffs table: the one drawn below it."""
    return rows[0][0]


def hover_tooltip(page, node: str) -> str:
    """Point at a step on the canvas and return its hover text, which must be text: the
    box holds no element made from the name."""
    box = canvas_ready(page).locator(f".react-flow__node[data-id='{node}'] .ple-step")
    box.hover()
    assert box.locator("img, script, svg, a").count() == 0, "markup inside the step's box"
    return box.get_attribute("title")


def test_no_request_leaves_the_machine(page, seen, small_app):
    open_page(page, small_app + "/")  # the other tests visit every page with the same check
    page.wait_for_timeout(300)
    assert seen.external == []


def test_a_map_too_wide_to_read_whole_says_it_goes_on_and_shows_all_of_it(page, data_app):
    # Recovering from a disaster has ten stages: in a 1,400 px window the whole map would
    # be drawn below the readable zoom, so it opens on its start and says it goes on.
    open_page(page, data_app + "/journey")
    choose(page, "Journey", "Recovering from a disaster")
    canvas = canvas_ready(page)
    goes_on = canvas.get_by_role("button", name="The map goes on (right): show all of it")
    goes_on.wait_for()
    frame = canvas.bounding_box()

    def outside() -> int:
        boxes = [node.bounding_box() for node in canvas.locator(".react-flow__node").all()]
        return sum(box["x"] + box["width"] > frame["x"] + frame["width"] for box in boxes)

    assert outside() > 0
    goes_on.click()
    poll(outside, lambda n: n == 0)
    assert goes_on.count() == 0
    assert_no_exception(page)
