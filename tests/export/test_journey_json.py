"""The journey as one JSON record, read back with ``json``: it says what the journey
says, unknown as null, findings with their legal basis for sharing, and every field is
described in docs/export.md."""

from __future__ import annotations

import json
import re

import pytest

from ple.export import journey_record as record_module
from ple.model import Workspace
from tests.conftest import ROOT
from tests.export.helpers import JOURNEYS, export_text


def record_of(workspace: Workspace, journey_id: str) -> dict:
    return json.loads(export_text(workspace, journey_id, "journey-json"))


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, dict]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    return workspace, journey_id, record_of(workspace, journey_id)


def test_the_record_says_what_the_journey_says(case):
    workspace, journey_id, record = case
    journey = workspace.journeys[journey_id]
    assert (record["format"], record["version"]) == ("ple-journey", 1)
    assert record["journey"]["name"] == journey.name
    assert [s["id"] for s in record["steps"]] == [s.id for s in journey.steps]
    assert [s["order"] for s in record["steps"]] == list(range(1, len(journey.steps) + 1))
    assert [(s["id"], s["steps"]) for s in record["stages"]] == [
        (stage.id, [s.id for s in journey.steps if s.stage == stage.id]) for stage in journey.stages
    ]
    moves = [(a.id, b.id) for a, _, b in journey.handoff_transitions()]
    assert [(h["from"], h["to"]) for h in record["handoffs"]] == moves
    for step, written in zip(journey.steps, record["steps"], strict=True):
        assert written["channels"] == (
            None if step.channels is None else [c.value for c in step.channels]
        )
        minutes = step.burden.minutes if step.burden else None
        assert written["burden"]["minutes"] == minutes
        assert [r["id"] for r in written["requests"]] == step.requests
    assert record["moments"] == [
        {"step": s.id, "name": s.name, "stage": s.stage, "reason": s.moment_reason}
        for s in journey.steps
        if s.moment_that_matters
    ]
    assert [o["id"] for o in record["opportunities"]] == [
        o.id for o in workspace.opportunities.values() if o.journey == journey_id
    ]


def test_the_blueprint_fields_are_carried(bundled_ws):
    journey = bundled_ws.journeys["having-a-child"]
    record = record_of(bundled_ws, "having-a-child")
    marked = [s for s in journey.steps if s.moment_that_matters]
    assert marked and [m["step"] for m in record["moments"]] == [s.id for s in marked]
    for step, written in zip(journey.steps, record["steps"], strict=True):
        assert [t["id"] for t in written["touchpoints"]] == step.touchpoints
        assert [a["text"] for a in written["blueprint"]["backstage"]] == [
            a.text for a in step.backstage
        ]
        assert written["evidence"] == (
            step.evidence.model_dump(mode="json") if step.evidence else None
        )


def test_hostile_text_comes_back_exactly(hostile_ws):
    record = record_of(hostile_ws, "hostile")
    journey = hostile_ws.journeys["hostile"]
    assert (record["journey"]["name"], record["journey"]["trigger"]) == (
        journey.name,
        journey.trigger,
    )
    assert [s["name"] for s in record["steps"]] == [s.name for s in journey.steps]


def test_findings_carry_the_legal_basis_for_sharing(bundled_ws):
    record = record_of(bundled_ws, "losing-a-loved-one")
    answers = [a for f in record["findings"] for a in f["sharing"]]
    recorded = [a for a in answers if a["recorded"]]
    assert {(a["data_item"], a["from"], a["to"]) for a in recorded} >= {
        ("dd-214", "nca", "vba"),
        ("ssn", "ssa", "vba"),
    }
    assert all(a["authority"]["citation"] and a["sources"] for a in recorded)
    assert any(a["basis"] == "unknown" and a["authority"] is None for a in answers)


def test_later_parts_are_filled_by_their_builders(small_ws, monkeypatch):
    monkeypatch.setattr(record_module, "LATER_PARTS", dict(record_module.LATER_PARTS))
    record_module.register_part("opportunities", lambda context: [{"journey": context.journey.id}])
    assert record_of(small_ws, "retirement")["opportunities"] == [{"journey": "retirement"}]
    with pytest.raises(ValueError, match="not a part of the journey record"):
        record_module.register_part("ranking", lambda context: [])


def _keys(value, inside: str = "") -> set[str]:
    """Every key of the record, except inside findings (docs/gaps.md describes those) and
    opportunities (docs/format.md and docs/opportunities.md, held by their own tests)."""
    if isinstance(value, dict):
        return {
            k
            for key, v in value.items()
            for k in (
                {key} | (_keys(v, key) if key not in ("findings", "opportunities") else set())
            )
        }
    if isinstance(value, list):
        return {k for v in value for k in _keys(v, inside)}
    return set()


def test_every_field_is_described_in_docs_export_md(bundled_ws, small_ws):
    documented = set(
        re.findall(r"`([^`\n]+)`", (ROOT / "docs" / "export.md").read_text(encoding="utf-8"))
    )
    keys = set()
    for workspace in (bundled_ws, small_ws):
        for journey_id in workspace.journeys:
            keys |= _keys(record_of(workspace, journey_id))
    assert keys - documented == set()


def test_opportunities_come_with_their_worth(bundled_ws):
    from ple.opportunities import worth_of

    today = record_of(bundled_ws, "approaching-retirement")["opportunities"]
    assert [o["id"] for o in today] == [
        "retirement-one-front-door",
        "medicare-only-without-repeat-paperwork",
    ]
    assert (
        today[0]["worth"]
        == worth_of(bundled_ws, bundled_ws.opportunities["retirement-one-front-door"]).to_dict()
    )
    proposed = record_of(bundled_ws, "approaching-retirement-future")["opportunities"]
    assert [o["id"] for o in proposed] == ["retirement-one-front-door"]
