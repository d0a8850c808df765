"""Gap findings resolved by the proposed journey, introduced by it, and still there.

A finding is identified by its rule and its anchors (step, transition, data item), the
same ids an acceptance uses. The proposed journey's anchors are read through the step
matching, so a finding on a renamed step is the same finding. Messages are not
compared: a repeated request asked at four steps instead of ten is the same finding,
still there, with a shorter message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from ple.compare.match import StepMatch
from ple.gaps import Finding

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class FindingsDiff:
    """The findings of two journeys, paired by rule and anchor."""

    resolved: list[Finding] = field(default_factory=list)
    """Today's findings the proposed journey no longer has."""
    introduced: list[Finding] = field(default_factory=list)
    """Findings of the proposed journey that today's does not have."""
    remaining: list[tuple[Finding, Finding]] = field(default_factory=list)
    """(today's, proposed) pairs of the same finding."""

    def open_counts(self) -> dict[str, dict[str, int]]:
        """Open (not accepted) findings by severity, today and as proposed."""
        before = [f for f in self.resolved if not f.accepted]
        before += [old for old, _ in self.remaining if not old.accepted]
        after = [f for f in self.introduced if not f.accepted]
        after += [new for _, new in self.remaining if not new.accepted]
        return {"before": _by_severity(before), "after": _by_severity(after)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "open": self.open_counts(),
            "resolved": [f.to_dict() for f in self.resolved],
            "introduced": [f.to_dict() for f in self.introduced],
            "remaining": [
                {"before": old.to_dict(), "after": new.to_dict()} for old, new in self.remaining
            ],
        }


def _by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def _key(finding: Finding, step_id) -> Key:
    transition = finding.transition
    return (
        finding.rule,
        step_id(finding.step) if finding.step else None,
        (step_id(transition[0]), step_id(transition[1])) if transition else None,
        finding.data_item,
    )


def diff_findings(before: list[Finding], after: list[Finding], match: StepMatch) -> FindingsDiff:
    """Pair ``before`` (today's journey) and ``after`` (the proposed one) by key.

    Several findings with one key (a rule that reports a step twice) pair up in order;
    the extra ones are resolved or introduced.
    """
    current_of = match.current_of()
    added = set(match.added)

    def future_step(step: str) -> Hashable:
        return ("new", step) if step in added else current_of.get(step, step)

    waiting: dict[Key, list[Finding]] = defaultdict(list)
    for finding in before:
        waiting[_key(finding, lambda s: s)].append(finding)
    diff = FindingsDiff()
    for finding in after:
        key = _key(finding, future_step)
        if waiting.get(key):
            diff.remaining.append((waiting[key].pop(0), finding))
        else:
            diff.introduced.append(finding)
    diff.resolved.extend(f for found in waiting.values() for f in found)
    order = {f_id: n for n, f_id in enumerate(map(id, before))}
    diff.resolved.sort(key=lambda f: order[id(f)])
    return diff
