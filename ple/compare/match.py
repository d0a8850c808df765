"""Which step of the future journey is which step of the current one.

Designers copy today's map and edit it, so most steps keep their id; some get a new id
while keeping their name (``apply`` becomes ``apply-once``, still "Apply for benefits").
Steps are matched by id first, then, among the steps left over on both sides, by name
(compared without case and extra spaces). A step matched neither way was added (only
in the future) or removed (only today).
"""

from __future__ import annotations

from dataclasses import dataclass

from ple.model import Journey


def name_key(name: str) -> str:
    """A step name as the matcher compares it: case and runs of spaces ignored."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class StepMatch:
    """The pairing of two journeys' steps."""

    pairs: tuple[tuple[str, str, str], ...]
    """(current step id, future step id, "id" or "name"), in the future journey's order."""
    removed: tuple[str, ...]
    """Current step ids with no future counterpart, in the current journey's order."""
    added: tuple[str, ...]
    """Future step ids with no current counterpart, in the future journey's order."""

    def future_of(self) -> dict[str, str]:
        """Current step id -> future step id, for the matched steps."""
        return {current: future for current, future, _ in self.pairs}

    def current_of(self) -> dict[str, str]:
        """Future step id -> current step id, for the matched steps."""
        return {future: current for current, future, _ in self.pairs}


def match_steps(current: Journey, future: Journey) -> StepMatch:
    """Pair the steps of ``current`` and ``future``: by id, then by name.

    Among several unmatched steps with the same name, the first of one journey goes
    with the first of the other, in listing order.
    """
    future_ids = {s.id for s in future.steps}
    by_id = {s.id for s in current.steps if s.id in future_ids}
    left_current = [s for s in current.steps if s.id not in by_id]
    waiting: dict[str, list[str]] = {}
    for step in left_current:
        waiting.setdefault(name_key(step.name), []).append(step.id)
    matched: dict[str, tuple[str, str]] = {}
    for step in future.steps:
        if step.id in by_id:
            matched[step.id] = (step.id, "id")
        elif waiting.get(name_key(step.name)):
            matched[step.id] = (waiting[name_key(step.name)].pop(0), "name")
    taken = {current_id for current_id, _ in matched.values()}
    return StepMatch(
        pairs=tuple(
            (matched[s.id][0], s.id, matched[s.id][1]) for s in future.steps if s.id in matched
        ),
        removed=tuple(s.id for s in current.steps if s.id not in taken),
        added=tuple(s.id for s in future.steps if s.id not in matched),
    )
