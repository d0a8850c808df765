"""What every ``ple`` command shares: options, exit codes, loading, unknown ids.

Commands parse arguments, call one library function and render its result.
Data goes to stdout, messages to stderr. Exit codes: 0 fine, 1 invalid input or
findings, 2 a usage error (bad option, unknown id).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ple.cli.render import FORMATS, emit_problems
from ple.errors import NotFoundError

if TYPE_CHECKING:
    from ple.model import Workspace

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")

def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return formats_option(FORMATS)(function)


def formats_option(choices: tuple[str, ...]) -> Callable[[Callable[..., Any]], Any]:
    """``--format`` with the given choices, table first."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
        help="Output format.",
    )


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
        click.echo(f"{path}: {len(result.errors)} error(s); nothing loaded", err=True)
        sys.exit(EXIT_INVALID)
    emit_problems(result.problems)  # warnings
    return result.workspace


def ask(path: str, no_cache: bool, question: Callable[[Any], T]) -> T:
    """Load the workspace, put ``question`` to its query backend, and turn an unknown
    id into a usage error (exit 2) instead of a traceback."""
    from ple.query import open_backend

    backend = open_backend(load(path, no_cache))
    with unknown_ids_are_usage_errors():
        return question(backend)


@contextmanager
def unknown_ids_are_usage_errors() -> Iterator[None]:
    """An id the workspace does not have is a mistake on the command line: exit 2."""
    try:
        yield
    except NotFoundError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)


