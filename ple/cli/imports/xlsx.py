"""``ple import xlsx``: a journey workbook (or its CSV sheets) back into a workspace."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ple.cli.common import EXIT_INVALID, EXIT_OK
from ple.cli.imports import import_group
from ple.cli.render import say


@click.command("xlsx")
@click.argument("source", metavar="FILE", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Workspace folder to add the journey to (created if missing).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Overwrite a journey (and catalog entries) the workspace already has; "
    "the old files go into .ple-history/.",
)
def xlsx(source: Path, out_dir: Path, replace: bool) -> None:
    """Import a journey workbook (.xlsx, or CSV sheets) into the workspace DIR."""
    from ple.edit.incoming import import_path, problem_text
    from ple.signin import local_person

    placed, saved = import_path(source, out_dir, replace=replace, by=local_person())
    for problem in placed.problems:
        say(problem_text(problem), err=True)
    if saved is None:
        errors = sum(p.severity.value == "error" for p in placed.problems)
        say(f"{source}: {errors} error(s); nothing written", err=True)
        sys.exit(EXIT_INVALID)
    for note in placed.notes:
        say(f"{source}: {note}", err=True)
    if saved.written is not None:
        for file in saved.written.written:
            say(str(file))
    say(f"{source}: {saved.message}", err=True)
    sys.exit(EXIT_OK if saved.outcome.value in ("saved", "unchanged") else EXIT_INVALID)


import_group.add_command(xlsx)
