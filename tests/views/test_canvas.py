"""What the canvas draws, computed without a browser: the layout as data, the words on
hover, the marks, and journeys being edited in whatever state they are."""

from __future__ import annotations

import itertools
import json

import pytest

from ple.gaps import analyze
from ple.io import load_workspace
from ple.views.canvas import (
    StepMark,
    edit_canvas_data,
    journey_canvas_data,
    selection_details,
)
from ple.views.journey import finding_counts
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def small_ws():
    return load_workspace(SMALL).workspace


def test_the_canvas_holds_every_step_move_lane_and_stage(small_ws):
    data = journey_canvas_data(small_ws, "retirement")
    json.dumps(data)  # plain data, ready for the browser
    assert [s["id"] for s in data["steps"]] == [
        "check-estimate",
        "apply-retirement",
        "get-l564",
        "enroll-part-b",
    ]
    assert [lane["agency"] for lane in data["lanes"]] == ["ssa", "employer", "cms"]
    assert [stage["id"] for stage in data["stages"]] == ["plan", "apply"]
    routes = {(r["from"], r["to"]): r for r in data["routes"]}
    assert routes[("apply-retirement", "get-l564")]["kind"] == "cold"
    assert routes[("check-estimate", "apply-retirement")]["kind"] == "same agency"
    labels = {label["route"]: label["text"] for label in data["labels"]}
    assert labels[routes[("apply-retirement", "enroll-part-b")]["id"]] == "referral"
    assert routes[("get-l564", "enroll-part-b")]["description"].startswith("undocumented move")
    assert not data["editable"]


def test_every_column_belongs_to_one_stage_and_the_columns_tile_the_lanes(small_ws):
    data = journey_canvas_data(small_ws, "retirement")
    columns = data["columns"]
    assert columns[0]["x0"] == data["x0"]
    for left, right in itertools.pairwise(columns):
        assert left["x1"] == right["x0"]
    assert {c["stage"] for c in columns} == {"plan", "apply"}


def test_badges_marks_dimming_and_highlights(small_ws):
    counts = finding_counts(analyze(small_ws).findings, "retirement")
    data = journey_canvas_data(
        small_ws,
        "retirement",
        findings=counts,
        dimmed={"get-l564"},
        highlight={("apply-retirement", "get-l564")},
        marks={"enroll-part-b": StepMark("⊘ BLOCKED", "online only")},
    )
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["apply-retirement"]["badge"] == f"⚠ {counts['apply-retirement']}"
    assert steps["get-l564"]["dimmed"] and not steps["check-estimate"]["dimmed"]
    assert (steps["enroll-part-b"]["mark"], steps["enroll-part-b"]["markKind"]) == (
        "⊘ BLOCKED",
        "blocked",
    )
    assert "⊘ BLOCKED: online only" in steps["enroll-part-b"]["details"]
    assert [r["highlight"] for r in data["routes"]].count(True) == 1


def test_the_revision_changes_with_the_map_and_only_then(small_ws):
    one = journey_canvas_data(small_ws, "retirement")
    assert journey_canvas_data(small_ws, "retirement")["revision"] == one["revision"]
    assert (
        journey_canvas_data(small_ws, "retirement", dimmed={"get-l564"})["revision"]
        != one["revision"]
    )


def test_details_of_a_step_and_of_a_move_are_plain_lines(small_ws):
    journey = small_ws.journeys["retirement"]
    step = selection_details(small_ws, journey, {"kind": "step", "id": "check-estimate"}, {})
    assert step[0] == "Check benefit estimate"
    assert "Channels: online, phone" in step
    move = selection_details(
        small_ws, journey, {"kind": "route", "from": "apply-retirement", "to": "enroll-part-b"}, {}
    )
    assert move[0] == "Apply for retirement benefits → Enroll in Medicare Part B"
    assert move[1].startswith("Referral handoff from SSA to CMS")
    assert "Shares: Social Security number" in move and "Share of people: 40%" in move
    assert selection_details(small_ws, journey, {"kind": "step", "id": "gone"}, {}) == []
    assert selection_details(small_ws, journey, None, {}) == []


def test_a_journey_being_edited_is_drawn_whatever_state_it_is_in(small_ws):
    tables = {
        "Journey": [{"id": "new", "name": "New"}],
        "Stages": [{"id": "plan", "name": "Plan"}],
        "Steps": [
            {"id": "a", "name": "A", "agency": "ssa", "stage": "plan"},
            {"name": "a row without an id"},
            {"id": "b", "name": "B", "agency": "nobody-knows"},
            {"id": "c", "name": "C"},
            {"id": "d", "agency": "cms", "stage": "not-a-stage", "end": True},
        ],
        "Transitions": [
            {"from": "a", "to": "b", "handoff": "teleport"},
            {"from": "a", "to": "gone"},
        ],
    }
    data = edit_canvas_data(small_ws, tables, extra_lanes=["irs"])
    assert data["editable"]
    steps = {s["id"]: s for s in data["steps"]}
    assert list(steps) == ["a", "b", "c", "d"]
    assert [lane["agency"] for lane in data["lanes"]] == ["ssa", "nobody-knows", "", "cms", "irs"]
    assert data["lanes"][2]["label"] == ["No agency"]
    assert [(r["from"], r["to"], r["kind"]) for r in data["routes"]] == [("a", "b", "undocumented")]
    assert steps["d"]["stage"] == "" and steps["d"]["lines"] == ["d"]
    assert {s: steps[s]["problem"] for s in steps} == {
        "a": "",
        "b": "no way out",
        "c": "not connected",
        "d": "no way in",
    }
