"""A journey workbook (.xlsx, or one CSV file per sheet) read back into a journey and
its catalog.

The sheets are the ones ``ple export --format xlsx`` writes (see
:mod:`ple.sheets.schema`): Journey, Steps, Transitions, Stages, Personas,
BurdenByChannel, AcceptedFindings, Blueprint, Agencies, Programs, DataItems, Touchpoints,
Sharing. Only Journey and
Steps are required; a workbook made by hand may leave the catalog to the workspace it
goes into.

Every value is checked the way the loader checks a YAML file, and each problem names
the sheet, the row and the column (``journey.xlsx: sheet Steps, row 4, column E
(agency): ...``). References between objects are checked when the journey is placed
into a workspace (:mod:`ple.edit.incoming`), since they may point at the workspace's
catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ple.errors import Problem, Severity
from ple.io.documents import CATALOG_KEYS, read_document
from ple.io.files import read_bytes, reading_problem
from ple.sheets import csvfiles, workbook
from ple.sheets.convert import Built, tables_to_journey
from ple.sheets.grid import Grid, GridRead, Layout, grids_to_tables


@dataclass
class SheetImport:
    """What a workbook holds: the journey document (with its catalog collections), where
    each value came from, and every problem found."""

    name: str
    document: dict[str, Any] = field(default_factory=dict)
    built: Built | None = None
    layout: Layout | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.error for p in self.problems)

    @property
    def journey(self) -> dict[str, Any]:
        return {k: v for k, v in self.document.items() if k not in CATALOG_KEYS}

    @property
    def catalog(self) -> dict[str, list[Any]]:
        return {k: self.document[k] for k in CATALOG_KEYS if k in self.document}


def read_workbook_bytes(data: bytes, name: str) -> SheetImport:
    """An .xlsx file's journey. Problems name the sheet, row and column."""
    try:
        grids = workbook.read_workbook(data, name)
    except workbook.WorkbookError as error:
        return SheetImport(
            name,
            problems=[Problem(name, str(error).removeprefix(f"{name}: "), code="not-a-workbook")],
        )
    return _from_grids(grids, name)


def read_csv_bytes(files: Mapping[str, bytes], name: str) -> SheetImport:
    """A journey from CSV files named after their sheets (``x.sheet-Steps.csv``,
    ``Retirement - Steps.csv``, ``Steps.csv``); ``name`` names the set in messages."""
    grids: dict[str, Grid] = {}
    sources: dict[str, str] = {}
    problems: list[Problem] = []
    for file_name, data in files.items():
        sheet = csvfiles.sheet_of_file(file_name)
        if sheet is None:
            problems.append(
                Problem(
                    file_name,
                    "the file name does not end in a sheet name "
                    "(Steps, Transitions, ...); file not read",
                    severity=Severity.warning,
                    code="unknown-sheet",
                )
            )
            continue
        if sheet.name in grids:
            problems.append(
                Problem(
                    file_name,
                    f"a second file for the {sheet.name} sheet "
                    f"(the first is {sources[sheet.name]}); not read",
                    code="duplicate-sheet",
                )
            )
            continue
        try:
            grids[sheet.name] = csvfiles.read_csv(data, file_name)
        except ValueError as error:
            problems.append(
                Problem(file_name, str(error).removeprefix(f"{file_name}: "), code="unreadable")
            )
            continue
        sources[sheet.name] = file_name
    result = _from_grids(grids, name, sources)
    result.problems[:0] = problems
    return result


def read_path(path: Path) -> SheetImport:
    """An .xlsx file, a folder of sheet CSV files, or one of those CSV files (its
    siblings with the same name before the sheet are read with it). A file that cannot
    be read, or is no regular file at all (a pipe, a device), is a problem."""
    try:
        return _read_path(path)
    except OSError as error:  # ple.io.files.Refused too
        where = error.filename if isinstance(error.filename, str) else path
        return SheetImport(str(path), problems=[reading_problem(where, error)])


def _read_path(path: Path) -> SheetImport:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        return read_csv_bytes({str(p): read_bytes(p) for p in files}, str(path))
    if path.suffix.lower() == ".csv":
        found = csvfiles.split_name(path.name)
        if found is None:
            return SheetImport(
                str(path),
                problems=[
                    Problem(
                        str(path),
                        "the file name does not end in a sheet name such as Steps",
                        code="unknown-sheet",
                    )
                ],
            )
        files = sorted(
            p
            for p in path.parent.iterdir()
            if p.suffix.lower() == ".csv"
            and (csvfiles.split_name(p.name) or ("\0",))[0] == found[0]
        )
        return read_csv_bytes({str(p): read_bytes(p) for p in files}, str(path))
    return read_workbook_bytes(read_bytes(path), str(path))


def _from_grids(
    grids: Mapping[str, Grid], name: str, sources: Mapping[str, str] | None = None
) -> SheetImport:
    read: GridRead = grids_to_tables(grids, name, sources)
    result = SheetImport(name, layout=read.layout, problems=list(read.problems))
    if not result.ok:
        return result
    built = tables_to_journey(read.tables)
    result.built = built
    result.document = built.document
    result.problems += [read.layout.from_cell_problem(p) for p in built.problems]
    content = read_document(built.document, name)
    for problem in content.problems:
        cell = built.cell_of(problem.path)
        if cell is None:
            result.problems.append(problem)
            continue
        result.problems.append(
            read.layout.problem(
                cell, problem.message, problem.value, problem.severity, problem.code
            )
        )
    return result
