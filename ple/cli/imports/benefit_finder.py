"""``ple import benefit-finder``: the USAGov Benefit Finder content as a workspace."""

from __future__ import annotations

import sys

import click

from ple.cli.common import EXIT_INVALID, EXIT_OK
from ple.cli.imports import import_group
from ple.cli.render import emit_problems, say


@click.command("benefit-finder")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=str),
    help="Folder to write the workspace into (catalog.yaml, ples/*.yaml).",
)
@click.option(
    "--commit",
    default=None,
    help="Upstream commit of SOURCE, recorded in each journey's sources "
    "[default: 1b2bc29, the shared copy].",
)
def benefit_finder(source: str, out_dir: str, commit: str | None) -> None:
    """Import the USAGov Benefit Finder (content/ and locales/en/ of SOURCE) into OUT_DIR."""
    from ple.importers.benefit_finder import (
        DEFAULT_COMMIT,
        read_benefit_finder,
        write_workspace,
    )

    commit = commit or DEFAULT_COMMIT
    result = read_benefit_finder(source, commit=commit)
    emit_problems(result.problems)
    if not result.programs or not result.journeys:
        say(f"{source}: no benefits or life events found; nothing written", err=True)
        sys.exit(EXIT_INVALID)
    try:
        written = write_workspace(result, out_dir, commit)
    except OSError as error:
        say(f"{out_dir}: cannot write: {error}", err=True)
        sys.exit(EXIT_INVALID)
    counts = result.summary()
    say(
        f"{out_dir}: wrote {len(written)} files: {counts['life_events']} life events as "
        f"journeys ({counts['steps']} steps), {counts['benefits']} benefits as programs of "
        f"{counts['agencies']} agencies, {counts['criteria']} criteria as data items; "
        f"{counts['warnings']} warning(s)",
        err=True,
    )
    sys.exit(EXIT_OK)


import_group.add_command(benefit_finder)
