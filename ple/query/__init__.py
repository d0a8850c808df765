"""Questions about journeys, asked through one interface that every backend answers.

>>> from ple.query import open_backend  # doctest: +SKIP
>>> backend = open_backend(workspace)  # doctest: +SKIP
>>> backend.handoffs(from_agency="ssa", to_agency="cms")  # doctest: +SKIP
"""

from ple.graph import build_graph
from ple.model import Workspace
from ple.query.backend import AgencyRow, HandoffRow, ProgramRow, QueryBackend, SharedRow
from ple.query.networkx_backend import NetworkxBackend
from ple.scope import Counted, Scope


def counted_by(
    backend: QueryBackend, scope: Scope | str, named: list[str] | tuple[str, ...] = ()
) -> Counted:
    """The journeys an answer of ``backend`` counts under ``scope`` (or those ``named``),
    and those it leaves out: what a command says beside its total."""
    return Counted.of(backend.journeys(), backend.journeys(scope), scope, named)


def open_backend(workspace: Workspace) -> QueryBackend:
    """The embedded backend over a freshly built graph of ``workspace``."""
    return NetworkxBackend(build_graph(workspace))


__all__ = [
    "AgencyRow",
    "HandoffRow",
    "NetworkxBackend",
    "ProgramRow",
    "QueryBackend",
    "SharedRow",
    "counted_by",
    "open_backend",
]
