"""What the canvas does to a journey's tables: each action changes what editing the cells
would, ids are made from names, and every action can be undone."""

from __future__ import annotations

import copy

import pytest

from ple.edit import actions
from ple.edit.actions import Undo


@pytest.fixture
def tables() -> dict:
    return {
        "Journey": [{"id": "j", "name": "J", "entry": ["a"]}],
        "Stages": [{"id": "plan", "name": "Plan"}, {"id": "apply", "name": "Apply"}],
        "Steps": [
            {"id": "a", "name": "A", "agency": "ssa", "stage": "plan"},
            {"id": "b", "name": "B", "agency": "cms", "stage": "apply"},
        ],
        "Transitions": [{"from": "a", "to": "b", "handoff": "cold"}],
        "BurdenByChannel": [{"step": "b", "channel": "phone", "minutes": 5}],
        "AcceptedFindings": [{"rule": "cold-handoff", "from": "a", "to": "b", "reason": "r"}],
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Apply for SSI (online)", "apply-for-ssi-online"),
        ("  Get a   birth certificate ", "get-a-birth-certificate"),
        ("Élan vital — café", "elan-vital-cafe"),
        ("???", "step"),
        ("x" * 200, "x" * 60),
    ],
)
def test_ids_are_made_from_names(name, expected):
    assert actions.slug(name) == expected


def test_a_new_step_gets_an_id_of_its_own(tables):
    done = actions.add_step(tables, "A", "irs", "apply")
    assert done.changed and done.step == "a-2"
    assert tables["Steps"][-1] == {"id": "a-2", "name": "A", "agency": "irs", "stage": "apply"}
    assert actions.add_step(tables, "A", "irs", None).step == "a-3"
    assert "stage" not in tables["Steps"][-1]
    assert not actions.add_step(tables, "   ", "irs", None).changed


def test_moving_a_step_changes_only_its_lane_and_stage(tables):
    before = copy.deepcopy(tables)
    done = actions.move_steps(tables, [{"step": "a", "agency": "irs", "stage": "apply"}])
    assert done.changed and done.step == "a"
    assert tables["Steps"][0] == {"id": "a", "name": "A", "agency": "irs", "stage": "apply"}
    assert {k: v for k, v in tables.items() if k != "Steps"} == {
        k: v for k, v in before.items() if k != "Steps"
    }
    assert not actions.move_steps(
        tables, [{"step": "a", "agency": "irs", "stage": "apply"}]
    ).changed


def test_connecting_adds_a_move_after_the_steps_other_moves(tables):
    actions.add_step(tables, "C", "irs", "apply")
    done = actions.connect(tables, "a", "c", "warm")
    assert done.changed
    assert tables["Transitions"] == [
        {"from": "a", "to": "b", "handoff": "cold"},
        {"from": "a", "to": "c", "handoff": "warm"},
    ]
    assert actions.connect(tables, "b", "c", None).changed
    assert tables["Transitions"][-1] == {"from": "b", "to": "c"}


def test_connecting_connected_steps_changes_the_handoff_type(tables):
    assert actions.connect(tables, "a", "b", "automatic").changed
    assert tables["Transitions"] == [{"from": "a", "to": "b", "handoff": "automatic"}]
    assert not actions.connect(tables, "a", "b", "automatic").changed
    assert not actions.connect(tables, "a", "a", None).changed
    assert not actions.connect(tables, "a", "nowhere", None).changed


def test_deleting_a_step_takes_every_row_that_names_it(tables):
    done = actions.delete(tables, ["b"])
    assert done.changed
    assert [s["id"] for s in tables["Steps"]] == ["a"]
    assert tables["Transitions"] == [] and tables["BurdenByChannel"] == []
    assert tables["AcceptedFindings"] == [
        {"rule": "cold-handoff", "from": "a", "to": "b", "reason": "r"}
    ]  # the check names what is left


def test_deleting_a_move_keeps_its_steps(tables):
    assert actions.delete(tables, moves=[{"from": "a", "to": "b"}]).changed
    assert tables["Transitions"] == [] and len(tables["Steps"]) == 2
    assert not actions.delete(tables, moves=[{"from": "a", "to": "b"}]).changed


def test_a_new_step_id_is_followed_everywhere(tables):
    done = actions.set_fields(tables, "Steps", {"id": "a"}, {"id": "check", "minutes": 20})
    assert done.changed and done.step == "check"
    assert tables["Transitions"][0]["from"] == "check"
    assert tables["AcceptedFindings"][0]["from"] == "check"
    assert tables["Journey"][0]["entry"] == ["check"]
    assert tables["Steps"][0]["minutes"] == 20


def test_fields_set_to_nothing_are_cleared(tables):
    actions.set_fields(tables, "Transitions", {"from": "a", "to": "b"}, {"handoff": None})
    assert tables["Transitions"] == [{"from": "a", "to": "b"}]


def test_a_new_stage_goes_last(tables):
    actions.add_stage(tables, "Apply")
    assert tables["Stages"][-1] == {"id": "apply-2", "name": "Apply"}


def test_more_than_fifty_actions_can_be_undone_and_redone(tables):
    undo = Undo()
    states = [copy.deepcopy(tables)]
    for number in range(60):
        undo.before_change(tables)
        actions.add_step(tables, f"Step {number}", "ssa", None)
        states.append(copy.deepcopy(tables))
    for expected in reversed(states[:-1]):
        tables = undo.undo(tables)
        assert tables == expected
    assert undo.undo(tables) is None
    for expected in states[1:]:
        tables = undo.redo(tables)
        assert tables == expected
    assert undo.redo(tables) is None


def test_an_action_after_undo_drops_what_could_be_redone(tables):
    undo = Undo()
    undo.before_change(tables)
    actions.add_step(tables, "X", "ssa", None)
    tables = undo.undo(tables)
    undo.before_change(tables)
    actions.add_step(tables, "Y", "ssa", None)
    assert undo.redo(tables) is None


def test_canvas_events_are_applied_by_name(tables):
    assert (
        actions.apply(tables, {"op": "add", "name": "New", "agency": "irs", "stage": "plan"}).step
        == "new"
    )
    assert actions.apply(
        tables, {"op": "connect", "from": "new", "to": "a", "handoff": "referral"}
    ).changed
    assert actions.apply(
        tables, {"op": "move", "moves": [{"step": "new", "agency": "ssa", "stage": "plan"}]}
    ).changed
    assert actions.apply(tables, {"op": "delete", "steps": ["new"], "routes": []}).changed
    assert not actions.apply(tables, {"op": "explode"}).changed


# --- through the save path: each action changes only its own lines ---------------------


def changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_canvas_actions_save_as_minimal_yaml_diffs(workspace):
    from ple.edit.commit import Outcome
    from ple.edit.journey import open_journey, save
    from ple.io import load_workspace
    from ple.signin import local_person

    edit = open_journey(workspace, "retirement")
    file = edit.place.file
    original = file.read_text()

    def act(event: dict) -> list[str]:
        before = file.read_text()
        assert actions.apply(edit.tables, event).changed
        saved = save(edit, load_workspace(workspace), by=local_person())
        assert saved.outcome is Outcome.saved, saved.message
        assert load_workspace(workspace).ok
        return changed_lines(before, file.read_text())

    moved = act({"op": "move", "moves": [{"step": "get-l564", "agency": "ssa", "stage": "apply"}]})
    assert moved == ["-    agency: employer", "+    agency: ssa"]
    connected = act(
        {"op": "connect", "from": "check-estimate", "to": "enroll-part-b", "handoff": "warm"}
    )
    assert all(line.startswith("+") for line in connected) and len(connected) >= 2
    removed = act(
        {"op": "delete", "routes": [{"from": "check-estimate", "to": "enroll-part-b"}], "steps": []}
    )
    assert sorted(line[1:] for line in removed) == sorted(line[1:] for line in connected)
    assert all(line.startswith("-") for line in removed)
    text = file.read_text()
    assert save(edit, load_workspace(workspace), by=local_person()).outcome is Outcome.unchanged
    assert file.read_text() == text  # an unchanged save leaves the file byte for byte
    assert text != original


def test_a_steps_blueprint_is_changed_in_one_action_and_undone_in_one(tables):
    tables["Blueprint"] = [
        {"step": "a", "row": "backstage", "text": "Old"},
        {"step": "b", "row": "support", "text": "Kept"},
    ]
    undo = Undo()
    undo.before_change(tables)
    done = actions.set_blueprint(
        tables,
        "a",
        {
            "moment_that_matters": True,
            "moment_reason": "Income stops",
            "evidence": "observed",
            "evidence_sources": ["Field study"],
        },
        [
            {"row": "frontstage", "text": " Staff take the call ", "agency": None},
            {"row": "backstage", "text": "Record checked", "system": "Claims system"},
            {"row": None, "text": None, "agency": None, "system": None},
        ],
    )  # an empty grid row
    assert done.changed and done.step == "a"
    assert tables["Steps"][0]["moment_that_matters"] is True
    assert tables["Steps"][0]["evidence_sources"] == ["Field study"]
    assert tables["Blueprint"] == [  # in the old rows' place, before the other step's
        {"step": "a", "row": "frontstage", "text": "Staff take the call"},
        {"step": "a", "row": "backstage", "text": "Record checked", "system": "Claims system"},
        {"step": "b", "row": "support", "text": "Kept"},
    ]
    assert not actions.set_blueprint(
        tables,
        "a",
        {"moment_that_matters": True},
        [
            {"row": "frontstage", "text": "Staff take the call"},
            {"row": "backstage", "text": "Record checked", "system": "Claims system"},
        ],
    ).changed
    restored = undo.undo(tables)
    assert restored["Blueprint"][0]["text"] == "Old" and "evidence" not in restored["Steps"][0]


def test_a_steps_actions_follow_its_new_id_and_go_with_it(tables):
    tables["Blueprint"] = [{"step": "a", "row": "backstage", "text": "Checked"}]
    actions.set_fields(tables, "Steps", {"id": "a"}, {"id": "check"})
    assert tables["Blueprint"][0]["step"] == "check"
    actions.delete(tables, ["check"])
    assert tables["Blueprint"] == []


def test_blueprint_fields_set_in_the_panel_are_saved_and_read_back(workspace):
    from ple.edit.commit import Outcome
    from ple.edit.journey import open_journey, review, save
    from ple.io import load_workspace
    from ple.signin import local_person
    from ple.views.edit import problem_rows

    edit = open_journey(workspace, "retirement")
    before = load_workspace(workspace)
    # A reason without the flag is refused, and the problem names its cell.
    actions.set_blueprint(
        edit.tables,
        "apply-retirement",
        {"moment_reason": "Income stops"},
        [{"row": "backstage", "text": "Earnings record checked"}],
    )
    rows = problem_rows(review(edit, before), edit.tables)
    assert any(
        r.severity.value == "error" and "moment_reason" in f"{r.where} {r.message}" for r in rows
    ), rows
    assert save(edit, before, by=local_person()).outcome is not Outcome.saved
    actions.set_blueprint(
        edit.tables,
        "apply-retirement",
        {
            "moment_that_matters": True,
            "moment_reason": "Income stops",
            "evidence": "reported",
            "evidence_sources": ["SSA annual report"],
        },
        [
            {
                "row": "backstage",
                "text": "Earnings record checked",
                "agency": "ssa",
                "system": "Claims system",
            }
        ],
    )
    saved = save(edit, before, by=local_person())
    assert saved.outcome is Outcome.saved, saved.message
    step = next(
        s
        for s in load_workspace(workspace).workspace.journeys["retirement"].steps
        if s.id == "apply-retirement"
    )
    assert step.moment_that_matters and step.moment_reason == "Income stops"
    assert step.evidence.level.value == "reported"
    assert step.evidence.sources == ["SSA annual report"]
    assert [(a.text, a.agency, a.system) for a in step.backstage] == [
        ("Earnings record checked", "ssa", "Claims system")
    ]
