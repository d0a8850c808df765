"""Every CSV the project writes, on a workspace whose names start as spreadsheet formulas
(``=``, ``+``, ``-``, ``@``, a tab, a carriage return): no cell starts that way unless it
is a number, since a spreadsheet opening the file would run it (OWASP, CSV injection).
Text gets an apostrophe in front; the sheets, which are read back, lose it again.

The commands are found by walking the CLI: a new command with ``--format csv`` fails
:func:`test_every_csv_command_is_covered` until it is added here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ple.cli.main import cli
from ple.export import export_journey
from ple.importers.xlsx import read_csv_bytes
from ple.io.documents import read_document
from tests.cli.test_hostile_outputs import commands_with_format
from tests.export.helpers import load

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell may start that a spreadsheet runs (OWASP's list for CSV injection)."""
FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+2",
    "\r=1+2",
    "=cmd|' /C calc'!A0",
    "'=already quoted",
]
"""Text a spreadsheet would run, and one that already starts with an apostrophe. (The
loader trims the tab and the carriage return; ``tests/sheets`` writes them directly.)"""

CATALOG = {
    "agencies": [
        {"id": "ssa", "name": FORMULAS[0], "acronym": FORMULAS[1]},
        {"id": "cms", "name": FORMULAS[2]},
    ],
    "programs": [
        {
            "id": "benefits",
            "name": FORMULAS[3],
            "agency": "ssa",
            "categories": ["Income Security"],
            "beneficiary_types": ["Individual"],
        },
        {
            "id": "other",
            "name": FORMULAS[6],
            "agency": "cms",
            "categories": ["Income Security"],
            "beneficiary_types": ["Individual"],
        },
    ],
    "data_items": [{"id": "ssn", "name": FORMULAS[4], "kind": "fact"}],
}
JOURNEY = {
    "id": "formulas",
    "name": FORMULAS[5],
    "trigger": FORMULAS[6],
    "stages": [{"id": "one", "name": FORMULAS[7]}],
    "personas": [{"id": "p", "name": FORMULAS[0], "can_use": {"channels": ["mail"]}}],
    "steps": [
        {
            "id": "first",
            "name": FORMULAS[0],
            "stage": "one",
            "agency": "ssa",
            "program": "benefits",
            "requests": ["ssn"],
            "channels": ["online"],
            "pain_points": FORMULAS[3:5],
            "burden": {"minutes": 5},
            "sentiment": -2,
            "next": [
                {
                    "to": "second",
                    "condition": FORMULAS[2],
                    "handoff": {"type": "cold", "note": FORMULAS[3]},
                }
            ],
        },
        {
            "id": "second",
            "name": FORMULAS[3],
            "agency": "cms",
            "requests": ["ssn"],
            "next": [{"to": "third", "condition": FORMULAS[5]}],
        },
        {"id": "third", "name": FORMULAS[7], "agency": "ssa", "requests": ["ssn"], "end": True},
    ],
}
ALSO = {
    "id": "also",
    "name": FORMULAS[1],
    "steps": [
        {"id": "only", "name": FORMULAS[2], "agency": "ssa", "requests": ["ssn"], "end": True}
    ],
}
"""A second journey, so that the agency and the data item are shared by two."""
OPPORTUNITIES = {
    "opportunities": [
        {
            "id": "formula-fix",
            "title": FORMULAS[6],
            "how_might_we": FORMULAS[0],
            "journey": "formulas",
            "owner": {"agency": "cms", "unit": FORMULAS[3]},
            "change": {"handoffs": [{"from": "first", "to": "second", "type": "warm"}]},
        }
    ]
}
"""An opportunity whose title and owner's unit start as formulas."""
CSV_COMMANDS = {
    "info": [],
    "gaps": ["--fail-on", "never"],
    "metrics": [],
    "query agencies": ["--journey", "formulas"],
    "query programs": ["--journey", "formulas"],
    "query journeys": ["--agency", "ssa"],
    "query handoffs": [],
    "query path": ["--journey", "formulas", "--from", "first", "--to", "third"],
    "query shared": ["--kind", "data_item"],
    "query program-suggestions": ["--journey", "formulas"],
    "opportunities": [],
}
NAMELESS = {"metrics", "query journeys", "query path"}
"""Commands whose CSV holds ids and figures only: nothing of the user's can start it."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formulas")
    (root / "catalog.yaml").write_text(yaml.safe_dump(CATALOG), encoding="utf-8")
    (root / "formulas.yaml").write_text(yaml.safe_dump(JOURNEY), encoding="utf-8")
    (root / "also.yaml").write_text(yaml.safe_dump(ALSO), encoding="utf-8")
    (root / "opportunities.yaml").write_text(yaml.safe_dump(OPPORTUNITIES), encoding="utf-8")
    return root


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_no_formula(text: str) -> list[str]:
    """Every cell of a CSV file is safe to open; returns the cells we guarded."""
    found = cells(text)
    assert found
    runs = [c for c in found if c.startswith(FORMULA_START) and not is_number(c)]
    assert runs == [], runs
    return [c for c in found if c.startswith("'") and c[1:].startswith(FORMULA_START)]


def test_every_csv_command_is_covered() -> None:
    assert commands_with_format("csv") == set(CSV_COMMANDS)


@pytest.mark.parametrize("command", sorted(CSV_COMMANDS))
def test_command_csv_holds_no_formula(command: str, folder: Path) -> None:
    args = [*command.split(), str(folder), *CSV_COMMANDS[command], "--format", "csv"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    guarded = assert_no_formula(result.stdout)
    assert bool(guarded) is (command not in NAMELESS), guarded


def test_the_csv_export_holds_no_formula_and_keeps_negative_numbers(folder: Path) -> None:
    artifacts = export_journey(load(folder), "formulas", "csv")
    guarded = [c for a in artifacts for c in assert_no_formula(a.data.decode("utf-8"))]
    assert {"'" + FORMULAS[0], "'=1+2", "'@SUM(A1:A2); =1+2", "'-2+3"} <= set(guarded)
    steps = list(csv.DictReader(io.StringIO(artifacts[0].data.decode("utf-8"))))
    assert steps[0]["sentiment"] == "-2"  # a number, not text: no apostrophe


def test_the_sheets_hold_no_formula_and_read_back_as_written(folder: Path) -> None:
    workspace = load(folder)
    artifacts = export_journey(workspace, "formulas", "sheets")
    for artifact in artifacts:
        assert_no_formula(artifact.data.decode("utf-8-sig"))
    read = read_csv_bytes({f"formulas{a.suffix}.csv": a.data for a in artifacts}, "sheets")
    assert read.ok, [str(p) for p in read.problems]
    entries = read_document(read.document, "x").entries
    assert entries[0].item == workspace.journeys["formulas"]
    assert {e.item.id: e.item for e in entries[1:] if e.kind == "agencies"} == workspace.agencies


def test_the_export_command_writes_the_same_safe_files(folder: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "sheets"):
        result = CliRunner().invoke(
            cli, ["export", str(folder), "--all", "--format", fmt, "-o", str(tmp_path / fmt)]
        )
        assert result.exit_code == 0, result.output
        for written in (tmp_path / fmt).iterdir():
            assert_no_formula(written.read_text(encoding="utf-8-sig"))
