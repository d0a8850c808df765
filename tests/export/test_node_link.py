"""Node-link JSON, read back with ``networkx.node_link_graph(data, edges="edges", name="node")``:
the same graph as ``journey_subgraph(build_graph(ws), id)``, lists and nulls kept."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from ple.export.formats.graph_files import NODE_LINK_VERSION
from ple.graph import build_graph
from ple.graph.subgraph import journey_subgraph
from ple.model import Workspace
from tests.export.helpers import JOURNEYS, export_text


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str]:
    fixture, journey_id = request.param
    return request.getfixturevalue(fixture), journey_id


def test_node_link_graph_reads_the_journey_graph(case) -> None:
    workspace, journey_id = case
    data = json.loads(export_text(workspace, journey_id, "json"))
    read = nx.node_link_graph(data, edges="edges", name="node")
    expected = journey_subgraph(build_graph(workspace), journey_id)
    assert read.is_directed() and read.is_multigraph()
    assert read.number_of_nodes() == expected.number_of_nodes()
    assert read.number_of_edges() == expected.number_of_edges()
    assert set(read.nodes) == set(expected.nodes)
    for node, data in expected.nodes(data=True):
        assert read.nodes[node] == data, node  # the model's own "id" survives
    assert sorted(read.edges(keys=True, data=True), key=repr) == sorted(
        expected.edges(keys=True, data=True), key=repr
    )


def test_the_file_says_what_it_is(case) -> None:
    workspace, journey_id = case
    data = json.loads(export_text(workspace, journey_id, "json"))
    assert data["graph"] == {
        "journey": journey_id,
        "format": "ple-node-link",
        "version": NODE_LINK_VERSION,
    }
    assert "edges" in data and "links" not in data  # networkx >= 3.6 naming, written out


def test_lists_and_unknowns_are_kept(small_ws: Workspace) -> None:
    data = json.loads(export_text(small_ws, "retirement", "json"))
    steps = {n["node"]: n for n in data["nodes"] if n["kind"] == "step"}
    assert steps["step:retirement/check-estimate"]["channels"] == ["online", "phone"]
    assert steps["step:retirement/apply-retirement"]["channels"] is None  # unknown
    assert steps["step:retirement/apply-retirement"]["pain_points"] == []  # known: none


def test_user_text_round_trips(hostile_ws: Workspace) -> None:
    """JSON is data, not markup: the hostile text comes back exactly, ``<script>`` and
    all, as a JSON string (nothing here is rendered as HTML)."""
    journey = hostile_ws.journeys["hostile"]
    read = nx.node_link_graph(
        json.loads(export_text(hostile_ws, "hostile", "json")), edges="edges", name="node"
    )
    for step in journey.steps:
        node = read.nodes[f"step:hostile/{step.id}"]
        assert node["name"] == step.name
        assert node["pain_points"] == step.pain_points
        for index, transition in enumerate(step.next):
            edge = read.edges[
                f"step:hostile/{step.id}", f"step:hostile/{transition.to}", f"next:{index}"
            ]
            assert edge["condition"] == transition.condition
            assert edge["note"] == (transition.handoff.note if transition.handoff else None)
