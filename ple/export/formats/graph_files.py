"""The journey's graph as GraphML (for yEd and Gephi) and node-link JSON (for code).

GraphML cannot hold lists or nulls: a list becomes a JSON array in a string
(``["online", "phone"]``) and an unknown value is left out, so absent means
unknown there too. Node-link JSON keeps lists and nulls as they are.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ple.export.registry import Artifact, ExportContext, exporter
from ple.graph import build_graph
from ple.graph.subgraph import journey_subgraph

NODE_LINK_VERSION = 1


def journey_graph(context: ExportContext) -> nx.MultiDiGraph:
    return journey_subgraph(build_graph(context.workspace), context.journey_id)


def _flat(attributes: dict[str, Any]) -> dict[str, Any]:
    return {key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
            for key, value in attributes.items() if value is not None}


def generate_graphml(context: ExportContext) -> str:
    graph = journey_graph(context)
    flat = nx.MultiDiGraph()
    flat.graph["journey"] = context.journey_id
    flat.add_nodes_from((node, _flat(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from((u, v, key, _flat(data)) for u, v, key, data in
                        graph.edges(keys=True, data=True))
    return "\n".join(nx.generate_graphml(flat, prettyprint=True)) + "\n"


def generate_node_link(context: ExportContext) -> str:
    data = nx.node_link_data(journey_graph(context), edges="edges")
    data["graph"] = {"journey": context.journey_id, "format": "ple-node-link",
                     "version": NODE_LINK_VERSION}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@exporter("graphml", ".graphml", "application/graphml+xml",
          "GraphML of the journey's graph, for yEd or Gephi (lists as JSON strings)")
def render_graphml(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_graphml(context).encode())]


@exporter("json", ".json", "application/json",
          "node-link JSON of the journey's graph (networkx node_link_data, edges='edges')")
def render_node_link(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_node_link(context).encode())]
