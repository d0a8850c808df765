"""Burden and fragmentation figures for a journey, whole or as one persona lives it.

Totals add up only what the data says: a step with no minutes adds nothing and is
counted as unknown, so a total is always read with its unknown count beside it.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from ple.collector import collector_paused
from ple.errors import NotFoundError
from ple.graph.order import START, loop_closing_moves, successors
from ple.io.suggest import did_you_mean
from ple.metrics.evidence import EvidenceShares, evidence_shares
from ple.model import Journey, Step, Workspace
from ple.scope import Scope, journeys_in_scope

FIGURES = ("minutes", "wait_days", "cost_usd", "visits")
UNDOCUMENTED = "undocumented"


@dataclass(frozen=True)
class AgencyBurden:
    """One agency's part of a journey's burden."""

    agency: str
    steps: int
    minutes: float
    wait_days: float
    cost_usd: float
    visits: float
    unknown_minutes: int
    """Steps at this agency whose minutes are not recorded (so ``minutes`` may be low)."""
    share_of_minutes: float | None
    """Fraction of the journey's known minutes spent at this agency; None if none known."""


@dataclass(frozen=True)
class JourneyMetrics:
    """What a journey costs the customer and how many hands it passes through."""

    journey: str
    persona: str | None
    steps: int
    minutes: float
    wait_days: float
    cost_usd: float
    visits: float
    unknown: dict[str, int]
    """Per figure, how many steps do not say (so the total may be low)."""
    agencies: int
    handoffs: dict[str, int]
    """Handoffs by type, with ``undocumented`` for those without one."""
    data_items_requested: int
    data_items_requested_more_than_once: int
    critical_path: list[str]
    """The steps of the path from an entry with the longest total wait."""
    critical_path_wait_days: float
    agency_burden: list[AgencyBurden] = field(default_factory=list)
    evidence: dict[str, EvidenceShares] = field(default_factory=dict)
    """Per figure (and ``critical_path_wait_days``), how much of the total rests on
    observed, reported, assumed and unknown evidence."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def journey_metrics(
    workspace: Workspace, journey_id: str, persona: str | None = None
) -> JourneyMetrics:
    """Figures for one journey, optionally only the steps that apply to ``persona``."""
    journey = workspace.journeys.get(journey_id)
    if journey is None:
        raise NotFoundError(f"no journey {journey_id!r} in the workspace"
                            f"{did_you_mean(journey_id, workspace.journeys)}")
    if persona is not None and persona not in {p.id for p in journey.personas}:
        raise NotFoundError(f"no persona {persona!r} in journey {journey_id!r}"
                            f"{did_you_mean(persona, [p.id for p in journey.personas])}")
    steps = [s for s in journey.steps
             if persona is None or s.personas is None or persona in s.personas]
    included = {s.id for s in steps}
    totals = {figure: 0.0 for figure in FIGURES}
    unknown = dict.fromkeys(FIGURES, 0)
    parts: dict[str, list] = {figure: [] for figure in FIGURES}
    for step in steps:
        for figure in FIGURES:
            value = getattr(step.burden, figure) if step.burden else None
            if value is None:
                unknown[figure] += 1
            else:
                totals[figure] += value
                parts[figure].append((step.burden_evidence(figure), value))
    handoffs = Counter(
        (t.handoff.type.value if t.handoff else UNDOCUMENTED)
        for s, t, target in journey.handoff_transitions()
        if s.id in included and target.id in included
    )
    requests = Counter(item for s in steps for item in dict.fromkeys(s.requests))
    path, path_wait = critical_path(journey, included)
    by_id = {s.id: s for s in steps}
    evidence = {figure: evidence_shares(parts[figure]) for figure in FIGURES}
    evidence["critical_path_wait_days"] = evidence_shares(
        (by_id[s].burden_evidence("wait_days"), by_id[s].burden.wait_days)
        for s in path if by_id[s].burden and by_id[s].burden.wait_days is not None)
    return JourneyMetrics(
        journey=journey.id,
        persona=persona,
        steps=len(steps),
        **totals,
        unknown=unknown,
        agencies=len({s.agency for s in steps}),
        handoffs=dict(sorted(handoffs.items())),
        data_items_requested=len(requests),
        data_items_requested_more_than_once=sum(1 for n in requests.values() if n > 1),
        critical_path=path,
        critical_path_wait_days=path_wait,
        agency_burden=_agency_burden(steps, totals["minutes"]),
        evidence=evidence,
    )


def _agency_burden(steps: list[Step], total_minutes: float) -> list[AgencyBurden]:
    by_agency: dict[str, list[Step]] = {}
    for step in steps:
        by_agency.setdefault(step.agency, []).append(step)
    rows = []
    for agency, owned in by_agency.items():
        sums = {f: sum((getattr(s.burden, f) or 0) if s.burden else 0 for s in owned)
                for f in FIGURES}
        share = sums["minutes"] / total_minutes if total_minutes else None
        unknown = sum(1 for s in owned if s.burden is None or s.burden.minutes is None)
        rows.append(AgencyBurden(agency=agency, steps=len(owned), **sums,
                                 unknown_minutes=unknown, share_of_minutes=share))
    return sorted(rows, key=lambda r: (-r.minutes, r.agency))


def critical_path(journey: Journey, included: set[str]) -> tuple[list[str], float]:
    """The path from an entry step with the longest total wait, and that wait.

    A journey may loop (send missing documents, decide again). Loops are cut
    where a depth-first walk from the entries first closes them, so every step is
    counted at most once on the path; unknown waits count as zero. Among paths of
    equal wait the one with more steps wins, so a journey without waits still has
    a path to show.
    """
    wait = {s.id: (s.burden.wait_days or 0.0) if s.burden else 0.0 for s in journey.steps}
    following = successors(journey, included)
    closing = loop_closing_moves(following)
    graph = nx.DiGraph()
    graph.add_node(START)
    queue, seen = deque([START]), {START}
    while queue:  # only what a customer can reach: build no view, it is slow
        node = queue.popleft()
        for target in following[node]:
            if (node, target) not in closing:
                graph.add_edge(node, target, weight=_weight(wait[target]))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    path = nx.dag_longest_path(graph, weight="weight")
    steps = [node for node in path if node != START]
    return steps, sum(wait[s] for s in steps)


def _weight(wait_days: float) -> float:
    """Wait first; one step more breaks a tie (a wait is never below 1/1000 day here)."""
    return wait_days * 1_000_000 + 1


def portfolio_metrics(
    workspace: Workspace, journey_id: str | None = None, persona: str | None = None,
    *, scope: Scope | str = Scope.all,
) -> list[JourneyMetrics]:
    """Metrics for each journey ``scope`` counts (or the one named), whole and then as
    each of its personas lives it.

    With ``persona`` given, only that persona's rows (``journey_id`` is then required).
    """
    if persona is not None:
        if journey_id is None:
            raise NotFoundError("a persona belongs to a journey: give the journey too")
        return [journey_metrics(workspace, journey_id, persona)]
    ids = [journey_id] if journey_id is not None else [
        j.id for j in journeys_in_scope(workspace, scope)]
    rows = []
    with collector_paused():
        for jid in ids:
            rows.append(journey_metrics(workspace, jid))
            rows += [journey_metrics(workspace, jid, p.id)
                     for p in workspace.journeys[jid].personas]
    return rows
