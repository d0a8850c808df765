"""The swimlane layout both the print map and the canvas draw: they agree, boxes never
overlap, and arrows run from box edge to box edge without crossing a box."""

from __future__ import annotations

import itertools

import pytest

from ple.diagram.sketch import JourneySketch, Lane, Move, StepSketch, sketch_journey
from ple.diagram.swimlane import (
    ARROW_LEN,
    MapTooLarge,
    SwimlaneLayout,
    layout_for_canvas,
    size_problem,
)
from ple.export.formats.swimlane import print_layout
from ple.io import load_workspace
from tests.conftest import DATA

WORKSPACE = load_workspace(DATA).workspace
JOURNEYS = sorted(WORKSPACE.journeys)


def layouts(journey_id: str) -> tuple[SwimlaneLayout, SwimlaneLayout]:
    sketch = sketch_journey(WORKSPACE, WORKSPACE.journeys[journey_id])
    return print_layout(sketch), layout_for_canvas(sketch)


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_the_canvas_and_the_printed_map_agree(journey_id):
    """Same lanes in the same order, same columns and stages, same colours: only the box
    width (and the print's title and footer) differ."""
    printed, canvas = layouts(journey_id)
    assert [lane.agency for lane in printed.lanes] == [lane.agency for lane in canvas.lanes]
    assert [lane.colour for lane in printed.lanes] == [lane.colour for lane in canvas.lanes]
    assert [(s.id, s.first_column, s.last_column) for s in printed.stages] == [
        (s.id, s.first_column, s.last_column) for s in canvas.stages
    ]
    for step_id, box in printed.boxes.items():
        other = canvas.boxes[step_id]
        assert (box.lane, box.row, box.column, box.colour) == (
            other.lane,
            other.row,
            other.column,
            other.colour,
        )
    assert [(r.source.step.id, r.target.step.id, r.label) for r in printed.routes] == [
        (r.source.step.id, r.target.step.id, r.label) for r in canvas.routes
    ]


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_boxes_do_not_overlap_and_stay_in_their_lane(journey_id):
    for layout in layouts(journey_id):
        boxes = list(layout.boxes.values())
        for a, b in itertools.combinations(boxes, 2):
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y, (
                a.step.id,
                b.step.id,
            )
        for box in boxes:
            lane = layout.lanes[box.lane]
            assert lane.agency == box.step.agency
            assert lane.top <= box.y and box.bottom <= lane.bottom


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_arrows_run_from_edge_to_edge_and_cross_no_box(journey_id):
    for layout in layouts(journey_id):
        for route in layout.routes:
            (x0, y0), (x1, y1) = route.points[0], route.points[-1]
            assert x0 == route.source.right and route.source.y < y0 < route.source.bottom
            assert abs(x1 + ARROW_LEN * 0.6 - route.target.x) < 1e-9
            assert route.target.y < y1 < route.target.bottom
            for (ax, ay), (bx, by) in itertools.pairwise(route.points):
                for box in layout.boxes.values():
                    inside_x = min(ax, bx) < box.right and max(ax, bx) > box.x
                    inside_y = min(ay, by) < box.bottom and max(ay, by) > box.y
                    assert not (inside_x and inside_y), (route.source.step.id, box.step.id)


def test_stage_headers_never_overlap():
    for journey_id in JOURNEYS:
        stages = layouts(journey_id)[1].stages
        for a, b in itertools.pairwise(stages):
            assert a.x1 <= b.x0, journey_id


# --- crowded maps and maps past their limits ---------------------------------------------


def crowded(steps: int, fan_out: int) -> JourneySketch:
    """Each step leads to the next ``fan_out`` steps, three agencies taking turns: every
    gap crowded with arrows, every arrow a handoff with a word."""
    lanes = tuple(Lane(a, a.upper(), a, "#336699") for a in ("ssa", "cms", "irs"))
    sketched = tuple(
        StepSketch(
            f"s{i}",
            f"Step {i}",
            lanes[i % 3].agency,
            next=tuple(Move(f"s{j}", "cold") for j in range(i + 1, min(i + 1 + fan_out, steps))),
        )
        for i in range(steps)
    )
    return JourneySketch("crowded", "Crowded", sketched, lanes, entry=("s0",))


@pytest.mark.parametrize(
    ("steps", "fan_out"),
    [(34, 33), (120, 3)],
    ids=["every step to every later one", "three ways on"],
)
def test_crowded_gaps_still_route_edge_to_edge_past_every_box(steps, fan_out):
    """More arrows share a gap than it has tracks, and more words want places than the
    map tries: arrows still run from edge to edge and cross no box, each handoff keeps
    its word."""
    sketch = crowded(steps, fan_out)
    layout = print_layout(sketch)
    assert len(layout.routes) == sum(len(s.next) for s in sketch.steps)
    assert len(layout.labels) == sum(route.crossing for route in layout.routes)
    for route in layout.routes:
        (x0, _), (x1, _) = route.points[0], route.points[-1]
        assert x0 == route.source.right
        assert abs(x1 + ARROW_LEN * 0.6 - route.target.x) < 1e-9
        for (ax, ay), (bx, by) in itertools.pairwise(route.points):
            for box in layout.boxes.values():
                inside_x = min(ax, bx) < box.right and max(ax, bx) > box.x
                inside_y = min(ay, by) < box.bottom and max(ay, by) > box.y
                assert not (inside_x and inside_y), (route.source.step.id, box.step.id)


def test_a_gap_holds_at_most_max_tracks_tracks():
    from ple.diagram.routes import MAX_TRACKS, _Segment, _spread

    segments = [_Segment(0.0, 10.0, edge, 0, 0) for edge in range(100)]
    tracks = _spread(segments, 0.0, 1.0, 0.08)
    assert len(tracks) == 100 and len(set(tracks.values())) == MAX_TRACKS


def test_a_map_past_its_limits_is_refused_before_any_layout(monkeypatch):
    from dataclasses import replace

    from ple import limits

    monkeypatch.setattr(limits, "MAP_MOVES", replace(limits.MAP_MOVES, value=100))
    sketch = crowded(40, 39)
    with pytest.raises(
        MapTooLarge,
        match=r"the journey has 780 moves, over the limit of "
        r"100 moves per map \(set PLE_MAX_MAP_MOVES",
    ):
        layout_for_canvas(sketch)
    with pytest.raises(MapTooLarge, match="780 moves, over the limit of 600 moves per printed"):
        print_layout(sketch)


def test_size_problem_names_the_limit_passed_first():
    assert size_problem(10, 10) is None
    assert size_problem(301, 10, printed=True) == (
        "the journey has 301 steps, over the limit of 300 steps per printed map (set "
        "PLE_MAX_PRINTED_STEPS to raise it)"
    )
    assert "20,001 moves, over the limit of 20,000 moves per map" in size_problem(10, 20_001)
