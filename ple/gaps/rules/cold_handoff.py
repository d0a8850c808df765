"""cold-handoff: the customer is sent to another agency and must find their own way."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import HandoffType

_HOW = {
    HandoffType.cold: "must find the next agency alone",
    HandoffType.referral: "is told where to go but must start again there",
}


@rule(id="cold-handoff", title="Cold or referral handoff", severity="warning")
def cold_handoff(view: JourneyView) -> Iterator[Gap]:
    """The customer leaves one agency and must find or re-approach the next one alone.

    Why it matters:
        Every cold start is a place where people give up, miss a deadline or wait
        without knowing why. It adds learning and compliance costs (M-22-10) and is
        where a life experience most often breaks into separate bureaucracies.

    How to fix:
        Make the handoff warm (the first agency connects the customer, with context)
        or automatic (the data flows and the customer does nothing), and pass along
        what the next agency needs.

    Basis:
        A-11 Section 280 life-experience work asks agencies to design across
        agency lines; EO 14058 asks them to reduce the need for people to interact
        separately with multiple agencies.
    """
    for handoff in view.handoffs:
        detail = handoff.transition.handoff
        if detail is None or detail.type not in _HOW:
            continue
        source, target = handoff.source, handoff.target
        note = f" ({detail.note})" if detail.note else ""
        yield Gap(
            message=(
                f"After {view.step_label(source)} the customer {_HOW[detail.type]}: "
                f"{view.step_label(target)} is a {detail.type.value} handoff from "
                f"{view.agency(source.agency)} to {view.agency(target.agency)}{note}."
            ),
            suggestion=(
                f"Have {view.agency(source.agency)} connect the customer to "
                f"{view.agency(target.agency)} with context (warm), or send the data "
                "directly (automatic)."
            ),
            step=source.id,
            transition=(source.id, target.id),
            agencies=(source.agency, target.agency),
        )
