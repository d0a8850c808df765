"""The query interface every backend answers, and the rows it answers with.

The embedded backend reads a networkx graph; the graph database backend
(:class:`ple.store.CypherBackend`, on Neo4j or FalkorDB) answers the same calls in
Cypher on the server. Rows are small frozen dataclasses with ``to_dict()`` so the
CLI, the app and the tests compare backends on plain values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from ple.scope import Scope

SharedKind = Literal["agency", "program", "data_item"]


@dataclass(frozen=True)
class HandoffRow:
    """A transition between steps of two different agencies."""

    journey: str
    from_step: str
    to_step: str
    from_agency: str
    to_agency: str
    type: str | None
    """automatic, warm, referral or cold; None when the handoff is undocumented."""
    shares: tuple[str, ...]
    condition: str | None

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["shares"] = list(self.shares)
        return row


@dataclass(frozen=True)
class AgencyRow:
    """An agency as it appears in one journey."""

    id: str
    name: str
    acronym: str | None
    hisp: bool | None
    level: str
    steps: int
    """How many of the journey's steps the agency runs."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ProgramRow:
    """A program as it appears in one journey."""

    id: str
    name: str
    agency: str
    assistance_listing: str | None
    steps: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SharedRow:
    """An agency, program or data item that recurs across journeys."""

    kind: str
    id: str
    name: str
    journeys: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["journeys"] = list(self.journeys)
        return row


class QueryBackend(Protocol):
    """What a store must answer. Every list is sorted, so backends compare equal."""

    def journeys(self, scope: Scope | str = Scope.all) -> list[str]:
        """Ids of the journeys ``scope`` counts (:mod:`ple.scope`); every one by default."""
        ...

    def handoffs(
        self,
        *,
        journey: str | None = None,
        from_agency: str | None = None,
        to_agency: str | None = None,
        type: str | None = None,
        scope: Scope | str = Scope.all,
    ) -> list[HandoffRow]:
        """Cross-agency transitions; ``type="undocumented"`` selects those without a type.
        Only journeys ``scope`` counts (and ``journey`` among them, when given)."""
        ...

    def journey_agencies(self, journey: str) -> list[AgencyRow]:
        """The agencies whose steps make up ``journey``."""
        ...

    def journey_programs(self, journey: str) -> list[ProgramRow]:
        """The programs behind the steps of ``journey``."""
        ...

    def journeys_touching(
        self,
        *,
        agency: str | None = None,
        program: str | None = None,
        scope: Scope | str = Scope.all,
    ) -> list[str]:
        """Journeys ``scope`` counts with at least one step at ``agency`` or in ``program``."""
        ...

    def path(self, journey: str, from_step: str, to_step: str) -> list[str] | None:
        """The shortest sequence of step ids from one step to another, or None.

        Among equally short paths, the one that takes earlier-listed transitions
        first: the smallest list of transition positions (``next`` indexes).
        """
        ...

    def shared_across_journeys(
        self, kind: SharedKind, scope: Scope | str = Scope.all
    ) -> list[SharedRow]:
        """Agencies, programs or data items used by two or more journeys ``scope`` counts."""
        ...
