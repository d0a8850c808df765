"""Legend entries for a journey's diagram, as small escaped HTML fragments.

The app's Journey page and the exported HTML page show the same legends; each
entry is a colour swatch or a line sample (drawn in the diagram's own style) and
its words, with every piece of user text HTML-escaped (the app, which shows them as
Markdown with HTML allowed, passes :func:`ple.views.markdown.markdown_text` instead, which
escapes Markdown as well).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ple.diagram.sketch import lanes_in_order
from ple.diagram.style import HANDOFF_STYLES, EdgeStyle, agency_colours
from ple.model import Journey, Workspace

_SAMPLE = "display:inline-block;vertical-align:middle;margin-right:.4em;"


def _css_line(style: EdgeStyle) -> str:
    """The CSS border pattern closest to the diagram's dashes."""
    if not style.dashes:
        return "solid"
    return "dashed" if style.dashes[0] > 3 else "dotted"


def agency_legend(
    workspace: Workspace,
    journey: Journey,
    *,
    full_names: bool = False,
    text: Callable[[str], str] = escape,
) -> list[str]:
    """One entry per agency lane: its colour and its label (and full name if asked), each
    name written by ``text``."""
    entries = []
    colours = agency_colours(workspace)
    for agency in lanes_in_order(s.agency for s in journey.steps):
        colour = colours[agency]
        words = text(workspace.agency_label(agency))
        if full_names:
            words += f": {text(workspace.agencies[agency].name)}"
        entries.append(
            f"<span style='{_SAMPLE}width:1em;height:1em;background:{colour};"
            f"border:1px solid #222'></span>{words}"
        )
    return entries


def handoff_legend() -> list[str]:
    """One entry per handoff type: a line sample and what the type means."""
    return [
        f"<span style='{_SAMPLE}width:2.5em;border-top:3px {_css_line(s)} {s.colour}'>"
        f"</span><strong>{escape(s.label)}</strong>: {escape(s.meaning)}"
        for s in HANDOFF_STYLES.values()
    ]
