"""diagrams.net (draw.io) file: agency swimlanes with the steps and moves as editable shapes.

Written uncompressed, in the full ``<mxfile>`` wrapper, with ElementTree so every
attribute is XML-escaped; labels use ``html=1``, so user text is HTML-escaped first.
Each step is a ``UserObject`` carrying its ids, so they survive editing.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from ple.diagram.layout import COLUMN_WIDTH, STACK_OFFSET, lanes, place_steps
from ple.diagram.style import HANDOFF_STYLES, WITHIN_AGENCY, agency_colours, text_colour
from ple.export.registry import Artifact, ExportContext, exporter
from ple.export.xml_text import xml_text

LANE_HEADER = 120
STEP_WIDTH, STEP_HEIGHT = 160, 60


def _label(text: str) -> str:
    return html.escape(xml_text(text)).replace("\n", "<br>")


def generate_drawio(context: ExportContext) -> str:
    journey, workspace = context.journey, context.workspace
    placements = place_steps(journey)
    colours = agency_colours(lanes(journey))
    agency_of = {s.id: s.agency for s in journey.steps}
    mxfile = ET.Element("mxfile", host="ple", type="device")
    diagram = ET.SubElement(mxfile, "diagram", id=f"journey-{journey.id}",
                            name=xml_text(journey.name))
    model = ET.SubElement(diagram, "mxGraphModel", grid="1", gridSize="10", guides="1",
                          page="1", pageWidth="1654", pageHeight="1169")
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", id="1", parent="0")
    width = LANE_HEADER + (max(p.column for p in placements.values()) + 1) * COLUMN_WIDTH
    lane_y: dict[str, int] = {}
    for agency in lanes(journey):
        ys = [placements[s.id].y for s in journey.steps if s.agency == agency]
        lane_y[agency] = min(ys)
        height = max(ys) - min(ys) + STACK_OFFSET + 40
        cell = ET.SubElement(
            root, "mxCell", id=f"lane-{agency}", value=_label(workspace.agency_label(agency)),
            style=("swimlane;horizontal=0;startSize=" + str(LANE_HEADER)
                   + ";html=1;fillColor=#f5f5f5;pointerEvents=0;fontStyle=1;"),
            vertex="1", parent="1")
        ET.SubElement(cell, "mxGeometry", x="0", y=str(min(ys)), width=str(width),
                      height=str(height), **{"as": "geometry"})
    for step in journey.steps:
        where, colour = placements[step.id], colours[step.agency]
        obj = ET.SubElement(root, "UserObject", id=f"step-{step.id}", label=_label(step.name),
                            step_id=step.id, journey_id=journey.id, agency=step.agency)
        cell = ET.SubElement(
            obj, "mxCell",
            style=(f"rounded=1;whiteSpace=wrap;html=1;fillColor={colour};"
                   f"fontColor={text_colour(colour)};strokeColor=#222222;"),
            vertex="1", parent=f"lane-{step.agency}")
        ET.SubElement(cell, "mxGeometry", x=str(LANE_HEADER + 20 + where.x),
                      y=str(where.y - lane_y[step.agency] + 20), width=str(STEP_WIDTH),
                      height=str(STEP_HEIGHT), **{"as": "geometry"})
    for step in journey.steps:
        for index, transition in enumerate(step.next):
            crossing = agency_of[transition.to] != step.agency
            kind = transition.handoff.type.value if transition.handoff else "undocumented"
            style = HANDOFF_STYLES[kind] if crossing else WITHIN_AGENCY
            dashes = (f"dashed=1;dashPattern={' '.join(map(str, style.dashes))};"
                      if style.dashes else "")
            cell = ET.SubElement(
                root, "mxCell", id=f"move-{step.id}-{index}", value=_label(style.label),
                style=(f"edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow=block;"
                       f"strokeColor={style.colour};strokeWidth={style.width:g};{dashes}"),
                edge="1", parent="1", source=f"step-{step.id}",
                target=f"step-{transition.to}")
            ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})
    ET.indent(mxfile)
    return ET.tostring(mxfile, encoding="unicode", xml_declaration=True) + "\n"


@exporter("drawio", ".drawio", "application/vnd.jgraph.mxfile",
          "diagrams.net / draw.io file with agency swimlanes, editable")
def render_drawio(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_drawio(context).encode())]
