"""Render rows and problems for a terminal: table, JSON or CSV.

Commands hand this module plain dicts (every row type has ``to_dict()``), so
each format is written once for all commands.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich.box import Box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ple.errors import Problem
from ple.sheets.csvfiles import csv_text

FORMATS = ("table", "json", "csv")
"""Formats every tabular command offers; reports add ``md``."""


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What a terminal acts on instead of showing: C0 and C1 controls (ESC starts sequences
that set the clipboard, make links or retitle the window), DEL, and the bidirectional
overrides that make text read in another order than it runs. Tab and line feed stay."""


def _visible(control: re.Match[str]) -> str:
    code = ord(control[0])
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as ␛
    return "\u2421" if code == 0x7F else f"<U+{code:04X}>"


def plain_text(text: str) -> str:
    """``text`` for a terminal or a plain text file: every control character shown as a
    visible mark (``␛``, ``<U+202E>``) instead of reaching the terminal."""
    return _CONTROL.sub(_visible, text)


def say(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Write a line of plain text (a table, a message) with :func:`plain_text`."""
    click.echo(plain_text(str(text)), err=err, nl=nl)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


WIDEST_COLUMN = 120
"""Columns are padded to at most this width; a longer cell runs on past its column.
Padding every row to one very long cell made a table of 20,000 findings take 2 GB."""


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int | None = None) -> str:
    """An aligned text table; empty cells stand for unknown or none.

    Fitted to ``width`` (default :func:`terminal_width`): long cells (a finding's message)
    wrap within their column, widest columns first, so every row reads in an 80- or
    120-column terminal. Without a width each row stays on one line.
    """
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    width = terminal_width() if width is None else width
    if width is None:
        widths = [
            max([len(c), *(min(len(r[i]), WIDEST_COLUMN) for r in cells)])
            for i, c in enumerate(columns)
        ]
        lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        return "\n".join(lines)
    return _fitted(columns, cells, width)


def terminal_width() -> int | None:
    """``$COLUMNS``, else the width of the terminal stdout writes to; None when stdout is
    a file or a pipe, whose readers (grep, a script) want one row per line."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if not sys.stdout.isatty():
            return None
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None


_UNDER_THE_HEADER = Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)
"""No borders, a line of hyphens under the header, as in the one-line-per-row table."""


def _fitted(columns: Sequence[str], cells: list[list[str]], width: int) -> str:
    """The table laid out by rich within ``width`` terminal cells; when that would cut
    ids and headers into pieces narrower than :data:`NARROWEST`, one block per row
    instead, a line per column. Cells are plain Text, so user text such as ``[bold]``
    or ``:smile:`` is shown as written, never as markup."""
    natural = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    prose = [_is_prose([r[i] for r in cells]) for i in range(len(columns))]
    widths = _share(natural, prose, width - 2 * (len(columns) - 1))
    if any(w < min(n, NARROWEST) for w, n in zip(widths, natural, strict=True)):
        return _records(columns, cells, width)
    grid = Table(
        box=_UNDER_THE_HEADER,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="",
        expand=False,
    )
    for column, fitted in zip(columns, widths, strict=True):
        grid.add_column(Text(column), width=fitted, overflow="fold")
    for row in cells:
        grid.add_row(*(Text(value) for value in row))
    return _printed(grid, width)


NARROWEST = 12
"""Below this many cells a column of ids reads as fragments: then rows become blocks."""


def _records(columns: Sequence[str], cells: list[list[str]], width: int) -> str:
    """Each row as a block of ``column  value`` lines, values wrapped beside their
    names, blocks apart by a blank line: a wide table (``ple metrics``) in a narrow
    terminal."""
    blocks = []
    for row in cells:
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for column, value in zip(columns, row, strict=True):
            grid.add_row(Text(column), Text(value))
        blocks.append(_printed(grid, width))
    return "\n\n".join(blocks)


def _printed(renderable: Table, width: int) -> str:
    buffer = io.StringIO()
    Console(
        file=buffer,
        width=max(width, 20),
        color_system=None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    ).print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


def _is_prose(values: list[str]) -> bool:
    """Whether a column holds sentences (half its cells three words or more), which wrap
    at spaces, rather than ids and short lists, which would break mid-word."""
    return sum(len(v.split()) >= 3 for v in values) * 2 >= len(values) > 0


def _share(natural: list[int], prose: list[bool], room: int) -> list[int]:
    """Column widths that fit ``room``. Prose gives way first: when the other columns
    fit whole beside at least :data:`PROSE_FLOOR` cells for each prose column, they stay
    whole and the prose wraps. Else every column gives way, the widest first, down to a
    common cap of which prose keeps twice; a column of at most eight cells (a severity,
    yes or no, a count) keeps its width."""
    if sum(natural) <= room:
        return natural
    left = room - sum(n for n, p in zip(natural, prose, strict=True) if not p)
    only_prose = any(prose) and left >= PROSE_FLOOR * sum(prose)
    return _capped(natural, prose, room, only_prose)


PROSE_FLOOR = 20
"""Cells a prose column keeps before the columns beside it give way."""


def _capped(natural: list[int], prose: list[bool], room: int, only_prose: bool) -> list[int]:
    """The widest cap under which the columns fit ``room``."""

    def widths(cap: int) -> list[int]:
        if only_prose:
            return [min(n, cap) if p else n for n, p in zip(natural, prose, strict=True)]
        return [
            n if n <= 8 else max(min(n, cap * (2 if p else 1)), 4)
            for n, p in zip(natural, prose, strict=True)
        ]

    cap = max(natural)
    while cap > 4 and sum(widths(cap)) > room:
        cap -= 1
    return widths(cap)


def emit_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, key: str) -> None:
    """Write rows to stdout; JSON wraps them as ``{key: [...]}``."""
    if fmt == "json":
        click.echo(json.dumps({key: list(rows)}, indent=2, ensure_ascii=False))
    elif fmt == "csv":  # text a spreadsheet would run as a formula starts with '
        lines = [
            list(columns),
            *(
                [
                    _cell(row.get(c)) if isinstance(row.get(c), (list, tuple)) else row.get(c)
                    for c in columns
                ]
                for row in rows
            ),
        ]
        text = csv_text(lines)  # data: kept as it is, unless it goes to a terminal
        click.echo(plain_text(text) if sys.stdout.isatty() else text, nl=False)
    elif fmt == "md":
        say(markdown_table(rows, columns) if rows else f"_No {key}._")
    else:
        say(table(rows, columns) if rows else f"(no {key})")


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table with the cells of :func:`table`, every one
    escaped (:mod:`ple.views.markdown`): names show as text, never as markup."""
    from ple.views.markdown import markdown_table as escaped_table

    return "\n".join(escaped_table(columns, [[_cell(row.get(c)) for c in columns] for row in rows]))


def emit_problems(problems: Sequence[Problem]) -> None:
    """Problems go to stderr, one per line, as ``file:line:column: field: message``."""
    for problem in problems:
        say(problem, err=True)
