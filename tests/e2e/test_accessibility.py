"""axe-core on every page of the app (the journey canvas is part of the page) and inside
the agency network's iframe; the canvas's keyboard path.

Violations of impact "critical" or "serious" fail the test unless they are in
ALLOWED: problems inside Streamlit's or vis-network's own markup that the project
cannot change. Every finding that remains, at any impact, is listed with its reason
in docs/accessibility.md; each run also writes axe's full answer to tmp_path.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.browser import canvas_ready, choose, open_page, settle

pytestmark = pytest.mark.browser

BLOCKING = {"critical", "serious"}


@dataclass(frozen=True)
class Allowed:
    """A finding in markup the project does not write (see docs/accessibility.md)."""

    rule: str
    where: str
    """A regular expression searched in the node's HTML and in each of its CSS selectors."""
    why: str


ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        "svg-img-alt",
        r'^<g class="mark-symbol role-mark [^"]*" role="graphics-symbol" '
        r'aria-roledescription="symbol mark container"[^>]*></g>$',
        "st.line_chart adds a hover layer to its Vega-Lite spec; Vega draws it as an "
        "empty, unnamed graphics-symbol group. The points we plot are all named.",
    ),
)
"""Findings in Streamlit's or vis-network's own markup; each is in docs/accessibility.md.
Every other critical or serious finding axe reported was in our own content and is fixed."""

RUN = """async () => {
  const result = await axe.run(document, {iframes: false, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({impact: n.impact, target: n.target.map(String),
                              html: n.html, summary: n.failureSummary}))}));
}"""


def run_axe(frame, source: str) -> list[dict]:
    frame.add_script_tag(content=source)
    return frame.evaluate(RUN)


def allowed(rule: str, node: dict) -> Allowed | None:
    return next(
        (
            a
            for a in ALLOWED
            if a.rule == rule
            and any(re.search(a.where, text) for text in [node["html"], *node["target"]])
        ),
        None,
    )


def blocking(violations: list[dict], where: str) -> list[str]:
    found = []
    for violation in violations:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in BLOCKING and not allowed(violation["id"], node):
                found.append(
                    f"{where}: {violation['id']} ({impact}) {violation['help']}\n"
                    f"    at {node['target']}: {node['html'][:160]}\n"
                    f"    {node['summary']}"
                )
    return found


def check(page, source: str, name: str, tmp_path: Path) -> None:
    if page.locator(".ple-canvas").count():
        canvas_ready(page)
    results = {"page": run_axe(page, source)}
    if page.locator(NETWORK).count():
        frame = page.locator(NETWORK).element_handle().content_frame()
        frame.wait_for_selector("#mynetwork canvas")
        results["diagram"] = run_axe(frame, source)
    (tmp_path / f"axe-{name}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    problems = [p for where, found in results.items() for p in blocking(found, f"{name} {where}")]
    assert not problems, "\n".join(problems)


NETWORK = "iframe[title^='Agency network']"
"""The portfolio's agency network, the one pyvis page left."""

PAGES = {
    "portfolio": "/",
    "journey": "/journey",
    "handoffs": "/handoffs",
    "gaps": "/gaps",
    "equity": "/equity",
    "compare": "/compare",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(page, small_app, axe_source, name, tmp_path):
    open_page(page, small_app + PAGES[name])
    if name == "journey":
        page.get_by_text("Filters", exact=True).click()  # check the filter widgets too
        page.get_by_role("combobox", name="Channel").wait_for()
    check(page, axe_source, name, tmp_path)


def test_journey_with_sentiment_chart(page, data_app, axe_source, tmp_path):
    """The bundled data has what the small fixture lacks: trigger and outcome,
    sentiment (a Vega-Lite chart), six lanes."""
    open_page(page, data_app + "/journey")
    choose(page, "Journey", "Recovering from a disaster")
    page.locator("[data-testid='stVegaLiteChart'] svg").wait_for()
    check(page, axe_source, "journey-disaster", tmp_path)


def test_error_panel_is_accessible(page, invalid_app, axe_source, tmp_path):
    open_page(page, invalid_app + "/")
    page.locator("[data-testid='stAlertContentError']").wait_for()
    check(page, axe_source, "invalid-workspace", tmp_path)


def test_tab_reaches_the_steps_in_journey_order_and_enter_shows_one(page, small_app):
    """Each step is a keyboard stop, in the journey's order; focus is visible; Enter
    selects the step and the panel under the map says what it is."""
    from tests.e2e.test_app_browser import FIRST

    open_page(page, small_app + "/journey")
    canvas_ready(page).locator(".react-flow__node").first.focus()
    order, outlines = [], []
    for _ in range(len(FIRST.steps)):
        order.append(page.evaluate("() => document.activeElement.getAttribute('data-id')"))
        outlines.append(
            page.evaluate(
                "() => getComputedStyle(document.activeElement.querySelector('.ple-step'))"
                ".outlineStyle"
            )
        )
        page.keyboard.press("Tab")
    assert order == [s.id for s in FIRST.steps]
    assert set(outlines) == {"solid"}  # the focus is visible on every step
    label = canvas_ready(page).locator(".react-flow__node").first.get_attribute("aria-label")
    assert label.startswith(f"Step 1 of {len(FIRST.steps)}: ")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    settle(page)
    last = FIRST.steps[-1]
    page.locator("[data-testid='stMain'] h3").filter(has_text=last.name).wait_for()
    assert page.evaluate("() => location.search").endswith(f"step={last.id}")
