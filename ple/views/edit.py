"""What the Edit page shows, computed without a UI: tables as data frames for the
editable grids (and back), row order, and problems as rows beside the tables.

A grid needs one type per column: text columns hold text or nothing, number columns
floats (an empty cell is NaN), list columns lists. The ``#`` column numbers the rows;
typing 2.5 there moves a row between the second and the third.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ple.errors import Severity
from ple.gaps import all_rules
from ple.model import Workspace
from ple.sheets.convert import Cell, Row
from ple.sheets.schema import Kind, Sheet

ORDER = "#"
"""The row-number column: edit it to move rows."""
YES, NO = "yes", "no"
"""A three-valued flag (``hisp``) is a choice, since a checkbox cannot say "unknown"."""
THREE_VALUED = {"hisp"}


def to_frame(rows: list[Row], sheet: Sheet, extra: Iterable[str] = ()) -> pd.DataFrame:
    """The rows as a data frame with one type per column, numbered in ``#``."""
    columns = [ORDER, *sheet.names, *extra]
    data: dict[str, list[Any]] = {name: [] for name in columns}
    for number, row in enumerate(rows, start=1):
        data[ORDER].append(float(number))
        for column in sheet.columns:
            data[column.name].append(_cell_in(column.name, column.kind, row.get(column.name)))
        for name in extra:
            data[name].append(_text(row.get(name)))
    frame = pd.DataFrame(data, columns=columns)
    for column in sheet.columns:
        if column.kind in (Kind.number, Kind.whole):
            frame[column.name] = pd.to_numeric(frame[column.name], errors="coerce").astype(
                "float64"
            )
        elif column.kind is Kind.flag and column.name not in THREE_VALUED:
            frame[column.name] = frame[column.name].astype("bool")
        else:
            frame[column.name] = frame[column.name].astype("object")
    frame[ORDER] = frame[ORDER].astype("float64")
    return frame


def _cell_in(name: str, kind: Kind, value: Any) -> Any:
    if kind in (Kind.words, Kind.lines):
        if value is None:
            return None
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if kind in (Kind.number, Kind.whole):
        if isinstance(value, bool) or value is None:
            return math.nan
        try:
            return float(value)
        except (TypeError, ValueError):
            return math.nan
    if kind is Kind.flag:
        if name in THREE_VALUED:
            return None if value is None else (YES if value else NO)
        return bool(value)
    return _text(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def from_frame(frame: pd.DataFrame, sheet: Sheet, extra: Iterable[str] = ()) -> list[Row]:
    """The grid's rows as table rows, in ``#`` order (rows without a number last)."""
    records = frame.to_dict("records")
    keyed = [(_order(r.get(ORDER), i), i, r) for i, r in enumerate(records)]
    rows = []
    for _, _, record in sorted(keyed):
        row: Row = {}
        for column in sheet.columns:
            row[column.name] = _cell_out(column.name, column.kind, record.get(column.name))
        for name in extra:
            row[name] = _text(_missing_as_none(record.get(name)))
        rows.append(row)
    return rows


def moved(frame: pd.DataFrame) -> bool:
    """Whether a row was moved: its ``#`` was changed so the numbers no longer rise.
    (New rows have no number yet and stay at the end; deleting leaves a gap, which is
    fine.)"""
    values = [v for v in frame.get(ORDER, []) if _missing_as_none(v) is not None]
    return values != sorted(values)


def _order(value: Any, index: int) -> tuple[int, float]:
    value = _missing_as_none(value)
    if value is None:
        return (1, float(index))
    try:
        return (0, float(value))
    except (TypeError, ValueError):
        return (1, float(index))


def _missing_as_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if value is pd.NA or value is pd.NaT:
            return None
    except TypeError:
        pass
    return value


def _cell_out(name: str, kind: Kind, value: Any) -> Any:
    value = _missing_as_none(value)
    if kind in (Kind.words, Kind.lines):
        if value is None:
            return None
        items = list(value) if not isinstance(value, str) else [value]
        cleaned = [str(v).strip() for v in items if v is not None and str(v).strip()]
        return cleaned or None
    if kind is Kind.flag:
        if name in THREE_VALUED:
            return None if value in (None, "") else value == YES
        return bool(value) if value is not None else None
    if kind in (Kind.number, Kind.whole):
        return value
    if isinstance(value, str):
        return value.strip() or None
    return value


@dataclass(frozen=True)
class ProblemRow:
    """One line of the problems panel."""

    severity: Severity
    where: str
    message: str
    cell: Cell | None = None

    def as_text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


DETAIL_LABELS = {
    "id": "Id",
    "name": "Name",
    "state": "State",
    "baseline": "Baseline",
    "trigger": "Trigger",
    "outcome": "Outcome",
    "lead_agency": "Lead agency",
    "entry": "Entry steps",
    "description": "Description",
    "sources": "Sources",
    "volume_per_year": "People a year",
    "volume_source": "Source of that figure",
    "volume_year": "Year it counts",
    "volume_notes": "Notes on the figure",
    "notes": "Notes",
}
"""The Journey sheet's columns as the Edit page's form labels them."""


def where(cell: Cell | None, tables: dict[str, list[Row]] | None = None) -> str:
    """A cell as people find it in the grids: ``Steps, row 3 (apply), agency``; the
    row's id, when it has one, in case rows moved since."""
    if cell is None:
        return ""
    if cell.sheet == "Journey":
        return "Journey details, " + DETAIL_LABELS.get(cell.column or "", cell.column or "")
    parts = [cell.sheet]
    if cell.row is not None:
        label = f"row {cell.row + 1}"
        rows = (tables or {}).get(cell.sheet) or []
        if cell.row < len(rows):
            row = rows[cell.row]
            named = row.get("id") or (
                f"{row.get('from')} → {row.get('to')}" if row.get("from") or row.get("to") else None
            )
            if named and cell.sheet == "Sharing" and row.get("data_item"):
                named = f"{row['data_item']}: {named}"  # a sharing record
            if named:
                label += f" ({named})"
        parts.append(label)
    if cell.column:
        parts.append(cell.column)
    return ", ".join(parts)


def problem_rows(
    review: Any, tables: dict[str, list[Row]] | None = None, folder: Path | None = None
) -> list[ProblemRow]:
    """The problems of a :class:`ple.edit.commit.Review`, errors first, as rows. A cell
    that cannot be read is reported once: what the check then finds missing there follows
    from it. Files are named relative to the workspace ``folder``."""
    rows = [
        ProblemRow(p.severity, where(p.cell, tables), p.message, p.cell)
        for p in review.cell_problems
    ]
    unreadable = {p.cell for p in review.cell_problems}
    for located in review.checked.own:
        problem = located.problem
        if located.cell is not None:
            if located.cell not in unreadable:
                rows.append(
                    ProblemRow(
                        problem.severity, where(located.cell, tables), problem.message, located.cell
                    )
                )
        else:
            rows.append(
                ProblemRow(problem.severity, problem.field or problem.file, problem.message)
            )
    for problem in review.checked.caused:
        named = replace(problem, file=_relative(problem.file, folder))
        rows.append(ProblemRow(problem.severity, "This change breaks another file", str(named)))
    return sorted(rows, key=lambda r: r.severity is not Severity.error)


def _relative(file: str, folder: Path | None) -> str:
    if folder is None:
        return file
    try:
        return Path(file).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return file


@dataclass
class Choices:
    """What the select boxes of the journey tables offer, with how each is labelled."""

    agencies: dict[str, str] = field(default_factory=dict)
    programs: dict[str, str] = field(default_factory=dict)
    data_items: dict[str, str] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    touchpoints: dict[str, str] = field(default_factory=dict)
    journeys: dict[str, str] = field(default_factory=dict)
    """Journeys a step may name as its ``detail``, by name."""


def journey_choices(workspace: Workspace, tables: dict[str, list[Row]]) -> Choices:
    """The catalog's agencies, programs and data items, and the stages, steps and personas
    the journey's own tables hold now (so a row just added can be picked at once)."""

    def ids(sheet: str) -> list[str]:
        return [row["id"] for row in tables.get(sheet, []) if row.get("id")]

    return Choices(
        agencies={
            a.id: f"{a.acronym} · {a.name}" if a.acronym else a.name
            for a in workspace.agencies.values()
        },
        programs={p.id: p.name for p in workspace.programs.values()},
        data_items={d.id: d.name for d in workspace.data_items.values()},
        stages=ids("Stages"),
        steps=ids("Steps"),
        personas=ids("Personas"),
        rules=sorted(all_rules()),
        touchpoints={
            t.id: f"{t.name} ({t.form_number})" if t.form_number else t.name
            for t in workspace.touchpoints.values()
        },
        journeys={j.id: j.name for j in workspace.journeys.values()},
    )


def catalog_choices(tables: dict[str, list[Row]], files: list[str]) -> Choices:
    """The agencies and data items of the catalog being edited (so a row just added can be
    picked at once), and the files it may be written to."""
    agencies = {
        row["id"]: row.get("acronym") or row.get("name") or row["id"]
        for row in tables.get("Agencies", [])
        if row.get("id")
    }
    data_items = {
        row["id"]: row.get("name") or row["id"]
        for row in tables.get("DataItems", [])
        if row.get("id")
    }
    return Choices(agencies=agencies, data_items=data_items, files=files)
