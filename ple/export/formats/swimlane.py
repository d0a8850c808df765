"""Print-ready swimlane maps of a journey as SVG, PNG and PDF, drawn with matplotlib.

One horizontal lane per agency, the stages as a header band over the columns, the
steps as rounded boxes in their agency's colour, and every move as an arrow from box
edge to box edge, styled by handoff type with a line pattern *and* a word (colour is
never the only cue). Steps with open gap findings carry a "⚠ n" badge, pain points are
numbered tags listed in a footer, and a sentiment row runs under the lanes.

Where everything goes is computed by :mod:`ple.diagram.swimlane`, which the app's canvas
draws too, so the printed map and the screen agree; this module only chooses the box
width and draws. The box width is chosen so that the map prints on the smallest page that
keeps its text at least 8 pt (letter, A3, A2, A1, A0, landscape: a journey's stages side
by side can make a wall map), and on that page as large as it can; a map that would need
more than A2 is folded into bands of stages stacked down the page (:mod:`ple.diagram.bands`)
when that prints it on a smaller page. A journey of hundreds of steps cannot stay at 8 pt
even on A0, and its PDF is shrunk to fit that page.

matplotlib is used the way the tech notes (section 6.1) advise: a ``Figure``, never
pyplot (the app runs sessions on threads); ``parse_math=False`` on every text, so
``$5 and $10`` stays text; SVG text kept as ``<text>``; fixed dates and SVG id salt,
so the same journey always gives the same bytes.
"""

from __future__ import annotations

import gc
import io
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ple import limits
from ple.diagram.bands import BAND_GAP, MAX_BANDS, FoldedLayout, cut_candidates
from ple.diagram.sketch import JourneySketch, sketch_journey
from ple.diagram.style import EdgeStyle, tint
from ple.diagram.swimlane import (
    ARROW_HALF,
    ARROW_LEN,
    LANE_LABEL_W,
    LANE_PT,
    LEGEND_ROW,
    LEGEND_SAMPLE,
    MARGIN,
    STEP_PT,
    TAG_H,
    TEXT_PT,
    TITLE_PT,
    Box,
    SwimlaneLayout,
    check_size,
    describe,
    lane_label_height,
    legend_entry_width,
    size_problem,
    tag_width,
)
from ple.diagram.text import families, flat, line_height, text_width
from ple.export.registry import Artifact, ExportContext, ExportRefused, exporter
from ple.views.journey import finding_counts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ple.diagram.grid import Grid

MIN_PRINTED_PT = 8.0
FOLD_PAST = "A2"
"""A map that needs a larger page than this in one band is folded into bands
(:mod:`ple.diagram.bands`) when that prints it on a smaller page; every map up to this
page keeps its one band."""
BOX_WIDTHS = tuple(round(1.1 + 0.05 * i, 2) for i in range(19))
"""Box widths tried (1.1 to 2 inches); the one whose map prints largest is kept."""
NARROW_BOX_WIDTHS = (0.9, 0.95, 1.0, 1.05)
"""Narrower boxes (about ten letters a line), tried only for a journey so long that no
width of :data:`BOX_WIDTHS` keeps its text at 8 pt even on the largest page."""

PAGES = {
    "letter": (11.0, 8.5),
    "A3": (16.54, 11.69),
    "A2": (23.39, 16.54),
    "A1": (33.11, 23.39),
    "A0": (46.81, 33.11),
}
"""Landscape page sizes in inches, smallest first."""
MAX_ENLARGE = 1.25
"""A small map is enlarged to fill its page, up to this factor."""
PNG_DPI = 150
MAX_PNG_PIXELS = 12_000
"""Longest side of a PNG; a map of hundreds of steps is drawn at a lower resolution, down
to :data:`ple.limits.PNG_DPI`."""

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "ple-swimlane",
    "pdf.fonttype": 42,
    "text.usetex": False,
}
"""Text as ``<text>`` in SVG and as an embedded TrueType font in PDF (both searchable),
and SVG ids that do not change from run to run. The font family is the fallback chain
of :mod:`ple.diagram.text`, so any letter is drawn."""

_LOCK = threading.RLock()
"""Held while a map is laid out, drawn or saved: matplotlib's rc settings are global,
and the cached font objects that measure text are not safe to share between threads
(the app serves sessions on threads)."""


def _families_named() -> list[str]:
    """The fonts the map is drawn with, then the generic ``sans-serif``: an SVG names them
    all in ``font-family``, so a viewer without DejaVu Sans sets the text in its own sans
    serif instead of a serif default. The three fonts hold every letter, so the pictures
    matplotlib draws never reach the generic name (whose first font is DejaVu Sans)."""
    return [*families(), "sans-serif"]


@contextmanager
def _drawing() -> Iterator[None]:
    import matplotlib

    with (
        _LOCK,
        matplotlib.rc_context(
            {**_RC, "font.family": _families_named(), "font.sans-serif": families()[:1]}
        ),
    ):
        yield


def _matplotlib_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def too_large_to_print(context: ExportContext) -> str | None:
    """Why the journey's map is not drawn (past :data:`ple.limits.PRINTED_STEPS` or
    ``PRINTED_MOVES``), and what to use instead; None when it is."""
    steps = context.journey.steps
    problem = size_problem(len(steps), sum(len(step.next) for step in steps), printed=True)
    if problem is None:
        return None
    return (
        f"{problem}; the html export draws maps of up to {limits.MAP_STEPS.value:,} "
        "steps, and the csv, xlsx and json exports hold the whole journey"
    )


def sketch_of(context: ExportContext) -> JourneySketch:
    """The journey of an export as the layout wants it, with its open findings."""
    counts = finding_counts(context.report.findings, context.journey_id)
    return sketch_journey(context.workspace, context.journey, counts)


# ---------------------------------------------------------------------------------------
# Choosing the size, and drawing.


def page_for(width: float, height: float) -> tuple[str, float]:
    """The smallest landscape page a ``width`` x ``height`` inch map prints on with its text
    at least 8 pt, and the scale; the largest page when none is large enough."""
    least = MIN_PRINTED_PT / min(STEP_PT, TEXT_PT)
    for name, (page_w, page_h) in PAGES.items():
        scale = min(page_w / width, page_h / height, MAX_ENLARGE)
        if scale >= least:
            return name, scale
    return name, scale


def print_layout(sketch: JourneySketch) -> SwimlaneLayout | FoldedLayout:
    """The map at the box width that prints best: on the smallest page, then with the
    largest text, then with the widest boxes (fewer lines per name); arrows routed.
    A map that would need a page larger than :data:`FOLD_PAST` or boxes narrower than
    :data:`BOX_WIDTHS` is folded into bands when that prints it on a smaller page
    (:func:`folded_layout`). Raises :class:`ple.diagram.swimlane.MapTooLarge` past the
    limits of a printed map."""
    from ple.diagram.grid import grid

    check_size(sketch, printed=True)
    cells = grid(sketch)
    best = _best_layout(sketch, cells, BOX_WIDTHS)
    if best[0][1] < MIN_PRINTED_PT:
        # Narrow boxes only where they bring the text to 8 pt: the narrowest first, since
        # a map it cannot save is past saving (and is then drawn with readable boxes).
        narrowest = _best_layout(sketch, cells, NARROW_BOX_WIDTHS[:1])
        if narrowest[0][1] >= MIN_PRINTED_PT:
            best = max(
                narrowest,
                _best_layout(sketch, cells, NARROW_BOX_WIDTHS[1:]),
                key=lambda scored: scored[0],
            )
    (rank, printed, box_w), layout = best
    cramped = box_w < BOX_WIDTHS[0] or printed < MIN_PRINTED_PT
    if cramped or -rank > list(PAGES).index(FOLD_PAST):
        folded = folded_layout(sketch, cells, list(PAGES)[-rank])
        if folded is not None and (folded[0][0] > rank or (folded[0][0] == rank and cramped)):
            return folded[1].route()
    return layout.route()


def folded_layout(
    sketch: JourneySketch, cells: Grid, largest: str
) -> tuple[tuple[int, int, int, float, float], FoldedLayout] | None:
    """The map folded into bands as it prints best on a page up to ``largest``, with text at
    8 pt or more and boxes of :data:`BOX_WIDTHS`: on the smallest page, then cut at stage
    boundaries only, then in the fewest bands, then with the largest text, then the widest
    boxes; with that score (page rank, whole stages, bands, printed pt, width). None when
    no fold does. A fold that cannot fit even with its narrowest boxes (too wide) or its
    widest (too tall) is not laid out at all, so a map of hundreds of steps costs little."""
    order = list(PAGES)
    least = MIN_PRINTED_PT / min(STEP_PT, TEXT_PT)
    most_w, most_h = (side / least for side in PAGES[largest])
    best: tuple[tuple[int, int, int, float, float], FoldedLayout] | None = None
    boundaries = {stage.first for stage in cells.stages}
    for bands in range(2, MAX_BANDS + 1):
        for cuts in cut_candidates(cells, bands):
            if FoldedLayout.narrowest_width(BOX_WIDTHS[0], cells, cuts) > most_w:
                continue
            if FoldedLayout(sketch, BOX_WIDTHS[-1], cells, cuts).height > most_h:
                continue
            whole = int(set(cuts) <= boundaries)
            for box_w in BOX_WIDTHS:
                layout = FoldedLayout(sketch, box_w, cells, cuts)
                page, scale = page_for(layout.width, layout.height)
                printed = round(min(min(STEP_PT, TEXT_PT) * scale, STEP_PT), 2)
                if printed < MIN_PRINTED_PT or order.index(page) > order.index(largest):
                    continue
                score = (-order.index(page), whole, -bands, printed, box_w)
                if best is None or score > best[0]:
                    best = (score, layout)
    return best


def _best_layout(
    sketch: JourneySketch, cells: Grid, widths: tuple[float, ...]
) -> tuple[tuple[int, float, float], SwimlaneLayout]:
    """The layout of the box width that prints on the smallest page, then largest (up to
    its size), then with the widest boxes; with that score (page rank, printed pt, width)."""
    order = list(PAGES)
    best: tuple[tuple[int, float, float], SwimlaneLayout] | None = None
    for box_w in widths:
        layout = SwimlaneLayout(sketch, box_w, cells=cells)
        page, scale = page_for(layout.width, layout.height)
        printed = min(STEP_PT, TEXT_PT) * scale
        score = (-order.index(page), round(min(printed, STEP_PT), 2), box_w)
        if best is None or score > best[0]:
            best = (score, layout)
    assert best is not None
    return best


def draw_swimlane(context: ExportContext, page: str | None = None) -> Figure:
    """The journey's swimlane map as a matplotlib ``Figure`` (no pyplot).

    Without ``page`` the figure is the map's own size; with ``page`` (a key of
    :data:`PAGES`) it is that page in landscape, the map centred and scaled to fit.
    """
    with _drawing():
        return _figure(print_layout(sketch_of(context)), page)


def _figure(layout: SwimlaneLayout, page: str | None) -> Figure:
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
    if isinstance(layout, FoldedLayout):
        _paint_folded(layout, ax, scale)
    else:
        _Painter(layout, ax, scale).draw()
    return figure


def _paint_folded(layout: FoldedLayout, ax: Axes, scale: float) -> None:
    """Each band as a map of its own under its heading, a rule between two bands, and the
    title, legend and pain points once."""
    frame = _Painter(layout, ax, scale)
    for index, (band, top) in enumerate(zip(layout.bands, layout.band_tops, strict=True)):
        painter = _BandPainter(band, ax, scale, layout)
        painter.lanes()
        painter.stages()
        painter.arrows()
        painter.boxes()
        painter.sentiment()
        words = f"Band {index + 1} of {len(layout.bands)}"
        if index + 1 < len(layout.bands):
            words += f" (continues in band {index + 2})"
        frame.text(MARGIN, top, words, TEXT_PT + 1, fontweight="bold", va="top", color="#111111")
        if index:
            y = top - BAND_GAP / 2
            ax.plot(
                [MARGIN, layout.width - MARGIN],
                [y, y],
                color="#555555",
                linewidth=frame.lw(0.8),
                linestyle=(0, (6, 3)),
                zorder=0.6,
            )
    frame.header()
    frame.footer()


class MapPainter:
    """What every printed map draws alike (the swimlane map and the service blueprint):
    text at print scale, the title and summary, the stage headers, tags, the legend's
    words and the footer's heading. The Axes' data units are inches at print scale 1;
    text sizes and line widths are multiplied by ``scale``."""

    def __init__(self, layout: Any, ax: Axes, scale: float) -> None:
        self.lay, self.ax, self.scale = layout, ax, scale
        self.families = _families_named()

    def text(self, x: float, y: float, text: str, size: float, **kwargs: Any) -> None:
        self.ax.text(
            x,
            y,
            text,
            fontsize=size * self.scale,
            fontfamily=self.families,
            parse_math=False,
            **kwargs,
        )

    def lines(self, x: float, y: float, lines: list[str], size: float, **kwargs: Any) -> float:
        """Draw lines of text from ``y`` down; returns the y under the last."""
        for line in lines:
            self.text(x, y, line, size, va="top", **kwargs)
            y += line_height(size)
        return y

    def lw(self, points: float) -> float:
        return points * self.scale

    def title(self) -> None:
        lay = self.lay
        y = self.lines(
            MARGIN, MARGIN, lay.title_lines, TITLE_PT, fontweight="bold", color="#111111"
        )
        self.lines(MARGIN, y + 0.06, lay.summary_lines, TEXT_PT, color="#333333")

    def heading(self, x: float, y: float, words: str) -> float:
        """A heading of the legend or the footer; returns the y under it."""
        self.text(x, y, words, TEXT_PT + 1, fontweight="bold", va="top", color="#111111")
        return y + line_height(TEXT_PT + 1)

    def legend_words(self, x: float, y: float, word: str, meaning: str) -> None:
        """A legend entry's words after its sample: the word in bold, then its meaning."""
        if word:
            self.text(x, y, word + ":", TEXT_PT, fontweight="bold", va="center", color="#111111")
            x += text_width(word + ":", TEXT_PT, bold=True) / 72 + 0.1
        self.text(x, y, meaning, TEXT_PT, va="center", color="#222222")

    def stages(self) -> None:
        from matplotlib.patches import FancyBboxPatch

        lay = self.lay
        if lay.stages:
            self.text(
                lay.x0 - 0.1,
                lay.stages[0].top + 0.03,
                "Stages",
                TEXT_PT,
                fontweight="bold",
                ha="right",
                va="top",
                color="#333333",
            )
        for stage in lay.stages:
            self.ax.add_artist(
                FancyBboxPatch(
                    (stage.x0, stage.top),
                    stage.x1 - stage.x0,
                    stage.height,
                    boxstyle="round,pad=0,rounding_size=0.05",
                    facecolor="#E4E4E4",
                    edgecolor="#8A8A8A",
                    linewidth=self.lw(0.6),
                    zorder=1,
                )
            )
            y = stage.top + stage.height / 2 - len(stage.lines) * line_height(TEXT_PT) / 2
            self.lines(
                (stage.x0 + stage.x1) / 2,
                y,
                stage.lines,
                TEXT_PT,
                fontweight="bold",
                ha="center",
                color="#111111",
                zorder=2,
            )

    def tag_shape(self, x: float, y: float, word: str, fill: str, rounding: float) -> None:
        """A small outlined tag holding ``word`` in bold, left end ``x``, middle ``y``."""
        from matplotlib.patches import FancyBboxPatch

        w = tag_width(word)
        self.ax.add_artist(
            FancyBboxPatch(
                (x, y - TAG_H / 2),
                w,
                TAG_H,
                boxstyle=f"round,pad=0,rounding_size={rounding}",
                facecolor=fill,
                edgecolor="#111111",
                linewidth=self.lw(0.7),
                zorder=5,
            )
        )
        self.text(
            x + w / 2,
            y,
            word,
            TEXT_PT,
            fontweight="bold",
            ha="center",
            va="center_baseline",
            color="#111111",
            zorder=6,
        )


class _Painter(MapPainter):
    """Draws a swimlane layout."""

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
        self.title()
        if lay.legend is None:
            return
        x = lay.legend.x
        y = self.heading(x, lay.legend.y, "How to read this map") + 0.05
        for column in lay.legend.columns:
            for row, (kind, style, word, meaning) in enumerate(column):
                self.legend_entry(x, y + (row + 0.5) * LEGEND_ROW, kind, style, word, meaning)
            x += max(map(legend_entry_width, column)) + 0.25

    def legend_entry(
        self, x: float, y: float, kind: str, style: EdgeStyle | None, word: str, meaning: str
    ) -> None:
        from matplotlib.lines import Line2D

        if kind in ("badge", "note"):
            self.tag(x, y, word, note=kind == "note")
            x += tag_width(word) + 0.18
            word = ""
        elif kind == "sentiment":
            for i, value in enumerate((2, 0, -2)):
                self.sentiment_marker(x + 0.06 + i * 0.16, y, value, "#FFFFFF")
            x += LEGEND_SAMPLE + 0.08
        elif kind == "band":  # as a connector box is drawn (_BandPainter)
            from matplotlib.patches import FancyBboxPatch

            self.ax.add_artist(
                FancyBboxPatch(
                    (x, y - 0.08),
                    LEGEND_SAMPLE - 0.1,
                    0.16,
                    boxstyle="round,pad=0,rounding_size=0.03",
                    facecolor="#FFFFFF",
                    edgecolor="#333333",
                    linewidth=self.lw(1.0),
                    linestyle=(0, (4, 2)),
                )
            )
            x += LEGEND_SAMPLE + 0.08
        elif style is not None:
            self.ax.add_line(
                Line2D(
                    [x, x + LEGEND_SAMPLE - 0.1],
                    [y, y],
                    color=style.colour,
                    linewidth=self.lw(_line_width(style)),
                    linestyle=_dashes(style),
                    dash_capstyle="butt",
                )
            )
            self.arrowhead(x + LEGEND_SAMPLE - 0.02, y, style.colour, 0.7)
            x += LEGEND_SAMPLE + 0.08
        self.legend_words(x, y, word, meaning)

    def lanes(self) -> None:
        from matplotlib.patches import Rectangle

        lay = self.lay
        for index, lane in enumerate(lay.lanes):
            top, bottom, colour = lane.top, lane.bottom, lane.colour
            for x, w, fill, z in (
                (lay.x0, lay.lanes_right - lay.x0, "#F3F3F3" if index % 2 == 0 else "#FFFFFF", 0),
                (MARGIN, LANE_LABEL_W, tint(colour, 0.82), 0),
                (MARGIN, 0.09, colour, 0.5),
            ):
                self.ax.add_artist(
                    Rectangle((x, top), w, bottom - top, facecolor=fill, edgecolor="none", zorder=z)
                )
            bold, plain = lane.label_lines, lane.name_lines
            y = (top + bottom) / 2 - lane_label_height(bold, plain) / 2
            y = self.lines(
                MARGIN + 0.16, y, bold, LANE_PT, fontweight="bold", color="#111111", zorder=1
            )
            self.lines(MARGIN + 0.16, y + 0.04, plain, TEXT_PT, color="#222222", zorder=1)
        rule = {"color": "#9A9A9A", "linewidth": self.lw(0.6), "zorder": 0.6}
        for y in sorted({y for lane in lay.lanes for y in (lane.top, lane.bottom)}):
            self.ax.plot([MARGIN, lay.lanes_right], [y, y], **rule)
        self.ax.plot([lay.x0, lay.x0], [lay.lanes_top, lay.lanes_bottom], **rule)

    def boxes(self) -> None:
        for box in self.lay.boxes.values():
            self.box(box)

    def box(self, box: Box) -> None:
        from matplotlib.patches import FancyBboxPatch

        self.ax.add_artist(
            FancyBboxPatch(
                (box.x, box.y),
                box.w,
                box.h,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=box.colour,
                zorder=3,
                **self.outline(box),
            )
        )
        self.lines(
            box.x + box.w / 2,
            box.text_top,
            box.lines,
            STEP_PT,
            ha="center",
            color=box.text_colour,
            zorder=4,
        )
        if box.badge:
            self.tag(box.right - 0.07 - tag_width(box.badge), box.y, box.badge, note=False)
        if box.note_tag:
            self.tag(box.x + 0.07, box.y, box.note_tag, note=True)

    def outline(self, box: Box) -> dict[str, Any]:
        """How a box's edge is drawn."""
        return {"edgecolor": "#222222", "linewidth": self.lw(0.8)}

    def tag(self, x: float, y: float, word: str, note: bool) -> None:
        """A pain point number (round, white) or a findings badge (square, yellow)."""
        fill, rounding = ("#FFFFFF", TAG_H / 2) if note else ("#FFF4C2", 0.03)
        self.tag_shape(x, y, word, fill, rounding)

    def arrows(self) -> None:
        from matplotlib.patches import PathPatch

        for route in self.lay.routes:
            style = route.style
            self.ax.add_artist(
                PathPatch(
                    _rounded_path(route.points),
                    fill=False,
                    edgecolor=style.colour,
                    linewidth=self.lw(_line_width(style)),
                    linestyle=_dashes(style),
                    capstyle="butt",
                    joinstyle="round",
                    zorder=2,
                )
            )
            self.arrowhead(route.target.x, route.y_in, style.colour, 1.0)
        for label in self.lay.labels:
            self.text(
                label.x,
                label.y,
                label.text,
                TEXT_PT,
                ha="center",
                va="center_baseline",
                rotation=90 if label.upright else 0,
                color="#111111",
                zorder=7,
                bbox={
                    "boxstyle": "round,pad=0.18",
                    "facecolor": "#FFFFFF",
                    "edgecolor": label.style.colour,
                    "linewidth": self.lw(0.8),
                },
            )

    def arrowhead(self, x: float, y: float, colour: str, size: float) -> None:
        """A filled head pointing right, its tip at (``x``, ``y``)."""
        from matplotlib.patches import Polygon

        length, half = ARROW_LEN * size, ARROW_HALF * size
        self.ax.add_artist(
            Polygon(
                [(x, y), (x - length, y - half), (x - length, y + half)],
                closed=True,
                facecolor=colour,
                edgecolor="none",
                zorder=2.5,
            )
        )

    def sentiment(self) -> None:
        """Each step's sentiment under its column and a line through the columns' means."""
        lay = self.lay
        row = lay.sentiment()
        if row is None:
            return
        self.text(
            MARGIN + 0.02,
            row.mid,
            "Sentiment",
            LANE_PT,
            fontweight="bold",
            va="center",
            color="#111111",
        )
        for value in range(-2, 3):
            y = row.y_of(value)
            if value % 2 == 0:
                self.text(
                    lay.x0 - 0.06,
                    y,
                    f"{value:+d}".replace("-", "−") if value else "0",
                    TEXT_PT,
                    ha="right",
                    va="center",
                    color="#333333",
                )
            self.ax.plot(
                [lay.x0, lay.lanes_right],
                [y, y],
                color="#777777" if value == 0 else "#D0D0D0",
                linewidth=self.lw(0.7 if value == 0 else 0.5),
                zorder=1,
            )
        for mark in row.marks:
            self.sentiment_marker(mark.x, mark.y, mark.value, mark.colour)
        if len(row.means) > 1:
            self.ax.plot(
                *zip(*row.means, strict=True), color="#555555", linewidth=self.lw(1.0), zorder=1.5
            )

    def sentiment_marker(self, x: float, y: float, value: int, colour: str) -> None:
        self.ax.plot(
            [x],
            [y],
            marker="^" if value > 0 else "v" if value < 0 else "o",
            markersize=6.5 * self.scale,
            markerfacecolor=colour,
            markeredgecolor="#111111",
            markeredgewidth=self.lw(0.7),
            linestyle="none",
            zorder=3,
        )

    def footer(self) -> None:
        lay = self.lay
        if not lay.footer_columns:
            return
        top = self.heading(MARGIN, lay.footer_top, "Pain points") + 0.06
        for c, column in enumerate(lay.footer_columns):
            x, y = MARGIN + c * (lay.footer_col_w + 0.25), top
            for number, lines in column:
                self.tag(x, y + line_height(TEXT_PT) / 2, str(number), note=True)
                y = self.lines(x + lay.footer_indent, y, lines, TEXT_PT, color="#111111")
                y += 0.05
        if lay.footer_more:
            self.text(
                MARGIN,
                lay.footer_bottom - line_height(TEXT_PT),
                f"… and {lay.footer_more} more pain points, not listed here "
                "(the CSV and Markdown exports list them all).",
                TEXT_PT,
                va="top",
                color="#333333",
            )


class _BandPainter(_Painter):
    """Draws one band of a folded map: its connector boxes, the ends of moves between
    bands, white with a dashed edge, so they never pass for steps."""

    def __init__(self, layout: SwimlaneLayout, ax: Axes, scale: float, folded: FoldedLayout):
        super().__init__(layout, ax, scale)
        self.connectors = folded.connectors

    def outline(self, box: Box) -> dict[str, Any]:
        if box.step.id not in self.connectors:
            return super().outline(box)
        return {"edgecolor": "#333333", "linewidth": self.lw(1.0), "linestyle": (0, (4, 2))}


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
        vertices += [
            (bx + (ax - bx) * r / d1, by + (ay - by) * r / d1),
            (bx, by),
            (bx + (cx - bx) * r / d2, by + (cy - by) * r / d2),
        ]
        codes += [Path.LINETO, Path.CURVE3, Path.CURVE3]
    vertices.append(points[-1])
    codes.append(Path.LINETO)
    return Path(vertices, codes)


# ---------------------------------------------------------------------------------------
# The three exports.


def _save(figure: Figure, fmt: str, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    with _drawing():
        try:
            figure.savefig(buffer, format=fmt, facecolor="#FFFFFF", **kwargs)
        finally:
            _discard(figure)
    return buffer.getvalue()


def _discard(figure: Figure) -> None:
    """Take a drawn figure apart, and collect it. A figure, its canvas and its artists
    point at each other, so only the cycle collector frees them; and a full collection
    waits until the objects that survived the last one grow by a quarter, which with a
    big workspace loaded (:mod:`ple.collector`) is seldom: each PNG's pixel buffer (14 MB
    for a big map) stayed behind, export after export. Dropping the renderer frees the
    pixels at once; the collection (a millisecond, the workspace being frozen out of its
    way) frees the rest."""
    canvas = figure.canvas
    figure.clear()
    canvas.__dict__.pop("renderer", None)  # the Agg renderer holds the pixels
    canvas.figure = None
    gc.collect()


def svg_with_title(svg: str, title: str, description: str) -> str:
    """Put ``<title>`` and ``<desc>``, XML-escaped, first inside the ``<svg>`` element
    (matplotlib writes neither), and name them as the picture's accessible name."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("no <svg> element")
    start = match.group(0)[:-1] + ' role="img" aria-labelledby="map-title map-desc">'
    inserted = (
        f'\n <title id="map-title">{escape(flat(title))}</title>'
        f'\n <desc id="map-desc">{escape(flat(description))}</desc>'
    )
    return svg[: match.start()] + start + inserted + svg[match.end() :]


@exporter(
    "svg",
    ".svg",
    "image/svg+xml",
    "swimlane map as SVG: scalable, its text searchable, with a title and description",
    available=_matplotlib_available,
    check=too_large_to_print,
)
def render_svg(context: ExportContext) -> list[Artifact]:
    with _drawing():
        sketch = sketch_of(context)
        layout = print_layout(sketch)
        figure = _figure(layout, None)
    svg = _save(figure, "svg", metadata={"Date": None}).decode("utf-8")
    svg = svg_with_title(svg, context.journey.name, described(sketch, layout))
    return [Artifact(svg.encode("utf-8"))]


def described(sketch: JourneySketch, layout: SwimlaneLayout | FoldedLayout) -> str:
    """The picture's text alternative: what the map shows, and, for a map folded into
    bands, how to follow it (a reader who cannot see the page needs that most)."""
    text = describe(sketch)
    if isinstance(layout, FoldedLayout):
        text += (
            f" Printed in {len(layout.bands)} bands of stages, one under the other; a move "
            "between bands ends in a box at the band's right edge that names where it "
            "continues, and starts again from a box at the left edge of that band."
        )
    return text


@exporter(
    "png",
    ".png",
    "image/png",
    "swimlane map as a PNG picture, for slides and documents",
    available=_matplotlib_available,
    check=too_large_to_print,
)
def render_png(context: ExportContext) -> list[Artifact]:
    with _drawing():
        layout = print_layout(sketch_of(context))
        png = png_of(
            layout,
            _figure,
            lambda dpi: (
                f"the map is {layout.width:,.0f} x {layout.height:,.0f} inches; a PNG of at "
                f"most {MAX_PNG_PIXELS:,} pixels a side would draw it at {dpi:.1f} dots per "
                f"inch, under the limit of {limits.PNG_DPI} dots per inch, at which its text "
                "is 4 pixels high; export svg or pdf, which scale"
            ),
        )
    return [Artifact(png)]


def png_of(
    layout: Any, figure_of: Callable[[Any, str | None], Figure], refusal: Callable[[float], str]
) -> bytes:
    """A printed map's layout as a PNG: 150 dpi, in 256 colours, a third of the size and no
    visible difference, as a map has few colours besides the anti-aliased edges (median
    cut keeps the flat ones, white included, exactly). A map so long that its longest side
    would need fewer than :data:`ple.limits.PNG_DPI` dots per inch is refused, in the words
    of ``refusal(dpi)``. Call it while :func:`_drawing`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    dpi = min(PNG_DPI, MAX_PNG_PIXELS / max(layout.width, layout.height))
    if dpi < limits.PNG_DPI:
        raise ExportRefused(refusal(dpi))
    figure = figure_of(layout, None)
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    try:
        canvas.draw()
        image = Image.frombuffer(
            "RGBA",
            canvas.get_width_height(physical=True),
            canvas.buffer_rgba(),
            "raw",
            "RGBA",
            0,
            1,
        )
        picture = image.convert("RGB")  # a copy: the canvas's pixels can go
    finally:
        _discard(figure)
    buffer = io.BytesIO()
    picture.quantize(256, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", compress_level=7, dpi=(dpi, dpi)
    )  # pHYs: its print size
    return buffer.getvalue()


@exporter(
    "pdf",
    ".pdf",
    "application/pdf",
    "swimlane map on one landscape page (letter, A3 to A0), text at 8 pt or more",
    available=_matplotlib_available,
    check=too_large_to_print,
)
def render_pdf(context: ExportContext) -> list[Artifact]:
    with _drawing():
        sketch = sketch_of(context)
        layout = print_layout(sketch)
        figure = _figure(layout, page_for(layout.width, layout.height)[0])
    metadata = {
        "CreationDate": None,
        "Title": flat(context.journey.name),
        "Subject": described(sketch, layout),
    }
    return [Artifact(_save(figure, "pdf", metadata=metadata))]
