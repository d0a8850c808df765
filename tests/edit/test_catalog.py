"""Editing the catalog: entries go back to the file they came from."""

from __future__ import annotations

from ple.edit import catalog as edit_catalog
from ple.edit.commit import Outcome
from ple.io import load_workspace
from ple.sheets.convert import Cell
from ple.signin import local_person

ME = local_person()
"""The person running the tests: an editor, as in local use."""


def test_entries_are_rows_that_remember_their_file(workspace):
    edit = edit_catalog.open_catalog(workspace)
    assert [r["id"] for r in edit.tables["Agencies"]] == ["hhs", "ssa", "cms", "employer"]
    assert {r["file"] for r in edit.tables["Programs"]} == {"catalog.yaml"}
    assert edit.default_file("data_items") == "catalog.yaml"


def test_a_changed_and_a_new_entry_change_only_their_lines(workspace):
    before = load_workspace(workspace)
    file = workspace / "catalog.yaml"
    text = file.read_text()
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Agencies"][1]["name"] = "Social Security Administration (SSA)"
    edit.tables["DataItems"].append({"id": "dd-214", "name": "DD-214", "kind": "document"})
    saved = edit_catalog.save(edit, before, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    new = file.read_text()
    assert new.replace(
        "Social Security Administration (SSA)", "Social Security Administration"
    ) == text + ("  - id: dd-214\n    name: DD-214\n    kind: document\n")
    assert load_workspace(workspace).workspace.data_items["dd-214"].name == "DD-214"


def test_removing_an_agency_that_steps_name_is_refused(workspace):
    before = load_workspace(workspace)
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Agencies"] = [r for r in edit.tables["Agencies"] if r["id"] != "employer"]
    review = edit_catalog.review(edit, before)
    assert [p.message for p in review.checked.caused] == ["unknown agency 'employer'"]
    assert edit_catalog.save(edit, before, by=ME).outcome is Outcome.invalid


def test_problems_point_at_the_row_and_column(workspace):
    before = load_workspace(workspace)
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Agencies"].append({"id": "irs", "name": None, "level": "fedral"})
    review = edit_catalog.review(edit, before)
    assert {(p.cell, p.problem.message) for p in review.checked.errors} == {
        (Cell("Agencies", 4, "name"), "missing required field 'name'"),
        (
            Cell("Agencies", 4, "level"),
            "'fedral' is not one of: federal, state, local, tribal, private "
            "(did you mean 'federal'?)",
        ),
    }


def test_a_new_row_can_name_another_file(workspace):
    before = load_workspace(workspace)
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Programs"].append(
        {"id": "snap", "name": "SNAP", "agency": "hhs", "file": "programs.yaml"}
    )
    assert edit_catalog.save(edit, before, by=ME).outcome is Outcome.saved
    assert (workspace / "programs.yaml").read_text() == (
        "programs:\n  - id: snap\n    name: SNAP\n    agency: hhs\n"
    )
    assert load_workspace(workspace).ok


def test_an_invalid_catalog_is_kept_as_a_draft_and_continued(workspace):
    before = load_workspace(workspace)
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Programs"].append({"id": "snap", "name": "SNAP", "agency": "usda"})
    saved = edit_catalog.save(edit, before, as_draft=True, by=ME)
    assert saved.outcome is Outcome.draft and load_workspace(workspace).ok
    drafts = edit_catalog.catalog_drafts(workspace)
    assert [d.target.name for d in drafts] == ["catalog.yaml"]
    resumed = edit_catalog.open_catalog(workspace, drafts)
    assert resumed.tables["Programs"][-1]["id"] == "snap"
    resumed.tables["Agencies"].append({"id": "usda", "name": "Department of Agriculture"})
    assert edit_catalog.save(resumed, before, by=ME).outcome is Outcome.saved
    assert load_workspace(workspace).workspace.programs["snap"].agency == "usda"
    assert edit_catalog.catalog_drafts(workspace) == []


def test_sharing_records_are_kept_when_a_data_item_is_edited(workspace):
    """The tables hold agencies, programs and data items only; the file's `sharing`
    records are not in them and must survive a save untouched."""
    file = workspace / "catalog.yaml"
    file.write_text(
        file.read_text()
        + (
            "sharing:\n  - data_item: ssn\n    from: ssa\n    to: cms\n"
            "    basis: agreement-needed\n"
            '    sources: ["https://www.ssa.gov/privacy/cma.html"]\n'
        )
    )
    before = load_workspace(workspace)
    assert before.ok, before.problems
    edit = edit_catalog.open_catalog(workspace)
    row = next(r for r in edit.tables["DataItems"] if r["id"] == "ssn")
    row["name"] = "Social Security number (SSN)"
    assert edit_catalog.save(edit, before, by=ME).outcome is Outcome.saved
    after = load_workspace(workspace).workspace
    assert after.data_items["ssn"].name == "Social Security number (SSN)"
    assert [r.id for r in after.sharing.values()] == ["ssn from ssa to cms"]


def test_a_new_touchpoint_is_written_as_its_own_lines(workspace):
    before = load_workspace(workspace)
    file = workspace / "catalog.yaml"
    text = file.read_text()
    edit = edit_catalog.open_catalog(workspace)
    assert edit.tables["Touchpoints"] == []
    edit.tables["Touchpoints"].append(
        {
            "id": "ssa-1",
            "name": "Application for Retirement Insurance Benefits",
            "kind": "form",
            "channel": "online",
            "agency": "ssa",
            "form_number": "SSA-1",
            "omb_control_number": "0960-0618",
            "sources": ["https://www.ssa.gov/forms/ssa-1.html"],
        }
    )
    saved = edit_catalog.save(edit, before, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    assert file.read_text() == text + (
        "touchpoints:\n"
        "  - id: ssa-1\n"
        "    name: Application for Retirement Insurance Benefits\n"
        "    kind: form\n"
        "    channel: online\n"
        "    agency: ssa\n"
        "    omb_control_number: 0960-0618\n"
        "    form_number: SSA-1\n"
        "    sources: [https://www.ssa.gov/forms/ssa-1.html]\n"
    )
    assert load_workspace(workspace).workspace.touchpoints["ssa-1"].agency == "ssa"


def test_touchpoint_mistakes_are_refused_at_their_cells(workspace):
    before = load_workspace(workspace)
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Touchpoints"] += [
        {"id": "ssa-1", "name": "Application", "kind": "from", "agency": "ssa"},
        {"id": "ssa-phone", "name": "National 800 number", "kind": "call_centre", "agency": "sss"},
    ]
    review = edit_catalog.review(edit, before)
    assert {(p.cell, p.problem.message) for p in review.checked.errors} == {
        (
            Cell("Touchpoints", 0, "kind"),
            "'from' is not one of: form, letter, portal, call_centre, office, app, card "
            "(did you mean 'form'?)",
        ),
        (Cell("Touchpoints", 1, "agency"), "unknown agency 'sss' (did you mean 'ssa'?)"),
    }
    assert edit_catalog.save(edit, before, by=ME).outcome is Outcome.invalid


def test_a_new_sharing_record_is_written_as_its_own_lines(workspace):
    """A second record for the same pair in the other direction goes after the first;
    the first keeps its lines (records are matched by item and pair, having no id)."""
    file = workspace / "catalog.yaml"
    file.write_text(
        file.read_text()
        + "sharing:\n  - data_item: ssn\n    from: ssa\n    to: cms\n    basis: agreement-needed\n"
        + "    sources: [https://www.ssa.gov/privacy/cma.html]\n"
    )
    text = file.read_text()
    before = load_workspace(workspace)
    edit = edit_catalog.open_catalog(workspace)
    edit.tables["Sharing"].append(
        {
            "data_item": "ssn",
            "from": "cms",
            "to": "ssa",
            "basis": "permitted",
            "authority_kind": "matching-agreement",
            "authority_citation": "CMS-SSA CMA 2306",
            "sources": ["https://www.ssa.gov/privacy/cma.html"],
        }
    )
    saved = edit_catalog.save(edit, before, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    assert file.read_text() == text + (
        "  - data_item: ssn\n"
        "    from: cms\n"
        "    to: ssa\n"
        "    basis: permitted\n"
        "    authority: {kind: matching-agreement, citation: CMS-SSA CMA 2306}\n"
        "    sources: [https://www.ssa.gov/privacy/cma.html]\n"
    )
    after = load_workspace(workspace).workspace.sharing
    assert after["ssn from cms to ssa"].authority.citation == "CMS-SSA CMA 2306"
