"""The journey graph: typed nodes and edges, derived from the model."""

from __future__ import annotations

import networkx as nx

from ple.graph import build_graph
from ple.graph.build import _assemble
from ple.io import load_workspace


def graph_of(small):
    return build_graph(load_workspace(small).workspace)


def test_nodes_are_typed_and_keyed_by_kind(small):
    graph = graph_of(small)
    kinds = nx.get_node_attributes(graph, "kind")
    assert kinds["agency:ssa"] == "agency"
    assert kinds["program:ssa-retirement"] == "program"
    assert kinds["data_item:ssn"] == "data_item"
    assert kinds["journey:retirement"] == "journey"
    assert kinds["stage:retirement/plan"] == "stage"
    assert kinds["step:retirement/check-estimate"] == "step"
    step = graph.nodes["step:retirement/check-estimate"]
    assert (step["journey"], step["stage"], step["agency"]) == ("retirement", "plan", "ssa")
    assert step["channels"] == ["online", "phone"]
    assert graph.nodes["step:retirement/apply-retirement"]["channels"] is None  # unknown


def test_transition_edges_carry_condition_and_handoff(small):
    graph = graph_of(small)
    edges = graph.get_edge_data("step:retirement/apply-retirement", "step:retirement/enroll-part-b")
    assert list(edges) == ["next:1"]
    assert edges["next:1"] == {
        "kind": "next",
        "journey": "retirement",
        "order": 1,
        "condition": "Not yet enrolled in Medicare",
        "share": 0.4,
        "cross_agency": True,
        "handoff": "referral",
        "shares": ["ssn"],
        "note": None,
    }


def test_catalog_edges(small):
    graph = graph_of(small)
    step = "step:retirement/enroll-part-b"
    assert set(graph[step]) == {
        "agency:cms",
        "program:medicare-part-b",
        "data_item:ssn",
        "data_item:employer-coverage",
    }
    assert "run_by" in graph["program:medicare-part-b"]["agency:cms"]
    assert "part_of" in graph["agency:cms"]["agency:hhs"]
    assert "baseline" in graph["journey:retirement-future"]["journey:retirement"]
    assert "starts_at" in graph["journey:retirement"]["step:retirement/check-estimate"]


def test_direct_assembly_equals_the_public_networkx_api():
    nodes = [("a", {"kind": "x"}), ("b", {"kind": "y"})]
    edges = [
        ("a", "b", "next:0", {"kind": "next"}),
        ("a", "b", "next:1", {"kind": "next"}),
        ("b", "a", "k", {"kind": "k"}),
    ]
    expected = nx.MultiDiGraph()
    expected.add_nodes_from(nodes)
    expected.add_edges_from(edges)
    built = _assemble(nodes, edges)
    assert nx.utils.graphs_equal(built, expected)
    assert list(built.in_edges("b", keys=True)) == list(expected.in_edges("b", keys=True))
