"""unshared-data: a handoff passes the customer on without what the next agency asks for."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import Step


@rule(id="unshared-data", title="Handoff does not pass along known data", severity="warning")
def unshared_data(view: JourneyView) -> Iterator[Gap]:
    """A handoff does not pass along an item the customer already gave and the
    receiving agency then asks for again.

    "Already gave" means on every path to the handoff, so alternative branches do
    not count as given.

    Why it matters:
        The data exists on the government's side of the counter, yet the customer
        must provide it again: a "tell us once" opportunity at a named handoff,
        with a named owner on each side.

    How to fix:
        Add the item to the handoff's `shares` and make the receiving agency use
        it, through a data-sharing agreement, an API or a pre-filled form.

    Basis:
        "Tell us once" patterns (UK Tell Us Once, SSA Enumeration at Birth);
        EO 14058's call to coordinate so people need not interact separately with
        multiple agencies; M-22-10 compliance costs.
    """
    given = _given_before(view)
    for handoff in view.handoffs:
        detail = handoff.transition.handoff
        shared = set(detail.shares) if detail else set()
        known = given[handoff.source.id] | set(handoff.source.requests)
        asked = _asked_by_receiving_agency(view, handoff.target)
        missing = [item for item in asked if item in known and item not in shared]
        if not missing:
            continue
        source, target = handoff.source, handoff.target
        names = ", ".join(view.item(item) for item in missing)
        yield Gap(
            message=(
                f"{view.agency(target.agency)} asks again for {names} after "
                f"{view.step_label(source)}, though the customer already gave "
                f"{'it' if len(missing) == 1 else 'them'} earlier and the handoff to "
                f"{view.step_label(target)} does not pass "
                f"{'it' if len(missing) == 1 else 'them'} along."
            ),
            suggestion=f"Share {names} on this handoff so {view.agency(target.agency)} "
                       "need not ask.",
            step=source.id,
            transition=(source.id, target.id),
            agencies=(source.agency, target.agency),
            data_item=missing[0] if len(missing) == 1 else None,
        )


def _given_before(view: JourneyView) -> dict[str, set[str]]:
    """For each reachable step, the items the customer has given on *every* path to
    it: only those are certainly on the government's side already. Computed as a
    fixpoint, so loops in the journey are fine."""
    given: dict[str, set[str] | None] = {step_id: None for step_id in view.steps}
    for entry in view.journey.entry_steps:
        given[entry] = set()
    changed = True
    while changed:
        changed = False
        for step in view.journey.steps:
            before = given[step.id]
            if before is None:
                continue
            carried = before | set(step.requests)
            for transition in step.next:
                current = given[transition.to]
                narrowed = set(carried) if current is None else current & carried
                if transition.to in view.journey.entry_steps:
                    narrowed = set()
                if narrowed != current:
                    given[transition.to] = narrowed
                    changed = True
    return {step_id: items or set() for step_id, items in given.items()}


def _asked_by_receiving_agency(view: JourneyView, target: Step) -> list[str]:
    """What the receiving agency asks for, at the target step and the steps it runs
    next without handing the customer on."""
    asked: dict[str, None] = {}
    seen = {target.id}
    queue = deque([target])
    while queue:
        step = queue.popleft()
        asked.update(dict.fromkeys(step.requests))
        for transition in step.next:
            following = view.steps[transition.to]
            if following.agency == target.agency and following.id not in seen:
                seen.add(following.id)
                queue.append(following)
    return list(asked)
