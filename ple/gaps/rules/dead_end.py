"""dead-end: the journey stops at a step nobody meant to be the end."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView


@rule(id="dead-end", title="Dead end", severity="error")
def dead_end(view: JourneyView) -> Iterator[Gap]:
    """A step with no next step that is not marked as an end of the journey.

    Why it matters:
        The customer arrives and nothing tells them what happens next: a denial with
        no route to appeal, a referral to nowhere, a wait with no answer. Dead ends
        are where people fall through the gap between programs.

    How to fix:
        Add the step that really follows (an appeal, a referral, a decision letter),
        or mark the step `end: true` if the journey deliberately stops there.

    Basis:
        A-11 Section 280 life-experience work: the journey must reach an outcome
        for the customer, not end at an agency's boundary.
    """
    for step in view.journey.steps:
        if not step.next and not step.end:
            yield Gap(
                message=f"The journey stops at {view.step_label(step)}: it has no next step "
                "and is not marked as an end.",
                suggestion="Add what happens next, or mark the step `end: true`.",
                step=step.id,
                agencies=(step.agency,),
            )
