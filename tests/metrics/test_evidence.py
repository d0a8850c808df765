"""What each figure rests on: the evidence shares of minutes, waits, the time tax, the
three costs of sludge and compare deltas, on journeys whose mix can be checked by hand."""

from __future__ import annotations

import pytest

from ple.compare import compare_journeys
from ple.io import load_workspace
from ple.metrics import journey_metrics, metrics_report, sludge, time_tax
from ple.metrics.evidence import LEVELS, evidence_shares
from ple.views.compare import EVIDENCE_COLUMN, metric_rows
from tests.conftest import CATALOG

# observe: 256.6 min, observed on its burden      -> 40% of 641.5
# report:  224.5 min, the step says reported      -> 35%
# guess:   160.4 min, assumed on its burden       -> 25%
# unsaid:  no minutes at all (an unknown value, not a part of the mix)
# free:    0 minutes, nobody says how it is known (unknown evidence, weighs nothing)
JOURNEY = """
id: retire
name: Retire
volume:
  per_year: 1200
  source: an agency table
  evidence: {level: reported, sources: [an agency table]}
personas:
  - {id: by-phone, name: Phone only, can_use: {channels: [phone]}}
steps:
  - id: observe
    name: Observed step
    agency: ssa
    channels: [online, phone]
    burden:
      minutes: 256.6
      wait_days: 0
      evidence: {level: observed, sources: [field study]}
    burden_by_channel:
      phone: {minutes: 100, evidence: {level: assumed}}
    next: [{to: report}]
  - id: report
    name: Reported step
    agency: ssa
    evidence: {level: reported, sources: [PRA burden estimate]}
    burden: {minutes: 224.5, wait_days: 0}
    next: [{to: guess}]
  - id: guess
    name: Guessed step
    agency: cms
    evidence: {level: observed}
    burden: {minutes: 160.4, evidence: {level: assumed}}
    next: [{to: unsaid, handoff: {type: cold}}]
  - id: unsaid
    name: Unsaid step
    agency: cms
    next: [{to: free}]
  - id: free
    name: Free step
    agency: cms
    burden: {minutes: 0}
    end: true
"""


@pytest.fixture
def workspace(write):
    write("catalog.yaml", CATALOG)
    result = load_workspace(write("retire.yaml", JOURNEY))
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


def test_active_minutes_say_what_they_rest_on(workspace):
    metrics = journey_metrics(workspace, "retire")
    assert metrics.minutes == pytest.approx(641.5)
    minutes = metrics.evidence["minutes"]
    assert minutes.percent == {"observed": 40, "reported": 35, "assumed": 25, "unknown": 0}
    assert minutes.text() == "40% observed, 35% reported, 25% assumed"
    assert sum(minutes.shares.values()) == pytest.approx(1)
    assert metrics.unknown["minutes"] == 1  # the step without minutes: an unknown value


def test_unknown_evidence_is_shown_as_unknown_never_as_assumed(workspace):
    plain = workspace.journeys["retire"].model_copy(update={"volume": None})
    steps = [
        s.model_copy(
            update={
                "evidence": None,
                "burden": s.burden.model_copy(update={"evidence": None}) if s.burden else None,
                "burden_by_channel": {},
            }
        )
        for s in plain.steps
    ]
    bare = type(workspace)(
        agencies=workspace.agencies, journeys={"retire": plain.model_copy(update={"steps": steps})}
    )
    minutes = journey_metrics(bare, "retire").evidence["minutes"]
    assert minutes.text() == "100% unknown"
    assert minutes.amounts["assumed"] == 0


def test_figures_that_add_up_to_zero_count_one_each(workspace):
    waits = journey_metrics(workspace, "retire").evidence["wait_days"]
    assert waits.basis == "count"
    assert waits.text() == "50% observed, 50% reported"


def test_shares_add_up_to_100_percent_whatever_the_mix():
    for parts in (
        [("observed", 1), ("reported", 1), ("assumed", 1)],
        [("observed", 2), (None, 1)],
        [("assumed", 0.1)] * 7,
        [("observed", 1e-9), ("reported", 1e9)],
    ):
        shares = evidence_shares(parts)
        assert sum(shares.percent.values()) == 100
        assert sum(shares.shares.values()) == pytest.approx(1)
        assert set(shares.percent) == set(LEVELS)
    assert (
        evidence_shares([("observed", 1), ("reported", 1), ("assumed", 1)]).text()
        == "34% observed, 33% reported, 33% assumed"
    )
    assert evidence_shares([]).text() == "no figures recorded"


def test_the_time_tax_weighs_each_step_by_the_hours_it_adds(workspace):
    tax = time_tax(workspace.journeys["retire"])
    assert tax.evidence.text() == "40% observed, 35% reported, 25% assumed"
    assert tax.volume_evidence == "reported"


def test_sludge_costs_follow_the_channel_a_persona_takes(workspace):
    whole = {f.key: f for f in sludge(workspace, "retire").compliance}
    assert whole["minutes"].evidence.text() == "40% observed, 35% reported, 25% assumed"
    phone = {f.key: f for f in sludge(workspace, "retire", "by-phone").compliance}
    # by phone, the first step takes 100 assumed minutes: 100 + 160.4 assumed of 484.9
    assert phone["minutes"].value == pytest.approx(484.9)
    assert phone["minutes"].evidence.percent["assumed"] == 54
    assert phone["minutes"].evidence.percent["reported"] == 46
    learning = {f.key: f for f in sludge(workspace, "retire").learning}
    # five steps: observe (burden only: unknown step evidence), report, guess, unsaid, free
    assert learning["agencies"].evidence.percent == {
        "observed": 20,
        "reported": 20,
        "assumed": 0,
        "unknown": 60,
    }


def test_the_cli_report_carries_the_evidence_lines(workspace):
    (row, *_) = metrics_report(workspace, "retire")
    assert row.evidence_lines()[0] == (
        "641.5 active minutes: 40% observed, 35% reported, 25% assumed"
    )
    assert row.evidence_lines()[-1].endswith("people a year: reported")
    assert row.to_dict()["evidence"]["minutes"]["percent"]["observed"] == 40


def test_compare_deltas_carry_the_evidence_of_both_totals(write):
    future = JOURNEY.replace(
        "id: retire\nname: Retire",
        "id: retire-future\nname: Proposed\nstate: future\nbaseline: retire",
    ).replace(
        "minutes: 160.4, evidence: {level: assumed}", "minutes: 20, evidence: {level: assumed}"
    )
    write("catalog.yaml", CATALOG)
    write("future.yaml", future)
    result = load_workspace(write("retire.yaml", JOURNEY))
    comparison = compare_journeys(result.workspace, "retire", "retire-future")
    minutes = next(m for m in comparison.metrics if m.metric == "minutes")
    assert minutes.evidence_before.percent["assumed"] == 25
    assert minutes.evidence_after.percent["assumed"] == 4  # 20 of 501.1
    rows = metric_rows(comparison)
    assert rows[1][EVIDENCE_COLUMN] == (
        "40% observed, 35% reported, 25% assumed / 51% observed, 45% reported, 4% assumed"
    )
    assert rows[0][EVIDENCE_COLUMN] == ""  # a count of steps rests on the map itself
