"""``ple import programs``: the OMB Federal Program Inventory as catalog programs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ple.cli.common import EXIT_INVALID
from ple.cli.imports import import_group
from ple.cli.render import emit_problems, say


@click.command("programs")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Workspace YAML file to write (agencies and programs).",
)
@click.option(
    "--catalog",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Workspace whose agencies the inventory's names are matched against.",
)
def programs(csv_path: Path, output: Path, catalog: Path | None) -> None:
    """Import the Federal Program Inventory CSV (programs.csv) into a YAML file."""
    from ple.importers.programs import dump_yaml, read_programs
    from ple.io.atomic import write_atomically

    agencies = []
    if catalog is not None:
        from ple.io import load_workspace

        loaded = load_workspace(catalog)
        workspace = loaded.workspace or loaded.usable
        if workspace is None:
            emit_problems(loaded.problems)
            say(f"{catalog}: catalog could not be read", err=True)
            sys.exit(EXIT_INVALID)
        agencies = list(workspace.agencies.values())
    try:
        result = read_programs(csv_path, agencies)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID)
    emit_problems(result.problems)
    if not result.programs:
        say(f"{csv_path}: no programs read from {result.rows} row(s); nothing written", err=True)
        sys.exit(EXIT_INVALID)
    write_atomically(output, dump_yaml(result.to_document()))
    say(
        f"{csv_path}: {result.rows} row(s): {len(result.programs)} program(s) written to "
        f"{output}, {len(result.agencies)} new agenc(ies); skipped {result.skipped_not_listing} "
        f"without a listing number, {result.skipped_invalid} invalid",
        err=True,
    )


import_group.add_command(programs)
