"""The agency network as files: GraphML read back by networkx and igraph, the HTML page
self-contained, hostile names kept as text."""

from __future__ import annotations

import io

import igraph
import networkx as nx
import pytest

from ple.export.network import network_download, network_graphml
from ple.model import Workspace
from ple.portfolio import agency_network
from tests.diagram.test_pyvis_page import assert_self_contained, nodes
from tests.export.helpers import PAYLOADS


def test_graphml_holds_every_agency_and_weighted_edge(bundled_ws: Workspace, tmp_path):
    network = agency_network(bundled_ws)
    text = network_graphml(network)
    graph = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert set(graph.nodes) == {n.agency for n in network.nodes}
    read = {(u, v, d["type"]): d["handoffs"] for u, v, d in graph.edges(data=True)}
    assert read == {(e.source, e.target, e.type): e.handoffs for e in network.edges}
    (tmp_path / "network.graphml").write_text(text, encoding="utf-8")
    other = igraph.Graph.Read_GraphML(str(tmp_path / "network.graphml"))
    assert other.vcount() == len(network.nodes) and other.ecount() == len(network.edges)
    assert sorted(other.es["handoffs"]) == sorted(e.handoffs for e in network.edges)


def test_graphml_edges_have_ids_of_their_own(bundled_ws: Workspace):
    """An edge's id was its handoff type (``id="referral"`` on every referral)."""
    import xml.etree.ElementTree as ET
    from collections import Counter

    text = network_graphml(agency_network(bundled_ws, "all"))
    ids = [
        e.get("id") for e in ET.fromstring(text).iter("{http://graphml.graphdrawing.org/xmlns}edge")
    ]
    assert ids and [i for i, n in Counter(ids).items() if n > 1] == []
    graph = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert {key for _, _, key in graph.edges(keys=True)} == {
        f"{u}|{d['type']}|{v}" for u, v, d in graph.edges(data=True)
    }


def test_hostile_names_in_both_files(hostile_ws: Workspace):
    network = agency_network(hostile_ws, "all")
    graph = nx.read_graphml(io.StringIO(network_graphml(network)), force_multigraph=True)
    assert graph.nodes["ssa"]["name"].startswith("Agency A ")
    assert "<script>alert(1)</script>" in graph.nodes["ssa"]["name"]
    page = network_download(network, "html").data.decode()
    assert_self_contained(page)
    assert PAYLOADS[0] not in page  # only inside the JSON, escaped
    labels = {n["id"]: n["label"] for n in nodes(page)}
    assert labels["ssa"].startswith("AA ")  # the acronym, as text
    assert "<script>alert(1" in labels["ssa"]  # wrapped onto lines, never markup


def test_download_names(bundled_ws: Workspace):
    network = agency_network(bundled_ws, "proposed")
    assert network_download(network, "graphml").file_name == "agency-network-proposed.graphml"
    assert network_download(network, "html").media_type == "text/html"
    with pytest.raises(ValueError, match="use html or graphml"):
        network_download(network, "png")
