"""The portfolio views in one call, for ``ple portfolio`` and the app's Portfolio page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ple.model import Workspace
from ple.portfolio.burden import PortfolioBurden, portfolio_burden
from ple.portfolio.network import AgencyNetwork, agency_network
from ple.portfolio.rankings import (
    AskedEverywhere,
    LonelyPair,
    Reach,
    agencies_by_reach,
    asked_everywhere,
    lonely_pairs,
    programs_by_reach,
)
from ple.scope import Scope, journeys_in_scope, life_experience


@dataclass(frozen=True)
class PortfolioReport:
    """Every portfolio view of one scope."""

    scope: str
    journeys: list[str]
    """The journeys counted, by id."""
    life_experiences: list[str]
    """The life experiences they map (a future state counts as its baseline's)."""
    left_out: list[str]
    """Journeys of the workspace the scope does not count."""
    network: AgencyNetwork
    agencies: list[Reach]
    programs: list[Reach]
    pairs: list[LonelyPair]
    tell_us_once: list[AskedEverywhere]
    burden: PortfolioBurden

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "journeys": self.journeys,
            "life_experiences": self.life_experiences,
            "left_out": self.left_out,
            "network": self.network.to_dict(),
            "agencies": [r.to_dict() for r in self.agencies],
            "programs": [r.to_dict() for r in self.programs],
            "pairs": [r.to_dict() for r in self.pairs],
            "tell_us_once": [r.to_dict() for r in self.tell_us_once],
            "burden": self.burden.to_dict(),
        }


def portfolio_report(
    workspace: Workspace,
    scope: Scope | str = Scope.current,
    top: int | None = None,
    *,
    roll_up: bool = False,
) -> PortfolioReport:
    """Agency network, agencies and programs by reach, agency pairs by cold or
    undocumented handoffs, and "tell us once" candidates; ``top`` keeps the first rows of
    each ranking (the network is always whole); ``roll_up`` counts detail journeys in
    the place of the steps they detail in the burden rows (the totals count every step
    once either way)."""
    scope = Scope(scope)
    journeys = journeys_in_scope(workspace, scope)
    counted = {j.id for j in journeys}

    def cut(rows: list) -> list:
        return rows if top is None else rows[:top]

    return PortfolioReport(
        scope=scope.value,
        journeys=[j.id for j in journeys],
        life_experiences=sorted({life_experience(j) for j in journeys}),
        left_out=sorted(set(workspace.journeys) - counted),
        network=agency_network(workspace, scope),
        agencies=cut(agencies_by_reach(workspace, scope)),
        programs=cut(programs_by_reach(workspace, scope)),
        pairs=cut(lonely_pairs(workspace, scope)),
        tell_us_once=cut(asked_everywhere(workspace, scope)),
        burden=portfolio_burden(workspace, scope, roll_up=roll_up),
    )
