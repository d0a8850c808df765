"""``ple sync``: write a workspace to a graph database (Neo4j or FalkorDB)."""

from __future__ import annotations

import sys

import click

from ple.cli.common import DATABASE_BACKENDS, load, no_cache_option, path_argument, store_errors
from ple.cli.render import say

PROGRESS_FROM_STEPS = 2000
"""Show a progress bar for workspaces at least this large (a smaller sync takes a moment)."""


@click.command()
@path_argument
@click.option(
    "--backend",
    type=click.Choice(DATABASE_BACKENDS),
    required=True,
    help="The database to write to.",
)
@click.option(
    "--uri",
    metavar="URI",
    help="Database address, instead of NEO4J_URI or FALKORDB_URL. Never put a "
    "password in it: use NEO4J_PASSWORD or FALKORDB_PASSWORD.",
)
@click.option(
    "--database",
    metavar="NAME",
    help="Neo4j database (else NEO4J_DATABASE, default neo4j) or FalkorDB graph "
    "(else FALKORDB_GRAPH, default ple).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Write every journey again, even those the database already holds unchanged.",
)
@no_cache_option
def sync(
    path: str, backend: str, uri: str | None, database: str | None, full: bool, no_cache: bool
) -> None:
    """Write a workspace to Neo4j or FalkorDB; the database then holds exactly the files.

    Journeys changed in the files are rewritten, journeys removed from them are deleted,
    unchanged ones are left alone. Credentials come from the environment (NEO4J_USERNAME,
    NEO4J_PASSWORD; FALKORDB_URL), never from the command line.
    """
    from ple.store import connected, resolve
    from ple.store import sync as sync_workspace

    with store_errors():
        config = resolve(backend, uri=uri, database=database)
    workspace = load(path, no_cache)
    steps = sum(len(j.steps) for j in workspace.journeys.values())
    with store_errors(), connected(config) as connection:
        if steps >= PROGRESS_FROM_STEPS:
            with click.progressbar(
                length=steps,
                label=f"Writing to {config.describe()}",
                file=sys.stderr,
                show_pos=True,
            ) as bar:
                report = sync_workspace(
                    workspace, connection, full=full, progress=lambda _, n: bar.update(n)
                )
        else:
            report = sync_workspace(workspace, connection, full=full)
    say(report.summary(), err=True)
