"""Grids as CSV files, one per sheet, for tools that do not read .xlsx.

Files are UTF-8 with a byte order mark, which Excel needs to read accents correctly,
and are named after their sheet: ``retirement.sheet-Steps.csv``. Reading finds the
sheet in the file name, so files downloaded from an online spreadsheet
(``Retirement - Steps.csv``) work too.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` is written with an apostrophe
in front, so a spreadsheet opening the file shows it as text instead of running it as
a formula; reading takes the apostrophe off again.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ple.sheets.grid import Grid, GridBuilder, sheet_for
from ple.sheets.schema import Sheet

MAX_BYTES = 32 * 1024 * 1024
_FORMULA_START = ("=", "+", "-", "@")
_GUARDED = (*_FORMULA_START, "'")
"""Text starting with an apostrophe gets one more, so reading takes off only ours."""
_SEPARATORS = re.compile(r"[ ._-]")


def file_name(stem: str, sheet: str) -> str:
    return f"{stem}.sheet-{sheet}.csv"


def split_name(name: str) -> tuple[str, Sheet] | None:
    """A CSV file name as (what comes before the sheet name, the sheet), or None.
    The longest sheet name that ends the name wins (``Data Items`` over ``Items``)."""
    stem = re.sub(r"\.csv$", "", name.replace("\\", "/").rsplit("/", 1)[-1],
                  flags=re.IGNORECASE)
    if (whole := sheet_for(stem)) is not None:
        return "", whole
    for found in _SEPARATORS.finditer(stem):
        if (sheet := sheet_for(stem[found.end():])) is not None:
            return stem[: found.end()], sheet
    return None


def sheet_of_file(name: str) -> Sheet | None:
    """The sheet a CSV file holds, from the end of its name."""
    found = split_name(name)
    return found[1] if found else None


def _out(value: Any) -> Any:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(_GUARDED):
        return "'" + value
    return value


def write_csv(grid: Grid) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in grid:
        writer.writerow(["" if v is None else _out(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def read_csv(data: bytes, name: str) -> Grid:
    """A CSV file as a grid of text cells (empty cells are None). Raises ValueError with
    a message for a person when the file cannot be read."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"{name}: file is over {MAX_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{name}: not UTF-8 text; save it as 'CSV UTF-8'") from None
    grid = GridBuilder(name)
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            grid.add([_in(v) for v in row])
    except csv.Error as error:
        raise ValueError(f"{name}: not a readable CSV file: {error}") from None
    return grid.rows


def _in(value: str) -> str | None:
    if not value.strip():
        return None
    if value.startswith("'") and value[1:].startswith(_GUARDED):
        return value[1:]
    return value
