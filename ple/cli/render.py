"""Render rows and problems for a terminal: table, JSON or CSV.

Commands hand this module plain dicts (every row type has ``to_dict()``), so
each format is written once for all commands.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from ple.errors import Problem
from ple.sheets.csvfiles import csv_text

FORMATS = ("table", "json", "csv")
"""Formats every tabular command offers; reports add ``md``."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain aligned text table; empty cells stand for unknown or none."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
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
        click.echo(csv_text(lines), nl=False)
    elif fmt == "md":
        click.echo(markdown_table(rows, columns) if rows else f"_No {key}._")
    else:
        click.echo(table(rows, columns) if rows else f"(no {key})")


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table with the cells of :func:`table`, every one
    escaped (:mod:`ple.views.markdown`): names show as text, never as markup."""
    from ple.views.markdown import markdown_table as escaped_table

    return "\n".join(escaped_table(columns, [[_cell(row.get(c)) for c in columns]
                                            for row in rows]))


def emit_problems(problems: Sequence[Problem]) -> None:
    """Problems go to stderr, one per line, as ``file:line:column: field: message``."""
    for problem in problems:
        click.echo(str(problem), err=True)
