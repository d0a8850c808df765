"""``ple opportunities``: what teams mean to do about findings, ranked by what each is worth."""

from __future__ import annotations

import json
import sys

import click

from ple.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Source,
    formats_option,
    source_options,
    unknown_ids_are_usage_errors,
)
from ple.cli.render import FORMATS, emit_problems, emit_rows, say

OPPORTUNITY_FORMATS = (*FORMATS, "md", "html")
STATUSES = ("idea", "exploring", "committed", "in_delivery", "done", "dropped")


@click.command()
@source_options
@click.option("--owner", metavar="AGENCY", help="Only opportunities this agency owns.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only opportunities with this status (repeatable).",
)
@click.option(
    "--agency",
    metavar="AGENCY",
    help="Only opportunities that touch this agency: it owns them, or runs a step "
    "they address or change.",
)
@formats_option(OPPORTUNITY_FORMATS)
def opportunities(
    source: Source, owner: str | None, statuses: tuple[str, ...], agency: str | None, fmt: str
) -> None:
    """Rank the workspace's opportunities by what each is worth: hours a year saved,
    personas unblocked, cold handoffs closed, findings resolved, repeated requests removed.

    Each worth is today's journey compared with the opportunity's change applied, by the
    code of `ple compare` and `ple equity`. Exit 1 when the workspace is invalid. The
    workspace is the files at PATH, or, with
    --backend neo4j|falkordb, the workspace synced to that database."""
    from ple.opportunities import opportunity_report

    workspace = source.workspace("give a workspace PATH, or --backend neo4j|falkordb")
    with unknown_ids_are_usage_errors():
        report = opportunity_report(workspace, owner=owner, status=statuses, agency=agency)
    emit_problems(report.problems)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"opportunities": [r.to_dict() for r in report.ranked]},
                indent=2,
                ensure_ascii=False,
            )
        )
    elif fmt == "md":
        from ple.views.opportunities import ranking_markdown

        say(ranking_markdown(workspace, report.ranked), nl=False)
    elif fmt == "html":  # a page for people who do not run the tool; text, not for a terminal
        from ple.export.opportunities import ranking_page

        click.echo(ranking_page(workspace, report.ranked), nl=False)
    else:
        from ple.views.opportunities import COLUMNS, ORDER_SENTENCE, ranking_rows

        emit_rows(ranking_rows(workspace, report.ranked), COLUMNS, fmt, "opportunities")
        say(ORDER_SENTENCE, err=True)
    sys.exit(EXIT_INVALID if report.errors else EXIT_OK)
