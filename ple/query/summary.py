"""A one-line-per-journey overview of a workspace, for ``ple info`` and the app."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ple.model import Workspace


@dataclass(frozen=True)
class JourneySummary:
    """Counts that tell a designer how big and how fragmented a journey is."""

    id: str
    name: str
    state: str
    stages: int
    steps: int
    agencies: int
    handoffs: int
    undocumented_handoffs: int
    volume_per_year: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarize(workspace: Workspace) -> list[JourneySummary]:
    """One summary per journey, sorted by id."""
    rows = []
    for journey in workspace.journeys.values():
        handoffs = list(journey.handoff_transitions())
        rows.append(
            JourneySummary(
                id=journey.id,
                name=journey.name,
                state=journey.state.value,
                stages=len(journey.stages),
                steps=len(journey.steps),
                agencies=len({step.agency for step in journey.steps}),
                handoffs=len(handoffs),
                undocumented_handoffs=sum(t.handoff is None for _, t, _ in handoffs),
                volume_per_year=journey.volume.per_year if journey.volume else None,
            )
        )
    return sorted(rows, key=lambda r: r.id)
