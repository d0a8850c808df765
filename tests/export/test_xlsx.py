"""The spreadsheet exports (``xlsx`` and ``sheets``), read back with openpyxl and the csv
module on their own, then through ``ple import xlsx``'s reader."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ple.export import export_journey
from ple.importers.xlsx import read_csv_bytes, read_workbook_bytes
from ple.io.documents import read_document
from ple.model import Workspace
from ple.sheets.csvfiles import read_csv, write_csv
from tests.cli.test_csv_formulas import FORMULA_START
from tests.export.helpers import JOURNEYS

SHEETS = [
    "Journey",
    "Steps",
    "Transitions",
    "Stages",
    "Personas",
    "BurdenByChannel",
    "AcceptedFindings",
    "Blueprint",
    "Agencies",
    "Programs",
    "DataItems",
    "Touchpoints",
    "Sharing",
    "About",
]


def workbook(workspace: Workspace, journey_id: str) -> openpyxl.Workbook:
    data = export_journey(workspace, journey_id, "xlsx")[0].data
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def test_the_workbook_has_the_sheets_and_one_row_per_step(small_ws):
    book = workbook(small_ws, "retirement")
    assert book.sheetnames == SHEETS
    steps = rows(book["Steps"])
    journey = small_ws.journeys["retirement"]
    assert [r["id"] for r in steps] == [s.id for s in journey.steps]
    assert steps[0]["channels"] == "online; phone"
    assert steps[3]["end"] is True
    moves = rows(book["Transitions"])
    assert sum(len(s.next) for s in journey.steps) == len(moves)
    assert moves[1] == {
        "from": "apply-retirement",
        "to": "get-l564",
        "handoff": "cold",
        "condition": "Kept employer coverage past 65",
        "share": 0.3,
        "shares": None,
        "note": None,
        "evidence": None,
        "evidence_sources": None,
        "evidence_notes": None,
    }
    fields = {r["field"]: r["value"] for r in rows(book["Journey"])}
    assert fields["id"] == "retirement" and fields["lead_agency"] == "ssa"


def test_the_catalog_carries_only_what_the_journey_names(bundled_ws):
    book = workbook(bundled_ws, "approaching-retirement")
    agencies = {r["id"] for r in rows(book["Agencies"])}
    journey = bundled_ws.journeys["approaching-retirement"]
    named = {s.agency for s in journey.steps}
    assert named <= agencies < set(bundled_ws.agencies)
    parents = {bundled_ws.agencies[a].parent for a in agencies} - {None}
    assert parents <= agencies


def test_fixed_words_and_ids_from_other_sheets_have_drop_downs(small_ws):
    book = workbook(small_ws, "retirement")
    checks = {
        (v.formula1, str(v.sqref)): v for v in book["Transitions"].data_validations.dataValidation
    }
    handoff = checks[('"automatic,warm,referral,cold"', "E2:E1048576")]
    assert handoff.errorStyle in (None, "stop")  # another word is refused
    target = checks[("=Steps!$A$2:$A$1048576", "B2:B1048576")]
    assert target.errorStyle == "warning"  # an id not added yet is only a warning
    journey_checks = {v.formula1 for v in book["Journey"].data_validations.dataValidation}
    assert '"current,future"' in journey_checks
    agency_checks = {v.formula1 for v in book["Agencies"].data_validations.dataValidation}
    assert '"federal,state,local,tribal,private"' in agency_checks
    assert '"TRUE,FALSE"' in agency_checks


def test_text_that_looks_like_a_formula_stays_text(hostile_ws, tmp_path):
    data = export_journey(hostile_ws, "hostile", "xlsx")[0].data
    book = openpyxl.load_workbook(io.BytesIO(data))
    names = [c.value for c in book["Steps"]["B"][1:]]
    assert all(isinstance(n, str) for n in names)
    assert all(c.data_type == "s" for c in book["Steps"]["B"][1:])


def test_the_same_journey_gives_the_same_bytes(small_ws):
    first = export_journey(small_ws, "retirement", "xlsx")[0].data
    assert export_journey(small_ws, "retirement", "xlsx")[0].data == first


@pytest.mark.parametrize(("workspace", "journey_id"), JOURNEYS)
def test_export_then_import_gives_the_same_journey(workspace, journey_id, request):
    ws = request.getfixturevalue(workspace)
    for fmt in ("xlsx", "sheets"):
        artifacts = export_journey(ws, journey_id, fmt)
        if fmt == "xlsx":
            read = read_workbook_bytes(artifacts[0].data, "book.xlsx")
        else:
            read = read_csv_bytes(
                {f"{journey_id}{a.suffix}.csv": a.data for a in artifacts}, "sheets"
            )
        assert read.ok, [str(p) for p in read.problems]
        entries = read_document(read.document, "x").entries
        journey = entries[0].item
        assert journey == ws.journeys[journey_id], fmt
        for entry in entries[1:]:
            kind = {
                "agencies": ws.agencies,
                "programs": ws.programs,
                "data_items": ws.data_items,
                "touchpoints": ws.touchpoints,
                "sharing": ws.sharing,
            }[entry.kind]
            assert entry.item == kind[entry.item.id]


def test_each_sheet_is_a_csv_file_with_a_header(small_ws):
    artifacts = export_journey(small_ws, "retirement", "sheets")
    assert [a.suffix for a in artifacts] == [f".sheet-{s}" for s in SHEETS[:-1]]
    steps = next(a for a in artifacts if a.suffix == ".sheet-Steps")
    assert steps.data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with this mark
    table = list(csv.DictReader(io.StringIO(steps.data.decode("utf-8-sig"))))
    assert [r["id"] for r in table][:2] == ["check-estimate", "apply-retirement"]
    assert table[0]["languages"] == "en; es"


def test_a_csv_cell_that_looks_like_a_formula_gets_an_apostrophe_and_loses_it_again():
    text = write_csv([["name", "sentiment"], ['=HYPERLINK("x")', -2], ["-2 days", None]])
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[1] == '"\'=HYPERLINK(""x"")",-2'  # the number stays a number
    assert lines[2] == "'-2 days,"
    # (blank cells at the end of a row are not kept: a missing cell reads as blank)
    assert read_csv(text, "x.csv") == [
        ["name", "sentiment"],
        ['=HYPERLINK("x")', "-2"],
        ["-2 days"],
    ]


def test_every_blueprint_and_evidence_field_survives_a_workbook(write):
    """The journey of tests/io/test_blueprint_fields.py, with every new field, through a
    workbook: openpyxl sees the rows, and the import gives back the same journey."""
    from ple.io import load_workspace
    from tests.io.test_blueprint_fields import DETAIL, JOURNEY, TOUCHPOINTS

    write("catalog.yaml", TOUCHPOINTS)
    write("detail.yaml", DETAIL)
    workspace = load_workspace(write("retire.yaml", JOURNEY)).workspace
    book = workbook(workspace, "retire")
    blueprint = rows(book["Blueprint"])
    assert [(r["step"], r["row"], r["text"], r["agency"], r["system"]) for r in blueprint] == [
        ("apply", "frontstage", "Claims specialist interviews the customer", None, None),
        ("apply", "backstage", "Earnings record checked", None, "Master Earnings File"),
        ("apply", "support", "Medicare enrolment passed on", "cms", None),
    ]
    touchpoints = {r["id"]: r for r in rows(book["Touchpoints"])}
    assert touchpoints["ssa-1"]["omb_control_number"] == "0960-0618"
    step = rows(book["Steps"])[0]
    assert (step["touchpoints"], step["moment_that_matters"], step["detail"]) == (
        "ssa-1; ssa-phone",
        True,
        "retire-apply",
    )
    assert (step["evidence"], step["burden_evidence"], step["measures_evidence"]) == (
        "observed",
        "reported",
        "assumed",
    )
    assert rows(book["Transitions"])[0]["evidence"] == "assumed"

    data = export_journey(workspace, "retire", "xlsx")[0].data
    read = read_workbook_bytes(data, "book.xlsx")
    assert read.ok, [str(p) for p in read.problems]
    entries = read_document(read.document, "back").entries
    journey = next(e.item for e in entries if e.kind == "journeys")
    assert journey == workspace.journeys["retire"]
    back = {e.item.id: e.item for e in entries if e.kind == "touchpoints"}
    assert back == workspace.touchpoints


@pytest.mark.parametrize(
    "text",
    ["=1+2", "+1", "-1 day", "@SUM(A1)", "\t=1", "\r=1", "'=quoted", "'plain", "''", "plain"],
)
def test_every_formula_start_is_guarded_and_every_text_reads_back(text: str):
    data = write_csv([["name", "sentiment"], [text, -2]])
    [_header, row] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert row[1] == "-2"  # a number stays a number, negative or not
    assert not row[0].startswith(FORMULA_START), row
    assert read_csv(data, "x.csv")[1][0] == text
