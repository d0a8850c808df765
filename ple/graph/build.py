"""Build the journey graph from a validated workspace.

The graph is derived, never edited: change the model and build again. Node keys
and attributes hold only strings, numbers, booleans and lists of strings, so the
same graph can be written to Neo4j or GraphML without conversion.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ple.collector import bulk_load
from ple.graph.schema import EdgeKind, NodeKind, catalog_key
from ple.model import Journey, Step, Workspace

JourneyGraph = nx.MultiDiGraph
"""The embedded backend's graph type."""


Nodes = list[tuple[str, dict[str, Any]]]
"""(node key, attributes) pairs, in the graph's order."""
Edges = list[tuple[str, str, str, dict[str, Any]]]
"""(source key, target key, edge key, attributes) tuples, in the graph's order."""


def build_graph(workspace: Workspace) -> nx.MultiDiGraph:
    """One MultiDiGraph holding every journey of ``workspace`` and its catalog."""
    nodes, edges = catalog_elements(workspace)
    with bulk_load():
        for journey in workspace.journeys.values():
            _add_journey(journey, nodes, edges)
        return _assemble(nodes, edges)


def catalog_elements(workspace: Workspace) -> tuple[Nodes, Edges]:
    """The catalog's nodes (agencies, programs, data items) and edges (part_of, run_by).

    The graph database store writes these, and :func:`journey_elements` for each
    journey, so both backends hold exactly the same nodes, edges and attributes.
    """
    nodes: Nodes = []
    edges: Edges = []
    for agency in workspace.agencies.values():
        key = catalog_key(NodeKind.agency, agency.id)
        nodes.append(
            (
                key,
                {
                    "kind": _AGENCY,
                    "id": agency.id,
                    "name": agency.name,
                    "acronym": agency.acronym,
                    "hisp": agency.hisp,
                    "level": agency.level.value,
                },
            )
        )
        if agency.parent:
            edges.append(
                (key, catalog_key(NodeKind.agency, agency.parent), _PART_OF, {"kind": _PART_OF})
            )
    for program in workspace.programs.values():
        key = catalog_key(NodeKind.program, program.id)
        nodes.append(
            (
                key,
                {
                    "kind": _PROGRAM,
                    "id": program.id,
                    "name": program.name,
                    "short_name": program.short_name,
                    "agency": program.agency,
                    "assistance_listing": program.assistance_listing,
                },
            )
        )
        edges.append(
            (key, catalog_key(NodeKind.agency, program.agency), _RUN_BY, {"kind": _RUN_BY})
        )
    for item in workspace.data_items.values():
        nodes.append(
            (
                catalog_key(NodeKind.data_item, item.id),
                {
                    "kind": _DATA_ITEM,
                    "id": item.id,
                    "name": item.name,
                    "data_kind": item.kind.value if item.kind else None,
                },
            )
        )
    return nodes, edges


def journey_elements(journey: Journey) -> tuple[Nodes, Edges]:
    """One journey's nodes (the journey, its stages, personas and steps) and the edges
    leaving them, as :func:`build_graph` adds them."""
    nodes: Nodes = []
    edges: Edges = []
    _add_journey(journey, nodes, edges)
    return nodes, edges


# Plain strings, looked up once: enum attribute access is slow in hot loops.
_AGENCY, _PROGRAM, _DATA_ITEM = NodeKind.agency.value, NodeKind.program.value, "data_item"
_JOURNEY, _STAGE, _STEP, _PERSONA = "journey", "stage", "step", "persona"
_PART_OF, _RUN_BY, _LED_BY = EdgeKind.part_of.value, EdgeKind.run_by.value, EdgeKind.led_by.value
_BASELINE, _HAS_STAGE = EdgeKind.baseline.value, EdgeKind.has_stage.value
_HAS_PERSONA, _STARTS_AT = EdgeKind.has_persona.value, EdgeKind.starts_at.value
_NEXT, _AT_AGENCY = EdgeKind.next.value, EdgeKind.at_agency.value
_IN_PROGRAM, _REQUESTS = EdgeKind.in_program.value, EdgeKind.requests.value
_FOR_PERSONA = EdgeKind.for_persona.value


def _add_journey(journey: Journey, nodes: Nodes, edges: Edges) -> None:
    jid = journey.id
    jkey = catalog_key(NodeKind.journey, jid)
    nodes.append(
        (
            jkey,
            {
                "kind": _JOURNEY,
                "id": jid,
                "name": journey.name,
                "state": journey.state.value,
                "lead_agency": journey.lead_agency,
                "volume": journey.volume.per_year if journey.volume else None,
            },
        )
    )
    if journey.lead_agency:
        edges.append((jkey, f"agency:{journey.lead_agency}", _LED_BY, {"kind": _LED_BY}))
    if journey.baseline:
        edges.append((jkey, f"journey:{journey.baseline}", _BASELINE, {"kind": _BASELINE}))
    for order, stage in enumerate(journey.stages):
        key = f"stage:{jid}/{stage.id}"
        nodes.append(
            (
                key,
                {
                    "kind": _STAGE,
                    "id": stage.id,
                    "journey": jid,
                    "name": stage.name,
                    "order": order,
                },
            )
        )
        edges.append((jkey, key, _HAS_STAGE, {"kind": _HAS_STAGE}))
    for persona in journey.personas:
        key = f"persona:{jid}/{persona.id}"
        can_use = persona.can_use
        nodes.append(
            (
                key,
                {
                    "kind": _PERSONA,
                    "id": persona.id,
                    "journey": jid,
                    "name": persona.name,
                    "channels": [c.value for c in can_use.channels]
                    if can_use and can_use.channels is not None
                    else None,
                    "languages": list(can_use.languages)
                    if can_use and can_use.languages is not None
                    else None,
                    "needs": list(persona.needs),
                },
            )
        )
        edges.append((jkey, key, _HAS_PERSONA, {"kind": _HAS_PERSONA}))
    entries = set(journey.entry_steps)
    agency_of = {step.id: step.agency for step in journey.steps}
    prefix = f"step:{jid}/"
    for order, step in enumerate(journey.steps):
        key = prefix + step.id
        entry = step.id in entries
        nodes.append((key, _step_attributes(step, jid, order, entry)))
        if entry:
            edges.append((jkey, key, _STARTS_AT, {"kind": _STARTS_AT}))
        edges.append((key, "agency:" + step.agency, _AT_AGENCY, {"kind": _AT_AGENCY}))
        if step.program:
            edges.append((key, "program:" + step.program, _IN_PROGRAM, {"kind": _IN_PROGRAM}))
        for item in dict.fromkeys(step.requests):
            edges.append((key, "data_item:" + item, _REQUESTS, {"kind": _REQUESTS}))
        for persona in step.personas or ():
            edges.append((key, f"persona:{jid}/{persona}", _FOR_PERSONA, {"kind": _FOR_PERSONA}))
        for index, transition in enumerate(step.next):
            handoff = transition.handoff
            edges.append(
                (
                    key,
                    prefix + transition.to,
                    f"next:{index}",
                    {
                        "kind": _NEXT,
                        "journey": jid,
                        "order": index,
                        "condition": transition.condition,
                        "share": transition.share,
                        "cross_agency": agency_of[transition.to] != step.agency,
                        "handoff": handoff.type.value if handoff else None,
                        "shares": list(handoff.shares) if handoff else [],
                        "note": handoff.note if handoff else None,
                    },
                )
            )


def _step_attributes(step: Step, journey_id: str, order: int, entry: bool) -> dict[str, Any]:
    burden = step.burden
    channels, languages = step.channels, step.languages
    attributes: dict[str, Any] = {
        "kind": _STEP,
        "id": step.id,
        "journey": journey_id,
        "name": step.name,
        "order": order,
        "stage": step.stage,
        "agency": step.agency,
        "program": step.program,
        "channels": [c.value for c in channels] if channels is not None else None,
        "languages": list(languages) if languages is not None else None,
        "minutes": burden.minutes if burden else None,
        "wait_days": burden.wait_days if burden else None,
        "cost_usd": burden.cost_usd if burden else None,
        "visits": burden.visits if burden else None,
        "sentiment": step.sentiment,
        "entry": entry,
        "end": step.end,
        "fork": step.fork,
        "forms": list(step.forms),
        "pain_points": list(step.pain_points),
        "accommodations": list(step.accommodations) if step.accommodations is not None else None,
    }
    if step.measures is not None:
        attributes.update(
            (f"measure_{name}", score) for name, score in step.measures.scores().items()
        )
    return attributes


def _assemble(nodes: Nodes, edges: Edges) -> nx.MultiDiGraph:
    """Fill a MultiDiGraph's adjacency dicts directly.

    ``add_edges_from`` checks and wraps every edge and costs about four times
    this loop on a 100,000-step portfolio. The structure written here is the one
    networkx documents for multigraphs (node -> neighbour -> key -> data, with
    successor and predecessor dicts sharing each key dict), and a test holds the
    result equal to the public API's.
    """
    graph = nx.MultiDiGraph()
    node_data, succ, pred = graph._node, graph._succ, graph._pred
    for key, attributes in nodes:
        node_data[key] = attributes
        succ[key] = {}
        pred[key] = {}
    for u, v, key, attributes in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[key] = attributes
    return graph
