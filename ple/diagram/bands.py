"""A long journey's printed map folded into bands stacked down one page.

One row of stage columns makes a long journey a wall map: at 8 pt the Benefit Finder's
journeys needed A0. Folded, each band is a run of consecutive columns laid out as a map of
its own (:class:`ple.diagram.swimlane.SwimlaneLayout` over a sub-sketch): every lane, with
its title, on every band; the stages over their columns; the title, legend and pain points
once for the page (:class:`ple.diagram.swimlane.MapFrame`).

A move between two bands is never a line across the page. It leaves its step into an
*exit* box at the right edge of its band, in the step's lane ("Continues in band 2 at
“Apply”"), and arrives from an *entry* box at the left edge of the other band, in the
target's lane ("From band 1: “Gather records”"); both arrows are drawn as the move is,
and both boxes name its handoff type. The connector boxes are steps of the band's sketch,
so they are laid out and routed as boxes are, and the arrows keep to the gaps.

Bands are cut at stage boundaries; a stage wider than the page is cut too, its name then
repeated over each part ("(continues)", "(continued)"; :func:`cut_candidates`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from ple.diagram.grid import Cell, Grid, StageColumns
from ple.diagram.sketch import JourneySketch, Move, StepSketch
from ple.diagram.swimlane import (
    GAP,
    LANE_LABEL_W,
    MARGIN,
    TEXT_PT,
    MapFrame,
    SwimlaneLayout,
    handoff_kind,
)
from ple.diagram.text import flat, line_height

MAX_BANDS = 3
"""A workshop reads two or three bands; more would make a page of strips."""
BAND_GAP = 0.3
"""Between two bands, where the rule that parts them runs."""
CONNECTOR_FILL = "#FFFFFF"
EXIT, ENTRY = "exit", "entry"


@dataclass(frozen=True)
class Connector:
    """One end of a move between bands: a box in ``band`` (0-based) standing for ``step``
    of band ``other``. ``side`` is :data:`EXIT` (the move leaves ``band`` to ``step``) or
    :data:`ENTRY` (it arrives in ``band`` from ``step``)."""

    id: str
    side: str
    band: int
    other: int
    step: str
    move: tuple[str, str]
    """(from step, to step) of the move it is an end of."""


def column_ranges(columns: int, cuts: tuple[int, ...]) -> list[tuple[int, int]]:
    """The first and last column of each band, for bands starting at 0 and at ``cuts``."""
    starts = [0, *cuts]
    ends = [c - 1 for c in cuts] + [columns - 1]
    return list(zip(starts, ends, strict=True))


def cut_candidates(cells: Grid, bands: int) -> list[tuple[int, ...]]:
    """The ways worth trying of cutting the map into ``bands`` bands: the most even cut at
    stage boundaries, and (when a stage is wider than the others together allow) the most
    even cut at any column, with as few cuts inside a stage as that allows."""
    boundaries = [stage.first for stage in cells.stages[1:]]
    inside = {c for stage in cells.stages for c in range(stage.first + 1, stage.last + 1)}

    def widest(cuts: tuple[int, ...]) -> int:
        return max(last - first + 1 for first, last in column_ranges(cells.columns, cuts))

    found: list[tuple[int, ...]] = []
    at_stages = list(itertools.combinations(boundaries, bands - 1))
    if at_stages:
        found.append(min(at_stages, key=widest))
    anywhere = list(itertools.combinations(range(1, cells.columns), bands - 1))
    if anywhere:
        best = min(anywhere, key=lambda cuts: (widest(cuts), len(inside & set(cuts))))
        if best not in found:
            found.append(best)
    return found


def _handoff_words(source: StepSketch, target: StepSketch, move: Move) -> str:
    """A move's handoff type, said in its connector box: the stub to the band's edge is too
    short to carry the word, and both ends should say it."""
    if source.agency == target.agency:
        return ""
    return f" ({move.label or handoff_kind(move.handoff)} handoff)"


class FoldedLayout(MapFrame):
    """A journey's printed map in bands: ``bands`` laid out one under the other below the
    header, with boxes ``box_w`` inches wide; ``cuts`` are the first columns (of the whole
    journey's grid) of the second band on. :meth:`route` routes every band's arrows."""

    extra_legend = (
        ("band", None, "other band", "the move goes on in another band; the box names where"),
    )

    def __init__(
        self, sketch: JourneySketch, box_w: float, cells: Grid, cuts: tuple[int, ...]
    ) -> None:
        self.sketch, self.box_w, self.with_header = sketch, box_w, True
        self.cuts = cuts
        self.ranges = column_ranges(cells.columns, cuts)
        band_of = {
            step.id: next(
                i for i, (a, b) in enumerate(self.ranges) if a <= cells.cells[step.id].column <= b
            )
            for step in sketch.steps
        }
        self.connectors: dict[str, Connector] = {}
        parts = [
            self._band_sketch(sketch, cells, band_of, index) for index in range(len(self.ranges))
        ]
        widths = [
            MARGIN + LANE_LABEL_W + GAP + grid.columns * (box_w + GAP) + MARGIN for _, grid in parts
        ]
        self.width = max(*widths, 8.0)
        self._header()
        self.heading_h = line_height(TEXT_PT + 1)
        self.bands: list[SwimlaneLayout] = []
        self.band_tops: list[float] = []
        y = self.header_bottom + 0.12
        for part, grid in parts:
            self.band_tops.append(y)
            band = SwimlaneLayout(part, box_w, header=False, cells=grid, top=y + self.heading_h)
            self.bands.append(band)
            y = band.sentiment_bottom + BAND_GAP
        self._number_pain_points()
        self.sentiment_bottom = self.bands[-1].sentiment_bottom
        self._footer()
        self.height = self.footer_bottom + MARGIN

    @staticmethod
    def narrowest_width(box_w: float, cells: Grid, cuts: tuple[int, ...]) -> float:
        """The least width the bands of ``cuts`` can have (without their connector
        columns), worked out without laying them out."""
        widest = max(last - first + 1 for first, last in column_ranges(cells.columns, cuts))
        return MARGIN + LANE_LABEL_W + GAP + widest * (box_w + GAP) + MARGIN

    def _band_sketch(
        self, sketch: JourneySketch, cells: Grid, band_of: dict[str, int], index: int
    ) -> tuple[JourneySketch, Grid]:
        """Band ``index`` as a sketch of its own, with its connector boxes, and its grid:
        the whole journey's columns in its range, an entry column before them when moves
        arrive from other bands and an exit column after them when moves leave."""
        first, last = self.ranges[index]
        by_id = {step.id: step for step in sketch.steps}
        lane_of = {lane.agency: i for i, lane in enumerate(sketch.lanes)}
        mine = [step for step in sketch.steps if band_of[step.id] == index]
        entries: list[StepSketch] = []
        entry_lanes: list[int] = []
        for step in sketch.steps:
            for move in step.next:
                target = by_id.get(move.to)
                if target is None or band_of[target.id] != index or band_of[step.id] == index:
                    continue
                ident = f"\x1fentry-{index}-{len(entries)}"
                words = f"From band {band_of[step.id] + 1}: “{flat(step.name)}”"
                words += _handoff_words(step, target, move)
                entries.append(
                    StepSketch(
                        ident,
                        words,
                        step.agency,
                        next=(replace(move, label=""),),
                        fill=CONNECTOR_FILL,
                    )
                )
                entry_lanes.append(lane_of[target.agency])
                self.connectors[ident] = Connector(
                    ident, ENTRY, index, band_of[step.id], step.id, (step.id, target.id)
                )
        lead = 1 if entries else 0
        exits: list[StepSketch] = []
        exit_lanes: list[int] = []
        steps: list[StepSketch] = []
        for step in mine:
            moves: list[Move] = []
            for move in step.next:
                target = by_id.get(move.to)
                if target is None or band_of[target.id] == index:
                    moves.append(move)
                    continue
                ident = f"\x1fexit-{index}-{len(exits)}"
                other = band_of[target.id]
                where = "Continues in" if other > index else "Goes back to"
                words = f"{where} band {other + 1} at “{flat(target.name)}”"
                words += _handoff_words(step, target, move)
                exits.append(StepSketch(ident, words, target.agency, fill=CONNECTOR_FILL))
                exit_lanes.append(lane_of[step.agency])
                moves.append(replace(move, to=ident, label=""))
                self.connectors[ident] = Connector(
                    ident, EXIT, index, other, target.id, (step.id, target.id)
                )
            steps.append(replace(step, next=tuple(moves)))
        exit_column = lead + last - first + 1
        placed: dict[str, Cell] = {}
        stacked: dict[tuple[int, int], int] = {}
        for step in mine:
            cell = cells.cells[step.id]
            placed[step.id] = Cell(cell.lane, cell.column - first + lead, cell.slot)
            key = (cell.lane, cell.column - first + lead)
            stacked[key] = max(stacked.get(key, 0), cell.slot + 1)
        for connectors, lanes, column in (
            (entries, entry_lanes, 0),
            (exits, exit_lanes, exit_column),
        ):
            for connector, lane in zip(connectors, lanes, strict=True):
                slot = stacked.get((lane, column), 0)
                placed[connector.id] = Cell(lane, column, slot)
                stacked[(lane, column)] = slot + 1
        rows = [1] * len(sketch.lanes)
        for (lane, _), count in stacked.items():
            rows[lane] = max(rows[lane], count)
        stages = [
            StageColumns(
                stage.id,
                stage.name
                + (" (continued)" if stage.first < first else "")
                + (" (continues)" if stage.last > last else ""),
                max(stage.first, first) - first + lead,
                min(stage.last, last) - first + lead,
            )
            for stage in cells.stages
            if stage.first <= last and stage.last >= first
        ]
        grid = Grid(placed, stages, exit_column + (1 if exits else 0), rows)
        part = replace(
            sketch,
            steps=(*entries, *steps, *exits),
            stages=tuple((stage.id, stage.name) for stage in stages) if sketch.stages else (),
        )
        return part, grid

    def _number_pain_points(self) -> None:
        """One numbering for the page, in reading order: band by band, each by columns."""
        self.pain_points: list[tuple[int, str]] = []
        for band in self.bands:
            offset = len(self.pain_points)
            for box in band.boxes.values():
                box.notes = [n + offset for n in box.notes]
            self.pain_points += [(n + offset, text) for n, text in band.pain_points]

    def route(self) -> FoldedLayout:
        for band in self.bands:
            band.route()
        return self
