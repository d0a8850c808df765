"""The journey graph derived from a workspace, and its schema."""

from ple.graph.build import JourneyGraph, build_graph
from ple.graph.schema import UNDOCUMENTED, EdgeKind, NodeKind, catalog_key, journey_key

__all__ = [
    "UNDOCUMENTED",
    "EdgeKind",
    "JourneyGraph",
    "NodeKind",
    "build_graph",
    "catalog_key",
    "journey_key",
]
