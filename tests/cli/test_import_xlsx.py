"""``ple export --format xlsx`` then ``ple import xlsx``: the journey comes back equal, and
a broken workbook is refused with every problem at its cell."""

from __future__ import annotations

import shutil

import openpyxl
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_export_then_import_into_an_empty_folder(small, tmp_path):
    book = tmp_path / "retirement.xlsx"
    assert (
        run("export", small, "--journey", "retirement", "--format", "xlsx", "-o", book).exit_code
        == 0
    )
    result = run("import", "xlsx", book, "-o", tmp_path / "ws")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(tmp_path / "ws" / "catalog.yaml"),
        str(tmp_path / "ws" / "ples" / "retirement.yaml"),
    ]
    original = load_workspace(small).workspace
    imported = load_workspace(tmp_path / "ws").workspace
    assert imported.journeys["retirement"] == original.journeys["retirement"]
    assert imported.agencies == {
        k: v for k, v in original.agencies.items() if k in imported.agencies
    }


def test_csv_sheets_import_too(small, tmp_path):
    assert (
        run(
            "export",
            small,
            "--journey",
            "retirement",
            "--format",
            "sheets",
            "-o",
            tmp_path / "r.csv",
        ).exit_code
        == 0
    )
    result = run("import", "xlsx", tmp_path / "r.sheet-Steps.csv", "-o", tmp_path / "ws")
    assert result.exit_code == 0, result.output
    assert load_workspace(tmp_path / "ws").ok


def test_a_broken_workbook_is_refused_cell_by_cell(small, tmp_path):
    book = tmp_path / "retirement.xlsx"
    run("export", small, "--journey", "retirement", "--format", "xlsx", "-o", book)
    sheets = openpyxl.load_workbook(book)
    sheets["Steps"]["D3"] = "smithsonian"
    sheets["Steps"]["M2"] = "very bad"
    sheets.save(book)
    workspace = tmp_path / "ws"
    shutil.copytree(small, workspace)
    result = run("import", "xlsx", book, "-o", workspace, "--replace")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{book}: sheet Steps, row 2, column M (sentiment): expected a number, got 'very bad'",
        f"{book}: sheet Steps, row 3, column D (agency): unknown agency 'smithsonian'",
        f"{book}: 2 error(s); nothing written",
    ]
    assert not (workspace / ".ple-history").exists()


def test_an_existing_journey_needs_replace(small, tmp_path):
    book = tmp_path / "retirement.xlsx"
    run("export", small, "--journey", "retirement", "--format", "xlsx", "-o", book)
    workspace = tmp_path / "ws"
    shutil.copytree(small, workspace)
    refused = run("import", "xlsx", book, "-o", workspace)
    assert refused.exit_code == 1 and "replace it, or change the id" in refused.stderr
    sheets = openpyxl.load_workbook(book)
    sheets["Steps"]["B2"] = "Check the estimate online"
    sheets.save(book)
    before = (workspace / "journeys" / "retirement.yaml").read_text()
    replaced = run("import", "xlsx", book, "-o", workspace, "--replace")
    assert replaced.exit_code == 0, replaced.output
    after = (workspace / "journeys" / "retirement.yaml").read_text()
    assert after == before.replace(
        "name: Check benefit estimate", "name: Check the estimate online"
    )
    assert len([p for p in (workspace / ".ple-history").rglob("*.yaml") if p.is_file()]) == 1
