"""One journey's part of the graph: its steps, stages, personas and the catalog they use."""

from __future__ import annotations

import networkx as nx

from ple.graph.schema import NodeKind, catalog_key


def journey_subgraph(graph: nx.MultiDiGraph, journey_id: str) -> nx.MultiDiGraph:
    """A copy holding the journey node, everything scoped to the journey, and the
    agencies, programs and data items its steps point to."""
    own = {node for node, data in graph.nodes(data=True) if data.get("journey") == journey_id}
    own.add(catalog_key(NodeKind.journey, journey_id))
    used = {target for node in own for target in graph.successors(node)
            if graph.nodes[target]["kind"] in ("agency", "program", "data_item")}
    return graph.subgraph(own | used).copy()
