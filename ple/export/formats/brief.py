"""A workshop brief in Markdown: summary, burden, findings, the steps, and the map."""

from __future__ import annotations

import html

from ple.equity import walk_journeys
from ple.export.formats.tables import step_table
from ple.export.registry import EXPORTERS, Artifact, ExportContext, exporter
from ple.metrics import journey_metrics, time_tax
from ple.metrics.time_tax import assumption
from ple.model import Journey
from ple.views.equity import equity_markdown


def _cell(value: object) -> str:
    """User text for one line of Markdown: raw HTML (``<script>``) shows as text instead
    of passing through, a ``|`` (even after a backslash) cannot end a table cell, line
    breaks become spaces, and 0 stays 0 (only None is blank)."""
    if isinstance(value, list):
        text = "; ".join(map(str, value))
    else:
        text = "" if value is None else str(value)
    text = html.escape(text, quote=False).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.splitlines())


def generate_brief(context: ExportContext, image: str | None = None) -> str:
    journey, workspace = context.journey, context.workspace
    metrics = journey_metrics(workspace, journey.id)
    open_findings = [f for f in context.report.findings
                     if f.journey == journey.id and not f.accepted]
    lines = [f"# {_cell(journey.name)}", ""]
    if journey.trigger:
        lines += [f"**Trigger:** {_cell(journey.trigger)}  "]
    if journey.outcome:
        lines += [f"**Outcome:** {_cell(journey.outcome)}", ""]
    if image:
        lines += [f"![Swimlane map of {_cell(journey.name)}]({image})", ""]
    lines += [
        "## Summary", "",
        f"- {metrics.steps} steps at {metrics.agencies} agencies",
        "- Handoffs: " + (", ".join(f"{n} {k}" for k, n in metrics.handoffs.items()) or "none"),
        f"- Active time: {metrics.minutes:g} minutes ({metrics.unknown['minutes']} steps not "
        "recorded)",
        f"- Waiting: {metrics.wait_days:g} days ({metrics.unknown['wait_days']} steps not "
        "recorded)",
        f"- Data items asked for: {metrics.data_items_requested}, of which "
        f"{metrics.data_items_requested_more_than_once} more than once",
        *_time_tax_lines(journey),
        "",
        *_equity_lines(context),
        f"## Gap findings ({len(open_findings)} open)", "",
        "| severity | rule | finding | suggestion |", "|---|---|---|---|",
        *(f"| {f.severity.value} | {f.rule} | {_cell(f.message)} | {_cell(f.suggestion)} |"
          for f in open_findings),
        "", "## Steps", "",
        "| # | step | agency | channels | minutes | asks for |", "|---|---|---|---|---|---|",
        *(f"| {r['order']} | {_cell(r['name'])} | {_cell(workspace.agency_label(r['agency']))} "
          f"| {_cell(r['channels'])} | {_cell(r['minutes'])} | {_cell(r['requests'])} |"
          for r in step_table(context)),
    ]
    return "\n".join(lines) + "\n"


def _time_tax_lines(journey: Journey) -> list[str]:
    tax = time_tax(journey)
    if tax is None:
        return []
    central = ""
    if not tax.hours_per_year.exact:
        central = (f"; a central estimate is {tax.hours_per_year.central_text()}, which "
                   f"{assumption(tax.assumes)}")
    return [f"- Time tax: {tax.hours_per_year.text()} hours a year "
            f"({tax.people_per_year:,} people a year x {tax.hours_per_person.text(2)} hours "
            f"each; source: {_cell(tax.source)}){central}"]


def _equity_lines(context: ExportContext) -> list[str]:
    """Who cannot finish: the built-in personas and the journey's own, walked."""
    results = walk_journeys(context.workspace, [context.journey.id])
    shut_out = sum(r.completes is False and r.unconstrained_completes for r in results)
    return [
        "## Equity: who cannot finish", "",
        f"{shut_out} of {len(results)} personas cannot complete the journey. A person is "
        "blocked at a step offered only through channels or languages they cannot use, or "
        "without an accommodation they need; *unverified* means the steps do not record it. "
        "Minutes and waiting days marked ≥ are at least that (some steps do not say).", "",
        equity_markdown(context.workspace, results, journey_column=False).rstrip("\n"), "",
    ]


@exporter("md", ".md", "text/markdown",
          "workshop brief in Markdown, with the swimlane map as an image beside it",
          several_files=True)
def render_brief(context: ExportContext) -> list[Artifact]:
    png = EXPORTERS.get("png")
    if png is None or not png.available():
        return [Artifact(generate_brief(context).encode())]
    image = f"{context.journey_id}-swimlane.png"
    return [Artifact(generate_brief(context, image).encode()),
            Artifact(png.render(context)[0].data, filename=image)]
