"""The service blueprint of a journey as plain data: where every row, column, card, line
and word goes. The print exports (SVG, PNG, PDF) draw it.

Shostack's blueprint reads top to bottom: the **touchpoints** the customer meets, the
**customer actions** (the journey's steps), the *line of interaction*, the **frontstage**
(staff and systems the customer meets), the *line of visibility*, the **backstage** (what
is done out of sight), the *line of internal interaction* and the **support processes**
(systems, data exchanges and partners). Each step is a column, in the order of the
swimlane map (stage by stage, then along the moves), so a step keeps its place between
the two views; the stages are a band over their columns.

Every card names its agency, since a blueprint is where a handoff hidden behind the line
of visibility shows. A step marked ``moment_that_matters`` carries a numbered "★ n" tag,
and the moments are listed with their reasons under the rows. A step's outline says what
the step rests on (its ``evidence``): observed solid and heavy, reported solid, assumed
dashed, unknown dotted; the legend says so.

Inches from the top left, y downwards, at print scale 1; DejaVu Sans, sizes in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ple.diagram.grid import grid
from ple.diagram.sketch import JourneySketch
from ple.diagram.style import agency_colours
from ple.diagram.swimlane import MARGIN, TAG_H, TEXT_PT, TITLE_PT, tag_width
from ple.diagram.text import ELLIPSIS, flat, line_height, text_width, wrap, wrap_some
from ple.model import Journey, Workspace

CARD_PT = 8.5
LABEL_PT = 9.0
ROW_LABEL_W = 1.25
COLUMN_GAP = 0.12
CARD_GAP = 0.06
ROW_PAD = 0.09
PAD_X, PAD_Y = 0.06, 0.05
STRIPE = 0.07
"""Width of the agency-coloured stripe on the left of an action or touchpoint card."""
MIN_ROW_H = 0.42
MIN_WIDTH = 8.0

ROWS = ("touchpoints", "customer", "frontstage", "backstage", "support")
ROW_TITLES = {
    "touchpoints": "Touchpoints",
    "customer": "Customer actions",
    "frontstage": "Frontstage",
    "backstage": "Backstage",
    "support": "Support processes",
}
LINES_AFTER = {
    "customer": "Line of interaction",
    "frontstage": "Line of visibility",
    "backstage": "Line of internal interaction",
}
"""The lines drawn under a row, by Shostack's names."""

OUTLINES = {
    "observed": "solid, heavy",
    "reported": "solid",
    "assumed": "dashed",
    "unknown": "dotted",
}
"""How a customer card's outline shows the step's evidence."""

KIND_WORDS = {
    "form": "Form",
    "letter": "Letter",
    "portal": "Portal",
    "call_centre": "Call centre",
    "office": "Office",
    "app": "App",
    "card": "Card",
}


MOST_LINES = {"customer": 40, "touchpoints": 40, "frontstage": 12, "backstage": 12, "support": 12}
"""Lines a card's text may take; more is cut with "…". A name (a step's or a
touchpoint's, at most 500 characters) is shown whole; an action's text, up to 10,000
characters, is quoted here and given whole by the tables and the workbook."""
MOST_HEAD, MOST_DETAIL, MOST_REASON = 8, 3, 3
"""Lines for a card's head (its agency, a form's number), a system and a moment's reason."""


def wrap_after(
    head: str, text: str, width: float, size: float, most: int = 40
) -> tuple[list[str], bool]:
    """``text`` wrapped to ``width`` inches after ``head`` (in bold, with a space) on its
    first line, in at most ``most`` lines; and whether the head shares that line (else it
    has a line of its own, because the text's first word would not fit beside it)."""
    text = flat(text)
    room = width - (text_width(head + " ", size, bold=True)) / 72
    first_word = text.split(" ")[0]
    if room <= 0 or text_width(first_word, size) / 72 > room:
        return wrap_some(text, width, size, most), False
    first = wrap(text, room, size)[0]
    rest = text[len(first) :].strip()
    lines = [first, *(wrap(rest, width, size) if rest else [])]
    if len(lines) > most:
        last = lines[most - 1]
        while last and text_width(last.rstrip() + ELLIPSIS, size) > width * 72:
            last = last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + ELLIPSIS]
    return lines, True


@dataclass
class Card:
    """One box in a cell of the blueprint."""

    row: str
    column: int
    colour: str
    """The agency's colour: the fill of a customer card, the stripe of any other."""
    head: str
    """The bold first line: the agency (and, for a touchpoint, its kind and number)."""
    lines: list[str]
    """The text, its first line beside the head when ``inline``."""
    inline: bool = True
    detail: list[str] = field(default_factory=list)
    """Grey lines under the text: the system of an action."""
    evidence: str = "unknown"
    moment: int = 0
    """The moment-that-matters number of a customer card (0: not one)."""
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    @property
    def tag(self) -> str:
        return f"★ {self.moment}" if self.moment else ""


@dataclass(frozen=True)
class RowBand:
    row: str
    title: list[str]
    top: float
    bottom: float


@dataclass(frozen=True)
class StageSpan:
    x0: float
    x1: float
    top: float
    height: float
    lines: list[str]


@dataclass(frozen=True)
class Moment:
    number: int
    lines: list[str]


def column_order(sketch: JourneySketch) -> list[str]:
    """Step ids in the swimlane map's reading order: by its columns, then top to bottom."""
    cells = grid(sketch).cells
    return sorted(cells, key=lambda s: (cells[s].column, cells[s].lane, cells[s].slot))


class BlueprintLayout:
    """Every position of one journey's blueprint with columns ``column_w`` inches wide."""

    def __init__(
        self, workspace: Workspace, journey: Journey, sketch: JourneySketch, column_w: float
    ) -> None:
        self.workspace, self.journey, self.column_w = workspace, journey, column_w
        self.order = column_order(sketch)
        self.columns = len(self.order)
        self.colours = agency_colours(workspace)
        self.x0 = MARGIN + ROW_LABEL_W
        self.width = max(
            self.x0 + COLUMN_GAP + self.columns * (column_w + COLUMN_GAP) + MARGIN, MIN_WIDTH
        )
        self.right = self.width - MARGIN
        self.cards: list[Card] = []
        self.moments: list[Moment] = []
        self._cards()
        self._header()
        self._stages(sketch)
        self._rows()
        self._footer()
        self.height = self.footer_bottom + MARGIN

    def column_left(self, column: int) -> float:
        return self.x0 + COLUMN_GAP + column * (self.column_w + COLUMN_GAP)

    # -- cards ---------------------------------------------------------------------------
    def _label(self, agency: str) -> str:
        return flat(self.workspace.agency_label(agency))

    def _cards(self) -> None:
        steps = {s.id: s for s in self.journey.steps}
        inner = self.column_w - 2 * PAD_X
        for column, step_id in enumerate(self.order):
            step = steps[step_id]
            for touchpoint_id in step.touchpoints:
                self.cards.append(self._touchpoint(column, touchpoint_id))
            moment = 0
            if step.moment_that_matters:
                moment = len(self.moments) + 1
                reason = f": {step.moment_reason}" if step.moment_reason else ""
                self.moments.append(Moment(moment, [flat(step.name + reason)]))
            evidence = step.evidence.level.value if step.evidence else "unknown"
            head = self._label(step.agency) + ":"
            lines, inline = wrap_after(head, step.name, inner, CARD_PT, MOST_LINES["customer"])
            self.cards.append(
                Card(
                    "customer",
                    column,
                    self.colours[step.agency],
                    head,
                    lines,
                    inline,
                    evidence=evidence,
                    moment=moment,
                )
            )
            for row, action in step.actions():
                agency = action.agency or step.agency
                detail = (
                    wrap_some(f"System: {action.system}", inner - STRIPE, CARD_PT, MOST_DETAIL)
                    if action.system
                    else []
                )
                head = self._label(agency) + ":"
                lines, inline = wrap_after(
                    head, action.text, inner - STRIPE, CARD_PT, MOST_LINES[row]
                )
                self.cards.append(
                    Card(row, column, self.colours[agency], head, lines, inline, detail)
                )

    def _touchpoint(self, column: int, touchpoint_id: str) -> Card:
        touchpoint = self.workspace.touchpoints[touchpoint_id]
        kind = KIND_WORDS.get(touchpoint.kind.value, touchpoint.kind.value)
        number = f" {flat(touchpoint.form_number)}" if touchpoint.form_number else ""
        head = f"{kind}{number} · {self._label(touchpoint.agency)}:"
        inner = self.column_w - 2 * PAD_X - STRIPE
        lines, inline = wrap_after(head, touchpoint.name, inner, CARD_PT, MOST_LINES["touchpoints"])
        detail = [f"OMB {touchpoint.omb_control_number}"] if touchpoint.omb_control_number else []
        return Card(
            "touchpoints", column, self.colours[touchpoint.agency], head, lines, inline, detail
        )

    def card_height(self, card: Card) -> float:
        head = 0 if card.inline else len(self.head_lines(card))
        tag = TAG_H / 2 if card.moment else 0.0
        return tag + 2 * PAD_Y + (head + len(card.lines) + len(card.detail)) * line_height(CARD_PT)

    def head_lines(self, card: Card) -> list[str]:
        """The head on lines of its own (one line, when it shares the text's first)."""
        if card.inline:
            return [card.head]
        inner = self.column_w - 2 * PAD_X - (0 if card.row == "customer" else STRIPE)
        return wrap_some(card.head, inner, CARD_PT, MOST_HEAD, bold=True)

    # -- header --------------------------------------------------------------------------
    def _header(self) -> None:
        inner = self.width - 2 * MARGIN
        entries = legend_entries()
        half = -(-len(entries) // 2)
        self.legend = [entries[:half], entries[half:]]
        self.legend_widths = [max(map(legend_entry_width, column)) for column in self.legend]
        self.legend_w = sum(self.legend_widths) + 0.25
        beside = self.legend_w <= inner - 3.6
        title_w = inner - self.legend_w - 0.4 if beside else inner
        self.title_lines = wrap(
            f"Service blueprint: {self.journey.name}", title_w, TITLE_PT, bold=True
        )
        self.summary_lines = wrap(summary(self.journey) + ".", title_w, TEXT_PT)
        title_h = (
            len(self.title_lines) * line_height(TITLE_PT)
            + 0.06
            + len(self.summary_lines) * line_height(TEXT_PT)
        )
        legend_h = line_height(TEXT_PT + 1) + 0.05 + half * LEGEND_ROW
        if beside:
            self.legend_x, self.legend_y = self.width - MARGIN - self.legend_w, MARGIN
            self.header_bottom = MARGIN + max(title_h, legend_h)
        else:
            self.legend_x, self.legend_y = MARGIN, MARGIN + title_h + 0.12
            self.header_bottom = self.legend_y + legend_h

    # -- stages --------------------------------------------------------------------------
    def _stages(self, sketch: JourneySketch) -> None:
        cells = grid(sketch)
        stage_of = {s: cells.stage_of_column(cells.cells[s].column) for s in self.order}
        names = {stage.id: stage.name for stage in cells.stages}
        top = self.header_bottom + 0.14
        spans: list[tuple[str, int, int]] = []
        for column, step_id in enumerate(self.order):
            stage = stage_of[step_id]
            if spans and spans[-1][0] == stage:
                spans[-1] = (stage, spans[-1][1], column)
            else:
                spans.append((stage, column, column))
        bands = []
        for stage, first, last in spans:
            x0 = self.column_left(first) - COLUMN_GAP / 2 + 0.02
            x1 = self.column_left(last) + self.column_w + COLUMN_GAP / 2 - 0.02
            bands.append((x0, x1, wrap(names[stage], x1 - x0 - 0.1, TEXT_PT, bold=True)))
        height = max((len(lines) for *_, lines in bands), default=1) * line_height(TEXT_PT)
        self.stages = [StageSpan(x0, x1, top, height + 0.06, lines) for x0, x1, lines in bands]
        self.rows_top = top + height + 0.06 + 0.08

    # -- rows ----------------------------------------------------------------------------
    def _rows(self) -> None:
        self.bands: list[RowBand] = []
        self.lines: list[tuple[str, float]] = []
        y = self.rows_top
        for row in ROWS:
            stacks: dict[int, list[Card]] = {}
            for card in self.cards:
                if card.row == row:
                    stacks.setdefault(card.column, []).append(card)
            title = wrap(ROW_TITLES[row], ROW_LABEL_W - 0.2, LABEL_PT, bold=True)
            need = max(
                (
                    sum(self.card_height(c) for c in stack) + CARD_GAP * (len(stack) - 1)
                    for stack in stacks.values()
                ),
                default=0.0,
            )
            height = max(
                need + 2 * ROW_PAD, MIN_ROW_H, len(title) * line_height(LABEL_PT) + 2 * ROW_PAD
            )
            for column, stack in stacks.items():
                card_y = y + ROW_PAD
                for card in stack:
                    card.x, card.y = self.column_left(column), card_y
                    card.w, card.h = self.column_w, self.card_height(card)
                    card_y += card.h + CARD_GAP
            self.bands.append(RowBand(row, title, y, y + height))
            y += height
            if row in LINES_AFTER:
                self.lines.append((LINES_AFTER[row], y))
        self.rows_bottom = y

    # -- footer --------------------------------------------------------------------------
    def _footer(self) -> None:
        self.footer_top = self.rows_bottom + 0.18
        inner = self.width - 2 * MARGIN
        self.footer_indent = tag_width(f"★ {max(len(self.moments), 1)}") + 0.1
        self.moments = [
            Moment(
                m.number, wrap_some(m.lines[0], inner - self.footer_indent, TEXT_PT, MOST_REASON)
            )
            for m in self.moments
        ]
        if not self.moments:
            self.footer_bottom = self.footer_top - 0.1
            return
        lines = sum(len(m.lines) for m in self.moments)
        self.footer_bottom = (
            self.footer_top
            + line_height(TEXT_PT + 1)
            + 0.06
            + lines * line_height(TEXT_PT)
            + 0.05 * len(self.moments)
        )


LEGEND_ROW = 0.2
LEGEND_SAMPLE = 0.42


def legend_entries() -> list[tuple[str, str, str]]:
    """(kind, word in bold, explanation) for each entry of the legend."""
    return [
        ("moment", "★ n", "moment that matters (listed below)"),
        ("stripe", "", "the agency that acts, named on every card"),
        *(("outline", level, f"the step rests on {level} evidence") for level in OUTLINES),
    ]


def legend_entry_width(entry: tuple[str, str, str]) -> float:
    from ple.diagram.text import text_width

    kind, word, meaning = entry
    bold = text_width(word + ":", TEXT_PT, bold=True) / 72 + 0.1 if word else 0.0
    sample = tag_width(word) + 0.18 if kind == "moment" else LEGEND_SAMPLE + 0.08
    return sample + (0.0 if kind == "moment" else bold) + text_width(meaning, TEXT_PT) / 72


def summary(journey: Journey) -> str:
    """Steps, actions behind them, touchpoints and moments, in words (no full stop)."""
    actions = sum(1 for step in journey.steps for _ in step.actions())
    touchpoints = len({t for step in journey.steps for t in step.touchpoints})
    moments = sum(1 for step in journey.steps if step.moment_that_matters)
    agencies = len(
        {step.agency for step in journey.steps}
        | {a.agency for step in journey.steps for _, a in step.actions() if a.agency}
    )

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return (
        f"{count(len(journey.steps), 'customer action', 'customer actions')}, "
        f"{count(actions, 'action', 'actions')} behind them at "
        f"{count(agencies, 'agency', 'agencies')}, "
        f"{count(touchpoints, 'touchpoint', 'touchpoints')}, "
        f"{count(moments, 'moment that matters', 'moments that matter')}"
    )


def describe(journey: Journey) -> str:
    """One sentence saying what the blueprint shows: the picture's text alternative."""
    return f"Service blueprint of the journey {flat(journey.name)}: {summary(journey)}."
