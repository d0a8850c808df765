"""Today's journey and the proposed one in one diagram, with what changed marked.

The proposed journey is drawn as usual (lane by agency, column by moves from the start),
and the steps and moves it drops are drawn where they were, in grey. Every mark is a
word first and a line style second, never a colour alone:

* a step added in the proposed journey starts with "+ NEW" and has a thick border;
* a changed step starts with "✎ CHANGED" and has a dashed border (its tooltip lists
  the changes);
* a removed step starts with "✕ REMOVED", is grey and has a dotted border;
* a handoff whose type changed is labelled "cold → automatic" and drawn thick; a new
  move is labelled "new"; a removed move is a grey dotted line labelled "removed".

Steps are laid out on the union of the two journeys, so removed steps keep a place near
their old neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ple.compare import Comparison
from ple.diagram.interactive import (
    MAX_STEPS_DRAWN,
    _lane_and_stage_labels,
    _render,
    _roundness,
    _wrap,
    agency_flow_html,
    safe_text,
    step_tooltip,
)
from ple.diagram.layout import place_steps
from ple.diagram.style import HANDOFF_STYLES, WITHIN_AGENCY, agency_colours, text_colour
from ple.model import Journey, Stage, Step, Transition, Workspace

REMOVED_PREFIX = "was:"
"""Node id prefix of a removed step (a colon never occurs in a step id)."""
REMOVED_FILL = "#E0E0E0"
REMOVED_LINE = "#6B6B6B"


@dataclass(frozen=True)
class Mark:
    """How one kind of change is shown: the words on the box and its border."""

    badge: str
    meaning: str
    border_width: int
    dashes: tuple[int, ...]


MARKS: dict[str, Mark] = {
    "added": Mark("+ NEW", "step added in the proposed journey (thick border)", 5, ()),
    "changed": Mark("✎ CHANGED", "step changed; hover it for what changed (dashed border)",
                    3, (8, 4)),
    "removed": Mark("✕ REMOVED", "step the proposed journey drops (grey, dotted border)",
                    2, (2, 4)),
}
"""The step marks, also listed in the legends of the app and the HTML brief."""

EDGE_MARKS: dict[str, str] = {
    "cold → automatic": "a handoff whose type changed: today's type, then the proposed one "
                        "(thick line)",
    "new": "a move only the proposed journey has",
    "removed": "a move the proposed journey drops (grey, dotted)",
}


def comparison_html(workspace: Workspace, comparison: Comparison, *, height: int = 620) -> str:
    """The proposed journey with today's removed steps, as one self-contained page."""
    current = workspace.journeys[comparison.current]
    future = workspace.journeys[comparison.future]
    union, shown_from = _union(current, future, comparison)
    placements = place_steps(union)
    colours = agency_colours(list(dict.fromkeys(s.agency for s in union.steps)))
    status = {(c.future or REMOVED_PREFIX + (c.current or "")): c for c in comparison.steps}
    if len(union.steps) > MAX_STEPS_DRAWN:  # too many boxes to read: who hands to whom
        return agency_flow_html(workspace, future, future.steps, height=height)
    nodes: list[dict[str, Any]] = []
    for step in union.steps:
        change = status[step.id]
        journey, original = shown_from[step.id]
        nodes.append(_node(workspace, journey, original, step.id, change.status,
                           [c.text for c in change.changes], placements[step.id],
                           colours[step.agency]))
    ids = {s.id for s in union.steps}
    edges = [_edge(e, placements, ids) for e in _edges(current, future, comparison)
             if e.source in ids and e.target in ids]
    nodes += _lane_and_stage_labels(workspace, union, union.steps, placements)
    return _render(nodes, edges, height,
                   f"Diagram comparing {current.name} with {future.name}")


def _union(
    current: Journey, future: Journey, comparison: Comparison
) -> tuple[Journey, dict[str, tuple[Journey, Step]]]:
    """A journey holding the proposed steps and today's removed ones, with every move of
    both, for the layout; and for each of its ids the journey and step to describe."""
    future_of = comparison.match.future_of()

    def union_id(current_id: str) -> str:
        return future_of.get(current_id, REMOVED_PREFIX + current_id)

    moves: dict[str, list[Transition]] = {s.id: list(s.next) for s in future.steps}
    shown_from: dict[str, tuple[Journey, Step]] = {s.id: (future, s) for s in future.steps}
    removed = set(comparison.match.removed)
    for step in current.steps:
        key = union_id(step.id)
        if step.id in removed:
            shown_from[key] = (current, step)
            moves[key] = []
        known = {t.to for t in moves[key]}
        for move in step.next:
            target = union_id(move.to)
            if target not in known:
                moves[key].append(Transition.model_construct(to=target, handoff=None))
                known.add(target)
    steps = [Step.model_construct(id=key, name=step.name, agency=step.agency, stage=step.stage,
                                  next=moves[key])
             for key, (_, step) in shown_from.items()]
    stages = list(future.stages) + [s for s in current.stages
                                    if s.id not in {x.id for x in future.stages}]
    entry = list(dict.fromkeys([*future.entry_steps,
                                *(union_id(e) for e in current.entry_steps)]))
    union = Journey.model_construct(id=future.id, name=future.name, steps=steps, entry=entry,
                                    stages=[Stage.model_construct(id=s.id, name=s.name)
                                            for s in stages])
    return union, shown_from


def _node(workspace: Workspace, journey: Journey, step: Step, node_id: str, status: str,
          changes: list[str], where, colour: str) -> dict[str, Any]:
    mark = MARKS.get(status)
    fill = REMOVED_FILL if status == "removed" else colour
    tooltip = step_tooltip(workspace, journey, step, 0)
    if mark:
        tooltip = f"{mark.badge}: {mark.meaning}\n{tooltip}"
    if changes:
        tooltip += "\nChanges:\n" + "\n".join(f"- {safe_text(text)}" for text in changes)
    return {
        "id": node_id, "x": where.x, "y": where.y, "shape": "box", "physics": False,
        "margin": 10, "title": tooltip,
        "label": (f"{mark.badge}\n" if mark else "") + _wrap(step.name),
        "color": {"background": fill, "border": "#000000" if mark else "#222222",
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
        "font": {"color": text_colour(fill), "face": "sans-serif", "size": 15},
        "borderWidth": mark.border_width if mark else 1,
        "shapeProperties": {"borderDashes": list(mark.dashes) if mark and mark.dashes
                            else False},
    }


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    label: str
    tip: str
    colour: str
    dashes: tuple[int, ...]
    width: float


def _edges(current: Journey, future: Journey, comparison: Comparison) -> list[_Edge]:
    """Every move of the proposed journey, then the moves only today's journey has."""
    changed = {(h.from_step, h.to_step): h for h in comparison.handoffs}
    future_agency = {s.id: s.agency for s in future.steps}
    future_of = comparison.match.future_of()
    today = {(future_of.get(s.id, REMOVED_PREFIX + s.id),
              future_of.get(t.to, REMOVED_PREFIX + t.to))
             for s in current.steps for t in s.next}
    edges = []
    for step in future.steps:
        for move in step.next:
            crossing = future_agency[move.to] != step.agency
            kind = move.handoff.type.value if move.handoff else "undocumented"
            style = HANDOFF_STYLES[kind] if crossing else WITHIN_AGENCY
            label, width = style.label, style.width
            tip = f"{style.label} handoff: {style.meaning}" if crossing else style.meaning
            handoff = changed.get((step.id, move.to))
            if handoff is not None and handoff.status == "type changed":
                label = f"{handoff.before} → {handoff.after}"
                width *= 2.5
                tip = f"Handoff type changed: {label}\n{tip}"
            elif (step.id, move.to) not in today:
                label = f"new: {label}" if label else "new"
                tip = f"New move, not in today's journey\n{tip}"
            if move.condition:
                tip += f"\nWhen: {move.condition}"
            edges.append(_Edge(step.id, move.to, label, safe_text(tip), style.colour,
                               style.dashes, width))
    proposed = {(s.id, t.to) for s in future.steps for t in s.next}
    agency = {s.id: s.agency for s in current.steps}
    for step in current.steps:
        for move in step.next:
            key = (future_of.get(step.id, REMOVED_PREFIX + step.id),
                   future_of.get(move.to, REMOVED_PREFIX + move.to))
            if key in proposed:
                continue
            was = ""
            if agency[step.id] != agency[move.to]:
                was = move.handoff.type.value if move.handoff else "undocumented"
            tip = "Removed: today's journey has this move, the proposed one does not"
            if was:
                tip += f"\nToday: {was} handoff"
            edges.append(_Edge(key[0], key[1], f"removed {was}".strip(), tip, REMOVED_LINE,
                               (2, 5), 1.5))
    return edges


def _edge(edge: _Edge, placements: dict, ids: set[str]) -> dict[str, Any]:
    return {
        "from": edge.source, "to": edge.target, "arrows": "to", "label": edge.label,
        "title": edge.tip, "color": {"color": edge.colour, "highlight": edge.colour},
        "dashes": list(edge.dashes) or False, "width": edge.width,
        "font": {"size": 13, "strokeWidth": 4, "strokeColor": "#ffffff"},
        "smooth": {"enabled": True, "type": "curvedCW",
                   "roundness": _roundness(placements, edge.source, edge.target, ids)},
    }
