"""What an opportunity is worth: the comparison of today's journey with its change applied.

Nothing here measures a journey: the hours come from the time tax of ``ple.metrics`` as
``ple.compare`` sets them against each other, the findings from the gap rules through the
comparison, and the personas from the equity walk of both journeys. So an opportunity
written as edits and one written as a future journey that describes the same change are
worth the same, and both agree with ``ple compare`` and ``ple equity``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ple.compare import Comparison, compare_journeys
from ple.equity import EquityResult, walk_journeys
from ple.gaps import Finding, analyze
from ple.metrics import Span
from ple.metrics.evidence import EvidenceShares
from ple.model import FindingRef, Opportunity, Workspace
from ple.model.sharing import SharingAnswer
from ple.opportunities.apply import Applied, apply_change
from ple.opportunities.law import barred


@dataclass(frozen=True)
class AddressedFinding:
    """One finding an opportunity says it addresses, and what its change does to it."""

    ref: FindingRef
    outcome: str
    """``resolved`` (today's journey has it, the changed one does not), ``still open``, or
    ``not found`` (today's journey has no such finding: fixed already, or misnamed)."""
    message: str | None = None
    """Today's wording of the finding, when it is found."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.ref.rule,
            "step": self.ref.step,
            "transition": (
                {"from": self.ref.transition.from_, "to": self.ref.transition.to}
                if self.ref.transition
                else None
            ),
            "data_item": self.ref.data_item,
            "outcome": self.outcome,
            "message": self.message,
        }


NOT_YET = "not yet: no change written"
"""The hours of an opportunity without a change: there is nothing to measure yet."""


@dataclass(frozen=True)
class Worth:
    """What one opportunity's change gives back, by the project's own measures."""

    opportunity: str
    comparison: Comparison
    hours_per_year_saved: Span | None
    """The public's hours a year today minus with the change (a range where branches have
    no share); None when the journey does not say how many people take it."""
    hours_assume: tuple[str, ...]
    """What the central estimate of the hours assumes (empty when the hours are exact)."""
    hours_evidence: tuple[EvidenceShares | None, EvidenceShares | None]
    """How much of the hours today and with the change rests on observed, reported,
    assumed and unknown minutes (None without a volume)."""
    volume_evidence: str
    """The evidence level of the people-a-year figure (``unknown`` when not given)."""
    people_per_year: int | None
    volume_source: str | None
    steps_without_minutes: tuple[str, ...]
    """Steps reached today whose minutes are not recorded: the hours are a floor."""
    personas_unblocked: tuple[str, ...]
    """Personas who cannot finish today's journey and surely finish the changed one."""
    personas_maybe_unblocked: tuple[str, ...]
    """Personas who cannot finish today and may finish the changed one: it hangs on steps
    whose data does not say (unverified)."""
    personas_newly_blocked: tuple[str, ...]
    cold_handoffs_closed: int
    """Today's open cold-handoff findings (cold and referral handoffs, as the rule reports
    them) that the changed journey no longer has."""
    repeated_requests_removed: int
    """Asks for a data item after its first ask in the journey, today minus changed (below
    zero: the change asks again more often)."""
    findings_resolved: int
    """Today's open findings the changed journey no longer has."""
    findings_introduced: int
    addressed: tuple[AddressedFinding, ...] = field(default=())
    change_written: bool = True
    """False for an opportunity started before its change was written: then it changes
    nothing yet, and its hours are not a figure (not 0, which would read as worthless)."""
    barred: tuple[SharingAnswer, ...] = field(default=())
    """The statutory bars behind the addressed findings that need a change in law (every
    agency holding the item is barred from sharing it, by the catalog's ``sharing``
    records): then the opportunity needs a change in law."""

    @property
    def needs_change_in_law(self) -> bool:
        return bool(self.barred)

    @property
    def hours_text(self) -> str:
        """``1,000 to 3,500 (central 2,100)``, ``1,250``, or ``unknown`` without a volume."""
        hours = self.hours_per_year_saved
        if not self.change_written:
            return NOT_YET
        if hours is None:
            return "unknown"
        central = (
            f" (central {hours.central_text()})"
            if not hours.exact and hours.central is not None
            else ""
        )
        return hours.text() + central

    @property
    def evidence_text(self) -> str:
        """What the hours rest on, today / with the change: ``60% reported, 40% assumed``;
        empty without a volume."""
        today, proposed = self.hours_evidence
        if today is None or proposed is None or not self.change_written:
            return ""
        return (
            f"minutes today: {today.text()}; with the change: {proposed.text()}; people "
            f"a year: {self.volume_evidence}"
        )

    def to_dict(self) -> dict[str, Any]:
        hours = self.hours_per_year_saved if self.change_written else None
        return {
            "opportunity": self.opportunity,
            "change_written": self.change_written,
            "hours_per_year_saved": (
                None
                if hours is None
                else {"low": hours.low, "high": hours.high, "central": hours.central}
            ),
            "hours_assume": list(self.hours_assume),
            "hours_evidence": {
                "today": None
                if self.hours_evidence[0] is None
                else self.hours_evidence[0].to_dict(),
                "proposed": None
                if self.hours_evidence[1] is None
                else self.hours_evidence[1].to_dict(),
                "volume": self.volume_evidence,
            },
            "people_per_year": self.people_per_year,
            "volume_source": self.volume_source,
            "steps_without_minutes": list(self.steps_without_minutes),
            "personas_unblocked": list(self.personas_unblocked),
            "personas_maybe_unblocked": list(self.personas_maybe_unblocked),
            "personas_newly_blocked": list(self.personas_newly_blocked),
            "cold_handoffs_closed": self.cold_handoffs_closed,
            "repeated_requests_removed": self.repeated_requests_removed,
            "findings_resolved": self.findings_resolved,
            "findings_introduced": self.findings_introduced,
            "addressed_findings": [a.to_dict() for a in self.addressed],
            "needs_change_in_law": self.needs_change_in_law,
            "barred_sharing": [answer.to_dict() for answer in self.barred],
        }


def worth_of(workspace: Workspace, opportunity: Opportunity) -> Worth:
    """The worth of ``opportunity``: its change applied and compared with today's journey."""
    applied = apply_change(workspace, opportunity)
    report = analyze(applied.workspace, journeys=[applied.current, applied.future])
    comparison = compare_journeys(applied.workspace, applied.current, applied.future, report)
    walks = walk_journeys(applied.workspace, [applied.current, applied.future])
    unblocked, maybe, newly = _personas(applied, walks)
    saved = comparison.time_tax_saved
    before, after = comparison.time_tax_before, comparison.time_tax_after
    today = [f for f in report.findings if f.journey == applied.current]
    return Worth(
        opportunity=opportunity.id,
        comparison=comparison,
        hours_per_year_saved=saved.hours_per_year if saved else None,
        hours_assume=saved.assumes if saved else (),
        hours_evidence=(before.evidence if before else None, after.evidence if after else None),
        volume_evidence=before.volume_evidence if before else "unknown",
        people_per_year=before.people_per_year if before else None,
        volume_source=before.source if before else None,
        steps_without_minutes=before.steps_without_minutes if before else (),
        personas_unblocked=unblocked,
        personas_maybe_unblocked=maybe,
        personas_newly_blocked=newly,
        cold_handoffs_closed=sum(
            1 for f in comparison.findings.resolved if f.rule == "cold-handoff" and not f.accepted
        ),
        repeated_requests_removed=sum(
            max(d.steps_before - 1, 0) - max(d.steps_after - 1, 0) for d in comparison.data_items
        ),
        findings_resolved=sum(1 for f in comparison.findings.resolved if not f.accepted),
        findings_introduced=sum(1 for f in comparison.findings.introduced if not f.accepted),
        change_written=opportunity.change.written,
        addressed=tuple(_addressed(ref, today, comparison) for ref in opportunity.findings),
        barred=barred(f for f in today if any(matches(r, f) for r in opportunity.findings)),
    )


def matches(ref: FindingRef, finding: Finding) -> bool:
    """Whether ``ref`` names ``finding``: the same rule, and every anchor it gives equal
    (the rule an acceptance follows, ``ple.gaps.analyze``)."""
    if ref.rule != finding.rule:
        return False
    if ref.step is not None and ref.step != finding.step:
        return False
    if ref.data_item is not None and ref.data_item != finding.data_item:
        return False
    return ref.transition is None or (
        (ref.transition.from_, ref.transition.to) == finding.transition
    )


def _addressed(ref: FindingRef, today: list[Finding], comparison: Comparison) -> AddressedFinding:
    found = [f for f in today if matches(ref, f)]
    if not found:
        return AddressedFinding(ref, "not found")
    resolved = {id(f) for f in comparison.findings.resolved}
    outcome = "resolved" if all(id(f) in resolved for f in found) else "still open"
    return AddressedFinding(ref, outcome, found[0].message)


def _personas(
    applied: Applied, walks: list[EquityResult]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Personas walked on both journeys, by how the change moves their verdict."""
    before = {r.persona: r for r in walks if r.journey == applied.current}
    after = {r.persona: r for r in walks if r.journey == applied.future}
    unblocked, maybe, newly = [], [], []
    for persona, old in before.items():
        new = after.get(persona)
        if new is None or not new.unconstrained_completes:
            continue
        stopped_today = old.completes is False and old.unconstrained_completes
        if stopped_today and new.completes is True:
            unblocked.append(persona)
        elif stopped_today and new.completes is None:
            maybe.append(persona)
        elif old.completes is not False and new.completes is False:
            newly.append(persona)
    return tuple(unblocked), tuple(maybe), tuple(newly)
