"""ping-pong: the customer is sent from one agency to another and back again."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
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
    for handoff in view.handoffs:
        if _automatic(handoff.transition):
            continue
        a, b = handoff.source.agency, handoff.target.agency
        returns = list(_returns_to(view, handoff.target, a))
        if not returns:
            continue
        back = " or ".join(view.step_label(step) for step in returns)
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


def _returns_to(view: JourneyView, arrival: Step, home: str) -> Iterator[Step]:
    """Steps of agency ``home`` the customer is sent back to, without an automatic leg,
    while still with the agency they arrived at (one bounce, however many ways back)."""
    seen = {arrival.id}
    queue = deque([arrival])
    found: set[str] = set()
    while queue:
        step = queue.popleft()
        for transition in step.next:
            following = view.steps[transition.to]
            if following.agency == home:
                if not _automatic(transition) and following.id not in found:
                    found.add(following.id)
                    yield following
            elif following.agency == arrival.agency and following.id not in seen:
                seen.add(following.id)
                queue.append(following)


def _automatic(transition: Transition) -> bool:
    return transition.handoff is not None and transition.handoff.type is HandoffType.automatic
