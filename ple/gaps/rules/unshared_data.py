"""unshared-data: a handoff leaves behind what the next agency then asks the customer for."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import FindingSeverity, Gap
from ple.gaps.flow import held_on_every_path
from ple.gaps.registry import rule
from ple.gaps.sharing import answers_for, describe
from ple.gaps.view import JourneyView, some_of


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
        it, through a data-sharing agreement, an API or a pre-filled form. The finding
        says what the catalog's `sharing` records allow for each item from the sending
        agency to the receiving one: sharing under a named authority, no agreement yet,
        barred by law (the suggestion then says a change in law comes first), or not
        recorded.

    Basis:
        "Tell us once" patterns (UK Tell Us Once, SSA Enumeration at Birth);
        EO 14058's call to coordinate so people need not interact separately with
        multiple agencies; M-22-10 compliance costs.
    """
    pairs, holding, gives = held_on_every_path(view.journey)
    for handoff in view.handoffs:
        source, target, detail = handoff.source, handoff.target, handoff.transition.handoff
        held = holding[source.id] | gives[source.id]
        shared = set(detail.shares) if detail else set()
        missing = [
            item
            for item in dict.fromkeys(target.requests)
            if pairs.has(held, (source.agency, item))
            and not pairs.has(held, (target.agency, item))
            and item not in shared
        ]
        if not missing:
            continue
        names = some_of((view.item(item) for item in missing), len(missing))
        it = "it" if len(missing) == 1 else "them"
        if detail is None:
            how = f"the handoff is not described, so whether it passes {it} along is unknown"
        else:
            how = f"the handoff does not pass {it} along"
        answers = [answers_for(view, item, [source.agency], target.agency)[0] for item in missing]
        barred = [view.item(a.data_item) for a in answers if a.needs_change_in_law]
        suggestion = (
            f"Share {names} on the handoff from {view.agency(source.agency)} "
            f"so {view.agency(target.agency)} need not ask."
        )
        if barred:
            suggestion += (
                f" Sharing {some_of(barred, len(barred), ' and ')} needs a change in law first."
            )
        yield Gap(
            message=(
                f"{view.step_label(target)} asks the customer for {names}, which "
                f"{view.agency(source.agency)} already holds from earlier steps; {how}."
                f"{describe(view, [(view.item(a.data_item), [a]) for a in answers])}"
            ),
            suggestion=suggestion,
            step=source.id,
            transition=(source.id, target.id),
            agencies=(source.agency, target.agency),
            data_item=missing[0] if len(missing) == 1 else None,
            unverified=detail is None,
            severity=FindingSeverity.info if detail is None else None,
            sharing=tuple(answers),
        )
