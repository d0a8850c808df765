"""Journeys a format cannot hold are refused with a message that names the limit, or the
format leaves out what it cannot draw and says so; nothing is written half.

The limits are lowered for these tests (:mod:`ple.limits` holds their values), so the
small fixture journey stands for a journey too large to draw. The real shapes, through
the command line, are in ``tests/cli/test_hostile_exports.py``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from ple import limits
from ple.export import ExportRefused, export_journey, export_refusal
from ple.model import Workspace
from tests.conftest import CATALOG
from tests.export.helpers import load
from tests.markdown import shown_as

PICTURES = ["svg", "png", "pdf"]


def lower(monkeypatch: pytest.MonkeyPatch, name: str, value: int) -> None:
    monkeypatch.setattr(limits, name, replace(getattr(limits, name), value=value))


@pytest.mark.parametrize("fmt", PICTURES)
def test_a_picture_past_the_printed_limit_is_refused_before_drawing(
    fmt: str, small_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    lower(monkeypatch, "PRINTED_STEPS", 3)
    steps = len(small_ws.journeys["retirement"].steps)
    reason = export_refusal(small_ws, "retirement", fmt)
    assert reason and reason.startswith(
        f"the journey has {steps} steps, over the limit of 3 steps per printed map (set "
        "PLE_MAX_PRINTED_STEPS to raise it); the html export draws maps"
    )
    with pytest.raises(ExportRefused, match=f"^journey 'retirement' as {fmt}: the journey "):
        export_journey(small_ws, "retirement", fmt)


def test_within_the_limits_nothing_is_refused(small_ws: Workspace) -> None:
    from ple.export import all_exporters

    assert {
        fmt: export_refusal(small_ws, "retirement", fmt) for fmt in all_exporters()
    } == dict.fromkeys(all_exporters())


def test_a_png_under_the_least_resolution_is_refused(small_ws, monkeypatch) -> None:
    monkeypatch.setattr(limits, "PNG_DPI", 1_000)
    with pytest.raises(
        ExportRefused,
        match=r"would draw it at 150\.0 dots per inch, under "
        r"the limit of 1000 dots per inch",
    ):
        export_journey(small_ws, "retirement", "png")


def test_the_brief_goes_without_a_map_it_cannot_draw(small_ws, monkeypatch) -> None:
    lower(monkeypatch, "PRINTED_MOVES", 2)
    [brief] = export_journey(small_ws, "retirement", "md")
    text = brief.data.decode()
    assert "*No swimlane map: the journey has" in text
    shown = shown_as(text)  # as a reader sees it (the brief escapes what it quotes)
    assert "over the limit of 2 moves per printed map (set PLE_MAX_PRINTED_MOVES" in shown
    assert "## Steps" in text


def test_the_html_page_goes_without_a_map_it_cannot_draw(small_ws, monkeypatch) -> None:
    lower(monkeypatch, "MAP_STEPS", 2)
    [page] = export_journey(small_ws, "retirement", "html")
    text = page.data.decode()
    assert "No map: the journey has" in text and "over the limit of 2 steps per map" in text
    assert "ple-canvas" not in text.split("<body>")[1].split("<h2>Steps")[0]
    for step in small_ws.journeys["retirement"].steps:
        assert step.name in text


@pytest.fixture(scope="module")
def bell_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A journey whose name and one step hold control characters."""
    folder = tmp_path_factory.mktemp("bell")
    (folder / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (folder / "bell.yaml").write_text(
        'id: bell\nname: "Ring \\a twice"\nsteps:\n'
        '  - {id: s, name: "Step \\x1b one", agency: ssa, end: true}\n',
        encoding="utf-8",
    )
    return load(folder)


def test_a_workbook_refuses_a_control_character_at_its_cell(bell_ws: Workspace) -> None:
    expected = (
        "sheet Journey, cell B3 (name): the text holds the control character U+0007, "
        "which an xlsx file cannot store: 'Ring \\x07 twice'; remove it from the "
        "journey, or export csv, sheets or yaml, which keep it"
    )
    assert export_refusal(bell_ws, "bell", "xlsx") == expected
    with pytest.raises(ExportRefused) as refused:
        export_journey(bell_ws, "bell", "xlsx")
    assert str(refused.value) == f"journey 'bell' as xlsx: {expected}"


@pytest.mark.parametrize("fmt", ["csv", "sheets", "yaml", "json", *PICTURES])
def test_other_formats_keep_or_draw_control_characters(bell_ws: Workspace, fmt: str) -> None:
    assert export_journey(bell_ws, "bell", fmt)


def test_the_comparison_page_goes_without_a_map_it_cannot_draw(write, monkeypatch) -> None:
    from ple.compare import compare_journeys
    from ple.export.comparison import comparison_page
    from tests.compare.conftest import PROPOSED, TODAY
    from tests.compare.conftest import load as load_pair

    workspace = load_pair(write, ("today.yaml", TODAY), ("proposed.yaml", PROPOSED))
    lower(monkeypatch, "MAP_STEPS", 2)
    page = comparison_page(workspace, compare_journeys(workspace, "today", "proposed"))
    assert "No map: the journey has" in page and "over the limit of 2 steps per map" in page
