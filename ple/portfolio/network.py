"""The agency network across a portfolio: agencies as nodes, handoffs as weighted edges.

Each edge is one (from agency, to agency, handoff type) with the number of handoffs of
that type between the two across the journeys in scope, so a pair of agencies joined by
three cold and one automatic handoff has two edges. ``undocumented`` stands for a
cross-agency move without a ``handoff``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ple.model import Workspace
from ple.scope import Scope, journeys_in_scope, life_experience

UNDOCUMENTED = "undocumented"
TYPES = ("automatic", "warm", "referral", "cold", UNDOCUMENTED)


@dataclass(frozen=True)
class AgencyNode:
    """An agency that runs at least one step in scope."""

    agency: str
    label: str
    name: str
    level: str
    steps: int
    life_experiences: tuple[str, ...]
    home: str
    """The life experience in which the agency runs the most steps (a diagram's column)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "label": self.label,
            "name": self.name,
            "level": self.level,
            "steps": self.steps,
            "life_experiences": list(self.life_experiences),
            "home": self.home,
        }


@dataclass(frozen=True)
class AgencyEdge:
    """All handoffs of one type from one agency to another."""

    source: str
    target: str
    type: str
    handoffs: int
    journeys: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "type": self.type,
            "handoffs": self.handoffs,
            "journeys": list(self.journeys),
        }


@dataclass(frozen=True)
class AgencyNetwork:
    """The agencies of a portfolio and the handoffs between them."""

    scope: str
    nodes: list[AgencyNode]
    edges: list[AgencyEdge]
    life_experience_names: dict[str, str] = field(default_factory=dict)
    """Life experience id -> its name (the name of today's journey)."""

    def to_graph(self) -> nx.MultiDiGraph:
        """The network as a networkx graph: node and edge attributes are plain values, so
        it writes to GraphML as it is (lists joined with ", ")."""
        graph = nx.MultiDiGraph(scope=self.scope)
        for node in self.nodes:
            graph.add_node(
                node.agency,
                label=node.label,
                name=node.name,
                level=node.level,
                steps=node.steps,
                life_experiences=len(node.life_experiences),
            )
        for edge in self.edges:
            graph.add_edge(
                edge.source,
                edge.target,
                key=edge.type,
                type=edge.type,
                handoffs=edge.handoffs,
                journeys=", ".join(edge.journeys),
            )
        return graph

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "life_experiences": self.life_experience_names,
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }


def agency_network(workspace: Workspace, scope: Scope | str = Scope.current) -> AgencyNetwork:
    """Agencies (those that run a step in scope) and their handoffs, by type.

    Nodes are sorted by the number of life experiences (most first), then by label;
    edges by number of handoffs (most first), then by agencies and type.
    """
    journeys = journeys_in_scope(workspace, scope)
    steps: defaultdict[str, int] = defaultdict(int)
    reach: defaultdict[str, set[str]] = defaultdict(set)
    per_experience: defaultdict[tuple[str, str], int] = defaultdict(int)
    names: dict[str, str] = {}
    counts: defaultdict[tuple[str, str, str], int] = defaultdict(int)
    where: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for journey in journeys:
        experience = life_experience(journey)
        names[experience] = workspace.journeys[experience].name
        for step in journey.steps:
            steps[step.agency] += 1
            reach[step.agency].add(experience)
            per_experience[(step.agency, experience)] += 1
        for source, move, target in journey.handoff_transitions():
            key = (
                source.agency,
                target.agency,
                move.handoff.type.value if move.handoff else UNDOCUMENTED,
            )
            counts[key] += 1
            where[key].add(journey.id)
    nodes = [
        AgencyNode(
            a,
            workspace.agency_label(a),
            workspace.agencies[a].name,
            workspace.agencies[a].level.value,
            steps[a],
            tuple(sorted(reach[a])),
            min(reach[a], key=lambda e: (-per_experience[(a, e)], e)),
        )
        for a in steps
    ]
    nodes.sort(key=lambda n: (-len(n.life_experiences), n.label.casefold(), n.agency))
    edges = [
        AgencyEdge(a, b, kind, n, tuple(sorted(where[(a, b, kind)])))
        for (a, b, kind), n in counts.items()
    ]
    edges.sort(key=lambda e: (-e.handoffs, e.source, e.target, TYPES.index(e.type)))
    return AgencyNetwork(Scope(scope).value, nodes, edges, dict(sorted(names.items())))
