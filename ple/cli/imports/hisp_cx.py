"""``ple import hisp-cx``: A-11 quarterly CX survey means as step measures."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ple.cli.common import EXIT_INVALID, EXIT_USAGE
from ple.cli.imports import import_group
from ple.cli.render import emit_problems, say


@click.command("hisp-cx")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "mapping",
    required=True,
    metavar="MAPFILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML list of {journey, step, service_provider, service, channel}.",
)
@click.option(
    "--workspace",
    "workspace",
    default="data",
    show_default=True,
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Workspace holding the mapped journeys.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    metavar="OUT_DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write a copy of the workspace with the measures applied here.",
)
@click.option(
    "--in-place",
    is_flag=True,
    help="Edit the workspace's journey files instead (comments are kept).",
)
def hisp_cx(
    csv_path: Path, mapping: Path, workspace: Path, out_dir: Path | None, in_place: bool
) -> None:
    """Attach A-11 driver means of the latest quarter to the steps named in MAPFILE."""
    from ple.importers.hisp_cx import apply_measures

    if (out_dir is None) == (not in_place):
        say("error: give either -o OUT_DIR or --in-place", err=True)
        sys.exit(EXIT_USAGE)
    try:
        result = apply_measures(workspace, mapping, csv_path, out_dir)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID)
    except Exception as error:  # a malformed YAML mapping or journey file
        if type(error).__module__.split(".")[0] not in ("yaml", "ruamel"):
            raise
        say(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID)
    emit_problems(result.problems)
    for attached in result.attached:
        scores = ", ".join(f"{k} {v}" for k, v in attached.measures.items())
        say(
            f"{attached.entry.journey}/{attached.entry.step}: {attached.period}, "
            f"{attached.rows} row(s): {scores}",
            err=True,
        )
    say(
        f"{csv_path}: {result.rows} row(s); measures attached to "
        f"{len(result.attached)} step(s) in {len(result.files_written)} file(s)",
        err=True,
    )
    if not result.attached:
        sys.exit(EXIT_INVALID)


import_group.add_command(hisp_cx)
