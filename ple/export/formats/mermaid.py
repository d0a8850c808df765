"""Mermaid flowchart: one subgraph per agency lane, handoff types on the arrows.

Every label is quoted and entity-encoded, so quotes, brackets, angle brackets,
semicolons, ``-->`` and newlines in user text cannot break the syntax or inject
markup (Mermaid's own sanitising is a second line of defence, not the first).
"""

from __future__ import annotations

from ple.diagram.sketch import lanes_in_order
from ple.diagram.style import HANDOFF_STYLES, WITHIN_AGENCY
from ple.export.registry import Artifact, ExportContext, exporter

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    ";": "#59;",
    ":": "#58;",
    ",": "#44;",
    "<": "#60;",
    ">": "#62;",
    "|": "#124;",
    "%": "#37;",
    "`": "#96;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "&": "#38;",
}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: risky characters become ``#code;``."""
    flat = " ".join(text.split())
    return "".join(_ENTITIES.get(ch, ch) for ch in flat)


def generate_mermaid(context: ExportContext) -> str:
    """The journey as Mermaid flowchart text."""
    journey, workspace = context.journey, context.workspace
    node_id = {step.id: f"s{i}" for i, step in enumerate(journey.steps, start=1)}
    agency_of = {step.id: step.agency for step in journey.steps}
    lines = ["flowchart LR", f"  %% {mermaid_text(journey.name)} ({journey.id})"]
    for lane_number, agency in enumerate(lanes_in_order(s.agency for s in journey.steps), start=1):
        title = mermaid_text(workspace.agency_label(agency))
        lines.append(f'  subgraph lane{lane_number}["{title}"]')
        lines += [
            f'    {node_id[s.id]}["{mermaid_text(s.name)}"]'
            for s in journey.steps
            if s.agency == agency
        ]
        lines.append("  end")
    link_styles = []
    for step in journey.steps:
        for transition in step.next:
            if agency_of[transition.to] != step.agency:
                kind = transition.handoff.type.value if transition.handoff else "undocumented"
                style = HANDOFF_STYLES[kind]
                arrow = f'-->|"{style.label}"|'
            else:
                style, arrow = WITHIN_AGENCY, "-->"
            lines.append(f"  {node_id[step.id]} {arrow} {node_id[transition.to]}")
            dash = ",stroke-dasharray:" + " ".join(map(str, style.dashes)) if style.dashes else ""
            link_styles.append(f"stroke:{style.colour},stroke-width:{style.width:g}px{dash}")
    lines += [f"  linkStyle {i} {css}" for i, css in enumerate(link_styles)]
    return "\n".join(lines) + "\n"


@exporter(
    "mermaid",
    ".mmd",
    "text/vnd.mermaid",
    "Mermaid flowchart text (one subgraph per agency), for Markdown and wikis",
)
def render_mermaid(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_mermaid(context).encode())]
