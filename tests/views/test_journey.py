"""The Journey page's logic: step filters, finding counts, the step table, sentiment."""

from __future__ import annotations

import pytest

from ple.gaps import Finding, FindingSeverity
from ple.io import load_workspace
from ple.model import Channel
from ple.views.journey import (
    StepFilter,
    filter_steps,
    finding_counts,
    sentiment_points,
    step_rows,
)

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: irs, name: Internal Revenue Service}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
  - {id: w2, name: Wage statement, kind: document}
"""

JOURNEY = """
id: benefits
name: Getting benefits
stages:
  - {id: learn, name: Learn}
  - {id: apply, name: Apply}
personas:
  - {id: worker, name: Still working}
  - {id: retiree, name: Already retired}
steps:
  - id: read
    name: Read about benefits
    stage: learn
    agency: ssa
    channels: [online, phone]
    sentiment: 1
    next: [{to: apply-online}, {to: apply-office}]
  - id: apply-online
    name: Apply online
    stage: apply
    agency: ssa
    channels: [online]
    personas: [worker]
    requests: [ssn, w2]
    burden: {minutes: 30, wait_days: 10}
    next: [{to: tax, handoff: {type: warm}}]
  - id: apply-office
    name: Apply at an office
    stage: apply
    agency: ssa
    personas: [retiree]
    sentiment: -2
    next: [{to: tax}]
  - id: tax
    name: Set tax withholding
    agency: irs
    channels: [mail]
    personas: [worker, retiree]
    next: [{to: stuck}]
  - id: stuck
    name: Wait for a letter
    agency: irs
    sentiment: 0
  - id: done
    name: Done
    agency: irs
    end: true
"""


@pytest.fixture
def loaded(write):
    write("catalog.yaml", CATALOG)
    result = load_workspace(write("benefits.yaml", JOURNEY), use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace, result.workspace.journeys["benefits"]


def ids(steps) -> list[str]:
    return [s.id for s in steps]


def finding(step: str | None, journey: str = "benefits", accepted: bool = False) -> Finding:
    return Finding("rule", FindingSeverity.warning, journey, "m", "s", step=step, accepted=accepted)


def test_no_filter_keeps_every_step_in_order(loaded):
    _, journey = loaded
    result = filter_steps(journey, StepFilter())
    assert ids(result.steps) == ["read", "apply-online", "apply-office", "tax", "stuck", "done"]
    assert result.unknown_channel == []


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (StepFilter(stage="learn"), ["read"]),
        (StepFilter(stage="apply"), ["apply-online", "apply-office"]),
        (StepFilter(agency="irs"), ["tax", "stuck", "done"]),
        (StepFilter(stage="apply", agency="irs"), []),
        # steps without personas are for everyone
        (StepFilter(persona="worker"), ["read", "apply-online", "tax", "stuck", "done"]),
        (StepFilter(persona="retiree"), ["read", "apply-office", "tax", "stuck", "done"]),
        (StepFilter(stage="apply", persona="retiree"), ["apply-office"]),
    ],
)
def test_filters(loaded, wanted, expected):
    _, journey = loaded
    result = filter_steps(journey, wanted)
    assert ids(result.steps) == expected
    assert result.unknown_channel == []


def test_channel_filter_sets_aside_steps_without_channels(loaded):
    _, journey = loaded
    result = filter_steps(journey, StepFilter(channel=Channel.online))
    assert ids(result.steps) == ["read", "apply-online"]
    assert ids(result.unknown_channel) == ["apply-office", "stuck", "done"]


def test_unknown_channels_only_count_steps_other_filters_keep(loaded):
    _, journey = loaded
    result = filter_steps(journey, StepFilter(agency="irs", channel=Channel.mail))
    assert ids(result.steps) == ["tax"]
    assert ids(result.unknown_channel) == ["stuck", "done"]


def test_finding_counts_are_open_findings_per_step_of_one_journey():
    findings = [
        finding("read"),
        finding("read"),
        finding("tax"),
        finding("tax", accepted=True),
        finding(None),
        finding("read", journey="other"),
    ]
    assert finding_counts(findings, "benefits") == {"read": 2, "tax": 1}
    assert finding_counts(findings, "other") == {"read": 1}
    assert finding_counts([], "benefits") == {}


def test_step_rows_describe_each_step(loaded):
    workspace, journey = loaded
    rows = step_rows(workspace, journey, journey.steps, {"apply-online": 3})
    assert [r["#"] for r in rows] == [1, 2, 3, 4, 5, 6]
    read, online, office, tax, stuck, done = rows
    assert read == {
        "#": 1,
        "stage": "Learn",
        "step": "Read about benefits",
        "agency": "SSA",
        "channels": "online, phone",
        "minutes": None,
        "wait days": None,
        "asks for": "",
        "next": "Apply online; Apply at an office",
        "findings": 0,
    }
    assert online["asks for"] == "Social Security number, Wage statement"
    assert (online["minutes"], online["wait days"], online["findings"]) == (30, 10, 3)
    assert online["next"] == "Set tax withholding (warm handoff)"
    assert office["channels"] == "not recorded"
    assert office["next"] == "Set tax withholding (undocumented handoff)"
    assert tax["agency"] == "Internal Revenue Service"  # no acronym: the name
    assert tax["stage"] == ""
    assert tax["next"] == "Wait for a letter"  # same agency: no handoff
    assert stuck["next"] == "dead end"
    assert done["next"] == "end"


def test_step_rows_number_the_filtered_steps(loaded):
    workspace, journey = loaded
    kept = filter_steps(journey, StepFilter(agency="irs")).steps
    rows = step_rows(workspace, journey, kept, {})
    assert [(r["#"], r["step"]) for r in rows] == [
        (1, "Set tax withholding"),
        (2, "Wait for a letter"),
        (3, "Done"),
    ]
    assert rows[0]["next"] == "Wait for a letter"


def test_sentiment_points_skip_steps_without_sentiment(loaded):
    _, journey = loaded
    assert sentiment_points(journey.steps) == [
        {"order": 1, "step": "Read about benefits", "sentiment": 1},
        {"order": 3, "step": "Apply at an office", "sentiment": -2},
        {"order": 5, "step": "Wait for a letter", "sentiment": 0},
    ]
    kept = filter_steps(journey, StepFilter(persona="retiree")).steps
    assert [p["order"] for p in sentiment_points(kept)] == [1, 2, 4]
    assert sentiment_points([]) == []
