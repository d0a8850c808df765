"""What the journey canvas does to a journey being edited: add a step, move it to another
lane or stage, connect two steps, delete steps and moves, change a field; and undo.

Each action changes the journey's tables (:mod:`ple.sheets`), exactly as editing the
table cells would, so the canvas and the tables are two views of one edit and saving
takes the one save path (:func:`ple.edit.journey.save`): only the lines that changed are
written. Actions never raise for something a person can do on the canvas; they return
what happened in words, or why nothing did.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ple.sheets.convert import Row, Tables

MAX_UNDO = 100
"""Steps of undo kept per journey (the issue asks for at least 50)."""
MAX_ID_LENGTH = 60


@dataclass(frozen=True)
class Done:
    """The outcome of an action: what it did (for a status line), and whether it changed
    the tables at all."""

    message: str
    changed: bool = True
    step: str | None = None
    """The step the action made or worked on, to select it afterwards."""


def slug(text: str) -> str:
    """An id from a name: ``"Apply for SSI (online)"`` -> ``"apply-for-ssi-online"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:MAX_ID_LENGTH].strip("-") or "step"


def new_id(taken: set[str], name: str) -> str:
    """An id derived from ``name``, not in ``taken`` (``-2``, ``-3``... when it is)."""
    base = slug(name)
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[: MAX_ID_LENGTH - len(str(number)) - 1]}-{number}"
        number += 1
    return candidate


def new_step_id(tables: Tables, name: str) -> str:
    """A step id derived from ``name``, unique in the journey."""
    return new_id({str(row.get("id")) for row in tables.get("Steps", [])}, name)


def _steps(tables: Tables) -> dict[str, Row]:
    return {str(row.get("id")): row for row in tables.get("Steps", []) if row.get("id")}


def _set(row: Row, column: str, value: Any) -> None:
    """Set a cell; an empty value clears it (the tables leave out empty cells)."""
    if value in (None, "", []):
        row.pop(column, None)
    else:
        row[column] = value


def add_step(tables: Tables, name: str, agency: str, stage: str | None) -> Done:
    """A new step at the end of the Steps table, in ``agency``'s lane and ``stage``."""
    name = " ".join(name.split())
    if not name:
        return Done("A step needs a name.", changed=False)
    step_id = new_step_id(tables, name)
    row: Row = {"id": step_id, "name": name, "agency": agency}
    _set(row, "stage", stage)
    tables.setdefault("Steps", []).append(row)
    return Done(f"Added the step {name!r} ({step_id}).", step=step_id)


def add_stage(tables: Tables, name: str) -> Done:
    """A new stage after the others, its id derived from its name."""
    name = " ".join(name.split())
    if not name:
        return Done("A stage needs a name.", changed=False)
    stage_id = new_id({str(row.get("id")) for row in tables.get("Stages", [])}, name)
    tables.setdefault("Stages", []).append({"id": stage_id, "name": name})
    return Done(f"Added the stage {name!r} ({stage_id}).")


def move_steps(tables: Tables, moves: Iterable[Mapping[str, str]]) -> Done:
    """Give steps another agency (lane) and/or stage; nothing else about them changes."""
    steps = _steps(tables)
    moved = []
    for move in moves:
        row = steps.get(str(move.get("step")))
        if row is None:
            continue
        before = (row.get("agency"), row.get("stage"))
        if move.get("agency"):
            row["agency"] = move["agency"]
        if "stage" in move:
            _set(row, "stage", move["stage"] or None)
        if (row.get("agency"), row.get("stage")) != before:
            moved.append(str(row.get("name") or row["id"]))
    if not moved:
        return Done("Nothing moved.", changed=False)
    first = next(iter(moves))
    return Done("Moved " + ", ".join(repr(m) for m in moved) + ".", step=str(first["step"]))


def connect(tables: Tables, source: str, target: str, handoff: str | None) -> Done:
    """A move from ``source`` to ``target``; ``handoff`` is its type when the two steps are
    at different agencies. Connecting two steps already connected changes the type."""
    steps = _steps(tables)
    if source not in steps or target not in steps:
        return Done("Both steps must exist to connect them.", changed=False)
    if source == target:
        return Done("A step cannot lead to itself.", changed=False)
    moves = tables.setdefault("Transitions", [])
    existing = next(
        (row for row in moves if row.get("from") == source and row.get("to") == target), None
    )
    if existing is not None:
        if existing.get("handoff") == handoff:
            return Done("These steps are connected already.", changed=False)
        _set(existing, "handoff", handoff)
        return Done(f"The handoff from {source} to {target} is now {handoff or 'undescribed'}.")
    row: Row = {"from": source, "to": target}
    _set(row, "handoff", handoff)
    # After the source's other moves, so each step's moves stay together and in order.
    last = max((i for i, r in enumerate(moves) if r.get("from") == source), default=len(moves) - 1)
    moves.insert(last + 1, row)
    return Done(f"Connected {source} to {target}" + (f" ({handoff} handoff)." if handoff else "."))


def delete(
    tables: Tables, steps: Iterable[str] = (), moves: Iterable[Mapping[str, str]] = ()
) -> Done:
    """Delete steps (with every move to or from them, and every row that names them) and
    moves."""
    gone = set(steps)
    cut = {(m.get("from"), m.get("to")) for m in moves}
    before = {name: len(rows) for name, rows in tables.items()}
    tables["Steps"] = [r for r in tables.get("Steps", []) if r.get("id") not in gone]
    tables["Transitions"] = [
        r
        for r in tables.get("Transitions", [])
        if r.get("from") not in gone
        and r.get("to") not in gone
        and (r.get("from"), r.get("to")) not in cut
    ]
    for sheet, column in (
        ("BurdenByChannel", "step"),
        ("AcceptedFindings", "step"),
        ("Blueprint", "step"),
    ):
        if sheet in tables:
            tables[sheet] = [r for r in tables[sheet] if r.get(column) not in gone]
    head = (tables.get("Journey") or [{}])[0]
    if isinstance(head.get("entry"), list):
        _set(head, "entry", [e for e in head["entry"] if e not in gone])
    removed_steps = before.get("Steps", 0) - len(tables["Steps"])
    removed_moves = before.get("Transitions", 0) - len(tables["Transitions"])
    if not removed_steps and not removed_moves:
        return Done("Nothing to delete.", changed=False)
    parts = []
    if removed_steps:
        parts.append(f"{removed_steps} step(s)")
    if removed_moves:
        parts.append(f"{removed_moves} move(s)")
    return Done("Deleted " + " and ".join(parts) + ".")


def set_fields(
    tables: Tables, sheet: str, match: Mapping[str, Any], values: Mapping[str, Any]
) -> Done:
    """Change cells of the row of ``sheet`` whose columns equal ``match`` (a step by its
    id, a move by from and to). Renaming a step's id follows it everywhere it is named."""
    row = next(
        (r for r in tables.get(sheet, []) if all(r.get(k) == v for k, v in match.items())), None
    )
    if row is None:
        return Done("That row no longer exists.", changed=False)
    changed = {k: v for k, v in values.items() if row.get(k) != (v if v not in ("", []) else None)}
    if not changed:
        return Done("No change.", changed=False)
    old_id = row.get("id")
    for column, value in changed.items():
        _set(row, column, value)
    if sheet == "Steps" and "id" in changed and old_id:
        _rename_step(tables, str(old_id), str(row["id"]), keep=row)
    return Done(
        "Changed " + ", ".join(sorted(changed)) + ".",
        step=str(row.get("id")) if sheet == "Steps" else None,
    )


BLUEPRINT_COLUMNS = ("row", "text", "agency", "system")


def set_blueprint(
    tables: Tables,
    step_id: str,
    fields: Mapping[str, Any],
    rows: Iterable[Mapping[str, Any]] | None,
) -> Done:
    """Change a step's blueprint fields (touchpoints, moment, evidence, detail: cells of
    its Steps row) and replace its actions on the Blueprint sheet with ``rows`` (row,
    text, agency, system), in one action, so one undo takes it back. The new actions
    take the place of the old ones in the sheet; rows with nothing in them are left out;
    ``rows`` None keeps the actions as they are.
    Nothing is checked here: a row without text or with an unknown agency is reported by
    the review, with its place, like a bad cell in the tables."""
    step = _steps(tables).get(step_id)
    if step is None:
        return Done("That step no longer exists.", changed=False)
    before = copy.deepcopy((step, tables.get("Blueprint", [])))
    for column, value in fields.items():
        _set(step, column, value)
    if rows is None:
        rows = [r for r in tables.get("Blueprint", []) if r.get("step") == step_id]
    new_rows = []
    for given in rows:
        row: Row = {"step": step_id}
        for column in BLUEPRINT_COLUMNS:
            value = given.get(column)
            _set(row, column, value.strip() if isinstance(value, str) else value)
        if len(row) > 1:
            new_rows.append(row)
    sheet = tables.get("Blueprint", [])
    at = next((i for i, r in enumerate(sheet) if r.get("step") == step_id), len(sheet))
    kept = [r for r in sheet if r.get("step") != step_id]
    at -= sum(1 for r in sheet[:at] if r.get("step") == step_id)
    tables["Blueprint"] = [*kept[:at], *new_rows, *kept[at:]]
    if (step, tables["Blueprint"]) == before:
        return Done("No change.", changed=False)
    return Done(f"Changed the blueprint of {step.get('name') or step_id!r}.", step=step_id)


def _rename_step(tables: Tables, old: str, new: str, keep: Row) -> None:
    for row in tables.get("Transitions", []):
        for column in ("from", "to"):
            if row.get(column) == old:
                row[column] = new
    for sheet, columns in (
        ("BurdenByChannel", ("step",)),
        ("Blueprint", ("step",)),
        ("AcceptedFindings", ("step", "from", "to")),
    ):
        for row in tables.get(sheet, []):
            for column in columns:
                if row.get(column) == old:
                    row[column] = new
    head = (tables.get("Journey") or [{}])[0]
    if isinstance(head.get("entry"), list):
        head["entry"] = [new if e == old else e for e in head["entry"]]


@dataclass
class Undo:
    """Earlier states of a journey's tables, so canvas actions can be undone and redone."""

    past: list[Tables] = field(default_factory=list)
    future: list[Tables] = field(default_factory=list)

    def before_change(self, tables: Tables) -> None:
        """Remember ``tables`` as they are, just before an action changes them."""
        self.past.append(copy.deepcopy(tables))
        del self.past[:-MAX_UNDO]
        self.future.clear()

    def undo(self, tables: Tables) -> Tables | None:
        if not self.past:
            return None
        self.future.append(copy.deepcopy(tables))
        return self.past.pop()

    def redo(self, tables: Tables) -> Tables | None:
        if not self.future:
            return None
        self.past.append(copy.deepcopy(tables))
        return self.future.pop()


def apply(tables: Tables, event: Mapping[str, Any]) -> Done:
    """One canvas event (:mod:`ple.ui.canvas`) applied to ``tables``; undo and redo are
    the caller's (they need the history)."""
    op = event.get("op")
    if op == "add":
        return add_step(
            tables,
            str(event.get("name") or ""),
            str(event.get("agency") or ""),
            event.get("stage") or None,
        )
    if op == "move":
        return move_steps(tables, event.get("moves") or [])
    if op == "connect":
        return connect(
            tables, str(event.get("from")), str(event.get("to")), event.get("handoff") or None
        )
    if op == "delete":
        return delete(tables, event.get("steps") or [], event.get("routes") or [])
    return Done(f"Unknown action {op!r}.", changed=False)
