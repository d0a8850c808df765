"""The ``ple`` command: validate, describe, query and analyze journey workspaces."""

from __future__ import annotations

import json
import sys

import click

from ple.cli.analysis import gaps, metrics
from ple.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Source,
    backend_options,
    format_option,
    no_cache_option,
    path_argument,
    say_counted,
    scope_option,
    source_options,
    store_errors,
)
from ple.cli.compare import compare
from ple.cli.equity import equity
from ple.cli.export import export
from ple.cli.imports import import_group
from ple.cli.portfolio import portfolio
from ple.cli.query import query
from ple.cli.render import emit_problems, emit_rows
from ple.cli.sync import sync


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
    columns = ["id", "name", "state", "stages", "steps", "agencies", "handoffs",
               "undocumented_handoffs", "volume_per_year"]
    emit_rows(rows, columns, fmt, "journeys")
    say_counted(f"{len(rows)} journey{'' if len(rows) == 1 else 's'}", chosen)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--address", default="localhost", show_default=True,
              help="Address to listen on; 0.0.0.0 shares the app on the network.")
@click.option("--root", "roots", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=str),
              help="Server mode: the app opens workspaces inside this folder only "
                   "(repeat for several). See docs/deployment.md.")
@click.option("--allow-host", "hosts", multiple=True, metavar="NAME",
              help="A host name the app answers to besides localhost (repeat for several).")
@backend_options
def app(path: str | None, port: int, address: str, roots: tuple[str, ...],
        hosts: tuple[str, ...], backend: str, uri: str | None, database: str | None) -> None:
    """Open the app on a workspace (default: the bundled data/ or $PLE_WORKSPACE), or on
    the workspace synced to a database (--backend neo4j|falkordb)."""
    import os
    from pathlib import Path

    from streamlit.web import cli as streamlit_cli

    from ple.access import HOSTS_VARIABLE, ROOTS_VARIABLE

    if roots:
        os.environ[ROOTS_VARIABLE] = os.pathsep.join(str(Path(r).resolve()) for r in roots)
    if hosts:
        os.environ[HOSTS_VARIABLE] = ",".join(hosts)
    source = Source(path, backend=backend, uri=uri, database=database)
    if source.from_database:
        # Checked here so that a wrong address or password is one sentence on the
        # terminal, not a page in a browser; the app reads the same settings again.
        from ple.store import connected, content_version

        config = source.store_config()
        with store_errors(), connected(config) as connection:
            content_version(connection)
        os.environ["PLE_BACKEND"] = backend
        names = {"neo4j": ("NEO4J_URI", "NEO4J_DATABASE"),
                 "falkordb": ("FALKORDB_URL", "FALKORDB_GRAPH")}[backend]
        for name, value in zip(names, (uri, database), strict=True):
            if value is not None:
                os.environ[name] = value
    else:
        if uri is not None or database is not None:
            raise click.UsageError("--uri and --database go with --backend neo4j or falkordb")
        os.environ["PLE_BACKEND"] = "networkx"
    if path is not None:
        os.environ["PLE_WORKSPACE"] = str(Path(path).resolve())
    entry = Path(__file__).resolve().parents[1] / "ui" / "app.py"
    sys.argv = ["streamlit", "run", str(entry), "--server.port", str(port),
                "--server.address", address, "--browser.gatherUsageStats", "false",
                "--client.toolbarMode", "minimal"]
    sys.exit(streamlit_cli.main())


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a workspace file, for editor autocompletion."""
    from ple.io.schema import workspace_file_schema

    click.echo(json.dumps(workspace_file_schema(), indent=2))


def main() -> None:
    cli()


cli.add_command(query)
cli.add_command(sync)
cli.add_command(gaps)
cli.add_command(metrics)
cli.add_command(equity)
cli.add_command(export)
cli.add_command(compare)
cli.add_command(portfolio)
cli.add_command(import_group)
