"""The swimlane map of a journey as plain data: where every lane, stage, box, arrow and word
goes. The print map (SVG, PNG, PDF) and the app's canvas both draw this, so what a
designer edits on screen is what the wall map shows.

Everything is in inches from the top left corner, y downwards, at print scale 1; text is
set in DejaVu Sans at the sizes below (points) and wrapped here, so the drawings only
place lines. The lanes and stage columns come from :mod:`ple.diagram.grid`; arrows run
only in the gaps between rows and columns, each on its own track (:mod:`ple.diagram.routes`).

The print map adds a header (title, summary, legend) and a footer (the pain points);
the canvas leaves them out (``header=False``), and starts the lanes at the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ple import limits
from ple.diagram.grid import Grid, grid
from ple.diagram.sketch import JourneySketch, StepSketch
from ple.diagram.style import (
    HANDOFF_STYLES,
    REMOVED_MOVE,
    WITHIN_AGENCY,
    EdgeStyle,
    text_colour,
)
from ple.diagram.text import flat, line_height, text_width, wrap, wrap_some
from ple.errors import PleError

# Text sizes in points at print scale 1.
TITLE_PT = 15.0
LANE_PT = 9.0
STEP_PT = 8.5
TEXT_PT = 8.5

# Geometry in inches at print scale 1.
MARGIN = 0.3
LANE_LABEL_W = 1.3
GAP = 0.42
"""Width of the gap between two columns, where the vertical parts of arrows run."""
ROW_GAP = 0.24
"""Height of the gap between two rows, where the horizontal parts of arrows run."""
MIN_BOX_H = 0.4
PAD_X, PAD_Y = 0.07, 0.06
TAG_H = 0.17
"""Height of the badges and pain point tags that sit on a box's top edge."""
ARROW_LEN, ARROW_HALF = 0.1, 0.045
PORT_SPACING = 0.1
"""Boxes with many arrows grow, so that their arrowheads stay this far apart."""
SENTIMENT_H = 0.56
LEGEND_SAMPLE, LEGEND_ROW = 0.5, 0.2
MIN_WIDTH = 8.0
MAX_PAIN_POINTS_LISTED = 40
MAX_PAIN_POINT_LINES = 6
"""A pain point longer than this many lines is cut short in the footer (with "…")."""
MAX_ENDS_LINES = 3
"""Lines of the trigger ("Starts with") and of the outcome in the header, each."""
CANVAS_BOX_W = 1.6
"""The canvas draws boxes this wide (the print map chooses the width that prints largest)."""


@dataclass
class Box:
    step: StepSketch
    lane: int
    row: int
    column: int
    colour: str
    lines: list[str] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    """Numbers of the step's pain points in the footer."""
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    text_top: float = 0.0
    """Where its first line of text starts."""

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def text_colour(self) -> str:
        return text_colour(self.colour)

    @property
    def badge(self) -> str:
        """The "⚠ n" of open findings (empty without)."""
        return f"⚠ {self.step.findings}" if self.step.findings else ""

    @property
    def note_tag(self) -> str:
        if not self.notes:
            return ""
        return str(self.notes[0]) if len(self.notes) == 1 else f"{self.notes[0]}–{self.notes[-1]}"


@dataclass
class Route:
    """An arrow from one box to the next: its style and its points, box edge to box edge."""

    source: Box
    target: Box
    style: EdgeStyle
    crossing: bool
    """Between two agencies: a handoff, labelled with its type."""
    kind: str
    """The handoff type, "undocumented", or "" for a move within an agency."""
    label: str = ""
    """The word written on the arrow: a handoff's type (or a comparison's words)."""
    y_out: float = 0.0
    y_in: float = 0.0
    points: list[tuple[float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class RouteLabel:
    text: str
    x: float
    y: float
    upright: bool
    style: EdgeStyle
    route: int
    """Index of its route in :attr:`SwimlaneLayout.routes`."""


@dataclass(frozen=True)
class LaneBand:
    agency: str
    colour: str
    top: float
    bottom: float
    label_lines: list[str]
    """The acronym (else the name), in bold."""
    name_lines: list[str]
    """The full name under it, when it differs."""


@dataclass(frozen=True)
class StageBand:
    id: str
    x0: float
    x1: float
    top: float
    height: float
    lines: list[str]
    first_column: int
    last_column: int


@dataclass(frozen=True)
class SentimentMark:
    """One step's sentiment under its column: a marker at ``y`` for ``value`` (-2 to 2)."""

    x: float
    y: float
    value: int
    colour: str


@dataclass(frozen=True)
class SentimentRow:
    """The sentiment row under the lanes: its middle line, the height of one point of
    sentiment, each step's marker and the line through the columns' means."""

    mid: float
    unit: float
    marks: list[SentimentMark]
    means: list[tuple[float, float]]

    def y_of(self, value: float) -> float:
        return self.mid - value * self.unit


@dataclass(frozen=True)
class Legend:
    x: float
    y: float
    columns: list[list[tuple[str, EdgeStyle | None, str, str]]]


class MapTooLarge(PleError):
    """A journey with more steps or moves than a map draws (:func:`size_problem`)."""


def size_problem(steps: int, moves: int, printed: bool = False) -> str | None:
    """Why a journey of ``steps`` steps and ``moves`` moves is not drawn, naming the
    limit it passes (:mod:`ple.limits`), or None. Counted before any layout, so a journey
    too large to draw is refused at once rather than after minutes of drawing."""
    most_steps, most_moves = (
        (limits.PRINTED_STEPS, limits.PRINTED_MOVES)
        if printed
        else (limits.MAP_STEPS, limits.MAP_MOVES)
    )
    for count, limit, noun in ((steps, most_steps, "steps"), (moves, most_moves, "moves")):
        if count > limit.value:
            return f"the journey has {limit.beyond(count, noun)}"
    return None


def check_size(sketch: JourneySketch, printed: bool = False) -> None:
    """Raise :class:`MapTooLarge` for a sketch past the limits of its kind of map."""
    moves = sum(len(step.next) for step in sketch.steps)
    problem = size_problem(len(sketch.steps), moves, printed)
    if problem:
        raise MapTooLarge(problem)


def handoff_kind(handoff: str | None) -> str:
    return handoff or "undocumented"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def summary(sketch: JourneySketch) -> str:
    """Steps, agencies and handoffs by type, in words (no full stop)."""
    agency_of = {s.id: s.agency for s in sketch.steps}
    kinds: dict[str, int] = {}
    for step in sketch.steps:
        for move in step.next:
            if agency_of.get(move.to, step.agency) != step.agency:
                kind = handoff_kind(move.handoff)
                kinds[kind] = kinds.get(kind, 0) + 1
    split = ", ".join(f"{kinds[k]} {k}" for k in HANDOFF_STYLES if kinds.get(k))
    agencies = len({s.agency for s in sketch.steps})
    return (
        f"{_plural(len(sketch.steps), 'step')} at "
        f"{_plural(agencies, 'agency', 'agencies')}, one lane each, with "
        f"{_plural(sum(kinds.values()), 'handoff')} between agencies"
        + (f" ({split})" if split else "")
    )


def describe(sketch: JourneySketch) -> str:
    """One sentence saying what the map shows: the picture's text alternative."""
    return f"Swimlane map of the journey {flat(sketch.name)}: {summary(sketch)}."


def legend_entries() -> list[tuple[str, EdgeStyle | None, str, str]]:
    """(kind, line style, word in bold, explanation) for each entry of the legend."""
    moves: list[tuple[str, EdgeStyle | None, str, str]] = [
        ("line", style, style.label, style.meaning) for style in HANDOFF_STYLES.values()
    ]
    return [
        *moves,
        ("line", WITHIN_AGENCY, "same agency", WITHIN_AGENCY.meaning),
        ("badge", None, "⚠ n", "open gap findings"),
        ("note", None, "1", "pain point (listed below)"),
        ("sentiment", None, "", "sentiment, +2 (▲) to −2 (▼); line: column mean"),
    ]


def tag_width(word: str) -> float:
    return max((text_width(word, TEXT_PT, bold=True) + 8) / 72, TAG_H)


def legend_entry_width(entry: tuple[str, EdgeStyle | None, str, str]) -> float:
    kind, _, word, meaning = entry
    if kind in ("badge", "note"):
        return tag_width(word) + 0.18 + text_width(meaning, TEXT_PT) / 72
    bold = text_width(word + ":", TEXT_PT, bold=True) / 72 + 0.1 if word else 0.0
    return LEGEND_SAMPLE + 0.08 + bold + text_width(meaning, TEXT_PT) / 72


def _legend_size(entries: list, available: float) -> tuple[float, float, list[list]]:
    """The legend in as few rows as fit ``available`` inches: width, height, columns."""
    for n_columns in range(4, 0, -1):
        per = -(-len(entries) // n_columns)
        columns = [entries[i : i + per] for i in range(0, len(entries), per)]
        width = sum(max(map(legend_entry_width, column)) for column in columns) + 0.25 * (
            len(columns) - 1
        )
        if width <= available or n_columns == 1:
            return width, line_height(TEXT_PT + 1) + 0.05 + per * LEGEND_ROW, columns
    raise AssertionError("unreachable")


def lane_label_height(bold: list[str], plain: list[str]) -> float:
    return (
        len(bold) * line_height(LANE_PT)
        + len(plain) * line_height(TEXT_PT)
        + (0.04 if plain else 0.0)
    )


class MapFrame:
    """The title, summary and legend over a printed map, and the pain points under it:
    drawn once per page, so a map folded into bands (:mod:`ple.diagram.bands`) shares them.
    A frame has ``sketch``, ``width``, ``with_header``, ``pain_points`` and
    ``sentiment_bottom`` (where the footer starts)."""

    sketch: JourneySketch
    width: float
    with_header: bool
    pain_points: list[tuple[int, str]]
    sentiment_bottom: float
    extra_legend: tuple[tuple[str, EdgeStyle | None, str, str], ...] = ()
    """Legend entries of this kind of frame only (a folded map's band connectors)."""

    # -- header: title, summary, legend --------------------------------------------------
    def _header(self, top: float | None = None) -> None:
        self.title_lines: list[str] = []
        self.summary_lines: list[str] = []
        self.legend: Legend | None = None
        if not self.with_header:
            self.header_bottom = MARGIN - 0.1 if top is None else top
            return
        sketch = self.sketch
        inner = self.width - 2 * MARGIN
        entries = [*legend_entries(), *self.extra_legend]
        legend_w, legend_h, columns = _legend_size(entries, inner - 3.6)
        beside = legend_w <= inner - 3.6
        if not beside:
            legend_w, legend_h, columns = _legend_size(entries, inner)
        title_w = inner - legend_w - 0.4 if beside else inner
        self.title_lines = wrap(sketch.name, title_w, TITLE_PT, bold=True)
        self.summary_lines = wrap(summary(sketch) + ".", title_w, TEXT_PT)
        ends = [
            f"Starts with: {sketch.trigger}" if sketch.trigger else "",
            f"Ends with: {sketch.outcome}" if sketch.outcome else "",
        ]
        ends_lines = [
            line
            for text in ends
            if text
            for line in wrap_some(text, title_w, TEXT_PT, MAX_ENDS_LINES)
        ]
        title_h = (
            len(self.title_lines) * line_height(TITLE_PT)
            + 0.06
            + len(self.summary_lines) * line_height(TEXT_PT)
        )
        # Trigger and outcome are shown if they fit beside the legend (or when the legend
        # has a band of its own): the lanes need the height more.
        ends_h = len(ends_lines) * line_height(TEXT_PT)
        if not beside or title_h + ends_h <= legend_h + 0.05:
            self.summary_lines += ends_lines
            title_h += ends_h
        if beside:
            self.legend = Legend(self.width - MARGIN - legend_w, MARGIN, columns)
            self.header_bottom = MARGIN + max(title_h, legend_h)
        else:
            self.legend = Legend(MARGIN, MARGIN + title_h + 0.12, columns)
            self.header_bottom = self.legend.y + legend_h

    # -- footer --------------------------------------------------------------------------
    def _footer(self) -> None:
        """Pain points in up to four columns, filled top to bottom."""
        self.footer_top = self.sentiment_bottom + 0.18
        listed = self.pain_points[:MAX_PAIN_POINTS_LISTED] if self.with_header else []
        self.footer_more = len(self.pain_points) - len(listed) if self.with_header else 0
        self.footer_columns: list[list[tuple[int, list[str]]]] = []
        if not listed:
            self.footer_bottom = self.footer_top - 0.1
            return
        inner = self.width - 2 * MARGIN
        n_columns = max(1, min(4, int(inner // 4.0)))
        self.footer_col_w = (inner - 0.25 * (n_columns - 1)) / n_columns
        self.footer_indent = tag_width(str(len(self.pain_points))) + 0.1
        items = [
            (
                n,
                wrap_some(
                    text, self.footer_col_w - self.footer_indent, TEXT_PT, MAX_PAIN_POINT_LINES
                ),
            )
            for n, text in listed
        ]

        def height(item: tuple[int, list[str]]) -> float:
            return len(item[1]) * line_height(TEXT_PT) + 0.05

        per_column = sum(map(height, items)) / n_columns
        used = 0.0
        self.footer_columns = [[]]
        for item in items:
            if (
                used + height(item) / 2 > per_column
                and self.footer_columns[-1]
                and len(self.footer_columns) < n_columns
            ):
                self.footer_columns.append([])
                used = 0.0
            self.footer_columns[-1].append(item)
            used += height(item)
        tallest = max(sum(map(height, column)) for column in self.footer_columns)
        self.footer_bottom = (
            self.footer_top
            + line_height(TEXT_PT + 1)
            + 0.06
            + tallest
            + (line_height(TEXT_PT) if self.footer_more else 0)
        )


class SwimlaneLayout(MapFrame):
    """Every position of one journey's map with boxes ``box_w`` inches wide.

    Without a header, the stages start at ``top`` (a band of a folded map) or at the top.
    The constructor works out the size (all that choosing a box width needs);
    :meth:`route` then routes the arrows and places their words.
    """

    def __init__(
        self,
        sketch: JourneySketch,
        box_w: float,
        *,
        header: bool = True,
        cells: Grid | None = None,
        top: float | None = None,
    ) -> None:
        self.sketch, self.box_w, self.with_header = sketch, box_w, header
        self.grid = cells or grid(sketch)
        self.routes: list[Route] = []
        self.labels: list[RouteLabel] = []
        self._boxes()
        self._number_pain_points()
        self.columns = self.grid.columns
        self.x0 = MARGIN + LANE_LABEL_W
        self.width = self.x0 + GAP + self.columns * (box_w + GAP) + MARGIN
        if header:
            self.width = max(self.width, MIN_WIDTH)
        self.lanes_right = self.width - MARGIN
        self._header(top)
        self._stages()
        self._rows_vertical()
        self.has_sentiment = any(s.sentiment is not None for s in sketch.steps)
        self.sentiment_top = self.lanes_bottom + 0.12
        self.sentiment_bottom = self.sentiment_top + (SENTIMENT_H if self.has_sentiment else 0)
        self._footer()
        self.height = self.footer_bottom + MARGIN

    # -- rows and boxes ------------------------------------------------------------------
    def _boxes(self) -> None:
        """Rows, top to bottom: each lane has as many as its tallest stack of steps."""
        self.row_lane: list[int] = []
        first_row: list[int] = []
        for lane, rows in enumerate(self.grid.rows_per_lane):
            first_row.append(len(self.row_lane))
            self.row_lane += [lane] * rows
        colours = {lane.agency: lane.colour for lane in self.sketch.lanes}
        self.boxes: dict[str, Box] = {}
        for step in self.sketch.steps:
            cell = self.grid.cells[step.id]
            box = Box(
                step,
                cell.lane,
                first_row[cell.lane] + cell.slot,
                cell.column,
                step.fill or colours[step.agency],
                w=self.box_w,
            )
            box.lines = wrap(step.name, self.box_w - 2 * PAD_X, STEP_PT)
            self.boxes[step.id] = box

    def _number_pain_points(self) -> None:
        """Pain points are numbered in reading order: column by column, top to bottom."""
        self.pain_points: list[tuple[int, str]] = []
        for box in sorted(self.boxes.values(), key=lambda b: (b.column, b.row)):
            for text in box.step.pain_points:
                box.notes.append(len(self.pain_points) + 1)
                self.pain_points.append((len(self.pain_points) + 1, text))

    def column_left(self, column: int) -> float:
        return self.x0 + GAP + column * (self.box_w + GAP)

    def gap_left(self, k: int) -> float:
        """Left edge of the gap before column ``k`` (``k = columns``: after the last)."""
        return self.x0 + k * (self.box_w + GAP)

    # -- stages --------------------------------------------------------------------------
    def _stages(self) -> None:
        """A band per stage over its columns, all in one row: stages never overlap."""
        self.stages: list[StageBand] = []
        top = self.header_bottom + (0.14 if self.sketch.stages else 0.1)
        if not self.sketch.stages:
            self.lanes_top = top
            return
        bands = []
        for stage in self.grid.stages:
            x0 = self.column_left(stage.first) - GAP / 2 + 0.04
            x1 = self.column_left(stage.last) + self.box_w + GAP / 2 - 0.04
            bands.append((stage, x0, x1, wrap(stage.name, x1 - x0 - 0.1, TEXT_PT, bold=True)))
        height = max(len(lines) for *_, lines in bands) * line_height(TEXT_PT) + 0.06
        self.stages = [
            StageBand(stage.id, x0, x1, top, height, lines, stage.first, stage.last)
            for stage, x0, x1, lines in bands
        ]
        self.lanes_top = top + height + 0.05

    # -- rows, vertically ----------------------------------------------------------------
    def _rows_vertical(self) -> None:
        n_rows = len(self.row_lane)
        tagged = [False] * n_rows
        for box in self.boxes.values():
            tagged[box.row] |= bool(box.step.findings or box.notes or box.step.mark)
        self.top_pad = [PAD_Y + (TAG_H / 2 if t else 0.0) for t in tagged]
        arriving: dict[str, int] = dict.fromkeys(self.boxes, 0)
        for step in self.sketch.steps:
            for move in step.next:
                if move.to in arriving:
                    arriving[move.to] += 1
        ports = {s.id: max(arriving[s.id], len(s.next)) for s in self.sketch.steps}
        box_h = [MIN_BOX_H] * n_rows
        for box in self.boxes.values():
            need = self.top_pad[box.row] + max(
                len(box.lines) * line_height(STEP_PT) + PAD_Y,
                PORT_SPACING * (ports[box.step.id] + 1),
            )
            box_h[box.row] = max(box_h[box.row], need)
        row_h = list(box_h)
        self.lane_labels = [self._lane_label(lane.label, lane.name) for lane in self.sketch.lanes]
        for lane, (bold, plain) in enumerate(self.lane_labels):
            rows = [r for r in range(n_rows) if self.row_lane[r] == lane]
            label_h = lane_label_height(bold, plain) + 0.16
            have = sum(row_h[r] for r in rows) + ROW_GAP * len(rows)
            for r in rows:  # a lane is at least as tall as its label
                row_h[r] += max(label_h - have, 0.0) / len(rows)
        self.gap_top: list[float] = []
        self.row_top: list[float] = []
        y = self.lanes_top
        for r in range(n_rows):
            self.gap_top.append(y)
            self.row_top.append(y + ROW_GAP)
            y += ROW_GAP + row_h[r]
        self.gap_top.append(y)
        self.lanes_bottom = y + ROW_GAP
        self.row_h = row_h
        for box in self.boxes.values():
            box.h = box_h[box.row]
            box.x = self.column_left(box.column)
            box.y = self.row_top[box.row] + (row_h[box.row] - box.h) / 2
            top = box.y + self.top_pad[box.row]
            room = box.bottom - PAD_Y - top
            box.text_top = top + (room - len(box.lines) * line_height(STEP_PT)) / 2
        self.lanes: list[LaneBand] = []
        for lane, sketched in enumerate(self.sketch.lanes):
            rows = [r for r in range(n_rows) if self.row_lane[r] == lane]
            top = self.gap_top[rows[0]] + (ROW_GAP / 2 if rows[0] else 0.0)
            after = rows[-1] + 1
            bottom = self.gap_top[after] + ROW_GAP / 2 if after < n_rows else self.lanes_bottom
            bold, plain = self.lane_labels[lane]
            self.lanes.append(LaneBand(sketched.agency, sketched.colour, top, bottom, bold, plain))

    @staticmethod
    def _lane_label(label: str, name: str) -> tuple[list[str], list[str]]:
        """The label in bold (acronym, else name) and the full name under it."""
        width = LANE_LABEL_W - 0.24
        label, name = flat(label), flat(name)
        return (
            wrap(label, width, LANE_PT, bold=True),
            wrap(name, width, TEXT_PT) if name != label else [],
        )

    # -- sentiment -----------------------------------------------------------------------
    def sentiment(self) -> SentimentRow | None:
        """Each step's sentiment under its column (side by side when a column has several)
        and the columns' means; None when no step has a sentiment."""
        if not self.has_sentiment:
            return None
        mid = (self.sentiment_top + self.sentiment_bottom) / 2
        row = SentimentRow(mid, (SENTIMENT_H - 0.12) / 4, [], [])
        by_column: dict[int, list[Box]] = {}
        for box in sorted(self.boxes.values(), key=lambda b: b.row):
            if box.step.sentiment is not None:
                by_column.setdefault(box.column, []).append(box)
        for column in sorted(by_column):
            boxes = by_column[column]
            centre = self.column_left(column) + self.box_w / 2
            spread = min(0.16, (self.box_w - 0.2) / max(len(boxes) - 1, 1))
            for i, box in enumerate(boxes):
                value = box.step.sentiment or 0
                row.marks.append(
                    SentimentMark(
                        centre + (i - (len(boxes) - 1) / 2) * spread,
                        row.y_of(value),
                        value,
                        box.colour,
                    )
                )
            mean = sum(b.step.sentiment or 0 for b in boxes) / len(boxes)
            row.means.append((centre, row.y_of(mean)))
        return row

    # -- arrows --------------------------------------------------------------------------
    def route(self) -> SwimlaneLayout:
        """Route the arrows and place their words (the map's size does not depend on them)."""
        from ple.diagram.routes import place_labels, route_arrows

        agency_of = {s.id: s.agency for s in self.sketch.steps}
        for step in self.sketch.steps:
            for move in step.next:
                if move.to not in self.boxes:
                    continue
                crossing = agency_of[move.to] != step.agency
                kind = handoff_kind(move.handoff) if crossing else ""
                style = HANDOFF_STYLES[kind] if crossing else WITHIN_AGENCY
                if move.emphasis == "removed":
                    style = REMOVED_MOVE
                elif move.emphasis == "strong":
                    style = replace(style, width=style.width * 2.5)
                label = move.label if move.label is not None else style.label
                self.routes.append(
                    Route(self.boxes[step.id], self.boxes[move.to], style, crossing, kind, label)
                )
        route_arrows(self)
        self.labels = place_labels(self)
        return self


def layout_for_canvas(sketch: JourneySketch) -> SwimlaneLayout:
    """The map as the canvas draws it: no title, legend or footer; boxes a fixed width.
    Raises :class:`MapTooLarge` past :data:`ple.limits.MAP_STEPS` or ``MAP_MOVES``."""
    check_size(sketch)
    return SwimlaneLayout(sketch, CANVAS_BOX_W, header=False).route()
