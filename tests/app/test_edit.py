"""The Edit page, driven through AppTest: grids are edited the way the browser edits them
(a delta of edited, added and deleted rows under the grid's key), buttons are clicked, and
the files on disk are read back.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ple.edit import store
from ple.io import load_workspace
from ple.ui.editing import editor_key
from ple.ui.navigation import EDIT
from tests.conftest import ROOT, SMALL

APP = ROOT / "app.py"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(SMALL, target)
    return target


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch, workspace: Path) -> AppTest:
    """The app on a copy of tests/fixtures/small, on the Edit page, its tables shown."""
    monkeypatch.setenv("PLE_WORKSPACE", str(workspace))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    app.switch_page(str(EDIT))
    app.session_state["edit_show_tables"] = True
    return run(app)


def test_the_tables_are_drawn_only_when_asked_for(monkeypatch, workspace):
    monkeypatch.setenv("PLE_WORKSPACE", str(workspace))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    app.switch_page(str(EDIT))
    run(app)
    assert len(app.data_editor) == 0
    app.toggle(key="edit_show_tables").set_value(True)
    run(app)
    assert len(app.data_editor) == 7  # the journey's details are a form; Blueprint too


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def edit_grid(
    app: AppTest, sheet: str, *, edited=None, added=None, deleted=None, scope: str = "retirement"
) -> AppTest:
    """Change a grid as the browser does, then run the page."""
    generation = (
        app.session_state["edit_gen"].get(scope, 0) if "edit_gen" in app.session_state else 0
    )
    own = (
        app.session_state["edit_sheet_gen"].get(f"{scope}/{sheet}", 0)
        if "edit_sheet_gen" in app.session_state
        else 0
    )
    app.session_state[editor_key(scope, sheet, generation, own)] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return run(app)


def click(app: AppTest, key: str) -> AppTest:
    app.button(key=key).click()
    return run(app)


def messages(app: AppTest) -> list[str]:
    return [e.value for e in [*app.success, *app.error, *app.warning, *app.info]]


def problems(app: AppTest) -> list[str]:
    return [t.value for t in app.text]


def test_the_page_opens_on_a_journey_with_its_tables(at):
    assert [t.value for t in at.title] == ["Edit journeys"]
    assert at.selectbox(key="edit_journey").value == "retirement"
    steps = at.data_editor[0].value
    assert steps["id"].tolist() == [
        "check-estimate",
        "apply-retirement",
        "get-l564",
        "enroll-part-b",
    ]
    assert "No errors: ready to save." in messages(at) or "No problems: ready to save." in messages(
        at
    )
    [component] = at.get("bidi_component")  # the map, editable
    assert json.loads(component.proto.json)["editable"]


def test_add_a_step_connect_it_and_save(at, workspace):
    edit_grid(
        at,
        "Steps",
        added=[
            {"id": "get-card", "name": "Receive the Medicare card", "agency": "cms", "end": True}
        ],
        edited={"3": {"end": False}},
    )
    edit_grid(
        at, "Transitions", added=[{"from": "enroll-part-b", "to": "get-card", "handoff": None}]
    )
    click(at, "edit_save_retirement")
    assert any(m.startswith("Saved ") for m in messages(at)), messages(at)
    result = load_workspace(workspace, use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    journey = result.workspace.journeys["retirement"]
    assert [t.to for t in journey.step("enroll-part-b").next] == ["get-card"]
    assert journey.step("get-card").name == "Receive the Medicare card"
    assert not journey.step("enroll-part-b").end
    text = (workspace / "journeys" / "retirement.yaml").read_text()
    assert "  - id: get-card\n    name: Receive the Medicare card\n    agency: cms\n" in text


def test_an_invalid_edit_is_refused_with_a_message(at, workspace):
    before = (workspace / "journeys" / "retirement.yaml").read_bytes()
    edit_grid(at, "Steps", edited={"1": {"agency": "nasa"}})
    assert "unknown agency 'nasa'" in problems(at)
    assert "1 error(s) to fix before saving." in messages(at)
    click(at, "edit_save_retirement")
    assert "Nothing was saved: 1 error(s) to fix first, or keep the work as a draft." in messages(
        at
    )
    assert (workspace / "journeys" / "retirement.yaml").read_bytes() == before


def test_an_invalid_edit_can_be_kept_as_a_draft(at, workspace):
    edit_grid(at, "Transitions", edited={"0": {"to": "apply-retirement", "share": 2}})
    click(at, "edit_draft_retirement")
    assert any("Kept as a draft" in m for m in messages(at))
    assert load_workspace(workspace, use_cache=False).ok  # the workspace is untouched
    assert [d.target.name for d in store.list_drafts(workspace)] == ["retirement.yaml"]


def test_a_change_on_disk_makes_the_save_refuse(at, workspace):
    file = workspace / "journeys" / "retirement.yaml"
    edit_grid(at, "Steps", edited={"0": {"name": "Check the estimate (mine)"}})
    theirs = file.read_text().replace(
        "name: Check benefit estimate", "name: Check the estimate (theirs)"
    )
    file.write_text(theirs)
    click(at, "edit_save_retirement")
    assert any("changed on disk" in m for m in messages(at)), messages(at)
    assert file.read_text() == theirs
    at.text_input(key="edit_new_id_retirement").set_value("retirement-mine")
    click(at, "edit_save_new_retirement")
    journeys = load_workspace(workspace, use_cache=False).workspace.journeys
    assert journeys["retirement"].steps[0].name == "Check the estimate (theirs)"
    assert journeys["retirement-mine"].steps[0].name == "Check the estimate (mine)"


def test_reload_after_a_conflict_takes_the_file_as_it_is(at, workspace):
    file = workspace / "journeys" / "retirement.yaml"
    edit_grid(at, "Steps", edited={"0": {"name": "Mine"}})
    file.write_text(file.read_text().replace("name: Check benefit estimate", "name: Theirs"))
    click(at, "edit_save_retirement")
    click(at, "edit_reload_retirement")
    assert at.data_editor[0].value["name"].tolist()[0] == "Theirs"


def test_the_backup_restores_the_old_version(at, workspace):
    file = workspace / "journeys" / "retirement.yaml"
    original = file.read_bytes()
    edit_grid(at, "Steps", deleted=[2])
    edit_grid(at, "Transitions", deleted=[1, 3])
    click(at, "edit_save_retirement")
    assert any(m.startswith("Saved ") for m in messages(at)), messages(at)
    assert file.read_bytes() != original
    at.radio(key="edit_mode").set_value("History and drafts")
    run(at)
    at.selectbox(key="edit_history_file").set_value(file)
    run(at)
    click(at, "edit_history_restore")
    assert file.read_bytes() == original
    assert any(m.startswith("Restored retirement.yaml") for m in messages(at))
    assert len(store.list_versions(workspace, file)) == 2  # the restore can be undone too


def test_a_future_state_copy_is_created_and_saved(at, workspace):
    at.radio(key="edit_mode").set_value("New journey")
    run(at)
    at.radio(key="edit_new_start").set_value("A future state of a current journey")
    run(at)
    at.text_input(key="edit_new_id").set_value("retirement-2030")
    at.text_input(key="edit_new_name").set_value("Retirement, 2030 plan")
    click(at, "edit_new_create")
    assert at.radio(key="edit_mode").value == "Edit a journey"
    assert at.selectbox(key="edit_journey").value == "retirement-2030"
    click(at, "edit_save_retirement-2030")
    journey = load_workspace(workspace, use_cache=False).workspace.journeys["retirement-2030"]
    assert (journey.state.value, journey.baseline, journey.name) == (
        "future",
        "retirement",
        "Retirement, 2030 plan",
    )


def test_the_catalog_is_edited_in_its_own_tables(at, workspace):
    at.radio(key="edit_mode").set_value("Catalog")
    run(at)
    edit_grid(
        at,
        "Agencies",
        added=[
            {"id": "irs", "name": "Internal Revenue Service", "acronym": "IRS", "level": "federal"}
        ],
        scope="catalog",
    )
    click(at, "edit_catalog_save")
    assert load_workspace(workspace, use_cache=False).workspace.agencies["irs"].acronym == "IRS"


def test_the_catalog_mode_has_a_tab_for_touchpoints_and_one_for_sharing(at, workspace):
    """Every catalog collection is a tab of its own; a sharing record typed into the
    Sharing tab is saved to the catalog file, and a bad basis is named at its cell."""
    at.radio(key="edit_mode").set_value("Catalog")
    run(at)
    assert [t.label for t in at.tabs] == [
        "Agencies",
        "Programs",
        "Data items",
        "Touchpoints",
        "Sharing",
    ]
    assert list(at.data_editor[3].value.columns) == [
        "#",
        "id",
        "name",
        "kind",
        "channel",
        "agency",
        "form_number",
        "omb_control_number",
        "url",
        "sources",
        "notes",
        "file",
    ]
    record = {"data_item": "ssn", "from": "ssa", "to": "cms", "basis": "allowed"}
    edit_grid(at, "Sharing", added=[record], scope="catalog")
    shown = [m.value for m in at.markdown if m.value.startswith("**Error**")]
    assert len(shown) == 1 and "Sharing, row 1 (ssn: ssa → cms), basis" in shown[0]
    assert problems(at) == [
        "'allowed' is not one of: permitted, agreement-needed, prohibited, unknown"
    ]
    edit_grid(
        at,
        "Sharing",
        added=[{**record, "basis": "agreement-needed", "sources": ["https://www.ssa.gov/"]}],
        scope="catalog",
    )
    click(at, "edit_catalog_save")
    sharing = load_workspace(workspace, use_cache=False).workspace.sharing
    assert sharing["ssn from ssa to cms"].basis.value == "agreement-needed"


def test_an_uploaded_journey_joins_the_workspace(at, workspace):
    at.radio(key="edit_mode").set_value("Upload")
    run(at)
    text = (
        "id: losing-a-job\nname: Losing a job\nagencies:\n"
        "  - {id: dol, name: Department of Labor}\n"
        "steps:\n  - {id: file-claim, name: File a claim, agency: dol, end: true}\n"
    )
    at.get("file_uploader")[0].set_value(("job.yaml", text.encode(), "application/yaml"))
    run(at)
    click(at, "edit_upload_commit")
    journeys = load_workspace(workspace, use_cache=False).workspace.journeys
    assert journeys["losing-a-job"].steps[0].agency == "dol"


def test_a_step_renamed_in_its_row_is_renamed_everywhere(at, workspace):
    edit_grid(at, "Steps", edited={"1": {"id": "apply"}})
    assert "Renamed: step 'apply-retirement' is now 'apply' in 3 other place(s)." in messages(at)
    transitions = at.data_editor[1].value
    assert transitions["from"].tolist()[1:3] == ["apply", "apply"]
    click(at, "edit_save_retirement")
    journey = load_workspace(workspace, use_cache=False).workspace.journeys["retirement"]
    assert [t.to for t in journey.step("check-estimate").next] == ["apply"]


def test_a_step_added_without_moves_is_listed_as_not_joined_up(at):
    assert not [t for t in at.markdown if t.value.startswith("**Not yet joined up**")]
    edit_grid(
        at,
        "Steps",
        added=[{"id": "get-card", "name": "Receive the Medicare card", "agency": "cms"}],
    )
    [said] = [t.value for t in at.markdown if t.value.startswith("**Not yet joined up**")]
    assert said == "**Not yet joined up** · 1 step(s), marked on the map"
    assert "Receive the Medicare card: not connected" in problems(at)
    assert "No problems: ready to save." not in messages(at)


def test_the_catalog_tables_offer_lists_where_the_format_has_them():
    """What each column of the Touchpoints and Sharing tabs lets a designer pick: the
    catalog's agencies and data items (a row just added included), the closed words, and
    sources as a list."""
    from ple.sheets import schema
    from ple.ui.editing import catalog_config
    from ple.views.edit import catalog_choices

    tables = {
        "Agencies": [{"id": "ssa", "acronym": "SSA"}, {"id": "irs", "name": "IRS"}],
        "DataItems": [{"id": "ssn", "name": "Social Security number"}],
    }
    choices = catalog_choices(tables, ["catalog.yaml"])

    def offered(sheet) -> dict:
        config = catalog_config(sheet, [], choices)
        return {
            name: [o["value"] if isinstance(o, dict) else o for o in kind.get("options", [])]
            or kind["type"]
            for name, c in config.items()
            for kind in [c["type_config"]]
            if kind["type"] != "text"
        }

    assert offered(schema.TOUCHPOINTS) == {
        "kind": ["form", "letter", "portal", "call_centre", "office", "app", "card"],
        "channel": ["online", "phone", "in_person", "mail", "email", "chat", "automatic"],
        "agency": ["ssa", "irs"],
        "sources": "list",
        "file": ["catalog.yaml"],
    }
    assert offered(schema.SHARING) == {
        "data_item": ["ssn"],
        "from": ["ssa", "irs"],
        "to": ["ssa", "irs"],
        "basis": ["permitted", "agreement-needed", "prohibited", "unknown"],
        "authority_kind": ["statute", "regulation", "matching-agreement", "consent"],
        "sources": "list",
        "file": ["catalog.yaml"],
    }
