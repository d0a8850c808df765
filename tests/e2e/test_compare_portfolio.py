"""The Compare and Portfolio pages in Chromium: the comparison map and the agency network
draw, follow the controls, pass axe, and keep hostile names as text.

The comparison map is a canvas in the page; the agency network is an iframe, checked with
axe inside too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ple.compare import compare_journeys
from ple.io import load_workspace
from ple.portfolio import agency_network
from tests.e2e.browser import (
    EXCEPTION,
    canvas_ready,
    choose,
    open_page,
    poll,
    screenshot,
    settle,
)
from tests.e2e.conftest import SMALL, write_workspace
from tests.e2e.test_accessibility import blocking, run_axe

pytestmark = pytest.mark.browser

DATA = SMALL.parents[2] / "data"
NETWORK = "iframe[title^='Agency network']"


def frame_ids(page, selector: str) -> list[str]:
    frame = page.frame_locator(selector)
    frame.locator("#mynetwork canvas").wait_for(timeout=15_000)
    return frame.locator("body").evaluate("() => network.body.data.nodes.getIds()")


def map_steps(page) -> dict[str, str]:
    """The steps on the comparison map, with the words marked on them."""
    nodes = canvas_ready(page).locator(".react-flow__node")
    return dict(
        nodes.evaluate_all(
            "nodes => nodes.map(n => [n.getAttribute('data-id'),"
            " (n.querySelector('.ple-mark') || {}).textContent || ''])"
        )
    )


def map_words(page) -> list[str]:
    """The words written on the comparison map's arrows."""
    return canvas_ready(page).locator(".ple-route-label").all_inner_texts()


def frame_edges(page, selector: str) -> list[str]:
    return (
        page.frame_locator(selector)
        .locator("body")
        .evaluate("() => network.body.data.edges.get().map(e => e.label)")
    )


def assert_accessible(page, axe_source: str, frames: list[str], name: str, tmp_path: Path):
    problems = blocking(run_axe(page, axe_source), f"{name} page")
    for selector in frames:
        frame = page.locator(selector).element_handle().content_frame()
        frame.wait_for_selector("#mynetwork canvas")
        problems += blocking(run_axe(frame, axe_source), f"{name} {selector}")
    assert not problems, "\n".join(problems)


def test_compare_page_draws_both_journeys_and_follows_the_choice(page, data_app, tmp_path):
    workspace = load_workspace(DATA).workspace
    open_page(page, data_app + "/compare")
    assert page.locator("h1").first.inner_text() == "Compare current and future state"
    assert page.locator(EXCEPTION).count() == 0
    retirement = compare_journeys(
        workspace, "approaching-retirement", "approaching-retirement-future"
    )
    ids = set(map_steps(page))
    assert {c.future for c in retirement.steps if c.future} <= ids
    assert "cold → warm" in map_words(page)
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for()
    screenshot(page, tmp_path / "compare-retirement.png")

    choose(page, "Proposed journey (future state)", "Recovering from a disaster, proposed")
    assert page.get_by_role("combobox", name="Compared with (today)").input_value() == (
        "Recovering from a disaster"
    )
    disaster = workspace.journeys["recovering-from-a-disaster-future"]
    poll(lambda: set(map_steps(page)), lambda found: {s.id for s in disaster.steps} <= found)
    assert page.get_by_text("135 fewer").count() >= 1
    for label in ("Markdown brief", "HTML brief"):
        assert page.get_by_role("button", name=label).is_visible()
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, tmp_path / "compare-disaster.png")


def test_removed_steps_are_drawn_and_marked(page, small_app):
    open_page(page, small_app + "/compare")
    marks = map_steps(page)
    assert {"was:check-estimate", "was:apply-retirement", "was:get-l564", "apply-once"} <= set(
        marks
    )
    assert marks["was:get-l564"] == "✕ REMOVED" and marks["apply-once"] == "+ NEW"


def test_portfolio_network_draws_and_filters(page, data_app, tmp_path):
    network = agency_network(load_workspace(DATA).workspace)
    open_page(page, data_app + "/")
    ids = frame_ids(page, NETWORK)
    assert {n.agency for n in network.nodes} <= set(ids)
    assert len(frame_edges(page, NETWORK)) == len(network.edges)
    screenshot(page, tmp_path / "portfolio.png")
    box = page.locator("[data-testid='stMultiSelect']")
    for kind in ("automatic", "warm", "referral", "undocumented"):
        box.get_by_role("button", name=f"Remove {kind}").click()
        settle(page)
    cold = [e for e in network.edges if e.type == "cold"]
    poll(
        lambda: frame_edges(page, NETWORK),
        lambda labels: sorted(labels) == sorted(f"cold ×{e.handoffs}" for e in cold),
    )
    page.get_by_text("As proposed", exact=True).click()
    settle(page)
    assert "Left out: 3 journeys" in page.locator("[data-testid='stMain']").inner_text()
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize(
    ("path", "frames"), [("/compare", []), ("/", [NETWORK])], ids=["compare", "portfolio"]
)
def test_no_serious_accessibility_violation(page, data_app, axe_source, path, frames, tmp_path):
    open_page(page, data_app + path)
    if path == "/compare":
        canvas_ready(page)
        page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for()
    else:
        page.locator(frames[0]).wait_for()
    assert_accessible(page, axe_source, frames, path.strip("/") or "portfolio", tmp_path)


def test_hostile_names_stay_text(page, seen, start_app, tmp_path):
    hostile = "<img src=x onerror=alert(1)>"
    workspace = write_workspace(
        tmp_path / "hostile",
        {
            "catalog.yaml": """
            agencies:
              - {id: ssa, name: Social Security, acronym: "<script>alert(2)</script>"}
              - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
            """,
            "today.yaml": f"""
            id: today
            name: "{hostile} today"
            steps:
              - {{id: a, name: "{hostile}", agency: ssa,
                 next: [{{to: b, handoff: {{type: cold}}}}]}}
              - {{id: b, name: Second, agency: cms, end: true}}
            """,
            "proposed.yaml": f"""
            id: proposed
            name: "{hostile} proposed"
            state: future
            baseline: today
            steps:
              - {{id: a, name: "{hostile}", agency: ssa,
                 next: [{{to: b, handoff: {{type: warm}}}}]}}
              - {{id: b, name: Second, agency: cms, end: true}}
            """,
        },
    )
    app = start_app(workspace)
    for path in ("/compare", "/"):
        open_page(page, app + path)
        if path == "/compare":
            shown = canvas_ready(page).locator(".ple-step").all_inner_texts()
            assert hostile in [" ".join(text.split()) for text in shown]  # wrapped, as text
        else:
            frame_ids(page, NETWORK)
        page.wait_for_timeout(300)  # give a stray onerror time to fire
        assert page.locator(EXCEPTION).count() == 0
        assert seen.dialogs == []
        assert page.locator("img[src='x'], img[src$='/x']").count() == 0
        if path == "/compare":  # the names are shown as typed
            proposed = page.get_by_role("combobox", name="Proposed journey (future state)")
            assert proposed.input_value() == f"{hostile} proposed"
