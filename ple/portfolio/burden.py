"""The portfolio's burden: each journey's figures, rolled up or kept apart, and totals that
count every step once.

A detail journey and the step it details are the same work at two grains. Summing the
rows would count it twice when both journeys are in scope, rolled up (the detail is in its
parent's row and in its own) or kept apart (when the step has figures of its own). So the
totals follow one rule, whichever way the rows are shown: every step in scope counts once,
and a step whose detail journey is in scope and records a figure counts that figure
through the detail journey's own row instead. Unknown figures stay unknown in the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ple.collector import collector_paused
from ple.metrics import JourneyMetrics, journey_metrics
from ple.metrics.burden import FIGURES
from ple.metrics.evidence import EvidenceShares, evidence_shares
from ple.metrics.rollup import detail_sentence
from ple.model import Workspace
from ple.scope import Scope, journeys_in_scope


@dataclass(frozen=True)
class PortfolioBurden:
    """Every journey's burden in one scope, and the portfolio's totals."""

    roll_up: bool
    rows: list[JourneyMetrics]
    totals: dict[str, float]
    unknown: dict[str, int]
    """Per figure, steps counted in the totals whose figure is not recorded."""
    evidence: dict[str, EvidenceShares]
    counted_in_detail: list[tuple[str, str, str]]
    """(journey, step, detail journey): steps whose figures the totals count through the
    detail journey's own row (for the figures it records)."""

    def sentence(self) -> str:
        """What the rows did with detail journeys and how the totals count them."""
        said = [
            f"{row.journey}: {text}"
            for row in self.rows
            if (text := detail_sentence(self.roll_up, row.detailed))
        ]
        if self.counted_in_detail:
            said.append(
                "totals count every step once: "
                + "; ".join(
                    f"{journey}/{step} through {detail}"
                    for journey, step, detail in self.counted_in_detail
                )
            )
        return ". ".join(said)

    def to_dict(self) -> dict[str, Any]:
        return {
            "roll_up": self.roll_up,
            "rows": [r.to_dict() for r in self.rows],
            "totals": self.totals,
            "unknown": self.unknown,
            "evidence": {k: v.to_dict() for k, v in self.evidence.items()},
            "counted_in_detail": [list(c) for c in self.counted_in_detail],
        }

    def total_rows(self) -> list[dict[str, Any]]:
        """One row per figure: the total, how many steps do not say, what it rests on."""
        return [
            {
                "figure": figure,
                "total": self.totals[figure],
                "unknown steps": self.unknown[figure],
                "rests on": self.evidence[figure].text(),
            }
            for figure in FIGURES
        ]


def portfolio_burden(
    workspace: Workspace, scope: Scope | str = Scope.current, *, roll_up: bool = False
) -> PortfolioBurden:
    """Each journey in ``scope`` (whole, no personas), rolled up or kept apart, and the
    totals, which are the same either way (see the module's docstring)."""
    journeys = journeys_in_scope(workspace, scope)
    in_scope = {j.id for j in journeys}
    totals = dict.fromkeys(FIGURES, 0.0)
    unknown = dict.fromkeys(FIGURES, 0)
    parts: dict[str, list] = {figure: [] for figure in FIGURES}
    through: list[tuple[str, str, str]] = []
    rolled: dict[str, JourneyMetrics] = {}
    with collector_paused():
        rows = [journey_metrics(workspace, j.id, roll_up=roll_up, rolled=rolled) for j in journeys]
        for journey in journeys:
            for step in journey.steps:
                recorded = _recorded_in_detail(workspace, step.detail, in_scope, rolled)
                if recorded:
                    through.append((journey.id, step.id, step.detail or ""))
                for figure in FIGURES:
                    if figure in recorded:
                        continue
                    value = getattr(step.burden, figure) if step.burden else None
                    if value is None:
                        unknown[figure] += 1
                    else:
                        totals[figure] += value
                        parts[figure].append((step.burden_evidence(figure), value))
    return PortfolioBurden(
        roll_up, rows, totals, unknown, {f: evidence_shares(parts[f]) for f in FIGURES}, through
    )


def _recorded_in_detail(
    workspace: Workspace, detail: str | None, in_scope: set[str], rolled: dict[str, JourneyMetrics]
) -> set[str]:
    """The figures a step's in-scope detail journey records, down its own details."""
    if detail is None or detail not in in_scope:
        return set()
    whole = rolled.get(detail) or journey_metrics(workspace, detail, roll_up=True, rolled=rolled)
    return {f for f in FIGURES if whole.evidence[f].basis != "none"}
