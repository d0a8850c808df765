"""The rows ``sync`` writes, and the model ``load`` rebuilds from what it reads.

Every node and relationship of the journey graph (``ple.graph.build``) is written with
exactly its graph attributes, so Cypher sees the schema of ``docs/graph-model.md``.
The graph leaves out some fields of the model (descriptions, notes, urls...); so that a
load gives back exactly the workspace that was synced, each node also carries those
fields as **store-only properties**, flattened by one rule:

- a scalar is a property of its own (``description``, ``volume_source``);
- a list of strings is a list property (``sources``, ``requests``);
- a map, or a list of maps, is one JSON string (``burden_by_channel``,
  ``accepted_findings``, the workspace's ``settings``);
- None is never written (a missing property reads back as null, meaning unknown).

Optional blocks whose fields are all optional (``burden``, ``measures``, a persona's
``can_use``) are kept in flattened properties (``minutes``, ``measure_ease``...); a block
given with no field set (``burden: {}``) leaves none, so its name goes into the
``empty_blocks`` list property, the one marker this needs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ple.graph.build import Edges, Nodes, catalog_elements, journey_elements
from ple.graph.schema import EdgeKind, NodeKind, catalog_key, journey_key
from ple.model import (
    MEASURE_KEYS,
    AcceptedFinding,
    Agency,
    DataItem,
    Journey,
    Opportunity,
    Program,
    Settings,
    Sharing,
    Step,
    Touchpoint,
    Workspace,
)
from ple.store.cypher import WORKSPACE_KEY

STORE_FORMAT = 1
"""Version of this mapping. A database written by a newer format is refused by ``load``;
a change of format makes the next sync write every journey again."""

BURDEN_FIELDS = ("minutes", "wait_days", "cost_usd", "visits")
MEASURE_PROPERTIES = tuple(f"measure_{name}" for name in MEASURE_KEYS)

Row = dict[str, Any]


@dataclass
class Rows:
    """What one unit of a sync writes: node rows per kind, relationship rows per kind."""

    nodes: dict[NodeKind, list[Row]] = field(default_factory=dict)
    relationships: dict[EdgeKind, list[Row]] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())

    def keys(self, kind: NodeKind) -> list[str]:
        return [row["key"] for row in self.nodes.get(kind, ())]


def _present(attributes: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in attributes.items() if value is not None}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _rows(nodes: Nodes, edges: Edges, extras: Mapping[str, dict[str, Any]]) -> Rows:
    """Graph elements as rows: node properties are the graph attributes without None,
    plus ``key`` (the graph's node key) and the node's store-only properties."""
    rows = Rows()
    for key, attributes in nodes:
        props = _present(attributes)
        props["key"] = key
        props.update(_present(extras.get(key, {})))
        rows.nodes.setdefault(NodeKind(attributes["kind"]), []).append({"key": key, "props": props})
    # Keyed like the networkx MultiDiGraph: an edge listed twice (a step naming a persona
    # twice) is one edge there, and must be one relationship here.
    unique: dict[tuple[str, str, str], tuple[EdgeKind, Row]] = {}
    for source, target, edge_key, attributes in edges:
        row: Row = {"source": source, "target": target, "props": _present(attributes)}
        kind = EdgeKind(attributes["kind"])
        if kind is EdgeKind.next:
            row["order"] = attributes["order"]
        unique[(source, target, edge_key)] = (kind, row)
    for kind, row in unique.values():
        rows.relationships.setdefault(kind, []).append(row)
    return rows


# --- writing -------------------------------------------------------------------------


def catalog_rows(workspace: Workspace) -> Rows:
    """Agencies, programs and data items, with part_of and run_by."""
    extras: dict[str, dict[str, Any]] = {}
    for agency in workspace.agencies.values():
        extras[catalog_key(NodeKind.agency, agency.id)] = {
            "url": agency.url,
            "notes": agency.notes,
            "colour": agency.colour,
        }
    for program in workspace.programs.values():
        extras[catalog_key(NodeKind.program, program.id)] = {
            "url": program.url,
            "notes": program.notes,
            "categories": list(program.categories),
            "beneficiary_types": list(program.beneficiary_types),
        }
    for item in workspace.data_items.values():
        extras[catalog_key(NodeKind.data_item, item.id)] = {"notes": item.notes}
    nodes, edges = catalog_elements(workspace)
    return _rows(nodes, edges, extras)


def journey_rows(journey: Journey) -> Rows:
    """One journey's nodes and every relationship leaving them."""
    jid = journey.id
    volume = journey.volume
    extras: dict[str, dict[str, Any]] = {
        catalog_key(NodeKind.journey, jid): {
            "trigger": journey.trigger,
            "outcome": journey.outcome,
            "description": journey.description,
            "notes": journey.notes,
            "sources": list(journey.sources),
            "entry": list(journey.entry),
            "volume_source": volume.source if volume else None,
            "volume_year": volume.year if volume else None,
            "volume_notes": volume.notes if volume else None,
            "volume_evidence": _json(volume.evidence.model_dump(mode="json", exclude_none=True))
            if volume and volume.evidence
            else None,
            "accepted_findings": _json(
                [
                    f.model_dump(mode="json", by_alias=True, exclude_none=True)
                    for f in journey.accepted_findings
                ]
            )
            if journey.accepted_findings
            else None,
        },
    }
    for stage in journey.stages:
        extras[journey_key(NodeKind.stage, jid, stage.id)] = {"description": stage.description}
    for order, persona in enumerate(journey.personas):
        can_use = persona.can_use
        empty = can_use is not None and can_use.channels is None and can_use.languages is None
        extras[journey_key(NodeKind.persona, jid, persona.id)] = {
            "description": persona.description,
            "order": order,
            "empty_blocks": ["can_use"] if empty else None,
        }
    for step in journey.steps:
        empty_blocks = []
        if step.burden is not None and all(getattr(step.burden, f) is None for f in BURDEN_FIELDS):
            empty_blocks.append("burden")
        if step.measures is not None and not step.measures.scores():
            empty_blocks.append("measures")
        extras[journey_key(NodeKind.step, jid, step.id)] = {
            "description": step.description,
            "notes": step.notes,
            "requests": list(step.requests),
            "personas": list(step.personas) if step.personas is not None else None,
            "burden_by_channel": _json(
                {
                    channel.value: burden.model_dump(mode="json", exclude_none=True)
                    for channel, burden in step.burden_by_channel.items()
                }
            )
            if step.burden_by_channel
            else None,
            "empty_blocks": empty_blocks or None,
            "blueprint": _blueprint_json(step),
        }
    nodes, edges = journey_elements(journey)
    return _rows(nodes, edges, extras)


BLUEPRINT_FIELDS = (
    "touchpoints",
    "frontstage",
    "backstage",
    "support",
    "moment_that_matters",
    "moment_reason",
    "evidence",
    "detail",
)
"""Step fields the graph does not hold, kept together in the ``blueprint`` property."""


def _blueprint_json(step: Step) -> str | None:
    """A step's blueprint fields and the evidence of its burden, measures and moves, as
    one JSON string (None when it has none)."""
    data = step.model_dump(mode="json", include=set(BLUEPRINT_FIELDS), exclude_defaults=True)
    for block in ("burden", "measures"):
        value = getattr(step, block)
        if value is not None and value.evidence is not None:
            data[f"{block}_evidence"] = value.evidence.model_dump(mode="json")
    moves = [t.evidence.model_dump(mode="json") if t.evidence else None for t in step.next]
    if any(moves):
        data["next_evidence"] = moves
    return _json(data) if data else None


def journey_fingerprint(journey: Journey) -> str:
    """Changes whenever anything the sync writes for the journey changes."""
    digest = hashlib.sha256(f"ple-store-{STORE_FORMAT}\n".encode())
    digest.update(journey.model_dump_json().encode())
    return digest.hexdigest()


def catalog_fingerprint(catalog: Rows) -> str:
    """A hash of everything the catalog unit writes: an unchanged catalog is not written
    again."""
    digest = hashlib.sha256(f"ple-store-{STORE_FORMAT}-catalog\n".encode())
    for kind, rows in catalog.nodes.items():
        digest.update(kind.value.encode())
        digest.update(_json([row["props"] for row in rows]).encode())
    for kind, rows in catalog.relationships.items():
        digest.update(kind.value.encode())
        digest.update(
            _json([(row["source"], row["target"], row["props"]) for row in rows]).encode()
        )
    return digest.hexdigest()


def workspace_properties(
    workspace: Workspace,
    catalog: Rows,
    fingerprints: Mapping[str, str],
    synced_at: str,
    version: str,
) -> dict[str, Any]:
    """The Workspace node: settings, the order of each collection (a load gives the
    dicts back in file order), and a fingerprint of the whole content."""
    settings = _json(workspace.settings.model_dump(mode="json"))
    # Sharing records and opportunities are few and nothing queries them in Cypher: one
    # JSON text each, like the settings, keeps them with the workspace they describe.
    sharing = _json(
        [
            record.model_dump(mode="json", by_alias=True, exclude_none=True)
            for record in workspace.sharing.values()
        ]
    )
    opportunities = _json(
        [
            o.model_dump(mode="json", by_alias=True, exclude_none=True)
            for o in workspace.opportunities.values()
        ]
    )
    catalog_print = catalog_fingerprint(catalog)
    digest = hashlib.sha256(f"ple-store-{STORE_FORMAT}\n".encode())
    digest.update(settings.encode())
    digest.update(sharing.encode())
    digest.update(opportunities.encode())
    digest.update(catalog_print.encode())
    digest.update(
        _json([t.model_dump(mode="json") for t in workspace.touchpoints.values()]).encode()
    )
    for journey_id in workspace.journeys:
        digest.update(f"{journey_id}={fingerprints[journey_id]}\n".encode())
    return {
        "key": WORKSPACE_KEY,
        "kind": "workspace",
        "format": STORE_FORMAT,
        "settings": settings,
        "sharing": sharing,
        "opportunities": opportunities,
        "agencies": list(workspace.agencies),
        "programs": list(workspace.programs),
        "data_items": list(workspace.data_items),
        "touchpoints": _json(
            [
                t.model_dump(mode="json", exclude_defaults=True)
                for t in workspace.touchpoints.values()
            ]
        ),
        "journeys": list(workspace.journeys),
        "content": digest.hexdigest(),
        "catalog_fingerprint": catalog_print,
        "synced_at": synced_at,
        "written_by": version,
    }


# --- reading -------------------------------------------------------------------------


def _pick(props: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: props[name] for name in names if props.get(name) is not None}


def agency_from(props: Mapping[str, Any], parent: str | None) -> Agency:
    data = _pick(props, "id", "name", "acronym", "hisp", "level", "url", "notes", "colour")
    if parent is not None:
        data["parent"] = parent
    return Agency.model_validate(data)


def program_from(props: Mapping[str, Any]) -> Program:
    return Program.model_validate(
        _pick(
            props,
            "id",
            "name",
            "short_name",
            "agency",
            "assistance_listing",
            "url",
            "notes",
            "categories",
            "beneficiary_types",
        )
    )


def data_item_from(props: Mapping[str, Any]) -> DataItem:
    data = _pick(props, "id", "name", "notes")
    if props.get("data_kind") is not None:
        data["kind"] = props["data_kind"]
    return DataItem.model_validate(data)


def settings_from(workspace_props: Mapping[str, Any]) -> Settings:
    return Settings.model_validate(json.loads(workspace_props["settings"]))


def sharing_from(workspace_props: Mapping[str, Any]) -> dict[str, Sharing]:
    """The sharing records (none from a store written before they were kept)."""
    records = [
        Sharing.model_validate(item) for item in json.loads(workspace_props.get("sharing") or "[]")
    ]
    return {record.id: record for record in records}


def opportunities_from(workspace_props: Mapping[str, Any]) -> dict[str, Opportunity]:
    """The opportunities, in file order (a database synced before they existed has none)."""
    items = json.loads(workspace_props.get("opportunities") or "[]")
    return {item["id"]: Opportunity.model_validate(item) for item in items}


def touchpoints_from(workspace_props: Mapping[str, Any]) -> dict[str, Touchpoint]:
    """The catalog's touchpoints, kept on the Workspace node (none before they existed)."""
    items = [
        Touchpoint.model_validate(t) for t in json.loads(workspace_props.get("touchpoints") or "[]")
    ]
    return {t.id: t for t in items}


def _step_data(props: Mapping[str, Any], transitions: Iterable[tuple[str, Mapping]]) -> dict:
    empty = set(props.get("empty_blocks") or ())
    data = _pick(
        props,
        "id",
        "name",
        "stage",
        "agency",
        "program",
        "description",
        "forms",
        "channels",
        "languages",
        "requests",
        "sentiment",
        "pain_points",
        "accommodations",
        "personas",
        "end",
        "fork",
        "notes",
    )
    burden = _pick(props, *BURDEN_FIELDS)
    if burden or "burden" in empty:
        data["burden"] = burden
    measures = {
        name[len("measure_") :]: props[name]
        for name in MEASURE_PROPERTIES
        if props.get(name) is not None
    }
    if measures or "measures" in empty:
        data["measures"] = measures
    if props.get("burden_by_channel") is not None:
        data["burden_by_channel"] = json.loads(props["burden_by_channel"])
    blueprint = json.loads(props["blueprint"]) if props.get("blueprint") else {}
    for block in ("burden", "measures"):
        evidence = blueprint.pop(f"{block}_evidence", None)
        if evidence is not None:
            data.setdefault(block, {})["evidence"] = evidence
    moves_evidence = blueprint.pop("next_evidence", [])
    data.update(blueprint)
    moves = []
    for target, edge in sorted(transitions, key=lambda t: t[1]["order"]):
        move = {"to": target, **_pick(edge, "condition", "share")}
        if edge.get("handoff") is not None:
            move["handoff"] = {"type": edge["handoff"], **_pick(edge, "shares", "note")}
        if len(moves) < len(moves_evidence) and moves_evidence[len(moves)] is not None:
            move["evidence"] = moves_evidence[len(moves)]
        moves.append(move)
    data["next"] = moves
    return data


def journey_from(
    props: Mapping[str, Any],
    baseline: str | None,
    stages: list[Mapping[str, Any]],
    personas: list[Mapping[str, Any]],
    steps: list[Mapping[str, Any]],
    transitions: Mapping[str, list[tuple[str, Mapping[str, Any]]]],
) -> Journey:
    """A journey from its node, its stages, personas and steps, and its NEXT
    relationships (step id -> [(target step id, relationship properties)])."""
    data = _pick(
        props,
        "id",
        "name",
        "state",
        "trigger",
        "outcome",
        "lead_agency",
        "description",
        "sources",
        "entry",
        "notes",
    )
    if baseline is not None:
        data["baseline"] = baseline
    if props.get("volume") is not None:
        data["volume"] = {
            "per_year": props["volume"],
            "source": props.get("volume_source"),
            **_pick(
                {"year": props.get("volume_year"), "notes": props.get("volume_notes")},
                "year",
                "notes",
            ),
        }
        if props.get("volume_evidence") is not None:
            data["volume"]["evidence"] = json.loads(props["volume_evidence"])
    if props.get("accepted_findings") is not None:
        data["accepted_findings"] = [
            AcceptedFinding.model_validate(f) for f in json.loads(props["accepted_findings"])
        ]
    data["stages"] = [
        _pick(s, "id", "name", "description") for s in sorted(stages, key=lambda s: s["order"])
    ]
    data["personas"] = []
    for persona in sorted(personas, key=lambda p: p["order"]):
        entry = _pick(persona, "id", "name", "description", "needs")
        can_use = _pick(persona, "channels", "languages")
        if can_use or "can_use" in (persona.get("empty_blocks") or ()):
            entry["can_use"] = can_use
        data["personas"].append(entry)
    data["steps"] = [
        _step_data(s, transitions.get(s["id"], ())) for s in sorted(steps, key=lambda s: s["order"])
    ]
    return Journey.model_validate(data)


def in_order(ids: Iterable[str], order: Iterable[str] | None) -> list[str]:
    """``ids`` in the order recorded at the last sync; any others after, by id."""
    known = set(ids)
    first = [i for i in (order or ()) if i in known]
    placed = set(first)
    return first + sorted(known - placed)
