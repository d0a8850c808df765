"""A journey: one life experience mapped as stages, steps and the moves between them.

Everything that describes how hard a step is for a person (burden, channels,
languages, accommodations) is optional, and a missing value means *unknown*, never
*none*: the gap rules report unknowns as unverified instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import BeforeValidator, Field, NonNegativeFloat, NonNegativeInt, StrictBool

from ple import limits
from ple.model.base import FormatModel
from ple.model.vocabulary import (
    Accommodation,
    Channel,
    HandoffType,
    JourneyState,
    LanguageCode,
    Name,
    Slug,
)

Score = float
"""An A-11 survey driver score on the 1-5 agreement scale."""


class Burden(FormatModel):
    """What a step costs the customer; each figure is optional (unknown when absent)."""

    minutes: NonNegativeFloat | None = Field(default=None, le=limits.MINUTES,
                                             description="Hands-on time.")
    wait_days: NonNegativeFloat | None = Field(default=None, le=limits.WAIT_DAYS,
                                               description="Calendar days waiting.")
    cost_usd: NonNegativeFloat | None = Field(default=None, le=limits.COST_USD,
                                              description="Out-of-pocket cost.")
    visits: NonNegativeInt | None = Field(default=None, le=limits.VISITS,
                                          description="Trips to an office.")


class Measures(FormatModel):
    """A-11 Section 280 survey driver scores for a step, each 1 (worst) to 5 (best)."""

    satisfaction: float | None = Field(default=None, ge=1, le=5)
    trust: float | None = Field(default=None, ge=1, le=5)
    effectiveness: float | None = Field(default=None, ge=1, le=5)
    ease: float | None = Field(default=None, ge=1, le=5)
    efficiency: float | None = Field(default=None, ge=1, le=5)
    transparency: float | None = Field(default=None, ge=1, le=5)
    employee: float | None = Field(default=None, ge=1, le=5)


class Handoff(FormatModel):
    """How the customer is passed to another agency on a transition."""

    type: HandoffType
    shares: list[Slug] = Field(
        default_factory=list, description="Data items passed along, so nobody asks again."
    )
    note: str | None = None


class Transition(FormatModel):
    """A move from one step to the next, possibly conditional and possibly a handoff."""

    to: Slug
    condition: str | None = None
    share: float | None = Field(
        default=None, ge=0, le=1, description="Fraction of people who take this branch."
    )
    handoff: Handoff | None = None


class CanUse(FormatModel):
    """What a persona can use; an omitted key means any."""

    channels: list[Channel] | None = None
    languages: list[LanguageCode] | None = None


class Persona(FormatModel):
    """A kind of person taking the journey, with what they can use and need."""

    id: Slug
    name: Name
    description: str | None = None
    can_use: CanUse | None = None
    needs: list[Accommodation] = Field(default_factory=list)


class Stage(FormatModel):
    """A phase of a journey (plan, apply, receive) that groups steps for display."""

    id: Slug
    name: Name
    description: str | None = None


class Step(FormatModel):
    """One thing the customer does, or has done for them, at one agency."""

    id: Slug
    name: Name
    stage: Slug | None = None
    agency: Slug
    program: Slug | None = None
    description: str | None = None
    forms: list[str] = Field(default_factory=list, description="Form numbers, e.g. SSA-1.")
    channels: list[Channel] | None = None
    languages: list[LanguageCode] | None = None
    burden: Burden | None = None
    burden_by_channel: dict[Channel, Burden] = Field(default_factory=dict)
    requests: list[Slug] = Field(default_factory=list)
    sentiment: int | None = Field(default=None, ge=-2, le=2)
    pain_points: list[str] = Field(default_factory=list)
    accommodations: list[Accommodation] | None = None
    measures: Measures | None = None
    personas: list[Slug] | None = None
    next: list[Transition] = Field(default_factory=list)
    fork: StrictBool = Field(
        default=False,
        description="The next steps all happen, not one of them: the person goes on to "
        "every one (apply for Medicaid and enrol in WIC). A branch with a share is taken by "
        "that fraction, one with a condition but no share by an unknown part.",
    )
    end: StrictBool = False
    notes: str | None = None


def _year_as_text(value: object) -> object:
    """People type ``year: 2023``; a whole number is a fine way to write a year."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class Volume(FormatModel):
    """How many people go through a journey a year, and where that figure comes from."""

    per_year: NonNegativeInt = Field(le=limits.PEOPLE_PER_YEAR)
    source: str = Field(min_length=1)
    year: Annotated[str, BeforeValidator(_year_as_text)] | None = Field(
        default=None, description="The year the figure counts, e.g. 2023 or FY2024."
    )
    notes: str | None = None


class TransitionRef(FormatModel):
    """Names a transition by its two steps."""

    from_: Slug = Field(alias="from")
    to: Slug


class AcceptedFinding(FormatModel):
    """A gap the team has looked at and decided to live with, and why.

    Accepted findings are still reported, marked as accepted, and never fail a run.
    """

    rule: Slug
    step: Slug | None = None
    transition: TransitionRef | None = None
    data_item: Slug | None = None
    reason: str = Field(min_length=1)


class Journey(FormatModel):
    """A life experience mapped end to end, as it is today or as it is proposed."""

    id: Slug
    name: Name
    state: JourneyState = JourneyState.current
    baseline: Slug | None = None
    trigger: str | None = None
    outcome: str | None = None
    lead_agency: Slug | None = None
    description: str | None = None
    sources: list[str] = Field(default_factory=list)
    entry: list[Slug] = Field(default_factory=list)
    volume: Volume | None = None
    personas: list[Persona] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    accepted_findings: list[AcceptedFinding] = Field(default_factory=list)
    notes: str | None = None

    @property
    def entry_steps(self) -> list[str]:
        """Where customers start: ``entry`` when given, else the first step listed."""
        return list(self.entry) if self.entry else [self.steps[0].id]

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((s for s in self.steps if s.id == step_id), None)

    def handoff_transitions(self) -> Iterator[tuple[Step, Transition, Step]]:
        """Every transition whose two steps belong to different agencies: a handoff.

        A handoff without ``handoff`` details is undocumented, itself a finding.
        """
        by_id = {step.id: step for step in self.steps}
        for step in self.steps:
            for transition in step.next:
                target = by_id.get(transition.to)
                if target is not None and target.agency != step.agency:
                    yield step, transition, target
