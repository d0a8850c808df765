"""The ``ple`` command: validate, describe, query and analyze journey workspaces."""

from __future__ import annotations

import json
import sys

import click

from ple.cli.analysis import gaps, metrics
from ple.cli.app import app
from ple.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Source,
    format_option,
    no_cache_option,
    path_argument,
    say_counted,
    scope_option,
    source_options,
)
from ple.cli.compare import compare
from ple.cli.equity import equity
from ple.cli.export import export
from ple.cli.imports import import_group
from ple.cli.opportunities import opportunities
from ple.cli.portfolio import portfolio
from ple.cli.query import query
from ple.cli.render import emit_problems, emit_rows, say
from ple.cli.sync import sync


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ple")
def cli() -> None:
    """Map Priority Life Experiences as graphs of steps, agencies and handoffs.

    Limits on what is read (file size, steps per journey, text length, workbook rows)
    can be raised with the environment variables PLE_MAX_FILE_MB, PLE_MAX_STEPS,
    PLE_MAX_TEXT_LENGTH, PLE_MAX_SHEET_ROWS and PLE_MAX_WORKBOOK_MB, and limits on what
    a map draws with PLE_MAX_MAP_STEPS, PLE_MAX_MAP_MOVES, PLE_MAX_PRINTED_STEPS and
    PLE_MAX_PRINTED_MOVES (docs/format.md).
    """
    from ple import limits

    if limits.SETTING_PROBLEMS:
        raise click.UsageError("; ".join(limits.SETTING_PROBLEMS))


@cli.command()
@path_argument
@no_cache_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: problems on stderr; json: a report on stdout.",
)
def validate(path: str, no_cache: bool, fmt: str) -> None:
    """Check every file of a workspace folder (or one file) and report all problems."""
    from ple.io import load_workspace

    result = load_workspace(path, use_cache=not no_cache)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "valid": result.ok,
                    "files": len(result.files),
                    "problems": [p.to_dict() for p in result.problems],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        emit_problems(result.problems)
        if result.ok and result.workspace is not None:
            steps = sum(len(j.steps) for j in result.workspace.journeys.values())
            say(
                f"{path}: valid ({len(result.files)} files, "
                f"{len(result.workspace.journeys)} journeys, {steps} steps)",
                err=True,
            )
        else:
            say(f"{path}: {len(result.errors)} error(s) in {len(result.files)} files", err=True)
    sys.exit(EXIT_OK if result.ok else EXIT_INVALID)


@cli.command()
@source_options
@scope_option
@format_option
def info(source: Source, scope: str, fmt: str) -> None:
    """Summarize each journey --scope counts: steps, agencies, handoffs, yearly volume."""
    from ple.query.summary import summarize
    from ple.scope import counted

    workspace = source.workspace()
    chosen = counted(workspace, scope)
    rows = [r.to_dict() for r in summarize(workspace) if r.id in chosen.journeys]
    columns = [
        "id",
        "name",
        "state",
        "stages",
        "steps",
        "agencies",
        "handoffs",
        "undocumented_handoffs",
        "volume_per_year",
    ]
    emit_rows(rows, columns, fmt, "journeys")
    say_counted(f"{len(rows)} journey{'' if len(rows) == 1 else 's'}", chosen)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a workspace file, for editor autocompletion."""
    from ple.io.schema import workspace_file_schema

    click.echo(json.dumps(workspace_file_schema(), indent=2))


def main() -> None:
    cli()


cli.add_command(app)
cli.add_command(query)
cli.add_command(sync)
cli.add_command(gaps)
cli.add_command(metrics)
cli.add_command(equity)
cli.add_command(export)
cli.add_command(compare)
cli.add_command(portfolio)
cli.add_command(opportunities)
cli.add_command(import_group)
