"""The ``ple`` command: validate, describe and query journey workspaces.

Commands parse arguments, call one library function and render its result.
Data goes to stdout, messages to stderr. Exit codes: 0 fine, 1 invalid input or
findings, 2 a usage error (bad option, unknown id).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ple.cli.render import FORMATS, emit_problems, emit_rows
from ple.errors import NotFoundError

if TYPE_CHECKING:
    from ple.model import Workspace

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")

HANDOFF_CHOICES = ("automatic", "warm", "referral", "cold", "undocumented")


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="Output format.",
    )(function)


def path_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("path", type=click.Path(path_type=str))(function)


def no_cache_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--no-cache", is_flag=True, help="Parse every file again instead of using the cache."
    )(function)


def _load(path: str, no_cache: bool) -> Workspace:
    """Load or exit 1 with every problem on stderr."""
    from ple.io import load_workspace

    result = load_workspace(path, use_cache=not no_cache)
    if not result.ok:
        emit_problems(result.problems)
        click.echo(f"{path}: {len(result.errors)} error(s); nothing loaded", err=True)
        sys.exit(EXIT_INVALID)
    emit_problems(result.problems)  # warnings
    return result.workspace


def _ask(path: str, no_cache: bool, question: Callable[[Any], T]) -> T:
    """Load the workspace, put ``question`` to its query backend, and turn an unknown
    id into a usage error (exit 2) instead of a traceback."""
    from ple.query import open_backend

    backend = open_backend(_load(path, no_cache))
    try:
        return question(backend)
    except NotFoundError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ple")
def cli() -> None:
    """Map Priority Life Experiences as graphs of steps, agencies and handoffs."""


@cli.command()
@path_argument
@no_cache_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: problems on stderr; json: a report on stdout.")
def validate(path: str, no_cache: bool, fmt: str) -> None:
    """Check every file of a workspace folder (or one file) and report all problems."""
    from ple.io import load_workspace

    result = load_workspace(path, use_cache=not no_cache)
    if fmt == "json":
        click.echo(json.dumps({
            "valid": result.ok,
            "files": len(result.files),
            "problems": [p.to_dict() for p in result.problems],
        }, indent=2, ensure_ascii=False))
    else:
        emit_problems(result.problems)
        if result.ok and result.workspace is not None:
            steps = sum(len(j.steps) for j in result.workspace.journeys.values())
            click.echo(f"{path}: valid ({len(result.files)} files, "
                       f"{len(result.workspace.journeys)} journeys, {steps} steps)", err=True)
        else:
            click.echo(f"{path}: {len(result.errors)} error(s) in {len(result.files)} files",
                       err=True)
    sys.exit(EXIT_OK if result.ok else EXIT_INVALID)


@cli.command()
@path_argument
@no_cache_option
@format_option
def info(path: str, no_cache: bool, fmt: str) -> None:
    """Summarize each journey: steps, agencies, handoffs, yearly volume."""
    from ple.query.summary import summarize

    rows = [r.to_dict() for r in summarize(_load(path, no_cache))]
    columns = ["id", "name", "state", "stages", "steps", "agencies", "handoffs",
               "undocumented_handoffs", "volume_per_year"]
    emit_rows(rows, columns, fmt, "journeys")


@cli.group()
def query() -> None:
    """Ask questions across journeys: handoffs, agencies, programs, paths."""


@query.command()
@path_argument
@click.option("--journey", help="Only this journey.")
@click.option("--from", "from_agency", metavar="AGENCY", help="Handoffs from this agency.")
@click.option("--to", "to_agency", metavar="AGENCY", help="Handoffs to this agency.")
@click.option("--type", "handoff_type", type=click.Choice(HANDOFF_CHOICES),
              help="Only this handoff type; 'undocumented' for those without one.")
@no_cache_option
@format_option
def handoffs(path: str, journey: str | None, from_agency: str | None, to_agency: str | None,
             handoff_type: str | None, no_cache: bool, fmt: str) -> None:
    """List the handoffs between agencies."""
    rows = _ask(path, no_cache, lambda backend: backend.handoffs(
        journey=journey, from_agency=from_agency, to_agency=to_agency, type=handoff_type))
    columns = ["journey", "from_step", "to_step", "from_agency", "to_agency", "type",
               "shares", "condition"]
    from ple.graph.schema import UNDOCUMENTED

    dicts = [r.to_dict() for r in rows]
    if fmt != "json":  # JSON keeps null; people read the word
        dicts = [{**d, "type": d["type"] or UNDOCUMENTED} for d in dicts]
    emit_rows(dicts, columns, fmt, "handoffs")


@query.command()
@path_argument
@click.option("--journey", required=True, help="The journey to describe.")
@no_cache_option
@format_option
def agencies(path: str, journey: str, no_cache: bool, fmt: str) -> None:
    """List the agencies of one journey, with how many steps each runs."""
    rows = _ask(path, no_cache, lambda backend: backend.journey_agencies(journey))
    emit_rows([r.to_dict() for r in rows], ["id", "acronym", "name", "hisp", "level", "steps"],
              fmt, "agencies")


@query.command()
@path_argument
@click.option("--journey", required=True, help="The journey to describe.")
@no_cache_option
@format_option
def programs(path: str, journey: str, no_cache: bool, fmt: str) -> None:
    """List the programs behind the steps of one journey."""
    rows = _ask(path, no_cache, lambda backend: backend.journey_programs(journey))
    emit_rows([r.to_dict() for r in rows],
              ["id", "name", "agency", "assistance_listing", "steps"], fmt, "programs")


@query.command()
@path_argument
@click.option("--agency", help="Journeys with a step at this agency.")
@click.option("--program", help="Journeys with a step in this program.")
@no_cache_option
@format_option
def journeys(path: str, agency: str | None, program: str | None, no_cache: bool,
             fmt: str) -> None:
    """List the journeys that touch an agency or a program."""
    if agency is None and program is None:
        raise click.UsageError("give --agency or --program")
    ids = _ask(path, no_cache,
               lambda backend: backend.journeys_touching(agency=agency, program=program))
    emit_rows([{"journey": i} for i in ids], ["journey"], fmt, "journeys")


@query.command()
@path_argument
@click.option("--journey", required=True)
@click.option("--from", "from_step", required=True, metavar="STEP")
@click.option("--to", "to_step", required=True, metavar="STEP")
@no_cache_option
@format_option
def path(path: str, journey: str, from_step: str, to_step: str, no_cache: bool,
         fmt: str) -> None:
    """Show the shortest sequence of steps from one step to another."""
    steps = _ask(path, no_cache, lambda backend: backend.path(journey, from_step, to_step))
    if steps is None:
        click.echo(f"no path from {from_step!r} to {to_step!r} in {journey!r}", err=True)
        sys.exit(EXIT_INVALID)
    emit_rows([{"order": i, "step": s} for i, s in enumerate(steps)], ["order", "step"],
              fmt, "path")


@query.command()
@path_argument
@click.option("--kind", type=click.Choice(["agency", "program", "data_item"]),
              default="agency", show_default=True)
@no_cache_option
@format_option
def shared(path: str, kind: str, no_cache: bool, fmt: str) -> None:
    """List agencies, programs or data items that recur across journeys."""
    rows = _ask(path, no_cache, lambda backend: backend.shared_across_journeys(kind))
    emit_rows([r.to_dict() for r in rows], ["kind", "id", "name", "journeys"], fmt, "shared")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a workspace file, for editor autocompletion."""
    from ple.io.schema import workspace_file_schema

    click.echo(json.dumps(workspace_file_schema(), indent=2))


def main() -> None:
    cli()
