"""The bundled workspace in data/: it validates, and its known federal handoffs are there."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace
from ple.query import open_backend
from tests.conftest import DATA, ROOT

DATASETS = ROOT.parent / "shared" / "datasets" / "federal-program-inventory"
"""The shared extract the fixture was taken from, beside the checkout when it is there."""

LIFE_EXPERIENCES = [
    "approaching-retirement",
    "facing-a-financial-shock",
    "having-a-child",
    "losing-a-loved-one",
    "recovering-from-a-disaster",
    "transitioning-to-civilian-life",
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
            update={"notes": workspace.journeys[future].volume.notes}
        )


def test_every_proposed_change_says_what_is_proposed(workspace):
    """A step the proposal adds or changes explains itself in its notes, so a reader can
    tell a design proposal from a fact about today's service."""
    from ple.compare import compare_journeys

    for future, current in FUTURE_STATES.items():
        comparison = compare_journeys(workspace, current, future)
        for change in comparison.steps:
            if change.status in ("added", "changed") and any(
                c.field not in ("sentiment", "pain_points", "next") for c in change.changes
            ):
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
    ssa_to_cms = backend.handoffs(
        journey="approaching-retirement", from_agency="ssa", to_agency="cms"
    )
    assert ssa_to_cms, "SSA takes Medicare applications and hands them to CMS"
    assert backend.handoffs(
        journey="recovering-from-a-disaster", from_agency="fema", to_agency="sba"
    )
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
    a repeated ask that `ple gaps` finds in the bundled journeys or says why a handoff
    may pass the item along as it does, and is listed in docs/bundled-data.md."""
    from ple.gaps import analyze
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "bundled-data.md").read_text(encoding="utf-8")
    used = {
        (a.data_item, a.from_agency, a.to_agency)
        for f in analyze(workspace).findings
        for a in f.sharing
        if a.recorded
    }
    used |= {
        (item, source.agency, target.agency)
        for journey in workspace.journeys.values()
        for source, move, target in journey.handoff_transitions()
        if move.handoff
        for item in move.handoff.shares
    }
    assert workspace.sharing
    for record in workspace.sharing.values():
        assert record.authority and record.sources and record.notes, record.id
        assert (record.data_item, record.from_, record.to) in used, record.id
        row = (
            f"| `{record.data_item}` | `{record.from_}` | `{record.to}` | `{record.basis.value}` |"
        )
        assert row in docs, f"docs/bundled-data.md lacks {record.id}"


INVENTORY = ROOT / "tests" / "fixtures" / "programs-bundled.csv"
"""The Federal Program Inventory's rows for the listings data/ names (tests/fixtures)."""


def inventory_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return {row["program_number"]: row for row in csv.DictReader(stream)}


def test_a_program_with_a_listing_is_named_as_the_inventory_names_it(workspace):
    inventory = inventory_rows(INVENTORY)
    listed = [p for p in workspace.programs.values() if p.assistance_listing]
    assert len(listed) == 23
    for program in listed:
        row = inventory.get(program.assistance_listing)
        assert row is not None, f"{program.id}: {program.assistance_listing} not in the inventory"
        assert program.name == row["title"].strip(), program.id
        assert program.short_name != program.name, program.id
    assert workspace.programs["post-911-gi-bill"].short_name == "Post-9/11 GI Bill"


@pytest.mark.skipif(
    not (DATASETS / "programs.csv").exists(),
    reason="the shared Federal Program Inventory extract is not here",
)
def test_the_inventory_fixture_is_the_inventory_unchanged():
    source = inventory_rows(DATASETS / "programs.csv")
    for number, row in inventory_rows(INVENTORY).items():
        assert row == {key: source[number][key] for key in row}, number


def test_the_in_person_retirement_claim_takes_the_ssa_10_figure_it_borrows(workspace):
    """Both rest on OMB's full time cost of SSA-10 (1,023,853 hours for 567,964 people),
    which the volumes reference derives as about 1.8 hours: one figure, not 110 and 108."""
    derived = round(1_023_853 / 567_964 * 60)
    survivor = workspace.journeys["losing-a-loved-one"].step("apply-survivor-benefits")
    assert survivor.burden_by_channel["in_person"].minutes == derived
    for journey in ("approaching-retirement", "approaching-retirement-future"):
        claim = workspace.journeys[journey].step("apply-retirement")
        assert claim.burden_by_channel["in_person"].minutes == derived, journey
        assert f"{derived} minutes" in claim.notes


BLUEPRINTED = ["approaching-retirement", "having-a-child"]
"""Journeys that carry the service blueprint, touchpoints, moments and evidence."""


@pytest.mark.parametrize("journey_id", BLUEPRINTED)
def test_two_journeys_carry_blueprint_touchpoints_moments_and_evidence(workspace, journey_id):
    journey = workspace.journeys[journey_id]
    assert any(step.backstage or step.support for step in journey.steps)
    assert any(step.touchpoints for step in journey.steps)
    moments = [step for step in journey.steps if step.moment_that_matters]
    assert moments and all(step.moment_reason for step in moments)
    assert journey.volume.evidence is not None and journey.volume.evidence.sources
    for step in journey.steps:  # every minute says what it rests on, as its notes say
        if step.burden is not None and step.burden.minutes:
            evidence = step.burden_evidence("minutes")
            assert evidence is not None, step.id
            said = next(sentence for sentence in step.notes.split(". ") if "minutes" in sentence)
            assert (evidence.level.value == "assumed") == ("estimate" in said), step.id


def test_every_control_number_names_its_source(workspace):
    numbered = [t for t in workspace.touchpoints.values() if t.omb_control_number]
    assert {t.form_number: t.omb_control_number for t in numbered} == {
        "SSA-1": "0960-0618",
        "CMS-40B": "0938-1230",
    }
    for touchpoint in numbered:
        number = touchpoint.omb_control_number
        assert any(
            number in source or "omb.report/icr" in source for source in touchpoint.sources
        ), touchpoint.id


def test_the_evidence_mix_docs_quote_is_what_metrics_report(workspace):
    from ple.metrics import journey_metrics
    from tests.conftest import ROOT

    text = " ".join((ROOT / "docs" / "bundled-data.md").read_text(encoding="utf-8").split())
    retirement = journey_metrics(workspace, "approaching-retirement").evidence["minutes"]
    child = journey_metrics(workspace, "having-a-child").evidence["minutes"]
    assert (
        f"314 active minutes as {retirement.percent['reported']}% reported and "
        f"{retirement.percent['assumed']}% assumed"
    ) in text
    assert (
        f"having a child's 439 as {child.percent['reported']}% reported and "
        f"{child.percent['assumed']}% assumed"
    ) in text
