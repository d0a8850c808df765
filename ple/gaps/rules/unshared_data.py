"""unshared-data: a handoff leaves behind what the next agency then asks the customer for."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import FindingSeverity, Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import Step

Holding = frozenset[tuple[str, str]]
"""(agency, data item) pairs: which agency certainly holds which item."""


@rule(id="unshared-data", title="Handoff does not pass along known data", severity="warning")
def unshared_data(view: JourneyView) -> Iterator[Gap]:
    """A handoff does not pass along an item the sending agency already holds and the
    receiving step then asks the customer for.

    An agency holds an item when the customer gave it to that agency on every path
    to the handoff, or another agency shared it with it on a handoff. Items the
    receiving agency already holds itself are left to `repeated-request`. Where the
    handoff is not described, what it shares is unknown: the finding is unverified.

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
    holding = _holding_before(view)
    for handoff in view.handoffs:
        source, target, detail = handoff.source, handoff.target, handoff.transition.handoff
        held = holding[source.id] | {(source.agency, item) for item in source.requests}
        shared = set(detail.shares) if detail else set()
        missing = [
            item for item in dict.fromkeys(target.requests)
            if (source.agency, item) in held and (target.agency, item) not in held
            and item not in shared
        ]
        if not missing:
            continue
        names = ", ".join(view.item(item) for item in missing)
        it = "it" if len(missing) == 1 else "them"
        if detail is None:
            how = f"the handoff is not described, so whether it passes {it} along is unknown"
        else:
            how = f"the handoff does not pass {it} along"
        yield Gap(
            message=(
                f"{view.step_label(target)} asks the customer for {names}, which "
                f"{view.agency(source.agency)} already holds from earlier steps; {how}."
            ),
            suggestion=f"Share {names} on the handoff from {view.agency(source.agency)} "
                       f"so {view.agency(target.agency)} need not ask.",
            step=source.id,
            transition=(source.id, target.id),
            agencies=(source.agency, target.agency),
            data_item=missing[0] if len(missing) == 1 else None,
            unverified=detail is None,
            severity=FindingSeverity.info if detail is None else None,
        )


def _holding_before(view: JourneyView) -> dict[str, Holding]:
    """For each step, the (agency, item) pairs held on *every* path to it.

    At a fork (next steps that all happen) a branch also carries what the first step of
    every branch everyone takes gives its agency: those steps happen to the same person
    at the same point (the death registered with the state goes to SSA *and* the family
    orders certificates, so SSA holds the number when the family later applies there).

    A fixpoint over the journey, so loops are fine: it starts from "everything"
    at every step but the entries and only ever narrows.
    """
    entries = set(view.journey.entry_steps)
    holding: dict[str, Holding | None] = {
        step_id: (frozenset() if step_id in entries else None) for step_id in view.steps
    }
    changed = True
    while changed:
        changed = False
        for step in view.journey.steps:
            before = holding[step.id]
            if before is None:
                continue
            after = before | {(step.agency, item) for item in step.requests}
            if step.fork:
                after = after | _given_alongside(view, step)
            for transition in step.next:
                carried = after
                if transition.handoff and transition.handoff.shares:
                    receiver = view.steps[transition.to].agency
                    carried = carried | {(receiver, i) for i in transition.handoff.shares}
                current = holding[transition.to]
                narrowed = frozenset() if transition.to in entries else (
                    carried if current is None else current & carried)
                if narrowed != current:
                    holding[transition.to] = narrowed
                    changed = True
    return {step_id: pairs or frozenset() for step_id, pairs in holding.items()}


def _given_alongside(view: JourneyView, fork: Step) -> Holding:
    """What the first steps of a fork's branches that everyone takes (no condition, no
    share) are given: by the customer, and on the handoff into them."""
    given: set[tuple[str, str]] = set()
    for transition in fork.next:
        if transition.condition is not None or transition.share is not None:
            continue
        target = view.steps[transition.to]
        given |= {(target.agency, item) for item in target.requests}
        if transition.handoff:
            given |= {(target.agency, item) for item in transition.handoff.shares}
    return frozenset(given)
