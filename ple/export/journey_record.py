"""A journey as one JSON document for other tools: its steps, handoffs and findings.

Unlike the node-link ``json`` export (the graph, for graph tools), this record reads
like the journey: stages hold their steps in order, each step carries its agency,
burden and what it asks for by id and by name, each handoff between agencies is listed
once with its type, and each finding carries the legal basis for sharing what is asked
again. Unknown stays unknown: a field the map does not give is ``null``, never a guess.
``docs/export.md`` describes every field.

Parts that other work computes are named in :data:`LATER_PARTS`; each is ``null`` until
a builder is registered for it with :func:`register_part` (the opportunities that
address the journey's findings, say). ``moments`` is built here: the steps marked as
moments that matter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ple.export.registry import ExportContext
from ple.model import BLUEPRINT_ROWS, Step, Transition, Workspace

FORMAT = "ple-journey"
VERSION = 1

Part = Callable[[ExportContext], Any]


def _moments(context: ExportContext) -> list[dict[str, Any]]:
    """The steps the journey marks as moments that matter, in its order, with why."""
    return [
        {"step": step.id, "name": step.name, "stage": step.stage, "reason": step.moment_reason}
        for step in context.journey.steps
        if step.moment_that_matters
    ]


LATER_PARTS: dict[str, Part | None] = {"moments": _moments, "opportunities": None}
"""Top-level fields whose builders may live elsewhere; ``null`` in the record until one
is registered."""


def register_part(name: str, build: Part) -> None:
    """Fill one of :data:`LATER_PARTS` (a new name is refused, so the record's fields stay
    the ones docs/export.md describes)."""
    if name not in LATER_PARTS:
        raise ValueError(
            f"{name!r} is not a part of the journey record; add it to "
            "LATER_PARTS and document it in docs/export.md"
        )
    LATER_PARTS[name] = build


def journey_record(context: ExportContext) -> dict[str, Any]:
    """The record of ``context``'s journey, ready for :func:`json.dumps`."""
    journey, workspace = context.journey, context.workspace
    volume = journey.volume
    record: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "journey": {
            "id": journey.id,
            "name": journey.name,
            "state": journey.state.value,
            "baseline": journey.baseline,
            "trigger": journey.trigger,
            "outcome": journey.outcome,
            "lead_agency": journey.lead_agency,
            "description": journey.description,
            "sources": list(journey.sources),
            "volume": (
                {"per_year": volume.per_year, "source": volume.source, "year": volume.year}
                if volume
                else None
            ),
        },
        "agencies": [_agency(workspace, a) for a in dict.fromkeys(s.agency for s in journey.steps)],
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "description": stage.description,
                "steps": [s.id for s in journey.steps if s.stage == stage.id],
            }
            for stage in journey.stages
        ],
        "steps": [
            _step(workspace, step, order) for order, step in enumerate(journey.steps, start=1)
        ],
        "handoffs": [
            _handoff(source, move, target) for source, move, target in journey.handoff_transitions()
        ],
        "findings": [f.to_dict() for f in context.report.findings if f.journey == journey.id],
    }
    for name, build in LATER_PARTS.items():
        record[name] = build(context) if build is not None else None
    return record


def _agency(workspace: Workspace, agency_id: str) -> dict[str, Any]:
    agency = workspace.agencies[agency_id]
    return {
        "id": agency.id,
        "name": agency.name,
        "acronym": agency.acronym,
        "level": agency.level.value,
        "hisp": agency.hisp,
    }


def _step(workspace: Workspace, step: Step, order: int) -> dict[str, Any]:
    burden = step.burden
    return {
        "order": order,
        "id": step.id,
        "name": step.name,
        "stage": step.stage,
        "agency": step.agency,
        "program": step.program,
        "program_name": workspace.programs[step.program].name if step.program else None,
        "description": step.description,
        "channels": [c.value for c in step.channels] if step.channels is not None else None,
        "languages": list(step.languages) if step.languages is not None else None,
        "accommodations": (list(step.accommodations) if step.accommodations is not None else None),
        "burden": {
            name: getattr(burden, name) if burden else None
            for name in ("minutes", "wait_days", "cost_usd", "visits")
        },
        "requests": [
            {
                "id": i,
                "name": workspace.data_items[i].name,
                "kind": (
                    workspace.data_items[i].kind.value if workspace.data_items[i].kind else None
                ),
            }
            for i in step.requests
        ],
        "forms": list(step.forms),
        "sentiment": step.sentiment,
        "pain_points": list(step.pain_points),
        "next": [
            {
                "to": move.to,
                "condition": move.condition,
                "share": move.share,
                "handoff": (None if move.handoff is None else move.handoff.type.value),
            }
            for move in step.next
        ],
        "fork": step.fork,
        "end": step.end,
        "moment_that_matters": step.moment_that_matters,
        "moment_reason": step.moment_reason,
        "touchpoints": [
            {
                "id": t,
                "name": workspace.touchpoints[t].name,
                "kind": workspace.touchpoints[t].kind.value,
            }
            for t in step.touchpoints
        ],
        "blueprint": {
            row: [
                {
                    "text": action.text,
                    "agency": action.agency or step.agency,
                    "system": action.system,
                }
                for action in getattr(step, row)
            ]
            for row in BLUEPRINT_ROWS
        },
        "evidence": step.evidence.model_dump(mode="json") if step.evidence else None,
    }


def _handoff(source: Step, move: Transition, target: Step) -> dict[str, Any]:
    handoff = move.handoff
    return {
        "from": source.id,
        "to": target.id,
        "from_agency": source.agency,
        "to_agency": target.agency,
        "type": handoff.type.value if handoff else "undocumented",
        "shares": list(handoff.shares) if handoff else None,
        "note": handoff.note if handoff else None,
        "condition": move.condition,
    }
