"""What an opportunity is worth, computed by the compare, time-tax and equity code."""

from __future__ import annotations

import pytest

from ple.compare import compare_journeys
from ple.opportunities import apply_change, worth_of


def test_edits_and_a_future_journey_that_describe_one_change_are_worth_the_same(both):
    edits = worth_of(both, both.opportunities["enroll-by-phone"]).to_dict()
    drawn = worth_of(both, both.opportunities["enroll-by-phone-drawn"]).to_dict()
    edits.pop("opportunity"), drawn.pop("opportunity")
    assert edits == drawn


def test_the_worth_is_the_comparisons_figures(both):
    worth = worth_of(both, both.opportunities["enroll-by-phone"])
    # 1,000 people a year save 40 minutes each at enroll: 666.67 hours
    saved = worth.hours_per_year_saved
    assert (saved.low, saved.high) == (pytest.approx(1000 * 40 / 60),) * 2
    assert worth.people_per_year == 1000
    assert worth.cold_handoffs_closed == 1
    assert worth.repeated_requests_removed == 1  # the address is asked once, not twice
    assert worth.personas_unblocked == ("cannot-travel",)
    assert worth.personas_newly_blocked == ()
    drawn = compare_journeys(both, "today", "today-future")
    assert worth.findings_resolved == sum(not f.accepted for f in drawn.findings.resolved)
    assert [a.outcome for a in worth.addressed] == ["resolved", "resolved"]


def test_edits_become_an_ordinary_future_state_of_today(both):
    applied = apply_change(both, both.opportunities["enroll-by-phone"])
    future = applied.workspace.journeys[applied.future]
    assert applied.built and future.baseline == "today" and future.state.value == "future"
    enroll = future.step("enroll")
    assert enroll.channels == ["in_person", "phone"] and enroll.requests == ["ssn"]
    assert enroll.burden.minutes == 20
    handoff = future.step("apply").next[0].handoff
    assert handoff.type.value == "warm" and handoff.shares == ["ssn"]
    assert "enroll-by-phone-proposed" not in both.journeys  # the workspace is not changed


def test_a_finding_already_gone_is_reported_not_found(both):
    drawn = both.opportunities["enroll-by-phone-drawn"]
    gone = drawn.model_copy(
        update={"findings": [drawn.findings[0].model_copy(update={"rule": "dead-end"})]}
    )
    worth = worth_of(both, gone)
    assert [a.outcome for a in worth.addressed] == ["not found"]


def test_a_journey_without_volume_has_no_hours(tmp_path):
    from tests.opportunities.conftest import AS_EDITS, loaded, workspace_folder

    folder = workspace_folder(tmp_path, AS_EDITS)
    text = (
        (folder / "today.yaml")
        .read_text()
        .replace("volume: {per_year: 1000, source: A cited table}\n", "")
    )
    (folder / "today.yaml").write_text(text)
    (folder / "today-future.yaml").unlink()
    workspace = loaded(folder)
    worth = worth_of(workspace, workspace.opportunities["enroll-by-phone"])
    assert worth.hours_per_year_saved is None and worth.people_per_year is None
    assert worth.cold_handoffs_closed == 1


def test_the_hours_carry_the_comparisons_central_estimate_and_evidence(both):
    worth = worth_of(both, both.opportunities["enroll-by-phone-drawn"])
    drawn = compare_journeys(both, "today", "today-future")
    saved = drawn.time_tax_saved
    assert worth.hours_per_year_saved.central == saved.hours_per_year.central
    assert worth.hours_assume == saved.assumes
    assert worth.hours_evidence == (drawn.time_tax_before.evidence, drawn.time_tax_after.evidence)
    assert worth.evidence_text == (
        "minutes today: 100% unknown; with the change: 100% unknown; people a year: unknown"
    )
