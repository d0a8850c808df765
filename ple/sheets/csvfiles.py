"""Grids as CSV files, one per sheet, for tools that do not read .xlsx.

Files are UTF-8 with a byte order mark, which Excel needs to read accents correctly,
and are named after their sheet: ``retirement.sheet-Steps.csv``. Reading finds the
sheet in the file name, so files downloaded from an online spreadsheet
(``Retirement - Steps.csv``) work too.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with an apostrophe in front (OWASP's advice against CSV injection), so a
spreadsheet opening the file shows it as text instead of running it as a formula; reading
takes the apostrophe off again. Every CSV the project writes (the ``csv`` export, each
command's ``--format csv``) goes through :func:`spreadsheet_cell`; the sheets, which are
read back, also give text that starts with an apostrophe one more, so that reading takes
off only ours.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ple.sheets.grid import Grid, GridBuilder, sheet_for
from ple.sheets.schema import Sheet

MAX_BYTES = 32 * 1024 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell starts that a spreadsheet may run as a formula (OWASP, CSV injection)."""
_GUARDED = (*FORMULA_START, "'")
"""In the sheets, text starting with an apostrophe gets one more, so reading takes off
only ours."""
_SEPARATORS = re.compile(r"[ ._-]")


def file_name(stem: str, sheet: str) -> str:
    return f"{stem}.sheet-{sheet}.csv"


def split_name(name: str) -> tuple[str, Sheet] | None:
    """A CSV file name as (what comes before the sheet name, the sheet), or None.
    The longest sheet name that ends the name wins (``Data Items`` over ``Items``)."""
    stem = re.sub(r"\.csv$", "", name.replace("\\", "/").rsplit("/", 1)[-1], flags=re.IGNORECASE)
    if (whole := sheet_for(stem)) is not None:
        return "", whole
    for found in _SEPARATORS.finditer(stem):
        if (sheet := sheet_for(stem[found.end() :])) is not None:
            return stem[: found.end()], sheet
    return None


def sheet_of_file(name: str) -> Sheet | None:
    """The sheet a CSV file holds, from the end of its name."""
    found = split_name(name)
    return found[1] if found else None


def spreadsheet_cell(value: Any) -> Any:
    """``value`` for a CSV cell: text that a spreadsheet would run as a formula gets an
    apostrophe in front (``'=1+2``, ``'-3 days``). Numbers stay numbers, negative ones
    too: only text is ever taken for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _sheet_cell(value: Any) -> Any:
    """:func:`spreadsheet_cell`, and an apostrophe more before one the text has, so that
    :func:`written_text` gives back exactly what was written."""
    if isinstance(value, str) and value.startswith("'"):
        return "'" + value
    return spreadsheet_cell(value)


def written_text(cell: str) -> str:
    """A sheet's CSV cell as it was before it was written."""
    if cell.startswith("'") and cell[1:].startswith(_GUARDED):
        return cell[1:]
    return cell


def _out(value: Any) -> Any:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return _sheet_cell(value)


def csv_text(rows: Iterable[Sequence[Any]], cell: Callable[[Any], Any] = spreadsheet_cell) -> str:
    """Rows as CSV text, one ``\\n`` per row, every value through ``cell`` (None is an
    empty cell). A row that holds a carriage return has every cell quoted: Python's csv
    module quotes only the characters of its line end, and a bare one would start a new
    row (and, after it, a cell that a spreadsheet runs)."""
    buffer = io.StringIO()
    minimal = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        values = ["" if v is None else cell(v) for v in row]
        carriage_return = any(isinstance(v, str) and "\r" in v for v in values)
        (quoted if carriage_return else minimal).writerow(values)
    return buffer.getvalue()


def write_csv(grid: Grid) -> bytes:
    return csv_text(grid, _out).encode("utf-8-sig")


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
    return written_text(value)
