"""Colours, line styles and words for diagrams, shared by every picture we draw.

Agencies get colours from the Okabe-Ito palette, which stays distinguishable for the
common kinds of colour blindness; the colour belongs to the agency, never to a lane's
place. Handoff types never rely on colour alone: each has its own line pattern and a word
on the edge.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ple.model import Workspace

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
"""Orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black."""

EXTRA = ("#999999", "#882255", "#44AA99", "#DDCC77", "#117733", "#332288", "#AA4499", "#88CCEE")
"""Used after the first eight agencies (Paul Tol's muted palette)."""


PALETTE = tuple(c for c in OKABE_ITO + EXTRA if c != "#000000")
"""The colours agencies are given by id: black is left to a catalog's own choice, since a
black box outweighs every other on the map."""


def agency_colours(workspace: Workspace) -> dict[str, str]:
    """The colour of every agency of the workspace: its own ``colour`` when the catalog
    gives one, else the palette colour its id picks. It depends on the agency alone, so
    it is the same on every page, export and journey, and adding a journey or an agency
    never changes another agency's colour (last week's printed map still matches). Two
    agencies of one journey may pick the same colour; the catalog's ``colour`` settles it
    (the bundled catalog sets one for every agency its journeys share)."""
    return {
        agency.id: agency.colour.upper() if agency.colour else colour_by_id(agency.id)
        for agency in workspace.agencies.values()
    }


def colour_by_id(agency_id: str) -> str:
    """The palette colour an agency's id picks (also for an agency the catalog lacks)."""
    return PALETTE[zlib.crc32(agency_id.encode("utf-8")) % len(PALETTE)]


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (amount 1 is white): a lane's pale background."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG contrast)."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


@dataclass(frozen=True)
class EdgeStyle:
    """How a kind of move between steps is drawn."""

    label: str
    colour: str
    dashes: tuple[int, ...]
    """Empty for a solid line; else dash and gap lengths in pixels."""
    width: float
    meaning: str


HANDOFF_STYLES: dict[str, EdgeStyle] = {
    "automatic": EdgeStyle(
        "automatic", "#009E73", (), 2.5, "data flows; the customer does nothing"
    ),
    "warm": EdgeStyle(
        "warm", "#0072B2", (12, 3), 2.5, "the agency connects the customer, with context"
    ),
    "referral": EdgeStyle("referral", "#C17F00", (8, 6), 2.5, "the customer is told where to go"),
    "cold": EdgeStyle(
        "cold", "#D55E00", (2, 5), 3.0, "the customer must find the next agency alone"
    ),
    "undocumented": EdgeStyle(
        "undocumented", "#666666", (4, 4), 2.0, "changes agency; how is not described"
    ),
}
"""Cross-agency moves, best first; the key is the handoff type (or ``undocumented``)."""

WITHIN_AGENCY = EdgeStyle("", "#555555", (), 1.5, "next step at the same agency")

REMOVED_MOVE = EdgeStyle(
    "removed", "#6B6B6B", (2, 5), 1.5, "a move the proposed journey drops (grey, dotted)"
)
REMOVED_FILL = "#E0E0E0"
"""The box of a step a proposed journey drops."""
