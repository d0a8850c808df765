"""Compare two journeys, usually today's and a proposed future state.

One call gives every part of the comparison a report or a page needs: steps added,
removed and changed; handoffs whose type changed; data items no longer requested;
the change in every burden figure; findings resolved and introduced; and, when both
journeys say how many people take them, the hours a year the proposal gives back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ple.collector import collector_paused
from ple.compare.data_items import DataItemChange, data_item_changes
from ple.compare.deltas import MetricDelta, metric_deltas
from ple.compare.findings import FindingsDiff, diff_findings
from ple.compare.handoffs import HandoffChange, handoff_changes
from ple.compare.match import StepMatch, match_steps
from ple.compare.pairs import find_journey, pairs_to_compare
from ple.compare.steps import StepChange, step_changes
from ple.gaps import GapReport, analyze
from ple.metrics import TimeTax, TimeTaxSaving, journey_metrics, time_tax, time_tax_saved
from ple.model import Workspace


@dataclass(frozen=True)
class Comparison:
    """Today's journey (``current``) against a proposed one (``future``)."""

    current: str
    future: str
    current_name: str
    future_name: str
    linked: bool
    """True when ``future`` names ``current`` as its ``baseline``."""
    match: StepMatch
    steps: list[StepChange]
    handoffs: list[HandoffChange]
    data_items: list[DataItemChange]
    metrics: list[MetricDelta]
    findings: FindingsDiff
    time_tax_before: TimeTax | None
    time_tax_after: TimeTax | None
    time_tax_saved: TimeTaxSaving | None
    """None unless both journeys give a ``volume``."""

    def step_counts(self) -> dict[str, int]:
        """How many steps were added, removed, changed and left unchanged."""
        counts = Counter(s.status for s in self.steps)
        return {status: counts[status] for status in ("added", "removed", "changed", "unchanged")}

    def metric(self, name: str) -> MetricDelta:
        return next(m for m in self.metrics if m.metric == name)

    def to_dict(self) -> dict[str, Any]:
        def tax(value: TimeTax | None) -> dict[str, Any] | None:
            if value is None:
                return None
            return {
                "people_per_year": value.people_per_year,
                "source": value.source,
                "hours_per_person": vars(value.hours_per_person),
                "hours_per_year": vars(value.hours_per_year),
                "steps_without_minutes": list(value.steps_without_minutes),
                "assumes": list(value.assumes),
            }

        return {
            "current": self.current,
            "future": self.future,
            "current_name": self.current_name,
            "future_name": self.future_name,
            "linked": self.linked,
            "step_counts": self.step_counts(),
            "steps": [s.to_dict() for s in self.steps],
            "handoffs": [h.to_dict() for h in self.handoffs],
            "data_items": [d.to_dict() for d in self.data_items],
            "metrics": [m.to_dict() for m in self.metrics],
            "findings": self.findings.to_dict(),
            "time_tax": {
                "before": tax(self.time_tax_before),
                "after": tax(self.time_tax_after),
                "hours_per_year_saved": (
                    vars(self.time_tax_saved.hours_per_year) if self.time_tax_saved else None
                ),
                "assumes": list(self.time_tax_saved.assumes) if self.time_tax_saved else [],
            },
        }


def compare_journeys(
    workspace: Workspace, current_id: str, future_id: str, report: GapReport | None = None
) -> Comparison:
    """Compare journey ``current_id`` (today) with ``future_id`` (proposed).

    ``report`` is a gap analysis that covers both journeys (the app has one already);
    without it both are analysed here. Raises NotFoundError for an unknown id.
    """
    current, future = find_journey(workspace, current_id), find_journey(workspace, future_id)
    if report is None:
        report = analyze(workspace, journeys=[current.id, future.id])
    with collector_paused():
        match = match_steps(current, future)
        before = [f for f in report.findings if f.journey == current.id]
        after = [f for f in report.findings if f.journey == future.id]
        tax_before, tax_after = time_tax(current), time_tax(future)
        return Comparison(
            current=current.id,
            future=future.id,
            current_name=current.name,
            future_name=future.name,
            linked=future.baseline == current.id,
            match=match,
            steps=step_changes(workspace, current, future, match),
            handoffs=handoff_changes(current, future, match),
            data_items=data_item_changes(current, future),
            metrics=metric_deltas(
                current,
                future,
                match,
                journey_metrics(workspace, current.id),
                journey_metrics(workspace, future.id),
            ),
            findings=diff_findings(before, after, match),
            time_tax_before=tax_before,
            time_tax_after=tax_after,
            time_tax_saved=(
                time_tax_saved(tax_before, tax_after) if tax_before and tax_after else None
            ),
        )


def compare(
    workspace: Workspace,
    current: str | None = None,
    future: str | None = None,
    report: GapReport | None = None,
) -> list[Comparison]:
    """The comparisons the user asked for by naming two journeys, one or none (see
    :func:`~ple.compare.pairs.pairs_to_compare`). Raises NotFoundError or PairError."""
    pairs = pairs_to_compare(workspace, current, future)
    if report is None:
        report = analyze(workspace, journeys=list(dict.fromkeys(j for p in pairs for j in p)))
    return [compare_journeys(workspace, a, b, report) for a, b in pairs]
