"""What changed in a step between today's journey and the proposed one, field by field.

Each change keeps the two values (for JSON and tools) and says in words what changed
(for a workshop). Unknown stays unknown: a figure, channel list or language list that a
version does not record is "not recorded", never 0 or "none".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ple.compare.match import StepMatch
from ple.model import Journey, Step, Workspace

NOT_RECORDED = "not recorded"

BURDEN_WORDS = {
    "minutes": "minutes",
    "wait_days": "days waiting",
    "cost_usd": "cost (USD)",
    "visits": "office visits",
}


@dataclass(frozen=True)
class FieldChange:
    """One field of one step, before and after."""

    field: str
    """The field's name in the format, e.g. ``burden.minutes`` or ``requests``."""
    before: Any
    after: Any
    text: str
    """The change in words, e.g. "minutes 15 → 5" or "no longer asks for Birth certificate"."""

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after, "text": self.text}


@dataclass(frozen=True)
class StepChange:
    """A step added, removed, changed or unchanged."""

    status: str
    """``added``, ``removed``, ``changed`` or ``unchanged``."""
    current: str | None
    """The step's id today (None when added)."""
    future: str | None
    """The step's id in the proposed journey (None when removed)."""
    name: str
    """Its name in the proposed journey, or today's name when removed."""
    agency: str
    """Its agency id in the proposed journey, or today's when removed."""
    matched_by: str | None = None
    """``id`` or ``name`` for a matched step."""
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "current": self.current,
            "future": self.future,
            "name": self.name,
            "agency": self.agency,
            "matched_by": self.matched_by,
            "changes": [c.to_dict() for c in self.changes],
        }


def step_changes(
    workspace: Workspace, current: Journey, future: Journey, match: StepMatch
) -> list[StepChange]:
    """Every step of either journey: the proposed journey's order, removed steps last."""
    differ = _Differ(workspace, current, future, match)
    today = {step.id: step for step in current.steps}
    rows = []
    added = set(match.added)
    pairs = {f: (c, how) for c, f, how in match.pairs}
    for step in future.steps:
        if step.id in added:
            rows.append(StepChange("added", None, step.id, step.name, step.agency))
            continue
        current_id, how = pairs[step.id]
        changes = tuple(differ.changes(today[current_id], step))
        rows.append(
            StepChange(
                "changed" if changes else "unchanged",
                current_id,
                step.id,
                step.name,
                step.agency,
                how,
                changes,
            )
        )
    for step_id in match.removed:
        step = today[step_id]
        rows.append(StepChange("removed", step_id, None, step.name, step.agency))
    return rows


class _Differ:
    """Compares the fields of two versions of a step, with the names to say it in words."""

    def __init__(
        self, workspace: Workspace, current: Journey, future: Journey, match: StepMatch
    ) -> None:
        self.workspace = workspace
        self.current_stages = {s.id: s.name for s in current.stages}
        self.future_stages = {s.id: s.name for s in future.stages}
        self.current_names = {s.id: s.name for s in current.steps}
        self.future_names = {s.id: s.name for s in future.steps}
        self.current_of = match.current_of()

    def changes(self, before: Step, after: Step) -> Iterable[FieldChange]:
        ws = self.workspace
        if before.name != after.name:
            yield FieldChange("name", before.name, after.name, f"renamed from '{before.name}'")
        stage_before = self.current_stages.get(before.stage or "")
        stage_after = self.future_stages.get(after.stage or "")
        if stage_before != stage_after:
            yield FieldChange(
                "stage",
                before.stage,
                after.stage,
                f"stage {stage_before or 'none'} → {stage_after or 'none'}",
            )
        if before.agency != after.agency:
            yield FieldChange(
                "agency",
                before.agency,
                after.agency,
                f"agency {ws.agency_label(before.agency)} → {ws.agency_label(after.agency)}",
            )
        if before.program != after.program:
            yield FieldChange(
                "program",
                before.program,
                after.program,
                f"program {self._program(before.program)} → {self._program(after.program)}",
            )
        yield from _list_change("forms", before.forms, after.forms, str)
        yield from _list_change(
            "channels", before.channels, after.channels, lambda c: c.value.replace("_", " ")
        )
        yield from _list_change("languages", before.languages, after.languages, str)
        yield from _list_change(
            "accommodations",
            before.accommodations,
            after.accommodations,
            lambda a: a.replace("_", " "),
        )
        for figure, words in BURDEN_WORDS.items():
            old = getattr(before.burden, figure) if before.burden else None
            new = getattr(after.burden, figure) if after.burden else None
            if old != new:
                yield FieldChange(
                    f"burden.{figure}", old, new, f"{words} {_figure(old)} → {_figure(new)}"
                )
        yield from self._requests(before, after)
        yield from _list_change(
            "personas", before.personas, after.personas, str, unknown="everyone"
        )
        if before.sentiment != after.sentiment:
            yield FieldChange(
                "sentiment",
                before.sentiment,
                after.sentiment,
                f"sentiment {_figure(before.sentiment)} → {_figure(after.sentiment)}",
            )
        if before.pain_points != after.pain_points:
            yield FieldChange(
                "pain_points",
                before.pain_points,
                after.pain_points,
                f"pain points {len(before.pain_points)} → {len(after.pain_points)}",
            )
        old_measures = before.measures.scores() if before.measures else {}
        new_measures = after.measures.scores() if after.measures else {}
        if old_measures != new_measures:
            yield FieldChange(
                "measures", old_measures or None, new_measures or None, "A-11 scores changed"
            )
        if before.end != after.end:
            yield FieldChange(
                "end",
                before.end,
                after.end,
                "now ends the journey" if after.end else "no longer ends the journey",
            )
        yield from self._next(before, after)

    def _program(self, program: str | None) -> str:
        return self.workspace.program_label(program) if program else "none"

    def _requests(self, before: Step, after: Step) -> Iterable[FieldChange]:
        dropped = [i for i in before.requests if i not in after.requests]
        new = [i for i in after.requests if i not in before.requests]
        if not dropped and not new:
            return
        items = self.workspace.data_items
        words = []
        if dropped:
            words.append("no longer asks for " + ", ".join(items[i].name for i in dropped))
        if new:
            words.append("now asks for " + ", ".join(items[i].name for i in new))
        yield FieldChange("requests", list(before.requests), list(after.requests), "; ".join(words))

    def _next(self, before: Step, after: Step) -> Iterable[FieldChange]:
        """Where the step leads, compared in today's ids (a renamed step is the same)."""
        old = [t.to for t in before.next]
        new = [self.current_of.get(t.to, t.to) for t in after.next]
        if set(old) == set(new):
            return
        words = []
        gone = [t for t in old if t not in new]
        if gone:
            words.append(
                "no longer leads to " + ", ".join(f"'{self.current_names[t]}'" for t in gone)
            )
        fresh = [t.to for t in after.next if self.current_of.get(t.to, t.to) not in old]
        if fresh:
            words.append("now leads to " + ", ".join(f"'{self.future_names[t]}'" for t in fresh))
        yield FieldChange(
            "next", [t.to for t in before.next], [t.to for t in after.next], "; ".join(words)
        )


def _figure(value: float | int | None) -> str:
    return NOT_RECORDED if value is None else f"{value:g}"


def _list_change(
    name: str,
    before: list | None,
    after: list | None,
    word: Callable[[Any], str],
    unknown: str = NOT_RECORDED,
) -> Iterable[FieldChange]:
    """A list whose absence means unknown (channels, languages...) or everyone (personas)."""
    if (before is None) != (after is None) or (
        before is not None and after is not None and set(before) != set(after)
    ):

        def show(values: list | None) -> str:
            if values is None:
                return unknown
            return ", ".join(word(v) for v in values) or "none"

        yield FieldChange(
            name, _plain(before), _plain(after), f"{name} {show(before)} → {show(after)}"
        )


def _plain(values: list | None) -> list[str] | None:
    return None if values is None else [str(v) for v in values]
