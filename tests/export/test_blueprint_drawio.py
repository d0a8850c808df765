"""The service blueprint as draw.io, read back with lxml as diagrams.net reads an mxGraph
model: a cell's geometry is relative to its parent's, so every card must lie inside its
row's container, below nothing it does not belong to. The draw.io checks of the journey
map (tests/export/test_drawio.py) run on it too."""

from __future__ import annotations

import html
import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from lxml import etree

from ple.diagram.blueprint import ROW_TITLES, ROWS
from ple.model import Workspace
from tests.export import test_drawio as map_checks
from tests.export.helpers import JOURNEYS, export_text

BLUEPRINTS = [
    ("bundled_ws", "having-a-child"),
    ("bundled_ws", "approaching-retirement"),
    *JOURNEYS[:3],
]
"""Two bundled journeys with blueprint rows, and the small and hostile journeys."""


@pytest.fixture(params=BLUEPRINTS, ids=[j for _, j in BLUEPRINTS])
def case(request: pytest.FixtureRequest) -> tuple[Workspace, str, str]:
    fixture, journey_id = request.param
    workspace = request.getfixturevalue(fixture)
    text = export_text(workspace, journey_id, "blueprint-drawio", "-blueprint")
    return workspace, journey_id, text


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def holds(self, other: Box, slack: float = 0.5) -> bool:
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.x + other.w <= self.x + self.w + slack
            and other.y + other.h <= self.y + self.h + slack
        )


class Model:
    """The mxGraph model of a file: its cells by id, and where each vertex is on the page."""

    def __init__(self, text: str) -> None:
        self.tree = etree.fromstring(text.encode())
        self.cells: dict[str, etree._Element] = {}
        self.objects: dict[str, etree._Element] = {}
        for child in self.tree.find("diagram/mxGraphModel/root"):
            cell = child if child.tag == "mxCell" else child.find("mxCell")
            self.cells[child.get("id")] = cell
            if child.tag == "UserObject":
                self.objects[child.get("id")] = child

    def relative(self, cell_id: str) -> Box:
        geometry = self.cells[cell_id].find("mxGeometry")
        return Box(*(float(geometry.get(k, 0)) for k in ("x", "y", "width", "height")))

    def absolute(self, cell_id: str) -> Box:
        box = self.relative(cell_id)
        parent = self.cells[cell_id].get("parent")
        if parent in ("0", "1"):
            return box
        outer = self.absolute(parent)
        return Box(outer.x + box.x, outer.y + box.y, box.w, box.h)

    def style(self, cell_id: str) -> dict[str, str]:
        return dict(
            part.partition("=")[::2]
            for part in self.cells[cell_id].get("style", "").split(";")
            if part
        )


def text_of(label: str) -> str:
    return html.unescape(
        label.replace("<br>", " ")
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("<i>", "")
        .replace("</i>", "")
    )


def test_the_journey_maps_draw_io_checks_pass(case) -> None:
    workspace, journey_id, text = case
    root = ET.fromstring(text)
    map_checks.test_structure((workspace, journey_id, root))
    map_checks.test_ids_are_unique_and_parents_exist((workspace, journey_id, root))


def test_rows_are_swimlane_containers_in_shostacks_order(case) -> None:
    _, _, text = case
    model = Model(text)
    rows = [i for i in model.cells if i.startswith("row-")]
    assert rows == [f"row-{row}" for row in ROWS]
    tops = []
    for row_id in rows:
        assert "swimlane" in model.style(row_id)
        assert model.cells[row_id].get("parent") == "1"
        assert text_of(model.cells[row_id].get("value")) == ROW_TITLES[row_id[4:]]
        tops.append(model.absolute(row_id))
    for upper, lower in itertools.pairwise(tops):
        assert upper.y + upper.h <= lower.y + 0.5  # stacked, never overlapping
    lines = [text_of(c.get("value")) for i, c in model.cells.items() if i.startswith("line-")]
    assert lines == ["Line of interaction", "Line of visibility", "Line of internal interaction"]


def test_every_card_lies_inside_its_row_clear_of_the_title_band(case) -> None:
    _, _, text = case
    model = Model(text)
    for card_id, obj in model.objects.items():
        cell = model.cells[card_id]
        row = cell.get("parent")
        assert row == f"row-{obj.get('row')}", card_id
        frame, box = model.relative(row), model.relative(card_id)
        assert box.x >= float(model.style(row)["startSize"]) and box.y >= 0, card_id
        assert Box(0, 0, frame.w, frame.h).holds(box), card_id
        assert model.absolute(row).holds(model.absolute(card_id)), card_id


def test_no_two_cards_overlap(case) -> None:
    _, _, text = case
    model = Model(text)
    boxes = {i: model.absolute(i) for i in model.objects}
    for a, first in boxes.items():
        for b, second in boxes.items():
            if a < b:
                apart = (
                    first.x + first.w <= second.x + 0.5
                    or second.x + second.w <= first.x + 0.5
                    or first.y + first.h <= second.y + 0.5
                    or second.y + second.h <= first.y + 0.5
                )
                assert apart, (a, b)


def test_every_step_action_and_touchpoint_is_a_card_naming_its_agency(case) -> None:
    workspace, journey_id, text = case
    journey = workspace.journeys[journey_id]
    model = Model(text)
    cards = sorted(
        (o.get("row"), o.get("step_id"), o.get("agency")) for o in model.objects.values()
    )
    expected = sorted(
        [("customer", s.id, s.agency) for s in journey.steps]
        + [
            (row, s.id, action.agency or s.agency)
            for s in journey.steps
            for row, action in s.actions()
        ]
        + [
            ("touchpoints", s.id, workspace.touchpoints[t].agency)
            for s in journey.steps
            for t in s.touchpoints
        ]
    )
    assert cards == expected
    for obj in model.objects.values():
        assert obj.get("journey_id") == journey_id
        label = obj.get("label")
        assert "<script" not in label
        agency = " ".join(workspace.agency_label(obj.get("agency")).split())
        assert text_of(label).startswith(("★", agency, *KIND_STARTS)), label
        assert agency in " ".join(text_of(label).split())


KIND_STARTS = ("Form", "Letter", "Portal", "Call centre", "Office", "App", "Card")


def test_the_lines_between_rows_join_each_steps_cards_down_its_column(case) -> None:
    workspace, journey_id, text = case
    journey = workspace.journeys[journey_id]
    model = Model(text)
    edges = [c for c in model.cells.values() if c.get("edge") == "1"]
    for edge in edges:
        source, target = model.objects[edge.get("source")], model.objects[edge.get("target")]
        assert source.get("step_id") == target.get("step_id")
        assert ROWS.index(source.get("row")) < ROWS.index(target.get("row"))
        assert edge.get("parent") == "1"
        [geometry] = edge.findall("mxGeometry")
        assert geometry.get("relative") == "1"
        # straight down the column: nothing but its own two cards is in the way
        top, bottom = model.absolute(source.get("id")), model.absolute(target.get("id"))
        x = top.x + top.w / 2
        for other_id in model.objects:
            if other_id in (source.get("id"), target.get("id")):
                continue
            box = model.absolute(other_id)
            between = top.y + top.h < box.y + box.h and box.y < bottom.y
            assert not (between and box.x < x < box.x + box.w), (edge.get("id"), other_id)
    rows_used = {
        s.id: 1 + len({row for row, _ in s.actions()}) + bool(s.touchpoints) for s in journey.steps
    }
    assert len(edges) == sum(n - 1 for n in rows_used.values())


def test_evidence_shows_in_the_customer_cards_outline(bundled_ws: Workspace) -> None:
    model = Model(export_text(bundled_ws, "having-a-child", "blueprint-drawio", "-blueprint"))
    journey = bundled_ws.journeys["having-a-child"]
    for step in journey.steps:
        style = model.style(f"customer-{step.id}")
        level = step.evidence.level.value if step.evidence else "unknown"
        assert ("dashed" in style) == (level in ("assumed", "unknown")), step.id
        assert (style.get("strokeWidth") == "3") == (level == "observed"), step.id


def test_the_file_is_named_after_the_blueprint(bundled_ws: Workspace) -> None:
    from ple.export import export_journey

    [artifact] = export_journey(bundled_ws, "having-a-child", "blueprint-drawio")
    assert artifact.suffix == "-blueprint" and artifact.extension in (None, "", ".drawio")
