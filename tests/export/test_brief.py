"""The Markdown brief, read back line by line with GitHub-flavoured Markdown's table
rules: a ``|`` ends a cell unless a backslash escapes it, and a backslash escapes the
character after it (so ``\\|`` is a backslash and then the end of the cell). What a cell
shows is read with GitHub's own renderer (:mod:`tests.markdown`)."""

from __future__ import annotations

import re

import pytest

from ple.export import EXPORTERS, Artifact, Exporter, export_journey
from ple.model import Workspace
from tests.conftest import CATALOG
from tests.export.helpers import JOURNEYS, export_text, load
from tests.markdown import images, links, render, shown_as

CELL = re.compile(r"(?:\\.|[^|\\])*")


def split_row(line: str) -> list[str]:
    """The raw cells of a table row (GFM: an escaped pipe does not split)."""
    assert line.startswith("|") and line.endswith("|"), line
    body, cells, at = line[1:-1], [], 0
    while True:
        cell = CELL.match(body, at)
        cells.append(cell[0].strip())
        at = cell.end()
        if at >= len(body):
            return cells
        assert body[at] == "|"
        at += 1


def cell_text(cell: str) -> str:
    """A cell as a reader sees it (GFM reads ``\\|`` in a cell as ``|``, even in code)."""
    return shown_as(cell)


def tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every table as (header cells, rows of cells), checked for a well-formed shape."""
    found, lines = [], text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|")):
            header = split_row(line)
            assert re.fullmatch(r"\|(?:-{3,}\|)+", lines[i + 1]), lines[i + 1]
            assert len(split_row(lines[i + 1])) == len(header)
            rows = []
            for row_line in lines[i + 2 :]:
                if not row_line.startswith("|"):
                    break
                row = split_row(row_line)
                assert len(row) == len(header), row_line
                rows.append(row)
            found.append((header, rows))
    return found


def flat(text: str) -> str:
    """Text as Markdown shows it: on one line, runs of spaces as one."""
    return " ".join(text.split())


@pytest.fixture(params=JOURNEYS, ids=[j for _, j in JOURNEYS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, str]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    return workspace, journey_id, export_text(workspace, journey_id, "md")


def test_headings(case) -> None:
    workspace, journey_id, text = case
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert cell_text(headings[0].removeprefix("# ")) == flat(workspace.journeys[journey_id].name)
    assert headings[1] == "## Summary"
    assert headings[2] == "## Equity: who cannot finish"
    assert re.fullmatch(r"## Gap findings \(\d+ open\)", headings[3])
    sources = ["## Sources"] if workspace.journeys[journey_id].sources else []
    assert headings[4:] == ["## Steps", *sources]


def test_tables(case) -> None:
    workspace, journey_id, text = case
    (equity_header, walks), (findings_header, findings), (steps_header, steps) = tables(text)
    assert equity_header[:3] == ["persona", "completes", "blocked at"]
    assert [row[0] for row in walks][:4] == [
        "No home internet",
        "Limited English (Spanish only)",
        "Cannot travel",
        "Screen reader user",
    ]
    assert findings_header == ["severity", "rule", "finding", "suggestion"]
    open_count = int(re.search(r"## Gap findings \((\d+) open\)", text)[1])
    assert len(findings) == open_count
    assert [cell_text(c) for c in steps_header] == [
        "#",
        "step",
        "agency",
        "channels",
        "minutes",
        "asks for",
    ]
    journey = workspace.journeys[journey_id]
    assert [cell_text(row[1]) for row in steps] == [flat(s.name) for s in journey.steps]
    assert [cell_text(row[2]) for row in steps] == [
        flat(workspace.agency_label(s.agency)) for s in journey.steps
    ]


def test_hostile_text_is_escaped(hostile_ws: Workspace) -> None:
    text = export_text(hostile_ws, "hostile", "md")
    journey = hostile_ws.journeys["hostile"]
    assert "<" not in text and ">" not in text.replace("&gt;", "")  # no raw HTML at all
    rendered = render(text)
    assert "<script" not in rendered
    assert links(rendered) == []  # the journey has no sources: no link at all
    assert images(rendered) in ([], ["hostile-swimlane.png"])  # only the map beside it
    (_, walks), (_, findings), (_, steps) = tables(text)  # pipes escaped: rows keep shape
    assert len(walks) == 4 + sum(1 for p in journey.personas if p.can_use or p.needs)
    assert [cell_text(row[1]) for row in steps] == [flat(s.name) for s in journey.steps]
    assert [row[4] for row in steps] == ["0.0", "", ""]  # zero minutes is not unknown
    assert findings and all(r"\|" in row[2] for row in findings)
    assert cell_text(text.split("\n")[0].removeprefix("# ")) == flat(journey.name)


def test_backslash_before_a_pipe_does_not_end_the_cell(write) -> None:
    folder = write("catalog.yaml", CATALOG)
    write(
        "journeys/j.yaml",
        r"""
        id: j
        name: 'Paths: C:\temp\| and \'
        steps:
          - {id: a, name: 'C:\temp\|x and a trailing \', agency: ssa}
    """,
    )
    workspace = load(folder)
    [_, (_, _), (_, [row])] = tables(export_text(workspace, "j", "md"))
    assert cell_text(row[1]) == "C:\\temp\\|x and a trailing \\"


def test_links_the_swimlane_picture_when_there_is_one(small_ws, monkeypatch) -> None:
    """With a ``png`` exporter registered, the brief names the picture and ships it."""
    export_journey(small_ws, "retirement", "md")  # registers the built-in formats first
    fake = Exporter(
        "png",
        ".png",
        "image/png",
        lambda context: [Artifact(b"\x89PNG fake")],
        "test double",
        lambda: True,
    )
    monkeypatch.setitem(EXPORTERS, "png", fake)
    brief, picture = export_journey(small_ws, "retirement", "md")
    assert picture.filename == "retirement-swimlane.png" and picture.data == b"\x89PNG fake"
    assert "![Swimlane map of Approaching retirement (test)](retirement-swimlane.png)" in (
        brief.data.decode()
    )


def test_sources_are_the_only_links_and_only_to_web_addresses(write) -> None:
    folder = write("catalog.yaml", CATALOG)
    write(
        "journeys/j.yaml",
        """
        id: j
        name: '[Re-enter your PIV PIN](http://evil.example/pin)'
        sources:
          - https://www.performance.gov/cx/life-experiences/
          - 'javascript:alert(1)'
          - Interviews with 12 retirees, 2024
        steps:
          - {id: a, name: '![x](http://evil.example/x.png)', agency: ssa}
    """,
    )
    rendered = render(export_text(load(folder), "j", "md"))
    assert links(rendered) == ["https://www.performance.gov/cx/life-experiences/"]
    assert images(rendered) in ([], ["j-swimlane.png"])  # only the map beside the brief
    assert "javascript:alert(1)</li>" in rendered and "Interviews with 12 retirees" in rendered


def test_a_time_tax_range_comes_with_its_central_estimate_and_assumption(bundled_ws) -> None:
    text = flat(export_text(bundled_ws, "recovering-from-a-disaster", "md"))
    assert (
        "- Time tax: 632,500 to 35,282,500 hours a year (3,300,000 people a year x 0.19 "
        "to 10.69 hours each;"
    ) in text
    assert (
        "a central estimate is 15,482,500, which assumes that at a fork, half the people "
        "take each branch that has a condition but no share"
    ) in text
