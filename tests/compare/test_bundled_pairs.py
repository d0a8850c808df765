"""The three bundled future states against today's maps: what each proposal changes, held
to what docs/compare.md and docs/bundled-data.md say of it."""

from __future__ import annotations

import pytest

from ple.compare import baseline_pairs, compare
from ple.io import load_workspace
from tests.conftest import DATA


@pytest.fixture(scope="module")
def comparisons():
    workspace = load_workspace(DATA).workspace
    return {c.future: c for c in compare(workspace)}


def test_every_future_state_is_compared_with_its_baseline(comparisons):
    workspace = load_workspace(DATA).workspace
    assert baseline_pairs(workspace) == [
        ("approaching-retirement", "approaching-retirement-future"),
        ("losing-a-loved-one", "losing-a-loved-one-future"),
        ("recovering-from-a-disaster", "recovering-from-a-disaster-future"),
    ]
    assert all(c.linked for c in comparisons.values())


@pytest.mark.parametrize(
    "future",
    [
        "approaching-retirement-future",
        "losing-a-loved-one-future",
        "recovering-from-a-disaster-future",
    ],
)
def test_each_proposal_leaves_fewer_cold_handoffs_and_repeats(comparisons, future):
    comparison = comparisons[future]
    assert comparison.metric("handoffs.cold").delta < 0
    assert comparison.metric("data_items_requested_more_than_once").delta <= 0
    assert len(comparison.findings.resolved) > len(comparison.findings.introduced)
    opened = comparison.findings.open_counts()
    assert opened["after"]["warning"] < opened["before"]["warning"]
    # the same people a year, so the time tax compares burden, not volume
    assert comparison.time_tax_before.people_per_year == comparison.time_tax_after.people_per_year
    assert comparison.time_tax_saved.hours_per_year.high >= 0
    assert not any(h.better is False for h in comparison.handoffs)  # nothing made worse


def test_retirement_drops_the_medicare_detour_and_adds_a_step(comparisons):
    comparison = comparisons["approaching-retirement-future"]
    assert [c.future for c in comparison.steps if c.status == "added"] == ["record-job-coverage"]
    gone = {(h.from_step, h.to_step) for h in comparison.handoffs if h.status == "removed"}
    assert ("check-estimate", "learn-medicare-rules") in gone
    resolved = {(f.rule, f.step) for f in comparison.findings.resolved}
    assert ("ping-pong", "check-estimate") in resolved
    introduced = {(f.rule, f.step) for f in comparison.findings.introduced}
    assert ("ping-pong", "record-job-coverage") in introduced  # the employer form
    assert comparison.metric("minutes").text == "29 fewer"


def test_loved_one_tells_the_death_once(comparisons):
    comparison = comparisons["losing-a-loved-one-future"]
    assert {c.future for c in comparison.steps if c.status == "added"} == {
        "va-records-death",
        "va-pays-burial-allowance",
    }
    certificate = next(d for d in comparison.data_items if d.item == "death-certificate")
    assert (certificate.steps_before, certificate.steps_after) == (5, 1)
    assert comparison.metric("minutes").delta == 0  # form times are unchanged
    assert comparison.metric("handoffs.cold").before - comparison.metric("handoffs.cold").after == 3


def test_disaster_recovery_keeps_its_steps_and_passes_the_registration(comparisons):
    comparison = comparisons["recovering-from-a-disaster-future"]
    assert comparison.step_counts()["added"] == comparison.step_counts()["removed"] == 0
    sba = next(h for h in comparison.handoffs if h.to_step == "apply-sba-loan")
    assert (sba.before, sba.after) == ("referral", "warm")
    assert "damage-information" in sba.shares_after
    insurer = next(h for h in comparison.handoffs if h.from_step == "file-insurance-claim")
    assert (insurer.status, insurer.after) == ("unchanged", "cold")  # private insurer as today
