"""The portfolio of opportunities, ranked by what each is worth.

The order is a sort on these keys, each best first, so it never depends on file order or
on which other opportunities are shown (a filter keeps the relative order):

1. hours a year saved, the low end of the range (what the change surely gives back as
   far as the map says); opportunities on journeys without ``volume`` come after all
   that have hours;
2. hours a year saved, the central estimate (halfway between the ends when the time tax
   gives none);
3. hours a year saved, the high end;
4. personas unblocked (sure ones, then those that hang on unverified steps);
5. cold handoffs closed;
6. findings resolved;
7. repeated requests removed;
8. the opportunity's id, alphabetically: equal worth keeps a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ple.errors import NotFoundError
from ple.io.suggest import did_you_mean
from ple.model import Opportunity, OpportunityStatus, Workspace
from ple.opportunities.worth import Worth, worth_of

SORT_KEY = (
    "hours a year saved (low end)",
    "hours a year saved (central estimate)",
    "hours a year saved (high end)",
    "personas unblocked",
    "personas that may be unblocked",
    "cold handoffs closed",
    "findings resolved",
    "repeated requests removed",
    "id",
)
"""The ranking's keys in order, as reports name them."""

NO_CHANGE = "none yet (until one is written, nothing is measured)"
"""How reports describe the change of an opportunity started without one."""


@dataclass(frozen=True)
class RankedOpportunity:
    """One row of the ranking: the opportunity, its place and its worth."""

    rank: int
    opportunity: Opportunity
    worth: Worth

    def summary(self, workspace: Workspace) -> dict[str, Any]:
        """The row as short table cells."""
        opportunity, worth = self.opportunity, self.worth
        owner = opportunity.owner
        return {
            "rank": self.rank,
            "id": opportunity.id,
            "title": opportunity.title,
            "journey": opportunity.journey,
            "owner": ", ".join(
                p for p in (workspace.agency_label(owner.agency), owner.unit, owner.role) if p
            ),
            "status": opportunity.status.value,
            "label": "needs a change in law" if worth.needs_change_in_law else "",
            "change": (
                "none yet"
                if not opportunity.change.written
                else "future journey"
                if opportunity.change.future
                else "edits"
            ),
            "hours_a_year_saved": worth.hours_text,
            "hours_rest_on": worth.evidence_text,
            "personas_unblocked": _people(worth),
            "cold_handoffs_closed": worth.cold_handoffs_closed,
            "repeated_requests_removed": worth.repeated_requests_removed,
            "findings_resolved": worth.findings_resolved,
            "addressed_resolved": (
                f"{sum(a.outcome == 'resolved' for a in worth.addressed)} of {len(worth.addressed)}"
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            **self.opportunity.model_dump(mode="json", by_alias=True),
            "worth": self.worth.to_dict(),
        }


def _people(worth: Worth) -> str:
    text = ", ".join(worth.personas_unblocked) or "none"
    if worth.personas_maybe_unblocked:
        text += f" (may be: {', '.join(worth.personas_maybe_unblocked)})"
    return text


def sort_key(row: tuple[Opportunity, Worth]) -> tuple:
    """The ranking's key (see the module docstring): smaller is better."""
    opportunity, worth = row
    hours = worth.hours_per_year_saved
    central = 0.0
    if hours is not None:
        central = hours.central if hours.central is not None else (hours.low + hours.high) / 2
    return (
        hours is None,
        -(hours.low if hours else 0),
        -central,
        -(hours.high if hours else 0),
        -len(worth.personas_unblocked),
        -len(worth.personas_maybe_unblocked),
        -worth.cold_handoffs_closed,
        -worth.findings_resolved,
        -worth.repeated_requests_removed,
        opportunity.id,
    )


def rank_opportunities(
    workspace: Workspace,
    *,
    owner: str | None = None,
    status: Iterable[str] = (),
    agency: str | None = None,
) -> list[RankedOpportunity]:
    """The workspace's opportunities that pass the filters, best first.

    ``owner``: the owner's agency id; ``status``: any of these statuses; ``agency``: the
    opportunity touches this agency (it owns it, or runs a step it addresses or changes).
    Raises NotFoundError for an unknown agency or status.
    """
    for agency_id in (owner, agency):
        if agency_id is not None and agency_id not in workspace.agencies:
            raise NotFoundError(
                f"no agency {agency_id!r} in the workspace"
                f"{did_you_mean(agency_id, workspace.agencies)}"
            )
    statuses = {s.value for s in OpportunityStatus}
    for word in status:
        if word not in statuses:
            raise NotFoundError(
                f"no status {word!r}; use one of {', '.join(statuses)}"
                f"{did_you_mean(word, statuses)}"
            )
    chosen = [
        o
        for o in workspace.opportunities.values()
        if (owner is None or o.owner.agency == owner)
        and (not status or o.status.value in status)
        and (agency is None or agency in agencies_of(workspace, o))
    ]
    rows = sorted(((o, worth_of(workspace, o)) for o in chosen), key=sort_key)
    return [RankedOpportunity(number, o, w) for number, (o, w) in enumerate(rows, 1)]


def agencies_of(workspace: Workspace, opportunity: Opportunity) -> set[str]:
    """The owner's agency and the agencies of every step the opportunity names."""
    journey = workspace.journeys[opportunity.journey]
    named = {*opportunity.steps, *(e.step for e in opportunity.change.steps)}
    for edit in opportunity.change.handoffs:
        named |= {edit.from_, edit.to}
    for ref in opportunity.findings:
        named |= {ref.step} if ref.step else set()
        named |= {ref.transition.from_, ref.transition.to} if ref.transition else set()
    return {opportunity.owner.agency, *(step.agency for step in journey.steps if step.id in named)}
