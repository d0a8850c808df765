"""GraphML, read back by two readers that share no code with the writer's caller:
networkx's ``read_graphml`` and python-igraph's C reader.

GraphML cannot hold lists or nulls, so the export writes lists as JSON strings and
leaves unknown values out (tech notes 5.2); both are checked here.
"""

from __future__ import annotations

import io
import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from ple.graph import NodeKind, build_graph, catalog_key, journey_key
from ple.graph.subgraph import journey_subgraph
from ple.model import Workspace
from tests.conftest import CATALOG
from tests.export.helpers import JOURNEYS, export_text, load


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, nx.MultiDiGraph, str]:
    """A workspace, a journey id, the journey's graph as built, and its GraphML text."""
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    expected = journey_subgraph(build_graph(workspace), journey_id)
    return workspace, journey_id, expected, export_text(workspace, journey_id, "graphml")


def flat(attributes: dict[str, Any]) -> dict[str, Any]:
    """What GraphML can carry of ``attributes``: lists as JSON text, unknowns left out,
    and the model's ``id`` as ``local_id`` (GraphML tools take ``id`` for the node key)."""
    return {
        ("local_id" if key == "id" else key): json.dumps(value, ensure_ascii=False)
        if isinstance(value, list)
        else value
        for key, value in attributes.items()
        if value is not None
    }


def graphml_id(source: str, kind: str, target: str) -> str:
    """The GraphML id of an edge: its source, its key in the graph (its kind; ``next:0``
    for a move, numbered by its place among the step's next steps) and its target, which
    no other edge shares."""
    return f"{source}|{kind}|{target}"


def test_networkx_reads_the_same_graph(case) -> None:
    _, journey_id, expected, text = case
    read = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert read.is_directed() and read.is_multigraph()
    assert read.graph["journey"] == journey_id
    assert read.number_of_nodes() == expected.number_of_nodes()
    assert read.number_of_edges() == expected.number_of_edges()
    assert set(read.nodes) == set(expected.nodes)
    for node, data in expected.nodes(data=True):
        assert read.nodes[node] == flat(data), node
    assert set(read.edges(keys=True)) == {
        (u, v, graphml_id(u, key, v)) for u, v, key in expected.edges(keys=True)
    }
    for u, v, key, data in expected.edges(keys=True, data=True):
        assert read.edges[u, v, graphml_id(u, key, v)] == flat(data), (u, v, key)


def test_every_step_is_a_node_with_its_attributes(case) -> None:
    workspace, journey_id, _, text = case
    read = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    for order, step in enumerate(workspace.journeys[journey_id].steps):
        data = read.nodes[journey_key(NodeKind.step, journey_id, step.id)]
        assert data["kind"] == "step"
        assert (data["local_id"], data["name"], data["agency"], data["order"]) == (
            step.id,
            step.name,
            step.agency,
            order,
        )
        assert data["end"] is step.end
        assert json.loads(data["pain_points"]) == step.pain_points
        assert json.loads(data["forms"]) == step.forms
        if step.channels is None:
            assert "channels" not in data  # unknown stays unknown, not an empty list
        else:
            assert json.loads(data["channels"]) == [c.value for c in step.channels]
        if step.burden is not None and step.burden.minutes is not None:
            assert data["minutes"] == step.burden.minutes
        else:
            assert "minutes" not in data


def test_list_attributes_are_json_strings(case) -> None:
    _, _, expected, text = case
    read = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    lists = 0
    for node, data in expected.nodes(data=True):
        for key, value in data.items():
            if isinstance(value, list):
                lists += 1
                assert json.loads(read.nodes[node][key]) == value
    for u, v, key, data in expected.edges(keys=True, data=True):
        for name, value in data.items():
            if isinstance(value, list):
                lists += 1
                assert json.loads(read.edges[u, v, graphml_id(u, key, v)][name]) == value
    assert lists


def test_one_key_per_attribute_name(bundled_ws: Workspace) -> None:
    """A name written with two types (int here, float there) would become two GraphML
    keys with the same ``attr.name``, which readers treat differently."""
    for journey_id in bundled_ws.journeys:
        root = ET.fromstring(export_text(bundled_ws, journey_id, "graphml"))
        keys = Counter(
            (k.get("for"), k.get("attr.name"))
            for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")
        )
        assert [k for k, n in keys.items() if n > 1] == [], journey_id


def test_every_edge_has_an_id_of_its_own_that_stays(case) -> None:
    """Edge ids were the edge's kind: ``id="requests"`` 47 times in one file. Read with
    ElementTree, as XML."""
    workspace, journey_id, expected, text = case
    edges = ET.fromstring(text).iter("{http://graphml.graphdrawing.org/xmlns}edge")
    ids = [edge.get("id") for edge in edges]
    assert ids and None not in ids
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert export_text(workspace, journey_id, "graphml") == text  # the same ids every time
    assert sorted(ids) == sorted(graphml_id(u, key, v) for u, v, key in expected.edges(keys=True))


# igraph keeps the GraphML node ids in a vertex attribute called ``id``; the export
# writes the model's own id as ``local_id`` so the two never clash.
def test_igraph_reads_the_same_graph(case, tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph")
    workspace, journey_id, expected, text = case
    path = tmp_path / f"{journey_id}.graphml"
    path.write_text(text, encoding="utf-8")
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.is_directed()
    assert read.vcount() == expected.number_of_nodes()
    assert read.ecount() == expected.number_of_edges()

    keys = [v["id"] for v in read.vs]
    for vertex_key, v in zip(keys, read.vs, strict=True):
        kind = NodeKind(v["kind"])
        expected_key = (
            journey_key(kind, v["journey"], v["local_id"])
            if v["journey"]
            else catalog_key(kind, v["local_id"])
        )
        assert vertex_key == expected_key
    assert Counter(keys) == Counter(list(expected.nodes))
    vertex = dict(zip(keys, read.vs, strict=True))
    for node, data in expected.nodes(data=True):
        got = vertex[node].attributes()
        for name, value in flat(data).items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                assert got[name] == value, (node, name)
            else:  # igraph reads every number as a double
                assert math.isclose(got[name], value), (node, name)
    for step in workspace.journeys[journey_id].steps:
        got = vertex[journey_key(NodeKind.step, journey_id, step.id)].attributes()
        assert (got["kind"], got["name"], got["agency"]) == ("step", step.name, step.agency)
        assert json.loads(got["pain_points"]) == step.pain_points

    def edge_sig(u: str, v: str, data: dict) -> tuple:
        return u, v, data["kind"], data.get("order") if data["kind"] == "next" else None

    read_edges = Counter(
        edge_sig(
            keys[e.source],
            keys[e.target],
            {"kind": e["kind"], "order": None if math.isnan(e["order"]) else e["order"]},
        )
        for e in read.es
    )
    assert read_edges == Counter(edge_sig(u, v, d) for u, v, d in expected.edges(data=True))


def test_control_characters_do_not_break_the_xml(write) -> None:
    """XML 1.0 cannot hold most control characters even as ``&#12;``: in a text value
    they become spaces; inside a list's JSON they are escaped, so they come back."""
    folder = write("catalog.yaml", CATALOG)
    write(
        "journeys/j.yaml",
        r"""
        id: j
        name: Control characters
        steps:
          - id: a
            name: "Form\x0cfeed, nul\x00 and vertical\x0btab\tend"
            agency: ssa
            pain_points: ["bell\x07"]
    """,
    )
    text = export_text(load(folder), "j", "graphml")
    read = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    step = read.nodes["step:j/a"]
    assert step["name"] == "Form feed, nul  and vertical tab\tend"
    assert json.loads(step["pain_points"]) == ["bell\x07"]
