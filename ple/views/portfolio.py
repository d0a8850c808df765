"""The whole workspace at a glance: one row per journey, agencies across journeys."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ple.gaps import GapReport
from ple.metrics import journey_metrics
from ple.metrics.rollup import detail_sentence
from ple.model import Workspace
from ple.portfolio import (
    SCOPE_WORDS,
    AgencyNetwork,
    AskedEverywhere,
    LonelyPair,
    PortfolioReport,
    Reach,
    Scope,
    journeys_in_scope,
    life_experience,
)


def portfolio_rows(
    workspace: Workspace, report: GapReport, roll_up: bool = False
) -> list[dict[str, Any]]:
    """Counts, handoffs by type, open findings by severity and total burden per journey
    (with ``roll_up``, detail journeys counted in the place of the steps they detail)."""
    open_findings = Counter(
        (f.journey, f.severity.value) for f in report.findings if not f.accepted
    )
    rows = []
    for journey_id in sorted(workspace.journeys):
        journey = workspace.journeys[journey_id]
        metrics = journey_metrics(workspace, journey_id, roll_up=roll_up)
        rows.append(
            {
                "journey": journey.name,
                "id": journey_id,
                "state": journey.state.value,
                "steps": metrics.steps,
                "agencies": metrics.agencies,
                # Beside the minutes, in view without scrolling: how sure the figure is.
                "minutes": metrics.minutes,
                "minutes rest on": metrics.evidence["minutes"].text(),
                **{
                    f"{kind} handoffs": metrics.handoffs.get(kind, 0)
                    for kind in ("automatic", "warm", "referral", "cold", "undocumented")
                },
                "errors": open_findings[(journey_id, "error")],
                "warnings": open_findings[(journey_id, "warning")],
                "info": open_findings[(journey_id, "info")],
                "wait days": metrics.wait_days,
                "people a year": journey.volume.per_year if journey.volume else None,
            }
        )
    return rows


def agency_matrix(workspace: Workspace, scope: Scope | str = Scope.current) -> list[dict[str, Any]]:
    """One row per agency, one column per journey in ``scope``: how many of its steps the
    agency runs there, and in how many life experiences it takes part (a future state
    counts as its baseline's life experience)."""
    journeys = journeys_in_scope(workspace, scope)
    counts = Counter((step.agency, journey.id) for journey in journeys for step in journey.steps)
    reach: dict[str, set[str]] = {}
    for journey in journeys:
        for step in journey.steps:
            reach.setdefault(step.agency, set()).add(life_experience(journey))
    steps = Counter(agency for agency, _ in counts.elements())
    agencies = sorted(
        reach, key=lambda a: (-len(reach[a]), -steps[a], workspace.agency_label(a), a)
    )
    return [
        {
            "agency": workspace.agency_label(agency),
            "life experiences": len(reach[agency]),
            **{j.id: counts[(agency, j.id)] or None for j in journeys},
        }
        for agency in agencies
    ]


def _names(workspace: Workspace, experiences: tuple[str, ...]) -> str:
    return ", ".join(workspace.journeys[e].name for e in experiences)


def reach_rows(workspace: Workspace, rows: list[Reach], noun: str) -> list[dict[str, Any]]:
    """Agencies or programs (``noun``) by the number of life experiences they are in."""
    return [
        {
            noun: r.name,
            "life experiences": len(r.life_experiences),
            "which": _names(workspace, r.life_experiences),
            "steps": r.steps,
        }
        for r in rows
    ]


def pair_rows(workspace: Workspace, pairs: list[LonelyPair]) -> list[dict[str, Any]]:
    """Agency pairs by cold and undocumented handoffs."""
    return [
        {
            "from": workspace.agency_label(p.source),
            "to": workspace.agency_label(p.target),
            "cold": p.cold,
            "undocumented": p.undocumented,
            "life experiences": _names(workspace, p.life_experiences),
        }
        for p in pairs
    ]


def tell_us_once_rows(workspace: Workspace, items: list[AskedEverywhere]) -> list[dict[str, Any]]:
    """Data items asked for in several life experiences, with who asks."""
    return [
        {
            "data item": i.name,
            "life experiences": len(i.life_experiences),
            "agencies asking": len(i.agencies),
            "which agencies": ", ".join(workspace.agency_label(a) for a in i.agencies),
            "steps asking": i.steps,
        }
        for i in items
    ]


def network_rows(workspace: Workspace, network: AgencyNetwork) -> list[dict[str, Any]]:
    """The network's edges as a table: the diagram's text alternative."""
    return [
        {
            "from": workspace.agency_label(e.source),
            "to": workspace.agency_label(e.target),
            "handoff type": e.type,
            "handoffs": e.handoffs,
            "journeys": ", ".join(workspace.journeys[j].name for j in e.journeys),
        }
        for e in network.edges
    ]


def report_sections(
    workspace: Workspace, report: PortfolioReport
) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every portfolio view as (title, rows), in the order the CLI and the app show them."""
    return [
        ("Agencies in the most life experiences", reach_rows(workspace, report.agencies, "agency")),
        (
            "Programs in the most life experiences",
            reach_rows(workspace, report.programs, "program"),
        ),
        (
            "Agency pairs with the most cold or undocumented handoffs",
            pair_rows(workspace, report.pairs),
        ),
        (
            '"Tell us once" candidates: data asked for in the most life experiences',
            tell_us_once_rows(workspace, report.tell_us_once),
        ),
        (
            "Agency network: handoffs between agencies, by type",
            network_rows(workspace, report.network),
        ),
        (
            "Burden per journey, detail journeys "
            + ("rolled up" if report.burden.roll_up else "kept apart"),
            burden_rows(workspace, report),
        ),
        ("Burden totals: every step counted once", report.burden.total_rows()),
    ]


def burden_rows(workspace: Workspace, report: PortfolioReport) -> list[dict[str, Any]]:
    """One row per journey: its burden, its unknown figures, what its minutes rest on and
    what was done with its detail journeys."""
    return [
        {
            "journey": workspace.journeys[m.journey].name,
            "minutes": m.minutes,
            "wait days": m.wait_days,
            "cost usd": m.cost_usd,
            "visits": m.visits,
            "unknown": ", ".join(f"{k} {v}" for k, v in m.unknown.items() if v),
            "minutes rest on": m.evidence["minutes"].text(),
            "detail journeys": detail_sentence(m.roll_up, m.detailed),
        }
        for m in report.burden.rows
    ]


def scope_sentence(workspace: Workspace, report: PortfolioReport) -> str:
    """What the views count, e.g. "6 journeys (6 life experiences); left out: ..."."""

    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}" + ("" if n == 1 else "s")

    text = (
        f"Counting {SCOPE_WORDS[Scope(report.scope)]}: "
        f"{counted(len(report.journeys), 'journey')}, "
        f"{counted(len(report.life_experiences), 'life experience')}."
    )
    if report.left_out:
        text += (
            f" Left out: {counted(len(report.left_out), 'journey')} ("
            + ", ".join(workspace.journeys[j].name for j in report.left_out)
            + ")."
        )
    return text
