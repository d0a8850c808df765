"""Today's journey and the proposed one in one map, with what changed marked.

The proposed journey is drawn as usual, and the steps and moves it drops are drawn where
they were, in grey. Every mark is a word first and a line style second, never a colour
alone:

* a step added in the proposed journey carries "+ NEW";
* a changed step carries "✎ CHANGED" (its details list the changes);
* a removed step carries "✕ REMOVED" and is grey;
* a handoff whose type changed is labelled "cold → automatic" and drawn thick; a new
  move is labelled "new"; a removed move is a grey dotted line labelled "removed".

The map is laid out on the union of the two journeys, so removed steps keep a place near
their old neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

from ple.compare import Comparison
from ple.diagram.sketch import (
    NO_STAGE,
    JourneySketch,
    Move,
    StepSketch,
    lane_for,
    lanes_in_order,
)
from ple.diagram.style import REMOVED_FILL, agency_colours
from ple.model import Journey, Workspace

REMOVED_PREFIX = "was:"
"""Id prefix of a removed step in the comparison map (a colon never occurs in a step id)."""


@dataclass(frozen=True)
class Mark:
    """How one kind of change is shown: the words on the box, and what they mean."""

    badge: str
    meaning: str


MARKS: dict[str, Mark] = {
    "added": Mark("+ NEW", "step added in the proposed journey"),
    "changed": Mark("✎ CHANGED", "step changed; select it for what changed"),
    "removed": Mark("✕ REMOVED", "step the proposed journey drops (grey)"),
}
"""The step marks, also listed in the legends of the app and the HTML brief."""

EDGE_MARKS: dict[str, str] = {
    "cold → automatic": "a handoff whose type changed: today's type, then the proposed one "
    "(thick line)",
    "new": "a move only the proposed journey has",
    "removed": "a move the proposed journey drops (grey, dotted)",
}


@dataclass(frozen=True)
class ComparisonMap:
    """The union map, and for each of its steps what changed, in words."""

    sketch: JourneySketch
    changes: dict[str, list[str]]
    """Step id in the map -> the lines its details add ("+ NEW: ...", each change)."""
    origin: dict[str, tuple[Journey, str]]
    """Step id in the map -> the journey and step id it shows."""


def comparison_map(workspace: Workspace, comparison: Comparison) -> ComparisonMap:
    current = workspace.journeys[comparison.current]
    future = workspace.journeys[comparison.future]
    future_of = comparison.match.future_of()

    def union_id(current_id: str) -> str:
        return future_of.get(current_id, REMOVED_PREFIX + current_id)

    status = {(c.future or REMOVED_PREFIX + (c.current or "")): c for c in comparison.steps}
    changed_handoffs = {
        (h.from_step, h.to_step): h for h in comparison.handoffs if h.status == "type changed"
    }
    today = {(union_id(s.id), union_id(t.to)) for s in current.steps for t in s.next}
    proposed = {(s.id, t.to) for s in future.steps for t in s.next}
    origin: dict[str, tuple[Journey, str]] = {s.id: (future, s.id) for s in future.steps}
    removed = [s for s in current.steps if s.id in set(comparison.match.removed)]
    origin |= {REMOVED_PREFIX + s.id: (current, s.id) for s in removed}
    moves: dict[str, list[Move]] = {}
    agency_of = {s.id: s.agency for s in future.steps}
    for step in future.steps:
        moves[step.id] = []
        for move in step.next:
            handoff = move.handoff.type.value if move.handoff else None
            changed = changed_handoffs.get((step.id, move.to))
            if changed is not None:
                moves[step.id].append(
                    Move(move.to, handoff, f"{changed.before} → {changed.after}", "strong")
                )
            elif (step.id, move.to) not in today:
                crossing = agency_of[move.to] != step.agency
                word = (handoff or "undocumented") if crossing else ""
                moves[step.id].append(Move(move.to, handoff, f"new: {word}" if word else "new"))
            else:
                moves[step.id].append(Move(move.to, handoff))
    agency_today = {s.id: s.agency for s in current.steps}
    for step in current.steps:
        key = union_id(step.id)
        moves.setdefault(key, [])
        for move in step.next:
            target = union_id(move.to)
            if (key, target) in proposed or any(m.to == target for m in moves[key]):
                continue
            was = ""
            if agency_today[step.id] != agency_today[move.to]:
                was = move.handoff.type.value if move.handoff else "undocumented"
            moves[key].append(Move(target, None, f"removed {was}".strip(), "removed"))
    stage_ids = [s.id for s in future.stages] + [
        s.id for s in current.stages if s.id not in {x.id for x in future.stages}
    ]
    stage_names = {s.id: s.name for s in (*current.stages, *future.stages)}
    steps, changes = [], {}
    for key, (journey, step_id) in origin.items():
        step = next(s for s in journey.steps if s.id == step_id)
        change = status[key]
        mark = MARKS.get(change.status)
        changes[key] = ([f"{mark.badge}: {mark.meaning}"] if mark else []) + [
            f"Changed: {c.text}" for c in change.changes
        ]
        steps.append(
            StepSketch(
                id=key,
                name=step.name,
                agency=step.agency,
                stage=step.stage if step.stage in stage_names else NO_STAGE,
                next=tuple(m for m in moves.get(key, []) if m.to in origin),
                mark=mark.badge if mark else None,
                fill=REMOVED_FILL if change.status == "removed" else None,
            )
        )
    colours = agency_colours(workspace)
    lanes = tuple(
        lane_for(workspace, agency, colours) for agency in lanes_in_order(s.agency for s in steps)
    )
    entry = tuple(dict.fromkeys([*future.entry_steps, *(union_id(e) for e in current.entry_steps)]))
    sketch = JourneySketch(
        id=f"{current.id}-vs-{future.id}",
        name=f"{current.name} compared with {future.name}",
        steps=tuple(steps),
        lanes=lanes,
        stages=tuple((stage, stage_names[stage]) for stage in stage_ids),
        entry=entry,
    )
    return ComparisonMap(sketch, changes, origin)
