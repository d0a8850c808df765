"""An opportunity: what a team means to do about some findings, who owns it, and the change.

Findings are diagnoses; an opportunity is the decision that follows. Its ``change`` is
stated either as a whole future-state journey (``future``) or, so that a designer can
write an idea down without copying a journey, as a few field edits on today's journey
(``steps`` and ``handoffs``). Either way its worth is computed by applying the change and
comparing, with the same code that compares a future state with its baseline.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, NonNegativeFloat, model_validator

from ple import limits
from ple.model.base import FormatModel
from ple.model.journey import TransitionRef
from ple.model.vocabulary import Channel, HandoffType, Name, Slug


class OpportunityStatus(StrEnum):
    """Where an opportunity stands, from a first idea to done (or dropped)."""

    idea = "idea"
    exploring = "exploring"
    committed = "committed"
    in_delivery = "in_delivery"
    done = "done"
    dropped = "dropped"


class FindingRef(FormatModel):
    """Names a gap finding the way an acceptance does: its rule and the anchors it has.

    A reference matches a finding of its rule in the opportunity's journey when every
    anchor it names (``step``, ``transition``, ``data_item``) equals the finding's.
    """

    rule: Slug
    step: Slug | None = None
    transition: TransitionRef | None = None
    data_item: Slug | None = None


class Owner(FormatModel):
    """Who answers for an opportunity: an agency, and optionally a unit or a role there."""

    agency: Slug
    unit: str | None = None
    role: str | None = None


class StepEdit(FormatModel):
    """Changes to one step of today's journey."""

    step: Slug
    minutes: NonNegativeFloat | None = Field(
        default=None, le=limits.MINUTES, description="The step's hands-on minutes after it."
    )
    add_channels: list[Channel] = Field(default_factory=list)
    stop_requesting: list[Slug] = Field(
        default_factory=list, description="Data items the step no longer asks for."
    )


class HandoffEdit(FormatModel):
    """Changes to one handoff (a move between two agencies' steps) of today's journey."""

    from_: Slug = Field(alias="from")
    to: Slug
    type: HandoffType | None = None
    add_shares: list[Slug] = Field(
        default_factory=list, description="Data items the handoff now passes along."
    )


class Change(FormatModel):
    """What the opportunity changes: a future-state journey, or edits on today's.

    Neither (the field left out) is an opportunity started before its change is written, as
    the Gaps page starts one: its worth is that of changing nothing until a change is given.
    """

    future: Slug | None = Field(
        default=None,
        description="Id of a future-state journey whose baseline is the opportunity's journey.",
    )
    steps: list[StepEdit] = Field(default_factory=list)
    handoffs: list[HandoffEdit] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> Change:
        edits = bool(self.steps or self.handoffs)
        if self.future is not None and edits:
            raise ValueError(
                "give either future (a future-state journey) or steps and "
                "handoffs (edits on today's journey), not both"
            )
        return self

    @property
    def written(self) -> bool:
        """False while the opportunity has no change yet."""
        return self.future is not None or bool(self.steps or self.handoffs)


class Opportunity(FormatModel):
    """A thing to do about some findings of one journey, its owner, status and change."""

    id: Slug
    title: Name
    how_might_we: str = Field(min_length=1)
    journey: Slug
    findings: list[FindingRef] = Field(default_factory=list)
    steps: list[Slug] = Field(default_factory=list)
    owner: Owner
    status: OpportunityStatus = OpportunityStatus.idea
    change: Change = Field(default_factory=Change)
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
