"""What the Handoffs page shows: the handoffs that match a question, in the journeys
counted, and which journeys those are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ple.graph.schema import UNDOCUMENTED
from ple.model import Workspace
from ple.query import HandoffRow, QueryBackend, counted_by
from ple.scope import Counted, Scope


@dataclass(frozen=True)
class HandoffsView:
    rows: list[HandoffRow]
    counted: Counted

    def table(self) -> list[dict[str, Any]]:
        """The rows as the page's table shows them: ``undocumented`` as a word."""
        return [{**r.to_dict(), "type": r.type or UNDOCUMENTED} for r in self.rows]

    def note(self, workspace: Workspace) -> str:
        """Which journeys the count covers, by name."""
        return self.counted.sentence({j.id: j.name for j in workspace.journeys.values()})


def matching_handoffs(
    backend: QueryBackend,
    scope: Scope | str,
    *,
    journey: str | None = None,
    from_agency: str | None = None,
    to_agency: str | None = None,
    type: str | None = None,
) -> HandoffsView:
    """Handoffs in the journeys ``scope`` counts, or in ``journey`` when one is chosen."""
    rows = backend.handoffs(
        journey=journey,
        from_agency=from_agency,
        to_agency=to_agency,
        type=type,
        scope=Scope.all if journey else scope,
    )
    return HandoffsView(rows, counted_by(backend, scope, [journey] if journey else []))
