"""A self-contained interactive HTML page of one journey, for any laptop, offline.

The map is the app's own canvas (its script inlined, no request), view only, wrapped in
a page with a title, the legends and the step list as text, all HTML-escaped. A journey
past the limits of a map (:data:`ple.limits.MAP_STEPS`, ``MAP_MOVES``) gets the page
without the map, saying why: the step list still holds every step.
"""

from __future__ import annotations

import html

from ple.diagram.canvas import canvas_element, canvas_head
from ple.diagram.legend import agency_legend, handoff_legend
from ple.diagram.swimlane import MapTooLarge
from ple.export.formats.tables import step_table
from ple.export.registry import Artifact, ExportContext, exporter
from ple.views.canvas import journey_canvas_data
from ple.views.journey import finding_counts

_STYLE = """
body { font-family: sans-serif; margin: 1.5rem; color: #1a1a1a; }
h1 { margin-bottom: .2rem; } .meta { color: #444; margin-top: 0; }
.legend { display: flex; gap: 2.5rem; flex-wrap: wrap; margin: 1rem 0; }
table { border-collapse: collapse; font-size: .9rem; } th, td { border: 1px solid #bbb;
padding: .25rem .5rem; text-align: left; vertical-align: top; } th { background: #eee; }
.ple-canvas-page { width: 100%; }
"""


def _cell_text(value: object) -> str:
    """A table cell's text: lists joined, and only None blank (0 minutes is 0, not unknown)."""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


def generate_page(context: ExportContext) -> str:
    journey, workspace = context.journey, context.workspace
    e = html.escape
    try:
        data = journey_canvas_data(
            workspace, journey.id, findings=finding_counts(context.report.findings, journey.id)
        )
        canvas = canvas_element(data)
        about_map = (
            "The map: one lane per agency, the stages across the top. Select a step "
            "for its\ndetails; the steps are also listed as text below."
        )
    except MapTooLarge as too_large:
        canvas, about_map = "", f"No map: {e(str(too_large))}. The steps are listed below."
    agencies = "".join(
        f"<li>{entry}</li>" for entry in agency_legend(workspace, journey, full_names=True)
    )
    handoffs = "".join(f"<li>{entry}</li>" for entry in handoff_legend())
    columns = ["order", "name", "agency", "channels", "minutes", "wait_days", "requests"]
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{e(_cell_text(v))}</td>" for v in (row[c] for c in columns))
        + "</tr>"
        for row in step_table(context)
    )
    meta = " → ".join(e(t) for t in (journey.trigger, journey.outcome) if t)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(journey.name)}: journey map</title><style>{_STYLE}</style>
{canvas_head()}</head>
<body><main><h1>{e(journey.name)}</h1><p class="meta">{meta}</p>
<p>{about_map}</p>
{canvas}
<div class="legend"><div><h2>Agencies (lanes)</h2><ul>{agencies}</ul></div>
<div><h2>Handoffs (line and label)</h2><ul>{handoffs}</ul></div></div>
<h2>Steps, in order</h2><table><thead><tr>{"".join(f"<th>{c}</th>" for c in columns)}</tr>
</thead><tbody>{rows}</tbody></table></main></body></html>
"""


@exporter(
    "html",
    ".html",
    "text/html",
    "self-contained interactive diagram with legends and the step list, works offline",
)
def render_page(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_page(context).encode())]
