"""One journey's part of the graph: its steps, stages, personas and the catalog they use."""

from __future__ import annotations

import networkx as nx

from ple.graph.schema import NodeKind, catalog_key


def journey_subgraph(graph: nx.MultiDiGraph, journey_id: str) -> nx.MultiDiGraph:
    """A copy holding the journey node, everything scoped to the journey, and the
    agencies, programs and data items its steps point to.

    Nodes and edges keep the whole graph's order, so files written from the result
    are the same on every run (a networkx subgraph view would iterate a set).
    """
    own = {node for node, data in graph.nodes(data=True) if data.get("journey") == journey_id}
    own.add(catalog_key(NodeKind.journey, journey_id))
    used = {
        target
        for node in own
        for target in graph.successors(node)
        if graph.nodes[target]["kind"] in ("agency", "program", "data_item")
    }
    keep = own | used
    part = nx.MultiDiGraph()
    part.add_nodes_from((node, dict(data)) for node, data in graph.nodes(data=True) if node in keep)
    part.add_edges_from(
        (u, v, key, dict(data))
        for u, v, key, data in graph.edges(keys=True, data=True)
        if u in keep and v in keep
    )
    return part
