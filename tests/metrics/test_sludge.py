"""M-22-10's three costs on a journey small enough to count by hand."""

from __future__ import annotations

import pytest

from ple.errors import NotFoundError
from ple.io import load_workspace
from ple.metrics import metrics_report, sludge

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
programs:
  - {id: retirement, name: Retirement benefits, agency: ssa}
  - {id: medicare, name: Medicare, agency: cms}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
  - {id: birth-proof, name: Proof of age, kind: document}
"""

# apply (SSA, online) --cold--> enroll (CMS, in person) --referral--> confirm (SSA, end)
JOURNEY = """
id: retire
name: Retire
volume: {per_year: 600, source: A cited table}
steps:
  - id: apply
    name: Apply
    agency: ssa
    program: retirement
    channels: [online]
    requests: [ssn, birth-proof]
    burden: {minutes: 30, wait_days: 10}
    sentiment: -1
    pain_points: [Identity check locks people out]
    next: [{to: enroll, handoff: {type: cold}}]
  - id: enroll
    name: Enroll
    agency: cms
    program: medicare
    channels: [in_person]
    requests: [ssn]
    burden: {minutes: 60, visits: 1}
    next: [{to: confirm, handoff: {type: referral}}]
  - id: confirm
    name: Confirm
    agency: ssa
    channels: [phone]
    requests: [birth-proof, ssn]
    sentiment: 1
    end: true
"""


@pytest.fixture
def workspace(write):
    write("catalog.yaml", CATALOG)
    return load_workspace(write("retire.yaml", JOURNEY)).workspace


def figures(result, cost):
    return {f.key: f for f in result.costs()[cost]}


def test_learning_costs_count_agencies_lonely_handoffs_and_programs(workspace):
    learning = figures(sludge(workspace, "retire"), "learning")
    assert learning["agencies"].value == 2
    assert learning["agencies"].items == ("ssa", "cms")
    assert learning["handoffs_alone"].value == 2
    assert learning["handoffs_alone"].items == ("apply -> enroll", "enroll -> confirm")
    assert learning["programs"].items == ("retirement", "medicare")


def test_compliance_costs_add_known_figures_and_name_the_unknown(workspace):
    compliance = figures(sludge(workspace, "retire"), "compliance")
    assert compliance["minutes"].value == 90
    assert compliance["minutes"].steps == ("apply", "enroll")
    assert compliance["minutes"].unknown == ("confirm",)
    assert compliance["visits"].value == 1
    assert compliance["visits"].unknown == ("apply", "confirm")
    assert compliance["documents"].items == ("birth-proof",)
    assert compliance["documents"].steps == ("apply", "confirm")
    assert compliance["items_asked_more_than_once"].items == ("ssn", "birth-proof")


def test_psychological_costs_keep_sentiment_pain_and_repeats_apart(workspace):
    psychological = figures(sludge(workspace, "retire"), "psychological")
    assert psychological["negative_steps"].steps == ("apply",)
    assert psychological["negative_steps"].unknown == ("enroll",)
    assert psychological["pain_points"].value == 1
    assert psychological["ping_pong"].value == 1  # SSA -> CMS -> back to SSA
    assert psychological["repeated_requests"].value == 3  # ssn twice more, proof once
    assert psychological["repeated_requests"].items == (
        "ssn at enroll",
        "birth-proof at confirm",
        "ssn at confirm",
    )


def test_a_persona_counts_only_the_steps_it_can_take(workspace):
    result = sludge(workspace, "retire", "cannot-travel")
    assert result.steps == ("apply",)  # stopped at the in-person enrollment
    assert figures(result, "learning")["agencies"].value == 1
    assert figures(result, "psychological")["repeated_requests"].value == 0


def test_the_report_puts_the_time_tax_on_the_journey_row_only(write, workspace):
    write("retire.yaml", JOURNEY + "personas:\n  - {id: worker, name: Worker}\n")
    rows = metrics_report(load_workspace(write("catalog.yaml", CATALOG)).workspace)
    assert [r.burden.persona for r in rows] == [None, "worker"]
    assert rows[0].time_tax.hours_per_year.text() == "900"  # 600 people x 1.5 hours
    assert rows[0].summary()["hours_a_year"] == "900"
    assert rows[1].time_tax is None
    assert rows[0].to_dict()["sludge"]["learning"][0]["key"] == "agencies"


def test_unknown_journey_or_persona_is_named(workspace):
    with pytest.raises(NotFoundError, match="no journey 'retir'"):
        sludge(workspace, "retir")
    with pytest.raises(NotFoundError, match="no persona 'nobody'"):
        sludge(workspace, "retire", "nobody")
