"""Tables as grids of cells (what a workbook sheet or a CSV file holds), and back.

A grid is a list of rows, each a list of cell values; its first row names the columns.
The Journey sheet is laid out the other way round, one field per row (``field``,
``value``, ``about``), because a journey has one of each.

Reading a grid remembers where each table cell sits (spreadsheet row and column
numbers), so every problem can name the sheet, the row and the column, the way a
person finds it in Excel: ``sheet Steps, row 4, column E (agency)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ple import limits
from ple.errors import KeyPath, Problem, Severity, shown
from ple.io.suggest import did_you_mean
from ple.sheets import schema
from ple.sheets.cells import LINE_SEPARATOR, join_items
from ple.sheets.convert import Cell, CellProblem, Row, Tables
from ple.sheets.schema import Kind, Sheet

Grid = list[list[Any]]

JOURNEY_HEADER = ["field", "value", "about"]
IGNORED_SHEETS = {"about"}
"""Sheets the workbook carries for people only."""


def column_letter(number: int) -> str:
    """Spreadsheet column letters: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_out(kind: Kind, value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        separator = LINE_SEPARATOR if kind is Kind.lines else ";"
        return join_items([str(v) for v in value], separator)
    return value


def tables_to_grids(tables: Tables) -> dict[str, Grid]:
    """Every sheet present in ``tables`` as a grid, in the workbook's sheet order."""
    grids: dict[str, Grid] = {}
    for sheet in schema.SHEETS:
        if sheet.name not in tables:
            continue
        if sheet is schema.JOURNEY:
            head = (tables["Journey"] or [{}])[0]
            grids[sheet.name] = [JOURNEY_HEADER] + [
                [c.name, _cell_out(c.kind, head.get(c.name)), c.help] for c in sheet.columns
            ]
            continue
        names = sheet.names  # every column, always in the same order
        grid: Grid = [list(names)]
        for row in tables[sheet.name]:
            grid.append([_cell_out(sheet.column(n).kind, row.get(n)) for n in names])
        grids[sheet.name] = grid
    return grids


# --- reading --------------------------------------------------------------------------

BLANK_ROW: tuple[()] = ()
"""Stands for every blank row before a row that holds something: one shared object, so
a sheet with a value on row 1,000,000 costs pointers, not rows."""


class GridBuilder:
    """A grid built row by row, within the limits of :mod:`ple.limits`: rows that hold
    something are counted (blank ones are not, and blank rows at the end are dropped),
    and so is the rightmost column that holds something. Trailing blank cells are
    dropped as each row comes, so a row padded to 16,384 columns costs nothing."""

    def __init__(self, where: str, error: type[ValueError] = ValueError) -> None:
        self.where = where
        """How messages name the sheet: ``book.xlsx: sheet Steps``."""
        self.error = error
        self.rows: Grid = []
        self.blank = 0
        self.filled = 0

    def add(self, values: Any) -> None:
        last = len(values)
        while last and _empty(values[last - 1]):
            last -= 1
        if not last:
            self.blank += 1
            return
        number = len(self.rows) + self.blank + 1
        if last > limits.SHEET_COLUMNS.value:
            raise self.error(
                f"{self.where}, row {number}: a value in column {column_letter(last)}, past the "
                f"limit of {limits.SHEET_COLUMNS.value} {limits.SHEET_COLUMNS.what} (column "
                f"{column_letter(limits.SHEET_COLUMNS.value)})"
            )
        self.filled += 1
        if self.filled > limits.SHEET_ROWS.value:
            raise self.error(
                f"{self.where} has more than {limits.SHEET_ROWS.value:,} rows that hold "
                f"something, the limit of {limits.SHEET_ROWS.what} (set "
                f"{limits.SHEET_ROWS.setting} to raise it; blank rows do not count)"
            )
        self.rows.extend([BLANK_ROW] * self.blank)  # type: ignore[list-item]
        self.blank = 0
        self.rows.append(list(values[:last]))


def _normal(name: Any) -> str:
    """Header and sheet names as people type them: ``Wait days`` -> ``wait_days``."""
    return re.sub(r"[\s\-]+", "_", str(name or "").strip()).lower()


_SHEET_BY_NORMAL = {_normal(s.name): s for s in schema.SHEETS}
_SHEET_BY_NORMAL.update(
    {
        "data_items": schema.DATA_ITEMS,
        "burden_by_channel": schema.BURDEN_BY_CHANNEL,
        "accepted_findings": schema.ACCEPTED_FINDINGS,
    }
)


def sheet_for(name: str) -> Sheet | None:
    """The sheet a workbook tab or CSV file name stands for (case and spaces ignored)."""
    return _SHEET_BY_NORMAL.get(_normal(name))


@dataclass
class Layout:
    """Where the table cells of one file sit: spreadsheet rows and columns, 1-based."""

    file: str
    rows: dict[tuple[str, int], int] = field(default_factory=dict)
    columns: dict[tuple[str, str], int] = field(default_factory=dict)
    field_rows: dict[str, int] = field(default_factory=dict)
    """Journey sheet: field name -> its row."""
    files: dict[str, str] = field(default_factory=dict)
    """Sheet -> the file it was read from, when each sheet is its own file (CSV)."""

    def place(self, cell: Cell) -> tuple[int | None, int | None]:
        if cell.sheet == "Journey":
            return self.field_rows.get(cell.column or "id"), 2
        row = self.rows.get((cell.sheet, cell.row)) if cell.row is not None else None
        column = self.columns.get((cell.sheet, cell.column)) if cell.column else None
        return row, column

    def problem(
        self,
        cell: Cell,
        message: str,
        value: Any = None,
        severity: Severity = Severity.error,
        code: str = "invalid",
    ) -> Problem:
        """A problem located at ``cell`` of this file."""
        line, column = self.place(cell)
        path: KeyPath = (cell.sheet,) if cell.column is None else (cell.sheet, cell.column)
        return Problem(
            self.files.get(cell.sheet, self.file),
            message,
            path=path,
            line=line,
            column=column,
            value=value,
            severity=severity,
            code=code,
        )

    def from_cell_problem(self, found: CellProblem) -> Problem:
        return self.problem(found.cell, found.message, found.value, found.severity, code="bad-cell")


def describe(problem: Problem) -> str:
    """A sheet problem in words: ``book.xlsx: sheet Steps, row 4, column E (agency): ...``."""
    parts = []
    if problem.path:
        parts.append(f"sheet {problem.path[0]}")
    if problem.line is not None:
        parts.append(f"row {problem.line}")
    if problem.column is not None:
        name = f" ({problem.path[1]})" if len(problem.path) > 1 else ""
        parts.append(f"column {column_letter(problem.column)}{name}")
    elif len(problem.path) > 1:
        parts.append(f"column {problem.path[1]}")
    where = ", ".join(parts)
    severity = "warning: " if problem.severity is Severity.warning else ""
    return f"{problem.file}: {where + ': ' if where else ''}{severity}{problem.message}"


@dataclass
class GridRead:
    tables: Tables
    layout: Layout
    problems: list[Problem] = field(default_factory=list)


def grids_to_tables(
    grids: Mapping[str, Grid], file: str, files: Mapping[str, str] | None = None
) -> GridRead:
    """Tables from grids named by sheet (workbook tabs or CSV files); unknown sheets and
    columns are reported as warnings and skipped, never guessed at."""
    read = GridRead({}, Layout(file, files=dict(files or {})))
    for name, grid in grids.items():
        sheet = sheet_for(name)
        if sheet is None:
            if _normal(name) not in IGNORED_SHEETS:
                known = [s.name for s in schema.SHEETS]
                read.problems.append(
                    Problem(
                        read.layout.files.get(name, file),
                        f"sheet {name!r} is not read{did_you_mean(name, known)}",
                        path=(str(name),),
                        value=name,
                        severity=Severity.warning,
                        code="unknown-sheet",
                    )
                )
            continue
        if sheet.name in read.tables:
            read.problems.append(
                read.layout.problem(
                    Cell(sheet.name),
                    f"two sheets are named {sheet.name!r}; the first is used",
                    code="duplicate-sheet",
                )
            )
            continue
        read.layout.files.setdefault(sheet.name, read.layout.files.pop(name, file))
        if sheet is schema.JOURNEY:
            _read_journey(read, grid)
        else:
            _read_sheet(read, sheet, grid)
    for required in (schema.JOURNEY, schema.STEPS):
        if required.name not in read.tables:
            read.problems.append(
                Problem(
                    file,
                    f"the {required.name} sheet is missing",
                    path=(required.name,),
                    code="missing-sheet",
                )
            )
    return read


def _trimmed(grid: Grid) -> Grid:
    """The grid without its blank rows at the end (rows are not copied)."""
    end = len(grid)
    while end and _blank_row(grid[end - 1]):
        end -= 1
    return grid[:end]


def _blank_row(values: Any) -> bool:
    return all(_empty(v) for v in values)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_journey(read: GridRead, grid: Grid) -> None:
    rows = _trimmed(grid)
    head: Row = {}
    layout = read.layout
    known = schema.JOURNEY.names
    start = 1 if rows and [_normal(v) for v in rows[0][:2]] == ["field", "value"] else 0
    for number, values in enumerate(rows[start:], start=start + 1):
        name = _normal(values[0]) if values else ""
        if not name:
            continue
        value = values[1] if len(values) > 1 else None
        if name not in known:
            read.problems.append(
                Problem(
                    layout.files.get("Journey", layout.file),
                    f"unknown field {shown(values[0])}{did_you_mean(name, known)}; "
                    "its value is not read",
                    path=("Journey", "field"),
                    line=number,
                    column=1,
                    value=values[0],
                    severity=Severity.warning,
                    code="unknown-field",
                )
            )
            continue
        if name in layout.field_rows:
            read.problems.append(
                Problem(
                    layout.files.get("Journey", layout.file),
                    f"field {name!r} is given twice (first on row {layout.field_rows[name]}); "
                    "the first is used",
                    path=("Journey", "field"),
                    line=number,
                    column=1,
                    value=name,
                    code="duplicate-field",
                )
            )
            continue
        layout.field_rows[name] = number
        head[name] = value
    read.tables["Journey"] = [head]


def _read_sheet(read: GridRead, sheet: Sheet, grid: Grid) -> None:
    rows = _trimmed(grid)
    layout = read.layout
    if not rows:
        read.tables[sheet.name] = []
        return
    where: dict[int, str] = {}
    for index, header in enumerate(rows[0]):
        name = _normal(header)
        number = index + 1
        if not name:
            continue
        if name not in sheet.names:
            read.problems.append(
                layout.problem(
                    Cell(sheet.name, None, str(header)),
                    f"unknown column {shown(header)}{did_you_mean(name, sheet.names)}; "
                    "its values are not read",
                    header,
                    Severity.warning,
                    "unknown-column",
                )
            )
            read.problems[-1] = _at_column(read.problems[-1], number)
            continue
        if name in where.values():
            read.problems.append(
                _at_column(
                    layout.problem(
                        Cell(sheet.name, None, name),
                        f"column {name!r} appears twice; the first is used",
                        name,
                        code="duplicate-column",
                    ),
                    number,
                )
            )
            continue
        where[index] = name
        layout.columns[(sheet.name, name)] = number
    for required in (c.name for c in sheet.columns if c.required):
        if required not in where.values():
            read.problems.append(
                Problem(
                    layout.files.get(sheet.name, layout.file),
                    f"the {sheet.name} sheet has no {required!r} column",
                    path=(sheet.name,),
                    line=1,
                    code="missing-column",
                )
            )
    table: list[Row] = []
    for number, values in enumerate(rows[1:], start=2):
        if _blank_row(values):
            continue  # a blank row between rows is there for the eye, not a step
        layout.rows[(sheet.name, len(table))] = number
        table.append(
            {name: values[index] if index < len(values) else None for index, name in where.items()}
        )
    read.tables[sheet.name] = table


def _at_column(problem: Problem, number: int) -> Problem:
    return replace(problem, line=1, column=number)
