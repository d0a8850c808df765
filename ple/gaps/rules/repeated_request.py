"""repeated-request: the customer is asked for the same thing more than once."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.sharing import answers_for, describe
from ple.gaps.view import JourneyView, some_of


@rule(id="repeated-request", title="Same information requested again", severity="warning")
def repeated_request(view: JourneyView) -> Iterator[Gap]:
    """The same data item is requested at two or more steps of the journey, at least
    twice of one person: twice on one path, or on two branches of a fork, which all happen
    (steps on alternative branches of a choice alone do not count).

    Why it matters:
        Giving the same facts and documents again and again is the most visible
        time tax of a life experience. Each repeat costs time, and each agency that
        asks separately is another chance of a mismatch or a lost document.

    How to fix:
        Ask once and share: pass the item along the handoff (`shares`), reuse what
        another agency already holds, or pre-fill it. Where law requires a fresh
        copy, say so in the step's notes and accept the finding. The finding says,
        for each agency that asks after another, what the catalog's `sharing` records
        allow: sharing under a named authority, no agreement yet, barred by law (only
        a change in law helps), or not recorded.

    Basis:
        "Tell us once" (UK Tell Us Once; SSA Enumeration at Birth and Electronic
        Death Registration in the U.S.); M-22-10's compliance costs; the
        recovering-from-a-disaster goal of sharing information once across agencies.
    """
    askers: dict[str, list] = {}
    for step in view.journey.steps:
        for item in dict.fromkeys(step.requests):
            askers.setdefault(item, []).append(step)
    for item, steps in askers.items():
        if len(steps) < 2:
            continue
        if any(view.asked_before(step.id, item) for step in steps):
            how = "twice on one path"
        elif item in view.asked_on_branches_of_a_fork:
            how = "twice of one person, on branches of a fork that all happen"
        else:
            continue  # asked on alternative branches only: nobody is asked twice
        agencies = tuple(dict.fromkeys(step.agency for step in steps))
        where = some_of((view.step_label(step) for step in steps), len(steps))
        asked = [
            (view.item(item), answers_for(view, item, agencies[:position], receiver))
            for position, receiver in enumerate(agencies[1:], start=1)
        ]
        yield Gap(
            message=(
                f"{view.item(item)} is requested at {len(steps)} steps by "
                f"{len(agencies)} agenc{'y' if len(agencies) == 1 else 'ies'}, at least "
                f"{how}: {where}.{describe(view, asked)}"
            ),
            suggestion=(
                f"Collect {view.item(item)} once and share it along the handoffs, "
                "or reuse the copy an agency already holds."
            ),
            agencies=agencies,
            data_item=item,
            sharing=tuple(a for _, answers in asked for a in answers),
        )
