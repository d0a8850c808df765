"""The journey graph's vocabulary: node kinds, edge kinds and node keys.

This module is the schema both backends store: networkx in memory and Neo4j on
a server (labels are the node kinds in PascalCase, relationship types the edge
kinds in UPPER_CASE). ``docs/graph-model.md`` describes it for people.
"""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    journey = "journey"
    stage = "stage"
    step = "step"
    persona = "persona"
    agency = "agency"
    program = "program"
    data_item = "data_item"


class EdgeKind(StrEnum):
    has_stage = "has_stage"  # journey -> stage
    has_persona = "has_persona"  # journey -> persona
    starts_at = "starts_at"  # journey -> step (entry steps)
    led_by = "led_by"  # journey -> agency (lead agency)
    baseline = "baseline"  # future journey -> the current journey it improves
    next = "next"  # step -> step (a transition; may be a handoff)
    at_agency = "at_agency"  # step -> agency
    in_program = "in_program"  # step -> program
    requests = "requests"  # step -> data_item
    for_persona = "for_persona"  # step -> persona (steps that apply to some personas only)
    run_by = "run_by"  # program -> agency
    part_of = "part_of"  # agency -> parent agency


UNDOCUMENTED = "undocumented"
"""The handoff type reported for a cross-agency transition without ``handoff``."""


def catalog_key(kind: NodeKind, item_id: str) -> str:
    """Node key of a catalog item or journey, e.g. ``agency:ssa``."""
    return f"{kind.value}:{item_id}"


def journey_key(kind: NodeKind, journey_id: str, item_id: str) -> str:
    """Node key of something scoped to a journey, e.g. ``step:approaching-retirement/apply``.

    Step, stage and persona ids are unique within their journey only, so the key
    carries the journey id too.
    """
    return f"{kind.value}:{journey_id}/{item_id}"
