"""The agency network diagram: columns by life experience, every handoff type its own
arrow with its type and count written on it, self-contained."""

from __future__ import annotations

from ple.diagram.network import COLUMN, ROW, network_html, positions
from ple.diagram.style import HANDOFF_STYLES
from ple.io import load_workspace
from ple.portfolio import agency_network
from tests.conftest import DATA
from tests.diagram.test_pyvis_page import assert_self_contained, by_id, edges


def test_agencies_stand_under_the_life_experience_where_they_run_most_steps():
    network = agency_network(load_workspace(DATA).workspace)
    where = positions(network)
    columns = list(network.life_experience_names)
    for node in network.nodes:
        assert where[node.agency].x == columns.index(node.home) * COLUMN
        assert where[node.agency].y % ROW == 0
    assert len({(p.x, p.y) for p in where.values()}) == len(where)  # no two in one place


def test_every_edge_says_its_type_and_count_in_words_and_pattern():
    network = agency_network(load_workspace(DATA).workspace)
    html = network_html(network)
    assert_self_contained(html)
    drawn = edges(html)
    assert len(drawn) == len(network.edges)
    for edge, line in zip(network.edges, drawn, strict=True):
        assert line["label"] == f"{edge.type} ×{edge.handoffs}"
        assert (line["dashes"] or []) == list(HANDOFF_STYLES[edge.type].dashes)
    boxes = by_id(html)
    assert boxes["ssa"]["label"] == "SSA\n3 life experiences"
    headers = [n for n in boxes if n.startswith("column:")]
    assert len(headers) == 6
