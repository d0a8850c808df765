"""Grids as an Excel workbook (.xlsx, with openpyxl), and back.

The workbook is made for people: a bold header row that stays in view, columns wide
enough to read, drop-downs for closed vocabularies (``state``, ``level``, ``kind``,
handoff types, TRUE/FALSE) and for ids defined on another sheet (a step's agency picks
from the Agencies sheet), and an About sheet that explains every column. Drop-downs
for ids only warn, so a new agency can be typed before it is added; ``ple import
xlsx`` checks every reference anyway.

Text is always stored as text: a name that starts with ``=`` stays a name and never
becomes a formula. The same tables give the same bytes (fixed timestamps), so
exported workbooks can be compared and kept in git.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from typing import Any

from ple import limits
from ple.errors import shown
from ple.sheets import schema
from ple.sheets.grid import Grid, GridBuilder, column_letter
from ple.sheets.schema import Column, Kind, Sheet

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAST_ROW = 1_048_576
"""Excel's last row: drop-downs cover whole columns, so added rows get them too."""
TEXT_FORMAT = "@"
"""The number format that keeps what is typed as text."""
_FIXED_TIME = "2000-01-01T00:00:00Z"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters the xlsx format cannot hold."""


class WorkbookError(ValueError):
    """The workbook cannot be read (not an xlsx file, too big) or written."""


def available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def _width(column: Column, grid: Grid, index: int) -> float:
    longest = max(
        (len(str(row[index])) for row in grid if index < len(row) and row[index] is not None),
        default=0,
    )
    longest = max(longest, len(column.name) + 2)
    return float(min(max(longest, 8), 60 if column.kind is Kind.lines else 40) + 2)


def write_workbook(grids: Mapping[str, Grid], title: str = "") -> bytes:
    """The grids as an .xlsx file, sheets in the schema's order, then About."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for sheet in schema.SHEETS:
        if sheet.name not in grids:
            continue
        grid = grids[sheet.name]
        tab = book.create_sheet(sheet.name)
        for row_number, row in enumerate(grid, start=1):
            for column_number, value in enumerate(row, start=1):
                _put(
                    tab.cell(row=row_number, column=column_number),
                    value,
                    where=_cell_name(sheet, grid, row_number, column_number),
                )
        for cell in tab[1]:
            cell.font = bold
        tab.freeze_panes = "A2" if sheet is not schema.JOURNEY else "B2"
        if sheet is schema.JOURNEY:
            _journey_layout(tab, grid)
        else:
            _sheet_layout(tab, sheet, grid)
        _validations(tab, sheet, grid)
    _about(book, title, bold)
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())


def _cell_name(sheet: Sheet, grid: Grid, row: int, column: int) -> str:
    """A cell as a message names it: ``sheet Steps, cell B3 (name)``, the column's name
    taken from the header row (on the Journey sheet, from the field's row)."""
    if sheet is schema.JOURNEY:
        field = grid[row - 1][0] if row > 1 else None
    else:
        field = grid[0][column - 1] if column <= len(grid[0]) else None
    return f"sheet {sheet.name}, cell {column_letter(column)}{row}" + (
        f" ({field})" if isinstance(field, str) and row > 1 else ""
    )


def _put(cell: Any, value: Any, where: str) -> None:
    if isinstance(value, str):
        found = _ILLEGAL.search(value)
        if found:
            raise WorkbookError(
                f"{where}: the text holds the control character "
                f"U+{ord(found.group()):04X}, which an xlsx file cannot "
                f"store: {shown(value)}"
            )
        cell.value = value
        cell.data_type = "s"  # text stays text, even "=SUM(...)"
    else:
        cell.value = value


def _journey_layout(tab: Any, grid: Grid) -> None:
    from openpyxl.styles import Alignment

    tab.column_dimensions["A"].width = 20
    tab.column_dimensions["B"].width = 70
    tab.column_dimensions["C"].width = 60
    for row in tab.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet_layout(tab: Any, sheet: Sheet, grid: Grid) -> None:
    from openpyxl.styles import Alignment

    for index, column in enumerate(sheet.columns):
        letter = column_letter(index + 1)
        tab.column_dimensions[letter].width = _width(column, grid, index)
        if column.kind is Kind.lines or column.name in ("description", "notes", "note"):
            for row in range(2, len(grid) + 1):
                tab[f"{letter}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        if column.kind is Kind.listing:  # 96.010 typed here stays text, with its zero
            tab.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(2, len(grid) + 1):
                tab[f"{letter}{row}"].number_format = TEXT_FORMAT
    if len(grid) > 1:
        tab.auto_filter.ref = f"A1:{column_letter(len(sheet.columns))}{len(grid)}"


def _validations(tab: Any, sheet: Sheet, grid: Grid) -> None:
    """Drop-downs: closed vocabularies refuse other words; ids on other sheets warn."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(sheet.columns):
        if column.is_list:
            continue
        if sheet is schema.JOURNEY:
            row = index + 2
            target = f"B{row}"
        else:
            letter = column_letter(index + 1)
            target = f"{letter}2:{letter}{LAST_ROW}"
        if column.choices or column.kind is Kind.flag:
            words = column.choices or ("TRUE", "FALSE")
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(words) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=f"Not a {column.name}",
                error="Pick one of: " + ", ".join(words),
                showInputMessage=bool(column.help),
                promptTitle=column.name,
                prompt=column.help[:250] or None,
            )
        elif column.refers_to in {s.name for s in schema.SHEETS}:
            check = DataValidation(
                type="list",
                allow_blank=True,
                showErrorMessage=True,
                formula1=f"={column.refers_to}!$A$2:$A${LAST_ROW}",
                errorStyle="warning",
                errorTitle="Unknown id",
                error=f"Not an id on the {column.refers_to} sheet yet: "
                "add it there too, or it will be reported on import.",
            )
        else:
            continue
        check.add(target)
        tab.add_data_validation(check)


def _about(book: Any, title: str, bold: Any) -> None:
    from openpyxl.styles import Alignment

    tab = book.create_sheet("About")
    lines = [
        [f"Journey workbook{': ' + title if title else ''}"],
        [
            "Edit the sheets, then read the workbook back with `ple import xlsx FILE -o FOLDER`"
            " or upload it on the app's Edit page. Row order is journey order."
        ],
        [
            "Lists: ids and words are joined with ';' (online; phone). Pain points and sources "
            "take one item per line (Alt+Enter in Excel)."
        ],
        [
            "An empty cell means not recorded (unknown). Write (none) for a list known to be "
            "empty, e.g. a step that offers no accommodation."
        ],
        [
            "Closed vocabularies and ids from other sheets have drop-downs. TRUE/FALSE columns "
            "take TRUE or FALSE."
        ],
        [],
        ["sheet", "column", "meaning"],
    ]
    for sheet in schema.SHEETS:
        lines.append([sheet.name, "", sheet.about])
        for column in sheet.columns:
            meaning = column.help
            if column.choices:
                meaning = (
                    (meaning + "; " if meaning else "") + "one of: " + ", ".join(column.choices)
                )
            if column.required:
                meaning = "required. " + meaning
            lines.append(["", column.name, meaning])
    for row in lines:
        tab.append(row)
    tab["A1"].font = bold
    for cell in tab[7]:
        cell.font = bold
    tab.column_dimensions["A"].width = 18
    tab.column_dimensions["B"].width = 22
    tab.column_dimensions["C"].width = 90
    for row in tab.iter_rows(min_row=2, max_row=5):
        row[0].alignment = Alignment(wrap_text=False)


def _deterministic(data: bytes) -> bytes:
    """The same workbook as the same bytes: fixed document times and zip entry times."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + _FIXED_TIME.encode(),
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return buffer.getvalue()


def read_workbook(data: bytes, name: str = "workbook.xlsx") -> dict[str, Grid]:
    """Every sheet of an .xlsx file as a grid of cell values (formulas as their last
    computed values). Raises :class:`WorkbookError` when it is not a workbook, or when
    it is past a limit (:mod:`ple.limits`): what it unpacks to, the rows that hold
    something, the rightmost column that does.

    Blank rows are not counted, and blank rows and cells at the end are dropped: a
    workbook saved by LibreOffice has an empty row 1,048,576. The size a sheet claims
    for itself (its "dimension") is not trusted, too big or too small: openpyxl pads
    every row to it, and stops reading at it."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(
            f"{name}: not an .xlsx workbook (an .xls file must first be saved as .xlsx)"
        )
    data = _without_blank_cells(data, name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise WorkbookError(f"{name}: cannot read the workbook: {error}") from None
    grids: dict[str, Grid] = {}
    try:
        for tab in book.worksheets:
            grids[tab.title] = _read_sheet(tab, name)
    except WorkbookError:
        raise
    except Exception as error:  # damaged sheet XML, found while reading its rows
        raise WorkbookError(f"{name}: cannot read the workbook: {error}") from None
    finally:
        book.close()
    return grids


def _read_sheet(tab: Any, name: str) -> Grid:
    tab.reset_dimensions()
    grid = GridBuilder(f"{name}: sheet {tab.title}", WorkbookError)
    for values in tab.iter_rows(values_only=True):
        grid.add(values)
    return grid.rows


_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_ATTRIBUTES = rb'(?:\s+[\w:]+="[^"<>]*")*\s*'
_BLANK_CELL = re.compile(rb"<(?:\w+:)?c\s+r=\"[A-Z]+[0-9]+\"" + _ATTRIBUTES + rb"/>")
"""A cell with no value (at most a style): ``<c r="A5" s="1"/>``."""
_BLANK_ROW = re.compile(rb"<((?:\w+:)?)row\s+r=\"[0-9]+\"" + _ATTRIBUTES + rb"(?:/>|>\s*</\1row>)")
"""A row with no cells: ``<row r="9" s="1" customFormat="1"/>``."""
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CELL_AT = re.compile(rb"<(?:\w+:)?c\s+r=\"")
_ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW_AT = re.compile(rb"<(?:\w+:)?row\s+r=\"")
_COMPACT_FROM = 1 << 20
"""Sheets that unpack to less than this are read as they are."""
MAX_PARTS = 10_000
"""Most entries the zip file may have: reading the zip directory of a million tiny
entries (a few MB of file) alone took hundreds of MB."""


def _without_blank_cells(data: bytes, name: str) -> bytes:
    """The workbook with its blank cells and rows left out of every large sheet, after
    checking what it unpacks to.

    A spreadsheet program may store a million formatted but empty rows; openpyxl takes
    about ten microseconds for each (and keeps each one's format), so such a sheet took
    minutes and gigabytes. Leaving them out first costs a search over the sheet's text.
    Only rows and cells that name their own position (``r="A5"``) are left out, so
    nothing after them moves; a sheet that still stores more than twice the rows
    allowed is refused.
    """
    parts = data.count(b"PK\x01\x02")  # one per entry of the zip directory
    if parts > MAX_PARTS:
        raise WorkbookError(
            f"{name}: the file holds {parts:,} parts; a workbook holds a few "
            f"dozen (at most {MAX_PARTS:,} are read)"
        )
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        entries = source.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError(f"{name}: cannot read the workbook: {error}") from None
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.WORKBOOK_MIB.value * 2**20:
        raise WorkbookError(
            f"{name}: the workbook unpacks to {unpacked / 2**20:,.1f} MiB, over the limit of "
            f"{limits.WORKBOOK_MIB.value:,} {limits.WORKBOOK_MIB.what} (set "
            f"{limits.WORKBOOK_MIB.setting} to raise it)"
        )
    large = [
        e for e in entries if _SHEET_PART.fullmatch(e.filename) and e.file_size >= _COMPACT_FROM
    ]
    if not large:
        return data
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
            for entry in entries:
                content = source.read(entry.filename)
                if entry in large:
                    content = _compact_sheet(content, entry.filename, name)
                target.writestr(entry.filename, content)
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as error:  # a damaged, encrypted or oddly packed entry
        raise WorkbookError(f"{name}: cannot read the workbook: {error}") from None
    return buffer.getvalue()


def _count(pattern: re.Pattern[bytes], text: bytes) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _compact_sheet(xml: bytes, part: str, name: str) -> bytes:
    if _count(_ANY_CELL, xml) == _count(_CELL_AT, xml):
        xml = _BLANK_CELL.sub(b"", xml)
    if _count(_ANY_ROW, xml) == _count(_ROW_AT, xml):
        xml = _BLANK_ROW.sub(b"", xml)
    stored = _count(_ANY_ROW, xml)
    if stored > 2 * limits.SHEET_ROWS.value:
        raise WorkbookError(
            f"{name}: the sheet in {part} stores {stored:,} rows that are not blank to a "
            f"reader, more than twice the limit of {limits.SHEET_ROWS.value:,} "
            f"{limits.SHEET_ROWS.what} (set {limits.SHEET_ROWS.setting} to raise it)"
        )
    return xml
