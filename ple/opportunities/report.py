"""One call for a shell: the ranking and the problems of the findings opportunities name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ple.errors import Problem, Severity
from ple.gaps import analyze
from ple.model import Workspace
from ple.opportunities.check import opportunity_problems
from ple.opportunities.ranking import RankedOpportunity, rank_opportunities


@dataclass(frozen=True)
class OpportunityReport:
    """The ranked opportunities that pass the filters, and every problem of any of them."""

    ranked: list[RankedOpportunity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]


def opportunity_report(
    workspace: Workspace,
    *,
    owner: str | None = None,
    status: Iterable[str] = (),
    agency: str | None = None,
) -> OpportunityReport:
    """Rank the opportunities (see :func:`rank_opportunities`, which raises NotFoundError
    for an unknown filter) and check the findings all of them name."""
    ranked = rank_opportunities(workspace, owner=owner, status=status, agency=agency)
    journeys = sorted({o.journey for o in workspace.opportunities.values()})
    report = analyze(workspace, journeys=journeys)
    return OpportunityReport(ranked, opportunity_problems(workspace, report))
