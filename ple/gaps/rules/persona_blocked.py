"""persona-blocked: one of the journey's own personas cannot get to the end."""

from __future__ import annotations

from collections.abc import Iterator

from ple.equity import walk
from ple.gaps.finding import FindingSeverity, Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView, some_of


@rule(id="persona-blocked", title="A persona cannot finish", severity="warning")
def persona_blocked(view: JourneyView) -> Iterator[Gap]:
    """A persona of the journey cannot reach an end that others reach, because a step
    on every way there is offered only through channels or languages the persona cannot
    use, or lacks an accommodation the persona needs. When the answer hangs on steps
    that do not record their channels, languages or accommodations, the finding is
    unverified. The built-in personas are walked by `ple equity`, not by this rule.

    Why it matters:
        A-11 Section 280 counts equity and accessibility as part of customer
        experience. A journey that a person without home internet, with limited
        English, who cannot travel or who uses a screen reader cannot finish is not
        a slower journey for them: it is no service at all.

    How to fix:
        At the blocked step, add a channel the persona can use (a phone line, a
        visit, mail), the language, or the accommodation; or let an agency do the
        step for them. `ple equity PATH --journey ID --as PERSONA` shows every
        blocked step and what the walk loses behind it.

    Basis:
        A-11 Section 280 (equity, inclusion and accessibility in the definition of
        CX); EO 14058; Section 508 of the Rehabilitation Act; M-22-10's learning
        and compliance costs, which fall hardest on people with the least time,
        money and access.
    """
    journey = view.journey
    for persona in journey.personas:
        result = walk(journey, persona)
        if not result.unconstrained_completes or result.completes is True:
            continue
        who = f"'{persona.name}' ({persona.id})"
        if result.completes is False:
            first = result.blocked[0] if result.blocked else None
            where = some_of(
                (
                    f"{view.step_label(view.steps[b.step])}: {', '.join(b.reasons)}"
                    for b in result.blocked
                ),
                len(result.blocked),
                "; ",
            )
            yield Gap(
                message=(
                    f"{who} cannot complete the journey. Blocked at {where}. "
                    f"{len(result.lost)} step(s) behind are lost to them."
                ),
                suggestion="Offer the blocked step through a channel, language or "
                "accommodation this persona can use.",
                step=first.step if first else None,
                agencies=tuple(dict.fromkeys(view.steps[b.step].agency for b in result.blocked)),
            )
        else:
            questions: dict[str, list[str]] = {}
            for step in result.unverified:
                for question in step.unknowns:
                    questions.setdefault(question, []).append(step.step)
            open_ = " ".join(
                f"{'Each of ' if len(steps) > 1 else ''}"
                f"{some_of((view.step_label(view.steps[s]) for s in steps), len(steps))} "
                f"{question}."
                for question, steps in questions.items()
            )
            yield Gap(
                message=f"Whether {who} can complete the journey is unverified. {open_}",
                suggestion="Record the channels, languages and accommodations of these steps.",
                step=result.unverified[0].step if result.unverified else None,
                agencies=tuple(dict.fromkeys(view.steps[u.step].agency for u in result.unverified)),
                unverified=True,
                severity=FindingSeverity.info,
            )
