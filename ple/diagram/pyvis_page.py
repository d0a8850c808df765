"""The one page pyvis still draws: the portfolio's agency network (vis-network).

Journeys are drawn on the canvas (:mod:`ple.diagram.canvas`); the agency network is a free
graph of agencies and handoff counts, which vis-network's own view serves well. pyvis is
unmaintained and has traps (see docs/decisions.md), so it is used only here, behind one
function, and its output is made safe and offline:

* every user text goes into tooltips as plain text (vis-network shows titles with
  ``innerText``), and the word ``href`` is broken with a zero-width space because
  pyvis switches tooltips to raw HTML whenever a title contains it;
* pyvis's ``heading`` (written unescaped) and ``set_options`` (strips spaces) are
  never used;
* vis-network is inlined and every ``<link>`` or ``<script src>`` pyvis adds
  (Bootstrap from a CDN, paths into a missing ``node_modules``) is removed, so the
  page makes no request at all;
* positions are given and physics is off, so the page appears at once and never wobbles;
* the page has a language, a ``<title>``, a main landmark and a text alternative for
  the canvas, and pyvis's empty ``<h1>`` headings are removed (axe-core checks this;
  see docs/accessibility.md).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping
from typing import Any

_EXTERNAL = re.compile(r"<link\b[^>]*>|<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.IGNORECASE)
_HREF = re.compile("href", re.IGNORECASE)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
BOX_HALF_WIDTH, BOX_HALF_HEIGHT = 100, 40


def safe_text(text: str) -> str:
    """User text for a tooltip: plain, with ``href`` broken (see the module docstring)."""
    return _HREF.sub(lambda m: m[0][0] + "\u200b" + m[0][1:], text)


def wrap_label(text: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(text, width=width, max_lines=3, placeholder="…")) or text


def roundness(placements: Mapping, source: str, target: str, shown: set[str]) -> float:
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


def render_page(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], height: int, title: str
) -> str:
    from pyvis.network import Network  # imports IPython: only when a diagram is drawn

    network = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    network.options = {
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "navigationButtons": True,
            "keyboard": True,
            "multiselect": False,
            "tooltipDelay": 150,
        },
        "edges": {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15}},
        "nodes": {"widthConstraint": {"maximum": 190}},
    }
    for node in nodes:
        network.add_node(node.pop("id"), **node)
    for edge in edges:
        network.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    page = _EMPTY_HEADING.sub("", _EXTERNAL.sub("", network.generate_html()))
    name = html.escape(title)
    page = (
        page.replace("<html>", '<html lang="en">', 1)
        .replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n<title>{name}</title>', 1)
        .replace('<div class="card"', '<div role="main" class="card"', 1)
        .replace(
            '<div id="mynetwork"',
            f'<div role="img" aria-label="{name}. The page lists the same steps and '
            'handoffs as text." id="mynetwork"',
            1,
        )
    )
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
