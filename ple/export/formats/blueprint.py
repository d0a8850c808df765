"""Print-ready service blueprints of a journey as SVG, PNG and PDF, drawn with matplotlib.

Where everything goes is worked out by :mod:`ple.diagram.blueprint`; this module chooses
the column width and draws, the way the swimlane exports do (a ``Figure``, never pyplot;
text kept as text; the same journey always gives the same bytes). The PDF is one landscape
page, the smallest of letter, A3, A2 and A1 that keeps every word at 8 pt or more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ple import limits
from ple.diagram.blueprint import (
    CARD_PT,
    LABEL_PT,
    LEGEND_ROW,
    LEGEND_SAMPLE,
    PAD_X,
    PAD_Y,
    ROW_LABEL_W,
    STRIPE,
    BlueprintLayout,
    Card,
    describe,
)
from ple.diagram.style import text_colour, tint
from ple.diagram.swimlane import MARGIN, TAG_H, TEXT_PT, check_size, tag_width
from ple.diagram.text import flat, line_height, text_width
from ple.export.formats.swimlane import (
    MAX_ENLARGE,
    MAX_PNG_PIXELS,
    PAGES,
    MapPainter,
    _drawing,
    _matplotlib_available,
    _save,
    page_for,
    png_of,
    sketch_of,
    svg_with_title,
    too_large_to_print,
)
from ple.export.registry import Artifact, ExportContext, exporter

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLUMN_WIDTHS = tuple(round(0.9 + 0.05 * i, 2) for i in range(23))
"""Column widths tried (0.9 to 2 inches); the one whose blueprint prints largest is kept."""

OUTLINE_STYLE = {
    "observed": ("solid", 1.8),
    "reported": ("solid", 0.8),
    "assumed": ((0, (4, 2.5)), 0.9),
    "unknown": ((0, (1, 2)), 0.9),
}
"""Line style and width (points) of a customer card's outline, by the step's evidence."""

LINE_STYLE = {
    "Line of interaction": ("solid", 0.9),
    "Line of visibility": ((0, (6, 3)), 1.6),
    "Line of internal interaction": ((0, (1.5, 2.5)), 1.1),
}

SUFFIX = "-blueprint"
"""Written after the journey's id, so a blueprint never overwrites the swimlane map."""


def print_layout(context: ExportContext) -> BlueprintLayout:
    """The blueprint at the column width that prints best: on the smallest page, then with
    the largest text, then with the widest columns. Raises
    :class:`ple.diagram.swimlane.MapTooLarge` past the limits of a printed map."""
    sketch = sketch_of(context)
    check_size(sketch, printed=True)
    order = list(PAGES)
    best: tuple[tuple[int, float, float], BlueprintLayout] | None = None
    for column_w in COLUMN_WIDTHS:
        layout = BlueprintLayout(context.workspace, context.journey, sketch, column_w)
        page, scale = page_for(layout.width, layout.height)
        score = (-order.index(page), round(min(scale, 1.0), 3), column_w)
        if best is None or score > best[0]:
            best = (score, layout)
    assert best is not None
    return best[1]


def _figure(layout: BlueprintLayout, page: str | None) -> Figure:
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


class _Painter(MapPainter):
    """Draws a blueprint layout."""

    def draw(self) -> None:
        self.header()
        self.stages()
        self.rows()
        for card in self.lay.cards:
            self.card(card)
        self.footer()

    def header(self) -> None:
        lay = self.lay
        self.title()
        x = lay.legend_x
        y = self.heading(x, lay.legend_y, "How to read this blueprint") + 0.05
        for column, width in zip(lay.legend, lay.legend_widths, strict=True):
            for row, (kind, word, meaning) in enumerate(column):
                self.legend_entry(x, y + (row + 0.5) * LEGEND_ROW, kind, word, meaning)
            x += width + 0.25

    def legend_entry(self, x: float, y: float, kind: str, word: str, meaning: str) -> None:
        from matplotlib.patches import FancyBboxPatch, Rectangle

        if kind == "moment":
            self.tag(x, y, word)
            self.text(x + tag_width(word) + 0.18, y, meaning, TEXT_PT, va="center", color="#222222")
            return
        h = 0.14
        if kind == "stripe":
            self.ax.add_artist(
                Rectangle(
                    (x, y - h / 2),
                    LEGEND_SAMPLE - 0.1,
                    h,
                    facecolor="#FFFFFF",
                    edgecolor="#444444",
                    linewidth=self.lw(0.6),
                )
            )
            self.ax.add_artist(
                Rectangle((x, y - h / 2), STRIPE, h, facecolor="#0072B2", edgecolor="none")
            )
        else:
            style, width = OUTLINE_STYLE[word]
            self.ax.add_artist(
                FancyBboxPatch(
                    (x, y - h / 2),
                    LEGEND_SAMPLE - 0.1,
                    h,
                    boxstyle="round,pad=0,rounding_size=0.03",
                    facecolor="#FFFFFF",
                    edgecolor="#222222",
                    linewidth=self.lw(width),
                    linestyle=style,
                )
            )
        self.legend_words(x + LEGEND_SAMPLE + 0.08, y, word, meaning)

    def rows(self) -> None:
        from matplotlib.patches import Rectangle

        lay = self.lay
        for index, band in enumerate(lay.bands):
            fill = (
                "#FFFFFF"
                if band.row == "customer"
                else ("#F3F3F3" if index % 2 == 0 else "#FAFAFA")
            )
            self.ax.add_artist(
                Rectangle(
                    (lay.x0, band.top),
                    lay.right - lay.x0,
                    band.bottom - band.top,
                    facecolor=fill,
                    edgecolor="none",
                    zorder=0,
                )
            )
            self.ax.add_artist(
                Rectangle(
                    (MARGIN, band.top),
                    ROW_LABEL_W,
                    band.bottom - band.top,
                    facecolor=tint("#555555", 0.8),
                    edgecolor="none",
                    zorder=0,
                )
            )
            y = (band.top + band.bottom) / 2 - len(band.title) * line_height(LABEL_PT) / 2
            self.lines(
                MARGIN + 0.1, y, band.title, LABEL_PT, fontweight="bold", color="#111111", zorder=1
            )
        edges = {"color": "#9A9A9A", "linewidth": self.lw(0.5), "zorder": 0.5}
        self.ax.plot([MARGIN, lay.right], [lay.rows_top, lay.rows_top], **edges)
        self.ax.plot([MARGIN, lay.right], [lay.rows_bottom, lay.rows_bottom], **edges)
        self.ax.plot([lay.x0, lay.x0], [lay.rows_top, lay.rows_bottom], **edges)
        for label, y in lay.lines:
            style, width = LINE_STYLE[label]
            self.ax.plot(
                [MARGIN, lay.right],
                [y, y],
                color="#222222",
                linewidth=self.lw(width),
                linestyle=style,
                zorder=2,
            )
            self.text(
                lay.right - 0.05,
                y,
                label,
                TEXT_PT,
                ha="right",
                va="center",
                fontweight="bold",
                color="#111111",
                zorder=6,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "#FFFFFF",
                    "edgecolor": "#222222",
                    "linewidth": self.lw(0.6),
                },
            )

    def card_text(self, card: Card, x: float, y: float, colour: str) -> float:
        """The head in bold, then the text (its first line beside the head when it fits
        there); returns the y under the last line."""
        head = self.lay.head_lines(card)
        lines = list(card.lines)
        if card.inline:
            self.text(x, y, card.head, CARD_PT, fontweight="bold", va="top", color=colour, zorder=4)
            beside = x + text_width(card.head + " ", CARD_PT, bold=True) / 72
            self.text(beside, y, lines.pop(0), CARD_PT, va="top", color=colour, zorder=4)
            y += line_height(CARD_PT)
        else:
            y = self.lines(x, y, head, CARD_PT, fontweight="bold", color=colour, zorder=4)
        return self.lines(x, y, lines, CARD_PT, color=colour, zorder=4)

    def card(self, card: Card) -> None:
        from matplotlib.patches import FancyBboxPatch, Rectangle

        if card.row == "customer":
            style, width = OUTLINE_STYLE[card.evidence]
            self.ax.add_artist(
                FancyBboxPatch(
                    (card.x, card.y),
                    card.w,
                    card.h,
                    boxstyle="round,pad=0,rounding_size=0.05",
                    facecolor=card.colour,
                    edgecolor="#111111",
                    linewidth=self.lw(width),
                    linestyle=style,
                    zorder=3,
                )
            )
            top = card.y + PAD_Y + (TAG_H / 2 if card.moment else 0.0)
            self.card_text(card, card.x + PAD_X, top, text_colour(card.colour))
            if card.moment:
                self.tag(card.x + 0.06, card.y, card.tag)
            return
        fill = "#F7F7F7" if card.row == "touchpoints" else "#FFFFFF"
        self.ax.add_artist(
            Rectangle(
                (card.x, card.y),
                card.w,
                card.h,
                facecolor=fill,
                edgecolor="#555555",
                linewidth=self.lw(0.6),
                zorder=3,
            )
        )
        self.ax.add_artist(
            Rectangle(
                (card.x, card.y),
                STRIPE,
                card.h,
                facecolor=card.colour,
                edgecolor="none",
                zorder=3.5,
            )
        )
        x = card.x + STRIPE + PAD_X
        y = self.card_text(card, x, card.y + PAD_Y, "#111111")
        self.lines(x, y, card.detail, CARD_PT, color="#444444", zorder=4)

    def tag(self, x: float, y: float, word: str) -> None:
        """A moment-that-matters tag (★ and its number, on a warmer yellow than a findings
        badge)."""
        self.tag_shape(x, y, word, "#FFE27A", 0.03)

    def footer(self) -> None:
        lay = self.lay
        if not lay.moments:
            return
        y = self.heading(MARGIN, lay.footer_top, "Moments that matter") + 0.06
        for moment in lay.moments:
            self.tag(MARGIN, y + line_height(TEXT_PT) / 2, f"★ {moment.number}")
            y = (
                self.lines(MARGIN + lay.footer_indent, y, moment.lines, TEXT_PT, color="#111111")
                + 0.05
            )


# ---------------------------------------------------------------------------------------
# The three exports.


def draw_blueprint(context: ExportContext, page: str | None = None) -> Figure:
    """The journey's service blueprint as a matplotlib ``Figure`` (no pyplot)."""
    with _drawing():
        return _figure(print_layout(context), page)


@exporter(
    "blueprint-svg",
    ".svg",
    "image/svg+xml",
    "service blueprint as SVG: touchpoints, customer actions, frontstage, backstage "
    "and support across the stages, every card naming its agency",
    available=_matplotlib_available,
    check=too_large_to_print,
)
def render_svg(context: ExportContext) -> list[Artifact]:
    svg = _save(draw_blueprint(context), "svg", metadata={"Date": None}).decode("utf-8")
    svg = svg_with_title(
        svg, f"Service blueprint: {context.journey.name}", describe(context.journey)
    )
    return [Artifact(svg.encode("utf-8"), suffix=SUFFIX)]


@exporter(
    "blueprint-png",
    ".png",
    "image/png",
    "service blueprint as a PNG picture, for slides and documents",
    available=_matplotlib_available,
    check=too_large_to_print,
)
def render_png(context: ExportContext) -> list[Artifact]:
    with _drawing():
        layout = print_layout(context)
        png = png_of(
            layout,
            _figure,
            lambda dpi: (
                f"the blueprint is {layout.width:,.0f} x {layout.height:,.0f} inches; a PNG "
                f"of at most {MAX_PNG_PIXELS:,} pixels a side would draw it at {dpi:.1f} dots "
                f"per inch, under the limit of {limits.PNG_DPI}; export blueprint-svg or "
                "blueprint-pdf, which scale"
            ),
        )
    return [Artifact(png, suffix=SUFFIX)]


@exporter(
    "blueprint-pdf",
    ".pdf",
    "application/pdf",
    "service blueprint on one landscape page (letter, A3 or larger), text at 8 pt or more",
    available=_matplotlib_available,
    check=too_large_to_print,
)
def render_pdf(context: ExportContext) -> list[Artifact]:
    with _drawing():
        layout = print_layout(context)
        figure = _figure(layout, page_for(layout.width, layout.height)[0])
    metadata = {
        "CreationDate": None,
        "Title": flat(f"Service blueprint: {context.journey.name}"),
        "Subject": describe(context.journey),
    }
    return [Artifact(_save(figure, "pdf", metadata=metadata), suffix=SUFFIX)]
