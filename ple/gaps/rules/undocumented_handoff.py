"""undocumented-handoff: a move between agencies with no handoff described."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView


@rule(id="undocumented-handoff", title="Undocumented handoff", severity="warning")
def undocumented_handoff(view: JourneyView) -> Iterator[Gap]:
    """A move from one agency to another whose handoff is not described.

    Why it matters:
        Nobody can say whether the customer is connected, referred or left alone
        at this point, so the map cannot show the gap it is meant to find. Handoffs
        between agencies are where life experiences fail most often.

    How to fix:
        Add a `handoff` to the transition with its type (automatic, warm, referral
        or cold), the data items it passes along (`shares`) and a note on how it
        works today.

    Basis:
        Journey mapping as A-11 Section 280 and EO 14058 describe it: find the
        burdens of moving between agencies from evidence, not assumption.
    """
    for handoff in view.handoffs:
        if handoff.transition.handoff is not None:
            continue
        source, target = handoff.source, handoff.target
        yield Gap(
            message=(
                f"The move from {view.step_label(source)} to {view.step_label(target)} "
                "changes agency, but how the customer is handed over is not described."
            ),
            suggestion="Describe the handoff: its type, what it shares, and how it works.",
            step=source.id,
            transition=(source.id, target.id),
            agencies=(source.agency, target.agency),
            unverified=True,
        )
