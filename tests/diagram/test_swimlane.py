"""The swimlane layout both the print map and the canvas draw: they agree, boxes never
overlap, and arrows run from box edge to box edge without crossing a box."""

from __future__ import annotations

import itertools

import pytest

from ple.diagram.sketch import sketch_journey
from ple.diagram.swimlane import ARROW_LEN, SwimlaneLayout, layout_for_canvas
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
        (s.id, s.first_column, s.last_column) for s in canvas.stages]
    for step_id, box in printed.boxes.items():
        other = canvas.boxes[step_id]
        assert (box.lane, box.row, box.column, box.colour) == (
            other.lane, other.row, other.column, other.colour)
    assert [(r.source.step.id, r.target.step.id, r.label) for r in printed.routes] == [
        (r.source.step.id, r.target.step.id, r.label) for r in canvas.routes]


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_boxes_do_not_overlap_and_stay_in_their_lane(journey_id):
    for layout in layouts(journey_id):
        boxes = list(layout.boxes.values())
        for a, b in itertools.combinations(boxes, 2):
            assert (a.right <= b.x or b.right <= a.x or a.bottom <= b.y
                    or b.bottom <= a.y), (a.step.id, b.step.id)
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
