"""A workbook saved by LibreOffice Calc after deleting a row imports like the one exported.

LibreOffice then stores an empty row 1,048,576 (Excel's last row) on the sheet; the size
limits count rows that hold something, so that row costs nothing. Two workbooks made by
LibreOffice itself: one committed (LibreOffice 7.4, made with
``tests/fixtures/libreoffice/edit.py`` from ``ple export`` of the small fixture's
retirement journey), read on every run, and one made now from today's export when
LibreOffice and its Python bridge are installed (skipped otherwise; the synthetic empty
last row of ``test_hostile_inputs.py`` covers the same shape without it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace

FIXTURES = Path(__file__).parents[1] / "fixtures" / "libreoffice"
SAVED_BY_LIBREOFFICE = FIXTURES / "retirement-row-deleted.xlsx"
UNO_PYTHON = Path("/usr/bin/python3")
"""Debian's Python, which imports LibreOffice's bridge (package python3-uno)."""


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def last_row_of_steps(workbook: Path) -> int:
    """The highest row number the Steps sheet's XML stores, read without openpyxl."""
    with zipfile.ZipFile(workbook) as book:
        relation = dict(
            re.findall(
                r'<sheet name="([^"]+)"[^>]*r:id="([^"]+)"', book.read("xl/workbook.xml").decode()
            )
        )["Steps"]
        rels = book.read("xl/_rels/workbook.xml.rels").decode()
        target = next(
            t
            for i, t in re.findall(r'<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"', rels)
            if i == relation
        )
        xml = book.read("xl/" + target.removeprefix("/xl/")).decode()
    return max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))


def imports_as_the_small_fixture(workbook: Path, small: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(small, folder)
    result = run("import", "xlsx", workbook, "-o", folder, "--replace")
    assert result.exit_code == 0, result.output
    assert "rows" not in result.output
    assert (
        load_workspace(folder).workspace.journeys["retirement"]
        == load_workspace(small).workspace.journeys["retirement"]
    )


def test_the_workbook_libreoffice_saved_imports(small, tmp_path):
    with zipfile.ZipFile(SAVED_BY_LIBREOFFICE) as book:
        assert "<Application>LibreOffice" in book.read("docProps/app.xml").decode()
    assert last_row_of_steps(SAVED_BY_LIBREOFFICE) == 1_048_576
    imports_as_the_small_fixture(SAVED_BY_LIBREOFFICE, small, tmp_path)


def _libreoffice_with_bridge() -> bool:
    if shutil.which("soffice") is None or not UNO_PYTHON.exists():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.mark.skipif(
    not _libreoffice_with_bridge(),
    reason="needs LibreOffice Calc and python3-uno (apt-get install "
    "libreoffice-calc-nogui python3-uno)",
)
def test_todays_export_saved_by_libreoffice_after_deleting_a_row_imports(small, tmp_path):
    exported, saved = tmp_path / "exported.xlsx", tmp_path / "saved.xlsx"
    assert (
        run(
            "export", small, "--journey", "retirement", "--format", "xlsx", "-o", exported
        ).exit_code
        == 0
    )
    subprocess.run(
        [UNO_PYTHON, FIXTURES / "edit.py", exported, saved, "delete-row", "Steps"],
        check=True,
        timeout=180,
    )
    assert last_row_of_steps(saved) == 1_048_576
    imports_as_the_small_fixture(saved, small, tmp_path)


@pytest.mark.skipif(
    not _libreoffice_with_bridge(),
    reason="needs LibreOffice Calc and python3-uno (apt-get install "
    "libreoffice-calc-nogui python3-uno)",
)
def test_a_listing_typed_in_libreoffice_stays_text(small, tmp_path):
    import openpyxl

    exported, saved = tmp_path / "exported.xlsx", tmp_path / "saved.xlsx"
    assert (
        run(
            "export", small, "--journey", "retirement", "--format", "xlsx", "-o", exported
        ).exit_code
        == 0
    )
    header = [c.value for c in openpyxl.load_workbook(exported)["Programs"][1]]
    place = f"{openpyxl.utils.get_column_letter(header.index('assistance_listing') + 1)}3"
    subprocess.run(
        [UNO_PYTHON, FIXTURES / "edit.py", exported, saved, "type", "Programs", place, "93.575"],
        check=True,
        timeout=180,
    )
    cell = openpyxl.load_workbook(saved)["Programs"][place]
    assert (cell.value, cell.data_type) == ("93.575", "s")
    folder = tmp_path / "ws"
    shutil.copytree(small, folder)
    result = run("import", "xlsx", saved, "-o", folder, "--replace")
    assert result.exit_code == 0, result.output
    assert (
        load_workspace(folder).workspace.programs["medicare-part-b"].assistance_listing == "93.575"
    )
