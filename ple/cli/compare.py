"""``ple compare``: what a proposed future state changes against today's journey."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ple.cli.common import EXIT_USAGE, Source, backend_options, formats_option, no_cache_option
from ple.cli.render import say

COMPARE_FORMATS = ("table", "json", "md")


@click.command()
@click.argument("arguments", nargs=-1, metavar="[PATH] [CURRENT] [FUTURE]")
@no_cache_option
@backend_options
@formats_option(COMPARE_FORMATS)
def compare(
    arguments: tuple[str, ...],
    no_cache: bool,
    backend: str,
    uri: str | None,
    database: str | None,
    fmt: str,
) -> None:
    """Compare today's journey CURRENT with a proposed FUTURE one.

    With one journey, compare a future state with its baseline (or a current state
    with every future state built on it); with none, every future state with its
    baseline. The journeys are read from the files at PATH, or, with
    --backend neo4j|falkordb, from that database (then leave out PATH).
    """
    from ple.compare import PairError
    from ple.compare import compare as compare_pairs
    from ple.errors import NotFoundError

    source, ids = _source(arguments, no_cache, backend, uri, database)
    current, future = [*ids, None, None][:2]
    workspace = source.workspace()
    try:
        comparisons = compare_pairs(workspace, current, future)
    except (NotFoundError, PairError) as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"comparisons": [c.to_dict() for c in comparisons]}, indent=2, ensure_ascii=False
            )
        )
        return
    from ple.export.comparison import comparison_markdown

    for number, comparison in enumerate(comparisons):
        if number:
            say("\n" + ("---" if fmt == "md" else "=" * 72) + "\n")
        if fmt == "md":
            say(comparison_markdown(workspace, comparison), nl=False)
        else:
            say(_table_text(workspace, comparison))


def _source(
    arguments: tuple[str, ...], no_cache: bool, backend: str, uri: str | None, database: str | None
) -> tuple[Source, list[str]]:
    """Where the workspace is, and the journey ids. PATH comes first with the files and is
    left out with a database; a folder given with --backend is the usage error it is
    (Source.check), not a journey id."""
    if backend == "networkx":
        path, ids = (arguments[0], list(arguments[1:])) if arguments else (None, [])
    elif arguments and Path(arguments[0]).is_dir():
        path, ids = arguments[0], list(arguments[1:])
    else:
        path, ids = None, list(arguments)
    if len(ids) > 2:
        raise click.UsageError("give at most two journeys: CURRENT and FUTURE")
    source = Source(path, no_cache, backend, uri, database)
    source.check()
    return source, ids


def _table_text(workspace, comparison) -> str:
    from ple.cli.render import table
    from ple.export.comparison import READING, section_rows
    from ple.views.compare import summary_lines

    lines = [
        f"{comparison.current_name} → {comparison.future_name}",
        f"({comparison.current} → {comparison.future})",
        "",
    ]
    lines += summary_lines(workspace, comparison)
    for title, rows in section_rows(workspace, comparison):
        lines += ["", title.upper(), table(rows, list(rows[0])) if rows else "(none)"]
        if title == "Burden figures":
            lines.append(READING)
    return "\n".join(lines)
