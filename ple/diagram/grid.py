"""Which lane, stage column and row each step of a journey sketch takes.

A journey map is a grid: one lane per agency, top to bottom, and the stages left to right,
each stage as wide as its steps need. Inside a stage a step sits one column to the right
of the steps of that stage it follows (the longest run of moves within the stage, loops
cut), so the flow reads left to right and a stage's columns never mix with another's.
Steps that share a lane and a column (parallel branches at one agency) stack in rows.
An empty stage still has a column, and an empty lane a row: both are places to put a
step. Steps that name no stage go into a last group, "No stage"; a journey without stages
is that group alone, its columns the moves from the start.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ple.diagram.sketch import NO_STAGE, JourneySketch
from ple.graph.order import depths

NO_STAGE_NAME = "No stage"


@dataclass(frozen=True)
class Cell:
    lane: int
    column: int
    slot: int
    """Place in the stack of steps that share the lane and the column, from the top."""


@dataclass(frozen=True)
class StageColumns:
    """A stage and the columns it spans, ``first`` to ``last`` inclusive."""

    id: str
    name: str
    first: int
    last: int


@dataclass(frozen=True)
class Grid:
    cells: dict[str, Cell]
    stages: list[StageColumns]
    columns: int
    rows_per_lane: list[int]
    """How many rows each lane has: its tallest stack, at least one."""

    def stage_of_column(self, column: int) -> str:
        return next(s.id for s in self.stages if s.first <= column <= s.last)


def grid(sketch: JourneySketch) -> Grid:
    lane_of = {lane.agency: index for index, lane in enumerate(sketch.lanes)}
    known = {stage_id for stage_id, _ in sketch.stages}
    groups: dict[str, list[str]] = {stage_id: [] for stage_id, _ in sketch.stages}
    for step in sketch.steps:
        groups.setdefault(step.stage if step.stage in known else NO_STAGE, []).append(step.id)
    names = dict(sketch.stages)
    following = {step.id: [move.to for move in step.next] for step in sketch.steps}
    column_of: dict[str, int] = {}
    stages: list[StageColumns] = []
    first = 0
    for stage_id, members in groups.items():
        local = depths(members, following, list(sketch.entry)) if members else {}
        width = max(local.values(), default=0) + 1
        column_of.update({step: first + depth for step, depth in local.items()})
        stages.append(
            StageColumns(stage_id, names.get(stage_id, NO_STAGE_NAME), first, first + width - 1)
        )
        first += width
    stacked: defaultdict[tuple[int, int], int] = defaultdict(int)
    cells = {}
    for step in sketch.steps:
        lane = lane_of[step.agency]
        cells[step.id] = Cell(lane, column_of[step.id], stacked[(lane, column_of[step.id])])
        stacked[(lane, column_of[step.id])] += 1
    rows = [1] * len(sketch.lanes)
    for (lane, _), count in stacked.items():
        rows[lane] = max(rows[lane], count)
    return Grid(cells, stages, max(first, 1), rows)
