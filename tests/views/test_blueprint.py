"""The app's blueprint mode and drill-down, without a browser: the HTML drawn from the
printed blueprint's layout, the evidence said in words, and the links between a step and
the journey that tells it in more detail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ple.io import load_workspace
from ple.views.blueprint import (
    blueprint_html,
    blueprint_layout,
    blueprint_lines,
    detail_of,
    detailed_steps,
)

BLUEPRINT = Path(__file__).resolve().parents[1] / "fixtures" / "blueprint"
DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def workspace():
    return load_workspace(BLUEPRINT).workspace


def cards(html: str, row: str) -> list[str]:
    """The text of each card of one row, tags taken out."""
    found = re.findall(
        rf'<div class="ple-bp-card" data-row="{row}"(.*?)</div></div>', html, flags=re.S
    )
    return [" ".join(re.sub(r"<[^>]+>", " ", card.split(">", 1)[1]).split()) for card in found]


def test_every_row_holds_its_actions_with_their_agency_and_system(workspace):
    html = blueprint_html(blueprint_layout(workspace, "retirement"))
    assert cards(html, "frontstage") == ["SSA: Claims specialist takes the application by phone"]
    assert cards(html, "backstage") == [
        "SSA: Earnings record and proof of age checked System: SSA claims system"
    ]
    assert cards(html, "support") == ["CMS: Medicare enrollment passed to CMS"]
    assert [c.split(":")[0] for c in cards(html, "touchpoints")] == [
        "Form SSA-1 · SSA",
        "Call centre · SSA",
    ]
    for line in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert line in html


def test_each_step_says_what_it_rests_on_in_words_and_by_its_outline(workspace):
    layout = blueprint_layout(workspace, "retirement")
    html = blueprint_html(layout)
    customer = cards(html, "customer")
    assert customer[0] == "SSA: Check benefit estimate Evidence: unknown"
    assert customer[1] == "SSA: Apply for retirement benefits Evidence: observed"
    assert 'data-evidence="observed"' in html and "3px solid" in html
    assert customer[2].endswith("Evidence: unknown In detail: Enrolling in Medicare Part B")
    # The customer row grows for the two lines the app adds, so no card spills over.
    band = next(b for b in layout.bands if b.row == "customer")
    assert all(
        band.top < c.y and c.y + c.h < band.bottom for c in layout.cards if c.row == "customer"
    )


def test_moments_that_matter_are_tagged_and_listed_with_their_reasons():
    workspace = load_workspace(DATA).workspace
    layout = blueprint_layout(workspace, "having-a-child")
    html = blueprint_html(layout)
    moments = [s for s in workspace.journeys["having-a-child"].steps if s.moment_that_matters]
    assert len(layout.moments) == len(moments) > 0
    for number, step in enumerate(moments, start=1):
        assert f"★ {number}" in html
        assert step.moment_reason.split()[0] in html


def test_names_are_text_never_markup(workspace):
    journey = workspace.journeys["retirement"]
    step = journey.steps[0].model_copy(update={"name": "<img src=x onerror=alert(1)>"})
    hostile = workspace.journeys["retirement"].model_copy(
        update={"steps": [step, *journey.steps[1:]]}
    )
    workspace.journeys["retirement"] = hostile
    try:
        html = blueprint_html(blueprint_layout(workspace, "retirement"))
    finally:
        workspace.journeys["retirement"] = journey
    assert "<img" not in html and "&lt;img" in html


def test_a_step_with_detail_leads_to_its_journey_and_back(workspace):
    journey = workspace.journeys["retirement"]
    assert detail_of(workspace, journey, "enroll-part-b").id == "part-b-enrolment"
    assert detail_of(workspace, journey, "check-estimate") is None
    assert detail_of(workspace, journey, None) is None
    [link] = detailed_steps(workspace, "part-b-enrolment")
    assert (link.journey_id, link.step_id) == ("retirement", "enroll-part-b")
    assert link.step_name == "Enroll in Medicare Part B"
    assert detailed_steps(workspace, "retirement") == []


def test_the_details_panel_lists_the_blueprint_of_a_step(workspace):
    steps = {s.id: s for s in workspace.journeys["retirement"].steps}
    assert blueprint_lines(workspace, steps["apply-retirement"]) == [
        "Evidence: observed (Field study, 2024)",
        "Touchpoint: Application for Retirement Insurance Benefits",
        "Touchpoint: SSA national 800 number",
        "Frontstage: SSA: Claims specialist takes the application by phone",
        "Backstage: SSA: Earnings record and proof of age checked (system: SSA claims system)",
        "Support: CMS: Medicare enrollment passed to CMS",
    ]
    assert blueprint_lines(workspace, steps["enroll-part-b"]) == [
        "Evidence: unknown",
        "In detail: Enrolling in Medicare Part B",
    ]
