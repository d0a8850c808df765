"""language-access: a High-Impact Service Provider step offered only in English."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import FindingSeverity, Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import Channel, Step


@rule(id="language-access", title="English only at a HISP", severity="warning")
def language_access(view: JourneyView) -> Iterator[Gap]:
    """A step at a High-Impact Service Provider offered only in English; unknown
    languages there are flagged as unverified. Automatic steps are left out.

    Why it matters:
        People with limited English proficiency are among those a life experience
        most often fails. HISPs serve the largest numbers, so an English-only step
        there shuts out the most people.

    How to fix:
        Offer the step in the languages the journey's customers speak (Spanish at
        least, then others by need), or interpretation, and record them in
        `languages`.

    Basis:
        EO 14058's call for access for people with limited English proficiency;
        A-11 Section 280's HISP designation by scale of impact.
    """
    for step in view.journey.steps:
        if not view.is_hisp(step.agency) or _automatic_only(step):
            continue
        if step.languages is None:
            yield Gap(
                message=f"The languages of {view.step_label(step)}, a High-Impact Service "
                "Provider step, are not recorded.",
                suggestion="Record the languages the step is offered in.",
                step=step.id,
                agencies=(step.agency,),
                unverified=True,
                severity=FindingSeverity.info,
            )
        elif not step.languages:
            yield Gap(
                message=f"{view.step_label(step)}, a High-Impact Service Provider step, is "
                "offered in no language at all.",
                suggestion="Record the languages the step is offered in.",
                step=step.id,
                agencies=(step.agency,),
            )
        elif all(lang.split("-")[0] == "en" for lang in step.languages):
            yield Gap(
                message=f"{view.step_label(step)} is offered in English only, at a "
                "High-Impact Service Provider.",
                suggestion="Offer it in Spanish and the other languages its customers speak.",
                step=step.id,
                agencies=(step.agency,),
            )


def _automatic_only(step: Step) -> bool:
    """A step nobody takes (data flows by itself) has no language to offer."""
    return step.channels is not None and set(step.channels) == {Channel.automatic}
