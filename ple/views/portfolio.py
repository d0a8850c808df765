"""The whole workspace at a glance: one row per journey, agencies across journeys."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ple.gaps import GapReport
from ple.metrics import journey_metrics
from ple.model import Workspace


def portfolio_rows(workspace: Workspace, report: GapReport) -> list[dict[str, Any]]:
    """Counts, handoffs by type, open findings by severity and total burden per journey."""
    open_findings = Counter(
        (f.journey, f.severity.value) for f in report.findings if not f.accepted)
    rows = []
    for journey_id in sorted(workspace.journeys):
        journey = workspace.journeys[journey_id]
        metrics = journey_metrics(workspace, journey_id)
        rows.append({
            "journey": journey.name,
            "id": journey_id,
            "state": journey.state.value,
            "steps": metrics.steps,
            "agencies": metrics.agencies,
            **{f"{kind} handoffs": metrics.handoffs.get(kind, 0)
               for kind in ("automatic", "warm", "referral", "cold", "undocumented")},
            "errors": open_findings[(journey_id, "error")],
            "warnings": open_findings[(journey_id, "warning")],
            "info": open_findings[(journey_id, "info")],
            "minutes": metrics.minutes,
            "wait days": metrics.wait_days,
            "people a year": journey.volume.per_year if journey.volume else None,
        })
    return rows


def agency_matrix(workspace: Workspace) -> list[dict[str, Any]]:
    """One row per agency, one column per journey: how many of its steps the agency runs."""
    journeys = sorted(workspace.journeys)
    counts = Counter(
        (step.agency, journey_id)
        for journey_id in journeys for step in workspace.journeys[journey_id].steps
    )
    agencies = sorted({agency for agency, _ in counts},
                      key=lambda a: (-sum(counts[(a, j)] > 0 for j in journeys), a))
    return [
        {"agency": workspace.agency_label(agency),
         "life experiences": sum(counts[(agency, j)] > 0 for j in journeys),
         **{j: counts[(agency, j)] or None for j in journeys}}
        for agency in agencies
    ]
