"""``ple query``: questions across journeys, answered by the query backend."""

from __future__ import annotations

import sys

import click

from ple.cli.common import (
    EXIT_INVALID,
    Source,
    ask,
    format_option,
    say_counted,
    scope_option,
    source_options,
    unknown_ids_are_usage_errors,
)
from ple.cli.render import emit_rows, say

HANDOFF_CHOICES = ("automatic", "warm", "referral", "cold", "undocumented")


@click.group()
def query() -> None:
    """Ask questions across journeys: handoffs, agencies, programs, paths.

    The answers come from the files at PATH, or, with --backend neo4j|falkordb, from the
    database the workspace was synced to (computed there, in Cypher).
    """


@query.command()
@source_options
@click.option("--journey", help="Only this journey.")
@click.option("--from", "from_agency", metavar="AGENCY", help="Handoffs from this agency.")
@click.option("--to", "to_agency", metavar="AGENCY", help="Handoffs to this agency.")
@click.option(
    "--type",
    "handoff_type",
    type=click.Choice(HANDOFF_CHOICES),
    help="Only this handoff type; 'undocumented' for those without one.",
)
@scope_option
@format_option
def handoffs(
    source: Source,
    journey: str | None,
    from_agency: str | None,
    to_agency: str | None,
    handoff_type: str | None,
    scope: str,
    fmt: str,
) -> None:
    """List the handoffs between agencies (in the journeys --scope counts, or --journey)."""
    from ple.query import counted_by

    named = [journey] if journey else []
    rows, counted = ask(
        source,
        lambda backend: (
            backend.handoffs(
                journey=journey,
                from_agency=from_agency,
                to_agency=to_agency,
                type=handoff_type,
                scope="all" if journey else scope,
            ),
            counted_by(backend, scope, named),
        ),
    )
    columns = [
        "journey",
        "from_step",
        "to_step",
        "from_agency",
        "to_agency",
        "type",
        "shares",
        "condition",
    ]
    from ple.graph.schema import UNDOCUMENTED

    dicts = [r.to_dict() for r in rows]
    if fmt != "json":  # JSON keeps null; people read the word
        dicts = [{**d, "type": d["type"] or UNDOCUMENTED} for d in dicts]
    emit_rows(dicts, columns, fmt, "handoffs")
    say_counted(f"{len(rows)} handoff{'' if len(rows) == 1 else 's'}", counted)


@query.command()
@source_options
@click.option("--journey", required=True, help="The journey to describe.")
@format_option
def agencies(source: Source, journey: str, fmt: str) -> None:
    """List the agencies of one journey, with how many steps each runs."""
    rows = ask(source, lambda backend: backend.journey_agencies(journey))
    emit_rows(
        [r.to_dict() for r in rows],
        ["id", "acronym", "name", "hisp", "level", "steps"],
        fmt,
        "agencies",
    )


@query.command()
@source_options
@click.option("--journey", required=True, help="The journey to describe.")
@format_option
def programs(source: Source, journey: str, fmt: str) -> None:
    """List the programs behind the steps of one journey."""
    rows = ask(source, lambda backend: backend.journey_programs(journey))
    emit_rows(
        [r.to_dict() for r in rows],
        ["id", "name", "agency", "assistance_listing", "steps"],
        fmt,
        "programs",
    )


@query.command()
@source_options
@click.option("--agency", help="Journeys with a step at this agency.")
@click.option("--program", help="Journeys with a step in this program.")
@scope_option
@format_option
def journeys(source: Source, agency: str | None, program: str | None, scope: str, fmt: str) -> None:
    """List the journeys (of those --scope counts) that touch an agency or a program."""
    from ple.query import counted_by

    if agency is None and program is None:
        raise click.UsageError("give --agency or --program")
    ids, counted = ask(
        source,
        lambda backend: (
            backend.journeys_touching(agency=agency, program=program, scope=scope),
            counted_by(backend, scope),
        ),
    )
    emit_rows([{"journey": i} for i in ids], ["journey"], fmt, "journeys")
    say_counted(f"{len(ids)} of them touch it", counted)


@query.command()
@source_options
@click.option("--journey", required=True)
@click.option("--from", "from_step", required=True, metavar="STEP")
@click.option("--to", "to_step", required=True, metavar="STEP")
@format_option
def path(source: Source, journey: str, from_step: str, to_step: str, fmt: str) -> None:
    """Show the shortest sequence of steps from one step to another."""
    steps = ask(source, lambda backend: backend.path(journey, from_step, to_step))
    if steps is None:
        say(f"no path from {from_step!r} to {to_step!r} in {journey!r}", err=True)
        sys.exit(EXIT_INVALID)
    emit_rows(
        [{"order": i, "step": s} for i, s in enumerate(steps)], ["order", "step"], fmt, "path"
    )


@query.command()
@source_options
@click.option(
    "--kind",
    type=click.Choice(["agency", "program", "data_item"]),
    default="agency",
    show_default=True,
)
@scope_option
@format_option
def shared(source: Source, kind: str, scope: str, fmt: str) -> None:
    """List agencies, programs or data items that recur across the journeys --scope
    counts."""
    from ple.query import counted_by

    rows, counted = ask(
        source,
        lambda backend: (backend.shared_across_journeys(kind, scope), counted_by(backend, scope)),
    )
    emit_rows([r.to_dict() for r in rows], ["kind", "id", "name", "journeys"], fmt, "shared")
    say_counted(f"{len(rows)} used by two journeys or more", counted)


@query.command("program-suggestions")
@source_options
@click.option("--journey", required=True, help="The journey to find programs for.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@format_option
def program_suggestions(source: Source, journey: str, limit: int, fmt: str) -> None:
    """List programs that may belong in a journey: a lead, not a finding.

    Ranks programs by how many Federal Program Inventory categories and beneficiary types
    they share with the journey's programs (load the inventory with `ple import programs`).
    """
    from ple.importers.suggestions import suggest_programs

    workspace = source.workspace()
    with unknown_ids_are_usage_errors():
        rows = suggest_programs(workspace, journey, limit)
    emit_rows(
        [r.to_dict() for r in rows],
        ["id", "name", "agency", "assistance_listing", "score", "like", "shared"],
        fmt,
        "suggestions",
    )
