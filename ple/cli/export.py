"""``ple export``: diagrams, editable files, tables and briefs for workshops."""

from __future__ import annotations

import sys

import click

from ple.cli.common import EXIT_INVALID, Source, source_options, unknown_ids_are_usage_errors
from ple.cli.render import emit_rows, say


def _format_names() -> list[str]:
    from ple.export import all_exporters

    return list(all_exporters())


@click.command("export")
@source_options
@click.option("--journey", "journey_id", help="The journey to export.")
@click.option("--all", "every", is_flag=True, help="Export every journey into a folder.")
@click.option("--format", "fmt", default="html", show_default=True, help="Format name; see --list.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="File to write (one journey), or folder: with --all, when it ends in a "
    "slash (created if missing) or is one already. Default: ./exports/",
)
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@click.option("--list", "list_formats", is_flag=True, help="List the formats and exit.")
def export(
    source: Source,
    journey_id: str | None,
    every: bool,
    fmt: str,
    output: str | None,
    force: bool,
    list_formats: bool,
) -> None:
    """Export journeys: html, svg, png, pdf, mermaid, drawio, graphml, json, csv, md.

    A journey the format cannot hold (a map past its limits, text a workbook cannot
    store) is an error message and exit 1; with --all the other journeys are still
    written. A file that exists is only overwritten with --force: without it nothing is
    written and the command exits 1."""
    from ple.export import ExportRefused, ExportUnavailable, all_exporters, export_journey
    from ple.export.registry import file_stem
    from ple.export.write import ExportFiles, WouldOverwrite, plan_files
    from ple.gaps import analyze

    if list_formats:
        emit_rows(
            [
                {
                    "format": e.name,
                    "extension": e.extension,
                    "available": e.available(),
                    "description": e.description,
                }
                for e in all_exporters().values()
            ],
            ["format", "extension", "available", "description"],
            "table",
            "formats",
        )
        return
    source.check("give a workspace PATH, or --backend neo4j|falkordb (or --list)")
    if every == (journey_id is not None):
        raise click.UsageError("give either --journey ID or --all")
    workspace = source.workspace()
    report = analyze(workspace)
    ids = sorted(workspace.journeys) if every else [journey_id]
    files, refused = ExportFiles(force), 0
    try:
        with unknown_ids_are_usage_errors():
            for jid in ids:
                try:
                    artifacts = export_journey(workspace, jid, fmt, report)
                except ExportUnavailable as error:
                    say(f"error: {error}", err=True)
                    sys.exit(EXIT_INVALID)
                except ExportRefused as error:
                    click.echo(f"error: {error}", err=True)
                    refused += 1
                    continue
                files.add(plan_files(artifacts, output, file_stem(jid), many=every))
        written = files.commit()
    except WouldOverwrite as error:
        say(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID)
    except OSError as error:
        click.echo(
            f"error: cannot write {error.filename or output}: {error.strerror or error}", err=True
        )
        sys.exit(EXIT_INVALID)
    finally:
        files.discard()
    for file in written:
        say(str(file))
    if refused:
        sys.exit(EXIT_INVALID)
