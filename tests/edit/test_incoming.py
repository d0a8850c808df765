"""Uploads and imports: a journey from a file or a workbook placed into a workspace."""

from __future__ import annotations

from ple.edit import incoming
from ple.edit.commit import Outcome
from ple.export import export_journey
from ple.io import load_workspace
from ple.signin import local_person
from tests.conftest import DATA

ME = local_person()
"""The person running the tests: an editor, as in local use."""

SHARED = """\
# A journey a colleague sent, with the agencies it needs.
id: losing-a-job
name: Losing a job
agencies:
  - {id: dol, name: Department of Labor, acronym: DOL}
  - {id: ssa, name: Social Security, acronym: SSA, hisp: true}
steps:
  - id: file-claim   # the first thing people do
    name: File an unemployment claim
    agency: dol
    end: true
"""


def test_a_yaml_journey_with_its_catalog_becomes_a_file_of_the_workspace(workspace):
    read = incoming.read_incoming("losing-a-job.yaml", SHARED.encode())
    assert read.ok and [j["id"] for j in read.journeys] == ["losing-a-job"]
    plan = incoming.plan(workspace, read)
    assert plan.ok, [str(p) for p in plan.problems]
    assert [str(p) for p in plan.problems] == [
        "losing-a-job.yaml:6:5: agencies[1]: warning: the workspace's agency 'ssa' differs "
        "from this one; the workspace's is kept (replace to take this one)"
    ]
    saved = incoming.commit_plan(plan, by=ME)
    assert saved.outcome is Outcome.saved, saved.message
    result = load_workspace(workspace)
    assert result.ok and "losing-a-job" in result.workspace.journeys
    assert result.workspace.agencies["dol"].acronym == "DOL"
    text = (workspace / "journeys" / "losing-a-job.yaml").read_text()
    assert "# the first thing people do" in text and "agencies:" not in text


def test_an_existing_journey_is_refused_unless_replaced(workspace):
    data = (
        (workspace / "journeys" / "retirement.yaml")
        .read_text()
        .replace("name: Approaching retirement (test)", "name: Approaching retirement (new)")
    )
    read = incoming.read_incoming("retirement.yaml", data.encode())
    refused = incoming.plan(workspace, read)
    assert [p.code for p in refused.problems] == ["journey-exists"]
    replaced = incoming.plan(workspace, read, replace=True)
    assert incoming.commit_plan(replaced, by=ME).outcome is Outcome.saved
    assert (
        load_workspace(workspace).workspace.journeys["retirement"].name
        == "Approaching retirement (new)"
    )


def test_problems_of_an_upload_name_its_line(workspace):
    bad = SHARED.replace("agency: dol", "agency: labor")
    plan = incoming.plan(workspace, incoming.read_incoming("job.yaml", bad.encode()))
    assert not plan.ok
    assert "job.yaml:10:5: steps[0].agency: unknown agency 'labor'" in [
        str(p) for p in plan.problems
    ]


def test_a_workbook_goes_into_a_new_folder_whole(tmp_path):
    bundled = load_workspace(DATA).workspace
    data = export_journey(bundled, "having-a-child", "xlsx")[0].data
    plan = incoming.plan(tmp_path / "new", incoming.read_incoming("child.xlsx", data))
    assert plan.ok and not (tmp_path / "new").exists()  # checking writes nothing
    assert incoming.commit_plan(plan, by=ME).outcome is Outcome.saved
    result = load_workspace(tmp_path / "new")
    assert result.ok
    assert result.workspace.journeys["having-a-child"] == bundled.journeys["having-a-child"]
    assert sorted(
        p.name for p in (tmp_path / "new").rglob("*.yaml") if ".ple-history" not in p.parts
    ) == ["catalog.yaml", "having-a-child.yaml"]


def test_not_a_journey_file_is_said_so():
    assert [str(p) for p in incoming.read_incoming("notes.txt", b"hello").problems] == [
        "notes.txt: expected a .yaml, .yml, .json or .xlsx file (or CSV sheets)"
    ]
    broken = incoming.read_incoming("x.yaml", b"a: [1\n").problems
    assert len(broken) == 1 and str(broken[0]).startswith("x.yaml:2:1: ")


def test_an_upload_nested_deep_enough_to_crash_the_parser_is_refused_with_its_place():
    """20,000 levels of ``- `` once took the app server down for every user."""
    read = incoming.read_incoming("deep.yaml", b"- " * 20_000 + b"x\n")
    [problem] = read.problems
    assert (problem.code, problem.line) == ("too-deep", 1)
    assert "nesting deeper than 256 levels" in problem.message


def test_an_upload_with_a_nul_byte_is_refused_not_shortened():
    read = incoming.read_incoming("cut.yaml", SHARED.replace("end: true", "\x00end: true").encode())
    [problem] = read.problems
    assert (problem.code, problem.line, problem.column) == ("not-text", 11, 5)


def test_a_yaml_export_with_sharing_records_uploads_with_them(tmp_path):
    """The yaml export carries the legal basis for sharing its items; an upload into an
    empty workspace takes the journey, its catalog and those sharing records, as a
    workbook does."""
    bundled = load_workspace(DATA).workspace
    data = export_journey(bundled, "losing-a-loved-one", "yaml")[0].data
    assert b"\nsharing:\n" in data
    read = incoming.read_incoming("loss.yaml", data)
    assert read.ok and [j["id"] for j in read.journeys] == ["losing-a-loved-one"]
    assert read.problems == []
    plan = incoming.plan(tmp_path / "new", read)
    assert plan.ok, [str(p) for p in plan.problems]
    assert incoming.commit_plan(plan, by=ME).outcome is Outcome.saved
    result = load_workspace(tmp_path / "new")
    carried = {r.id for r in result.workspace.sharing.values()}
    assert result.ok and carried and carried <= set(bundled.sharing)
    assert all(result.workspace.sharing[k] == bundled.sharing[k] for k in carried)
    assert result.workspace.journeys["losing-a-loved-one"] == bundled.journeys["losing-a-loved-one"]


def test_a_workbook_brings_its_sharing_records_and_keeps_the_workspace_s_own(tmp_path):
    """A journey's workbook carries the legal basis for sharing its items: imported into
    an empty workspace every record comes back equal; imported again over a workspace
    whose record for the same item and pair differs, the workspace's is kept (a warning
    names the record) unless replaced."""
    bundled = load_workspace(DATA).workspace
    data = export_journey(bundled, "losing-a-loved-one", "xlsx")[0].data
    read = incoming.read_incoming("loss.xlsx", data)
    assert read.ok, [str(p) for p in read.problems]
    carried = [r["data_item"] for r in read.catalog["sharing"]]
    assert carried
    target = tmp_path / "new"
    assert incoming.commit_plan(incoming.plan(target, read), by=ME).outcome is Outcome.saved
    sharing = load_workspace(target).workspace.sharing
    assert len(sharing) == len(carried)
    assert all(record == bundled.sharing[key] for key, record in sharing.items())

    catalog = target / "catalog.yaml"
    key = next(iter(sharing))
    record = sharing[key]
    catalog.write_text(catalog.read_text().replace(f"notes: {record.notes}", "notes: Ours."))
    again = incoming.plan(target, incoming.read_incoming("loss.xlsx", data), replace=False)
    [differs] = [p for p in again.problems if p.code == "catalog-differs"]
    assert differs.message.startswith(f"the workspace's sharing record '{key}' differs")
    assert differs.path[0] == "Sharing"  # placed at its row of the workbook
