"""Opportunities: what to do about findings, who owns it, and what it is worth.

:func:`rank_opportunities` ranks a workspace's opportunities by :func:`worth_of`, which
applies an opportunity's change (:func:`apply_change`) and measures it with the compare,
time-tax and equity code; :func:`opportunity_problems` checks the findings they name.
"""

from ple.opportunities.apply import Applied, apply_change, edited_journey
from ple.opportunities.check import opportunity_problems
from ple.opportunities.ranking import (
    NO_CHANGE,
    SORT_KEY,
    RankedOpportunity,
    agencies_of,
    rank_opportunities,
    sort_key,
)
from ple.opportunities.report import OpportunityReport, opportunity_report
from ple.opportunities.starter import (
    addressing,
    finding_reference,
    owner_of,
    starter_title,
    starter_yaml,
)
from ple.opportunities.worth import AddressedFinding, Worth, matches, worth_of

__all__ = [
    "NO_CHANGE",
    "SORT_KEY",
    "AddressedFinding",
    "Applied",
    "OpportunityReport",
    "RankedOpportunity",
    "Worth",
    "addressing",
    "agencies_of",
    "apply_change",
    "edited_journey",
    "finding_reference",
    "matches",
    "opportunity_problems",
    "opportunity_report",
    "owner_of",
    "rank_opportunities",
    "sort_key",
    "starter_title",
    "starter_yaml",
    "worth_of",
]
