"""``ple import programs``: the Federal Program Inventory as catalog programs."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ple.cli.main import cli
from ple.importers.programs import listing_id, read_programs
from ple.importers.suggestions import suggest_programs
from ple.io import load_workspace
from tests.conftest import DATA, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "programs-sample.csv"
DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FULL = DATASETS / "federal-program-inventory" / "programs.csv"


def data_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def catalog_agencies():
    return list(load_workspace(DATA).workspace.agencies.values())


def test_listing_ids():
    assert listing_id("10.001") == "al-10-001"
    assert listing_id("10.551A") == "al-10-551a"


def test_fixture_counts_and_warnings():
    result = read_programs(FIXTURE, catalog_agencies())
    rows = data_rows(FIXTURE)
    assert result.rows == len(rows) == 29
    tax = sum(1 for r in rows if r["program_type"] == "tax_expenditure")
    assert tax == 2
    assert result.skipped_not_listing == 3  # two tax expenditures and IN.001
    assert result.skipped_invalid == 2  # blank title, duplicate 96.002
    assert len(result.programs) == 24
    assert result.rows == len(result.programs) + result.skipped_not_listing + result.skipped_invalid
    located = [p for p in result.problems if p.line is not None]
    assert {p.field for p in located} == {"program_number", "title"}
    assert all(p.severity.value == "warning" for p in result.problems)
    assert any("2 tax expenditure" in p.message for p in result.problems)


def test_agencies_map_to_the_catalog_and_new_ones_get_parents():
    result = read_programs(FIXTURE, catalog_agencies())
    by_listing = {p.assistance_listing: p for p in result.programs}
    assert by_listing["96.002"].agency == "ssa"
    assert by_listing["93.773"].agency == "cms"
    assert by_listing["97.050"].agency == "fema"
    assert by_listing["96.002"].categories
    assert by_listing["96.002"].beneficiary_types
    new = {a.id: a for a in result.agencies}
    assert all(a.level.value == "federal" for a in new.values())
    assert all(
        a.parent is None or a.parent in new or a.parent in {c.id for c in catalog_agencies()}
        for a in new.values()
    )


def test_cli_writes_a_valid_workspace_file(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(DATA, target)
    out = target / "programs.yaml"
    result = run("import", "programs", str(FIXTURE), "-o", str(out), "--catalog", str(DATA))
    assert result.exit_code == 0, result.output
    assert "24 program(s)" in result.stderr
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(document["programs"]) == 24
    loaded = load_workspace(target, use_cache=False)
    assert loaded.ok, [str(p) for p in loaded.errors]
    assert loaded.workspace.programs["al-96-002"].agency == "ssa"


def test_validate_warns_on_listings_not_in_the_loaded_inventory(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(DATA, target)
    run(
        "import",
        "programs",
        str(FIXTURE),
        "-o",
        str(target / "programs.yaml"),
        "--catalog",
        str(DATA),
    )
    loaded = load_workspace(target, use_cache=False)
    unknown = [p for p in loaded.problems if p.code == "unknown-listing"]
    inventory = {r["program_number"] for r in data_rows(FIXTURE)}
    catalog = load_workspace(DATA).workspace.programs.values()
    expected = {
        p.assistance_listing
        for p in catalog
        if p.assistance_listing and p.assistance_listing not in inventory
    }
    assert {p.value for p in unknown} == expected
    assert all(p.severity.value == "warning" for p in unknown)
    # without the inventory, no such warning
    assert not [p for p in load_workspace(DATA).problems if p.code == "unknown-listing"]


def test_suggestions_rank_programs_like_the_journeys(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(DATA, target)
    run(
        "import",
        "programs",
        str(FIXTURE),
        "-o",
        str(target / "programs.yaml"),
        "--catalog",
        str(DATA),
    )
    workspace = load_workspace(target, use_cache=False).workspace
    suggestions = suggest_programs(workspace, "approaching-retirement", limit=5)
    assert suggestions
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    journey = workspace.journeys["approaching-retirement"]
    used = {s.program for s in journey.steps if s.program}
    used_listings = {workspace.programs[p].assistance_listing for p in used}
    assert not {s.id for s in suggestions} & used
    assert not {s.assistance_listing for s in suggestions} & used_listings
    # a retirement journey's best lead is a Social Security program, not farm research
    assert suggestions[0].agency == "ssa"
    assert "al-10-001" not in {s.id for s in suggestions[:3]}
    result = run(
        "query",
        "program-suggestions",
        str(target),
        "--journey",
        "approaching-retirement",
        "--limit",
        "3",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert '"suggestions"' in result.stdout
    assert run("query", "program-suggestions", str(target), "--journey", "nope").exit_code == 2


def test_cli_exit_codes(tmp_path):
    missing = run("import", "programs", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o"))
    assert missing.exit_code == 1
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")
    assert run("import", "programs", str(wrong), "-o", str(tmp_path / "o.yaml")).exit_code == 1
    only_tax = tmp_path / "tax.csv"
    rows = [r for r in data_rows(FIXTURE) if r["program_type"] == "tax_expenditure"]
    with only_tax.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert run("import", "programs", str(only_tax), "-o", str(tmp_path / "t.yaml")).exit_code == 1
    assert not (tmp_path / "t.yaml").exists()
    assert run("import", "programs", str(FIXTURE)).exit_code == 2  # -o is required


@pytest.mark.skipif(not FULL.exists(), reason="../shared/datasets is not present")
def test_full_inventory_counts_match_the_source(tmp_path):
    rows = data_rows(FULL)
    assert len(rows) == 2682
    start = time.perf_counter()
    out = tmp_path / "ws" / "programs.yaml"
    shutil.copytree(DATA, out.parent)
    result = run("import", "programs", str(FULL), "-o", str(out), "--catalog", str(DATA))
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    listings = {
        r["program_number"]
        for r in rows
        if r["program_number"][:2].isdigit() and "." in r["program_number"]
    }
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(document["programs"]) == len(listings) == 2506
    assert sum(1 for r in rows if r["program_type"] == "tax_expenditure") == 174
    loaded = load_workspace(out.parent, use_cache=False)
    assert loaded.ok, [str(p) for p in loaded.errors[:5]]
    assert len(loaded.workspace.programs) == 2506 + len(load_workspace(DATA).workspace.programs)
    assert elapsed < 5
