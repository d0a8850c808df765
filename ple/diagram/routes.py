"""Arrows of the swimlane map: orthogonal routes that never cross a box, and a word on
every handoff where it covers nothing else.

An arrow leaves its step's right edge, runs in the gap after that column, along the gap
between rows next to its target's row if it must, and enters the target's left edge.
Arrows that share a gap get tracks of their own, so they run apart.

Both steps stay near linear in the number of arrows, however crowded a gap: a gap has
at most :data:`MAX_TRACKS` tracks, a word tries at most :data:`MAX_LABEL_SPOTS` places,
and what a place covers is looked up in a grid of small cells, not among every box of a
column (a step with a thousand branches put a thousand boxes in one column).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ple.diagram.swimlane import (
    ARROW_LEN,
    GAP,
    PAD_Y,
    ROW_GAP,
    TAG_H,
    TEXT_PT,
    Box,
    Route,
    RouteLabel,
)
from ple.diagram.text import line_height, text_width

if TYPE_CHECKING:
    from ple.diagram.swimlane import SwimlaneLayout

MAX_TRACKS = 24
"""Most tracks in one gap. A gap is 0.21 inches wide, so past a dozen tracks the lines
touch anyway; further arrows share the tracks in turn instead of each trying every
track (which made a step with a thousand branches quadratic)."""
MAX_LABEL_SPOTS = 500
"""Most places tried for one word before the least covered of them is taken (the
bundled and synthetic journeys need at most 177)."""
MAX_MAP_SPOTS = 20_000
"""Most places tried for all the words of one map (the bundled journeys need at most
1,400); past it, each word takes its first place. A map so crowded that its words find
no free place would otherwise try every place for every word."""
CELL = 0.5
"""Side of the cells, in inches, in which the covered places are looked up."""


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


def route_arrows(layout: SwimlaneLayout) -> None:
    """Give every route its ports and its points."""
    _ports(layout)
    _tracks(layout)


def _ports(layout: SwimlaneLayout) -> None:
    """Spread the arrows leaving (right edge) and entering (left edge) each box, ordered
    by where their other end is, so they do not cross at the box."""
    leaving: dict[str, list[Route]] = defaultdict(list)
    entering: dict[str, list[Route]] = defaultdict(list)
    for route in layout.routes:
        leaving[route.source.step.id].append(route)
        entering[route.target.step.id].append(route)
    for sid, routes in leaving.items():
        routes.sort(key=lambda r: (r.target.row, r.target.column))
        for route, y in zip(routes, _port_ys(layout, layout.boxes[sid], len(routes)), strict=True):
            route.y_out = y
    for sid, routes in entering.items():
        routes.sort(key=lambda r: (r.source.row, r.source.column))
        for route, y in zip(routes, _port_ys(layout, layout.boxes[sid], len(routes)), strict=True):
            route.y_in = y


def _port_ys(layout: SwimlaneLayout, box: Box, n: int) -> list[float]:
    top, bottom = box.y + layout.top_pad[box.row] + 0.02, box.bottom - PAD_Y
    return [top + (bottom - top) * (i + 1) / (n + 1) for i in range(n)]


def _tracks(layout: SwimlaneLayout) -> None:
    """Orthogonal routes: from the right edge into the next column gap; then either
    straight to the target's row (next column) or along the row gap next to the target's
    row to the gap before the target's column; into its left edge."""
    vertical: dict[int, list[_Segment]] = defaultdict(list)
    horizontal: dict[int, list[_Segment]] = defaultdict(list)
    for index, route in enumerate(layout.routes):
        s, t = route.source, route.target
        if t.column == s.column + 1:
            vertical[t.column].append(_Segment(route.y_out, route.y_in, index, 0, 1))
            continue
        forward = t.row > s.row or (t.row == s.row and t.column > s.column)
        gap = t.row if forward else t.row + 1
        y = layout.gap_top[gap] + ROW_GAP / 2
        vertical[s.column + 1].append(_Segment(route.y_out, y, index, 0, 0))
        vertical[t.column].append(_Segment(y, route.y_in, index, 1, 2))
        horizontal[gap].append(
            _Segment(
                layout.gap_left(s.column + 1) + GAP / 2,
                layout.gap_left(t.column) + GAP / 2,
                index,
                2,
                0,
            )
        )
    track: dict[tuple[int, int], float] = {}
    for k, segments in vertical.items():
        track.update(
            _spread(segments, layout.gap_left(k) + 0.07, layout.gap_left(k) + GAP - 0.14, 0.08)
        )
    for g, segments in horizontal.items():
        track.update(
            _spread(segments, layout.gap_top[g] + 0.05, layout.gap_top[g] + ROW_GAP - 0.05, 0.06)
        )
    for index, route in enumerate(layout.routes):
        start = (route.source.right, route.y_out)
        end = (route.target.x - ARROW_LEN * 0.6, route.y_in)
        if (index, 2) not in track:
            x = track[(index, 0)]
            points = [start, (x, route.y_out), (x, route.y_in), end]
        else:
            xa, xb, y = track[(index, 0)], track[(index, 1)], track[(index, 2)]
            points = [start, (xa, route.y_out), (xa, y), (xb, y), (xb, route.y_in), end]
        route.points = _simplify(points)


class _Track:
    """The segments on one track, kept apart from each other and sorted, so whether one
    more fits is two comparisons with its neighbours."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []
        self.shared = False
        """Holds segments that overlap (the gap ran out of tracks): nothing else fits."""

    def fits(self, seg: _Segment) -> bool:
        if self.shared:
            return False
        i = bisect_left(self.spans, (seg.lo, seg.hi))
        return (i == 0 or self.spans[i - 1][1] + 0.06 < seg.lo) and (
            i == len(self.spans) or seg.hi + 0.06 < self.spans[i][0]
        )

    def add(self, seg: _Segment) -> None:
        insort(self.spans, (seg.lo, seg.hi))


def _spread(
    segments: list[_Segment], low: float, high: float, spacing: float
) -> dict[tuple[int, int], float]:
    """A track (a coordinate between ``low`` and ``high``) for each segment, so that
    overlapping segments run apart; segments of a lower side get tracks nearer ``low``.
    Each segment takes the first track it fits on; when none of :data:`MAX_TRACKS` has
    room, the tracks take the rest in turn."""
    on_track: list[_Track] = []
    track_of: dict[tuple[int, int], int] = {}
    shared = 0
    for seg in sorted(segments, key=lambda s: (s.side, s.lo, s.hi, s.edge, s.part)):
        t = next((t for t, track in enumerate(on_track) if track.fits(seg)), len(on_track))
        if t == len(on_track) and t < MAX_TRACKS:
            on_track.append(_Track())
        elif t == len(on_track):
            t, shared = shared % MAX_TRACKS, shared + 1
            on_track[t].shared = True
        on_track[t].add(seg)
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
            if (abs(ax - bx) < 1e-9 and abs(bx - p[0]) < 1e-9) or (
                abs(ay - by) < 1e-9 and abs(by - p[1]) < 1e-9
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


# --- words on arrows -----------------------------------------------------------------


def place_labels(layout: SwimlaneLayout) -> list[RouteLabel]:
    """A word on every handoff arrow where it covers no box, badge or other word: the first
    free spot of :func:`_label_spots`, else the least covered of the first
    :data:`MAX_LABEL_SPOTS` (of one, once the map has tried :data:`MAX_MAP_SPOTS`)."""
    rects: list[_Rect] = []
    bins: defaultdict[tuple[int, int], list[int]] = defaultdict(list)

    def cells(rect: _Rect) -> Iterator[tuple[int, int]]:
        for x in range(int(rect.x0 // CELL), int(rect.x1 // CELL) + 1):
            for y in range(int(rect.y0 // CELL), int(rect.y1 // CELL) + 1):
                yield x, y

    def taken(rect: _Rect) -> None:
        rects.append(rect)
        for cell in cells(rect):
            bins[cell].append(len(rects) - 1)

    area = _Rect(layout.x0, layout.lanes_top, layout.lanes_right, layout.lanes_bottom)

    def cost(rect: _Rect) -> float:
        near = sorted({i for cell in cells(rect) for i in bins.get(cell, ())})
        covered = sum(rect.overlap_area(rects[i]) for i in near)
        outside = (rect.x1 - rect.x0) * (rect.y1 - rect.y0) - rect.overlap_area(area)
        return covered + outside * 10

    for box in layout.boxes.values():
        taken(_Rect(box.x - 0.02, box.y - TAG_H / 2 - 0.02, box.right + 0.02, box.bottom + 0.02))
    labels = []
    budget = MAX_MAP_SPOTS
    for index, route in enumerate(layout.routes):
        if not route.label:
            continue
        w = (text_width(route.label, TEXT_PT) + 7) / 72
        h = line_height(TEXT_PT) + 0.05
        best: tuple[float, _Rect, float, float, bool] | None = None
        tries = max(min(MAX_LABEL_SPOTS, budget), 1)
        for x, y, upright in itertools.islice(_label_spots(layout, route.points, w, h), tries):
            budget -= 1
            half_w, half_h = (h / 2, w / 2) if upright else (w / 2, h / 2)
            rect = _Rect(x - half_w, y - half_h, x + half_w, y + half_h)
            penalty = cost(rect)
            if best is None or penalty < best[0] - 1e-9:
                best = (penalty, rect, x, y, upright)
            if penalty <= 1e-9:
                break
        assert best is not None
        taken(best[1])
        labels.append(RouteLabel(route.label, best[2], best[3], best[4], route.style, index))
    return labels


def _label_spots(
    layout: SwimlaneLayout, points: list[tuple[float, float]], w: float, h: float
) -> Iterator[tuple[float, float, bool]]:
    """Where an arrow's word may go, best first: on a vertical part where it crosses a row
    gap, on its horizontal run, anywhere along a vertical part, beside it, and last turned
    upright along it."""
    legs = list(itertools.pairwise(points))
    vertical = [
        (xa, *sorted((ya, yb)))
        for (xa, ya), (xb, yb) in legs
        if abs(xa - xb) < 1e-9 and abs(ya - yb) > 1e-9
    ]
    runs = [
        (ya, *sorted((xa, xb)))
        for (xa, ya), (xb, yb) in legs
        if abs(ya - yb) < 1e-9 and abs(xb - xa) > w
    ]
    gaps = [top + ROW_GAP / 2 for top in layout.gap_top]
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
        for y in _from_the_middle(lo + h / 2, 0.05, int((hi - lo - h) / 0.05) + 1, (lo + hi) / 2):
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


def _from_the_middle(first: float, step: float, n: int, middle: float) -> Iterator[float]:
    """``first + k * step`` for ``k`` below ``n``, nearest ``middle`` first (of two as
    near, the lower), made one at a time: a long arrow has thousands, a word needs few."""
    if n <= 0:
        return

    def y(k: int) -> float:
        return first + k * step

    guess = min(max(int((middle - first) / step), 0), n - 1)
    below = min(range(max(guess - 2, 0), min(guess + 3, n)), key=lambda k: abs(y(k) - middle))
    above = below + 1
    while below >= 0 or above < n:
        if above >= n or (below >= 0 and abs(y(below) - middle) <= abs(y(above) - middle)):
            yield y(below)
            below -= 1
        else:
            yield y(above)
            above += 1
