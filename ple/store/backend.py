"""The query interface answered in Cypher, on the database server.

:class:`CypherBackend` answers every call of :class:`~ple.query.QueryBackend` with the
statements of ``ple.store.cypher``: the server filters, joins, counts and searches paths;
only the answer's rows travel. Answers equal the networkx backend's, row for row (the test
suite holds them to it), including the errors for unknown ids and their suggestions.
"""

from __future__ import annotations

from ple.errors import NotFoundError
from ple.graph.schema import UNDOCUMENTED, NodeKind, catalog_key, journey_key
from ple.io.suggest import did_you_mean
from ple.query.backend import AgencyRow, HandoffRow, ProgramRow, SharedKind, SharedRow
from ple.scope import Scope, select
from ple.store import cypher
from ple.store.connection import Connection


class CypherBackend:
    """:class:`~ple.query.QueryBackend` over a Neo4j or FalkorDB connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _read(self, statement: str, **params: object) -> list[dict]:
        return self.connection.read(statement, params)

    def _require(self, kind: NodeKind, ident: str, journey: str | None = None) -> None:
        """Raise NotFoundError (with a close id as suggestion) unless the node exists."""
        key = catalog_key(kind, ident) if journey is None else journey_key(kind, journey, ident)
        found = self._read(cypher.COUNT_BY_KEY[kind], key=key)
        if found and found[0]["found"]:
            return
        if journey is None:
            known = [row["id"] for row in self._read(cypher.CATALOG_IDS[kind])]
            shown, what = ident, kind.value
        else:
            known = [row["id"] for row in self._read(cypher.SCOPED_IDS[kind], journey=journey)]
            shown, what = f"{journey}/{ident}", kind.value
        raise NotFoundError(
            f"no {what.replace('_', ' ')} {shown!r} in the workspace{did_you_mean(ident, known)}"
        )

    def journeys(self, scope: Scope | str = Scope.all) -> list[str]:
        if Scope(scope) is Scope.all:
            return sorted(row["id"] for row in self._read(cypher.JOURNEY_IDS))
        return select(
            ((r["id"], r["state"], r["baseline"]) for r in self._read(cypher.JOURNEY_STATES)), scope
        )

    def _counted(self, scope: Scope | str) -> list[str] | None:
        """The journeys ``scope`` counts, as the ``$journeys`` parameter (None: all)."""
        return None if Scope(scope) is Scope.all else self.journeys(scope)

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
            self._require(NodeKind.journey, journey)
        for agency in (from_agency, to_agency):
            if agency is not None:
                self._require(NodeKind.agency, agency)
        filters = {
            "from_agency": from_agency,
            "to_agency": to_agency,
            "type": type,
            "undocumented": UNDOCUMENTED,
            "journeys": self._counted(scope),
        }
        if journey is None:
            found = self._read(cypher.HANDOFFS, **filters)
        else:
            found = self._read(cypher.HANDOFFS_IN_JOURNEY, journey=journey, **filters)
        found.sort(key=lambda r: (r["journey"], r["from_step"], r["to_step"], r["order"]))
        return [
            HandoffRow(
                journey=r["journey"],
                from_step=r["from_step"],
                to_step=r["to_step"],
                from_agency=r["from_agency"],
                to_agency=r["to_agency"],
                type=r["type"],
                shares=tuple(r["shares"] or ()),
                condition=r["condition"],
            )
            for r in found
        ]

    def journey_agencies(self, journey: str) -> list[AgencyRow]:
        self._require(NodeKind.journey, journey)
        rows = [
            AgencyRow(
                id=r["id"],
                name=r["name"],
                acronym=r["acronym"],
                hisp=r["hisp"],
                level=r["level"],
                steps=r["steps"],
            )
            for r in self._read(cypher.JOURNEY_AGENCIES, journey=journey)
        ]
        return sorted(rows, key=lambda r: r.id)

    def journey_programs(self, journey: str) -> list[ProgramRow]:
        self._require(NodeKind.journey, journey)
        rows = [
            ProgramRow(
                id=r["id"],
                name=r["name"],
                agency=r["agency"],
                assistance_listing=r["assistance_listing"],
                steps=r["steps"],
            )
            for r in self._read(cypher.JOURNEY_PROGRAMS, journey=journey)
        ]
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
        counted = self._counted(scope)
        for kind, ident, edge in (
            (NodeKind.agency, agency, cypher.SHARED_EDGES["agency"]),
            (NodeKind.program, program, cypher.SHARED_EDGES["program"]),
        ):
            if ident is None:
                continue
            self._require(kind, ident)
            found |= {
                row["journey"]
                for row in self._read(
                    cypher.JOURNEYS_TOUCHING[edge], key=catalog_key(kind, ident), journeys=counted
                )
            }
        return sorted(found)

    def path(self, journey: str, from_step: str, to_step: str) -> list[str] | None:
        self._require(NodeKind.journey, journey)
        self._require(NodeKind.step, from_step, journey)
        self._require(NodeKind.step, to_step, journey)
        statement = cypher.PATH_STEP[self.connection.config.backend]
        target = journey_key(NodeKind.step, journey, to_step)
        current, path = journey_key(NodeKind.step, journey, from_step), [from_step]
        # From the first step, take the transition whose step is fewest moves from the
        # target (the server searches), the earlier-listed among equals; each move
        # leaves one move fewer, so this walks a shortest path and ends.
        while current != target:
            moves = [
                (m["distance"], m["order"], m["key"], m["id"])
                for m in self._read(statement, current=current, target=target)
                if m["distance"] is not None
            ]
            if not moves:
                return None  # only possible on the first move: unreachable
            _, _, current, step_id = min(moves)
            path.append(step_id)
        return path

    def shared_across_journeys(
        self, kind: SharedKind, scope: Scope | str = Scope.all
    ) -> list[SharedRow]:
        edge = cypher.SHARED_EDGES[kind]
        rows = [
            SharedRow(kind=kind, id=r["id"], name=r["name"], journeys=tuple(sorted(r["journeys"])))
            for r in self._read(cypher.SHARED_ACROSS_JOURNEYS[edge], journeys=self._counted(scope))
        ]
        return sorted(rows, key=lambda r: (-len(r.journeys), r.id))
