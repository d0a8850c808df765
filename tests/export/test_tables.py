"""The three CSV tables, read back with the standard library's ``csv`` module."""

from __future__ import annotations

import csv
import io

import pytest

from ple.export.formats.tables import FINDING_COLUMNS, STEP_COLUMNS, TRANSITION_COLUMNS
from ple.gaps import analyze
from ple.model import Workspace
from tests.export.helpers import JOURNEYS, export_text, main_artifacts


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str]:
    fixture, journey_id = request.param
    return request.getfixturevalue(fixture), journey_id


def read(workspace: Workspace, journey_id: str, suffix: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(
        io.StringIO(export_text(workspace, journey_id, "csv", suffix), newline="")
    )
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_three_files(case) -> None:
    workspace, journey_id = case
    artifacts = main_artifacts(workspace, journey_id, "csv")
    assert [(a.suffix, a.extension) for a in artifacts] == [
        ("", ".csv"),
        (".transitions", ".csv"),
        (".findings", ".csv"),
    ]


def test_step_rows_are_the_steps(case) -> None:
    workspace, journey_id = case
    columns, rows = read(workspace, journey_id, "")
    journey = workspace.journeys[journey_id]
    assert columns == STEP_COLUMNS
    assert [(r["order"], r["id"], r["name"], r["agency"], r["stage"], r["end"]) for r in rows] == [
        (str(i), s.id, s.name, s.agency, s.stage or "", str(s.end))
        for i, s in enumerate(journey.steps, start=1)
    ]
    for row, step in zip(rows, journey.steps, strict=True):
        assert row["requests"] == "; ".join(step.requests)
        assert row["channels"] == (
            "not recorded" if step.channels is None else "; ".join(c.value for c in step.channels)
        )
        minutes = step.burden.minutes if step.burden else None
        assert row["minutes"] == ("" if minutes is None else str(minutes))


def test_transition_rows_are_the_transitions(case) -> None:
    workspace, journey_id = case
    columns, rows = read(workspace, journey_id, ".transitions")
    journey = workspace.journeys[journey_id]
    agency = {s.id: s.agency for s in journey.steps}
    assert columns == TRANSITION_COLUMNS
    expected = []
    for step in journey.steps:
        for t in step.next:
            crossing = agency[t.to] != step.agency
            expected.append(
                {
                    "from": step.id,
                    "to": t.to,
                    "from_agency": step.agency,
                    "to_agency": agency[t.to],
                    "handoff": (t.handoff.type.value if t.handoff else "undocumented")
                    if crossing
                    else "",
                    "shares": "; ".join(t.handoff.shares) if t.handoff else "",
                    "condition": t.condition or "",
                    "share": "" if t.share is None else str(t.share),
                }
            )
    assert rows == expected


def test_finding_rows_are_the_journeys_findings(case) -> None:
    workspace, journey_id = case
    columns, rows = read(workspace, journey_id, ".findings")
    assert columns == FINDING_COLUMNS
    findings = [
        f for f in analyze(workspace, journeys=[journey_id]).findings if f.journey == journey_id
    ]
    assert [(r["rule"], r["severity"], r["message"]) for r in rows] == [
        (f.rule, f.severity.value, f.message) for f in findings
    ]
    for row in rows:
        assert row["unverified"] in ("True", "False")
        assert row["accepted"] in ("True", "False")


def test_hostile_text_round_trips(hostile_ws: Workspace) -> None:
    """CSV is data for spreadsheets: the text comes back exactly, quotes, commas,
    newlines and all (``<script>`` included: a CSV cell is never markup)."""
    journey = hostile_ws.journeys["hostile"]
    _, steps = read(hostile_ws, "hostile", "")
    assert [r["name"] for r in steps] == [s.name for s in journey.steps]
    assert steps[0]["pain_points"] == "; ".join(journey.steps[0].pain_points)
    assert steps[0]["minutes"] == "0.0"  # zero, not unknown
    _, moves = read(hostile_ws, "hostile", ".transitions")
    assert [r["condition"] for r in moves] == [t.condition for s in journey.steps for t in s.next]
