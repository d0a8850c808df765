"""Step order: depth-first loop cutting and each step's column."""

from __future__ import annotations

from ple.graph.order import START, loop_closing_moves, step_depths, successors
from ple.io import load_workspace
from ple.model import Journey
from tests.conftest import DATA


def chain(moves: dict[str, list[str]], entry: list[str] | None = None) -> Journey:
    """A journey whose steps (in dict order) move as ``moves`` says; agency is irrelevant."""
    return Journey.model_validate(
        {
            "id": "j",
            "name": "J",
            "entry": entry or [],
            "steps": [
                {
                    "id": step,
                    "name": step.upper(),
                    "agency": "a",
                    "next": [{"to": t} for t in targets],
                }
                for step, targets in moves.items()
            ],
        }
    )


def test_successors_start_at_the_entry_steps():
    journey = chain({"a": ["b"], "b": ["c"], "c": []})
    assert successors(journey) == {"a": ["b"], "b": ["c"], "c": [], START: ["a"]}
    explicit = chain({"a": ["c"], "b": ["c"], "c": []}, entry=["a", "b"])
    assert successors(explicit)[START] == ["a", "b"]


def test_successors_within_a_subset_drop_other_steps():
    journey = chain({"a": ["b", "c"], "b": ["c"], "c": []})
    assert successors(journey, {"a", "c"}) == {"a": ["c"], "c": [], START: ["a"]}
    assert successors(journey, {"b", "c"}) == {"b": ["c"], "c": [], START: []}


def test_a_dag_has_no_loop_closing_moves():
    assert (
        loop_closing_moves(successors(chain({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []})))
        == set()
    )


def test_loop_is_cut_where_the_walk_closes_it():
    journey = chain({"a": ["b"], "b": ["c"], "c": ["b", "d"], "d": []})
    assert loop_closing_moves(successors(journey)) == {("c", "b")}


def test_self_loop_and_nested_loops_are_cut():
    journey = chain({"a": ["a", "b"], "b": ["c"], "c": ["d", "b"], "d": ["a", "e"], "e": []})
    assert loop_closing_moves(successors(journey)) == {("a", "a"), ("c", "b"), ("d", "a")}


def test_depth_is_the_longest_path_from_the_entry():
    journey = chain({"a": ["b", "d"], "b": ["c"], "c": ["d"], "d": []})
    assert step_depths(journey) == {"a": 0, "b": 1, "c": 2, "d": 3}


def test_loops_do_not_break_depths():
    journey = chain(
        {
            "apply": ["review"],
            "review": ["missing", "decide"],
            "missing": ["review"],
            "decide": ["apply", "pay"],
            "pay": [],
        }
    )
    assert step_depths(journey) == {"apply": 0, "review": 1, "missing": 2, "decide": 2, "pay": 3}


def test_self_loop_keeps_the_step_in_its_column():
    assert step_depths(chain({"a": ["a", "b"], "b": ["b"]})) == {"a": 0, "b": 1}


def test_several_entries_share_column_zero():
    journey = chain(
        {"online": ["review"], "office": ["review"], "review": []}, entry=["online", "office"]
    )
    assert step_depths(journey) == {"online": 0, "office": 0, "review": 1}


def test_unreachable_steps_start_their_own_columns():
    journey = chain({"a": ["b"], "b": [], "orphan": ["after"], "after": ["b"]})
    depths = step_depths(journey)
    assert depths["a"] == 0 and depths["orphan"] == 0
    assert depths["after"] == 1
    assert depths["b"] == 2  # after its deepest predecessor, reachable or not


def test_a_loop_only_reachable_from_itself_still_gets_columns():
    journey = chain({"a": [], "x": ["y"], "y": ["x"]})
    depths = step_depths(journey)
    assert {depths["x"], depths["y"]} == {0, 1}


def test_every_move_but_loop_closing_ones_goes_to_a_later_column(small):
    for folder in (small, DATA):
        for journey in load_workspace(folder).workspace.journeys.values():
            depths = step_depths(journey)
            closing = loop_closing_moves(successors(journey))
            assert set(depths) == {s.id for s in journey.steps}
            for step in journey.steps:
                for move in step.next:
                    if (step.id, move.to) not in closing:
                        assert depths[move.to] > depths[step.id], (journey.id, step.id)


def test_long_chain_is_not_recursive():
    n = 5000
    journey = chain({f"s{i}": [f"s{i + 1}"] if i < n - 1 else [] for i in range(n)})
    depths = step_depths(journey)
    assert depths[f"s{n - 1}"] == n - 1
