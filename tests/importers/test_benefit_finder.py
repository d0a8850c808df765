"""The USAGov Benefit Finder importer, on the committed fixture and on the full data set."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ple.cli.main import cli
from ple.errors import Severity
from ple.gaps import analyze
from ple.importers.benefit_finder import (
    AGENCIES,
    AGENCY_SPELLINGS,
    normalize_agency,
    read_benefit_finder,
    slug,
    write_workspace,
)
from ple.io import load_workspace

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "benefit-finder"
FULL = ROOT.parent / "shared" / "datasets" / "usagov-benefit-finder"
needs_full = pytest.mark.skipif(not FULL.is_dir(), reason="shared data sets not present")


def written(result, folder: Path):
    write_workspace(result, folder)
    loaded = load_workspace(folder, use_cache=False)
    assert loaded.ok, [str(p) for p in loaded.problems]
    return loaded.workspace


def repeated(workspace) -> list[tuple[int, int, str, str]]:
    """(agencies, steps, journey, data item) of each repeated-request finding, most first."""
    rows = []
    for finding in analyze(workspace, rules=["repeated-request"]).findings:
        journey = workspace.journeys[finding.journey]
        steps = sum(finding.data_item in step.requests for step in journey.steps)
        rows.append((len(finding.agencies), steps, finding.journey, finding.data_item))
    return sorted(rows, key=lambda r: (-r[0], -r[1], r[2], r[3]))


# --- the fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_result():
    return read_benefit_finder(FIXTURE)


def test_fixture_counts(fixture_result):
    assert fixture_result.summary() == {
        "life_events": 1,
        "benefits": 7,
        "agencies": 5,
        "criteria": 22,
        "steps": 7,
        "warnings": fixture_result.summary()["warnings"],
    }
    assert {a.id for a in fixture_result.agencies} == {"dod", "doj", "fema", "ssa", "va", "usagov"}


def test_fixture_journey_is_a_chain_from_the_life_event(fixture_result):
    (journey,) = fixture_result.journeys
    assert journey.id == "death-of-a-loved-one"
    assert journey.name == "Death of a loved one"
    entry = journey.step(journey.entry_steps[0])
    assert entry.agency == "usagov"
    # entry -> each application in turn; the last one ends the journey
    order = [entry.id]
    step = entry
    while step.next:
        (transition,) = step.next
        step = journey.step(transition.to)
        order.append(step.id)
    assert len(order) == len(journey.steps) == 7
    assert step.end
    assert "ssa-extra-help" not in order  # a retirement benefit, not a death one
    burial = journey.step("va-burial-allowance")
    assert burial.stage == "burial-and-funeral-assistance"
    assert burial.program == "va-burial-allowance" and burial.agency == "va"
    assert burial.requests[:2] == ["deceased-served-in-active-military", "deceased-service-status"]
    assert all(t.handoff is None for _, t, _ in journey.handoff_transitions())


def test_criteria_become_data_items_with_their_labels(fixture_result):
    items = {d.id: d for d in fixture_result.data_items}
    assert items["deceased-paid-into-ss"].name == (
        "The deceased worked and paid Social Security taxes on their earnings."
    )
    assert items["deceased-service-status"].name == "The service status of the deceased"
    assert "deceased_paid_into_SS" in items["deceased-paid-into-ss"].notes


def test_fixture_quirks_are_warnings_naming_the_file(fixture_result):
    problems = fixture_result.problems
    assert problems and all(p.severity is Severity.warning for p in problems)
    by_code = {p.code: p for p in problems}
    assert by_code["placeholder"].file == ("locales/en/benefits/ssa-lump-sum-death-benefit.json")
    assert by_code["misspelled-id"].file == "content/benefits/ssa-extra-help.md"
    assert "financial_hardship" in by_code["misspelled-id"].message
    assert by_code["missing-label"].file == "content/benefits/ssa-extra-help.md"


def test_fixture_output_validates_and_reports_repeated_requests(fixture_result, tmp_path):
    workspace = written(fixture_result, tmp_path)
    rows = repeated(workspace)
    assert rows[0] == (4, 5, "death-of-a-loved-one", "applicant-relationship")
    deceased = {r[3] for r in rows if r[0] >= 2 and r[3].startswith("deceased-")}
    assert {"deceased-served-in-active-military", "deceased-service-status"} <= deceased
    undocumented = analyze(workspace, rules=["undocumented-handoff"]).findings
    assert undocumented  # agencies connect, the data does not say how


def test_cli_writes_a_valid_workspace(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["import", "benefit-finder", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 life events" in result.stderr and "7 benefits" in result.stderr
    assert "warning: placeholder text" in result.stderr
    assert sorted(p.name for p in out.rglob("*.yaml")) == [
        "catalog.yaml",
        "death-of-a-loved-one.yaml",
    ]
    journey = yaml.safe_load((out / "ples" / "death-of-a-loved-one.yaml").read_text())
    assert any("1b2bc29" in source for source in journey["sources"])
    check = CliRunner().invoke(cli, ["validate", "--no-cache", str(out)])
    assert check.exit_code == 0, check.output


def test_cli_refuses_a_folder_without_content(tmp_path):
    result = CliRunner().invoke(
        cli, ["import", "benefit-finder", str(tmp_path), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "no content/benefits folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_quirky_files_give_warnings_not_a_crash(tmp_path):
    source = tmp_path / "bf"
    shutil.copytree(FIXTURE, source)
    benefits, labels = source / "content" / "benefits", source / "locales" / "en" / "benefits"
    (benefits / "no-front-matter.md").write_text("just text\n")
    (benefits / "bad-yaml.md").write_text("---\ntitle: [unclosed\n---\n")
    (benefits / "Odd_Name.md").write_text(
        "---\ntitle: odd.title\nlifeEvents: [death-of-a-loved-on]\n"
        "source: {name: Bureau of Nowhere}\n"
        "eligibility:\n  - criteriaKey: deceased_shoe_size\n    acceptableValues: [TBD]\n"
        "  - acceptableValues: [true]\n---\n"
    )
    (labels / "Odd_Name.json").write_text(json.dumps({"odd.summary": "Need text here"}))
    (source / "locales" / "en" / "criteria.json").write_text("{not json")
    result = read_benefit_finder(source)
    assert all(p.severity is Severity.warning for p in result.problems)
    codes = {(p.file, p.code) for p in result.problems}
    assert ("content/benefits/no-front-matter.md", "no-front-matter") in codes
    assert ("content/benefits/bad-yaml.md", "bad-yaml") in codes
    assert ("content/benefits/Odd_Name.md", "missing-label") in codes  # odd.title
    assert ("content/benefits/Odd_Name.md", "misspelled-id") in codes
    assert ("content/benefits/Odd_Name.md", "unknown-agency") in codes
    assert ("content/benefits/Odd_Name.md", "unknown-criteria") in codes
    assert ("content/benefits/Odd_Name.md", "placeholder") in codes  # TBD in front matter
    assert ("locales/en/benefits/Odd_Name.json", "placeholder") in codes
    assert ("locales/en/criteria.json", "bad-json") in codes
    assert ("content/benefits/Odd_Name.md", "file-name") in codes
    written(result, tmp_path / "out")  # still a valid workspace


def test_agency_spellings_are_normalized():
    for spelling, agency in [
        ("U.S. Department of Veteran Affairs", "va"),
        ("Department of Veterans Affairs", "va"),
        ("Department of Health & Human Services", "hhs"),
        ("Centers for Medicare and Medicaid", "cms"),
        ("Department of Interior - Indian Affairs", "doi"),
        ("FEMA", "fema"),
    ]:
        assert AGENCY_SPELLINGS[normalize_agency(spelling)] == agency
    assert set(AGENCY_SPELLINGS.values()) <= set(AGENCIES)
    assert slug("deceased_paid_into_SS") == "deceased-paid-into-ss"


def test_shared_agency_ids_mean_the_same_agency_as_the_bundled_catalog():
    catalog = yaml.safe_load((ROOT / "data" / "catalog.yaml").read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in catalog["agencies"]}
    for agency_id, agency in AGENCIES.items():
        if agency_id in names:
            assert agency["name"] == names[agency_id], agency_id


# --- the full data set ----------------------------------------------------------------


@pytest.fixture(scope="module")
def full_result():
    return read_benefit_finder(FULL)


def source_counts() -> dict[str, int]:
    """Counted straight from the source files, independently of the importer."""
    with (FULL / "content" / "criteria.csv").open(encoding="utf-8", newline="") as stream:
        criteria = [row for row in csv.DictReader(stream) if row["type"].strip()]
    agencies = set()
    for path in (FULL / "content" / "benefits").glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        names = json.loads(
            (FULL / "locales" / "en" / "benefits" / f"{path.stem}.json").read_text(encoding="utf-8")
        )
        agencies.add(names[front["source"]["name"]])
    return {
        "life_events": len(list((FULL / "content" / "life-events").glob("*.md"))),
        "benefits": len(list((FULL / "content" / "benefits").glob("*.md"))),
        "agencies": len({normalize_agency(a) for a in agencies}),
        "criteria": len(criteria),
    }


@needs_full
def test_full_counts_match_the_source_files(full_result):
    counts = full_result.summary()
    expected = source_counts()
    assert {k: counts[k] for k in expected} == expected
    assert expected == {"life_events": 3, "benefits": 79, "agencies": 12, "criteria": 44}
    assert sorted(j.id for j in full_result.journeys) == [
        "death-of-a-loved-one",
        "disability",
        "retirement",
    ]


@needs_full
def test_full_quirks_are_warnings(full_result):
    assert all(p.severity is Severity.warning for p in full_result.problems)
    codes = {(p.file, p.code) for p in full_result.problems}
    assert ("locales/en/benefits/ssa-lump-sum-death-benefit.json", "placeholder") in codes
    assert ("content/benefits/ssa-extra-help.md", "misspelled-id") in codes
    assert ("content/benefits/ssa-supplemental-security-income_adult.md", "file-name") in codes


@needs_full
def test_full_repeated_requests_name_the_criteria_asked_by_most_agencies(full_result, tmp_path):
    workspace = written(full_result, tmp_path)
    rows = repeated(workspace)
    assert rows[0] == (8, 18, "disability", "applicant-disability")
    death = [r for r in rows if r[2] == "death-of-a-loved-one" and r[0] >= 2]
    assert death[0][3] == "applicant-relationship"
    assert {
        "deceased-served-in-active-military",
        "deceased-service-status",
        "deceased-death-circumstance",
    } <= {r[3] for r in death}


@needs_full
def test_the_bundled_import_is_up_to_date(full_result, tmp_path):
    """data-benefit-finder/ is what `make import-data` writes today."""
    write_workspace(full_result, tmp_path)
    bundled = ROOT / "data-benefit-finder"
    for path in tmp_path.rglob("*.yaml"):
        name = path.relative_to(tmp_path)
        assert (bundled / name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{name} is stale: run `make import-data`"
        )


def test_the_bundled_import_validates():
    result = load_workspace(ROOT / "data-benefit-finder", use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.workspace.journeys) == 3
