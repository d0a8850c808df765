"""The mapping between the model and node properties, without a database.

Rows are turned back into the model the way ``load`` does it, from exactly the
properties ``sync`` writes, so every field's round trip is checked on thousands of
generated workspaces in a second; the database tests then only need a few.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

from hypothesis import HealthCheck, given, settings

from ple.graph import build_graph
from ple.graph.schema import EdgeKind, NodeKind
from ple.model import Burden, Measures, Workspace
from ple.store.records import (
    agency_from,
    catalog_rows,
    data_item_from,
    journey_fingerprint,
    journey_from,
    journey_rows,
    opportunities_from,
    program_from,
    settings_from,
    sharing_from,
    touchpoints_from,
    workspace_properties,
)
from tests.store.strategies import workspaces

EXAMPLES = int(os.environ.get("PLE_EXAMPLES", "60"))


def through_rows(workspace: Workspace) -> Workspace:
    """What a database would give back: every row's properties, read as load reads them."""
    catalog = catalog_rows(workspace)
    fingerprints = {jid: journey_fingerprint(j) for jid, j in workspace.journeys.items()}
    state = workspace_properties(workspace, catalog, fingerprints, "now", "test")
    props = {kind: [row["props"] for row in rows] for kind, rows in catalog.nodes.items()}
    parents = {
        row["source"].split(":", 1)[1]: row["target"].split(":", 1)[1]
        for row in catalog.relationships.get(EdgeKind.part_of, [])
    }
    agencies = {
        p["id"]: agency_from(p, parents.get(p["id"])) for p in props.get(NodeKind.agency, [])
    }
    programs = {p["id"]: program_from(p) for p in props.get(NodeKind.program, [])}
    items = {p["id"]: data_item_from(p) for p in props.get(NodeKind.data_item, [])}
    journeys = {}
    for journey in workspace.journeys.values():
        rows = journey_rows(journey)
        scoped = {
            kind: [r["props"] for r in rows.nodes.get(kind, [])]
            for kind in (NodeKind.stage, NodeKind.persona, NodeKind.step)
        }
        moves: defaultdict[str, list] = defaultdict(list)
        for row in rows.relationships.get(EdgeKind.next, []):
            moves[row["source"].rsplit("/", 1)[1]].append(
                (row["target"].rsplit("/", 1)[1], row["props"])
            )
        baseline = [
            r["target"].split(":", 1)[1] for r in rows.relationships.get(EdgeKind.baseline, [])
        ]
        (node,) = rows.nodes[NodeKind.journey]
        journeys[journey.id] = journey_from(
            node["props"],
            baseline[0] if baseline else None,
            scoped[NodeKind.stage],
            scoped[NodeKind.persona],
            scoped[NodeKind.step],
            moves,
        )
    return Workspace(
        agencies=agencies,
        programs=programs,
        data_items=items,
        journeys=journeys,
        settings=settings_from(state),
        sharing=sharing_from(state),
        touchpoints=touchpoints_from(state),
        opportunities=opportunities_from(state),
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(workspace=workspaces(exact=True))
def test_every_field_survives_the_properties(workspace):
    assert through_rows(workspace) == workspace


def test_the_bundled_data_survives_the_properties(data_workspace):
    assert through_rows(data_workspace) == data_workspace


def test_properties_are_flat_and_none_is_never_written(data_workspace):
    rows = [
        catalog_rows(data_workspace),
        *(journey_rows(j) for j in data_workspace.journeys.values()),
    ]
    for part in rows:
        every = [
            row["props"]
            for group in (*part.nodes.values(), *part.relationships.values())
            for row in group
        ]
        for props in every:
            for name, value in props.items():
                assert value is not None, name
                assert not isinstance(value, dict), name
                if isinstance(value, list):
                    assert all(isinstance(v, str) for v in value), name


def test_node_properties_are_the_graph_attributes_plus_documented_extras(small_workspace):
    """The graph schema is stored unchanged: every attribute the networkx graph has (except
    None) is a property with the same name and value."""
    graph = build_graph(small_workspace)
    written = {}
    for part in [
        catalog_rows(small_workspace),
        *(journey_rows(j) for j in small_workspace.journeys.values()),
    ]:
        for group in part.nodes.values():
            written.update({row["key"]: row["props"] for row in group})
    assert set(written) == set(graph.nodes)
    for key, attributes in graph.nodes(data=True):
        for name, value in attributes.items():
            if value is not None:
                assert written[key][name] == value, (key, name)


def test_relationships_are_the_graph_edges(data_workspace):
    """One relationship per networkx edge, with the edge's attributes as properties."""
    graph = build_graph(data_workspace)
    written = []
    for part in [
        catalog_rows(data_workspace),
        *(journey_rows(j) for j in data_workspace.journeys.values()),
    ]:
        for kind, group in part.relationships.items():
            written += [
                (row["source"], row["target"], kind.value, json.dumps(row["props"], sort_keys=True))
                for row in group
            ]
    edges = [
        (
            u,
            v,
            data["kind"],
            json.dumps({k: x for k, x in data.items() if x is not None}, sort_keys=True),
        )
        for u, v, data in graph.edges(data=True)
    ]
    assert sorted(written) == sorted(edges)


def test_an_empty_block_is_kept_apart_from_no_block(small_workspace):
    journey = small_workspace.journeys["retirement"]
    step = journey.steps[0]
    empty = step.model_copy(update={"burden": Burden(), "measures": Measures()})
    changed = journey.model_copy(update={"steps": [empty, *journey.steps[1:]]})
    props = next(
        r["props"]
        for r in journey_rows(changed).nodes[NodeKind.step]
        if r["props"]["id"] == step.id
    )
    assert props["empty_blocks"] == ["burden", "measures"]
    assert "minutes" not in props
    workspace = Workspace(
        agencies=small_workspace.agencies,
        programs=small_workspace.programs,
        data_items=small_workspace.data_items,
        journeys={"retirement": changed},
    )
    assert through_rows(workspace).journeys["retirement"].steps[0].burden == Burden()


def test_nested_values_are_json_strings(data_workspace):
    nested = [j for j in data_workspace.journeys.values() if j.accepted_findings]
    assert nested, "the bundled data has accepted findings"
    props = journey_rows(nested[0]).nodes[NodeKind.journey][0]["props"]
    findings = json.loads(props["accepted_findings"])
    assert findings[0]["reason"] == nested[0].accepted_findings[0].reason


def test_the_fingerprint_follows_the_content(small_workspace):
    journey = small_workspace.journeys["retirement"]
    assert journey_fingerprint(journey) == journey_fingerprint(journey.model_copy())
    renamed = journey.model_copy(update={"name": "Retire"})
    assert journey_fingerprint(renamed) != journey_fingerprint(journey)
