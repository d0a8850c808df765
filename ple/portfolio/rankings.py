"""Across a portfolio: who appears in the most life experiences, where customers are most
often left alone between two agencies, and what they are asked for everywhere.

Counts are of life experiences, not journeys (see :mod:`ple.scope`), so a
proposal never doubles its baseline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ple.model import Workspace
from ple.portfolio.network import UNDOCUMENTED
from ple.scope import Scope, journeys_in_scope, life_experience


@dataclass(frozen=True)
class Reach:
    """An agency or a program and the life experiences it takes part in."""

    id: str
    name: str
    life_experiences: tuple[str, ...]
    steps: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "life_experiences": list(self.life_experiences),
            "steps": self.steps,
        }


@dataclass(frozen=True)
class LonelyPair:
    """Handoffs from one agency to another that leave the customer alone or unexplained."""

    source: str
    target: str
    cold: int
    undocumented: int
    life_experiences: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.cold + self.undocumented

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "cold": self.cold,
            "undocumented": self.undocumented,
            "total": self.total,
            "life_experiences": list(self.life_experiences),
        }


@dataclass(frozen=True)
class AskedEverywhere:
    """A data item and where the portfolio asks customers for it."""

    item: str
    name: str
    kind: str | None
    life_experiences: tuple[str, ...]
    agencies: tuple[str, ...]
    steps: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "name": self.name,
            "kind": self.kind,
            "life_experiences": list(self.life_experiences),
            "agencies": list(self.agencies),
            "steps": self.steps,
        }


def _ranked(rows: list, minimum: int) -> list:
    kept = [r for r in rows if len(r.life_experiences) >= minimum]
    return sorted(kept, key=lambda r: (-len(r.life_experiences), -r.steps, r.name.casefold()))


def agencies_by_reach(
    workspace: Workspace, scope: Scope | str = Scope.current, minimum: int = 1
) -> list[Reach]:
    """Agencies that run steps in at least ``minimum`` life experiences, most first."""
    reach: defaultdict[str, set[str]] = defaultdict(set)
    steps: defaultdict[str, int] = defaultdict(int)
    for journey in journeys_in_scope(workspace, scope):
        for step in journey.steps:
            reach[step.agency].add(life_experience(journey))
            steps[step.agency] += 1
    return _ranked(
        [Reach(a, workspace.agency_label(a), tuple(sorted(reach[a])), steps[a]) for a in reach],
        minimum,
    )


def programs_by_reach(
    workspace: Workspace, scope: Scope | str = Scope.current, minimum: int = 1
) -> list[Reach]:
    """Programs behind steps in at least ``minimum`` life experiences, most first."""
    reach: defaultdict[str, set[str]] = defaultdict(set)
    steps: defaultdict[str, int] = defaultdict(int)
    for journey in journeys_in_scope(workspace, scope):
        for step in journey.steps:
            if step.program:
                reach[step.program].add(life_experience(journey))
                steps[step.program] += 1
    return _ranked(
        [Reach(p, workspace.program_label(p), tuple(sorted(reach[p])), steps[p]) for p in reach],
        minimum,
    )


def lonely_pairs(workspace: Workspace, scope: Scope | str = Scope.current) -> list[LonelyPair]:
    """Agency pairs (in the direction of the move) with cold or undocumented handoffs,
    the most first. A cold handoff leaves the customer to find the next agency; an
    undocumented one changes agency without saying how."""
    cold: defaultdict[tuple[str, str], int] = defaultdict(int)
    unknown: defaultdict[tuple[str, str], int] = defaultdict(int)
    reach: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for journey in journeys_in_scope(workspace, scope):
        for source, move, target in journey.handoff_transitions():
            kind = move.handoff.type.value if move.handoff else UNDOCUMENTED
            if kind not in ("cold", UNDOCUMENTED):
                continue
            pair = (source.agency, target.agency)
            (cold if kind == "cold" else unknown)[pair] += 1
            reach[pair].add(life_experience(journey))
    rows = [
        LonelyPair(a, b, cold[(a, b)], unknown[(a, b)], tuple(sorted(reach[(a, b)])))
        for a, b in reach
    ]
    return sorted(
        rows, key=lambda r: (-r.total, -len(r.life_experiences), -r.cold, r.source, r.target)
    )


def asked_everywhere(
    workspace: Workspace, scope: Scope | str = Scope.current, minimum: int = 2
) -> list[AskedEverywhere]:
    """Data items customers are asked for in at least ``minimum`` life experiences: the
    whole-of-government "tell us once" candidates, the most widely asked first (then by
    the number of agencies that ask)."""
    reach: defaultdict[str, set[str]] = defaultdict(set)
    askers: defaultdict[str, dict[str, None]] = defaultdict(dict)
    steps: defaultdict[str, int] = defaultdict(int)
    for journey in journeys_in_scope(workspace, scope):
        for step in journey.steps:
            for item in dict.fromkeys(step.requests):
                reach[item].add(life_experience(journey))
                askers[item][step.agency] = None
                steps[item] += 1
    items = workspace.data_items
    rows = [
        AskedEverywhere(
            i,
            items[i].name,
            items[i].kind.value if items[i].kind else None,
            tuple(sorted(reach[i])),
            tuple(askers[i]),
            steps[i],
        )
        for i in reach
        if len(reach[i]) >= minimum
    ]
    return sorted(
        rows,
        key=lambda r: (-len(r.life_experiences), -len(r.agencies), -r.steps, r.name.casefold()),
    )
