"""The service blueprint as the app's Journey page shows it, and the drill-down between a
step and the journey that tells it in more detail.

The app draws the printed blueprint's layout (:class:`ple.diagram.blueprint.BlueprintLayout`)
in HTML, at print scale (an inch is a CSS inch, a point a CSS point), so the two views put
every card in the same place and there is no second layout to keep in step. Only one thing
is added: each customer card says in words what the step rests on ("Evidence: assumed")
and which journey tells it in more detail, because on a screen the outline alone is easy
to miss and a reader should not have to decode a line pattern. The HTML is text (no
script, nothing fetched), so it works offline and a screen reader reads it in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ple.diagram.blueprint import (
    CARD_PT,
    LABEL_PT,
    MOST_DETAIL,
    OUTLINES,
    PAD_X,
    PAD_Y,
    STRIPE,
    BlueprintLayout,
    Card,
    summary,
)
from ple.diagram.sketch import sketch_journey
from ple.diagram.style import text_colour
from ple.diagram.swimlane import TAG_H, TEXT_PT, check_size
from ple.diagram.text import line_height, wrap_some
from ple.metrics.evidence import LEVELS, level_of
from ple.model import Journey, Step, Workspace

APP_COLUMN_W = 1.7
"""Column width in inches: wide enough for a dozen words a line at the cards' 8.5 pt."""

BORDERS = {
    "observed": "3px solid",
    "reported": "1.5px solid",
    "assumed": "1.5px dashed",
    "unknown": "1.5px dotted",
}
"""A customer card's outline by its step's evidence, as in the printed blueprint."""

LINES = {
    "Line of interaction": "1.5px solid",
    "Line of visibility": "2px dashed",
    "Line of internal interaction": "2px dotted",
}


class AppBlueprint(BlueprintLayout):
    """The printed layout with two more lines on a customer card: its evidence in words
    and, when it has one, the journey that tells it in more detail."""

    def card_notes(self, card: Card) -> list[str]:
        if card.row != "customer":
            return []
        step = self.step_at(card.column)
        lines = [f"Evidence: {card.evidence}"]
        if step.detail:
            name = (
                self.workspace.journeys[step.detail].name
                if step.detail in self.workspace.journeys
                else step.detail
            )
            lines += wrap_some(
                f"In detail: {name}", self.column_w - 2 * PAD_X, CARD_PT, MOST_DETAIL
            )
        return lines

    def step_at(self, column: int) -> Step:
        return next(s for s in self.journey.steps if s.id == self.order[column])

    def card_height(self, card: Card) -> float:
        return super().card_height(card) + len(self.card_notes(card)) * line_height(CARD_PT)


def blueprint_layout(workspace: Workspace, journey_id: str) -> AppBlueprint:
    """The blueprint of a journey at the app's column width. Raises
    :class:`ple.diagram.swimlane.MapTooLarge` past the limits of a map."""
    journey = workspace.journeys[journey_id]
    sketch = sketch_journey(workspace, journey)
    check_size(sketch)
    return AppBlueprint(workspace, journey, sketch, APP_COLUMN_W)


def _at(x: float, y: float, w: float | None = None, h: float | None = None) -> str:
    size = (f"width:{w:.3f}in;" if w is not None else "") + (
        f"height:{h:.3f}in;" if h is not None else ""
    )
    return f"position:absolute;left:{x:.3f}in;top:{y:.3f}in;{size}"


def _lines(lines: list[str], size: float, style: str = "") -> str:
    height = line_height(size)
    return "".join(
        f'<div style="white-space:pre;font-size:{size}pt;line-height:{height:.3f}in;'
        f'{style}">{escape(line)}</div>'
        for line in lines
    )


def _card_html(layout: AppBlueprint, card: Card, top: float) -> str:
    customer = card.row == "customer"
    colour = text_colour(card.colour) if customer else "#111111"
    if customer:
        box = (
            f"background:{card.colour};border:{BORDERS[card.evidence]} #111111;"
            "border-radius:0.05in;"
        )
        left = PAD_X
    else:
        box = (
            f"background:{'#F7F7F7' if card.row == 'touchpoints' else '#FFFFFF'};"
            f"border:1px solid #555555;border-left:{STRIPE:.3f}in solid {card.colour};"
        )
        left = PAD_X
    body = []
    if card.moment:
        body.append(f'<div style="height:{TAG_H / 2:.3f}in"></div>')
    head = f"<b>{escape(card.head)}</b>"
    text = list(card.lines)
    height = line_height(CARD_PT)
    if card.inline:
        first = escape(text.pop(0)) if text else ""
        body.append(
            f'<div style="white-space:pre;font-size:{CARD_PT}pt;line-height:'
            f'{height:.3f}in">{head} {first}</div>'
        )
    else:
        body.append(_lines(layout.head_lines(card), CARD_PT, "font-weight:bold"))
    body.append(_lines(text, CARD_PT))
    body.append(_lines(card.detail, CARD_PT, "color:#444444"))
    body.append(_lines(layout.card_notes(card), CARD_PT, "font-style:italic"))
    tag = (
        f'<span class="ple-bp-tag" style="position:absolute;left:0.06in;top:-{TAG_H / 2:.3f}in;'
        f'height:{TAG_H:.3f}in;line-height:{TAG_H:.3f}in">{escape(card.tag)}</span>'
        if card.moment
        else ""
    )
    # Read step by step (the cards' order), each card saying which row it is in.
    kind = {"customer": "Customer action", "touchpoints": "Touchpoint"}.get(
        card.row, f"{card.row.capitalize()} action"
    )
    step_id = layout.order[card.column]
    return (
        f'<div class="ple-bp-card" data-row="{card.row}" data-step="{escape(step_id)}" '
        f'data-evidence="{card.evidence}" role="group" aria-label="{escape(kind)}" '
        f'style="{_at(card.x, card.y - top, card.w, card.h)}box-sizing:border-box;'
        f"{box}color:{colour};padding:{PAD_Y:.3f}in {PAD_X:.3f}in 0 {left:.3f}in;"
        f'overflow:visible">{tag}{"".join(body)}</div>'
    )


STYLE = """<style>
.ple-blueprint{overflow-x:auto;font-family:'DejaVu Sans',Verdana,sans-serif;color:#111}
.ple-blueprint .ple-bp-canvas{position:relative}
.ple-blueprint .ple-bp-tag{background:#FFE27A;border:1px solid #111;border-radius:3px;
 padding:0 4px;font-weight:bold;font-size:8pt;color:#111;white-space:nowrap}
.ple-blueprint .ple-bp-line-label{background:#fff;border:1px solid #222;border-radius:3px;
 padding:0 4px;font-weight:bold;font-size:8pt;white-space:nowrap;transform:translateY(-50%)}
.ple-bp-legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:9pt;margin:4px 0 8px 0}
.ple-bp-legend span.sample{display:inline-block;width:0.4in;height:0.16in;
 vertical-align:middle;margin-right:4px;background:#fff}
.ple-bp-moments{font-size:9.5pt;margin-top:8px}
</style>"""


def legend_html() -> str:
    """What the marks mean, in words beside a sample of each."""
    items = [
        '<span role="listitem"><span class="ple-bp-tag" style="background:#FFE27A;'
        'border:1px solid #111;border-radius:3px;padding:0 4px;font-weight:bold">★ n'
        "</span> a moment that "
        "matters (listed under the blueprint)</span>",
        '<span role="listitem"><span class="sample" style="border-left:0.07in solid #888;'
        "border-top:1px solid #555;border-bottom:1px solid #555;border-right:1px solid "
        '#555"></span>the agency that acts: named in bold on every card</span>',
    ]
    for level in LEVELS:
        items.append(
            f'<span role="listitem"><span class="sample" '
            f'style="border:{BORDERS[level]} #111"></span>'
            f"<b>{level}</b>: outline {OUTLINES[level]}; the card says "
            f'"Evidence: {level}"</span>'
        )
    return f'<div class="ple-bp-legend" role="list">{"".join(items)}</div>'


def blueprint_html(layout: AppBlueprint) -> str:
    """The blueprint's stages, rows, lines and cards as positioned HTML, the legend above
    them and the moments that matter, with their reasons, under them."""
    top = (layout.stages[0].top if layout.stages else layout.rows_top) - TAG_H
    width, height = layout.width, layout.rows_bottom - top + 0.05
    parts = []
    for stage in layout.stages:
        at = _at(stage.x0, stage.top - top, stage.x1 - stage.x0, stage.height)
        parts.append(
            f'<div style="{at}background:#E8E8E8;border-radius:3px;padding:0.03in 0.05in;'
            f'box-sizing:border-box">{_lines(stage.lines, TEXT_PT, "font-weight:bold")}'
            "</div>"
        )
    for index, band in enumerate(layout.bands):
        fill = "#FFFFFF" if band.row == "customer" else ("#F3F3F3" if index % 2 == 0 else "#FAFAFA")
        band_h = band.bottom - band.top
        at = _at(layout.x0, band.top - top, layout.right - layout.x0, band_h)
        parts.append(f'<div style="{at}background:{fill}"></div>')
        title_h = len(band.title) * line_height(LABEL_PT)
        at = _at(0.1, band.top - top, 1.2, band_h)
        parts.append(
            f'<div role="heading" aria-level="3" style="{at}background:#CCCCCC;'
            "display:flex;flex-direction:column;"
            f'justify-content:center;padding-left:0.08in;box-sizing:border-box">'
            f'<div style="height:{title_h:.3f}in">'
            f"{_lines(band.title, LABEL_PT, 'font-weight:bold')}</div></div>"
        )
    for label, y in layout.lines:
        parts.append(
            f'<div style="{_at(0.1, y - top, layout.right - 0.1)}'
            f'border-top:{LINES[label]} #222;z-index:2"></div>'
        )
        for side, hidden in (
            (f"left:{layout.x0 + 0.05:.3f}in", ' aria-hidden="true"'),
            (f"right:{layout.width - layout.right + 0.05:.3f}in", ""),
        ):
            # At both ends, since the blueprint scrolls sideways; read out once.
            parts.append(
                f'<div class="ple-bp-line-label"{hidden} style="'
                f'position:absolute;{side};top:{y - top:.3f}in;z-index:3">'
                f"{escape(label)}</div>"
            )
    for card in layout.cards:
        parts.append(_card_html(layout, card, top))
    moments = "".join(
        f"<li><b>★ {m.number}</b> {escape(' '.join(m.lines))}</li>" for m in layout.moments
    )
    footer = (
        f'<div class="ple-bp-moments"><b>Moments that matter</b>'
        f'<ul style="list-style:none;padding-left:0">{moments}</ul></div>'
        if moments
        else ""
    )
    label = escape(f"Service blueprint of {layout.journey.name}")
    return (
        f'{STYLE}<section class="ple-blueprint" aria-label="{label}">'
        f'<div style="font-size:9.5pt">{escape(summary(layout.journey))}.</div>'
        f"{legend_html()}"
        f'<div class="ple-bp-canvas" style="width:{width:.3f}in;height:{height:.3f}in">'
        f"{''.join(parts)}</div>{footer}</section>"
    )


# -- drill down ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DetailLink:
    """A step told in more detail by another journey: the step's journey and the step."""

    journey_id: str
    journey_name: str
    step_id: str
    step_name: str


def detail_of(workspace: Workspace, journey: Journey, step_id: str | None) -> Journey | None:
    """The journey that tells ``step_id`` in more detail, when it names one that loaded."""
    step = next((s for s in journey.steps if s.id == step_id), None)
    if step is None or not step.detail:
        return None
    return workspace.journeys.get(step.detail)


def detailed_steps(workspace: Workspace, journey_id: str) -> list[DetailLink]:
    """The steps (of any journey) that ``journey_id`` tells in more detail: where a reader
    of the detailed journey goes back to."""
    return [
        DetailLink(parent.id, parent.name, step.id, step.name)
        for parent in sorted(workspace.journeys.values(), key=lambda j: j.id)
        for step in parent.steps
        if step.detail == journey_id
    ]


def blueprint_lines(workspace: Workspace, step: Step) -> list[str]:
    """The step's blueprint fields as lines of text for its details panel."""
    lines = []
    if step.moment_that_matters:
        lines.append(
            "Moment that matters" + (f": {step.moment_reason}" if step.moment_reason else "")
        )
    evidence = level_of(step.evidence)
    sources = (
        f" ({'; '.join(step.evidence.sources)})" if step.evidence and step.evidence.sources else ""
    )
    lines.append(f"Evidence: {evidence}{sources}")
    for touchpoint_id in step.touchpoints:
        touchpoint = workspace.touchpoints.get(touchpoint_id)
        lines.append(f"Touchpoint: {touchpoint.name if touchpoint else touchpoint_id}")
    for row, action in step.actions():
        agency = workspace.agency_label(action.agency or step.agency)
        system = f" (system: {action.system})" if action.system else ""
        lines.append(f"{row.capitalize()}: {agency}: {action.text}{system}")
    if step.detail:
        detail = workspace.journeys.get(step.detail)
        lines.append(f"In detail: {detail.name if detail else step.detail}")
    return lines
