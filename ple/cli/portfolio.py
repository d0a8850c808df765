"""``ple portfolio``: the whole portfolio of life experiences at once."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ple.cli.common import (
    Source,
    formats_option,
    roll_up_option,
    scope_option,
    source_options,
)
from ple.cli.render import say

PORTFOLIO_FORMATS = ("table", "json", "md")


@click.command()
@source_options
@scope_option
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Rows of each ranking to show; 0 for all. The network is always whole.",
)
@click.option(
    "--network",
    "network_file",
    type=click.Path(path_type=Path),
    help="Also write the agency network to this file: .html (interactive "
    "diagram) or .graphml (Gephi, yEd).",
)
@roll_up_option
@formats_option(PORTFOLIO_FORMATS)
def portfolio(
    source: Source, scope: str, top: int, network_file: Path | None, roll_up: bool, fmt: str
) -> None:
    """Agencies and programs in the most life experiences, agency pairs with the most cold
    or undocumented handoffs, "tell us once" candidates and the agency network.

    The portfolio is the files at PATH, or, with --backend neo4j|falkordb, the workspace
    synced to that database."""
    from ple.portfolio import portfolio_report

    if network_file is not None and network_file.suffix not in (".html", ".graphml"):
        raise click.UsageError("--network FILE must end in .html or .graphml")
    workspace = source.workspace("give a workspace PATH, or --backend neo4j|falkordb")
    report = portfolio_report(workspace, scope, top=top or None, roll_up=roll_up)
    if network_file is not None:
        from ple.diagram.style import agency_colours
        from ple.export.network import network_download
        from ple.io.atomic import write_atomically

        download = network_download(
            report.network, network_file.suffix[1:], agency_colours(workspace)
        )
        write_atomically(network_file, download.data)
        say(f"wrote {network_file}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"portfolio": report.to_dict()}, indent=2, ensure_ascii=False))
        return
    from ple.cli.render import markdown_table, table
    from ple.views.markdown import markdown_text
    from ple.views.portfolio import report_sections, scope_sentence

    sentence = scope_sentence(workspace, report)
    if report.burden.sentence():
        sentence += " " + report.burden.sentence() + "."
    lines = [markdown_text(sentence) if fmt == "md" else sentence]
    for title, rows in report_sections(workspace, report):
        if fmt == "md":
            body = markdown_table(rows, list(rows[0])) if rows else "None."
            lines += ["", f"## {title}", "", body]
        else:
            lines += ["", title.upper(), table(rows, list(rows[0])) if rows else "(none)"]
    say("\n".join(lines))
