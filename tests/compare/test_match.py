"""Matching steps: by id, then by name; the rest are added or removed."""

from __future__ import annotations

import textwrap

import yaml

from ple.compare import match_steps
from ple.model import Journey


def journey(steps: list[tuple[str, str]]) -> Journey:
    return Journey.model_validate(
        yaml.safe_load(
            textwrap.dedent(f"""
        id: j
        name: J
        steps: {[{"id": i, "name": n, "agency": "ssa"} for i, n in steps]}
    """)
        )
    )


def test_same_ids_match_even_when_renamed():
    match = match_steps(
        journey([("a", "Apply"), ("b", "Decide")]), journey([("a", "Apply once"), ("b", "Decide")])
    )
    assert match.pairs == (("a", "a", "id"), ("b", "b", "id"))
    assert match.added == match.removed == ()


def test_names_match_left_over_steps_ignoring_case_and_spaces():
    match = match_steps(
        journey([("a", "Apply  for Benefits"), ("b", "Decide")]),
        journey([("apply", "apply for benefits"), ("b", "Decide"), ("c", "Appeal")]),
    )
    assert match.pairs == (("a", "apply", "name"), ("b", "b", "id"))
    assert match.added == ("c",)
    assert match.removed == ()


def test_an_id_match_wins_over_a_name_match():
    # today's "b" is named like the proposed "x", but "b" still exists by id
    match = match_steps(
        journey([("a", "Apply"), ("b", "Review")]), journey([("x", "Review"), ("b", "Send papers")])
    )
    assert match.pairs == (("b", "b", "id"),)
    assert match.removed == ("a",)
    assert match.added == ("x",)


def test_repeated_names_pair_in_listing_order():
    match = match_steps(
        journey([("a1", "Wait"), ("a2", "Wait"), ("a3", "Wait")]),
        journey([("b1", "Wait"), ("b2", "Wait")]),
    )
    assert match.pairs == (("a1", "b1", "name"), ("a2", "b2", "name"))
    assert match.removed == ("a3",)
    assert match.future_of() == {"a1": "b1", "a2": "b2"}
    assert match.current_of() == {"b1": "a1", "b2": "a2"}
