"""``ple compare``: what a proposed future state changes against today's journey."""

from __future__ import annotations

import json
import sys

import click

from ple.cli.common import EXIT_USAGE, formats_option, load, no_cache_option
from ple.cli.render import say

COMPARE_FORMATS = ("table", "json", "md")


@click.command()
@click.argument("path", type=click.Path(path_type=str))
@click.argument("current", required=False)
@click.argument("future", required=False)
@no_cache_option
@formats_option(COMPARE_FORMATS)
def compare(path: str, current: str | None, future: str | None, no_cache: bool,
            fmt: str) -> None:
    """Compare today's journey CURRENT with a proposed FUTURE one.

    With one journey, compare a future state with its baseline (or a current state
    with every future state built on it); with none, every future state with its
    baseline.
    """
    from ple.compare import PairError
    from ple.compare import compare as compare_pairs
    from ple.errors import NotFoundError

    workspace = load(path, no_cache)
    try:
        comparisons = compare_pairs(workspace, current, future)
    except (NotFoundError, PairError) as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "json":
        click.echo(json.dumps({"comparisons": [c.to_dict() for c in comparisons]}, indent=2,
                              ensure_ascii=False))
        return
    from ple.export.comparison import comparison_markdown

    for number, comparison in enumerate(comparisons):
        if number:
            say("\n" + ("---" if fmt == "md" else "=" * 72) + "\n")
        if fmt == "md":
            say(comparison_markdown(workspace, comparison), nl=False)
        else:
            say(_table_text(workspace, comparison))


def _table_text(workspace, comparison) -> str:
    from ple.cli.render import table
    from ple.export.comparison import READING, section_rows
    from ple.views.compare import summary_lines

    lines = [f"{comparison.current_name} → {comparison.future_name}",
             f"({comparison.current} → {comparison.future})", ""]
    lines += summary_lines(workspace, comparison)
    for title, rows in section_rows(workspace, comparison):
        lines += ["", title.upper(), table(rows, list(rows[0])) if rows else "(none)"]
        if title == "Burden figures":
            lines.append(READING)
    return "\n".join(lines)
