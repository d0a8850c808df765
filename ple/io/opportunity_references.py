"""The references of an opportunity: its journey, owner, steps, findings and change.

An opportunity is checked against the journey it improves: every step, move and data
item and gap rule it names must be there, and an edit must change something that exists
(a step can only stop asking for what it asks for). Each problem is reported at the field
that holds it, with a "did you mean" for near misses. Whether today's journey has a named
finding needs the gap rules to run, above this layer: ``ple.opportunities`` checks that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ple.errors import KeyPath, Problem
from ple.io.suggest import did_you_mean
from ple.model import Journey, JourneyState, Opportunity
from ple.model.vocabulary import GAP_RULES
from ple.model.workspace import Origin

if TYPE_CHECKING:
    from ple.io.references import _Checker


def check_opportunity(checker: _Checker, opportunity: Opportunity) -> None:
    """Append every reference problem of ``opportunity`` to ``checker.problems``."""
    ws = checker.workspace
    origin = ws.origins[("opportunities", opportunity.id)]
    checker._require(origin, ("owner", "agency"), opportunity.owner.agency, ws.agencies, "agency")
    journey = ws.journeys.get(opportunity.journey)
    if journey is None:
        checker._require(origin, ("journey",), opportunity.journey, ws.journeys, "journey")
        return
    if journey.state is not JourneyState.current:
        _problem(
            checker,
            origin,
            ("journey",),
            opportunity.journey,
            f"{opportunity.journey!r} is a future-state journey; an opportunity improves "
            "today's journey (name it here, and the future state under change.future)",
            "opportunity-on-future",
        )
        return
    steps = {step.id: step for step in journey.steps}
    for index, step_id in enumerate(opportunity.steps):
        checker._require(origin, ("steps", index), step_id, steps, "step")
    for index, found in enumerate(opportunity.findings):
        at = ("findings", index)
        checker._require(origin, (*at, "rule"), found.rule, GAP_RULES, "gap rule")
        checker._require(origin, (*at, "step"), found.step, steps, "step")
        checker._require(origin, (*at, "data_item"), found.data_item, ws.data_items, "data item")
        if found.transition is not None:
            checker._require(
                origin, (*at, "transition", "from"), found.transition.from_, steps, "step"
            )
            checker._require(origin, (*at, "transition", "to"), found.transition.to, steps, "step")
    _future(checker, origin, opportunity, journey)
    _step_edits(checker, origin, opportunity, journey)
    _handoff_edits(checker, origin, opportunity, journey)


def _future(checker: _Checker, origin: Origin, opportunity: Opportunity, journey: Journey) -> None:
    future_id = opportunity.change.future
    if future_id is None:
        return
    ws = checker.workspace
    at = ("change", "future")
    future = ws.journeys.get(future_id)
    if future is None:
        checker._require(origin, at, future_id, ws.journeys, "journey")
    elif future.state is not JourneyState.future or future.baseline != journey.id:
        _problem(
            checker,
            origin,
            at,
            future_id,
            f"{future_id!r} is not a future-state journey with baseline {journey.id!r} "
            f"(it has state {future.state.value} and baseline "
            f"{future.baseline or 'none'})",
            "future-not-of-journey",
        )


def _step_edits(
    checker: _Checker, origin: Origin, opportunity: Opportunity, journey: Journey
) -> None:
    steps = {step.id: step for step in journey.steps}
    seen: set[str] = set()
    for index, edit in enumerate(opportunity.change.steps):
        at = ("change", "steps", index)
        step = steps.get(edit.step)
        if step is None:
            checker._require(origin, (*at, "step"), edit.step, steps, "step")
            continue
        if edit.step in seen:
            _problem(
                checker,
                origin,
                (*at, "step"),
                edit.step,
                f"step {edit.step!r} is edited twice; give all its changes in one edit",
                "duplicate-edit",
            )
        seen.add(edit.step)
        if edit.minutes is None and not edit.add_channels and not edit.stop_requesting:
            _problem(
                checker,
                origin,
                (*at, "step"),
                edit.step,
                "the edit changes nothing: give minutes, add_channels or stop_requesting",
                "empty-edit",
            )
        if edit.add_channels and step.channels is None:
            _problem(
                checker,
                origin,
                (*at, "add_channels"),
                None,
                f"the channels of step {step.id!r} are not recorded, so what adding one "
                "changes cannot be told: record the step's channels first",
                "channels-unknown",
            )
        for number, item in enumerate(edit.stop_requesting):
            if item not in step.requests:
                asked = ", ".join(step.requests) or "nothing"
                _problem(
                    checker,
                    origin,
                    (*at, "stop_requesting", number),
                    item,
                    f"step {step.id!r} does not ask for {item!r} (it asks for {asked})"
                    f"{did_you_mean(item, step.requests)}",
                    "not-requested",
                )


def _handoff_edits(
    checker: _Checker, origin: Origin, opportunity: Opportunity, journey: Journey
) -> None:
    ws = checker.workspace
    steps = {step.id: step for step in journey.steps}
    seen: set[tuple[str, str]] = set()
    for index, edit in enumerate(opportunity.change.handoffs):
        at = ("change", "handoffs", index)
        source, target = steps.get(edit.from_), steps.get(edit.to)
        checker._require(origin, (*at, "from"), edit.from_, steps, "step")
        checker._require(origin, (*at, "to"), edit.to, steps, "step")
        for number, item in enumerate(edit.add_shares):
            checker._require(origin, (*at, "add_shares", number), item, ws.data_items, "data item")
        if source is None or target is None:
            continue
        onward = [move.to for move in source.next]
        if edit.to not in onward:
            _problem(
                checker,
                origin,
                (*at, "to"),
                edit.to,
                f"there is no move from {source.id!r} to {edit.to!r} (it goes on to "
                f"{', '.join(onward) or 'nothing'}){did_you_mean(edit.to, onward)}",
                "no-such-move",
            )
        elif source.agency == target.agency:
            _problem(
                checker,
                origin,
                (*at, "to"),
                edit.to,
                f"the move from {source.id!r} to {edit.to!r} stays within one agency "
                f"({source.agency}), so it is not a handoff",
                "not-a-handoff",
            )
        if (edit.from_, edit.to) in seen:
            _problem(
                checker,
                origin,
                (*at, "to"),
                edit.to,
                "this handoff is edited twice; give all its changes in one edit",
                "duplicate-edit",
            )
        seen.add((edit.from_, edit.to))
        move = next((m for m in source.next if m.to == edit.to), None)
        if edit.type is None and not edit.add_shares:
            _problem(
                checker,
                origin,
                (*at, "to"),
                edit.to,
                "the edit changes nothing: give type or add_shares",
                "empty-edit",
            )
        elif edit.type is None and move is not None and move.handoff is None:
            _problem(
                checker,
                origin,
                (*at, "add_shares"),
                None,
                "the handoff has no type today (it is undocumented): give its type too",
                "type-needed",
            )


def _problem(
    checker: _Checker, origin: Origin, path: KeyPath, value: object, message: str, code: str
) -> None:
    checker.problems.append(
        Problem(origin.file, message, path=(*origin.path, *path), value=value, code=code)
    )
