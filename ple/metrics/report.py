"""Everything ``ple metrics`` reports for a journey or persona, gathered in one call.

The burden figures (:mod:`ple.metrics.burden`), the three costs of sludge
(:mod:`ple.metrics.sludge`) and, on a journey's own row, the time tax
(:mod:`ple.metrics.time_tax`), so the shells ask once and render.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from ple.collector import collector_paused
from ple.metrics.burden import FIGURES, JourneyMetrics, journey_metrics, portfolio_metrics
from ple.metrics.sludge import Sludge, SludgeFigure, sludge
from ple.metrics.time_tax import TimeTax, time_tax
from ple.model import Workspace
from ple.scope import Scope


@dataclass(frozen=True)
class MetricsRow:
    """One row of the metrics report: a journey, or one of its personas."""

    burden: JourneyMetrics
    sludge: Sludge
    time_tax: TimeTax | None
    """Only on a journey's own row, and only when the journey has a ``volume``."""

    def to_dict(self) -> dict[str, Any]:
        costs = self.sludge.to_dict()
        return {
            **self.burden.to_dict(),
            "sludge": {cost: costs[cost] for cost in ("learning", "compliance", "psychological")},
            "time_tax": self.time_tax.to_dict() if self.time_tax else None,
        }

    def summary(self) -> dict[str, str]:
        """The three costs and the time tax as short table cells."""
        cells = {
            cost: ", ".join(_cell(f) for f in figures)
            for cost, figures in self.sludge.costs().items()
        }
        hours = self.time_tax.hours_per_year if self.time_tax else None
        cells["hours_a_year"] = (
            ""
            if hours is None
            else hours.text() + ("" if hours.exact else f" (central {hours.central_text()})")
        )
        return cells

    def evidence_lines(self) -> list[str]:
        """What each total rests on, one line a figure: "641.5 active minutes: 40%
        observed, 35% reported, 25% assumed"; the time tax last, with its volume's level."""
        lines = []
        for figure in self.sludge.compliance:
            if figure.key in FIGURES and figure.evidence is not None:
                lines.append(
                    f"{number_text(figure.value)} {figure.label.lower()}: {figure.evidence.text()}"
                )
        tax = self.time_tax
        if tax is not None and tax.evidence is not None:
            lines.append(
                f"{tax.hours_per_year.text()} hours a year: {tax.evidence.text()}; "
                f"people a year: {tax.volume_evidence}"
            )
        return lines


def metrics_report(
    workspace: Workspace,
    journey_id: str | None = None,
    persona: str | None = None,
    *,
    scope: Scope | str = Scope.all,
    roll_up: bool = False,
) -> list[MetricsRow]:
    """Rows as :func:`~ple.metrics.burden.portfolio_metrics` gives them, with sludge and
    time tax. A persona row's sludge follows the equity walk (its channels, languages and
    needs applied); its burden figures are the plain filter on ``Step.personas``.

    With ``roll_up``, detail journeys count in the place of the steps they detail
    (:mod:`ple.metrics.rollup`): in the burden, the time tax and the compliance costs."""
    rows = []
    with collector_paused():
        for burden in portfolio_metrics(
            workspace, journey_id, persona, scope=scope, roll_up=roll_up
        ):
            journey = workspace.journeys[burden.journey]
            costs = sludge(workspace, burden.journey, burden.persona)
            rows.append(
                MetricsRow(
                    burden=burden,
                    sludge=_rolled_compliance(workspace, costs, burden),
                    time_tax=(
                        time_tax(journey, workspace, roll_up=roll_up)
                        if burden.persona is None
                        else None
                    ),
                )
            )
    return rows


def _rolled_compliance(workspace: Workspace, costs: Sludge, burden: JourneyMetrics) -> Sludge:
    """The compliance costs with each rolled-up figure taken from the burden, which counted
    the detail journeys in place: its total, its evidence, and its unknown steps (the
    parent's own, then one ``step <- detail`` entry per unknown figure in the detail)."""
    rolled = [d for d in burden.detailed if d.rolled_up]
    if not rolled:
        return costs
    figures = []
    for figure in costs.compliance:
        replaced = [d for d in rolled if figure.key in d.figures]
        if figure.key not in FIGURES or not replaced:
            figures.append(figure)
            continue
        unknown = [s for s in figure.unknown if s not in {d.step for d in replaced}]
        for d in replaced:
            inner = journey_metrics(workspace, d.detail, roll_up=True)
            unknown += [f"{d.step} <- {d.detail}"] * inner.unknown[figure.key]
        figures.append(
            replace(
                figure,
                value=getattr(burden, figure.key),
                unknown=tuple(unknown),
                evidence=burden.evidence[figure.key],
            )
        )
    return replace(costs, compliance=tuple(figures))


def number_text(value: float) -> str:
    """A total for people: ``1,250`` when whole, else one decimal (``641.5``). A total
    too large for a number (validation keeps every figure far below that) reads
    ``infinite`` rather than failing."""
    if not math.isfinite(value):
        return "infinite" if value > 0 else "-infinite" if value < 0 else "unknown"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _cell(figure: SludgeFigure) -> str:
    unknown = f" ({len(figure.unknown)} unknown)" if figure.unknown else ""
    return f"{number_text(figure.value)} {figure.key.replace('_', ' ')}{unknown}"
