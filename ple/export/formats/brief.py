"""A workshop brief in Markdown: summary, burden, findings, the steps, and the map."""

from __future__ import annotations

from ple.equity import walk_journeys
from ple.export.formats.tables import step_table
from ple.export.registry import (
    EXPORTERS,
    Artifact,
    ExportContext,
    ExportRefused,
    exporter,
    file_stem,
)
from ple.metrics import journey_metrics, time_tax
from ple.metrics.time_tax import assumption
from ple.model import Journey
from ple.views.equity import equity_markdown
from ple.views.markdown import markdown_link, markdown_table, markdown_text


def generate_brief(
    context: ExportContext, image: str | None = None, no_image: str | None = None
) -> str:
    """The brief, linking ``image`` (the map's file name), or saying why there is no
    map (``no_image``)."""
    journey, workspace = context.journey, context.workspace
    metrics = journey_metrics(workspace, journey.id)
    open_findings = [
        f for f in context.report.findings if f.journey == journey.id and not f.accepted
    ]
    lines = [f"# {markdown_text(journey.name)}", ""]
    if journey.trigger:
        lines += [f"**Trigger:** {markdown_text(journey.trigger)}  "]
    if journey.outcome:
        lines += [f"**Outcome:** {markdown_text(journey.outcome)}", ""]
    if image:  # the map's own file name, beside the brief
        lines += [f"![Swimlane map of {markdown_text(journey.name)}]({image})", ""]
    elif no_image:
        lines += [f"*No swimlane map: {markdown_text(no_image)}.*", ""]
    lines += [
        "## Summary",
        "",
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
        f"## Gap findings ({len(open_findings)} open)",
        "",
        *markdown_table(
            ["severity", "rule", "finding", "suggestion"],
            [(f.severity.value, f.rule, f.message, f.suggestion) for f in open_findings],
        ),
        "",
        "## Steps",
        "",
        *markdown_table(
            ["#", "step", "agency", "channels", "minutes", "asks for"],
            [
                (
                    r["order"],
                    r["name"],
                    workspace.agency_label(r["agency"]),
                    r["channels"],
                    r["minutes"],
                    r["requests"],
                )
                for r in step_table(context)
            ],
        ),
        *_source_lines(journey),
    ]
    return "\n".join(lines) + "\n"


def _source_lines(journey: Journey) -> list[str]:
    """The journey's sources: the only links in the brief, and only to web addresses."""
    if not journey.sources:
        return []
    return ["", "## Sources", "", *(f"- {markdown_link(s, s)}" for s in journey.sources)]


def _time_tax_lines(journey: Journey) -> list[str]:
    tax = time_tax(journey)
    if tax is None:
        return []
    central = ""
    if not tax.hours_per_year.exact:
        central = (
            f"; a central estimate is {tax.hours_per_year.central_text()}, which "
            f"{assumption(tax.assumes)}"
        )
    return [
        f"- Time tax: {tax.hours_per_year.text()} hours a year "
        f"({tax.people_per_year:,} people a year x {tax.hours_per_person.text(2)} hours "
        f"each; source: {markdown_text(tax.source)}){central}"
    ]


def _equity_lines(context: ExportContext) -> list[str]:
    """Who cannot finish: the built-in personas and the journey's own, walked."""
    results = walk_journeys(context.workspace, [context.journey.id])
    shut_out = sum(r.completes is False and r.unconstrained_completes for r in results)
    return [
        "## Equity: who cannot finish",
        "",
        f"{shut_out} of {len(results)} personas cannot complete the journey. A person is "
        "blocked at a step offered only through channels or languages they cannot use, or "
        "without an accommodation they need; *unverified* means the steps do not record it. "
        "Minutes and waiting days marked ≥ are at least that (some steps do not say).",
        "",
        equity_markdown(context.workspace, results, journey_column=False).rstrip("\n"),
        "",
    ]


@exporter(
    "md",
    ".md",
    "text/markdown",
    "workshop brief in Markdown, with the swimlane map as an image beside it",
    several_files=True,
)
def render_brief(context: ExportContext) -> list[Artifact]:
    """The brief and its map; a journey too large for the map gets the brief alone,
    saying why."""
    png = EXPORTERS.get("png")
    if png is None or not png.available():
        return [Artifact(generate_brief(context).encode())]
    image = f"{file_stem(context.journey_id)}-swimlane.png"
    try:
        reason = png.check(context)
        if reason:
            raise ExportRefused(reason)
        picture = png.render(context)[0].data
    except ExportRefused as refused:
        return [Artifact(generate_brief(context, no_image=str(refused)).encode())]
    return [Artifact(generate_brief(context, image).encode()), Artifact(picture, filename=image)]
