"""Which journeys are compared when the user names two, one or none."""

from __future__ import annotations

import pytest

from ple.compare import PairError, baseline_pairs, compare, pairs_to_compare
from ple.errors import NotFoundError
from tests.compare.conftest import PROPOSED, TODAY, load

SECOND = PROPOSED.replace(
    "id: proposed\nname: Retire, proposed", "id: second\nname: Retire, another proposal"
)
LONE = PROPOSED.replace(
    "id: proposed\nname: Retire, proposed", "id: lone\nname: A proposal without baseline"
).replace("baseline: today\n", "")


@pytest.fixture
def workspace(write):
    return load(
        write,
        ("today.yaml", TODAY),
        ("proposed.yaml", PROPOSED),
        ("second.yaml", SECOND),
        ("lone.yaml", LONE),
    )


def test_no_names_compares_every_future_with_its_baseline(workspace):
    assert baseline_pairs(workspace) == [("today", "proposed"), ("today", "second")]
    assert pairs_to_compare(workspace) == [("today", "proposed"), ("today", "second")]
    assert [(c.current, c.future) for c in compare(workspace)] == [
        ("today", "proposed"),
        ("today", "second"),
    ]


def test_a_future_state_alone_is_compared_with_its_baseline(workspace):
    assert pairs_to_compare(workspace, "second") == [("today", "second")]
    assert pairs_to_compare(workspace, None, "second") == [("today", "second")]


def test_a_current_state_alone_is_compared_with_every_proposal_for_it(workspace):
    assert pairs_to_compare(workspace, "today") == [("today", "proposed"), ("today", "second")]


def test_two_names_are_compared_as_given(workspace):
    assert pairs_to_compare(workspace, "lone", "second") == [("lone", "second")]
    [comparison] = compare(workspace, "lone", "second")
    assert comparison.linked is False


@pytest.mark.parametrize(
    ("current", "future", "error", "message"),
    [
        (
            "todya",
            None,
            NotFoundError,
            "no journey 'todya' in the workspace (did you mean 'today'?)",
        ),
        ("today", "nosuch", NotFoundError, "no journey 'nosuch' in the workspace"),
        (
            "today",
            "today",
            PairError,
            "cannot compare journey 'today' with itself: give a current and a future journey",
        ),
        (
            "lone",
            None,
            PairError,
            "future-state journey 'lone' names no baseline: give the "
            "current journey to compare it with",
        ),
    ],
)
def test_what_cannot_be_compared_says_what_to_give(workspace, current, future, error, message):
    with pytest.raises(error) as raised:
        pairs_to_compare(workspace, current, future)
    assert str(raised.value) == message


def test_a_current_state_nothing_improves_on(write):
    workspace = load(write, ("today.yaml", TODAY))
    with pytest.raises(
        PairError,
        match="no future-state journey names 'today' as its baseline: give the future journey",
    ):
        pairs_to_compare(workspace, "today")
    with pytest.raises(
        PairError,
        match="no future-state journey in the workspace names a "
        "baseline: give the two journeys to compare",
    ):
        pairs_to_compare(workspace)
