"""Opportunities are checked like journeys: every problem at its file, line and field,
with the value and a "did you mean" for a near miss."""

from __future__ import annotations

import pytest

from ple.io import load_workspace
from tests.opportunities.conftest import AS_EDITS, workspace_folder


def problems_of(tmp_path, opportunities: str) -> list:
    result = load_workspace(workspace_folder(tmp_path, opportunities))
    return [p for p in result.problems if p.file.endswith("opportunities.yaml")]


def the_problem(tmp_path, old: str, new: str):
    assert old in AS_EDITS
    found = problems_of(tmp_path, AS_EDITS.replace(old, new))
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "journey: today",
            "journey: todya",
            "opportunities[0].journey",
            "unknown journey 'todya' (did you mean 'today'?)",
        ),
        (
            "agency: cms, unit",
            "agency: cmss, unit",
            "opportunities[0].owner.agency",
            "unknown agency 'cmss' (did you mean 'cms'?)",
        ),
        (
            "status: exploring",
            "status: exploaring",
            "opportunities[0].status",
            "'exploaring' is not one of",
        ),
        (
            "{from: apply, to: enroll}}",
            "{from: aply, to: enroll}}",
            "opportunities[0].findings[0].transition.from",
            "unknown step 'aply'",
        ),
        (
            "data_item: address}",
            "data_item: adress}",
            "opportunities[0].findings[1].data_item",
            "unknown data item 'adress' (did you mean 'address'?)",
        ),
        (
            "{step: enroll, minutes",
            "{step: enrol, minutes",
            "opportunities[0].change.steps[0].step",
            "unknown step 'enrol' (did you mean 'enroll'?)",
        ),
        (
            "stop_requesting: [address]",
            "stop_requesting: [adress]",
            "opportunities[0].change.steps[0].stop_requesting[0]",
            "step 'enroll' does not ask for 'adress' (it asks for ssn, address) (did you mean "
            "'address'?)",
        ),
        (
            "{from: apply, to: enroll, type",
            "{from: apply, to: card, type",
            "opportunities[0].change.handoffs[0].to",
            "there is no move from 'apply' to 'card' (it goes on to enroll)",
        ),
        (
            "add_shares: [ssn]",
            "add_shares: [ssm]",
            "opportunities[0].change.handoffs[0].add_shares[0]",
            "unknown data item 'ssm' (did you mean 'ssn'?)",
        ),
        (
            "    change:\n",
            "    change:\n      future: today-future\n",
            "opportunities[0].change",
            "give either future",
        ),
        (
            "add_channels: [phone]",
            "add_channels: [fax]",
            "opportunities[0].change.steps[0].add_channels[0]",
            "'fax' is not one of",
        ),
    ],
)
def test_a_bad_opportunity_is_reported_where_it_is(tmp_path, old, new, field, words):
    problem = the_problem(tmp_path, old, new)
    assert problem.field == field
    assert words in problem.message
    assert problem.line is not None and problem.file.endswith("opportunities.yaml")


def test_a_future_that_is_not_of_the_journey_is_refused(tmp_path):
    problem = the_problem(
        tmp_path,
        "    change:\n      handoffs:\n        - {from: apply, to: "
        "enroll, type: warm, add_shares: [ssn]}\n      steps:\n        - {step: "
        "enroll, minutes: 20, add_channels: [phone], stop_requesting: "
        "[address]}\n",
        "    change: {future: today}\n",
    )
    assert problem.field == "opportunities[0].change.future"
    assert "not a future-state journey with baseline 'today'" in problem.message


def test_an_edit_on_a_move_within_one_agency_is_not_a_handoff(tmp_path):
    problem = the_problem(
        tmp_path,
        "{from: apply, to: enroll, type: warm, add_shares: [ssn]}",
        "{from: enroll, to: card, type: warm}",
    )
    assert "stays within one agency (cms), so it is not a handoff" in problem.message


def test_adding_a_channel_to_a_step_whose_channels_are_unknown_is_refused(tmp_path):
    folder = workspace_folder(tmp_path, AS_EDITS)
    today = folder / "today.yaml"
    today.write_text(today.read_text().replace("    channels: [in_person]\n", ""))
    problems = [p for p in load_workspace(folder).problems if p.code == "channels-unknown"]
    assert [p.field for p in problems] == ["opportunities[0].change.steps[0].add_channels"]
    assert "not recorded" in problems[0].message


def test_an_opportunity_with_an_error_leaves_the_journeys_usable(tmp_path):
    result = load_workspace(
        workspace_folder(tmp_path, AS_EDITS.replace("journey: today", "journey: nowhere"))
    )
    assert not result.ok
    assert "today" in result.usable.journeys and not result.usable.opportunities
