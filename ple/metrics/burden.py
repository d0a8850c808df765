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
from ple.metrics.rollup import DetailedStep, detail_order
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
    roll_up: bool = False
    """True when detail journeys were counted in the place of the steps they detail."""
    detailed: tuple[DetailedStep, ...] = ()
    """The steps told in more detail by another journey, and what was done with each."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def journey_metrics(
    workspace: Workspace,
    journey_id: str,
    persona: str | None = None,
    *,
    roll_up: bool = False,
    rolled: dict[str, JourneyMetrics] | None = None,
) -> JourneyMetrics:
    """Figures for one journey, optionally only the steps that apply to ``persona``.

    With ``roll_up``, a step with a ``detail`` journey counts that journey's figures in
    its place (see :mod:`ple.metrics.rollup`); the detail journey is counted whole.
    ``rolled`` keeps the rolled-up figures of detail journeys between calls (a portfolio
    asks for the same ones many times)."""
    journey = workspace.journeys.get(journey_id)
    if journey is None:
        raise NotFoundError(
            f"no journey {journey_id!r} in the workspace"
            f"{did_you_mean(journey_id, workspace.journeys)}"
        )
    if persona is not None and persona not in {p.id for p in journey.personas}:
        raise NotFoundError(
            f"no persona {persona!r} in journey {journey_id!r}"
            f"{did_you_mean(persona, [p.id for p in journey.personas])}"
        )
    memo: dict[str, JourneyMetrics] = {} if rolled is None else rolled
    loops: set[tuple[str, str]] = set()
    if roll_up:  # bottom-up, so a chain of any length needs no recursion
        order, loops = detail_order(workspace, journey.id, memo)
        for detail in order:
            if detail not in memo:
                memo[detail] = _metrics(
                    workspace, workspace.journeys[detail], None, True, memo, loops
                )
    return _metrics(workspace, journey, persona, roll_up, memo, loops)


def _metrics(
    workspace: Workspace,
    journey: Journey,
    persona: str | None,
    roll_up: bool,
    memo: dict[str, JourneyMetrics],
    loops: set[tuple[str, str]],
) -> JourneyMetrics:
    steps = [
        s for s in journey.steps if persona is None or s.personas is None or persona in s.personas
    ]
    included = {s.id for s in steps}
    totals = {figure: 0.0 for figure in FIGURES}
    unknown = dict.fromkeys(FIGURES, 0)
    parts: dict[str, list] = {figure: [] for figure in FIGURES}
    by_agency: dict[str, dict[str, float]] = {}
    detailed, waits, wait_parts = [], {}, {}
    for step in steps:
        inner = _detail_metrics(workspace, journey.id, step, roll_up, memo, loops)
        if isinstance(inner, str):  # a detail that could not be rolled up
            detailed.append(DetailedStep(step.id, step.detail or "", False, reason=inner))
            inner = None
        replaced = [f for f in FIGURES if inner is not None and inner.evidence[f].basis != "none"]
        own = by_agency.setdefault(step.agency, _agency_row())
        own["steps"] += 1
        for figure in FIGURES:
            if figure in replaced:
                totals[figure] += getattr(inner, figure)
                unknown[figure] += inner.unknown[figure]
                parts[figure] += _level_parts(inner.evidence[figure])
                for row in inner.agency_burden:
                    _add_agency(by_agency, row, figure)
                continue
            value = getattr(step.burden, figure) if step.burden else None
            if value is None:
                unknown[figure] += 1
                own["unknown_minutes"] += figure == "minutes"
            else:
                totals[figure] += value
                own[figure] += value
                parts[figure].append((step.burden_evidence(figure), value))
        if inner is not None:
            detailed.append(
                DetailedStep(
                    step.id,
                    inner.journey,
                    True,
                    tuple(replaced),
                    tuple(f for f in FIGURES if f not in replaced),
                    inner.detailed,
                )
            )
            if "wait_days" in replaced:
                waits[step.id] = inner.critical_path_wait_days
                wait_parts[step.id] = _level_parts(inner.evidence["critical_path_wait_days"])
        elif step.detail is not None and not roll_up:
            detailed.append(DetailedStep(step.id, step.detail, False))
    handoffs = Counter(
        (t.handoff.type.value if t.handoff else UNDOCUMENTED)
        for s, t, target in journey.handoff_transitions()
        if s.id in included and target.id in included
    )
    requests = Counter(item for s in steps for item in dict.fromkeys(s.requests))
    path_steps, path_wait = critical_path(journey, included, waits)
    by_id = {s.id: s for s in steps}
    evidence = {figure: evidence_shares(parts[figure]) for figure in FIGURES}
    evidence["critical_path_wait_days"] = evidence_shares(
        part
        for s in path_steps
        for part in (
            wait_parts[s]
            if s in wait_parts
            else [(by_id[s].burden_evidence("wait_days"), by_id[s].burden.wait_days)]
            if by_id[s].burden and by_id[s].burden.wait_days is not None
            else []
        )
    )
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
        critical_path=path_steps,
        critical_path_wait_days=path_wait,
        agency_burden=_agency_burden(by_agency, totals["minutes"]),
        evidence=evidence,
        roll_up=roll_up,
        detailed=tuple(detailed),
    )


def _detail_metrics(
    workspace: Workspace,
    journey_id: str,
    step: Step,
    roll_up: bool,
    memo: dict[str, JourneyMetrics],
    loops: set[tuple[str, str]],
) -> JourneyMetrics | str | None:
    """The rolled-up metrics of the step's detail journey, None when there is nothing to
    roll up, or why it cannot be (the loader refuses both; a hand-built workspace may not)."""
    if not roll_up or step.detail is None:
        return None
    if step.detail not in workspace.journeys:
        return "no such journey: its step keeps its own figures"
    if (journey_id, step.detail) in loops or step.detail not in memo:
        return "a loop of detail journeys: its step keeps its own figures"
    return memo[step.detail]


def _level_parts(shares: EvidenceShares) -> list[tuple[str, float]]:
    """A detail journey's evidence mix as parts of its parent's total: its amounts by
    level, or, when every figure was 0, one zero part for each figure it counted."""
    if shares.basis == "count":
        return [(level, 0.0) for level, n in shares.amounts.items() for _ in range(int(n))]
    return [(level, amount) for level, amount in shares.amounts.items() if amount]


def _agency_row() -> dict[str, float]:
    return {"steps": 0, "unknown_minutes": 0, **dict.fromkeys(FIGURES, 0.0)}


def _add_agency(by_agency: dict[str, dict[str, float]], row: AgencyBurden, figure: str) -> None:
    """Add one figure of a detail journey's agency row to the parent's rows (the agency
    gets its part even if it runs none of the parent's own steps)."""
    into = by_agency.setdefault(row.agency, _agency_row())
    into[figure] += getattr(row, figure)
    if figure == "minutes":
        into["unknown_minutes"] += row.unknown_minutes


def _agency_burden(
    by_agency: dict[str, dict[str, float]], total_minutes: float
) -> list[AgencyBurden]:
    rows = []
    for agency, sums in by_agency.items():
        share = sums["minutes"] / total_minutes if total_minutes else None
        rows.append(
            AgencyBurden(
                agency=agency,
                steps=int(sums["steps"]),
                **{f: sums[f] for f in FIGURES},
                unknown_minutes=int(sums["unknown_minutes"]),
                share_of_minutes=share,
            )
        )
    return sorted(rows, key=lambda r: (-r.minutes, r.agency))


def critical_path(
    journey: Journey, included: set[str], waits: dict[str, float] | None = None
) -> tuple[list[str], float]:
    """The path from an entry step with the longest total wait, and that wait.

    A journey may loop (send missing documents, decide again). Loops are cut
    where a depth-first walk from the entries first closes them, so every step is
    counted at most once on the path; unknown waits count as zero. Among paths of
    equal wait the one with more steps wins, so a journey without waits still has
    a path to show. ``waits`` replaces some steps' waits (a rolled-up detail journey's
    own critical path wait).
    """
    wait = {s.id: (s.burden.wait_days or 0.0) if s.burden else 0.0 for s in journey.steps}
    wait.update(waits or {})
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
    workspace: Workspace,
    journey_id: str | None = None,
    persona: str | None = None,
    *,
    scope: Scope | str = Scope.all,
    roll_up: bool = False,
) -> list[JourneyMetrics]:
    """Metrics for each journey ``scope`` counts (or the one named), whole and then as
    each of its personas lives it.

    With ``persona`` given, only that persona's rows (``journey_id`` is then required).
    """
    if persona is not None:
        if journey_id is None:
            raise NotFoundError("a persona belongs to a journey: give the journey too")
        return [journey_metrics(workspace, journey_id, persona, roll_up=roll_up)]
    ids = (
        [journey_id]
        if journey_id is not None
        else [j.id for j in journeys_in_scope(workspace, scope)]
    )
    rows = []
    rolled: dict[str, JourneyMetrics] = {}
    with collector_paused():
        for jid in ids:
            rows.append(journey_metrics(workspace, jid, roll_up=roll_up, rolled=rolled))
            rows += [
                journey_metrics(workspace, jid, p.id, roll_up=roll_up, rolled=rolled)
                for p in workspace.journeys[jid].personas
            ]
    return rows
