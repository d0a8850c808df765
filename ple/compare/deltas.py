"""The change in every burden figure, with unknowns kept unknown.

A journey's totals add only the figures its steps record (``ple.metrics``), so a total
is "at least this much" when some step does not say. Subtracting two such totals as if
they were complete would invent a saving, so each delta says how far it can be trusted:

- ``exact``: every step that counts records the figure in both versions, or leaves it
  out in both versions of the same (matched) step, which the map then says nothing
  about changing;
- ``at most``: only today's journey has steps that do not say, so today's true total
  may be higher and the true change lower (a saving may be larger);
- ``at least``: only the proposed journey has steps that do not say, so the true change
  may be higher (a saving may be smaller);
- ``unknown``: both have such steps; the change cannot be told, and ``delta`` is None.

Counts (steps, agencies, handoffs by type, data items) are always exact.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ple.compare.match import StepMatch
from ple.metrics import JourneyMetrics
from ple.metrics.burden import FIGURES
from ple.metrics.evidence import EvidenceShares
from ple.model import Journey

HANDOFF_TYPES = ("automatic", "warm", "referral", "cold", "undocumented")

LABELS = {
    "steps": "Steps",
    "minutes": "Customer minutes (hands-on)",
    "wait_days": "Days waiting",
    "cost_usd": "Out-of-pocket cost (USD)",
    "visits": "Office visits",
    "agencies": "Agencies",
    **{f"handoffs.{kind}": f"{kind.capitalize()} handoffs" for kind in HANDOFF_TYPES},
    "data_items_requested": "Data items asked for",
    "data_items_requested_more_than_once": "Data items asked for at two or more steps",
    "critical_path_wait_days": "Days waiting on the critical path",
}
"""Every metric compared, in the order reports show them, with its words."""


@dataclass(frozen=True)
class MetricDelta:
    """One figure today and as proposed, and how much it changed."""

    metric: str
    label: str
    before: float
    """Today's total of the known values."""
    after: float
    """The proposed total of the known values."""
    delta: float | None
    """``after - before``; None when the change cannot be told (``bound`` is unknown)."""
    bound: str
    """``exact``, ``at most``, ``at least`` or ``unknown`` (see the module docstring)."""
    unknown_before: int = 0
    """Steps today that do not record the figure."""
    unknown_after: int = 0
    """Steps in the proposed journey that do not record it."""
    unknown_in_both: int = 0
    """Of those, matched steps that leave it out in both versions (these cancel out)."""
    evidence_before: EvidenceShares | None = None
    """For a burden figure: how much of today's total rests on each evidence level."""
    evidence_after: EvidenceShares | None = None
    """For a burden figure: the same for the proposed total. A change is as sure as the
    less sure of the two."""

    @property
    def text(self) -> str:
        """The change in words: "114 fewer", "at least 20 fewer", "unknown", "no change"."""
        if self.delta is None:
            return "unknown"
        if self.delta == 0 and self.bound == "exact":
            return "no change"
        size = f"{abs(self.delta):g}"
        way = "fewer" if self.delta < 0 else "more"
        if self.bound == "exact":
            return f"{size} {way}"
        if self.delta == 0:
            return "no fewer" if self.bound == "at least" else "no more"
        if self.delta < 0:
            # at most -114: at least 114 fewer; at least -114: at most 114 fewer
            return f"{'at least' if self.bound == 'at most' else 'at most'} {size} fewer"
        return f"{self.bound} {size} more"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "text": self.text}


def metric_deltas(
    current: Journey,
    future: Journey,
    match: StepMatch,
    before: JourneyMetrics,
    after: JourneyMetrics,
) -> list[MetricDelta]:
    """Every metric of :data:`LABELS`, today against the proposed journey."""
    rows = [_count("steps", before.steps, after.steps)]
    for figure in FIGURES:
        rows.append(_figure(figure, current, future, match, before, after))
    rows.append(_count("agencies", before.agencies, after.agencies))
    for kind in HANDOFF_TYPES:
        rows.append(
            _count(f"handoffs.{kind}", before.handoffs.get(kind, 0), after.handoffs.get(kind, 0))
        )
    rows.append(
        _count("data_items_requested", before.data_items_requested, after.data_items_requested)
    )
    rows.append(
        _count(
            "data_items_requested_more_than_once",
            before.data_items_requested_more_than_once,
            after.data_items_requested_more_than_once,
        )
    )
    rows.append(_critical_path(before, after, rows))
    return rows


def _count(metric: str, before: float, after: float) -> MetricDelta:
    return MetricDelta(metric, LABELS[metric], before, after, after - before, "exact")


def _figure(
    figure: str,
    current: Journey,
    future: Journey,
    match: StepMatch,
    before: JourneyMetrics,
    after: JourneyMetrics,
) -> MetricDelta:
    def unknown(journey: Journey) -> set[str]:
        return {
            s.id for s in journey.steps if s.burden is None or getattr(s.burden, figure) is None
        }

    missing_before, missing_after = unknown(current), unknown(future)
    both = sum(1 for c, f, _ in match.pairs if c in missing_before and f in missing_after)
    open_before = len(missing_before) - both
    open_after = len(missing_after) - both
    old, new = getattr(before, figure), getattr(after, figure)
    if open_before and open_after:
        bound, delta = "unknown", None
    else:
        bound = "at most" if open_before else "at least" if open_after else "exact"
        delta = new - old
    return MetricDelta(
        figure,
        LABELS[figure],
        old,
        new,
        delta,
        bound,
        len(missing_before),
        len(missing_after),
        both,
        before.evidence.get(figure),
        after.evidence.get(figure),
    )


def _critical_path(
    before: JourneyMetrics, after: JourneyMetrics, rows: list[MetricDelta]
) -> MetricDelta:
    """Exact only when every step of both journeys records its wait: the path is the one
    with the longest known wait, and an unknown wait could move it anywhere."""
    waits = next(r for r in rows if r.metric == "wait_days")
    known = waits.unknown_before == 0 and waits.unknown_after == 0
    old, new = before.critical_path_wait_days, after.critical_path_wait_days
    return MetricDelta(
        "critical_path_wait_days",
        LABELS["critical_path_wait_days"],
        old,
        new,
        new - old if known else None,
        "exact" if known else "unknown",
        waits.unknown_before,
        waits.unknown_after,
    )
