"""An opportunity's change as a journey: the future state it names, or today's journey with
its edits applied.

Applying the edits gives an ordinary future-state journey (``state: future``, ``baseline``
today's journey), so the worth of an idea written as three edits is computed by exactly the
code that compares a hand-drawn future state with its baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ple.model import (
    Burden,
    Handoff,
    HandoffEdit,
    Journey,
    JourneyState,
    Opportunity,
    Step,
    StepEdit,
    Transition,
    Workspace,
)


@dataclass(frozen=True)
class Applied:
    """A workspace holding both sides of an opportunity, and their two journey ids."""

    workspace: Workspace
    current: str
    future: str
    built: bool
    """True when the future journey was built from edits (it is not in the files)."""


def apply_change(workspace: Workspace, opportunity: Opportunity) -> Applied:
    """Today's journey and the journey the opportunity proposes, in one workspace.

    A named future state is used as it is. Edits are applied to a copy of today's
    journey, added to a copy of the workspace under an id no journey has.
    """
    change = opportunity.change
    if change.future is not None:
        return Applied(workspace, opportunity.journey, change.future, built=False)
    current = workspace.journeys[opportunity.journey]
    future_id = _free_id(workspace, f"{opportunity.id}-proposed")
    future = edited_journey(current, opportunity, future_id)
    journeys = {**workspace.journeys, future_id: future}
    return Applied(replace(workspace, journeys=journeys), current.id, future_id, built=True)


def edited_journey(current: Journey, opportunity: Opportunity, future_id: str) -> Journey:
    """``current`` with the opportunity's step and handoff edits applied, as a future state.

    The loader has checked every edit against ``current`` (steps, moves and requests
    exist), so edits are applied without checking again.
    """
    step_edits = {edit.step: edit for edit in opportunity.change.steps}
    handoff_edits = {(edit.from_, edit.to): edit for edit in opportunity.change.handoffs}
    steps = [_edited_step(step, step_edits.get(step.id), handoff_edits) for step in current.steps]
    return current.model_copy(
        update={
            "id": future_id,
            "name": f"{current.name}, with {opportunity.title}",
            "state": JourneyState.future,
            "baseline": current.id,
            "steps": steps,
        }
    )


def _edited_step(
    step: Step, edit: StepEdit | None, handoffs: dict[tuple[str, str], HandoffEdit]
) -> Step:
    update: dict[str, object] = {}
    if edit is not None:
        if edit.minutes is not None:
            burden = step.burden or Burden()
            update["burden"] = burden.model_copy(update={"minutes": edit.minutes})
        if edit.add_channels:
            update["channels"] = [
                *(step.channels or []),
                *(c for c in edit.add_channels if c not in (step.channels or [])),
            ]
        if edit.stop_requesting:
            update["requests"] = [
                item for item in step.requests if item not in edit.stop_requesting
            ]
    moves = [_edited_move(move, handoffs.get((step.id, move.to))) for move in step.next]
    if any(new is not old for new, old in zip(moves, step.next, strict=True)):
        update["next"] = moves
    return step.model_copy(update=update) if update else step


def _edited_move(move: Transition, edit: HandoffEdit | None) -> Transition:
    if edit is None:
        return move
    today = move.handoff
    kind = edit.type or (today.type if today else None)
    shares = [
        *(today.shares if today else []),
        *(item for item in edit.add_shares if not today or item not in today.shares),
    ]
    handoff = Handoff(type=kind, shares=shares, note=today.note if today else None)
    return move.model_copy(update={"handoff": handoff})


def _free_id(workspace: Workspace, wanted: str) -> str:
    candidate, number = wanted, 2
    while candidate in workspace.journeys:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate
