"""unmeasured-touchpoint: a HISP step with no A-11 survey measures."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import Channel


@rule(id="unmeasured-touchpoint", title="HISP touchpoint without measures", severity="info")
def unmeasured_touchpoint(view: JourneyView) -> Iterator[Gap]:
    """A step at a High-Impact Service Provider with no A-11 survey scores recorded.

    Steps that happen automatically (channel `automatic` only) are not touchpoints
    and are left out.

    Why it matters:
        Without post-transaction feedback the team cannot tell whether the step
        works for people or whether a change made it better.

    How to fix:
        Record the step's A-11 driver scores (`measures`) from the agency's quarterly
        CX data, or plan a post-transaction survey for it.

    Basis:
        A-11 Section 280: HISPs collect post-transaction feedback on the standard
        drivers and report it quarterly.
    """
    for step in view.journey.steps:
        automatic_only = step.channels is not None and set(step.channels) == {Channel.automatic}
        if view.is_hisp(step.agency) and step.measures is None and not automatic_only:
            yield Gap(
                message=f"{view.step_label(step)} is a High-Impact Service Provider "
                "touchpoint with no A-11 survey scores.",
                suggestion="Add the step's A-11 driver scores, or plan a survey for it.",
                step=step.id,
                agencies=(step.agency,),
            )
