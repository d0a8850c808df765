"""The bundled workspace in data/: it validates, and its known federal handoffs are there."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace
from ple.query import open_backend
from tests.conftest import DATA

LIFE_EXPERIENCES = [
    "approaching-retirement", "facing-a-financial-shock", "having-a-child",
    "losing-a-loved-one", "recovering-from-a-disaster", "transitioning-to-civilian-life",
]


@pytest.fixture(scope="module")
def workspace():
    result = load_workspace(DATA, use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


@pytest.fixture(scope="module")
def backend(workspace):
    return open_backend(workspace)


def test_ple_validate_data_exits_0():
    result = CliRunner().invoke(cli, ["validate", str(DATA)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1  # the summary line only: no warnings


FUTURE_STATES = {
    "approaching-retirement-future": "approaching-retirement",
    "losing-a-loved-one-future": "losing-a-loved-one",
    "recovering-from-a-disaster-future": "recovering-from-a-disaster",
}
"""Proposed future states bundled beside today's maps, each with its baseline."""


def test_six_current_state_life_experiences_and_three_proposals_with_sources(workspace):
    current = sorted(j.id for j in workspace.journeys.values() if j.state.value == "current")
    assert current == LIFE_EXPERIENCES
    future = {j.id: j.baseline for j in workspace.journeys.values() if j.state.value == "future"}
    assert future == FUTURE_STATES
    for journey in workspace.journeys.values():
        assert journey.sources, journey.id
        assert all(s.startswith("https://") for s in journey.sources)


def test_a_proposal_counts_the_same_people_as_its_baseline(workspace):
    """The time tax of a proposal is compared with today's: same people, same source."""
    for future, current in FUTURE_STATES.items():
        assert workspace.journeys[future].volume == workspace.journeys[current].volume.model_copy(
            update={"notes": workspace.journeys[future].volume.notes})


def test_every_proposed_change_says_what_is_proposed(workspace):
    """A step the proposal adds or changes explains itself in its notes, so a reader can
    tell a design proposal from a fact about today's service."""
    from ple.compare import compare_journeys

    for future, current in FUTURE_STATES.items():
        comparison = compare_journeys(workspace, current, future)
        for change in comparison.steps:
            if change.status in ("added", "changed") and any(
                    c.field not in ("sentiment", "pain_points", "next") for c in change.changes):
                notes = workspace.journeys[future].step(change.future).notes or ""
                assert "propos" in notes.lower(), f"{future}/{change.future}"
            if change.status == "added":
                notes = workspace.journeys[future].step(change.future).notes or ""
                assert "new step" in notes.lower(), f"{future}/{change.future}"


def test_volumes_cite_a_source_and_year(workspace):
    for journey in workspace.journeys.values():
        if journey.volume is not None:
            assert journey.volume.source and journey.volume.year, journey.id


def test_estimated_minutes_say_so(workspace):
    """Every step with minutes explains the figure in its notes."""
    for journey in workspace.journeys.values():
        for step in journey.steps:
            if step.burden is not None and step.burden.minutes:
                assert step.notes, f"{journey.id}/{step.id} has minutes but no notes"


def test_known_federal_handoffs_are_mapped(backend):
    ssa_to_cms = backend.handoffs(journey="approaching-retirement", from_agency="ssa",
                                  to_agency="cms")
    assert ssa_to_cms, "SSA takes Medicare applications and hands them to CMS"
    assert backend.handoffs(journey="recovering-from-a-disaster", from_agency="fema",
                            to_agency="sba")
    birth = backend.handoffs(journey="having-a-child", to_agency="ssa", type="automatic")
    assert birth and "ssn" in birth[0].shares  # Enumeration at Birth


def test_no_undocumented_handoffs_in_the_bundled_data(backend):
    assert backend.handoffs(type="undocumented") == []


def test_agencies_shared_across_life_experiences(backend):
    shared = {row.id: row.journeys for row in backend.shared_across_journeys("agency")}
    assert len(shared["ssa"]) >= 3
    assert "irs" in shared


def test_journey_agencies_on_real_data(backend):
    ids = [row.id for row in backend.journey_agencies("recovering-from-a-disaster")]
    assert {"fema", "sba"} <= set(ids)


def test_the_shipped_program_catalog_joins_the_bundled_workspace(tmp_path):
    import shutil

    from tests.conftest import ROOT

    inventory = ROOT / "catalogs" / "federal-program-inventory.yaml"
    shutil.copytree(DATA, tmp_path / "ws")
    shutil.copy(inventory, tmp_path / "ws" / inventory.name)
    result = load_workspace(tmp_path / "ws", use_cache=False)
    assert result.ok, [str(p) for p in result.errors][:5]
    assert len(result.workspace.programs) > 2500
    assert result.workspace.programs["al-96-004"].agency == "ssa"  # one id per agency


def test_the_imported_benefit_finder_workspace_validates():
    from tests.conftest import ROOT

    result = load_workspace(ROOT / "data-benefit-finder", use_cache=False)
    assert result.ok
    assert sorted(result.workspace.journeys)[:1]  # at least one life event


def test_every_bundled_sharing_record_is_cited_used_and_documented(workspace):
    """Only cited facts are bundled: each record names its authority and sources, answers
    a repeated ask that `ple gaps` finds in the bundled journeys, and is listed in
    docs/bundled-data.md."""
    from ple.gaps import analyze
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "bundled-data.md").read_text(encoding="utf-8")
    used = {(a.data_item, a.from_agency, a.to_agency)
            for f in analyze(workspace).findings for a in f.sharing if a.recorded}
    assert workspace.sharing
    for record in workspace.sharing.values():
        assert record.authority and record.sources and record.notes, record.id
        assert (record.data_item, record.from_, record.to) in used, record.id
        row = (f"| `{record.data_item}` | `{record.from_}` | `{record.to}` | "
               f"`{record.basis.value}` |")
        assert row in docs, f"docs/bundled-data.md lacks {record.id}"
