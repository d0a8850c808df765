"""Gap analysis: rules that find where journeys fail people, and say why."""

from ple.gaps.analyze import GapReport, analyze
from ple.gaps.finding import Finding, FindingSeverity, Gap
from ple.gaps.registry import RULES, Rule, all_rules, rule

__all__ = [
    "RULES",
    "Finding",
    "FindingSeverity",
    "Gap",
    "GapReport",
    "Rule",
    "all_rules",
    "analyze",
    "rule",
]
