"""low-score: an A-11 survey driver scored below the workspace's threshold."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import MEASURE_KEYS


@rule(id="low-score", title="Low A-11 score", severity="warning")
def low_score(view: JourneyView) -> Iterator[Gap]:
    """An A-11 driver score (1-5) below the threshold in the workspace settings
    (default 3.0, the scale's midpoint).

    Why it matters:
        Customers themselves say this step does not work: it is hard, slow, unclear
        or leaves them distrustful. Low trust is the outcome A-11 tracks most closely.

    How to fix:
        Read the survey's free-text answers for the step, run research with people
        who scored it low, and fix the driver named (ease, efficiency, transparency...).

    Basis:
        A-11 Section 280's post-transaction survey drivers: satisfaction, trust,
        effectiveness, ease, efficiency, transparency, employee helpfulness.
    """
    threshold = view.settings.low_score
    for step in view.journey.steps:
        if step.measures is None:
            continue
        low = [
            (key, getattr(step.measures, key))
            for key in MEASURE_KEYS
            if getattr(step.measures, key) is not None and getattr(step.measures, key) < threshold
        ]
        if low:
            scores = ", ".join(f"{key} {score:g}" for key, score in low)
            yield Gap(
                message=f"{view.step_label(step)} scores below {threshold:g} on: {scores}.",
                suggestion=f"Investigate why customers rate {low[0][0]} low at this step.",
                step=step.id,
                agencies=(step.agency,),
            )
