"""The comparison map: the proposed journey with today's removed steps, every change marked
by words (and the handoff changes by line width), hostile text kept as text."""

from __future__ import annotations

import pytest
import yaml

from ple.compare import compare_journeys
from ple.diagram.compare import MARKS, REMOVED_PREFIX, comparison_map
from ple.diagram.style import REMOVED_FILL, REMOVED_MOVE
from ple.diagram.swimlane import layout_for_canvas
from ple.views.canvas import comparison_canvas_data
from tests.compare.conftest import CATALOG, PROPOSED, TODAY, load


@pytest.fixture
def pair(write):
    return load(write, ("today.yaml", TODAY), ("proposed.yaml", PROPOSED))


@pytest.fixture
def union(pair):
    return comparison_map(pair, compare_journeys(pair, "today", "proposed"))


def test_every_step_of_both_journeys_is_drawn_once(union):
    assert {s.id for s in union.sketch.steps} == {
        "apply",
        "checking",
        "enroll",
        "pay-tax",
        "check-status",
        "was:visit-office",
    }


def test_changes_are_marked_by_words(union):
    steps = {s.id: s for s in union.sketch.steps}
    for step, status in (
        ("check-status", "added"),
        ("apply", "changed"),
        ("was:visit-office", "removed"),
    ):
        assert steps[step].mark == MARKS[status].badge
        assert union.changes[step][0].startswith(MARKS[status].badge + ": ")
    assert steps["was:visit-office"].fill == REMOVED_FILL
    assert steps["enroll"].mark is None and union.changes["enroll"] == []
    assert "Changed: channels online → online, phone" in union.changes["apply"]
    assert "Changed: minutes 30 → 20" in union.changes["apply"]


def test_handoff_changes_are_labelled_on_the_line(union):
    routes = {
        (r.source.step.id, r.target.step.id): r for r in layout_for_canvas(union.sketch).routes
    }
    assert routes[("apply", "enroll")].label == "cold → automatic"
    assert routes[("apply", "enroll")].style.width > routes[("enroll", "pay-tax")].style.width
    assert routes[("check-status", "pay-tax")].label == "new: warm"
    gone = routes[(REMOVED_PREFIX + "visit-office", "pay-tax")]
    assert gone.label == "removed undocumented" and gone.style == REMOVED_MOVE
    assert routes[("enroll", "pay-tax")].label == "warm"  # unchanged


def test_removed_steps_keep_a_place_in_their_old_lane(union):
    """Today's second way in stacks with the other first steps, in the SSA lane."""
    layout = layout_for_canvas(union.sketch)
    boxes = layout.boxes
    assert boxes["was:visit-office"].lane == boxes["apply"].lane
    assert boxes["was:visit-office"].column == boxes["apply"].column


def test_hostile_names_stay_text(write):
    hostile = "<img src=x onerror=alert(1)>"
    catalog = yaml.safe_load(CATALOG)
    catalog["agencies"][0]["acronym"] = "<script>alert(1)</script>"
    write("catalog.yaml", yaml.safe_dump(catalog))
    write("today.yaml", TODAY.replace("name: Visit an office", f'name: "{hostile}"'))
    from ple.io import load_workspace

    workspace = load_workspace(
        write("proposed.yaml", PROPOSED.replace("name: Check status online", f'name: "{hostile}"')),
        use_cache=False,
    ).workspace
    data = comparison_canvas_data(workspace, compare_journeys(workspace, "today", "proposed"))
    names = {" ".join(s["lines"]) for s in data["steps"]}
    assert hostile in names  # data for the canvas, which sets it as text (see e2e tests)
    assert "".join(data["lanes"][0]["label"]) == "<script>alert(1)</script>"
