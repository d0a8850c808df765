"""Views across a whole portfolio of life experiences: the agency network, who appears
where, where customers are left alone between agencies, and "tell us once" candidates.

Every view takes a :class:`Scope`: today's journeys (the default), the portfolio as
proposed, or every journey; see :mod:`ple.scope`.
"""

from ple.portfolio.network import AgencyEdge, AgencyNetwork, AgencyNode, agency_network
from ple.portfolio.rankings import (
    AskedEverywhere,
    LonelyPair,
    Reach,
    agencies_by_reach,
    asked_everywhere,
    lonely_pairs,
    programs_by_reach,
)
from ple.portfolio.report import PortfolioReport, portfolio_report
from ple.scope import SCOPE_WORDS, Scope, journeys_in_scope, life_experience

__all__ = [
    "SCOPE_WORDS",
    "AgencyEdge",
    "AgencyNetwork",
    "AgencyNode",
    "AskedEverywhere",
    "LonelyPair",
    "PortfolioReport",
    "Reach",
    "Scope",
    "agencies_by_reach",
    "agency_network",
    "asked_everywhere",
    "journeys_in_scope",
    "life_experience",
    "lonely_pairs",
    "portfolio_report",
    "programs_by_reach",
]
