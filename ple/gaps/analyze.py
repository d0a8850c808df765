"""Run the gap rules over a workspace and collect findings.

The engine knows nothing about any single rule: it builds one view per journey,
runs every enabled rule, applies the workspace's severity overrides, and marks
findings the team has accepted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ple.collector import collector_paused
from ple.errors import NotFoundError
from ple.gaps.finding import Finding, FindingSeverity, Gap
from ple.gaps.registry import Rule, all_rules
from ple.gaps.view import JourneyView
from ple.io.suggest import did_you_mean
from ple.model import AcceptedFinding, Journey, Workspace


@dataclass
class GapReport:
    """Findings of one analysis, plus what the team should know about the run itself."""

    findings: list[Finding] = field(default_factory=list)
    unused_acceptances: list[tuple[str, AcceptedFinding]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        open_findings = [f for f in self.findings if not f.accepted]
        return {
            "findings": len(self.findings),
            "accepted": len(self.findings) - len(open_findings),
            "by_severity": dict(Counter(f.severity.value for f in open_findings)),
            "by_rule": dict(sorted(Counter(f.rule for f in open_findings).items())),
            "unverified": sum(f.unverified for f in open_findings),
            "unused_acceptances": [
                {"journey": journey, "rule": a.rule, "step": a.step, "reason": a.reason}
                for journey, a in self.unused_acceptances
            ],
            "warnings": list(self.warnings),
        }

    def failing(self, at_least: FindingSeverity) -> list[Finding]:
        """Findings not accepted whose severity is ``at_least`` or worse."""
        return [f for f in self.findings if not f.accepted and f.severity.rank >= at_least.rank]


def analyze(
    workspace: Workspace,
    *,
    journeys: Iterable[str] | None = None,
    rules: Iterable[str] | None = None,
    min_severity: FindingSeverity = FindingSeverity.info,
) -> GapReport:
    """Findings for the chosen journeys (default all) and rules (default all enabled).

    Raises NotFoundError for an unknown journey or rule id.
    """
    registry = all_rules()
    settings = workspace.settings.gaps
    report = GapReport()
    for rule_id in [*settings.disabled_rules, *settings.severity]:
        if rule_id not in registry:
            report.warnings.append(
                f"settings name an unknown rule {rule_id!r}{did_you_mean(rule_id, registry)}"
            )
    for rule_id, severity in settings.severity.items():
        if severity not in FindingSeverity.__members__:
            report.warnings.append(
                f"settings give rule {rule_id!r} an unknown severity {severity!r}"
            )
    chosen = _chosen_rules(registry, rules, settings.disabled_rules)
    with collector_paused():
        _run(workspace, _chosen_journeys(workspace, journeys), chosen, rules, min_severity, report)
    return report


def _run(
    workspace: Workspace,
    journeys: list[Journey],
    chosen: list[Rule],
    rules: Iterable[str] | None,
    min_severity: FindingSeverity,
    report: GapReport,
) -> None:
    settings = workspace.settings.gaps
    ran = {rule.id for rule in chosen}  # an acceptance of a rule not run is not stale
    for journey in journeys:
        view = JourneyView.of(workspace, journey)
        used: set[int] = set()
        for rule in chosen:
            severity = _severity(rule, settings.severity)
            for gap in rule.check(view):
                finding = _finding(rule, severity, journey, gap, used)
                if finding.severity.rank >= min_severity.rank:
                    report.findings.append(finding)
        report.unused_acceptances += [
            (journey.id, accepted)
            for index, accepted in enumerate(journey.accepted_findings)
            if index not in used and accepted.rule in ran
        ]


def _chosen_rules(
    registry: dict[str, Rule], rules: Iterable[str] | None, disabled: list[str]
) -> list[Rule]:
    if rules is None:
        return [rule for rule_id, rule in registry.items() if rule_id not in disabled]
    chosen = []
    for rule_id in rules:
        if rule_id not in registry:
            raise NotFoundError(f"no rule {rule_id!r}{did_you_mean(rule_id, registry)}")
        chosen.append(registry[rule_id])
    return chosen


def _chosen_journeys(workspace: Workspace, journeys: Iterable[str] | None) -> list[Journey]:
    if journeys is None:
        return list(workspace.journeys.values())
    chosen = []
    for journey_id in journeys:
        if journey_id not in workspace.journeys:
            raise NotFoundError(
                f"no journey {journey_id!r} in the workspace"
                f"{did_you_mean(journey_id, workspace.journeys)}"
            )
        chosen.append(workspace.journeys[journey_id])
    return chosen


def _severity(rule: Rule, overrides: dict[str, str]) -> FindingSeverity | None:
    """The workspace's override for this rule, if it names a real severity."""
    override = overrides.get(rule.id)
    return FindingSeverity(override) if override in FindingSeverity.__members__ else None


def _finding(
    rule: Rule, override: FindingSeverity | None, journey: Journey, gap: Gap, used: set[int]
) -> Finding:
    severity = gap.severity or override or rule.severity  # unverified stays info
    acceptance = _acceptance(journey, rule.id, gap)
    if acceptance is not None:
        used.add(acceptance)
    accepted = journey.accepted_findings[acceptance] if acceptance is not None else None
    return Finding(
        rule=rule.id,
        severity=severity,
        journey=journey.id,
        message=gap.message,
        suggestion=gap.suggestion,
        step=gap.step,
        transition=gap.transition,
        agencies=gap.agencies,
        data_item=gap.data_item,
        unverified=gap.unverified,
        accepted=accepted is not None,
        accepted_reason=accepted.reason if accepted else None,
        sharing=gap.sharing,
    )


def _acceptance(journey: Journey, rule_id: str, gap: Gap) -> int | None:
    """Index of the first acceptance that covers this gap. An acceptance matches on
    every location it names; one that names none covers the rule journey-wide."""
    for index, accepted in enumerate(journey.accepted_findings):
        if accepted.rule != rule_id:
            continue
        if accepted.step is not None and accepted.step != gap.step:
            continue
        if accepted.data_item is not None and accepted.data_item != gap.data_item:
            continue
        if accepted.transition is not None and (
            (accepted.transition.from_, accepted.transition.to) != gap.transition
        ):
            continue
        return index
    return None
