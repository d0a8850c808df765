"""The map's grid: one lane per agency, the stages left to right, each as wide as its
steps need, and a place for every step."""

from __future__ import annotations

import itertools

from ple.diagram.grid import NO_STAGE_NAME, grid
from ple.diagram.sketch import JourneySketch, Lane, Move, StepSketch


def sketch(
    steps: list[tuple[str, str, str, list[str]]],
    stages: list[str] = (),
    lanes: list[str] | None = None,
    entry: tuple[str, ...] = (),
) -> JourneySketch:
    """Steps as (id, agency, stage, next step ids)."""
    agencies = lanes or list(dict.fromkeys(a for _, a, _, _ in steps))
    return JourneySketch(
        "j",
        "J",
        tuple(StepSketch(i, i, a, s, tuple(Move(t) for t in nxt)) for i, a, s, nxt in steps),
        tuple(Lane(a, a, a, "#000000") for a in agencies),
        tuple((s, s.title()) for s in stages),
        entry or (steps[0][0],) if steps else (),
    )


def test_stages_take_contiguous_columns_in_order_and_never_overlap():
    cells = grid(
        sketch(
            [
                ("a", "x", "plan", ["b", "c"]),
                ("b", "y", "apply", ["d"]),
                ("c", "x", "apply", ["d"]),
                ("d", "y", "receive", []),
            ],
            ["plan", "apply", "receive"],
        )
    )
    assert [(s.id, s.first, s.last) for s in cells.stages] == [
        ("plan", 0, 0),
        ("apply", 1, 1),
        ("receive", 2, 2),
    ]
    assert {s: c.column for s, c in cells.cells.items()} == {"a": 0, "b": 1, "c": 1, "d": 2}


def test_inside_a_stage_a_step_sits_right_of_the_steps_it_follows():
    cells = grid(
        sketch(
            [
                ("a", "x", "s", ["b"]),
                ("b", "x", "s", ["c"]),
                ("c", "y", "s", []),
                ("d", "y", "t", []),
            ],
            ["s", "t"],
        )
    )
    assert [cells.cells[s].column for s in "abcd"] == [0, 1, 2, 3]
    assert cells.columns == 4


def test_parallel_stages_do_not_share_columns():
    """Two stages that happen at the same time still each get their own columns."""
    cells = grid(
        sketch(
            [("a", "x", "s", ["b", "c"]), ("b", "x", "t", []), ("c", "y", "u", [])], ["s", "t", "u"]
        )
    )
    assert [cells.cells[s].column for s in "abc"] == [0, 1, 2]


def test_an_empty_stage_and_an_empty_lane_still_have_room():
    cells = grid(sketch([("a", "x", "s", [])], ["s", "empty"], lanes=["x", "nobody"]))
    assert [(s.id, s.first, s.last) for s in cells.stages] == [("s", 0, 0), ("empty", 1, 1)]
    assert cells.rows_per_lane == [1, 1]


def test_steps_without_a_stage_come_last_under_no_stage():
    cells = grid(sketch([("a", "x", "", ["b"]), ("b", "x", "s", [])], ["s"]))
    assert [(s.id, s.name) for s in cells.stages] == [("s", "S"), ("", NO_STAGE_NAME)]
    assert cells.cells["a"].column == 1 and cells.cells["b"].column == 0


def test_a_journey_without_stages_is_laid_out_by_moves_from_the_start():
    cells = grid(
        sketch(
            [
                ("a", "x", "", ["b", "d"]),
                ("b", "x", "", ["c"]),
                ("c", "y", "", ["d"]),
                ("d", "y", "", []),
            ]
        )
    )
    assert [cells.cells[s].column for s in "abcd"] == [0, 1, 2, 3]


def test_steps_sharing_a_lane_and_a_column_stack_without_overlap():
    cells = grid(
        sketch(
            [
                ("s", "x", "", ["p1", "p2", "p3"]),
                ("p1", "x", "", ["e"]),
                ("p2", "x", "", ["e"]),
                ("p3", "x", "", ["e"]),
                ("e", "y", "", []),
            ]
        )
    )
    assert sorted(cells.cells[p].slot for p in ("p1", "p2", "p3")) == [0, 1, 2]
    assert cells.rows_per_lane == [3, 1]
    for a, b in itertools.combinations(cells.cells.values(), 2):
        assert (a.lane, a.column, a.slot) != (b.lane, b.column, b.slot)


def test_loops_do_not_break_the_grid():
    cells = grid(
        sketch(
            [
                ("apply", "ssa", "", ["review"]),
                ("review", "ssa", "", ["missing", "decide"]),
                ("missing", "irs", "", ["review"]),
                ("decide", "ssa", "", ["apply"]),
            ]
        )
    )
    assert cells.cells["review"].column > cells.cells["apply"].column
