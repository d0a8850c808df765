"""The portfolio's agency network as a file: an interactive page or GraphML.

GraphML is for Gephi, yEd or igraph: one node per agency (its label, name, level, steps
and number of life experiences) and one edge per agency pair and handoff type, weighted by
``handoffs``; the journeys an edge occurs in are one text attribute, joined with ", ".
XML cannot hold some control characters; in text they become spaces.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from ple.diagram.network import network_html
from ple.export.bundle import Download
from ple.export.formats.graph_files import edge_id
from ple.export.xml_text import xml_text
from ple.portfolio import AgencyNetwork

NETWORK_FORMATS = {"html": "text/html", "graphml": "application/graphml+xml"}


def network_graphml(network: AgencyNetwork) -> str:
    graph = network.to_graph()
    clean = nx.MultiDiGraph(**{k: xml_text(str(v)) for k, v in graph.graph.items()})
    clean.add_nodes_from(
        (node, {k: xml_text(v) if isinstance(v, str) else v for k, v in data.items()})
        for node, data in graph.nodes(data=True)
    )
    clean.add_edges_from(
        (
            u,
            v,
            edge_id(u, key, v),
            {k: xml_text(x) if isinstance(x, str) else x for k, x in data.items()},
        )
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    return "\n".join(nx.generate_graphml(clean, prettyprint=True)) + "\n"


def network_download(
    network: AgencyNetwork, fmt: str, colours: Mapping[str, str] | None = None
) -> Download:
    """The network as ``agency-network-<scope>.html`` or ``.graphml``; ``colours`` are the
    workspace's agency colours."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"no agency network format {fmt!r}: use html or graphml")
    text = network_html(network, colours=colours) if fmt == "html" else network_graphml(network)
    return Download(f"agency-network-{network.scope}.{fmt}", text.encode(), NETWORK_FORMATS[fmt])
