"""The service blueprint as a diagrams.net (draw.io) file, so it stays editable there.

Everything sits where the printed blueprint (:mod:`ple.diagram.blueprint`) puts it: the
stage bands, then one draw.io swimlane container per Shostack row (touchpoints, customer
actions, frontstage, backstage, support processes) with its title in the left band, and
the lines of interaction, visibility and internal interaction between them as labelled
lines. Each card lies inside its row's container, so moving a row moves its cards; a card
starts with its agency in bold, as on paper. Connectors join a step's cards down its
column, row to row, so the column still reads as one step when cards are moved.

Cards are ``UserObject``s carrying ``journey_id``, ``step_id``, ``agency`` and ``row`` (and
``touchpoint_id`` for a touchpoint), so the ids survive editing. Written with the draw.io
helpers of :mod:`ple.export.formats.drawio` (units, labels, geometry).
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from ple.diagram.blueprint import (
    OUTLINES,
    ROW_LABEL_W,
    ROW_TITLES,
    ROWS,
    BlueprintLayout,
    Card,
)
from ple.diagram.style import text_colour, tint
from ple.diagram.swimlane import MARGIN
from ple.diagram.text import FONT
from ple.export.formats.drawio import _geometry, _label, _px, drawing, file_text
from ple.export.formats.swimlane import sketch_of
from ple.export.registry import Artifact, ExportContext, exporter

COLUMN_W = 1.6
"""Inches per step column: room for a card's words at draw.io's 11 px; the file scales."""

OUTLINE_STYLE = {
    "observed": "strokeWidth=3;",
    "reported": "strokeWidth=1;",
    "assumed": "strokeWidth=1;dashed=1;dashPattern=6 3;",
    "unknown": "strokeWidth=1;dashed=1;dashPattern=1 3;",
}
"""A customer card's outline by the step's evidence, as on the printed blueprint."""

LINE_DASHES = {
    "Line of interaction": "",
    "Line of visibility": "dashed=1;dashPattern=8 4;",
    "Line of internal interaction": "dashed=1;dashPattern=2 3;",
}

SUFFIX = "-blueprint"


def generate_blueprint_drawio(context: ExportContext) -> str:
    journey = context.journey
    layout = BlueprintLayout(context.workspace, journey, sketch_of(context), COLUMN_W)
    mxfile, root = drawing(
        f"blueprint-{journey.id}", f"Service blueprint: {journey.name}", layout.width, layout.height
    )
    _title(root, layout)
    _stages(root, layout)
    tops = _rows(root, layout)
    ids = _cards(root, layout, tops, journey.id)
    _lines(root, layout)
    _connectors(root, layout, ids)
    _moments(root, layout)
    return file_text(mxfile)


def _text(
    root: ET.Element,
    cell_id: str,
    value: str,
    x: float,
    y: float,
    w: float,
    h: float,
    extra: str = "",
) -> None:
    cell = ET.SubElement(
        root,
        "mxCell",
        id=cell_id,
        value=value,
        style=(
            "text;html=1;whiteSpace=wrap;align=left;verticalAlign=top;"
            f"fontFamily={FONT};fontSize=11;fontColor=#111111;{extra}"
        ),
        vertex="1",
        parent="1",
    )
    _geometry(cell, x - MARGIN, y - MARGIN, w, h)


def _title(root: ET.Element, layout: BlueprintLayout) -> None:
    """The title and summary, and what the outlines and the star mean (the legend)."""
    title = (
        f"<b>{_label(' '.join(layout.title_lines))}</b><br>{_label(' '.join(layout.summary_lines))}"
    )
    beside = layout.legend_y == MARGIN
    width = (layout.legend_x - MARGIN - 0.2) if beside else layout.width - 2 * MARGIN
    bottom = layout.header_bottom if beside else layout.legend_y - 0.05
    _text(root, "title", title, MARGIN, MARGIN, width, bottom - MARGIN, "fontSize=13;")
    x = layout.legend_x
    for index, (entries, width) in enumerate(zip(layout.legend, layout.legend_widths, strict=True)):
        lines = ["<b>How to read this blueprint</b>" if index == 0 else ""]
        lines += [_legend_line(entry) for entry in entries]
        _text(
            root,
            f"legend-{index}",
            "<br>".join(lines),
            x,
            layout.legend_y,
            width + 0.3,
            layout.header_bottom - layout.legend_y + 0.1,
            "fontSize=10;",
        )
        x += width + 0.3


def _legend_line(entry: tuple[str, str, str]) -> str:
    """One legend entry in words: the star, the stripe or an outline, and its meaning."""
    kind, word, meaning = entry
    if kind == "moment":
        return f"<b>{word}</b> {meaning}"
    if kind == "stripe":
        return f"Agency colour: {meaning}"
    return f"Outline {OUTLINES[word]}: <b>{word}</b>, {meaning}"


def _stages(root: ET.Element, layout: BlueprintLayout) -> None:
    for index, stage in enumerate(layout.stages):
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"stage-{index}",
            value=_label(" ".join(stage.lines)),
            style=(
                "rounded=1;whiteSpace=wrap;html=1;fillColor=#E4E4E4;strokeColor=#8A8A8A;"
                f"fontStyle=1;fontFamily={FONT};fontSize=11;pointerEvents=0;"
            ),
            vertex="1",
            parent="1",
        )
        _geometry(cell, stage.x0 - MARGIN, stage.top - MARGIN, stage.x1 - stage.x0, stage.height)


def _rows(root: ET.Element, layout: BlueprintLayout) -> dict[str, float]:
    """One swimlane container per row, its title in the left band; returns each row's top,
    as the cards inside are placed relative to it."""
    tops = {}
    for index, band in enumerate(layout.bands):
        fill = "#FFFFFF" if band.row == "customer" else ("#F3F3F3" if index % 2 == 0 else "#FAFAFA")
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"row-{band.row}",
            value=_label(ROW_TITLES[band.row]),
            style=(
                f"swimlane;horizontal=0;startSize={_px(ROW_LABEL_W)};html=1;"
                f"whiteSpace=wrap;fillColor={tint('#555555', 0.8)};strokeColor=#B0B0B0;"
                f"swimlaneFillColor={fill};fontColor=#111111;fontStyle=1;"
                f"fontFamily={FONT};fontSize=12;pointerEvents=0;"
            ),
            vertex="1",
            parent="1",
        )
        _geometry(cell, 0, band.top - MARGIN, layout.right - MARGIN, band.bottom - band.top)
        tops[band.row] = band.top
    return tops


def _cards(
    root: ET.Element, layout: BlueprintLayout, tops: dict[str, float], journey_id: str
) -> dict[tuple[str, int], list[str]]:
    """Every card inside its row; returns the card ids by (row, column), top to bottom."""
    steps = layout.order
    ids: dict[tuple[str, int], list[str]] = {}
    for card in layout.cards:
        step_id = steps[card.column]
        place = ids.setdefault((card.row, card.column), [])
        card_id = f"{card.row}-{step_id}" + (f"-{len(place)}" if card.row != "customer" else "")
        place.append(card_id)
        attributes = {
            "step_id": step_id,
            "journey_id": journey_id,
            "row": card.row,
            "agency": _agency_of(layout, card, step_id, len(place) - 1),
        }
        if card.row == "touchpoints":
            attributes["touchpoint_id"] = (
                layout.workspace.journeys[journey_id].step(step_id).touchpoints[len(place) - 1]
            )
        obj = ET.SubElement(root, "UserObject", id=card_id, label=_card_label(card), **attributes)
        cell = ET.SubElement(
            obj, "mxCell", style=_card_style(card), vertex="1", parent=f"row-{card.row}"
        )
        _geometry(cell, card.x - MARGIN, card.y - tops[card.row], card.w, card.h)
    return ids


def _agency_of(layout: BlueprintLayout, card: Card, step_id: str, index: int) -> str:
    """The id of the agency a card names (the printed card shows its label)."""
    step = layout.journey.step(step_id)
    if card.row == "customer":
        return step.agency
    if card.row == "touchpoints":
        return layout.workspace.touchpoints[step.touchpoints[index]].agency
    action = getattr(step, card.row)[index]
    return action.agency or step.agency


def _card_label(card: Card) -> str:
    tag = f"<b>{card.tag}</b> " if card.tag else ""
    text = _label(" ".join(card.lines))
    head = f"<b>{_label(card.head)}</b>"
    body = f"{tag}{head} {text}" if card.inline else f"{tag}{head}<br>{text}"
    if card.detail:
        body += "<br><i>" + _label(" ".join(card.detail)) + "</i>"
    return body


def _card_style(card: Card) -> str:
    common = (
        f"rounded=1;whiteSpace=wrap;html=1;align=left;verticalAlign=top;spacing=4;"
        f"fontFamily={FONT};fontSize=11;"
    )
    if card.row == "customer":
        return (
            f"{common}fillColor={card.colour};fontColor={text_colour(card.colour)};"
            f"strokeColor=#222222;{OUTLINE_STYLE[card.evidence]}"
        )
    return (
        f"{common}fillColor={tint(card.colour, 0.85)};fontColor=#111111;"
        f"strokeColor={card.colour};strokeWidth=2;spacingLeft=6;"
    )


def _lines(root: ET.Element, layout: BlueprintLayout) -> None:
    """The lines between the rows, each a draw.io line shape with its name at the right."""
    for index, (name, y) in enumerate(layout.lines):
        cell = ET.SubElement(
            root,
            "mxCell",
            id=f"line-{index}",
            value=_label(name),
            style=(
                f"line;html=1;strokeWidth=2;strokeColor=#333333;{LINE_DASHES[name]}"
                "labelPosition=center;verticalLabelPosition=top;align=right;"
                f"verticalAlign=bottom;fontFamily={FONT};fontSize=10;fontStyle=2;"
                "fontColor=#333333;pointerEvents=0;"
            ),
            vertex="1",
            parent="1",
        )
        _geometry(cell, layout.x0 - MARGIN, y - MARGIN - 0.05, layout.right - layout.x0, 0.1)


def _connectors(
    root: ET.Element, layout: BlueprintLayout, ids: dict[tuple[str, int], list[str]]
) -> None:
    """Down each column, from the last card of one row to the first of the next row that
    has any: straight down the column, through no other card."""
    for column in range(layout.columns):
        chain = [ids[(row, column)] for row in ROWS if (row, column) in ids]
        for upper, lower in itertools.pairwise(chain):
            cell = ET.SubElement(
                root,
                "mxCell",
                id=f"link-{upper[-1]}",
                value="",
                style=(
                    "edgeStyle=none;html=1;endArrow=none;strokeColor=#8A8A8A;"
                    "strokeWidth=1;exitX=0.5;exitY=1;exitDx=0;exitDy=0;"
                    "entryX=0.5;entryY=0;entryDx=0;entryDy=0;"
                ),
                edge="1",
                parent="1",
                source=upper[-1],
                target=lower[0],
            )
            ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})


def _moments(root: ET.Element, layout: BlueprintLayout) -> None:
    if not layout.moments:
        return
    text = "<br>".join(
        ["<b>Moments that matter</b>"]
        + [f"<b>★ {m.number}</b> {_label(' '.join(m.lines))}" for m in layout.moments]
    )
    _text(
        root,
        "moments",
        text,
        MARGIN,
        layout.footer_top,
        layout.width - 2 * MARGIN,
        layout.footer_bottom - layout.footer_top,
    )


@exporter(
    "blueprint-drawio",
    ".drawio",
    "application/vnd.jgraph.mxfile",
    "service blueprint as a diagrams.net / draw.io file: one swimlane per row, cards "
    "naming their agency, editable",
)
def render_blueprint_drawio(context: ExportContext) -> list[Artifact]:
    """The blueprint as draw.io; its file name ends in ``-blueprint``, like the printed one."""
    return [Artifact(generate_blueprint_drawio(context).encode(), suffix=SUFFIX)]
