"""unreachable-step: a step the customer can never get to."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView


@rule(id="unreachable-step", title="Unreachable step", severity="warning")
def unreachable_step(view: JourneyView) -> Iterator[Gap]:
    """A step that no path from the journey's entry steps reaches.

    Why it matters:
        Either the map is missing a connection, or a service exists that customers
        have no way into, which is a discovery gap: people who are eligible never
        hear of it.

    How to fix:
        Connect the step from the step that leads to it, or list it in the
        journey's `entry` if customers can start there.

    Basis:
        M-22-10's learning costs (finding out a program exists) and the
        financial-shock finding that many eligible people never apply.
    """
    for step in view.journey.steps:
        if step.id not in view.reachable:
            yield Gap(
                message=f"No path from the start of the journey reaches {view.step_label(step)}.",
                suggestion="Connect it from the step that leads there, or add it to `entry`.",
                step=step.id,
                agencies=(step.agency,),
            )
