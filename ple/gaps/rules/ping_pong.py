"""ping-pong: the customer is sent from one agency to another and back again."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.flow import components
from ple.gaps.registry import rule
from ple.gaps.view import LISTED, JourneyView, some_of
from ple.model import HandoffType, Step, Transition


@rule(id="ping-pong", title="Sent back and forth", severity="warning")
def ping_pong(view: JourneyView) -> Iterator[Gap]:
    """The customer goes from agency A to agency B and then straight back to A.

    Why it matters:
        Being bounced between agencies, each saying the other must act first, is
        one of the most frustrating experiences in public service; the historical
        "apply for an SBA loan before FEMA will help" rule is the classic example.

    How to fix:
        Let one agency own the case and get what it needs from the other directly,
        or change the rule that makes the customer carry the answer back.

    Basis:
        EO 14058: coordinate "to reduce the need for those they serve to interact
        separately with multiple agencies"; the 2024 FEMA Individual Assistance
        rule that ended the SBA-loan-first requirement.
    """
    ways_back = _WaysBack(view)
    for handoff in view.handoffs:
        if _automatic(handoff.transition):
            continue
        a, b = handoff.source.agency, handoff.target.agency
        returns, count = ways_back.to(handoff.target, a)
        if not count:
            continue
        back = some_of((view.step_label(step) for step in returns), count, " or ")
        yield Gap(
            message=(
                f"{view.agency(a)} sends the customer to {view.agency(b)} at "
                f"{view.step_label(handoff.target)}, and {view.agency(b)} sends them back to "
                f"{view.agency(a)} at {back}."
            ),
            suggestion=f"Let {view.agency(a)} get what it needs from {view.agency(b)} directly.",
            step=handoff.source.id,
            transition=(handoff.source.id, handoff.target.id),
            agencies=(a, b),
        )


class _WaysBack:
    """The steps of another agency a customer is sent back to, without an automatic leg,
    while still with the agency they arrived at (one bounce, however many ways back).

    Worked out once per arriving agency for every step and every home agency together,
    as bit sets over the ways back (numbered in file order) carried backwards over that
    agency's own moves, loops included: a walk per handoff was quadratic on a long run
    of one agency's steps with many handoffs into it.
    """

    def __init__(self, view: JourneyView) -> None:
        self.view = view
        self.by_agency: dict[str, list[Step]] = {}
        for step in view.journey.steps:
            self.by_agency.setdefault(step.agency, []).append(step)
        self.done: dict[str, tuple[list[Step], dict[str, int], dict[str, int]]] = {}

    def to(self, arrival: Step, home: str) -> tuple[list[Step], int]:
        """The first ways back to ``home`` from ``arrival`` (enough for a sentence), and
        how many there are."""
        if arrival.agency not in self.done:
            self.done[arrival.agency] = self._work_out(arrival.agency)
        targets, homes, reach = self.done[arrival.agency]
        mask = reach[arrival.id] & homes.get(home, 0)
        first = []
        rest = mask
        while rest and len(first) < LISTED:
            lowest = rest & -rest
            first.append(targets[lowest.bit_length() - 1])
            rest ^= lowest
        return first, mask.bit_count()

    def _work_out(self, agency: str) -> tuple[list[Step], dict[str, int], dict[str, int]]:
        steps = self.view.steps
        own_steps = self.by_agency[agency]
        targets: list[Step] = []
        number: dict[str, int] = {}
        own: dict[str, int] = {}
        within: dict[str, list[str]] = {}
        for step in own_steps:
            mask = 0
            within[step.id] = []
            for transition in step.next:
                following = steps[transition.to]
                if following.agency == agency:
                    within[step.id].append(following.id)
                elif not _automatic(transition):
                    if following.id not in number:
                        number[following.id] = len(targets)
                        targets.append(following)
                    mask |= 1 << number[following.id]
            own[step.id] = mask
        homes: dict[str, int] = {}
        for target in targets:
            homes[target.agency] = homes.get(target.agency, 0) | 1 << number[target.id]
        reach: dict[str, int] = {}
        for members in components(within, within.__getitem__):  # later steps first
            mask = 0
            for member in members:
                mask |= own[member]
                for following in within[member]:
                    mask |= reach.get(following, 0)  # a later component's, or 0 inside
            for member in members:
                reach[member] = mask
        return targets, homes, reach


def _automatic(transition: Transition) -> bool:
    return transition.handoff is not None and transition.handoff.type is HandoffType.automatic
