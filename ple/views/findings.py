"""Narrowing gap findings down for a reader: by rule, severity, journey, agency."""

from __future__ import annotations

from dataclasses import dataclass

from ple.gaps import Finding, FindingSeverity


@dataclass(frozen=True)
class FindingFilter:
    rule: str | None = None
    at_least: str = "info"
    journey: str | None = None
    agency: str | None = None
    include_accepted: bool = False
    counted: frozenset[str] | None = None
    """The journeys counted (a scope's, :mod:`ple.scope`); None: every journey."""


def filter_findings(findings: list[Finding], wanted: FindingFilter) -> list[Finding]:
    """Findings matching every part of ``wanted``, worst first, then by journey."""
    floor = FindingSeverity(wanted.at_least).rank
    kept = [
        f
        for f in findings
        if (wanted.rule is None or f.rule == wanted.rule)
        and f.severity.rank >= floor
        and (wanted.journey is None or f.journey == wanted.journey)
        and (wanted.counted is None or f.journey in wanted.counted)
        and (wanted.agency is None or wanted.agency in f.agencies)
        and (wanted.include_accepted or not f.accepted)
    ]
    return sorted(kept, key=lambda f: (-f.severity.rank, f.journey, f.rule))
