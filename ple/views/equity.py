"""The equity walk as the Equity page, the brief and docs/equity.md show it.

Rows name steps by their names, marks put words on the diagram's boxes (blocked, lost,
unverified: never colour alone), and one Markdown table serves the workshop brief and
the documentation alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ple.equity import BUILT_IN_PERSONAS, EquityResult, personas_to_walk, walk_journeys
from ple.equity.burden import BurdenTotals
from ple.metrics import Sludge, SludgeFigure, Span, TimeTax, TimeTaxSaving, sludge, time_tax
from ple.metrics.report import number_text
from ple.metrics.sludge import walked_sludge
from ple.metrics.time_tax import assumption
from ple.model import Workspace
from ple.views.canvas import StepMark
from ple.views.markdown import markdown_table

BLOCKED, LOST, UNVERIFIED = "⊘ BLOCKED", "✖ LOST", "? UNVERIFIED"
"""The words written on the diagram's boxes."""

VERDICTS = {
    "completes": "completes",
    "blocked": "cannot complete",
    "unverified": "unverified",
    "no end": "no end for anyone",
}


def step_marks(result: EquityResult) -> dict[str, StepMark]:
    """Blocked, lost and unverified steps of one walk, as diagram marks."""
    marks = {b.step: StepMark(BLOCKED, "; ".join(b.reasons)) for b in result.blocked}
    marks |= {s: StepMark(LOST, "never reached by this person") for s in result.lost}
    marks |= {u.step: StepMark(UNVERIFIED, "; ".join(u.unknowns)) for u in result.unverified}
    return marks


def walk_rows(workspace: Workspace, results: Sequence[EquityResult]) -> list[dict[str, Any]]:
    """One row per walk: who, the verdict, where they are stopped, what they lose."""
    rows = []
    for result in results:
        journey = workspace.journeys[result.journey]
        name = {s.id: s.name for s in journey.steps}
        rows.append(
            {
                "persona": result.persona_name,
                "completes": VERDICTS[result.verdict],
                "not sure for": "; ".join(result.unless),
                "blocked at": "; ".join(name[b.step] for b in result.blocked),
                "steps lost": len(result.lost),
                "steps unverified": len(result.unverified),
                "minutes": _minutes(result.burden),
                "everyone's minutes": _minutes(result.unconstrained_burden),
                "id": result.persona,
                "built in": result.built_in,
            }
        )
    return rows


def blocked_rows(workspace: Workspace, result: EquityResult) -> list[dict[str, Any]]:
    """The steps that stop one person, with the agency and the reasons."""
    journey = workspace.journeys[result.journey]
    steps = {s.id: s for s in journey.steps}
    return [
        {
            "step": steps[b.step].name,
            "agency": workspace.agency_label(steps[b.step].agency),
            "why": "; ".join(b.reasons),
        }
        for b in result.blocked
    ]


def unverified_rows(workspace: Workspace, result: EquityResult) -> list[dict[str, Any]]:
    journey = workspace.journeys[result.journey]
    steps = {s.id: s for s in journey.steps}
    return [
        {
            "step": steps[u.step].name,
            "agency": workspace.agency_label(steps[u.step].agency),
            "the data does not say": "; ".join(u.unknowns),
        }
        for u in result.unverified
    ]


def burden_rows(result: EquityResult) -> list[dict[str, Any]]:
    """The person's burden beside everyone's, figure by figure, with the unknown counts."""
    labels = {
        "minutes": "Active minutes",
        "wait_days": "Waiting days",
        "cost_usd": "Cost (USD)",
        "visits": "Office visits",
    }
    mine, everyone = result.burden, result.unconstrained_burden
    rows = [
        {"figure": "Steps taken", "this person": str(mine.steps), "everyone": str(everyone.steps)}
    ]
    for key, label in labels.items():
        rows.append(
            {"figure": label, "this person": _figure(mine, key), "everyone": _figure(everyone, key)}
        )
    return rows


def equity_markdown(
    workspace: Workspace, results: Sequence[EquityResult], *, journey_column: bool = True
) -> str:
    """A Markdown table of walks: completes, blocked steps, burden against everyone's.

    A ``≥`` marks a total that some step does not give (so it may be low). User text is
    escaped for Markdown and HTML, so a persona or step name shows as text.
    """
    header = [
        "journey",
        "persona",
        "completes",
        "blocked at",
        "lost",
        "unverified",
        "minutes: person / everyone",
        "waiting days: person / everyone",
    ]
    header = header if journey_column else header[1:]
    rows = []
    for result in results:
        journey = workspace.journeys[result.journey]
        name = {s.id: s.name for s in journey.steps}
        blocked = "; ".join(f"{name[b.step]} ({'; '.join(b.reasons)})" for b in result.blocked)
        cells = [
            journey.name,
            result.persona_name,
            VERDICTS[result.verdict] + _not_sure_for(result),
            blocked or "—",
            str(len(result.lost)),
            str(len(result.unverified)),
            f"{_at_least(result.burden, 'minutes')} / "
            f"{_at_least(result.unconstrained_burden, 'minutes')}",
            f"{_at_least(result.burden, 'wait_days')} / "
            f"{_at_least(result.unconstrained_burden, 'wait_days')}",
        ]
        rows.append(cells if journey_column else cells[1:])
    return "\n".join(markdown_table(header, rows)) + "\n"


def _not_sure_for(result: EquityResult) -> str:
    """`` (not sure for: people retiring from a federal job)`` after a verdict that does not
    hold for everyone, else nothing."""
    return f" (not sure for: {'; '.join(result.unless)})" if result.unless else ""


def compact_hours(span: Span) -> str:
    """``5.4M to 17.9M``: a range short enough for a headline figure."""
    low, high = _short(span.low), _short(span.high)
    return low if low == high else f"{low} to {high}"


def compact_central(span: Span) -> str | None:
    """``central 9.8M``, shown under a headline range (what it assumes goes in the text
    around it); None for an exact figure."""
    if span.exact or span.central is None:
        return None
    return f"central {_short(span.central)}"


def _short(value: float) -> str:
    sign, value = ("-", -value) if value < 0 else ("", value)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{sign}{value / size:.1f}{suffix}"
    return f"{sign}{value:,.0f}"


def central_note(span: Span, assumes: Sequence[str]) -> str:
    """``Central estimate 9,812,345 hours a year: it assumes that ...``, or nothing for an
    exact figure."""
    if span.exact or span.central is None:
        return ""
    return f"Central estimate {span.central:,.0f} hours a year: it {assumption(assumes)}."


def saving_help(saved: TimeTaxSaving) -> str:
    """What the Compare page's hours-saved figure means, and what its central estimate
    assumes."""
    return " ".join(
        part
        for part in (
            "The public's hours a year today minus as proposed: people a year times the "
            "hands-on minutes of an average person, a range where branches have no share "
            f"({saved.hours_per_year.text()}).",
            central_note(saved.hours_per_year, saved.assumes),
        )
        if part
    )


def _figure(totals: BurdenTotals, key: str) -> str:
    unknown = totals.unknown[key]
    return number_text(getattr(totals, key)) + (f" (+{unknown} unknown)" if unknown else "")


def _at_least(totals: BurdenTotals, key: str) -> str:
    """``≥ 439`` when some step does not say, so the total may be low; else ``439``."""
    text = number_text(getattr(totals, key))
    return f"≥ {text}" if totals.unknown[key] else text


def _minutes(totals: BurdenTotals) -> str:
    return _figure(totals, "minutes")


@dataclass(frozen=True)
class EquityView:
    """Everything the Equity page shows for one journey and the personas chosen."""

    journey: str
    results: tuple[EquityResult, ...]
    time_tax: TimeTax | None
    sludge: dict[str | None, Sludge]
    """The three costs for everyone (key None) and for each persona walked."""

    def result(self, persona: str) -> EquityResult:
        return next(r for r in self.results if r.persona == persona)

    def sludge_rows(self, persona: str) -> list[dict[str, Any]]:
        """Each cost's figures, this person beside everyone, with the steps that do not say."""
        mine, everyone = self.sludge[persona], self.sludge[None]
        rows = []
        for cost, figures in mine.costs().items():
            theirs = {f.key: f for f in everyone.costs()[cost]}
            for figure in figures:
                rows.append(
                    {
                        "cost": cost,
                        "figure": figure.label,
                        "this person": _value(figure),
                        "everyone": _value(theirs[figure.key]),
                        "where (this person)": ", ".join(figure.items or figure.steps),
                    }
                )
        return rows


def equity_view(
    workspace: Workspace, journey_id: str, personas: Sequence[str] | None = None
) -> EquityView:
    """Walk one journey as ``personas`` (default: the built-ins and its constrained own)."""
    results = tuple(walk_journeys(workspace, [journey_id], personas or None))
    costs: dict[str | None, Sludge] = {None: sludge(workspace, journey_id)}
    costs |= {r.persona: walked_sludge(workspace, r) for r in results}
    return EquityView(journey_id, results, time_tax(workspace.journeys[journey_id]), costs)


def default_personas(workspace: Workspace, journey_id: str) -> list[str]:
    """The personas walked when none are chosen: the built-ins and the constrained own."""
    return [p.id for p in personas_to_walk(workspace.journeys[journey_id])]


def persona_choices(workspace: Workspace, journey_id: str) -> dict[str, str]:
    """Persona id -> name: the built-ins, then the journey's own (which win on a clash)."""
    journey = workspace.journeys[journey_id]
    choices = {p.id: p.name for p in BUILT_IN_PERSONAS}
    return choices | {p.id: p.name for p in journey.personas}


def _value(figure: SludgeFigure) -> str:
    unknown = f" (+{len(figure.unknown)} unknown)" if figure.unknown else ""
    return number_text(figure.value) + unknown
