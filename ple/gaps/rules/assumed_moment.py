"""assumed-moment: a moment that matters whose burden rests only on a designer's estimate."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import EvidenceLevel, Step

FIGURES = ("minutes", "wait_days", "cost_usd", "visits")


@rule(id="assumed-moment", title="Moment that matters rests on assumptions", severity="warning")
def assumed_moment(view: JourneyView) -> Iterator[Gap]:
    """A step marked ``moment_that_matters`` whose burden figures (on the step and for
    each channel) all rest on ``assumed`` evidence. Figures whose evidence is unknown are
    not assumed, and a step that records any figure on better evidence is not flagged.

    Why it matters:
        A moment that matters is where the experience is won or lost, and where a
        redesign will be judged. If its time, waiting and cost are only a designer's
        estimate, the case for fixing it (and the proof that a fix worked) rests on a
        guess.

    How to fix:
        Measure this step first: observe people doing it, use the agency's analytics or
        its published PRA burden estimate, then record the figures with ``evidence:
        {level: observed}`` or ``reported`` and their sources.

    Basis:
        OMB M-22-10 asks agencies to estimate burden from the public's experience, and
        A-11 Section 280 asks for customer research; moments that matter are flagged in
        published federal journey maps (the VA's among them).
    """
    for step in view.journey.steps:
        if not step.moment_that_matters:
            continue
        levels = list(_levels(step))
        if levels and all(level is EvidenceLevel.assumed for level in levels):
            why = f" It matters because: {step.moment_reason}" if step.moment_reason else ""
            yield Gap(
                message=f"{view.step_label(step)} is a moment that matters, but every figure "
                f"of its burden is assumed.{why}",
                suggestion="Measure the step (research or agency data) and record the "
                "evidence with its sources.",
                step=step.id,
                agencies=(step.agency,),
            )


def _levels(step: Step) -> Iterator[EvidenceLevel | None]:
    """The evidence level of every recorded burden figure of the step (None: unknown)."""
    channels = [None, *step.burden_by_channel]
    for channel in channels:
        block = step.burden if channel is None else step.burden_by_channel[channel]
        if block is None:
            continue
        for figure in FIGURES:
            if getattr(block, figure) is not None:
                evidence = step.burden_evidence(figure, channel)
                yield evidence.level if evidence is not None else None
