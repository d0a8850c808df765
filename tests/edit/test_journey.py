"""Editing one journey: each way a save can end, and where problems are shown."""

from __future__ import annotations

import pytest

from ple.edit import journey as edit_journey
from ple.edit import store
from ple.edit.commit import Outcome
from ple.edit.journey import Start
from ple.errors import NotFoundError, PleError
from ple.io import load_workspace
from ple.sheets.convert import Cell
from ple.signin import local_person

ME = local_person()
"""The person running the tests: an editor, as in local use."""


def opened(workspace, journey_id="retirement"):
    return edit_journey.open_journey(workspace, journey_id), load_workspace(workspace)


def test_a_journey_opens_as_tables(workspace):
    edit, _ = opened(workspace)
    assert edit.journey_id == "retirement" and not edit.is_new
    assert [r["id"] for r in edit.tables["Steps"]] == [
        "check-estimate",
        "apply-retirement",
        "get-l564",
        "enroll-part-b",
    ]
    assert edit.place.file == workspace / "journeys" / "retirement.yaml"


def test_saving_what_was_opened_writes_nothing(workspace):
    edit, before = opened(workspace)
    file = edit.place.file
    stamp = file.stat().st_mtime_ns
    saved = edit_journey.save(edit, before, by=ME)
    assert saved.outcome is Outcome.unchanged and file.stat().st_mtime_ns == stamp


def test_a_new_step_connected_by_a_transition_is_saved_and_validates(workspace):
    edit, before = opened(workspace)
    edit.tables["Steps"].append(
        {"id": "get-card", "name": "Receive the Medicare card", "agency": "cms", "end": True}
    )
    edit.tables["Steps"][3]["end"] = False
    edit.tables["Transitions"].append({"from": "enroll-part-b", "to": "get-card"})
    saved = edit_journey.save(edit, before, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    after = load_workspace(workspace)
    assert after.ok
    journey = after.workspace.journeys["retirement"]
    assert journey.step("enroll-part-b").next[0].to == "get-card"
    assert journey.step("get-card").end
    assert len(store.list_versions(workspace, edit.place.file)) == 1
    assert edit_journey.save(edit, after, by=ME).outcome is Outcome.unchanged  # editing goes on


def test_an_invalid_edit_is_refused_with_the_cell_to_fix(workspace):
    edit, before = opened(workspace)
    original = edit.place.file.read_bytes()
    edit.tables["Steps"][1]["agency"] = "smithsonian"
    review = edit_journey.review(edit, before)
    assert not review.ok
    assert [(p.cell, p.problem.message) for p in review.checked.errors] == [
        (Cell("Steps", 1, "agency"), "unknown agency 'smithsonian'")
    ]
    saved = edit_journey.save(edit, before, by=ME)
    assert saved.outcome is Outcome.invalid and "1 error(s)" in saved.message
    assert edit.place.file.read_bytes() == original


def test_an_unreadable_cell_stops_the_save(workspace):
    edit, before = opened(workspace)
    edit.tables["Steps"][0]["minutes"] = "about twenty"
    review = edit_journey.review(edit, before)
    assert [p.cell for p in review.cell_problems] == [Cell("Steps", 0, "minutes")]
    assert edit_journey.save(edit, before, by=ME).outcome is Outcome.invalid


def test_an_invalid_edit_can_be_kept_as_a_draft_and_resumed(workspace):
    edit, before = opened(workspace)
    original = edit.place.file.read_bytes()
    edit.tables["Transitions"][0]["to"] = "nowhere"
    saved = edit_journey.save(edit, before, as_draft=True, by=ME)
    assert saved.outcome is Outcome.draft
    assert edit.place.file.read_bytes() == original
    assert load_workspace(workspace).ok
    draft = store.draft_for(workspace, edit.place.file)
    resumed = edit_journey.resume(workspace, draft)
    assert resumed.tables["Transitions"][0]["to"] == "nowhere"
    resumed.tables["Transitions"][0]["to"] = "apply-retirement"
    resumed.tables["Steps"][0]["name"] = "Check the benefit estimate online"
    assert edit_journey.save(resumed, before, by=ME).outcome is Outcome.saved
    assert store.draft_for(workspace, edit.place.file) is None  # the draft is done
    assert (
        load_workspace(workspace).workspace.journeys["retirement"].steps[0].name
        == "Check the benefit estimate online"
    )


def test_a_file_changed_on_disk_refuses_the_save_and_a_new_id_keeps_both(workspace):
    edit, before = opened(workspace)
    file = edit.place.file
    file.write_text(file.read_text().replace("Approaching retirement (test)", "Theirs"))
    theirs = file.read_bytes()
    edit.tables["Journey"][0]["name"] = "Mine"
    saved = edit_journey.save(edit, before, by=ME)
    assert saved.outcome is Outcome.conflict and "changed on disk" in saved.message
    assert file.read_bytes() == theirs
    fresh, saved = edit_journey.save_as_new(edit, before, "retirement-mine", by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    journeys = load_workspace(workspace).workspace.journeys
    assert journeys["retirement"].name == "Theirs" and journeys["retirement-mine"].name == "Mine"
    assert fresh.place.file == workspace / "journeys" / "retirement-mine.yaml"


def test_renaming_a_journey_that_another_names_as_baseline_is_refused(workspace):
    edit, before = opened(workspace)
    edit.tables["Journey"][0]["id"] = "retirement-today"
    review = edit_journey.review(edit, before)
    assert review.checked.errors == []
    assert [p.message for p in review.checked.caused] == [
        "unknown journey 'retirement' (did you mean 'retirement-today'?)"
    ]
    assert edit_journey.save(edit, before, by=ME).outcome is Outcome.invalid


@pytest.mark.parametrize("start", list(Start))
def test_a_new_journey_starts_blank_or_from_another(workspace, start):
    source = "retirement" if start is not Start.blank else None
    edit = edit_journey.new_journey(
        workspace, "retirement-2030", "Retirement in 2030", start=start, source=source, agency="ssa"
    )
    assert edit.is_new and edit.place.file == workspace / "journeys" / "retirement-2030.yaml"
    if start is Start.blank:  # no step yet (the map shows the lead agency's lane for it)
        assert edit.tables.get("Steps") == []
        assert edit_journey.save(edit, load_workspace(workspace), by=ME).outcome is Outcome.invalid
        from ple.edit import actions

        actions.add_step(edit.tables, "First step", "ssa", None)
    saved = edit_journey.save(edit, load_workspace(workspace), by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    journey = load_workspace(workspace).workspace.journeys["retirement-2030"]
    assert journey.name == "Retirement in 2030"
    if start is Start.future:
        assert (journey.state.value, journey.baseline) == ("future", "retirement")
    if start is Start.blank:
        assert [(s.id, s.agency) for s in journey.steps] == [("first-step", "ssa")]


def test_a_new_journey_needs_a_free_valid_id_and_a_current_source(workspace):
    with pytest.raises(PleError, match="already exists"):
        edit_journey.new_journey(workspace, "retirement", "Again")
    with pytest.raises(PleError, match="not a valid id"):
        edit_journey.new_journey(workspace, "Retirement 2", "Again")
    with pytest.raises(PleError, match="already a future-state journey"):
        edit_journey.new_journey(
            workspace, "x", "X", start=Start.future, source="retirement-future"
        )
    with pytest.raises(NotFoundError):
        edit_journey.open_journey(workspace, "nope")


def test_a_journey_with_fields_the_tables_cannot_show_is_not_opened(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    file.write_text(
        file.read_text().replace(
            "    channels: [online, phone]\n", "    chanels: [online, phone]\n"
        )
    )
    with pytest.raises(edit_journey.NotTabular, match=r"steps\[0\]\.chanels"):
        edit_journey.open_journey(workspace, "retirement")


def test_an_invalid_journey_can_be_opened_and_fixed(workspace):
    file = workspace / "journeys" / "retirement.yaml"
    file.write_text(file.read_text().replace("agency: employer", "agency: employr"))
    before = load_workspace(workspace)
    assert "retirement" not in before.usable.journeys
    edit = edit_journey.open_journey(workspace, "retirement")
    assert [p.cell for p in edit_journey.review(edit, before).checked.errors] == [
        Cell("Steps", 2, "agency")
    ]
    edit.tables["Steps"][2]["agency"] = "employer"
    assert edit_journey.save(edit, before, by=ME).outcome is Outcome.saved
    assert load_workspace(workspace).ok


def test_deleting_a_journey_keeps_its_file_in_the_history(workspace):
    edit, _ = opened(workspace, "retirement-future")
    written = edit_journey.delete(edit, by=ME)
    assert written.removed == [workspace / "journeys" / "future.yaml"]
    assert load_workspace(workspace).ok
    version = store.list_versions(workspace, written.removed[0])[0]
    assert store.restore(workspace, version, written.removed[0], by=ME).ok
    assert "retirement-future" in load_workspace(workspace).workspace.journeys


def test_the_download_is_a_workspace_by_itself(workspace, tmp_path):
    edit, before = opened(workspace)
    from ple.sheets.closure import needed_catalog

    journey = before.workspace.journeys["retirement"]
    text = edit_journey.download_text(edit, needed_catalog(before.workspace, journey))
    alone = tmp_path / "alone.yaml"
    alone.write_text(text)
    result = load_workspace(alone)
    assert result.ok and result.workspace.journeys["retirement"] == journey


def test_unsaved_changes_are_known_until_saved(workspace):
    edit, before = opened(workspace)
    assert not edit.unsaved
    edit.tables["Steps"][0]["sentiment"] = 1
    assert edit.unsaved
    edit.tables["Steps"][0]["sentiment"] = None
    assert not edit.unsaved  # back as it was
    edit.tables["Steps"][0]["sentiment"] = 1
    edit_journey.save(edit, before, by=ME)
    assert not edit.unsaved


def test_a_renamed_step_id_is_followed_by_everything_that_names_it(workspace):
    edit, before = opened(workspace)
    tables = {k: [dict(r) for r in v] for k, v in edit.tables.items()}
    tables["Steps"][1]["id"] = "apply"
    followed, said = edit_journey.follow_renames(edit.tables, tables)
    assert said == ["step 'apply-retirement' is now 'apply' in 3 other place(s)"]
    assert [(r["from"], r["to"]) for r in followed["Transitions"]][:3] == [
        ("check-estimate", "apply"),
        ("apply", "get-l564"),
        ("apply", "enroll-part-b"),
    ]
    edit.tables = followed
    assert edit_journey.save(edit, before, by=ME).outcome.value == "saved"
    assert load_workspace(workspace).ok


def test_a_duplicate_id_is_not_a_rename(workspace):
    edit, _ = opened(workspace)
    tables = {k: [dict(r) for r in v] for k, v in edit.tables.items()}
    tables["Steps"][1]["id"] = "check-estimate"
    assert edit_journey.follow_renames(edit.tables, tables) is None
    tables["Steps"][1]["id"] = "apply-retirement"
    tables["Stages"][0]["id"] = "prepare"
    followed, said = edit_journey.follow_renames(edit.tables, tables)
    assert said == ["stage 'plan' is now 'prepare' in 1 other place(s)"]
    assert followed["Steps"][0]["stage"] == "prepare"


def test_a_journey_in_a_json_collections_file_is_saved_and_deleted_in_place(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    (root / "all.json").write_text(
        '{\n  "agencies": [{"id": "ssa", "name": "SSA"}],\n  "journeys": [\n'
        '    {"id": "a", "name": "A", "steps": [{"id": "s", "name": "S", "agency": "ssa",'
        ' "end": true}]},\n'
        '    {"id": "b", "name": "B", "steps": [{"id": "t", "name": "T", "agency": "ssa",'
        ' "end": true}]}\n  ]\n}\n'
    )
    before = load_workspace(root)
    edit = edit_journey.open_journey(root, "b")
    assert edit.place.path == ("journeys", 1)
    edit.tables["Steps"][0]["name"] = "Tee"
    assert edit_journey.save(edit, before, by=ME).outcome.value == "saved"
    after = load_workspace(root)
    assert after.ok and after.workspace.journeys["b"].steps[0].name == "Tee"
    assert after.workspace.journeys["a"].name == "A"
    written = edit_journey.delete(edit_journey.open_journey(root, "a"), by=ME)
    assert written.ok
    left = load_workspace(root)
    assert sorted(left.workspace.journeys) == ["b"] and left.workspace.agencies


def test_a_one_journey_file_keeps_its_touchpoints_and_blueprint_through_an_edit(tmp_path):
    """A journey file that carries its own catalog, touchpoints included, and blueprint
    rows: renaming one step through the tables changes that line and keeps the rest."""
    from tests.io.test_blueprint_fields import DETAIL, JOURNEY, TOUCHPOINTS

    root = tmp_path / "ws"
    root.mkdir()
    (root / "detail.yaml").write_text(DETAIL.lstrip(), encoding="utf-8")
    (root / "retire.yaml").write_text(JOURNEY.lstrip() + TOUCHPOINTS, encoding="utf-8")
    before = load_workspace(root)
    assert before.ok, [str(p) for p in before.problems]
    edit = edit_journey.open_journey(root, "retire")
    assert [r["row"] for r in edit.tables["Blueprint"]] == ["frontstage", "backstage", "support"]
    edit.tables["Steps"][1]["name"] = "Enroll in Medicare"
    saved = edit_journey.save(edit, before, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    after = load_workspace(root)
    assert after.ok
    journey = after.workspace.journeys["retire"]
    assert journey.steps[1].name == "Enroll in Medicare"
    assert journey.steps[0] == before.workspace.journeys["retire"].steps[0]
    assert after.workspace.touchpoints == before.workspace.touchpoints


def test_a_one_journey_file_keeps_its_sharing_records_through_an_edit(tmp_path):
    """`sharing` records written beside a one-journey file survive a save of the journey
    from the tables, which hold only the journey."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "retire.yaml").write_text(
        "id: retire\nname: Retire\nsteps:\n"
        "  - {id: apply, name: Apply, agency: ssa, requests: [ssn], next: [{to: enroll}]}\n"
        "  - {id: enroll, name: Enroll, agency: cms, requests: [ssn], end: true}\n"
        "agencies:\n  - {id: ssa, name: Social Security Administration}\n"
        "  - {id: cms, name: Centers for Medicare & Medicaid Services}\n"
        "data_items:\n  - {id: ssn, name: Social Security number}\n"
        "sharing:\n  - data_item: ssn\n    from: ssa\n    to: cms\n    basis: agreement-needed\n"
        '    sources: ["https://www.ssa.gov/privacy/cma.html"]\n',
        encoding="utf-8",
    )
    before = load_workspace(root)
    assert before.ok, [str(p) for p in before.problems]
    edit = edit_journey.open_journey(root, "retire")
    edit.tables["Steps"][1]["name"] = "Enroll in Medicare"
    saved = edit_journey.save(edit, before, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    after = load_workspace(root)
    assert after.workspace.journeys["retire"].steps[1].name == "Enroll in Medicare"
    assert after.workspace.sharing == before.workspace.sharing
