"""``ple equity``: walk journeys as people with constraints and say who cannot finish."""

from __future__ import annotations

import json
import sys

import click

from ple.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Source,
    formats_option,
    say_counted,
    scope_option,
    source_options,
    unknown_ids_are_usage_errors,
)
from ple.cli.render import emit_rows, say

EQUITY_COLUMNS = [
    "journey",
    "persona",
    "completes",
    "unless",
    "blocked",
    "lost",
    "unverified",
    "minutes",
    "everyone_minutes",
    "wait_days",
    "everyone_wait_days",
    "visits",
    "everyone_visits",
]


@click.command()
@source_options
@click.option("--journey", "journeys", multiple=True, help="Only this journey (repeatable).")
@click.option(
    "--as",
    "personas",
    multiple=True,
    metavar="PERSONA",
    help="Walk as this persona: a built-in (no-internet, limited-english-es, "
    "cannot-travel, screen-reader) or one of the journey's own (repeatable). "
    "Default: the built-ins and the journey's personas with constraints.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["blocked", "never"]),
    default="blocked",
    show_default=True,
    help="blocked: exit 1 when a persona cannot complete a journey that everyone "
    "else can. Unverified never fails.",
)
@scope_option
@formats_option(("table", "json", "md"))
def equity(
    source: Source,
    journeys: tuple[str, ...],
    personas: tuple[str, ...],
    fail_on: str,
    scope: str,
    fmt: str,
) -> None:
    """Who cannot finish a journey (each --scope counts, or --journey), where they are
    stopped, and what it costs them."""
    from ple.equity import walk_journeys
    from ple.scope import counted
    from ple.views.equity import equity_markdown

    workspace = source.workspace()
    chosen = counted(workspace, scope, journeys)
    with unknown_ids_are_usage_errors():
        results = walk_journeys(workspace, chosen.journeys, personas or None)
    if fmt == "json":
        click.echo(
            json.dumps({"results": [r.to_dict() for r in results]}, indent=2, ensure_ascii=False)
        )
    elif fmt == "md":
        say(equity_markdown(workspace, results), nl=False)
    else:
        emit_rows([r.summary() for r in results], EQUITY_COLUMNS, fmt, "results")
    shut_out = [r for r in results if r.completes is False and r.unconstrained_completes]
    say_counted(
        f"{len(results)} walks: {len(shut_out)} cannot complete, "
        f"{sum(r.completes is None for r in results)} unverified"
        + (
            f", {caveated} not sure for some groups (see unless)"
            if (caveated := sum(bool(r.unless) for r in results))
            else ""
        ),
        chosen,
    )
    sys.exit(EXIT_INVALID if fail_on == "blocked" and shut_out else EXIT_OK)
