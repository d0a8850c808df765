"""An interactive journey diagram as one self-contained HTML page (vis-network via pyvis).

pyvis is unmaintained and has traps (see docs/decisions.md), so it is used only
here, behind one function, and its output is made safe and offline:

* every user text goes into tooltips as plain text (vis-network shows titles with
  ``innerText``), and the word ``href`` is broken with a zero-width space because
  pyvis switches tooltips to raw HTML whenever a title contains it;
* pyvis's ``heading`` (written unescaped) and ``set_options`` (strips spaces) are
  never used;
* vis-network is inlined and every ``<link>`` or ``<script src>`` pyvis adds
  (Bootstrap from a CDN, paths into a missing ``node_modules``) is removed, so the
  page makes no request at all;
* positions come from :mod:`ple.diagram.layout` and physics is off, so 500 steps
  appear at once and never wobble;
* the page has a language, a ``<title>``, a main landmark and a text alternative for
  the canvas, and pyvis's empty ``<h1>`` headings are removed (axe-core checks this;
  see docs/accessibility.md).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ple.diagram.layout import COLUMN_WIDTH, LANE_HEIGHT, lanes, place_steps
from ple.diagram.style import HANDOFF_STYLES, WITHIN_AGENCY, agency_colours, text_colour
from ple.model import Journey, Step, Workspace


@dataclass(frozen=True)
class StepMark:
    """A word on a step's box, and a border, that say something about the step.

    Marks never rely on colour: the ``label`` is written on the box (and in its tooltip,
    with the ``note``), and the border is thick and solid, or dashed when ``dashed``.
    """

    label: str
    note: str = ""
    dashed: bool = False


MAX_STEPS_DRAWN = 500
"""Above this many steps the diagram shows agency-to-agency handoff counts instead."""

_EXTERNAL = re.compile(r"<link\b[^>]*>|<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.IGNORECASE)
_HREF = re.compile("href", re.IGNORECASE)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")


def safe_text(text: str) -> str:
    """User text for a tooltip: plain, with ``href`` broken (see the module docstring)."""
    return _HREF.sub(lambda m: m[0][0] + "\u200b" + m[0][1:], text)


def _wrap(text: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(text, width=width, max_lines=3, placeholder="…")) or text


def _burden_text(step: Step) -> str:
    burden = step.burden
    if burden is None:
        return "not recorded"
    parts = [
        f"{burden.minutes:g} min" if burden.minutes is not None else None,
        f"wait {burden.wait_days:g} days" if burden.wait_days is not None else None,
        f"${burden.cost_usd:,.2f}" if burden.cost_usd is not None else None,
        f"{burden.visits} visits" if burden.visits is not None else None,
    ]
    return ", ".join(p for p in parts if p) or "not recorded"


def _measures_text(step: Step) -> str | None:
    """A-11 survey scores, e.g. "A-11 scores (1-5): satisfaction 4.1, trust 3.8"."""
    if step.measures is None:
        return None
    scores = step.measures.model_dump(exclude_none=True)
    return "A-11 scores (1-5): " + ", ".join(f"{k} {v:g}" for k, v in scores.items())


def step_tooltip(workspace: Workspace, journey: Journey, step: Step, findings: int) -> str:
    """Everything a facilitator wants on hover, as plain text lines."""
    agency = workspace.agencies[step.agency]
    stage = next((s.name for s in journey.stages if s.id == step.stage), None)
    program = workspace.programs[step.program].name if step.program else None
    lines = [
        step.name,
        f"Agency: {agency.name}" + (f" ({agency.acronym})" if agency.acronym else ""),
        f"Program: {program}" if program else None,
        f"Stage: {stage}" if stage else None,
        "Channels: " + (", ".join(c.value.replace("_", " ") for c in step.channels)
                        if step.channels is not None else "not recorded"),
        "Languages: " + (", ".join(step.languages) if step.languages is not None
                         else "not recorded"),
        f"Burden: {_burden_text(step)}",
        "Asks for: " + ", ".join(workspace.data_items[i].name for i in step.requests)
        if step.requests else None,
        *(f"Pain point: {p}" for p in step.pain_points),
        _measures_text(step),
        f"Gap findings: {findings}" if findings else None,
    ]
    return safe_text("\n".join(line for line in lines if line))


def journey_html(
    workspace: Workspace,
    journey_id: str,
    *,
    visible: Collection[str] | None = None,
    highlight: Collection[tuple[str, str]] = (),
    finding_counts: Mapping[str, int] | None = None,
    marks: Mapping[str, StepMark] | None = None,
    height: int = 620,
) -> str:
    """The journey (or its ``visible`` steps) as a self-contained interactive page.

    ``highlight`` names transitions (from, to) to draw thick, e.g. a handoff query's
    answer; ``finding_counts`` marks steps with gap findings; ``marks`` writes a word on
    steps (the equity walk's blocked and lost steps).
    """
    journey = workspace.journeys[journey_id]
    shown = [s for s in journey.steps if visible is None or s.id in set(visible)]
    if len(shown) > MAX_STEPS_DRAWN:
        return agency_flow_html(workspace, journey, shown, height=height)
    counts = finding_counts or {}
    placements = place_steps(journey)
    colours = agency_colours(lanes(journey))
    highlighted = set(highlight)
    agency_of = {s.id: s.agency for s in journey.steps}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for step in shown:
        where, colour = placements[step.id], colours[step.agency]
        marker = f"⚠ {counts[step.id]}\n" if counts.get(step.id) else ""
        mark = (marks or {}).get(step.id)
        if mark is not None:
            marker = f"{mark.label}\n" + marker
        tooltip = step_tooltip(workspace, journey, step, counts.get(step.id, 0))
        if mark is not None:
            tooltip = safe_text(f"{mark.label}: {mark.note}\n") + tooltip
        flagged = bool(counts.get(step.id)) or mark is not None
        dashed = mark.dashed if mark is not None else bool(counts.get(step.id))
        nodes.append({
            "id": step.id, "label": marker + _wrap(step.name), "x": where.x, "y": where.y,
            "shape": "box", "physics": False, "margin": 10,
            "title": tooltip,
            "color": {"background": colour, "border": "#222222",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "font": {"color": text_colour(colour), "face": "sans-serif", "size": 15},
            "borderWidth": (3 if dashed else 6) if mark is not None else (4 if flagged else 1),
            "shapeProperties": {"borderDashes": [6, 3] if dashed else False},
        })
    ids = {s.id for s in shown}
    for step in shown:
        for transition in step.next:
            if transition.to not in ids:
                continue
            crossing = agency_of[transition.to] != step.agency
            kind = (transition.handoff.type.value if transition.handoff else "undocumented")
            style = HANDOFF_STYLES[kind] if crossing else WITHIN_AGENCY
            thick = (step.id, transition.to) in highlighted
            tip = f"{style.label} handoff: {style.meaning}" if crossing else style.meaning
            if transition.condition:
                tip += f"\nWhen: {transition.condition}"
            edges.append({
                "from": step.id, "to": transition.to, "arrows": "to",
                "label": style.label, "title": safe_text(tip),
                "color": {"color": style.colour, "highlight": style.colour},
                "dashes": list(style.dashes) or False,
                "width": style.width * (2.5 if thick else 1),
                "font": {"size": 13, "strokeWidth": 4, "strokeColor": "#ffffff"},
                "smooth": {"enabled": True, "type": "curvedCW",
                           "roundness": _roundness(placements, step.id, transition.to, ids)},
            })
    nodes += _lane_and_stage_labels(workspace, journey, shown, placements)
    return _render(nodes, edges, height, f"Diagram of the journey {journey.name}")


BOX_HALF_WIDTH, BOX_HALF_HEIGHT = 100, 40
"""About half a step box, for telling whether a line would run behind one."""


def _roundness(placements: Mapping, source: str, target: str, shown: set[str]) -> float:
    """How far an edge bows: a little, or a lot when the straight line would run behind
    another step and so seem to connect it (a move that does not exist)."""
    start, end = placements[source], placements[target]
    for other in shown - {source, target}:
        box = placements[other]
        for k in range(1, 20):
            x = start.x + (end.x - start.x) * k / 20
            y = start.y + (end.y - start.y) * k / 20
            if abs(x - box.x) < BOX_HALF_WIDTH and abs(y - box.y) < BOX_HALF_HEIGHT:
                return 0.45
    return 0.15


def _lane_and_stage_labels(
    workspace: Workspace, journey: Journey, shown: list[Step], placements: dict
) -> list[dict]:
    """Text nodes naming each agency lane (left) and each stage (above its first column;
    stages that start in the same column are stacked)."""
    labels = []
    lane_y: dict[str, int] = {}
    for step in shown:
        y = placements[step.id].y
        lane_y[step.agency] = min(lane_y.get(step.agency, y), y)
    for agency, y in lane_y.items():
        labels.append({"id": f"lane:{agency}",
                       "label": _wrap(safe_text(workspace.agency_label(agency)), 16),
                       "shape": "text",
                       "x": -COLUMN_WIDTH, "y": y, "physics": False,
                       "font": {"size": 18, "face": "sans-serif", "color": "#222222"}})
    first_x: dict[str, int] = {}
    for step in shown:
        if step.stage:
            x = placements[step.id].x
            first_x[step.stage] = min(first_x.get(step.stage, x), x)
    names = {s.id: s.name for s in journey.stages}
    in_column: Counter[int] = Counter()
    for stage, x in first_x.items():
        row = in_column[x]
        in_column[x] += 1
        labels.append({"id": f"stage:{stage}", "label": _wrap(safe_text(names[stage]), 24),
                       "shape": "text", "x": x, "y": -LANE_HEIGHT // 2 - 20 - 45 * row,
                       "physics": False,
                       "font": {"size": 17, "face": "sans-serif", "color": "#444444",
                                "bold": True}})
    return labels


def agency_flow_html(
    workspace: Workspace, journey: Journey, shown: list[Step], *, height: int = 620
) -> str:
    """Agencies as nodes and handoff counts by type as edges: for journeys too big to draw."""
    ids = {s.id for s in shown}
    agency_of = {s.id: s.agency for s in journey.steps}
    flows: Counter[tuple[str, str, str]] = Counter()
    for step in shown:
        for t in step.next:
            if t.to in ids and agency_of[t.to] != step.agency:
                flows[(step.agency, agency_of[t.to],
                       t.handoff.type.value if t.handoff else "undocumented")] += 1
    agencies = list(dict.fromkeys(s.agency for s in shown))
    colours = agency_colours(agencies)
    nodes = [{"id": a, "label": workspace.agency_label(a), "shape": "box", "physics": False,
              "x": (i % 6) * COLUMN_WIDTH * 1.5, "y": (i // 6) * LANE_HEIGHT * 1.5,
              "color": colours[a], "font": {"color": text_colour(colours[a]), "size": 16},
              "title": safe_text(workspace.agencies[a].name)}
             for i, a in enumerate(agencies)]
    edges = [{"from": a, "to": b, "arrows": "to", "label": f"{kind} × {n}",
              "title": f"{n} {kind} handoffs", "width": 1 + min(n, 20) / 4,
              "color": HANDOFF_STYLES[kind].colour,
              "dashes": list(HANDOFF_STYLES[kind].dashes) or False}
             for (a, b, kind), n in sorted(flows.items())]
    return _render(nodes, edges, height, f"Handoffs between agencies in {journey.name}")


def _render(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], height: int, title: str
) -> str:
    from pyvis.network import Network  # imports IPython: only when a diagram is drawn

    network = Network(height=f"{height}px", width="100%", directed=True,
                      cdn_resources="in_line")
    network.options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "navigationButtons": True, "keyboard": True,
                        "multiselect": False, "tooltipDelay": 150},
        "edges": {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15}},
        "nodes": {"widthConstraint": {"maximum": 190}},
    }
    for node in nodes:
        network.add_node(node.pop("id"), **node)
    for edge in edges:
        network.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    page = _EMPTY_HEADING.sub("", _EXTERNAL.sub("", network.generate_html()))
    name = html.escape(title)
    page = (page
            .replace("<html>", '<html lang="en">', 1)
            .replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n<title>{name}</title>', 1)
            .replace('<div class="card"', '<div role="main" class="card"', 1)
            .replace('<div id="mynetwork"',
                     f'<div role="img" aria-label="{name}. The page lists the same steps and '
                     'handoffs as text." id="mynetwork"', 1))
    body, end, rest = page.rpartition("</body>")
    return body + _NAME_THE_FOCUSABLE_CANVAS + _START_READABLE + end + rest


_NAME_THE_FOCUSABLE_CANVAS = """<script>
// vis-network's canvas frame is the one keyboard stop (arrows pan, +/- zoom): give it the
// diagram's role and name, so a screen reader says what has focus.
(function () {
  var box = document.getElementById("mynetwork");
  var stop = box && box.querySelector(".vis-network");
  if (!stop) return;
  stop.setAttribute("role", "img");
  stop.setAttribute("aria-label", box.getAttribute("aria-label"));
  box.removeAttribute("role");
  box.removeAttribute("aria-label");
})();
</script>
"""

_START_READABLE = """<script>
// vis-network fits the whole journey into the frame, which makes a long journey's labels
// too small to read on a projector. Start instead at a readable scale at the journey's
// start (the left); the buttons, the mouse wheel and the keyboard zoom out to see it all.
(function () {
  if (typeof network === "undefined") return;
  function startReadable() {
    var readable = 0.8;
    if (network.getScale() >= readable) return;
    var frame = document.getElementById("mynetwork");
    var ids = network.body.data.nodes.getIds();
    var left = Infinity, top = Infinity, bottom = -Infinity;
    ids.forEach(function (id) {
      var p = network.getPositions([id])[id];
      left = Math.min(left, p.x); top = Math.min(top, p.y); bottom = Math.max(bottom, p.y);
    });
    var halfWidth = frame.clientWidth / 2 / readable;
    var halfHeight = frame.clientHeight / 2 / readable;
    network.moveTo({scale: readable, position: {
      x: left - 110 + halfWidth,
      y: Math.min((top + bottom) / 2, top - 60 + halfHeight)}});
  }
  // After vis-network's own first fit (it may already have drawn by now).
  window.setTimeout(startReadable, 0);
})();
</script>
"""
