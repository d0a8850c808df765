"""What every ``ple`` command shares: options, exit codes, loading, unknown ids.

Commands parse arguments, call one library function and render its result.
Data goes to stdout, messages to stderr. Exit codes: 0 fine, 1 invalid input or
findings, 2 a usage error (bad option, unknown id).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ple.cli.render import FORMATS, emit_problems, say
from ple.errors import NotFoundError

if TYPE_CHECKING:
    from ple.model import Workspace
    from ple.scope import Counted
    from ple.store import StoreConfig

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")

BACKEND_CHOICES = ("networkx", "neo4j", "falkordb")
DATABASE_BACKENDS = ("neo4j", "falkordb")


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return formats_option(FORMATS)(function)


def formats_option(choices: tuple[str, ...]) -> Callable[[Callable[..., Any]], Any]:
    """``--format`` with the given choices, table first."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def scope_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--scope``: which journeys a total counts when none is named (ple.scope)."""
    from ple.scope import SCOPE_HELP, Scope

    return click.option(
        "--scope",
        type=click.Choice([s.value for s in Scope]),
        default=Scope.current.value,
        show_default=True,
        help=f"Which journeys to count when none is named. {SCOPE_HELP}",
    )(function)


def roll_up_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--roll-up/--keep-apart``: count a detail journey in its parent step's place or
    not (ple.metrics.rollup); kept apart by default, so figures read as each map says."""
    from ple.metrics.rollup import ROLL_UP_HELP

    return click.option(
        "--roll-up/--keep-apart", "roll_up", default=False, show_default=True, help=ROLL_UP_HELP
    )(function)


def say_counted(total: str, counted: Counted) -> None:
    """The total and which journeys it counts, on stderr (data stays on stdout)."""
    from ple.cli.render import say

    say(f"{total}. {counted.sentence()}", err=True)


def path_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("path", type=click.Path(path_type=str))(function)


def no_cache_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--no-cache", is_flag=True, help="Parse every file again instead of using the cache."
    )(function)


def load(path: str, no_cache: bool) -> Workspace:
    """Load or exit 1 with every problem on stderr."""
    from ple.io import load_workspace

    result = load_workspace(path, use_cache=not no_cache)
    if not result.ok:
        emit_problems(result.problems)
        say(f"{path}: {len(result.errors)} error(s); nothing loaded", err=True)
        sys.exit(EXIT_INVALID)
    emit_problems(result.problems)  # warnings
    return result.workspace


def ask(source: Source, question: Callable[[Any], T]) -> T:
    """Put ``question`` to the source's query backend (the graph built from PATH, or the
    database's Cypher backend) and turn an unknown id into a usage error (exit 2)
    instead of a traceback."""
    if source.backend == "networkx":
        from ple.query import open_backend

        backend = open_backend(source.workspace())
        with unknown_ids_are_usage_errors():
            return question(backend)
    from ple.store import CypherBackend, connected, content_version

    config = source.store_config()
    with store_errors(), connected(config) as connection:
        content_version(connection)  # refuses an empty or half-written database
        with unknown_ids_are_usage_errors():
            return question(CypherBackend(connection))


@dataclass(frozen=True)
class Source:
    """Where a command reads its workspace: files at PATH (the networkx backend, the
    default) or a graph database (``--backend neo4j|falkordb``)."""

    path: str | None
    no_cache: bool = False
    backend: str = "networkx"
    uri: str | None = None
    database: str | None = None

    @property
    def from_database(self) -> bool:
        return self.backend in DATABASE_BACKENDS

    def check(self, missing_path: str = "give a workspace PATH") -> None:
        """Usage errors (exit 2): PATH with a database, no PATH without one, database
        options without a database."""
        if self.from_database:
            if self.path is not None:
                raise click.UsageError(
                    f"--backend {self.backend} reads the workspace from the database; leave "
                    f"out PATH (`ple sync PATH --backend {self.backend}` writes it there)"
                )
            return
        if self.uri is not None or self.database is not None:
            raise click.UsageError("--uri and --database go with --backend neo4j or falkordb")
        if self.path is None:
            raise click.UsageError(missing_path)

    def store_config(self) -> StoreConfig:
        self.check()
        from ple.store import resolve

        with store_errors():
            return resolve(self.backend, uri=self.uri, database=self.database)

    def workspace(self, missing_path: str = "give a workspace PATH") -> Workspace:
        """The workspace from the files (exit 1 when invalid) or from the database
        (exit 1 with one sentence when it cannot be read)."""
        self.check(missing_path)
        if not self.from_database:
            assert self.path is not None
            return load(self.path, self.no_cache)
        from ple.store import connected
        from ple.store import load as load_from_store

        config = self.store_config()
        with store_errors(), connected(config) as connection:
            return load_from_store(connection)


def source_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """An optional PATH, ``--no-cache`` and ``--backend/--uri/--database``, handed to the
    command as one ``source`` argument."""

    @functools.wraps(function)
    def command(
        *args: Any,
        path: str | None,
        no_cache: bool,
        backend: str,
        uri: str | None,
        database: str | None,
        **kwargs: Any,
    ) -> Any:
        source = Source(path, no_cache, backend, uri, database)
        return function(*args, source=source, **kwargs)

    command = backend_options(command)
    command = no_cache_option(command)
    return click.argument("path", required=False, type=click.Path(path_type=str))(command)


def backend_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--backend``, ``--uri`` and ``--database``."""
    for option in reversed(
        [
            click.option(
                "--backend",
                type=click.Choice(BACKEND_CHOICES),
                default="networkx",
                show_default=True,
                help="networkx: read the files at PATH; neo4j or falkordb: read the "
                "workspace synced to that database (no PATH). See docs/neo4j.md.",
            ),
            click.option(
                "--uri",
                metavar="URI",
                help="Database address, instead of NEO4J_URI or FALKORDB_URL. Never put "
                "a password in it: use NEO4J_PASSWORD or FALKORDB_PASSWORD.",
            ),
            click.option(
                "--database",
                metavar="NAME",
                help="Neo4j database (else NEO4J_DATABASE, default neo4j) or FalkorDB "
                "graph (else FALKORDB_GRAPH, default ple).",
            ),
        ]
    ):
        function = option(function)
    return function


@contextmanager
def store_errors() -> Iterator[None]:
    """A database that cannot be used is one sentence on stderr and exit 1, never a
    traceback; settings that are wrong in themselves (a password in --uri) exit 2."""
    from ple.store import ConfigError, StoreError

    try:
        yield
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    except StoreError as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID)


@contextmanager
def unknown_ids_are_usage_errors() -> Iterator[None]:
    """An id the workspace does not have is a mistake on the command line: exit 2."""
    try:
        yield
    except NotFoundError as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
