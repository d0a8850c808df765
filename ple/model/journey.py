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
from ple.model.evidence import Evidence
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

    minutes: NonNegativeFloat | None = Field(
        default=None, le=limits.MINUTES, description="Hands-on time."
    )
    wait_days: NonNegativeFloat | None = Field(
        default=None, le=limits.WAIT_DAYS, description="Calendar days waiting."
    )
    cost_usd: NonNegativeFloat | None = Field(
        default=None, le=limits.COST_USD, description="Out-of-pocket cost."
    )
    visits: NonNegativeInt | None = Field(
        default=None, le=limits.VISITS, description="Trips to an office."
    )
    evidence: Evidence | None = Field(
        default=None, description="What these figures rest on; default: the step's evidence."
    )


class Measures(FormatModel):
    """A-11 Section 280 survey driver scores for a step, each 1 (worst) to 5 (best)."""

    satisfaction: float | None = Field(default=None, ge=1, le=5)
    trust: float | None = Field(default=None, ge=1, le=5)
    effectiveness: float | None = Field(default=None, ge=1, le=5)
    ease: float | None = Field(default=None, ge=1, le=5)
    efficiency: float | None = Field(default=None, ge=1, le=5)
    transparency: float | None = Field(default=None, ge=1, le=5)
    employee: float | None = Field(default=None, ge=1, le=5)
    evidence: Evidence | None = Field(
        default=None, description="What these scores rest on; default: the step's evidence."
    )

    def scores(self) -> dict[str, float]:
        """The drivers that have a score, in OMB's order (without the evidence)."""
        return self.model_dump(exclude_none=True, exclude={"evidence"})


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
    evidence: Evidence | None = Field(
        default=None, description="What the share rests on; default: the step's evidence."
    )


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


class Action(FormatModel):
    """Something done for a step in a service blueprint's row: what staff or systems the
    customer meets (frontstage), what happens out of sight (backstage), or what makes it
    possible (support)."""

    text: str = Field(min_length=1)
    agency: Slug | None = Field(
        default=None, description="Who does it; default: the step's agency."
    )
    system: str | None = Field(
        default=None, description="The system or data exchange, e.g. SSA Enumeration at Birth."
    )


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
    touchpoints: list[Slug] = Field(
        default_factory=list, description="Ids of the touchpoints the step uses."
    )
    frontstage: list[Action] = Field(
        default_factory=list, description="What staff or systems the customer meets."
    )
    backstage: list[Action] = Field(
        default_factory=list, description="What staff and systems do out of the customer's sight."
    )
    support: list[Action] = Field(
        default_factory=list,
        description="Systems, data exchanges and partners that make the step possible.",
    )
    moment_that_matters: StrictBool = False
    moment_reason: str | None = Field(
        default=None, description="Why this is a moment that matters, in a sentence."
    )
    evidence: Evidence | None = Field(
        default=None, description="What the step as mapped rests on; default unknown."
    )
    detail: Slug | None = Field(
        default=None, description="Id of a journey that tells this step in more detail."
    )

    def burden_evidence(self, figure: str, channel: Channel | None = None) -> Evidence | None:
        """The evidence of one burden figure (through ``channel``): that of the block the
        figure comes from, else the step's; None when nobody said (unknown)."""
        override = self.burden_by_channel.get(channel) if channel is not None else None
        if override is not None and getattr(override, figure) is not None:
            return override.evidence or self.evidence
        return (self.burden.evidence if self.burden else None) or self.evidence

    def actions(self) -> Iterator[tuple[str, Action]]:
        """Every blueprint action of the step, with its row."""
        for row in BLUEPRINT_ROWS:
            for action in getattr(self, row):
                yield row, action


BLUEPRINT_ROWS = ("frontstage", "backstage", "support")
"""A step's service blueprint rows, top to bottom; the line of visibility runs between
frontstage and backstage."""


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
    evidence: Evidence | None = Field(default=None, description="What the figure rests on.")


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
