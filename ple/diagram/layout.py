"""Where each step of a journey goes in a diagram: lane by agency, column by order.

Positions are computed here, not by the browser's physics, so a 500-step
journey is drawn at once and lays out the same way every time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ple.graph.order import step_depths
from ple.model import Journey

COLUMN_WIDTH = 210
LANE_HEIGHT = 170
STACK_OFFSET = 95
"""Vertical offset between steps that share a lane and a column (parallel branches)."""


@dataclass(frozen=True)
class Placement:
    """A step's position and its lane."""

    x: int
    y: int
    lane: int
    column: int


def lanes(journey: Journey) -> list[str]:
    """Agencies in the order they first appear in the journey: one lane each."""
    return list(dict.fromkeys(step.agency for step in journey.steps))


def place_steps(journey: Journey) -> dict[str, Placement]:
    """Position of every step: x by its column (moves from the start), y by agency lane.

    Steps that share a lane and a column (parallel branches at one agency) stack
    downwards, and a lane grows to hold its tallest stack, so nothing overlaps.
    """
    depth = step_depths(journey)
    lane_of = {agency: i for i, agency in enumerate(lanes(journey))}
    slots: dict[str, int] = {}
    stacked: defaultdict[tuple[int, int], int] = defaultdict(int)
    for step in journey.steps:
        cell = (lane_of[step.agency], depth[step.id])
        slots[step.id] = stacked[cell]
        stacked[cell] += 1
    tallest = defaultdict(int)
    for (lane, _), count in stacked.items():
        tallest[lane] = max(tallest[lane], count)
    top, lane_top = 0, {}
    for lane in range(len(lane_of)):
        lane_top[lane] = top
        top += LANE_HEIGHT + (tallest[lane] - 1) * STACK_OFFSET
    return {
        step.id: Placement(
            x=depth[step.id] * COLUMN_WIDTH,
            y=lane_top[lane_of[step.agency]] + slots[step.id] * STACK_OFFSET,
            lane=lane_of[step.agency],
            column=depth[step.id],
        )
        for step in journey.steps
    }
