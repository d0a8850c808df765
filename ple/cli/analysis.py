"""``ple gaps`` and ``ple metrics``: where journeys fail people, and what they cost."""

from __future__ import annotations

import json
import sys

import click

from ple.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Source,
    formats_option,
    roll_up_option,
    say_counted,
    scope_option,
    source_options,
    unknown_ids_are_usage_errors,
)
from ple.cli.render import emit_rows, say

REPORT_FORMATS = ("table", "json", "csv", "md")
SEVERITIES = ("error", "warning", "info")
FINDING_COLUMNS = ["severity", "rule", "journey", "step", "agencies", "message", "accepted"]


@click.command()
@source_options
@click.option("--journey", "journeys", multiple=True, help="Only this journey (repeatable).")
@click.option("--rule", "rules", multiple=True, help="Only this rule (repeatable).")
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default="info",
    show_default=True,
    help="Leave out findings below this severity.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES[:2], "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when open findings this severe or worse exist.",
)
@click.option("--explain", "explain_rule", metavar="RULE", help="Explain one rule and exit.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@scope_option
@formats_option(REPORT_FORMATS)
def gaps(
    source: Source,
    journeys: tuple[str, ...],
    rules: tuple[str, ...],
    min_severity: str,
    fail_on: str,
    explain_rule: str | None,
    list_rules: bool,
    scope: str,
    fmt: str,
) -> None:
    """Find gaps in the journeys --scope counts (or each --journey): cold handoffs,
    repeated requests, dead ends, burden hotspots..."""
    from ple.gaps import FindingSeverity, analyze
    from ple.gaps.catalogue import catalogue_markdown, catalogue_rows, explain
    from ple.scope import counted

    if explain_rule is not None:
        with unknown_ids_are_usage_errors():
            say(explain(explain_rule))
        return
    if list_rules:
        if fmt == "md":
            say(catalogue_markdown(), nl=False)
        else:
            emit_rows(catalogue_rows(), ["id", "severity", "title", "detects"], fmt, "rules")
        return
    workspace = source.workspace(
        "give a workspace PATH, or --backend neo4j|falkordb (or --list-rules / --explain RULE)"
    )
    chosen = counted(workspace, scope, journeys)
    with unknown_ids_are_usage_errors():
        report = analyze(
            workspace,
            journeys=chosen.journeys,
            rules=rules or None,
            min_severity=FindingSeverity(min_severity),
        )
    for warning in report.warnings:
        say(f"warning: {warning}", err=True)
    summary = report.summary()
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "findings": [f.to_dict() for f in report.findings],
                    "summary": {**summary, "counted": chosen.to_dict()},
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        emit_rows([f.to_dict() for f in report.findings], FINDING_COLUMNS, fmt, "findings")
    say_counted(
        f"{summary['findings']} findings ({summary['accepted']} accepted): "
        + ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items()),
        chosen,
    )
    failing = [] if fail_on == "never" else report.failing(FindingSeverity(fail_on))
    sys.exit(EXIT_INVALID if failing else EXIT_OK)


METRIC_COLUMNS = [
    "journey",
    "persona",
    "steps",
    "minutes",
    "wait_days",
    "cost_usd",
    "visits",
    "unknown",
    "agencies",
    "handoffs",
    "data_items_requested",
    "data_items_requested_more_than_once",
    "critical_path_wait_days",
    "learning",
    "compliance",
    "psychological",
    "hours_a_year",
    "evidence",
    "detail_journeys",
]


@click.command()
@source_options
@click.option("--journey", help="Only this journey.")
@click.option("--persona", help="Only this persona of --journey.")
@scope_option
@roll_up_option
@formats_option(REPORT_FORMATS)
def metrics(
    source: Source, journey: str | None, persona: str | None, scope: str, roll_up: bool, fmt: str
) -> None:
    """Burden per journey (each --scope counts, or --journey) and persona: time, waiting,
    cost, visits, handoffs, repeats, the three costs of sludge and the time tax (the
    public's hours a year)."""
    from ple.metrics import metrics_report
    from ple.metrics.rollup import detail_sentence
    from ple.scope import counted

    workspace = source.workspace()
    chosen = counted(workspace, scope, [journey] if journey else [])
    with unknown_ids_are_usage_errors():
        rows = metrics_report(workspace, journey, persona, scope=scope, roll_up=roll_up)
    if fmt == "json":
        click.echo(json.dumps({"metrics": [r.to_dict() for r in rows]}, indent=2))
        say_counted(f"{len(rows)} rows", chosen)
        return
    flat = []
    for row in rows:
        record = {**row.burden.to_dict(), **row.summary()}
        record["unknown"] = [f"{k} {v}" for k, v in record["unknown"].items() if v]
        record["handoffs"] = [f"{k} {v}" for k, v in record["handoffs"].items()]
        record["evidence"] = row.evidence_lines()
        record["detail_journeys"] = detail_sentence(roll_up, row.burden.detailed)
        flat.append(record)
    emit_rows(flat, METRIC_COLUMNS, fmt, "metrics")
    say_counted(f"{len(rows)} rows", chosen)
