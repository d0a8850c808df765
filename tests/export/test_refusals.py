"""Journeys a format cannot hold are refused with a message that says why; nothing is
written half."""

from __future__ import annotations

import pytest

from ple.export import ExportRefused, export_journey, export_refusal
from ple.model import Workspace
from tests.conftest import CATALOG
from tests.export.helpers import load

PICTURES = ["svg", "png", "pdf"]


@pytest.fixture(scope="module")
def bell_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A journey whose name and one step hold control characters."""
    folder = tmp_path_factory.mktemp("bell")
    (folder / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / "bell.yaml").write_text(
        'id: bell\nname: "Ring \\a twice"\nsteps:\n'
        '  - {id: s, name: "Step \\x1b one", agency: ssa, end: true}\n', encoding="utf-8")
    return load(folder)


def test_a_workbook_refuses_a_control_character_at_its_cell(bell_ws: Workspace) -> None:
    expected = ("sheet Journey, cell B3 (name): the text holds the control character U+0007, "
                "which an xlsx file cannot store: 'Ring \\x07 twice'; remove it from the "
                "journey, or export csv, sheets or yaml, which keep it")
    assert export_refusal(bell_ws, "bell", "xlsx") == expected
    with pytest.raises(ExportRefused) as refused:
        export_journey(bell_ws, "bell", "xlsx")
    assert str(refused.value) == f"journey 'bell' as xlsx: {expected}"


@pytest.mark.parametrize("fmt", ["csv", "sheets", "yaml", "json", *PICTURES])
def test_other_formats_keep_or_draw_control_characters(bell_ws: Workspace, fmt: str) -> None:
    assert export_journey(bell_ws, "bell", fmt)
