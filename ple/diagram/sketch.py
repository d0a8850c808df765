"""What a journey picture needs to know, and nothing else: a journey *sketch*.

The swimlane layout works on a sketch, not on the validated model, because the canvas on
the Edit page draws journeys that are not valid yet (a step without a name, a move to a
step that was just deleted). A sketch is made from a validated journey
(:func:`sketch_journey`, for the pages, the exports and the print map) or from a
journey being edited, whatever state it is in (``ple.views.canvas``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ple.diagram.style import agency_colours, colour_by_id
from ple.diagram.text import flat
from ple.model import Journey, Workspace

NO_STAGE = ""
"""The stage id of steps that name no stage (or a stage the journey does not have)."""


@dataclass(frozen=True)
class Move:
    """A move to another step; ``handoff`` is its handoff type, or None when the move
    changes agency without saying how (an undocumented handoff). A comparison writes its
    own ``label`` on a move and draws it ``strong`` (a changed handoff) or as ``removed``."""

    to: str
    handoff: str | None = None
    label: str | None = None
    emphasis: str | None = None


@dataclass(frozen=True)
class StepSketch:
    id: str
    name: str
    agency: str
    stage: str = NO_STAGE
    next: tuple[Move, ...] = ()
    findings: int = 0
    """Open gap findings on the step (its "⚠ n" badge)."""
    pain_points: tuple[str, ...] = ()
    sentiment: int | None = None
    mark: str | None = None
    """Words the picture writes on the box: "+ NEW" (a comparison), "⊘ BLOCKED" (a walk)."""
    fill: str | None = None
    """The box's colour when it is not its agency's (a removed step is grey)."""


@dataclass(frozen=True)
class Lane:
    agency: str
    label: str
    """What the lane says in bold: the acronym, else the name."""
    name: str
    """The full name (shown under the label when it differs)."""
    colour: str


@dataclass(frozen=True)
class JourneySketch:
    id: str
    name: str
    steps: tuple[StepSketch, ...]
    lanes: tuple[Lane, ...]
    """One lane per agency, top to bottom; lanes without steps are kept (a place to add one)."""
    stages: tuple[tuple[str, str], ...] = ()
    """(id, name) of each stage, in order; stages without steps are kept too."""
    entry: tuple[str, ...] = ()
    trigger: str | None = None
    outcome: str | None = None

    @property
    def step_ids(self) -> set[str]:
        return {step.id for step in self.steps}


def lane_for(workspace: Workspace, agency: str, colours: Mapping[str, str]) -> Lane:
    """A lane for ``agency``; an agency the catalog lacks keeps its id as its label."""
    known = workspace.agencies.get(agency)
    if known is None:
        return Lane(agency, agency, agency, colours.get(agency) or colour_by_id(agency))
    return Lane(agency, flat(known.acronym or known.name), flat(known.name), colours[agency])


def lanes_in_order(agencies: Iterable[str]) -> list[str]:
    """Agencies in the order they first appear: one lane each."""
    return list(dict.fromkeys(agencies))


def sketch_journey(
    workspace: Workspace,
    journey: Journey,
    findings: Mapping[str, int] | None = None,
    marks: Mapping[str, str] | None = None,
) -> JourneySketch:
    """A validated journey as a sketch; ``findings`` counts open findings per step."""
    findings = findings or {}
    marks = marks or {}
    colours = agency_colours(workspace)
    stage_ids = {stage.id for stage in journey.stages}
    agency_of = {step.id: step.agency for step in journey.steps}
    steps = tuple(
        StepSketch(
            id=step.id,
            name=step.name,
            agency=step.agency,
            stage=step.stage if step.stage in stage_ids else NO_STAGE,
            next=tuple(
                Move(t.to, t.handoff.type.value if t.handoff else None)
                for t in step.next
                if t.to in agency_of
            ),
            findings=findings.get(step.id, 0),
            pain_points=tuple(step.pain_points),
            sentiment=step.sentiment,
            mark=marks.get(step.id),
        )
        for step in journey.steps
    )
    lanes = tuple(
        lane_for(workspace, agency, colours)
        for agency in lanes_in_order(s.agency for s in journey.steps)
    )
    return JourneySketch(
        id=journey.id,
        name=journey.name,
        steps=steps,
        lanes=lanes,
        stages=tuple((stage.id, stage.name) for stage in journey.stages),
        entry=tuple(journey.entry_steps),
        trigger=journey.trigger,
        outcome=journey.outcome,
    )
