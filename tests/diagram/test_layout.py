"""Diagram layout: agency lanes, step columns, and no two boxes on top of each other."""

from __future__ import annotations

import itertools

import pytest

from ple.diagram.layout import COLUMN_WIDTH, LANE_HEIGHT, STACK_OFFSET, lanes, place_steps
from ple.graph.order import step_depths
from ple.io import load_workspace
from ple.model import Journey
from tests.conftest import DATA


def journey(steps: list[tuple[str, str, list[str]]], entry: list[str] | None = None) -> Journey:
    """Steps as (id, agency, next step ids)."""
    return Journey.model_validate({
        "id": "j", "name": "J", "entry": entry or [],
        "steps": [{"id": i, "name": i, "agency": a, "next": [{"to": t} for t in nxt]}
                  for i, a, nxt in steps],
    })


def assert_no_overlap(j: Journey) -> None:
    placed = place_steps(j)
    assert set(placed) == {s.id for s in j.steps}
    for (a, pa), (b, pb) in itertools.combinations(placed.items(), 2):
        if pa.x == pb.x:
            assert abs(pa.y - pb.y) >= STACK_OFFSET, (j.id, a, b, pa, pb)


def bundled() -> list[Journey]:
    return list(load_workspace(DATA).workspace.journeys.values())


def test_lanes_follow_first_appearance():
    j = journey([("a", "irs", ["b"]), ("b", "ssa", ["c"]), ("c", "irs", ["d"]),
                 ("d", "cms", [])])
    assert lanes(j) == ["irs", "ssa", "cms"]
    placed = place_steps(j)
    assert [placed[s].lane for s in "abcd"] == [0, 1, 0, 2]
    assert placed["a"].y == placed["c"].y < placed["b"].y < placed["d"].y


def test_columns_are_depths():
    j = journey([("a", "x", ["b", "d"]), ("b", "x", ["c"]), ("c", "y", ["d"]),
                 ("d", "y", [])])
    placed = place_steps(j)
    depths = step_depths(j)
    for step_id, where in placed.items():
        assert where.column == depths[step_id]
        assert where.x == depths[step_id] * COLUMN_WIDTH
    assert placed["d"].column == 3


def test_parallel_branches_at_one_agency_stack_and_push_the_next_lane_down():
    j = journey([("start", "x", ["p1", "p2", "p3"]), ("p1", "x", ["end"]),
                 ("p2", "x", ["end"]), ("p3", "x", ["end"]), ("end", "y", [])])
    placed = place_steps(j)
    ys = sorted(placed[p].y for p in ("p1", "p2", "p3"))
    assert ys == [0, STACK_OFFSET, 2 * STACK_OFFSET]
    assert len({placed[p].x for p in ("p1", "p2", "p3")}) == 1
    # lane y starts below lane x's three-high stack
    assert placed["end"].y == LANE_HEIGHT + 2 * STACK_OFFSET
    assert placed["end"].y - ys[-1] >= STACK_OFFSET
    assert_no_overlap(j)


def test_no_overlap_with_stacks_in_several_lanes():
    j = journey([("s", "x", ["a1", "a2", "b1", "b2", "b3"]),
                 ("a1", "x", ["e"]), ("a2", "x", ["e"]),
                 ("b1", "y", ["e"]), ("b2", "y", ["e"]), ("b3", "y", ["e"]),
                 ("e", "z", [])])
    assert_no_overlap(j)


def test_loops_do_not_break_the_layout():
    j = journey([("apply", "ssa", ["review"]), ("review", "ssa", ["missing", "decide"]),
                 ("missing", "irs", ["review"]), ("decide", "ssa", ["apply", "pay"]),
                 ("pay", "irs", [])])
    placed = place_steps(j)
    assert [placed[s].column for s in ("apply", "review", "missing", "decide", "pay")] == [
        0, 1, 2, 2, 3]
    assert_no_overlap(j)


@pytest.mark.parametrize("j", bundled(), ids=lambda j: j.id)
def test_no_two_bundled_steps_overlap(j):
    assert_no_overlap(j)


def test_no_two_steps_of_a_large_branching_journey_overlap():
    # 40 layers of 5 parallel steps; every step leads to every step of the next layer,
    # and agencies repeat within a layer, so cells hold stacks of different heights
    steps = []
    for layer, k in itertools.product(range(40), range(5)):
        nxt = [f"s{layer + 1}-{m}" for m in range(5)] if layer < 39 else []
        steps.append((f"s{layer}-{k}", f"a{(layer * k) % 3}", nxt))
    j = journey(steps)
    placed = place_steps(j)
    cells = [(p.lane, p.column) for p in placed.values()]
    assert max(cells.count(c) for c in set(cells)) >= 3  # there are real stacks
    assert_no_overlap(j)
    assert lanes(j) == ["a0", "a1", "a2"]


def test_layout_is_deterministic():
    j = bundled()[0]
    assert place_steps(j) == place_steps(j)
