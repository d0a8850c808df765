"""Which two journeys to compare, when the user names both, one or none.

- Both named: those two, in that order (any two different journeys may be compared;
  whether the second names the first as its ``baseline`` is reported, not required).
- One named: a future-state journey is compared with its baseline; a current-state
  journey with every future-state journey that names it as baseline.
- None named: every future-state journey with its baseline.

Anything else (an unknown id, a journey compared with itself, a future state without a
baseline, a current state nothing improves on) is a :class:`PairError` or a
:class:`~ple.errors.NotFoundError` that says, in one sentence, what to give instead.
"""

from __future__ import annotations

from ple.errors import NotFoundError, PleError
from ple.io.suggest import did_you_mean
from ple.model import Journey, JourneyState, Workspace


class PairError(PleError):
    """The journeys named cannot be compared as asked."""


def baseline_pairs(workspace: Workspace) -> list[tuple[str, str]]:
    """(baseline id, future id) for every future-state journey that names a baseline,
    sorted by the future journey's id."""
    return [
        (j.baseline, j.id)
        for j in sorted(workspace.journeys.values(), key=lambda j: j.id)
        if j.state is JourneyState.future and j.baseline
    ]


def pairs_to_compare(
    workspace: Workspace, current: str | None = None, future: str | None = None
) -> list[tuple[str, str]]:
    """The (current, future) pairs the user asked for; see the module docstring."""
    if current is None and future is not None:
        current, future = future, None
    if current is None:
        pairs = baseline_pairs(workspace)
        if not pairs:
            raise PairError(
                "no future-state journey in the workspace names a baseline: "
                "give the two journeys to compare"
            )
        return pairs
    first = find_journey(workspace, current)
    if future is None:
        return _pairs_of(workspace, first)
    second = find_journey(workspace, future)
    if first.id == second.id:
        raise PairError(
            f"cannot compare journey {first.id!r} with itself: give a current and a future journey"
        )
    return [(first.id, second.id)]


def _pairs_of(workspace: Workspace, journey: Journey) -> list[tuple[str, str]]:
    if journey.state is JourneyState.future:
        if journey.baseline is None:
            raise PairError(
                f"future-state journey {journey.id!r} names no baseline: "
                "give the current journey to compare it with"
            )
        return [(journey.baseline, journey.id)]
    pairs = [pair for pair in baseline_pairs(workspace) if pair[0] == journey.id]
    if not pairs:
        raise PairError(
            f"no future-state journey names {journey.id!r} as its baseline: "
            "give the future journey to compare it with"
        )
    return pairs


def find_journey(workspace: Workspace, journey_id: str) -> Journey:
    """The journey with this id, or a NotFoundError that suggests a close one."""
    journey = workspace.journeys.get(journey_id)
    if journey is None:
        raise NotFoundError(
            f"no journey {journey_id!r} in the workspace"
            f"{did_you_mean(journey_id, workspace.journeys)}"
        )
    return journey
