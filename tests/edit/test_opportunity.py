"""Starting an opportunity for a finding, on hand-built workspaces, without a UI."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.edit.opportunity import Typed, start_opportunity
from ple.gaps import Finding, analyze
from ple.io import LoadResult, load_workspace
from ple.model import OpportunityStatus
from ple.signin import Person, Role
from tests.conftest import SMALL

EDITOR = Person("Eddie Editor", "eddie@cx.agency.gov", Role.editor, signed_in=True)
QUESTION = "How might we hand people over warm from SSA to CMS?"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """tests/fixtures/small copied: a retirement journey (today) and its future state."""
    shutil.copytree(SMALL, tmp_path / "ws")
    return tmp_path / "ws"


def loaded(root: Path) -> LoadResult:
    result = load_workspace(root)
    assert result.ok, [str(p) for p in result.problems]
    return result


def cold_handoff(result: LoadResult) -> Finding:
    """The cold handoff from applying for retirement to the employer's form L564."""
    return next(
        f
        for f in analyze(result.workspace).findings
        if f.rule == "cold-handoff" and f.transition == ("apply-retirement", "get-l564")
    )


def start(root: Path, typed: Typed, result: LoadResult | None = None):
    result = result or loaded(root)
    return start_opportunity(root, result.workspace, cold_handoff(result), typed, result, by=EDITOR)


def test_the_first_opportunity_of_a_workspace_gets_a_new_file_at_its_top(workspace):
    started = start(workspace, Typed("Warm handover to the employer", QUESTION, "ssa"))
    assert started.ok, started.problems
    assert started.file == workspace / "opportunities.yaml"
    assert started.file.read_text(encoding="utf-8") == textwrap.dedent(f"""\
        opportunities:
          - id: warm-handover-to-the-employer
            title: Warm handover to the employer
            how_might_we: {QUESTION}
            journey: retirement
            findings:
              - rule: cold-handoff
                step: apply-retirement
                transition: {{from: apply-retirement, to: get-l564}}
            steps: [apply-retirement]
            owner: {{agency: ssa}}
            status: idea
        """)


HAND_WRITTEN = """\
# Our ideas, kept by the CX office.
opportunities:
  - id: warm-handover
    title:   Warm handover    # spacing and this comment are ours
    how_might_we: >-
      How might we hand people over
      warm?
    journey: retirement
    owner: {agency: ssa}
    change:
      handoffs:
        - from: apply-retirement
          to: enroll-part-b
          type: warm
"""
THE_END = "\n# the end\n"


def test_an_opportunity_is_appended_to_the_file_that_holds_them_every_other_line_unchanged(
    workspace,
):
    (workspace / "ideas.yaml").write_text(HAND_WRITTEN + THE_END, encoding="utf-8")
    typed = Typed(
        "Warm handover?",
        QUESTION,
        "cms",
        unit="Office of Enrollment",
        role="product lead",
        status=OpportunityStatus.exploring,
    )
    started = start(workspace, typed)
    assert started.ok, started.problems
    assert started.file == workspace / "ideas.yaml"
    assert started.opportunity == "warm-handover-2"  # the title's id was taken
    assert not (workspace / "opportunities.yaml").exists()
    text = started.file.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN) and text.endswith(THE_END)  # as they were
    assert text[len(HAND_WRITTEN) : -len(THE_END)] == textwrap.dedent("""\
        opportunities:
          - id: warm-handover-2
            title: Warm handover?
            how_might_we: How might we hand people over warm from SSA to CMS?
            journey: retirement
            findings:
              - rule: cold-handoff
                step: apply-retirement
                transition: {from: apply-retirement, to: get-l564}
            steps: [apply-retirement]
            owner: {agency: cms, unit: Office of Enrollment, role: product lead}
            status: exploring
        """).removeprefix("opportunities:\n")


def test_the_workspace_loads_afterwards_and_the_ranking_lists_the_new_one(workspace):
    assert start(workspace, Typed("Warm handover to the employer", QUESTION, "ssa")).ok
    after = loaded(workspace)
    assert list(after.workspace.opportunities) == ["warm-handover-to-the-employer"]
    run = CliRunner().invoke(cli, ["opportunities", str(workspace), "--format", "csv"])
    assert run.exit_code == 0, run.output
    [_, row] = run.stdout.strip().splitlines()[:2]
    assert row.startswith("1,warm-handover-to-the-employer,Warm handover to the employer,")
    assert ",none yet,not yet: no change written," in row  # nothing measured yet, not 0
    assert "has no change yet" in run.stderr  # and said so beside the ranking


def test_ids_stay_unique_among_opportunities(workspace):
    for title in ("Warm handover", "Warm handover, by phone", "Warm handover!"):
        assert start(workspace, Typed(title, QUESTION, "ssa")).ok
    assert list(loaded(workspace).workspace.opportunities) == [
        "warm-handover",
        "warm-handover-by-phone",
        "warm-handover-2",
    ]


def refused(workspace: Path, typed: Typed):
    """Start ``typed`` and check that it is refused with the files as they were."""
    before = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    started = start(workspace, typed)
    assert not started.ok and started.problems
    assert {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()} == before
    return started.problems


def test_an_empty_title_is_refused_at_its_field(workspace):
    [problem] = refused(workspace, Typed("  ", QUESTION, "ssa"))
    assert (problem.file, problem.field, problem.value) == (
        "opportunities.yaml",
        "opportunities[0].title",
        "",
    )


def test_an_unknown_owner_agency_is_refused_with_did_you_mean(workspace):
    [problem] = refused(workspace, Typed("Warm handover", QUESTION, "sas"))
    assert (problem.file, problem.field, problem.value) == (
        "opportunities.yaml",
        "opportunities[0].owner.agency",
        "sas",
    )
    assert "ssa" in problem.message


def test_a_duplicate_of_an_opportunity_of_the_journey_is_refused(workspace):
    (workspace / "ideas.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    [problem] = refused(workspace, Typed("warm  Handover", QUESTION, "ssa"))
    assert (problem.file, problem.field, problem.value) == ("ideas.yaml", "title", "warm  Handover")
    assert "'warm-handover'" in problem.message


def test_a_viewer_is_refused_and_nothing_is_written(workspace):
    result = loaded(workspace)
    viewer = Person("Vera Viewer", "vera@cx.agency.gov", Role.viewer, signed_in=True)
    started = start_opportunity(
        workspace,
        result.workspace,
        cold_handoff(result),
        Typed("Warm handover", QUESTION, "ssa"),
        result,
        by=viewer,
    )
    assert not started.ok and "viewer" in started.message
    assert not (workspace / "opportunities.yaml").exists()
