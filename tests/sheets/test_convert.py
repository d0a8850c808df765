"""Journeys as tables and back: nothing lost, and every value's cell remembered."""

from __future__ import annotations

import pytest

from ple.importers.xlsx import read_workbook_bytes
from ple.io import load_workspace
from ple.io.documents import read_document
from ple.model import Sharing
from ple.sheets.closure import needed_catalog, plain
from ple.sheets.convert import (
    Cell,
    Split,
    catalog_to_tables,
    journey_to_tables,
    tables_to_catalog,
    tables_to_journey,
)
from ple.sheets.grid import describe, grids_to_tables, tables_to_grids
from ple.sheets.workbook import read_workbook, write_workbook
from tests.conftest import DATA, SMALL

BUNDLED = load_workspace(DATA).workspace
SMALL_WS = load_workspace(SMALL).workspace


def back_to_model(tables):
    built = tables_to_journey(tables)
    assert built.problems == []
    content = read_document(built.document, "tables")
    assert content.problems == []
    return content.entries


@pytest.mark.parametrize("journey_id", sorted(BUNDLED.journeys))
def test_every_bundled_journey_survives_the_tables(journey_id):
    journey = BUNDLED.journeys[journey_id]
    split = journey_to_tables(plain(journey), needed_catalog(BUNDLED, journey))
    assert split.left_out == []
    entries = back_to_model(split.tables)
    assert entries[0].item == journey
    catalog = {e.item.id: e.item for e in entries[1:]}
    assert all(
        catalog[a["id"]] == BUNDLED.agencies[a["id"]]
        for a in needed_catalog(BUNDLED, journey)["agencies"]
    )


def test_transitions_are_rows_of_their_own_in_order():
    split = journey_to_tables(plain(SMALL_WS.journeys["retirement"]))
    moves = split.tables["Transitions"]
    assert [(m["from"], m["to"]) for m in moves] == [
        ("check-estimate", "apply-retirement"),
        ("apply-retirement", "get-l564"),
        ("apply-retirement", "enroll-part-b"),
        ("get-l564", "enroll-part-b"),
    ]
    assert moves[1]["handoff"] == "cold" and moves[1]["share"] == 0.3
    assert moves[2]["shares"] == ["ssn"]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers():
    tables = journey_to_tables(plain(SMALL_WS.journeys["retirement"])).tables
    tables["Steps"].insert(1, {"id": None, "name": "  "})
    built = tables_to_journey(tables)
    assert len(built.document["steps"]) == 4
    assert built.cell_of(("steps", 1, "agency")) == Cell("Steps", 2, "agency")


def test_a_value_is_traced_to_its_cell_even_inside_a_handoff():
    built = tables_to_journey(journey_to_tables(plain(SMALL_WS.journeys["retirement"])).tables)
    assert built.cell_of(("steps", 1, "next", 1, "handoff", "shares", 0)) == Cell(
        "Transitions", 2, "shares"
    )
    assert built.cell_of(("steps", 1, "next", 0, "handoff", "type")) == Cell(
        "Transitions", 1, "handoff"
    )
    assert built.cell_of(("steps", 0, "burden", "minutes")) == Cell("Steps", 0, "minutes")
    assert built.cell_of(("volume", "source")) == Cell("Journey", 0, "volume_source")


def test_unreadable_cells_and_moves_from_unknown_steps_are_cell_problems():
    tables = journey_to_tables(plain(SMALL_WS.journeys["retirement"])).tables
    tables["Steps"][0]["minutes"] = "twenty"
    tables["Transitions"].append({"from": "check-estimat", "to": "get-l564"})
    built = tables_to_journey(tables)
    found = {(p.cell, p.message.split(";")[0]) for p in built.problems}
    assert (Cell("Steps", 0, "minutes"), "expected a number, got 'twenty'") in found
    assert (
        Cell("Transitions", 4, "from"),
        "unknown step 'check-estimat' (did you mean 'check-estimate'?)",
    ) in found


def test_unknown_is_kept_apart_from_none():
    tables = {
        "Journey": [{"id": "j", "name": "J"}],
        "Steps": [
            {
                "id": "a",
                "name": "A",
                "agency": "x",
                "channels": None,
                "accommodations": "(none)",
                "languages": ["(none)"],
            }
        ],
    }
    step = tables_to_journey(tables).document["steps"][0]
    assert "channels" not in step
    assert step["accommodations"] == [] and step["languages"] == []


def test_parts_the_tables_cannot_show_are_named_not_dropped():
    split = journey_to_tables(
        {
            "id": "j",
            "name": "J",
            "steps": [
                {
                    "id": "a",
                    "name": "A",
                    "agency": "x",
                    "chanels": ["phone"],
                    "burden": {"minutes": 3, "hours": 1},
                }
            ],
        }
    )
    assert split.left_out == [("steps", 0, "chanels"), ("steps", 0, "burden", "hours")]


def test_the_catalog_as_tables_and_back():
    catalog = {
        "agencies": [plain(a) for a in SMALL_WS.agencies.values()],
        "programs": [plain(p) for p in SMALL_WS.programs.values()],
        "data_items": [plain(d) for d in SMALL_WS.data_items.values()],
    }
    built = tables_to_catalog(catalog_to_tables(catalog))
    assert built.problems == []
    items = {e.item.id: e.item for e in read_document(built.document, "t").entries}
    assert items["cms"] == SMALL_WS.agencies["cms"]
    assert items["ssa-retirement"] == SMALL_WS.programs["ssa-retirement"]


def test_an_unticked_flag_writes_nothing():
    """A spreadsheet or the app's tables fill a TRUE/FALSE column with FALSE on every row;
    FALSE and empty both mean the default, so no `moment_that_matters: false` (nor
    `end: false`) appears in a file that did not have it."""
    tables = journey_to_tables(plain(SMALL_WS.journeys["retirement"])).tables
    for row in tables["Steps"]:
        row.setdefault("end", False)
        row["moment_that_matters"] = False
    tables["Steps"][0]["moment_that_matters"] = True
    steps = tables_to_journey(tables).document["steps"]
    assert [("moment_that_matters" in s, "end" in s) for s in steps] == [
        (True, False),
        (False, False),
        (False, False),
        (False, True),
    ]


SHARING = [
    {
        "data_item": "ssn",
        "from": "ssa",
        "to": "cms",
        "basis": "permitted",
        "authority": {
            "kind": "matching-agreement",
            "citation": "SSA-CMS CMA 2306",
            "title": "Computer matching agreement; SSA and CMS",
        },
        "sources": ["https://www.ssa.gov/privacy/cma.html", "Federal Register, 2023"],
        "notes": "For Medicare enrolment only; renewed every 18 months.",
    },
    {
        "data_item": "ssn",
        "from": "cms",
        "to": "ssa",
        "basis": "agreement-needed",
        "authority": {"kind": "statute", "citation": "5 U.S.C. 552a(o)"},
    },
    {"data_item": "birth-certificate", "from": "hhs", "to": "ssa", "basis": "unknown"},
]


def test_a_sharing_record_is_one_row_with_its_authority_in_three_columns():
    split = Split({})
    rows = catalog_to_tables({"sharing": SHARING}, split)["Sharing"]
    assert split.left_out == []
    assert rows[0] == {
        "data_item": "ssn",
        "from": "ssa",
        "to": "cms",
        "basis": "permitted",
        "authority_kind": "matching-agreement",
        "authority_citation": "SSA-CMS CMA 2306",
        "authority_title": "Computer matching agreement; SSA and CMS",
        "sources": ["https://www.ssa.gov/privacy/cma.html", "Federal Register, 2023"],
        "notes": "For Medicare enrolment only; renewed every 18 months.",
    }
    assert rows[2] == {
        "data_item": "birth-certificate",
        "from": "hhs",
        "to": "ssa",
        "basis": "unknown",
    }


def test_hand_built_sharing_records_survive_a_workbook():
    """Through the xlsx file itself: written by openpyxl, read back cell by cell."""
    grids = tables_to_grids(catalog_to_tables({"sharing": SHARING}))
    read = grids_to_tables(read_workbook(write_workbook(grids), "book.xlsx"), "book.xlsx")
    built = tables_to_catalog(read.tables)
    assert built.problems == []
    assert built.document["sharing"] == SHARING
    back = [e.item for e in read_document(built.document, "book.xlsx").entries]
    assert back == [Sharing.model_validate(record) for record in SHARING]


def test_every_bundled_sharing_record_survives_a_workbook():
    records = [plain(r) for r in BUNDLED.sharing.values()]
    assert len(records) >= 10
    grids = tables_to_grids(catalog_to_tables({"sharing": records}))
    read = grids_to_tables(read_workbook(write_workbook(grids), "book.xlsx"), "book.xlsx")
    built = tables_to_catalog(read.tables)
    assert built.problems == []
    back = {e.item.id: e.item for e in read_document(built.document, "book.xlsx").entries}
    assert back == BUNDLED.sharing


def test_a_bad_basis_is_named_at_its_sheet_row_and_column():
    """Read as ple import xlsx reads: the journey's workbook with one sharing record
    whose basis is not a word of the list."""
    journey = SMALL_WS.journeys["retirement"]
    tables = journey_to_tables(plain(journey), needed_catalog(SMALL_WS, journey)).tables
    tables["Sharing"] = [
        {"data_item": "ssn", "from": "ssa", "to": "cms", "basis": "allowed"},
    ]
    data = write_workbook(tables_to_grids(tables))
    read = read_workbook_bytes(data, "retirement.xlsx")
    [problem] = [p for p in read.problems if p.severity.value == "error"]
    assert (problem.path, problem.line, problem.value) == (("Sharing", "basis"), 2, "allowed")
    assert describe(problem) == (
        "retirement.xlsx: sheet Sharing, row 2, column D (basis): "
        "'allowed' is not one of: permitted, agreement-needed, prohibited, unknown"
    )
