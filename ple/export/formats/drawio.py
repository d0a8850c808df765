"""diagrams.net (draw.io) file: the journey map with its agency swimlanes, stages, steps and
moves as editable shapes.

Shapes sit where the swimlane layout (:mod:`ple.diagram.swimlane`, the canvas's and the
print map's) puts them, so the file opens looking like the map: lanes as tall as their
steps need, lane titles that wrap, and every arrow along its routed waypoints, which never
cross a box. Written uncompressed, in the full ``<mxfile>`` wrapper, with ElementTree so
every attribute is XML-escaped; labels use ``html=1``, so user text is HTML-escaped first.
Each step is a ``UserObject`` carrying its ids, so they survive editing.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from ple.diagram.sketch import sketch_journey
from ple.diagram.style import tint
from ple.diagram.swimlane import LANE_LABEL_W, MARGIN, SwimlaneLayout, layout_for_canvas
from ple.diagram.text import FONT
from ple.export.registry import Artifact, ExportContext, exporter
from ple.export.xml_text import xml_text
from ple.views.journey import finding_counts

PX = 96
"""draw.io's unit is the screen pixel; the layout's is the inch."""


def _label(text: str) -> str:
    return html.escape(xml_text(text)).replace("\n", "<br>")


def _px(inches: float) -> str:
    return f"{inches * PX:.1f}".rstrip("0").rstrip(".")


def _geometry(cell: ET.Element, x: float, y: float, w: float, h: float) -> None:
    ET.SubElement(
        cell, "mxGeometry", x=_px(x), y=_px(y), width=_px(w), height=_px(h), **{"as": "geometry"}
    )


def generate_drawio(context: ExportContext) -> str:
    journey, workspace = context.journey, context.workspace
    counts = finding_counts(context.report.findings, journey.id)
    layout = layout_for_canvas(sketch_journey(workspace, journey, counts))
    mxfile, root = drawing(f"journey-{journey.id}", journey.name, layout.width, layout.height)
    _stages(root, layout)
    lane_top = _lanes(root, layout, {a: workspace.agency_label(a) for a in workspace.agencies})
    for box in layout.boxes.values():
        step = box.step
        obj = ET.SubElement(
            root,
            "UserObject",
            id=f"step-{step.id}",
            label=_label(step.name),
            step_id=step.id,
            journey_id=journey.id,
            agency=step.agency,
        )
        cell = ET.SubElement(
            obj,
            "mxCell",
            style=(
                f"rounded=1;whiteSpace=wrap;html=1;fillColor={box.colour};"
                f"fontColor={box.text_colour};strokeColor=#222222;fontFamily={FONT};"
                "fontSize=11;"
            ),
            vertex="1",
            parent=f"lane-{step.agency}",
        )
        _geometry(cell, box.x - MARGIN, box.y - lane_top[step.agency], box.w, box.h)
    _moves(root, layout)
    return file_text(mxfile)


def drawing(
    diagram_id: str, name: str, width: float, height: float
) -> tuple[ET.Element, ET.Element]:
    """A draw.io file of one page ``width`` by ``height`` inches: its ``<mxfile>``, and the
    ``<root>`` the cells go in, already holding the two cells every diagram starts with
    (the cell ``1`` is the parent of the top-level shapes)."""
    mxfile = ET.Element("mxfile", host="ple", type="device")
    diagram = ET.SubElement(mxfile, "diagram", id=diagram_id, name=xml_text(name))
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        grid="1",
        gridSize="10",
        guides="1",
        page="1",
        pageWidth=_px(width),
        pageHeight=_px(height),
    )
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", id="1", parent="0")
    return mxfile, root


def file_text(mxfile: ET.Element) -> str:
    """The file's XML, indented, as draw.io writes it uncompressed."""
    ET.indent(mxfile)
    return ET.tostring(mxfile, encoding="unicode", xml_declaration=True) + "\n"


def _stages(root: ET.Element, layout: SwimlaneLayout) -> None:
    for stage in layout.stages:
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"stage-{stage.id or 'none'}",
            value=_label(" ".join(stage.lines)),
            style=(
                "rounded=1;whiteSpace=wrap;html=1;fillColor=#E4E4E4;strokeColor=#8A8A8A;"
                f"fontStyle=1;fontFamily={FONT};fontSize=11;pointerEvents=0;"
            ),
            vertex="1",
            parent="1",
        )
        _geometry(cell, stage.x0 - MARGIN, stage.top - MARGIN, stage.x1 - stage.x0, stage.height)


def _lanes(root: ET.Element, layout: SwimlaneLayout, labels: dict[str, str]) -> dict[str, float]:
    """One swimlane per agency, its title wrapping in the title band; returns each lane's
    top, as the steps inside it are placed relative to it."""
    tops = {}
    for lane in layout.lanes:
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"lane-{lane.agency}",
            value=_label(labels[lane.agency]),
            style=(
                f"swimlane;horizontal=0;startSize={_px(LANE_LABEL_W)};html=1;"
                f"whiteSpace=wrap;fillColor={tint(lane.colour, 0.82)};strokeColor={lane.colour};"
                "strokeWidth=2;swimlaneFillColor=#F7F7F7;"
                f"fontColor=#111111;fontFamily={FONT};fontSize=11;pointerEvents=0;"
            ),
            vertex="1",
            parent="1",
        )
        _geometry(cell, 0, lane.top - MARGIN, layout.lanes_right - MARGIN, lane.bottom - lane.top)
        tops[lane.agency] = lane.top
    return tops


def _moves(root: ET.Element, layout: SwimlaneLayout) -> None:
    """Each move along its routed waypoints, leaving and entering where the map's arrow does."""
    counter: dict[str, int] = {}
    for route in layout.routes:
        source, target, style = route.source, route.target, route.style
        index = counter.get(source.step.id, 0)
        counter[source.step.id] = index + 1
        dashes = f"dashed=1;dashPattern={' '.join(map(str, style.dashes))};" if style.dashes else ""
        exit_y = (route.y_out - source.y) / source.h
        entry_y = (route.y_in - target.y) / target.h
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"move-{source.step.id}-{index}",
            value=_label(route.label),
            style=(
                f"edgeStyle=none;rounded=1;html=1;endArrow=block;endFill=1;"
                f"strokeColor={style.colour};strokeWidth={style.width:g};{dashes}"
                f"exitX=1;exitY={exit_y:.3f};exitDx=0;exitDy=0;"
                f"entryX=0;entryY={entry_y:.3f};entryDx=0;entryDy=0;"
                f"labelBackgroundColor=#FFFFFF;fontFamily={FONT};fontSize=10;"
            ),
            edge="1",
            parent="1",
            source=f"step-{source.step.id}",
            target=f"step-{target.step.id}",
        )
        geometry = ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})
        waypoints = route.points[1:-1]
        if waypoints:
            array = ET.SubElement(geometry, "Array", **{"as": "points"})
            for x, y in waypoints:
                ET.SubElement(array, "mxPoint", x=_px(x - MARGIN), y=_px(y - MARGIN))


@exporter(
    "drawio",
    ".drawio",
    "application/vnd.jgraph.mxfile",
    "diagrams.net / draw.io file with agency swimlanes, editable",
)
def render_drawio(context: ExportContext) -> list[Artifact]:
    return [Artifact(generate_drawio(context).encode())]
