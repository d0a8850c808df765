"""The agency network of a portfolio as an interactive, self-contained diagram.

Agencies are boxes, labelled with how many life experiences they take part in; each
handoff type between two agencies is its own arrow, as thick as it is frequent, in the
type's line pattern and with its type and count written on it (colour is never the only
cue). Agencies stand in one column per life experience, under the one where they run the
most steps, so the picture reads like the portfolio and is the same on every run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ple.diagram.pyvis_page import render_page, roundness, safe_text, wrap_label
from ple.diagram.style import HANDOFF_STYLES, colour_by_id, text_colour
from ple.portfolio import AgencyNetwork

COLUMN = 250
ROW = 115


@dataclass(frozen=True)
class Point:
    x: int
    y: int


def positions(network: AgencyNetwork) -> dict[str, Point]:
    """Where each agency goes: one column per life experience, each agency under the one
    where it runs the most steps, the agencies in the most life experiences on top."""
    columns = list(network.life_experience_names)
    filled: Counter[str] = Counter()
    where = {}
    for node in network.nodes:  # already sorted: widest reach first
        where[node.agency] = Point(columns.index(node.home) * COLUMN, filled[node.home] * ROW)
        filled[node.home] += 1
    return where


def network_html(
    network: AgencyNetwork,
    *,
    height: int = 640,
    title: str | None = None,
    colours: Mapping[str, str] | None = None,
) -> str:
    """The network as one self-contained HTML page (vis-network inlined, no request);
    ``colours`` are the workspace's agency colours (:func:`agency_colours`)."""
    where = positions(network)
    colours = {
        n.agency: (colours or {}).get(n.agency) or colour_by_id(n.agency) for n in network.nodes
    }
    nodes: list[dict[str, Any]] = []
    for node in network.nodes:
        colour = colours[node.agency]
        count = len(node.life_experiences)
        nodes.append(
            {
                "id": node.agency,
                "x": where[node.agency].x,
                "y": where[node.agency].y,
                "shape": "box",
                "physics": False,
                "margin": 10,
                "label": f"{wrap_label(safe_text(node.label), 18)}\n{count} life "
                f"experience{'s' if count != 1 else ''}",
                "title": safe_text(
                    f"{node.name}\n{node.steps} step(s) in: " + ", ".join(node.life_experiences)
                ),
                "color": {
                    "background": colour,
                    "border": "#222222",
                    "highlight": {"background": colour, "border": "#000000"},
                    "hover": {"background": colour, "border": "#000000"},
                },
                "font": {"color": text_colour(colour), "face": "sans-serif", "size": 15},
                "borderWidth": 1,
            }
        )
    seen: Counter[frozenset[str]] = Counter()
    edges: list[dict[str, Any]] = []
    for edge in network.edges:
        style = HANDOFF_STYLES[edge.type]
        pair = frozenset((edge.source, edge.target))
        # bow around boxes in the way (gently across columns, where a strong bow would
        # throw a long arc off the picture); several types between two agencies fan out
        bend = roundness(where, edge.source, edge.target, set(where))
        if where[edge.source].x != where[edge.target].x:
            bend = min(bend, 0.2)
        bend += 0.14 * seen[pair]
        seen[pair] += 1
        label = f"{edge.type} ×{edge.handoffs}"
        edges.append(
            {
                "from": edge.source,
                "to": edge.target,
                "arrows": "to",
                "label": label,
                "title": safe_text(
                    f"{edge.handoffs} {edge.type} handoff(s): {style.meaning}\n"
                    "In: " + ", ".join(edge.journeys)
                ),
                "color": {"color": style.colour, "highlight": style.colour},
                "dashes": list(style.dashes) or False,
                "width": style.width + min(edge.handoffs, 8) * 0.8,
                "font": {"size": 13, "strokeWidth": 4, "strokeColor": "#ffffff"},
                "smooth": {"enabled": True, "type": "curvedCW", "roundness": bend},
            }
        )
    nodes += [
        {
            "id": f"column:{experience}",
            "label": wrap_label(safe_text(name), 26),
            "shape": "text",
            "physics": False,
            "x": index * COLUMN,
            "y": -ROW,
            "font": {"size": 17, "face": "sans-serif", "color": "#222222", "bold": True},
        }
        for index, (experience, name) in enumerate(network.life_experience_names.items())
    ]
    return render_page(
        nodes,
        edges,
        height,
        title
        or f"Agency network: {len(network.nodes)} agencies, "
        f"{sum(e.handoffs for e in network.edges)} handoffs",
    )
