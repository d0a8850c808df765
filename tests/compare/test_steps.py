"""Every field a step change is reported for, one edit at a time."""

from __future__ import annotations

import pytest
import yaml

from ple.compare import compare_journeys
from tests.compare.conftest import load

STEP = {
    "id": "apply",
    "name": "Apply",
    "stage": "plan",
    "agency": "ssa",
    "program": "ssa-retirement",
    "forms": ["SSA-1"],
    "channels": ["online"],
    "languages": ["en"],
    "accommodations": ["tty"],
    "burden": {"minutes": 30, "wait_days": 2, "cost_usd": 0, "visits": 1},
    "requests": ["ssn"],
    "sentiment": 0,
    "pain_points": ["Long form"],
    "measures": {"ease": 3.5},
    "personas": ["worker"],
    "next": [{"to": "finish"}],
}
FINISH = {"id": "finish", "name": "Finish", "agency": "ssa", "end": True}
OTHER = {"id": "other", "name": "Other ending", "agency": "ssa", "end": True}


def journey(journey_id: str, step: dict, finish: dict = FINISH, **fields) -> str:
    return yaml.safe_dump(
        {
            "id": journey_id,
            "name": journey_id.title(),
            **fields,
            "personas": [{"id": "worker", "name": "Worker"}, {"id": "retiree", "name": "Retiree"}],
            "stages": [{"id": "plan", "name": "Plan"}, {"id": "apply", "name": "Apply"}],
            "steps": [step, finish, OTHER],
        }
    )


EDITS = [
    ("name", {"name": "Apply once"}, "renamed from 'Apply'"),
    ("stage", {"stage": "apply"}, "stage Plan → Apply"),
    ("agency", {"agency": "cms"}, "agency SSA → CMS"),
    ("program", {"program": None}, "program Retirement benefits → none"),
    ("forms", {"forms": ["SSA-1", "CMS-40B"]}, "forms SSA-1 → SSA-1, CMS-40B"),
    ("channels", {"channels": None}, "channels online → not recorded"),
    ("languages", {"languages": ["en", "es"]}, "languages en → en, es"),
    ("accommodations", {"accommodations": []}, "accommodations tty → none"),
    (
        "burden.minutes",
        {"burden": {**STEP["burden"], "minutes": None}},
        "minutes 30 → not recorded",
    ),
    ("burden.wait_days", {"burden": {**STEP["burden"], "wait_days": 0}}, "days waiting 2 → 0"),
    ("burden.cost_usd", {"burden": {**STEP["burden"], "cost_usd": 25}}, "cost (USD) 0 → 25"),
    ("burden.visits", {"burden": {**STEP["burden"], "visits": 0}}, "office visits 1 → 0"),
    (
        "requests",
        {"requests": ["address"]},
        "no longer asks for Social Security number; now asks for Home address",
    ),
    ("personas", {"personas": None}, "personas worker → everyone"),
    ("sentiment", {"sentiment": 2}, "sentiment 0 → 2"),
    ("pain_points", {"pain_points": []}, "pain points 1 → 0"),
    ("measures", {"measures": {"ease": 4.5}}, "A-11 scores changed"),
    (
        "next",
        {"next": [{"to": "other"}]},
        "no longer leads to 'Finish'; now leads to 'Other ending'",
    ),
]


@pytest.mark.parametrize(("field", "edit", "text"), EDITS, ids=[e[0] for e in EDITS])
def test_one_edit_is_one_change(write, field, edit, text):
    changed = {k: v for k, v in {**STEP, **edit}.items() if v is not None}
    if "burden" in edit:
        changed["burden"] = {k: v for k, v in edit["burden"].items() if v is not None}
    workspace = load(
        write,
        ("a.yaml", journey("today", STEP)),
        ("b.yaml", journey("proposed", changed, state="future", baseline="today")),
    )
    comparison = compare_journeys(workspace, "today", "proposed")
    [step] = [c for c in comparison.steps if c.future == "apply"]
    assert step.status == "changed"
    assert [(c.field, c.text) for c in step.changes] == [(field, text)]
    assert {c.status for c in comparison.steps if c.future != "apply"} == {"unchanged"}


def test_end_is_a_change(write):
    ending = {**FINISH, "end": False, "next": [{"to": "other"}]}
    workspace = load(
        write,
        ("a.yaml", journey("today", STEP)),
        ("b.yaml", journey("proposed", STEP, finish=ending)),
    )
    [finish] = [
        c for c in compare_journeys(workspace, "today", "proposed").steps if c.future == "finish"
    ]
    assert [c.text for c in finish.changes] == [
        "no longer ends the journey",
        "now leads to 'Other ending'",
    ]


def test_an_untouched_copy_has_no_changes(write):
    workspace = load(
        write, ("a.yaml", journey("today", STEP)), ("b.yaml", journey("proposed", STEP))
    )
    comparison = compare_journeys(workspace, "today", "proposed")
    assert {c.status for c in comparison.steps} == {"unchanged"}
    assert all(m.delta == 0 for m in comparison.metrics if m.delta is not None)
    assert not comparison.findings.resolved and not comparison.findings.introduced
