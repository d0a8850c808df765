"""Render rows and problems for a terminal: table, JSON or CSV.

Commands hand this module plain dicts (every row type has ``to_dict()``), so
each format is written once for all commands.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

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


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain aligned text table; empty cells stand for unknown or none."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(min(len(r[i]), WIDEST_COLUMN) for r in cells)])
              for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


def emit_rows(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, key: str
) -> None:
    """Write rows to stdout; JSON wraps them as ``{key: [...]}``."""
    if fmt == "json":
        click.echo(json.dumps({key: list(rows)}, indent=2, ensure_ascii=False))
    elif fmt == "csv":  # text a spreadsheet would run as a formula starts with '
        lines = [list(columns), *([_cell(row.get(c)) if isinstance(row.get(c), (list, tuple))
                                   else row.get(c) for c in columns] for row in rows)]
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

    return "\n".join(escaped_table(columns, [[_cell(row.get(c)) for c in columns]
                                            for row in rows]))


def emit_problems(problems: Sequence[Problem]) -> None:
    """Problems go to stderr, one per line, as ``file:line:column: field: message``."""
    for problem in problems:
        say(problem, err=True)
