"""What the journey canvas draws, computed without a UI: the swimlane layout as plain
JSON-ready data, with the words a person reads on hover and a screen reader announces.

The canvas is the app's journey view on the Journey, Edit, Compare, Equity and Handoffs
pages, and the standalone HTML export draws the same data. Lengths stay in inches (the
layout's unit); the canvas multiplies them.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ple.compare import Comparison
from ple.diagram.compare import comparison_map
from ple.diagram.sketch import (
    NO_STAGE,
    JourneySketch,
    Lane,
    Move,
    StepSketch,
    lane_for,
    lanes_in_order,
    sketch_journey,
)
from ple.diagram.style import HANDOFF_STYLES, agency_colours, tint
from ple.diagram.swimlane import (
    ARROW_HALF,
    ARROW_LEN,
    GAP,
    LANE_LABEL_W,
    LANE_PT,
    MARGIN,
    STEP_PT,
    TEXT_PT,
    SwimlaneLayout,
    describe,
    layout_for_canvas,
)
from ple.diagram.text import LINE
from ple.model import Journey, Step, Workspace
from ple.sheets.convert import Row, Tables

EDITABLE_HANDOFF_TYPES = ("automatic", "warm", "referral", "cold")
MIN_HEIGHT, MAX_HEIGHT = 360, 760
"""The canvas's height in pixels: the map's own height at 100 %, within these bounds."""


@dataclass(frozen=True)
class StepWords:
    """What the canvas says about a step beyond its name: the details on hover and a
    problem shown on the box ("no way in")."""

    details: str = ""
    problem: str = ""


def burden_text(step: Step) -> str:
    burden = step.burden
    if burden is None:
        return "not recorded"
    parts = [
        f"{burden.minutes:g} min" if burden.minutes is not None else None,
        f"wait {burden.wait_days:g} days" if burden.wait_days is not None else None,
        f"${burden.cost_usd:,.2f}" if burden.cost_usd is not None else None,
        f"{burden.visits} visits" if burden.visits is not None else None,
    ]
    return ", ".join(p for p in parts if p) or "not recorded"


def measures_text(step: Step) -> str | None:
    """A-11 survey scores, e.g. "A-11 scores (1-5): satisfaction 4.1, trust 3.8"."""
    if step.measures is None:
        return None
    scores = step.measures.scores()
    return "A-11 scores (1-5): " + ", ".join(f"{k} {v:g}" for k, v in scores.items())


def step_details(workspace: Workspace, journey: Journey, step: Step, findings: int) -> str:
    """Everything a facilitator wants on hover or in the panel, as plain text lines."""
    agency = workspace.agencies[step.agency]
    stage = next((s.name for s in journey.stages if s.id == step.stage), None)
    program = workspace.programs[step.program] if step.program else None
    lines = [
        step.name,
        f"Agency: {agency.name}" + (f" ({agency.acronym})" if agency.acronym else ""),
        f"Program: {program.name}" + (f" ({program.short_name})" if program.short_name else "")
        if program
        else None,
        f"Stage: {stage}" if stage else None,
        "Channels: "
        + (
            ", ".join(c.value.replace("_", " ") for c in step.channels)
            if step.channels is not None
            else "not recorded"
        ),
        "Languages: "
        + (", ".join(step.languages) if step.languages is not None else "not recorded"),
        f"Burden: {burden_text(step)}",
        "Asks for: " + ", ".join(workspace.data_items[i].name for i in step.requests)
        if step.requests
        else None,
        *(f"Pain point: {p}" for p in step.pain_points),
        measures_text(step),
        f"Gap findings: {findings}" if findings else None,
    ]
    return "\n".join(line for line in lines if line)


def selection_details(
    workspace: Workspace,
    journey: Journey,
    selection: Mapping[str, str] | None,
    findings: Mapping[str, int],
) -> list[str]:
    """What the panel beside the canvas says about the selected step or move: its name,
    then one line per detail (empty when nothing known is selected)."""
    if not selection:
        return []
    steps = {step.id: step for step in journey.steps}
    if selection.get("kind") == "step" and selection.get("id") in steps:
        step = steps[selection["id"]]
        return step_details(workspace, journey, step, findings.get(step.id, 0)).split("\n")
    source, target = steps.get(selection.get("from", "")), steps.get(selection.get("to", ""))
    if selection.get("kind") != "route" or source is None or target is None:
        return []
    move = next((t for t in source.next if t.to == target.id), None)
    if move is None:
        return []
    lines = [f"{source.name} → {target.name}"]
    if source.agency == target.agency:
        lines.append(f"A next step at the same agency ({workspace.agency_label(source.agency)})")
    elif move.handoff is None:
        lines.append(
            f"Undocumented handoff from {workspace.agency_label(source.agency)} to "
            f"{workspace.agency_label(target.agency)}: how the person is passed on "
            "is not described"
        )
    else:
        lines.append(
            f"{move.handoff.type.value.capitalize()} handoff from "
            f"{workspace.agency_label(source.agency)} to "
            f"{workspace.agency_label(target.agency)}: "
            f"{HANDOFF_STYLES[move.handoff.type.value].meaning}"
        )
        if move.handoff.shares:
            lines.append(
                "Shares: " + ", ".join(workspace.data_items[i].name for i in move.handoff.shares)
            )
        if move.handoff.note:
            lines.append(f"Note: {move.handoff.note}")
    if move.condition:
        lines.append(f"When: {move.condition}")
    if move.share is not None:
        lines.append(f"Share of people: {move.share:.0%}")
    return lines


def comparison_canvas_data(workspace: Workspace, comparison: Comparison) -> dict[str, Any]:
    """Today's journey and the proposed one in one canvas (:mod:`ple.diagram.compare`)."""
    union = comparison_map(workspace, comparison)
    words = {}
    for key, (journey, step_id) in union.origin.items():
        step = next(s for s in journey.steps if s.id == step_id)
        lines = [*union.changes[key], step_details(workspace, journey, step, 0)]
        words[key] = StepWords("\n".join(lines))
    return canvas_data(union.sketch, words=words)


@dataclass(frozen=True)
class StepMark:
    """Words on a step's box that say something about the step (the equity walk's
    "⊘ BLOCKED"), and a note that says why, in its details."""

    label: str
    note: str = ""


def journey_canvas_data(
    workspace: Workspace,
    journey_id: str,
    *,
    findings: Mapping[str, int] | None = None,
    dimmed: set[str] | None = None,
    highlight: set[tuple[str, str]] | None = None,
    marks: Mapping[str, StepMark] | None = None,
    selected: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The canvas of a validated journey, for viewing: ``findings`` per step (the badges),
    ``dimmed`` steps (a filter leaves them out), ``highlight`` moves (from, to), ``marks``
    on steps."""
    journey = workspace.journeys[journey_id]
    findings = findings or {}
    marks = marks or {}
    sketch = sketch_journey(
        workspace, journey, findings, {step: mark.label for step, mark in marks.items()}
    )
    words = {}
    for step in journey.steps:
        details = step_details(workspace, journey, step, findings.get(step.id, 0))
        if step.id in marks and marks[step.id].note:
            details += f"\n{marks[step.id].label}: {marks[step.id].note}"
        words[step.id] = StepWords(details)
    return canvas_data(sketch, words=words, highlight=highlight, selected=selected, dimmed=dimmed)


NO_AGENCY = ""
"""The lane of steps that name no agency yet."""


def sketch_tables(
    workspace: Workspace,
    tables: Tables,
    findings: Mapping[str, int] | None = None,
    extra_lanes: Iterable[str] = (),
) -> JourneySketch:
    """A journey being edited, whatever state its tables are in, as a sketch: rows
    without an id are left out, a step without an agency goes to a "No agency" lane, a
    move to a step that does not exist is not drawn. ``extra_lanes`` are agencies the
    designer added as lanes before any step is in them."""
    findings = findings or {}
    head = (tables.get("Journey") or [{}])[0]
    rows = [r for r in tables.get("Steps", []) if r.get("id")]
    ids = {str(r["id"]) for r in rows}
    stages = tuple(
        (str(r["id"]), str(r.get("name") or r["id"]))
        for r in tables.get("Stages", [])
        if r.get("id")
    )
    stage_ids = {stage for stage, _ in stages}
    following: dict[str, list[Move]] = {step: [] for step in ids}
    for move in tables.get("Transitions", []):
        source, target = str(move.get("from") or ""), str(move.get("to") or "")
        if source in ids and target in ids:
            handoff = move.get("handoff")
            following[source].append(Move(target, handoff if handoff in HANDOFF_STYLES else None))
    steps = []
    for row in rows:
        pains = row.get("pain_points") or []
        sentiment = row.get("sentiment")
        steps.append(
            StepSketch(
                id=str(row["id"]),
                name=str(row.get("name") or row["id"]),
                agency=str(row.get("agency") or NO_AGENCY),
                stage=str(row["stage"]) if row.get("stage") in stage_ids else NO_STAGE,
                next=tuple(following[str(row["id"])]),
                findings=findings.get(str(row["id"]), 0),
                pain_points=tuple(str(p) for p in (pains if isinstance(pains, list) else [pains])),
                sentiment=int(sentiment)
                if isinstance(sentiment, (int, float))
                and not isinstance(sentiment, bool)
                and -2 <= sentiment <= 2
                else None,
            )
        )
    agencies = lanes_in_order([*(s.agency for s in steps), *extra_lanes])
    colours = agency_colours(workspace)
    lanes = tuple(
        Lane(NO_AGENCY, "No agency", "No agency", "#BBBBBB")
        if not agency
        else lane_for(workspace, agency, colours)
        for agency in agencies
    )
    entry = head.get("entry")
    entries = tuple(e for e in (entry if isinstance(entry, list) else []) if e in ids)
    return JourneySketch(
        id=str(head.get("id") or ""),
        name=str(head.get("name") or head.get("id") or ""),
        steps=tuple(steps),
        lanes=lanes,
        stages=stages,
        entry=entries or tuple(s.id for s in steps[:1]),
        trigger=head.get("trigger"),
        outcome=head.get("outcome"),
    )


def unlinked(sketch: JourneySketch, ends: Iterable[str]) -> dict[str, str]:
    """Steps with no way in (not an entry, no move to them) or no way out (no move on, and
    not a deliberate end), in words for their box."""
    arriving = {move.to for step in sketch.steps for move in step.next}
    ending = set(ends)
    said = {}
    for step in sketch.steps:
        no_way_in = step.id not in sketch.entry and step.id not in arriving
        no_way_out = not step.next and step.id not in ending
        if no_way_in and no_way_out:
            said[step.id] = "not connected"
        elif no_way_in:
            said[step.id] = "no way in"
        elif no_way_out:
            said[step.id] = "no way out"
    return said


def edit_canvas_data(
    workspace: Workspace,
    tables: Tables,
    *,
    findings: Mapping[str, int] | None = None,
    extra_lanes: Iterable[str] = (),
    selected: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The canvas of a journey being edited: editable, with the steps that have no way
    in or out marked at once."""
    sketch = sketch_tables(workspace, tables, findings, extra_lanes)
    ends = [str(r["id"]) for r in tables.get("Steps", []) if r.get("id") and r.get("end")]
    problems = unlinked(sketch, ends)
    words = {
        step.id: StepWords(_row_details(workspace, row), problems.get(step.id, ""))
        for step, row in zip(
            sketch.steps, [r for r in tables.get("Steps", []) if r.get("id")], strict=True
        )
    }
    return canvas_data(sketch, editable=True, words=words, selected=selected)


def _row_details(workspace: Workspace, row: Row) -> str:
    """A step row's details on hover, before it is valid: what the row says."""
    agency = workspace.agencies.get(str(row.get("agency") or ""))
    lines = [
        str(row.get("name") or row.get("id")),
        f"Agency: {agency.name if agency else row.get('agency') or 'none yet'}",
    ]
    for column, label in (
        ("stage", "Stage"),
        ("program", "Program"),
        ("channels", "Channels"),
        ("minutes", "Minutes"),
        ("wait_days", "Days waiting"),
        ("requests", "Asks for"),
    ):
        value = row.get(column)
        if value not in (None, "", []):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            lines.append(f"{label}: {shown}")
    return "\n".join(lines)


def route_id(source: str, target: str, index: int = 0) -> str:
    return f"{source}->{target}" + (f"#{index}" if index else "")


def canvas_data(
    sketch: JourneySketch,
    *,
    editable: bool = False,
    words: Mapping[str, StepWords] | None = None,
    highlight: set[tuple[str, str]] | None = None,
    selected: Mapping[str, str] | None = None,
    dimmed: set[str] | None = None,
    layout: SwimlaneLayout | None = None,
) -> dict[str, Any]:
    """The canvas's data for ``sketch``: lanes, stages, columns, steps, routes, words."""
    layout = layout or layout_for_canvas(sketch)
    words = words or {}
    highlight = highlight or set()
    dimmed = dimmed or set()
    stage_names = {stage.id: " ".join(stage.lines) for stage in layout.stages}
    labels_by_agency = {lane.agency: lane.label for lane in sketch.lanes}
    order = {step.id: index for index, step in enumerate(sketch.steps)}
    steps = []
    for step in sketch.steps:
        box = layout.boxes[step.id]
        said = words.get(step.id, StepWords())
        mark_kind = step.mark.split()[-1].lower() if step.mark else ""
        steps.append(
            {
                "id": step.id,
                "name": step.name,
                "order": order[step.id],
                "lines": box.lines,
                "x": box.x,
                "y": box.y,
                "w": box.w,
                "h": box.h,
                "textTop": box.text_top,
                "colour": box.colour,
                "textColour": box.text_colour,
                "badge": box.badge,
                "note": box.note_tag,
                "mark": step.mark or "",
                "markKind": mark_kind,
                "agency": step.agency,
                "agencyLabel": labels_by_agency.get(step.agency, step.agency),
                "stage": step.stage,
                "stageName": stage_names.get(step.stage, "none"),
                "details": said.details or step.name,
                "problem": said.problem,
                "dimmed": step.id in dimmed,
            }
        )
    seen: dict[tuple[str, str], int] = defaultdict(int)
    routes = []
    for route in layout.routes:
        pair = (route.source.step.id, route.target.step.id)
        identifier = route_id(*pair, seen[pair])
        seen[pair] += 1
        kind = route.kind or "same agency"
        routes.append(
            {
                "id": identifier,
                "from": pair[0],
                "to": pair[1],
                "points": [[x, y] for x, y in route.points],
                "colour": route.style.colour,
                "dashes": list(route.style.dashes),
                "width": route.style.width,
                "kind": kind,
                "highlight": pair in highlight,
                "description": f"{kind} move from {route.source.step.name} to "
                f"{route.target.step.name}",
            }
        )
    labels = [
        {
            "text": label.text,
            "x": label.x,
            "y": label.y,
            "upright": label.upright,
            "colour": label.style.colour,
            "route": routes[label.route]["id"],
        }
        for label in layout.labels
    ]
    data: dict[str, Any] = {
        "journey": {"id": sketch.id, "name": sketch.name},
        "editable": editable,
        "width": layout.width,
        "mapHeight": layout.height,
        "height": int(min(max(layout.height * 96 + 16, MIN_HEIGHT), MAX_HEIGHT)),
        "laneLabelWidth": LANE_LABEL_W,
        "margin": MARGIN,
        "x0": layout.x0,
        "lanesRight": layout.lanes_right,
        "lanesTop": layout.lanes_top,
        "lanesBottom": layout.lanes_bottom,
        "lanes": [
            {
                "agency": lane.agency,
                "colour": lane.colour,
                "tint": tint(lane.colour, 0.82),
                "top": lane.top,
                "bottom": lane.bottom,
                "label": lane.label_lines,
                "name": lane.name_lines,
            }
            for lane in layout.lanes
        ],
        "stages": [
            {
                "id": stage.id,
                "lines": stage.lines,
                "x0": stage.x0,
                "x1": stage.x1,
                "top": stage.top,
                "height": stage.height,
                "first": stage.first_column,
                "last": stage.last_column,
            }
            for stage in layout.stages
        ],
        "columns": _columns(layout),
        "steps": steps,
        "routes": routes,
        "labels": labels,
        "sentiment": _sentiment(layout),
        "handoffTypes": [
            {"type": kind, "meaning": HANDOFF_STYLES[kind].meaning}
            for kind in EDITABLE_HANDOFF_TYPES
        ],
        "stepFontPt": STEP_PT,
        "textFontPt": TEXT_PT,
        "lanePt": LANE_PT,
        "lineHeight": STEP_PT * LINE / 72,
        "arrow": {"length": ARROW_LEN, "half": ARROW_HALF},
        "selected": dict(selected) if selected else None,
        "description": describe(sketch),
    }
    data["revision"] = hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return data


def _columns(layout: SwimlaneLayout) -> list[dict[str, Any]]:
    """Each column with the gaps beside it, so that every point of the lanes falls in
    one: where a dropped or new step goes."""
    stage_of = {}
    for stage in layout.grid.stages:
        for column in range(stage.first, stage.last + 1):
            stage_of[column] = stage.id
    return [
        {
            "index": c,
            "stage": stage_of.get(c, ""),
            "x0": layout.gap_left(c) if c else layout.x0,
            "x1": layout.gap_left(c + 1) + (GAP if c == layout.columns - 1 else 0),
        }
        for c in range(layout.columns)
    ]


def _sentiment(layout: SwimlaneLayout) -> dict[str, Any] | None:
    row = layout.sentiment()
    if row is None:
        return None
    return {
        "top": layout.sentiment_top,
        "bottom": layout.sentiment_bottom,
        "points": [{"x": m.x, "y": m.y, "value": m.value, "colour": m.colour} for m in row.marks],
        "mean": [list(point) for point in row.means],
    }
