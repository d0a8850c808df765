"""Print-ready swimlane maps of a journey as SVG, PNG and PDF, drawn with matplotlib.

One horizontal lane per agency, the stages as a header band over the columns, the
steps as rounded boxes in their agency's colour, and every move as an arrow from box
edge to box edge, styled by handoff type with a line pattern *and* a word (colour is
never the only cue). Steps with open gap findings carry a "⚠ n" badge, pain points are
numbered tags listed in a footer, and a sentiment row runs under the lanes.

Steps sit where :func:`ple.diagram.layout.place_steps` puts them (lane by agency,
column by order) and take their colours and line styles from :mod:`ple.diagram.style`,
so the picture matches the app's diagram. Sizes are in inches at print size and text in
points. Arrows run only in the gaps between rows and columns, each on its own track, so
they never cross a box. The box width is chosen so that the map prints largest: on a
letter landscape page when its text stays at least 8 pt there, else on A3 landscape
(the bundled journeys all print at 8 pt or more on A3; a journey of hundreds of steps
cannot, and its PDF is shrunk to fit the page).

matplotlib is used the way the tech notes (section 6.1) advise: a ``Figure``, never
pyplot (the app runs sessions on threads); ``parse_math=False`` on every text, so
``$5 and $10`` stays text; SVG text kept as ``<text>``; fixed dates and SVG id salt,
so the same journey always gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ple.diagram.layout import STACK_OFFSET, Placement, lanes, place_steps
from ple.diagram.style import (
    HANDOFF_STYLES,
    WITHIN_AGENCY,
    EdgeStyle,
    agency_colours,
    text_colour,
)
from ple.export.registry import Artifact, ExportContext, exporter
from ple.views.journey import finding_counts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ple.model import Journey, Step, Transition, Workspace

FONT = "DejaVu Sans"
"""Bundled with matplotlib, so every machine draws (and measures) the same glyphs."""

# Text sizes in points at print scale 1. A page may shrink a map a little, down to
# MIN_PRINTED_PT / TEXT_PT, so that nothing printed is smaller than 8 pt.
TITLE_PT = 15.0
LANE_PT = 9.0
STEP_PT = 8.5
TEXT_PT = 8.5
MIN_PRINTED_PT = 8.0
LINE = 1.22
"""Line height as a multiple of the font size."""

# Geometry in inches at print scale 1.
MARGIN = 0.3
LANE_LABEL_W = 1.3
GAP = 0.42
"""Width of the gap between two columns, where the vertical parts of arrows run."""
ROW_GAP = 0.24
"""Height of the gap between two rows, where the horizontal parts of arrows run."""
BOX_WIDTHS = tuple(round(1.1 + 0.05 * i, 2) for i in range(19))
"""Box widths tried (1.1 to 2 inches); the one whose map prints largest is kept."""
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

PAGES = {"letter": (11.0, 8.5), "A3": (16.54, 11.69)}
"""Landscape page sizes in inches."""
MAX_ENLARGE = 1.25
"""A small map is enlarged to fill its page, up to this factor."""
PNG_DPI = 150
MAX_PNG_PIXELS = 12_000
"""Longest side of a PNG; a map of hundreds of steps is drawn at a lower resolution."""
MAX_PAIN_POINTS_LISTED = 40

_RC = {"svg.fonttype": "none", "svg.hashsalt": "ple-swimlane", "pdf.fonttype": 42,
       "text.usetex": False, "font.family": FONT}
"""Text as ``<text>`` in SVG and as an embedded TrueType font in PDF (both searchable),
and SVG ids that do not change from run to run."""

_LOCK = threading.RLock()
"""Held while a map is laid out, drawn or saved: matplotlib's rc settings are global,
and the cached font objects that measure text are not safe to share between threads
(the app serves sessions on threads)."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML does not allow."""


@contextmanager
def _drawing() -> Iterator[None]:
    import matplotlib

    with _LOCK, matplotlib.rc_context(_RC):
        yield


def _matplotlib_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# Text: one line of user text, its width, wrapping.


def _flat(text: str) -> str:
    """User text on one line: newlines, runs of spaces and control characters become one
    space."""
    return " ".join(_CONTROL.sub(" ", text).split())


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties, findfont

    weight = "bold" if bold else "normal"
    font = ft2font.FT2Font(findfont(FontProperties(family=FONT, weight=weight)))
    font.set_size(100, 72)
    return font


@lru_cache(maxsize=4096)
def _advance(char: str, bold: bool) -> float:
    """Advance width of one character at 100 pt, in points."""
    from matplotlib import ft2font

    flags = getattr(ft2font, "LoadFlags", None)
    no_hinting = flags.NO_HINTING if flags else ft2font.LOAD_NO_HINTING
    return _font(bold).load_char(ord(char), flags=no_hinting).linearHoriAdvance / 65536


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points: the sum of its advances, never narrower than
    matplotlib draws it (kerning only tightens)."""
    return sum(_advance(char, bold) for char in text) * size / 100


def _tag_width(word: str) -> float:
    return max((_text_width(word, TEXT_PT, bold=True) + 8) / 72, TAG_H)


def _wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` inches by measured width; a word too long for a line
    is cut."""
    limit = width * 72
    lines: list[str] = []
    current = ""
    for word in _flat(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if _text_width(candidate, size, bold) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(word) > 1 and _text_width(word, size, bold) > limit:
            cut = len(word) - 1
            while cut > 1 and _text_width(word[:cut], size, bold) > limit:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _line_h(size: float) -> float:
    """Line height in inches."""
    return size * LINE / 72


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (amount 1 is white)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def _handoff_kind(transition: Transition) -> str:
    return transition.handoff.type.value if transition.handoff else "undocumented"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def summary(journey: Journey) -> str:
    """Steps, agencies and handoffs by type, in words (no full stop)."""
    kinds: dict[str, int] = defaultdict(int)
    for _, transition, _ in journey.handoff_transitions():
        kinds[_handoff_kind(transition)] += 1
    split = ", ".join(f"{kinds[k]} {k}" for k in HANDOFF_STYLES if kinds.get(k))
    return (f"{_plural(len(journey.steps), 'step')} at "
            f"{_plural(len(lanes(journey)), 'agency', 'agencies')}, one lane each, with "
            f"{_plural(sum(kinds.values()), 'handoff')} between agencies"
            + (f" ({split})" if split else ""))


def describe(journey: Journey) -> str:
    """One sentence saying what the map shows: the picture's text alternative."""
    return f"Swimlane map of the journey {_flat(journey.name)}: {summary(journey)}."


# ---------------------------------------------------------------------------------------
# Layout: where everything goes, in inches from the top left corner, y downwards.


@dataclass
class _Box:
    step: Step
    row: int
    column: int
    colour: str
    findings: int
    lines: list[str] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    """Numbers of the step's pain points in the footer."""
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass
class _Edge:
    source: _Box
    target: _Box
    style: EdgeStyle
    crossing: bool
    """Between two agencies: a handoff, labelled with its type."""
    y_out: float = 0.0
    y_in: float = 0.0
    points: list[tuple[float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class _Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap_area(self, other: _Rect) -> float:
        dx = min(self.x1, other.x1) - max(self.x0, other.x0)
        dy = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(dx, 0.0) * max(dy, 0.0)


@dataclass(frozen=True)
class _Label:
    text: str
    x: float
    y: float
    upright: bool
    style: EdgeStyle


@dataclass(frozen=True)
class _Stage:
    x0: float
    x1: float
    top: float
    height: float
    lines: list[str]


class _Layout:
    """Every position of one journey's map with boxes ``box_w`` inches wide.

    The constructor works out the size (all that choosing a box width needs);
    :meth:`route` then routes the arrows and places their words.
    """

    def __init__(self, workspace: Workspace, journey: Journey, counts: dict[str, int],
                 placements: dict[str, Placement], box_w: float) -> None:
        self.workspace, self.journey, self.box_w = workspace, journey, box_w
        self.agencies = lanes(journey)
        self.colours = agency_colours(self.agencies)
        self.edges: list[_Edge] = []
        self.labels: list[_Label] = []
        self._rows(placements, counts)
        self._number_pain_points()
        for box in self.boxes.values():
            box.lines = _wrap(box.step.name, box_w - 2 * PAD_X, STEP_PT)
            box.w = box_w
        self.columns = max(b.column for b in self.boxes.values()) + 1
        self.x0 = MARGIN + LANE_LABEL_W
        self.width = max(self.x0 + GAP + self.columns * (box_w + GAP) + MARGIN, MIN_WIDTH)
        self.lanes_right = self.width - MARGIN
        self._header()
        self._stages()
        self._rows_vertical()
        self.has_sentiment = any(s.sentiment is not None for s in journey.steps)
        self.sentiment_top = self.lanes_bottom + 0.12
        self.sentiment_bottom = self.sentiment_top + (SENTIMENT_H if self.has_sentiment else 0)
        self._footer()
        self.height = self.footer_bottom + MARGIN

    # -- rows and boxes ------------------------------------------------------------------
    def _rows(self, placements: dict[str, Placement], counts: dict[str, int]) -> None:
        """Rows, top to bottom: each lane has as many as its deepest stack of steps."""
        lane_top: dict[int, int] = {}
        for p in placements.values():
            lane_top[p.lane] = min(lane_top.get(p.lane, p.y), p.y)
        slot = {sid: round((p.y - lane_top[p.lane]) / STACK_OFFSET)
                for sid, p in placements.items()}
        depth: dict[int, int] = defaultdict(int)
        for sid, p in placements.items():
            depth[p.lane] = max(depth[p.lane], slot[sid] + 1)
        first_row: dict[int, int] = {}
        self.row_lane: list[int] = []
        for lane in range(len(self.agencies)):
            first_row[lane] = len(self.row_lane)
            self.row_lane += [lane] * depth[lane]
        self.boxes = {
            step.id: _Box(step, first_row[placements[step.id].lane] + slot[step.id],
                          placements[step.id].column, self.colours[step.agency],
                          counts.get(step.id, 0))
            for step in self.journey.steps
        }

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

    # -- header: title, summary, legend --------------------------------------------------
    def _header(self) -> None:
        journey = self.journey
        inner = self.width - 2 * MARGIN
        entries = _legend_entries()
        legend_w, legend_h, self.legend_columns = _legend_size(entries, inner - 3.6)
        beside = legend_w <= inner - 3.6
        if not beside:
            legend_w, legend_h, self.legend_columns = _legend_size(entries, inner)
        title_w = inner - legend_w - 0.4 if beside else inner
        self.title_lines = _wrap(journey.name, title_w, TITLE_PT, bold=True)
        self.summary_lines = _wrap(summary(journey) + ".", title_w, TEXT_PT)
        ends = [f"Starts with: {journey.trigger}" if journey.trigger else "",
                f"Ends with: {journey.outcome}" if journey.outcome else ""]
        ends_lines = [line for text in ends if text for line in _wrap(text, title_w, TEXT_PT)]
        title_h = (len(self.title_lines) * _line_h(TITLE_PT) + 0.06
                   + len(self.summary_lines) * _line_h(TEXT_PT))
        # Trigger and outcome are shown if they fit beside the legend (or when the legend
        # has a band of its own): the lanes need the height more.
        ends_h = len(ends_lines) * _line_h(TEXT_PT)
        if not beside or title_h + ends_h <= legend_h + 0.05:
            self.summary_lines += ends_lines
            title_h += ends_h
        if beside:
            self.legend_at = (self.width - MARGIN - legend_w, MARGIN)
            self.header_bottom = MARGIN + max(title_h, legend_h)
        else:
            self.legend_at = (MARGIN, MARGIN + title_h + 0.12)
            self.header_bottom = self.legend_at[1] + legend_h

    # -- stages --------------------------------------------------------------------------
    def _stages(self) -> None:
        """A band per stage over the columns its steps are in; overlapping stages (a
        journey's branches need not keep to stage order) go on rows of their own."""
        names = {s.id: _flat(s.name) for s in self.journey.stages}
        spans: dict[str, tuple[int, int]] = {}
        for step in self.journey.steps:
            if step.stage in names:
                c = self.boxes[step.id].column
                lo, hi = spans.get(step.stage, (c, c))
                spans[step.stage] = (min(lo, c), max(hi, c))
        rows: list[list[tuple[int, int]]] = []
        bands = []
        for stage in (s.id for s in self.journey.stages if s.id in spans):
            lo, hi = spans[stage]
            row = next((i for i, taken in enumerate(rows)
                        if all(hi < a or lo > b for a, b in taken)), len(rows))
            if row == len(rows):
                rows.append([])
            rows[row].append((lo, hi))
            x0 = self.column_left(lo) - GAP / 2 + 0.04
            x1 = self.column_left(hi) + self.box_w + GAP / 2 - 0.04
            bands.append((row, x0, x1, _wrap(names[stage], x1 - x0 - 0.1, TEXT_PT, bold=True)))
        heights = [0.0] * len(rows)
        for row, _, _, lines in bands:
            heights[row] = max(heights[row], len(lines) * _line_h(TEXT_PT) + 0.06)
        tops, y = [], self.header_bottom + (0.14 if rows else 0.1)
        for h in heights:
            tops.append(y)
            y += h + 0.03
        self.stages = [_Stage(x0, x1, tops[row], heights[row], lines)
                       for row, x0, x1, lines in bands]
        self.lanes_top = y + (0.02 if rows else 0)

    # -- rows, vertically ----------------------------------------------------------------
    def _rows_vertical(self) -> None:
        n_rows = len(self.row_lane)
        tagged = [False] * n_rows
        for box in self.boxes.values():
            tagged[box.row] |= bool(box.findings or box.notes)
        self.top_pad = [PAD_Y + (TAG_H / 2 if t else 0.0) for t in tagged]
        arriving: dict[str, int] = defaultdict(int)
        for step in self.journey.steps:
            for transition in step.next:
                arriving[transition.to] += 1
        ports = {s.id: max(arriving[s.id], len(s.next)) for s in self.journey.steps}
        box_h = [MIN_BOX_H] * n_rows
        for box in self.boxes.values():
            need = self.top_pad[box.row] + max(len(box.lines) * _line_h(STEP_PT) + PAD_Y,
                                               PORT_SPACING * (ports[box.step.id] + 1))
            box_h[box.row] = max(box_h[box.row], need)
        row_h = list(box_h)
        self.lane_labels = [self._lane_label(agency) for agency in self.agencies]
        for lane, (bold, plain) in enumerate(self.lane_labels):
            rows = [r for r in range(n_rows) if self.row_lane[r] == lane]
            label_h = _lane_label_height(bold, plain) + 0.16
            have = sum(row_h[r] for r in rows) + ROW_GAP * len(rows)
            for r in rows:  # a lane is at least as tall as its label
                row_h[r] += max(label_h - have, 0.0) / len(rows)
        self.gap_top, self.row_top = [], []
        y = self.lanes_top
        for r in range(n_rows):
            self.gap_top.append(y)
            self.row_top.append(y + ROW_GAP)
            y += ROW_GAP + row_h[r]
        self.gap_top.append(y)
        self.lanes_bottom = y + ROW_GAP
        for box in self.boxes.values():
            box.h = box_h[box.row]
            box.x = self.column_left(box.column)
            box.y = self.row_top[box.row] + (row_h[box.row] - box.h) / 2
        self.lane_spans = []
        for lane in range(len(self.agencies)):
            rows = [r for r in range(n_rows) if self.row_lane[r] == lane]
            top = self.gap_top[rows[0]] + (ROW_GAP / 2 if rows[0] else 0.0)
            after = rows[-1] + 1
            bottom = self.gap_top[after] + ROW_GAP / 2 if after < n_rows else self.lanes_bottom
            self.lane_spans.append((top, bottom))

    def _lane_label(self, agency: str) -> tuple[list[str], list[str]]:
        """The label in bold (acronym, else name) and the full name under it."""
        label = _flat(self.workspace.agency_label(agency))
        name = _flat(self.workspace.agencies[agency].name)
        width = LANE_LABEL_W - 0.24
        return (_wrap(label, width, LANE_PT, bold=True),
                _wrap(name, width, TEXT_PT) if name != label else [])

    # -- footer --------------------------------------------------------------------------
    def _footer(self) -> None:
        """Pain points in up to four columns, filled top to bottom."""
        self.footer_top = self.sentiment_bottom + 0.18
        listed = self.pain_points[:MAX_PAIN_POINTS_LISTED]
        self.footer_more = len(self.pain_points) - len(listed)
        self.footer_columns: list[list[tuple[int, list[str]]]] = []
        if not listed:
            self.footer_bottom = self.footer_top - 0.1
            return
        inner = self.width - 2 * MARGIN
        n_columns = max(1, min(4, int(inner // 4.0)))
        self.footer_col_w = (inner - 0.25 * (n_columns - 1)) / n_columns
        self.footer_indent = _tag_width(str(len(self.pain_points))) + 0.1
        items = [(n, _wrap(text, self.footer_col_w - self.footer_indent, TEXT_PT))
                 for n, text in listed]

        def height(item: tuple[int, list[str]]) -> float:
            return len(item[1]) * _line_h(TEXT_PT) + 0.05

        per_column = sum(map(height, items)) / n_columns
        used = 0.0
        self.footer_columns = [[]]
        for item in items:
            if (used + height(item) / 2 > per_column and self.footer_columns[-1]
                    and len(self.footer_columns) < n_columns):
                self.footer_columns.append([])
                used = 0.0
            self.footer_columns[-1].append(item)
            used += height(item)
        tallest = max(sum(map(height, column)) for column in self.footer_columns)
        self.footer_bottom = (self.footer_top + _line_h(TEXT_PT + 1) + 0.06 + tallest
                              + (_line_h(TEXT_PT) if self.footer_more else 0))

    # -- arrows --------------------------------------------------------------------------
    def route(self) -> None:
        """Route the arrows and place their words (the map's size does not depend on them)."""
        agency_of = {s.id: s.agency for s in self.journey.steps}
        for step in self.journey.steps:
            for transition in step.next:
                if transition.to not in self.boxes:
                    continue
                crossing = agency_of[transition.to] != step.agency
                style = HANDOFF_STYLES[_handoff_kind(transition)] if crossing else WITHIN_AGENCY
                self.edges.append(_Edge(self.boxes[step.id], self.boxes[transition.to],
                                        style, crossing))
        self._ports()
        self._tracks()
        self._place_labels()

    def _ports(self) -> None:
        """Spread the arrows leaving (right edge) and entering (left edge) each box,
        ordered by where their other end is, so they do not cross at the box."""
        leaving: dict[str, list[_Edge]] = defaultdict(list)
        entering: dict[str, list[_Edge]] = defaultdict(list)
        for edge in self.edges:
            leaving[edge.source.step.id].append(edge)
            entering[edge.target.step.id].append(edge)
        for sid, edges in leaving.items():
            edges.sort(key=lambda e: (e.target.row, e.target.column))
            for edge, y in zip(edges, self._port_ys(self.boxes[sid], len(edges)), strict=True):
                edge.y_out = y
        for sid, edges in entering.items():
            edges.sort(key=lambda e: (e.source.row, e.source.column))
            for edge, y in zip(edges, self._port_ys(self.boxes[sid], len(edges)), strict=True):
                edge.y_in = y

    def _port_ys(self, box: _Box, n: int) -> list[float]:
        top, bottom = box.y + self.top_pad[box.row] + 0.02, box.bottom - 0.06
        return [top + (bottom - top) * (i + 1) / (n + 1) for i in range(n)]

    def _tracks(self) -> None:
        """Orthogonal routes: from the right edge into the next column gap; then either
        straight to the target's row (next column) or along the row gap next to the
        target's row to the gap before the target's column; into its left edge."""
        vertical: dict[int, list[_Segment]] = defaultdict(list)
        horizontal: dict[int, list[_Segment]] = defaultdict(list)
        for index, edge in enumerate(self.edges):
            s, t = edge.source, edge.target
            if t.column == s.column + 1:
                vertical[t.column].append(_Segment(edge.y_out, edge.y_in, index, 0, 1))
                continue
            forward = t.row > s.row or (t.row == s.row and t.column > s.column)
            gap = t.row if forward else t.row + 1
            y = self.gap_top[gap] + ROW_GAP / 2
            vertical[s.column + 1].append(_Segment(edge.y_out, y, index, 0, 0))
            vertical[t.column].append(_Segment(y, edge.y_in, index, 1, 2))
            horizontal[gap].append(_Segment(self.gap_left(s.column + 1) + GAP / 2,
                                            self.gap_left(t.column) + GAP / 2, index, 2, 0))
        track: dict[tuple[int, int], float] = {}
        for k, segments in vertical.items():
            track.update(_spread(segments, self.gap_left(k) + 0.07,
                                 self.gap_left(k) + GAP - 0.14, 0.08))
        for g, segments in horizontal.items():
            track.update(_spread(segments, self.gap_top[g] + 0.05,
                                 self.gap_top[g] + ROW_GAP - 0.05, 0.06))
        for index, edge in enumerate(self.edges):
            start = (edge.source.right, edge.y_out)
            end = (edge.target.x - ARROW_LEN * 0.6, edge.y_in)
            if (index, 2) not in track:
                x = track[(index, 0)]
                points = [start, (x, edge.y_out), (x, edge.y_in), end]
            else:
                xa, xb, y = track[(index, 0)], track[(index, 1)], track[(index, 2)]
                points = [start, (xa, edge.y_out), (xa, y), (xb, y), (xb, edge.y_in), end]
            edge.points = _simplify(points)

    def _place_labels(self) -> None:
        """A word on every handoff arrow where it covers no box, badge or other word: the
        first free spot of :meth:`_label_spots`, else the least covered one."""
        pitch = self.box_w + GAP
        bins: defaultdict[int, list[_Rect]] = defaultdict(list)

        def columns(rect: _Rect) -> range:
            return range(int((rect.x0 - self.x0) // pitch), int((rect.x1 - self.x0) // pitch) + 1)

        def taken(rect: _Rect) -> None:
            for b in columns(rect):
                bins[b].append(rect)

        area = _Rect(self.x0, self.lanes_top, self.lanes_right, self.lanes_bottom)

        def cost(rect: _Rect) -> float:
            covered = sum(rect.overlap_area(o) for o in {o for b in columns(rect)
                                                          for o in bins.get(b, [])})
            outside = (rect.x1 - rect.x0) * (rect.y1 - rect.y0) - rect.overlap_area(area)
            return covered + outside * 10

        for box in self.boxes.values():
            taken(_Rect(box.x - 0.02, box.y - TAG_H / 2 - 0.02, box.right + 0.02,
                        box.bottom + 0.02))
        for edge in self.edges:
            if not edge.crossing:
                continue
            w = (_text_width(edge.style.label, TEXT_PT) + 7) / 72
            h = _line_h(TEXT_PT) + 0.05
            best: tuple[float, _Rect, float, float, bool] | None = None
            for x, y, upright in self._label_spots(edge.points, w, h):
                half_w, half_h = (h / 2, w / 2) if upright else (w / 2, h / 2)
                rect = _Rect(x - half_w, y - half_h, x + half_w, y + half_h)
                penalty = cost(rect)
                if best is None or penalty < best[0] - 1e-9:
                    best = (penalty, rect, x, y, upright)
                if penalty <= 1e-9:
                    break
            assert best is not None
            taken(best[1])
            self.labels.append(_Label(edge.style.label, best[2], best[3], best[4], edge.style))

    def _label_spots(self, points: list[tuple[float, float]], w: float,
                     h: float) -> Iterator[tuple[float, float, bool]]:
        """Where an arrow's word may go, best first: on a vertical part where it crosses a
        row gap, on its horizontal run, anywhere along a vertical part, beside it, and
        last turned upright along it."""
        legs = list(itertools.pairwise(points))
        vertical = [(xa, *sorted((ya, yb))) for (xa, ya), (xb, yb) in legs
                    if abs(xa - xb) < 1e-9 and abs(ya - yb) > 1e-9]
        runs = [(ya, *sorted((xa, xb))) for (xa, ya), (xb, yb) in legs
                if abs(ya - yb) < 1e-9 and abs(xb - xa) > w]
        gaps = [top + ROW_GAP / 2 for top in self.gap_top]
        shifts = [dx for dx in (0.0, -0.05, 0.05, -0.1, 0.1, -0.15, 0.15) if abs(dx) < w / 2 - 0.05]
        for x, lo, hi in vertical:
            for y in gaps:
                if lo + h / 2 - 0.03 <= y <= hi - h / 2 + 0.03:
                    for dx in shifts:
                        yield x + dx, y, False
        for y, lo, hi in runs:
            for share in (0.5, 0.3, 0.7):
                yield lo + (hi - lo) * share, y, False
        for x, lo, hi in vertical:
            ys = [lo + h / 2 + k * 0.05 for k in range(int((hi - lo - h) / 0.05) + 1)]
            for y in sorted(ys, key=lambda y: abs(y - (lo + hi) / 2)):
                for dx in shifts:
                    yield x + dx, y, False
        for x, lo, hi in vertical:
            for y in gaps:
                if lo <= y <= hi:
                    yield x + w / 2 + 0.02, y, False
                    yield x - w / 2 - 0.02, y, False
        for x, lo, hi in vertical:
            if hi - lo > w:
                yield x, (lo + hi) / 2, True
        x, y = points[len(points) // 2]
        yield x, y, False


def _lane_label_height(bold: list[str], plain: list[str]) -> float:
    return (len(bold) * _line_h(LANE_PT) + len(plain) * _line_h(TEXT_PT)
            + (0.04 if plain else 0.0))


@dataclass(frozen=True)
class _Segment:
    """Part of an arrow running along a gap, from ``a`` to ``b``."""

    a: float
    b: float
    edge: int
    part: int
    side: int
    """0: leaves the box before the gap, 1: crosses it, 2: enters the box after it."""

    @property
    def lo(self) -> float:
        return min(self.a, self.b)

    @property
    def hi(self) -> float:
        return max(self.a, self.b)


def _spread(segments: list[_Segment], low: float, high: float,
            spacing: float) -> dict[tuple[int, int], float]:
    """A track (a coordinate between ``low`` and ``high``) for each segment, so that
    overlapping segments run apart; segments of a lower side get tracks nearer ``low``."""
    on_track: list[list[_Segment]] = []
    track_of: dict[tuple[int, int], int] = {}
    for seg in sorted(segments, key=lambda s: (s.side, s.lo, s.hi, s.edge, s.part)):
        t = next((t for t, others in enumerate(on_track)
                  if all(seg.hi + 0.06 < o.lo or o.hi + 0.06 < seg.lo for o in others)),
                 len(on_track))
        if t == len(on_track):
            on_track.append([])
        on_track[t].append(seg)
        track_of[(seg.edge, seg.part)] = t
    n = len(on_track)
    step = min(spacing, (high - low) / (n - 1)) if n > 1 else 0.0
    first = (low + high) / 2 - step * (n - 1) / 2
    return {key: first + step * t for key, t in track_of.items()}


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if ((abs(ax - bx) < 1e-9 and abs(bx - p[0]) < 1e-9)
                    or (abs(ay - by) < 1e-9 and abs(by - p[1]) < 1e-9)):
                out[-1] = p
                continue
        out.append(p)
    return out


def _legend_entries() -> list[tuple[str, EdgeStyle | None, str, str]]:
    """(kind, line style, word in bold, explanation) for each entry of the legend."""
    moves: list[tuple[str, EdgeStyle | None, str, str]] = [
        ("line", style, style.label, style.meaning) for style in HANDOFF_STYLES.values()]
    return [
        *moves,
        ("line", WITHIN_AGENCY, "same agency", WITHIN_AGENCY.meaning),
        ("badge", None, "⚠ n", "open gap findings"),
        ("note", None, "1", "pain point (listed below)"),
        ("sentiment", None, "", "sentiment, +2 (▲) to −2 (▼); line: column mean"),
    ]


def _legend_entry_width(entry: tuple[str, EdgeStyle | None, str, str]) -> float:
    kind, _, word, meaning = entry
    if kind in ("badge", "note"):
        return _tag_width(word) + 0.18 + _text_width(meaning, TEXT_PT) / 72
    bold = _text_width(word + ":", TEXT_PT, bold=True) / 72 + 0.1 if word else 0.0
    return LEGEND_SAMPLE + 0.08 + bold + _text_width(meaning, TEXT_PT) / 72


def _legend_size(entries: list, available: float) -> tuple[float, float, list[list]]:
    """The legend in as few rows as fit ``available`` inches: width, height, columns."""
    for n_columns in range(4, 0, -1):
        per = -(-len(entries) // n_columns)
        columns = [entries[i:i + per] for i in range(0, len(entries), per)]
        width = (sum(max(map(_legend_entry_width, column)) for column in columns)
                 + 0.25 * (len(columns) - 1))
        if width <= available or n_columns == 1:
            return width, _line_h(TEXT_PT + 1) + 0.05 + per * LEGEND_ROW, columns
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------------------------
# Choosing the size, and drawing.


def page_for(width: float, height: float) -> tuple[str, float]:
    """The landscape page a ``width`` x ``height`` inch map prints on, and the scale:
    letter if its text stays at least 8 pt there, else A3."""
    least = MIN_PRINTED_PT / min(STEP_PT, TEXT_PT)
    for name in ("letter", "A3"):
        page_w, page_h = PAGES[name]
        scale = min(page_w / width, page_h / height, MAX_ENLARGE)
        if scale >= least or name == "A3":
            return name, scale
    raise AssertionError("unreachable")


def _layout(context: ExportContext) -> _Layout:
    """The map at the box width that prints largest (letter before A3; wider boxes, so
    fewer lines per name, when the print size is the same), with its arrows routed."""
    journey = context.journey
    counts = finding_counts(context.report.findings, journey.id)
    placements = place_steps(journey)
    best: tuple[tuple[bool, float, float], _Layout] | None = None
    for box_w in BOX_WIDTHS:
        layout = _Layout(context.workspace, journey, counts, placements, box_w)
        page, scale = page_for(layout.width, layout.height)
        printed = min(STEP_PT, TEXT_PT) * scale
        score = (page == "letter", round(min(printed, STEP_PT), 2), box_w)
        if best is None or score > best[0]:
            best = (score, layout)
    assert best is not None
    best[1].route()
    return best[1]


def draw_swimlane(context: ExportContext, page: str | None = None) -> Figure:
    """The journey's swimlane map as a matplotlib ``Figure`` (no pyplot).

    Without ``page`` the figure is the map's own size; with ``page`` (``"letter"`` or
    ``"A3"``) it is that page in landscape, the map centred and scaled to fit.
    """
    with _drawing():
        return _figure(_layout(context), page)


def _figure(layout: _Layout, page: str | None) -> Figure:
    from matplotlib.figure import Figure

    if page is None:
        fig_w, fig_h, scale = layout.width, layout.height, 1.0
    else:
        fig_w, fig_h = PAGES[page]
        scale = min(fig_w / layout.width, fig_h / layout.height, MAX_ENLARGE)
    figure = Figure(figsize=(fig_w, fig_h), facecolor="#FFFFFF")
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    half_w, half_h = fig_w / scale / 2, fig_h / scale / 2
    ax.set_xlim(layout.width / 2 - half_w, layout.width / 2 + half_w)
    ax.set_ylim(layout.height / 2 + half_h, layout.height / 2 - half_h)
    _Painter(layout, ax, scale).draw()
    return figure


class _Painter:
    """Draws a layout on an Axes whose data units are inches at print scale 1; text
    sizes and line widths are multiplied by ``scale``."""

    def __init__(self, layout: _Layout, ax: Axes, scale: float) -> None:
        self.lay, self.ax, self.scale = layout, ax, scale

    def text(self, x: float, y: float, text: str, size: float, **kwargs: Any) -> None:
        self.ax.text(x, y, text, fontsize=size * self.scale, fontfamily=FONT,
                     parse_math=False, **kwargs)

    def lines(self, x: float, y: float, lines: list[str], size: float, **kwargs: Any) -> float:
        """Draw lines of text from ``y`` down; returns the y under the last."""
        for line in lines:
            self.text(x, y, line, size, va="top", **kwargs)
            y += _line_h(size)
        return y

    def lw(self, points: float) -> float:
        return points * self.scale

    def draw(self) -> None:
        self.lanes()
        self.stages()
        self.arrows()
        self.boxes()
        self.header()
        self.sentiment()
        self.footer()

    def header(self) -> None:
        lay = self.lay
        y = self.lines(MARGIN, MARGIN, lay.title_lines, TITLE_PT, fontweight="bold",
                       color="#111111")
        self.lines(MARGIN, y + 0.06, lay.summary_lines, TEXT_PT, color="#333333")
        x, y = lay.legend_at
        self.text(x, y, "How to read this map", TEXT_PT + 1, fontweight="bold", va="top",
                  color="#111111")
        y += _line_h(TEXT_PT + 1) + 0.05
        for column in lay.legend_columns:
            for row, (kind, style, word, meaning) in enumerate(column):
                self.legend_entry(x, y + (row + 0.5) * LEGEND_ROW, kind, style, word, meaning)
            x += max(map(_legend_entry_width, column)) + 0.25

    def legend_entry(self, x: float, y: float, kind: str, style: EdgeStyle | None, word: str,
                     meaning: str) -> None:
        from matplotlib.lines import Line2D

        if kind in ("badge", "note"):
            self.tag(x, y, word, note=kind == "note")
            x += _tag_width(word) + 0.18
            word = ""
        elif kind == "sentiment":
            for i, value in enumerate((2, 0, -2)):
                self.sentiment_marker(x + 0.06 + i * 0.16, y, value, "#FFFFFF")
            x += LEGEND_SAMPLE + 0.08
        elif style is not None:
            self.ax.add_line(Line2D([x, x + LEGEND_SAMPLE - 0.1], [y, y], color=style.colour,
                                    linewidth=self.lw(_line_width(style)),
                                    linestyle=_dashes(style), dash_capstyle="butt"))
            self.arrowhead(x + LEGEND_SAMPLE - 0.02, y, style.colour, 0.7)
            x += LEGEND_SAMPLE + 0.08
        if word:
            self.text(x, y, word + ":", TEXT_PT, fontweight="bold", va="center",
                      color="#111111")
            x += _text_width(word + ":", TEXT_PT, bold=True) / 72 + 0.1
        self.text(x, y, meaning, TEXT_PT, va="center", color="#222222")

    def lanes(self) -> None:
        from matplotlib.patches import Rectangle

        lay = self.lay
        for lane, agency in enumerate(lay.agencies):
            top, bottom = lay.lane_spans[lane]
            colour = lay.colours[agency]
            for x, w, fill, z in ((lay.x0, lay.lanes_right - lay.x0,
                                   "#F3F3F3" if lane % 2 == 0 else "#FFFFFF", 0),
                                  (MARGIN, LANE_LABEL_W, _tint(colour, 0.82), 0),
                                  (MARGIN, 0.09, colour, 0.5)):
                self.ax.add_artist(Rectangle((x, top), w, bottom - top, facecolor=fill,
                                             edgecolor="none", zorder=z))
            bold, plain = lay.lane_labels[lane]
            y = (top + bottom) / 2 - _lane_label_height(bold, plain) / 2
            y = self.lines(MARGIN + 0.16, y, bold, LANE_PT, fontweight="bold",
                           color="#111111", zorder=1)
            self.lines(MARGIN + 0.16, y + 0.04, plain, TEXT_PT, color="#222222", zorder=1)
        rule = {"color": "#9A9A9A", "linewidth": self.lw(0.6), "zorder": 0.6}
        for y in sorted({y for span in lay.lane_spans for y in span}):
            self.ax.plot([MARGIN, lay.lanes_right], [y, y], **rule)
        self.ax.plot([lay.x0, lay.x0], [lay.lanes_top, lay.lanes_bottom], **rule)

    def stages(self) -> None:
        from matplotlib.patches import FancyBboxPatch

        lay = self.lay
        if lay.stages:
            self.text(lay.x0 - 0.1, lay.stages[0].top + 0.03, "Stages", TEXT_PT,
                      fontweight="bold", ha="right", va="top", color="#333333")
        for stage in lay.stages:
            self.ax.add_artist(FancyBboxPatch(
                (stage.x0, stage.top), stage.x1 - stage.x0, stage.height,
                boxstyle="round,pad=0,rounding_size=0.05", facecolor="#E4E4E4",
                edgecolor="#8A8A8A", linewidth=self.lw(0.6), zorder=1))
            y = stage.top + stage.height / 2 - len(stage.lines) * _line_h(TEXT_PT) / 2
            self.lines((stage.x0 + stage.x1) / 2, y, stage.lines, TEXT_PT, fontweight="bold",
                       ha="center", color="#111111", zorder=2)

    def boxes(self) -> None:
        from matplotlib.patches import FancyBboxPatch

        lay = self.lay
        for box in lay.boxes.values():
            self.ax.add_artist(FancyBboxPatch(
                (box.x, box.y), box.w, box.h, boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=box.colour, edgecolor="#222222", linewidth=self.lw(0.8), zorder=3))
            top = box.y + lay.top_pad[box.row]
            room = box.bottom - PAD_Y - top
            self.lines(box.x + box.w / 2, top + (room - len(box.lines) * _line_h(STEP_PT)) / 2,
                       box.lines, STEP_PT, ha="center", color=text_colour(box.colour),
                       zorder=4)
            if box.findings:
                word = f"⚠ {box.findings}"
                self.tag(box.right - 0.07 - _tag_width(word), box.y, word, note=False)
            if box.notes:
                word = (str(box.notes[0]) if len(box.notes) == 1
                        else f"{box.notes[0]}–{box.notes[-1]}")
                self.tag(box.x + 0.07, box.y, word, note=True)

    def tag(self, x: float, y: float, word: str, note: bool) -> None:
        """A pain point number (round, white) or a findings badge (square, yellow) whose
        left end is ``x`` and middle ``y``."""
        from matplotlib.patches import FancyBboxPatch

        w = _tag_width(word)
        self.ax.add_artist(FancyBboxPatch(
            (x, y - TAG_H / 2), w, TAG_H,
            boxstyle=f"round,pad=0,rounding_size={TAG_H / 2 if note else 0.03}",
            facecolor="#FFFFFF" if note else "#FFF4C2", edgecolor="#111111",
            linewidth=self.lw(0.7), zorder=5))
        self.text(x + w / 2, y, word, TEXT_PT, fontweight="bold", ha="center",
                  va="center_baseline", color="#111111", zorder=6)

    def arrows(self) -> None:
        from matplotlib.patches import PathPatch

        for edge in self.lay.edges:
            style = edge.style
            self.ax.add_artist(PathPatch(
                _rounded_path(edge.points), fill=False, edgecolor=style.colour,
                linewidth=self.lw(_line_width(style)), linestyle=_dashes(style),
                capstyle="butt", joinstyle="round", zorder=2))
            self.arrowhead(edge.target.x, edge.y_in, style.colour, 1.0)
        for label in self.lay.labels:
            self.text(label.x, label.y, label.text, TEXT_PT, ha="center",
                      va="center_baseline", rotation=90 if label.upright else 0,
                      color="#111111", zorder=7,
                      bbox={"boxstyle": "round,pad=0.18", "facecolor": "#FFFFFF",
                            "edgecolor": label.style.colour, "linewidth": self.lw(0.8)})

    def arrowhead(self, x: float, y: float, colour: str, size: float) -> None:
        """A filled head pointing right, its tip at (``x``, ``y``)."""
        from matplotlib.patches import Polygon

        length, half = ARROW_LEN * size, ARROW_HALF * size
        self.ax.add_artist(Polygon([(x, y), (x - length, y - half), (x - length, y + half)],
                                   closed=True, facecolor=colour, edgecolor="none",
                                   zorder=2.5))

    def sentiment(self) -> None:
        """Each step's sentiment under its column (side by side when a column has several)
        and a line through the columns' means."""
        lay = self.lay
        if not lay.has_sentiment:
            return
        mid = (lay.sentiment_top + lay.sentiment_bottom) / 2
        unit = (SENTIMENT_H - 0.12) / 4
        self.text(MARGIN + 0.02, mid, "Sentiment", LANE_PT, fontweight="bold", va="center",
                  color="#111111")
        for value in range(-2, 3):
            y = mid - value * unit
            if value % 2 == 0:
                self.text(lay.x0 - 0.06, y, f"{value:+d}".replace("-", "−") if value else "0",
                          TEXT_PT, ha="right", va="center", color="#333333")
            self.ax.plot([lay.x0, lay.lanes_right], [y, y],
                         color="#777777" if value == 0 else "#D0D0D0",
                         linewidth=self.lw(0.7 if value == 0 else 0.5), zorder=1)
        by_column: dict[int, list[_Box]] = defaultdict(list)
        for box in sorted(lay.boxes.values(), key=lambda b: b.row):
            if box.step.sentiment is not None:
                by_column[box.column].append(box)
        means = []
        for column in sorted(by_column):
            boxes = by_column[column]
            centre = lay.column_left(column) + lay.box_w / 2
            spread = min(0.16, (lay.box_w - 0.2) / max(len(boxes) - 1, 1))
            for i, box in enumerate(boxes):
                value = box.step.sentiment or 0
                self.sentiment_marker(centre + (i - (len(boxes) - 1) / 2) * spread,
                                      mid - value * unit, value, box.colour)
            means.append((centre, mid - statistics.fmean(b.step.sentiment or 0 for b in boxes)
                          * unit))
        if len(means) > 1:
            self.ax.plot(*zip(*means, strict=True), color="#555555", linewidth=self.lw(1.0),
                         zorder=1.5)

    def sentiment_marker(self, x: float, y: float, value: int, colour: str) -> None:
        self.ax.plot([x], [y], marker="^" if value > 0 else "v" if value < 0 else "o",
                     markersize=6.5 * self.scale, markerfacecolor=colour,
                     markeredgecolor="#111111", markeredgewidth=self.lw(0.7),
                     linestyle="none", zorder=3)

    def footer(self) -> None:
        lay = self.lay
        if not lay.footer_columns:
            return
        self.text(MARGIN, lay.footer_top, "Pain points", TEXT_PT + 1, fontweight="bold",
                  va="top", color="#111111")
        top = lay.footer_top + _line_h(TEXT_PT + 1) + 0.06
        for c, column in enumerate(lay.footer_columns):
            x, y = MARGIN + c * (lay.footer_col_w + 0.25), top
            for number, lines in column:
                self.tag(x, y + _line_h(TEXT_PT) / 2, str(number), note=True)
                y = self.lines(x + lay.footer_indent, y, lines, TEXT_PT, color="#111111")
                y += 0.05
        if lay.footer_more:
            self.text(MARGIN, lay.footer_bottom - _line_h(TEXT_PT),
                      f"… and {lay.footer_more} more pain points, not listed here "
                      "(the CSV and Markdown exports list them all).", TEXT_PT, va="top",
                      color="#333333")


def _line_width(style: EdgeStyle) -> float:
    """In points: the shared widths are screen pixels, a little heavy on paper."""
    return style.width * 0.55


def _dashes(style: EdgeStyle) -> Any:
    """The shared dash pattern (pixels at the line's width) as matplotlib's, which is in
    multiples of the line width."""
    return (0, tuple(d / style.width for d in style.dashes)) if style.dashes else "solid"


def _rounded_path(points: list[tuple[float, float]], radius: float = 0.06) -> Any:
    """A polyline with its corners rounded."""
    from matplotlib.path import Path

    vertices, codes = [points[0]], [Path.MOVETO]
    for (ax, ay), (bx, by), (cx, cy) in zip(points, points[1:], points[2:], strict=False):
        d1 = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        d2 = ((cx - bx) ** 2 + (cy - by) ** 2) ** 0.5
        r = min(radius, d1 / 2, d2 / 2)
        if r <= 1e-6:
            vertices.append((bx, by))
            codes.append(Path.LINETO)
            continue
        vertices += [(bx + (ax - bx) * r / d1, by + (ay - by) * r / d1), (bx, by),
                     (bx + (cx - bx) * r / d2, by + (cy - by) * r / d2)]
        codes += [Path.LINETO, Path.CURVE3, Path.CURVE3]
    vertices.append(points[-1])
    codes.append(Path.LINETO)
    return Path(vertices, codes)


# ---------------------------------------------------------------------------------------
# The three exports.


def _save(figure: Figure, fmt: str, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    with _drawing():
        figure.savefig(buffer, format=fmt, facecolor="#FFFFFF", **kwargs)
    return buffer.getvalue()


def svg_with_title(svg: str, title: str, description: str) -> str:
    """Put ``<title>`` and ``<desc>``, XML-escaped, first inside the ``<svg>`` element
    (matplotlib writes neither), and name them as the picture's accessible name."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("no <svg> element")
    start = match.group(0)[:-1] + ' role="img" aria-labelledby="map-title map-desc">'
    inserted = (f'\n <title id="map-title">{escape(_flat(title))}</title>'
                f'\n <desc id="map-desc">{escape(_flat(description))}</desc>')
    return svg[:match.start()] + start + inserted + svg[match.end():]


@exporter("svg", ".svg", "image/svg+xml",
          "swimlane map as SVG: scalable, its text searchable, with a title and description",
          available=_matplotlib_available)
def render_svg(context: ExportContext) -> list[Artifact]:
    svg = _save(draw_swimlane(context), "svg", metadata={"Date": None}).decode("utf-8")
    svg = svg_with_title(svg, context.journey.name, describe(context.journey))
    return [Artifact(svg.encode("utf-8"))]


@exporter("png", ".png", "image/png", "swimlane map as a PNG picture, for slides and documents",
          available=_matplotlib_available)
def render_png(context: ExportContext) -> list[Artifact]:
    """150 dpi, in 256 colours: a third of the size and no visible difference, as the map
    has few colours besides the anti-aliased edges (median cut keeps the flat ones, white
    included, exactly)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    with _drawing():
        figure = draw_swimlane(context)
        figure.set_dpi(min(PNG_DPI, MAX_PNG_PIXELS / max(figure.get_size_inches())))
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(physical=True),
                             canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", compress_level=7)
    return [Artifact(buffer.getvalue())]


@exporter("pdf", ".pdf", "application/pdf",
          "swimlane map on one letter or A3 landscape page, ready to print",
          available=_matplotlib_available)
def render_pdf(context: ExportContext) -> list[Artifact]:
    with _drawing():
        layout = _layout(context)
        figure = _figure(layout, page_for(layout.width, layout.height)[0])
    metadata = {"CreationDate": None, "Title": _flat(context.journey.name),
                "Subject": describe(context.journey)}
    return [Artifact(_save(figure, "pdf", metadata=metadata))]
