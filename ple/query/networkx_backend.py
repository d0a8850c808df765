"""The embedded backend: queries answered from the in-memory journey graph."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from ple.errors import NotFoundError
from ple.graph.schema import UNDOCUMENTED, EdgeKind, NodeKind, catalog_key, journey_key
from ple.io.suggest import did_you_mean
from ple.query.backend import AgencyRow, HandoffRow, ProgramRow, SharedKind, SharedRow
from ple.scope import Scope, select

_NEXT = EdgeKind.next.value
_STEP = NodeKind.step.value


class NetworkxBackend:
    """Answers :class:`~ple.query.backend.QueryBackend` calls from a journey graph."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    def _require(self, key: str, what: str, ident: str) -> None:
        """Raise NotFoundError, with a suggestion among keys of the same kind and scope."""
        if key not in self.graph:
            scope = key[: max(key.rfind("/"), key.find(":")) + 1]
            known = [k[len(scope) :] for k in self.graph if k.startswith(scope)]
            name = ident.rsplit("/", 1)[-1]
            raise NotFoundError(f"no {what} {ident!r} in the workspace{did_you_mean(name, known)}")

    def journeys(self, scope: Scope | str = Scope.all) -> list[str]:
        journeys = [
            (key, data)
            for key, data in self.graph.nodes(data=True)
            if data["kind"] == NodeKind.journey.value
        ]
        return select(
            ((data["id"], data["state"], self._baseline(key)) for key, data in journeys), scope
        )

    def _baseline(self, journey_key: str) -> str | None:
        return next(
            (
                self.graph.nodes[target]["id"]
                for _, target, key in self.graph.out_edges(journey_key, keys=True)
                if key == EdgeKind.baseline.value
            ),
            None,
        )

    def _counted(self, scope: Scope | str) -> set[str] | None:
        """The journeys ``scope`` counts; None for every journey (nothing to filter)."""
        return None if Scope(scope) is Scope.all else set(self.journeys(scope))

    def handoffs(
        self,
        *,
        journey: str | None = None,
        from_agency: str | None = None,
        to_agency: str | None = None,
        type: str | None = None,
        scope: Scope | str = Scope.all,
    ) -> list[HandoffRow]:
        if journey is not None:
            self._require(catalog_key(NodeKind.journey, journey), "journey", journey)
        counted = self._counted(scope)
        for agency in (from_agency, to_agency):
            if agency is not None:
                self._require(catalog_key(NodeKind.agency, agency), "agency", agency)
        nodes = self.graph.nodes
        rows = []
        for u, v, data in self.graph.edges(data=True):
            if data["kind"] != _NEXT or not data["cross_agency"]:
                continue
            if journey is not None and data["journey"] != journey:
                continue
            if counted is not None and data["journey"] not in counted:
                continue
            source, target = nodes[u], nodes[v]
            if from_agency is not None and source["agency"] != from_agency:
                continue
            if to_agency is not None and target["agency"] != to_agency:
                continue
            kind = data["handoff"]
            if type is not None and (kind or UNDOCUMENTED) != type:
                continue
            rows.append(
                HandoffRow(
                    journey=data["journey"],
                    from_step=source["id"],
                    to_step=target["id"],
                    from_agency=source["agency"],
                    to_agency=target["agency"],
                    type=kind,
                    shares=tuple(data["shares"]),
                    condition=data["condition"],
                )
            )
        return sorted(rows, key=lambda r: (r.journey, r.from_step, r.to_step))

    def _journey_steps(self, journey: str) -> list[dict]:
        self._require(catalog_key(NodeKind.journey, journey), "journey", journey)
        prefix = f"{_STEP}:{journey}/"
        return [data for key, data in self.graph.nodes(data=True) if key.startswith(prefix)]

    def journey_agencies(self, journey: str) -> list[AgencyRow]:
        counts = Counter(step["agency"] for step in self._journey_steps(journey))
        rows = []
        for agency_id, steps in counts.items():
            data = self.graph.nodes[catalog_key(NodeKind.agency, agency_id)]
            rows.append(
                AgencyRow(
                    id=agency_id,
                    name=data["name"],
                    acronym=data["acronym"],
                    hisp=data["hisp"],
                    level=data["level"],
                    steps=steps,
                )
            )
        return sorted(rows, key=lambda r: r.id)

    def journey_programs(self, journey: str) -> list[ProgramRow]:
        counts = Counter(
            step["program"] for step in self._journey_steps(journey) if step["program"]
        )
        rows = []
        for program_id, steps in counts.items():
            data = self.graph.nodes[catalog_key(NodeKind.program, program_id)]
            rows.append(
                ProgramRow(
                    id=program_id,
                    name=data["name"],
                    agency=data["agency"],
                    assistance_listing=data["assistance_listing"],
                    steps=steps,
                )
            )
        return sorted(rows, key=lambda r: r.id)

    def journeys_touching(
        self,
        *,
        agency: str | None = None,
        program: str | None = None,
        scope: Scope | str = Scope.all,
    ) -> list[str]:
        if agency is None and program is None:
            raise ValueError("give an agency or a program")
        found: set[str] = set()
        if agency is not None:
            key = catalog_key(NodeKind.agency, agency)
            self._require(key, "agency", agency)
            found |= {
                self.graph.nodes[step]["journey"]
                for step, _, k in self.graph.in_edges(key, keys=True)
                if k == EdgeKind.at_agency.value
            }
        if program is not None:
            key = catalog_key(NodeKind.program, program)
            self._require(key, "program", program)
            found |= {
                self.graph.nodes[step]["journey"]
                for step, _, k in self.graph.in_edges(key, keys=True)
                if k == EdgeKind.in_program.value
            }
        counted = self._counted(scope)
        return sorted(found if counted is None else found & counted)

    def path(self, journey: str, from_step: str, to_step: str) -> list[str] | None:
        self._require(catalog_key(NodeKind.journey, journey), "journey", journey)
        source = journey_key(NodeKind.step, journey, from_step)
        target = journey_key(NodeKind.step, journey, to_step)
        self._require(source, "step", f"{journey}/{from_step}")
        self._require(target, "step", f"{journey}/{to_step}")
        # Breadth-first, each step's transitions in the order they are listed: among
        # equally short paths this finds the one whose list of transition positions is
        # smallest (earlier-listed transitions first), the rule every backend follows.
        parent: dict[str, str | None] = {source: None}
        frontier = [source]
        succ = self.graph.succ
        while frontier and target not in parent:
            reached = []
            for node in frontier:
                moves = sorted(
                    (data["order"], nxt)
                    for nxt, keyed in succ[node].items()
                    for data in keyed.values()
                    if data["kind"] == _NEXT
                )
                for _, nxt in moves:
                    if nxt not in parent:
                        parent[nxt] = node
                        reached.append(nxt)
            frontier = reached
        if target not in parent:
            return None
        keys: list[str] = []
        at: str | None = target
        while at is not None:
            keys.append(at)
            at = parent[at]
        return [self.graph.nodes[k]["id"] for k in reversed(keys)]

    def shared_across_journeys(
        self, kind: SharedKind, scope: Scope | str = Scope.all
    ) -> list[SharedRow]:
        counted = self._counted(scope)
        edge_kind = {
            "agency": EdgeKind.at_agency,
            "program": EdgeKind.in_program,
            "data_item": EdgeKind.requests,
        }[kind].value
        users: defaultdict[str, set[str]] = defaultdict(set)
        for step, target, key in self.graph.edges(keys=True):
            if key == edge_kind:
                journey = self.graph.nodes[step]["journey"]
                if counted is None or journey in counted:
                    users[target].add(journey)
        rows = [
            SharedRow(
                kind=kind,
                id=self.graph.nodes[t]["id"],
                name=self.graph.nodes[t]["name"],
                journeys=tuple(sorted(js)),
            )
            for t, js in users.items()
            if len(js) >= 2
        ]
        return sorted(rows, key=lambda r: (-len(r.journeys), r.id))
