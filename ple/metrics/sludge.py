"""Holistic sludge: M-22-10's three costs of a journey, as separate figures.

OMB's M-22-10 asks agencies to count the administrative burden a service puts on the
public as three kinds of cost, and A-11 Section 280 asks for burden to be measured
holistically. They are kept apart here and never folded into one score: a journey that
is quick but bewildering and one that is clear but slow need different fixes.

- **Learning costs**: finding out what to do and where. The agencies the person must
  deal with, the cold and referral handoffs they must navigate alone, the programs.
- **Compliance costs**: doing it. Active minutes, waiting days, visits, money,
  documents to gather, items asked for more than once.
- **Psychological costs**: what it feels like. Steps the map records as distressing
  (negative ``sentiment``), recorded pain points, ping-pong between agencies, and being
  asked again for what was already given.

Every figure names the steps it comes from, and the steps that do not say (unknown is
counted beside the figure, never as zero). For a persona the figures cover the steps
the equity walk lets them take, each in the cheapest channel open to them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ple.equity import EquityResult, personas_to_walk, walk
from ple.equity.burden import FIGURES, channel_figures
from ple.errors import NotFoundError
from ple.gaps import all_rules
from ple.gaps.view import Handoff, JourneyView
from ple.io.suggest import did_you_mean
from ple.metrics.evidence import EvidenceShares, evidence_shares
from ple.model import Channel, DataItemKind, HandoffType, Journey, Workspace

ALONE = (HandoffType.cold, HandoffType.referral)
"""Handoff types that leave the person to make the next contact themselves."""


@dataclass(frozen=True)
class SludgeFigure:
    """One cost, where it comes from, and what the data does not say."""

    key: str
    label: str
    value: float
    steps: tuple[str, ...]
    """The steps the figure comes from."""
    items: tuple[str, ...] = ()
    """What was counted, when it is not steps: agency ids, data item ids, 'a -> b' moves."""
    unknown: tuple[str, ...] = ()
    """Steps (or moves) that do not say, so the figure may be low."""
    evidence: EvidenceShares | None = None
    """How much of it rests on observed, reported, assumed and unknown evidence: a burden
    figure by each step's figure (weighed by size), any other by the evidence of the steps
    it comes from (one each)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Sludge:
    """A journey's three costs, whole or as one persona lives it."""

    journey: str
    persona: str | None
    learning: tuple[SludgeFigure, ...]
    compliance: tuple[SludgeFigure, ...]
    psychological: tuple[SludgeFigure, ...]
    steps: tuple[str, ...] = field(default=())
    """The steps counted: the whole journey, or those the persona can take."""

    def costs(self) -> dict[str, tuple[SludgeFigure, ...]]:
        return {
            "learning": self.learning,
            "compliance": self.compliance,
            "psychological": self.psychological,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "journey": self.journey,
            "persona": self.persona,
            "steps": list(self.steps),
            **{cost: [f.to_dict() for f in figures] for cost, figures in self.costs().items()},
        }


def sludge(workspace: Workspace, journey_id: str, persona: str | None = None) -> Sludge:
    """The three costs of a journey, or of the part ``persona`` (journey or built-in) takes."""
    journey = workspace.journeys.get(journey_id)
    if journey is None:
        raise NotFoundError(
            f"no journey {journey_id!r} in the workspace"
            f"{did_you_mean(journey_id, workspace.journeys)}"
        )
    if persona is not None:
        return walked_sludge(workspace, walk(journey, personas_to_walk(journey, [persona])[0]))
    figures = {s.id: channel_figures(s, None) for s in journey.steps}
    return _sludge(workspace, journey, None, figures, {})


def walked_sludge(workspace: Workspace, result: EquityResult) -> Sludge:
    """The three costs of the steps an equity walk took, each in the channel it chose."""
    journey = workspace.journeys[result.journey]
    by_id = {s.id: s for s in journey.steps}
    channels = {s: _channel(result.burden.channels[s]) for s in result.walked}
    figures = {s: channel_figures(by_id[s], channels[s]) for s in result.walked}
    return _sludge(workspace, journey, result.persona, figures, channels)


def _sludge(
    workspace: Workspace,
    journey: Journey,
    persona: str | None,
    figures: dict[str, dict[str, float | None]],
    channels: dict[str, Channel | None],
) -> Sludge:
    """The costs of the steps in ``figures`` (in journey order), with those figures, taken
    through ``channels`` (a step missing there: its general figures)."""
    view = JourneyView.of(workspace, _restricted(journey, set(figures)))
    by_id = {s.id: s for s in journey.steps}

    def with_evidence(figure: SludgeFigure) -> SludgeFigure:
        if figure.key in FIGURES:
            parts = [
                (by_id[s].burden_evidence(figure.key, channels.get(s)), v[figure.key])
                for s, v in figures.items()
                if v[figure.key] is not None
            ]
        else:
            parts = [(by_id[s].evidence, 1.0) for s in dict.fromkeys(figure.steps)]
        return replace(figure, evidence=evidence_shares(parts))

    return Sludge(
        journey=journey.id,
        persona=persona,
        learning=tuple(map(with_evidence, _learning(view))),
        compliance=tuple(map(with_evidence, _compliance(view, figures))),
        psychological=tuple(map(with_evidence, _psychological(view))),
        steps=tuple(figures),
    )


def _learning(view: JourneyView) -> tuple[SludgeFigure, ...]:
    steps = view.journey.steps
    agencies = list(dict.fromkeys(s.agency for s in steps))
    alone = [
        h
        for h in view.handoffs
        if h.transition.handoff is not None and h.transition.handoff.type in ALONE
    ]
    undocumented = [h for h in view.handoffs if h.transition.handoff is None]
    programs = list(dict.fromkeys(s.program for s in steps if s.program))
    return (
        SludgeFigure(
            "agencies",
            "Agencies to deal with",
            len(agencies),
            tuple(s.id for s in steps),
            items=tuple(agencies),
        ),
        SludgeFigure(
            "handoffs_alone",
            "Cold and referral handoffs to navigate alone",
            len(alone),
            tuple(dict.fromkeys(h.source.id for h in alone)),
            items=tuple(_move(h) for h in alone),
            unknown=tuple(_move(h) for h in undocumented),
        ),
        SludgeFigure(
            "programs",
            "Programs",
            len(programs),
            tuple(s.id for s in steps if s.program),
            items=tuple(programs),
        ),
    )


def _compliance(
    view: JourneyView, figures: dict[str, dict[str, float | None]]
) -> tuple[SludgeFigure, ...]:
    labels = {
        "minutes": "Active minutes",
        "wait_days": "Waiting days",
        "cost_usd": "Out-of-pocket cost (USD)",
        "visits": "Office visits",
    }
    result = []
    for figure in FIGURES:
        known = {s: v[figure] for s, v in figures.items() if v[figure] is not None}
        result.append(
            SludgeFigure(
                figure,
                labels[figure],
                float(sum(known.values())),
                tuple(s for s, value in known.items() if value),
                unknown=tuple(s for s, v in figures.items() if v[figure] is None),
            )
        )
    documents = [
        item
        for item, _ in _asks(view)
        if view.workspace.data_items[item].kind is DataItemKind.document
    ]
    documents = list(dict.fromkeys(documents))
    asked = _asked_again(view)
    result += [
        SludgeFigure(
            "documents",
            "Documents to gather",
            len(documents),
            tuple(dict.fromkeys(s for item, s in _asks(view) if item in documents)),
            items=tuple(documents),
        ),
        SludgeFigure(
            "items_asked_more_than_once",
            "Items asked for more than once",
            len({item for item, _ in asked}),
            tuple(dict.fromkeys(s for _, s in asked)),
            items=tuple(dict.fromkeys(item for item, _ in asked)),
        ),
    ]
    return tuple(result)


def _psychological(view: JourneyView) -> tuple[SludgeFigure, ...]:
    steps = view.journey.steps
    negative = [s.id for s in steps if s.sentiment is not None and s.sentiment < 0]
    pains = [s for s in steps if s.pain_points]
    ping_pong = list(all_rules()["ping-pong"].check(view))
    asked = _asked_again(view)
    return (
        SludgeFigure(
            "negative_steps",
            "Steps recorded as distressing",
            len(negative),
            tuple(negative),
            unknown=tuple(s.id for s in steps if s.sentiment is None),
        ),
        SludgeFigure(
            "pain_points",
            "Pain points",
            sum(len(s.pain_points) for s in pains),
            tuple(s.id for s in pains),
        ),
        SludgeFigure(
            "ping_pong",
            "Sent back and forth between agencies",
            len(ping_pong),
            tuple(dict.fromkeys(g.step for g in ping_pong if g.step)),
            items=tuple(
                f"{a} -> {b}" for a, b in (g.transition for g in ping_pong if g.transition)
            ),
        ),
        SludgeFigure(
            "repeated_requests",
            "Times asked again for something already given",
            len(asked),
            tuple(dict.fromkeys(s for _, s in asked)),
            items=tuple(f"{item} at {step}" for item, step in asked),
        ),
    )


def _asks(view: JourneyView) -> list[tuple[str, str]]:
    """(item, step) for every item each step requests, once per step."""
    return [(item, s.id) for s in view.journey.steps for item in dict.fromkeys(s.requests)]


def _asked_again(view: JourneyView) -> list[tuple[str, str]]:
    """(item, step) where the step asks for an item already asked for on the way there."""
    return [(item, step) for item, step in _asks(view) if view.asked_before(step, item)]


def _restricted(journey: Journey, keep: set[str]) -> Journey:
    """The journey with only the steps in ``keep`` and the moves between them."""
    steps = [
        s.model_copy(update={"next": [t for t in s.next if t.to in keep]})
        for s in journey.steps
        if s.id in keep
    ]
    return journey.model_copy(
        update={"steps": steps, "entry": [e for e in journey.entry_steps if e in keep]}
    )


def _move(handoff: Handoff) -> str:
    return f"{handoff.source.id} -> {handoff.target.id}"


def _channel(value: str | None) -> Channel | None:
    return Channel(value) if value is not None else None
