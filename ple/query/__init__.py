"""Questions about journeys, asked through one interface that every backend answers.

>>> from ple.query import open_backend  # doctest: +SKIP
>>> backend = open_backend(workspace)  # doctest: +SKIP
>>> backend.handoffs(from_agency="ssa", to_agency="cms")  # doctest: +SKIP
"""

from ple.graph import build_graph
from ple.model import Workspace
from ple.query.backend import AgencyRow, HandoffRow, ProgramRow, QueryBackend, SharedRow
from ple.query.networkx_backend import NetworkxBackend


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
    "open_backend",
]
