"""Portfolio views on a hand-built portfolio whose counts can be checked by eye, and on
the bundled data."""

from __future__ import annotations

import pytest

from ple.io import load_workspace
from ple.portfolio import (
    Scope,
    agencies_by_reach,
    agency_network,
    asked_everywhere,
    journeys_in_scope,
    life_experience,
    lonely_pairs,
    portfolio_report,
    programs_by_reach,
)
from tests.conftest import DATA

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
  - {id: irs, name: Internal Revenue Service, acronym: IRS}
programs:
  - {id: retirement, name: Retirement benefits, agency: ssa}
  - {id: medicare, name: Medicare, agency: cms}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
  - {id: address, name: Home address, kind: fact}
  - {id: income, name: Income, kind: fact}
"""

# retire: SSA -cold-> CMS -(undocumented)-> IRS ; SSA -cold-> CMS again on a branch
RETIRE = """
id: retire
name: Retire
steps:
  - id: apply
    name: Apply
    agency: ssa
    program: retirement
    requests: [ssn, address]
    next:
      - {to: enroll, handoff: {type: cold}}
      - {to: enroll-late, handoff: {type: cold}}
  - {id: enroll, name: Enroll, agency: cms, program: medicare, requests: [ssn],
     next: [{to: taxes}]}
  - {id: enroll-late, name: Enroll late, agency: cms, program: medicare, end: true}
  - {id: taxes, name: Taxes, agency: irs, requests: [income, ssn], end: true}
"""
# the proposal: SSA hands to CMS automatically, and nobody goes to the IRS
RETIRE_FUTURE = """
id: retire-future
name: Retire, proposed
state: future
baseline: retire
steps:
  - id: apply
    name: Apply
    agency: ssa
    program: retirement
    requests: [ssn, address]
    next: [{to: enroll, handoff: {type: automatic, shares: [ssn]}}]
  - {id: enroll, name: Enroll, agency: cms, program: medicare, end: true}
"""
# grieve: SSA -warm-> IRS
GRIEVE = """
id: grieve
name: Grieve
steps:
  - id: report
    name: Report a death
    agency: ssa
    requests: [ssn, address]
    next: [{to: final-return, handoff: {type: warm}}]
  - {id: final-return, name: Final return, agency: irs, requests: [income], end: true}
"""


@pytest.fixture
def workspace(write):
    write("catalog.yaml", CATALOG)
    write("retire.yaml", RETIRE)
    write("retire-future.yaml", RETIRE_FUTURE)
    result = load_workspace(write("grieve.yaml", GRIEVE), use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


@pytest.mark.parametrize(
    ("scope", "journeys"),
    [
        ("current", ["grieve", "retire"]),
        ("proposed", ["grieve", "retire-future"]),
        ("all", ["grieve", "retire", "retire-future"]),
    ],
)
def test_scopes(workspace, scope, journeys):
    assert [j.id for j in journeys_in_scope(workspace, scope)] == journeys


def test_a_future_state_belongs_to_its_baselines_life_experience(workspace):
    assert life_experience(workspace.journeys["retire-future"]) == "retire"
    assert life_experience(workspace.journeys["retire"]) == "retire"
    report = portfolio_report(workspace, Scope.all)
    assert report.life_experiences == ["grieve", "retire"]
    assert report.left_out == []
    assert portfolio_report(workspace).left_out == ["retire-future"]


def test_agency_network_weights_handoffs_by_type(workspace):
    network = agency_network(workspace)
    edges = {(e.source, e.target, e.type): (e.handoffs, e.journeys) for e in network.edges}
    assert edges == {
        ("ssa", "cms", "cold"): (2, ("retire",)),
        ("cms", "irs", "undocumented"): (1, ("retire",)),
        ("ssa", "irs", "warm"): (1, ("grieve",)),
    }
    assert network.edges[0].handoffs == 2  # the heaviest first
    nodes = {n.agency: (n.steps, n.life_experiences, n.home) for n in network.nodes}
    assert nodes == {
        "ssa": (2, ("grieve", "retire"), "grieve"),
        "irs": (2, ("grieve", "retire"), "grieve"),
        "cms": (2, ("retire",), "retire"),
    }
    assert network.life_experience_names == {"grieve": "Grieve", "retire": "Retire"}
    graph = network.to_graph()
    assert graph.number_of_edges() == 3
    assert graph.edges["ssa", "cms", "cold"]["handoffs"] == 2


def test_the_network_as_proposed(workspace):
    edges = {
        (e.source, e.target, e.type): e.handoffs
        for e in agency_network(workspace, "proposed").edges
    }
    assert edges == {("ssa", "cms", "automatic"): 1, ("ssa", "irs", "warm"): 1}


def test_reach_counts_life_experiences_not_journeys(workspace):
    agencies = {
        r.id: (len(r.life_experiences), r.steps) for r in agencies_by_reach(workspace, "all")
    }
    assert agencies == {"ssa": (2, 3), "irs": (2, 2), "cms": (1, 3)}
    assert [r.id for r in agencies_by_reach(workspace, "all")] == ["ssa", "irs", "cms"]
    programs = {r.id: len(r.life_experiences) for r in programs_by_reach(workspace)}
    assert programs == {"retirement": 1, "medicare": 1}
    assert [r.id for r in agencies_by_reach(workspace, minimum=2)] == ["irs", "ssa"]  # by name


def test_lonely_pairs(workspace):
    pairs = [(p.source, p.target, p.cold, p.undocumented) for p in lonely_pairs(workspace)]
    assert pairs == [("ssa", "cms", 2, 0), ("cms", "irs", 0, 1)]
    assert lonely_pairs(workspace, "proposed") == []


def test_tell_us_once_candidates(workspace):
    items = {i.item: (i.life_experiences, i.agencies, i.steps) for i in asked_everywhere(workspace)}
    assert items == {
        "ssn": (("grieve", "retire"), ("ssa", "cms", "irs"), 4),
        "address": (("grieve", "retire"), ("ssa",), 2),
        "income": (("grieve", "retire"), ("irs",), 2),
    }
    assert [i.item for i in asked_everywhere(workspace)] == ["ssn", "address", "income"]
    assert [i.item for i in asked_everywhere(workspace, minimum=3)] == []


def test_top_cuts_the_rankings_but_not_the_network(workspace):
    report = portfolio_report(workspace, top=1)
    assert len(report.agencies) == len(report.pairs) == len(report.tell_us_once) == 1
    assert len(report.network.edges) == 3


def test_bundled_portfolio():
    workspace = load_workspace(DATA).workspace
    today = portfolio_report(workspace)
    proposed = portfolio_report(workspace, "proposed")
    assert len(today.life_experiences) == len(proposed.life_experiences) == 6
    assert set(today.left_out) == {j for j in workspace.journeys if j.endswith("-future")}
    # SSA runs steps in more life experiences than any other agency
    assert today.agencies[0].id == "ssa"
    # the SSN, the address, proof of identity and income are asked for everywhere
    assert {i.item for i in today.tell_us_once[:4]} == {
        "ssn",
        "address",
        "proof-of-identity",
        "income-information",
    }

    # the future states take cold handoffs out of the portfolio
    def cold(report):
        return sum(e.handoffs for e in report.network.edges if e.type == "cold")

    assert cold(proposed) < cold(today)
