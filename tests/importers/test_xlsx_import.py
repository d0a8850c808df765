"""Reading a journey workbook back: errors name the sheet, the row and the column."""

from __future__ import annotations

import io

import openpyxl
import pytest

from ple.export import export_journey
from ple.importers.xlsx import read_csv_bytes, read_path, read_workbook_bytes
from ple.io import load_workspace
from ple.sheets.grid import describe
from tests.conftest import SMALL

WORKSPACE = load_workspace(SMALL).workspace


def exported() -> openpyxl.Workbook:
    data = export_journey(WORKSPACE, "retirement", "xlsx")[0].data
    return openpyxl.load_workbook(io.BytesIO(data))


def read(book: openpyxl.Workbook):
    buffer = io.BytesIO()
    book.save(buffer)
    return read_workbook_bytes(buffer.getvalue(), "retirement.xlsx")


def messages(result) -> list[str]:
    return [describe(p) for p in result.problems]


def test_a_bad_word_and_a_bad_number_are_named_by_sheet_row_and_column():
    book = exported()
    book["Transitions"]["E3"] = "lukewarm"
    book["Steps"]["H2"] = "twenty"
    found = messages(read(book))
    assert (
        "retirement.xlsx: sheet Transitions, row 3, column E (handoff): 'lukewarm' is not "
        "one of: automatic, warm, referral, cold (did you mean 'warm'?)"
    ) in found
    assert (
        "retirement.xlsx: sheet Steps, row 2, column H (minutes): expected a number, got 'twenty'"
    ) in found


def test_columns_are_found_by_their_header_wherever_they_are():
    book = exported()
    steps = book["Steps"]
    steps.move_range("A1:A10", cols=30)  # the id column moved to the far right
    result = read(book)
    assert result.ok, messages(result)
    assert [s["id"] for s in result.document["steps"]][:2] == ["check-estimate", "apply-retirement"]
    book["Steps"]["AE3"] = "Bad Id"
    assert (
        "retirement.xlsx: sheet Steps, row 3, column AE (id): 'Bad Id' is not a valid id: "
        "use lowercase letters, digits and hyphens" in messages(read(book))
    )


def test_unknown_columns_and_sheets_are_warnings_and_missing_ones_errors():
    book = exported()
    book["Steps"]["AB1"] = "chanels"
    book.create_sheet("Scratch")
    del book["Stages"]
    result = read(book)
    found = messages(result)
    assert (
        "retirement.xlsx: sheet Steps, row 1, column AB (chanels): warning: unknown "
        "column 'chanels' (did you mean 'channels'?); its values are not read"
    ) in found
    assert any("sheet 'Scratch' is not read" in m for m in found)
    assert result.ok  # references (to the stages now gone) are checked when placing it
    del book["Steps"]
    assert "retirement.xlsx: sheet Steps: the Steps sheet is missing" in messages(read(book))


def test_a_missing_name_points_at_the_empty_cell():
    book = exported()
    book["Steps"]["B4"] = None
    assert (
        "retirement.xlsx: sheet Steps, row 4, column B (name): missing required field 'name'"
    ) in messages(read(book))


def test_the_journey_sheet_is_read_by_field_name():
    book = exported()
    sheet = book["Journey"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row=rows["state"], column=2).value = "someday"
    found = messages(read(book))
    assert (
        f"retirement.xlsx: sheet Journey, row {rows['state']}, column B (state): "
        "'someday' is not one of: current, future"
    ) in found


def test_not_a_workbook_is_one_clear_problem():
    result = read_workbook_bytes(b"id,name\n", "notes.xlsx")
    assert [str(p) for p in result.problems] == [
        "notes.xlsx: not an .xlsx workbook (an .xls file must first be saved as .xlsx)"
    ]


def test_csv_sheets_are_found_by_file_name(tmp_path):
    for artifact in export_journey(WORKSPACE, "retirement", "sheets"):
        name = artifact.suffix.replace(".sheet-", "Retirement - ")
        (tmp_path / f"{name}.csv").write_bytes(artifact.data)
    (tmp_path / "notes.csv").write_text("not a sheet")
    result = read_path(tmp_path / "Retirement - Steps.csv")
    assert result.ok, messages(result)
    assert result.document["id"] == "retirement"
    assert read_path(tmp_path).ok


@pytest.mark.parametrize("cell", ["(none)", ""])
def test_accommodations_keep_unknown_apart_from_none(cell):
    files = {
        "x.sheet-Journey.csv": b"field,value\nid,j\nname,J\n",
        "x.sheet-Steps.csv": f"id,name,agency,accommodations\na,A,ssa,{cell}\n".encode(),
    }
    step = read_csv_bytes(files, "x").document["steps"][0]
    assert step.get("accommodations") == ([] if cell else None)


def listing_cell(book: openpyxl.Workbook) -> openpyxl.cell.Cell:
    programs = book["Programs"]
    column = [c.value for c in programs[1]].index("assistance_listing") + 1
    return programs.cell(row=2, column=column)


def test_the_listing_column_is_formatted_as_text():
    programs = exported()["Programs"]
    cell = listing_cell(exported())
    assert (cell.value, cell.data_type, cell.number_format) == ("96.002", "s", "@")
    assert programs.column_dimensions[cell.column_letter].number_format == "@"


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [(93.575, "93.575"), (97.05, "97.050"), (10.5, "10.500"), ("97.05", "97.050")],
)
def test_a_listing_a_spreadsheet_made_a_number_is_read_as_the_listing(typed, read_as):
    book = exported()
    listing_cell(book).value = typed  # what Excel stores for 93.575 typed into a General cell
    result = read(book)
    assert result.ok, messages(result)
    assert result.document["programs"][0]["assistance_listing"] == read_as


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (123.45, "expected an Assistance Listing number such as 96.002, got the number 123.45"),
        (96.0021, "expected an Assistance Listing number such as 96.002, got the number 96.0021"),
        (
            "96-002",
            "'96-002' is not an Assistance Listing number: two digits, a point and three "
            "digits, e.g. '96.002'",
        ),
    ],
)
def test_a_cell_that_is_no_listing_is_told_the_listings_rule(typed, message):
    book = exported()
    cell = listing_cell(book)
    cell.value = typed
    assert (
        f"retirement.xlsx: sheet Programs, row 2, column {cell.column_letter} "
        f"(assistance_listing): {message}" in " ".join(messages(read(book)))
    )


def test_a_csv_round_trip_through_a_spreadsheet_keeps_the_listing():
    """A spreadsheet opening an exported CSV reads 97.050 as a number and saves 97.05."""
    files = {
        a.suffix.removeprefix(".") + ".csv": a.data
        for a in export_journey(WORKSPACE, "retirement", "sheets")
    }
    programs = files["sheet-Programs.csv"].decode()
    assert "96.002" in programs
    files["sheet-Programs.csv"] = programs.replace("96.002", "97.05").encode()
    result = read_csv_bytes({f"x.{name}": data for name, data in files.items()}, "x")
    assert result.ok, messages(result)
    assert result.document["programs"][0]["assistance_listing"] == "97.050"
