"""The journey's graph as GraphML (for yEd and Gephi) and node-link JSON (for code).

GraphML cannot hold lists or nulls: a list becomes a JSON array in a string
(``["online", "phone"]``) and an unknown value is left out, so absent means
unknown there too. Nor can XML hold control characters other than tab and line
breaks: in a text attribute those become spaces (in a list's JSON they are escaped).
Node-link JSON keeps lists and nulls as they are, and puts each node's key under
``node`` (read it back with ``node_link_graph(data, edges="edges", name="node")``).
In GraphML the ``id`` attribute is renamed ``local_id``; the node key is the GraphML id,
and each edge's id is its own (:func:`edge_id`), the same in every export of the journey.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ple.export.registry import Artifact, ExportContext, exporter
from ple.export.xml_text import xml_text
from ple.graph import build_graph
from ple.graph.subgraph import journey_subgraph

NODE_LINK_VERSION = 1


def journey_graph(context: ExportContext) -> nx.MultiDiGraph:
    return journey_subgraph(build_graph(context.workspace), context.journey_id)


def _flat(attributes: dict[str, Any]) -> dict[str, Any]:
    """GraphML-ready attributes; ``id`` is written as ``local_id``, because yEd, Gephi
    and igraph read an ``id`` attribute as the node's own identifier."""
    return {
        ("local_id" if key == "id" else key): json.dumps(value, ensure_ascii=False)
        if isinstance(value, list)
        else xml_text(value)
        if isinstance(value, str)
        else value
        for key, value in attributes.items()
        if value is not None
    }


def edge_id(source: str, key: str, target: str) -> str:
    """A GraphML edge id no other edge of the file has, and the same in every export:
    ``step:retirement/apply|requests|data_item:ssn``. The graph's edge key alone (the
    edge's kind, or ``next:0`` for a move), which networkx writes as the id, repeats on
    every edge of that kind; source, key and target together are unique, and ``|``
    occurs in none of them."""
    return f"{source}|{key}|{target}"


def generate_graphml(context: ExportContext) -> str:
    graph = journey_graph(context)
    flat = nx.MultiDiGraph()
    flat.graph["journey"] = context.journey_id
    flat.add_nodes_from((node, _flat(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from(
        (u, v, edge_id(u, key, v), _flat(data))
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    return "\n".join(nx.generate_graphml(flat, prettyprint=True)) + "\n"


def generate_node_link(context: ExportContext) -> str:
    # Node keys go under "node", so each node's own "id" attribute survives.
    data = nx.node_link_data(journey_graph(context), edges="edges", name="node")
    data["graph"] = {
        "journey": context.journey_id,
        "format": "ple-node-link",
        "version": NODE_LINK_VERSION,
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@exporter(
    "graphml",
    ".graphml",
    "application/graphml+xml",
    "GraphML of the journey's graph, for yEd or Gephi (lists as JSON strings)",
)
def render_graphml(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_graphml(context).encode())]


@exporter(
    "json",
    ".json",
    "application/json",
    "node-link JSON of the journey's graph (networkx node_link_data, edges='edges', name='node')",
)
def render_node_link(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_node_link(context).encode())]
