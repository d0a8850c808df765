"""One journey as the Journey page shows it: filtered steps, a text list, a sentiment curve."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ple.gaps import Finding
from ple.model import Channel, Journey, Step, Workspace


@dataclass(frozen=True)
class StepFilter:
    """Narrow a journey to some steps; None means "any"."""

    stage: str | None = None
    agency: str | None = None
    persona: str | None = None
    channel: Channel | None = None


@dataclass(frozen=True)
class FilteredSteps:
    """The steps a filter keeps, and those it could not judge."""

    steps: list[Step]
    unknown_channel: list[Step] = field(default_factory=list)
    """Left out by a channel filter only because their channels are not recorded."""


def filter_steps(journey: Journey, wanted: StepFilter) -> FilteredSteps:
    """The steps that match every part of ``wanted``, in journey order."""
    kept, unknown = [], []
    for step in journey.steps:
        if wanted.stage and step.stage != wanted.stage:
            continue
        if wanted.agency and step.agency != wanted.agency:
            continue
        if wanted.persona and step.personas is not None and wanted.persona not in step.personas:
            continue
        if wanted.channel is not None:
            if step.channels is None:
                unknown.append(step)
                continue
            if wanted.channel not in step.channels:
                continue
        kept.append(step)
    return FilteredSteps(kept, unknown)


def finding_counts(findings: list[Finding], journey_id: str) -> dict[str, int]:
    """Open findings per step of one journey (accepted ones are not counted)."""
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.journey == journey_id and finding.step and not finding.accepted:
            counts[finding.step] = counts.get(finding.step, 0) + 1
    return counts


def step_rows(
    workspace: Workspace, journey: Journey, steps: list[Step], counts: dict[str, int]
) -> list[dict[str, Any]]:
    """The journey as an ordered table: the accessible alternative to the diagram."""
    stages = {s.id: s.name for s in journey.stages}
    names = {s.id: s.name for s in journey.steps}
    agency_of = {s.id: s.agency for s in journey.steps}
    rows = []
    for number, step in enumerate(steps, start=1):
        moves = []
        for t in step.next:
            kind = ""
            if agency_of[t.to] != step.agency:
                kind = f" ({t.handoff.type.value if t.handoff else 'undocumented'} handoff)"
            moves.append(f"{names[t.to]}{kind}")
        burden = step.burden
        rows.append(
            {
                "#": number,
                "stage": stages.get(step.stage or "", ""),
                "step": step.name,
                "agency": workspace.agency_label(step.agency),
                "channels": ", ".join(c.value for c in step.channels)
                if step.channels is not None
                else "not recorded",
                "minutes": burden.minutes if burden else None,
                "wait days": burden.wait_days if burden else None,
                "asks for": ", ".join(workspace.data_items[i].name for i in step.requests),
                "next": "; ".join(moves) if moves else ("end" if step.end else "dead end"),
                "findings": counts.get(step.id, 0),
            }
        )
    return rows


def sentiment_points(steps: list[Step]) -> list[dict[str, Any]]:
    """Sentiment (-2..2) of the steps that record one, in journey order."""
    return [
        {"order": n, "step": step.name, "sentiment": step.sentiment}
        for n, step in enumerate(steps, start=1)
        if step.sentiment is not None
    ]
